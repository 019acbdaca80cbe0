"""Invitation slips: two to an A4 sheet, the household's own QR code, fonts embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.pdf.invitations import STEPS, InvitationSlip, render_invitations
from tests.pdf.helpers import (
    font_problems,
    page_count,
    page_size_mm,
    page_texts,
    qr_codes,
    qr_matrix,
    text_of,
)


def _slip(number: int, name: str = "髙橋 一郎") -> InvitationSlip:
    return InvitationSlip("見本町会", "3班", number, name, f"https://hub.example.jp/r/tok{number:03d}_Ab-Cd")


def test_two_slips_per_a4_sheet_each_with_its_own_qr(font_dir: Path, tmp_path: Path) -> None:
    """Three households make two A4 pages; every slip's QR code encodes that household's link."""
    slips = [_slip(1), _slip(2, "山﨑 花子"), _slip(3, "𠮷田 次郎")]
    path = tmp_path / "slips.pdf"
    assert render_invitations(path, slips, font_dir) == set()
    assert page_count(path) == 2 and page_size_mm(path) == (210, 297)
    assert qr_codes(path, 0) == [qr_matrix(slips[0].reader_url), qr_matrix(slips[1].reader_url)]
    assert qr_codes(path, 1) == [qr_matrix(slips[2].reader_url)]
    first, second = page_texts(path)
    assert "髙橋 一郎　様" in first and "山﨑 花子　様" in first and "𠮷田 次郎　様" in second
    assert "きりとり線" in first and "3班　1番" in first
    assert f"アドレス: {slips[2].reader_url}" in second


def test_instructions_are_short_and_break_only_between_phrases(font_dir: Path, tmp_path: Path) -> None:
    """やさしい日本語: each line of a step ends at a phrase boundary (no word split across lines)."""
    path = tmp_path / "slips.pdf"
    render_invitations(path, [_slip(1)], font_dir)
    text = text_of(path)
    phrases = {p for step in STEPS for p in step.split(" ")}
    lines = [line.strip() for line in text.splitlines()]
    step_lines = [line for line in lines if any(line.startswith(p) or line.endswith(p) for p in phrases)]
    assert step_lines
    for line in step_lines:
        words = [w.lstrip("123.") for w in line.split(" ")]
        assert all(w in phrases for w in words if w), line
    assert "お金は かかりません" in text and "ほかの 人に わたさないで ください" in text


def test_every_font_is_embedded(font_dir: Path, tmp_path: Path) -> None:
    """No base-14 font, no unembedded font (the URL too is set in the bundled face)."""
    path = tmp_path / "slips.pdf"
    render_invitations(path, [_slip(1), _slip(2)], font_dir)
    assert font_problems(path) == []


def test_output_is_deterministic_and_atomic(font_dir: Path, tmp_path: Path) -> None:
    """The same slips give the same bytes; a failed write leaves no file and no part file."""
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_invitations(a, [_slip(1)], font_dir)
    render_invitations(b, [_slip(1)], font_dir)
    assert a.read_bytes() == b.read_bytes()
    missing = tmp_path / "no-such-folder" / "c.pdf"
    with pytest.raises(OSError):
        render_invitations(missing, [_slip(1)], font_dir)
    assert not list(tmp_path.glob("**/*.part"))
    with pytest.raises(ValueError):
        render_invitations(tmp_path / "none.pdf", [], font_dir)
