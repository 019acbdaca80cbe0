"""pdf_file: the one way a one-off page (letter, slips, card, sheets) reaches its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from circular_app.pdf.fonts import FontSet
from circular_app.pdf.plain_page import pdf_file
from circular_app.pdf.safety_guide import render_safety_guide


def test_the_file_appears_with_its_document_properties(fonts: FontSet, tmp_path: Path) -> None:
    """Title, author, subject and creator are set; only the final file is left."""
    path = tmp_path / "card.pdf"
    with pdf_file(path, title="会長用リンクのカード", author="テスト町会", subject="カード") as canvas:
        canvas.drawString(72, 720, "x")
        canvas.showPage()
    meta = PdfReader(path).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject, meta.creator) == (
        "会長用リンクのカード",
        "テスト町会",
        "カード",
        "回覧デスク",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["card.pdf"]


def test_a_failed_drawing_leaves_the_old_file_and_no_part_file(fonts: FontSet, tmp_path: Path) -> None:
    """An error inside the block keeps what was at ``path`` and leaves no ``.part`` beside it."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), pdf_file(path, title="t") as canvas:
        canvas.showPage()
        raise RuntimeError("drawing failed")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_a_renderer_that_cannot_rename_into_place_leaves_no_part_file(font_dir: Path, tmp_path: Path) -> None:
    """The guide written onto a folder's name fails, and its saved ``.part`` file is removed."""
    folder = tmp_path / "guide.pdf"
    folder.mkdir()
    with pytest.raises(OSError):
        render_safety_guide(folder, font_dir)
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]
