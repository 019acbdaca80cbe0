"""The 「練習用」 watermark: on every page of a practice profile's copies, never on a real one's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.pdf.fonts import GOTHIC, FontSet
from circular_app.pdf.model import CopyKind, CopySpec, GridRow, PdfAttachment, SheetContent
from circular_app.pdf.sheet import SheetRenderer, watermark_pdf
from circular_app.services import trainer
from circular_app.services.pdf_export import ExportRequest, PdfExportService
from tests.pdf.helpers import font_problems, make_circular, page_texts

MARK = "練習用"


def _attachment(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, initialFontName=GOTHIC)
    for number in range(1, pages + 1):
        canvas.setFont(GOTHIC, 14)
        canvas.drawString(72, 700, f"添付の地図 {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _sheet_with_attachment(fonts: FontSet) -> bytes:
    content = SheetContent.of(
        "見本町会",
        make_circular(body="訓練を行います。\n\n" * 40),
        pdfs=(PdfAttachment("地図.pdf", _attachment(2)),),
    )
    copy = CopySpec(CopyKind.HAN, "1班", rows=tuple(GridRow(n, f"見本 {n}") for n in range(1, 13)))
    out = io.BytesIO()
    SheetRenderer(fonts, content).render(copy, out)
    return out.getvalue()


def test_every_page_carries_the_mark(fonts: FontSet) -> None:
    """Sheet pages and appended attachment pages all contain the watermark text."""
    plain = _sheet_with_attachment(fonts)
    marked = watermark_pdf(plain, MARK, fonts)
    texts = page_texts(marked)
    assert len(texts) == len(page_texts(plain)) >= 3
    assert all(MARK in text for text in texts)


def test_watermark_keeps_the_sheet_text_and_embedded_fonts(fonts: FontSet) -> None:
    """The circular's own text stays extractable and every font stays embedded."""
    marked = watermark_pdf(_sheet_with_attachment(fonts), MARK, fonts)
    assert "防災訓練のご案内" in page_texts(marked)[0]
    assert font_problems(marked) == []


@pytest.fixture
def practice(app: App) -> Iterator[ProfileServices]:
    """A small practice profile."""
    services = app.services_for(trainer.create_practice(app.profiles, households=12))
    yield services
    services.context.close()


def _export_all_pages(app: App, s: ProfileServices, out: Path) -> list[str]:
    circular = s.circulars.publish(
        s.circulars.new_draft(CircularDraft(title="練習のお知らせ", body="本文")).id
    )
    service = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    result = service.export(ExportRequest(circular.id, han_copies=True, poster=True), out)
    assert result.files
    return [text for path in result.files for text in page_texts(path)]


def _marks(text: str) -> int:
    # The practice association is called 練習用町会: only the other occurrences are watermarks.
    return text.count(MARK) - text.count(trainer.PRACTICE_PROFILE_NAME)


def test_practice_profile_copies_are_watermarked(app: App, practice: ProfileServices, tmp_path: Path) -> None:
    """Every page of every file exported from a practice profile carries the watermark."""
    texts = _export_all_pages(app, practice, tmp_path / "out")
    assert texts and all(_marks(text) >= 1 for text in texts)


def test_real_profile_copies_are_not_watermarked(
    app: App, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """An association profile's copies carry no watermark."""
    texts = _export_all_pages(app, demo_services, tmp_path / "out")
    assert texts and not any(_marks(text) for text in texts)
