"""The practice watermark: 「練習用」 across every page of a finished PDF, attachments too."""

from __future__ import annotations

import io
import math
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import FontSet

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf is imported where it is used (only practice profiles' copies get a watermark).

# Light grey, translucent, so the sheet stays readable beneath it.
_WATERMARK_GREY, _WATERMARK_ALPHA = 0.55, 0.3


@lru_cache(maxsize=32)
def _watermark_overlay(width: float, height: float, text: str, font_name: str) -> PageObject:
    """One page of ``width`` × ``height`` with ``text`` large along its rising diagonal."""
    from pypdf import PdfReader

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True, initialFontName=font_name)
    diagonal = math.hypot(width, height)
    size = diagonal * 0.6 / max(1, len(text))  # Japanese glyphs are about one em wide
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    canvas.setFillGray(_WATERMARK_GREY)
    canvas.setFillAlpha(_WATERMARK_ALPHA)
    canvas.setFont(font_name, size)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def watermark_pdf(data: bytes, text: str, fonts: FontSet) -> bytes:
    """``data`` with ``text`` (e.g. 「練習用」) drawn diagonally over every page, attachments too.

    Used for the copies of practice profiles, so that nothing printed in a workshop is taken
    for a real circular. The text is real text (searchable), in the bundled face.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        box = page.mediabox
        overlay = _watermark_overlay(float(box.width), float(box.height), text, fonts.regular.fontName)
        page.merge_translated_page(overlay, float(box.left), float(box.bottom), over=True)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
