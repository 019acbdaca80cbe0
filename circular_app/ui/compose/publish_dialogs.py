"""The three dialogs around 発行: what is left to fill in, the confirmation, and printing after.

- :class:`PlaceholdersDialog` comes first, before any confirmation: it lists each ［placeholder］
  not yet replaced, by name, with a 「ここへ移動」 button that closes it and selects the
  placeholder in the editor. It offers no way to publish.
- :class:`PublishConfirmDialog` asks with verbs: 「発行する」 and 「やめる」 (the default, so
  Enter never publishes by accident).
- :class:`AfterPublishDialog` offers 「紙の控えを印刷」 (the paper-copies dialog) and 「閉じる」.

Each has a class method that shows it modally and returns the answer; tests replace those
methods the way they answer a message box, or click the real buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.ui.common.widgets import bold_font


def _message(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def _lay_out(dialog: QDialog, labels: Sequence[QLabel], buttons: Sequence[QPushButton]) -> None:
    """The labels one under the other, the buttons in a row at the bottom right."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(dialog)
    for label in labels:
        layout.addWidget(label)
    layout.addLayout(row)


class PlaceholdersDialog(QDialog):
    """Lists the ［placeholders］ left, each with 「ここへ移動」; ``chosen`` is the one to go to."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: str | None = None
        self.setWindowTitle(self.tr("まだ書きかえていない所があります"))
        self.message = _message(
            self,
            self.tr(
                "次の［　］がまだ書きかえられていません。書きかえてから、もう一度「発行」を押してください。"
            ),
        )
        rows = QGridLayout()
        self.go_buttons: dict[str, QPushButton] = {}
        for row, name in enumerate(names):
            label = QLabel(name, self)
            label.setFont(bold_font())
            button = QPushButton(self.tr("ここへ移動"), self)
            button.setAccessibleName(self.tr("{name} へ移動").format(name=name))
            button.setAutoDefault(row == 0)
            button.clicked.connect(lambda _checked=False, n=name: self._go(n))
            rows.addWidget(label, row, 0)
            rows.addWidget(button, row, 1)
            self.go_buttons[name] = button
        self.close_button = QPushButton(self.tr("閉じる"), self)
        self.close_button.clicked.connect(self.reject)
        _lay_out(self, [self.message], [self.close_button])
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, rows)  # the placeholders between the message and the button

    def _go(self, name: str) -> None:
        self.chosen = name
        self.accept()

    @classmethod
    def choose(cls, parent: QWidget, names: Sequence[str]) -> str | None:
        """Show the list; the placeholder whose 「ここへ移動」 was pressed, or None."""
        dialog = cls(names, parent)
        dialog.exec()
        return dialog.chosen


class PublishConfirmDialog(QDialog):
    """「この回覧を発行します」 with 「発行する」 and 「やめる」 (the default)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("回覧の発行"))
        self.title_label = _message(self, self.tr("「{title}」を発行します。").format(title=title))
        self.title_label.setFont(bold_font())
        self.message = _message(
            self, self.tr("発行すると回覧No.が付きます。発行後に直すと「訂正」として記録されます。")
        )
        self.publish_button = QPushButton(self.tr("発行する(&P)"), self)
        self.cancel_button = QPushButton(self.tr("やめる(&C)"), self)
        self.publish_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.publish_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        _lay_out(self, [self.title_label, self.message], [self.publish_button, self.cancel_button])

    @classmethod
    def ask(cls, parent: QWidget, title: str) -> bool:
        """True when 「発行する」 was pressed."""
        return cls(title, parent).exec() == QDialog.DialogCode.Accepted


class AfterPublishDialog(QDialog):
    """After 発行: 「紙の控えを印刷」 (accepts) or 「閉じる」."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("発行しました"))
        self.title_label = _message(self, self.tr("{label} を発行しました。").format(label=label))
        self.title_label.setFont(bold_font())
        self.message = _message(
            self,
            self.tr(
                "紙で回す班の控えと、紙で受け取る世帯の控え（大きな文字を希望する世帯には大きな文字で）"
                "を印刷できます。"
            ),
        )
        self.print_button = QPushButton(self.tr("紙の控えを印刷(&R)…"), self)
        self.close_button = QPushButton(self.tr("閉じる"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.accept)
        self.close_button.clicked.connect(self.reject)
        _lay_out(self, [self.title_label, self.message], [self.print_button, self.close_button])

    @classmethod
    def offer(cls, parent: QWidget, label: str) -> bool:
        """True when 「紙の控えを印刷」 was pressed."""
        return cls(label, parent).exec() == QDialog.DialogCode.Accepted
