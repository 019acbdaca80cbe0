"""Profile actions: create, list, rename, log in.

Listing profiles (what the log-in window does first) needs no database: the repositories,
sessions and the profile context (SQLAlchemy and the ORM models) are imported by the methods
that open one, so the log-in window appears before they load (tests/test_startup_imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from circular_app.domain.accounts import (
    PRACTICE_PASSWORD,
    PRACTICE_USER,
    Role,
    validate_display_name,
    validate_password,
    validate_username,
)
from circular_app.domain.errors import AuthenticationError, ValidationError
from circular_app.domain.text import require_clean_text, trim
from circular_app.storage.profiles import ProfileRef, ProfileStore

if TYPE_CHECKING:
    from circular_app.services.context import ProfileContext
    from circular_app.storage.database import IntegrityCheck
    from circular_app.storage.session import Engine


@dataclass(frozen=True)
class NewProfile:
    """A profile just created, opened for its administrator, with the one-time recovery key."""

    context: ProfileContext
    recovery_key: str


class ProfileService:
    """Creates and opens association profiles."""

    def __init__(self, store: ProfileStore) -> None:
        self._store = store

    @property
    def store(self) -> ProfileStore:
        """The underlying profile folder store."""
        return self._store

    def list_profiles(self) -> list[ProfileRef]:
        """Every profile in the data directory, by name."""
        return self._store.list()

    def find(self, name_or_id: str) -> ProfileRef:
        """A profile by name or id."""
        return self._store.find(name_or_id)

    def create_profile(
        self,
        name: str,
        school_district: str,
        admin_username: str,
        admin_password: str,
        admin_display_name: str = "",
        kind: str = "association",
    ) -> NewProfile:
        """Create a profile whose first account is the administrator (会長)."""
        if not require_clean_text("町会名", trim(name)):
            raise ValidationError("町会名", "field.empty")
        if not require_clean_text("校下", trim(school_district)):
            raise ValidationError("校下", "field.empty")
        username = validate_username(admin_username)
        shown = validate_display_name(admin_display_name, "会長")
        validate_password(admin_password)
        return self._create(name, school_district, username, admin_password, shown, kind, Role.ADMIN)

    def create_practice_profile(self, name: str, school_district: str) -> NewProfile:
        """A practice profile for workshops: fictional data, opens without a password.

        Its data key is wrapped with a fixed, public passphrase (PRACTICE_PASSWORD): the
        encryption machinery stays the same, but nothing in it is secret by design.
        """
        return self._create(
            name, school_district, PRACTICE_USER, PRACTICE_PASSWORD, "練習生", "practice", Role.TRAINEE
        )

    def _create(
        self,
        name: str,
        school_district: str,
        username: str,
        password: str,
        display_name: str,
        kind: str,
        role: Role,
    ) -> NewProfile:
        from circular_app.storage import accounts_repo
        from circular_app.storage.session import open_session

        created = self._store.create(name, school_district, username, password, kind=kind)
        engine = self._store.open(created.ref, created.data_key)
        with open_session(engine) as session, session.begin():
            accounts_repo.add_profile_info(session, created.ref.name, created.ref.school_district, kind)
            accounts_repo.add_officer(session, username, trim(display_name), role)
        context = self._login_context(created.ref, engine, username, created.data_key)
        return NewProfile(context=context, recovery_key=created.recovery_key)

    def open_practice(self, ref: ProfileRef, *, check_integrity_later: bool = False) -> ProfileContext:
        """Open a practice profile without asking for a password (workshops never stall)."""
        if ref.kind != "practice":
            raise AuthenticationError("auth.not_practice")
        return self.open_profile(
            ref, PRACTICE_USER, PRACTICE_PASSWORD, check_integrity_later=check_integrity_later
        )

    def open_profile(
        self, ref: ProfileRef, username: str, password: str, *, check_integrity_later: bool = False
    ) -> ProfileContext:
        """Unlock with an officer's password and open the profile.

        ``check_integrity_later`` (the GUI log-in): the database's integrity check runs in the
        background while the caller builds its window (``context.integrity``); commits wait for
        it, and the log-in is recorded in the audit log once it has passed.
        """
        unlocked = self._store.unlock(ref, username, password)
        if check_integrity_later:
            engine, check = self._store.open_checking_later(ref, unlocked.data_key)
        else:
            engine, check = self._store.open(ref, unlocked.data_key), None
        try:
            context = self._login_context(ref, engine, username, unlocked.data_key, check)
        except Exception:
            if check is not None:
                check.join()
            raise
        if check is None:
            self._record_login(context, unlocked.failed_before)
        else:
            failed_before = unlocked.failed_before
            check.on_verdict(lambda error: None if error else self._record_login(context, failed_before))
        return context

    def _record_login(self, context: ProfileContext, failed_before: int) -> None:
        from circular_app.storage import audit_repo

        with context.sessions.begin() as session:
            if failed_before:
                # Wrong passwords happen before the database can be opened: record them now.
                audit_repo.append(
                    session,
                    context.officer.username,
                    "login_failed",
                    "",
                    {"attempts": failed_before},
                )
            audit_repo.append(session, context.officer.username, "login")

    def open_with_key(self, ref: ProfileRef, username: str, data_key: bytes) -> ProfileContext:
        """Open with a data key already unwrapped (recovery key, handover)."""
        engine = self._store.open(ref, data_key)
        return self._login_context(ref, engine, username, data_key)

    def _login_context(
        self,
        ref: ProfileRef,
        engine: Engine,
        username: str,
        key: bytes,
        integrity: IntegrityCheck | None = None,
    ) -> ProfileContext:
        from circular_app.services.context import ProfileContext
        from circular_app.storage import accounts_repo
        from circular_app.storage.session import open_session

        with open_session(engine) as session:
            officer = accounts_repo.find_officer(session, username)
            if officer is None or officer.disabled:
                engine.dispose()
                raise AuthenticationError("auth.account_unusable")
        return ProfileContext.build(ref, engine, officer, key, integrity)

    def rename_profile(self, context: ProfileContext, new_name: str) -> ProfileRef:
        """Rename the association (manifest and database)."""
        from circular_app.storage import accounts_repo, audit_repo

        context.require(context.officer.can_manage_accounts, "町会名の変更")
        renamed = self._store.rename(context.ref, new_name)
        with context.sessions.begin() as session:
            accounts_repo.rename_profile(session, renamed.name)
            audit_repo.append(session, context.officer.username, "profile_rename")
        context.ref = renamed
        return renamed
