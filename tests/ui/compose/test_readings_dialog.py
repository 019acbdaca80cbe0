"""「ふりがなの読み方」: the reading list dialog, and the print dialog's furigana box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circular_app import furigana
from circular_app.app import App, ProfileServices
from circular_app.services.pdf_export import PdfExportService
from circular_app.ui.common.widgets import ErrorLabel
from circular_app.ui.compose.readings_dialog import ReadingListDialog
from circular_app.ui.printing.export_dialog import PdfExportDialog


@pytest.fixture
def dialog(qtbot: QtBot, services: ProfileServices) -> ReadingListDialog:
    """The dialog on an empty profile."""
    widget = ReadingListDialog(services.readings)
    qtbot.addWidget(widget)
    return widget


def _type(dialog: ReadingListDialog, word: str, reading: str) -> None:
    dialog.word_edit.setText(word)
    dialog.reading_edit.setText(reading)
    dialog.save_button.click()


def test_add_change_and_remove(
    dialog: ReadingListDialog, services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word is added (katakana kept as hiragana), its reading changed, then removed after asking."""
    _type(dialog, "東海林", "トウカイリン")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "とうかいりん"
    _type(dialog, "東海林", "しょうじ")
    assert services.readings.mapping() == {"東海林": "しょうじ"}
    dialog.table.selectRow(0)
    assert dialog.word_edit.text() == "東海林"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.button(QMessageBox.StandardButton.NoButton))
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])  # 「外す」
    dialog.remove_button.click()
    assert dialog.table.rowCount() == 0 and services.readings.mapping() == {}


def test_bad_reading_is_explained(dialog: ReadingListDialog) -> None:
    """A reading in letters is refused with a message naming the field; nothing is added."""
    _type(dialog, "金沢", "kanazawa")
    assert dialog.table.rowCount() == 0
    error = dialog.findChild(ErrorLabel)
    assert error is not None and "読み方" in error.text() and "kanazawa" in error.text()


def test_every_widget_is_named(dialog: ReadingListDialog) -> None:
    """The table, fields and buttons carry accessible names or visible texts."""
    assert dialog.table.accessibleName() and dialog.word_edit.accessibleName()
    assert dialog.reading_edit.accessibleName() and dialog.save_button.accessibleName()
    assert dialog.remove_button.accessibleName()


def _export_dialog(qtbot: QtBot, app: App, s: ProfileServices, tmp_path: Path) -> PdfExportDialog:
    service = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    published = next(c for c in s.circulars.list_circulars() if c.number is not None)
    widget = PdfExportDialog(service, published.id, tmp_path)
    qtbot.addWidget(widget)
    return widget


def test_print_dialog_furigana_box(
    qtbot: QtBot, app: App, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """The box reaches the request; it is enabled with no note when the dictionary is installed."""
    widget = _export_dialog(qtbot, app, demo_services, tmp_path)
    assert widget.furigana_check.isEnabled() and widget.furigana_note.isHidden()
    widget.large_check.setChecked(True)
    widget.furigana_check.setChecked(True)
    assert widget.request().furigana


def test_print_dialog_without_dictionary(
    qtbot: QtBot, app: App, demo_services: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the dictionary (the frozen app) the box is off and a Japanese note says why."""
    monkeypatch.setattr(furigana, "available", lambda: False)
    widget = _export_dialog(qtbot, app, demo_services, tmp_path)
    widget.furigana_check.setChecked(True)
    assert not widget.furigana_check.isEnabled() and not widget.furigana_note.isHidden()
    assert "ふりがなの辞書が入っていない" in widget.furigana_note.text()
    assert not widget.request().furigana
