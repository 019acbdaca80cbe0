"""Dates on screen are 和暦 with the weekday: no ISO date (2026-11-21) in any main screen's text."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget
from pytestqt.qtbot import QtBot

from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.shell.main_window import MainWindow

ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)


def _model_texts(model: QAbstractItemModel) -> list[str]:
    texts: list[str] = []
    rows = model.rowCount(QModelIndex())
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # PySide6 makes a list model's columnCount private: one column
        columns = 1
    for column in range(columns):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        texts.append(
            str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or "")
        )
    for row in range(rows):
        texts.append(str(model.headerData(row, Qt.Orientation.Vertical) or ""))
        for column in range(columns):
            index = model.index(row, column)
            texts.extend(str(model.data(index, role) or "") for role in ROLES)
    return texts


def _visible_texts(window: QWidget) -> list[str]:
    """Every text the shown widgets of ``window`` display or speak, with their tooltips and cells."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    return texts


def test_iso_pattern_is_found_where_it_is(qtbot: QtBot, window: MainWindow) -> None:
    """The scan itself: an ISO date put in a visible label is reported."""
    window.show()
    probe = QLabel("期限 2026-11-21", window.centralWidget())
    probe.show()
    assert [t for t in _visible_texts(window) if ISO_DATE.search(t)] == ["期限 2026-11-21"]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_main_screen_shows_an_iso_date(
    qtbot: QtBot, window: MainWindow, appearance: Appearance, language: str
) -> None:
    """Each tab of the main window (ホーム with the overdue list, 既読 and its matrix, 回覧, 名簿 …)."""
    if language == "en":
        appearance.apply(Look(language="en"))
        qtbot.waitUntil(lambda: window.windowTitle().startswith("Kairan Desk"))
    window.show()
    found: dict[str, list[str]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for home in window.findChildren(ReadsDashboard):
            if home.isVisible():  # its figures are asked for just after it is shown
                qtbot.waitUntil(lambda h=home: h.dashboard is not None)  # type: ignore[misc]
        for matrix in window.findChildren(ReaderMatrixPage):
            matrix.show()
            qtbot.waitUntil(lambda m=matrix: not m.loading, timeout=20_000)  # type: ignore[misc]
        # The 既読 tab has inner tabs (entry, matrix): walk those too.
        inner = window.tabs.currentWidget().findChildren(QWidget, "reads_tabs")
        pages = range(inner[0].count()) if inner else [None]  # type: ignore[attr-defined]
        for page in pages:
            if page is not None:
                inner[0].setCurrentIndex(page)  # type: ignore[attr-defined]
                for matrix in window.findChildren(ReaderMatrixPage):
                    if matrix.isVisible():
                        qtbot.waitUntil(lambda m=matrix: not m.loading, timeout=20_000)  # type: ignore[misc]
            hits = [t for t in _visible_texts(window) if ISO_DATE.search(t)]
            if hits:
                found[window.tabs.tabText(index)] = hits[:3]
    assert window.tabs.count() >= 4
    home = window.findChild(ReadsDashboard)
    assert home is not None and home.overdue_list.count() > 0  # the overdue list was scanned, not empty
    assert found == {}
