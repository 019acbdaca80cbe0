"""The body text of the editor: Markdown marks written by commands and shown by a highlighter.

The body is the documented Markdown subset (``circular_app.domain.document``), but an officer
never has to know it: :class:`BodyEdit` writes the marks (見出し, 太字, 箇条書き, 番号付き, 表,
区切り線) and :class:`BodyHighlighter` shows headings and bold text as such, greys the marks,
and underlines ［placeholders］ and readability hints. Qt counts positions in UTF-16 units,
Python in code points: :func:`utf16_index` and :func:`python_index` convert.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from circular_app.domain.document import (
    BULLET_MARK,
    HEADING_MARK,
    LAYOUT_SPACES,
    NUMBER_MARK,
    Heading,
    ListBlock,
    Rule,
    Table,
    parse_document,
    parse_inline,
)
from circular_app.domain.readability import Hint
from circular_app.domain.templates import placeholders

HINT_ROLE = Qt.ItemDataRole.UserRole + 1

# The document model's own markers, so the editor greys out and toggles exactly what it reads.
_ANY_MARK = (HEADING_MARK, BULLET_MARK, NUMBER_MARK)


def utf16_index(text: str, index: int) -> int:
    """Qt's position (UTF-16 units) of the Python index ``index`` in ``text`` (𠮷 counts twice)."""
    head = text[:index]
    return index + sum(1 for c in head if ord(c) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """The Python index of Qt position ``position`` (UTF-16 units) in ``text``."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class BodyHighlighter(QSyntaxHighlighter):
    """Shows the Markdown marks quietly, headings and bold as such, ［placeholders］ and hints.

    Each line is looked at on its own: sentences, placeholders and difficult words never span
    a line break, so the hints of a line are the service's hints for that line.
    """

    def __init__(self, document: QTextDocument, readability: Callable[[str], list[Hint]]) -> None:
        super().__init__(document)
        self._readability = readability
        self._check = False
        self.mark_format = QTextCharFormat()
        self.mark_format.setForeground(QColor("#7a7a7a"))
        self.bold_format = QTextCharFormat()
        self.bold_format.setFontWeight(QFont.Weight.Bold)
        self.placeholder_format = QTextCharFormat()
        self.placeholder_format.setBackground(QColor("#ffe27a"))
        self.placeholder_format.setForeground(QColor("#000000"))
        # A wavy underline is not drawn with the BIZ UD font (it falls below the line box):
        # a plain underline on a pale background, with dark text also in high contrast.
        self.hint_format = QTextCharFormat()
        self.hint_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        self.hint_format.setUnderlineColor(QColor("#c05000"))
        self.hint_format.setBackground(QColor("#ffe0c0"))
        self.hint_format.setForeground(QColor("#000000"))

    def set_readability_check(self, enabled: bool) -> None:
        """Underline readability hints (or stop doing so)."""
        if enabled != self._check:
            self._check = enabled
            self.rehighlight()

    def hints_of_line(self, text: str) -> list[Hint]:
        """The readability hints of one line (empty while the check is off)."""
        return self._readability(text) if self._check else []

    def _format(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        first = utf16_index(text, start)
        self.setFormat(first, utf16_index(text, end) - first, fmt)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Format one line of the body."""
        if not text.strip(LAYOUT_SPACES):
            return
        blocks = parse_document(text).blocks
        block = blocks[0] if blocks else None
        if isinstance(block, Heading):
            self._format(text, 0, len(text), self.bold_format)
            mark = HEADING_MARK.match(text)
            if mark:
                self._format(text, 0, mark.end(), self.mark_format)
        elif isinstance(block, Rule):
            self._format(text, 0, len(text), self.mark_format)
        elif isinstance(block, Table):
            for index, char in enumerate(text):
                if char in "|-:":
                    self._format(text, index, index + 1, self.mark_format)
        elif isinstance(block, ListBlock):
            mark = (NUMBER_MARK if block.ordered else BULLET_MARK).match(text)
            if mark:
                self._format(text, 0, mark.end(), self.mark_format)
        position = 0
        for span in parse_inline(text):
            if span.bold:
                self._format(text, position, position + 2, self.mark_format)
                self._format(text, position + 2, position + 2 + len(span.text), self.bold_format)
                self._format(
                    text, position + 2 + len(span.text), position + 4 + len(span.text), self.mark_format
                )
                position += len(span.text) + 4
            else:
                position += len(span.text)
        for hint in self.hints_of_line(text):
            self._merge(text, hint.start, hint.end, self.hint_format)
        for placeholder in placeholders(text):
            found = text.find(placeholder)
            while found >= 0:
                self._format(text, found, found + len(placeholder), self.placeholder_format)
                found = text.find(placeholder, found + len(placeholder))

    def _merge(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` over what the range already has (a hint inside bold text stays bold)."""
        for index in range(start, end):
            position = utf16_index(text, index)
            merged = QTextCharFormat(self.format(position))
            merged.merge(fmt)
            self.setFormat(position, 2 if ord(text[index]) > 0xFFFF else 1, merged)


class BodyEdit(QPlainTextEdit):
    """The body text with formatting commands; hovering a hint shows its suggestion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tooltip_for: Callable[[QTextCursor], str | None] | None = None
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def event(self, event: QEvent) -> bool:
        """Show the readability suggestion under the mouse as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.tooltip_for:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            text = self.tooltip_for(cursor)
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # ----- formatting commands (each one undo step) -----------------------------------------
    def _selected_blocks(self) -> list[int]:
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last_block = document.findBlock(cursor.selectionEnd())
        last = last_block.blockNumber()
        if cursor.hasSelection() and last > first and cursor.selectionEnd() == last_block.position():
            last -= 1  # a selection ending at the start of a line does not include that line
        return list(range(first, last + 1))

    def _replace_prefix(self, block_number: int, old_length: int, new_prefix: str) -> None:
        block = self.document().findBlockByNumber(block_number)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + old_length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new_prefix)

    def _toggle_prefix(self, mark: re.Pattern[str], prefix: Callable[[int], str]) -> None:
        numbers = self._selected_blocks()
        texts = {n: self.document().findBlockByNumber(n).text() for n in numbers}
        lines = [n for n in numbers if texts[n].strip(LAYOUT_SPACES)] or numbers
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if all(mark.match(texts[n]) for n in lines):
            for n in lines:
                found = mark.match(texts[n])
                assert found is not None
                self._replace_prefix(n, utf16_index(texts[n], found.end()), "")
        else:
            for count, n in enumerate(lines, start=1):
                old = max((m.end() for m in (p.match(texts[n]) for p in _ANY_MARK) if m), default=0)
                self._replace_prefix(n, utf16_index(texts[n], old), prefix(count))
        cursor.endEditBlock()

    def toggle_heading(self) -> None:
        """Make the current lines headings, or plain lines again."""
        self._toggle_prefix(HEADING_MARK, lambda _n: "## ")

    def toggle_bullets(self) -> None:
        """Make the current lines a bullet list, or plain lines again."""
        self._toggle_prefix(BULLET_MARK, lambda _n: "- ")

    def toggle_numbers(self) -> None:
        """Make the current lines a numbered list, or plain lines again."""
        self._toggle_prefix(NUMBER_MARK, lambda n: f"{n}. ")

    def toggle_bold(self, sample: str) -> None:
        """Make the selection bold (or not bold again); without a selection insert ``sample`` bold."""
        cursor = self.textCursor()
        whole = self.toPlainText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        start_py, end_py = python_index(whole, start), python_index(whole, end)
        selected = whole[start_py:end_py]
        cursor.beginEditBlock()
        if not selected:
            cursor.insertText(f"**{sample}**")
            self._select(start + 2, start + 2 + utf16_index(sample, len(sample)))
        elif selected.startswith("**") and selected.endswith("**") and len(selected) >= 4:
            inner = selected[2:-2]
            cursor.insertText(inner)
            self._select(start, start + utf16_index(inner, len(inner)))
        elif whole[max(0, start_py - 2) : start_py] == "**" and whole[end_py : end_py + 2] == "**":
            cursor.setPosition(start - 2)
            cursor.setPosition(end + 2, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(selected)
            self._select(start - 2, end - 2)
        else:
            cursor.insertText(f"**{selected}**")
            self._select(start + 2, end + 2)
        cursor.endEditBlock()

    def _select(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _insert_lines(self, lines: Sequence[str]) -> int:
        """Insert ``lines`` as lines of their own at the cursor; returns where they start."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        if cursor.block().text():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText("\n")
        start = cursor.position()
        cursor.insertText("\n".join(lines) + "\n")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return start

    def insert_table(self, first: str, second: str) -> None:
        """Insert a two-column table with a header row and one empty row."""
        start = self._insert_lines([f"| {first} | {second} |", "|---|---|", "|  |  |"])
        self._select(start + 2, start + 2 + utf16_index(first, len(first)))

    def insert_rule(self) -> None:
        """Insert a horizontal rule on a line of its own."""
        self._insert_lines(["---"])
