"""The 班長's reminder sheet: content, one A4 page, embedded fonts, and what it looks like."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from circular_app.app import ProfileServices
from circular_app.domain.circulars import Status
from circular_app.domain.roster import Delivery, Household
from circular_app.pdf.reminder import (
    NO_PHONE,
    NOTHING_UNREAD,
    TITLE,
    ReminderSheet,
    render_reminder,
    render_reminders,
)
from tests.pdf.helpers import font_problems, make_circular, page_count, page_size_mm, page_texts, text_of

ASSOCIATION = "見本町会（デモ）"


def _household(index: int, name: str, phone: str = "", delivery: Delivery = Delivery.PAPER) -> Household:
    return Household(index, f"p{index}", name, "", 3, index, delivery, False, "ja", phone, "", "")


UNREAD = [
    _household(1, "見本 一郎", "090-0000-0001"),
    _household(3, "𠮷仮 花子", "076-222-3333"),
    _household(4, "髙見本 次郎"),
    _household(7, "山﨑例 幸子", "090-0000-0007", Delivery.DIGITAL),
]


@pytest.fixture
def sheet(tmp_path: Path, font_dir: Path) -> Path:
    """A reminder for 3班 of circular No.12 with four unread households."""
    path = tmp_path / "reminder.pdf"
    render_reminder(
        path, ASSOCIATION, make_circular(), "3班", UNREAD, font_dir, printed_on=dt.date(2026, 11, 25)
    )
    return path


def _flat(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")


def test_sheet_names_the_circular_and_its_due_date_in_wareki(sheet: Path) -> None:
    """Title, 回覧No., circular title, 班 and the 回覧期限 in 和暦 are on the sheet."""
    text = _flat(text_of(sheet))
    for expected in (TITLE, "回覧No.12", "防災訓練のご案内", "3班", "令和8年12月8日(火)", ASSOCIATION):
        assert _flat(expected) in text


def test_sheet_lists_unread_names_with_their_phones(sheet: Path) -> None:
    """Every unread household is listed with its phone number; 𠮷 stays in the text."""
    text = _flat(text_of(sheet))
    for household in UNREAD:
        assert _flat(household.name) in text
        if household.phone:
            assert household.phone in text


def test_household_without_phone_says_so(sheet: Path) -> None:
    """A household with no recorded phone shows 「（未登録）」 instead of a number."""
    assert NO_PHONE in text_of(sheet)


def test_sheet_is_one_a4_page(sheet: Path) -> None:
    """A 班's list fits on one A4 portrait page."""
    assert page_count(sheet) == 1
    assert page_size_mm(sheet) == (210, 297)


def test_fonts_are_embedded_truetype_and_no_base14(sheet: Path) -> None:
    """Every font is an embedded TrueType program (FontFile2); nothing refers to Helvetica & co."""
    assert font_problems(sheet) == []
    fonts = PdfReader(sheet).pages[0]["/Resources"]["/Font"]
    assert fonts and all(
        "/FontFile2" in f.get_object()["/FontDescriptor"].get_object() for f in fonts.values()
    )


def test_sheet_has_a_contact_box_per_household(sheet: Path) -> None:
    """One check box (a square) is drawn for each unread household."""
    content = PdfReader(sheet).pages[0].get_contents()
    assert content is not None
    squares = [
        line
        for line in content.get_data().decode("latin-1").splitlines()
        if line.endswith(" re S") and abs(float(line.split()[-4]) - float(line.split()[-3])) < 0.01
    ]
    assert len(squares) == len(UNREAD)


def test_nobody_unread_says_thank_you(tmp_path: Path, font_dir: Path) -> None:
    """With no unread household the sheet says so instead of an empty table."""
    path = tmp_path / "none.pdf"
    render_reminder(path, ASSOCIATION, make_circular(), "3班", [], font_dir)
    assert _flat(NOTHING_UNREAD) in _flat(text_of(path))


def test_long_list_continues_on_a_second_page(tmp_path: Path, font_dir: Path) -> None:
    """A list too long for one page goes on, instead of being cut off."""
    many = [_household(i, f"例野 {i}郎", f"090-0000-{i:04d}") for i in range(1, 61)]
    path = tmp_path / "long.pdf"
    render_reminder(path, ASSOCIATION, make_circular(), "3班", many, font_dir)
    assert page_count(path) > 1
    text = text_of(path)
    assert all(f"090-0000-{i:04d}" in text for i in range(1, 61))


def test_service_writes_the_unread_households_of_one_han(
    demo_services: ProfileServices, tmp_path: Path, font_dir: Path
) -> None:
    """write_reminder lists exactly that 班's unread households (and returns how many)."""
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    status = demo_services.reads.circular_status(circular.id)
    han = status.per_han[0][0]
    unread = [h for h in status.unread if h.han_id == han.id and h.active]
    path = tmp_path / "demo.pdf"
    count = demo_services.reads.write_reminder(path, circular.id, han.id, font_dir)
    text = _flat(text_of(path))
    assert count == len(unread)
    assert all(_flat(h.name) in text for h in unread)
    others = [h for h in status.unread if h.han_id != han.id and all(h.name != u.name for u in unread)]
    assert all(_flat(h.name) not in text for h in others)


def test_several_han_get_a_page_each_in_one_pdf(tmp_path: Path, font_dir: Path) -> None:
    """Three 班 give three pages in one file, each naming its own 班 and only its households."""
    sheets = [
        ReminderSheet("1班", UNREAD[:2]),
        ReminderSheet("2班", []),
        ReminderSheet("5班", UNREAD[2:]),
    ]
    path = tmp_path / "several.pdf"
    render_reminders(path, ASSOCIATION, make_circular(), sheets, font_dir)
    pages = [_flat(t) for t in page_texts(path)]
    assert len(pages) == 3
    for page, sheet in zip(pages, sheets, strict=True):
        assert f"{sheet.han_name}班長さま" in page
        assert [h.name for h in UNREAD if _flat(h.name) in page] == [h.name for h in sheet.unread]
    assert _flat(NOTHING_UNREAD) in pages[1]


def _unread_by_han(services: ProfileServices, circular_id: int) -> dict[int, list[str]]:
    status = services.reads.circular_status(circular_id)
    return {
        han.id: [h.name for h in status.unread if h.han_id == han.id and h.active]
        for han, _rate in status.per_han
    }


def test_service_writes_a_page_per_chosen_han(
    demo_services: ProfileServices, tmp_path: Path, font_dir: Path
) -> None:
    """write_reminder with two 班 writes their pages in 班 order, each with that 班's unread households."""
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    unread = _unread_by_han(demo_services, circular.id)
    hans = {h.id: h.name for h in demo_services.roster.list_hans() if h.id in unread}
    first, *_, last = hans
    path = tmp_path / "two.pdf"
    count = demo_services.reads.write_reminder(path, circular.id, [last, first], font_dir)
    pages = [_flat(t) for t in page_texts(path)]
    assert count == len(unread[first]) + len(unread[last])
    assert len(pages) == 2
    for page, han_id in zip(pages, (first, last), strict=True):
        assert f"{hans[han_id]}班長さま" in page
        assert all(_flat(name) in page for name in unread[han_id])
        others = {n for i, names in unread.items() if i != han_id for n in names} - set(unread[han_id])
        assert not [n for n in others if _flat(n) in page]


def test_service_writes_every_han_when_none_is_chosen(
    demo_services: ProfileServices, tmp_path: Path, font_dir: Path
) -> None:
    """An empty choice means every 班 the circular goes to: one page each."""
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    unread = _unread_by_han(demo_services, circular.id)
    path = tmp_path / "all.pdf"
    demo_services.reads.write_reminder(path, circular.id, [], font_dir)
    assert page_count(path) == len(unread) > 1


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_sheet_renders_to_an_image(sheet: Path, tmp_path: Path) -> None:
    """pdftoppm renders the page (a PNG of A4 proportions) without complaint."""
    done = subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-singlefile", str(sheet), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    png = (tmp_path / "page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(height / width - 297 / 210) < 0.01
