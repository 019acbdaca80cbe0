"""Accessible names (issue #23, item 6): fields named from their labels, and the walk's check itself."""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from circular_app.ui.common.widgets import name_fields_from_labels
from tests.ui.dialog_walk import accessible_name, unnamed_widgets


def _window(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QDateEdit, QLabel, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle("見本")
    form = QFormLayout(window)
    title_edit = QLineEdit(window)
    form.addRow(QLabel("件名(&T)：", window), title_edit)  # a QFormLayout row: no buddy by itself
    row = QWidget(window)
    date_edit = QDateEdit(row)  # in a row widget: its label is no sibling
    QHBoxLayout(row).addWidget(date_edit)
    date_label = QLabel("発行日(&I)", window)
    date_label.setBuddy(date_edit)
    form.addRow(date_label, row)
    own = QLineEdit(window)
    own.setAccessibleName("差出人の氏名")
    form.addRow(QLabel("氏名", window), own)
    form.addRow(QPushButton("保存", window))
    return window, title_edit, date_edit, date_label, own


def test_the_check_lists_fields_a_screen_reader_cannot_name(qtbot: QtBot) -> None:
    """Unnamed fields are listed by class and window; a button's text and an own name are enough."""
    window, *_ = _window(qtbot)
    found = unnamed_widgets(window)
    assert len(found) == 2, found
    assert found[0].startswith("QLineEdit") and "見本" in found[0]
    assert found[1].startswith("QDateEdit")


def test_fields_are_named_from_their_labels_and_follow_a_new_language(qtbot: QtBot) -> None:
    """The helper names each field from its label (no (&T) or colon), again after retranslation;
    a name the code set itself is kept."""
    window, title_edit, date_edit, date_label, own = _window(qtbot)
    name_fields_from_labels(window)
    assert unnamed_widgets(window) == []
    assert accessible_name(title_edit) == "件名"
    assert accessible_name(date_edit) == "発行日"
    assert own.accessibleName() == "差出人の氏名"
    date_label.setText("Issue date(&I)")
    name_fields_from_labels(window)
    assert date_edit.accessibleName() == "Issue date"
