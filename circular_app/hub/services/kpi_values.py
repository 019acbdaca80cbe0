"""The values of the city's adoption KPI (docs/kpi.md): the rule, Japan-time months, the table.

Plain frozen results that :class:`~circular_app.hub.services.kpi.KpiService` computes from the
hub's records and the web pages, the city API and the CLI show; nothing here reads the
database.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Any

from circular_app.domain.errors import ValidationError
from circular_app.domain.kpi_cells import DECLARED, KpiCells, cells_of
from circular_app.domain.text import trim

JST = dt.timezone(dt.timedelta(hours=9), "JST")
MAX_HOUSEHOLDS = 10_000_000
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


class KpiRule(enum.StrEnum):
    """When a 校下 counts as adopting (the city's choice; docs/kpi.md)."""

    PUBLISHED_AND_CONFIRMED = "published_and_confirmed"
    PUBLISHED = "published"
    REPORTED = "reported"

    @property
    def label_ja(self) -> str:
        """The rule in one Japanese sentence."""
        return _RULE_LABELS[self]


DEFAULT_RULE = KpiRule.PUBLISHED_AND_CONFIRMED
_RULE_LABELS = {
    KpiRule.PUBLISHED_AND_CONFIRMED: "町会がデジタル回覧を発行し、1世帯以上が既読にした月から数える",
    KpiRule.PUBLISHED: "町会がデジタル回覧を発行した月から数える",
    KpiRule.REPORTED: "デジタルで読む世帯がある導入状況報告の月から数える",
}


# -- months ----------------------------------------------------------------------------------


def month_of(moment_utc: dt.datetime) -> str:
    """The Japan-time month (``YYYY-MM``) of a naive UTC moment."""
    return moment_utc.replace(tzinfo=dt.UTC).astimezone(JST).strftime("%Y-%m")


def this_month(now_utc: dt.datetime) -> str:
    """The current month in Japan."""
    return month_of(now_utc)


def parse_month(text: str, field_name: str) -> str:
    """``YYYY-MM`` (full-width digits and ``/`` accepted) or ValidationError."""
    value = trim(text).translate(str.maketrans("０１２３４５６７８９／", "0123456789/")).replace("/", "-")
    if len(value) == 6 and value[4] == "-":
        value = f"{value[:5]}0{value[5]}"  # 2023-4 → 2023-04
    found = _MONTH.match(value)
    if found is None or not 1990 <= int(found.group(1)) <= 2200:
        raise ValidationError(field_name, "YYYY-MM の形で書いてください（例 2023-04）")
    return value


def fy_first_month(year: int) -> str:
    """April of fiscal ``year``."""
    return f"{year:04d}-04"


def fy_last_month(year: int) -> str:
    """March after fiscal ``year`` began."""
    return f"{year + 1:04d}-03"


def next_month(month: str) -> str:
    """The month after ``month``."""
    year, number = int(month[:4]), int(month[5:])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (empty when ``first`` > ``last``)."""
    out: list[str] = []
    month = first
    while month <= last:
        out.append(month)
        month = next_month(month)
    return out


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeclaredApp:
    """Another app an association uses, as recorded by city staff (申告)."""

    app: str
    since: str
    households: int | None

    def to_json(self) -> dict[str, Any]:
        """The API form, always marked declared."""
        return {
            "app": self.app,
            "since": self.since,
            "households": self.households,
            "declared": True,
            "label": "申告",
        }


@dataclass(frozen=True)
class Survey:
    """A survey figure (調査): shown beside the counts, never mixed with them."""

    date: dt.date
    value: int
    note: str

    def to_json(self) -> dict[str, Any]:
        """The API form, always marked survey."""
        return {
            "date": self.date.isoformat(),
            "value": self.value,
            "note": self.note,
            "kind": "survey",
            "label": "調査",
        }


@dataclass(frozen=True)
class KpiRow:
    """One 校下 of the KPI table."""

    school_district: str
    registered_associations: int
    adopting_associations: int
    households: int
    digital_households: int
    declared_households: int
    adopted_since: str | None
    declared: bool  # the 校下 counts on a declaration (申告) only
    status: str
    reported_associations: int = 0  # with an adoption report up to the end of the view
    unreported_associations: int = 0  # connected (online or by file), no report yet: 「未報告」
    declared_associations: int = 0  # whose declared app (申告) counts by the end of the view
    measured_since: str | None = None  # first month on the hub's records or reports (実績), no 申告

    @property
    def digital_share(self) -> float | None:
        """Digital households ÷ households (reported figures), or None without any."""
        return round(self.digital_households / self.households, 4) if self.households else None

    def figures(self) -> KpiCells:
        """The row's figures for the shared table cells (未報告, 申告)."""
        return cells_of(self)

    def to_json(self) -> dict[str, Any]:
        """The API row."""
        return {
            "school_district": self.school_district,
            "registered_associations": self.registered_associations,
            "adopting_associations": self.adopting_associations,
            "households": self.households,
            "digital_households": self.digital_households,
            "digital_share": self.digital_share,
            "declared_households": self.declared_households,
            "adopted_since": self.adopted_since,
            "declared": self.declared,
            "status": self.status,
            "measured_since": self.measured_since,
            "reported_associations": self.reported_associations,
            "unreported_associations": self.unreported_associations,
            "unreported": self.figures().unreported,
            "declared_associations": self.declared_associations,
            "declared_label": DECLARED if self.declared_associations else None,
            "remarks": self.figures().remarks(),
        }


@dataclass(frozen=True)
class KpiTable:
    """The KPI for one fiscal year: rows per 校下, the monthly series and the surveys."""

    fiscal_year: int
    target: int
    rule: KpiRule
    as_of: str  # the last month counted: the fiscal year's March, or this month if earlier
    rows: tuple[KpiRow, ...]
    series: tuple[tuple[str, int], ...]
    surveys: tuple[Survey, ...]
    # Of ``series``, the 校下 counted on the hub's records or reports (実績) by each month; the
    # rest count on declarations (申告) only and are drawn as their own series.
    measured: tuple[int, ...] = ()

    @property
    def adopting_school_districts(self) -> int:
        """校下 counted by the end of the view."""
        return sum(1 for row in self.rows if row.adopted_since is not None)

    @property
    def summary_ja(self) -> str:
        """「導入校下数 12 / 目標 30」."""
        return f"導入校下数 {self.adopting_school_districts} / 目標 {self.target}"

    def to_json(self) -> dict[str, Any]:
        """``GET /api/v1/city/kpi`` and ``hub kpi --format json``."""
        return {
            "fiscal_year": self.fiscal_year,
            "target": self.target,
            "rule": self.rule.value,
            "rule_label": self.rule.label_ja,
            "as_of": self.as_of,
            "adopting_school_districts": self.adopting_school_districts,
            "summary": self.summary_ja,
            "rows": [row.to_json() for row in self.rows],
            "series": [
                {"month": month, "adopting": count, "measured": measured, "declared": count - measured}
                for (month, count), measured in zip(
                    self.series, self.measured or [count for _m, count in self.series], strict=True
                )
            ],
            "surveys": [survey.to_json() for survey in self.surveys],
        }


@dataclass(frozen=True)
class AssociationFigures:
    """One association in a 校下's drill-down: figures only."""

    name: str
    adopted: bool
    adopted_since: str | None
    households: int
    digital_households: int
    last_report_month: str | None
    declared_app: DeclaredApp | None
    enrolled: str | None  # "online", "offline" or None
    revoked: bool
    status: str

    def to_json(self) -> dict[str, Any]:
        """The API form."""
        return {
            "name": self.name,
            "adopted": self.adopted,
            "adopted_since": self.adopted_since,
            "households": self.households,
            "digital_households": self.digital_households,
            "last_report_month": self.last_report_month,
            "declared_app": self.declared_app.to_json() if self.declared_app else None,
            "enrolled": self.enrolled,
            "revoked": self.revoked,
            "status": self.status,
        }


@dataclass(frozen=True)
class DistrictDetail:
    """``GET /api/v1/city/school-districts/{name}``."""

    school_district: str
    fiscal_year: int
    rule: KpiRule
    adopted_since: str | None
    associations: tuple[AssociationFigures, ...]

    def to_json(self) -> dict[str, Any]:
        """The API form."""
        return {
            "school_district": self.school_district,
            "fiscal_year": self.fiscal_year,
            "rule": self.rule.value,
            "adopted_since": self.adopted_since,
            "associations": [a.to_json() for a in self.associations],
        }
