"""The roster import dialog: choose a CSV, see exactly what it would change, then apply it.

The preview is the service's :class:`~circular_app.domain.roster_import.ImportPlan`; applying
re-plans inside one transaction, so what is applied is what was previewed (or nothing). A
refused file lists every problem and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import CsvImportError, UserError
from circular_app.domain.roster_import import ImportPlan, RowChange
from circular_app.services.roster import ImportResult, RosterService
from circular_app.ui.common import messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font


class ImportDialog(Retranslating, QDialog):
    """Preview and apply a roster CSV.

    Signals:
        roster_imported(ImportResult): the file was applied.
    """

    roster_imported = Signal(ImportResult)

    def __init__(self, roster: RosterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._roster = roster
        self._path: Path | None = None
        self._data: bytes | None = None
        self.plan: ImportPlan | None = None
        self.problems: list[str] = []
        self.result_: ImportResult | None = None
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
        layout.addWidget(self.error)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.apply_import)
        self.close_button.clicked.connect(self.reject)

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
        self._show_plan()

    # ----- preview -----------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        """Ask for a CSV file and preview it."""
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("名簿のCSVを選ぶ"), "", self.tr("CSVファイル (*.csv *.txt);;すべてのファイル (*)")
        )
        if name:
            self.preview(Path(name))

    def preview(self, path: Path) -> None:
        """Read ``path`` and show what importing it would do (changes nothing)."""
        self._path, self._data, self.plan, self.problems = path, None, None, []
        self.file_edit.setText(str(path))
        self.error.clear_error()
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.error.show_error(messages.os_error_text(exc))
            self._show_plan()
            return
        try:
            self.plan = self._roster.preview_import(data, path.name)
        except CsvImportError as error:
            self.problems = [problem.describe() for problem in error.problems]
            self.error.show_error(messages.error_text(error))
        except UserError as error:
            self.error.show_error(messages.error_text(error))
        else:
            self._data = data
        self._show_plan()

    def _show_plan(self) -> None:
        self.details.clear()
        plan = self.plan
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

    def counts_text(self, plan: ImportPlan) -> str:
        """The one-line summary: 追加 N / 変更 N / 転出 N / 新しい班 N."""
        return self.tr("追加 {added}　変更 {changed}　転出 {moved}　新しい班 {hans}").format(
            added=len(plan.creates),
            changed=len(plan.changes),
            moved=len(plan.moved_out),
            hans=len(plan.new_han_names),
        )

    def detail_lines(self, plan: ImportPlan) -> list[str]:
        """One line per new 班, added, changed and moved-out household."""
        lines = [self.tr("新しい班: {han}").format(han=name) for name in plan.new_han_names]
        lines += [
            self.tr("追加: {han} {name}").format(han=row.han_name, name=row.name) for row in plan.creates
        ]
        for change in plan.changes:
            if change.moves_out:
                lines.append(self.tr("転出: {name}").format(name=change.household.name))
            else:
                lines.append(
                    self.tr("変更: {name}（{fields}）").format(
                        name=change.household.name, fields=self._field_names(change)
                    )
                )
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
        ready = self.plan is not None and self._data is not None and not self.plan.is_empty
        self.import_button.setEnabled(ready)

    # ----- apply ---------------------------------------------------------------------------------
    @Slot()
    def apply_import(self) -> None:
        """Apply the previewed file (all or nothing), then close."""
        if self._data is None or self._path is None or self.plan is None:
            return
        try:
            result = self._roster.import_roster(self._data, self._path.name)
        except CsvImportError as error:
            # The roster changed since the preview and the file no longer fits: show why.
            self.plan, self._data = None, None
            self.problems = [problem.describe() for problem in error.problems]
            self.error.show_error(messages.error_text(error))
            self._show_plan()
            return
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return
        self.result_ = result
        self.roster_imported.emit(result)
        self.accept()
