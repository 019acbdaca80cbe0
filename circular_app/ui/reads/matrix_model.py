"""The reader matrix's table models: households × circulars, and the rates tables beside it.

:class:`ReaderMatrixModel` turns a :class:`~circular_app.services.reads.ReaderGrid` (or a full
:class:`~circular_app.services.reads.ReaderMatrix`) into one byte per cell in
:meth:`ReaderMatrixModel.set_matrix`: a published circular's column is filled from its
snapshot (the households it was sent to, one look-up each), a draft's with ``bytes.translate``
from a small table per class of households (the live rule depends only on 班, delivery and
moving date), and the read records are laid over them. ``data()`` is then an index into a bytearray and a
tuple of precomputed strings, so 1,000 households × 200 circulars open and scroll without
stutter. Only a cell's tooltip asks the service (the cell's history), when it is shown.

A cell shows its state by a symbol and, for screen readers, by words (``AccessibleTextRole``);
colour is only an extra. Unread cells of an overdue circular show 「！」.

The rates (per circular, per 班 and per household over the fiscal year) are the domain's
(:func:`~circular_app.domain.reads.circular_rate`), computed by :func:`matrix_rates` without
Qt so that the page can compute them on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from circular_app.domain.calendar import wareki, wareki_time
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.reads import (
    CellState,
    Channel,
    Rate,
    is_targeted,
    left_before_issue,
    shown_in_reader_matrix,
    total_rate,
)
from circular_app.domain.roster import Han, Household
from circular_app.services.reads import ReaderGrid, ReaderMatrix
from circular_app.ui.common.row_models import TitledRowsModel
from circular_app.ui.common.widgets import bold_font
from circular_app.ui.reads.text import percent_figure

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


def route_order(grid: ReaderGrid) -> list[Household]:
    """The matrix's rows: households by 班 position, then route position."""
    positions = {h.id: h.position for h in grid.hans}
    return sorted(grid.households, key=lambda h: (positions.get(h.han_id, 0), h.route_position, h.id))


def targeting_classes(households: Sequence[Household]) -> tuple[list[Household], list[int]]:
    """Households grouped by what targeting depends on (班, delivery, moving date).

    Returns one representative per class and the class of each household, so that
    :func:`~circular_app.domain.reads.is_targeted` is asked once per class, not per household.
    """
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
    return representatives, row_class


class TargetMasks:
    """Which rows each circular targets, as one byte per row (1: targeted), shared when equal.

    A published circular answers from its snapshot (``Circular.recipients``, the domain's
    :func:`~circular_app.domain.reads.is_targeted`): circulars published between two roster
    changes went to the same households, so their mask is built once. A draft follows the
    live rule, asked once per class of households (:func:`targeting_classes`).
    """

    def __init__(self, households: Sequence[Household]) -> None:
        self._n = len(households)
        self._row_of = {h.id: r for r, h in enumerate(households)}
        # Only a move-out dated on or before the issue date takes a recipient out again.
        self._moved = [(r, h) for r, h in enumerate(households) if h.moved_out_on is not None]
        self._representatives, self._row_class = targeting_classes(households)
        self._cache: dict[tuple[frozenset[int], tuple[int, ...]], bytes] = {}

    def mask(self, circular: Circular) -> bytes:
        """One byte per row: 1 where ``circular`` targets the household, else 0."""
        recipients = circular.recipients
        if recipients is None:
            hits = [is_targeted(circular, h) for h in self._representatives]
            return bytes(hits[k] for k in self._row_class)
        gone = tuple(r for r, h in self._moved if h.id in recipients and left_before_issue(circular, h))
        key = (recipients, gone)
        found = self._cache.get(key)
        if found is None:
            mask = bytearray(self._n)
            row_of = self._row_of
            for household_id in recipients:
                row = row_of.get(household_id)
                if row is not None:
                    mask[row] = 1
            for row in gone:
                mask[row] = 0
            found = self._cache[key] = bytes(mask)
        return found


def matrix_rates(grid: ReaderGrid) -> MatrixRates:
    """Rates per circular, per 班 and per household over a whole grid (no Qt: any thread).

    The rows' 班 are today's; which households count for a circular is its snapshot (the
    domain's :func:`~circular_app.domain.reads.is_targeted`), through :class:`TargetMasks`.
    """
    households = route_order(grid)
    n = len(households)
    han_of = [h.han_id for h in households]
    hans_present = list(dict.fromkeys(han_of))
    present = set(hans_present)
    row_of = {h.id: r for r, h in enumerate(households)}
    masks = TargetMasks(households)
    uses: dict[bytes, int] = {}  # each distinct mask → how many circulars have it
    targeted_per_han: dict[bytes, dict[int, int]] = {}
    read = [0] * n
    cells: dict[tuple[int, int], Rate] = {}
    for circular in grid.circulars:
        mask = masks.mask(circular)
        uses[mask] = uses.get(mask, 0) + 1
        targeted = targeted_per_han.get(mask)
        if targeted is None:
            targeted = targeted_per_han[mask] = dict.fromkeys(hans_present, 0)
            for row in range(n):
                if mask[row]:
                    targeted[han_of[row]] += 1
        read_per_han = dict.fromkeys(hans_present, 0)
        for household_id in {*grid.paper.get(circular.id, ()), *grid.digital.get(circular.id, ())}:
            at = row_of.get(household_id)
            if at is not None and mask[at]:
                read[at] += 1
                read_per_han[han_of[at]] += 1
        for han_id in hans_present:
            cells[circular.id, han_id] = Rate(read_per_han[han_id], targeted[han_id])
    targeted_count = [0] * n
    for mask, count in uses.items():
        for row in range(n):
            if mask[row]:
                targeted_count[row] += count
    per_circular = tuple(
        (c, total_rate(cells[c.id, han_id] for han_id in hans_present)) for c in grid.circulars
    )
    per_han_rates = tuple(
        (han, total_rate(cells[c.id, han.id] for c in grid.circulars))
        for han in grid.hans
        if han.id in present
    )
    per_household = tuple((h, Rate(read[r], targeted_count[r])) for r, h in enumerate(households))
    return MatrixRates(per_circular, per_han_rates, per_household)


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
        self._grid: ReaderGrid | None = None
        self._kept: list[bool] = []  # per household: kept by the domain's moved-out rule
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
        households = route_order(grid)
        circulars = grid.circulars
        n = len(households)
        masks = TargetMasks(households)
        row_of = {h.id: r for r, h in enumerate(households)}
        codes = bytearray(n * len(circulars))
        unread_any = 0
        # A mask's 1 becomes the column's unread (or overdue) code, by bytes.translate.
        as_unread = bytes([0, Code.UNREAD, *range(2, 256)])
        as_overdue = bytes([0, Code.OVERDUE, *range(2, 256)])
        for c, circular in enumerate(circulars):
            if circular.status is Status.DRAFT:
                cells = bytearray(n)
            else:
                table = as_overdue if circular.is_overdue(as_of) else as_unread
                cells = bytearray(masks.mask(circular).translate(table))
            for code, readers in ((Code.READ_PAPER, grid.paper), (Code.READ_DIGITAL, grid.digital)):
                for household_id in readers.get(circular.id, ()):
                    found = row_of.get(household_id)
                    if found is not None:
                        cells[found] = code
            start = c * n
            codes[start : start + n] = cells
            unread_any |= int.from_bytes(cells.translate(_UNREAD_MASK), "big")
        # Moved-out households with nothing to read this year are left out (a domain rule; asked
        # only for those that moved out, since it keeps everyone else).
        self._grid = grid
        self._kept = [h.moved_out_on is None or shown_in_reader_matrix(h, circulars) for h in households]
        self._hans = grid.hans
        self._households = households
        self._circulars = circulars
        self._n = n
        self._codes = codes
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
                issue=wareki(circular.issue_date, weekday=True),
                due=wareki(circular.due_date, weekday=True),
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
        kept = self._kept
        self._shown = [
            r
            for r, h in enumerate(self._households)
            if kept[r]
            and (han_id is None or h.han_id == han_id)
            and (not self._unread_only or unread_rows[r])
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
        return matrix_rates(self._grid) if self._grid is not None else MatrixRates((), (), ())

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
            lines.append(
                self.tr("回覧期限 {due} を過ぎています").format(due=wareki(circular.due_date, weekday=True))
            )
        history = list(self._history(circular.id, household.id)) if self._history is not None else []
        current = next((h for h in reversed(history) if h[0] == "record"), None)
        if current is not None and code in (Code.READ_PAPER, Code.READ_DIGITAL):
            lines.append(
                self.tr("日付: {date}　記録: {by}").format(
                    date=wareki(current[2], weekday=True), by=current[3]
                )
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
                        at=wareki_time(at),
                        action=actions.get(action, action),
                        channel=channels[channel],
                        date=wareki(read_on, weekday=True),
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
            (label, str(rate.read), str(rate.targeted), percent_figure(rate) if rate.targeted else "—")
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
