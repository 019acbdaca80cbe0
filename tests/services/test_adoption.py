"""Adoption reports: counts only, previewable, and signed files for offline associations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from circular_app.app import ProfileServices
from circular_app.domain.adoption import parse_report
from circular_app.domain.errors import ConflictError, ValidationError
from circular_app.formats.report_file import ReportFileError, code_digest, proof_matches, read_signed
from circular_app.services.adoption import AdoptionService


def test_report_counts_the_demo(demo_services: ProfileServices) -> None:
    """The report counts households, digital readers and digital circulars of the year."""
    report = AdoptionService(demo_services.context).build()
    summary = demo_services.roster.summary()
    assert (report.households_total, report.households_digital) == (summary.households, summary.digital)
    assert report.digital_circulars_published == 7
    assert 0 < report.digital_confirmation_rate <= 1
    assert report.school_district == "見本校下"


def test_report_holds_no_names_or_keys(demo_services: ProfileServices) -> None:
    """Neither a household name nor a household key appears in the report."""
    text = json.dumps(AdoptionService(demo_services.context).build().to_json(), ensure_ascii=False)
    for household in demo_services.roster.list_households():
        assert household.name not in text and household.public_id not in text


def test_unknown_fields_are_refused() -> None:
    """A report carrying an extra field (e.g. names) is refused, naming the field."""
    with pytest.raises(ValidationError, match="names"):
        parse_report({"format": "kairan-desk/adoption-report", "version": 1, "names": ["x"]}, "r.json")


def test_signed_file_verifies_and_proves_the_code(demo_services: ProfileServices, tmp_path: Path) -> None:
    """An offline association's signed file verifies and its key is bound to the code."""
    service = AdoptionService(demo_services.context)
    service.connect_offline("ABCD-1234")
    path = tmp_path / "report.json"
    report = service.export_signed(path)
    verified = read_signed(path.read_bytes(), path.name)
    assert verified.report == report
    assert proof_matches(verified, code_digest("ABCD-1234"))
    assert not proof_matches(verified, code_digest("WRONG-CODE"))


def test_tampered_file_is_refused(demo_services: ProfileServices, tmp_path: Path) -> None:
    """Changing a figure in the signed file breaks the signature."""
    service = AdoptionService(demo_services.context)
    service.connect_offline("ABCD-1234")
    path = tmp_path / "report.json"
    service.export_signed(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["report"]["households_digital"] += 5
    with pytest.raises(ReportFileError, match="署名"):
        read_signed(json.dumps(doc).encode(), "tampered.json")


def test_offline_profile_queues_nothing(demo_services: ProfileServices) -> None:
    """An offline enrollment sends nothing over the network: the outbox stays empty."""
    service = AdoptionService(demo_services.context)
    service.connect_offline("ABCD-1234")
    from circular_app.storage import outbox_repo

    demo_services.roster.add_han("99班")
    with demo_services.context.sessions() as session:
        assert outbox_repo.pending_count(session) == 0


def test_report_month_in_previous_fiscal_year(demo_services: ProfileServices) -> None:
    """A March report belongs to the fiscal year that started the April before."""
    report = AdoptionService(demo_services.context).build(dt.date(2026, 3, 15))
    assert (report.fiscal_year, report.month) == (2025, "2026-03")


def test_practice_profile_never_reports(app: object) -> None:
    """A practice profile refuses to produce an adoption report for the city."""
    from circular_app.app import App
    from circular_app.services.trainer import create_practice

    assert isinstance(app, App)
    context = create_practice(app.profiles)
    try:
        with pytest.raises(ConflictError):
            AdoptionService(context).connect_offline("CODE")
    finally:
        context.close()
