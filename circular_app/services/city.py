"""The city view: city staff read the adoption KPI from the hub, export it, manage the registry.

A city "profile" has no roster: :class:`CityService` logs in to the hub with a city staff
account (role 市職員) and reads aggregates only — the KPI per 校下, one 校下's associations
(figures, never content or households). The session token is kept through ``secrets.py``
(the OS keyring) together with the hub address and user name, so reopening the city view on
the same day needs no password; when no keyring works, it lives in memory only.

Exports: the table as CSV with the exact headers and cells of ``hub kpi --format csv``
(Excel-friendly, like the roster export; 「未報告」 and 「申告」 written out by
:mod:`circular_app.domain.kpi_cells`) and the council report PDF with the chart against the
target, where 校下 counted on a declared app (申告) are their own series, never in the line of
measured figures (実績).

Errors are typed for the GUI: a wrong password or an expired session is an
:class:`~circular_app.domain.errors.AuthenticationError` (:class:`CityLoginRequiredError` for the
latter), an unreachable hub a :class:`CityHubUnavailableError`, a refused registry CSV a
:class:`~circular_app.domain.errors.CsvImportError` naming every bad line.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circular_app.domain.action_plan_parse import parse_action_plan
from circular_app.domain.calendar import fiscal_year, fiscal_year_label
from circular_app.domain.errors import (
    AuthenticationError,
    ConflictError,
    CsvImportError,
    CsvProblem,
    NotFoundError,
    UserError,
    ValidationError,
)
from circular_app.domain.kpi_cells import KPI_HEADERS as KPI_HEADERS  # re-exported: the CSV's headers
from circular_app.domain.kpi_cells import KpiCells, cells_of
from circular_app.domain.roster_csv import encode_excel_csv
from circular_app.pdf.council import CouncilReport, render_council_report
from circular_app.pdf.council import month_label as month_label  # re-exported: the chart's labels
from circular_app.secrets import SecretStore
from circular_app.support.files import atomic_write_bytes
from circular_app.sync.city_client import CityClient, CityRejected
from circular_app.sync.client import HubAuthError, HubUnavailable

SECRET_SCOPE = "city"
SESSION_SECRET = "hub_session"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
COUNCIL_TITLE = "地域活動発信アプリの導入状況（校下別）"
SURVEY_EXPLANATION = (
    "調査値は市の調査によるもので、アプリの利用実績から数えた値（折れ線）とは別に示しています。"
)
CityClientFactory = Callable[[str, str | None], CityClient]


class CityLoginRequiredError(AuthenticationError):
    """Not logged in, or the hub no longer accepts the session (expired after 12 hours)."""


class CityHubUnavailableError(UserError):
    """The hub did not answer (network, timeout, server error)."""


@dataclass(frozen=True)
class DistrictFigures:
    """One 校下 of the KPI table."""

    school_district: str
    registered_associations: int
    adopting_associations: int
    households: int
    digital_households: int
    digital_share: float | None
    adopted_since: str | None
    status: str
    declared: bool = False
    declared_households: int = 0
    reported_associations: int = 0
    unreported_associations: int = 0  # connected, no adoption report yet: 「未報告」
    declared_associations: int = 0  # whose declared app (申告) counts

    @property
    def share_text(self) -> str:
        """``12.5%`` (one decimal, as ``hub kpi --format csv``), or "" without households."""
        return f"{self.digital_share * 100:.1f}%" if self.digital_share is not None else ""

    @property
    def figures(self) -> KpiCells:
        """The figures as the shared table cells see them."""
        return cells_of(self)

    @property
    def unreported(self) -> bool:
        """Connected associations and no report from any of them: 世帯数 reads 「未報告」."""
        return self.figures.unreported

    def cells(self) -> tuple[str, ...]:
        """The row as text, in :data:`KPI_HEADERS` order (the same cells as ``hub kpi``)."""
        return tuple(self.figures.cells())


@dataclass(frozen=True)
class SurveyFigure:
    """A survey figure (調査), kept apart from the counted figures."""

    date: dt.date
    value: int
    note: str

    @property
    def month(self) -> str:
        """``YYYY-MM`` of the survey date."""
        return f"{self.date:%Y-%m}"


@dataclass(frozen=True)
class CityKpi:
    """The KPI of one fiscal year as the hub counts it."""

    fiscal_year: int
    target: int
    rule: str
    rule_label: str
    as_of: str
    adopting_school_districts: int
    rows: tuple[DistrictFigures, ...]
    series: tuple[tuple[str, int], ...]
    surveys: tuple[SurveyFigure, ...]
    # Per month of ``series``: of the adopting 校下, how many count on declarations (申告) only.
    declared_series: tuple[int, ...] = ()

    @property
    def declared_school_districts(self) -> int:
        """Of the adopting 校下 at the end of the view, those counted on 申告 only."""
        return self.declared_series[-1] if self.declared_series else 0


@dataclass(frozen=True)
class AssociationFigures:
    """One association of a 校下: figures only."""

    name: str
    adopted: bool
    adopted_since: str | None
    households: int
    digital_households: int
    last_report_month: str | None
    declared_app: str | None
    declared_since: str | None
    enrolled: str | None = None  # "online", "offline" or None (not connected)

    @property
    def unreported(self) -> bool:
        """Connected and no adoption report yet: its households read 「未報告」, not 0."""
        return self.enrolled is not None and self.last_report_month is None


@dataclass(frozen=True)
class DistrictDetail:
    """The associations of one 校下."""

    school_district: str
    adopted_since: str | None
    associations: tuple[AssociationFigures, ...]


@dataclass(frozen=True)
class RegistryImport:
    """What a registry CSV added on the hub."""

    added_school_districts: int
    added_associations: int
    unchanged: int


@dataclass(frozen=True)
class PublishedPlan:
    """The action-plan edition the hub now serves to associations."""

    data_version: int
    title: str


@dataclass(frozen=True)
class ChartData:
    """The chart's values for the screen and the council PDF.

    ``values[i]`` is the adopting 校下 counted on measured evidence (実績) at the end of
    ``months[i]`` (``None`` where the hub has no figure: months of a survey outside the counted
    range); ``declared[i]`` the 校下 counted on declarations (申告) only, drawn as their own
    series (all ``None`` or empty when there are none); ``surveys`` are
    ``(month index, value, note)``; the y axis runs from 0 to ``y_max`` in steps of ``y_step``;
    the months at ``labelled`` (indexes) get a label: every n-th, and always the last one.
    """

    months: tuple[str, ...]
    values: tuple[int | None, ...]
    target: int
    surveys: tuple[tuple[int, int, str], ...]
    y_max: int
    y_step: int
    labelled: tuple[int, ...]
    declared: tuple[int | None, ...] = ()

    @property
    def has_declared(self) -> bool:
        """True when some month has 校下 counted on 申告 only (the series and legend are drawn)."""
        return any(self.declared)


@dataclass(frozen=True)
class CitySession:
    """Where and as whom the city view is logged in."""

    base_url: str
    username: str


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _nice_step(top: int, ticks: int = 6) -> int:
    raw = max(1.0, top / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def chart_data(kpi: CityKpi, max_labels: int = 9) -> ChartData:
    """Months from the first figure or survey to the last one, the counts, the axis."""
    declared_of = dict(zip((m for m, _c in kpi.series), kpi.declared_series, strict=False))
    # The line labelled 実績 leaves out 校下 counted on declarations only: they are their own series.
    series = {m: count - declared_of.get(m, 0) for m, count in kpi.series}
    wanted = sorted({*series, *(s.month for s in kpi.surveys)})
    months: list[str] = []
    if wanted:
        month = wanted[0]
        while month <= wanted[-1]:
            months.append(month)
            month = _next_month(month)
    values = tuple(series.get(m) for m in months)
    declared = tuple(declared_of.get(m) for m in months) if any(declared_of.values()) else ()
    index = {m: i for i, m in enumerate(months)}
    surveys = tuple((index[s.month], s.value, s.note) for s in kpi.surveys)
    top = max(
        [
            kpi.target,
            *(v for v in values if v is not None),
            *(d for d in declared if d is not None),
            *(s.value for s in kpi.surveys),
        ]
    )
    step = _nice_step(math.ceil(top * 1.15))
    y_max = step * math.ceil(top * 1.15 / step)
    every = max(1, math.ceil(len(months) / max_labels))
    last = len(months) - 1
    # Every n-th month, and the last one; a regular label too close to the last is dropped.
    labelled = tuple(i for i in range(len(months)) if i == last or (i % every == 0 and last - i >= every / 2))
    return ChartData(tuple(months), values, kpi.target, surveys, y_max, step, labelled, declared)


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    return int(value) if isinstance(value, int | float) else 0


def _optional_str(value: object) -> str | None:
    return str(value) if value is not None else None


def parse_kpi(data: dict[str, Any]) -> CityKpi:
    """The hub's ``/api/v1/city/kpi`` answer; fields beyond the contract are ignored."""
    rows = tuple(
        DistrictFigures(
            school_district=str(row["school_district"]),
            registered_associations=_int(row, "registered_associations"),
            adopting_associations=_int(row, "adopting_associations"),
            households=_int(row, "households"),
            digital_households=_int(row, "digital_households"),
            digital_share=float(row["digital_share"]) if row.get("digital_share") is not None else None,
            adopted_since=_optional_str(row.get("adopted_since")),
            status=str(row.get("status", "")),
            declared=bool(row.get("declared", False)),
            declared_households=_int(row, "declared_households"),
            reported_associations=_int(row, "reported_associations"),
            unreported_associations=_int(row, "unreported_associations"),
            declared_associations=_int(row, "declared_associations"),
        )
        for row in data.get("rows", [])
    )
    series = tuple((str(p["month"]), int(p["adopting"])) for p in data.get("series", []))
    # A hub without the split counts everything as measured (its older answer had no 申告 series).
    declared_series = tuple(_int(p, "declared") for p in data.get("series", []))
    surveys = tuple(
        SurveyFigure(dt.date.fromisoformat(str(s["date"])[:10]), int(s["value"]), str(s.get("note", "")))
        for s in data.get("surveys", [])
    )
    rule = str(data.get("rule", ""))
    return CityKpi(
        fiscal_year=int(data["fiscal_year"]),
        target=int(data.get("target", 30)),
        rule=rule,
        rule_label=str(data.get("rule_label") or rule),
        as_of=str(data.get("as_of") or (series[-1][0] if series else "")),
        adopting_school_districts=_int(data, "adopting_school_districts"),
        rows=rows,
        series=series,
        surveys=surveys,
        declared_series=declared_series,
    )


def parse_district(data: dict[str, Any]) -> DistrictDetail:
    """The hub's ``/api/v1/city/school-districts/{name}`` answer."""
    associations = []
    for item in data.get("associations", []):
        declared = item.get("declared_app")
        app = declared.get("app") if isinstance(declared, dict) else declared
        since = declared.get("since") if isinstance(declared, dict) else None
        associations.append(
            AssociationFigures(
                name=str(item["name"]),
                adopted=bool(item.get("adopted", False)),
                adopted_since=_optional_str(item.get("adopted_since")),
                households=_int(item, "households"),
                digital_households=_int(item, "digital_households"),
                last_report_month=_optional_str(item.get("last_report_month")),
                declared_app=_optional_str(app),
                declared_since=_optional_str(since),
                enrolled=_optional_str(item.get("enrolled")),
            )
        )
    return DistrictDetail(
        str(data["school_district"]), _optional_str(data.get("adopted_since")), tuple(associations)
    )


class CityService:
    """City staff's view of the hub: log in, read the KPI, export it, manage the registry.

    Methods may be called from a worker thread (the GUI runs them off its thread).
    """

    def __init__(
        self,
        client_factory: CityClientFactory = CityClient,
        secrets: SecretStore | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._client_factory = client_factory
        self._secrets = secrets if secrets is not None else SecretStore(SECRET_SCOPE)
        self._today = today
        self._lock = threading.Lock()
        self._session: CitySession | None = None
        self._token: str | None = None

    # ----- session ---------------------------------------------------------------------------
    @property
    def session(self) -> CitySession | None:
        """The current login, if any."""
        with self._lock:
            return self._session

    def remembered(self) -> CitySession | None:
        """The hub and user of the kept session (to fill in the login form), if any."""
        stored = self._stored()
        return CitySession(stored["url"], stored["username"]) if stored else None

    def _stored(self) -> dict[str, str] | None:
        text = self._secrets.get(SESSION_SECRET)
        if not text:
            return None
        try:
            stored = json.loads(text)
        except ValueError:
            return None
        if not isinstance(stored, dict) or not all(
            isinstance(stored.get(k), str) for k in ("url", "username", "token")
        ):
            return None
        return {k: stored[k] for k in ("url", "username", "token")}

    def resume(self) -> CitySession | None:
        """Use the kept session token (no network); None when there is none."""
        stored = self._stored()
        if stored is None:
            return None
        with self._lock:
            self._session = CitySession(stored["url"], stored["username"])
            self._token = stored["token"]
            return self._session

    def login(self, base_url: str, username: str, password: str) -> bool:
        """Log in; True when the session was kept in the OS keyring for next time."""
        url = base_url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise ValidationError("URL", "hub.bad_url")
        if not username.strip():
            raise ValidationError("ユーザー名", "field.empty")
        if not password:
            raise ValidationError("パスワード", "field.empty")
        try:
            with self._client_factory(url, None) as client:
                token = client.login(username.strip(), password)
        except HubAuthError:
            raise AuthenticationError("auth.wrong_password") from None
        except CityRejected as exc:
            if exc.status == 429:
                raise AuthenticationError("auth.locked_for_a_while") from None
            raise ValidationError("ログイン", exc.reason) from None
        except HubUnavailable as exc:
            raise CityHubUnavailableError("city.hub_unavailable", reason=str(exc)) from None
        with self._lock:
            self._session = CitySession(url, username.strip())
            self._token = token
        kept = json.dumps({"url": url, "username": username.strip(), "token": token})
        return self._secrets.set(SESSION_SECRET, kept)

    def logout(self) -> None:
        """Forget the session here and in the keyring (the hub lets it expire)."""
        with self._lock:
            self._session = None
            self._token = None
        self._secrets.delete(SESSION_SECRET)

    @contextmanager
    def _client(self) -> Iterator[CityClient]:
        """A logged-in client; hub errors become the typed errors of this module."""
        with self._lock:
            session, token = self._session, self._token
        if session is None or token is None:
            raise CityLoginRequiredError("city.login_required")
        try:
            with self._client_factory(session.base_url, token) as client:
                yield client
        except HubAuthError:
            # Expired (12 hours) or revoked: the kept token is of no more use.
            self.logout()
            raise CityLoginRequiredError("city.session_expired") from None
        except HubUnavailable as exc:
            raise CityHubUnavailableError("city.hub_unavailable", reason=str(exc)) from None

    # ----- figures ---------------------------------------------------------------------------
    def current_fiscal_year(self) -> int:
        """This fiscal year (April–March)."""
        return fiscal_year(self._today())

    def kpi(self, year: int | None = None) -> CityKpi:
        """The KPI per 校下 of fiscal ``year`` (default: this one)."""
        with self._client() as client:
            return parse_kpi(client.kpi(year if year is not None else self.current_fiscal_year()))

    def school_district(self, name: str, year: int | None = None) -> DistrictDetail:
        """One 校下's associations with their figures."""
        try:
            with self._client() as client:
                return parse_district(client.school_district(name, year))
        except CityRejected as exc:
            if exc.status == 404:
                raise NotFoundError("city.district_not_registered", name=name) from None
            raise ValidationError("校下", exc.reason) from None

    # ----- exports ---------------------------------------------------------------------------
    @staticmethod
    def csv_bytes(kpi: CityKpi) -> tuple[bytes, str]:
        """The table as CSV bytes Excel opens (CP932 when possible) and the encoding used."""
        return encode_excel_csv(KPI_HEADERS, (row.cells() for row in kpi.rows))

    def export_csv(self, kpi: CityKpi, path: Path) -> str:
        """Write the table as CSV; return the encoding (``cp932`` or ``utf-8-sig``)."""
        data, encoding = self.csv_bytes(kpi)
        atomic_write_bytes(Path(path), data)
        return encoding

    def council_report(self, kpi: CityKpi, made_on: dt.date | None = None) -> CouncilReport:
        """The council report's values (plain, for ``pdf/council.py``)."""
        chart = chart_data(kpi)
        notes = tuple(survey_note(s) for s in sorted(kpi.surveys, key=lambda s: s.date))
        if notes:
            notes += (SURVEY_EXPLANATION,)
        return CouncilReport(
            title=COUNCIL_TITLE,
            made_on=made_on or self._today(),
            fiscal_year_label=fiscal_year_label(kpi.fiscal_year),
            target=kpi.target,
            adopting=kpi.adopting_school_districts,
            declared_adopting=kpi.declared_school_districts,
            rule=kpi.rule_label,
            rows=tuple(_grouped(row.cells()) for row in kpi.rows),
            months=chart.months,
            values=chart.values,
            surveys=chart.surveys,
            y_max=chart.y_max,
            y_step=chart.y_step,
            labelled=chart.labelled,
            notes=notes,
            declared=chart.declared,
        )

    def export_council_pdf(
        self, kpi: CityKpi, path: Path, font_dir: Path, made_on: dt.date | None = None
    ) -> None:
        """Write the council report PDF."""
        atomic_write_bytes(Path(path), render_council_report(self.council_report(kpi, made_on), font_dir))

    # ----- registry and plan -------------------------------------------------------------------
    def import_registry(self, path: Path) -> RegistryImport:
        """Add the 校下 and associations of a ``校下,町会名`` CSV on the hub (all or nothing)."""
        data = _read_upload(Path(path))
        try:
            with self._client() as client:
                done = client.import_registry(data)
        except CityRejected as exc:
            if exc.problems:
                problems = [CsvProblem(p.line, p.column, p.reason) for p in exc.problems]
                raise CsvImportError(Path(path).name, problems) from None
            raise ValidationError(Path(path).name, exc.reason) from None
        return RegistryImport(
            _int(done, "added_school_districts"), _int(done, "added_associations"), _int(done, "unchanged")
        )

    def publish_action_plan(self, path: Path) -> PublishedPlan:
        """Check a plan file here, then publish it on the hub for every association."""
        data = _read_upload(Path(path))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(Path(path).name, "file.not_utf8") from None
        plan = parse_action_plan(text, Path(path).name)  # the same check the sidebar makes
        try:
            with self._client() as client:
                done = client.publish_action_plan(text)
        except CityRejected as exc:
            if exc.status == 409:
                raise ConflictError("city.plan_not_newer", reason=exc.reason) from None
            raise ValidationError(Path(path).name, exc.reason) from None
        return PublishedPlan(
            int(done.get("data_version", plan.data_version)), str(done.get("title", plan.title))
        )


def _grouped(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Counts with thousands separators (``1,350``) for print; the name and share as they are."""
    return tuple(f"{int(c):,}" if c.isdigit() else c for c in cells)


def survey_note(survey: SurveyFigure) -> str:
    """「調査 2023-06-30: 39校下（note）」: a survey figure is always marked 調査."""
    note = f"（{survey.note}）" if survey.note else ""
    return f"調査 {survey.date.isoformat()}: {survey.value}校下{note}"


def _read_upload(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise ValidationError(path.name, "city.file_too_large", size=size)
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            path.name, "city.file_unreadable", reason=exc.strerror or type(exc).__name__
        ) from None
