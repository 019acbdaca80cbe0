"""The list of circulars: filters, search, the table and the actions on the selected circular.

:class:`CircularTableModel` renders domain :class:`~circular_app.domain.circulars.Circular`
values with display strings computed once in :meth:`CircularTableModel.set_rows` and sorts
itself (a :class:`~circular_app.ui.common.row_models.SelfSortingTableModel`, as the roster model).
Filtering and search are the service's (:meth:`CircularService.list_circulars` folds width and
kana); the page asks again after each filter change and, for typing in the search field, after
a short pause.

Read rates are not part of a reset: they are computed per fiscal year from the reader matrix
the first time a row of that year is painted (or when the table is sorted by rate), then kept
until the next reset.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.calendar import fiscal_year, fiscal_year_label
from circular_app.domain.circulars import Audience, Category, Circular, CircularDraft, Status, Urgency
from circular_app.domain.errors import UserError
from circular_app.domain.reads import Rate, ReadRecord, circular_rate
from circular_app.domain.roster import Han
from circular_app.domain.text import search_key
from circular_app.services.reads import ReaderService
from circular_app.ui.common.row_models import SelfSortingTableModel
from circular_app.ui.common.widgets import FlowLayout
from circular_app.ui.compose.editor import CircularEditor
from circular_app.ui.compose.templates import SaveTemplateDialog, TemplatePickerDialog
from circular_app.ui.compose.texts import (
    category_label,
    date_text,
    error_text,
    error_title,
    rate_text,
    status_label,
    target_text,
    title_marks,
)

ModelIndex = QModelIndex | QPersistentModelIndex
RateProvider = Callable[[int], dict[int, Rate]]
Today = Callable[[], dt.date]

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
            self._rates.clear()
            self._rate_years.clear()
            self._pending_years.clear()
        self._rows = self._sorted([self._build_row(c) for c in circulars])
        self._index_rows()
        self.endResetModel()

    def set_rate_provider(self, provider: RateProvider | None) -> None:
        """Where read rates come from (fiscal year → rate per circular id); None: no rates."""
        self._rate_provider = provider
        self._rates.clear()
        self._rate_years.clear()
        self._pending_years.clear()
        self._emit_column_changed(Column.READ_RATE)

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
        self._ensure_rates(set(self._pending_years))
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


class CircularTableView(QTableView):
    """The circular table: whole rows, no editing, rows as tall as the text needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(100)
        self._fit_pending = False
        self._fit_rows_to_font()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Keep rows tall enough for the text when the text size changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows_to_font()
            self.schedule_fit_columns()

    def schedule_fit_columns(self) -> None:
        """Fit the columns once the current burst of changes is over (see RosterTableView)."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self) -> None:
        self._fit_pending = False
        self.resizeColumnsToContents()
        # The title takes what is left; the other columns keep their fitted width.
        self.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)

    def _fit_rows_to_font(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)


class CircularListPage(QWidget):
    """Every circular: filters, search, the table, and actions from writing to closing.

    Editors open in windows of their own; the page keeps track of them so that a circular
    is never open twice and the list follows what is saved there.

    Signals:
        circulars_changed(): circulars were created, changed, published, closed or deleted.
        circular_published(int): a circular (id) was published or a correction was published.
        current_circular_changed(): the selected circular changed.
    """

    circulars_changed = Signal()
    circular_published = Signal(int)
    current_circular_changed = Signal()
    print_requested = Signal(int)

    SEARCH_DELAY_MS = 150

    def __init__(
        self, services: ProfileServices, today: Today = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._circulars = services.circulars
        self._today = today
        self._can_compose = services.context.officer.can_compose
        self._editors: list[CircularEditor] = []
        self._shown_before = False
        self.model = CircularTableModel(self)
        self.model.set_rate_provider(lambda year: fiscal_year_rates(services.reads, year))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        if self.model.rowCount():
            # Start on the newest circular, so that the actions are ready for the keyboard.
            self.table.selectRow(0)
        self.table.schedule_fit_columns()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_T))
        self.open_action = QAction(self)
        self.duplicate_action = QAction(self)
        self.publish_action = QAction(self)
        self.correct_action = QAction(self)
        self.close_action = QAction(self)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.save_template_action = QAction(self)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))

        self.filter_bar = QWidget(self)
        flow = FlowLayout(self.filter_bar)
        flow.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(self.filter_bar)
        self.status_combo = QComboBox(self.filter_bar)
        for status in (None, *Status):
            self.status_combo.addItem("", status.value if status else None)
        self.year_label = QLabel(self.filter_bar)
        self.year_combo = QComboBox(self.filter_bar)
        self.category_label = QLabel(self.filter_bar)
        self.category_combo = QComboBox(self.filter_bar)
        for category in (None, *Category):
            self.category_combo.addItem("", category.value if category else None)
        self.search_label = QLabel(self.filter_bar)
        self.search_edit = QLineEdit(self.filter_bar)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        for label, field in (
            (self.status_label, self.status_combo),
            (self.year_label, self.year_combo),
            (self.category_label, self.category_combo),
            (self.search_label, self.search_edit),
        ):
            field_combo = field if isinstance(field, QComboBox) else None
            if field_combo is not None:
                field_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            label.setBuddy(field)
            pair = QWidget(self.filter_bar)
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(label)
            pair_layout.addWidget(field)
            flow.addWidget(pair)

        self.action_bar = QWidget(self)
        buttons = FlowLayout(self.action_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in self.actions_in_order():
            if action is None:
                continue
            button = QToolButton(self.action_bar)
            if action is self.print_action:
                button.setObjectName("circular_print_button")  # trainer exercise 4 points here
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)

        self.table = CircularTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.addAction(self.delete_action)

        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "summary")

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.notice_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def actions_in_order(self) -> list[QAction | None]:
        """The page's actions as menus show them (None: a separator)."""
        return [
            self.new_action,
            self.open_action,
            self.duplicate_action,
            None,
            self.publish_action,
            self.correct_action,
            self.close_action,
            None,
            self.print_action,
            None,
            self.delete_action,
            self.save_template_action,
        ]

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.new_from_template)
        self.open_action.triggered.connect(self.open_current)
        self.duplicate_action.triggered.connect(self.duplicate_current)
        self.publish_action.triggered.connect(self.publish_current)
        self.correct_action.triggered.connect(self.correct_current)
        self.close_action.triggered.connect(self.close_current)
        self.delete_action.triggered.connect(self.delete_current)
        self.save_template_action.triggered.connect(self.save_current_as_template)
        self.print_action.triggered.connect(self._request_print)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self.year_combo.currentIndexChanged.connect(self._apply_filters)
        self.category_combo.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.returnPressed.connect(self._search_now)
        self.table.activated.connect(self.open_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_actions)
        self.model.rates_updated.connect(lambda: self.table.resizeColumnToContents(Column.READ_RATE))

    def tab_title(self) -> str:
        """The title of the page's tab in the current language."""
        return self.tr("回覧")

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.new_action.setText(self.tr("新規（テンプレートから）(&N)…"))
        self.new_action.setToolTip(self.tr("テンプレートを選んで新しい回覧を書きます"))
        self.open_action.setText(self.tr("開く・編集(&O)"))
        self.open_action.setToolTip(self.tr("選んだ回覧を開きます（発行済みなら訂正できます）"))
        self.duplicate_action.setText(self.tr("複製(&D)"))
        self.duplicate_action.setToolTip(self.tr("選んだ回覧と同じ内容の下書きを作ります"))
        self.publish_action.setText(self.tr("発行(&P)…"))
        self.publish_action.setToolTip(self.tr("選んだ下書きに回覧No.を付けて発行します"))
        self.correct_action.setText(self.tr("訂正(&R)…"))
        self.correct_action.setToolTip(self.tr("発行済みの回覧を直して「訂正」として発行します"))
        self.close_action.setText(self.tr("回覧を終了(&L)…"))
        self.close_action.setToolTip(self.tr("回覧中の回覧を終了にします（年度ごとに保管されます）"))
        self.delete_action.setText(self.tr("下書きを削除(&X)…"))
        self.save_template_action.setText(self.tr("テンプレートとして保存(&M)…"))
        self.print_action.setText(self.tr("印刷用PDF(&W)…"))
        self.print_action.setToolTip(self.tr("班の回覧板用・紙の世帯用のPDFを作ります"))
        self.status_label.setText(self.tr("状態(&S)"))
        for index, text in enumerate((self.tr("すべて"), *(status_label(s) for s in Status))):
            self.status_combo.setItemText(index, text)
        self.year_label.setText(self.tr("年度(&Y)"))
        self.category_label.setText(self.tr("分類(&G)"))
        for index, text in enumerate((self.tr("すべて"), *(category_label(c) for c in Category))):
            self.category_combo.setItemText(index, text)
        self.search_label.setText(self.tr("検索(&F)"))
        self.search_edit.setPlaceholderText(self.tr("件名・本文の言葉（ひらがな・半角カナも可）"))
        self.search_edit.setAccessibleName(self.tr("件名と本文を検索"))
        self.table.setAccessibleName(self.tr("回覧の一覧"))
        self._fill_year_combo()
        self.model.retranslate()
        self.table.schedule_fit_columns()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Coming back to the page (another tab recorded reads, say) shows the data as it is now."""
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True
        super().showEvent(event)

    # ----- content -----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Load the circulars again (filters and search kept, read rates recounted)."""
        self._load(keep_rates=False)

    @Slot()
    def _apply_filters(self) -> None:
        """Ask again after a filter or the search changed (the read rates stay valid)."""
        self._load(keep_rates=True)

    def _load(self, keep_rates: bool) -> None:
        self._search_timer.stop()
        current = self.current_circular()
        status = self.status_combo.currentData()
        year = self.year_combo.currentData()
        category = self.category_combo.currentData()
        rows = self._circulars.list_circulars(
            status=Status(status) if status else None,
            year=int(year) if year is not None else None,
            category=Category(category) if category else None,
            search=self.search_edit.text(),
        )
        self.model.set_rows(rows, self._services.roster.list_hans(), self._today(), keep_rates)
        self._fill_year_combo()
        self._show_count()
        if current is not None:
            self.select_circular(current.id)
        self._update_actions()

    @Slot()
    def _search_now(self) -> None:
        if self._search_timer.isActive():
            self._apply_filters()

    def search_pending(self) -> bool:
        """True while typed search text waits for the pause before it is applied."""
        return self._search_timer.isActive()

    def _fill_year_combo(self) -> None:
        selected = self.year_combo.currentData()
        years = sorted({*self._circulars.fiscal_years(), fiscal_year(self._today())}, reverse=True)
        self.year_combo.blockSignals(True)
        try:
            self.year_combo.clear()
            self.year_combo.addItem(self.tr("すべての年度"), None)
            for year in years:
                self.year_combo.addItem(fiscal_year_label(year), year)
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(selected)))
        finally:
            self.year_combo.blockSignals(False)

    def set_filters(
        self,
        status: Status | None = None,
        year: int | None = None,
        category: Category | None = None,
        search: str = "",
    ) -> None:
        """Set every filter at once and refresh once."""
        for combo, value in (
            (self.status_combo, status.value if status else None),
            (self.year_combo, year),
            (self.category_combo, category.value if category else None),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(search)
        self.search_edit.blockSignals(False)
        self._apply_filters()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{count}件").format(count=self.model.rowCount()))

    def show_notice(self, text: str) -> None:
        """Say what the last action did, under the table."""
        self.notice_label.setText(text)

    # ----- selection -----------------------------------------------------------------------------
    def current_circular(self) -> Circular | None:
        """The circular of the table's current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.circular_at(index.row())

    def select_circular(self, circular_id: int) -> bool:
        """Make ``circular_id`` the current row (False when it is not listed)."""
        row = self.model.row_of(circular_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    @Slot()
    def _on_current_changed(self) -> None:
        self._update_actions()
        self.current_circular_changed.emit()

    @Slot()
    def _update_actions(self) -> None:
        circular = self.current_circular()
        status = circular.status if circular is not None else None
        compose = self._can_compose
        self.new_action.setEnabled(compose)
        self.open_action.setEnabled(circular is not None)
        self.duplicate_action.setEnabled(compose and circular is not None)
        self.publish_action.setEnabled(compose and status is Status.DRAFT)
        self.correct_action.setEnabled(compose and status is Status.PUBLISHED)
        self.close_action.setEnabled(compose and status is Status.PUBLISHED)
        self.delete_action.setEnabled(compose and status is Status.DRAFT)
        self.save_template_action.setEnabled(compose and circular is not None)
        self.print_action.setEnabled(status in (Status.PUBLISHED, Status.CLOSED))

    @Slot()
    def _request_print(self) -> None:
        circular = self.current_circular()
        if circular is not None:
            self.print_requested.emit(circular.id)

    # ----- editors -------------------------------------------------------------------------------
    def editors(self) -> list[CircularEditor]:
        """The editor windows open now."""
        return list(self._editors)

    def editor_for(self, circular_id: int) -> CircularEditor | None:
        """The open editor of ``circular_id``, if any."""
        return next((e for e in self._editors if e.circular_id == circular_id), None)

    def _track(self, editor: CircularEditor) -> CircularEditor:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.circular_saved.connect(self._on_editor_saved)
        editor.circular_published.connect(self._on_published)
        editor.circular_corrected.connect(self._on_published)
        editor.destroyed.connect(lambda: self._forget(editor))
        self._editors.append(editor)
        editor.show()
        return editor

    def _forget(self, editor: CircularEditor) -> None:
        if editor in self._editors:
            self._editors.remove(editor)

    def open_editor(self, circular_id: int) -> CircularEditor:
        """Open ``circular_id`` in its editor window (or bring the open one to the front)."""
        editor = self.editor_for(circular_id)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return editor
        circular = self._circulars.get(circular_id)
        return self._track(
            CircularEditor(
                self._circulars,
                self._services.roster.list_hans(),
                circular=circular,
                can_compose=self._can_compose,
                parent=self,
            )
        )

    @Slot()
    def open_current(self) -> CircularEditor | None:
        """Open the selected circular."""
        circular = self.current_circular()
        return self.open_editor(circular.id) if circular is not None else None

    @Slot()
    def new_from_template(self) -> CircularEditor | None:
        """Let the officer pick a template (or a blank page) and open a new circular from it."""
        dialog = TemplatePickerDialog(self._circulars.templates(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.new_circular(dialog.draft_for(self._circulars))

    def new_circular(self, draft: CircularDraft) -> CircularEditor:
        """Open an editor on a circular not saved yet; it becomes a draft at the first change."""
        return self._track(
            CircularEditor(self._circulars, self._services.roster.list_hans(), draft=draft, parent=self)
        )

    @Slot(Circular)
    def _on_editor_saved(self, circular: Circular) -> None:
        # Autosave every two seconds only updates the row; a new draft needs a new row.
        if not self.model.update_circular(circular):
            self.refresh()
            self.select_circular(circular.id)
            self.circulars_changed.emit()

    @Slot(int)
    def _on_published(self, circular_id: int) -> None:
        self.refresh()
        self.select_circular(circular_id)
        circular = self.current_circular()
        if circular is not None:
            self.show_notice(self._published_text(circular))
        self.circulars_changed.emit()
        self.circular_published.emit(circular_id)

    def _published_text(self, circular: Circular) -> str:
        if circular.corrected:
            return self.tr("回覧No.{number}「{title}」の訂正を発行しました").format(
                number=circular.number, title=circular.title
            )
        return self.tr("「{title}」を回覧No.{number}として発行しました").format(
            number=circular.number, title=circular.title
        )

    # ----- actions on the selected circular ----------------------------------------------------------
    def _show_error(self, error: UserError) -> None:
        QMessageBox.warning(self, error_title(error), error_text(error))

    def _run(self, action: Callable[[int], Circular], circular_id: int) -> Circular | None:
        """Call a service action on one circular; show a refusal; let its open editor catch up."""
        try:
            changed = action(circular_id)
        except UserError as error:
            self._show_error(error)
            return None
        editor = self.editor_for(circular_id)
        if editor is not None:
            editor.reload()
        return changed

    def _flush_editor(self, circular_id: int) -> bool:
        """Save what an open editor of ``circular_id`` holds; False when that failed."""
        editor = self.editor_for(circular_id)
        return editor is None or editor.save_now()

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def duplicate_current(self) -> CircularEditor | None:
        """Copy the selected circular into a new draft and open it."""
        circular = self.current_circular()
        if circular is None or not self._flush_editor(circular.id):
            return None
        try:
            copy = self._circulars.duplicate(circular.id)
        except UserError as error:
            self._show_error(error)
            return None
        self.refresh()
        self.select_circular(copy.id)
        self.show_notice(self.tr("「{title}」を複製しました（下書き）").format(title=copy.title))
        self.circulars_changed.emit()
        return self.open_editor(copy.id)

    @Slot()
    def publish_current(self) -> Circular | None:
        """Publish the selected draft after asking."""
        circular = self.current_circular()
        if circular is None or circular.status is not Status.DRAFT or not self._flush_editor(circular.id):
            return None
        if not self._confirm(
            self.tr("回覧の発行"),
            self.tr(
                "「{title}」を発行します。発行後に直すと「訂正」として記録されます。よろしいですか？"
            ).format(title=circular.title),
        ):
            return None
        published = self._run(self._circulars.publish, circular.id)
        if published is not None:
            self._on_published(published.id)
        return published

    @Slot()
    def correct_current(self) -> CircularEditor | None:
        """Open the selected published circular for a correction."""
        editor = self.open_current()
        if editor is not None:
            editor.body_edit.setFocus()
        return editor

    @Slot()
    def close_current(self) -> Circular | None:
        """Close the selected published circular after asking."""
        circular = self.current_circular()
        if circular is None or circular.status is not Status.PUBLISHED:
            return None
        if not self._confirm(
            self.tr("回覧の終了"),
            self.tr("回覧No.{number}「{title}」を終了にします。よろしいですか？").format(
                number=circular.number, title=circular.title
            ),
        ):
            return None
        closed = self._run(self._circulars.close, circular.id)
        if closed is None:
            return None
        self.refresh()
        self.show_notice(self.tr("回覧No.{number}を終了にしました").format(number=closed.number))
        self.circulars_changed.emit()
        return closed

    @Slot()
    def delete_current(self) -> bool:
        """Delete the selected draft after asking (its editor is closed unsaved)."""
        circular = self.current_circular()
        if circular is None or circular.status is not Status.DRAFT:
            return False
        if not self._confirm(
            self.tr("下書きの削除"),
            self.tr("下書き「{title}」を削除します。元に戻せません。よろしいですか？").format(
                title=circular.title or self.tr("（件名なし）")
            ),
        ):
            return False
        editor = self.editor_for(circular.id)
        if editor is not None:
            editor.discard_and_close()
        try:
            self._circulars.delete_draft(circular.id)
        except UserError as error:
            self._show_error(error)
            return False
        self.refresh()
        self.show_notice(self.tr("下書きを削除しました"))
        self.circulars_changed.emit()
        return True

    @Slot()
    def save_current_as_template(self) -> bool:
        """Keep the selected circular's title and body as a template."""
        circular = self.current_circular()
        if circular is None or not self._flush_editor(circular.id):
            return False
        dialog = SaveTemplateDialog(self._circulars, circular.id, circular.title, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return False
        self.show_notice(self.tr("テンプレート「{name}」を保存しました").format(name=dialog.saved.name))
        return True
