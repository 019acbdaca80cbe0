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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from circular_app.domain.calendar import wareki
from circular_app.domain.roster import Household
from circular_app.domain.safety import SafetyRound
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, column_edges, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "安否確認チェック表"
REPRINT = "名簿が変わったら、新しいものを印刷し直してください。"
INSTRUCTION = "電話か訪問で確かめたら、あてはまる□に印をつけ、時刻とメモを書いてください。"
NO_HOUSEHOLDS = "この班には世帯が登録されていません。"
NO_PHONE = "（未登録）"
COLUMNS = ("順", "お名前", "電話番号", "無事", "要支援", "不在", "未確認", "時刻", "メモ")
#: With 要配慮 marks (an officer who may see them printed the list): a column after the phone.
CARE_COLUMNS = ("順", "お名前", "電話番号", "要配慮", "無事", "要支援", "不在", "未確認", "時刻", "メモ")
CARE_MARK = "要配慮"
# Widths in mm; the note takes what is left of the frame.
_WIDTHS_MM = (11.0, 58.0, 40.0, 16.0, 18.0, 16.0, 18.0, 22.0)
_CARE_WIDTHS_MM = (11.0, 54.0, 38.0, 18.0, 16.0, 18.0, 16.0, 18.0, 22.0)
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
    # Household id → 要配慮 note, when the officer printing may see 要配慮 (None: no column).
    care: Mapping[int, str] | None = None


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


def _row(page: PlainPage, edges: Sequence[float], household: Household, sheet: SafetySheet) -> None:
    size = 13.0
    cells = [
        (str(household.route_position), "centre", False),
        (f"{household.name} 様", "left", False),
        (household.phone or NO_PHONE, "left", not household.phone),
    ]
    first_box = 3
    if sheet.care is not None:
        cells.append((CARE_MARK if household.id in sheet.care else "", "centre", False))
        first_box = 4
    page.cell_texts(edges, cells, page.y - (_ROW - size) / 2, size)
    note = (sheet.care or {}).get(household.id, "")
    if note:
        # The care note, small, where the officer writes: 「車いす」 helps whoever calls.
        page.text(note, edges[-2] + MM, page.y - 1.2 * MM, 8, width=edges[-1] - edges[-2] - 2 * MM, grey=True)
    page.canvas.setLineWidth(1.0)
    for index in range(first_box, first_box + 4):
        page.tick_box((edges[index] + edges[index + 1]) / 2, _ROW, 6 * MM)
    page.y -= _ROW
    page.rule(page.y)


def render_safety_sheet(path: Path, sheet: SafetySheet, font_dir: Path, printed_on: dt.date) -> set[str]:
    """Write one 班's check list to ``path``; returns characters the fonts could not draw.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    setter = Typesetter(register_fonts(font_dir))
    with pdf_file(
        path,
        title=f"{TITLE} {sheet.han_name}",
        author=sheet.association_name,
        pagesize=(_PAGE_W, _PAGE_H),
    ) as canvas:
        with_care = sheet.care is not None
        edges = column_edges(_LEFT, _FRAME, _CARE_WIDTHS_MM if with_care else _WIDTHS_MM)
        titles = CARE_COLUMNS if with_care else COLUMNS
        page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
        _header(page, sheet, printed_on, continued=False)
        if not sheet.households:
            page.text(NO_HOUSEHOLDS, _LEFT, page.y, 13)
        remaining = list(sheet.households)
        while remaining:
            fits = max(1, int((page.y - _BOTTOM - _HEADER_ROW) // _ROW))
            chunk, remaining = remaining[:fits], remaining[fits:]
            top = page.y
            page.table_header(edges, titles, _HEADER_ROW, size=11, offset=2 * MM, pad=MM)
            for household in chunk:
                _row(page, edges, household, sheet)
            page.vertical_rules(edges, top, page.y)
            if remaining:
                page.text("（次のページに続きます）", _LEFT, page.y - 2 * MM, 9, grey=True)
                canvas.showPage()
                page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
                _header(page, sheet, printed_on, continued=True)
        canvas.showPage()
    return set(setter.missing)
