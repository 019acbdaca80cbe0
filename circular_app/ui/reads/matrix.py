"""The reader matrix page: the table with its filters, the rates and the CSV export.

The table is :class:`~circular_app.ui.reads.matrix_model.ReaderMatrixModel` in a
:class:`~circular_app.ui.reads.matrix_view.MatrixView`. The matrix of a fiscal year (and its
rates) is loaded on a worker thread of the page's :class:`~circular_app.ui.common.tasks.TaskRunner`
while the page says it is loading; the answer is applied on the GUI thread, and an answer
overtaken by a newer load is dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import fiscal_year, fiscal_year_label
from circular_app.domain.errors import UserError
from circular_app.domain.reads import total_rate
from circular_app.domain.roster import summarize
from circular_app.services.circulars import CircularService
from circular_app.services.reads import ReaderGrid, ReaderService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner
from circular_app.ui.common.widgets import (
    bold_font,
    labelled_fields,
    refill_combo,
    reflowing_side_by_side,
)
from circular_app.ui.reads.matrix_model import MatrixRates, RatesModel, ReaderMatrixModel, matrix_rates
from circular_app.ui.reads.matrix_view import MatrixView
from circular_app.ui.reads.text import rate_text


class RatesView(QTableView):
    """A table of rates that is never narrower than its columns (high contrast cut it off)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Every column whole: the page stacks the rates under the matrix when space is short."""
        hint = super().minimumSizeHint()
        header = self.horizontalHeader()
        model = self.model()
        count = model.columnCount() if model is not None else 0
        columns = sum(max(header.sectionSizeHint(c), self.sizeHintForColumn(c)) for c in range(count))
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), columns + scroll_bar + 2 * self.frameWidth()), hint.height())


def load_year(reads: ReaderService, year: int) -> tuple[ReaderGrid, MatrixRates]:
    """On a worker thread: the grid of fiscal ``year`` and its rates."""
    grid = reads.grid(year)
    return grid, matrix_rates(grid)


def _shut_down(tasks: TaskRunner, _destroyed: QObject | None = None) -> None:
    """The page is gone: answers still on their way are dropped (touches no Qt object)."""
    tasks.shutdown()


class ReaderMatrixPage(Retranslating, QWidget):
    """The matrix with its filters, the rates and the CSV export.

    Signals:
        status_requested(int, int): a cell was activated: show circular (id) for 班 (id).
        matrix_loaded(): the matrix of the chosen fiscal year was (re)loaded and is shown.
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
        self._rates = MatrixRates((), (), ())
        self._stale = True
        self._load_ids = itertools.count(1)
        self._load_id = 0  # the load whose answer is awaited (0: none)
        self._tasks = TaskRunner(self)
        self.destroyed.connect(functools.partial(_shut_down, self._tasks))
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
            table = RatesView(self.rate_tabs)
            table.setModel(model)
            model.modelReset.connect(table.updateGeometry)  # new rows, new column widths
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

        self.splitter = reflowing_side_by_side(self, [(self.view, 3), (rates_box, 1)])

        self.count_label = QLabel(self)
        self.busy_label = QLabel(self)
        self.busy_label.setProperty("role", "summary")
        self.busy_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.legend)
        layout.addWidget(self.busy_label)
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
        self.busy_label.setText(self.tr("既読の一覧を読み込んでいます…"))
        for index, title in enumerate((self.tr("回覧ごと"), self.tr("班ごと"), self.tr("世帯ごと"))):
            self.rate_tabs.setTabText(index, title)
            self.rate_views[index].setAccessibleName(self.tr("既読率（{what}）").format(what=title))
        for model in (self.circular_rates, self.han_rates, self.household_rates):
            model.retranslate()
        self.model.retranslate()
        self._fill_year_combo()
        self._fill_han_combo()
        self._show_counts()
        self._rates_stale = True
        self._fill_rates_later()

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

    @property
    def loading(self) -> bool:
        """True while a load runs on the worker thread."""
        return self._load_id != 0

    def reload(self) -> None:
        """Load the matrix of the chosen fiscal year on a worker thread (filters are kept).

        :attr:`matrix_loaded` is emitted once it is shown; a load still running is overtaken.
        """
        self._stale = False
        reads, year = self._reads, self._year
        self.busy_label.show()
        self.view.setCursor(Qt.CursorShape.BusyCursor)
        self._load_id = load_id = next(self._load_ids)
        self._tasks.run(
            lambda: load_year(reads, year),
            functools.partial(self._loaded, load_id),
            functools.partial(self._load_failed, load_id),
        )

    def _loaded(self, load_id: int, result: tuple[ReaderGrid, MatrixRates]) -> None:
        """On the GUI thread: show a load's answer, unless a newer load overtook it."""
        if load_id != self._load_id:
            return
        self._load_id = 0
        self._end_busy()
        grid, self._rates = result
        self.model.set_matrix(grid)
        self.model.set_filter(self.model.han_filter, self.model.unread_only)
        self.view.fit_to_font()
        self._fill_year_combo()
        self._fill_han_combo()
        self._show_counts()
        self._rates_stale = True
        self._fill_rates_later()
        self.matrix_loaded.emit()

    def _load_failed(self, load_id: int, error: BaseException) -> None:
        if load_id != self._load_id:
            return  # a newer load is under way and will answer
        self._load_id = 0
        self._end_busy()
        self._stale = True  # try again when next shown
        if isinstance(error, UserError):
            messages.show_error(self, error)
        elif isinstance(error, OSError):
            dialogs.warn(self, self.tr("既読の一覧を読み込めません"), messages.os_error_text(error))
        else:
            dialogs.warn(self, self.tr("既読の一覧を読み込めません"), str(error))

    def _end_busy(self) -> None:
        self.busy_label.hide()
        self.view.unsetCursor()

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
        refill_combo(
            self.year_combo,
            [
                (self.tr("{name}（{year}年4月〜）").format(name=fiscal_year_label(year), year=year), year)
                for year in years
            ],
            self._year,
        )

    def _fill_han_combo(self) -> None:
        hans = [(han.name, han.id) for han in self.model.hans()]
        refill_combo(self.han_combo, [(self.tr("すべての班"), None), *hans], self.model.han_filter)

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
        rates = self._rates
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
        year_rate = total_rate(r for _c, r in rates.per_circular)
        summary = summarize(self.model.hans(), self.model.households())
        self.digital_label.setText(
            self.tr("年度の既読率 {rate}\nデジタルで読む世帯 {share}%（{digital}/{active}世帯）").format(
                rate=rate_text(year_rate),
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
        path = dialogs.save_csv(self, dialogs.Purpose.PRINT, self.tr("既読の一覧を書き出す"), suggested)
        if path is None:
            return
        try:
            encoding = self._reads.export_matrix_csv(path, self._year)
        except UserError as error:
            messages.show_error(self, error)
            return
        except OSError as exc:
            dialogs.warn(self, self.tr("書き出せません"), messages.os_error_text(exc))
            return
        dialogs.inform(self, self.tr("既読の一覧を書き出しました"), self.export_message(path, encoding))
