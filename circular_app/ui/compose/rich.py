"""The circular body as a QTextDocument: headings, bold, lists, tables and rules as they print.

The stored body stays the documented text format (``circular_app.domain.document``); this
module maps its :class:`~circular_app.domain.document.Document` onto a ``QTextDocument`` and
back, so what the officer edits looks like the printout and is stored as the same text:

==============================  ===============================================
document                        QTextDocument
==============================  ===============================================
``Heading(level)``              a block with ``headingLevel`` 1–3 (larger text)
``Paragraph``                   a block; a line break inside is U+2028 (Shift+Enter)
``ListBlock``                   a ``QTextList`` (disc, or decimal from ``start``)
``Table``                       a ``QTextTable``; a header is ``headerRowCount`` 1
``Rule``                        an empty block with a horizontal-ruler width
``Span(bold=True)``             font weight Bold (Black inside a heading, whose
                                own text is DemiBold so that it still looks bold)
==============================  ===============================================

Only the structure is read back: fonts, colours and sizes in the QTextDocument never reach the
stored text, which is also how pasting drops foreign formatting (:func:`document_from_html`).
A few characters cannot live in a QTextDocument as text (it uses them as its own block and
frame separators, and U+2028 is its line break): they are shown as U+FFFD and carry the
original character in a format property. Rows shorter than the table keep their length: the
padding cells are marked and written back only once something is typed into them.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from circular_app.domain.document import (
    Block,
    Document,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Rule,
    Span,
    Table,
    parse_document,
    to_source,
)

LINE_BREAK = "\u2028"
"""Qt's line break inside a block (Shift+Enter): a ``\\n`` inside a paragraph."""
_STAND_IN = "\ufffd"
# Characters a QTextDocument keeps for itself: U+2029 and U+FDD0/U+FDD1 split blocks and frames,
# a lone U+FEFF or U+FFFE at the start is dropped as a byte-order mark,
# U+2028 is the line break, U+FFFC an object. Literal ones in a body are shown as U+FFFD.
_RESERVED = frozenset("\u2028\u2029\ufdd0\ufdd1\ufeff\ufffc\ufffd\ufffe")
ORIGINAL_PROPERTY = QTextFormat.Property.UserProperty + 1
"""Char format property: the reserved character a U+FFFD stands in for."""
SPAN_PROPERTY = QTextFormat.Property.UserProperty + 2
"""Char format property: 0 or 1 alternating, so two bold spans side by side stay two."""
PADDING_PROPERTY = QTextFormat.Property.UserProperty + 3
"""Table cell property: the cell pads a short row and is not part of the stored row."""
RULE_PROPERTY = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
"""The block format property Qt's own ``<hr>`` uses: the block is a horizontal rule."""

HEADING_SIZE = {1: 3, 2: 2, 3: 1}
"""Font size adjustment of each heading level (relative, so it follows the text size)."""
ORDERED_STYLES = frozenset(
    {
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    }
)


# ----- document → QTextDocument ------------------------------------------------------------------
def char_format(bold: bool, heading: int = 0) -> QTextCharFormat:
    """The format of text: bold or not, in a heading of level ``heading`` (0: not a heading)."""
    fmt = QTextCharFormat()
    if heading:
        fmt.setFontWeight(QFont.Weight.Black if bold else QFont.Weight.DemiBold)
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE.get(heading, 1))
    else:
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
    return fmt


def block_format(heading: int = 0, rule: bool = False) -> QTextBlockFormat:
    """A block's format: a heading level (0: body text) or a rule."""
    fmt = QTextBlockFormat()
    fmt.setHeadingLevel(heading)
    if rule:
        fmt.setProperty(RULE_PROPERTY, QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


def is_bold(fmt: QTextCharFormat, heading: int) -> bool:
    """Whether text of ``fmt`` is a bold span (inside a heading only a heavier weight is)."""
    limit = QFont.Weight.ExtraBold if heading else QFont.Weight.Bold
    return fmt.fontWeight() >= limit.value


def _insert_inline(cursor: QTextCursor, content: Inline, heading: int = 0) -> None:
    for index, span in enumerate(content):
        fmt = char_format(span.bold, heading)
        fmt.setProperty(SPAN_PROPERTY, index % 2)
        plain: list[str] = []
        for char in span.text:
            if char == "\n":
                plain.append(LINE_BREAK)
            elif char in _RESERVED:
                if plain:
                    cursor.insertText("".join(plain), fmt)
                    plain.clear()
                stand_in = QTextCharFormat(fmt)
                stand_in.setProperty(ORIGINAL_PROPERTY, ord(char))
                cursor.insertText(_STAND_IN, stand_in)
            else:
                plain.append(char)
        if plain:
            cursor.insertText("".join(plain), fmt)


def insert_table(cursor: QTextCursor, block: Table) -> QTextTable:
    """Insert ``block`` as a table at ``cursor`` (padding cells mark short rows)."""
    rows = ([block.header] if block.header else []) + list(block.rows)
    columns = max(len(r) for r in rows)
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1 if block.header else 0)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table = cursor.insertTable(len(rows), columns, fmt)
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = table.cellAt(r, c)
            if c >= len(row):
                cell_format = cell.format()
                cell_format.setProperty(PADDING_PROPERTY, True)
                cell.setFormat(cell_format)
                continue
            cell_cursor = cell.firstCursorPosition()
            cell_cursor.setBlockFormat(block_format())
            _insert_inline(cell_cursor, row[c])
    return table


def fill(document: QTextDocument, body: Document) -> None:
    """Replace the contents of ``document`` with ``body``."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    fresh = True  # the cursor is in an empty block that the next block may take over
    for block in body.blocks:
        if isinstance(block, Table):
            insert_table(cursor, block)
            cursor.movePosition(QTextCursor.MoveOperation.End)  # the block Qt keeps after a table
            fresh = True
            continue
        heading = block.level if isinstance(block, Heading) else 0
        if fresh:
            cursor.setBlockFormat(block_format(heading, isinstance(block, Rule)))
            cursor.setBlockCharFormat(char_format(False, heading))
        else:
            cursor.insertBlock(block_format(heading, isinstance(block, Rule)), char_format(False, heading))
        fresh = False
        if isinstance(block, Heading | Paragraph):
            _insert_inline(cursor, block.content, heading)
        elif isinstance(block, ListBlock):
            list_format = QTextListFormat()
            list_format.setStyle(
                QTextListFormat.Style.ListDecimal if block.ordered else QTextListFormat.Style.ListDisc
            )
            list_format.setStart(block.start)
            text_list = cursor.createList(list_format)
            for index, item in enumerate(block.items):
                if index:
                    cursor.insertBlock(block_format(), char_format(False))
                    text_list.add(cursor.block())
                _insert_inline(cursor, item)
    cursor.endEditBlock()


# ----- QTextDocument → document ------------------------------------------------------------------
def _inline_of(block: QTextBlock, heading: int = 0) -> Inline:
    """The spans of one block; U+2028 is a line break."""
    spans: list[Span] = []
    last_key: tuple[bool, object] | None = None
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        original = fmt.property(ORIGINAL_PROPERTY)
        stand_for = chr(original) if isinstance(original, int) else _STAND_IN
        text = "".join(
            stand_for if c == _STAND_IN else "\n" if c == LINE_BREAK else c for c in fragment.text()
        )
        bold = is_bold(fmt, heading)
        key = (bold, fmt.property(SPAN_PROPERTY) if bold else None)
        if spans and last_key == key:
            spans[-1] = Span(spans[-1].text + text, bold)
        else:
            spans.append(Span(text, bold))
        last_key = key
    return tuple(s for s in spans if s.text)


def _cell_inline(table: QTextTable, row: int, column: int) -> Inline:
    cell = table.cellAt(row, column)
    first, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
    parts: list[Span] = []
    block = first
    while block.isValid():
        if parts:
            parts.append(Span(" "))  # a cell is one line of the stored text
        parts.extend(_inline_of(block))
        if block == last:
            break
        block = block.next()
    merged: list[Span] = []
    for span in parts:
        if merged and merged[-1].bold == span.bold and not span.bold:
            merged[-1] = Span(merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(s for s in merged if s.text)


def _row_of(table: QTextTable, row: int) -> tuple[Inline, ...]:
    cells = [_cell_inline(table, row, c) for c in range(table.columns())]
    length = table.columns()
    while length > 1:
        cell = table.cellAt(row, length - 1)
        if cell.format().property(PADDING_PROPERTY) is True and not cells[length - 1]:
            length -= 1
        else:
            break
    return tuple(cells[:length])


def _table_of(table: QTextTable) -> Table:
    rows = [_row_of(table, r) for r in range(table.rows())]
    header_rows = table.format().headerRowCount()
    if header_rows > 0 and rows:
        return Table(rows[0], tuple(rows[1:]))
    return Table((), tuple(rows))


def read(document: QTextDocument) -> Document:
    """The document model of what ``document`` shows (structure only: no fonts or colours)."""
    blocks: list[Block] = []
    block = document.begin()
    list_id: int | None = None
    while block.isValid():
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        if table is not None:
            blocks.append(_table_of(table))
            list_id = None
            after = table.lastCursorPosition()
            after.movePosition(QTextCursor.MoveOperation.NextBlock)
            following = after.block()
            block = following if following.position() > block.position() else QTextBlock()
            continue
        fmt = block.blockFormat()
        text_list = block.textList()
        heading = min(max(fmt.headingLevel(), 0), 3)
        if text_list is not None:
            ordered = text_list.format().style() in ORDERED_STYLES
            item = _inline_of(block)
            previous = blocks[-1] if blocks else None
            if list_id == text_list.objectIndex() and isinstance(previous, ListBlock):
                blocks[-1] = ListBlock(previous.ordered, (*previous.items, item), previous.start)
            else:
                blocks.append(ListBlock(ordered, (item,), max(text_list.format().start(), 0)))
            list_id = text_list.objectIndex()
        else:
            list_id = None
            if fmt.hasProperty(RULE_PROPERTY):
                blocks.append(Rule())
                rest = _inline_of(block)
                if rest:
                    blocks.append(Paragraph(rest))  # typed onto the rule's line: kept, after it
            elif heading:
                blocks.append(Heading(heading, _inline_of(block, heading)))
            else:
                content = _inline_of(block)
                if content:
                    blocks.append(Paragraph(content))
        block = block.next()
    return Document(tuple(blocks))


def source_of(document: QTextDocument) -> str:
    """The stored text of what ``document`` shows."""
    return to_source(read(document))


def shows_exactly(body: str) -> bool:
    """Whether the word-processor view holds ``body``'s document without any change."""
    parsed = parse_document(body)
    document = QTextDocument()
    fill(document, parsed)
    return read(document) == parsed


# ----- pasting -----------------------------------------------------------------------------------
# Word writes its list marks as text ("·" in Symbol, "1." and runs of no-break spaces).
_PASTED_BULLET = re.compile("^[·•●○■□◆◇▪\uf0b7\uf0a7][\\s\u00a0]+")
_PASTED_NUMBER = re.compile("^([0-9０-９]+[.)．）])[\\s\u00a0]+")


def _tidy_pasted_line(line: str) -> str:
    line = _PASTED_BULLET.sub("- ", line)
    return _PASTED_NUMBER.sub(lambda m: m.group(1).replace("．", ".").replace("）", ")") + " ", line)


def _tidy_pasted(block: Block) -> Block:
    if isinstance(block, Heading):  # a pasted heading is bold already: its text is the heading
        return Heading(block.level, (Span("".join(s.text for s in block.content)),) if block.content else ())
    if isinstance(block, Paragraph):
        text = "\n".join(_tidy_pasted_line(line) for line in to_source(Document((block,))).split("\n"))
        return Paragraph((Span(text),))  # re-read below as stored text
    return block


def document_from_html(html: str) -> Document:
    """What pasted HTML (Word, Excel, a web page) holds that the body can: no fonts or colours.

    Qt reads the HTML; only headings, paragraphs, lists, tables, rules and bold come out. Lines
    that Word marks as list items with text marks become list items.
    """
    scratch = QTextDocument()
    scratch.setHtml(html)
    pasted = read(scratch)
    tidied = Document(tuple(_tidy_pasted(b) for b in pasted.blocks))
    parts = []
    for block in tidied.blocks:
        if isinstance(block, Paragraph):
            parts.append("".join(s.text for s in block.content))
        else:
            parts.append(to_source(Document((block,))))
    merged: list[Block] = []
    for block in parse_document("\n\n".join(parts)).blocks:
        last = merged[-1] if merged else None
        # Word writes each list item as a paragraph of its own: side by side, they are one list.
        if isinstance(block, ListBlock) and isinstance(last, ListBlock) and last.ordered == block.ordered:
            merged[-1] = ListBlock(last.ordered, last.items + block.items, last.start)
        else:
            merged.append(block)
    return Document(tuple(merged))
