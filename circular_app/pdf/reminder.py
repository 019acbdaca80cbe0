"""The 班長's reminder sheets: per 班, the households that have not yet seen a circular.

Several 班 go into one PDF, each starting on a page of its own (so each 班長 gets their own
sheet from one print run). A sheet is one A4 page (more only for an unusually long list) with the circular's number, title and
回覧期限 in 和暦, then a table of the unread households in route order with their phone numbers
where the roster has one, and a box to tick once the household has been contacted.

Every text is set by :class:`~circular_app.pdf.typeset.Typesetter` in the bundled faces
(the fallback face draws 𠮷 and the like), so the sheet embeds its fonts and references no
base-14 font. The caller passes domain values in; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular
from circular_app.domain.roster import Household
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, column_edges, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "未読のお知らせ（班長用）"
INSTRUCTION = (
    "次の世帯は、この回覧をまだご覧になっていないようです。"
    "お声がけいただいたら「連絡済」の□に印をつけ、町会の担当者へお知らせください。"
)
NOTHING_UNREAD = "この班の未読の世帯はありません。ご協力ありがとうございました。"
NO_PHONE = "（未登録）"
ANSWER_TITLE = "回答のお願い（班長用）"
ANSWER_INSTRUCTION = (
    "次の世帯から、この回覧の回答がまだ届いていません。"
    "お声がけいただいたら「連絡済」の□に印をつけ、回答票を町会の担当者へお届けください。"
)
NOTHING_UNANSWERED = "この班の未回答の世帯はありません。ご協力ありがとうございました。"
COLUMNS = ("連絡済", "順", "お名前", "電話番号", "受取", "メモ")
# Column widths in mm; the memo column takes what is left of the frame.
_WIDTHS_MM = (16.0, 11.0, 54.0, 40.0, 21.0)
_PAGE_W, _PAGE_H = A4
_LEFT = 18 * MM
_TOP = 16 * MM
_BOTTOM = 16 * MM
_FRAME = _PAGE_W - 2 * _LEFT
_ROW = 10 * MM
_MIN_ROW = 7 * MM
_BLACK, _GREY, _LIGHT = 0.0, 0.4, 0.9


@dataclass(frozen=True)
class Wording:
    """The texts of a reminder: the unread one by default, or the one for answers not yet in."""

    title: str = TITLE
    instruction: str = INSTRUCTION
    nothing: str = NOTHING_UNREAD
    count_label: str = "未読"
    deadline: dt.date | None = None  # answers: the form's deadline, shown instead of the 回覧期限


READS = Wording()


def answers_wording(deadline: dt.date) -> Wording:
    """The reminder for households whose answer (出欠・アンケート) has not come in."""
    return Wording(ANSWER_TITLE, ANSWER_INSTRUCTION, NOTHING_UNANSWERED, "未回答", deadline)


def _header(
    page: PlainPage,
    association_name: str,
    circular: Circular,
    han_name: str,
    printed_on: dt.date,
    wording: Wording = READS,
) -> None:
    page.text(wording.title, _LEFT, page.y, 20, bold=True)
    page.text(f"作成 {wareki(printed_on)}", _LEFT, page.y - 8, 9, grey=True, width=_FRAME, align="right")
    page.y -= 12 * MM
    page.text(f"{association_name}　{han_name} 班長さま", _LEFT, page.y, 12)
    page.y -= 9 * MM
    # The circular, in a light box.
    box_height = 22 * MM
    page.canvas.setFillGray(0.96)
    page.canvas.setStrokeGray(_GREY)
    page.canvas.rect(_LEFT, page.y - box_height, _FRAME, box_height, stroke=1, fill=1)
    page.canvas.setFillGray(_BLACK)
    inner = _LEFT + 4 * MM
    number = f"回覧No.{circular.number}" if circular.number is not None else "回覧"
    page.text(number, inner, page.y - 3 * MM, 11, bold=True)
    page.text(circular.title, inner + 26 * MM, page.y - 3 * MM, 13, bold=True, width=_FRAME - 34 * MM)
    due = (
        f"回答締切 {wareki(wording.deadline, weekday=True)}"
        if wording.deadline is not None
        else f"回覧期限 {wareki(circular.due_date, weekday=True)}"
    )
    page.text(
        f"発行日 {wareki(circular.issue_date, weekday=True)}　　{due}",
        inner,
        page.y - 13 * MM,
        11,
        width=_FRAME - 8 * MM,
    )
    page.y -= box_height + 7 * MM
    page.paragraph(wording.instruction, 11, leading=1.5)
    page.y -= 3 * MM


def _row(page: PlainPage, edges: Sequence[float], height: float, household: Household) -> None:
    size = 12.0 if height >= 9 * MM else 10.0
    page.canvas.setStrokeGray(_BLACK)
    page.canvas.setLineWidth(0.9)
    page.tick_box((edges[0] + edges[1]) / 2, height, min(5.5 * MM, height - 2 * MM))
    cells = (
        (str(household.route_position), "centre", False),
        (f"{household.name} 様", "left", False),
        (household.phone or NO_PHONE, "left", not household.phone),
        (household.delivery.label_ja, "centre", False),
    )
    page.cell_texts(edges, cells, page.y - (height - size) / 2, size, start=1)
    page.y -= height
    page.rule(page.y)


@dataclass(frozen=True)
class ReminderSheet:
    """One 班's sheet: its name and its unread households in route order."""

    han_name: str
    unread: Sequence[Household]


def render_reminder(
    path: Path,
    association_name: str,
    circular: Circular,
    han_name: str,
    unread: Sequence[Household],
    font_dir: Path,
    printed_on: dt.date | None = None,
) -> set[str]:
    """Write one 班's reminder sheet to ``path`` (see :func:`render_reminders`)."""
    return render_reminders(
        path, association_name, circular, [ReminderSheet(han_name, unread)], font_dir, printed_on
    )


def render_reminders(
    path: Path,
    association_name: str,
    circular: Circular,
    sheets: Sequence[ReminderSheet],
    font_dir: Path,
    printed_on: dt.date | None = None,
    wording: Wording = READS,
) -> set[str]:
    """Write the sheets of several 班 into one PDF, each from a new page; returns undrawable characters.

    Each sheet's ``unread`` is taken in the order given (route order). The file appears complete
    or not at all (written beside ``path`` and renamed into place).
    """
    fonts = register_fonts(font_dir)
    setter = Typesetter(fonts)
    with pdf_file(
        path,
        title=f"{wording.title} 回覧No.{circular.number} {'・'.join(s.han_name for s in sheets)}",
        author=association_name,
        subject=circular.title,
    ) as canvas:
        for sheet in sheets:
            _draw_sheet(
                canvas, setter, association_name, circular, sheet, printed_on or dt.date.today(), wording
            )
    return set(setter.missing)


def _draw_sheet(
    canvas: Canvas,
    setter: Typesetter,
    association_name: str,
    circular: Circular,
    sheet: ReminderSheet,
    printed_on: dt.date,
    wording: Wording = READS,
) -> None:
    """One 班's sheet, from a fresh page to its last page (which is finished here)."""
    han_name, unread = sheet.han_name, sheet.unread
    page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
    _header(page, association_name, circular, han_name, printed_on, wording)
    edges = column_edges(_LEFT, _FRAME, _WIDTHS_MM)
    if not unread:
        page.paragraph(wording.nothing, 13, leading=1.5)
    else:
        page.text(f"{wording.count_label} {len(unread)}世帯", _LEFT, page.y, 12, bold=True)
        page.y -= 8 * MM
    header_height = 8 * MM
    remaining = list(unread)
    while remaining:
        available = page.y - _BOTTOM - header_height
        height = max(_MIN_ROW, min(_ROW, available / len(remaining)))
        fits = max(1, int(available // height))
        chunk, remaining = remaining[:fits], remaining[fits:]
        table_top = page.y
        page.table_header(
            edges,
            COLUMNS,
            header_height,
            size=10,
            offset=(header_height - 10) / 2,
            pad=1.5 * MM,
            shade=_LIGHT,
        )
        for household in chunk:
            _row(page, edges, height, household)
        page.vertical_rules(edges, table_top, page.y)
        if remaining:
            page.text("（次のページに続きます）", _LEFT, page.y - 3 * MM, 9, grey=True)
            canvas.showPage()
            page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
            page.text(
                f"{wording.title}（続き）　回覧No.{circular.number}　{han_name}", _LEFT, page.y, 12, bold=True
            )
            page.y -= 10 * MM
    canvas.showPage()
