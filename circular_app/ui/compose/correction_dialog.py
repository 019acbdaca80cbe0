"""The dialog that asks for the reason of a correction (訂正) before it is published."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class CorrectionReasonDialog(QDialog):
    """Asks what a correction changes; the reason is kept with the previous version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_edit = QLineEdit(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)
        self.retranslate_ui()
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("訂正として発行"))
        self.intro.setText(
            self.tr(
                "何を訂正したかを一言で書いてください（例: 集合時間を9時に訂正）。"
                "回覧には【訂正】の印と日付が付き、前の内容も残ります。"
            )
        )
        self.reason_label.setText(self.tr("訂正の理由(&R)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("訂正を発行"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))

    @Slot()
    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason().strip(" \u3000"))
        )

    def reason(self) -> str:
        """The reason as typed."""
        return self.reason_edit.text()

    @staticmethod
    def ask(parent: QWidget) -> str | None:
        """Show the dialog; the reason, or None when cancelled."""
        dialog = CorrectionReasonDialog(parent)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
