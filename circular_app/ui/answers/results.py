"""「回答の集計」: tallies per question and per 班, the response rate, who has not answered.

Buttons use the service's exports: 「CSVに書き出す」 (Excel), 「結果のPDF」 (with the 総会 page on a
総会 form) and 「未回答の催促票」 (the 班長's sheets). A 班長 sees their own 班 only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki
from circular_app.domain.errors import UserError
from circular_app.domain.forms import QuestionKind, QuestionTally
from circular_app.services.answers import Results
from circular_app.ui.answers.circular_combo import CircularCombo, published_with_form
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font


def tally_text(t: QuestionTally) -> str:
    """One question's counts in a line: 「出席 3（5名）　欠席 1」, 「合計 7」…"""
    parts = [f"{choice} {count}" for choice, count in t.counts]
    if t.question.kind is QuestionKind.ATTENDANCE:
        parts.append(f"（来る人 {t.people}名）")
    if t.question.kind is QuestionKind.NUMBER:
        parts.append(f"合計 {t.total}")
    if t.question.kind is QuestionKind.TEXT:
        parts.append(f"記入 {t.answered}件")
    return "　".join(parts)


class AnswerResultsView(Retranslating, QWidget):
    """The results of one circular's questions, with the exports."""

    def __init__(self, services: ProfileServices, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._services = services
        self.answers = services.answers
        self.results: Results | None = None
        self._setup_ui()
        self.retranslate_ui()
        if load:
            self.refresh()

    def _setup_ui(self) -> None:
        self.circular_label = QLabel(self)
        self.circular_combo = CircularCombo(self)
        self.circular_label.setBuddy(self.circular_combo)
        top = QHBoxLayout()
        top.addWidget(self.circular_label)
        top.addWidget(self.circular_combo, 1)
        self.rate_label = QLabel(self)
        self.rate_label.setFont(bold_font())
        self.rate_label.setWordWrap(True)
        self.questions_table = QTableWidget(self)
        self.questions_table.setColumnCount(2)
        self.questions_table.verticalHeader().setVisible(False)
        self.han_table = QTableWidget(self)
        self.han_table.verticalHeader().setVisible(False)
        self.unanswered_label = QLabel(self)
        self.unanswered_list = QListWidget(self)
        self.csv_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.reminder_button = QPushButton(self)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        for button in (self.csv_button, self.pdf_button, self.reminder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.questions_table, 2)
        layout.addWidget(self.han_table, 2)
        layout.addWidget(self.unanswered_label)
        layout.addWidget(self.unanswered_list, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.circular_combo.currentIndexChanged.connect(self._show)
        # Through lambdas: clicked(bool) would fill the path argument.
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.reminder_button.clicked.connect(lambda: self.export_reminder())

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.circular_label.setText(self.tr("回覧(&C)"))
        self.questions_table.setHorizontalHeaderLabels([self.tr("質問"), self.tr("集計")])
        self.unanswered_label.setText(self.tr("まだ答えていない世帯（回る順）"))
        # Screen readers announce these tables and the list by name (the walk checks it).
        self.questions_table.setAccessibleName(self.tr("質問ごとの集計"))
        self.han_table.setAccessibleName(self.tr("班ごとの回答"))
        self.unanswered_list.setAccessibleName(self.tr("まだ答えていない世帯"))
        self.csv_button.setText(self.tr("CSVに書き出す"))
        self.pdf_button.setText(self.tr("結果のPDF"))
        self.reminder_button.setText(self.tr("未回答の催促票"))
        self._show()

    def refresh(self) -> None:
        """Reload the circulars with questions, keeping the chosen one."""
        self.circular_combo.fill(circular for circular, _form in published_with_form(self._services))
        self._show()

    @property
    def circular_id(self) -> int | None:
        """The chosen circular's id."""
        return self.circular_combo.circular_id

    def show_circular(self, circular_id: int) -> None:
        """Choose a circular."""
        self.circular_combo.choose(circular_id)
        self._show()

    @Slot()
    def _show(self) -> None:
        self.error.clear_error()
        circular_id = self.circular_id
        self.results = None
        if circular_id is not None:
            try:
                self.results = self.answers.results(circular_id)
            except UserError as exc:
                self.error.show_error(messages.error_text(exc))
        r = self.results
        for button in (self.csv_button, self.pdf_button, self.reminder_button):
            button.setEnabled(r is not None)
        self.questions_table.setRowCount(0)
        self.han_table.setRowCount(0)
        self.unanswered_list.clear()
        if r is None:
            self.rate_label.setText(self.tr("質問のある回覧はまだありません"))
            return
        self.rate_label.setText(
            self.tr("回答 {read} / {members} 世帯（{percent}%）　締め切り {deadline}").format(
                read=r.rate.read,
                members=r.rate.targeted,
                percent=round(r.rate.ratio * 100),
                deadline=wareki(r.deadline, weekday=True),
            )
        )
        self.questions_table.setRowCount(len(r.tallies))
        for row, t in enumerate(r.tallies):
            self.questions_table.setItem(row, 0, QTableWidgetItem(f"問{t.question.number} {t.question.text}"))
            self.questions_table.setItem(row, 1, QTableWidgetItem(tally_text(t)))
        self.questions_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        headers = [self.tr("班"), self.tr("回答")] + [f"問{q.number}" for q in r.form.questions]
        self.han_table.setColumnCount(len(headers))
        self.han_table.setHorizontalHeaderLabels(headers)
        self.han_table.setRowCount(len(r.per_han))
        for row, h in enumerate(r.per_han):
            self.han_table.setItem(row, 0, QTableWidgetItem(h.han.name))
            self.han_table.setItem(row, 1, QTableWidgetItem(f"{h.rate.read} / {h.rate.targeted}"))
            for column, t in enumerate(h.tallies, start=2):
                self.han_table.setItem(row, column, QTableWidgetItem(tally_text(t)))
        self.han_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for household in r.unanswered:
            self.unanswered_list.addItem(f"{r.label(household)}　{household.name}")

    def _suggested(self, what: str, suffix: str) -> str:
        r = self.results
        label = r.circular.label if r is not None else ""
        return f"{label}-{what}{suffix}"

    def _save(self, title: str, what: str, suffix: str, file_filter: str) -> Path | None:
        return dialogs.save_file(
            self, dialogs.Purpose.PRINT, title, self._suggested(what, suffix), file_filter, suffix
        )

    def export_csv(self, path: Path | None = None) -> Path | None:
        """「CSVに書き出す」: every household's answer, for Excel."""
        circular_id = self.circular_id
        if circular_id is None:
            return None
        target = path or self._save(self.tr("CSVに書き出す"), "回答", ".csv", self.tr("CSV (*.csv)"))
        if target is None:
            return None
        return self._run(lambda: self.answers.export_csv(circular_id, target), target)

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """「結果のPDF」: the results sheet (and the 総会 page)."""
        circular_id = self.circular_id
        if circular_id is None:
            return None
        target = path or self._save(self.tr("結果のPDF"), "回答結果", ".pdf", self.tr("PDF (*.pdf)"))
        if target is None:
            return None
        return self._run(lambda: self.answers.write_results_pdf(circular_id, target), target)

    def export_reminder(self, path: Path | None = None) -> Path | None:
        """「未回答の催促票」: the 班長's sheets of households without an answer."""
        circular_id = self.circular_id
        if circular_id is None:
            return None
        target = path or self._save(self.tr("未回答の催促票"), "未回答", ".pdf", self.tr("PDF (*.pdf)"))
        if target is None:
            return None
        return self._run(lambda: self.answers.write_reminder(circular_id, target), target)

    def _run(self, action: Callable[[], object], target: Path) -> Path | None:
        try:
            action()
        except UserError as exc:
            messages.show_error(self, exc)
            return None
        except OSError as exc:
            self.error.show_error(messages.os_error_text(exc))
            return None
        self.error.clear_error()
        return target
