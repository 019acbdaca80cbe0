"""「ふりがなの読み方」: the profile's reading list (furigana), a table of words and their readings.

Place and personal names the dictionary reads wrong are corrected here once and used
everywhere after: the reader pages' 「ふりがな」 and large-print copies printed with furigana.
Large text and plain words; officers who may not edit circulars see the list only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.domain.furigana import ReadingEntry
from circular_app.services.readings import ReadingListService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel


class ReadingListDialog(Retranslating, QDialog):
    """Add, change and remove the readings of words (the latest change counts; kept in the trail)."""

    def __init__(self, service: ReadingListService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._entries: list[ReadingEntry] = []
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.reload()

    def _setup_ui(self) -> None:
        self.setMinimumWidth(560)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.word_label = QLabel(self)
        self.word_edit = QLineEdit(self)
        self.word_label.setBuddy(self.word_edit)
        self.reading_label = QLabel(self)
        self.reading_edit = QLineEdit(self)
        self.reading_label.setBuddy(self.reading_edit)
        form = QFormLayout()
        form.addRow(self.word_label, self.word_edit)
        form.addRow(self.reading_label, self.reading_edit)
        self.save_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        editable = self._service.may_edit
        for widget in (self.word_edit, self.reading_edit, self.save_button, self.remove_button):
            widget.setEnabled(editable)

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._selected)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.reading_edit.returnPressed.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("ふりがなの読み方"))
        self.intro.setText(
            self.tr(
                "地名や人の名前など、ふりがなの読み方を直したい言葉を登録します。"
                "登録した読み方は、スマホの回覧ページと、ふりがなつきの大きな文字の控えで使われます。"
            )
        )
        self.table.setHorizontalHeaderLabels([self.tr("言葉"), self.tr("読み方")])
        self.table.setAccessibleName(self.tr("登録した読み方の一覧"))
        self.word_label.setText(self.tr("言葉(&W)"))
        self.word_edit.setAccessibleName(self.tr("言葉"))
        self.word_edit.setPlaceholderText(self.tr("例：東海林"))
        self.reading_label.setText(self.tr("読み方(&R)"))
        self.reading_edit.setAccessibleName(self.tr("読み方（ひらがな）"))
        self.reading_edit.setPlaceholderText(self.tr("例：とうかいりん"))
        self.save_button.setText(self.tr("登録する(&S)"))
        self.save_button.setAccessibleName(self.tr("読み方を登録する"))
        self.remove_button.setText(self.tr("一覧から外す(&D)"))
        self.remove_button.setAccessibleName(self.tr("選んだ言葉を一覧から外す"))
        self.close_button.setText(self.tr("閉じる"))

    def reload(self) -> None:
        """Show the current list."""
        self._entries = self._service.entries()
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            for column, text in enumerate((entry.word, entry.reading)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.remove_button.setEnabled(self._service.may_edit and bool(self._entries))

    @Slot()
    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._entries):
            entry = self._entries[rows[0].row()]
            self.word_edit.setText(entry.word)
            self.reading_edit.setText(entry.reading)

    @Slot()
    def save(self) -> None:
        """Add the word, or change its reading."""
        try:
            entry = self._service.set(self.word_edit.text(), self.reading_edit.text())
        except UserError as exc:
            self.error.setText(messages.error_text(exc))
            return
        self.error.setText("")
        self.reload()
        self._select(entry.word)

    @Slot()
    def remove(self) -> None:
        """Take the chosen word off the list, after asking."""
        word = self.word_edit.text().strip()
        if not word:
            return
        question = self.tr("「{word}」を一覧から外しますか？ふりがなは辞書の読み方に戻ります。").format(
            word=word
        )
        if not dialogs.ask(self, self.tr("一覧から外す"), question, yes=self.tr("外す")):
            return
        try:
            self._service.remove(word)
        except UserError as exc:
            self.error.setText(messages.error_text(exc))
            return
        self.error.setText("")
        self.word_edit.clear()
        self.reading_edit.clear()
        self.reload()

    def _select(self, word: str) -> None:
        for row, entry in enumerate(self._entries):
            if entry.word == word:
                self.table.selectRow(row)
