"""Logging in and creating an association from the login dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.shell.login import CreateProfileDialog, LoginDialog, RecoveryKeyDialog
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


@pytest.fixture
def login(qtbot: QtBot, app: App, services: ProfileServices) -> Iterator[LoginDialog]:
    """The login dialog with one association (テスト町会) on disk."""
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    yield dialog
    if dialog.services is not None:
        dialog.services.context.close()


def test_the_only_profile_and_its_user_are_preselected(login: LoginDialog) -> None:
    """With one association, it and its only user name are already chosen."""
    assert login.profile_combo.currentText() == "テスト町会（テスト校下）"
    assert login.user_combo.currentText() == ADMIN_USER


def test_wrong_password_shows_the_reason_inline(login: LoginDialog) -> None:
    """A wrong password shows the reason under the field and keeps the dialog open."""
    login.password_edit.setText("wrong password")
    login.accept()
    assert login.services is None
    assert login.error.isVisibleTo(login)
    assert login.error.text().startswith("ユーザー名またはパスワードが違います")
    assert login.result() != LoginDialog.DialogCode.Accepted


def test_right_password_opens_the_profile(qtbot: QtBot, login: LoginDialog) -> None:
    """The right password opens the profile and hands over its services."""
    login.password_edit.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(login.logged_in):
        login.login_button.click()
    assert login.services is not None
    assert login.services.context.officer.username == ADMIN_USER
    assert login.result() == LoginDialog.DialogCode.Accepted
    assert login.password_edit.text() == ""


def test_no_profile_points_to_creating_one(qtbot: QtBot, app: App) -> None:
    """Without any association the dialog says to create one and cannot log in."""
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    assert not dialog.login_button.isEnabled()
    assert "新しい町会を作成" in dialog.hint.text()


def test_create_profile_dialog_refuses_different_passwords(qtbot: QtBot, app: App) -> None:
    """Two different passwords are refused beside the second one; nothing is created."""
    dialog = CreateProfileDialog(app)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("新町会")
    dialog.district_edit.setText("新校下")
    dialog.username_edit.setText("kaichou")
    dialog.password_edit.setText("long enough 1")
    dialog.password_again_edit.setText("long enough 2")
    dialog.accept()
    assert dialog.errors["パスワード（確認）"].text() == "2回の入力が一致しません"
    assert app.profiles.list_profiles() == []


def test_create_profile_dialog_shows_field_errors(qtbot: QtBot, app: App) -> None:
    """A short password is refused beside the password field."""
    dialog = CreateProfileDialog(app)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("新町会")
    dialog.district_edit.setText("新校下")
    dialog.username_edit.setText("kaichou")
    dialog.password_edit.setText("short")
    dialog.password_again_edit.setText("short")
    dialog.accept()
    assert dialog.errors["パスワード"].text() == "8文字以上にしてください"
    assert dialog.created is None


def test_creating_an_association_shows_the_recovery_key_and_logs_in(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """新しい町会を作成 creates the profile, shows its recovery key once, then opens it."""

    def fill_and_accept(self: CreateProfileDialog) -> int:
        self.name_edit.setText("新町会")
        self.district_edit.setText("新校下")
        self.username_edit.setText("kaichou")
        self.display_name_edit.setText("会長 新")
        self.password_edit.setText("a long passphrase")
        self.password_again_edit.setText("a long passphrase")
        self.accept()
        return int(self.result())

    shown_keys: list[str] = []

    def show_key(self: RecoveryKeyDialog) -> int:
        shown_keys.append(self.key_view.toPlainText())
        return 1

    monkeypatch.setattr(CreateProfileDialog, "exec", fill_and_accept)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", show_key)
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    dialog.create_button.click()
    assert dialog.services is not None
    try:
        assert dialog.services.context.ref.name == "新町会"
        assert len(shown_keys) == 1 and len(shown_keys[0]) >= 20
    finally:
        dialog.services.context.close()


def test_recovery_key_dialog_says_to_store_it(qtbot: QtBot) -> None:
    """The recovery key dialog shows the key and tells to print it and keep it safe."""
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP")
    qtbot.addWidget(dialog)
    assert dialog.key_view.toPlainText() == "ABCD-EFGH-IJKL-MNOP"
    assert "印刷" in dialog.warning.text() and "二度と表示されません" in dialog.warning.text()


def test_practice_profile_logs_in_without_password(qtbot: QtBot, app: App) -> None:
    """Choosing the practice profile disables the password field and opens it at once."""
    from circular_app.services.trainer import create_practice

    create_practice(app.profiles).close()
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    dialog.profile_combo.setCurrentIndex(
        dialog.profile_combo.findText("練習用町会", Qt.MatchFlag.MatchContains)
    )
    assert not dialog.password_edit.isEnabled()
    dialog.accept()
    assert dialog.services is not None and dialog.services.context.ref.kind == "practice"
    dialog.services.context.close()


def test_login_screen_offers_the_text_sizes(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """100/125/150/200 % are offered before login, and a choice applies at once."""
    dialog = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(dialog)
    assert [dialog.scale_combo.itemData(i) for i in range(dialog.scale_combo.count())] == [100, 125, 150, 200]
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData(150))
    assert appearance.look.text_scale == 150


def test_text_size_is_remembered_per_officer(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """The size chosen at login comes back for that officer, and not for another one."""
    ref = services.context.ref
    services.accounts.add_officer("yakuin", "役員 花子", Role.OFFICER, "another long password")
    first = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(first)
    first.user_combo.setCurrentText(ADMIN_USER)
    first.scale_combo.setCurrentIndex(first.scale_combo.findData(200))
    first.password_edit.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(first.logged_in):
        first.login_button.click()
    assert first.services is not None
    first.services.context.close()
    assert app.settings.officer_text_scale(f"{ref.id}/{ADMIN_USER}") == 200

    second = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(second)
    second.user_combo.setCurrentText("yakuin")
    second.scale_combo.setCurrentIndex(second.scale_combo.findData(100))
    second.password_edit.setText("another long password")
    with qtbot.waitSignal(second.logged_in):
        second.login_button.click()
    assert second.services is not None
    second.services.context.close()

    third = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(third)
    third.user_combo.setCurrentText(ADMIN_USER)
    assert third.text_scale() == 200
    assert appearance.look.text_scale == 200
    third.user_combo.setCurrentText("yakuin")
    assert third.text_scale() == 100


def test_login_screen_grows_with_the_text_size(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """At 200 % every field of the login screen is shown without scrolling."""
    dialog = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData(200))
    scroll = dialog.scale_combo.parentWidget().parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    qtbot.waitUntil(
        lambda: scroll.verticalScrollBar().maximum() == 0 and scroll.horizontalScrollBar().maximum() == 0
    )
