"""CityClient and CityService against a real hub on loopback (migrated SQLite file).

The hub is populated through its real interfaces: associations enrolled with codes from its
registry send adoption reports over the real sync API; a declared app, survey figures and a
city staff account are recorded by the hub's own services (what ``hub declare-app``,
``hub add-survey`` and ``hub add-city-user`` do).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from circular_app.domain.adoption import AdoptionReport
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.errors import AuthenticationError, ConflictError, CsvImportError, NotFoundError
from circular_app.domain.roster_csv import encode_excel_csv
from circular_app.hub.services.kpi import CSV_HEADERS, rows_for_csv
from circular_app.paths import bundle_root
from circular_app.secrets import SecretStore
from circular_app.services.city import (
    KPI_HEADERS,
    SECRET_SCOPE,
    SESSION_SECRET,
    CityHubUnavailableError,
    CityLoginRequiredError,
    CityService,
    chart_data,
)
from circular_app.sync.city_client import CityClient, CityRejected
from circular_app.sync.client import HubAuthError, HubClient, SyncItem
from tests.hub.support import RunningHub
from tests.ui.sync.test_dialogs import dead_url, sqlite_hub

CITY_USER = "dx-tantou"
CITY_PASSWORD = "kanazawa-city-2026"
TODAY = dt.date.today()
FY = fiscal_year(TODAY)
PLAN_FILE = bundle_root() / "resources" / "action_plan" / "kanazawa-region-2023.json"


def _month(back: int) -> str:
    """The month ``back`` months before this one, ``YYYY-MM``."""
    index = TODAY.year * 12 + TODAY.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class Adopter:
    """An association that reports (name, 校下, months reported, households, digital)."""

    name: str
    district: str
    months: tuple[str, ...]
    households: int
    digital: int


def report_item(adopter: Adopter, month: str) -> SyncItem:
    """The adoption report of one month, as a desktop queues it."""
    year, number = (int(p) for p in month.split("-"))
    report = AdoptionReport(
        report_id=str(uuid.uuid4()),
        association=adopter.name,
        school_district=adopter.district,
        fiscal_year=fiscal_year(dt.date(year, number, 1)),
        month=month,
        households_total=adopter.households,
        households_digital=adopter.digital,
        digital_circulars_published=3,
        digital_confirmation_rate=0.5,
        generated_at=dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
    )
    return SyncItem(str(uuid.uuid4()), "adoption_report", report.to_json())


def enroll_and_report(hub: RunningHub, adopter: Adopter) -> None:
    """Register the association, enroll it through the API and send its reports."""
    code = hub.app.services.registry.add_association(adopter.name, adopter.district).code
    with HubClient(hub.base_url) as client:
        client.enroll(code)
        if adopter.months:
            results = client.push([report_item(adopter, m) for m in adopter.months])
            assert [r.status for r in results] == ["applied"] * len(adopter.months), results


ADOPTERS = (
    Adopter("泉野一丁目町会", "泉野校下", (_month(8), _month(2), _month(1)), 120, 40),
    Adopter("泉野二丁目町会", "泉野校下", (), 0, 0),
    Adopter("長町町会", "長町校下", (_month(3),), 80, 10),
    Adopter("菊川町会", "菊川校下", (), 0, 0),
    Adopter("犀川町会", "犀川校下", (), 0, 0),
)
SURVEYS = ((dt.date(2023, 3, 31), 29, "令和4年度末"), (dt.date(2023, 6, 30), 39, "令和5年6月"))


def populate(hub: RunningHub, adopters: tuple[Adopter, ...] = ADOPTERS) -> None:
    """Associations and reports, a declared app, the survey figures and a city account.

    The city's rule is set to ``reported`` (a report with digital readers counts), so that
    reports of past months sent through sync make the history of the chart.
    """
    hub.app.services.kpi.set_rule("reported")
    for adopter in adopters:
        enroll_and_report(hub, adopter)
    hub.app.services.kpi.declare_app("菊川町会", "結ネット", _month(14), 60)
    for date, value, note in SURVEYS:
        hub.app.services.kpi.add_survey(date, value, note)
    hub.app.services.city.add_user(CITY_USER, CITY_PASSWORD)


@contextmanager
def city_hub(folder: Path) -> Iterator[RunningHub]:
    """A populated hub on a migrated SQLite file in ``folder``, on a loopback port."""
    with sqlite_hub(folder) as running:
        populate(running)
        yield running


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with city_hub(tmp_path_factory.mktemp("cityhub")) as running:
        yield running


@pytest.fixture
def city(hub: RunningHub) -> CityService:
    """A city service logged in to the hub."""
    service = CityService()
    service.login(hub.base_url, CITY_USER, CITY_PASSWORD)
    return service


# ----- the client ------------------------------------------------------------------------------
def test_client_logs_in_and_reads_the_contract(hub: RunningHub) -> None:
    """login → token; kpi has the contract's fields; a bearer is required."""
    with CityClient(hub.base_url) as client:
        token = client.login(CITY_USER, CITY_PASSWORD)
        assert token and client.token == token
        data = client.kpi(FY)
        district = client.school_district("泉野校下", FY)
    assert {"fiscal_year", "target", "rule", "adopting_school_districts", "rows", "series", "surveys"} <= set(
        data
    )
    assert data["target"] == 30
    assert {"school_district", "associations"} <= set(district)
    with CityClient(hub.base_url) as anonymous, pytest.raises(HubAuthError):
        anonymous.kpi(FY)


def test_client_refuses_a_wrong_password(hub: RunningHub) -> None:
    """A wrong password is HubAuthError (401)."""
    with CityClient(hub.base_url) as client, pytest.raises(HubAuthError):
        client.login(CITY_USER, "not the password")


def test_client_names_the_bad_lines_of_a_registry_csv(hub: RunningHub) -> None:
    """A refused CSV carries the hub's list of problems."""
    with CityClient(hub.base_url) as client:
        client.login(CITY_USER, CITY_PASSWORD)
        with pytest.raises(CityRejected) as refused:
            client.import_registry("校下,町会名\r\n泉野校下,\r\n".encode())
    assert refused.value.status == 422
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "町会名")]


# ----- the service -------------------------------------------------------------------------------
def test_kpi_rows_per_school_district(city: CityService) -> None:
    """Each 校下 has its registered and adopting associations and reported households."""
    kpi = city.kpi(FY)
    rows = {row.school_district: row for row in kpi.rows}
    assert {"泉野校下", "長町校下", "菊川校下", "犀川校下"} <= set(rows)
    izumino = rows["泉野校下"]
    assert (izumino.registered_associations, izumino.adopting_associations) == (2, 1)
    assert (izumino.households, izumino.digital_households) == (120, 40)
    assert izumino.cells()[5] == "33.3%"
    assert izumino.cells()[-1] == "未報告 1町会"  # 泉野二丁目町会 is connected and sent nothing
    assert rows["犀川校下"].adopted_since is None and rows["犀川校下"].cells()[5] == ""
    assert rows["菊川校下"].declared  # counted on a declaration only (申告)


def test_unreported_and_declared_are_written_out(city: CityService) -> None:
    """A connected 校下 with no report reads 未報告, not 0; a declared app reads 申告 with its households."""
    rows = {row.school_district: row for row in city.kpi(FY).rows}
    assert rows["犀川校下"].cells()[3:] == ("未報告", "未報告", "", "", "未報告 1町会")
    assert rows["菊川校下"].cells()[6:] == ("60", "申告 1町会／未報告 1町会")
    assert rows["長町校下"].cells()[3:] == ("80", "10", "12.5%", "", "")


def test_kpi_counts_adopting_school_districts_against_30(city: CityService) -> None:
    """Three 校下 adopt (two by reports, one declared); the target is 30; the series ends there."""
    kpi = city.kpi(FY)
    assert kpi.target == 30
    assert kpi.adopting_school_districts == 3
    assert kpi.series[-1][1] == 3
    assert kpi.rule_label  # the city's rule in words
    assert [(s.value, s.note) for s in kpi.surveys] == [(29, "令和4年度末"), (39, "令和5年6月")]


def test_chart_spans_the_surveys_and_the_counts(city: CityService) -> None:
    """The chart's months run from the first survey to now; survey months have no count."""
    kpi = city.kpi(FY)
    chart = chart_data(kpi)
    assert chart.months[0] == "2023-03" and chart.months[-1] == kpi.series[-1][0]
    assert chart.values[0] is None and chart.values[-1] == 2  # 実績 only: 菊川校下 is 申告
    assert chart.declared[-1] == 1 and kpi.series[-1][1] == 3
    assert [(chart.months[i], v) for i, v, _n in chart.surveys] == [("2023-03", 29), ("2023-06", 39)]
    assert chart.target == 30 and chart.y_max >= 39 and chart.y_max % chart.y_step == 0


def test_drill_down_shows_figures_only(city: CityService) -> None:
    """A 校下's associations with their figures; nothing about households or content."""
    detail = city.school_district("泉野校下", FY)
    by_name = {a.name: a for a in detail.associations}
    assert set(by_name) == {"泉野一丁目町会", "泉野二丁目町会"}
    first = by_name["泉野一丁目町会"]
    assert first.adopted and (first.households, first.digital_households) == (120, 40)
    assert first.last_report_month == _month(1)
    assert not by_name["泉野二丁目町会"].adopted
    assert by_name["泉野二丁目町会"].unreported and not first.unreported
    declared = city.school_district("菊川校下", FY).associations[0]
    assert declared.declared_app == "結ネット" and declared.declared_since == _month(14)


def test_unknown_school_district_is_not_found(city: CityService) -> None:
    """A name the hub does not know."""
    with pytest.raises(NotFoundError):
        city.school_district("存在しない校下", FY)


def test_csv_export_matches_hub_kpi_csv(city: CityService, hub: RunningHub, tmp_path: Path) -> None:
    """The city view's CSV is byte for byte what ``hub kpi --format csv`` writes."""
    assert KPI_HEADERS == CSV_HEADERS
    kpi = city.kpi(FY)
    target = tmp_path / "kpi.csv"
    encoding = city.export_csv(kpi, target)
    expected, expected_encoding = encode_excel_csv(CSV_HEADERS, rows_for_csv(hub.app.services.kpi.table(FY)))
    assert target.read_bytes() == expected and encoding == expected_encoding == "cp932"
    assert (
        target.read_bytes().decode("cp932").splitlines()[0]
        == "校下,登録町会数,導入町会数,世帯数,デジタル世帯数,デジタル率,申告世帯数,備考"
    )


def test_wrong_password_is_an_authentication_error(hub: RunningHub) -> None:
    """The login says so in the words the GUI translates."""
    with pytest.raises(AuthenticationError, match="ユーザー名またはパスワードが違います"):
        CityService().login(hub.base_url, CITY_USER, "wrong-password-123")


def test_session_is_kept_in_the_keyring(city: CityService, hub: RunningHub) -> None:
    """A new service (the next start) resumes without the password."""
    again = CityService()
    session = again.resume()
    assert session is not None and (session.base_url, session.username) == (hub.base_url, CITY_USER)
    assert again.kpi(FY).adopting_school_districts == 3
    assert CITY_PASSWORD not in (SecretStore(SECRET_SCOPE).get(SESSION_SECRET) or "")


def test_an_expired_session_asks_for_login_and_is_forgotten(hub: RunningHub) -> None:
    """A token the hub no longer accepts: CityLoginRequiredError, and the keyring is cleared."""
    SecretStore(SECRET_SCOPE).set(
        SESSION_SECRET, json.dumps({"url": hub.base_url, "username": CITY_USER, "token": "expired-token"})
    )
    service = CityService()
    assert service.resume() is not None
    with pytest.raises(CityLoginRequiredError):
        service.kpi(FY)
    assert service.remembered() is None and service.session is None


def test_not_logged_in_asks_for_login() -> None:
    """Without a session nothing is sent."""
    with pytest.raises(CityLoginRequiredError):
        CityService().kpi(FY)


def test_hub_down_is_unavailable() -> None:
    """Nothing listening: CityHubUnavailableError, for login too."""
    with pytest.raises(CityHubUnavailableError):
        CityService().login(dead_url(), CITY_USER, CITY_PASSWORD)


def test_registry_import_adds_school_districts(city: CityService, tmp_path: Path) -> None:
    """A 校下,町会名 CSV (CP932, as Excel saves it) adds what is new."""
    source = tmp_path / "registry.csv"
    source.write_bytes(
        "校下,町会名\r\n新神田校下,新神田一丁目町会\r\n新神田校下,新神田二丁目町会\r\n".encode("cp932")
    )
    done = city.import_registry(source)
    assert (done.added_school_districts, done.added_associations, done.unchanged) == (1, 2, 0)
    assert city.import_registry(source).unchanged == 2
    rows = {row.school_district: row for row in city.kpi(FY).rows}
    assert rows["新神田校下"].registered_associations == 2 and rows["新神田校下"].adopting_associations == 0


def test_registry_import_refuses_bad_lines(city: CityService, tmp_path: Path) -> None:
    """A bad line is named; nothing is imported."""
    source = tmp_path / "bad.csv"
    source.write_text("校下,町会名\n森山校下,森山町会\n森山校下,\n", encoding="utf-8")
    with pytest.raises(CsvImportError) as refused:
        city.import_registry(source)
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "町会名")]
    assert "森山校下" not in {row.school_district for row in city.kpi(FY).rows}


def test_publish_action_plan_once(city: CityService) -> None:
    """The bundled plan is accepted once; the same edition again is a conflict."""
    published = city.publish_action_plan(PLAN_FILE)
    assert published.data_version >= 1 and published.title
    with pytest.raises(ConflictError):
        city.publish_action_plan(PLAN_FILE)
