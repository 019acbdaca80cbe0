"""Reading an action-plan file: :func:`parse_action_plan` checks the JSON and builds the values.

A plan file is versioned JSON, described in ``docs/action-plan-format.md`` and by the JSON
Schema ``resources/action_plan/action-plan.schema.json``. The parser enforces the same rules as
the schema (plus a few the schema cannot express, such as "the steps of a measure cover exactly
the plan years") and refuses a bad file with an :class:`ActionPlanError` that names the JSON
path of the first problem, e.g. ``measures[3].steps.2024: 不明な段階 "進める"``. Indexes in paths
count from 0, as in JSON Pointer and jq. The values themselves live in
:mod:`circular_app.domain.action_plan`.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from circular_app.domain.action_plan import (
    FORMAT_NAME,
    NESTING_TOO_DEEP,
    STEP_WORDS,
    SUPPORTED_FORMAT_VERSION,
    ActionPlan,
    ActionPlanError,
    FigureKind,
    Kpi,
    KpiDirection,
    KpiFigure,
    Measure,
    PlanDate,
    PlanDomain,
    PlanGroup,
    PlanProblem,
    PlanSource,
    PlanStep,
    StatusEntry,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_YEAR_KEY = re.compile(r"^[0-9]{4}$")


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the first key written twice (json keeps only the last)."""

    duplicate: str | None = None


def _pairs_hook(pairs: list[tuple[str, Any]]) -> _JsonObject:
    obj = _JsonObject()
    for key, value in pairs:
        if key in obj and obj.duplicate is None:
            obj.duplicate = key
        obj[key] = value
    return obj


class _NonJsonConstantError(ValueError):
    """NaN or Infinity, which Python's json accepts but JSON does not."""


def _refuse_constant(name: str) -> Any:
    raise _NonJsonConstantError(name)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _quote(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Reader:
    """Walks the decoded JSON, checking shapes and naming the path of the first problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, problem: PlanProblem, detail: str = "") -> ActionPlanError:
        return ActionPlanError(path, problem, detail, self.source)

    def obj(self, value: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()) -> Any:
        if not isinstance(value, dict):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "object")
        if isinstance(value, _JsonObject) and value.duplicate is not None:
            raise self.fail(path, PlanProblem.DUPLICATE_KEY, _quote(value.duplicate))
        for key in required:
            if key not in value:
                raise self.fail(_join(path, key), PlanProblem.MISSING_KEY)
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(_join(path, key), PlanProblem.UNKNOWN_KEY)
        return value

    def array(self, value: Any, path: str, allow_empty: bool = False) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "array")
        if not value and not allow_empty:
            raise self.fail(path, PlanProblem.EMPTY)
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "string")
        if not value.strip():
            raise self.fail(path, PlanProblem.EMPTY)
        return value.strip()

    def texts(self, value: Any, path: str, allow_empty: bool = False) -> tuple[str, ...]:
        items = self.array(value, path, allow_empty)
        return tuple(self.text(item, _join(path, i)) for i, item in enumerate(items))

    def optional_text(self, obj: Mapping[str, Any], key: str, path: str) -> str:
        return self.text(obj[key], _join(path, key)) if key in obj else ""

    def integer(self, value: Any, path: str, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "integer")
        if value < minimum:
            raise self.fail(path, PlanProblem.BAD_NUMBER, _quote(value))
        return value

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "number")
        if not math.isfinite(value) or value < 0:
            raise self.fail(path, PlanProblem.BAD_NUMBER, _quote(value))
        return float(value)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "boolean")
        return value

    def ident(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "string")
        if not _ID.match(value):
            raise self.fail(path, PlanProblem.BAD_ID, _quote(value))
        return value

    def date(self, value: Any, path: str) -> PlanDate:
        if not isinstance(value, str):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "string")
        try:
            return PlanDate.parse(value)
        except ValueError:
            raise self.fail(path, PlanProblem.BAD_DATE, _quote(value)) from None

    def choice(self, value: Any, path: str, choices: Iterable[str]) -> str:
        if not isinstance(value, str):
            raise self.fail(path, PlanProblem.WRONG_TYPE, "string")
        if value not in choices:
            raise self.fail(path, PlanProblem.UNKNOWN_CHOICE, _quote(value))
        return value

    def unique_ids(self, ids: Sequence[str], path: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                raise self.fail(_join(_join(path, i), "id"), PlanProblem.DUPLICATE_ID, _quote(ident))
            seen.add(ident)


_TOP_REQUIRED = (
    "format",
    "format_version",
    "plan_id",
    "title",
    "data_version",
    "data_date",
    "domain",
    "plan_years",
    "groups",
    "measures",
    "kpis",
    "source",
)


def parse_action_plan(text: str, source: str = "") -> ActionPlan:
    """Parse and validate a plan file; raise :class:`ActionPlanError` naming the first problem.

    ``source`` (a file name) is only carried on the error for messages.
    """
    reader = _Reader(source)
    try:
        raw = json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        raise ActionPlanError("", PlanProblem.NOT_JSON, "", source, **where) from None
    except _NonJsonConstantError as exc:
        raise reader.fail("", PlanProblem.NOT_JSON, str(exc)) from None
    except ValueError:
        # An integer past Python's digit limit (a 5,000-digit number) is not JSONDecodeError.
        raise reader.fail("", PlanProblem.NOT_JSON, "number out of range") from None
    except RecursionError:
        raise reader.fail("", PlanProblem.NOT_JSON, NESTING_TOO_DEEP) from None
    if not isinstance(raw, dict):
        raise reader.fail("", PlanProblem.WRONG_TYPE, "object")
    _check_format(reader, raw)
    top = reader.obj(raw, "", _TOP_REQUIRED, ("$schema",))
    # Read in file order, so that the first problem reported is the first one a reader meets.
    plan_id = reader.ident(top["plan_id"], "plan_id")
    title = reader.text(top["title"], "title")
    data_version = reader.integer(top["data_version"], "data_version", 1)
    data_date = reader.date(top["data_date"], "data_date")
    domain = _domain(reader, top["domain"])
    plan_years = _plan_years(reader, top["plan_years"])
    groups = _groups(reader, top["groups"])
    measures = _measures(reader, top["measures"], plan_years, {g.id for g in groups})
    return ActionPlan(
        format_version=top["format_version"],
        plan_id=plan_id,
        title=title,
        data_version=data_version,
        data_date=data_date,
        domain=domain,
        plan_years=plan_years,
        groups=groups,
        measures=measures,
        kpis=_kpis(reader, top["kpis"]),
        source=_source(reader, top["source"]),
    )


def _check_format(reader: _Reader, raw: Mapping[str, Any]) -> None:
    # Checked before anything else so that a newer file says "update the app", not "unknown key".
    if "format" not in raw:
        raise reader.fail("format", PlanProblem.MISSING_KEY)
    if raw["format"] != FORMAT_NAME:
        raise reader.fail("format", PlanProblem.WRONG_FORMAT, _quote(raw["format"]))
    if "format_version" not in raw:
        raise reader.fail("format_version", PlanProblem.MISSING_KEY)
    version = reader.integer(raw["format_version"], "format_version", 1)
    if version > SUPPORTED_FORMAT_VERSION:
        raise reader.fail("format_version", PlanProblem.NEWER_FORMAT, str(version))


def _plan_years(reader: _Reader, value: Any) -> tuple[int, ...]:
    items = reader.array(value, "plan_years")
    years = tuple(reader.integer(y, _join("plan_years", i), 1900) for i, y in enumerate(items))
    if any(b != a + 1 for a, b in itertools.pairwise(years)):
        raise reader.fail("plan_years", PlanProblem.BAD_YEARS, ", ".join(map(str, years)))
    return years


def _domain(reader: _Reader, value: Any) -> PlanDomain:
    obj = reader.obj(value, "domain", ("id", "name", "theme", "text"))
    return PlanDomain(
        id=reader.ident(obj["id"], "domain.id"),
        name=reader.text(obj["name"], "domain.name"),
        theme=reader.text(obj["theme"], "domain.theme"),
        text=reader.text(obj["text"], "domain.text"),
    )


def _groups(reader: _Reader, value: Any) -> tuple[PlanGroup, ...]:
    groups = []
    for i, item in enumerate(reader.array(value, "groups")):
        path = _join("groups", i)
        obj = reader.obj(item, path, ("id", "title"), ("statement",))
        groups.append(
            PlanGroup(
                id=reader.ident(obj["id"], _join(path, "id")),
                title=reader.text(obj["title"], _join(path, "title")),
                statement=reader.optional_text(obj, "statement", path),
            )
        )
    reader.unique_ids([g.id for g in groups], "groups")
    return tuple(groups)


def _measures(
    reader: _Reader, value: Any, plan_years: tuple[int, ...], group_ids: set[str]
) -> tuple[Measure, ...]:
    measures: list[Measure] = []
    for i, item in enumerate(reader.array(value, "measures")):
        path = _join("measures", i)
        obj = reader.obj(
            item,
            path,
            ("id", "group", "title", "description", "steps", "status"),
            ("shows_live_figures", "note"),
        )
        ident = reader.ident(obj["id"], _join(path, "id"))
        group = reader.ident(obj["group"], _join(path, "group"))
        if group not in group_ids:
            raise reader.fail(_join(path, "group"), PlanProblem.UNKNOWN_GROUP, _quote(group))
        live = (
            reader.boolean(obj["shows_live_figures"], _join(path, "shows_live_figures"))
            if "shows_live_figures" in obj
            else False
        )
        measures.append(
            Measure(
                id=ident,
                group_id=group,
                title=reader.text(obj["title"], _join(path, "title")),
                description=reader.texts(obj["description"], _join(path, "description")),
                steps=_steps(reader, obj["steps"], _join(path, "steps"), plan_years),
                status=_status(reader, obj["status"], _join(path, "status")),
                shows_live_figures=live,
                note=reader.optional_text(obj, "note", path),
            )
        )
    reader.unique_ids([m.id for m in measures], "measures")
    live_ids = [m.id for m in measures if m.shows_live_figures]
    if len(live_ids) > 1:
        second = next(i for i, m in enumerate(measures) if m.id == live_ids[1])
        raise reader.fail(
            _join(_join("measures", second), "shows_live_figures"),
            PlanProblem.SEVERAL_LIVE,
            ", ".join(live_ids),
        )
    return tuple(measures)


def _steps(reader: _Reader, value: Any, path: str, plan_years: tuple[int, ...]) -> tuple[PlanStep, ...]:
    reader.obj(value, path, (), tuple(value))  # any keys; checks the type and duplicate keys
    for key in value:
        if not _YEAR_KEY.match(key) or int(key) not in plan_years:
            raise reader.fail(_join(path, key), PlanProblem.EXTRA_YEAR, _quote(key))
    steps = []
    for year in plan_years:
        key = str(year)
        if key not in value:
            raise reader.fail(_join(path, key), PlanProblem.MISSING_YEAR, key)
        word = value[key]
        if not isinstance(word, str):
            raise reader.fail(_join(path, key), PlanProblem.WRONG_TYPE, "string")
        if word not in STEP_WORDS:
            raise reader.fail(_join(path, key), PlanProblem.UNKNOWN_STEP, _quote(word))
        steps.append(PlanStep(year, word))
    return tuple(steps)


def _status(reader: _Reader, value: Any, path: str) -> tuple[StatusEntry, ...]:
    entries = []
    for i, item in enumerate(reader.array(value, path, allow_empty=True)):
        item_path = _join(path, i)
        obj = reader.obj(item, item_path, ("as_of", "current"), ("issues",))
        issues = reader.texts(obj["issues"], _join(item_path, "issues"), True) if "issues" in obj else ()
        entries.append(
            StatusEntry(
                as_of=reader.date(obj["as_of"], _join(item_path, "as_of")),
                current=reader.texts(obj["current"], _join(item_path, "current")),
                issues=issues,
            )
        )
    seen: set[PlanDate] = set()
    for i, entry in enumerate(entries):
        if entry.as_of in seen:
            raise reader.fail(_join(_join(path, i), "as_of"), PlanProblem.DUPLICATE_DATE, entry.as_of.iso)
        seen.add(entry.as_of)
    return tuple(sorted(entries, key=lambda e: e.as_of))


def _kpis(reader: _Reader, value: Any) -> tuple[Kpi, ...]:
    kpis = []
    for i, item in enumerate(reader.array(value, "kpis", allow_empty=True)):
        path = _join("kpis", i)
        obj = reader.obj(
            item, path, ("id", "title", "unit", "target", "figures"), ("direction", "cumulative", "note")
        )
        direction = (
            reader.choice(obj["direction"], _join(path, "direction"), [d.value for d in KpiDirection])
            if "direction" in obj
            else KpiDirection.INCREASE.value
        )
        cumulative = (
            reader.boolean(obj["cumulative"], _join(path, "cumulative")) if "cumulative" in obj else False
        )
        kpis.append(
            Kpi(
                id=reader.ident(obj["id"], _join(path, "id")),
                title=reader.text(obj["title"], _join(path, "title")),
                unit=reader.text(obj["unit"], _join(path, "unit")),
                target=reader.number(obj["target"], _join(path, "target")),
                figures=_figures(reader, obj["figures"], _join(path, "figures")),
                direction=KpiDirection(direction),
                cumulative=cumulative,
                note=reader.optional_text(obj, "note", path),
            )
        )
    reader.unique_ids([k.id for k in kpis], "kpis")
    return tuple(kpis)


def _figures(reader: _Reader, value: Any, path: str) -> tuple[KpiFigure, ...]:
    figures = []
    for i, item in enumerate(reader.array(value, path, allow_empty=True)):
        item_path = _join(path, i)
        obj = reader.obj(item, item_path, ("as_of", "value", "kind"), ("note",))
        kind = reader.choice(obj["kind"], _join(item_path, "kind"), [k.value for k in FigureKind])
        figures.append(
            KpiFigure(
                as_of=reader.date(obj["as_of"], _join(item_path, "as_of")),
                value=reader.number(obj["value"], _join(item_path, "value")),
                kind=FigureKind(kind),
                note=reader.optional_text(obj, "note", item_path),
            )
        )
    return tuple(sorted(figures, key=lambda f: f.as_of))


def _source(reader: _Reader, value: Any) -> PlanSource:
    obj = reader.obj(value, "source", ("document", "meeting", "date"), ("section", "publisher"))
    return PlanSource(
        document=reader.text(obj["document"], "source.document"),
        meeting=reader.text(obj["meeting"], "source.meeting"),
        date=reader.date(obj["date"], "source.date"),
        section=reader.optional_text(obj, "section", "source"),
        publisher=reader.optional_text(obj, "publisher", "source"),
    )
