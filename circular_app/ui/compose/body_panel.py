"""The body column of the editor: formatting bar, body text, and what still needs attention.

Under the text, two lists say what is left before publishing: the ［placeholders］ of a template
not yet replaced, and (when the check is on) readability hints in やさしい日本語. Choosing an
entry selects its place in the body.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.circulars import CircularDraft
from circular_app.domain.readability import Hint, HintKind
from circular_app.domain.templates import placeholders
from circular_app.ui.compose.body import HINT_ROLE, BodyEdit, BodyHighlighter, python_index, utf16_index
from circular_app.ui.compose.texts import hint_text


class BodyPanel(QWidget):
    """The formatting bar, the body text and, under it, the placeholder and hint lists.

    Signals:
        title_wanted(): a placeholder that is only in the title was chosen (focus the title).
    """

    title_wanted = Signal()

    def __init__(self, readability: Callable[[str], list[Hint]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._readability = readability
        self._hints: list[Hint] = []
        self.body_edit = BodyEdit(self)
        self.highlighter = BodyHighlighter(self.body_edit.document(), readability)
        self.body_edit.tooltip_for = self._tooltip_at
        self.format_bar = QToolBar(self)
        self.format_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.heading_action = self._format_action("Ctrl+Shift+H")
        self.bold_action = self._format_action(QKeySequence.StandardKey.Bold)
        self.bullets_action = self._format_action("Ctrl+Shift+L")
        self.numbers_action = self._format_action("Ctrl+Shift+O")
        self.table_action = self._format_action("Ctrl+Shift+T")
        self.rule_action = self._format_action("Ctrl+Shift+R")
        self.body_label = QLabel(self)
        self.body_label.setBuddy(self.body_edit)
        self.placeholders_label = QLabel(self)
        self.placeholder_list = QListWidget(self)
        self.hints_label = QLabel(self)
        self.hint_list = QListWidget(self)
        self.hint_list.setWordWrap(True)
        # Long suggestions wrap instead of scrolling sideways.
        self.hint_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for widget in (self.placeholder_list, self.hint_list):
            widget.setMaximumHeight(self.fontMetrics().height() * 7)
        attention = QHBoxLayout()
        for label, widget in (
            (self.placeholders_label, self.placeholder_list),
            (self.hints_label, self.hint_list),
        ):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(widget)
            attention.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body_label)
        layout.addWidget(self.format_bar)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(attention)
        self._connect()

    def _format_action(self, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        # Only while the body has focus: Ctrl+B in the title field must not change the body.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.body_edit.addAction(action)
        self.format_bar.addAction(action)
        return action

    def _connect(self) -> None:
        self.heading_action.triggered.connect(self.body_edit.toggle_heading)
        self.bold_action.triggered.connect(lambda: self.body_edit.toggle_bold(self.tr("太字", "sample text")))
        self.bullets_action.triggered.connect(self.body_edit.toggle_bullets)
        self.numbers_action.triggered.connect(self.body_edit.toggle_numbers)
        self.table_action.triggered.connect(
            lambda: self.body_edit.insert_table(self.tr("項目"), self.tr("内容"))
        )
        self.rule_action.triggered.connect(self.body_edit.insert_rule)
        self.placeholder_list.itemActivated.connect(self._go_to_placeholder)
        self.placeholder_list.itemClicked.connect(self._go_to_placeholder)
        self.hint_list.itemActivated.connect(self._go_to_hint)
        self.hint_list.itemClicked.connect(self._go_to_hint)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the editor calls it with its own)."""
        self.body_label.setText(self.tr("本文(&B)"))
        self.body_edit.setAccessibleName(self.tr("本文"))
        self.format_bar.setWindowTitle(self.tr("書式"))
        for action, text, tip in (
            (self.heading_action, self.tr("見出し"), self.tr("行を見出しにします")),
            (self.bold_action, self.tr("太字"), self.tr("選んだ文字を太字にします")),
            (self.bullets_action, self.tr("箇条書き"), self.tr("行の頭に「・」を付けて並べます")),
            (self.numbers_action, self.tr("番号付き"), self.tr("行の頭に 1. 2. 3. と番号を付けます")),
            (
                self.table_action,
                self.tr("表を挿入"),
                self.tr("2列の表を入れます（| で区切った行が表になります）"),
            ),
            (self.rule_action, self.tr("区切り線"), self.tr("区切りの横線を入れます")),
        ):
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(self.tr("{tip}（{shortcut}）").format(tip=tip, shortcut=shortcut))
        self.placeholders_label.setText(self.tr("書きかえる所 ［　］"))
        self.placeholder_list.setAccessibleName(self.tr("まだ書きかえていない［　］の一覧"))
        self.hints_label.setText(self.tr("読みやすさのヒント"))
        self.hint_list.setAccessibleName(self.tr("読みやすさのヒントの一覧"))

    # ----- text ------------------------------------------------------------------------------
    def text(self) -> str:
        """The body as typed."""
        return self.body_edit.toPlainText()

    def set_text(self, body: str) -> None:
        """Show ``body`` (left alone when it is already shown, keeping the cursor and undo)."""
        if self.body_edit.toPlainText() != body:
            self.body_edit.setPlainText(body)

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid typing and the formatting commands."""
        self.body_edit.setReadOnly(not editable)
        self.format_bar.setEnabled(editable)

    def set_readability_check(self, enabled: bool) -> None:
        """Underline readability hints in the text (or stop)."""
        self.highlighter.set_readability_check(enabled)

    def select(self, start: int, end: int) -> None:
        """Select the body text from Python index ``start`` to ``end`` and focus the body."""
        text = self.body_edit.toPlainText()
        cursor = self.body_edit.textCursor()
        cursor.setPosition(utf16_index(text, start))
        cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.body_edit.setTextCursor(cursor)
        self.body_edit.setFocus()

    def select_first_placeholder(self) -> None:
        """Select the first ［placeholder］ left in the body, if any."""
        left = placeholders(self.text())
        if left:
            found = self.text().find(left[0])
            self.select(found, found + len(left[0]))

    # ----- placeholders and hints ----------------------------------------------------------------
    def hints(self) -> list[Hint]:
        """The readability hints shown (empty while the check is off)."""
        return list(self._hints)

    def fill_lists(self, draft: CircularDraft) -> None:
        """Refresh the placeholder and hint lists for ``draft``."""
        self._fill_placeholders(draft)
        self._fill_hints(draft)

    def _fill_placeholders(self, draft: CircularDraft) -> None:
        left = placeholders(draft.title + "\n" + draft.body)
        if [self.placeholder_list.item(i).text() for i in range(self.placeholder_list.count())] != left:
            self.placeholder_list.clear()
            self.placeholder_list.addItems(left)
        self.placeholders_label.setText(
            self.tr("書きかえる所 ［　］: {count}か所").format(count=len(left))
            if left
            else self.tr("書きかえる所 ［　］: なし")
        )

    def _fill_hints(self, draft: CircularDraft) -> None:
        self._hints = self._readability(draft.body) if draft.readability_check else []
        self.hint_list.clear()
        for hint in self._hints:
            advice = hint_text(hint, draft.body)
            if hint.kind is not HintKind.DIFFICULT_WORD:  # the advice names the word itself
                advice = self.tr("「{text}」: {advice}").format(
                    text=_shorten(draft.body[hint.start : hint.end]), advice=advice
                )
            item = QListWidgetItem(advice, self.hint_list)
            item.setData(HINT_ROLE, (hint.start, hint.end))
            item.setToolTip(hint_text(hint, draft.body))
        self.hints_label.setText(
            self.tr("読みやすさのヒント: {count}件").format(count=len(self._hints))
            if draft.readability_check
            else self.tr("読みやすさのヒント（オフ）")
        )
        self.hint_list.setEnabled(draft.readability_check)

    @Slot(QListWidgetItem)
    def _go_to_placeholder(self, item: QListWidgetItem) -> None:
        text = self.body_edit.toPlainText()
        found = text.find(item.text())
        if found >= 0:
            self.select(found, found + len(item.text()))
        else:
            self.title_wanted.emit()

    @Slot(QListWidgetItem)
    def _go_to_hint(self, item: QListWidgetItem) -> None:
        span = item.data(HINT_ROLE)
        if span:
            self.select(int(span[0]), int(span[1]))

    def _tooltip_at(self, cursor: QTextCursor) -> str | None:
        text = cursor.block().text()
        index = python_index(text, cursor.positionInBlock())
        for hint in self.highlighter.hints_of_line(text):
            if hint.start <= index < hint.end:
                return hint_text(hint, text)
        return None


def _shorten(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
