"""The body text of the editor: a word processor that looks like the printout.

:class:`BodyEdit` shows headings, bold, lists, tables and rules as they print (the mapping to
the stored text is :mod:`~circular_app.ui.compose.rich`); its commands (見出し, 太字, 箇条書き,
番号付き, 表を入れる, 区切り線) change that structure, and pasting keeps only what the body
format can hold. :class:`BodyHighlighter` marks ［placeholders］ and readability hints, in the
word-processor view and in the 「そのまま表示」 view alike. Qt counts positions in UTF-16 units,
Python in code points: :func:`utf16_index` and :func:`python_index` convert.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from circular_app.domain.document import Document, Inline, Span, Table, parse_document
from circular_app.domain.readability import Hint
from circular_app.domain.templates import placeholders
from circular_app.ui.compose import rich

HINT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_LEVEL = 2
"""The level the 見出し button gives (「## 」 in the stored text, as before)."""


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
    """Marks ［placeholders］ and (when the check is on) readability hints, block by block.

    A line break inside a block (U+2028) is a line of the stored text, so the readability check
    sees it as ``\\n``: sentences and difficult words never span it.
    """

    def __init__(self, document: QTextDocument, readability: Callable[[str], list[Hint]]) -> None:
        super().__init__(document)
        self._readability = readability
        self._check = False
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
        """The readability hints of one block (empty while the check is off)."""
        return self._readability(text.replace(rich.LINE_BREAK, "\n")) if self._check else []

    def _format(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        first = utf16_index(text, start)
        self.setFormat(first, utf16_index(text, end) - first, fmt)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Mark the hints and placeholders of one block (over its own bold or heading format)."""
        for hint in self.hints_of_line(text):
            self._format(text, hint.start, hint.end, self.hint_format)
        for placeholder in placeholders(text):
            found = text.find(placeholder)
            while found >= 0:
                self._format(text, found, found + len(placeholder), self.placeholder_format)
                found = text.find(placeholder, found + len(placeholder))


def find_text(document: QTextDocument, text: str, occurrence: int = 0) -> QTextCursor | None:
    """The ``occurrence``-th (from 0) place of ``text`` in ``document``, case and width exact."""
    cursor = QTextCursor(document)
    for _ in range(occurrence + 1):
        cursor = document.find(text, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        if cursor.isNull():
            return None
    return cursor


class BodyEdit(QTextEdit):
    """The body as a word processor; hovering a hint shows its suggestion.

    Pasting keeps headings, lists, tables, rules and bold from HTML (Word, Excel, web pages) and
    never a foreign font, colour or size; plain text is read as the stored body format.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tooltip_for: Callable[[QTextCursor], str | None] | None = None
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

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

    # ----- the stored text ----------------------------------------------------------------------
    def show_document(self, body: Document) -> None:
        """Show ``body`` (replaces everything; the undo history starts again)."""
        rich.fill(self.document(), body)
        self.document().clearUndoRedoStacks()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def body_document(self) -> Document:
        """The document model of what is shown."""
        return rich.read(self.document())

    # ----- pasting ------------------------------------------------------------------------------
    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """Paste only what the body format holds: structure and bold, never fonts or colours."""
        if source.hasHtml():
            pasted = rich.document_from_html(source.html())
        elif source.hasText():
            pasted = parse_document(source.text())
        else:
            return
        self.insert_document(pasted)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        """Text and HTML can be pasted; images and files cannot."""
        return source.hasHtml() or source.hasText()

    def insert_document(self, pasted: Document) -> None:
        """Insert ``pasted`` at the cursor (a single paragraph goes into the line)."""
        if not pasted.blocks:
            return
        scratch = QTextDocument()
        rich.fill(scratch, pasted)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        several = len(pasted.blocks) > 1 or isinstance(pasted.blocks[0], Table)
        if several and (cursor.block().text() or cursor.currentList() is not None):
            # Blocks start on a line of their own; a single paragraph goes into the line.
            cursor.insertBlock(rich.block_format(), rich.char_format(False))
        cursor.insertFragment(QTextDocumentFragment(scratch))
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # ----- formatting commands (each one undo step) -----------------------------------------
    def _line_cursor(self) -> QTextCursor:
        """The selection grown to whole lines (a line ends at a block end or a line break)."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        document = self.document()
        first = document.findBlock(start)
        last = document.findBlock(end)
        if cursor.hasSelection() and end == last.position() and last.position() > first.position():
            last = last.previous()  # a selection ending at the start of a line leaves that line out
            end = last.position() + last.length() - 1
        first_text = first.text()
        offset = start - first.position()
        line_start = first_text.rfind(rich.LINE_BREAK, 0, offset) + 1
        last_text = last.text()
        offset = end - last.position()
        line_end = last_text.find(rich.LINE_BREAK, offset)
        if line_end < 0:
            line_end = len(last_text)
        lines = QTextCursor(document)
        lines.setPosition(first.position() + line_start)
        lines.setPosition(last.position() + line_end, QTextCursor.MoveMode.KeepAnchor)
        return lines

    def _split_lines(self) -> list[QTextBlock]:
        """Make each selected line a block of its own; returns those blocks in order."""
        lines = self._line_cursor()
        start, end = lines.selectionStart(), lines.selectionEnd()
        document = self.document()
        cursor = QTextCursor(document)
        # The line breaks just before and after the lines, and those between them, end blocks;
        # a break and a block end are one position each, so the positions stay as they are.
        breaks = [p for p in range(max(start - 1, 0), end + 1) if document.characterAt(p) == rich.LINE_BREAK]
        for position in reversed(breaks):
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertBlock()
        blocks = []
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            blocks.append(block)
            block = block.next()
        return blocks

    def toggle_heading(self) -> None:
        """Make the current lines headings, or body text again."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        blocks = self._split_lines()
        making = not all(b.blockFormat().headingLevel() for b in blocks)
        for block in blocks:
            self._set_heading(block, HEADING_LEVEL if making else 0)
        cursor.endEditBlock()

    def _set_heading(self, block: QTextBlock, level: int) -> None:
        cursor = QTextCursor(block)
        text_list = block.textList()
        if text_list is not None:
            text_list.remove(block)
        before = block.blockFormat().headingLevel()
        block_format = block.blockFormat()
        block_format.setHeadingLevel(level)
        block_format.setIndent(0)
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(rich.char_format(False, level))
        # Each run keeps its boldness; only the weight and size that show it change.
        runs: list[tuple[int, int, bool]] = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            if fragment.isValid():
                bold = rich.is_bold(fragment.charFormat(), before)
                runs.append((fragment.position(), fragment.length(), bold))
        for position, length, bold in runs:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(rich.char_format(bold, level))

    def _toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        blocks = self._split_lines()
        lists = {b.textList().format().style() if b.textList() is not None else None for b in blocks}
        if lists == {style}:
            self._unlist(blocks)
        else:
            for block in blocks:
                if block.blockFormat().headingLevel():
                    self._set_heading(block, 0)
            list_format = QTextListFormat()
            list_format.setStyle(style)
            list_format.setStart(1)
            first = QTextCursor(blocks[0])
            text_list = first.createList(list_format)
            for block in blocks[1:]:
                current = block.textList()
                if current is not None:
                    current.remove(block)
                text_list.add(block)
        cursor.endEditBlock()

    def _unlist(self, blocks: list[QTextBlock]) -> None:
        """Take the items out of their list: they become the lines of one paragraph again."""
        for block in blocks:
            text_list = block.textList()
            if text_list is not None:
                text_list.remove(block)
            cursor = QTextCursor(block)
            block_format = block.blockFormat()
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        for block in reversed(blocks[1:]):
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(rich.LINE_BREAK)

    def toggle_bullets(self) -> None:
        """Make the current lines a bullet list, or plain lines again."""
        self._toggle_list(QTextListFormat.Style.ListDisc)

    def toggle_numbers(self) -> None:
        """Make the current lines a numbered list, or plain lines again."""
        self._toggle_list(QTextListFormat.Style.ListDecimal)

    def toggle_bold(self, sample: str) -> None:
        """Make the selection bold (or not bold again); without a selection insert ``sample`` bold."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if not cursor.hasSelection():
            heading = cursor.block().blockFormat().headingLevel()
            start = cursor.position()
            cursor.insertText(sample, rich.char_format(True, heading))
            cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        pieces: list[tuple[int, int, int]] = []  # start, end, heading level of each block's part
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            piece_start = max(start, block.position())
            piece_end = min(end, block.position() + block.length() - 1)
            if piece_end > piece_start:
                pieces.append((piece_start, piece_end, block.blockFormat().headingLevel()))
            block = block.next()
        bold_now = all(self._all_bold(s, e, h) for s, e, h in pieces)
        part = QTextCursor(self.document())
        for piece_start, piece_end, heading in pieces:
            part.setPosition(piece_start)
            part.setPosition(piece_end, QTextCursor.MoveMode.KeepAnchor)
            fmt = rich.char_format(not bold_now, heading)
            fmt.setProperty(rich.SPAN_PROPERTY, 0)
            part.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def _all_bold(self, start: int, end: int, heading: int) -> bool:
        cursor = QTextCursor(self.document())
        for position in range(start, end):
            cursor.setPosition(position + 1)
            if not rich.is_bold(cursor.charFormat(), heading):
                return False
        return True

    def _own_line(self) -> QTextCursor:
        """A cursor on an empty body-text line at the cursor: after a table, list or text."""
        cursor = self.textCursor()
        cursor.clearSelection()
        table = cursor.currentTable()
        if table is not None:
            cursor = table.lastCursorPosition()
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        if (
            cursor.block().text()
            or cursor.currentList() is not None
            or cursor.block().blockFormat().headingLevel()
        ):
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(rich.block_format(), rich.char_format(False))
        return cursor

    def insert_table(self, first: str, second: str) -> None:
        """Insert a two-column table with a header row and one empty row; select its first word."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor = self._own_line()
        table = rich.insert_table(cursor, Table((_inline(first), _inline(second)), (((), ()),)))
        cursor.endEditBlock()
        cell = table.cellAt(0, 0)
        select = cell.firstCursorPosition()
        select.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(select)

    def insert_rule(self) -> None:
        """Insert a horizontal rule on a line of its own, and go on typing under it."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor = self._own_line()
        cursor.setBlockFormat(rich.block_format(rule=True))
        cursor.insertBlock(rich.block_format(), rich.char_format(False))
        cursor.endEditBlock()
        self.setTextCursor(cursor)


def _inline(text: str) -> Inline:
    """One plain span of ``text`` (nothing when empty)."""
    return (Span(text),) if text else ()
