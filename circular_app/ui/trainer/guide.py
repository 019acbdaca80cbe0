"""The guide panel: the exercise, the current step and the steps done, advanced by events.

:class:`GuidePanel` is the dock; :class:`ExerciseRun` is its progress, advanced only by the
events of :class:`~circular_app.ui.trainer.events.ExerciseEvents` (never by a button). Where to
look is framed by :class:`~circular_app.ui.trainer.highlight.HighlightFrame`.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.activity import TAB_OPENED
from circular_app.domain.exercises import Exercise, Step
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.trainer.events import ExerciseEvents
from circular_app.ui.trainer.highlight import FRAME_NAME, Anchor, HighlightFrame, find_anchor

REFRESH_MS = 300


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
class GuidePanel(Retranslating, QDockWidget):
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
        self.steps_list.setAccessibleName(self.tr("演習の手順"))
        self._show_state()
        self._show_senior()

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
