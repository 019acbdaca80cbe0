"""The results sheet of a circular's form (A4), and the 総会 results sheet for the 議事録.

The results sheet shows the response rate, each question's counts (people coming for 出欠,
the total of a number question, free text answers as plain text) and a table per 班. A 総会
form adds a page of its own: members, 出席・委任状・書面議決, whether the quorum is met under
the association's rule, and each 議案 with 賛成/反対/棄権 and 可決/否決 — ready to attach to
the 議事録. Every text is set by :class:`~circular_app.pdf.typeset.Typesetter` in the bundled
faces (fonts embedded). The caller passes domain values in; nothing here reads the database.
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
from circular_app.domain.forms import Attendance, Form, MeetingResult, QuestionKind, QuestionTally
from circular_app.domain.reads import Rate
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, column_edges, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "回答の集計"
MEETING_TITLE = "総会の成立と議決の結果"
#: Free text answers printed per question; the CSV export has them all.
MAX_TEXTS = 40
_PAGE_W, _PAGE_H = A4
_LEFT = 18 * MM
_TOP = 16 * MM
_BOTTOM = 16 * MM
_FRAME = _PAGE_W - 2 * _LEFT
_ROW = 8 * MM
_LIGHT = 0.9


@dataclass(frozen=True)
class ResultsSheet:
    """What the sheet shows: the circular, its form and the counts (``per_han``: name, rate, tallies)."""

    association: str
    circular: Circular
    form: Form
    deadline: dt.date
    rate: Rate
    tallies: tuple[QuestionTally, ...]
    per_han: tuple[tuple[str, Rate, tuple[QuestionTally, ...]], ...]
    meeting: MeetingResult | None = None


class _Pages:
    """A cursor that starts a new page when the next block would not fit."""

    def __init__(self, canvas: Canvas, setter: Typesetter, running: str) -> None:
        self.canvas = canvas
        self.setter = setter
        self.running = running
        self.page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)

    def need(self, height: float) -> PlainPage:
        """The page, after a page break if ``height`` does not fit below the cursor."""
        if self.page.y - height < _BOTTOM:
            self.new_page()
            self.page.text(f"{self.running}（続き）", _LEFT, self.page.y, 11, bold=True)
            self.page.y -= 9 * MM
        return self.page

    def new_page(self) -> None:
        """Finish this page and start a fresh one."""
        self.canvas.showPage()
        self.page = PlainPage(self.canvas, self.setter, _LEFT, _FRAME, _PAGE_H - _TOP)


def _heading(page: PlainPage, title: str, sheet: ResultsSheet, printed_on: dt.date) -> None:
    page.text(title, _LEFT, page.y, 20, bold=True)
    page.text(f"作成 {wareki(printed_on)}", _LEFT, page.y - 8, 9, grey=True, width=_FRAME, align="right")
    page.y -= 12 * MM
    page.text(sheet.association, _LEFT, page.y, 12)
    page.y -= 8 * MM
    box = 20 * MM
    page.canvas.setFillGray(0.96)
    page.canvas.setStrokeGray(0.4)
    page.canvas.rect(_LEFT, page.y - box, _FRAME, box, stroke=1, fill=1)
    page.canvas.setFillGray(0)
    inner = _LEFT + 4 * MM
    circular = sheet.circular
    page.text(circular.label, inner, page.y - 3 * MM, 11, bold=True)
    page.text(circular.title, inner + 28 * MM, page.y - 3 * MM, 13, bold=True, width=_FRAME - 36 * MM)
    page.text(
        f"発行日 {wareki(circular.issue_date, weekday=True)}　　回答締切 {wareki(sheet.deadline, weekday=True)}",
        inner,
        page.y - 12 * MM,
        11,
        width=_FRAME - 8 * MM,
    )
    page.y -= box + 7 * MM


def _table(
    pages: _Pages, widths_mm: Sequence[float], titles: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """A ruled table; the header is repeated after a page break."""
    edges = column_edges(_LEFT, _FRAME, widths_mm)
    remaining = list(rows)
    first = True
    while first or remaining:
        first = False
        page = pages.need(2 * _ROW)
        top = page.y
        page.table_header(edges, titles, _ROW, size=10, offset=(_ROW - 10) / 2, pad=1.5 * MM, shade=_LIGHT)
        while remaining and page.y - _ROW >= _BOTTOM:
            cells = [(text, "left" if i == 0 else "right", False) for i, text in enumerate(remaining.pop(0))]
            page.cell_texts(edges, cells, page.y - (_ROW - 11) / 2, 11)
            page.y -= _ROW
            page.rule(page.y)
        page.vertical_rules(edges, top, page.y)
        if remaining:
            pages.new_page()
    pages.page.y -= 6 * MM


def _question_rows(tally: QuestionTally) -> list[list[str]]:
    kind = tally.question.kind
    if kind is QuestionKind.NUMBER:
        return [["回答した世帯", f"{tally.answered}世帯"], ["合計", str(tally.total)]]
    rows = [[choice, f"{count}世帯"] for choice, count in tally.counts]
    if kind is QuestionKind.ATTENDANCE and tally.question.people:
        rows.append(["出席の人数（合計）", f"{tally.people}名"])
    return rows


def _draw_questions(pages: _Pages, sheet: ResultsSheet) -> None:
    for tally in sheet.tallies:
        question = tally.question
        page = pages.need(3 * _ROW)
        page.paragraph(
            f"問{question.number}　{question.text}（{question.kind.label_ja}）", 12, bold=True, leading=1.4
        )
        page.y -= 1 * MM
        if question.kind is QuestionKind.TEXT:
            page.text(f"回答 {tally.answered}世帯", _LEFT, page.y, 11)
            page.y -= 7 * MM
            for text in tally.texts[:MAX_TEXTS]:
                page = pages.need(7 * MM)
                page.paragraph(f"・{' '.join(text.split())}", 10.5, leading=1.4)
            if len(tally.texts) > MAX_TEXTS:
                pages.need(7 * MM).paragraph(
                    f"ほか {len(tally.texts) - MAX_TEXTS}件（CSV に全件があります）", 10, leading=1.4
                )
            pages.page.y -= 5 * MM
            continue
        _table(pages, (100.0,), ("回答", "数"), _question_rows(tally))


def _draw_hans(pages: _Pages, sheet: ResultsSheet) -> None:
    page = pages.need(4 * _ROW)
    page.text("班ごとの回答", _LEFT, page.y, 13, bold=True)
    page.y -= 8 * MM
    rows = [
        [name, f"{rate.targeted}世帯", f"{rate.read}世帯", f"{rate.ratio:.0%}"]
        for name, rate, _ in sheet.per_han
    ]
    rows.append(["合計", f"{sheet.rate.targeted}世帯", f"{sheet.rate.read}世帯", f"{sheet.rate.ratio:.0%}"])
    _table(pages, (60.0, 35.0, 35.0), ("班", "対象", "回答", "回答率"), rows)
    # The choices per 班, question by question (numbers and free text are in the CSV).
    for index, tally in enumerate(sheet.tallies):
        if not tally.counts:
            continue
        choices = [c for c, _ in tally.counts]
        page = pages.need(3 * _ROW)
        page.paragraph(
            f"問{tally.question.number}　{tally.question.text}（班ごと）", 11, bold=True, leading=1.4
        )
        page.y -= 1 * MM
        rows = [[name, *[str(t[index].count(c)) for c in choices]] for name, _, t in sheet.per_han]
        width = min(30.0, (_FRAME / MM - 40.0) / max(1, len(choices)))
        _table(pages, (40.0, *[width] * (len(choices) - 1)), ("班", *choices), rows)


def _draw_meeting(pages: _Pages, sheet: ResultsSheet, meeting: MeetingResult, printed_on: dt.date) -> None:
    pages.new_page()
    page = pages.page
    _heading(page, MEETING_TITLE, sheet, printed_on)
    rules = meeting.rules
    included = "・".join(a.value for a in Attendance if a in rules.quorum_includes)
    rows = [
        ["会員（対象の世帯）", f"{meeting.members}"],
        ["出席", f"{meeting.present}"],
        ["委任状", f"{meeting.proxies}（うち議長へ {meeting.proxies_to_chair}）"],
        ["書面議決", f"{meeting.written}"],
        ["欠席", f"{meeting.absent}"],
        ["回答なし", f"{meeting.no_answer}"],
    ]
    _table(pages, (80.0,), ("区分", "世帯数"), rows)
    page = pages.need(30 * MM)
    verdict = "成立" if meeting.quorum_met else "不成立"
    page.text(f"定足数: 会員の{rules.quorum.text}（{included}を含む）", _LEFT, page.y, 12)
    page.y -= 8 * MM
    page.text(
        f"{included} {meeting.quorum_count} ／ 必要 {meeting.quorum_needed} 以上 …… 総会は{verdict}",
        _LEFT,
        page.y,
        14,
        bold=True,
        width=_FRAME,
    )
    page.y -= 10 * MM
    chair = rules.chair_proxy_vote.value
    page.paragraph(
        f"議決: {rules.majority_base.label_ja}の{rules.majority.text}で可決。"
        f"議長への委任状は「{chair}」として数えています。",
        11,
        leading=1.5,
    )
    page.y -= 2 * MM
    motion_rows = [
        [m.question.text, str(m.for_), str(m.against), str(m.abstain), str(m.needed), m.outcome]
        for m in meeting.motions
    ]
    if motion_rows:
        _table(
            pages,
            (70.0, 18.0, 18.0, 18.0, 22.0),
            ("議案", "賛成", "反対", "棄権", "可決に必要", "結果"),
            motion_rows,
        )


def render_results(
    path: Path, sheet: ResultsSheet, font_dir: Path, printed_on: dt.date | None = None
) -> set[str]:
    """Write the results sheet (and the 総会 page) to ``path``; returns undrawable characters.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    day = printed_on or dt.date.today()
    setter = Typesetter(register_fonts(font_dir))
    with pdf_file(
        path,
        title=f"{TITLE} {sheet.circular.label} {sheet.circular.title}",
        author=sheet.association,
        subject=sheet.circular.title,
    ) as canvas:
        pages = _Pages(canvas, setter, f"{TITLE}　{sheet.circular.label}")
        page = pages.page
        _heading(page, TITLE, sheet, day)
        page.text(
            f"回答 {sheet.rate.read}世帯 ／ 対象 {sheet.rate.targeted}世帯（回答率 {sheet.rate.ratio:.0%}）",
            _LEFT,
            page.y,
            14,
            bold=True,
        )
        page.y -= 10 * MM
        _draw_questions(pages, sheet)
        _draw_hans(pages, sheet)
        if sheet.meeting is not None:
            _draw_meeting(pages, sheet, sheet.meeting, day)
        canvas.showPage()
    return set(setter.missing)
