"""The base of the app's list tables (roster, circulars, the route sheet).

Every list table selects whole rows, never edits in place, leaves Tab to move between widgets
and keeps its rows tall enough for the text when the text size changes; the subclasses add
their keys, drag and drop and column fitting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class RowTableView(QTableView):
    """A table of whole rows, without in-place editing, rows as tall as the text needs.

    ``ROW_PADDING`` is added to the font height for each row; with ``FIT_COLUMNS_ON_FONT``
    a text-size change also refits the columns (once the burst of changes is over).
    """

    ROW_PADDING = 10
    MIN_VISIBLE_ROWS = 4
    FIT_COLUMNS_ON_FONT = True

    def __init__(
        self, selection_mode: QAbstractItemView.SelectionMode, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(selection_mode)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self._fit_pending = False
        self._fit_on_show = False
        self._fit_rows_to_font()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Keep rows tall enough for the text when the text size changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows_to_font()
            if self.FIT_COLUMNS_ON_FONT:
                self.schedule_fit_columns()

    def schedule_fit_columns(self) -> None:
        """Fit the columns once the current burst of changes is over.

        Fitting measures up to 100 rows per column; during start-up several font and language
        changes arrive in a row, and fitting after each of them cost ~0.3 s with 1,000 rows.
        """
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_if_shown)  # tied to self: dropped if deleted

    def _fit_if_shown(self) -> None:
        # A table on a tab not shown yet is fitted when it comes into view: at start-up the
        # five tables of the hidden tabs cost 0.3-0.7 s before the main window could appear.
        self._fit_pending = False
        if self.isVisible():
            self._fit_columns()
        else:
            self._fit_on_show = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Fit the columns now when it was put off while the table was hidden."""
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            self._fit_columns()

    def _fit_columns(self) -> None:
        self._fit_pending = False
        self.resizeColumnsToContents()

    def _fit_rows_to_font(self) -> None:
        row = self.fontMetrics().height() + self.ROW_PADDING
        self.verticalHeader().setDefaultSectionSize(row)
        # Never squeezed to a row or two when panes stack at 200 %: the window scrolls instead.
        header = self.horizontalHeader().sizeHint().height() if self.horizontalHeader().isVisible() else 0
        self.setMinimumHeight(header + self.MIN_VISIBLE_ROWS * row + 2 * self.frameWidth())
