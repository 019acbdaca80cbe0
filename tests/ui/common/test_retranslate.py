"""The language-change mixin calls retranslate_ui() on Qt's LanguageChange event."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circular_app.ui.common.retranslate import Retranslating


class _Sample(Retranslating, QWidget):
    """A widget whose one label counts how often it was translated."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.calls = 0

    def retranslate_ui(self) -> None:
        self.calls += 1
        self.label.setText(self.tr("名簿"))


def test_language_change_calls_retranslate(qtbot: QtBot) -> None:
    """A LanguageChange event reaches retranslate_ui() exactly once."""
    widget = _Sample()
    qtbot.addWidget(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert widget.calls == 1
    assert widget.label.text() == "名簿"


def test_other_events_do_not_retranslate(qtbot: QtBot) -> None:
    """A font change is passed on to Qt without re-translating."""
    widget = _Sample()
    qtbot.addWidget(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
    assert widget.calls == 0
