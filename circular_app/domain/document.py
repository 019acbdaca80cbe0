"""The circular body: a small, documented Markdown subset and the document model it produces.

One parser turns the body into a :class:`Document`; the editor's live preview and the
resident's reader page render it with :func:`to_html`, the PDF with ``circular_app.pdf``. So
the three never disagree.

The subset:

=================  =====================================
``# 見出し``        heading level 1 (``##``, ``###`` for 2 and 3)
blank line          new paragraph; a single line break stays a line break
``- 項目``/``・項目``  bullet list item
``1. 項目``          numbered list item (also ``1)`` and full-width ``１．``)
``**太字**``         bold
``| a | b |``       table row; a ``|---|---|`` row under the first makes it a header
``---``             horizontal rule
=================  =====================================

Everything else is plain text; nothing is ever dropped, so a stray ``*`` just prints.

Spaces. Only *layout spaces* — the ASCII space, the tab and the ideographic space U+3000 (what
the space bar types with the IME on) — can be markup, and only here: indentation before a list
marker, a rule or a table row; the separator after a marker; the end of a heading or list item;
the padding of a table cell; a line of nothing else (a blank line). The separator is one space,
half- or full-width, and any ASCII spaces or tabs after it: ``#　見出し`` is a heading, and in
``- 　項目`` the ideographic space after the separator is 字下げ and kept. Every other space —
U+00A0, U+2000–U+200A, U+202F, U+205F, U+FEFF, U+200B — is text wherever it stands, and
paragraph lines are kept exactly as typed (so no ``str.strip()`` here: it eats U+00A0 and
U+3000 alike). ``tests/domain/test_document.py`` states these rules as properties.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A run of text, bold or not. ``text`` may contain ``\\n`` for a line break."""

    text: str
    bold: bool = False


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    """``#`` to ``###``."""

    level: int
    content: Inline


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; line breaks inside are kept."""

    content: Inline


@dataclass(frozen=True)
class ListBlock:
    """A bullet or numbered list."""

    ordered: bool
    items: tuple[Inline, ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    """A simple table; ``header`` is empty when the source had no separator row."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Rule:
    """A horizontal rule."""


Block = Heading | Paragraph | ListBlock | Table | Rule


@dataclass(frozen=True)
class Document:
    """A parsed body."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def plain_text(self) -> str:
        """All text without markup (search, readability checks, text extraction tests)."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(inline_text(block.content))
            elif isinstance(block, ListBlock):
                parts.extend(inline_text(i) for i in block.items)
            elif isinstance(block, Table):
                for row in (block.header, *block.rows):
                    parts.append(" ".join(inline_text(c) for c in row))
        return "\n".join(p for p in parts if p)


def inline_text(content: Inline) -> str:
    """The text of an inline run."""
    return "".join(s.text for s in content)


_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
LAYOUT_SPACES = " \t\u3000"
"""The only spaces that can be markup (see the module docstring); all others are text."""
_INDENT = r"[ \u3000]*"
_SEP = r"[ \u3000][ \t]*"  # one space, half- or full-width, then any half-width ones
HEADING_MARK = re.compile(rf"^(#{{1,3}}){_SEP}")
"""``#`` to ``###`` and the separator; the heading's text is the rest of the line."""
# "- " and "* " need a space (so "**太字**" and "-5℃" stay text); "・" is used without one.
BULLET_MARK = re.compile(rf"^{_INDENT}(?:[-*]{_SEP}|[・•](?:{_SEP})?)")
"""A bullet marker with its indentation and separator."""
# "1. " / "1) " need a space (so "1.5kg" stays text); full-width "１．" is used without one.
NUMBER_MARK = re.compile(rf"^{_INDENT}([0-9０-９]+)(?:[.)]{_SEP}|[．）](?:{_SEP})?)")
"""A number marker with its indentation and separator; group 1 is the number."""
_RULE = re.compile(r"^[ \u3000]*(?:-{3,}|\*{3,}|＿{3,}|―{3,}|ー{3,})[ \u3000]*$")
_TABLE_SEP = re.compile(r"^\|?[ \u3000]*:?-{3,}:?[ \u3000]*(\|[ \u3000]*:?-{3,}:?[ \u3000]*)*\|?$")


def parse_inline(text: str) -> Inline:
    """Split ``**bold**`` runs; unmatched ``**`` stay as text."""
    spans: list[Span] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()]))
        spans.append(Span(match.group(1), bold=True))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return tuple(spans)


def _item_text(line: str, mark: re.Match[str]) -> str:
    """The text after a marker: layout spaces at its end are dropped, nothing else."""
    return line[mark.end() :].rstrip(LAYOUT_SPACES)


def _number_of(line: str) -> tuple[int, str] | None:
    match = NUMBER_MARK.match(line)
    if not match:
        return None
    return int(unicodedata.normalize("NFKC", match.group(1))), _item_text(line, match)


def _bullet_of(line: str) -> str | None:
    match = BULLET_MARK.match(line)
    if not match or _RULE.match(line):
        return None
    return _item_text(line, match)


def _is_table_row(line: str) -> bool:
    return line.lstrip(LAYOUT_SPACES).startswith("|")


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip(LAYOUT_SPACES)
    inner = inner.removeprefix("|").removesuffix("|")
    return tuple(c.strip(LAYOUT_SPACES) for c in inner.split("|"))


def parse_document(source: str) -> Document:
    """Parse the Markdown subset; every character of input text ends up in some block."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    paragraph: list[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(parse_inline("\n".join(paragraph))))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip(LAYOUT_SPACES):
            flush()
            i += 1
            continue
        heading = HEADING_MARK.match(line)
        if heading:
            flush()
            blocks.append(Heading(len(heading.group(1)), parse_inline(_item_text(line, heading))))
            i += 1
            continue
        if _RULE.match(line):
            flush()
            blocks.append(Rule())
            i += 1
            continue
        if _is_table_row(line):
            flush()
            rows: list[tuple[str, ...]] = []
            header: tuple[str, ...] = ()
            while i < len(lines) and _is_table_row(lines[i]):
                if _TABLE_SEP.match(lines[i].strip(LAYOUT_SPACES)) and len(rows) == 1 and not header:
                    header = rows.pop()
                else:
                    rows.append(_cells(lines[i]))
                i += 1
            blocks.append(
                Table(
                    tuple(parse_inline(c) for c in header),
                    tuple(tuple(parse_inline(c) for c in row) for row in rows),
                )
            )
            continue
        bullet, number = _bullet_of(line), _number_of(line)
        if bullet is not None:
            flush()
            items = []
            while i < len(lines) and (item := _bullet_of(lines[i])) is not None:
                items.append(parse_inline(item))
                i += 1
            blocks.append(ListBlock(False, tuple(items)))
            continue
        if number:
            flush()
            start = number[0]
            numbered = []
            while i < len(lines) and (n := _number_of(lines[i])):
                numbered.append(parse_inline(n[1]))
                i += 1
            blocks.append(ListBlock(True, tuple(numbered), start))
            continue
        paragraph.append(line)
        i += 1
    flush()
    return Document(tuple(blocks))


def _inline_html(content: Inline) -> str:
    out = []
    for span in content:
        text = html.escape(span.text).replace("\n", "<br>")
        out.append(f"<strong>{text}</strong>" if span.bold else text)
    return "".join(out)


def to_html(document: Document) -> str:
    """Semantic HTML fragment (no styles, no scripts): the preview and the reader page."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            level = block.level + 1  # h1 is the circular's title
            out.append(f"<h{level}>{_inline_html(block.content)}</h{level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_inline_html(block.content)}</p>")
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            items = "".join(f"<li>{_inline_html(i)}</li>" for i in block.items)
            out.append(f"<{tag}{start}>{items}</{tag}>")
        elif isinstance(block, Table):
            parts = ["<table>"]
            if block.header:
                cells = "".join(f'<th scope="col">{_inline_html(c)}</th>' for c in block.header)
                parts.append(f"<thead><tr>{cells}</tr></thead>")
            parts.append("<tbody>")
            for row in block.rows:
                parts.append("<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>")
            parts.append("</tbody></table>")
            out.append("".join(parts))
        else:
            out.append("<hr>")
    return "\n".join(out)


def _inline_source(content: Inline) -> str:
    return "".join(f"**{s.text}**" if s.bold else s.text for s in content)


def _row_source(cells: tuple[Inline, ...], after_first_row: bool) -> str:
    texts = [_inline_source(c) for c in cells]
    row = "| " + " | ".join(texts) + " |"
    if after_first_row and _TABLE_SEP.match(row):
        # The source had tabs here ("|\t---|" is a row of text, "| --- |" a header line): a
        # tab pads the cells so the row stays a row of text.
        row = "|\t" + "\t|\t".join(texts) + "\t|"
    return row


def _block_source(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _inline_source(block.content)
    if isinstance(block, Paragraph):
        return _inline_source(block.content)
    if isinstance(block, ListBlock):
        lines = []
        for n, item in enumerate(block.items):
            text = _inline_source(item)
            # "・" and "１．" take no separator, so an item that starts with a tab keeps it.
            tab = text.startswith("\t")
            if block.ordered:
                lines.append(f"{block.start + n}{'．' if tab else '. '}{text}")
            else:
                lines.append(f"{'・' if tab else '- '}{text}")
        return "\n".join(lines)
    if isinstance(block, Table):
        lines = []
        if block.header:
            lines = [_row_source(block.header, False), "|" + "---|" * len(block.header)]
        for index, row in enumerate(block.rows):
            lines.append(_row_source(row, not block.header and index == 1))
        return "\n".join(lines)
    return "---"


def to_source(document: Document) -> str:
    """The stored text of ``document``: ``parse_document(to_source(d)) == d`` for every parsed ``d``.

    Blocks are separated by a blank line and written with one spelling of each mark (``- ``,
    ``1. ``, ``## ``, ``| a | b |``, ``---``); the word-processor editor stores its text this way.
    """
    return "\n\n".join(_block_source(b) for b in document.blocks)
