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
