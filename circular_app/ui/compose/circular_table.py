"""The circular table: its model (display strings, sorting, lazily computed read rates) and view.

:class:`CircularTableModel` renders domain :class:`~circular_app.domain.circulars.Circular`
values with display strings computed once in :meth:`CircularTableModel.set_rows` and sorts
itself (a :class:`~circular_app.ui.common.row_models.SelfSortingTableModel`, as the roster model).

Read rates are not part of a reset: they are computed per fiscal year from the reader matrix
the first time a row of that year is painted (or when the table is sorted by rate), then kept
until the next reset. Both the rate and its text come from the domain
(:func:`~circular_app.domain.reads.circular_rate`, shown by :func:`~circular_app.ui.reads.text.rate_text`, the one rate text of the GUI).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QWidget

from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
from circular_app.domain.reads import Rate, ReadRecord, circular_rate
from circular_app.domain.roster import Han
from circular_app.domain.text import search_key
from circular_app.services.reads import ReaderService
from circular_app.ui.common.row_models import SelfSortingTableModel
from circular_app.ui.common.tables import RowTableView
from circular_app.ui.compose.texts import category_label, date_text, status_label, target_text, title_marks
from circular_app.ui.reads.text import rate_text

ModelIndex = QModelIndex | QPersistentModelIndex
RateProvider = Callable[[int], dict[int, Rate]]
#: Runs a call off the GUI thread, then one of two callbacks on it (``TaskRunner.run``).
Background = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], object]

CIRCULAR_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(enum.IntEnum):
    """Columns of the circular table, in display order."""

    NUMBER = 0
    STATUS = 1
    CATEGORY = 2
    TITLE = 3
    ISSUED = 4
    DUE = 5
    TARGET = 6
    READ_RATE = 7


_CENTERED = frozenset({Column.NUMBER, Column.STATUS, Column.ISSUED, Column.DUE, Column.READ_RATE})
_STATUS_ORDER = {s: i for i, s in enumerate(Status)}
_CATEGORY_ORDER = {c: i for i, c in enumerate(Category)}


def fiscal_year_rates(reads: ReaderService, year: int) -> dict[int, Rate]:
    """Read rate of every published or closed circular of fiscal ``year``, from one matrix."""
    matrix = reads.matrix(year)
    per_circular: dict[int, dict[int, ReadRecord]] = {}
    for (circular_id, household_id), record in matrix.records.items():
        per_circular.setdefault(circular_id, {})[household_id] = record
    return {c.id: circular_rate(c, matrix.households, per_circular.get(c.id, {})) for c in matrix.circulars}


@dataclass(frozen=True, slots=True)
class _Row:
    """One circular with its precomputed display strings and sort keys."""

    circular: Circular
    cells: tuple[str, ...]
    overdue: bool


class CircularTableModel(SelfSortingTableModel[_Row]):
    """Circulars as rows, :class:`Column` as columns; sorts itself, rates computed lazily.

    Signals:
        rates_updated(): read rates were computed and their cells changed.
    """

    rates_updated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), Column.ISSUED, Qt.SortOrder.DescendingOrder, parent)
        self._by_id: dict[int, int] = {}
        self._hans: list[Han] = []
        self._today = dt.date.today()
        self._rate_provider: RateProvider | None = None
        self._rates: dict[int, Rate] = {}
        self._rate_years: set[int] = set()
        self._pending_years: set[int] = set()
        self._loading_years: set[int] = set()
        self._rate_generation = 0  # bumped whenever the rates computed so far are dropped
        self._background: Background | None = None
        self._rate_timer = QTimer(self)
        self._rate_timer.setSingleShot(True)
        self._rate_timer.setInterval(0)
        self._rate_timer.timeout.connect(self._load_pending_rates)
        self._bold = QFont()
        self._bold.setBold(True)
        self._texts: dict[str, str] = {}
        self._status_texts: dict[Status, str] = {}
        self._category_texts: dict[Category, str] = {}
        self._targets: dict[tuple[tuple[int, ...], Audience], str] = {}
        self.retranslate()

    # ----- content -------------------------------------------------------------------------
    def set_rows(
        self, circulars: Sequence[Circular], hans: Sequence[Han], today: dt.date, keep_rates: bool = False
    ) -> None:
        """Replace every row; ``today`` decides which circulars are overdue.

        ``keep_rates`` keeps the read rates computed so far (the same data, filtered anew);
        otherwise they are computed again when shown.
        """
        self.beginResetModel()
        self._hans = list(hans)
        self._targets.clear()
        self._today = today
        if not keep_rates:
            self._drop_rates()
        self._rows = self._sorted([self._build_row(c) for c in circulars])
        self._index_rows()
        self.endResetModel()

    def set_rate_provider(self, provider: RateProvider | None) -> None:
        """Where read rates come from (fiscal year → rate per circular id); None: no rates."""
        self._rate_provider = provider
        self._drop_rates()
        self._emit_column_changed(Column.READ_RATE)

    def set_background(self, background: Background | None) -> None:
        """Compute the rates shown by painting with ``background`` (off the GUI thread).

        ``background(call, done, failed)`` runs ``call`` on a worker and then ``done(result)``
        or ``failed(error)`` on the GUI thread (:meth:`TaskRunner.run
        <circular_app.ui.common.tasks.TaskRunner.run>`). Without it (the default) they are
        computed on the GUI thread in the event-loop pass after they were first asked for.
        """
        self._background = background

    def _drop_rates(self) -> None:
        self._rates.clear()
        self._rate_years.clear()
        self._pending_years.clear()
        self._loading_years.clear()
        self._rate_generation += 1

    def update_circular(self, circular: Circular) -> bool:
        """Show a changed circular in its row (False when it is not in the model)."""
        row = self._by_id.get(circular.id)
        if row is None:
            return False
        self._rows[row] = self._build_row(circular)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        return True

    def _build_row(self, c: Circular) -> _Row:
        # Labels come from dictionaries filled once per reset: 2,000 rows × 7 cells of
        # translated text would otherwise cost more than the rest of the reset.
        texts = self._texts
        overdue = c.is_overdue(self._today)
        due = date_text(c.due_date)
        marks = texts["urgent"] if c.urgency is Urgency.URGENT else ""
        if c.version > 1:
            marks += texts["corrected"]
        target_key = (c.target_han_ids, c.audience)
        target = self._targets.get(target_key)
        if target is None:
            target = self._targets[target_key] = target_text(c.target_han_ids, c.audience, self._hans)
        cells = (
            str(c.number) if c.number is not None else "",
            self._status_texts[c.status],
            self._category_texts[c.category],
            marks + (c.title or texts["untitled"]),
            date_text(c.issue_date),
            texts["overdue"].format(date=due) if overdue else due,
            target,
        )
        return _Row(c, cells, overdue)

    def _index_rows(self) -> None:
        self._by_id = {r.circular.id: i for i, r in enumerate(self._rows)}

    def retranslate(self) -> None:
        """Recompute translated headers and cells after a language change."""
        self._titles = (
            self.tr("回覧No."),
            self.tr("状態"),
            self.tr("分類"),
            self.tr("件名"),
            self.tr("発行日"),
            self.tr("期限"),
            self.tr("対象"),
            self.tr("既読率"),
        )
        self._texts = {
            "untitled": self.tr("（件名なし）"),
            "overdue": self.tr("{date}（期限切れ）"),
            "pending": self.tr("集計中…"),
            "none": self.tr("—"),
            "overdue_tip": self.tr("回覧期限を過ぎています"),
            "urgent": title_marks("", urgent=True, corrected=False),
            "corrected": title_marks("", urgent=False, corrected=True),
        }
        self._status_texts = {s: status_label(s) for s in Status}
        self._category_texts = {c: category_label(c) for c in Category}
        self._targets.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self._rows = [self._build_row(r.circular) for r in self._rows]
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def circular_at(self, row: int) -> Circular:
        """The circular shown in ``row``."""
        return self._rows[row].circular

    def row_of(self, circular_id: int) -> int | None:
        """Row of ``circular_id``, or None."""
        return self._by_id.get(circular_id)

    def circulars(self) -> list[Circular]:
        """Every circular of the model, in model order."""
        return [r.circular for r in self._rows]

    def cell_text(self, row: int, column: int) -> str:
        """The display text of a cell (the rate as far as known)."""
        return str(self.data(self.index(row, column)))

    # ----- read rates ------------------------------------------------------------------------
    def _rate_cell(self, circular: Circular) -> str:
        if circular.status is Status.DRAFT or circular.fiscal_year is None or self._rate_provider is None:
            return self._texts["none"]
        rate = self._rates.get(circular.id)
        if rate is not None:
            return rate_text(rate)
        if circular.fiscal_year in self._rate_years:
            return self._texts["none"]
        if circular.fiscal_year not in self._pending_years:
            self._pending_years.add(circular.fiscal_year)
            self._rate_timer.start()
        return self._texts["pending"]

    def rates_loaded(self) -> bool:
        """True when no rate is waiting to be computed."""
        return not self._pending_years

    def _ensure_rates(self, years: set[int]) -> None:
        if self._rate_provider is None:
            return
        for year in sorted(years - self._rate_years):
            self._rates.update(self._rate_provider(year))
            self._rate_years.add(year)
        self._pending_years -= self._rate_years

    @Slot()
    def _load_pending_rates(self) -> None:
        if not self._pending_years:
            return
        provider, background = self._rate_provider, self._background
        if background is None or provider is None:
            self._ensure_rates(set(self._pending_years))
            self._show_new_rates()
            return
        # The matrix of a year of 1,000 households takes a second or more: the window stays
        # usable meanwhile, and the cells say 集計中… until the answer is shown.
        generation = self._rate_generation
        for year in sorted(self._pending_years - self._loading_years):
            self._loading_years.add(year)
            background(
                functools.partial(provider, year),
                functools.partial(self._rates_arrived, generation, year),
                functools.partial(self._rates_failed, generation, year),
            )

    def _rates_arrived(self, generation: int, year: int, rates: dict[int, Rate]) -> None:
        """On the GUI thread: show a year's rates, unless the rows were replaced meanwhile."""
        if generation != self._rate_generation:
            return
        self._loading_years.discard(year)
        if year in self._rate_years:  # a sort by 既読率 computed them meanwhile
            return
        self._rates.update(rates)
        self._rate_years.add(year)
        self._pending_years.discard(year)
        self._show_new_rates()

    def _rates_failed(self, generation: int, year: int, _error: BaseException) -> None:
        """The year's rates could not be computed (logged by the runner): its cells say —."""
        self._rates_arrived(generation, year, {})

    def _show_new_rates(self) -> None:
        if self._sort_column == Column.READ_RATE:
            self.sort(self._sort_column, self._sort_order)
        self._emit_column_changed(Column.READ_RATE)
        self.rates_updated.emit()

    def _emit_column_changed(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    # ----- QAbstractTableModel ---------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, tooltips, alignment, emphasis and the circular id of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rate_cell(row.circular) if column == Column.READ_RATE else row.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.DUE and row.overdue:
                return self._texts["overdue_tip"]
            if column in (Column.TITLE, Column.TARGET):
                return row.cells[column]
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole and (
            (column == Column.DUE and row.overdue)
            or (column == Column.TITLE and row.circular.urgency is Urgency.URGENT)
        ):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.DUE and row.overdue:
            # The words 「期限切れ」 carry the meaning; the colour only repeats it.
            dark = QApplication.palette().base().color().lightness() < 128
            return QBrush(QColor("#ffff66" if dark else "#b00020"))
        if role == CIRCULAR_ID_ROLE:
            return row.circular.id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Rows are selectable, never edited in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # ----- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (numbers by year then number, dates as dates, rates by ratio)."""
        if column == Column.READ_RATE:
            self._ensure_rates({r.circular.fiscal_year for r in self._rows if r.circular.fiscal_year})
        super().sort(column, order)

    def _sort_key(self, column: int) -> Callable[[_Row], tuple[Any, ...]]:
        def issued(r: _Row) -> tuple[int, int]:
            return (r.circular.issue_date.toordinal(), r.circular.id)

        if column == Column.NUMBER:
            return lambda r: (r.circular.fiscal_year or 0, r.circular.number or 0, *issued(r))
        if column == Column.STATUS:
            return lambda r: (_STATUS_ORDER[r.circular.status], *issued(r))
        if column == Column.CATEGORY:
            return lambda r: (_CATEGORY_ORDER[r.circular.category], *issued(r))
        if column == Column.TITLE:
            return lambda r: (search_key(r.circular.title), *issued(r))
        if column == Column.DUE:
            return lambda r: (r.circular.due_date.toordinal(), *issued(r))
        if column == Column.TARGET:
            return lambda r: (r.cells[Column.TARGET], *issued(r))
        if column == Column.READ_RATE:
            rates = self._rates

            def by_rate(r: _Row) -> tuple[float, int, int]:
                rate = rates.get(r.circular.id)
                return (rate.ratio if rate is not None else -1.0, *issued(r))

            return by_rate
        return issued


class CircularTableView(RowTableView):
    """The circular table: whole rows, no editing, rows as tall as the text needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QAbstractItemView.SelectionMode.SingleSelection, parent)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(100)

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # The title takes what is left; the other columns keep their fitted width.
        self.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
