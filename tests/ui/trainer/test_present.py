"""Presentation mode: larger text, visible clicks and key presses, and back to normal."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from circular_app.ui.common.appearance import Appearance
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.trainer.page import TrainerController
from circular_app.ui.trainer.present import PresentationOverlay, key_text


def _overlay(window: MainWindow) -> PresentationOverlay:
    found = window.findChild(PresentationOverlay)
    assert found is not None
    return found


def test_menu_action_scales_the_text(
    practice_window: MainWindow, controller: TrainerController, appearance: Appearance
) -> None:
    """Turning presentation mode on makes the application's text at least 150 %."""
    normal = appearance.font_for_scale(100).pointSizeF()
    controller.present_action.trigger()
    assert controller.presentation.is_active()
    assert QApplication.font().pointSizeF() >= normal * 1.5


def test_turning_it_off_restores_the_text_size(
    practice_window: MainWindow, controller: TrainerController, appearance: Appearance
) -> None:
    """Turning it off again puts the text size back and removes the overlays."""
    before = appearance.look.text_scale
    controller.present_action.trigger()
    QTest.keyClick(practice_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    controller.present_action.trigger()
    assert appearance.look.text_scale == before
    assert QApplication.font().pointSizeF() == appearance.font_for_scale(before).pointSizeF()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert practice_window.findChild(PresentationOverlay) is None


def test_shortcut_key_is_shown(practice_window: MainWindow, controller: TrainerController) -> None:
    """Ctrl+S pressed while presenting appears as 「Ctrl + S」 at the bottom."""
    controller.presentation.set_active(True)
    QTest.keyClick(practice_window.page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _overlay(practice_window).keys_text() == "Ctrl + S"


def test_each_press_is_shown_once(practice_window: MainWindow, controller: TrainerController) -> None:
    """A key travelling up through parents (and as a shortcut override) is listed once per press."""
    controller.presentation.set_active(True)
    QTest.keyClick(practice_window.page.table, Qt.Key.Key_Down)
    QTest.keyClick(practice_window.page.table, Qt.Key.Key_Down)
    assert _overlay(practice_window).keys_text() == "↓　↓"


def test_click_draws_a_circle_where_it_happened(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """A mouse press while presenting leaves a circle at that point of the window."""
    controller.presentation.set_active(True)
    QApplication.processEvents()  # the larger text is laid out
    table = practice_window.page.table.viewport()
    where = table.mapTo(practice_window, table.rect().center())
    QTest.mouseClick(table, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, table.rect().center())
    assert _overlay(practice_window).click_positions() == [where]


def test_nothing_is_drawn_when_not_presenting(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """Without presentation mode keys and clicks leave no overlay."""
    QTest.keyClick(practice_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert practice_window.findChild(PresentationOverlay) is None


def test_password_characters_are_hidden(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Typing into a password field shows ● instead of the character."""
    field = QLineEdit(practice_window)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.show()
    controller.presentation.set_active(True)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert _overlay(practice_window).keys_text() == "●"


def test_key_names() -> None:
    """Keys are named as printed on keyboards, modifiers first."""
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    assert key_text(Qt.Key.Key_S, ctrl, "\x13") == "Ctrl + S"
    assert key_text(Qt.Key.Key_P, ctrl | shift, "") == "Ctrl + Shift + P"
    assert key_text(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r") == "Enter"
    assert key_text(Qt.Key.Key_Backtab, shift, "") == "Shift + Tab"
    assert key_text(Qt.Key.Key_A, shift, "A") == "A"
