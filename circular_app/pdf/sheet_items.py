"""Drawing items of the circular sheet: a heading bar, list lines, table and grid rows, images.

Each function returns a :class:`~circular_app.pdf.layout.Item` (a height and a draw callback)
that :class:`~circular_app.pdf.sheet.SheetRenderer` stacks into pages; the callbacks only draw,
every measurement was made by the typesetter before.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.layout import Item
from circular_app.pdf.model import MM
from circular_app.pdf.typeset import Line, ascent, draw_line

BLACK, GREY, LIGHT = 0.0, 0.45, 0.88


@dataclass(frozen=True)
class Geometry:
    """Page size, margins and the sizes that scale with the paper (like a copier's zoom)."""

    width: float
    height: float
    unit: float  # 1.0 on A4; B4 and A3 scale every size as an enlarged copy would
    scale: float  # text scale: 1.0, or 1.5 / 2.0 for large print

    @property
    def left(self) -> float:
        """Left and right margin."""
        return 17 * MM * self.unit

    @property
    def top(self) -> float:
        """Top margin."""
        return 13 * MM * self.unit

    @property
    def bottom(self) -> float:
        """Bottom margin (the page number sits inside it)."""
        return 14 * MM * self.unit

    @property
    def frame_width(self) -> float:
        """Width of the text frame."""
        return self.width - 2 * self.left

    @property
    def frame_height(self) -> float:
        """Height of the text frame."""
        return self.height - self.top - self.bottom

    def text(self, points: float) -> float:
        """A font size, scaled for the paper and for large print."""
        return points * self.unit * self.scale

    def mm(self, millimetres: float) -> float:
        """A length that scales with the paper only."""
        return millimetres * MM * self.unit


def two_ends(left: Line, right: Line, width: float) -> Callable[[Canvas, float, float, Any], None]:
    """Draw ``left`` at the left and ``right`` (grey) at the right end, or only ``left`` if they would touch."""
    fits = left.width + right.width + left.size <= width

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        draw_line(canvas, left, x, y - ascent(left.size))
        if not fits:
            return
        canvas.setFillGray(GREY)
        draw_line(canvas, right, x + width - right.width, y - ascent(left.size))
        canvas.setFillGray(BLACK)

    return draw


def heading_item(line: Line, bar: float, height: float, last: bool, g: Geometry) -> Item:
    """A heading line with a bar beside it (and a rule below unless it is the last)."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        baseline = y - (height - line.size) / 2 - ascent(line.size)
        canvas.setFillGray(BLACK)
        canvas.rect(x, baseline - line.size * 0.12, bar * 0.35, line.size * 0.98, stroke=0, fill=1)
        draw_line(canvas, line, x + bar, baseline)

    return Item(height, draw, keep_with_next=True)


def list_line(line: Line, marker: Line | None, indent: float, hang: float, height: float) -> Item:
    """One line of a list item, with its marker on the first line."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        baseline = y - (height - line.size) / 2 - ascent(line.size)
        if marker is not None:
            draw_line(canvas, marker, x + indent, baseline)
        draw_line(canvas, line, x + indent + hang, baseline)

    return Item(height, draw)


def rule_item(width: float, height: float) -> Item:
    """A horizontal rule across ``width``."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        canvas.setStrokeGray(GREY)
        canvas.setLineWidth(0.6)
        canvas.line(x, y - height / 2, x + width, y - height / 2)
        canvas.setStrokeGray(BLACK)

    return Item(height, draw)


def table_row(
    cells: list[list[Line]],
    widths: list[float],
    height: float,
    size: float,
    pad: float,
    shaded: bool,
    header: Item | None,
    center: bool = False,
) -> Item:
    """One row of a body table."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        canvas.setLineWidth(0.6)
        canvas.setStrokeGray(BLACK)
        if shaded:
            canvas.setFillGray(LIGHT)
            canvas.rect(x, y - height, sum(widths), height, stroke=0, fill=1)
            canvas.setFillGray(BLACK)
        cx = x
        for lines, width in zip(cells, widths, strict=True):
            canvas.rect(cx, y - height, width, height, stroke=1, fill=0)
            block = len(lines) * size * 1.5
            ly = y - (height - block) / 2
            for line in lines:
                lx = cx + ((width - line.width) / 2 if center else pad)
                draw_line(canvas, line, lx, ly - (size * 1.5 - line.size) / 2 - ascent(line.size))
                ly -= size * 1.5
            cx += width

    return Item(height, draw, header=header)


def grid_row(
    cells: list[list[Line]],
    widths: list[float],
    height: float,
    size: float,
    pad: float,
    header: Item,
    date_guide: Line,
) -> Item:
    """One row of the stamp grid (順, お名前, 確認印, 日付, 備考)."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        canvas.setLineWidth(0.7)
        canvas.setStrokeGray(BLACK)
        cx = x
        for index, (lines, width) in enumerate(zip(cells, widths, strict=True)):
            canvas.rect(cx, y - height, width, height, stroke=1, fill=0)
            block = len(lines) * size * 1.35
            ly = y - (height - block) / 2
            for line in lines:
                lx = cx + ((width - line.width) / 2 if index == 0 else pad * 2)
                draw_line(canvas, line, lx, ly - (size * 1.35 - line.size) / 2 - ascent(line.size))
                ly -= size * 1.35
            if index == 3:
                canvas.setFillGray(GREY)
                draw_line(
                    canvas,
                    date_guide,
                    cx + width - date_guide.width - pad * 2,
                    y - height / 2 - date_guide.size * 0.35,
                )
                canvas.setFillGray(BLACK)
            cx += width

    return Item(height, draw, header=header)


def image_item(data: bytes, x_offset: float, width: float, height: float) -> Item:
    """An image of ``width`` × ``height`` at ``x_offset``."""

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        canvas.drawImage(ImageReader(io.BytesIO(data)), x + x_offset, y - height, width, height)

    return Item(height, draw)
