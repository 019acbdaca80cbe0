"""Answer slips (回答票): the questions of a circular on paper, one slip per household.

A slip names the household (its label 「3班-5」 and name), lists the questions with boxes to
tick (□出席 □欠席 人数＿＿, the choices, 賛成/反対/棄権 per 議案), a blank for a number and a
line for text, the deadline in 和暦 and whom to hand the slip to; a household holding a reader
link also gets its own QR code (it can answer on the phone instead). Slips are stacked down
the page with a cutting line between them and follow the copy they belong to.

The same code measures a slip (``dry``) and draws it, so the page breaks fit exactly.
Also :func:`column_text`: the short form of the questions for the answer column of a 回覧表.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.model import MM, AnswerSlip, SlipForm, SlipQuestion
from circular_app.pdf.plain_page import BLACK, GREY, draw_qr
from circular_app.pdf.typeset import Typesetter, ascent, draw_line

SLIP_TITLE = "回答票"
CUT_LABEL = "きりとり線"
PHONE_NOTE = "スマホでも答えられます"
_GAP = 8 * MM  # between two slips: room for the cutting line


class _SlipWriter:
    """Lays one slip out from ``top`` down; draws only when ``dry`` is False."""

    def __init__(
        self, canvas: Canvas, setter: Typesetter, x: float, width: float, scale: float, dry: bool
    ) -> None:
        self.canvas = canvas
        self.setter = setter
        self.x = x
        self.width = width
        self.scale = scale
        self.dry = dry
        self.y = 0.0

    def size(self, points: float) -> float:
        return points * self.scale

    def text(self, text: str, x: float, size: float, *, bold: bool = False, grey: bool = False) -> float:
        """One line at the cursor (not moving it); returns its width."""
        line = self.setter.line(text, size, bold)
        if not self.dry:
            self.canvas.setFillGray(GREY if grey else BLACK)
            draw_line(self.canvas, line, x, self.y - ascent(size))
            self.canvas.setFillGray(BLACK)
        return line.width

    def wrapped(self, text: str, x: float, width: float, size: float, *, bold: bool = False) -> None:
        for line in self.setter.wrap([(text, bold)], size, width, justify=False):
            if not self.dry:
                draw_line(self.canvas, line, x, self.y - ascent(size))
            self.y -= size * 1.5

    def boxes(self, options: Sequence[str], x: float, width: float, size: float) -> None:
        """Boxes to tick, each followed by its label, wrapped onto as many rows as needed."""
        box = size * 1.05
        gap = size * 1.4
        cx = x
        for option in options:
            w = box + size * 0.35 + self.setter.width(option, size)
            if cx > x and cx + w > x + width:
                self.y -= size * 1.9
                cx = x
            if not self.dry:
                self.canvas.setStrokeGray(BLACK)
                self.canvas.setLineWidth(0.9)
                self.canvas.rect(cx, self.y - box - size * 0.05, box, box, stroke=1, fill=0)
            self.text(option, cx + box + size * 0.35, size)
            cx += w + gap
        self.y -= size * 1.9

    def blank(self, x: float, length: float, size: float) -> None:
        """A line to write on, under the cursor's row."""
        if not self.dry:
            self.canvas.setStrokeGray(BLACK)
            self.canvas.setLineWidth(0.6)
            base = self.y - size * 1.1
            self.canvas.line(x, base, x + length, base)


def _question(w: _SlipWriter, question: SlipQuestion, x: float, width: float) -> None:
    size = w.size(11)
    label = f"問{question.number}　{question.text}"
    if question.hint:
        label += f"（{question.hint}）"
    w.wrapped(label, x, width, size, bold=True)
    w.y -= size * 0.2
    indent = x + size * 1.5
    room = x + width - indent
    if question.kind == "attendance":
        options = list(question.options)
        if question.people and options:
            options[0] = f"{options[0]}（　　　人）"
        w.boxes(options, indent, room, size)
        if "委任状" in question.options:
            w.wrapped("委任状の方：受任者　　　　　　　　　　（空欄は議長）", indent, room, w.size(9))
    elif question.options:
        w.boxes(question.options, indent, room, size)
    elif question.kind == "number":
        w.blank(indent, size * 8, size)
        w.y -= size * 2.0
    else:  # text
        w.blank(indent, room, size)
        w.y -= size * 2.0
    w.y -= size * 0.3


def _slip(w: _SlipWriter, form: SlipForm, slip: AnswerSlip, association: str, title: str) -> None:
    x, width = w.x, w.width
    qr = w.size(24 * MM) if slip.reader_url else 0.0
    top = w.y
    text_width = width - (qr + 4 * MM if qr else 0.0)
    w.text(association, x, w.size(9), grey=True)
    w.y -= w.size(9) * 1.6
    w.text(f"{SLIP_TITLE}　{title}", x, w.size(13), bold=True)
    w.y -= w.size(13) * 1.6
    w.text(f"{slip.label}　{slip.name}　様", x, w.size(13), bold=True)
    w.y -= w.size(13) * 1.8
    w.wrapped(
        f"回答の締め切り　{form.deadline}まで。　{slip.hand_to}へお渡しください。", x, text_width, w.size(10)
    )
    if qr and slip.reader_url:
        if not w.dry:
            draw_qr(w.canvas, slip.reader_url, x + width - qr, top - qr, qr)
        cap = w.y
        w.y = top - qr - w.size(1 * MM)
        w.text(PHONE_NOTE, x + width - qr, w.size(7), grey=True)
        w.y = min(cap, top - qr - w.size(4 * MM))
    w.y -= w.size(2 * MM)
    for question in form.questions:
        _question(w, question, x, width)


def slip_height(setter: Typesetter, form: SlipForm, slip: AnswerSlip, width: float, scale: float) -> float:
    """How tall one slip is when drawn ``width`` wide."""
    w = _SlipWriter(Canvas(_Null()), setter, 0.0, width, scale, dry=True)
    _slip(w, form, slip, "", "")
    return -w.y


class _Null:
    def write(self, _data: bytes) -> int:
        return 0


def plan_pages(heights: Sequence[float], frame: float) -> list[list[int]]:
    """Which slips go on which page: stacked top down, a new page when the next does not fit."""
    pages: list[list[int]] = []
    used = 0.0
    for index, height in enumerate(heights):
        if pages and used + _GAP + height <= frame:
            pages[-1].append(index)
            used += _GAP + height
        else:
            pages.append([index])
            used = height
    return pages


def draw_slip_pages(
    canvas: Canvas,
    setter: Typesetter,
    form: SlipForm,
    slips: Sequence[AnswerSlip],
    *,
    association: str,
    title: str,
    page_size: tuple[float, float],
    margin: float,
    scale: float = 1.0,
) -> int:
    """Draw the slips on pages of their own (the caller has ended the page before); returns pages."""
    width, height = page_size
    frame_w = width - 2 * margin
    frame_h = height - 2 * margin
    heights = [slip_height(setter, form, s, frame_w, scale) for s in slips]
    pages = plan_pages(heights, frame_h)
    for page in pages:
        canvas.setPageSize(page_size)
        y = height - margin
        for position, index in enumerate(page):
            if position > 0:
                _cut_line(canvas, setter, y - _GAP / 2, width)
                y -= _GAP
            w = _SlipWriter(canvas, setter, margin, frame_w, scale, dry=False)
            w.y = y
            _slip(w, form, slips[index], association, title)
            y -= heights[index]
        canvas.showPage()
    return len(pages)


def count_slip_pages(
    setter: Typesetter,
    form: SlipForm,
    slips: Sequence[AnswerSlip],
    page_size: tuple[float, float],
    margin: float,
    scale: float = 1.0,
) -> int:
    """How many pages :func:`draw_slip_pages` will take."""
    width, height = page_size
    heights = [slip_height(setter, form, s, width - 2 * margin, scale) for s in slips]
    return len(plan_pages(heights, height - 2 * margin))


def _cut_line(canvas: Canvas, setter: Typesetter, y: float, width: float) -> None:
    canvas.saveState()
    canvas.setStrokeGray(GREY)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(8 * MM, y, width - 8 * MM, y)
    canvas.restoreState()
    label = setter.line(CUT_LABEL, 7)
    canvas.setFillGray(1.0)
    canvas.rect(
        (width - label.width) / 2 - 2 * MM, y - 2 * MM, label.width + 4 * MM, 4 * MM, stroke=0, fill=1
    )
    canvas.setFillGray(GREY)
    draw_line(canvas, label, (width - label.width) / 2, y - 7 * 0.35)
    canvas.setFillGray(BLACK)


def column_text(form: SlipForm) -> str:
    """The short form of the questions for a 回覧表's answer column: 「1 出席・欠席　2 土曜・日曜」."""
    parts = []
    for q in form.questions:
        if q.options:
            parts.append(f"{q.number} " + "・".join(q.options))
        elif q.kind == "number":
            parts.append(f"{q.number} ＿＿")
        else:
            parts.append(f"{q.number} 別紙可")
    return "　".join(parts)
