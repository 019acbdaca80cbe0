"""The adoption KPI per 校下: the city's rule, cumulative counting, declared apps, surveys, CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from circular_app.domain.adoption import parse_report
from circular_app.formats.report_file import new_private_key, sign_report
from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.hub.cli.kpi import kpi_csv
from circular_app.hub.services.kpi import KpiService
from circular_app.hub.services.kpi_values import JST, KpiRow, KpiRule, KpiTable, Survey, month_of
from circular_app.hub.services.reports import ReportImporter
from tests.hub.support import (
    Association,
    RunningHub,
    confirm,
    enrolled,
    household_with_circular,
    report_item,
    report_json,
    unique,
)

NewAssociation = Callable[..., Association]
HEADERS = "校下,登録町会数,導入町会数,世帯数,デジタル世帯数,デジタル率,申告世帯数,備考"


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_hub_parser(parser.add_subparsers(dest="command"))
    return run_hub_command(parser.parse_args(argv))


def _this_month() -> str:
    return dt.datetime.now(JST).strftime("%Y-%m")


def _fy(month: str) -> int:
    year, number = int(month[:4]), int(month[5:])
    return year if number >= 4 else year - 1


def _row(hub: RunningHub, district: str, fiscal_year: int | None = None) -> KpiRow:
    table = hub.app.services.kpi.table(fiscal_year)
    return next(row for row in table.rows if row.school_district == district)


@pytest.fixture
def rule(hub: RunningHub) -> Iterator[Callable[[KpiRule], None]]:
    """Switch the city's rule for one test; the default comes back afterwards."""
    kpi = hub.app.services.kpi

    def choose(value: KpiRule) -> None:
        kpi.set_rule(value.value)

    yield choose
    kpi.set_rule(KpiRule.PUBLISHED_AND_CONFIRMED.value, 30)


def test_default_rule_counts_only_after_a_confirmed_digital_circular(hub: RunningHub) -> None:
    """Enrolled: no. Published, unread: no. One household taps 読みました: counted this month."""
    district = unique("既読校下")
    association = enrolled(hub, district)
    try:
        assert hub.app.services.kpi.settings() == (KpiRule.PUBLISHED_AND_CONFIRMED, 30)
        row = _row(hub, district)
        assert row.adopted_since is None and row.status.startswith("未報告")
        household, circular_key = household_with_circular(association)
        row = _row(hub, district)
        assert row.adopted_since is None and row.adopting_associations == 0
        assert "既読がありません" in row.status
        assert confirm(hub, household, circular_key).status_code == 200
        row = _row(hub, district)
        assert row.adopted_since == _this_month() and row.adopting_associations == 1
        assert association.name in row.status and "既読" in row.status and not row.declared
    finally:
        association.client.close()


def test_reports_alone_do_not_count_online_associations_but_give_figures(hub: RunningHub) -> None:
    """An online association's report gives households; the count needs the hub's own records."""
    district = unique("報告校下")
    association = enrolled(hub, district)
    try:
        month = _this_month()
        item = report_item(
            month=month, households_total=120, households_digital=30, digital_confirmation_rate=0.8
        )
        assert association.client.push([item])[0].status == "applied"
        row = _row(hub, district)
        assert (row.households, row.digital_households, row.digital_share) == (120, 30, 0.25)
        assert row.adopted_since is None
    finally:
        association.client.close()


def test_offline_report_counts_under_the_default_rule(
    hub: RunningHub, rule: Callable[[KpiRule], None]
) -> None:
    """A signed file with circulars published and confirmations counts from its month; the rule decides."""
    district = unique("山間校下")
    confirmed = hub.app.services.registry.add_association(unique("山間町会"), district)
    unread = hub.app.services.registry.add_association(unique("谷間町会"), district)
    importer = ReportImporter(hub.app.services.sessions)
    month = "2025-06"

    def file(name: str, code: str, rate: float) -> bytes:
        doc = report_json(
            name, district, month=month, digital_circulars_published=2, digital_confirmation_rate=rate
        )
        return sign_report(parse_report(doc, "t"), new_private_key(), code)

    importer.import_bytes(file(unread.name, unread.code, 0.0), "unread.json")
    assert _row(hub, district, 2025).adopted_since is None
    importer.import_bytes(file(confirmed.name, confirmed.code, 0.4), "confirmed.json")
    row = _row(hub, district, 2025)
    assert (row.adopted_since, row.adopting_associations, row.registered_associations) == (month, 1, 2)
    assert "オフライン報告" in row.status
    assert _row(hub, district, 2024).adopted_since is None  # FY2024 ended before June 2025
    rule(KpiRule.PUBLISHED)
    assert _row(hub, district, 2025).adopting_associations == 2
    rule(KpiRule.REPORTED)
    assert _row(hub, district, 2025).adopting_associations == 2  # 21 digital households each
    table = hub.app.services.kpi.table(2025)
    assert table.rule is KpiRule.REPORTED and table.to_json()["rule"] == "reported"


def test_count_is_cumulative(hub: RunningHub) -> None:
    """Once counted a 校下 stays counted: in later years, and after its association is revoked."""
    district = unique("累計校下")
    association = enrolled(hub, district)
    try:
        household, circular_key = household_with_circular(association)
        confirm(hub, household, circular_key)
    finally:
        association.client.close()
    month = _this_month()
    hub.app.services.registry.revoke_association(association.name)
    row = _row(hub, district)
    assert row.adopted_since == month and row.registered_associations == 0
    assert "累計" in row.status
    later = _row(hub, district, _fy(month) + 1)
    assert later.adopted_since == month
    assert _row(hub, district, _fy(month) - 1).adopted_since is None
    table = hub.app.services.kpi.table(_fy(month) + 1)
    counts = [count for _month, count in table.series]
    assert counts == sorted(counts)  # never goes down
    assert dict(table.series)[month] >= 1


def test_declared_app_counts_under_every_rule_and_is_marked(
    hub: RunningHub, db_url: str, rule: Callable[[KpiRule], None], capsys: pytest.CaptureFixture[str]
) -> None:
    """hub declare-app: the 校下 counts from the declared month, shown as 「申告」 everywhere."""
    district = unique("結校下")
    name = hub.app.services.registry.add_association(unique("結町会"), district).name
    assert (
        _run(
            [
                "hub",
                "declare-app",
                name,
                "--app",
                "結ネット",
                "--since",
                "2023-04",
                "--households",
                "150",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    assert "申告" in capsys.readouterr().out
    for chosen in KpiRule:
        rule(chosen)
        row = _row(hub, district, 2023)
        assert row.adopted_since == "2023-04" and row.declared
        assert "「申告」結ネット" in row.status
        assert row.declared_households == 150 and row.digital_households == 0  # declared ≠ measured
    assert _row(hub, district, 2022).adopted_since is None
    detail = hub.app.services.kpi.district(district).to_json()
    (association,) = detail["associations"]
    assert association["declared_app"] == {
        "app": "結ネット",
        "since": "2023-04",
        "households": 150,
        "declared": True,
        "label": "申告",
    }
    assert _run(["hub", "declare-app", name, "--app", "結ネット", "--since", "2999-01", "--db", db_url]) == 2
    assert (
        _run(["hub", "declare-app", unique("無い町会"), "--app", "x", "--since", "2023-04", "--db", db_url])
        == 2
    )


def test_survey_figures_are_marked(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hub add-survey: in JSON with kind survey / 調査, in the table and the CSV as ［調査］."""
    note = unique("FY2022末 調査 ")
    assert (
        _run(["hub", "add-survey", "--date", "2023-03-31", "--value", "29", "--note", note, "--db", db_url])
        == 0
    )
    assert "調査" in capsys.readouterr().out
    surveys = [s for s in hub.app.services.kpi.table(2022).to_json()["surveys"] if s["note"] == note]
    assert surveys == [{"date": "2023-03-31", "value": 29, "note": note, "kind": "survey", "label": "調査"}]
    assert _run(["hub", "kpi", "--fiscal-year", "2022", "--db", db_url]) == 0
    table = capsys.readouterr().out
    assert f"［調査］2023-03-31: 29校下（{note}）" in table
    out = tmp_path / "kpi.csv"
    assert (
        _run(["hub", "kpi", "--format", "csv", "--fiscal-year", "2022", "--out", str(out), "--db", db_url])
        == 0
    )
    assert f"［調査］2023-03-31: 29校下（{note}）" in _decode(out.read_bytes())
    assert _run(["hub", "add-survey", "--date", "2023-02-30", "--value", "1", "--db", db_url]) == 2


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    return data.decode("cp932")


def test_kpi_csv_headers_encoding_and_count_line(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exact headers, CRLF, Excel's encoding, one row per 校下, the count against the target last."""
    district = unique("CSV校下")
    hub.app.services.registry.add_association(unique("CSV町会"), district)
    out = tmp_path / "kpi.csv"
    assert _run(["hub", "kpi", "--format", "csv", "--out", str(out), "--db", db_url]) == 0
    data = out.read_bytes()
    text = _decode(data)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    lines = text.split("\r\n")
    assert lines[0] == HEADERS
    assert lines[-1] == ""  # the file ends with CRLF
    table = hub.app.services.kpi.table()
    assert lines[-2] == f"導入校下数 {table.adopting_school_districts} / 目標 30"
    records = list(csv.reader(io.StringIO(text)))
    by_district = {r[0]: r for r in records[1:] if len(r) == 8}
    assert len(by_district) == len(table.rows)
    assert by_district[district][1:] == ["1", "0", "0", "0", "", "", ""]  # registered, not connected
    capsys.readouterr()
    assert _run(["hub", "kpi", "--format", "json", "--db", db_url]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["target"] == 30 and doc["adopting_school_districts"] == table.adopting_school_districts
    assert {"fiscal_year", "rule", "rows", "series", "surveys"} <= set(doc)


def test_kpi_csv_is_cp932_or_utf8_with_bom() -> None:
    """CP932 when every character fits (Excel double-click), else UTF-8 with a BOM (𠮷)."""

    def table(name: str) -> KpiTable:
        row = KpiRow(name, 3, 1, 100, 25, 0, "2026-04", False, "")
        return KpiTable(
            2026,
            30,
            KpiRule.PUBLISHED_AND_CONFIRMED,
            "2026-11",
            (row,),
            (),
            (Survey(dt.date(2023, 3, 31), 29, "調査"),),
        )

    data, encoding = kpi_csv(table("髙﨑校下"))
    assert encoding == "cp932" and data.decode("cp932").startswith(
        HEADERS + "\r\n髙﨑校下,3,1,100,25,25.0%,,\r\n"
    )
    data, encoding = kpi_csv(table("𠮷野校下"))
    assert encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf" + HEADERS.encode())
    assert data.decode("utf-8-sig").endswith("導入校下数 1 / 目標 30\r\n")


def test_kpi_csv_neutralises_a_formula_in_a_school_district_name() -> None:
    """A 校下 name is typed by people: one starting with = gets Excel's text apostrophe."""
    row = KpiRow("=cmd|' /C calc'!A0", 3, 1, 100, 25, 0, "2026-04", False, "")
    table = KpiTable(2026, 30, KpiRule.PUBLISHED_AND_CONFIRMED, "2026-11", (row,), (), ())
    data, encoding = kpi_csv(table)
    rows = list(csv.reader(io.StringIO(data.decode(encoding), newline="")))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "3", "1", "100", "25", "25.0%", "", ""]


def test_set_kpi_rule(hub: RunningHub, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """hub set-kpi-rule stores the rule and target; an unknown rule is a usage error."""
    try:
        assert _run(["hub", "set-kpi-rule", "published", "--target", "40", "--db", db_url]) == 0
        assert "published" in capsys.readouterr().out
        assert hub.app.services.kpi.settings() == (KpiRule.PUBLISHED, 40)
        assert hub.app.services.kpi.table().to_json()["target"] == 40
    finally:
        hub.app.services.kpi.set_rule("published_and_confirmed", 30)
    with pytest.raises(SystemExit):
        _run(["hub", "set-kpi-rule", "everything", "--db", db_url])


def test_month_is_japan_time() -> None:
    """A confirmation at 2026-03-31 15:30 UTC is in April in Japan (the new fiscal year)."""
    assert month_of(dt.datetime(2026, 3, 31, 15, 30)) == "2026-04"
    assert month_of(dt.datetime(2026, 3, 31, 14, 59)) == "2026-03"


def test_unreported_and_declared_are_written_out_in_every_format(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An enrolled 町会 that sent nothing reads 未報告 (not 0); a declared app reads 申告: table, CSV, JSON."""
    quiet = unique("未報告校下")
    association = enrolled(hub, quiet)
    association.client.close()
    declared = unique("申告校下")
    name = hub.app.services.registry.add_association(unique("結町会"), declared).name
    hub.app.services.kpi.declare_app(name, "結ネット", "2023-04", 150)

    out = tmp_path / "kpi.csv"
    assert _run(["hub", "kpi", "--format", "csv", "--out", str(out), "--db", db_url]) == 0
    records = {r[0]: r for r in csv.reader(io.StringIO(_decode(out.read_bytes()))) if len(r) == 8}
    assert records[quiet][1:] == ["1", "0", "未報告", "未報告", "", "", "未報告 1町会"]
    assert records[declared][1:] == ["1", "1", "0", "0", "", "150", "申告 1町会"]

    capsys.readouterr()
    assert _run(["hub", "kpi", "--db", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    quiet_line = next(line for line in lines if line.startswith(quiet))
    declared_line = next(line for line in lines if line.startswith(declared))
    assert quiet_line.split()[1:5] == ["1", "0", "未報告", "未報告"] and "未報告 1町会" in quiet_line
    assert "申告 1町会" in declared_line

    assert _run(["hub", "kpi", "--format", "json", "--db", db_url]) == 0
    rows = {r["school_district"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows[quiet]["unreported"] is True and rows[quiet]["remarks"] == "未報告 1町会"
    assert rows[declared]["declared_label"] == "申告" and rows[declared]["remarks"] == "申告 1町会"
    assert rows[declared]["measured_since"] is None and rows[declared]["adopted_since"] == "2023-04"


def test_the_series_keeps_declared_apart_from_measured(hub: RunningHub, db_url: str) -> None:
    """Each month of the series says how many 校下 count on 申告 only: never in the measured figure."""
    district = unique("系列校下")
    name = hub.app.services.registry.add_association(unique("結町会"), district).name
    before = hub.app.services.kpi.table().to_json()["series"][-1]
    hub.app.services.kpi.declare_app(name, "結ネット", "2023-04", None)
    after = hub.app.services.kpi.table().to_json()["series"][-1]
    assert after["adopting"] == before["adopting"] + 1
    assert after["declared"] == before["declared"] + 1 and after["measured"] == before["measured"]
    assert after["measured"] + after["declared"] == after["adopting"]


def test_the_cached_count_is_forgotten_by_every_worker(hub: RunningHub) -> None:
    """The sidebar's cached count lives in the database: a declaration made through one worker's
    service is seen at once by another's (issue 24; it used to wait out the other's cache)."""
    other = KpiService(hub.app.services.sessions)  # a second worker's service on the same database
    before = other.adopting_count()
    name = hub.app.services.registry.add_association(unique("結町会"), unique("共有校下")).name
    hub.app.services.kpi.declare_app(name, "結ネット", "2023-04", None)
    assert other.adopting_count() == before + 1
