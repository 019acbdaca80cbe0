"""The one-page guide for 班長: what to do when 安否確認 starts, in やさしい日本語.

Large type, short sentences, phrases separated by spaces (分かち書き) so that no word breaks
across a line. It holds no personal data: it can be printed for every 班長 in advance and
is shipped as ``docs/safety-guide-hancho.pdf`` too.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4

from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "安否確認の しかた（班長さんへ）"
LEAD = "大きな 地震や 大雨の あと、 班の みなさんが 無事か どうか たしかめます。"
STEPS = (
    "「安否確認チェック表」を 用意します。 まえもって 印刷して おきましょう。",
    "表の 上から 順番に、 電話を かけます。 電話が つながらない 家には、 行って みます。",
    "答えを 聞いたら、 □に 印を つけます。 無事・要支援・不在 の どれかです。",
    "時刻を 書きます。 けが・薬・ひなんの 手伝い など、 大事な ことは メモに 書きます。",
    "「助けが 必要」な 家が あったら、 すぐに 役員に 知らせます。",
    "全部 おわったら、 表を 役員に わたします。 電話で 伝えても いいです。",
)
SAFETY_HEADING = "気を つける こと"
SAFETY_NOTES = (
    "あなた自身の 安全が いちばん 大事です。 あぶない ときは 外に 出ないで ください。",
    "表には 名前と 電話番号が あります。 ほかの 人に 見せないで ください。",
    "「要配慮」の 印が ある 家は、 先に たしかめて ください。",
    "スマホで 答えた 家は、 役員の パソコンに 出ます。 役員に 聞いて ください。",
)
CLOSING = "わからない ときは、 役員か 会長に 電話して ください。"
_SIZE = 17.0


def render_safety_guide(path: Path, font_dir: Path) -> set[str]:
    """Write the guide (one A4 page) to ``path``; returns characters the fonts could not draw."""
    setter = Typesetter(register_fonts(font_dir))
    with pdf_file(path, title=TITLE, font_size=12) as canvas:
        width, height = A4
        left = 16 * MM
        page = PlainPage(canvas, setter, left, width - 2 * left, height - 16 * MM)
        page.text(TITLE, left, page.y, 24, bold=True, width=page.width)
        page.y -= 15 * MM
        page.paragraph(LEAD, _SIZE, leading=1.5)
        page.y -= 4 * MM
        page.steps("", STEPS, size=_SIZE)
        page.text(SAFETY_HEADING, left, page.y, _SIZE + 2, bold=True)
        page.y -= (_SIZE + 2) * 1.7
        page.bullets(SAFETY_NOTES, _SIZE - 1)
        page.y -= 4 * MM
        page.paragraph(CLOSING, _SIZE, bold=True)
        canvas.showPage()
    return set(setter.missing)
