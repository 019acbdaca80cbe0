"""The idle lock, the lock screen, Ctrl+L and switching officer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.services.demo import DEMO_DISPLAY_NAME, DEMO_PASSWORD
from circular_app.ui.security.lock import LockScreen, SwitchOfficerDialog
from circular_app.ui.shell.main_window import MainWindow
from tests.ui.security.support import (
    WindowFactory,
    controller_of,
    fake_exec,
    show,
    visible_texts,
    windows,
)

__all__ = ["windows"]  # the fixture, imported so that pytest finds it here


@pytest.fixture
def demo_window(qtbot: QtBot, windows: WindowFactory, demo_services: ProfileServices) -> MainWindow:
    """A shown, secured main window on the demo profile with the roster in front (idle lock far away)."""
    window = windows(demo_services)
    window.tabs.setCurrentWidget(window.page)
    show(qtbot, window)
    return window


def _lock_screen(window: MainWindow) -> LockScreen:
    screen = controller_of(window).lock.screen
    assert screen is not None
    return screen


def _try(window: MainWindow, password: str) -> str:
    screen = _lock_screen(window)
    screen.password_edit.setText(password)
    screen.unlock_button.click()
    return screen.error.text()


def test_idle_time_without_input_locks_the_window(
    qtbot: QtBot, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """With no input for the idle time, the lock screen replaces the roster."""
    window = windows(demo_services, idle_ms=50)
    window.tabs.setCurrentWidget(window.page)
    show(qtbot, window)
    qtbot.waitUntil(lambda: controller_of(window).lock.is_locked)
    assert isinstance(window.centralWidget(), LockScreen)
    assert not window.page.table.isVisible()
    assert not window.isAncestorOf(window.page)


def test_locked_window_shows_no_household_name(
    qtbot: QtBot, demo_window: MainWindow, demo_services: ProfileServices
) -> None:
    """While locked, no visible widget anywhere holds a resident's name."""
    names = {h.name for h in demo_services.roster.list_households()}
    assert names & set(visible_texts())  # the check can see them while unlocked
    controller_of(demo_window).lock.lock()
    qtbot.waitUntil(lambda: _lock_screen(demo_window).isVisible())
    shown = "\n".join(visible_texts())
    assert [n for n in names if n in shown] == []


def test_lock_screen_shows_the_message_and_the_officer(qtbot: QtBot, demo_window: MainWindow) -> None:
    """The lock screen says it is locked and whose session it is."""
    controller_of(demo_window).lock.lock()
    qtbot.waitUntil(lambda: _lock_screen(demo_window).isVisible())
    screen = _lock_screen(demo_window)
    assert screen.title.text() == "画面をロックしました"
    assert DEMO_DISPLAY_NAME in screen.officer_label.text()
    assert screen.switch_button.text().startswith("別の役員でログイン")


def test_locking_hides_docks_toolbar_and_menus(demo_window: MainWindow) -> None:
    """Side bar, tool bar and menu bar are hidden and actions disabled while locked."""
    controller_of(demo_window).lock.lock()
    assert not demo_window.action_plan_dock.isVisible()
    assert not demo_window.toolbar.isVisible()
    assert not demo_window.menuBar().isVisible()
    assert not demo_window.edit_action.isEnabled()


def test_locking_closes_an_open_dialog(qtbot: QtBot, demo_window: MainWindow) -> None:
    """A dialog left open (it may show personal data) is closed by the lock."""
    dialog = QDialog(demo_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    controller_of(demo_window).lock.lock()
    assert not dialog.isVisible()


def test_wrong_password_shows_the_reason(demo_window: MainWindow) -> None:
    """A wrong password keeps the lock and says so under the field."""
    controller_of(demo_window).lock.lock()
    error = _try(demo_window, "wrong password")
    assert error.startswith("ユーザー名またはパスワードが違います")
    assert controller_of(demo_window).lock.is_locked


def test_five_wrong_passwords_show_the_delay(demo_window: MainWindow) -> None:
    """The fifth wrong password locks the account out for a while and says how long."""
    controller_of(demo_window).lock.lock()
    errors = [_try(demo_window, f"wrong {i}") for i in range(5)]
    assert "あと1回" in errors[3]
    assert "30秒間ロックしました" in errors[4]


def test_right_password_is_refused_during_the_delay(demo_window: MainWindow) -> None:
    """During the lock-out even the right password waits, with the seconds left."""
    controller_of(demo_window).lock.lock()
    for i in range(5):
        _try(demo_window, f"wrong {i}")
    error = _try(demo_window, DEMO_PASSWORD)
    assert "お待ちください" in error
    assert controller_of(demo_window).lock.is_locked


def test_right_password_unlocks(qtbot: QtBot, demo_window: MainWindow) -> None:
    """The officer's password brings the roster and the bars back."""
    controller_of(demo_window).lock.lock()
    _try(demo_window, DEMO_PASSWORD)
    assert not controller_of(demo_window).lock.is_locked
    assert demo_window.centralWidget() is demo_window.central_scroll
    qtbot.waitUntil(demo_window.page.table.isVisible)
    assert demo_window.menuBar().isVisible()
    assert demo_window.add_action.isEnabled()


def test_lock_and_unlock_are_recorded(demo_window: MainWindow, demo_services: ProfileServices) -> None:
    """The audit trail shows the lock, the failed try and the unlock."""
    controller_of(demo_window).lock.lock()
    _try(demo_window, "wrong password")
    _try(demo_window, DEMO_PASSWORD)
    actions = [e.action for e in demo_services.audit.entries()][-3:]
    assert actions == ["lock", "login_failed", "login"]


def test_ctrl_l_locks_at_once(qtbot: QtBot, demo_window: MainWindow) -> None:
    """Ctrl+L locks the window."""
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow)
    qtbot.keyClick(demo_window.page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller_of(demo_window).lock.is_locked


def test_input_restarts_the_idle_count(qtbot: QtBot, demo_window: MainWindow) -> None:
    """A key press anywhere starts the idle count again."""
    idle = controller_of(demo_window).idle
    idle.timer.stop()
    qtbot.keyClick(demo_window.page.table, Qt.Key.Key_Down)
    assert idle.timer.isActive()


def test_idle_count_stops_while_locked_and_restarts_after(demo_window: MainWindow) -> None:
    """A locked window does not count; unlocking starts counting again."""
    controller = controller_of(demo_window)
    controller.lock.lock()
    assert not controller.idle.timer.isActive()
    _try(demo_window, DEMO_PASSWORD)
    assert controller.idle.timer.isActive()


def _add_officer(services: ProfileServices) -> None:
    services.accounts.add_officer("yakuin", "役員 花子", Role.OFFICER, "yakuin password")


def _log_in_yakuin(dialog: SwitchOfficerDialog) -> None:
    dialog.set_user("yakuin")
    dialog.password_edit.setText("yakuin password")


def test_switch_officer_changes_the_logged_in_officer(
    monkeypatch: pytest.MonkeyPatch, demo_window: MainWindow, demo_services: ProfileServices
) -> None:
    """Switching officer shows a new window whose status bar names the other officer."""
    _add_officer(demo_services)
    fake_exec(monkeypatch, SwitchOfficerDialog, _log_in_yakuin)
    new = controller_of(demo_window).switch_officer()
    assert new is not None
    assert "役員 花子" in new.officer_label.text()
    assert new.services.context.officer.username == "yakuin"


def test_switch_officer_replaces_the_old_window(
    monkeypatch: pytest.MonkeyPatch, demo_window: MainWindow, demo_services: ProfileServices
) -> None:
    """After switching, only the new window is shown."""
    _add_officer(demo_services)
    fake_exec(monkeypatch, SwitchOfficerDialog, _log_in_yakuin)
    new = controller_of(demo_window).switch_officer()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert shown == [new]


def test_switch_officer_from_the_lock_screen(
    monkeypatch: pytest.MonkeyPatch, demo_window: MainWindow, demo_services: ProfileServices
) -> None:
    """「別の役員でログイン」 on the lock screen logs the other officer in."""
    _add_officer(demo_services)
    seen = fake_exec(monkeypatch, SwitchOfficerDialog, _log_in_yakuin)
    controller_of(demo_window).lock.lock()
    _lock_screen(demo_window).switch_button.click()
    assert len(seen) == 1
    assert seen[0].services is not None
    assert seen[0].services.context.officer.username == "yakuin"


def test_switch_dialog_refuses_a_wrong_password(
    qtbot: QtBot, app: App, demo_services: ProfileServices
) -> None:
    """A wrong password in the switch dialog is shown inline and logs no one in."""
    _add_officer(demo_services)
    dialog = SwitchOfficerDialog(app, demo_services.context.ref, "demo")
    qtbot.addWidget(dialog)
    dialog.set_user("yakuin")
    dialog.password_edit.setText("wrong password")
    dialog.accept()
    assert dialog.services is None
    assert dialog.error.text().startswith("ユーザー名またはパスワードが違います")
