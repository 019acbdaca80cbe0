"""「回答の入力」: entering returned answer slips (回答票) as fast as the stamps.

Pick a published circular with questions; the list shows its households in route order (a
班長 sees their own 班 only — the service decides). The keyboard alone is enough, like the
stamp entry: ↑/↓ pick the household, 1/2/3… pick a choice of the current question (a multiple
choice question toggles it; a number question takes the digits; a text question opens the
cell for typing; an 出欠 question asking for the number of people has a 人数 column whose
digits say how many come), Tab/→ go to the next question and Shift+Tab/← back, Enter saves the row
(channel 紙) and moves down, Delete clears the current question of the row before saving.

Every save is a command on a :class:`QUndoStack`: Ctrl+Z takes the entry back through the
service (a withdrawal when the household had no answer before, else its earlier answer is
entered again) and Ctrl+Shift+Z enters it again. History is never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular
from circular_app.domain.errors import UserError
from circular_app.domain.forms import (
    Answers,
    AnswerValue,
    Attendance,
    AttendanceAnswer,
    Channel,
    Form,
    Question,
    QuestionKind,
    answer_text,
)
from circular_app.domain.roster import Household
from circular_app.services.answers import AnswerService
from circular_app.ui.answers.circular_combo import CircularCombo, published_with_form
from circular_app.ui.common import messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font

# Columns before the questions: the household's label and name.
FIRST_QUESTION_COLUMN = 2


class EntryCommand(QUndoCommand):
    """One saved row: redo enters the answer, undo takes it back (or restores the earlier one)."""

    def __init__(
        self,
        page: AnswerEntryPage,
        circular_id: int,
        household_id: int,
        answers: Answers,
        previous: Answers | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self._page = page
        self._circular_id = circular_id
        self._household_id = household_id
        self._answers = dict(answers)
        self._previous = dict(previous) if previous is not None else None
        self._first = True  # the entry was made before the command was pushed

    def redo(self) -> None:
        """Enter the answer (again)."""
        if self._first:
            self._first = False
            return
        self._page.apply(
            lambda s: s.record(self._circular_id, self._household_id, self._answers, Channel.PAPER)
        )

    def undo(self) -> None:
        """Take the entry back: the earlier answer again, or a withdrawal."""
        previous = self._previous
        if previous is None:
            self._page.apply(lambda s: s.withdraw(self._circular_id, self._household_id, Channel.PAPER))
        else:
            self._page.apply(
                lambda s: s.record(self._circular_id, self._household_id, previous, Channel.PAPER)
            )


class AnswerEntryPage(Retranslating, QWidget):
    """Enter returned answer slips by keyboard, one row per household in route order.

    Signals:
        answers_changed(int): answers of the circular (id) were entered or taken back.
    """

    answers_changed = Signal(int)

    def __init__(self, services: ProfileServices, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._services = services
        self.answers: AnswerService = services.answers
        self._circulars: list[tuple[Circular, Form]] = []
        self.form: Form | None = None
        self.members: list[Household] = []
        self._labels: dict[int, str] = {}
        self._current: dict[int, Answers] = {}  # household id → its answer that counts
        self.pending: dict[int, dict[int, AnswerValue]] = {}  # row → question number → value
        # The question columns: (question, False), and (attendance, True) for its 人数 column.
        self.columns: list[tuple[Question, bool]] = []
        self.undo_stack = QUndoStack(self)
        self._setup_ui()
        self.retranslate_ui()
        if load:
            self.refresh()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.circular_label = QLabel(self)
        self.circular_combo = CircularCombo(self)
        self.circular_label.setBuddy(self.circular_combo)
        self.deadline_label = QLabel(self)
        self.deadline_label.setFont(bold_font())
        top = QHBoxLayout()
        top.addWidget(self.circular_label)
        top.addWidget(self.circular_combo, 1)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.choices_label = QLabel(self)
        self.choices_label.setWordWrap(True)
        self.choices_label.setFont(bold_font())
        self.table = QTableWidget(self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.installEventFilter(self)
        font = self.table.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.table.setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().height() * 2.2))
        self.error = ErrorLabel(self)
        self.undo_button = QPushButton(self)
        self.redo_button = QPushButton(self)
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action = QAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.choices_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.circular_combo.currentIndexChanged.connect(self._circular_chosen)
        self.table.currentCellChanged.connect(self._show_choices)
        self.table.itemChanged.connect(self._text_edited)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.circular_label.setText(self.tr("回覧(&C)"))
        self.hint_label.setText(
            self.tr(
                "↑↓で世帯を選び、数字キー（1・2・3…）で答えを選びます。"
                "Tab または → で次の質問、Enter で保存して次の世帯へ。Ctrl+Z で取り消し。"
            )
        )
        self.undo_button.setText(self.tr("取り消す（Ctrl+Z）"))
        self.redo_button.setText(self.tr("やり直す（Ctrl+Shift+Z）"))
        self.undo_action.setText(self.tr("取り消す"))
        self.redo_action.setText(self.tr("やり直す"))
        self.table.setAccessibleName(self.tr("回答の入力表"))
        self._fill_headers()
        self._show_choices()

    # ----- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the circulars with questions (keeping the chosen one) and its rows."""
        self._circulars = published_with_form(self._services)
        self.circular_combo.fill(circular for circular, _form in self._circulars)
        self._load()

    @property
    def circular_id(self) -> int | None:
        """The chosen circular's id."""
        return self.circular_combo.circular_id

    def show_circular(self, circular_id: int) -> None:
        """Choose a circular (its rows load)."""
        self.circular_combo.choose(circular_id)

    @Slot()
    def _circular_chosen(self) -> None:
        self.pending.clear()
        self._load()

    def _load(self) -> None:
        self.error.clear_error()
        circular_id = self.circular_id
        self.form = None
        self.members = []
        if circular_id is not None:
            try:
                results = self.answers.results(circular_id)
            except UserError as exc:
                self.error.show_error(messages.error_text(exc))
            else:
                self.form = results.form
                self.members = list(results.members)
                self._labels = {h.id: results.label(h) for h in results.members}
                self._current = {hid: r.answers for hid, r in results.answers.items()}
                self.deadline_label.setText(
                    self.tr("回答の締め切り　{date}").format(date=wareki(results.deadline, weekday=True))
                )
        row, column = self.table.currentRow(), self.table.currentColumn()
        self.table.blockSignals(True)
        self.table.clear()
        questions = self.form.questions if self.form else ()
        self.columns = []
        for q in questions:
            self.columns.append((q, False))
            if q.kind is QuestionKind.ATTENDANCE and q.people:
                self.columns.append((q, True))
        self.table.setColumnCount(FIRST_QUESTION_COLUMN + len(self.columns))
        self.table.setRowCount(len(self.members))
        for r, household in enumerate(self.members):
            self.table.setItem(r, 0, QTableWidgetItem(self._labels.get(household.id, "")))
            self.table.setItem(r, 1, QTableWidgetItem(household.name))
            for c in range(len(self.columns)):
                self.table.setItem(r, FIRST_QUESTION_COLUMN + c, QTableWidgetItem(""))
            self._show_row(r)
        self.table.blockSignals(False)
        self._fill_headers()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.members:
            self.table.setCurrentCell(
                min(max(row, 0), len(self.members) - 1), max(column, FIRST_QUESTION_COLUMN)
            )
        self._show_choices()

    def _fill_headers(self) -> None:
        labels = [self.tr("ラベル"), self.tr("お名前")]
        for q, people in self.columns:
            labels.append(self.tr("人数") if people else self.tr("問{n}").format(n=q.number))
        self.table.setHorizontalHeaderLabels(labels)

    def _show_row(self, row: int) -> None:
        """A row's cells: the pending choices (bold) over the answer that counts."""
        if self.form is None:
            return
        household = self.members[row]
        saved = self._current.get(household.id, {})
        pending = self.pending.get(row, {})
        self.table.blockSignals(True)
        for c, (q, people) in enumerate(self.columns):
            item = self.table.item(row, FIRST_QUESTION_COLUMN + c)
            if item is None:
                continue
            value = pending.get(q.number, saved.get(q.number))
            if isinstance(value, AttendanceAnswer):
                shown = value.status.value if not people else str(value.people or "")
            else:
                shown = answer_text(value) if value is not None else ""
            item.setText(shown)
            font = item.font()
            font.setBold(q.number in pending)
            item.setFont(font)
            flags = item.flags() | Qt.ItemFlag.ItemIsEditable
            if q.kind is not QuestionKind.TEXT:
                flags &= ~Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
        self.table.blockSignals(False)

    # ----- the keyboard --------------------------------------------------------------------
    def current_question(self) -> Question | None:
        """The question of the current cell."""
        column = self.table.currentColumn() - FIRST_QUESTION_COLUMN
        return self.columns[column][0] if 0 <= column < len(self.columns) else None

    def _on_people_column(self) -> bool:
        column = self.table.currentColumn() - FIRST_QUESTION_COLUMN
        return 0 <= column < len(self.columns) and self.columns[column][1]

    @Slot()
    def _show_choices(self) -> None:
        question = self.current_question()
        if question is None or self.form is None:
            self.choices_label.setText("")
            return
        options = question.options(self.form.general_meeting)
        if self._on_people_column():
            keys = self.tr("出席する人数を数字で打ちます")
        elif options:
            keys = "　".join(f"{i}={o}" for i, o in enumerate(options, start=1))
        elif question.kind is QuestionKind.NUMBER:
            keys = self.tr("数字を打ちます（{low}〜{high}）").format(
                low=question.minimum, high=question.maximum
            )
        else:
            keys = self.tr("文字を打つと入力できます")
        self.choices_label.setText(
            self.tr("問{n}　{text}：{keys}").format(n=question.number, text=question.text, keys=keys)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """The entry keys on the table."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self.key(event)
        return super().eventFilter(watched, event)

    def key(self, event: QKeyEvent) -> bool:
        """Handle one key on the table; True when it was an entry key."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        column = self.table.currentColumn()
        last = self.table.columnCount() - 1
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Right):
            self.table.setCurrentCell(
                self.table.currentRow(), min(max(column + 1, FIRST_QUESTION_COLUMN), last)
            )
            return True
        if key in (Qt.Key.Key_Backtab, Qt.Key.Key_Left):
            self.table.setCurrentCell(self.table.currentRow(), max(column - 1, FIRST_QUESTION_COLUMN))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_row()
            return True
        question = self.current_question()
        row = self.table.currentRow()
        if question is None or row < 0 or self.form is None:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.pending.setdefault(row, {}).pop(question.number, None)
            self._show_row(row)
            return True
        text = event.text()
        if question.kind is QuestionKind.TEXT:
            if text and text.isprintable():
                item = self.table.item(row, column)
                if item is not None:
                    self.table.editItem(item)
                return False
            return False
        if not (text.isdigit() and len(text) == 1):
            return False
        digit = int(text)
        if self._on_people_column():
            self.people(row, question, digit)
        else:
            self.choose(row, question, digit)
        return True

    def people(self, row: int, question: Question, digit: int) -> None:
        """A digit on the 人数 column: how many come (the answer becomes 出席)."""
        pending = self.pending.setdefault(row, {})
        saved = self._current.get(self.members[row].id, {}).get(question.number)
        before = pending.get(question.number, saved)
        count = before.people if isinstance(before, AttendanceAnswer) and question.number in pending else None
        value = int(f"{count}{digit}") if count else digit
        pending[question.number] = AttendanceAnswer(Attendance.PRESENT, value if value <= 99 else digit)
        self.error.clear_error()
        self._show_row(row)

    def choose(self, row: int, question: Question, digit: int) -> None:
        """Digit ``digit`` pressed on ``question`` of ``row``."""
        assert self.form is not None
        pending = self.pending.setdefault(row, {})
        if question.kind is QuestionKind.NUMBER:
            before = pending.get(question.number)
            value = int(f"{before}{digit}") if isinstance(before, int) else digit
            pending[question.number] = value if value <= question.maximum else digit
        else:
            options = question.options(self.form.general_meeting)
            if not 1 <= digit <= len(options):
                self.error.show_error(self.tr("{digit} の選択肢はありません").format(digit=digit))
                return
            option = options[digit - 1]
            if question.kind is QuestionKind.ATTENDANCE:
                held_people = pending.get(question.number)
                people = held_people.people if isinstance(held_people, AttendanceAnswer) else None
                status = Attendance(option)
                pending[question.number] = AttendanceAnswer(
                    status, people if status is Attendance.PRESENT else None
                )
            elif question.kind is QuestionKind.MULTIPLE:
                before_multi = pending.get(question.number, ())
                held = set(before_multi) if isinstance(before_multi, tuple) else set()
                held ^= {option}
                pending[question.number] = tuple(o for o in options if o in held)
            else:
                pending[question.number] = option
        self.error.clear_error()
        self._show_row(row)

    @Slot(QTableWidgetItem)
    def _text_edited(self, item: QTableWidgetItem) -> None:
        column = item.column() - FIRST_QUESTION_COLUMN
        if self.form is None or not 0 <= column < len(self.columns):
            return
        number = self.columns[column][0].number
        text = item.text().strip()
        pending = self.pending.setdefault(item.row(), {})
        if text:
            pending[number] = text
        else:
            pending.pop(number, None)

    def save_row(self) -> bool:
        """Enter the current row's slip (paper) and move down; False when refused."""
        row = self.table.currentRow()
        circular_id = self.circular_id
        if row < 0 or circular_id is None or self.form is None:
            return False
        household = self.members[row]
        previous = self._current.get(household.id)
        answers: dict[int, AnswerValue] = dict(previous or {})
        answers.update(self.pending.get(row, {}))
        if not answers:
            self.error.show_error(self.tr("答えを選んでから Enter を押してください"))
            return False
        try:
            self.answers.record(circular_id, household.id, answers, Channel.PAPER)
        except UserError as exc:
            self.error.show_error(messages.error_text(exc))
            return False
        label = self._labels.get(household.id, "")
        self.undo_stack.push(
            EntryCommand(
                self,
                circular_id,
                household.id,
                answers,
                previous,
                self.tr("{label} の回答").format(label=label),
            )
        )
        self.pending.pop(row, None)
        self._reload_answers(circular_id)
        if row + 1 < self.table.rowCount():
            self.table.setCurrentCell(row + 1, FIRST_QUESTION_COLUMN)
        return True

    def apply(self, action: Callable[[AnswerService], object]) -> None:
        """Run an undo/redo step against the service, then show the answers again."""
        circular_id = self.circular_id
        try:
            action(self.answers)
        except UserError as exc:
            self.error.show_error(messages.error_text(exc))
        if circular_id is not None:
            self._reload_answers(circular_id)

    def _reload_answers(self, circular_id: int) -> None:
        results = self.answers.results(circular_id)
        self._current = {hid: r.answers for hid, r in results.answers.items()}
        for r in range(len(self.members)):
            self._show_row(r)
        self.answers_changed.emit(circular_id)

    def focus_table(self) -> None:
        """Put the keyboard on the table."""
        self.table.setFocus()
