"""The adoption report an association sends to the city (documented in docs/adoption-report.md).

It carries counts only — never a name or a household key — so that the city's KPI
(結ネット等の地域活動発信アプリ導入数, counted per 校下) comes from real use.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from circular_app.domain.errors import ValidationError

REPORT_FORMAT = "kairan-desk/adoption-report"
REPORT_VERSION = 1
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class AdoptionReport:
    """One association's figures for one month of a fiscal year."""

    report_id: str
    association: str
    school_district: str
    fiscal_year: int
    month: str  # "YYYY-MM"
    households_total: int
    households_digital: int
    digital_circulars_published: int
    digital_confirmation_rate: float
    generated_at: str  # ISO 8601, UTC

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object (with format and version)."""
        return {"format": REPORT_FORMAT, "version": REPORT_VERSION, **asdict(self)}

    def canonical_bytes(self) -> bytes:
        """Bytes that are signed: sorted keys, no spaces, UTF-8."""
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    def describe(self) -> list[str]:
        """Human-readable lines for ``adoption-report --preview``."""
        return [
            f"町会: {self.association}（{self.school_district}）",
            f"対象: {self.fiscal_year}年度 {self.month}",
            f"世帯数: {self.households_total}　デジタルで読む世帯: {self.households_digital}",
            f"デジタル回覧の発行数（年度累計）: {self.digital_circulars_published}",
            f"デジタル既読率: {self.digital_confirmation_rate:.0%}",
            "氏名・世帯の識別子・連絡先は含まれません",
        ]


def parse_report(doc: object, source: str) -> AdoptionReport:
    """Validate a report object; ValidationError names the field."""
    if not isinstance(doc, dict):
        raise ValidationError(source, "adoption.not_a_report")
    if doc.get("format") != REPORT_FORMAT:
        raise ValidationError(f"{source}: format", "adoption.wrong_format")
    if not isinstance(doc.get("version"), int) or doc["version"] > REPORT_VERSION:
        raise ValidationError(f"{source}: version", "adoption.newer_version")
    fields = AdoptionReport.__dataclass_fields__
    unknown = set(doc) - set(fields) - {"format", "version"}
    if unknown:
        raise ValidationError(f"{source}: {sorted(unknown)[0]}", "adoption.unknown_key")
    try:
        report = AdoptionReport(**{name: doc[name] for name in fields})
    except KeyError as exc:
        raise ValidationError(f"{source}: {exc.args[0]}", "adoption.missing_key") from exc
    if not _MONTH.match(report.month):
        raise ValidationError(f"{source}: month", "adoption.bad_month")
    for name in ("households_total", "households_digital", "digital_circulars_published", "fiscal_year"):
        value = getattr(report, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(f"{source}: {name}", "adoption.bad_count")
    if report.households_digital > report.households_total:
        raise ValidationError(f"{source}: households_digital", "adoption.more_than_households")
    rate = report.digital_confirmation_rate
    if not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ValidationError(f"{source}: digital_confirmation_rate", "adoption.bad_rate")
    try:
        dt.datetime.fromisoformat(report.generated_at)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{source}: generated_at", "adoption.bad_time") from exc
    return report


# -- the automatic report of a sync (docs/adoption-report.md) --------------------------------

MAX_CATCH_UP_MONTHS = 12  # final reports sent for missed months after a long pause, at most


def _month_text(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _next_month_start(month: str) -> dt.date:
    year, number = int(month[:4]), int(month[5:])
    return dt.date(year + 1, 1, 1) if number == 12 else dt.date(year, number + 1, 1)


def last_day_of(month: str) -> dt.date:
    """The last day of ``YYYY-MM`` (the day a month's final report is counted up to)."""
    return _next_month_start(month) - dt.timedelta(days=1)


@dataclass(frozen=True)
class ReportSchedule:
    """What a sync queued by itself, remembered in the profile so nothing goes twice.

    ``current_on``: the day (Japan time) the current month's figures were last queued;
    ``final_month``: the latest month whose final figures were queued; ``first_month``: the
    month of the first automatic report (final reports are never made for months before it).
    """

    current_on: dt.date | None = None
    final_month: str | None = None
    first_month: str | None = None

    def to_text(self) -> str:
        """The stored form (JSON)."""
        return json.dumps(
            {
                "current_on": self.current_on.isoformat() if self.current_on else None,
                "final_month": self.final_month,
                "first_month": self.first_month,
            },
            sort_keys=True,
        )

    @classmethod
    def from_text(cls, text: str | None) -> ReportSchedule:
        """The stored form back; anything unreadable counts as "nothing sent yet"."""
        try:
            doc = json.loads(text) if text else {}
            current = doc.get("current_on")
            final, first = doc.get("final_month"), doc.get("first_month")
            return cls(
                dt.date.fromisoformat(current) if isinstance(current, str) else None,
                final if isinstance(final, str) and _MONTH.match(final) else None,
                first if isinstance(first, str) and _MONTH.match(first) else None,
            )
        except (ValueError, AttributeError):
            return cls()

    def due(self, today: dt.date) -> tuple[tuple[str, ...], bool]:
        """The months whose final report is due (oldest first), and whether today's is.

        A month's final figures go once, on the first sync after it ended; the current
        month's figures at most once a day.
        """
        this_month = _month_text(today)
        finals: list[str] = []
        if self.first_month is not None:
            month = self.first_month
            if self.final_month is not None and self.final_month >= month:
                month = _month_text(_next_month_start(self.final_month))
            while month < this_month:
                finals.append(month)
                month = _month_text(_next_month_start(month))
        return tuple(finals[-MAX_CATCH_UP_MONTHS:]), self.current_on != today

    def after(self, today: dt.date, finals: tuple[str, ...]) -> ReportSchedule:
        """The schedule once today's report and ``finals`` are queued."""
        return ReportSchedule(
            current_on=today,
            final_month=finals[-1] if finals else self.final_month,
            first_month=self.first_month or _month_text(today),
        )
