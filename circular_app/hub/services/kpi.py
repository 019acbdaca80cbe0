"""The city's adoption KPI, per 校下, from the hub's own records (docs/kpi.md).

「結ネット等の地域活動発信アプリ導入数（累計）— 校下(地区)町会連合会単位」: a 校下 counts from the
first month in which one of its associations meets the city's rule, and stays counted
(cumulative). The rule is the city's choice, stored in the hub settings:

- ``published_and_confirmed`` (default): a digital circular was published and at least one
  household confirmed it — the hub's own circulars and 「読みました」, or, for an association
  without internet, a signed monthly report with circulars published and a confirmation
  rate above zero;
- ``published``: a digital circular was published (hub records, or a signed report);
- ``reported``: an adoption report (sync or file) with households reading digitally.

Another app (結ネット等) recorded by city staff counts under every rule from its month and is
always shown as 「申告」 (declared). Survey figures are kept apart and always shown as 調査.

Months are Japan time (``YYYY-MM``). Household figures come from each association's latest
report up to the end of the fiscal year viewed; declared households are shown separately.

Every figure is an aggregate: nothing here reads circular text or household keys.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from circular_app.domain.calendar import fiscal_year
from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.kpi_cells import KPI_HEADERS, UNREPORTED
from circular_app.domain.text import trim
from circular_app.hub.services.kpi_values import (
    DEFAULT_RULE,
    JST,
    MAX_HOUSEHOLDS,
    AssociationFigures,
    DeclaredApp,
    DistrictDetail,
    KpiRow,
    KpiRule,
    KpiTable,
    Survey,
    fy_first_month,
    fy_last_month,
    month_of,
    months,
    parse_month,
    this_month,
)
from circular_app.hub.storage import kpi_repo, settings_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.session import IntegrityError, Session
from circular_app.support.clock import utcnow

DEFAULT_TARGET = 30
RULE_SETTING = "kpi_rule"
TARGET_SETTING = "kpi_target"


# -- the computation ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Association:
    id: int
    name: str
    district_id: int
    revoked: bool
    enrolled: str | None = None
    # Evidence: (month, kind, text) — kind "use", "report" or "declared".
    evidence: list[tuple[str, str, str]] = field(default_factory=list)
    published_month: str | None = None  # first digital circular on the hub (for explanations)
    households: int = 0
    digital: int = 0
    last_report: str | None = None
    declared: DeclaredApp | None = None

    @property
    def first(self) -> tuple[str, str, str] | None:
        """The earliest evidence (the list is kept sorted by month, real use first)."""
        return self.evidence[0] if self.evidence else None


_KIND_ORDER = {"use": 0, "report": 1, "declared": 2}


def _reason(association: _Association, evidence: tuple[str, str, str]) -> str:
    return f"{association.name}が{evidence[2]}"


class KpiService:
    """Reads and computes the KPI; records declared apps, surveys and the city's rule."""

    COUNT_TTL = 60.0  # seconds the city-wide count for the association sidebar is reused
    # The count is kept in hub_setting (not in a worker's memory), as "fiscal year:count:unix
    # time": every worker and host reuses it, and a change of rule forgets it for all of them.
    COUNT_SETTING = "kpi_adopting_count"

    def __init__(self, sessions: Sessions, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    # -- settings -------------------------------------------------------------------------

    @staticmethod
    def _settings(session: Session) -> tuple[KpiRule, int]:
        values = settings_repo.settings_named(session, (RULE_SETTING, TARGET_SETTING))
        try:
            rule = KpiRule(values.get(RULE_SETTING, DEFAULT_RULE.value))
        except ValueError:
            rule = DEFAULT_RULE
        try:
            target = int(values.get(TARGET_SETTING, DEFAULT_TARGET))
        except ValueError:
            target = DEFAULT_TARGET
        return rule, target

    def settings(self) -> tuple[KpiRule, int]:
        """The stored rule and target (defaults when never set)."""
        with self._sessions.read() as session:
            return self._settings(session)

    def set_rule(self, rule: str, target: int | None = None) -> tuple[KpiRule, int]:
        """Store the city's rule (and target); returns what is now in force."""
        try:
            chosen = KpiRule(trim(rule))
        except ValueError:
            names = ", ".join(r.value for r in KpiRule)
            raise ValidationError("KPI の数え方", "hub.kpi_rule", names=names) from None
        if target is not None and not 1 <= target <= 10_000:
            raise ValidationError("目標", "hub.kpi_target")
        with self._sessions.write.begin() as session:
            settings_repo.put_setting(session, RULE_SETTING, chosen.value)
            if target is not None:
                settings_repo.put_setting(session, TARGET_SETTING, str(target))
            result = self._settings(session)
            settings_repo.drop_setting(session, self.COUNT_SETTING)
        return result

    # -- declared apps and surveys --------------------------------------------------------

    def declare_app(self, association: str, app: str, since: str, households: int | None) -> DeclaredApp:
        """Record (or replace) that an association uses another app; counted as 申告."""
        app_name = trim(app)
        if not app_name or len(app_name) > 100:
            raise ValidationError("アプリ", "hub.app_name")
        month = parse_month(since, "開始月")
        if month > this_month(self._clock()):
            raise ValidationError("開始月", "hub.future_month")
        if households is not None and not 0 <= households <= MAX_HOUSEHOLDS:
            raise ValidationError("世帯数", "hub.households_count")
        with self._sessions.write.begin() as session:
            association_id, _name = self._association(session, association)
            kpi_repo.declare_app(session, association_id, app_name, month, households, self._clock())
            settings_repo.drop_setting(session, self.COUNT_SETTING)
        return DeclaredApp(app_name, month, households)

    def withdraw_app(self, association: str) -> None:
        """Remove an association's declaration (recorded by mistake)."""
        with self._sessions.write.begin() as session:
            association_id, name = self._association(session, association)
            if not kpi_repo.withdraw_app(session, association_id):
                raise NotFoundError("hub.no_declared_app", name=name)
            settings_repo.drop_setting(session, self.COUNT_SETTING)

    @staticmethod
    def _association(session: Session, name: str) -> tuple[int, str]:
        row = kpi_repo.association_by_name(session, trim(name))
        if row is None:
            raise NotFoundError("hub.association_unknown", name=trim(name))
        return row

    def add_survey(self, date: dt.date, value: int, note: str) -> Survey:
        """Record a survey figure (調査)."""
        if not dt.date(1990, 1, 1) <= date <= dt.date(2200, 12, 31):
            raise ValidationError("日付", "hub.date_out_of_range")
        if not 0 <= value <= 10_000:
            raise ValidationError("値", "hub.value_range")
        text = trim(note)
        if len(text) > 200:
            raise ValidationError("メモ", "hub.note_too_long")
        with self._sessions.write.begin() as session:
            kpi_repo.add_survey(session, date, value, text, self._clock())
        return Survey(date, value, text)

    # -- the table ------------------------------------------------------------------------

    def default_fiscal_year(self) -> int:
        """This fiscal year in Japan."""
        return fiscal_year(self._clock().replace(tzinfo=dt.UTC).astimezone(JST).date())

    def _gather(
        self, session: Session, rule: KpiRule, last: str
    ) -> tuple[dict[int, str], dict[int, _Association]]:
        """Every 校下 and association with its evidence and figures up to month ``last``."""
        if rule is KpiRule.PUBLISHED_AND_CONFIRMED:
            evidence: kpi_repo.ReportEvidence = "file_published_and_confirmed"
            reason = "オフライン報告でデジタル回覧の発行と既読を報告"
        elif rule is KpiRule.PUBLISHED:
            evidence = "file_published"
            reason = "オフライン報告でデジタル回覧の発行を報告"
        else:
            evidence = "households_digital"
            reason = "デジタルで読む世帯ありと報告"
        facts = kpi_repo.gather(session, evidence, rule is KpiRule.PUBLISHED_AND_CONFIRMED, last)
        districts = facts.districts
        associations = {
            row.id: _Association(row.id, row.name, row.district_id, row.revoked) for row in facts.associations
        }
        for association_id in facts.online:
            associations[association_id].enrolled = "online"
        for association_id in facts.offline:
            associations[association_id].enrolled = associations[association_id].enrolled or "offline"

        # Real use on the hub: the first digital circular, and the first 「読みました」.
        for association_id, first in facts.first_published:
            associations[association_id].published_month = month_of(first)
            if rule is KpiRule.PUBLISHED:
                associations[association_id].evidence.append(
                    (month_of(first), "use", "デジタル回覧を発行（ハブの記録）")
                )
        for association_id, first in facts.first_confirmed:
            associations[association_id].evidence.append(
                (month_of(first), "use", "デジタル回覧を発行し、世帯が既読（ハブの記録）")
            )

        # Reports: the first month meeting the rule, and the latest figures up to ``last``.
        for report in facts.reports:
            association = associations[report.association_id]
            association.last_report = report.last_month
            association.households = report.households
            association.digital = report.digital
            if report.first_month is not None:
                association.evidence.append((report.first_month, "report", reason))

        for declared in facts.declared:
            association = associations[declared.association_id]
            association.declared = DeclaredApp(declared.app, declared.since_month, declared.households)
            association.evidence.append(
                (
                    declared.since_month,
                    "declared",
                    f"「申告」{declared.app}を利用（{declared.since_month}〜）",
                )
            )

        for association in associations.values():
            if association.evidence:
                association.evidence = sorted(
                    (e for e in association.evidence if e[0] <= last), key=lambda e: (e[0], _KIND_ORDER[e[1]])
                )
        return districts, associations

    def _view(self, fiscal_year_: int | None) -> tuple[int, str]:
        year = fiscal_year_ if fiscal_year_ is not None else self.default_fiscal_year()
        if not 1990 <= year <= 2200:
            raise ValidationError("年度", "hub.fiscal_year_range")
        return year, min(fy_last_month(year), max(this_month(self._clock()), fy_first_month(year)))

    def table(self, fiscal_year_: int | None = None) -> KpiTable:
        """The KPI table of a fiscal year (default: this one), counted up to its end or today."""
        year, last = self._view(fiscal_year_)
        with self._sessions.read() as session:
            rule, target = self._settings(session)
            districts, associations = self._gather(session, rule, last)
            surveys = tuple(Survey(date, value, note) for date, value, note in kpi_repo.surveys(session))
        members: dict[int, list[_Association]] = {district_id: [] for district_id in districts}
        for association in associations.values():
            members[association.district_id].append(association)
        rows = sorted(
            (self._row(districts[district_id], members[district_id], rule) for district_id in districts),
            key=lambda row: row.school_district,
        )
        first_months = [row.adopted_since for row in rows if row.adopted_since is not None]
        measured_months = [row.measured_since for row in rows if row.measured_since is not None]
        start = min([fy_first_month(year), *first_months])
        span = months(start, last)
        series = tuple((month, sum(1 for m in first_months if m <= month)) for month in span)
        # A 校下 with both counts as 実績 from its first measured month (申告 only before that).
        measured = tuple(sum(1 for m in measured_months if m <= month) for month in span)
        return KpiTable(year, target, rule, last, tuple(rows), series, surveys, measured)

    def _row(self, name: str, members: list[_Association], rule: KpiRule) -> KpiRow:
        current = [a for a in members if not a.revoked]
        adopting = [a for a in current if a.evidence]
        counted = [a for a in members if a.evidence]  # cumulative: a revoked one still counted once
        firsts = sorted(
            ((a.first, a) for a in counted if a.first is not None),
            key=lambda pair: (pair[0][0], _KIND_ORDER[pair[0][1]], pair[1].name),
        )
        adopted_since = firsts[0][0][0] if firsts else None
        measured = [e[0] for a in counted for e in a.evidence if e[1] != "declared"]
        declared_only = bool(firsts) and all(e[1] == "declared" for a in counted for e in a.evidence)
        if firsts:
            evidence, association = firsts[0]
            status = f"{adopted_since}から導入: {_reason(association, evidence)}"
            if association.revoked:
                status += "（取り消し済みの町会。累計のため数え続けます）"
            others = len(adopting) - (0 if association.revoked else 1)
            if others > 0:
                status += f"。ほか{others}町会"
        else:
            status = self._why_not(current, rule)
        return KpiRow(
            school_district=name,
            registered_associations=len(current),
            adopting_associations=len(adopting),
            households=sum(a.households for a in current),
            digital_households=sum(a.digital for a in current),
            declared_households=sum(a.declared.households or 0 for a in current if a.declared),
            adopted_since=adopted_since,
            declared=declared_only,
            status=status,
            reported_associations=sum(1 for a in current if a.last_report is not None),
            unreported_associations=sum(1 for a in current if a.enrolled and a.last_report is None),
            declared_associations=sum(1 for a in current if any(e[1] == "declared" for e in a.evidence)),
            measured_since=min(measured) if measured else None,
        )

    @staticmethod
    def _why_not(current: list[_Association], rule: KpiRule) -> str:
        if not current:
            return "未導入: 登録された町会がありません"
        if rule is KpiRule.PUBLISHED_AND_CONFIRMED and any(a.published_month for a in current):
            return "未導入: デジタル回覧は発行済みですが、まだ既読がありません"
        if rule is KpiRule.REPORTED and any(a.last_report for a in current):
            return "未導入: 報告はありますが、デジタルで読む世帯がまだありません"
        if any(a.enrolled for a in current) and not any(a.last_report for a in current):
            return f"{UNREPORTED}: ハブに接続した町会はありますが、導入状況の報告がまだ届いていません"
        if any(a.enrolled for a in current):
            return "未導入: ハブに接続した町会はありますが、デジタル回覧の発行がまだです"
        return "未導入: ハブに接続した町会がまだありません"

    @staticmethod
    def _why_not_one(association: _Association, rule: KpiRule) -> str:
        if rule is KpiRule.PUBLISHED_AND_CONFIRMED and association.published_month:
            return "未導入: デジタル回覧は発行済みですが、まだ既読がありません"
        if rule is KpiRule.REPORTED and association.last_report:
            return "未導入: 報告はありますが、デジタルで読む世帯がまだありません"
        if association.enrolled and association.last_report is None:
            return f"{UNREPORTED}: 接続済みですが、導入状況の報告がまだ届いていません"
        if association.enrolled:
            return "未導入: 接続済みですが、デジタル回覧の発行がまだです"
        return "未導入: ハブへの接続（登録コードの入力）がまだです"

    def district(self, name: str, fiscal_year_: int | None = None) -> DistrictDetail:
        """One 校下's associations with their figures (no content, no households' keys)."""
        year, last = self._view(fiscal_year_)
        with self._sessions.read() as session:
            district_id = kpi_repo.district_id(session, trim(name))
            if district_id is None:
                raise NotFoundError("hub.district_unknown", name=trim(name))
            rule, _target = self._settings(session)
            districts, associations = self._gather(session, rule, last)
        members = sorted(
            (a for a in associations.values() if a.district_id == district_id), key=lambda a: a.name
        )
        figures = []
        for a in members:
            first = a.first
            status = f"{first[0]}から導入: {first[2]}" if first is not None else self._why_not_one(a, rule)
            figures.append(
                AssociationFigures(
                    name=a.name,
                    adopted=first is not None,
                    adopted_since=first[0] if first else None,
                    households=a.households,
                    digital_households=a.digital,
                    last_report_month=a.last_report,
                    declared_app=a.declared,
                    enrolled=a.enrolled,
                    revoked=a.revoked,
                    status=status,
                )
            )
        firsts = [f.adopted_since for f in figures if f.adopted_since]
        return DistrictDetail(
            districts[district_id], year, rule, min(firsts) if firsts else None, tuple(figures)
        )

    def adopting_count(self) -> int:
        """This fiscal year's city-wide count (for the associations' sidebar), briefly cached."""
        year = self.default_fiscal_year()
        now = time.time()
        with self._sessions.read() as session:
            cached = settings_repo.setting(session, self.COUNT_SETTING)
        try:
            cached_year, cached_count, at = (int(part) for part in (cached or "").split(":"))
        except ValueError:
            cached_year, cached_count, at = 0, 0, 0
        if cached_year == year and 0 <= now - at < self.COUNT_TTL:
            return cached_count
        count = self.table(year).adopting_school_districts
        try:
            with self._sessions.write.begin() as session:
                settings_repo.put_setting(session, self.COUNT_SETTING, f"{year}:{count}:{int(now)}")
        except IntegrityError:
            pass  # another worker stored its count first: as good as this one
        return count


CSV_HEADERS = KPI_HEADERS


def rows_for_csv(table: KpiTable) -> Iterable[list[object]]:
    """The CSV rows of ``hub kpi --format csv`` (after the header): 未報告 and 申告 written out."""
    for row in table.rows:
        yield list(row.figures().cells())
