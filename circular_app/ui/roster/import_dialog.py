"""The roster import dialog: choose a CSV, see exactly what it would change, then apply it.

The preview is the service's :class:`~circular_app.domain.roster_import.ImportPlan`; applying
re-plans inside one transaction, so what is applied is what was previewed (or nothing). A
refused file lists every problem and changes nothing.

Reading, previewing and applying run on the dialog's
:class:`~circular_app.ui.common.tasks.TaskRunner`, never on the GUI thread; while one runs the
dialog shows a busy bar and 「中止」. Cancelling a preview drops its answer; cancelling the
import rolls its transaction back (:class:`~circular_app.services.roster.ImportCancelled`), so
the roster is either fully imported or not changed at all.

When rows of the file have a 順番 that is already another household's number, the dialog asks
(two large buttons) whether to put them at that number or at the end of their 班, previews the
answer (every household whose number changes, 「1班 試川 誠 1→6番」), and only then enables
取り込む.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import CsvImportError, UserError
from circular_app.domain.roster_import import ImportPlan, RouteOrder, RowChange
from circular_app.services.roster import ImportCancelled, ImportResult, RosterService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner
from circular_app.ui.common.widgets import ErrorLabel, bold_font

# The choice buttons are big on purpose: the officer must see and answer the question.
_CHOICE_HEIGHT = 48


def _read_and_preview(roster: RosterService, path: Path) -> tuple[bytes, ImportPlan]:
    """On a worker thread: the file's bytes and what importing them would do (changes nothing)."""
    data = path.read_bytes()
    return data, roster.preview_import(data, path.name)


class ImportDialog(Retranslating, QDialog):
    """Preview and apply a roster CSV.

    Signals:
        roster_imported(ImportResult): the file was applied.
        preview_shown(): a preview (or why there is none) is shown; the dialog is idle again.
    """

    roster_imported = Signal(ImportResult)
    preview_shown = Signal()

    def __init__(self, roster: RosterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._roster = roster
        self._path: Path | None = None
        self._data: bytes | None = None
        self.plan: ImportPlan | None = None
        self.route_order: RouteOrder | None = None
        self.problems: list[str] = []
        self.result_: ImportResult | None = None
        self._tasks: TaskRunner | None = None  # made by the first task, dropped when the dialog closes
        self._task: int | None = None  # the ticket of the task whose answer is awaited (None: idle)
        self._ticket = 0
        self._importing = False
        self._cancel = threading.Event()
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self._update_state()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton(self)
        self.counts_label = QLabel(self)
        self.counts_label.setFont(bold_font())
        self.counts_label.setWordWrap(True)
        self.details_label = QLabel(self)
        self.details = QListWidget(self)
        self.details_label.setBuddy(self.details)
        self.error = ErrorLabel(self)
        self.route_box = QWidget(self)
        self.route_question = QLabel(self.route_box)
        self.route_question.setFont(bold_font())
        self.route_question.setWordWrap(True)
        self.insert_button = QPushButton(self.route_box)
        self.end_button = QPushButton(self.route_box)
        for button in (self.insert_button, self.end_button):
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumHeight(_CHOICE_HEIGHT)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.insert_button)
        choice_row.addWidget(self.end_button)
        route_layout = QVBoxLayout(self.route_box)
        route_layout.setContentsMargins(0, 0, 0, 0)
        route_layout.addWidget(self.route_question)
        route_layout.addLayout(choice_row)
        self.route_box.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: a 1,000-row file takes a fraction of a second
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.hide()
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(file_row)
        layout.addWidget(self.counts_label)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_button)
        layout.addLayout(busy_row)
        layout.addWidget(self.error)
        layout.addWidget(self.route_box)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.apply_import)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)
        self.insert_button.clicked.connect(lambda: self.choose_route_order(RouteOrder.INSERT))
        self.end_button.clicked.connect(lambda: self.choose_route_order(RouteOrder.END))

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("名簿を取り込む"))
        self.file_label.setText(self.tr("CSVファイル(&F)"))
        self.file_edit.setAccessibleName(self.tr("選んだCSVファイル"))
        self.file_edit.setPlaceholderText(self.tr("UTF-8 または Shift_JIS（Excel）のCSV"))
        self.choose_button.setText(self.tr("ファイルを選ぶ(&C)…"))
        self.details_label.setText(self.tr("内容(&T)"))
        self.details.setAccessibleName(self.tr("取り込みの内容"))
        self.import_button.setText(self.tr("取り込む"))
        self.close_button.setText(self.tr("閉じる"))
        self.cancel_button.setText(self.tr("中止"))
        self.progress.setAccessibleName(self.tr("処理中"))
        self.insert_button.setText(self.tr("その番号に入れる（後ろの世帯を1つずつ下げる）"))
        self.end_button.setText(self.tr("班の最後に回す"))
        self._show_plan()

    # ----- preview -----------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        """Ask for a CSV file and preview it."""
        path = dialogs.open_file(
            self,
            dialogs.Purpose.ROSTER,
            self.tr("名簿のCSVを選ぶ"),
            self.tr("CSVファイル (*.csv *.txt);;すべてのファイル (*)"),
        )
        if path is not None:
            self.preview(path)

    def preview(self, path: Path) -> None:
        """Read ``path`` and show what importing it would do (changes nothing).

        Runs on a worker thread: :attr:`preview_shown` says when the preview is on screen.
        """
        if self._importing:
            return
        self._path, self._data, self.plan, self.problems = path, None, None, []
        self.route_order = None
        self.file_edit.setText(str(path))
        self.error.clear_error()
        self._show_plan()
        self._start(
            functools.partial(_read_and_preview, self._roster, path),
            self._on_previewed,
            self._on_preview_failed,
            self.tr("読み込んでいます…"),
        )

    def _on_previewed(self, answer: tuple[bytes, ImportPlan]) -> None:
        self._data, self.plan = answer
        self._preview_done()

    def choose_route_order(self, order: RouteOrder) -> None:
        """Answer the 順番 question and preview the file again with that answer."""
        if self._data is None or self._path is None or self.is_busy():
            return
        self.route_order = order
        self.error.clear_error()
        self._start(
            functools.partial(self._roster.preview_import, self._data, self._path.name, order),
            self._on_replanned,
            self._on_preview_failed,
            self.tr("読み込んでいます…"),
        )

    def _on_replanned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._preview_done()

    def _on_preview_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self.error.show_error(messages.os_error_text(error))
        elif isinstance(error, CsvImportError):
            self.problems = [messages.csv_problem_text(problem) for problem in error.problems]
            self.error.show_error(messages.error_text(error))
        elif isinstance(error, UserError):
            self.error.show_error(messages.error_text(error))
        else:  # a bug (logged by the runner): say something instead of waiting forever
            self.error.show_error(type(error).__name__)
        self._preview_done()

    def _preview_done(self) -> None:
        self._show_plan()
        self.preview_shown.emit()

    def _show_plan(self) -> None:
        self.details.clear()
        plan = self.plan
        self._show_route_question(plan if not self.problems else None)
        if self.problems:
            self.counts_label.setText(
                self.tr(
                    "{count}件の問題があります。CSVを直してから、もう一度選んでください。名簿は変更していません。"
                ).format(count=len(self.problems))
            )
            self.details.addItems(self.problems)
        elif plan is None:
            self.counts_label.setText(self.tr("取り込むCSVファイルを選んでください。"))
        else:
            self.counts_label.setText(self.counts_text(plan))
            self.details.addItems(self.detail_lines(plan))
        self._update_state()

    def _show_route_question(self, plan: ImportPlan | None) -> None:
        """Ask about colliding 順番 while the plan has any (the chosen answer stays checked)."""
        asked = plan is not None and bool(plan.collisions)
        self.route_box.setVisible(asked)
        if plan is not None and asked:
            self.route_question.setText(
                self.tr(
                    "{count}行の順番が、今の世帯の番号と重なっています。"
                    "その番号に入れるか、班の最後に回すかを選んでください。"
                ).format(count=len(plan.collisions))
            )
        self.insert_button.setChecked(self.route_order is RouteOrder.INSERT)
        self.end_button.setChecked(self.route_order is RouteOrder.END)

    def counts_text(self, plan: ImportPlan) -> str:
        """The one-line summary: 追加 N / 変更 N / 転出 N / 新しい班 N (and 順番の変更 N if any)."""
        text = self.tr("追加 {added}　変更 {changed}　転出 {moved}　新しい班 {hans}").format(
            added=len(plan.creates),
            changed=len(plan.changes),
            moved=len(plan.moved_out),
            hans=len(plan.new_han_names),
        )
        if plan.route_moves:
            text += self.tr("　順番の変更 {moves}").format(moves=len(plan.route_moves))
        return text

    def detail_lines(self, plan: ImportPlan) -> list[str]:
        """One line per new 班, added, changed and moved-out household, and per route change."""
        lines = [self.tr("新しい班: {han}").format(han=name) for name in plan.new_han_names]
        source = self._path.name if self._path is not None else ""
        lines += [
            self.tr("注意: {file} {problem}").format(file=source, problem=messages.csv_problem_text(note))
            for note in plan.language_notes
        ]
        if plan.needs_route_order:
            lines += [
                self.tr(
                    "順番が重なる行: {line}行目 {han} {number}番 {name}（今の{number}番は {occupant}）"
                ).format(
                    line=c.row.line,
                    han=c.row.han_name,
                    number=c.row.route_order,
                    name=c.row.name,
                    occupant=c.occupant.name,
                )
                for c in plan.collisions
            ]
        for row in plan.creates:
            number = plan.new_number(row)
            if number is None:
                lines.append(self.tr("追加: {han} {name}").format(han=row.han_name, name=row.name))
            else:
                lines.append(
                    self.tr("追加: {han} {number}番 {name}").format(
                        han=row.han_name, number=number, name=row.name
                    )
                )
        for change in plan.changes:
            if change.moves_out:
                lines.append(self.tr("転出: {name}").format(name=change.household.name))
            else:
                lines.append(
                    self.tr("変更: {name}（{fields}）").format(
                        name=change.household.name, fields=self._field_names(change)
                    )
                )
        lines += [
            self.tr("順番の変更: {han} {name} {old}→{new}番").format(
                han=m.han_name, name=m.household.name, old=m.old, new=m.new
            )
            for m in plan.route_moves
        ]
        if plan.is_empty:
            lines.append(self.tr("変更はありません（名簿と同じ内容です）"))
        return lines

    def _field_names(self, change: RowChange) -> str:
        names = {
            "name": self.tr("氏名"),
            "reading": self.tr("フリガナ"),
            "delivery": self.tr("受取方法"),
            "large_print": self.tr("大きな文字"),
            "language": self.tr("言語"),
            "phone": self.tr("電話"),
            "email": self.tr("メール"),
            "notes": self.tr("備考"),
            "moved_out_on": self.tr("転出日"),
            "han": self.tr("班"),
        }
        return self.tr("、").join(names.get(f, f) for f in change.fields)

    def _update_state(self) -> None:
        busy = self.is_busy()
        ready = (
            self.plan is not None
            and self._data is not None
            and not self.plan.is_empty
            and not self.plan.needs_route_order
        )
        self.import_button.setEnabled(ready and not busy)
        self.choose_button.setEnabled(not busy)
        self.insert_button.setEnabled(not busy)
        self.end_button.setEnabled(not busy)
        # Closing during the import would leave it unreported: 「中止」 is the way out then.
        self.close_button.setEnabled(not self._importing)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # ----- background work -------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """True while a file is being read and previewed, or imported."""
        return self._task is not None

    def _start(
        self,
        call: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        what: str,
    ) -> None:
        """Run ``call`` on a worker thread; ``done`` or ``failed`` follows unless cancelled."""
        if self._tasks is None:
            self._tasks = TaskRunner(self)
        self._cancel.clear()
        self.cancel_button.setEnabled(True)
        self._ticket += 1
        ticket = self._task = self._ticket

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            if self._task != ticket:  # cancelled (a preview) or replaced: not this dialog's news
                return
            self._task = None
            self._importing = False
            callback(value)
            self._update_state()

        self.counts_label.setText(what)
        self._update_state()
        self._tasks.run(
            call,
            functools.partial(deliver, done),
            functools.partial(deliver, failed),
            expected=(ImportCancelled,),
        )

    @Slot()
    def cancel(self) -> None:
        """Stop the work under way: a preview is dropped, an import rolled back (nothing saved)."""
        if self._importing:
            self._cancel.set()  # the import's answer (cancelled, or done just before) follows
            self.cancel_button.setEnabled(False)
        elif self._task is not None:
            self._task = None
            self._path, self._data, self.plan, self.problems = None, None, None, []
            self.route_order = None
            self.file_edit.clear()
            self._preview_done()

    def reject(self) -> None:
        """Close, unless an import is under way: then Esc asks to cancel it (see :meth:`cancel`)."""
        if self._importing:
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Close and drop the answer of a preview under way (an import is never under way here)."""
        self._task = None
        if self._tasks is not None:
            self._tasks.shutdown()
            self._tasks = None
        super().done(result)

    # ----- apply ---------------------------------------------------------------------------------
    @Slot()
    def apply_import(self) -> None:
        """Apply the previewed file (all or nothing) on a worker thread, then close."""
        if self._data is None or self._path is None or self.plan is None or self.is_busy():
            return
        if self.plan.needs_route_order:
            return  # the 順番 question is not answered yet (取り込む is disabled until it is)
        self.error.clear_error()
        self._importing = True
        self._start(
            functools.partial(
                self._roster.import_roster,
                self._data,
                self._path.name,
                self._cancel.is_set,
                route_order=self.route_order,
            ),
            self._on_imported,
            self._on_import_failed,
            self.tr("取り込んでいます…"),
        )

    def _on_imported(self, result: ImportResult) -> None:
        self.result_ = result
        self.roster_imported.emit(result)
        self.accept()

    def _on_import_failed(self, error: BaseException) -> None:
        if isinstance(error, ImportCancelled):
            self._show_plan()
            self.error.show_error(self.tr("取り込みを中止しました。名簿は変更していません。"))
        elif isinstance(error, CsvImportError):
            # The roster changed since the preview and the file no longer fits: show why.
            self.plan, self._data = None, None
            self.problems = [messages.csv_problem_text(problem) for problem in error.problems]
            self.error.show_error(messages.error_text(error))
            self._show_plan()
        elif isinstance(error, UserError):
            self._show_plan()
            self.error.show_error(messages.error_text(error))
        else:  # a bug (logged by the runner): say something; nothing was saved
            self._show_plan()
            self.error.show_error(type(error).__name__)
