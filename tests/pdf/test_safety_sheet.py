"""The 安否確認 check list: columns and boxes, route order, long 班 over pages, fonts embedded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from circular_app.domain.roster import Delivery, Household
from circular_app.domain.safety import RoundKind, SafetyRound
from circular_app.pdf.safety_sheet import (
    COLUMNS,
    NO_HOUSEHOLDS,
    NO_PHONE,
    REPRINT,
    SafetySheet,
    render_safety_sheet,
)
from tests.pdf.helpers import (
    font_problems,
    page_count,
    page_size_mm,
    page_texts,
    pdftotext_lines,
)

PRINTED = dt.date(2026, 12, 7)


def _household(index: int, name: str, phone: str = "") -> Household:
    return Household(index, f"p{index}", name, "", 1, index, Delivery.PAPER, False, "ja", phone, "", "")


def _render(
    tmp_path: Path, font_dir: Path, households: list[Household], round_: SafetyRound | None = None
) -> Path:
    path = tmp_path / "sheet.pdf"
    missing = render_safety_sheet(path, SafetySheet("見本町会", "3班", households, round_), font_dir, PRINTED)
    assert missing == set()
    return path


def test_one_landscape_page_with_every_column_and_the_reprint_reminder(
    tmp_path: Path, font_dir: Path
) -> None:
    """A short 班 fits one landscape A4 with the columns, the print date and the reminder."""
    path = _render(
        tmp_path, font_dir, [_household(1, "髙橋 一郎", "076-000-0101"), _household(2, "𠮷田 次郎")]
    )
    assert page_count(path) == 1 and page_size_mm(path) == (297, 210)
    text = page_texts(path)[0]
    for word in (*COLUMNS, "3班", "令和8年12月7日", NO_PHONE, "076-000-0101"):
        assert word in text
    assert "印刷し直して" in text and REPRINT.startswith("名簿が変わったら")
    assert font_problems(path) == []


def test_a_long_han_continues_on_more_pages_in_route_order(tmp_path: Path, font_dir: Path) -> None:
    """40 households go over several pages, each with the header again, in the order given."""
    households = [_household(i, f"世帯{i:02d}") for i in range(1, 41)]
    path = _render(tmp_path, font_dir, households)
    texts = page_texts(path)
    assert len(texts) >= 3 and all("（続き）" in t for t in texts[1:])
    joined = "".join(texts)
    positions = [joined.index(f"世帯{i:02d}") for i in range(1, 41)]
    assert positions == sorted(positions)


def test_an_open_drill_is_named_at_the_top(tmp_path: Path, font_dir: Path) -> None:
    """Printed during a drill, the sheet says 【訓練】 with the round's message."""
    drill = SafetyRound(1, RoundKind.RAIN, "大雨の訓練です", True, dt.datetime(2026, 12, 7), "kaichou")
    text = page_texts(_render(tmp_path, font_dir, [_household(1, "見本 一郎")], drill))[0]
    assert "【訓練】大雨" in text and "大雨の訓練です" in text


def test_an_empty_han_says_so(tmp_path: Path, font_dir: Path) -> None:
    """A 班 without households gets a page saying so rather than an empty table."""
    assert NO_HOUSEHOLDS in page_texts(_render(tmp_path, font_dir, []))[0]


def test_pdftotext_reads_the_names(tmp_path: Path, font_dir: Path) -> None:
    """Another reader (poppler) finds the names and the box titles too."""
    lines = pdftotext_lines(_render(tmp_path, font_dir, [_household(1, "山﨑 花子", "090-1")]))
    text = "\n".join(lines)
    assert "山﨑 花子" in text and "要支援" in text and "090-1" in text
