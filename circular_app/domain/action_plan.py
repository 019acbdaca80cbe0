"""The city's DX action plan for one domain (e.g. 地域): values, errors and period rules.

A plan file is versioned JSON (``docs/action-plan-format.md``); reading and checking one is
:func:`circular_app.domain.action_plan_parse.parse_action_plan`, which refuses a bad file with an
:class:`ActionPlanError` that names the JSON path of the first problem.

Nothing here invents a status: :func:`plan_period_state` reports the latest status that the
file records, and when a measure has none it says so.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from circular_app.domain.errors import UserError

FORMAT_NAME = "kairan-desk/action-plan"
SUPPORTED_FORMAT_VERSION = 1

#: Every step word a format-1 file may use (the words of the source document's plan tables).
STEP_WORDS: tuple[str, ...] = (
    "推進",
    "開始",
    "実施",
    "拡大",
    "導入",
    "支援",
    "設置",
    "検討",
    "拡大検討",
    "モデル事業実施",
)

FISCAL_YEAR_START_MONTH = 4

_DATE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?$")


# ----- errors ---------------------------------------------------------------------------------
class PlanProblem(enum.StrEnum):
    """Why a plan file was refused; the UI maps each code to translated text."""

    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    DUPLICATE_KEY = "duplicate_key"
    WRONG_FORMAT = "wrong_format"
    NEWER_FORMAT = "newer_format"
    MISSING_KEY = "missing_key"
    UNKNOWN_KEY = "unknown_key"
    WRONG_TYPE = "wrong_type"
    EMPTY = "empty"
    BAD_ID = "bad_id"
    DUPLICATE_ID = "duplicate_id"
    BAD_DATE = "bad_date"
    BAD_NUMBER = "bad_number"
    BAD_YEARS = "bad_years"
    UNKNOWN_STEP = "unknown_step"
    MISSING_YEAR = "missing_year"
    EXTRA_YEAR = "extra_year"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_CHOICE = "unknown_choice"
    DUPLICATE_DATE = "duplicate_date"
    SEVERAL_LIVE = "several_live"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    OLDER_VERSION = "older_version"
    SAME_VERSION = "same_version"


class ActionPlanError(UserError):
    """A plan file was refused. ``path`` is the JSON path of the problem ("" for the whole file).

    ``detail`` is language-neutral (the offending value as JSON, a JSON type name such as
    ``"number"``, a year, a version, a byte count) so that the UI can rebuild the sentence in
    another language from ``problem`` and ``detail``; ``line``/``column`` locate a syntax error.
    ``str()`` is the Japanese sentence with the path, for logs and the command line.
    """

    def __init__(
        self,
        path: str,
        problem: PlanProblem,
        detail: str = "",
        source: str = "",
        *,
        line: int = 0,
        column: int = 0,
    ) -> None:
        self.path = path
        self.problem = problem
        self.detail = detail
        self.source = source
        self.line = line
        self.column = column
        reason = self.reason_ja
        super().__init__(f"{path}: {reason}" if path else reason)

    @property
    def reason_ja(self) -> str:
        """The Japanese reason without the path."""
        if self.problem is PlanProblem.NOT_JSON and self.line:
            return f"JSON として読めません（{self.line}行目 {self.column}文字目）"
        if self.problem is PlanProblem.NOT_JSON and self.detail == NESTING_TOO_DEEP:
            return "JSON の入れ子が深すぎます"
        if self.problem is PlanProblem.WRONG_TYPE:
            return f"{_TYPE_JA.get(self.detail, self.detail)}ではありません"
        return _REASONS_JA[self.problem].format(detail=self.detail, limit=MAX_PLAN_BYTES // (1024 * 1024))


#: ``detail`` of a NOT_JSON error for nesting deeper than Python's recursion limit.
NESTING_TOO_DEEP = "nesting"

#: Largest plan file accepted (a real one is about 15 kB).
MAX_PLAN_BYTES = 2 * 1024 * 1024

_TYPE_JA = {
    "object": "オブジェクト {…}",
    "array": "配列 […]",
    "string": "文字列",
    "integer": "整数",
    "number": "数",
    "boolean": "true / false",
}

_REASONS_JA: dict[PlanProblem, str] = {
    PlanProblem.NOT_UTF8: "UTF-8 のテキストではありません",
    PlanProblem.NOT_JSON: "JSON として読めません（{detail}）",
    PlanProblem.DUPLICATE_KEY: "キー {detail} が重複しています",
    PlanProblem.WRONG_FORMAT: "アクションプランのファイルではありません（format が {detail}）",
    PlanProblem.NEWER_FORMAT: "新しい形式（第{detail}版）のファイルです。アプリを更新してください",
    PlanProblem.MISSING_KEY: "必須の項目がありません",
    PlanProblem.UNKNOWN_KEY: "知らない項目です",
    PlanProblem.WRONG_TYPE: "{detail}ではありません",
    PlanProblem.EMPTY: "空です",
    PlanProblem.BAD_ID: "ID {detail} は半角英小文字・数字・ハイフンで書いてください",
    PlanProblem.DUPLICATE_ID: "ID {detail} が重複しています",
    PlanProblem.BAD_DATE: "日付 {detail} は YYYY-MM または YYYY-MM-DD の実在する日付で書いてください",
    PlanProblem.BAD_NUMBER: "{detail} は 0 以上の数ではありません",
    PlanProblem.BAD_YEARS: "計画年度は連続した年度を昇順に並べてください（{detail}）",
    PlanProblem.UNKNOWN_STEP: "不明な段階 {detail}",
    PlanProblem.MISSING_YEAR: "計画年度 {detail} の段階がありません",
    PlanProblem.EXTRA_YEAR: "{detail} は計画年度ではありません",
    PlanProblem.UNKNOWN_GROUP: "グループ {detail} がありません",
    PlanProblem.UNKNOWN_CHOICE: "{detail} は使えない値です",
    PlanProblem.DUPLICATE_DATE: "同じ日付 {detail} の状況が二つあります",
    PlanProblem.SEVERAL_LIVE: "町会の実績を表示できる施策は一つだけです（{detail}）",
    PlanProblem.UNREADABLE: "ファイルを読めません（{detail}）",
    PlanProblem.TOO_LARGE: "ファイルが大きすぎます（{detail} バイト、上限 {limit} MB）",
    PlanProblem.OLDER_VERSION: "表示中の第{detail}版より古い版です",
    PlanProblem.SAME_VERSION: "表示中の第{detail}版と同じ版です",
}


# ----- values ---------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class PlanDate:
    """A date as precise as the source gives it: a month (``2023-07``) or a day (``2023-03-31``)."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PlanDate:
        """Parse ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError unless it is a real date."""
        match = _DATE.match(text)
        if not match:
            raise ValueError(text)
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        dt.date(year, month, day or 1)  # raises ValueError for 2023-02-30
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """The file form: ``2023-07`` or ``2023-03-31``."""
        head = f"{self.year:04d}-{self.month:02d}"
        return head if self.day is None else f"{head}-{self.day:02d}"

    @property
    def first_day(self) -> dt.date:
        """The earliest day this date can mean (the 1st for a month)."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def fiscal_year(self) -> int:
        """Fiscal year (starting 1 April) that contains this date."""
        return fiscal_year(self.first_day)


class FigureKind(enum.StrEnum):
    """How a KPI figure was obtained: a counted result, or a survey (shown as 調査)."""

    ACTUAL = "actual"
    SURVEY = "survey"


class KpiDirection(enum.StrEnum):
    """Whether a KPI is reached by going up to the target or down to it."""

    INCREASE = "increase"
    DECREASE = "decrease"


@dataclass(frozen=True)
class PlanDomain:
    """The domain of the plan (e.g. 地域) and its theme."""

    id: str
    name: str
    theme: str
    text: str


@dataclass(frozen=True)
class PlanGroup:
    """A group of measures (the ○ headings of the source)."""

    id: str
    title: str
    statement: str = ""


@dataclass(frozen=True)
class PlanStep:
    """What a measure does in one fiscal year of the plan (推進, 拡大...)."""

    year: int
    word: str


@dataclass(frozen=True)
class StatusEntry:
    """A dated progress report of a measure: 現状 lines and 課題 lines."""

    as_of: PlanDate
    current: tuple[str, ...]
    issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One measure (施策) of the plan; ``status`` is oldest first."""

    id: str
    group_id: str
    title: str
    description: tuple[str, ...]
    steps: tuple[PlanStep, ...]
    status: tuple[StatusEntry, ...] = ()
    shows_live_figures: bool = False
    note: str = ""

    def step_for(self, year: int) -> str | None:
        """The step word for fiscal ``year``, or None outside the plan years."""
        return next((s.word for s in self.steps if s.year == year), None)

    def latest_status(self, today: dt.date | None = None) -> StatusEntry | None:
        """The newest status entry (dated no later than ``today`` when given), or None."""
        known = [s for s in self.status if today is None or s.as_of.first_day <= today]
        return known[-1] if known else None


@dataclass(frozen=True)
class KpiFigure:
    """One dated figure of a KPI."""

    as_of: PlanDate
    value: float
    kind: FigureKind = FigureKind.ACTUAL
    note: str = ""


@dataclass(frozen=True)
class Kpi:
    """A KPI (成果指標) with its target and dated figures, oldest first."""

    id: str
    title: str
    unit: str
    target: float
    figures: tuple[KpiFigure, ...] = ()
    direction: KpiDirection = KpiDirection.INCREASE
    cumulative: bool = False
    note: str = ""

    @property
    def latest(self) -> KpiFigure | None:
        """The newest figure, or None when nothing has been reported."""
        return self.figures[-1] if self.figures else None

    def reached_by(self, value: float) -> bool:
        """True when ``value`` meets the target in this KPI's direction."""
        if self.direction is KpiDirection.DECREASE:
            return value <= self.target
        return value >= self.target

    @property
    def achieved(self) -> bool:
        """目標達成: the newest figure meets the target (False with no figures)."""
        latest = self.latest
        return latest is not None and self.reached_by(latest.value)


@dataclass(frozen=True)
class PlanSource:
    """Where the plan text and figures come from."""

    document: str
    meeting: str
    date: PlanDate
    section: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class ActionPlan:
    """A parsed, validated plan file."""

    format_version: int
    plan_id: str
    title: str
    data_version: int
    data_date: PlanDate
    domain: PlanDomain
    plan_years: tuple[int, ...]
    groups: tuple[PlanGroup, ...]
    measures: tuple[Measure, ...]
    kpis: tuple[Kpi, ...]
    source: PlanSource

    @property
    def first_year(self) -> int:
        """First fiscal year of the plan period."""
        return self.plan_years[0]

    @property
    def last_year(self) -> int:
        """Last fiscal year of the plan period."""
        return self.plan_years[-1]

    def measures_of(self, group_id: str) -> tuple[Measure, ...]:
        """Measures of one group, in file order."""
        return tuple(m for m in self.measures if m.group_id == group_id)

    def measure(self, measure_id: str) -> Measure:
        """The measure with this id (KeyError if absent)."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)


# ----- fiscal years and the plan period ----------------------------------------------------------
def fiscal_year(day: dt.date) -> int:
    """Japanese fiscal year of ``day`` (starts 1 April): 2026-11-25 → 2026, 2027-03-31 → 2026."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(year: int) -> dt.date:
    """1 April of fiscal ``year``."""
    return dt.date(year, FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(year: int) -> dt.date:
    """31 March after fiscal ``year`` began."""
    return dt.date(year + 1, FISCAL_YEAR_START_MONTH, 1) - dt.timedelta(days=1)


class PlanPhase(enum.StrEnum):
    """Where today falls against the plan period."""

    BEFORE = "before"
    WITHIN = "within"
    ENDED = "ended"


@dataclass(frozen=True)
class PeriodState:
    """Today against the plan period, with the latest known status of every measure."""

    phase: PlanPhase
    today: dt.date
    fiscal_year: int
    first_year: int
    last_year: int
    latest: tuple[tuple[str, StatusEntry | None], ...]

    def status_of(self, measure_id: str) -> StatusEntry | None:
        """Latest known status of a measure (None when the file records none)."""
        return dict(self.latest).get(measure_id)

    @property
    def status_as_of(self) -> PlanDate | None:
        """Date of the newest status of any measure (None when no measure has one)."""
        dates = [s.as_of for _, s in self.latest if s is not None]
        return max(dates) if dates else None

    @property
    def year_index(self) -> int | None:
        """Position of the current fiscal year in the plan years, None outside the period."""
        if self.phase is PlanPhase.WITHIN:
            return self.fiscal_year - self.first_year
        return None


def plan_period_state(plan: ActionPlan, today: dt.date) -> PeriodState:
    """Before, within or after the plan period on ``today``, and the latest status of each measure."""
    year = fiscal_year(today)
    if year < plan.first_year:
        phase = PlanPhase.BEFORE
    elif year > plan.last_year:
        phase = PlanPhase.ENDED
    else:
        phase = PlanPhase.WITHIN
    latest = tuple((m.id, m.latest_status(today)) for m in plan.measures)
    return PeriodState(phase, today, year, plan.first_year, plan.last_year, latest)
