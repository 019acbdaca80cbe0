"""Backups (automatic and to a USB stick), restore, and the yearly handover (引き継ぎ)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.accounts import validate_display_name, validate_password, validate_username
from circular_app.domain.errors import ProfileError
from circular_app.services.context import ProfileContext
from circular_app.storage import accounts_repo, audit_repo
from circular_app.storage.backups import (
    BackupFile,
    backup_name,
    check_backup,
    list_backups,
    rotate,
    write_backup,
)
from circular_app.storage.backups import restore as restore_file
from circular_app.storage.handover import read_handover, write_handover
from circular_app.storage.profiles import CreatedProfile, ProfileStore
from circular_app.storage.session import open_session

# What the outgoing officer hands over besides the file (shown in the GUI and the README).
HANDOVER_CHECKLIST = (
    "引き継ぎファイル（USBメモリなど）と、その合言葉（別の紙で渡す）",
    "回復キーを印刷した紙（新しい回復キーは取り込み時に表示されます）",
    "役員・班長のアカウント一覧と、新年度の班長の割り当て",
    "回覧中の紙の回覧板と、戻ってきた回覧表（押印済み）",
    "市・連合会の連絡先、ハブ（電子回覧）の登録状況",
    "古いPCのバックアップの保管場所と、処分の予定",
)

# Backups the app makes by itself into the profile's own folder (allowed for every role).
AUTOMATIC_REASONS = frozenset({"daily", "close"})


@dataclass(frozen=True)
class RestoreResult:
    """Which backup was restored and where the replaced file was kept."""

    restored: Path
    kept_current: Path


class BackupService:
    """Backups of the open profile."""

    def __init__(self, context: ProfileContext, store: ProfileStore, keep: int) -> None:
        self._ctx = context
        self._store = store
        self._keep = keep

    @property
    def folder(self) -> Path:
        """Where automatic backups go."""
        return self._ctx.ref.backups

    def backups(self) -> list[BackupFile]:
        """Backups in the profile's folder, newest first (管理者 only)."""
        self._ctx.require(self._ctx.officer.can_copy_profile, "バックアップの一覧")
        return list_backups(self.folder)

    def back_up(self, reason: str = "manual", destination: Path | None = None) -> Path:
        """Write an encrypted backup now (to ``destination`` folder, e.g. a USB stick).

        Only a 管理者 may copy the profile (it holds every 班); the app's own automatic copies
        into the profile's folder (daily, on close) are made whoever is logged in.
        """
        if reason not in AUTOMATIC_REASONS or destination is not None:
            self._ctx.require(self._ctx.officer.can_copy_profile, "バックアップの作成")
        name = backup_name(dt.datetime.now(), reason)
        # On a USB stick several associations may share a folder: prefix the association name.
        target = destination / f"{self._ctx.ref.name}-{name}" if destination else self.folder / name
        try:
            write_backup(self._ctx.ref.db_path, self._ctx.data_key, target)
        except OSError as exc:
            raise ProfileError("backup.unwritable", path=target.parent, reason=exc.strerror) from exc
        with self._ctx.sessions.begin() as session:
            audit_repo.append(session, self._ctx.officer.username, "backup", "", {"reason": reason})
        rotate(self.folder, self._keep)
        return target

    def back_up_if_due(self) -> Path | None:
        """The daily backup: made when the newest automatic one is older than a day."""
        latest = next((b for b in list_backups(self.folder) if b.reason in AUTOMATIC_REASONS), None)
        if latest is not None and dt.datetime.now() - latest.created < dt.timedelta(days=1):
            return None
        return self.back_up("daily")

    def restore(self, backup: Path) -> RestoreResult:
        """Check ``backup``, close the profile, replace the database and keep the current one.

        A refused file (missing, empty, damaged, foreign, newer) changes nothing, is audited as
        ``restore_refused`` with the reason, and the profile stays open. After a restore the
        context is closed; the caller opens the profile again.
        """
        self._ctx.require(self._ctx.officer.can_copy_profile, "バックアップからの復元")
        try:
            check_backup(backup, self._ctx.data_key, self._store.migrations)
        except ProfileError as exc:
            with self._ctx.sessions.begin() as session:
                audit_repo.append(
                    session,
                    self._ctx.officer.username,
                    "restore_refused",
                    "",
                    {"file": backup.name, "reason": exc.code},
                )
            raise
        with self._ctx.sessions.begin() as session:
            audit_repo.append(session, self._ctx.officer.username, "restore", "", {"file": backup.name})
        self._ctx.close()
        kept = restore_file(
            self._ctx.ref.db_path, self._ctx.data_key, backup, self._store.migrations, self.folder
        )
        return RestoreResult(backup, kept)

    def export_handover(self, path: Path, passphrase: str) -> Path:
        """Write the whole profile into one passphrase-protected file for the next officer."""
        self._ctx.require(self._ctx.officer.can_copy_profile, "引き継ぎファイルの作成")
        validate_password(passphrase)
        with tempfile.TemporaryDirectory(prefix="kairan-handover-") as tmp:
            snapshot = write_backup(self._ctx.ref.db_path, self._ctx.data_key, Path(tmp) / "profile.db")
            database = snapshot.read_bytes()
        with self._ctx.sessions.begin() as session:
            audit_repo.append(session, self._ctx.officer.username, "handover_export")
        write_handover(
            path,
            database,
            self._ctx.data_key,
            self._ctx.ref.name,
            self._ctx.ref.school_district,
            passphrase,
            self._store.kdf,
        )
        return path


def import_handover(
    store: ProfileStore,
    path: Path,
    passphrase: str,
    admin_username: str,
    admin_password: str,
    admin_display_name: str = "",
) -> CreatedProfile:
    """Open a handover file on this PC as a new profile whose administrator is the new officer.

    Officers of the previous year keep their accounts in the database but have no password
    on this PC until the new administrator resets it.
    """
    username = validate_username(admin_username)
    shown = validate_display_name(admin_display_name, username)
    validate_password(admin_password)
    contents = read_handover(path, passphrase)
    created = store.adopt_database(
        contents.name,
        contents.school_district,
        contents.database,
        contents.data_key,
        username,
        admin_password,
    )
    engine = store.open(created.ref, created.data_key)
    try:
        with open_session(engine) as session, session.begin():
            accounts_repo.make_admin(session, username, shown)
            audit_repo.append(session, username, "login", "", {"via": "handover"})
    finally:
        engine.dispose()
    return created
