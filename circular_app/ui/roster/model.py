"""Table model and filter proxy of the household roster.

:class:`RosterTableModel` renders domain :class:`~circular_app.domain.roster.Household` values;
display strings and search keys are computed once in :meth:`RosterTableModel.set_rows`, so that
a reset of 1,000 rows stays in milliseconds. The model sorts itself with Python keys (one
``sorted`` call, see :class:`~circular_app.ui.common.row_models.SelfSortingTableModel`);
:class:`RosterFilterProxy` only filters (by 班, delivery, text and moved-out state) and
forwards sorting to the model, because a proxy sort would call back into Python for every
comparison and take ten times longer.

Rows can be dragged to a new route position while the model is in route mode; the model does
not change anything itself but reports the drop (:attr:`RosterTableModel.households_dropped`)
for the page to pass to the roster service.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from circular_app.domain.calendar import wareki
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.text import reading_sort_key, search_key
from circular_app.ui.common.row_models import SelfSortingTableModel

ModelIndex = QModelIndex | QPersistentModelIndex

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-kairan-household-ids"

_WHITESPACE = str.maketrans("", "", " \t\r\n\u3000")


class Column(enum.IntEnum):
    """Columns of the roster table, in display order."""

    HAN = 0
    ORDER = 1
    NAME = 2
    READING = 3
    DELIVERY = 4
    LARGE_PRINT = 5
    PHONE = 6
    EMAIL = 7
    NOTES = 8
    STATUS = 9


_CENTERED = frozenset({Column.ORDER, Column.LARGE_PRINT, Column.DELIVERY})


def household_search_key(household: Household) -> str:
    """Name and reading folded for search (width, kana kind, case; spaces dropped)."""
    # NUL separates the two so that a query never matches across name and reading.
    return search_key(f"{household.name}\x00{household.reading}").translate(_WHITESPACE)


def query_search_key(text: str) -> str:
    """A search query folded like :func:`household_search_key`."""
    return search_key(text).translate(_WHITESPACE)


def reordered(route: Sequence[int], moving: Sequence[int], before: int | None) -> list[int]:
    """``route`` with ``moving`` taken out and put back, in route order, before ``before``.

    ``before`` None (or one of the moving ids, or an id not on the route) puts them at the end.
    """
    moving_set = set(moving)
    picked = [i for i in route if i in moving_set]
    rest = [i for i in route if i not in moving_set]
    index = rest.index(before) if before in rest else len(rest)
    return [*rest[:index], *picked, *rest[index:]]


@dataclass(frozen=True, slots=True)
class _Row:
    """One household with its precomputed display strings and search key."""

    household: Household
    han_position: int
    cells: tuple[str, ...]
    search: str


class RosterTableModel(SelfSortingTableModel[_Row]):
    """Households as rows, :class:`Column` as columns.

    Signals:
        households_dropped(list, int): household ids were dropped before the household with
            the given id (0: at the end of the route) while in route mode.
    """

    households_dropped = Signal(list, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), Column.ORDER, Qt.SortOrder.AscendingOrder, parent)
        self._by_id: dict[int, int] = {}
        self._hans: list[Han] = []
        self._route_mode = False
        self._moved_out_font = QFont()
        self._moved_out_font.setItalic(True)
        self.retranslate()

    # ----- content ---------------------------------------------------------------------
    def set_rows(self, households: Sequence[Household], hans: Sequence[Han]) -> None:
        """Replace every row (households in any order; 班 give names and order)."""
        self.beginResetModel()
        self._hans = list(hans)
        self._rows = self._sorted(self._build_rows(households))
        self._index_rows()
        self.endResetModel()

    def _index_rows(self) -> None:
        self._by_id = {r.household.id: i for i, r in enumerate(self._rows)}

    def _build_rows(self, households: Sequence[Household]) -> list[_Row]:
        names = {h.id: h.name for h in self._hans}
        positions = {h.id: h.position for h in self._hans}
        labels = {Delivery.DIGITAL: self.tr("デジタル"), Delivery.PAPER: self.tr("紙")}
        moved_out = self.tr("転出 {date}")
        rows = []
        for h in households:
            cells = (
                names.get(h.han_id, ""),
                str(h.route_position),
                h.name,
                h.reading,
                labels[h.delivery],
                "○" if h.large_print else "",
                h.phone,
                h.email,
                h.notes.replace("\r\n", " ").replace("\n", " "),
                moved_out.format(date=wareki(h.moved_out_on, weekday=True)) if h.moved_out_on else "",
            )
            rows.append(_Row(h, positions.get(h.han_id, 0), cells, household_search_key(h)))
        return rows

    def retranslate(self) -> None:
        """Recompute translated headers and cells after a language change."""
        self._titles = (
            self.tr("班"),
            self.tr("順"),
            self.tr("氏名"),
            self.tr("フリガナ"),
            self.tr("受取方法"),
            self.tr("大きな文字"),
            self.tr("電話"),
            self.tr("メール"),
            self.tr("備考"),
            self.tr("状態"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            # Same households in the same order: only the translated cells change.
            self._rows = self._build_rows([r.household for r in self._rows])
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def household_at(self, row: int) -> Household:
        """The household shown in source ``row``."""
        return self._rows[row].household

    def search_key_at(self, row: int) -> str:
        """The folded name-and-reading key of source ``row``."""
        return self._rows[row].search

    def row_of(self, household_id: int) -> int | None:
        """Source row of ``household_id``, or None."""
        return self._by_id.get(household_id)

    def households(self) -> list[Household]:
        """Every household of the model, in model order."""
        return [r.household for r in self._rows]

    def hans(self) -> list[Han]:
        """The 班 given to the last :meth:`set_rows`."""
        return list(self._hans)

    def route_of(self, han_id: int) -> list[int]:
        """Household ids of ``han_id`` in route order (moved-out households included)."""
        members = [r.household for r in self._rows if r.household.han_id == han_id]
        return [h.id for h in sorted(members, key=lambda h: (h.route_position, h.id))]

    # ----- route mode (drag and drop) ---------------------------------------------------------
    @property
    def route_mode(self) -> bool:
        """True while rows may be dragged to a new route position."""
        return self._route_mode

    def set_route_mode(self, enabled: bool) -> None:
        """Allow or forbid dragging rows (only meaningful while one 班 is shown in route order)."""
        if enabled != self._route_mode:
            self.layoutAboutToBeChanged.emit()
            self._route_mode = enabled
            self.layoutChanged.emit()

    # ----- QAbstractTableModel ------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, alignment, sort rank and ids of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column == Column.NOTES:
                return row.household.notes or None
            return row.cells[column] if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole and row.household.moved_out_on is not None:
            return self._moved_out_font
        if role == HOUSEHOLD_ID_ROLE:
            return row.household.id
        if role == HAN_ID_ROLE:
            return row.household.han_id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Rows are selectable; draggable in route mode, where drops land between rows."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._route_mode else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._route_mode:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt signature)
        """Rows only move."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt signature)
        """Rows only move."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt signature)
        """The private type carrying household ids."""
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt signature)
        """The ids of the households in ``indexes``, in route order."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[r].household.id for r in rows]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode("ascii")))
        return data

    def canDropMimeData(  # noqa: N802 (Qt signature)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        """Only our own rows, only moved, only in route mode."""
        return self._route_mode and action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE)

    def dropMimeData(  # noqa: N802 (Qt signature)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        """Report the drop through :attr:`households_dropped`; the model itself is unchanged."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            ids = [int(i) for i in json.loads(bytes(data.data(MIME_TYPE).data()).decode("ascii"))]
        except (ValueError, TypeError):
            return False
        if parent.isValid():
            row = parent.row()
        before = self._rows[row].household.id if 0 <= row < len(self._rows) else 0
        self.households_dropped.emit(ids, before)
        return True

    # ----- sorting ------------------------------------------------------------------------
    @staticmethod
    def _sort_key(column: int) -> Callable[[_Row], tuple[Any, ...]]:
        """Readings by よみ, routes by 班 then 回覧順; ties in route order."""

        def route(r: _Row) -> tuple[int, int, int]:
            return (r.han_position, r.household.route_position, r.household.id)

        if column in (Column.HAN, Column.ORDER):
            return route
        if column in (Column.NAME, Column.READING):
            return lambda r: (*reading_sort_key(r.household.reading, r.household.name), *route(r))
        if column == Column.LARGE_PRINT:
            return lambda r: (not r.household.large_print, *route(r))
        if column == Column.STATUS:
            return lambda r: (
                r.household.moved_out_on is None,
                r.household.moved_out_on.toordinal() if r.household.moved_out_on else 0,
                *route(r),
            )
        # Text columns: empty cells last.
        return lambda r: (r.cells[column] == "", r.cells[column], *route(r))


class RosterFilterProxy(QSortFilterProxyModel):
    """Filters the roster by 班, delivery, name/reading text and moved-out state.

    Sorting is forwarded to the source model (see the module docstring); the proxy keeps the
    source order.
    """

    def __init__(self, source: RosterTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._han_id: int | None = None
        self._delivery: Delivery | None = None
        self._query = ""
        self._show_moved_out = False
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    @property
    def han_id(self) -> int | None:
        """The 班 shown, or None for every 班."""
        return self._han_id

    def set_han(self, han_id: int | None) -> None:
        """Show one 班 (None: every 班)."""
        self._change_filter(lambda: setattr(self, "_han_id", han_id))

    def set_delivery(self, delivery: Delivery | None) -> None:
        """Show one delivery method (None: both)."""
        self._change_filter(lambda: setattr(self, "_delivery", delivery))

    def set_text(self, text: str) -> None:
        """Show households whose name or reading contains ``text`` (width and kana folded)."""
        self._change_filter(lambda: setattr(self, "_query", query_search_key(text)))

    def set_show_moved_out(self, show: bool) -> None:
        """Also show households that moved out."""
        self._change_filter(lambda: setattr(self, "_show_moved_out", show))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; the proxy shows its rows in source order."""
        self._source.sort(column, order)

    def _change_filter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802 (Qt)
        """Apply every filter to one source row."""
        household = self._source.household_at(source_row)
        if self._han_id is not None and household.han_id != self._han_id:
            return False
        if self._delivery is not None and household.delivery is not self._delivery:
            return False
        if not self._show_moved_out and household.moved_out_on is not None:
            return False
        return not self._query or self._query in self._source.search_key_at(source_row)
