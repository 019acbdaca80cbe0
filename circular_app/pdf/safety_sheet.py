"""The 安否確認 check list of one 班 (paper and phone households alike).

One landscape A4 sheet (more pages only for a long 班) listing the 班's households in route
order with name and phone, four boxes to tick (無事 / 要支援 / 不在 / 未確認), and space for the
time and a note. It is meant to be printed **before** a disaster too, so the header says the
day it was printed and asks for a fresh copy after roster changes; when a round is open its
kind (and 訓練, for a drill) is named at the top.

Texts are set by :class:`~circular_app.pdf.typeset.Typesetter` in the bundled faces, so the
fonts are embedded like every other PDF of the app. Plain values in, nothing read from the
database here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import wareki
from circular_app.domain.roster import Household
from circular_app.domain.safety import SafetyRound
from circular_app.pdf.fonts import GOTHIC, register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage
from circular_app.pdf.typeset import Typesetter

TITLE = "安否確認チェック表"
REPRINT = "名簿が変わったら、新しいものを印刷し直してください。"
INSTRUCTION = "電話か訪問で確かめたら、あてはまる□に印をつけ、時刻とメモを書いてください。"
NO_HOUSEHOLDS = "この班には世帯が登録されていません。"
NO_PHONE = "（未登録）"
COLUMNS = ("順", "お名前", "電話番号", "無事", "要支援", "不在", "未確認", "時刻", "メモ")
#: Columns 3–6 hold a box to tick.
BOX_COLUMNS = range(3, 7)
# Widths in mm; the note takes what is left of the frame.
_WIDTHS_MM = (11.0, 58.0, 40.0, 16.0, 18.0, 16.0, 18.0, 22.0)
_PAGE_W, _PAGE_H = landscape(A4)
_LEFT = 14 * MM
_TOP = 12 * MM
_BOTTOM = 12 * MM
_FRAME = _PAGE_W - 2 * _LEFT
_ROW = 11 * MM
_HEADER_ROW = 8 * MM


@dataclass(frozen=True)
class SafetySheet:
    """What one 班's check list shows: association, 班, households in route order, open round."""

    association_name: str
    han_name: str
    households: Sequence[Household]
    round: SafetyRound | None = None


def _edges() -> list[float]:
    edges = [_LEFT]
    for width in _WIDTHS_MM:
        edges.append(edges[-1] + width * MM)
    edges.append(_LEFT + _FRAME)
    return edges


def _header(page: PlainPage, sheet: SafetySheet, printed_on: dt.date, continued: bool) -> None:
    title = f"{TITLE}（続き）" if continued else TITLE
    page.text(f"{title}　{sheet.han_name}", _LEFT, page.y, 18, bold=True)
    page.text(f"印刷日 {wareki(printed_on, weekday=True)}", _LEFT, page.y, 11, width=_FRAME, align="right")
    page.y -= 9 * MM
    page.text(sheet.association_name, _LEFT, page.y, 11)
    page.text(REPRINT, _LEFT, page.y, 10, width=_FRAME, align="right")
    page.y -= 7 * MM
    if sheet.round is not None and not continued:
        line = f"{sheet.round.label}　{sheet.round.message}".strip()
        page.text(line, _LEFT, page.y, 13, bold=True, width=_FRAME)
        page.y -= 8 * MM
    if not continued:
        page.text(INSTRUCTION, _LEFT, page.y, 11, width=_FRAME)
        page.y -= 8 * MM


def _line(page: PlainPage, y: float) -> None:
    page.canvas.setStrokeGray(0.0)
    page.canvas.setLineWidth(0.6)
    page.canvas.line(_LEFT, y, _LEFT + _FRAME, y)


def _table_header(page: PlainPage, edges: Sequence[float]) -> None:
    page.canvas.setFillGray(0.9)
    page.canvas.rect(_LEFT, page.y - _HEADER_ROW, _FRAME, _HEADER_ROW, stroke=0, fill=1)
    page.canvas.setFillGray(0.0)
    for index, title in enumerate(COLUMNS):
        left, right = edges[index], edges[index + 1]
        page.text(
            title, left + MM, page.y - 2 * MM, 11, bold=True, width=right - left - 2 * MM, align="centre"
        )
    _line(page, page.y)
    page.y -= _HEADER_ROW
    _line(page, page.y)


def _row(page: PlainPage, edges: Sequence[float], household: Household) -> None:
    size = 13.0
    top = page.y - (_ROW - size) / 2
    cells = (
        (str(household.route_position), "centre", False),
        (f"{household.name} 様", "left", False),
        (household.phone or NO_PHONE, "left", not household.phone),
    )
    for index, (text, align, grey) in enumerate(cells):
        left, right = edges[index], edges[index + 1]
        page.text(
            text,
            left + 1.5 * MM,
            top,
            size if not grey else size - 2,
            width=right - left - 3 * MM,
            align=align,
            grey=grey,
        )
    box = 6 * MM
    page.canvas.setLineWidth(1.0)
    for index in BOX_COLUMNS:
        centre = (edges[index] + edges[index + 1]) / 2
        page.canvas.rect(centre - box / 2, page.y - (_ROW + box) / 2, box, box, stroke=1, fill=0)
    page.y -= _ROW
    _line(page, page.y)


def _verticals(page: PlainPage, edges: Sequence[float], top: float, bottom: float) -> None:
    page.canvas.setLineWidth(0.6)
    for x in edges:
        page.canvas.line(x, top, x, bottom)


def render_safety_sheet(path: Path, sheet: SafetySheet, font_dir: Path, printed_on: dt.date) -> set[str]:
    """Write one 班's check list to ``path``; returns characters the fonts could not draw.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    setter = Typesetter(register_fonts(font_dir))
    temporary = path.with_name(path.name + ".part")
    canvas = Canvas(
        str(temporary),
        pagesize=(_PAGE_W, _PAGE_H),
        invariant=True,
        initialFontName=GOTHIC,
        initialFontSize=10,
    )
    canvas.setTitle(f"{TITLE} {sheet.han_name}")
    canvas.setAuthor(sheet.association_name)
    canvas.setCreator("回覧デスク")
    edges = _edges()
    page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
    _header(page, sheet, printed_on, continued=False)
    if not sheet.households:
        page.text(NO_HOUSEHOLDS, _LEFT, page.y, 13)
    remaining = list(sheet.households)
    while remaining:
        fits = max(1, int((page.y - _BOTTOM - _HEADER_ROW) // _ROW))
        chunk, remaining = remaining[:fits], remaining[fits:]
        top = page.y
        _table_header(page, edges)
        for household in chunk:
            _row(page, edges, household)
        _verticals(page, edges, top, page.y)
        if remaining:
            page.text("（次のページに続きます）", _LEFT, page.y - 2 * MM, 9, grey=True)
            canvas.showPage()
            page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
            _header(page, sheet, printed_on, continued=True)
    canvas.showPage()
    canvas.save()
    temporary.replace(path)
    return set(setter.missing)
