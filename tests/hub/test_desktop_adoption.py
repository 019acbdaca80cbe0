"""The desktop's adoption report reaches the hub: online through sync, offline as a signed file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from circular_app.app import ProfileServices
from circular_app.hub.services.reports import ReplayedReportError, ReportImporter
from circular_app.hub.storage.models import AdoptionReportRow, AssociationRow
from tests.hub.support import RunningHub, unique


def _reports(hub: RunningHub, name: str) -> list[AdoptionReportRow]:
    with hub.app.services.sessions.read() as session:
        return list(
            session.scalars(
                select(AdoptionReportRow)
                .join(AssociationRow, AssociationRow.id == AdoptionReportRow.association_id)
                .where(AssociationRow.name == name)
            )
        )


def test_online_report_through_the_desktop_sync(hub: RunningHub, desktop: ProfileServices) -> None:
    """adoption-report (queued in the outbox) → sync → one row on the hub, under the enrolled name."""
    new = hub.app.services.registry.add_association(unique("見本町会"), unique("見本校下"))
    desktop.sync.connect(hub.base_url, new.code)
    report = desktop.adoption.enqueue()
    desktop.sync.run_once()
    (row,) = _reports(hub, new.name)
    assert (row.month, row.households_total, row.households_digital, row.via) == (
        report.month,
        report.households_total,
        report.households_digital,
        "sync",
    )


def test_offline_file_from_the_desktop_is_imported_once(
    hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """connect-hub --offline + adoption-report --export → hub import-report; a replay is refused."""
    new = hub.app.services.registry.add_association(unique("山里町会"), unique("山里校下"))
    desktop.adoption.connect_offline(new.code)
    path = tmp_path / "report.json"
    report = desktop.adoption.export_signed(path, dt.date.today())
    importer = ReportImporter(hub.app.services.sessions)
    done = importer.import_bytes(path.read_bytes(), path.name)
    assert done.association == new.name and done.first_file and done.month == report.month
    with pytest.raises(ReplayedReportError):
        importer.import_bytes(path.read_bytes(), path.name)
    assert len(_reports(hub, new.name)) == 1
