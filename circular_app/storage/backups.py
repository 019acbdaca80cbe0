"""Encrypted backups of a profile database and their safe restore.

Backups are made with SQLite's online backup API into a file encrypted with the same data key,
written under a temporary name and renamed only when complete, so a crash never leaves a
half-written backup that looks valid. Restore checks the backup (key, integrity, schema)
before anything is replaced (an empty or foreign file is refused), keeps the current file
beside it, and swaps the files with one rename.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from circular_app.domain.errors import ProfileError
from circular_app.storage.database import inspect_database
from circular_app.support.clock import utcnow
from circular_app.support.files import make_private

BACKUP_SUFFIX = ".kdb"
#: The time stamp that starts a backup's file name (:func:`backup_name`).
STAMP_FORMAT = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupFile:
    """A backup on disk: when, why, and how big."""

    path: Path
    created: dt.datetime
    reason: str
    size: int


def connect_encrypted(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A plain SQLCipher connection to ``path`` with the raw ``key`` (no SQLAlchemy, no pragmas)."""
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def write_backup(db_path: Path, key: bytes, target: Path) -> Path:
    """Copy the live database (consistent snapshot, WAL included) to ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.unlink(missing_ok=True)
    source = connect_encrypted(db_path, key)
    try:
        dest = connect_encrypted(part, key)
        try:
            source.backup(dest)
            # A backup is a single self-contained file: no WAL beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    with open(part, "rb") as fh:
        os.fsync(fh.fileno())
    make_private(part)  # Encrypted, but still the whole roster: owner only.
    part.replace(target)
    return target


def backup_name(now: dt.datetime, reason: str) -> str:
    """``20261125-130501-close.kdb``: sortable by time, reason readable."""
    return f"{now:%Y%m%d-%H%M%S}-{reason}{BACKUP_SUFFIX}"


def prepare() -> None:
    """Parse one time stamp: the first strptime imports its module and compiles the pattern.

    Called while the officer types the password (ui/shell/preload.py), so that the backup due
    at log-in does not do it after the key derivation.
    """
    dt.datetime.strptime("20000101-000000", STAMP_FORMAT)


def list_backups(folder: Path) -> list[BackupFile]:
    """Complete backups in ``folder``, newest first (``.part`` files are ignored)."""
    if not folder.exists():
        return []
    found = []
    for path in folder.glob(f"*{BACKUP_SUFFIX}"):
        stem = path.stem
        try:
            created = dt.datetime.strptime(stem[:15], STAMP_FORMAT)
        except ValueError:
            continue
        found.append(BackupFile(path, created, stem[16:], path.stat().st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def rotate(folder: Path, keep: int, reasons: tuple[str, ...] = ("close", "daily")) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep``; manual ones are never deleted."""
    automatic = [b for b in list_backups(folder) if b.reason in reasons]
    removed = []
    for old in automatic[keep:]:
        old.path.unlink()
        removed.append(old.path)
    return removed


def check_backup(backup: Path, key: bytes, migrations: Path) -> None:
    """Refuse a file that is not a complete backup of this profile; nothing is changed.

    Missing, empty (0 bytes), truncated, damaged, foreign (another key, not a Kairan Desk
    database) and newer-version files all raise ProfileError.
    """
    if not backup.is_file():
        raise ProfileError("backup.not_found", path=backup)
    inspect_database(backup, key, migrations, require_schema=True)


def restore(db_path: Path, key: bytes, backup: Path, migrations: Path, keep_folder: Path) -> Path:
    """Replace ``db_path`` with ``backup`` after checking it; returns where the old file went.

    The profile must be closed (no engine open). Raises ProfileError and changes nothing when
    the backup is missing, empty, damaged, encrypted with another key, or from a newer version.
    The copy that is swapped in is itself checked (not only the original, which could change
    in between), and the swap is one rename.
    """
    check_backup(backup, key, migrations)
    staged = db_path.with_name(f".{db_path.name}.restore")
    try:
        shutil.copyfile(backup, staged)
        with open(staged, "rb") as fh:
            os.fsync(fh.fileno())
        make_private(staged)
        inspect_database(staged, key, migrations, require_schema=True)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    keep_folder.mkdir(parents=True, exist_ok=True)
    kept = keep_folder / backup_name(dt.datetime.now(), "before-restore")
    if db_path.exists():
        write_backup(db_path, key, kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    staged.replace(db_path)
    return kept


# Temporary names used by write_backup, restore, atomic writes and handover adoption.
_LEFTOVER_PATTERNS = (".*.part", ".*.tmp", ".*.restore")


# A leftover younger than this may still be written by another process (a backup from the
# command line while the GUI opens the profile): it is left for the next start.
LEFTOVER_MIN_AGE = dt.timedelta(minutes=10)


def remove_leftovers(*folders: Path) -> list[Path]:
    """Delete hidden half-written files (``.x.part``, ``.x.tmp``, ``.x.restore``) left by a crash.

    They are never complete (the rename that finishes a write did not happen), and they may
    hold encrypted data or personal data, so they are not kept. Called when a profile opens.
    """
    cutoff = (utcnow() - LEFTOVER_MIN_AGE).timestamp()
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for pattern in _LEFTOVER_PATTERNS:
            for path in folder.glob(pattern):
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    removed.append(path)
    return removed
