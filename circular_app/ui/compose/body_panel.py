"""The body column of the editor: formatting bar, body text, and what still needs attention.

The body is shown as a word processor (:class:`~circular_app.ui.compose.body.BodyEdit`); the
「そのまま表示」 switch shows the stored text instead, for experts, and switching back shows
what was typed there. A body the word-processor view cannot hold exactly (see
:func:`~circular_app.ui.compose.rich.shows_exactly`) opens in the stored-text view, so nothing
stored is ever changed by opening it. While nothing was changed, :meth:`BodyPanel.text` gives
back the stored text as it was, character for character.

Under the text, two lists say what is left before publishing: the ［placeholders］ of a template
not yet replaced, and (when the check is on) readability hints in やさしい日本語. Choosing an
entry selects its place in the body; a hint with a safe rewrite has a 「直す」 button that makes
it in the body (one step of the editor's undo: Ctrl+Z takes it back).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.circulars import CircularDraft
from circular_app.domain.document import parse_document
from circular_app.domain.readability import Fix, Hint, HintKind
from circular_app.domain.templates import placeholders
from circular_app.ui.compose import rich
from circular_app.ui.compose.body import HINT_ROLE, BodyEdit, BodyHighlighter, find_text, python_index
from circular_app.ui.compose.texts import hint_text


class BodyPanel(QWidget):
    """The formatting bar, the body (word processor or stored text) and the lists under it.

    Signals:
        changed(): the body was changed by typing, a command or pasting (not by loading).
        title_wanted(): a placeholder that is only in the title was chosen (focus the title).
        hint_fixed(): 「直す」 of a readability hint changed the body.
    """

    changed = Signal()
    title_wanted = Signal()
    hint_fixed = Signal()

    def __init__(self, readability: Callable[[str], list[Hint]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._readability = readability
        self._hints: list[Hint] = []
        self._loaded = ""  # the stored text as loaded: given back while the view is unchanged
        self._loading = False
        self.body_edit = BodyEdit(self)
        self.raw_edit = QPlainTextEdit(self)
        self.raw_edit.setTabChangesFocus(True)
        self.highlighter = BodyHighlighter(self.body_edit.document(), readability)
        self.raw_highlighter = BodyHighlighter(self.raw_edit.document(), readability)
        self.body_edit.tooltip_for = self._tooltip_at
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.body_edit)
        self.stack.addWidget(self.raw_edit)
        self.format_bar = QToolBar(self)
        self.format_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.heading_action = self._format_action("Ctrl+Shift+H")
        self.bold_action = self._format_action(QKeySequence.StandardKey.Bold)
        self.bullets_action = self._format_action("Ctrl+Shift+L")
        self.numbers_action = self._format_action("Ctrl+Shift+O")
        self.table_action = self._format_action("Ctrl+Shift+T")
        self.rule_action = self._format_action("Ctrl+Shift+R")
        self.format_bar.addSeparator()
        self.raw_action = QAction(self)
        self.raw_action.setCheckable(True)
        self._add_button(self.raw_action)
        self.raw_notice = QLabel(self)
        self.raw_notice.setWordWrap(True)
        self.raw_notice.hide()
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
        layout.addWidget(self.raw_notice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(attention)
        self._connect()

    def _format_action(self, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        # Only while the body has focus: Ctrl+B in the title field must not change the body.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.body_edit.addAction(action)
        self._add_button(action)
        return action

    def _add_button(self, action: QAction) -> None:
        self.format_bar.addAction(action)
        button = self.format_bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            # Large targets: at least two lines of text high, whatever the text size.
            button.setMinimumHeight(self.fontMetrics().height() * 2)

    def _connect(self) -> None:
        self.heading_action.triggered.connect(self.body_edit.toggle_heading)
        self.bold_action.triggered.connect(lambda: self.body_edit.toggle_bold(self.tr("太字", "sample text")))
        self.bullets_action.triggered.connect(self.body_edit.toggle_bullets)
        self.numbers_action.triggered.connect(self.body_edit.toggle_numbers)
        self.table_action.triggered.connect(
            lambda: self.body_edit.insert_table(self.tr("項目"), self.tr("内容"))
        )
        self.rule_action.triggered.connect(self.body_edit.insert_rule)
        self.raw_action.toggled.connect(self.show_stored_text)
        self.body_edit.textChanged.connect(self._on_text_changed)
        self.raw_edit.textChanged.connect(self._on_text_changed)
        self.placeholder_list.itemActivated.connect(self._go_to_placeholder)
        self.placeholder_list.itemClicked.connect(self._go_to_placeholder)
        self.hint_list.itemActivated.connect(self._go_to_hint)
        self.hint_list.itemClicked.connect(self._go_to_hint)
        self.hint_list.viewport().installEventFilter(self)  # rows with 直す re-wrap at a new width

    @Slot()
    def _on_text_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the editor calls it with its own)."""
        self.body_label.setText(self.tr("本文(&B)"))
        self.body_edit.setAccessibleName(self.tr("本文"))
        self.format_bar.setWindowTitle(self.tr("書式"))
        for action, text, tip in (
            (self.heading_action, self.tr("見出し(&H)"), self.tr("行を見出しにします")),
            (self.bold_action, self.tr("太字(&O)"), self.tr("選んだ文字を太字にします")),
            (self.bullets_action, self.tr("箇条書き(&L)"), self.tr("行の頭に「・」を付けて並べます")),
            (self.numbers_action, self.tr("番号付き(&N)"), self.tr("行の頭に 1. 2. 3. と番号を付けます")),
            (self.table_action, self.tr("表を入れる(&E)"), self.tr("2列の表を入れます")),
            (self.rule_action, self.tr("区切り線(&R)"), self.tr("区切りの横線を入れます")),
        ):
            action.setText(text)
            _add_alt_shortcut(action)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(self.tr("{tip}（{shortcut}）").format(tip=tip, shortcut=shortcut))
        self.raw_action.setText(self.tr("そのまま表示(&W)"))
        _add_alt_shortcut(self.raw_action)
        self.raw_action.setToolTip(
            self.tr(
                "保存される文字（## や - の記号つき）をそのまま表示して直します。もう一度押すと元の表示に戻ります"
            )
        )
        self.raw_notice.setText(
            self.tr(
                "この本文には、ふつうの表示では正しく扱えない文字があるため、保存される文字のまま表示しています。"
            )
        )
        self.raw_edit.setAccessibleName(self.tr("本文（保存される文字のまま）"))
        self.placeholders_label.setText(self.tr("書きかえる所 ［　］"))
        self.placeholder_list.setAccessibleName(self.tr("まだ書きかえていない［　］の一覧"))
        self.hints_label.setText(self.tr("読みやすさのヒント"))
        self.hint_list.setAccessibleName(self.tr("読みやすさのヒントの一覧"))

    # ----- text ------------------------------------------------------------------------------
    def text(self) -> str:
        """The body as stored: unchanged since loading, exactly the text that was loaded."""
        if self.raw_action.isChecked():
            return self.raw_edit.toPlainText()
        if not self.body_edit.document().isModified():
            return self._loaded
        return rich.source_of(self.body_edit.document())

    def set_text(self, body: str) -> None:
        """Show ``body`` (left alone when it is already shown, keeping the cursor and undo)."""
        if body == self.text():
            return
        if not self.raw_action.isChecked() and parse_document(body) == self.body_edit.body_document():
            self._loaded = body  # the same document spelled otherwise: keep the cursor and undo
            self.body_edit.document().setModified(False)
        else:
            self._show(body)
        self.changed.emit()  # the editor ignores it while it loads a circular

    def _show(self, body: str) -> None:
        self._loading = True
        try:
            self._loaded = body
            exact = rich.shows_exactly(body)
            if exact:
                self.body_edit.show_document(parse_document(body))
                self.body_edit.document().setModified(False)
            self.raw_edit.setPlainText(body)
            self.raw_notice.setVisible(not exact)
            self.raw_action.blockSignals(True)
            self.raw_action.setChecked(not exact)
            self.raw_action.blockSignals(False)
            self._show_view()
        finally:
            self._loading = False

    @Slot(bool)
    def show_stored_text(self, stored: bool) -> None:
        """Show the stored text (「そのまま表示」) or the word-processor view of what it says."""
        if self.raw_action.isChecked() != stored:
            self.raw_action.setChecked(stored)  # comes back here through toggled
            return
        self._loading = True
        try:
            if stored:
                rich_text = self._loaded if not self.body_edit.document().isModified() else None
                self.raw_edit.setPlainText(
                    rich_text if rich_text is not None else rich.source_of(self.body_edit.document())
                )
            else:
                body = self.raw_edit.toPlainText()
                if not rich.shows_exactly(body):
                    self.raw_action.blockSignals(True)
                    self.raw_action.setChecked(True)
                    self.raw_action.blockSignals(False)
                    self.raw_notice.show()
                    return
                self._loaded = body
                self.raw_notice.hide()
                self.body_edit.show_document(parse_document(body))
                self.body_edit.document().setModified(False)
        finally:
            self._loading = False
        self._show_view()

    def _show_view(self) -> None:
        stored = self.raw_action.isChecked()
        self.stack.setCurrentWidget(self.raw_edit if stored else self.body_edit)
        self.body_label.setBuddy(self.current_edit())
        for action in self._commands():
            action.setEnabled(not stored and not self.body_edit.isReadOnly())

    def _commands(self) -> list[QAction]:
        return [
            self.heading_action,
            self.bold_action,
            self.bullets_action,
            self.numbers_action,
            self.table_action,
            self.rule_action,
        ]

    def current_edit(self) -> QTextEdit | QPlainTextEdit:
        """The text field shown now: the word processor or the stored text."""
        return self.raw_edit if self.raw_action.isChecked() else self.body_edit

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid typing and the formatting commands."""
        self.body_edit.setReadOnly(not editable)
        self.raw_edit.setReadOnly(not editable)
        self._show_view()

    def set_readability_check(self, enabled: bool) -> None:
        """Underline readability hints in the text (or stop)."""
        self.highlighter.set_readability_check(enabled)
        self.raw_highlighter.set_readability_check(enabled)

    def select_text(self, text: str, occurrence: int = 0) -> bool:
        """Select the ``occurrence``-th ``text`` in the body shown and focus it; False if absent."""
        edit = self.current_edit()
        found = find_text(edit.document(), text, occurrence) or find_text(edit.document(), text)
        if found is None:
            return False
        edit.setTextCursor(found)
        edit.window().activateWindow()  # back from a dialog: the editor's window takes the keys
        edit.setFocus()
        return True

    def select_placeholder(self, placeholder: str) -> None:
        """Select ``placeholder`` in the body, or ask for the title when it is only there."""
        if not self.select_text(placeholder):
            self.title_wanted.emit()

    def select_first_placeholder(self) -> None:
        """Select the first ［placeholder］ left in the body, if any."""
        left = placeholders(self.text())
        if left:
            self.select_text(left[0])

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
            if hint.kind in (HintKind.LONG_SENTENCE, HintKind.KANJI):  # the others name their words
                advice = self.tr("「{text}」: {advice}").format(
                    text=_shorten(draft.body[hint.start : hint.end]), advice=advice
                )
            item = QListWidgetItem(advice, self.hint_list)
            item.setData(HINT_ROLE, (hint.start, hint.end))
            item.setToolTip(hint_text(hint, draft.body))
            if hint.fix is not None:
                self._add_fix_button(item, advice, hint.fix, draft.body[hint.fix.start : hint.fix.end])
        self.hints_label.setText(
            self.tr("読みやすさのヒント: {count}件").format(count=len(self._hints))
            if draft.readability_check
            else self.tr("読みやすさのヒント（オフ）")
        )
        self.hint_list.setEnabled(draft.readability_check)

    def _add_fix_button(self, item: QListWidgetItem, advice: str, fix: Fix, old: str) -> None:
        """Show the hint's advice with a 「直す」 button beside it, over the list entry."""
        row = QWidget(self.hint_list)
        row.setAutoFillBackground(True)  # covers the entry's own text, kept for screen readers
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(advice, row)
        label.setWordWrap(True)
        button = QPushButton(self.tr("直す"), row)
        button.setAccessibleName(self.tr("直す: 「{old}」を「{new}」に").format(old=old, new=fix.text))
        button.setToolTip(
            self.tr("「{old}」を「{new}」に書きかえます（Ctrl+Z で元に戻せます）").format(
                old=old, new=fix.text
            )
        )
        button.setMinimumHeight(self.fontMetrics().height() * 2)
        button.setEnabled(not self.body_edit.isReadOnly())
        button.clicked.connect(lambda: self.apply_fix(fix, old))
        layout.addWidget(label, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hint_list.setItemWidget(item, row)
        self._fit_row(item, row)

    def _fit_row(self, item: QListWidgetItem, row: QWidget) -> None:
        width = max(self.hint_list.viewport().width(), row.minimumSizeHint().width())
        height = max(row.heightForWidth(width), row.minimumSizeHint().height())
        item.setSizeHint(QSize(width, height))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Fit the rows with a 「直す」 button to the hint list's new width."""
        if watched is self.hint_list.viewport() and event.type() is QEvent.Type.Resize:
            for i in range(self.hint_list.count()):
                item = self.hint_list.item(i)
                row = self.hint_list.itemWidget(item)
                if row is not None:
                    self._fit_row(item, row)
        return super().eventFilter(watched, event)

    def apply_fix(self, fix: Fix, old: str) -> bool:
        """Make the rewrite of a hint in the body shown (one undo step); False if the text moved on."""
        body = self.text()
        if body[fix.start : fix.end] != old or self.current_edit().isReadOnly():
            return False  # typed since the list was filled: the list is refreshed in a moment
        edit = self.current_edit()
        found = find_text(edit.document(), old, body[: fix.start].count(old))
        if found is None:
            return False
        found.insertText(fix.text)  # through the document: Ctrl+Z in the editor takes it back
        edit.setTextCursor(found)
        edit.setFocus()
        self.hint_fixed.emit()
        return True

    def hint_buttons(self) -> list[QPushButton]:
        """The 「直す」 buttons of the hint list, in list order (tests, keyboard users)."""
        buttons = []
        for i in range(self.hint_list.count()):
            row = self.hint_list.itemWidget(self.hint_list.item(i))
            button = row.findChild(QPushButton) if row is not None else None
            if button is not None:
                buttons.append(button)
        return buttons

    @Slot(QListWidgetItem)
    def _go_to_placeholder(self, item: QListWidgetItem) -> None:
        self.select_placeholder(item.text())

    @Slot(QListWidgetItem)
    def _go_to_hint(self, item: QListWidgetItem) -> None:
        span = item.data(HINT_ROLE)
        if not span:
            return
        start, end = int(span[0]), int(span[1])
        body = self.text()
        words = body[start:end].split("\n")[0]
        if words:
            # The hint's place in the stored text: the same words, as often before it, on screen.
            self.select_text(words, body[:start].count(words))

    def _tooltip_at(self, cursor: QTextCursor) -> str | None:
        text = cursor.block().text()
        index = python_index(text, cursor.positionInBlock())
        for hint in self.highlighter.hints_of_line(text):
            if hint.start <= index < hint.end:
                return hint_text(hint, text)
        return None


def _add_alt_shortcut(action: QAction) -> None:
    """Alt and the &-letter of the action's text, after its own shortcut (toolbar buttons show
    the letter but, unlike push buttons, do not take it as a shortcut themselves)."""
    found = re.search(r"&(\w)", action.text())
    first = action.shortcuts()[:1]
    if found:
        first.append(QKeySequence(f"Alt+{found.group(1).upper()}"))
    action.setShortcuts(first)


def _shorten(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
