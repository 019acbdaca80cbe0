"""Guided exercises on screen: what the app did, where to look, and the guide panel.

Three parts, each usable alone:

* :class:`ExerciseEvents` turns what the app does into event names (the vocabulary of
  :mod:`circular_app.domain.exercises`). Pages signal little of what matters to an exercise
  and services signal nothing, so it hooks in three ways, all installed by its constructor and
  removed when it is deleted:

  - **service proxies**: the window's service objects are shared by every page, dialog and
    editor of the window, so the methods that complete steps (``publish``, ``record``,
    ``add_household`` …, see :data:`SERVICE_EVENTS`) are wrapped *on those instances*; the
    wrapper calls the original and emits the event after it returned (an error emits
    nothing). The class and every other instance are untouched;
  - **widget signals** that exist: every tab widget's ``currentChanged`` (``tab_opened:<page
    objectName>`` and ``tab_opened:<tab title>``), the 班 panel's choice, the read-entry
    page's 班 choice, the home page's items;
  - **windows that appear later**, seen by an application event filter on ``Show``: a circular
    editor (``editor_opened``) and the PDF export dialog (its ``export_finished``).

* :class:`HighlightFrame` draws an orange frame around a widget (found by objectName, see
  :func:`find_anchor`) over the window that holds it, without taking mouse events. A target
  on a page that is not shown leads to that page's tab first.

* :class:`GuidePanel` is the dock that shows the exercise, the current step and the steps
  done; :class:`ExerciseRun` is its progress, advanced only by events (never by a button).

:func:`name_targets` gives the widgets that exercises point at their objectNames (only where
a widget has none yet); the names are listed in ``resources/exercises/README.md``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.exercises import TAB_OPENED, TAB_TARGET, Exercise, Step
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.editor import CircularEditor
from circular_app.ui.printing.export_dialog import PdfExportDialog
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.entry import ReadsEntryPage
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.roster.han_panel import HanPanel
from circular_app.ui.roster.page import RosterPage

log = logging.getLogger(__name__)

#: (attribute of ProfileServices, method, event emitted after the method returned).
SERVICE_EVENTS: tuple[tuple[str, str, str], ...] = (
    ("circulars", "new_draft", "draft_saved"),
    ("circulars", "save_draft", "draft_saved"),
    ("circulars", "publish", "circular_published"),
    ("circulars", "correct", "circular_corrected"),
    ("circulars", "close", "circular_closed"),
    ("reads", "record", "read_recorded"),
    ("reads", "write_reminder", "reminder_printed"),
    ("reads", "export_matrix_csv", "matrix_exported"),
    ("roster", "add_household", "household_added"),
    ("roster", "import_roster", "roster_imported"),
    ("sync", "connect", "hub_connected"),
    ("sync", "run_once", "sync_completed"),
)
_HOOKED = "_trainer_event"  # marks a wrapper, so that a method is never wrapped twice
FRAME_COLOR = QColor("#ff8c00")
FRAME_NAME = "trainer_highlight_frame"
REFRESH_MS = 300


# ----- objectNames ------------------------------------------------------------------------------
def _name(widget: QObject | None, name: str) -> None:
    """Give ``widget`` ``name`` unless it has a name already (the owner's name wins)."""
    if widget is not None and not widget.objectName():
        widget.setObjectName(name)


def name_targets(window: QMainWindow) -> None:
    """Name the widgets of ``window`` that exercises point at (see the exercises README)."""
    for circulars in window.findChildren(CircularListPage):
        _name(circulars, "circular_list_page")
        _name(circulars.table, "circular_table")
        for button in circulars.action_bar.findChildren(QToolButton):
            if button.defaultAction() is circulars.new_action:
                _name(button, "circular_new_button")
            elif button.defaultAction() is circulars.publish_action:
                _name(button, "circular_publish_button")
    for roster in window.findChildren(RosterPage):
        _name(roster, "roster_page")
        _name(roster.han_panel, "han_panel")
    toolbar, add_action = getattr(window, "toolbar", None), getattr(window, "add_action", None)
    if toolbar is not None and add_action is not None:
        _name(toolbar.widgetForAction(add_action), "roster_add_button")
    for entry in window.findChildren(ReadsEntryPage):
        _name(entry, "reads_entry_page")
        _name(entry.circular_combo, "reads_circular_combo")
        _name(entry.han_combo, "reads_han_combo")
        _name(entry.view, "reads_sheet")
        _name(entry.save_button, "reads_save_button")
        _name(entry.reminder_button, "reads_reminder_button")
    for matrix in window.findChildren(ReaderMatrixPage):
        _name(matrix, "reads_matrix_page")
    for home in window.findChildren(ReadsDashboard):
        _name(home.stuck_list, "reads_stuck_list")
        _name(home.overdue_list, "reads_overdue_list")


def name_editor(editor: CircularEditor) -> None:
    """Name the widgets of a circular editor that exercises point at."""
    _name(editor.title_edit, "circular_title_edit")
    _name(editor.publish_button, "circular_editor_publish_button")


def _first_time(widget: QObject, mark: str) -> bool:
    """True the first time it is asked about ``widget`` with ``mark`` (a dynamic property set then)."""
    if widget.property(mark) is not None:
        return False
    widget.setProperty(mark, True)
    return True


def _plain_title(text: str) -> str:
    """A tab title without its mnemonic marker (``&&`` stays one ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# ----- events -----------------------------------------------------------------------------------
class _ServiceHooks:
    """The wrapped service methods; :meth:`remove` puts the originals back."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        self._emit = emit
        self._wrapped: list[tuple[object, str]] = []
        self.active = True

    def wrap(self, target: object, method: str, event: str) -> None:
        original = getattr(target, method, None)
        if original is None or getattr(original, _HOOKED, None) is not None:
            return

        @functools.wraps(original)
        def hooked(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if self.active:
                self._emit(event)
            return result

        setattr(hooked, _HOOKED, event)
        setattr(target, method, hooked)  # an instance attribute shadows the class's method
        self._wrapped.append((target, method))

    def remove(self) -> None:
        self.active = False
        for target, method in self._wrapped:
            if method in vars(target):
                delattr(target, method)
        self._wrapped.clear()


class ExerciseEvents(QObject):
    """What the app does, as exercise event names (see the module docstring for the hooks).

    Signals:
        happened(str): the app did something, e.g. ``"circular_published"`` or
            ``"tab_opened:reads_page"``; emitted on the GUI thread (queued from others).
    """

    happened = Signal(str)

    def __init__(self, window: QMainWindow, services: ProfileServices) -> None:
        super().__init__(window)
        self._window = window
        self._hooks = _ServiceHooks(self.happened.emit)
        # Marks the widgets, editors and dialogs this object has hooked (a dynamic property).
        self._mark = f"trainer_hooked_{id(self):x}"
        for attribute, method, event in SERVICE_EVENTS:
            self._hooks.wrap(getattr(services, attribute), method, event)
        self.rescan()
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.installEventFilter(self)
        # Deleted with the window: the services may outlive it (a window being replaced).
        self.destroyed.connect(self._hooks.remove)

    def rescan(self) -> None:
        """Name and hook the window's pages again (pages installed after this object was made).

        Each widget is hooked once: a dynamic property marks it.
        """
        window = self._window
        name_targets(window)
        for tabs in window.findChildren(QTabWidget):
            if _first_time(tabs, self._mark):
                tabs.currentChanged.connect(functools.partial(self._on_tab_changed, tabs))
        for panel in window.findChildren(HanPanel):
            if _first_time(panel, self._mark):
                panel.current_han_changed.connect(self._on_han_chosen)
        for entry in window.findChildren(ReadsEntryPage):
            if _first_time(entry, self._mark):
                entry.han_combo.activated.connect(lambda _index: self.happened.emit("han_selected"))
        for home in window.findChildren(ReadsDashboard):
            if _first_time(home, self._mark):
                home.circular_requested.connect(lambda *_ids: self.happened.emit("dashboard_item_opened"))

    def emit_event(self, name: str) -> None:
        """Report ``name`` as if the app had done it (for hooks added by other code)."""
        self.happened.emit(name)

    def uninstall(self) -> None:
        """Put the services' own methods back and stop watching windows."""
        self._hooks.remove()
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.removeEventFilter(self)

    def is_satisfied(self, event: str) -> bool:
        """True when ``event`` describes the current state: ``tab_opened:X`` with X open now."""
        if not event.startswith(TAB_OPENED):
            return False
        wanted = event[len(TAB_OPENED) :]
        for tabs in self._window.findChildren(QTabWidget):
            page = tabs.currentWidget()
            if page is None or not tabs.isVisibleTo(self._window):
                continue
            if wanted in (page.objectName(), _plain_title(tabs.tabText(tabs.currentIndex()))):
                return True
        return False

    def _on_tab_changed(self, tabs: QTabWidget, index: int) -> None:
        page = tabs.widget(index)
        if page is None:
            return
        if page.objectName():
            self.happened.emit(TAB_OPENED + page.objectName())
        title = _plain_title(tabs.tabText(index))
        if title:
            self.happened.emit(TAB_OPENED + title)

    @Slot(int)
    def _on_han_chosen(self, han_id: int) -> None:
        if han_id:
            self.happened.emit("han_selected")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Hook circular editors and PDF export dialogs when they first appear; never consumes."""
        if event.type() == QEvent.Type.Show:
            if isinstance(watched, CircularEditor) and _first_time(watched, self._mark):
                name_editor(watched)
                self.happened.emit("editor_opened")
            elif isinstance(watched, PdfExportDialog) and _first_time(watched, self._mark):
                watched.export_finished.connect(lambda _result: self.happened.emit("pdf_exported"))
        return False


# ----- where to look ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    """A rectangle to frame, in ``widget``'s coordinates.

    ``direct`` is False when it is the tab that leads to the target rather than the target.
    """

    widget: QWidget
    rect: QRect
    direct: bool


def _tab_of(page: QWidget) -> tuple[QTabWidget, int] | None:
    """The tab widget and index of ``page`` when it is one of a tab widget's pages."""
    stack = page.parentWidget()
    tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
    if isinstance(tabs, QTabWidget):
        index = tabs.indexOf(page)
        if index >= 0:
            return tabs, index
    return None


def _tab_anchor(tabs: QTabWidget, index: int, direct: bool) -> Anchor:
    bar = tabs.tabBar()
    return Anchor(bar, bar.tabRect(index), direct)


def _route_to(widget: QWidget) -> tuple[QTabWidget, int] | None:
    """The outermost tab that must be opened to bring ``widget`` into view (None: none)."""
    route = None
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        found = _tab_of(current)
        if found is not None and found[0].currentWidget() is not current:
            route = found
        current = current.parentWidget()
    return route


def _find(window: QWidget, name: str) -> QWidget | None:
    """The widget called ``name``: in the active window first, then a shown one, then any."""
    found = window.findChildren(QWidget, name)
    if not found:
        return None
    active = QApplication.activeWindow()
    for candidate in found:
        if active is not None and candidate.window() is active:
            return candidate
    return next((w for w in found if w.isVisible()), found[0])


def find_anchor(window: QWidget, target: str) -> Anchor | None:
    """Where to point for a step's ``target`` (see the exercises README); None: nowhere."""
    if not target:
        return None
    if target.startswith(TAB_TARGET):
        page = _find(window, target[len(TAB_TARGET) :])
        found = _tab_of(page) if page is not None else None
        if found is None:
            return None
        outer = _route_to(found[0])
        return _tab_anchor(*outer, direct=False) if outer else _tab_anchor(*found, direct=True)
    widget = _find(window, target)
    if widget is None:
        return None
    outer = _route_to(widget)
    if outer is not None:
        return _tab_anchor(*outer, direct=False)
    if not widget.isVisibleTo(widget.window()):
        return None
    return Anchor(widget, widget.rect(), True)


class HighlightFrame(QWidget):
    """An orange frame drawn over a top-level window around one rectangle; mouse goes through."""

    MARGIN = 5

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName(FRAME_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._frame: QRect | None = None
        host.installEventFilter(self)
        self.hide()

    def frame_rect(self) -> QRect | None:
        """The framed rectangle in the host window's coordinates (None while hidden)."""
        return QRect(self._frame) if self._frame is not None and self.isVisible() else None

    def point_at(self, anchor: Anchor) -> None:
        """Frame ``anchor`` (which must lie in this frame's window)."""
        host = self.parentWidget()
        assert host is not None
        self.setGeometry(host.rect())
        top_left = anchor.widget.mapTo(host, anchor.rect.topLeft())
        m = self.MARGIN
        # Kept inside the window, so that a tab at its very edge is framed on every side.
        frame = QRect(top_left, anchor.rect.size()).adjusted(-m, -m, m, m)
        frame = frame.intersected(host.rect().adjusted(2, 2, -2, -2))
        if frame != self._frame:
            self._frame = frame
            self.update()
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the host window's size; never consumes."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """A soft halo and a solid rounded frame."""
        if self._frame is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        halo = QColor(FRAME_COLOR)
        halo.setAlpha(90)
        painter.setPen(QPen(halo, 10))
        painter.drawRoundedRect(self._frame, 8, 8)
        painter.setPen(QPen(FRAME_COLOR, 4))
        painter.drawRoundedRect(self._frame, 8, 8)
        painter.end()


# ----- progress ---------------------------------------------------------------------------------
class ExerciseRun(QObject):
    """Progress through one exercise: a step is done when its ``done_when`` event happens.

    A ``tab_opened:`` step whose tab is already open when it begins counts as done at once
    (``satisfied`` tells); no other step is ever skipped.

    Signals:
        step_changed(int): the current step (index; ``len(steps)`` when finished) changed.
        finished(): the last step was completed.
    """

    step_changed = Signal(int)
    finished = Signal()

    def __init__(
        self, exercise: Exercise, satisfied: Callable[[str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self._satisfied = satisfied
        self._index = 0

    @property
    def index(self) -> int:
        """The current step's index (``len(steps)`` once finished)."""
        return self._index

    @property
    def current_step(self) -> Step | None:
        """The step to do now, None once finished."""
        steps = self.exercise.steps
        return steps[self._index] if self._index < len(steps) else None

    def is_finished(self) -> bool:
        """True once every step is done."""
        return self.current_step is None

    def begin(self) -> None:
        """Start (again) at the first step."""
        self._index = 0
        self._settle()

    @Slot(str)
    def handle(self, event: str) -> None:
        """Advance when ``event`` completes the current step."""
        step = self.current_step
        if step is None or event != step.done_when:
            return
        self._index += 1
        self._settle()

    def _settle(self) -> None:
        while (step := self.current_step) is not None and (
            step.done_when.startswith(TAB_OPENED) and self._satisfied(step.done_when)
        ):
            self._index += 1
        self.step_changed.emit(self._index)
        if self.is_finished():
            self.finished.emit()


# ----- the panel -----------------------------------------------------------------------------------
class GuidePanel(QDockWidget):
    """The 「研修ガイド」 dock: the exercise, its current step, the steps done, the class's total.

    ``language`` tells the language of the exercise texts (the app's current one).

    Signals:
        start_requested(): the trainer asked to pick an exercise.
        exercise_finished(str): the exercise (id) was completed.
    """

    start_requested = Signal()
    exercise_finished = Signal(str)

    def __init__(self, events: ExerciseEvents, language: Callable[[], str], window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("trainer_guide_dock")
        self._events = events
        self._language = language
        self._window = window
        self._run: ExerciseRun | None = None
        self._frame: HighlightFrame | None = None
        self._senior: tuple[int, int | None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self._show_state()

    # ----- setup -------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        body = QWidget(self)
        bold = QFont()
        bold.setBold(True)
        self.title_label = QLabel(body)
        self.title_label.setFont(bold)
        self.title_label.setWordWrap(True)
        self.goal_label = QLabel(body)
        self.goal_label.setWordWrap(True)
        self.progress_label = QLabel(body)
        self.progress_label.setProperty("role", "summary")
        self.step_box = QFrame(body)
        self.step_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.step_label = QLabel(self.step_box)
        self.step_label.setObjectName("trainer_step_text")
        self.step_label.setFont(bold)
        self.step_label.setWordWrap(True)
        self.where_label = QLabel(self.step_box)
        self.where_label.setWordWrap(True)
        box_layout = QVBoxLayout(self.step_box)
        box_layout.addWidget(self.step_label)
        box_layout.addWidget(self.where_label)
        self.steps_list = QListWidget(body)
        self.steps_list.setWordWrap(True)
        # Long steps wrap to the dock's width instead of scrolling sideways.
        self.steps_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.steps_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.start_button = QPushButton(body)
        self.restart_button = QPushButton(body)
        self.stop_button = QPushButton(body)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.restart_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.senior_label = QLabel(body)
        self.senior_label.setObjectName("trainer_senior_total")
        self.senior_label.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title_label)
        layout.addWidget(self.goal_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.step_box)
        layout.addWidget(self.steps_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.senior_label)
        self.setWidget(body)

    def _connect(self) -> None:
        self._events.happened.connect(self._on_event)
        self._timer.timeout.connect(self.refresh_highlight)
        self.start_button.clicked.connect(self.start_requested)
        self.restart_button.clicked.connect(self.restart)
        self.stop_button.clicked.connect(self.stop)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("研修ガイド"))
        self.start_button.setText(self.tr("演習を始める(&G)…"))
        self.restart_button.setText(self.tr("最初から"))
        self.stop_button.setText(self.tr("演習を終える"))
        self._show_state()
        self._show_senior()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ----- the exercise ---------------------------------------------------------------------------
    @property
    def run(self) -> ExerciseRun | None:
        """The exercise in progress (or just finished), if any."""
        return self._run

    @property
    def highlight(self) -> HighlightFrame | None:
        """The frame pointing at the current step's target, if one is shown."""
        frame = self._frame
        return frame if frame is not None and shiboken6.isValid(frame) and frame.isVisible() else None

    def start(self, exercise: Exercise) -> ExerciseRun:
        """Guide through ``exercise`` from its first step."""
        self.stop()
        self._events.rescan()
        run = ExerciseRun(exercise, self._events.is_satisfied, self)
        run.step_changed.connect(self._on_step_changed)
        run.finished.connect(lambda: self.exercise_finished.emit(exercise.id))
        self._run = run
        self.show()
        self.raise_()
        run.begin()
        self._timer.start()
        return run

    @Slot()
    def restart(self) -> None:
        """Go back to the first step of the current exercise (the data stays as it is)."""
        if self._run is not None:
            self._timer.start()
            self._run.begin()

    @Slot()
    def stop(self) -> None:
        """End the guidance (nothing is framed any more)."""
        self._timer.stop()
        if self._run is not None:
            self._run.deleteLater()
            self._run = None
        self._hide_frame()
        self._show_state()

    @Slot(str)
    def _on_event(self, event: str) -> None:
        if self._run is not None:
            self._run.handle(event)

    @Slot(int)
    def _on_step_changed(self, _index: int) -> None:
        self._show_state()
        # Widgets of a page just opened are laid out in this event loop turn: look after it.
        QTimer.singleShot(0, self, self.refresh_highlight)
        self.refresh_highlight()

    @Slot()
    def refresh_highlight(self) -> None:
        """Frame the current step's target where it is now (also run on a timer)."""
        step = self._run.current_step if self._run is not None else None
        anchor = find_anchor(self._window, step.target) if step is not None else None
        if anchor is None:
            self._hide_frame()
        else:
            host = anchor.widget.window()
            frame = self._frame if self._frame is not None and shiboken6.isValid(self._frame) else None
            if frame is None or frame.parentWidget() is not host:
                self._hide_frame()
                frame = host.findChild(HighlightFrame, FRAME_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
                frame = frame if frame is not None else HighlightFrame(host)
                self._frame = frame
            frame.point_at(anchor)
        self._show_where(step, anchor)

    def _hide_frame(self) -> None:
        if self._frame is not None and shiboken6.isValid(self._frame):
            self._frame.hide()

    # ----- texts ---------------------------------------------------------------------------------
    def _show_state(self) -> None:
        run = self._run
        running = run is not None
        self.start_button.setVisible(not running or (run is not None and run.is_finished()))
        self.restart_button.setVisible(running)
        self.stop_button.setVisible(running)
        self.goal_label.setVisible(running)
        self.progress_label.setVisible(running)
        self.steps_list.setVisible(running)
        if run is None:
            self.title_label.setText(self.tr("演習は始まっていません"))
            self.step_label.setText(self.tr("「演習を始める…」で演習を選ぶと、ここに手順が出ます。"))
            self.where_label.setText(
                self.tr(
                    "手順は、画面で実際に操作すると自動で次へ進みます。使う部品はオレンジの枠で示します。"
                )
            )
            return
        language = self._language()
        exercise = run.exercise
        self.title_label.setText(
            self.tr("演習{number}　{title}").format(
                number=exercise.number, title=exercise.title.get(language)
            )
        )
        self.goal_label.setText(exercise.goal.get(language))
        total = len(exercise.steps)
        self.steps_list.clear()
        for index, each in enumerate(exercise.steps):
            mark = "✓" if index < run.index else ("▶" if index == run.index else "　")
            item = QListWidgetItem(f"{mark} {index + 1}. {each.text.get(language)}", self.steps_list)
            if index == run.index:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        step = run.current_step
        if step is None:
            self.progress_label.setText(self.tr("{total}つの手順がすべて終わりました").format(total=total))
            self.step_label.setText(
                self.tr("よくできました。演習{number}は完了です。").format(number=exercise.number)
            )
            self.where_label.setText(self.tr("次の演習は「演習を始める…」から選べます。"))
        else:
            self.progress_label.setText(
                self.tr("手順 {current} / {total}").format(current=run.index + 1, total=total)
            )
            self.step_label.setText(step.text.get(language))

    def _show_where(self, step: Step | None, anchor: Anchor | None) -> None:
        if step is None:
            return
        if anchor is None:
            text = self.tr("画面の中から探してみましょう。")
        elif anchor.direct:
            text = self.tr("オレンジの枠で囲んだところを使います。")
        else:
            text = self.tr("まず、オレンジの枠で囲んだタブを開きます。")
        if self.where_label.text() != text:
            self.where_label.setText(text)

    def set_senior_total(self, total: int, target: int | None) -> None:
        """Show the trainer's senior-course participants beside the plan's target (if known)."""
        self._senior = (total, target)
        self._show_senior()

    def _show_senior(self) -> None:
        if self._senior is None:
            self.senior_label.hide()
            return
        total, target = self._senior
        if target is None:
            text = self.tr("研修の参加者（高齢者スマホ講座） 累計 {total}人").format(total=f"{total:,}")
        else:
            text = self.tr("研修の参加者（高齢者スマホ講座） 累計 {total}人（計画の目標 {target}人）").format(
                total=f"{total:,}", target=f"{target:,}"
            )
        self.senior_label.setText(text)
        self.senior_label.show()
