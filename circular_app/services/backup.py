"""Backups (automatic and to a USB stick), restore, and the yearly handover (引き継ぎ)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.accounts import (
    Officer,
    Role,
    validate_display_name,
    validate_password,
    validate_username,
)
from circular_app.domain.errors import NotFoundError, ProfileError, ValidationError
from circular_app.services.context import ProfileContext
from circular_app.storage import accounts_repo, audit_repo, roster_repo
from circular_app.storage.backups import (
    BackupFile,
    backup_name,
    check_backup,
    list_backups,
    rotate,
    write_backup,
)
from circular_app.storage.backups import restore as restore_file
from circular_app.storage.han_copy import HanCopyCounts, write_han_copy_database
from circular_app.storage.handover import KIND_HAN_COPY, KIND_HANDOVER, read_handover, write_handover
from circular_app.storage.keyfile import new_data_key
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


@dataclass(frozen=True)
class HanCopyResult:
    """A written 班長 copy: where, for whom, and what it holds (counts only)."""

    path: Path
    username: str
    han_name: str
    counts: HanCopyCounts


@dataclass(frozen=True)
class HanCopyLeader:
    """A 班長 account the logged-in officer may make a 班長 copy for."""

    username: str
    display_name: str
    han_id: int
    han_name: str


@dataclass(frozen=True)
class OpenedHanCopy:
    """A 班長 copy opened as a profile on this PC, and the 班長 who logs in to it."""

    created: CreatedProfile
    username: str


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

    def han_copy_leaders(self) -> list[HanCopyLeader]:
        """The active 班長 accounts with a 班 that the logged-in officer may copy (a 班長: themself)."""
        with self._ctx.sessions() as session:
            names = {h.id: h.name for h in roster_repo.han_values(session)}
            officers = accounts_repo.officers(session)
        return [
            HanCopyLeader(o.username, o.display_name, o.han_id, names[o.han_id])
            for o in officers
            if o.role is Role.HAN_LEADER
            and o.han_id in names
            and not o.disabled
            and self._ctx.officer.may_make_han_copy_for(o)
        ]

    def export_han_copy(
        self, path: Path, password: str, *, username: str | None = None, han_id: int | None = None
    ) -> HanCopyResult:
        """Write a 班長 copy: only one 班, encrypted to that 班長's own password.

        The 班長 is ``username``, else the one active 班長 account of ``han_id``, else the
        logged-in officer. ``password`` must be that 班長's current password (checked against
        their entry in keys.json, wrong tries count towards the lock-out): the copy is
        encrypted with it, under a new data key, so it opens only with what the 班長 knows and
        never reveals the profile's key. 管理者 may make one for any 班長, a 班長 only their own.
        """
        with self._ctx.sessions() as session:
            leader = self._han_copy_leader(accounts_repo.officers(session), username, han_id)
            han_name = next(h.name for h in roster_repo.han_values(session) if h.id == leader.han_id)
        unlocked = self._store.unlock(self._ctx.ref, leader.username, password)
        if unlocked.data_key != self._ctx.data_key:
            raise ProfileError("han_copy.key_mismatch", username=leader.username)
        assert leader.han_id is not None  # checked by _han_copy_leader
        copy_key = new_data_key()
        with tempfile.TemporaryDirectory(prefix="kairan-han-copy-") as tmp:
            snapshot = write_backup(self._ctx.ref.db_path, self._ctx.data_key, Path(tmp) / "snapshot.db")
            counts = write_han_copy_database(
                snapshot, self._ctx.data_key, Path(tmp) / "han.db", copy_key, leader.han_id, leader.id
            )
            database = (Path(tmp) / "han.db").read_bytes()
        write_handover(
            path,
            database,
            copy_key,
            f"{self._ctx.ref.name}（{han_name}・班長コピー）",
            self._ctx.ref.school_district,
            password,
            self._store.kdf,
            kind=KIND_HAN_COPY,
            username=leader.username,
        )
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "han_copy_export",
                leader.username,
                {"han_id": leader.han_id, "households": counts.households, "circulars": counts.circulars},
            )
        return HanCopyResult(path, leader.username, han_name, counts)

    def _han_copy_leader(self, officers: list[Officer], username: str | None, han_id: int | None) -> Officer:
        """The 班長 account a copy is for (see :meth:`export_han_copy`); refuses other roles."""
        leader = self._ctx.officer
        if username is not None:
            folded = username.casefold()
            found = [o for o in officers if o.username.casefold() == folded]
            if not found:
                raise NotFoundError("account.not_found", name=username)
            leader = found[0]
        elif han_id is not None:
            leaders = [
                o for o in officers if o.role is Role.HAN_LEADER and o.han_id == han_id and not o.disabled
            ]
            if len(leaders) != 1:
                code = "han_copy.no_leader" if not leaders else "han_copy.several_leaders"
                raise NotFoundError(code, names="、".join(o.username for o in leaders))
            leader = leaders[0]
        # Who asks is checked before what is asked: a 班長 learns nothing about other accounts.
        self._ctx.require(self._ctx.officer.may_make_han_copy_for(leader), "班長コピーの作成")
        if leader.role is not Role.HAN_LEADER or leader.han_id is None:
            raise ValidationError("班長", "han_copy.not_han_leader", username=leader.username)
        if leader.disabled:
            raise ValidationError("班長", "han_copy.disabled", username=leader.username)
        return leader


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
    if contents.kind != KIND_HANDOVER:
        raise ProfileError("handover.is_han_copy", file=path.name)
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


def import_han_copy(store: ProfileStore, path: Path, password: str) -> OpenedHanCopy:
    """Open a 班長 copy on the 班長's own PC as a new profile, with their own password.

    The copy's only account is that 班長 (role 班長, their 班), so the app keeps to the same
    rules as on the hall PC. A new recovery key is made for the copy.
    """
    contents = read_handover(path, password)
    if contents.kind != KIND_HAN_COPY or not contents.username:
        raise ProfileError("han_copy.not_han_copy", file=path.name)
    created = store.adopt_database(
        contents.name,
        contents.school_district,
        contents.database,
        contents.data_key,
        contents.username,
        password,
    )
    engine = store.open(created.ref, created.data_key)
    try:
        with open_session(engine) as session, session.begin():
            audit_repo.append(session, contents.username, "han_copy_import", "", {"file": path.name})
    finally:
        engine.dispose()
    return OpenedHanCopy(created, contents.username)
