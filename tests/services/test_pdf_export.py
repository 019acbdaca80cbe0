"""Exporting paper copies: which copies, file names, all-or-nothing files, errors, warnings."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Audience, Circular, CircularDraft
from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.reads import is_targeted
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.services.pdf_export import (
    ExportCancelled,
    ExportRequest,
    PdfExportService,
    export_pdf_command,
)
from tests.pdf.helpers import page_count, text_of


@pytest.fixture
def export(app: App, demo_services: ProfileServices) -> PdfExportService:
    """The export service of the demo profile, rendering in this process."""
    s = demo_services
    return PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The output folder (tmp_path itself also holds the app's data folder)."""
    return tmp_path / "out"


def _urgent(s: ProfileServices) -> Circular:
    return next(
        c for c in s.circulars.list_circulars() if c.number is not None and c.urgency.value == "urgent"
    )


def _publish(s: ProfileServices, **changes: object) -> Circular:
    draft = CircularDraft(title="臨時のお知らせ", body="本文です。", **changes)  # type: ignore[arg-type]
    return s.circulars.publish(s.circulars.new_draft(draft).id)


def _prefix(c: Circular) -> str:
    return f"{c.issue_date:%Y-%m}-回覧No{c.number}"


def test_han_copies_one_file_per_han(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """All 班 copies: one readable file per 班 the circular goes to."""
    c = _urgent(demo_services)
    result = export.export(ExportRequest(c.id, han_copies=True), out)
    assert [p.name for p in result.files] == [f"{_prefix(c)}-{n}班.pdf" for n in range(1, 6)]
    assert sorted(out.iterdir()) == sorted(result.files)


def test_grid_follows_the_roster_route(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """The 2班 copy lists that 班's active households once each, in route order."""
    s = demo_services
    c = _urgent(s)
    han = s.roster.list_hans()[1]
    result = export.export(ExportRequest(c.id, han_copies=True, han_ids=(han.id,)), out)
    text = text_of(result.files[0])
    route = [h for h in s.roster.list_households() if h.han_id == han.id and h.active and is_targeted(c, h)]
    positions = [
        text.index(f"{h.route_position}\n{h.name}")
        if f"{h.route_position}\n{h.name}" in text
        else text.index(h.name)
        for h in route
    ]
    assert len(route) >= 5 and positions == sorted(positions)


def test_individual_copies_only_for_paper_households(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """One individual copy per active paper household, none for digital ones."""
    s = demo_services
    c = _urgent(s)
    paper = [h for h in s.roster.list_households() if h.active and h.delivery is Delivery.PAPER]
    result = export.export(ExportRequest(c.id, individual=True), out)
    assert result.copies == len(paper) == len(result.files)
    assert all("-個別-" in p.name for p in result.files)
    digital = [h for h in s.roster.list_households() if h.delivery is Delivery.DIGITAL]
    texts = "".join(text_of(p) for p in result.files)
    assert not any(f"{h.name}\u3000様" in texts for h in digital if h.name not in {p.name for p in paper})


def test_large_print_households_get_large_copies(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """Households that asked for large print get the 150 % copy, the others the normal one."""
    s = demo_services
    large = [
        h for h in s.roster.list_households() if h.active and h.delivery is Delivery.PAPER and h.large_print
    ]
    result = export.export(ExportRequest(_urgent(s).id, individual=True), out)
    assert len([p for p in result.files if p.name.endswith("-拡大150.pdf")]) == len(large) > 0


def test_large_print_at_200_percent(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """large_print with the 200 % setting makes every chosen copy 200 %."""
    han = demo_services.roster.list_hans()[0]
    request = ExportRequest(
        _urgent(demo_services).id, han_copies=True, han_ids=(han.id,), large_print=True, large_print_scale=200
    )
    result = export.export(request, out)
    assert result.files[0].name.endswith("1班-拡大200.pdf")


def test_combined_writes_a_single_file(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """Combined: one PDF holding every copy's pages."""
    c = _urgent(demo_services)
    result = export.export(ExportRequest(c.id, han_copies=True, combined=True), out)
    assert [p.name for p in result.files] == [f"{_prefix(c)}-班回覧用.pdf"]
    assert page_count(result.files[0]) == result.pages and result.copies == 5


def test_file_names_carry_no_resident_names(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """No file name contains a household's name (USB sticks get lost)."""
    s = demo_services
    result = export.export(ExportRequest(_urgent(s).id, han_copies=True, individual=True), out)
    surnames = {h.name.split(" ")[0] for h in s.roster.list_households()}
    assert not [p.name for p in result.files for name in surnames if name in p.name]


def test_cancel_leaves_the_folder_as_it_was(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """Cancelling half-way removes what this batch wrote and keeps older files."""
    out.mkdir()
    old = out / "前回の控え.pdf"
    old.write_bytes(b"%PDF-old")
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done == 3:
            cancel.set()

    with pytest.raises(ExportCancelled):
        export.export(ExportRequest(_urgent(demo_services).id, individual=True), out, progress, cancel)
    assert list(out.iterdir()) == [old] and old.read_bytes() == b"%PDF-old"


def test_failure_leaves_no_partial_files(
    export: PdfExportService, demo_services: ProfileServices, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error on the fourth file leaves no file of the batch behind."""
    import circular_app.pdf.batch as batch

    real = batch.render_job
    calls = []

    def failing(renderer: object, job: batch.Job) -> object:
        calls.append(job)
        if len(calls) == 4:
            raise OSError("disk full")
        return real(renderer, job)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "render_job", failing)
    with pytest.raises(OSError, match="disk full"):
        export.export(ExportRequest(_urgent(demo_services).id, individual=True), out)
    assert list(out.iterdir()) == []


def test_unknown_circular_number_is_a_clear_error(
    app: App, demo_services: ProfileServices, out: Path
) -> None:
    """export-pdf with a 回覧No. that does not exist says so."""
    with pytest.raises(NotFoundError, match=r"回覧No\.999"):
        export_pdf_command(demo_services, "見本", app.paths.fonts, circular=999, out=out)


def test_unknown_han_is_a_clear_error(app: App, demo_services: ProfileServices, out: Path) -> None:
    """--han 9 names the 班 that was not found and the ones there are."""
    c = _urgent(demo_services)
    with pytest.raises(NotFoundError, match="班「9」が見つかりません"):
        export_pdf_command(
            demo_services,
            "見本",
            app.paths.fonts,
            circular=c.number or 0,
            year=c.fiscal_year,
            han="9",
            out=out,
        )


def test_han_the_circular_skips_is_refused(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """A 班 copy of a 班 the circular does not go to is refused with the reason."""
    hans = demo_services.roster.list_hans()
    c = _publish(demo_services, target_han_ids=(hans[0].id,))
    with pytest.raises(ValidationError, match="2班には回覧しません"):
        export.export(ExportRequest(c.id, han_copies=True, han_ids=(hans[1].id,)), out)


def test_digital_only_circular_has_no_paper_copies(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """A digital-only circular refuses 班 and individual copies but still makes a poster."""
    c = _publish(demo_services, audience=Audience.DIGITAL)
    with pytest.raises(ValidationError, match="デジタルのみ"):
        export.export(ExportRequest(c.id, individual=True), out)
    assert len(export.export(ExportRequest(c.id, poster=True), out).files) == 1


def test_paper_only_circular_lists_only_paper_households(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """With audience 紙のみ the grid leaves the digital households out."""
    s = demo_services
    han = s.roster.list_hans()[0]
    c = _publish(s, audience=Audience.PAPER)
    text = text_of(export.export(ExportRequest(c.id, han_copies=True, han_ids=(han.id,)), out).files[0])
    members = [h for h in s.roster.list_households() if h.han_id == han.id and h.active]
    digital_only = {h.name for h in members if h.delivery is Delivery.DIGITAL} - {
        h.name for h in members if h.delivery is Delivery.PAPER
    }
    assert digital_only and not any(name in text for name in digital_only)


def test_missing_character_in_a_name_is_a_warning(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """A name with a character no bundled font has is exported with a warning naming it."""
    s = demo_services
    han = s.roster.list_hans()[0]
    added = s.roster.add_household(HouseholdDraft(name="金 한수", han_id=han.id))
    s.circulars.add_recipients(_urgent(s).id, [added.id])  # この回覧にも加える
    result = export.export(ExportRequest(_urgent(s).id, han_copies=True, han_ids=(han.id,)), out)
    assert (
        len(result.warnings) == 1
        and "한（U+D55C）" in result.warnings[0]
        and "수（U+C218）" in result.warnings[0]
    )


def test_rare_kanji_names_print_without_warning(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """𠮷, 髙 and 﨑 in names print (fallback face) and raise no warning."""
    s = demo_services
    han = s.roster.list_hans()[0]
    added = s.roster.add_household(HouseholdDraft(name="𠮷田 髙﨑", han_id=han.id))
    s.circulars.add_recipients(_urgent(s).id, [added.id])  # この回覧にも加える
    result = export.export(ExportRequest(_urgent(s).id, han_copies=True, han_ids=(han.id,)), out)
    assert result.warnings == () and "𠮷田 髙﨑" in text_of(result.files[0])


def test_corrected_circular_is_marked(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """The demo's corrected circular prints 訂正あり."""
    c = next(c for c in demo_services.circulars.list_circulars() if c.corrected)
    result = export.export(ExportRequest(c.id, han_copies=True), out)
    assert "訂正あり" in text_of(result.files[0])


def test_attached_pdf_is_appended(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """A PDF attached to the circular follows the sheet in the exported file."""
    s = demo_services
    attachment = out.parent / "map.pdf"
    canvas = Canvas(str(attachment))
    canvas.drawString(72, 700, "ATTACHED MAP")
    canvas.showPage()
    canvas.save()
    draft = s.circulars.new_draft(CircularDraft(title="地図つき", body="地図を添付します。"))
    s.circulars.attach(draft.id, attachment)
    c = s.circulars.publish(draft.id)
    result = export.export(ExportRequest(c.id, poster=True), out)
    assert page_count(result.files[0]) == 2 and "ATTACHED MAP" in text_of(result.files[0])


def test_one_household_by_public_id(app: App, demo_services: ProfileServices, out: Path) -> None:
    """export-pdf --household ID makes only that household's copy."""
    s = demo_services
    c = _urgent(s)
    household = next(h for h in s.roster.list_households() if h.delivery is Delivery.PAPER)
    lines = export_pdf_command(
        s,
        "見本",
        app.paths.fonts,
        circular=c.number or 0,
        year=c.fiscal_year,
        household=household.public_id,
        out=out,
    )
    files = list(out.iterdir())
    assert len(files) == 1 and f"{household.name}\u3000様" in text_of(files[0])
    assert lines[0].startswith(f"{c.label}「{c.title}」: 1部")


def test_bad_paper_size_is_a_clear_error(app: App, demo_services: ProfileServices, out: Path) -> None:
    """--size A5 is refused with the sizes there are."""
    with pytest.raises(ValidationError, match="A4・B4・A3"):
        export_pdf_command(demo_services, "見本", app.paths.fonts, circular=1, size="A5", out=out)


def _household_with_language(s: ProfileServices, name: str, language: str) -> int:
    """A paper household of 言語 ``language`` on the urgent circular's route; its id."""
    han = s.roster.list_hans()[0]
    added = s.roster.add_household(HouseholdDraft(name=name, han_id=han.id, language=language))
    s.circulars.add_recipients(_urgent(s).id, [added.id])
    return added.id


def test_vietnamese_household_gets_a_vietnamese_copy(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """言語 ベトナム語: the individual copy's headings and 確認票 are Vietnamese, no warning."""
    household = _household_with_language(demo_services, "Tran Thi Binh", "ベトナム語")
    result = export.export(ExportRequest(_urgent(demo_services).id, household_id=household), out)
    text = text_of(result.files[0])
    assert "Phiếu xác nhận" in text and "Ngày phát hành" in text and "確認票" not in text
    assert result.warnings == ()


def test_nepali_household_gets_english_with_a_warning(
    export: PdfExportService, demo_services: ProfileServices, out: Path
) -> None:
    """Devanagari cannot be shaped yet: the copy is English and the officer is told why."""
    household = _household_with_language(demo_services, "Gurung Maya", "ne")
    result = export.export(ExportRequest(_urgent(demo_services).id, household_id=household), out)
    assert "Confirmation slip" in text_of(result.files[0])
    [warning] = result.warnings
    assert "नेपाली（ne）" in warning and "Gurung Maya" in warning and "English" in warning


def test_language_without_a_font_prints_japanese_with_a_warning(
    export: PdfExportService, demo_services: ProfileServices, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No Korean face on this computer: the copy is Japanese (never boxes) and the warning names who."""
    from circular_app.pdf import paper_language

    monkeypatch.setattr(paper_language, "_system_fonts", dict)
    paper_language.language_fonts.cache_clear()
    try:
        household = _household_with_language(demo_services, "Kim Minsu", "韓国語")
        result = export.export(ExportRequest(_urgent(demo_services).id, household_id=household), out)
    finally:
        paper_language.language_fonts.cache_clear()
    text = text_of(result.files[0])
    assert "確認票" in text and "확인표" not in text
    [warning] = result.warnings
    assert "한국어（ko）を印刷できるフォントがこのパソコンにない" in warning and "Kim Minsu" in warning


def test_vietnamese_copy_prints_the_current_translation_and_japanese_once_it_is_stale(
    app: App, demo_services: ProfileServices, out: Path
) -> None:
    """With a vi translation the copy prints its body (and no 「body stays Japanese」 note); after a
    訂正 of the Japanese the translation is stale and the copy prints the Japanese again."""
    s = demo_services
    export = PdfExportService(
        s.circulars,
        s.roster,
        s.context.ref.name,
        app.paths.fonts,
        workers=1,
        translations=s.translations.current_texts,
    )
    household = _household_with_language(s, "Tran Thi Binh", "ベトナム語")
    circular = _urgent(s)
    s.translations.set(circular.id, "vi", "Thông báo khẩn", "Xin vui lòng đọc ngay thông báo này.")
    text = text_of(export.export(ExportRequest(circular.id, household_id=household), out).files[0])
    assert "Xin vui lòng đọc ngay thông báo này." in text and "Phiếu xác nhận" in text
    assert "Thông báo khẩn" in text  # the translated title, under the Japanese one
    japanese_first_line = circular.body.splitlines()[0][:8]
    assert japanese_first_line not in text

    s.circulars.correct(
        circular.id, replace(circular.as_draft(), body=circular.body + "\n\n追記です。"), "追記"
    )
    again = out / "again"
    text = text_of(export.export(ExportRequest(circular.id, household_id=household), again).files[0])
    assert "Xin vui lòng" not in text and japanese_first_line in text and "追記です。" in text


def test_planning_an_export_needs_no_reportlab() -> None:
    """The export service loads without reportlab: export-pdf's own process plans and reads,
    its render processes draw (circular_app/pdf/warm_pool.py), and the import costs 0.1 s."""
    import subprocess
    import sys

    probe = (
        "import sys, circular_app.services.pdf_export\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab') or m == 'circular_app.pdf.batch'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
