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
_HEADING = re.compile(r"^(#{1,3})[ \u3000]+(.*)$")
# "- " and "* " need a space (so "**太字**" and "-5℃" stay text); "・" is used without one.
_BULLET = re.compile(r"^[ \u3000]*(?:[-*][ \u3000]+|[・•][ \u3000]*)(.*)$")
# "1. " / "1) " need a space (so "1.5kg" stays text); full-width "１．" is used without one.
_NUMBER = re.compile(r"^[ \u3000]*([0-9０-９]+)(?:[.)][ \u3000]+|[．）][ \u3000]*)(.*)$")
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


def _number_of(line: str) -> tuple[int, str] | None:
    match = _NUMBER.match(line)
    if not match:
        return None
    return int(unicodedata.normalize("NFKC", match.group(1))), match.group(2)


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return tuple(c.strip(" \u3000") for c in inner.split("|"))


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
        if not line.strip(" \u3000\t"):
            flush()
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Heading(len(heading.group(1)), parse_inline(heading.group(2).strip())))
            i += 1
            continue
        if _RULE.match(line):
            flush()
            blocks.append(Rule())
            i += 1
            continue
        if line.lstrip().startswith("|"):
            flush()
            rows: list[tuple[str, ...]] = []
            header: tuple[str, ...] = ()
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                if _TABLE_SEP.match(lines[i].strip()) and len(rows) == 1 and not header:
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
        bullet, number = _BULLET.match(line), _number_of(line)
        if bullet and not _RULE.match(line):
            flush()
            items = []
            while i < len(lines) and (m := _BULLET.match(lines[i])) and not _RULE.match(lines[i]):
                items.append(parse_inline(m.group(1)))
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
