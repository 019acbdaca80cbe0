"""Flat table models over a Python list of rows, with translated column titles.

:class:`TitledRowsModel` is the common part: the rows, the titles (set by the subclass's
``retranslate``), the counts and the horizontal header.

The roster and the circular list keep precomputed rows and sort them with Python keys instead
of through a :class:`~PySide6.QtCore.QSortFilterProxyModel`, whose sort would call back into
Python for every comparison. :class:`SelfSortingTableModel` adds what they share: the sort
state, and a sort that keeps persistent indexes (the selection, the current cell) on the rows
they pointed at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class TitledRowsModel(QAbstractTableModel, Generic[RowT]):
    """Rows of ``RowT`` under ``columns`` columns titled by ``_titles``.

    Subclasses fill ``_rows`` and ``_titles`` and answer :meth:`data`.
    """

    def __init__(self, columns: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[RowT] = []
        self._titles: tuple[str, ...] = ()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """Number of rows (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """Number of columns."""
        return 0 if parent.isValid() else self._columns

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None


class SelfSortingTableModel(TitledRowsModel[RowT]):
    """A :class:`TitledRowsModel` sorted by :meth:`_sort_key`; row numbers on the side.

    Subclasses fill ``_rows`` through :meth:`_sorted`, give the key of each column in
    :meth:`_sort_key` and rebuild their position lookups in :meth:`_index_rows`.
    """

    def __init__(
        self, columns: int, sort_column: int, sort_order: Qt.SortOrder, parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self._sort_column = int(sort_column)
        self._sort_order = sort_order

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles (also as tooltips); row numbers on the vertical header."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self._columns:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self._titles[section]
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    # ----- sorting ------------------------------------------------------------------------
    @property
    def sort_column(self) -> int:
        """The column the rows are sorted by."""
        return self._sort_column

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column``; persistent indexes follow their rows."""
        if not 0 <= column < self._columns:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old_rows = {id(r): i for i, r in enumerate(self._rows)}
        self._rows = self._sorted(self._rows)
        self._index_rows()
        moved = {old_rows[id(r)]: new for new, r in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[RowT]) -> list[RowT]:
        """``rows`` in the current sort order."""
        return sorted(
            rows,
            key=self._sort_key(self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def _sort_key(self, column: int) -> Callable[[RowT], tuple[Any, ...]]:
        """The ascending key of ``column`` (ties broken so that the order is total)."""
        raise NotImplementedError

    def _index_rows(self) -> None:
        """Rebuild whatever maps ids to row positions after ``_rows`` changed order."""
        raise NotImplementedError
