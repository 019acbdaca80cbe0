"""Exported files with personal data: owner-only (0600) and without Excel formulas (issue 19)."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.csv_bytes import decode_csv_bytes
from circular_app.domain.roster import HouseholdDraft
from circular_app.services.pdf_export import ExportRequest, PdfExportService
from circular_app.storage import audit_repo

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

ATTACK = "=cmd|' /C calc'!A0"
FORMULA_CELL = re.compile(r"[\t\r]?[=+\-@]")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _cells(path: Path) -> list[str]:
    text, _ = decode_csv_bytes(path.read_bytes(), path.name)
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would give 0644 files, as on most desktops."""
    old = os.umask(0o022)
    yield None
    os.umask(old)


def _household(services: ProfileServices, name: str = ATTACK) -> None:
    han = services.roster.add_han("1班")
    services.roster.add_household(HouseholdDraft(name=name, han_id=han.id, notes="@メモ"))


@posix_only
def test_roster_export_is_owner_only(services: ProfileServices, tmp_path: Path, loose_umask: None) -> None:
    """export-roster creates its CSV with mode 0600."""
    _household(services)
    path = tmp_path / "export.csv"
    services.roster.export_roster(path)
    assert _mode(path) == 0o600


def test_roster_export_has_no_formula_cell(services: ProfileServices, tmp_path: Path) -> None:
    """A household named like a DDE payload is exported with a leading apostrophe."""
    _household(services)
    path = tmp_path / "export.csv"
    services.roster.export_roster(path)
    cells = _cells(path)
    assert "'" + ATTACK in cells and not [c for c in cells if FORMULA_CELL.match(c)]


@posix_only
def test_matrix_export_is_owner_only_without_formulas(
    services: ProfileServices, tmp_path: Path, loose_umask: None
) -> None:
    """The reader-matrix CSV is 0600 and a formula-like name or title gets an apostrophe."""
    _household(services)
    draft = services.circulars.new_draft(CircularDraft(title="+清掃", body="本文"))
    services.circulars.publish(draft.id)
    path = tmp_path / "matrix.csv"
    services.reads.export_matrix_csv(path)
    assert _mode(path) == 0o600
    cells = _cells(path)
    assert "'" + ATTACK in cells and not [c for c in cells if FORMULA_CELL.match(c)]


@posix_only
def test_audit_export_is_owner_only_without_formulas(
    services: ProfileServices, tmp_path: Path, loose_umask: None
) -> None:
    """The audit CSV is 0600 and a formula-like officer or target is neutralised."""
    with services.context.sessions.begin() as session:
        audit_repo.append(session, ATTACK, "login", "@target", {})
    path = tmp_path / "audit.csv"
    services.audit.export_csv(path)
    assert _mode(path) == 0o600
    cells = _cells(path)
    assert "'" + ATTACK in cells and "'@target" in cells
    assert not [c for c in cells if FORMULA_CELL.match(c)]


@posix_only
def test_backup_to_a_folder_is_owner_only(
    services: ProfileServices, tmp_path: Path, loose_umask: None
) -> None:
    """A backup written to another folder (a USB stick) has mode 0600."""
    _household(services, "控え 太郎")
    backup = services.backups.back_up(destination=tmp_path / "usb")
    assert _mode(backup) == 0o600


@posix_only
def test_pdf_export_files_are_owner_only(
    app: App, demo_services: ProfileServices, tmp_path: Path, loose_umask: None
) -> None:
    """PDFs in the export folder have mode 0600."""
    s = demo_services
    export = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    circular = next(c for c in s.circulars.list_circulars() if c.number is not None)
    result = export.export(ExportRequest(circular.id, han_copies=True), tmp_path / "out")
    assert result.files and all(_mode(path) == 0o600 for path in result.files)


@posix_only
def test_reminder_sheet_is_owner_only(
    app: App, services: ProfileServices, tmp_path: Path, loose_umask: None
) -> None:
    """The 班長's reminder PDF (names of unread households) has mode 0600."""
    _household(services, "未読 太郎")
    circular = services.circulars.publish(
        services.circulars.new_draft(CircularDraft(title="清掃", body="本文")).id
    )
    han = services.roster.list_hans()[0]
    path = tmp_path / "reminder.pdf"
    services.reads.write_reminder(path, circular.id, han.id, app.paths.fonts)
    assert _mode(path) == 0o600
