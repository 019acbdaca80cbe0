"""A one-page PDF with Japanese text, used by ``self-test`` to prove fonts embed and render."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import GOTHIC, register_fonts

SAMPLE_TEXT = "回覧デスク 自己診断：髙橋様・山﨑様 ご覧になりましたら押印してください。"


def render_sample(path: Path, font_dir: Path) -> None:
    """Write a deterministic one-page PDF with :data:`SAMPLE_TEXT` in the bundled font."""
    register_fonts(font_dir)
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    canvas.setFont(GOTHIC, 14)
    canvas.drawString(72, A4[1] - 72, SAMPLE_TEXT)
    canvas.showPage()
    canvas.save()
