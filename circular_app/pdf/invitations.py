"""Invitation slips: a paper household's own reader link as a QR code, with how to use it.

``export-pdf --invitations`` prints one slip per household, two slips to an A4 sheet with a
cutting line between them (each half is A5, the size of a 回覧 handout). The slip names the
household, so the 班長 hands it to the right door; the link is that household's alone, and the
slip says so. The instructions are in やさしい日本語: short sentences, spaces between phrases,
everyday words, one action per step; a household whose 言語 is another reader language gets
them in its language (the paper catalogs, :mod:`circular_app.pdf.paper_language`).

The caller passes plain values (:class:`InvitationSlip`): nothing here reads a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4

from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.paper_language import N_, PaperText, language_fonts, paper_text
from circular_app.pdf.plain_page import BLACK, GREY, PlainPage, draw_qr, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = N_("回覧板を スマホでも 読めます")
STEPS = (
    N_("スマホの カメラを ひらいて、右の 四角い もよう（QRコード）に むけます。"),
    N_("画面に 出た 文字を おすと、町会の 回覧板の ページが ひらきます。"),
    N_("読んだら、いちばん 下の 大きな「読みました」を おします。"),
)
NOTES = (
    N_("お金は かかりません。アプリも 登録も いりません。"),
    N_("紙の 回覧板も、これまで どおり とどきます。"),
    N_("この QRコードは あなたの 家 だけの ものです。ほかの 人に わたさないで ください。"),
    N_("わからない ときは、班長さんか 町会の 役員に きいて ください。"),
)
QR_CAPTION = N_("あなたの 家 専用")
CUT_LABEL = "きりとり線"
SLIPS_PER_PAGE = 2

_PAGE_W, _PAGE_H = A4
_SLIP_H = _PAGE_H / SLIPS_PER_PAGE
_MARGIN = 14 * MM
_FRAME = _PAGE_W - 2 * _MARGIN
_QR = 50 * MM


@dataclass(frozen=True)
class InvitationSlip:
    """What one slip shows."""

    association: str
    han_name: str
    route_position: int
    household_name: str
    reader_url: str  # the household's own page on the hub: <hub>/r/<token>
    language: str = "ja"  # the paper language (checked printable by the caller)


def _draw_slip(page: PlainPage, slip: InvitationSlip, top: float, t: PaperText) -> None:
    canvas = page.canvas
    left = _MARGIN
    page.y = top - 10 * MM
    page.text(slip.association, left, page.y, 11, grey=True, width=_FRAME * 0.6)
    page.text(
        t("{han}　{number}番", han=slip.han_name, number=slip.route_position),
        left + _FRAME * 0.6,
        page.y,
        11,
        grey=True,
        width=_FRAME * 0.4,
        align="right",
    )
    page.y -= 8 * MM
    page.text(t("{name}　様", name=slip.household_name), left, page.y, 15, bold=True, width=_FRAME)
    page.y -= 10 * MM
    page.text(t(TITLE), left, page.y, 21, bold=True, width=_FRAME)
    page.y -= 12 * MM
    steps_top = page.y
    text_width = _FRAME - _QR - 6 * MM
    page.steps("", [t(step) for step in STEPS], size=13, x=left, width=text_width)
    qr_x = left + _FRAME - _QR
    draw_qr(canvas, slip.reader_url, qr_x, steps_top - _QR, _QR)
    page.text(t(QR_CAPTION), qr_x, steps_top - _QR - 1 * MM, 9, width=_QR, align="centre", grey=True)
    page.y = min(page.y, steps_top - _QR - 7 * MM)
    page.bullets([t(note) for note in NOTES], 11)
    address = t("アドレス: {url}", url=slip.reader_url)
    page.text(address, left, top - _SLIP_H + 9 * MM, 8, width=_FRAME, grey=True)


def _draw_cut_line(page: PlainPage, y: float) -> None:
    canvas = page.canvas
    canvas.saveState()
    canvas.setStrokeGray(GREY)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(8 * MM, y, _PAGE_W - 8 * MM, y)
    canvas.restoreState()
    label = page.setter.line(CUT_LABEL, 7)
    canvas.setFillGray(1.0)
    canvas.rect(
        (_PAGE_W - label.width) / 2 - 2 * MM, y - 2 * MM, label.width + 4 * MM, 4 * MM, stroke=0, fill=1
    )
    canvas.setFillGray(BLACK)
    page.text(CUT_LABEL, 0, y + 3.5, 7, width=_PAGE_W, align="centre", grey=True)


def render_invitations(path: Path, slips: Sequence[InvitationSlip], font_dir: Path) -> set[str]:
    """Write the slips (two per A4 sheet) to ``path``; returns characters no bundled face has.

    The file appears complete or not at all (written beside ``path`` and renamed into place).
    """
    if not slips:
        raise ValueError("no invitation slips to print")
    fonts = register_fonts(font_dir)
    setter = Typesetter(fonts)
    setters = {"ja": setter}
    missing: set[str] = set()
    languages = {s.language for s in slips}
    lang = slips[0].language if len(languages) == 1 and languages != {"ja"} else None
    with pdf_file(
        path,
        title=f"{TITLE}（{slips[0].association}）",
        author=slips[0].association,
        subject="スマホで読むための招待状",
        lang=lang,
    ) as canvas:
        page = PlainPage(canvas, setter, _MARGIN, _FRAME, _PAGE_H)
        for start in range(0, len(slips), SLIPS_PER_PAGE):
            for index, slip in enumerate(slips[start : start + SLIPS_PER_PAGE]):
                if slip.language not in setters:
                    own = language_fonts(font_dir, slip.language)
                    if own is None:
                        raise ValueError(f"no font prints the paper language {slip.language}")
                    setters[slip.language] = Typesetter(own)
                page.setter = setters[slip.language]
                _draw_slip(page, slip, _PAGE_H - index * _SLIP_H, paper_text(font_dir, slip.language))
            page.setter = setter
            _draw_cut_line(page, _PAGE_H - _SLIP_H)
            canvas.showPage()
    for each in setters.values():
        missing |= each.missing
    return missing
