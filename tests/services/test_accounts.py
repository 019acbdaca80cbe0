"""Officer accounts: roles, disabling, password resets, and who may do what."""

from __future__ import annotations

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDeniedError,
    ValidationError,
)
from circular_app.domain.roster import HouseholdDraft
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


def test_han_leader_account_sees_only_their_han(app: App, services: ProfileServices) -> None:
    """A 班長 logs in with their own password and lists only their 班."""
    one, two = services.roster.add_han("1班"), services.roster.add_han("2班")
    services.roster.add_household(HouseholdDraft(name="一班 世帯", han_id=one.id))
    services.roster.add_household(HouseholdDraft(name="二班 世帯", han_id=two.id))
    services.accounts.add_officer("hancho2", "二班 班長", Role.HAN_LEADER, "hancho password", two.id)
    ref = services.context.ref
    leader = app.services_for(app.profiles.open_profile(ref, "hancho2", "hancho password"))
    try:
        assert [h.name for h in leader.roster.list_households()] == ["二班 世帯"]
        with pytest.raises(PermissionDeniedError):
            leader.accounts.list_officers()
    finally:
        leader.context.close()


def test_han_leader_needs_a_han(services: ProfileServices) -> None:
    """Creating a 班長 without a 班 is refused."""
    with pytest.raises(ValidationError):
        services.accounts.add_officer("hancho", "班長", Role.HAN_LEADER, "long password")


def test_short_password_is_refused_long_simple_one_accepted(services: ProfileServices) -> None:
    """The rule is length, not complexity: 7 characters fail, a simple long phrase passes."""
    with pytest.raises(ValidationError):
        services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "abc1234")
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "sakura sakura")


def test_disabled_account_cannot_log_in(app: App, services: ProfileServices) -> None:
    """Disabling removes the account's key: its old password no longer opens the profile."""
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "officer password")
    services.accounts.set_disabled("yakuin", True)
    with pytest.raises(AuthenticationError):
        app.profiles.open_profile(services.context.ref, "yakuin", "officer password")


def test_reenabled_account_logs_in_after_reset(app: App, services: ProfileServices) -> None:
    """An enabled account with a reset password can log in again."""
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "officer password")
    services.accounts.set_disabled("yakuin", True)
    services.accounts.set_disabled("yakuin", False)
    services.accounts.reset_password("yakuin", "another password")
    app.profiles.open_profile(services.context.ref, "yakuin", "another password").close()


def test_last_admin_cannot_be_disabled(services: ProfileServices) -> None:
    """The profile always keeps an administrator; you cannot disable yourself."""
    with pytest.raises(ConflictError):
        services.accounts.set_disabled(ADMIN_USER, True)


def test_officer_role_cannot_edit_roster(app: App, services: ProfileServices) -> None:
    """A 役員 cannot import or change the roster (administrator's job)."""
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "officer password")
    officer = app.services_for(app.profiles.open_profile(services.context.ref, "yakuin", "officer password"))
    try:
        with pytest.raises(PermissionDeniedError):
            officer.roster.add_han("1班")
    finally:
        officer.context.close()


def test_change_own_password_checks_the_old_one(app: App, services: ProfileServices) -> None:
    """Changing one's password needs the current one; afterwards only the new one works."""
    with pytest.raises(AuthenticationError):
        services.accounts.change_own_password("not it", "new long password")
    services.accounts.change_own_password(ADMIN_PASSWORD, "new long password")
    app.profiles.open_profile(services.context.ref, ADMIN_USER, "new long password").close()
