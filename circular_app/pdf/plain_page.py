"""Helpers for the one-off printed pages (enrollment letters, invitation slips, reminder sheets).

These pages are not circulars: no pagination, no shared layout cache, just lines, wrapped
paragraphs, numbered steps and a QR code at places the caller chooses. Every text is set by
:class:`~circular_app.pdf.typeset.Typesetter` in the bundled faces, so the page embeds its
fonts; the QR code is vector squares drawn from segno's matrix (crisp at any printer
resolution, no image). The ruled tables of the check lists (the reminder sheet, the 安否確認
sheet) share :func:`column_edges` and the table methods of :class:`PlainPage`; every such file
is written through :func:`pdf_file` (complete or not at all, with its document properties).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import GOTHIC
from circular_app.pdf.model import MM
from circular_app.pdf.typeset import Line, Typesetter, ascent, draw_line

BLACK, GREY = 0.0, 0.4
#: The line width of a table's rules.
RULE_WIDTH = 0.6


@contextmanager
def pdf_file(
    path: Path,
    *,
    title: str,
    author: str | None = None,
    subject: str | None = None,
    pagesize: tuple[float, float] = A4,
    font_size: float = 10,
    lang: str | None = None,
) -> Iterator[Canvas]:
    """A canvas whose PDF appears at ``path`` complete or not at all.

    The pages are drawn into ``<path>.part`` beside ``path``; when the block ends the canvas is
    saved and the part file renamed into place. If the block (or the save) raises, ``path`` is
    untouched and the part file removed. ``lang`` is the catalog's /Lang (None: not set).
    """
    temporary = path.with_name(path.name + ".part")
    canvas = Canvas(
        str(temporary),
        pagesize=pagesize,
        invariant=True,
        initialFontName=GOTHIC,
        initialFontSize=font_size,
        lang=lang,
    )
    canvas.setTitle(title)
    if author is not None:
        canvas.setAuthor(author)
    if subject is not None:
        canvas.setSubject(subject)
    canvas.setCreator("回覧デスク")
    try:
        yield canvas
        canvas.save()
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def column_edges(left: float, frame: float, widths_mm: Sequence[float]) -> list[float]:
    """The x of every column edge: fixed widths (mm) from ``left``; the last column takes the rest."""
    edges = [left]
    for width in widths_mm:
        edges.append(edges[-1] + width * MM)
    edges.append(left + frame)
    return edges


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` with its 4-module quiet zone; (x, y) is the bottom left corner."""
    import segno  # here: a sheet without a hub link draws no QR code (segno loads urllib, http)

    matrix = segno.make(url, error="m", micro=False).matrix
    modules = len(matrix) + 8
    cell = size / modules
    canvas.setFillGray(BLACK)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + (start + 4) * cell, y + size - (r + 5) * cell, (c - start) * cell, cell)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)


class PlainPage:
    """A cursor (``y``, moving down) over a frame ``left``…``left + width`` of one canvas."""

    def __init__(self, canvas: Canvas, setter: Typesetter, left: float, width: float, top: float) -> None:
        self.canvas = canvas
        self.setter = setter
        self.left = left
        self.width = width
        self.y = top

    def text(
        self,
        text: str,
        x: float,
        top: float,
        size: float,
        *,
        bold: bool = False,
        width: float | None = None,
        align: str = "left",
        grey: bool = False,
    ) -> None:
        """One line whose em box starts at ``top``, shrunk to ``width`` when needed.

        A shrunk line keeps its middle where it was (it still sits centred in a table row).
        ``align`` (``left``, ``centre``, ``right``) places it within ``width``.
        """
        line = self.setter.line(text, size, bold)
        if width is not None and line.width > width:
            smaller = max(6.0, size * width / line.width)
            top -= (size - smaller) / 2
            size = smaller
            line = self.setter.line(text, size, bold)
        left = x
        if width is not None and align == "right":
            left += width - line.width
        elif width is not None and align == "centre":
            left += (width - line.width) / 2
        self.canvas.setFillGray(GREY if grey else BLACK)
        draw_line(self.canvas, line, left, top - ascent(size))
        self.canvas.setFillGray(BLACK)

    def cell_texts(
        self,
        edges: Sequence[float],
        cells: Iterable[tuple[str, str, bool]],
        top: float,
        size: float,
        *,
        start: int = 0,
        pad: float = 1.5 * MM,
        bold: bool = False,
    ) -> None:
        """One table row's texts: each ``(text, align, grey)`` in its column from ``start`` on.

        A text keeps ``pad`` from both column edges; a grey text (a missing value) is 2 pt smaller.
        """
        for index, (text, align, grey) in enumerate(cells, start=start):
            left, right = edges[index], edges[index + 1]
            self.text(
                text,
                left + pad,
                top,
                size if not grey else size - 2,
                bold=bold,
                width=right - left - 2 * pad,
                align=align,
                grey=grey,
            )

    def rule(self, y: float) -> None:
        """A black horizontal rule across the frame at ``y``."""
        self.canvas.setStrokeGray(BLACK)
        self.canvas.setLineWidth(RULE_WIDTH)
        self.canvas.line(self.left, y, self.left + self.width, y)

    def vertical_rules(self, edges: Sequence[float], top: float, bottom: float) -> None:
        """The black column rules of a table from ``top`` down to ``bottom``."""
        self.canvas.setStrokeGray(BLACK)
        self.canvas.setLineWidth(RULE_WIDTH)
        for x in edges:
            self.canvas.line(x, top, x, bottom)

    def table_header(
        self,
        edges: Sequence[float],
        titles: Sequence[str],
        height: float,
        *,
        size: float,
        offset: float,
        pad: float,
        shade: float = 0.9,
    ) -> None:
        """A shaded header row of bold centred ``titles`` (``offset`` below the cursor), ruled above and below.

        Moves the cursor below the row.
        """
        self.canvas.setFillGray(shade)
        self.canvas.rect(self.left, self.y - height, self.width, height, stroke=0, fill=1)
        self.canvas.setFillGray(BLACK)
        cells = [(title, "centre", False) for title in titles]
        self.cell_texts(edges, cells, self.y - offset, size, pad=pad, bold=True)
        self.rule(self.y)
        self.y -= height
        self.rule(self.y)

    def tick_box(self, centre_x: float, height: float, box: float) -> None:
        """An empty square of side ``box`` to tick, centred at ``centre_x`` in the row of ``height`` below the cursor.

        The caller sets the stroke (its colour and width).
        """
        self.canvas.rect(centre_x - box / 2, self.y - (height + box) / 2, box, box, stroke=1, fill=0)

    def paragraph(
        self,
        text: str,
        size: float,
        x: float | None = None,
        width: float | None = None,
        bold: bool = False,
        leading: float = 1.6,
    ) -> None:
        """Wrapped text from the cursor down, moving the cursor below it.

        やさしい日本語 separates phrases with spaces (分かち書き) so that a reader never has to
        join a word across a line break; lines therefore break at those spaces, and only a
        phrase too long for a whole line is broken inside (by the kinsoku rules).
        """
        x = self.left if x is None else x
        width = self.width if width is None else width
        for line in self._phrase_lines(text, size, width, bold):
            draw_line(self.canvas, line, x, self.y - ascent(size))
            self.y -= size * leading

    def _phrase_lines(self, text: str, size: float, width: float, bold: bool) -> list[Line]:
        lines: list[Line] = []
        current = ""
        for phrase in text.split(" "):
            candidate = f"{current} {phrase}" if current else phrase
            if self.setter.width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(self.setter.line(current, size, bold))
            if self.setter.width(phrase, size, bold) <= width:
                current = phrase
            else:
                *full, last = self.setter.wrap([(phrase, bold)], size, width)
                lines += full
                current = last.text
        if current:
            lines.append(self.setter.line(current, size, bold))
        return lines

    def steps(
        self,
        heading: str,
        steps: Sequence[str],
        size: float = 13,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """A bold heading (omitted when empty) and numbered steps."""
        x = self.left if x is None else x
        width = self.width if width is None else width
        if heading:
            self.text(heading, x, self.y, size + 1, bold=True)
            self.y -= (size + 1) * 1.8
        for number, step in enumerate(steps, start=1):
            self.text(f"{number}.", x + 3 * MM, self.y, size, bold=True)
            self.paragraph(step, size, x + 10 * MM, width - 10 * MM)
            self.y -= 1 * MM
        self.y -= 3 * MM

    def bullets(
        self, notes: Sequence[str], size: float, x: float | None = None, width: float | None = None
    ) -> None:
        """Notes each after a 「・」, wrapped under their first character."""
        x = self.left if x is None else x
        width = self.width if width is None else width
        for note in notes:
            self.text("・", x, self.y, size)
            self.paragraph(note, size, x + 5 * MM, width - 5 * MM)
