"""The administrator's account list, adding a 班長, disabling, resetting, changing one's password."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import AuthenticationError, ConflictError, ValidationError
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.security.accounts import (
    AccountsDialog,
    AddOfficerDialog,
    ChangePasswordDialog,
    OfficerTableModel,
    ResetPasswordDialog,
)
from circular_app.ui.security.common import error_text
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.ui.security.support import WindowFactory, answer_questions, fake_exec, windows

__all__ = ["windows"]  # the fixture, imported so that pytest finds it here

LEADER_PASSWORD = "han leader password"


@pytest.fixture
def accounts_dialog(qtbot: QtBot, demo_services: ProfileServices) -> AccountsDialog:
    """The account list of the demo profile, opened by its administrator."""
    dialog = AccountsDialog(demo_services)
    qtbot.addWidget(dialog)
    return dialog


def _first_han_id(services: ProfileServices) -> int:
    return services.roster.list_hans()[0].id


def _fill_leader(han_id: int) -> Callable[[AddOfficerDialog], None]:
    def fill(dialog: AddOfficerDialog) -> None:
        dialog.username_edit.setText("han1")
        dialog.display_name_edit.setText("1班 班長")
        dialog.set_role(Role.HAN_LEADER)
        dialog.set_han(han_id)
        dialog.passwords.first.setText(LEADER_PASSWORD)
        dialog.passwords.second.setText(LEADER_PASSWORD)

    return fill


def _add_leader(
    monkeypatch: pytest.MonkeyPatch, dialog: AccountsDialog, services: ProfileServices
) -> list[AddOfficerDialog]:
    fill = _fill_leader(_first_han_id(services))
    seen = fake_exec(monkeypatch, AddOfficerDialog, fill)
    dialog.add_button.click()
    return seen


def test_officer_model_passes_the_model_tester(qtmodeltester: object, demo_services: ProfileServices) -> None:
    """The account table model is consistent for Qt's model tester."""
    model = OfficerTableModel()
    model.set_hans(demo_services.roster.list_hans())
    model.set_rows(demo_services.accounts.list_officers())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_list_shows_the_administrator(accounts_dialog: AccountsDialog) -> None:
    """The demo administrator is listed with the role 管理者 and in use."""
    rows = [
        [accounts_dialog.model.index(r, c).data() for c in range(4)]
        for r in range(accounts_dialog.model.rowCount())
    ]
    assert rows == [["demo", "見本 会長", "管理者", "使用中"]]


def test_added_han_leader_is_listed_with_their_han(
    monkeypatch: pytest.MonkeyPatch, accounts_dialog: AccountsDialog, demo_services: ProfileServices
) -> None:
    """A new 班長 appears with their 班 in the role column."""
    _add_leader(monkeypatch, accounts_dialog, demo_services)
    han = demo_services.roster.list_hans()[0]
    leader = next(o for o in accounts_dialog.model.rows() if o.username == "han1")
    assert accounts_dialog.model.role_text(leader) == f"班長（{han.name}）"


def test_added_han_leader_sees_only_their_han(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    app: App,
    accounts_dialog: AccountsDialog,
    demo_services: ProfileServices,
    windows: WindowFactory,
) -> None:
    """The 班長 added by the administrator logs in and the roster lists only their 班."""
    _add_leader(monkeypatch, accounts_dialog, demo_services)
    han_id = _first_han_id(demo_services)
    context = app.profiles.open_profile(demo_services.context.ref, "han1", LEADER_PASSWORD)
    window = windows(app.services_for(context))
    model = window.page.model
    shown = {model.household_at(r).han_id for r in range(model.rowCount())}
    expected = [h for h in demo_services.roster.list_households() if h.han_id == han_id]
    assert shown == {han_id}
    assert model.rowCount() == len(expected)


def test_han_leader_without_han_is_refused(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """A 班長 needs a 班: the reason is shown beside the 班 field and nothing is added."""
    dialog = AddOfficerDialog(demo_services.accounts, demo_services.roster.list_hans())
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("han1")
    dialog.set_role(Role.HAN_LEADER)
    dialog.passwords.first.setText(LEADER_PASSWORD)
    dialog.passwords.second.setText(LEADER_PASSWORD)
    dialog.accept()
    assert dialog.errors["班"].text() == "班長には担当の班を選んでください"
    assert dialog.added is None


def test_han_field_is_only_enabled_for_han_leaders(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The 班 choice is enabled for 班長 only."""
    dialog = AddOfficerDialog(demo_services.accounts, demo_services.roster.list_hans())
    qtbot.addWidget(dialog)
    dialog.set_role(Role.OFFICER)
    assert not dialog.han_combo.isEnabled()
    dialog.set_role(Role.HAN_LEADER)
    assert dialog.han_combo.isEnabled()


def test_different_passwords_are_refused(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Two different entries are refused under the password fields."""
    dialog = AddOfficerDialog(demo_services.accounts, [])
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("yakuin")
    dialog.passwords.first.setText("first password")
    dialog.passwords.second.setText("other password")
    dialog.accept()
    assert dialog.passwords.error.text() == "2回の入力が一致しません"
    assert dialog.added is None


def test_short_password_shows_the_length_rule(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """A short password is refused with the length rule in plain words."""
    dialog = AddOfficerDialog(demo_services.accounts, [])
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("yakuin")
    dialog.passwords.first.setText("short")
    dialog.passwords.second.setText("short")
    dialog.accept()
    assert dialog.passwords.error.text() == "8文字以上にしてください"
    assert "8文字以上" in dialog.passwords.rule.text()


def test_taken_user_name_is_refused(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """A user name already in use is refused with the reason."""
    dialog = AddOfficerDialog(demo_services.accounts, [])
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("DEMO")
    dialog.passwords.first.setText(LEADER_PASSWORD)
    dialog.passwords.second.setText(LEADER_PASSWORD)
    dialog.accept()
    assert dialog.general_error.text() == "ユーザー名「DEMO」は既に使われています"


def _select(dialog: AccountsDialog, username: str) -> Officer:
    assert dialog.select(username)
    officer = dialog.current_officer()
    assert officer is not None
    return officer


def test_disabling_asks_and_then_the_password_no_longer_opens(
    monkeypatch: pytest.MonkeyPatch, app: App, accounts_dialog: AccountsDialog, demo_services: ProfileServices
) -> None:
    """A disabled account is shown as 無効 and its password cannot log in any more."""
    _add_leader(monkeypatch, accounts_dialog, demo_services)
    asked = answer_questions(monkeypatch)
    _select(accounts_dialog, "han1")
    accounts_dialog.toggle_button.click()
    assert "無効" in asked[0]
    assert accounts_dialog.model.index(accounts_dialog.table.currentIndex().row(), 3).data() == "無効"
    with pytest.raises(AuthenticationError):
        app.profiles.open_profile(demo_services.context.ref, "han1", LEADER_PASSWORD)


def test_own_account_cannot_be_disabled(accounts_dialog: AccountsDialog) -> None:
    """The logged-in administrator's own account has the disable button greyed out."""
    _select(accounts_dialog, "demo")
    assert not accounts_dialog.toggle_button.isEnabled()


def test_enabling_again_asks_for_a_new_password(
    monkeypatch: pytest.MonkeyPatch, app: App, accounts_dialog: AccountsDialog, demo_services: ProfileServices
) -> None:
    """Enabling a disabled account opens the password dialog; the new password then logs in."""
    _add_leader(monkeypatch, accounts_dialog, demo_services)
    answer_questions(monkeypatch)
    _select(accounts_dialog, "han1")
    accounts_dialog.toggle_button.click()

    def fill(dialog: ResetPasswordDialog) -> None:
        dialog.passwords.first.setText("a new password")
        dialog.passwords.second.setText("a new password")

    seen = fake_exec(monkeypatch, ResetPasswordDialog, fill)
    accounts_dialog.toggle_button.click()
    assert len(seen) == 1
    context = app.profiles.open_profile(demo_services.context.ref, "han1", "a new password")
    context.close()


def test_reset_password_lets_the_officer_log_in_with_it(
    monkeypatch: pytest.MonkeyPatch, app: App, accounts_dialog: AccountsDialog, demo_services: ProfileServices
) -> None:
    """The administrator's reset password opens the profile for that officer."""
    _add_leader(monkeypatch, accounts_dialog, demo_services)
    _select(accounts_dialog, "han1")

    def fill(dialog: ResetPasswordDialog) -> None:
        dialog.passwords.first.setText("reset by admin")
        dialog.passwords.second.setText("reset by admin")

    fake_exec(monkeypatch, ResetPasswordDialog, fill)
    accounts_dialog.reset_button.click()
    assert "新しいパスワードを設定しました" in accounts_dialog.status.text()
    context = app.profiles.open_profile(demo_services.context.ref, "han1", "reset by admin")
    context.close()


def test_change_own_password_refuses_a_wrong_current_one(qtbot: QtBot, services: ProfileServices) -> None:
    """A wrong current password is shown beside its field; nothing changes."""
    dialog = ChangePasswordDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("not my password")
    dialog.passwords.first.setText("my new password")
    dialog.passwords.second.setText("my new password")
    dialog.accept()
    assert dialog.current_error.text() == "今のパスワードが違います"
    assert dialog.result() != ChangePasswordDialog.DialogCode.Accepted


def test_change_own_password_opens_with_the_new_one(
    qtbot: QtBot, app: App, services: ProfileServices
) -> None:
    """After the change the new password opens the profile."""
    dialog = ChangePasswordDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText(ADMIN_PASSWORD)
    dialog.passwords.first.setText("my new password")
    dialog.passwords.second.setText("my new password")
    dialog.accept()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    context = app.profiles.open_profile(services.context.ref, ADMIN_USER, "my new password")
    context.close()


def test_service_messages_are_translated(appearance: Appearance) -> None:
    """With English chosen, the account services' own messages are shown in English."""
    appearance.apply(Look(language="en"))
    taken = ConflictError("account.name_taken", name="han1")
    no_han = ValidationError("班", "account.han_required")
    assert error_text(taken) == "The user name “han1” is already taken"
    assert error_text(no_han) == "Block: Choose the block of the block leader"
