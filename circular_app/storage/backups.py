"""Encrypted backups of a profile database and their safe restore.

Backups are made with SQLite's online backup API into a file encrypted with the same data key,
written under a temporary name and renamed only when complete, so a crash never leaves a
half-written backup that looks valid. Restore checks the backup (key, integrity, schema)
before anything is replaced, and keeps the current file beside it.
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
from circular_app.support.files import make_private

BACKUP_SUFFIX = ".kdb"


@dataclass(frozen=True)
class BackupFile:
    """A backup on disk: when, why, and how big."""

    path: Path
    created: dt.datetime
    reason: str
    size: int


def _connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def write_backup(db_path: Path, key: bytes, target: Path) -> Path:
    """Copy the live database (consistent snapshot, WAL included) to ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.unlink(missing_ok=True)
    source = _connect(db_path, key)
    try:
        dest = _connect(part, key)
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


def list_backups(folder: Path) -> list[BackupFile]:
    """Complete backups in ``folder``, newest first (``.part`` files are ignored)."""
    if not folder.exists():
        return []
    found = []
    for path in folder.glob(f"*{BACKUP_SUFFIX}"):
        stem = path.stem
        try:
            created = dt.datetime.strptime(stem[:15], "%Y%m%d-%H%M%S")
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


def restore(db_path: Path, key: bytes, backup: Path, migrations: Path, keep_folder: Path) -> Path:
    """Replace ``db_path`` with ``backup`` after checking it; returns where the old file went.

    The profile must be closed (no engine open). Raises ProfileError and changes nothing when
    the backup is damaged, encrypted with another key, or from a newer version.
    """
    if not backup.exists():
        raise ProfileError("backup.not_found", path=backup)
    inspect_database(backup, key, migrations)
    keep_folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    kept = keep_folder / backup_name(now, "before-restore")
    if db_path.exists():
        write_backup(db_path, key, kept)
    staged = db_path.with_name(f".{db_path.name}.restore")
    shutil.copyfile(backup, staged)
    with open(staged, "rb") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    staged.replace(db_path)
    return kept
