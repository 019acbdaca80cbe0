"""The sync reports the month's adoption counts by itself (issue 18, item 4).

A real hub on a loopback socket (SQLite and PostgreSQL), the real desktop services and HTTP
client: an association that only publishes, records reads and syncs appears in ``hub kpi``
with its households, and the report goes at most daily, with the final figures of a month
once after it ended.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from circular_app.app import App, ProfileServices
from circular_app.cli import build_parser
from circular_app.cli.common import EXIT_OK
from circular_app.cli.sync import COMMANDS
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.reads import Channel, ReadEntry
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.hub.storage.models import AdoptionReportRow, AssociationRow
from circular_app.storage.models import CircularRow, OutboxRow
from tests.hub.support import RunningHub, csrf_of, unique


def _run_hub(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_hub_parser(parser.add_subparsers(dest="command"))
    return run_hub_command(parser.parse_args(argv))


def _connect(hub: RunningHub, desktop: ProfileServices) -> tuple[str, str]:
    """Enroll the desktop in a 校下 of its own: (association name, 校下)."""
    district = unique("自動報告校下")
    new = hub.app.services.registry.add_association(unique("自動報告町会"), district)
    desktop.sync.connect(hub.base_url, new.code)
    return new.name, district


def _tap(hub: RunningHub, url: str, circular_key: str) -> None:
    """A household presses 「読みました」 on its reader page."""
    path = url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"{path}/c/{circular_key}")
        assert page.status_code == 200
        done = http.post(f"{path}/c/{circular_key}/read", data={"csrf": csrf_of(page.text)})
        assert done.status_code == 200


def _hub_reports(hub: RunningHub, name: str) -> dict[str, AdoptionReportRow]:
    with hub.app.services.sessions.read() as session:
        rows = session.scalars(
            select(AdoptionReportRow)
            .join(AssociationRow, AssociationRow.id == AdoptionReportRow.association_id)
            .where(AssociationRow.name == name)
        )
        return {row.month: row for row in rows}


def _queued_months(desktop: ProfileServices) -> list[str]:
    """The months of every adoption report the profile ever queued, in order."""
    with desktop.context.sessions() as session:
        rows = session.scalars(
            select(OutboxRow).where(OutboxRow.kind == "adoption_report").order_by(OutboxRow.id)
        )
        return [json.loads(row.payload)["month"] for row in rows]


def test_an_association_that_only_syncs_appears_in_hub_kpi_csv(
    hub: RunningHub,
    app: App,
    desktop: ProfileServices,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Publish, record reads, `sync --once`: hub kpi --format csv shows 世帯数 and デジタル世帯数, adopting."""
    name, district = _connect(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="秋の防災訓練", body="訓練を行います。")).id
    )
    households = desktop.roster.list_households(include_moved_out=False)
    paper = next(h for h in households if h.delivery is Delivery.PAPER)
    desktop.reads.record(circular.id, [ReadEntry(paper.id, Channel.PAPER, dt.date.today())])
    with desktop.context.sessions() as session:
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    assert hub_key is not None
    desktop.context.close()
    monkeypatch.setenv("KAIRAN_USER", "demo")
    monkeypatch.setenv("KAIRAN_PASSWORD", "kairan-demo")
    parser = build_parser()
    capsys.readouterr()
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--once"])) == EXIT_OK
    assert "導入状況の報告" in capsys.readouterr().out  # nobody ran adoption-report
    assert (
        COMMANDS["reader-links"](app, parser.parse_args(["reader-links", "--circular", str(circular.number)]))
        == 0
    )
    url = capsys.readouterr().out.splitlines()[0].split("\t")[2]
    _tap(hub, url, hub_key)  # a household presses 「読みました」
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--once"])) == EXIT_OK

    out = tmp_path / "kpi.csv"
    assert _run_hub(["hub", "kpi", "--format", "csv", "--out", str(out), "--db", db_url]) == 0
    data = out.read_bytes()
    text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp932")
    lines = list(csv.reader(io.StringIO(text)))
    header, row = lines[0], next(line for line in lines if line[0] == district)
    cells = dict(zip(header, row, strict=False))
    digital = [h for h in households if h.delivery is Delivery.DIGITAL]
    assert cells["世帯数"] == str(len(households)) and len(households) > 0
    assert cells["デジタル世帯数"] == str(len(digital)) and len(digital) > 0
    assert cells["導入町会数"] == "1"  # the default rule: published, and a household confirmed
    assert cells["備考"] == ""  # reported: nothing 未報告
    assert name in {a.name for a in hub.app.services.kpi.district(district).associations if a.adopted}


def test_the_report_goes_at_most_daily_and_the_final_once_after_month_end(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """Same day: no second report; next day: a fresh one; after the month: its final figures, once."""
    name, _district = _connect(hub, desktop)

    def sync_at(day: dt.date, hour: int = 1) -> None:
        # 01:00 UTC is 10:00 in Japan: the same day on both sides.
        desktop.sync.run_once(now=lambda: dt.datetime.combine(day, dt.time(hour)))

    sync_at(dt.date(2026, 11, 29))
    assert _queued_months(desktop) == ["2026-11"]
    sync_at(dt.date(2026, 11, 29), hour=5)
    assert _queued_months(desktop) == ["2026-11"]  # not twice the same day
    sync_at(dt.date(2026, 11, 30))
    assert _queued_months(desktop) == ["2026-11", "2026-11"]
    assert set(_hub_reports(hub, name)) == {"2026-11"}  # the refreshed figures replace the first

    sync_at(dt.date(2026, 12, 1))
    assert _queued_months(desktop) == ["2026-11", "2026-11", "2026-11", "2026-12"]  # final, then current
    sync_at(dt.date(2026, 12, 1), hour=6)
    sync_at(dt.date(2026, 12, 2))
    assert _queued_months(desktop) == ["2026-11", "2026-11", "2026-11", "2026-12", "2026-12"]
    reports = _hub_reports(hub, name)
    assert set(reports) == {"2026-11", "2026-12"}
    assert reports["2026-11"].generated_at == dt.datetime(2026, 12, 1, 1)  # the final figures
    assert reports["2026-12"].generated_at == dt.datetime(2026, 12, 2, 1)


def test_the_day_is_japan_time(hub: RunningHub, desktop: ProfileServices) -> None:
    """A sync at 16:00 UTC on the last day of a month is the 1st in Japan: the month's final goes."""
    _connect(hub, desktop)
    desktop.sync.run_once(now=lambda: dt.datetime(2026, 10, 30, 1))
    desktop.sync.run_once(now=lambda: dt.datetime(2026, 10, 31, 16))
    assert _queued_months(desktop) == ["2026-10", "2026-10", "2026-11"]


def test_a_refreshed_report_replaces_the_figures_and_never_adds_them(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """Two reports of one month through sync: the hub keeps one row with the later figures."""
    name, district = _connect(hub, desktop)
    desktop.sync.run_once(now=lambda: dt.datetime(2026, 11, 2, 1))
    first = _hub_reports(hub, name)["2026-11"].households_total
    desktop.roster.add_household(HouseholdDraft(name="新井 一郎", han_id=desktop.roster.list_hans()[0].id))
    desktop.sync.run_once(now=lambda: dt.datetime(2026, 11, 3, 1))
    (row,) = _hub_reports(hub, name).values()
    assert row.households_total == first + 1
    figures = hub.app.services.kpi.table(2026)
    assert next(r for r in figures.rows if r.school_district == district).households == first + 1


def test_an_association_enrolled_for_files_queues_nothing(hub: RunningHub, desktop: ProfileServices) -> None:
    """connect-hub --offline: the automatic report is never queued (it has no network sync)."""
    new = hub.app.services.registry.add_association(unique("山里町会"), unique("山里校下"))
    desktop.adoption.connect_offline(new.code)
    assert desktop.adoption.queue_due(dt.date(2026, 11, 2), dt.datetime(2026, 11, 2, 1)) == ()
    assert _queued_months(desktop) == []
