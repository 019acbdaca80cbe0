"""Enrollment letters: one A4 page per association with its one-time code and a QR code.

City staff print them with ``hub enrollment-letters``. The letter says, in やさしい日本語,
how to connect the association's PC with the code, and what an association without internet
does instead (offline enrollment and a report file on a USB stick).

Every text is set by :class:`~circular_app.pdf.typeset.Typesetter` in the bundled faces, so
the letter embeds its fonts and references no base-14 font; the QR code is drawn as vector
squares with segno. The caller passes plain values: nothing here reads a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import wareki
from circular_app.pdf.fonts import GOTHIC, register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.typeset import Typesetter, ascent, draw_line

TITLE = "回覧デスク 登録のお知らせ"
INTRO = (
    "回覧デスクを使うと、町会の回覧板を、紙と いっしょに スマートフォンでも 読めるように なります。"
    "下の「登録コード」で、町会の パソコンを 市の サーバー（ハブ）に つないで ください。"
)
ONLINE_HEADING = "インターネットが ある 町会"
ONLINE_STEPS = (
    "町会の パソコンで「回覧デスク」を ひらきます。",
    "上の メニューの「ハブ」から「ハブに接続…」を えらびます。",
    "「ハブのアドレス」に {hub_url} を、「登録コード」に 上の コードを 入れて、「接続する」を おします。",
)
OFFLINE_HEADING = "インターネットが ない 町会"
OFFLINE_STEPS = (
    "「ハブに接続…」で「インターネットなし（USBで報告）」に チェックを 入れ、"
    "登録コードを 入れて、「登録する」を おします。",
    "毎月、「ハブ」の「導入状況の報告…」で「ファイルに書き出す…」を おします。",
    "その ファイルを USBメモリに 入れて、市役所の 担当に とどけて ください。",
)
NOTES = (
    "登録コードは 1回だけ 使えます。ほかの 人に 見せないで ください。",
    "コードを なくした ときは、市役所に 連絡して ください。新しい コードを 出します。",
    "市に 送るのは 世帯の 数だけです。名前や 電話番号は 送りません。",
)
QR_CAPTION = "スマートフォンで 読むと、登録の 案内が 出ます"
DEFAULT_CONTACT = "わからない ことは、市役所の 担当に お聞き ください。"

_PAGE_W, _PAGE_H = A4
_LEFT = 20 * MM
_TOP = 18 * MM
_FRAME = _PAGE_W - 2 * _LEFT
_QR = 38 * MM
_BLACK, _GREY = 0.0, 0.4


@dataclass(frozen=True)
class EnrollmentLetter:
    """What one letter shows (plain values; the hub issues the code)."""

    association: str
    school_district: str
    code: str
    enroll_url: str  # what the QR code opens: <hub>/enroll?code=…
    hub_url: str
    expires_on: dt.date
    issued_on: dt.date
    contact: str = DEFAULT_CONTACT


class _Page:
    def __init__(self, canvas: Canvas, setter: Typesetter) -> None:
        self.canvas = canvas
        self.setter = setter
        self.y = _PAGE_H - _TOP

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
        """One line whose em box starts at ``top``, shrunk to ``width`` when needed."""
        line = self.setter.line(text, size, bold)
        if width is not None and line.width > width:
            size = max(6.0, size * width / line.width)
            line = self.setter.line(text, size, bold)
        left = x
        if width is not None and align == "right":
            left += width - line.width
        elif width is not None and align == "centre":
            left += (width - line.width) / 2
        self.canvas.setFillGray(_GREY if grey else _BLACK)
        draw_line(self.canvas, line, left, top - ascent(size))
        self.canvas.setFillGray(_BLACK)

    def paragraph(self, text: str, size: float, x: float = _LEFT, width: float = _FRAME) -> None:
        """Wrapped text, moving the cursor below it."""
        for line in self.setter.wrap([(text, False)], size, width):
            draw_line(self.canvas, line, x, self.y - ascent(size))
            self.y -= size * 1.6

    def steps(self, heading: str, steps: Sequence[str]) -> None:
        """A bold heading and numbered steps."""
        self.text(heading, _LEFT, self.y, 14, bold=True)
        self.y -= 9 * MM
        for number, step in enumerate(steps, start=1):
            self.text(f"{number}.", _LEFT + 3 * MM, self.y, 13, bold=True)
            self.paragraph(step, 13, _LEFT + 10 * MM, _FRAME - 10 * MM)
            self.y -= 1 * MM
        self.y -= 3 * MM


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares with its quiet zone; (x, y) is the bottom left corner."""
    matrix = segno.make(url, error="m", micro=False).matrix
    modules = len(matrix) + 8
    cell = size / modules
    canvas.setFillGray(_BLACK)
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


def _code_box(page: _Page, letter: EnrollmentLetter) -> None:
    canvas = page.canvas
    height = _QR + 12 * MM
    top = page.y
    canvas.setStrokeGray(_BLACK)
    canvas.setLineWidth(1.2)
    canvas.setFillGray(0.96)
    canvas.rect(_LEFT, top - height, _FRAME, height, stroke=1, fill=1)
    canvas.setFillGray(_BLACK)
    inner = _LEFT + 6 * MM
    text_width = _FRAME - _QR - 18 * MM
    page.text("登録コード", inner, top - 6 * MM, 12, bold=True)
    page.text(letter.code, inner, top - 15 * MM, 24, bold=True, width=text_width)
    page.text(f"有効期限: {wareki(letter.expires_on)}まで", inner, top - 30 * MM, 11, width=text_width)
    page.text("1回だけ 使えます", inner, top - 37 * MM, 11, width=text_width)
    qr_x = _LEFT + _FRAME - _QR - 6 * MM
    canvas.setFillGray(1.0)
    canvas.rect(qr_x, top - 4 * MM - _QR, _QR, _QR, stroke=0, fill=1)
    _draw_qr(canvas, letter.enroll_url, qr_x, top - 4 * MM - _QR, _QR)
    page.text(
        QR_CAPTION, qr_x - 8 * MM, top - 5 * MM - _QR - 1 * MM, 7.5, width=_QR + 12 * MM, align="centre"
    )
    page.y = top - height - 8 * MM


def render_enrollment_letter(path: Path, letter: EnrollmentLetter, font_dir: Path) -> set[str]:
    """Write one letter to ``path``; returns characters no bundled face could draw.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    fonts = register_fonts(font_dir)
    setter = Typesetter(fonts)
    temporary = path.with_name(path.name + ".part")
    canvas = Canvas(str(temporary), pagesize=A4, invariant=True, initialFontName=GOTHIC, initialFontSize=10)
    canvas.setTitle(f"{TITLE} {letter.association}")
    canvas.setAuthor(letter.school_district)
    canvas.setSubject("登録コードのお知らせ")
    canvas.setCreator("回覧デスク")
    page = _Page(canvas, setter)
    page.text(wareki(letter.issued_on), _LEFT, page.y, 10, width=_FRAME, align="right", grey=True)
    page.y -= 8 * MM
    page.text(f"{letter.association} 様", _LEFT, page.y, 15, bold=True, width=_FRAME)
    page.y -= 8 * MM
    page.text(f"校下（地区）: {letter.school_district}", _LEFT, page.y, 11, width=_FRAME)
    page.y -= 12 * MM
    page.text(TITLE, _LEFT, page.y, 20, bold=True, width=_FRAME, align="centre")
    page.y -= 13 * MM
    page.paragraph(INTRO, 13)
    page.y -= 4 * MM
    _code_box(page, letter)
    page.steps(ONLINE_HEADING, [step.format(hub_url=letter.hub_url) for step in ONLINE_STEPS])
    page.steps(OFFLINE_HEADING, OFFLINE_STEPS)
    for note in NOTES:
        page.text("・", _LEFT, page.y, 11.5)
        page.paragraph(note, 11.5, _LEFT + 5 * MM, _FRAME - 5 * MM)
    page.y -= 3 * MM
    page.paragraph(letter.contact, 11.5)
    page.text(f"ハブの アドレス: {letter.hub_url}", _LEFT, 14 * MM, 8.5, width=_FRAME, grey=True)
    canvas.showPage()
    canvas.save()
    temporary.replace(path)
    return set(setter.missing)
