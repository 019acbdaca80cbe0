"""The action-plan sidebar: the city's DX action plan (地域) beside the officer's daily work.

:class:`ActionPlanDock` is a self-contained ``QDockWidget`` for the main window::

    dock = ActionPlanDock(
        plan_service,                        # ActionPlanService: the shown plan, import
        live=roster_live_figures(roster),    # () -> LiveFigures, or None without an open profile
        today=None,                          # a fixed date for tests/screenshots; None = today
        parent=main_window,
    )
    main_window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.set_collapsed(saved_value)                 # restore the officer's choice...
    dock.collapsed_changed.connect(save_value)      # ...and remember changes
    dock.refresh()                                  # after roster changes (live figures)
    dock.refresh_later()                            # the same, the figures counted off the GUI thread

Every text a person reads goes through ``tr`` with Japanese source text; English is in
``resources/i18n/action_plan_en.ts``, loaded with the other catalogs by
:mod:`circular_app.ui.common.i18n`. No widget sets a text size: everything inherits the application font, so the
sidebar follows the 100–200 % text-size setting (emphasis is bold only); the content scrolls.
Data from a plan file is always shown as plain text, never interpreted as rich text.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.action_plan import (
    ActionPlan,
    ActionPlanError,
    PeriodState,
    PlanPhase,
    plan_period_state,
)
from circular_app.services.action_plan import (
    ActionPlanService,
    LiveFigures,
    LiveFiguresProvider,
    LoadedPlan,
    PlanOrigin,
)
from circular_app.ui.common import dialogs
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import runner_for
from circular_app.ui.sidebar.measure_dialog import MeasureDialog
from circular_app.ui.sidebar.plan_items import KpiCard, MeasureItem
from circular_app.ui.sidebar.plan_texts import HEADING_STYLE, PlanTexts, plain_label

# Qt's "no maximum" (QWIDGETSIZE_MAX), which PySide does not export.
QWIDGETSIZE_MAX = (1 << 24) - 1
# The largest share of the main window's width the open sidebar takes.
EXPANDED_SHARE = 0.25

__all__ = ["ActionPlanDock", "KpiCard", "MeasureDialog", "MeasureItem", "PlanTexts"]


# ----- the dock ------------------------------------------------------------------------------------
class ActionPlanDock(Retranslating, QDockWidget):
    """Sidebar with the city's action plan, its KPIs and this association's live figures.

    Args:
        plan_service: gives the plan to show (bundled or imported) and imports newer files.
        live: called on every :meth:`refresh` for this association's figures; ``None`` when no
            profile is open (the figures then say so).
        today: the date to judge the plan period and fiscal year by; ``None`` means the real
            current date at each refresh.
        parent: usually the main window.
        live_later: build the content without the live figures (they say 集計中…) and leave
            them to :meth:`refresh_later` (the main window asks for it once it is shown).

    Signals:
        collapsed_changed(bool): the content was collapsed (True) or expanded (False), by the
            toggle button or :meth:`set_collapsed`. Persist it per officer.
        plan_imported(int): a newer plan file was imported; carries its ``data_version``.
    """

    collapsed_changed = Signal(bool)
    plan_imported = Signal(int)

    def __init__(
        self,
        plan_service: ActionPlanService,
        live: LiveFiguresProvider | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
        *,
        live_later: bool = False,
    ) -> None:
        super().__init__(parent)
        self._service = plan_service
        self._live = live
        self._today = today
        self._texts = PlanTexts(self)
        self._collapsed = False
        self._expanded_width = 0
        self._built = False
        self._items: list[MeasureItem] = []
        self._cards: list[KpiCard] = []
        self._state: PeriodState | None = None
        self._live_now: LiveFigures | None = None
        self.dialog: MeasureDialog | None = None
        self.message_box: QMessageBox | None = None
        self.notice: QLabel | None = None
        self.version_label: QLabel | None = None
        self.import_button: QPushButton | None = None
        self.import_action = QAction(self)
        self._load_ids = itertools.count(1)
        self._load_id = 0  # the load of live figures whose answer is awaited (0: none)
        self._tasks = runner_for(self)
        self._setup_ui()
        self._connect()
        self._retranslate()
        self._built = True
        if live_later and self._live is not None:
            self._load_id = -1  # 集計中… until refresh_later's answer
            self._show(None)
        else:
            self.refresh()

    # ----- construction ------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setObjectName("actionPlanDock")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        container = QWidget()
        outer = QVBoxLayout(container)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        self.toggle_button = QToolButton()
        # Text-only with ▼/▶ glyphs: an arrow icon would stay small at 200 % text size.
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle_button.setAutoRaise(True)
        self.toggle_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self._scroll, 1)
        outer.addStretch(0)  # takes the height while collapsed, keeping the toggle at the top
        self.setWidget(container)

    def _connect(self) -> None:
        self.toggle_button.clicked.connect(self._on_toggle)
        self.import_action.triggered.connect(self._choose_and_import)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("アクションプラン"))
        self.setAccessibleName(self.tr("アクションプラン"))
        self.import_action.setText(self.tr("計画ファイルを取り込む…"))
        self.import_action.setToolTip(self.tr("市から届いた新しい版の計画ファイル（JSON）を取り込みます"))
        self._scroll.setAccessibleName(self.tr("アクションプランの内容"))
        self._update_toggle()

    def _update_toggle(self) -> None:
        if self._collapsed:
            # One character a line: the collapsed strip stays narrow at any text size.
            self.toggle_button.setText(self.tr("◀\n計\n画"))
            self.toggle_button.setAccessibleName(self.tr("アクションプランを開く"))
        else:
            self.toggle_button.setText(self.tr("▼ 折りたたむ"))
            self.toggle_button.setAccessibleName(self.tr("アクションプランを折りたたむ"))

    # ----- public API --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the plan and the live figures and rebuild the content (keeps scroll and focus)."""
        self._load_id = 0  # a load under way is overtaken
        plan = self._service.current().plan
        self._show(self._live() if self._live is not None and self._shows_live(plan) else None)

    @property
    def loading(self) -> bool:
        """True while the live figures are counted on a worker thread."""
        return self._load_id != 0

    def refresh_later(self) -> None:
        """Count the live figures on a worker thread, then rebuild the content with them."""
        live = self._live
        if live is None or not self._shows_live(self._service.current().plan):
            self.refresh()
            return
        self._load_id = load_id = next(self._load_ids)
        self._tasks.run(
            live, functools.partial(self._live_loaded, load_id), functools.partial(self._live_failed, load_id)
        )

    @staticmethod
    def _shows_live(plan: ActionPlan) -> bool:
        return any(m.shows_live_figures for m in plan.measures)

    def _live_loaded(self, load_id: int, live: LiveFigures) -> None:
        if load_id == self._load_id:
            self._load_id = 0
            self._show(live)

    def _live_failed(self, load_id: int, _error: BaseException) -> None:
        # Logged by the runner; the figures then say 未集計 until the next refresh.
        if load_id == self._load_id:
            self._load_id = 0
            self._show(None)

    def _show(self, live: LiveFigures | None) -> None:
        """Rebuild the content with ``live`` (keeps scroll and focus)."""
        loaded = self._service.current()
        plan = loaded.plan
        today = self._today or dt.date.today()
        state = plan_period_state(plan, today)
        focused = next((i.measure.id for i in self._items if i.hasFocus()), None)
        scroll_value = self._scroll.verticalScrollBar().value()
        self._state, self._live_now = state, live
        # The old content may hold the sender of the current signal (the import button):
        # detach it and let the event loop delete it, rather than deleting it here.
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(self._build_content(loaded, state, live))
        self._scroll.verticalScrollBar().setValue(scroll_value)
        if focused is not None:
            for item in self._items:
                if item.measure.id == focused:
                    item.setFocus()
        self._apply_width_limits()  # new content, new minimum width of the dock

    def set_live_provider(self, live: LiveFiguresProvider | None) -> None:
        """Use another association's figures (a profile was opened or closed) and refresh."""
        self._live = live
        self.refresh()

    def is_collapsed(self) -> bool:
        """True while only the toggle button is shown."""
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Collapse or expand the content; emits ``collapsed_changed`` when the state changes."""
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self._scroll.setVisible(not collapsed)
        self._update_toggle()
        self._apply_width_limits()
        self._resize_in_main_window(collapsed)
        self.collapsed_changed.emit(collapsed)

    def _apply_width_limits(self) -> None:
        """Collapsed, the dock is a strip as wide as its toggle (title bar turned on its side).

        Without a maximum width the main window keeps the dock's old width empty, which at
        150 % text took 40 % of the window for nothing.
        """
        vertical = QDockWidget.DockWidgetFeature.DockWidgetVerticalTitleBar
        if self._collapsed:
            self.setFeatures(self.features() | vertical)
            self.setMaximumWidth(self.widget().minimumSizeHint().width() + self.fontMetrics().height() * 2)
        else:
            self.setFeatures(self.features() & ~vertical)
            window = self.parentWidget()
            if isinstance(window, QMainWindow) and not self.isFloating():
                # At most a quarter of the window (but never narrower than its content needs):
                # the officer's own work keeps the larger part at any text size.
                share = int(window.width() * EXPANDED_SHARE)
                self.setMaximumWidth(max(share, self.widget().minimumSizeHint().width()))
            else:
                self.setMaximumWidth(QWIDGETSIZE_MAX)

    def fit_to_window(self) -> None:
        """Re-apply the width limits after the main window was resized."""
        self._apply_width_limits()

    def measure_items(self) -> list[MeasureItem]:
        """The measure items in display order."""
        return list(self._items)

    def kpi_cards(self) -> list[KpiCard]:
        """The KPI cards in display order."""
        return list(self._cards)

    def open_measure(self, measure_id: str) -> MeasureDialog:
        """Open (window-modal, non-blocking) the detail dialog of a measure and return it."""
        plan = self._service.current().plan
        state = self._state or plan_period_state(plan, self._today or dt.date.today())
        dialog = MeasureDialog(plan, plan.measure(measure_id), state, self._texts, self._live_now, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_plan_file(self, path: Path) -> bool:
        """Import a plan file through the service; report success or the reason in a message box."""
        path = Path(path)
        shown = self._service.current().plan
        try:
            loaded = self._service.import_plan(path)
        except ActionPlanError as error:
            self._show_message(
                QMessageBox.Icon.Warning,
                self.tr("計画ファイルを取り込めませんでした"),
                self.tr("「{file}」を取り込めませんでした。").format(file=path.name),
                self._failure_details(error, shown),
            )
            return False
        self.refresh()
        plan = loaded.plan
        self._show_message(
            QMessageBox.Icon.Information,
            self.tr("計画ファイルを取り込みました"),
            self.tr("{version}（{date}時点）を表示しています。").format(
                version=self._texts.version(plan.data_version), date=self._texts.date(plan.data_date)
            ),
        )
        self.plan_imported.emit(plan.data_version)
        return True

    # ----- content -----------------------------------------------------------------------------
    def _build_content(self, loaded: LoadedPlan, state: PeriodState, live: LiveFigures | None) -> QWidget:
        plan = loaded.plan
        texts = self._texts
        body = QWidget()
        body.setObjectName("actionPlanBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 8)
        layout.setSpacing(8)

        title = plain_label(plan.title, name="planTitle")
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(
            plain_label(
                self.tr("{domain}: {theme}").format(domain=plan.domain.name, theme=plan.domain.theme),
                bold=True,
            )
        )
        origin = (
            self.tr("取り込んだファイル") if loaded.origin is PlanOrigin.IMPORTED else self.tr("アプリに同梱")
        )
        self.version_label = plain_label(
            self.tr("{version}・{date}時点のデータ（{origin}）").format(
                version=texts.version(plan.data_version), date=texts.date(plan.data_date), origin=origin
            ),
            name="planVersion",
        )
        layout.addWidget(self.version_label)
        if loaded.stored_problem is not None:
            layout.addWidget(
                plain_label(
                    self.tr(
                        "取り込み済みの計画ファイルを読めないため、同梱の計画を表示しています（{reason}）"
                    ).format(reason=texts.reason(loaded.stored_problem)),
                    name="storedProblem",
                )
            )
        self.notice = self._notice(state)
        layout.addWidget(self.notice)
        self._items = []
        for group in plan.groups:
            measures = plan.measures_of(group.id)
            if not measures:
                continue
            heading = plain_label(group.title, name="groupTitle")
            heading.setStyleSheet(HEADING_STYLE)
            layout.addWidget(heading)
            for measure in measures:
                item = MeasureItem(measure, state, texts, live, loading=self.loading)
                item.clicked.connect(self._on_item_clicked)
                self._items.append(item)
                layout.addWidget(item)

        self._cards = []
        if plan.kpis:
            heading = plain_label(self.tr("成果指標（KPI）"), name="kpiHeading")
            heading.setStyleSheet(HEADING_STYLE)
            layout.addWidget(heading)
            for kpi in plan.kpis:
                card = KpiCard(kpi, texts)
                self._cards.append(card)
                layout.addWidget(card)

        heading = plain_label(
            self.tr("{domain}分野のねらい").format(domain=plan.domain.name), name="themeHeading"
        )
        heading.setStyleSheet(HEADING_STYLE)
        layout.addWidget(heading)
        layout.addWidget(plain_label(plan.domain.text))
        source = plan.source
        layout.addWidget(
            plain_label(
                self.tr("出典: {document}（{date}）").format(
                    document=source.document, date=texts.date(source.date)
                )
            )
        )
        button = QPushButton(self.import_action.text())
        button.setToolTip(self.import_action.toolTip())
        button.setAccessibleName(self.import_action.text())
        button.clicked.connect(self.import_action.trigger)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.import_button = button
        layout.addStretch(1)
        em = self.fontMetrics().horizontalAdvance("あ")
        body.setMinimumWidth(em * 16)
        return body

    def _notice(self, state: PeriodState) -> QLabel:
        texts = self._texts
        period = texts.period(state.first_year, state.last_year)
        as_of = state.status_as_of
        if state.phase is PlanPhase.ENDED:
            if as_of is None:
                text = self.tr("計画期間（{period}）は終了しています。状況の記録はありません").format(
                    period=period
                )
            else:
                text = self.tr(
                    "計画期間（{period}）は終了しています。最新の状況（{date}時点）を表示しています"
                ).format(period=period, date=texts.date(as_of))
        elif state.phase is PlanPhase.BEFORE:
            text = self.tr("計画期間（{period}）はまだ始まっていません").format(period=period)
        else:
            n = state.fiscal_year - state.first_year + 1
            year = texts.fiscal_year(state.fiscal_year)
            if as_of is None:
                text = self.tr("今年度（{year}）は計画期間（{period}）の{n}年目です").format(
                    year=year, period=period, n=n
                )
            else:
                text = self.tr(
                    "今年度（{year}）は計画期間（{period}）の{n}年目です。状況は{date}時点のものです"
                ).format(year=year, period=period, n=n, date=texts.date(as_of))
        notice = plain_label(text, name="periodNotice")
        notice.setStyleSheet(
            "QLabel#periodNotice { border: 2px solid palette(highlight); border-radius: 4px; padding: 6px; }"
        )
        notice.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        notice.setAccessibleName(self.tr("計画期間のお知らせ"))
        notice.setAccessibleDescription(text)
        return notice

    def _failure_details(self, error: ActionPlanError, shown: ActionPlan) -> str:
        lines = []
        if error.path:
            lines.append(self.tr("場所: {path}").format(path=error.path))
        lines.append(self.tr("理由: {reason}").format(reason=self._texts.reason(error)))
        lines += [
            "",
            self.tr("表示中の計画（{version}）はそのままです。").format(
                version=self._texts.version(shown.data_version)
            ),
        ]
        return "\n".join(lines)

    def _show_message(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = dialogs.notice_box(self, icon, title, text, details)
        # Wide enough (in em, so it scales with the text size) for a JSON path on one line.
        box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 24em; }")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_message)
        self.message_box = box
        box.open()

    def _resize_in_main_window(self, collapsed: bool) -> None:
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating():
            return
        if collapsed:
            self._expanded_width = self.width()
            width = self.widget().minimumSizeHint().width() + 8
        else:
            width = self._expanded_width or self.sizeHint().width()
        window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    # ----- events and slots --------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Re-translate everything when the application language changes (see Retranslating)."""
        if not self._built:
            return
        self._retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A new text size changes the width of the collapsed strip."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._built:
            self._apply_width_limits()

    @Slot()
    def _on_toggle(self) -> None:
        self.set_collapsed(not self._collapsed)

    @Slot()
    def _on_item_clicked(self) -> None:
        item = self.sender()
        if isinstance(item, MeasureItem):
            self.open_measure(item.measure.id)

    @Slot()
    def _choose_and_import(self) -> None:
        path = dialogs.open_file(
            self,
            dialogs.Purpose.CITY,
            self.tr("計画ファイルを選ぶ"),
            self.tr("計画ファイル (*.json);;すべてのファイル (*)"),
        )
        if path is not None:
            self.import_plan_file(path)

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    @Slot()
    def _forget_message(self) -> None:
        self.message_box = None
