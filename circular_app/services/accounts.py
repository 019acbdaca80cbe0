"""Officer accounts: the administrator adds, disables and resets them; anyone changes their own.

Passwords never reach the database: each account's password wraps the profile's data key in
``keys.json`` (see storage/keyfile.py). A disabled account's wrapped key is removed, so its
old password cannot open the file even outside the app.
"""

from __future__ import annotations

from circular_app.domain.accounts import (
    Officer,
    Role,
    validate_display_name,
    validate_password,
    validate_username,
)
from circular_app.domain.errors import AuthenticationError, ConflictError, ValidationError
from circular_app.services.context import ProfileContext
from circular_app.storage import accounts_repo, audit_repo, roster_repo

# ProfileRef is re-exported: the GUI names it in annotations but may not import storage.
from circular_app.storage.profiles import ProfileRef as ProfileRef
from circular_app.storage.profiles import ProfileStore


class AccountService:
    """Accounts of the open profile."""

    def __init__(self, context: ProfileContext, store: ProfileStore) -> None:
        self._ctx = context
        self._store = store

    def list_officers(self) -> list[Officer]:
        """Every account, administrators first."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "アカウントの一覧")
        with self._ctx.sessions() as session:
            return accounts_repo.officers(session)

    def add_officer(
        self, username: str, display_name: str, role: Role, password: str, han_id: int | None = None
    ) -> Officer:
        """Create an account; a 班長 must be given their 班."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "アカウントの追加")
        name = validate_username(username)
        shown = validate_display_name(display_name, name)
        validate_password(password)
        if role is Role.HAN_LEADER and han_id is None:
            raise ValidationError("班", "account.han_required")
        with self._ctx.sessions.begin() as session:
            if accounts_repo.username_taken(session, name):
                raise ConflictError("account.name_taken", name=name)
            if han_id is not None:
                roster_repo.han_value(session, han_id)
            added = accounts_repo.add_officer(
                session, name, shown, role, han_id if role is Role.HAN_LEADER else None
            )
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "account_add",
                f"officer:{added.id}",
                {"role": role.value},
            )
            # Wrap last: if anything above failed, no password can open the profile for this name.
            self._store.set_password(self._ctx.ref, name, password, self._ctx.data_key)
            return added

    def set_disabled(self, username: str, disabled: bool) -> Officer:
        """Disable (and remove the wrapped key of) an account, or enable it again."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "アカウントの無効化")
        if username.casefold() == self._ctx.officer.username.casefold():
            raise ConflictError("account.disable_self")
        with self._ctx.sessions.begin() as session:
            found = accounts_repo.officer(session, username)
            if disabled and found.role is Role.ADMIN and accounts_repo.active_admins(session) <= 1:
                raise ConflictError("account.last_admin")
            changed = accounts_repo.set_disabled(session, found.id, disabled)
            action = "account_disable" if disabled else "account_enable"
            audit_repo.append(session, self._ctx.officer.username, action, f"officer:{changed.id}")
            if disabled:
                self._store.remove_password(self._ctx.ref, changed.username)
            return changed

    def reset_password(self, username: str, new_password: str) -> None:
        """Administrator sets a new password for an account (e.g. forgotten, or re-enabled)."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "パスワードの再設定")
        validate_password(new_password)
        with self._ctx.sessions.begin() as session:
            found = accounts_repo.officer(session, username)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "account_password",
                f"officer:{found.id}",
                {"by": "admin"},
            )
            self._store.set_password(self._ctx.ref, found.username, new_password, self._ctx.data_key)

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """The logged-in officer changes their password (the old one is checked first)."""
        validate_password(new_password)
        me = self._ctx.officer.username
        try:
            self._store.unlock(self._ctx.ref, me, old_password)
        except AuthenticationError as exc:
            raise AuthenticationError("account.wrong_current_password") from exc
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session, me, "account_password", f"officer:{self._ctx.officer.id}", {"by": "self"}
            )
            self._store.set_password(self._ctx.ref, me, new_password, self._ctx.data_key)

    def record_lock(self) -> None:
        """Record that the logged-in officer's screen was locked (idle, or on request)."""
        with self._ctx.sessions.begin() as session:
            audit_repo.append(session, self._ctx.officer.username, "lock")

    def unlock_screen(self, password: str) -> None:
        """Check the logged-in officer's password to unlock the screen.

        Wrong passwords count towards the same lock-out as at log-in (AuthenticationError
        carries the message); earlier failures are recorded once the right one is given.
        """
        me = self._ctx.officer.username
        unlocked = self._store.unlock(self._ctx.ref, me, password)
        with self._ctx.sessions.begin() as session:
            if unlocked.failed_before:
                audit_repo.append(session, me, "login_failed", "", {"attempts": unlocked.failed_before})
            audit_repo.append(session, me, "login", "", {"via": "unlock"})

    def reset_with_recovery(self, recovery_key: str, new_password: str) -> None:
        """Set the logged-in officer's password after the recovery key is proven again.

        For the "every password forgotten" case: the profile was opened with the recovery key,
        which is checked here too, so this is never a way around :meth:`change_own_password`.
        """
        validate_password(new_password)
        self._store.unlock_with_recovery(self._ctx.ref, recovery_key)
        me = self._ctx.officer.username
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session, me, "account_password", f"officer:{self._ctx.officer.id}", {"by": "recovery"}
            )
            self._store.set_password(self._ctx.ref, me, new_password, self._ctx.data_key)
