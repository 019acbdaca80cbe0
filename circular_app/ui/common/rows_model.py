"""The base of flat, read-only table models: frozen rows in, columns out.

Used by the city view's tables (:mod:`circular_app.ui.city.models`) and the hub dialogs'
reader-links table. It lives here, apart from the city models, so that the main window's hub
menu does not import the city service (and the council-report PDF renderer behind it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
R = TypeVar("R")


class RowsModel(QAbstractTableModel, Generic[R]):
    """A flat table of frozen rows: ``set_rows`` replaces them, ``row_at`` reads one back."""

    COLUMNS = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        """The item of ``row``."""
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """One row per item (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """``COLUMNS``."""
        return 0 if parent.isValid() else self.COLUMNS

    def titles(self) -> Sequence[str]:
        """The column titles in the current language (``COLUMNS`` of them)."""
        return ()

    def right_aligned(self, column: int) -> bool:
        """Whether ``column`` holds numbers, aligned to the right."""
        return False

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles, aligned like their columns."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(section):
            return RIGHT
        return None
