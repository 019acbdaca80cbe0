"""Answer slips (回答票) in the paper copies: per household on individual and 班 copies, or a column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki
from circular_app.domain.errors import ValidationError
from circular_app.services.pdf_export import ExportRequest, PdfExportService, SlipMode, export_pdf_command
from circular_app.services.sync import PrintLinks
from tests.pdf.helpers import pdftotext_lines, qr_codes, qr_matrix
from tests.services.test_answers import World


@pytest.fixture
def world(services: ProfileServices) -> Iterator[World]:
    w = World(services)
    yield w
    for context in w.opened:
        context.close()


def _service(world: World, links: PrintLinks | None = None) -> PdfExportService:
    s = world.services
    return PdfExportService(
        s.circulars,
        s.roster,
        "テスト町会",
        s.font_dir,
        workers=1,
        links=(lambda _cid: links) if links is not None else None,
        forms=s.answers.form,
    )


def _text(path: Path) -> str:
    return "\n".join(pdftotext_lines(path)).replace("\u3000", " ")


def _slip_pages(path: Path) -> list[str]:
    """The text of each page that is an answer slip page."""
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return [p for p in pages if "回答票" in p]


def test_individual_copies_carry_their_households_slip_with_questions_deadline_and_whom(
    world: World, tmp_path: Path
) -> None:
    """One slip per household: label, name, every question with its choices, 和暦 deadline, hand-to."""
    s = world.services
    leader = world.households[0]
    s.roster.set_han_leader(world.hans[0].id, leader.id)
    url = "https://hub.example/r/tok123/c/key9"
    links = PrintLinks("https://hub.example/b/board", {world.households[1].id: url})
    result = _service(world, links).export(ExportRequest(world.circular.id, individual=True), tmp_path)
    assert len(result.files) == 6
    first = next(p for p in result.files if p.name.endswith("-個別-1班-02.pdf"))
    text = _text(first)
    deadline = wareki(world.answers.results(world.circular.id).deadline, weekday=True)
    for expected in (
        "回答票",
        "1班-2",
        "1班の世帯2",
        "問1",
        "総会に出席しますか",
        "出席（",
        "欠席",
        "ご都合のよい日",
        "土曜",
        "日曜",
        "手伝えること（いくつでも）",
        "会場準備",
        "お子さんの人数（0〜5）",
        "ご意見（20字まで）",
        deadline,
        f"班長の {leader.name} 様へお渡しください",
    ):
        assert expected in text, expected
    assert "1班の世帯3" not in "".join(_slip_pages(first))
    # Its own reader link as a QR code on the slip page (the last page).
    last = len(PdfReader(first).pages) - 1
    assert qr_matrix(url) in qr_codes(first, last)
    # A household without a reader link: no QR code on its slip; the other 班 has no 班長.
    other = next(p for p in result.files if p.name.endswith("-個別-2班-01.pdf"))
    assert qr_codes(other, len(PdfReader(other).pages) - 1) == []
    assert "町会の役員へお渡しください" in _text(other)


def test_han_copies_get_a_slip_per_household_or_an_answer_column(world: World, tmp_path: Path) -> None:
    han = world.hans[0].id
    slips = _service(world).export(
        ExportRequest(world.circular.id, han_copies=True, han_ids=(han,)), tmp_path / "a"
    )
    slip_text = "\n".join(_slip_pages(slips.files[0]))
    for n in (1, 2, 3):
        assert f"1班-{n}" in slip_text and f"1班の世帯{n}" in slip_text
    assert "2班-1" not in slip_text
    column = _service(world).export(
        ExportRequest(world.circular.id, han_copies=True, han_ids=(han,), answer_slips=SlipMode.COLUMN),
        tmp_path / "b",
    )
    text = _text(column.files[0])
    assert _slip_pages(column.files[0]) == []
    assert "答えに○を付けてください" in text and "問2 ご都合のよい日 ［土曜・日曜］" in text
    assert "1 出席・欠席" in text
    assert slips.pages > column.pages


def test_a_circular_without_questions_has_no_slips(world: World, tmp_path: Path) -> None:
    s = world.services
    from circular_app.domain.circulars import CircularDraft

    plain = s.circulars.publish(s.circulars.new_draft(CircularDraft(title="お知らせ", body="本文")).id)
    result = _service(world).export(ExportRequest(plain.id, individual=True), tmp_path)
    assert all(_slip_pages(p) == [] for p in result.files)


def test_export_pdf_command_takes_the_slip_mode(world: World, tmp_path: Path) -> None:
    s = world.services
    number = world.circular.number
    assert number is not None
    export_pdf_command(s, "テスト町会", s.font_dir, circular=number, out=tmp_path, answer_slips="column")
    files = sorted(tmp_path.glob("*.pdf"))
    assert files and all("答えに○を付けてください" in _text(p) for p in files)
    with pytest.raises(ValidationError):
        export_pdf_command(s, "テスト町会", s.font_dir, circular=number, out=tmp_path, answer_slips="both")
