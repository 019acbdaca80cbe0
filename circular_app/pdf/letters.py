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
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4

from circular_app.domain.calendar import wareki
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, draw_qr, pdf_file
from circular_app.pdf.typeset import Typesetter

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
_BLACK = 0.0


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


def _code_box(page: PlainPage, letter: EnrollmentLetter) -> None:
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
    draw_qr(canvas, letter.enroll_url, qr_x, top - 4 * MM - _QR, _QR)
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
    with pdf_file(
        path,
        title=f"{TITLE} {letter.association}",
        author=letter.school_district,
        subject="登録コードのお知らせ",
    ) as canvas:
        page = PlainPage(canvas, setter, _LEFT, _FRAME, _PAGE_H - _TOP)
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
        page.bullets(NOTES, 11.5)
        page.y -= 3 * MM
        page.paragraph(letter.contact, 11.5)
        page.text(f"ハブの アドレス: {letter.hub_url}", _LEFT, 14 * MM, 8.5, width=_FRAME, grey=True)
        canvas.showPage()
    return set(setter.missing)
