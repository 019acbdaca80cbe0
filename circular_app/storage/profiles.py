"""Profiles on disk: one folder per association under ``<data dir>/profiles/``.

A profile folder holds::

    manifest.json   name, 校下 and kind (public facts about the association, no resident data)
    keys.json       the data key wrapped per officer and for the recovery key (keyfile.py)
    profile.db      the SQLCipher-encrypted SQLite database (+ -wal/-shm while open)
    backups/        rotating encrypted backups

The folder name is a random id, so renaming an association never moves files.

Listing the profiles and reading their key envelopes (all the log-in window does) needs no
database: SQLAlchemy and SQLCipher (``database.py``, ``backups.py``) are imported by the
methods that open or check one, so the log-in window appears before they load.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circular_app.domain.accounts import PRACTICE_PASSWORD
from circular_app.domain.errors import AuthenticationError, ConflictError, NotFoundError, ProfileError
from circular_app.domain.text import trim
from circular_app.storage import keyfile
from circular_app.storage.keyfile import KdfParams, KeyEnvelope
from circular_app.support.clock import utcnow
from circular_app.support.files import atomic_write_text

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from circular_app.storage.database import IntegrityCheck


def _new_profile_id() -> str:
    # secrets (with random, hmac and base64) only when a profile is made: not on the way to
    # the log-in window, which only lists the profiles.
    import secrets

    return secrets.token_hex(6)


MANIFEST_FORMAT = "kairan-desk-profile"
MANIFEST_VERSION = 1
DB_NAME = "profile.db"
KEYS_NAME = "keys.json"
MANIFEST_NAME = "manifest.json"
PROFILE_KINDS = ("association", "practice", "city")


@dataclass(frozen=True)
class ProfileRef:
    """A profile found on disk (readable without a password)."""

    id: str
    name: str
    school_district: str
    kind: str
    folder: Path

    @property
    def db_path(self) -> Path:
        """The encrypted database file."""
        return self.folder / DB_NAME

    @property
    def keys_path(self) -> Path:
        """The key envelope."""
        return self.folder / KEYS_NAME

    @property
    def backups(self) -> Path:
        """Folder of rotating backups."""
        return self.folder / "backups"


@dataclass(frozen=True)
class Unlocked:
    """A data key from a correct password, and how many wrong tries came before it."""

    data_key: bytes
    failed_before: int


@dataclass(frozen=True)
class CreatedProfile:
    """A new profile with the data key (to open it now) and the one-time recovery key."""

    ref: ProfileRef
    data_key: bytes
    recovery_key: str


def _read_manifest(folder: Path) -> ProfileRef:
    path = folder / MANIFEST_NAME
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileError("profile.no_manifest", folder=folder.name) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProfileError("profile.bad_manifest", path=path) from exc
    if doc.get("format") != MANIFEST_FORMAT:
        raise ProfileError("profile.not_profile", path=path)
    if int(doc.get("version", 0)) > MANIFEST_VERSION:
        raise ProfileError("profile.newer_version", path=path)
    try:
        return ProfileRef(
            id=str(doc["id"]),
            name=str(doc["name"]),
            school_district=str(doc["school_district"]),
            kind=str(doc.get("kind", "association")),
            folder=folder,
        )
    except KeyError as exc:
        raise ProfileError("profile.manifest_missing_key", path=path, key=exc.args[0]) from exc


def _write_manifest(ref: ProfileRef) -> None:
    doc = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "id": ref.id,
        "name": ref.name,
        "school_district": ref.school_district,
        "kind": ref.kind,
    }
    atomic_write_text(ref.folder / MANIFEST_NAME, json.dumps(doc, ensure_ascii=False, indent=2))


class ProfileStore:
    """Creates, lists, renames, unlocks and opens profiles under one folder."""

    def __init__(self, root: Path, migrations: Path, kdf: KdfParams | None = None) -> None:
        self._root = root
        self._migrations = migrations
        self._kdf = kdf or KdfParams()

    @property
    def root(self) -> Path:
        """The ``profiles`` folder."""
        return self._root

    def list(self) -> list[ProfileRef]:
        """Profiles that have a readable manifest, by name. Broken folders are skipped."""
        if not self._root.exists():
            return []
        found = []
        for folder in sorted(self._root.iterdir()):
            if folder.is_dir() and (folder / MANIFEST_NAME).exists():
                try:
                    found.append(_read_manifest(folder))
                except ProfileError:
                    continue
        return sorted(found, key=lambda r: r.name)

    def find(self, name_or_id: str) -> ProfileRef:
        """The profile whose name (or folder id) is ``name_or_id``."""
        wanted = trim(name_or_id)
        for ref in self.list():
            if wanted in (ref.name, ref.id):
                return ref
        raise NotFoundError("profile.not_found", name=wanted)

    def _check_name_free(self, name: str, except_id: str | None = None) -> None:
        for ref in self.list():
            if ref.name.casefold() == name.casefold() and ref.id != except_id:
                raise ConflictError("profile.exists", name=name)

    def create(
        self,
        name: str,
        school_district: str,
        admin_username: str,
        admin_password: str,
        kind: str = "association",
    ) -> CreatedProfile:
        """Create the folder, key envelope (admin + recovery) and an empty migrated database.

        This is the only place where a database file is created: :meth:`open` refuses a
        missing one. The caller adds the profile_info and officer rows in its own transaction.
        """
        name, school_district = trim(name), trim(school_district)
        if kind not in PROFILE_KINDS:
            raise ValueError(kind)
        self._check_name_free(name)
        self._root.mkdir(parents=True, exist_ok=True)
        profile_id = _new_profile_id()
        folder = self._root / profile_id
        folder.mkdir(mode=0o700)
        ref = ProfileRef(profile_id, name, school_district, kind, folder)
        data_key = keyfile.new_data_key()
        recovery = keyfile.new_recovery_key()
        envelope = KeyEnvelope(profile_id=profile_id, kdf=self._kdf)
        envelope = keyfile.wrap(envelope, admin_username, admin_password, data_key)
        envelope = keyfile.wrap(envelope, keyfile.RECOVERY_USER, recovery, data_key)
        keyfile.write(ref.keys_path, envelope)
        from circular_app.storage.database import migrate, open_engine

        engine = open_engine(ref.db_path, data_key)
        try:
            migrate(engine, self._migrations)
        finally:
            engine.dispose()
        _write_manifest(ref)
        return CreatedProfile(ref=ref, data_key=data_key, recovery_key=recovery)

    def adopt_database(
        self,
        name: str,
        school_district: str,
        database: bytes,
        data_key: bytes,
        admin_username: str,
        admin_password: str,
    ) -> CreatedProfile:
        """Create a profile from an existing encrypted database (handover on another PC).

        The new key envelope holds only the new administrator and a new recovery key.
        """
        name = trim(name)
        self._check_name_free(name)
        self._root.mkdir(parents=True, exist_ok=True)
        profile_id = _new_profile_id()
        folder = self._root / profile_id
        folder.mkdir(mode=0o700)
        ref = ProfileRef(profile_id, name, trim(school_district), "association", folder)
        staged = folder / f".{DB_NAME}.part"
        staged.write_bytes(database)
        from circular_app.storage.database import inspect_database

        try:
            inspect_database(staged, data_key, self._migrations)
        except ProfileError:
            shutil.rmtree(folder)
            raise
        staged.replace(ref.db_path)
        recovery = keyfile.new_recovery_key()
        envelope = KeyEnvelope(profile_id=profile_id, kdf=self._kdf)
        envelope = keyfile.wrap(envelope, admin_username, admin_password, data_key)
        envelope = keyfile.wrap(envelope, keyfile.RECOVERY_USER, recovery, data_key)
        keyfile.write(ref.keys_path, envelope)
        _write_manifest(ref)
        return CreatedProfile(ref=ref, data_key=data_key, recovery_key=recovery)

    def set_practice_database(self, ref: ProfileRef, database: bytes, data_key: bytes) -> None:
        """Replace a practice profile's database and key (workshop pack import).

        The database is checked first; the envelope keeps only the public practice wrap.
        """
        if ref.kind != "practice":
            raise ProfileError("profile.not_practice_replace")
        staged = ref.folder / f".{DB_NAME}.part"
        staged.write_bytes(database)
        from circular_app.storage.database import inspect_database

        try:
            inspect_database(staged, data_key, self._migrations)
        except ProfileError:
            staged.unlink()
            raise
        envelope = self.envelope(ref)
        for entry in envelope.entries:
            if entry.username != keyfile.RECOVERY_USER:
                envelope = keyfile.wrap(envelope, entry.username, PRACTICE_PASSWORD, data_key)
        envelope = keyfile.remove(envelope, keyfile.RECOVERY_USER)
        for suffix in ("-wal", "-shm"):
            Path(f"{ref.db_path}{suffix}").unlink(missing_ok=True)
        staged.replace(ref.db_path)
        keyfile.write(ref.keys_path, envelope)

    @property
    def kdf(self) -> KdfParams:
        """The key-derivation cost used for new wraps."""
        return self._kdf

    @property
    def migrations(self) -> Path:
        """Alembic script directory."""
        return self._migrations

    def rename(self, ref: ProfileRef, new_name: str) -> ProfileRef:
        """Change the association name shown in the profile list."""
        new_name = trim(new_name)
        if not new_name:
            raise ProfileError("profile.new_name_empty")
        self._check_name_free(new_name, except_id=ref.id)
        renamed = ProfileRef(ref.id, new_name, ref.school_district, ref.kind, ref.folder)
        _write_manifest(renamed)
        return renamed

    def delete(self, ref: ProfileRef) -> None:
        """Remove a profile folder (used to refresh the demo; never called on user data)."""
        shutil.rmtree(ref.folder)

    def envelope(self, ref: ProfileRef) -> KeyEnvelope:
        """The key envelope of ``ref``."""
        return keyfile.read(ref.keys_path)

    def save_envelope(self, ref: ProfileRef, envelope: KeyEnvelope) -> None:
        """Replace the key envelope atomically."""
        keyfile.write(ref.keys_path, envelope)

    def unlock(self, ref: ProfileRef, username: str, password: str) -> Unlocked:
        """Return the data key for a correct password; count and lock out wrong ones."""
        envelope = self.envelope(ref)
        if username == keyfile.RECOVERY_USER:
            raise AuthenticationError("auth.wrong_password")
        before = envelope.entry(username)
        key, updated = keyfile.unwrap(envelope, username, password, utcnow())
        self.save_envelope(ref, updated)
        if key is None:
            entry = updated.entry(username)
            left = keyfile.FREE_ATTEMPTS - (entry.failed_attempts if entry else 0)
            if left > 0:
                raise AuthenticationError("auth.wrong_password_left", left=left)
            seconds = keyfile.lockout_remaining(entry, utcnow()) if entry else 0
            raise AuthenticationError("auth.wrong_password_locked", seconds=seconds)
        return Unlocked(key, before.failed_attempts if before else 0)

    def unlock_with_recovery(self, ref: ProfileRef, recovery_key: str) -> bytes:
        """Return the data key for the printed recovery key."""
        envelope = self.envelope(ref)
        key, updated = keyfile.unwrap(
            envelope, keyfile.RECOVERY_USER, keyfile.normalize_recovery_key(recovery_key), utcnow()
        )
        self.save_envelope(ref, updated)
        if key is None:
            raise AuthenticationError("auth.wrong_recovery_key")
        return key

    def set_password(self, ref: ProfileRef, username: str, password: str, data_key: bytes) -> None:
        """Wrap the data key for ``username`` with a new password (no re-encryption)."""
        self.save_envelope(ref, keyfile.wrap(self.envelope(ref), username, password, data_key))

    def remove_password(self, ref: ProfileRef, username: str) -> None:
        """Forget ``username``'s wrapped key (account deleted)."""
        self.save_envelope(ref, keyfile.remove(self.envelope(ref), username))

    def open(self, ref: ProfileRef, data_key: bytes) -> Engine:
        """Check the database read-only, then open it and migrate it to the current schema.

        A missing, empty or foreign profile.db is refused, never "repaired" with a new empty
        database (that would hide the loss and lock every officer out); the error names the
        file and the latest backup. Half-written temporary files of a crash are removed.
        """
        engine, _check = self._open(ref, data_key, check_later=False)
        return engine

    def open_checking_later(self, ref: ProfileRef, data_key: bytes) -> tuple[Engine, IntegrityCheck | None]:
        """Like :meth:`open`, with the integrity check running in the background (the GUI log-in).

        Returns the engine and the running :class:`~circular_app.storage.database.IntegrityCheck`;
        every commit waits for its verdict and is refused when the file failed it. A profile
        that needs migrating is checked first, as by :meth:`open` (then the check is None):
        a migration writes, and nothing is written to an unchecked file.
        """
        return self._open(ref, data_key, check_later=True)

    def _open(
        self, ref: ProfileRef, data_key: bytes, *, check_later: bool
    ) -> tuple[Engine, IntegrityCheck | None]:
        from circular_app.storage.backups import remove_leftovers
        from circular_app.storage.database import (
            IntegrityCheck,
            known_revisions,
            migrate,
            open_engine,
            quick_check,
        )

        revision = self._check_database(ref, data_key, check_integrity=not check_later)
        check = None
        if check_later:
            if revision != known_revisions(self._migrations)[1]:
                quick_check(ref.db_path, data_key)  # about to migrate: checked first
            else:
                check = IntegrityCheck(ref.db_path, data_key)
                check.start()
        remove_leftovers(ref.folder, ref.backups)
        engine = open_engine(ref.db_path, data_key, integrity=check)
        try:
            migrate(engine, self._migrations)
        except Exception:
            engine.dispose()
            raise
        return engine, check

    def _check_database(self, ref: ProfileRef, data_key: bytes, *, check_integrity: bool = True) -> str:
        """The profile's schema revision, after checking its database read-only."""
        from circular_app.storage.backups import list_backups
        from circular_app.storage.database import inspect_database

        path = ref.db_path
        revision = None
        if not path.is_file():
            code = "profile.db_missing"
        elif path.stat().st_size == 0:
            code = "profile.db_empty"
        else:
            revision = inspect_database(path, data_key, self._migrations, check_integrity=check_integrity)
            code = "profile.db_foreign"
        if revision is not None:
            return revision
        latest = next(iter(list_backups(ref.backups)), None)
        if latest is None:
            raise ProfileError("profile.db_unusable_no_backup", file=path, folder=ref.backups)
        raise ProfileError(code, file=path, backup=latest.path)
