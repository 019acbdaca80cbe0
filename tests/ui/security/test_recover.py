"""「パスワードを忘れた」: recovery key, account, new password, logged in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App
from circular_app.domain.errors import AuthenticationError
from circular_app.services.accounts import ProfileRef
from circular_app.ui.security.page import install_login_extras
from circular_app.ui.security.recover import RecoveryDialog
from circular_app.ui.shell.login import LoginDialog
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.ui.security.support import fake_exec

NEW_PASSWORD = "a brand new password"


@dataclass(frozen=True)
class Recoverable:
    """A closed profile and its printed recovery key."""

    ref: ProfileRef
    key: str


@pytest.fixture
def recoverable(app: App) -> Recoverable:
    """A fresh association whose recovery key the test knows."""
    created = app.profiles.create_profile("回復町会", "回復校下", ADMIN_USER, ADMIN_PASSWORD, "会長")
    created.context.close()
    return Recoverable(created.context.ref, created.recovery_key)


@pytest.fixture
def dialog(qtbot: QtBot, app: App, recoverable: Recoverable) -> RecoveryDialog:
    """The recovery dialog of that association."""
    recovery = RecoveryDialog(app, recoverable.ref)
    qtbot.addWidget(recovery)
    return recovery


def _recover(dialog: RecoveryDialog, key: str, password: str = NEW_PASSWORD) -> None:
    dialog.key_edit.setText(key)
    dialog.accept()
    dialog.passwords.first.setText(password)
    dialog.passwords.second.setText(password)
    dialog.accept()


def test_wrong_recovery_key_is_refused(dialog: RecoveryDialog) -> None:
    """A wrong key is shown under the field and the dialog stays on the first step."""
    dialog.key_edit.setText("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    dialog.accept()
    assert dialog.key_error.text() == "回復キーが違います"
    assert not dialog.on_password_step


def test_right_key_lists_the_accounts(dialog: RecoveryDialog, recoverable: Recoverable) -> None:
    """The right key leads to the account choice."""
    dialog.key_edit.setText(recoverable.key.lower())
    dialog.accept()
    assert dialog.on_password_step
    assert [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())] == [ADMIN_USER]


def test_recovery_sets_a_password_that_logs_in(
    app: App, dialog: RecoveryDialog, recoverable: Recoverable
) -> None:
    """After recovery the dialog is logged in, and the new password opens the profile."""
    _recover(dialog, recoverable.key)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.services is not None
    assert dialog.services.context.officer.username == ADMIN_USER
    dialog.services.context.close()
    app.profiles.open_profile(recoverable.ref, ADMIN_USER, NEW_PASSWORD).close()


def test_recovery_replaces_the_old_password(
    app: App, dialog: RecoveryDialog, recoverable: Recoverable
) -> None:
    """The forgotten password no longer opens the profile."""
    _recover(dialog, recoverable.key)
    assert dialog.services is not None
    dialog.services.context.close()
    with pytest.raises(AuthenticationError):
        app.profiles.open_profile(recoverable.ref, ADMIN_USER, ADMIN_PASSWORD)


def test_recovery_is_recorded(dialog: RecoveryDialog, recoverable: Recoverable) -> None:
    """The audit trail shows the password set by recovery, then the log-in."""
    _recover(dialog, recoverable.key)
    assert dialog.services is not None
    entries = dialog.services.audit.entries()[-2:]
    dialog.services.context.close()
    assert [e.action for e in entries] == ["account_password", "login"]
    assert '"recovery"' in entries[0].detail


def test_short_new_password_is_refused(dialog: RecoveryDialog, recoverable: Recoverable) -> None:
    """A new password under the length rule is refused with the reason."""
    _recover(dialog, recoverable.key, password="short")
    assert dialog.passwords.error.text() == "8文字以上にしてください"
    assert dialog.services is None


def test_forgot_password_button_logs_in_from_the_login_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, app: App, recoverable: Recoverable
) -> None:
    """「パスワードを忘れた」 on the login dialog runs the recovery and finishes the log-in."""
    login = LoginDialog(app)
    qtbot.addWidget(login)
    extras = install_login_extras(login, app)
    fake_exec(monkeypatch, RecoveryDialog, lambda d: _recover(d, recoverable.key))
    extras.forgot_button.click()
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.services is not None
    login.services.context.close()
