"""The reader matrix: households (rows, 班 then route order) × circulars (columns, newest first).

:class:`ReaderMatrixModel` turns a :class:`~circular_app.services.reads.ReaderGrid` (or a full
:class:`~circular_app.services.reads.ReaderMatrix`) into one byte per cell in
:meth:`ReaderMatrixModel.set_matrix`: columns are built with ``bytes.translate`` from a small
table per circular (targeting depends only on the household's 班, delivery and moving date),
and the read records are laid over them. ``data()`` is then an index into a bytearray and a
tuple of precomputed strings, so 1,000 households × 200 circulars open and scroll without
stutter. Only a cell's tooltip asks the service (the cell's history), when it is shown.

A cell shows its state by a symbol and, for screen readers, by words (``AccessibleTextRole``);
colour is only an extra. Unread cells of an overdue circular show 「！」.

:class:`ReaderMatrixPage` holds the table with its filters (fiscal year, 班, unread only), the
rates (per circular, per 班 and per household over the fiscal year) and the CSV export.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import enum
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import fiscal_year, fiscal_year_label
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.errors import UserError
from circular_app.domain.reads import CellState, Channel, Rate, is_targeted
from circular_app.domain.roster import Han, Household, summarize
from circular_app.services.circulars import CircularService
from circular_app.services.reads import ReaderGrid, ReaderMatrix, ReaderService
from circular_app.ui.common import messages
from circular_app.ui.common.row_models import TitledRowsModel
from circular_app.ui.common.widgets import bold_font
from circular_app.ui.reads.text import rate_text
from circular_app.ui.reads.widgets import labelled_fields

ModelIndex = QModelIndex | QPersistentModelIndex
HistoryRow = tuple[str, Channel, dt.date, str, dt.datetime]
HistoryLookup = Callable[[int, int], Sequence[HistoryRow]]

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CIRCULAR_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the CellState value (str); "overdue" cells are UNREAD


class Code(enum.IntEnum):
    """One byte per cell: the state, with overdue unread cells told apart."""

    NOT_TARGETED = 0
    READ_PAPER = 1
    READ_DIGITAL = 2
    UNREAD = 3
    OVERDUE = 4

    @property
    def state(self) -> CellState:
        """The domain state of the cell."""
        return _STATES[self]


_STATES = {
    Code.NOT_TARGETED: CellState.NOT_TARGETED,
    Code.READ_PAPER: CellState.READ_PAPER,
    Code.READ_DIGITAL: CellState.READ_DIGITAL,
    Code.UNREAD: CellState.UNREAD,
    Code.OVERDUE: CellState.UNREAD,
}


def _table(selected: Sequence[int]) -> bytes:
    """A ``bytes.translate`` table mapping the selected codes to 1 and everything else to 0."""
    return bytes(1 if i in selected else 0 for i in range(256))


_UNREAD_MASK = _table((Code.UNREAD, Code.OVERDUE))
_READ_MASK = _table((Code.READ_PAPER, Code.READ_DIGITAL))
_NONZERO_MASK = bytes([0, *([1] * 255)])


def grid_of(matrix: ReaderMatrix, as_of: dt.date) -> ReaderGrid:
    """The compact form of a full matrix (its records reduced to channels)."""
    paper: dict[int, list[int]] = {}
    digital: dict[int, list[int]] = {}
    for (circular_id, household_id), record in matrix.records.items():
        target = paper if record.channel is Channel.PAPER else digital
        target.setdefault(circular_id, []).append(household_id)
    return ReaderGrid(
        matrix.hans,
        matrix.households,
        matrix.circulars,
        {c: tuple(ids) for c, ids in paper.items()},
        {c: tuple(ids) for c, ids in digital.items()},
        as_of,
    )


@dataclass(frozen=True)
class MatrixRates:
    """Read rates over the whole matrix (every household the officer may see)."""

    per_circular: tuple[tuple[Circular, Rate], ...]
    per_han: tuple[tuple[Han, Rate], ...]
    per_household: tuple[tuple[Household, Rate], ...]


class ReaderMatrixModel(QAbstractTableModel):
    """Households × circulars; see the module docstring for how cells are stored.

    ``history`` (circular id, household id → history rows, e.g.
    :meth:`~circular_app.services.reads.ReaderService.history`) feeds the cell tooltips.
    """

    def __init__(self, parent: QObject | None = None, history: HistoryLookup | None = None) -> None:
        super().__init__(parent)
        self._history = history
        self._hans: tuple[Han, ...] = ()
        self._households: list[Household] = []
        self._circulars: tuple[Circular, ...] = ()
        self._n = 0  # households in the whole matrix (the stride of a column)
        self._codes = bytearray()  # column-major: circular c, household r at c * n + r
        self._base = bytearray()  # the same before the records were laid over: targeting only
        self._unread_rows = b""  # per household: 1 when any cell is unread
        self._row_labels: list[str] = []
        self._first_of_han: set[int] = set()
        self._column_labels: list[str] = []
        self._column_tips: list[str] = []
        self._column_overdue: list[bool] = []
        self._shown: list[int] = []  # rows shown (indexes into the whole matrix)
        self._han_filter: int | None = None
        self._unread_only = False
        self._as_of = dt.date.today()
        self._tips: dict[tuple[int, int], str] = {}
        self._symbols: tuple[str, ...] = ()
        self._labels: tuple[str, ...] = ()
        self._background = (
            QBrush(),
            QBrush(QColor("#dcefdc")),
            QBrush(QColor("#dbe8f6")),
            QBrush(QColor("#fff6d5")),
            QBrush(QColor("#f9d5d3")),
        )
        # Dark text on the light tints, in every theme (high contrast has white text otherwise).
        self._foreground = (QBrush(), *(QBrush(QColor("#000000")) for _ in range(4)))
        self._bold = bold_font()
        self.retranslate()

    # ----- content ---------------------------------------------------------------------
    def set_history_lookup(self, history: HistoryLookup | None) -> None:
        """Where cell tooltips get their history from."""
        self._history = history
        self._tips.clear()

    def set_matrix(self, matrix: ReaderMatrix | ReaderGrid, as_of: dt.date | None = None) -> None:
        """Replace the content; ``as_of`` (default: the grid's, or today) decides what is overdue."""
        grid = grid_of(matrix, as_of or dt.date.today()) if isinstance(matrix, ReaderMatrix) else matrix
        self.beginResetModel()
        self._build(grid, as_of or grid.as_of)
        self._apply_filter()
        self.endResetModel()

    def _build(self, grid: ReaderGrid, as_of: dt.date) -> None:
        positions = {h.id: h.position for h in grid.hans}
        households = sorted(
            grid.households, key=lambda h: (positions.get(h.han_id, 0), h.route_position, h.id)
        )
        circulars = grid.circulars
        n = len(households)
        # Targeting depends only on 班, delivery and moving date: one class per combination.
        classes: dict[tuple[int, str, dt.date | None], int] = {}
        representatives: list[Household] = []
        row_class: list[int] = []
        for household in households:
            key = (household.han_id, household.delivery.value, household.moved_out_on)
            index = classes.get(key)
            if index is None:
                index = classes[key] = len(representatives)
                representatives.append(household)
            row_class.append(index)
        class_bytes = bytes(row_class) if len(representatives) <= 256 else None
        row_of = {h.id: r for r, h in enumerate(households)}
        codes = bytearray(n * len(circulars))
        base = bytearray(n * len(circulars))
        unread_any = 0
        for c, circular in enumerate(circulars):
            unread = Code.OVERDUE if circular.is_overdue(as_of) else Code.UNREAD
            live = circular.status is not Status.DRAFT
            per_class = [unread if live and is_targeted(circular, h) else 0 for h in representatives]
            if class_bytes is not None:
                column = class_bytes.translate(bytes(per_class + [0] * (256 - len(per_class))))
            else:
                column = bytes(per_class[k] for k in row_class)
            cells = bytearray(column)
            for code, readers in ((Code.READ_PAPER, grid.paper), (Code.READ_DIGITAL, grid.digital)):
                for household_id in readers.get(circular.id, ()):
                    row = row_of.get(household_id)
                    if row is not None:
                        cells[row] = code
            start = c * n
            base[start : start + n] = column
            codes[start : start + n] = cells
            unread_any |= int.from_bytes(cells.translate(_UNREAD_MASK), "big")
        self._hans = grid.hans
        self._households = households
        self._circulars = circulars
        self._n = n
        self._codes = codes
        self._base = base
        self._unread_rows = unread_any.to_bytes(n, "big") if n else b""
        self._as_of = as_of
        self._tips = {}
        self._column_overdue = [
            c.is_overdue(as_of) and Code.OVERDUE in codes[i * n : (i + 1) * n]
            for i, c in enumerate(circulars)
        ]
        self._label_rows()
        self._label_columns()

    def _label_rows(self) -> None:
        names = {h.id: h.name for h in self._hans}
        row_format = self.tr("{han}・{order}　{name}")
        moved_format = self.tr("{label}（転出）")
        labels = []
        first: set[int] = set()
        previous_han: int | None = None
        for row, household in enumerate(self._households):
            label = row_format.format(
                han=names.get(household.han_id, ""), order=household.route_position, name=household.name
            )
            labels.append(moved_format.format(label=label) if household.moved_out_on else label)
            if household.han_id != previous_han:
                first.add(row)
                previous_han = household.han_id
        self._row_labels = labels
        self._first_of_han = first

    def _label_columns(self) -> None:
        label_format = self.tr("No.{number}")
        overdue_format = self.tr("No.{number}！")
        tip_format = self.tr("回覧No.{number}　{title}\n発行 {issue}・回覧期限 {due}")
        self._column_labels = [
            (overdue_format if overdue else label_format).format(number=c.number)
            for c, overdue in zip(self._circulars, self._column_overdue, strict=True)
        ]
        tips = []
        for circular, overdue in zip(self._circulars, self._column_overdue, strict=True):
            tip = tip_format.format(
                number=circular.number,
                title=circular.title,
                issue=circular.issue_date.isoformat(),
                due=circular.due_date.isoformat(),
            )
            if overdue:
                tip += "\n" + self.tr("期限切れ・未読の世帯があります")
            if circular.status is Status.CLOSED:
                tip += "\n" + self.tr("終了した回覧")
            tips.append(tip)
        self._column_tips = tips

    def retranslate(self) -> None:
        """Recompute the translated symbols, labels and headers after a language change."""
        self._symbols = (
            "",
            self.tr("印"),
            self.tr("◎"),
            self.tr("ー"),
            self.tr("！"),
        )
        self._labels = (
            self.tr("対象外"),
            self.tr("既読（紙）"),
            self.tr("既読（デジタル）"),
            self.tr("未読"),
            self.tr("期限切れ・未読"),
        )
        self._tips = {}
        if self._households or self._circulars:
            self._label_rows()
            self._label_columns()
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._circulars) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, len(self._shown) - 1))
            if self._shown and self._circulars:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._shown) - 1, len(self._circulars) - 1)
                )

    # ----- filters ---------------------------------------------------------------------
    def set_filter(self, han_id: int | None = None, unread_only: bool = False) -> None:
        """Show one 班 (None: every 班), and only households with an unread cell if asked."""
        self.beginResetModel()
        self._han_filter = han_id
        self._unread_only = unread_only
        self._apply_filter()
        self.endResetModel()

    @property
    def han_filter(self) -> int | None:
        """The 班 shown, or None for every 班."""
        return self._han_filter

    @property
    def unread_only(self) -> bool:
        """True while only households with an unread cell are shown."""
        return self._unread_only

    def _apply_filter(self) -> None:
        han_id, unread_rows = self._han_filter, self._unread_rows
        n = self._n
        # Moved-out households with nothing to read this year are left out.
        anything = 0
        for c in range(len(self._circulars)):
            anything |= int.from_bytes(self._base[c * n : (c + 1) * n].translate(_NONZERO_MASK), "big")
        targeted_rows = anything.to_bytes(n, "big") if n else b""
        self._shown = [
            r
            for r, h in enumerate(self._households)
            if (han_id is None or h.han_id == han_id)
            and (not self._unread_only or unread_rows[r])
            and (h.moved_out_on is None or targeted_rows[r])
        ]
        self._tips = {}

    # ----- queries ---------------------------------------------------------------------
    def hans(self) -> tuple[Han, ...]:
        """The 班 of the matrix, in order."""
        return self._hans

    def circulars(self) -> tuple[Circular, ...]:
        """The columns' circulars (newest first)."""
        return self._circulars

    def households(self) -> list[Household]:
        """Every household of the matrix (whatever the filter), 班 then route order."""
        return list(self._households)

    def circular_at(self, column: int) -> Circular:
        """The circular of ``column``."""
        return self._circulars[column]

    def household_at(self, row: int) -> Household:
        """The household shown in ``row``."""
        return self._households[self._shown[row]]

    def code_at(self, row: int, column: int) -> Code:
        """The stored code of a shown cell."""
        return Code(self._codes[column * self._n + self._shown[row]])

    def state_at(self, row: int, column: int) -> CellState:
        """The domain state of a shown cell."""
        return self.code_at(row, column).state

    def raw_cells(self) -> tuple[bytearray, int, list[int]]:
        """Codes (column-major, ``stride`` households per column) and the rows shown, for painting.

        Cell (row, column) is ``codes[column * stride + shown[row]]``.
        """
        return self._codes, self._n, self._shown

    def cell_look(self, code: int) -> tuple[str, QBrush | None, QBrush | None]:
        """Symbol, background and text brush of a code (None: the view's own)."""
        if not code:
            return self._symbols[code], None, None
        return self._symbols[code], self._background[code], self._foreground[code]

    def row_label(self, row: int) -> str:
        """The vertical header text of ``row``."""
        return self._row_labels[self._shown[row]]

    def longest_row_label(self) -> str:
        """The row label with the most characters (to size the header without measuring all)."""
        return max(self._row_labels, key=len, default="")

    def rates(self) -> MatrixRates:
        """Rates per circular, per 班 and per household over the whole matrix (not the filter)."""
        n, codes, base = self._n, self._codes, self._base
        per_circular = []
        for c, circular in enumerate(self._circulars):
            targeted_mask = base[c * n : (c + 1) * n].translate(_NONZERO_MASK)
            read_mask = codes[c * n : (c + 1) * n].translate(_READ_MASK)
            read = (int.from_bytes(targeted_mask, "big") & int.from_bytes(read_mask, "big")).bit_count()
            per_circular.append((circular, Rate(read, n - targeted_mask.count(0))))
        spans: dict[int, list[int]] = {}
        for row, household in enumerate(self._households):
            span = spans.setdefault(household.han_id, [row, row])
            span[1] = row + 1
        per_han = []
        for han in self._hans:
            if han.id not in spans:
                continue
            start, end = spans[han.id]
            read = targeted = 0
            for c in range(len(self._circulars)):
                targeted_mask = base[c * n + start : c * n + end].translate(_NONZERO_MASK)
                read_mask = codes[c * n + start : c * n + end].translate(_READ_MASK)
                targeted += (end - start) - targeted_mask.count(0)
                read += (int.from_bytes(targeted_mask, "big") & int.from_bytes(read_mask, "big")).bit_count()
            per_han.append((han, Rate(read, targeted)))
        per_household = []
        for row, household in enumerate(self._households):
            cells = codes[row::n] if n else b""
            read = cells.count(Code.READ_PAPER) + cells.count(Code.READ_DIGITAL)
            per_household.append((household, Rate(read, len(cells) - cells.count(Code.NOT_TARGETED))))
        return MatrixRates(tuple(per_circular), tuple(per_han), tuple(per_household))

    # ----- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """Households shown (0 under a valid parent: a flat table)."""
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """Circulars of the fiscal year."""
        return 0 if parent.isValid() else len(self._circulars)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Symbol, words, colours, tooltip and ids of a cell; constant time except the tooltip."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._shown) and 0 <= column < len(self._circulars)):
            return None
        code = self._codes[column * self._n + self._shown[row]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._symbols[code]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._labels[code]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background[code] if code else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground[code] if code else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, code)
        if role == HOUSEHOLD_ID_ROLE:
            return self._households[self._shown[row]].id
        if role == CIRCULAR_ID_ROLE:
            return self._circulars[column].id
        if role == STATE_ROLE:
            return Code(code).state.value
        return None

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """「No.N」 over the columns (title in the tooltip); 班, order and name beside the rows."""
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._circulars):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self._column_labels[section]
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self._column_tips[section]
            return None
        if not 0 <= section < len(self._shown):
            return None
        row = self._shown[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._row_labels[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and row in self._first_of_han:
            return self._bold
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Cells are selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # ----- tooltips --------------------------------------------------------------------
    def _tooltip(self, row: int, column: int, code: int) -> str:
        key = (self._shown[row], column)
        cached = self._tips.get(key)
        if cached is not None:
            return cached
        household = self._households[key[0]]
        circular = self._circulars[column]
        lines = [
            self.tr("{name} — 回覧No.{number}").format(name=household.name, number=circular.number),
            self._labels[code],
        ]
        if code == Code.OVERDUE:
            lines.append(self.tr("回覧期限 {due} を過ぎています").format(due=circular.due_date.isoformat()))
        history = list(self._history(circular.id, household.id)) if self._history is not None else []
        current = next((h for h in reversed(history) if h[0] == "record"), None)
        if current is not None and code in (Code.READ_PAPER, Code.READ_DIGITAL):
            lines.append(
                self.tr("日付: {date}　記録: {by}").format(date=current[2].isoformat(), by=current[3])
            )
        if history:
            lines.append(self.tr("履歴:"))
            actions = {
                "record": self.tr("記録"),
                "again": self.tr("再記録（最初の記録を保持）"),
                "remove": self.tr("取り消し"),
            }
            channels = {Channel.PAPER: self.tr("紙"), Channel.DIGITAL: self.tr("デジタル")}
            entry = self.tr("{at}　{action}（{channel}・{date}）{by}")
            for action, channel, read_on, by, at in history:
                lines.append(
                    entry.format(
                        at=at.strftime("%Y-%m-%d %H:%M"),
                        action=actions.get(action, action),
                        channel=channels[channel],
                        date=read_on.isoformat(),
                        by=by,
                    )
                )
        text = "\n".join(lines)
        self._tips[key] = text
        return text


class RatesModel(TitledRowsModel[tuple[str, str, str, str]]):
    """Name, read, targeted and percentage of each row of a rates table (precomputed strings)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(4, parent)
        self.retranslate()

    def set_rates(self, rows: Sequence[tuple[str, Rate]]) -> None:
        """Replace the rows: a label and its rate each."""
        self.beginResetModel()
        self._rows = [
            (label, str(rate.read), str(rate.targeted), f"{rate.ratio:.0%}" if rate.targeted else "—")
            for label, rate in rows
        ]
        self.endResetModel()

    def retranslate(self) -> None:
        """Translated column titles."""
        self._titles = (self.tr("対象"), self.tr("既読"), self.tr("対象世帯"), self.tr("既読率"))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The precomputed text."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self._rows[index.row()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


@functools.cache
def _void_calls_drop_none() -> bool:
    """True when PySide6 drops a reference to None on each call of a void method.

    PySide6 6.12.0 on Python 3.11 does (found while measuring this view): every such call
    lowers None's reference count by one, and the interpreter aborts ("none_dealloc") once it
    reaches zero. From Python 3.12 None is immortal and the count does not matter.
    """
    probe = QObject()
    before = sys.getrefcount(None)
    probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def _give_back_none(dropped: int) -> None:
    """Return references to None that void PySide6 calls dropped (nothing where they do not)."""
    if dropped > 0 and _void_calls_drop_none():
        for _ in range(dropped):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


_TILE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
_SELECTED, _FOCUSED = len(Code), 2 * len(Code)  # offsets of the tile variants


class MatrixView(QTableView):
    """The matrix table: fixed-size sections (nothing measured per row), rows sized to the font.

    Over a :class:`ReaderMatrixModel` the cells are painted here rather than by the item
    delegate, which asks the Python model for seven roles of every cell on every paint (about
    25 µs a cell, 500 cells on a large screen). Each cell look (code × plain / selected /
    focused, grid line included) is rendered once into scanlines of raw pixels; a paint joins
    the scanlines of the exposed cells into one image and draws it with a single call.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tiles: dict[tuple[int, int, float], list[list[bytes]]] = {}
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            # Bold row labels mark the first household of each 班, not the current cell.
            header.setHighlightSections(False)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.fit_to_font()

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt override)
        """Use ``model``; the cell pictures are redrawn when its texts change."""
        previous = self.model()
        if isinstance(previous, ReaderMatrixModel):
            previous.modelReset.disconnect(self._forget_tiles)
            previous.dataChanged.disconnect(self._forget_tiles)
        super().setModel(model)
        if isinstance(model, ReaderMatrixModel):
            model.modelReset.connect(self._forget_tiles)
            model.dataChanged.connect(self._forget_tiles)
        self._forget_tiles()

    @Slot()
    def _forget_tiles(self) -> None:
        self._tiles = {}

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Keep sections and cell pictures fitting the text size, palette and style."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._forget_tiles()
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()

    def fit_to_font(self) -> None:
        """Row height and column width from the font; the row header as wide as its longest label."""
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.horizontalHeader().setDefaultSectionSize(metrics.horizontalAdvance("No.000！") + 12)
        model = self.model()
        if isinstance(model, ReaderMatrixModel):
            label = model.longest_row_label()
            self.verticalHeader().setMinimumWidth(metrics.horizontalAdvance(label + "　") + 16)

    def _cell_tiles(self, model: ReaderMatrixModel, width: int, height: int) -> list[list[bytes]]:
        """Scanlines of every cell look: plain codes, then selected, then focused (current) ones."""
        ratio = self.devicePixelRatioF()
        key = (width, height, ratio)
        cached = self._tiles.get(key)
        if cached is not None:
            return cached
        palette = self.palette()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        grid = QColor.fromRgba(hint & 0xFFFFFFFF)  # an int holding a QRgb, possibly negative
        pixels_x, pixels_y = round(width * ratio), round(height * ratio)
        tiles = []
        for variant in range(3 * len(Code)):
            code = variant % len(Code)
            symbol, background, foreground = model.cell_look(code)
            image = QImage(pixels_x, pixels_y, _TILE_FORMAT)
            image.setDevicePixelRatio(ratio)
            painter = QPainter(image)
            area = QRect(0, 0, width, height)
            cell = area.adjusted(0, 0, -1, -1) if self.showGrid() else area
            painter.fillRect(area, grid if self.showGrid() else palette.color(QPalette.ColorRole.Base))
            if variant >= _SELECTED and variant < _FOCUSED:
                painter.fillRect(cell, palette.brush(QPalette.ColorRole.Highlight))
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.fillRect(
                    cell, background if background is not None else palette.brush(QPalette.ColorRole.Base)
                )
                painter.setPen(
                    foreground.color() if foreground is not None else palette.color(QPalette.ColorRole.Text)
                )
            painter.setFont(self.font())
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, symbol)
            if variant >= _FOCUSED:
                frame = QStyleOptionFocusRect()
                frame.initFrom(self)
                frame.rect = cell
                frame.backgroundColor = palette.color(QPalette.ColorRole.Base)
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, self)
            painter.end()
            raw = bytes(image.constBits())
            line = image.bytesPerLine()
            tiles.append([raw[y * line : y * line + pixels_x * 4] for y in range(pixels_y)])
        self._tiles[key] = tiles
        return tiles

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Draw the exposed cells as one image joined from the cached scanlines."""
        # Painting calls void PySide6 methods many times a second while scrolling: give the
        # references to None back that they drop (see _void_calls_drop_none).
        before = sys.getrefcount(None)
        self._paint(event)
        _give_back_none(before - sys.getrefcount(None))

    def _paint(self, event: QPaintEvent) -> None:
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        if not isinstance(model, ReaderMatrixModel) or not rows or not columns:
            super().paintEvent(event)
            return
        exposed = event.rect()
        first_row, first_column = self.rowAt(exposed.top()), self.columnAt(exposed.left())
        if first_row < 0 or first_column < 0:
            return
        last_row = self.rowAt(exposed.bottom())
        last_row = rows - 1 if last_row < 0 else last_row
        last_column = self.columnAt(exposed.right())
        last_column = columns - 1 if last_column < 0 else last_column
        # Fixed, uniform sections: every cell has the size of the first one.
        height, width = self.rowHeight(first_row), self.columnWidth(first_column)
        tiles = self._cell_tiles(model, width, height)
        codes, stride, shown = model.raw_cells()
        marked: dict[tuple[int, int], int] = {
            (i.row(), i.column()): _SELECTED for i in self.selectionModel().selectedIndexes()
        }
        current = self.currentIndex()
        if current.isValid() and self.hasFocus():
            marked[(current.row(), current.column())] = _FOCUSED
        count = last_column - first_column + 1
        lines: list[bytes] = []
        scanlines = range(len(tiles[0]))
        for row in range(first_row, last_row + 1):
            start = first_column * stride + shown[row]
            variants = list(codes[start : start + count * stride : stride])
            for (marked_row, column), offset in marked.items():
                if marked_row == row and first_column <= column <= last_column:
                    variants[column - first_column] += offset
            row_tiles = [tiles[v] for v in variants]
            lines.extend(b"".join([tile[y] for tile in row_tiles]) for y in scanlines)
        pixels_x = len(tiles[0][0]) // 4
        data = b"".join(lines)
        image = QImage(data, count * pixels_x, len(lines), count * pixels_x * 4, _TILE_FORMAT)
        target = QRectF(
            self.columnViewportPosition(first_column),
            self.rowViewportPosition(first_row),
            count * width,
            (last_row - first_row + 1) * height,
        )
        painter = QPainter(self.viewport())
        painter.drawImage(target, image)
        painter.end()


class ReaderMatrixPage(QWidget):
    """The matrix with its filters, the rates and the CSV export.

    Signals:
        status_requested(int, int): a cell was activated: show circular (id) for 班 (id).
        matrix_loaded(): the matrix of the chosen fiscal year was (re)loaded.
    """

    status_requested = Signal(int, int)
    matrix_loaded = Signal()

    def __init__(
        self,
        reads: ReaderService,
        circulars: CircularService,
        parent: QWidget | None = None,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self._reads = reads
        self._circulars = circulars
        self._year = fiscal_year(reads.fiscal_year_range()[0])
        self._rates_stale = True
        self._stale = True
        self.model = ReaderMatrixModel(self, history=reads.history)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        if load:
            self.reload()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.filter_bar = QWidget(self)
        self.year_label = QLabel(self.filter_bar)
        self.year_combo = QComboBox(self.filter_bar)
        self.han_label = QLabel(self.filter_bar)
        self.han_combo = QComboBox(self.filter_bar)
        flow = labelled_fields(
            self.filter_bar, [(self.year_label, self.year_combo), (self.han_label, self.han_combo)]
        )
        self.unread_check = QCheckBox(self.filter_bar)
        flow.addWidget(self.unread_check)
        self.export_button = QPushButton(self.filter_bar)
        flow.addWidget(self.export_button)

        self.legend = QLabel(self)
        self.legend.setWordWrap(True)

        self.view = MatrixView(self)
        self.view.setModel(self.model)

        self.rate_tabs = QTabWidget(self)
        self.circular_rates = RatesModel(self)
        self.han_rates = RatesModel(self)
        self.household_rates = RatesModel(self)
        self.rate_views: list[QTableView] = []
        for model in (self.circular_rates, self.han_rates, self.household_rates):
            table = QTableView(self.rate_tabs)
            table.setModel(model)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setWordWrap(False)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in (1, 2, 3):
                table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.rate_views.append(table)
            self.rate_tabs.addTab(table, "")
        self.digital_label = QLabel(self)
        self.digital_label.setWordWrap(True)
        self.digital_label.setProperty("role", "summary")
        rates_box = QWidget(self)
        rates_layout = QVBoxLayout(rates_box)
        rates_layout.setContentsMargins(0, 0, 0, 0)
        self.rates_title = QLabel(rates_box)
        self.rates_title.setFont(bold_font())
        rates_layout.addWidget(self.rates_title)
        rates_layout.addWidget(self.rate_tabs, 1)
        rates_layout.addWidget(self.digital_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(rates_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.count_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.legend)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.han_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.unread_check.toggled.connect(self._on_filter_changed)
        self.export_button.clicked.connect(self.export_csv)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.year_label.setText(self.tr("年度(&Y)"))
        self.year_combo.setAccessibleName(self.tr("表示する年度"))
        self.han_label.setText(self.tr("班(&H)"))
        self.han_combo.setAccessibleName(self.tr("表示する班"))
        self.unread_check.setText(self.tr("未読のある世帯だけ(&U)"))
        self.export_button.setText(self.tr("一覧をCSVに書き出す(&V)…"))
        self.legend.setText(
            self.tr("印 = 既読（紙）　◎ = 既読（デジタル）　ー = 未読　！ = 期限切れ・未読　空欄 = 対象外")
        )
        self.view.setAccessibleName(self.tr("既読の一覧（世帯 × 回覧）"))
        self.rates_title.setText(self.tr("既読率（年度）"))
        for index, title in enumerate((self.tr("回覧ごと"), self.tr("班ごと"), self.tr("世帯ごと"))):
            self.rate_tabs.setTabText(index, title)
        for model in (self.circular_rates, self.han_rates, self.household_rates):
            model.retranslate()
        self.model.retranslate()
        self._fill_year_combo()
        self._fill_han_combo()
        self._show_counts()
        self._rates_stale = True
        self._fill_rates_later()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ----- content -----------------------------------------------------------------------------
    @property
    def year(self) -> int:
        """The fiscal year shown."""
        return self._year

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Load on first show, and again when records changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    def mark_stale(self) -> None:
        """Records changed: reload now if shown, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        """Load the matrix of the chosen fiscal year from the service (filters are kept)."""
        self._stale = False
        self.model.set_matrix(self._reads.grid(self._year))
        self.model.set_filter(self.model.han_filter, self.model.unread_only)
        self.view.fit_to_font()
        self._fill_year_combo()
        self._fill_han_combo()
        self._show_counts()
        self._rates_stale = True
        self._fill_rates_later()
        self.matrix_loaded.emit()

    def set_year(self, year: int) -> None:
        """Show fiscal ``year``."""
        if year != self._year:
            self._year = year
            self.reload()

    def set_filter(self, han_id: int | None, unread_only: bool) -> None:
        """Show one 班 (None: all) and optionally only households with unread cells."""
        self.han_combo.blockSignals(True)
        self.han_combo.setCurrentIndex(max(0, self.han_combo.findData(han_id)))
        self.han_combo.blockSignals(False)
        self.unread_check.blockSignals(True)
        self.unread_check.setChecked(unread_only)
        self.unread_check.blockSignals(False)
        self.model.set_filter(han_id, unread_only)
        self._show_counts()

    def _fill_year_combo(self) -> None:
        years = sorted({*self._circulars.fiscal_years(), self._year}, reverse=True)
        self.year_combo.blockSignals(True)
        try:
            self.year_combo.clear()
            for year in years:
                self.year_combo.addItem(
                    self.tr("{name}（{year}年4月〜）").format(name=fiscal_year_label(year), year=year), year
                )
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(self._year)))
        finally:
            self.year_combo.blockSignals(False)

    def _fill_han_combo(self) -> None:
        selected = self.model.han_filter
        self.han_combo.blockSignals(True)
        try:
            self.han_combo.clear()
            self.han_combo.addItem(self.tr("すべての班"), None)
            for han in self.model.hans():
                self.han_combo.addItem(han.name, han.id)
            self.han_combo.setCurrentIndex(max(0, self.han_combo.findData(selected)))
        finally:
            self.han_combo.blockSignals(False)

    def _show_counts(self) -> None:
        self.count_label.setText(
            self.tr("{households}世帯 × {circulars}件の回覧").format(
                households=self.model.rowCount(), circulars=self.model.columnCount()
            )
        )

    def _fill_rates_later(self) -> None:
        # After the table has painted: the rates are a second look, not part of opening.
        QTimer.singleShot(0, self, self.fill_rates)

    @Slot()
    def fill_rates(self) -> None:
        """Compute and show the rates tables (once per load)."""
        if not self._rates_stale:
            return
        self._rates_stale = False
        rates = self.model.rates()
        self.circular_rates.set_rates(
            [
                (self.tr("No.{number} {title}").format(number=c.number, title=c.title), r)
                for c, r in rates.per_circular
            ]
        )
        self.han_rates.set_rates([(h.name, r) for h, r in rates.per_han])
        names = {h.id: h.name for h in self.model.hans()}
        self.household_rates.set_rates(
            [
                (self.tr("{han}　{name}").format(han=names.get(h.han_id, ""), name=h.name), r)
                for h, r in rates.per_household
            ]
        )
        read = sum(r.read for _c, r in rates.per_circular)
        targeted = sum(r.targeted for _c, r in rates.per_circular)
        summary = summarize(self.model.hans(), self.model.households())
        self.digital_label.setText(
            self.tr("年度の既読率 {rate}\nデジタルで読む世帯 {share}%（{digital}/{active}世帯）").format(
                rate=rate_text(Rate(read, targeted)),
                share=round(summary.digital_share * 100),
                digital=summary.digital,
                active=summary.households,
            )
        )

    # ----- actions -------------------------------------------------------------------------------
    @Slot()
    def _on_year_changed(self) -> None:
        data = self.year_combo.currentData()
        if data is not None:
            self.set_year(int(data))

    @Slot()
    def _on_filter_changed(self) -> None:
        data = self.han_combo.currentData()
        self.model.set_filter(int(data) if data is not None else None, self.unread_check.isChecked())
        self._show_counts()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            household = self.model.household_at(index.row())
            self.status_requested.emit(self.model.circular_at(index.column()).id, household.han_id)

    def export_message(self, path: Path, encoding: str) -> str:
        """What the export did, naming the encoding in words an Excel user knows."""
        if encoding == "cp932":
            name = self.tr("Shift_JIS（Excel用）")
        else:
            name = self.tr("UTF-8（BOM付き）: Shift_JISで表せない文字があるため")
        return self.tr("{path} に既読の一覧を書き出しました。\n文字コード: {encoding}").format(
            path=path, encoding=name
        )

    @Slot()
    def export_csv(self) -> None:
        """Ask where to save, export the matrix of the shown year and say which encoding was used."""
        suggested = self.tr("既読一覧_{year}年度_{date}.csv").format(
            year=self._year, date=dt.date.today().isoformat()
        )
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("既読の一覧を書き出す"), suggested, self.tr("CSVファイル (*.csv)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            encoding = self._reads.export_matrix_csv(path, self._year)
        except UserError as error:
            messages.show_error(self, error)
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("書き出せません"), messages.os_error_text(exc))
            return
        QMessageBox.information(
            self, self.tr("既読の一覧を書き出しました"), self.export_message(path, encoding)
        )
