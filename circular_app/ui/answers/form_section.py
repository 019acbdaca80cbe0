"""「質問（出欠・アンケート）」: the editor's section for a circular's form.

Attach a form from a bundled template (総会の出欠と委任状, 行事の参加申込, アンケート, 役員選出) or
from a TOML file, see its questions listed, remove it. Only a draft's form can change; a
published circular shows its questions read-only. The section asks the editor for the
circular's id (a new circular is saved as a draft first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import wareki
from circular_app.domain.errors import UserError
from circular_app.domain.forms import Form
from circular_app.services.answers import AnswerService
from circular_app.ui.common import dialogs
from circular_app.ui.common.messages import error_text
from circular_app.ui.common.widgets import ErrorLabel


def question_lines(form: Form) -> list[str]:
    """The questions as the section lists them: 「問1　出欠：総会に出席しますか（出席・欠席）」."""
    lines = []
    for q in form.questions:
        options = q.options(form.general_meeting)
        tail = f"（{'・'.join(options)}）" if options else ""
        lines.append(f"問{q.number}　{q.kind.label_ja}：{q.text}{tail}")
    return lines


class FormSection(QGroupBox):
    """The form of one circular: template or file to attach, the questions, remove.

    ``circular_id`` returns the circular's id, saving a new one as a draft first (None: it
    could not be saved). Signals: form_changed(): a form was attached or removed.
    """

    form_changed = Signal()

    def __init__(
        self, answers: AnswerService, circular_id: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._answers = answers
        self._circular_id = circular_id
        self._editable = True
        self.form: Form | None = None
        self.template_combo = QComboBox(self)
        for name in answers.templates():
            self.template_combo.addItem(name, name)
        self.template_button = QPushButton(self)
        self.file_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.question_list = QListWidget(self)
        self.question_list.setWordWrap(True)
        self.question_list.setMaximumHeight(self.fontMetrics().height() * 8)
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.template_combo, 1)
        row.addWidget(self.template_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.question_list)
        layout.addWidget(self.error)
        self.template_button.clicked.connect(self.attach_template)
        self.file_button.clicked.connect(lambda: self.attach_file())
        self.remove_button.clicked.connect(self.remove)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setTitle(self.tr("質問（出欠・アンケート）"))
        self.template_combo.setAccessibleName(self.tr("質問のひな形"))
        self.template_button.setText(self.tr("ひな形を付ける"))
        self.file_button.setText(self.tr("ファイルから付ける…"))
        self.remove_button.setText(self.tr("質問を外す"))
        self.question_list.setAccessibleName(self.tr("質問の一覧"))
        self._show()

    def load(self, circular_id: int | None) -> None:
        """Show the form of the circular (none for a circular not saved yet)."""
        self.form = self._answers.form(circular_id) if circular_id is not None else None
        self._show()

    def set_editable(self, editable: bool) -> None:
        """Only a draft's form can be attached or removed."""
        self._editable = editable
        self._show()

    def _show(self) -> None:
        form = self.form
        self.question_list.clear()
        if form is None:
            self.summary_label.setText(
                self.tr("質問はありません。出欠やアンケートを取るときは、ひな形を付けます。")
            )
        else:
            self.summary_label.setText(
                self.tr("{count}問　締め切り：{deadline}").format(
                    count=len(form.questions),
                    deadline=wareki(form.deadline, weekday=True)
                    if form.deadline
                    else self.tr("回覧期限と同じ"),
                )
            )
            self.question_list.addItems(question_lines(form))
        for widget in (self.template_combo, self.template_button, self.file_button):
            widget.setEnabled(self._editable)
        self.remove_button.setEnabled(self._editable and form is not None)

    @Slot()
    def attach_template(self) -> bool:
        """Attach the chosen template."""
        name = self.template_combo.currentData()
        if name is None:
            return False
        return self._attach(lambda: self._answers.template(str(name)))

    def attach_file(self, path: Path | None = None) -> bool:
        """Attach a form from a TOML file (asked for when not given)."""
        chosen = path
        if chosen is None:
            chosen = dialogs.open_file(
                self,
                dialogs.Purpose.ATTACHMENT,
                self.tr("質問のファイル"),
                self.tr("質問のファイル (*.toml)"),
            )
        if chosen is None:
            return False
        file = chosen
        return self._attach(lambda: self._answers.read_form_file(file))

    def _attach(self, make: Callable[[], Form]) -> bool:
        self.error.clear_error()
        try:
            form = make()
            circular_id = self._circular_id()
            if circular_id is None:
                return False
            self._answers.attach_form(circular_id, form)
        except UserError as exc:
            self.error.show_error(error_text(exc))
            return False
        self.form = form
        self._show()
        self.form_changed.emit()
        return True

    @Slot()
    def remove(self) -> bool:
        """Take the form off the draft."""
        circular_id = self._circular_id()
        if circular_id is None or self.form is None:
            return False
        try:
            self._answers.attach_form(circular_id, None)
        except UserError as exc:
            self.error.show_error(error_text(exc))
            return False
        self.form = None
        self._show()
        self.form_changed.emit()
        return True
