"""Starting the GUI: the application factory and run_gui with and without a login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.settings import LANGUAGE, TEXT_SCALE
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.common.input_guards import InputGuards
from circular_app.ui.shell import main
from circular_app.ui.shell.login import LoginDialog
from circular_app.ui.shell.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD, damage_integrity


def test_create_application_applies_the_stored_settings(qapp: QApplication, app: App) -> None:
    """The factory reuses the running QApplication, loads the UD font and the stored language."""
    app.settings.set(LANGUAGE, "en")
    app.settings.set(TEXT_SCALE, 150)
    qt_app, appearance = main.create_application(app)
    try:
        assert qt_app is qapp
        assert QFontInfo(QApplication.font()).family() == "BIZ UDPGothic"
        assert QApplication.font().pointSizeF() == pytest.approx(appearance.font_for_scale(150).pointSizeF())
        assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "&File"
    finally:
        appearance.restore()


def test_create_application_in_japanese_loads_qts_own_catalog_and_locale(
    qapp: QApplication, app: App
) -> None:
    """Japanese, the default, still installs qtbase_ja (standard buttons) and the Japanese QLocale."""
    _qt_app, appearance = main.create_application(app)
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
        assert QLocale().language() == QLocale.Language.Japanese
        assert dialogs.FileFolders.current() is not None
    finally:
        appearance.restore()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_run_gui_shows_the_main_window_and_closes_the_profile(
    qapp: QApplication, app: App, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui with opened services shows the main window, runs the loop, then closes the profile."""
    seen: list[str] = []
    closed: list[bool] = []

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        for w in windows:
            w.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(demo_services.context, "close", lambda: closed.append(True))
    try:
        assert main.run_gui(app, demo_services) == 0
    finally:
        _restore_appearance(qapp)
    assert seen == ["回覧デスク — 見本町会（デモ）"]
    assert closed == [True]


def test_run_gui_ends_when_the_login_is_cancelled(
    qapp: QApplication, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling the login ends run_gui with exit code 0 and no main window."""
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(qapp, "exec", lambda: pytest.fail("the event loop must not start"))
    try:
        assert main.run_gui(app, None) == 0
    finally:
        _restore_appearance(qapp)


def test_a_damaged_profile_is_reported_over_the_main_window_after_the_log_in(
    qtbot: QtBot,
    app: App,
    services: ProfileServices,
    appearance: Appearance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The log-in opens before the integrity check's verdict; its failure still shows, over the window."""
    ref, key = services.context.ref, services.context.data_key
    services.context.close()
    damage_integrity(ref, key)
    warned: list[tuple[object, str]] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, _title, text, **_kw: warned.append((parent, text)))
    login = LoginDialog(app, appearance=appearance)
    qtbot.addWidget(login)
    login.password_edit.setText(ADMIN_PASSWORD)
    login.accept()
    opened = login.services
    assert opened is not None and opened.context.integrity is not None
    try:
        window = MainWindow(app, opened, appearance)
        qtbot.addWidget(window)
        window.show()
        main.report_integrity_check(window, opened.context)
        qtbot.waitUntil(lambda: bool(warned))
        assert warned[0][0] is window
        assert "profile.db" in warned[0][1] and "変更は保存しません" in warned[0][1]
    finally:
        opened.context.close()


def test_the_input_guards_come_once_the_login_window_is_up_then_the_preload(
    qapp: QApplication, qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The log-in window shows without the guards' event filter; then its fields get guarded.

    The guards are installed by the same timer that starts the background imports, just
    before them, so the wheel over the log-in window's combo boxes is guarded as before.
    """
    for old in qapp.findChildren(InputGuards):  # installed by an earlier test's main window
        qapp.removeEventFilter(old)
        old.setParent(None)
    seen: list[tuple[str, bool]] = []

    def guarded() -> bool:
        return qapp.findChild(InputGuards) is not None

    monkeypatch.setattr(main.preload, "start", lambda: seen.append(("preload", guarded())))

    def fake_exec(login: LoginDialog) -> QDialog.DialogCode:
        seen.append(("shown", guarded()))
        qtbot.waitUntil(lambda: len(seen) == 2)  # the event loop runs while the officer types
        seen.append(("scale combo", login.scale_combo.focusPolicy() == Qt.FocusPolicy.StrongFocus))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    try:
        assert main.run_gui(app, None) == 0
    finally:
        _restore_appearance(qapp)
    assert seen == [("shown", False), ("preload", True), ("scale combo", True)]


def _restore_appearance(qapp: QApplication) -> None:
    for appearance in qapp.findChildren(Appearance):
        appearance.restore()
        appearance.setParent(None)
        appearance.deleteLater()
