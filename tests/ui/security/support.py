"""Fixtures and helpers shared by the security GUI tests (this module holds no tests).

Windows that may be replaced (switch officer, restore) are not registered with qtbot: a
replaced window is deleted, and qtbot would try to close it again. :func:`windows` closes
whatever main windows are still alive at the end, with their profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QAbstractListModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.security.page import SecurityController, install_security, security_controller
from circular_app.ui.shell.main_window import MainWindow

D = TypeVar("D", bound=QDialog)

LONG_IDLE_MS = 3_600_000


class WindowFactory:
    """Makes secured main windows and closes every main window left at the end."""

    def __init__(self, app: App, appearance: Appearance) -> None:
        self.app = app
        self.appearance = appearance

    def __call__(self, services: ProfileServices, idle_ms: int = LONG_IDLE_MS) -> MainWindow:
        window = MainWindow(self.app, services, self.appearance)
        install_security(window, idle_timeout_ms=idle_ms)
        return window

    @staticmethod
    def cleanup() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and shiboken6.isValid(widget):
                controller = security_controller(widget)
                if controller is not None:
                    controller.suspend()
                widget.close()
                widget.services.context.close()
                widget.deleteLater()
        QApplication.processEvents()


@pytest.fixture
def windows(app: App, appearance: Appearance) -> Iterator[WindowFactory]:
    """Makes main windows with install_security; closes all main windows afterwards."""
    factory = WindowFactory(app, appearance)
    yield factory
    factory.cleanup()


def controller_of(window: MainWindow) -> SecurityController:
    """The window's security controller (asserting it exists)."""
    controller = security_controller(window)
    assert controller is not None
    return controller


def fake_exec(monkeypatch: pytest.MonkeyPatch, cls: type[D], fill: Callable[[D], None]) -> list[D]:
    """Make ``cls.exec`` fill the dialog and press OK instead of blocking; returns the dialogs seen."""
    seen: list[D] = []

    def run(self: D) -> int:
        seen.append(self)
        fill(self)
        if self.result() != QDialog.DialogCode.Accepted:
            self.accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", run)
    return seen


def answer_questions(monkeypatch: pytest.MonkeyPatch, yes: bool = True) -> list[str]:
    """Answer every question (dialogs.ask) at once; information and warning boxes are recorded."""
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, **_kw: object) -> bool:
        asked.append(text)
        return yes

    def note(_parent: QWidget | None, _title: str, text: str, **_kw: object) -> None:
        asked.append(text)

    monkeypatch.setattr(dialogs, "ask", question)
    monkeypatch.setattr(dialogs, "inform", note)
    monkeypatch.setattr(dialogs, "warn", note)
    return asked


def visible_texts() -> list[str]:
    """Every text in every visible widget of the application, including item views' cells."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            texts.append(widget.toolTip())
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            elif isinstance(widget, QLineEdit):
                texts += [widget.text(), widget.placeholderText()]
            elif isinstance(widget, QComboBox):
                texts += [widget.itemText(i) for i in range(widget.count())]
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                root = widget.rootIndex()
                for row in range(model.rowCount(root)):
                    # A list model hides columnCount (private in Qt): it has one column.
                    columns = range(1 if isinstance(model, QAbstractListModel) else model.columnCount(root))
                    texts += [str(model.index(row, col, root).data()) for col in columns]
    return texts


def show(qtbot: QtBot, window: MainWindow) -> None:
    """Show ``window`` and wait until it is exposed."""
    window.show()
    qtbot.waitExposed(window)
