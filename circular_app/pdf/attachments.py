"""Appending attached PDF pages after each copy, with the copy's page numbers stamped on them.

The pages of every attached PDF follow the copy they belong to, in attachment order, and carry
the same "n / N" footer as the sheet itself, so a bundle that comes apart on the board can be
put back together. The output stays deterministic (pypdf writes no file ID or date of its own).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import GOTHIC, FontSet
from circular_app.pdf.model import PdfAttachment

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf is imported where it is used: most circulars have no PDF attachment, and loading it
# costs a batch of copies (export-pdf, a whole process) about 0.05 s.

_NUMBER_SIZE = 9.0


def count_pages(data: bytes) -> int:
    """Pages of a PDF attachment (already checked when it was attached)."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data), strict=False).pages)


@lru_cache(maxsize=256)
def _number_overlay(width: float, height: float, label: str, label_width: float) -> PageObject:
    from pypdf import PdfReader

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True, initialFontName=GOTHIC)
    canvas.setFont(GOTHIC, _NUMBER_SIZE)
    canvas.setFillGray(1.0)
    pad = 3.0
    x = (width - label_width) / 2
    canvas.rect(x - pad, 14 - pad, label_width + 2 * pad, _NUMBER_SIZE + 2 * pad, stroke=0, fill=1)
    canvas.setFillGray(0.0)
    canvas.drawString(x, 14 + 1.5, label)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def append_attachments(
    sheet: bytes,
    ranges: Sequence[tuple[int, int]],
    attachments: Sequence[PdfAttachment],
    fonts: FontSet,
) -> bytes:
    """After each ``(first page, page count)`` copy of ``sheet``, append the attachments' pages."""
    if not attachments:
        return sheet
    from pypdf import PdfReader, PdfWriter

    ours = PdfReader(io.BytesIO(sheet))
    readers = [PdfReader(io.BytesIO(a.data), strict=False) for a in attachments]
    extra = sum(len(r.pages) for r in readers)
    writer = PdfWriter()
    for first, count in ranges:
        for index in range(first, first + count):
            writer.add_page(ours.pages[index])
        number = count
        for reader in readers:
            for source in reader.pages:
                number += 1
                page = writer.add_page(source)
                page.transfer_rotation_to_content()
                box = page.mediabox
                label = f"{number} / {count + extra}"
                label_width = sum(fonts.regular.widths.get(ord(c), 500) for c in label) * _NUMBER_SIZE / 1000
                overlay = _number_overlay(float(box.width), float(box.height), label, label_width)
                page.merge_translated_page(overlay, float(box.left), float(box.bottom), over=True)
    writer.add_metadata(
        {k: v for k, v in (ours.metadata or {}).items() if k in ("/Title", "/Author", "/Subject", "/Creator")}
    )
    writer.compress_identical_objects()  # both clean-ups are on by default (pypdf 5–7)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
