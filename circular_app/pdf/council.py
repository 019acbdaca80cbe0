"""The council report (議会資料): adopting 校下 by month against the target, and the table per 校下.

A4 portrait. Page 1: the title, the date in 和暦, the count against the target, the chart (a
``reportlab.graphics`` drawing: the monthly count from measured figures labelled 実績, the 校下
counted on declared apps as their own series labelled 申告, the target line of 30, survey
figures marked 調査), then the table 校下 / 登録町会数 / 導入町会数 / 世帯数 / デジタル世帯数 /
デジタル率 / 申告世帯数 / 備考 (「未報告」 where connected associations sent no report yet),
continued on further pages with its header repeated; after the table, how adoption is counted
and the survey notes. Every page has its number.

The caller passes plain values (:class:`CouncilReport`); nothing here reads the hub or the
database. Every string is drawn in the bundled faces (table cells through the typesetter, so
the fallback face draws 𠮷; chart labels with the font set on each one), so the file embeds
its fonts and references no base-14 font.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import wareki
from circular_app.domain.kpi_cells import DECLARED, KPI_HEADERS
from circular_app.pdf.fonts import GOTHIC, GOTHIC_BOLD, register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.typeset import Typesetter, ascent, draw_line

HEADERS = KPI_HEADERS
SURVEY_MARK = "調査"
_PAGE_W, _PAGE_H = A4
_LEFT = 18 * MM
_TOP = 16 * MM
_BOTTOM = 18 * MM
_FRAME = _PAGE_W - 2 * _LEFT
# Column widths in mm of the counts and 備考; the 校下 column takes what is left of the frame.
_NUMBER_COLUMNS_MM = (17.0, 17.0, 18.0, 22.0, 17.0, 17.0)
_REMARKS_MM = 32.0
_ROW = 7.5 * MM
_CELL_SIZE = 9.5
_CHART_H = 78 * MM
_LINE_BLUE = (0.05, 0.30, 0.65)
_TARGET_RED = (0.75, 0.10, 0.10)
_SURVEY_GREEN = (0.10, 0.50, 0.20)
_DECLARED_ORANGE = (0.85, 0.45, 0.05)


@dataclass(frozen=True)
class CouncilReport:
    """Everything printed, as plain values.

    ``rows`` are the table cells already as text, in :data:`HEADERS` order. ``months`` and
    ``values`` are the chart's x axis (``YYYY-MM``) and the adopting 校下 at the end of each
    month (``None`` where the hub has no figure); ``labelled`` the indexes of the months that get
    a label. ``surveys`` are ``(month index, value, note)``. ``values`` are 校下 counted on
    measured figures (実績); ``declared`` (empty when none) the 校下 counted on declared apps
    (申告) only, per month, and ``declared_adopting`` how many of ``adopting`` they are.
    """

    title: str
    made_on: dt.date
    fiscal_year_label: str
    target: int
    adopting: int
    rule: str
    rows: tuple[tuple[str, ...], ...]
    months: tuple[str, ...]
    values: tuple[int | None, ...]
    surveys: tuple[tuple[int, int, str], ...]
    y_max: int
    y_step: int
    labelled: tuple[int, ...]
    notes: tuple[str, ...] = ()
    declared: tuple[int | None, ...] = ()
    declared_adopting: int = 0


def month_label(month: str) -> str:
    """``2026-04`` → ``2026/4``."""
    return f"{month[:4]}/{int(month[5:])}"


class _Pages:
    """A canvas with a typesetter, a cursor running down the page, and page numbers."""

    def __init__(self, canvas: Canvas, setter: Typesetter) -> None:
        self.canvas = canvas
        self.setter = setter
        self.page = 1
        self.y = _PAGE_H - _TOP

    def text(
        self,
        text: str,
        x: float,
        top: float,
        size: float,
        *,
        bold: bool = False,
        width: float = 0.0,
        align: str = "left",
    ) -> None:
        """One line whose em box starts at ``top``; shrunk to ``width`` and aligned within it."""
        line = self.setter.line(text, size, bold)
        if width and line.width > width:
            size = max(6.0, size * width / line.width)
            line = self.setter.line(text, size, bold)
        left = x
        if width and align != "left":
            left += width - line.width if align == "right" else (width - line.width) / 2
        self.canvas.setFillGray(0)
        draw_line(self.canvas, line, left, top - ascent(size))

    def paragraph(self, text: str, size: float, width: float = _FRAME) -> None:
        """Wrapped text at the cursor, a new page when it does not fit."""
        for line in self.setter.wrap([(text, False)], size, width, justify=False):
            if self.y - size * 1.5 < _BOTTOM:
                self.new_page()
            draw_line(self.canvas, line, _LEFT, self.y - ascent(size))
            self.y -= size * 1.5

    def footer(self) -> None:
        """The page number."""
        self.text(f"- {self.page} -", _LEFT, _BOTTOM / 2 + 3, 9, width=_FRAME, align="centre")

    def new_page(self) -> None:
        """Finish this page and start the next one."""
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = _PAGE_H - _TOP


def _x_positions(count: int, left: float, width: float) -> list[float]:
    if count == 1:
        return [left + width / 2]
    return [left + width * i / (count - 1) for i in range(count)]


def chart_drawing(report: CouncilReport, width: float, height: float) -> Drawing:
    """The chart: monthly adopting 校下, the target line, survey points marked 調査.

    Every ``String`` carries its font name: reportlab's default would be an unembedded Helvetica.
    """
    drawing = Drawing(width, height)
    # The renderer sets the state's font before any String: without this, Helvetica.
    drawing.initialFontName = GOTHIC
    drawing.initialFontSize = 8
    left, right, bottom, top = 34.0, 16.0, 30.0, 14.0
    plot_w, plot_h = width - left - right, height - bottom - top
    y_max = max(report.y_max, 1)

    def y_of(value: float) -> float:
        return bottom + plot_h * value / y_max

    drawing.add(Rect(left, bottom, plot_w, plot_h, strokeColor=None, fillColor=(0.97, 0.97, 0.97)))
    for tick in range(0, y_max + 1, max(1, report.y_step)):
        y = y_of(tick)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=(0.8, 0.8, 0.8), strokeWidth=0.5))
        drawing.add(String(left - 4, y - 3, str(tick), fontName=GOTHIC, fontSize=8, textAnchor="end"))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=(0, 0, 0), strokeWidth=0.8))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=(0, 0, 0), strokeWidth=0.8))
    xs = _x_positions(len(report.months), left, plot_w)
    for index in report.labelled:
        drawing.add(Line(xs[index], bottom, xs[index], bottom - 3, strokeColor=(0, 0, 0), strokeWidth=0.6))
        label = month_label(report.months[index])
        drawing.add(String(xs[index], bottom - 12, label, fontName=GOTHIC, fontSize=7.5, textAnchor="middle"))
    # The target line, dashed, labelled at its right end.
    target_y = y_of(report.target)
    drawing.add(
        Line(
            left,
            target_y,
            left + plot_w,
            target_y,
            strokeColor=_TARGET_RED,
            strokeWidth=1.4,
            strokeDashArray=[5, 3],
        )
    )
    drawing.add(
        String(
            left + plot_w - 2,
            target_y + 4,
            f"目標 {report.target}",
            fontName=GOTHIC_BOLD,
            fontSize=9,
            fillColor=_TARGET_RED,
            textAnchor="end",
        )
    )
    # The count: a line through the months that have a figure (a gap where there is none).
    run: list[float] = []
    for index, value in enumerate(report.values):
        if value is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=_LINE_BLUE, strokeWidth=1.8))
            run = []
            continue
        run += [xs[index], y_of(value)]
        drawing.add(Circle(xs[index], y_of(value), 1.8, fillColor=_LINE_BLUE, strokeColor=None))
    if len(run) >= 4:
        drawing.add(PolyLine(run, strokeColor=_LINE_BLUE, strokeWidth=1.8))
    last = next(((i, v) for i, v in reversed(list(enumerate(report.values))) if v is not None), None)
    if last is not None:
        drawing.add(
            String(
                xs[last[0]] - 4,
                y_of(last[1]) + 5,
                f"{last[1]}",
                fontName=GOTHIC_BOLD,
                fontSize=9,
                fillColor=_LINE_BLUE,
                textAnchor="end",
            )
        )
    # 校下 counted on declared apps only: their own dashed orange series, never in the 実績 line.
    if any(report.declared):
        points = [(xs[i], y_of(v)) for i, v in enumerate(report.declared) if v is not None]
        flat = [c for point in points for c in point]
        if len(flat) >= 4:
            drawing.add(PolyLine(flat, strokeColor=_DECLARED_ORANGE, strokeWidth=1.4, strokeDashArray=[2, 2]))
        for x, y in points:
            drawing.add(Rect(x - 1.8, y - 1.8, 3.6, 3.6, fillColor=_DECLARED_ORANGE, strokeColor=None))
    # Survey figures: a diamond and 「調査 29」, never joined to the counted line.
    for index, value, _note in report.surveys:
        x, y = xs[index], y_of(value)
        drawing.add(
            Polygon(
                [x, y + 5, x + 5, y, x, y - 5, x - 5, y],
                fillColor=_SURVEY_GREEN,
                strokeColor=(1, 1, 1),
                strokeWidth=0.5,
            )
        )
        drawing.add(
            String(
                x + 7,
                y - 3,
                f"{SURVEY_MARK} {value}",
                fontName=GOTHIC_BOLD,
                fontSize=8.5,
                fillColor=_SURVEY_GREEN,
            )
        )
    # Legend under the axis labels.
    legend_y = 6.0
    drawing.add(Line(left, legend_y + 3, left + 18, legend_y + 3, strokeColor=_LINE_BLUE, strokeWidth=1.8))
    drawing.add(String(left + 22, legend_y, "導入校下数（累計・実績）", fontName=GOTHIC, fontSize=8))
    drawing.add(
        Line(
            left + 140,
            legend_y + 3,
            left + 158,
            legend_y + 3,
            strokeColor=_TARGET_RED,
            strokeWidth=1.4,
            strokeDashArray=[5, 3],
        )
    )
    drawing.add(String(left + 162, legend_y, f"目標 {report.target}校下", fontName=GOTHIC, fontSize=8))
    if report.surveys:
        sx = left + 250
        drawing.add(
            Polygon(
                [sx, legend_y + 8, sx + 5, legend_y + 3, sx, legend_y - 2, sx - 5, legend_y + 3],
                fillColor=_SURVEY_GREEN,
            )
        )
        drawing.add(
            String(sx + 9, legend_y, f"{SURVEY_MARK}（市の調査による値）", fontName=GOTHIC, fontSize=8)
        )
    if any(report.declared):
        # Above the other entries: the legend row under the axis is full.
        dy = height - 10.0
        drawing.add(
            Line(
                left,
                dy + 3,
                left + 18,
                dy + 3,
                strokeColor=_DECLARED_ORANGE,
                strokeWidth=1.4,
                strokeDashArray=[2, 2],
            )
        )
        drawing.add(
            String(
                left + 22,
                dy,
                f"{DECLARED}（他のアプリを使う町会の申告による校下数・実績とは別）",
                fontName=GOTHIC,
                fontSize=8,
            )
        )
    return drawing


def _column_widths() -> list[float]:
    numbers = [w * MM for w in _NUMBER_COLUMNS_MM]
    return [_FRAME - sum(numbers) - _REMARKS_MM * MM, *numbers, _REMARKS_MM * MM]


def _right_aligned(index: int) -> bool:
    """The counts; the 校下 and 備考 read left to right."""
    return 0 < index < len(HEADERS) - 1


def _table_header(pages: _Pages, widths: Sequence[float]) -> None:
    canvas = pages.canvas
    canvas.setFillGray(0.88)
    canvas.rect(_LEFT, pages.y - _ROW, _FRAME, _ROW, stroke=0, fill=1)
    x = _LEFT
    for index, (title, width) in enumerate(zip(HEADERS, widths, strict=True)):
        pages.text(
            title,
            x + 2 * MM,
            pages.y - (_ROW - 9) / 2,
            9,
            bold=True,
            width=width - 4 * MM,
            align="right" if _right_aligned(index) else "left",
        )
        x += width
    pages.y -= _ROW


def _table(pages: _Pages, rows: Sequence[Sequence[str]]) -> None:
    widths = _column_widths()
    canvas = pages.canvas
    _table_header(pages, widths)
    for number, row in enumerate(rows):
        if pages.y - _ROW < _BOTTOM:
            pages.new_page()
            pages.text("（校下別の状況・続き）", _LEFT, pages.y, 10, bold=True)
            pages.y -= 7 * MM
            _table_header(pages, widths)
        if number % 2:
            canvas.setFillGray(0.96)
            canvas.rect(_LEFT, pages.y - _ROW, _FRAME, _ROW, stroke=0, fill=1)
        x = _LEFT
        for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
            top = pages.y - (_ROW - _CELL_SIZE) / 2
            pages.text(
                cell,
                x + 2 * MM,
                top,
                _CELL_SIZE,
                width=width - 4 * MM,
                align="right" if _right_aligned(index) else "left",
            )
            x += width
        canvas.setStrokeGray(0.75)
        canvas.setLineWidth(0.4)
        canvas.line(_LEFT, pages.y - _ROW, _LEFT + _FRAME, pages.y - _ROW)
        pages.y -= _ROW


def render_council_report(report: CouncilReport, font_dir: Path) -> bytes:
    """The council report as PDF bytes."""
    fonts = register_fonts(font_dir)
    setter = Typesetter(fonts)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=GOTHIC, initialFontSize=10)
    canvas.setTitle(report.title)
    canvas.setAuthor("回覧デスク")
    canvas.setSubject(report.fiscal_year_label)
    pages = _Pages(canvas, setter)
    pages.text(report.title, _LEFT, pages.y, 16, bold=True, width=_FRAME)
    pages.y -= 10 * MM
    pages.text(
        f"{report.fiscal_year_label}　{wareki(report.made_on)}現在", _LEFT, pages.y, 10.5, width=_FRAME
    )
    pages.y -= 8 * MM
    declared = f"（うち{DECLARED} {report.declared_adopting}）" if report.declared_adopting else ""
    pages.text(
        f"導入校下数 {report.adopting} / 目標 {report.target}{declared}", _LEFT, pages.y, 13, bold=True
    )
    pages.y -= 9 * MM
    drawing = chart_drawing(report, _FRAME, _CHART_H)
    renderPDF.draw(drawing, canvas, _LEFT, pages.y - _CHART_H)
    pages.y -= _CHART_H + 6 * MM
    pages.text("校下別の状況", _LEFT, pages.y, 11, bold=True)
    pages.y -= 7 * MM
    _table(pages, report.rows)
    pages.y -= 6 * MM
    for heading, lines in (("集計の基準", (report.rule,)), ("調査値について", report.notes)):
        if not lines:
            continue
        if pages.y - 20 * MM < _BOTTOM:
            pages.new_page()
        pages.text(heading, _LEFT, pages.y, 10.5, bold=True)
        pages.y -= 6 * MM
        for line in lines:
            pages.paragraph(line, 9.5)
        pages.y -= 3 * MM
    pages.footer()
    canvas.save()
    return buffer.getvalue()
