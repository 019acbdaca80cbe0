"""Adoption reports on the hub: through sync (online) and as signed files (no internet)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from circular_app.domain.adoption import parse_report
from circular_app.formats.report_file import new_private_key, sign_report
from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.hub.services.reports import ReportRefusedError
from circular_app.hub.storage.models import (
    AdoptionReportRow,
    AssociationRow,
    EnrollmentCodeRow,
    OfflineEnrollmentRow,
    ReportReceiptRow,
)
from circular_app.sync.client import HubAuthError, HubClient, SyncItem
from tests.hub.support import Association, RunningHub, new_key, report_item, report_json, unique

NewAssociation = Callable[..., Association]


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_hub_parser(parser.add_subparsers(dest="command"))
    return run_hub_command(parser.parse_args(argv))


def _stored(hub: RunningHub, name: str) -> list[AdoptionReportRow]:
    with hub.app.services.sessions.read() as session:
        return list(
            session.scalars(
                select(AdoptionReportRow)
                .join(AssociationRow, AssociationRow.id == AdoptionReportRow.association_id)
                .where(AssociationRow.name == name)
                .order_by(AdoptionReportRow.month)
            )
        )


def _counts(hub: RunningHub) -> tuple[int, int, int, int]:
    """Rows that a refused import must not change."""
    with hub.app.services.sessions.read() as session:
        return (
            session.scalar(select(func.count()).select_from(AdoptionReportRow)) or 0,
            session.scalar(select(func.count()).select_from(ReportReceiptRow)) or 0,
            session.scalar(select(func.count()).select_from(OfflineEnrollmentRow)) or 0,
            session.scalar(select(func.count()).where(EnrollmentCodeRow.used_at.is_not(None))) or 0,
        )


# -- online: the sync item ------------------------------------------------------------------------


def test_report_via_sync_applied_then_duplicate_on_replay(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """applied once; the same item again, or the same report_id under a new key, is duplicate."""
    association = new_association()
    item = report_item(month="2026-05", households_total=80, households_digital=30)
    assert [r.status for r in association.client.push([item])] == ["applied"]
    assert [r.status for r in association.client.push([item])] == ["duplicate"]
    again = SyncItem(new_key(), "adoption_report", dict(item.payload))
    assert [r.status for r in association.client.push([again])] == ["duplicate"]
    (row,) = _stored(hub, association.name)
    assert (row.month, row.households_total, row.households_digital, row.via) == ("2026-05", 80, 30, "sync")


def test_newer_report_of_the_same_month_replaces_the_older(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """One row per month: a newer generated_at replaces it, an older one is kept aside."""
    association = new_association()
    first = report_item(month="2026-06", households_total=50, generated_at="2026-06-30T10:00:00")
    newer = report_item(month="2026-06", households_total=52, generated_at="2026-07-01T09:00:00")
    older = report_item(month="2026-06", households_total=40, generated_at="2026-06-01T09:00:00")
    other_month = report_item(month="2026-07", households_total=53)
    results = association.client.push([first, newer, older, other_month])
    assert [r.status for r in results] == ["applied"] * 4
    rows = _stored(hub, association.name)
    assert [(r.month, r.households_total) for r in rows] == [("2026-06", 52), ("2026-07", 53)]
    assert rows[0].report_id == newer.payload["report_id"]


def test_report_with_a_name_field_is_422_and_inconsistent_one_rejected(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Unknown fields are refused whole (no personal data); impossible counts are rejected."""
    association = new_association()
    smuggled = report_json()
    smuggled["names"] = ["見本 一郎"]
    # The hub refuses the batch with 422; the client reports the item as rejected (it is then
    # quarantined by the outbox instead of blocking every later sync), without echoing the name.
    (refused,) = association.client.push([SyncItem(new_key(), "adoption_report", smuggled)])
    assert refused.status == "rejected" and "見本" not in (refused.reason or "")
    (result,) = association.client.push([report_item(households_total=5, households_digital=9)])
    assert result.status == "rejected" and "households_digital" in (result.reason or "")
    (result,) = association.client.push([report_item(month="2026-03", generated_at="2026-13-45T99:00")])
    assert result.status == "rejected" and "generated_at" in (result.reason or "")
    assert _stored(hub, association.name) == []


def test_report_id_that_is_not_a_key_is_422(hub: RunningHub, new_association: NewAssociation) -> None:
    """report_id follows the key pattern (the desktop sends a UUID)."""
    association = new_association()
    (refused,) = association.client.push([report_item(report_id="bad id with spaces")])
    assert refused.status == "rejected" and "report_id" in (refused.reason or "")


# -- offline: signed files ----------------------------------------------------------------------


def _offline_association(hub: RunningHub, district: str = "オフライン校下") -> tuple[str, str]:
    new = hub.app.services.registry.add_association(unique("山あい町会"), district)
    return new.name, new.code


def _signed(name: str, code: str | None, key: str, **kwargs: object) -> bytes:
    report = parse_report(report_json(association=name, **kwargs), "test")  # type: ignore[arg-type]
    return sign_report(report, key, code)


def test_signed_file_import_enrolls_offline_and_stores(hub: RunningHub, db_url: str, tmp_path: Path) -> None:
    """First file: the code authenticates the key and is used up; later files use the key."""
    name, code = _offline_association(hub)
    key = new_private_key()
    first = tmp_path / "report1.json"
    first.write_bytes(_signed(name, code, key, month="2026-09", households_total=40, households_digital=12))
    assert _run(["hub", "import-report", str(first), "--db", db_url]) == 0
    second = tmp_path / "report2.json"
    second.write_bytes(_signed(name, None, key, month="2026-10", households_total=41, households_digital=13))
    assert _run(["hub", "import-report", str(second), "--db", db_url]) == 0
    rows = _stored(hub, name)
    assert [(r.month, r.households_digital, r.via) for r in rows] == [
        ("2026-09", 12, "file"),
        ("2026-10", 13, "file"),
    ]
    listing = {a.name: a for a in hub.app.services.registry.list_associations()}
    assert listing[name].offline and not listing[name].enrolled
    # The code is consumed: it can no longer enroll online.
    with HubClient(hub.base_url) as client, pytest.raises(HubAuthError):
        client.enroll(code)


def test_tampered_file_is_refused_and_changes_nothing(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A figure changed after signing: refused with one line, exit 2, nothing stored, code unused."""
    name, code = _offline_association(hub)
    doc = json.loads(_signed(name, code, new_private_key(), households_digital=12))
    doc["report"]["households_digital"] = 50
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = _counts(hub)
    assert _run(["hub", "import-report", str(path), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("エラー: ") and err.count("\n") == 1 and "署名が一致しません" in err
    assert _counts(hub) == before
    assert _stored(hub, name) == []


def test_replayed_file_is_refused(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same file twice: the second is refused as a replay and changes nothing."""
    name, code = _offline_association(hub)
    path = tmp_path / "report.json"
    path.write_bytes(_signed(name, code, new_private_key(), month="2026-08"))
    assert _run(["hub", "import-report", str(path), "--db", db_url]) == 0
    capsys.readouterr()
    before = _counts(hub)
    assert _run(["hub", "import-report", str(path), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "受け付け済み" in err and err.count("\n") == 1
    assert _counts(hub) == before


def test_unknown_code_or_key_is_refused(hub: RunningHub, tmp_path: Path) -> None:
    """A code the hub never issued, or a later file from an unknown key: refused, nothing changes."""
    importer = _importer(hub)
    before = _counts(hub)
    with pytest.raises(ReportRefusedError, match="一致する町会がありません"):
        importer.import_bytes(_signed("どこか町会", "ZZZZ-ZZZZ-ZZZZ-ZZZZ", new_private_key()), "x.json")
    with pytest.raises(ReportRefusedError, match="どの町会のものか分かりません"):
        importer.import_bytes(_signed("どこか町会", None, new_private_key()), "y.json")
    assert _counts(hub) == before


def test_code_used_online_cannot_authenticate_a_file(hub: RunningHub) -> None:
    """A code already exchanged for a token is used: the file is refused."""
    name, code = _offline_association(hub)
    with HubClient(hub.base_url) as client:
        client.enroll(code)
    with pytest.raises(ReportRefusedError, match="使用済み"):
        _importer(hub).import_bytes(_signed(name, code, new_private_key()), "z.json")


def test_malformed_files_are_refused(hub: RunningHub) -> None:
    """Not JSON, another format, a report with an unknown field: each refused with a reason."""
    importer = _importer(hub)
    name, code = _offline_association(hub)
    with pytest.raises(ReportRefusedError, match="壊れています"):
        importer.import_bytes(b"\x00not json", "a.json")
    with pytest.raises(ReportRefusedError, match="ファイルではありません"):
        importer.import_bytes(b'{"format": "something-else"}', "b.json")
    doc = json.loads(_signed(name, code, new_private_key()))
    doc["report"]["phone"] = "076-000-0000"
    with pytest.raises(ReportRefusedError, match="知らない項目"):
        importer.import_bytes(json.dumps(doc).encode(), "c.json")
    with pytest.raises(ReportRefusedError, match="大きすぎます"):
        importer.import_bytes(b" " * (65 * 1024), "d.json")


def _importer(hub: RunningHub):  # type: ignore[no-untyped-def]
    from circular_app.hub.services.reports import ReportImporter

    return ReportImporter(hub.app.services.sessions)
