"""The 会長用リンク wallet card: the link as a QR code, to keep in a wallet or a phone case.

One card the size of a business card (91 x 55 mm) on an A4 sheet, with a cutting frame. The
PIN is NOT printed: a lost card alone opens nothing, and the card says so. The instructions
are in やさしい日本語. The caller passes plain values: nothing here reads a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4

from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import GREY, PlainPage, draw_qr, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "会長用リンク（安否確認）"
LINES = (
    "災害の とき、QRコードを スマホで 読みます。",
    "暗証番号（PIN）を 入れると、安否確認を 始めたり、様子を 見たり できます。",
    "PINは この カードに 書かないで ください。",
    "なくしたら、すぐ 町会の パソコンで 取り消して もらって ください。",
)

_PAGE_W, _PAGE_H = A4
_CARD_W, _CARD_H = 91 * MM, 55 * MM
_QR = 34 * MM


@dataclass(frozen=True)
class ChairCard:
    """What the card shows."""

    association: str
    officer: str
    url: str  # <hub>/chair/<token>


def render_chair_card(path: Path, card: ChairCard, font_dir: Path) -> set[str]:
    """Write the card to ``path``; returns characters no bundled face has.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    fonts = register_fonts(font_dir)
    setter = Typesetter(fonts)
    with pdf_file(
        path, title=f"{TITLE}（{card.association}）", author=card.association, subject="会長用リンクのカード"
    ) as canvas:
        left = (_PAGE_W - _CARD_W) / 2
        bottom = _PAGE_H - 30 * MM - _CARD_H
        page = PlainPage(canvas, setter, left + 4 * MM, _CARD_W - 8 * MM, bottom + _CARD_H)
        canvas.saveState()
        canvas.setStrokeGray(GREY)
        canvas.setDash(3, 3)
        canvas.rect(left, bottom, _CARD_W, _CARD_H, stroke=1, fill=0)
        canvas.restoreState()
        text_left = left + 4 * MM
        text_width = _CARD_W - _QR - 10 * MM
        page.text(TITLE, text_left, bottom + _CARD_H - 8 * MM, 10, bold=True, width=text_width)
        page.text(card.association, text_left, bottom + _CARD_H - 14 * MM, 8, grey=True, width=text_width)
        page.text(f"{card.officer} さん用", text_left, bottom + _CARD_H - 19 * MM, 8, width=text_width)
        page.y = bottom + _CARD_H - 25 * MM
        for line in LINES[:2]:
            page.paragraph(line, 6.5, x=text_left, width=text_width, leading=1.4)
        draw_qr(canvas, card.url, left + _CARD_W - _QR - 3 * MM, bottom + (_CARD_H - _QR) / 2, _QR)
        page.text(card.url, left, bottom - 6 * MM, 7, width=_CARD_W, grey=True)
        page.text("点線で 切りとって ください。", left, bottom - 12 * MM, 9, width=_CARD_W, grey=True)
        page.y = bottom - 22 * MM
        page.bullets(LINES, 11, x=left, width=_CARD_W + 40 * MM)
        canvas.showPage()
    return set(setter.missing)
