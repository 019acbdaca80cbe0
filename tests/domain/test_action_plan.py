"""The action-plan format: the bundled Kanazawa 地域 plan, validation, the schema, fiscal years."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from circular_app.domain.action_plan import (
    FORMAT_NAME,
    STEP_WORDS,
    SUPPORTED_FORMAT_VERSION,
    ActionPlan,
    ActionPlanError,
    FigureKind,
    Kpi,
    KpiDirection,
    KpiFigure,
    PlanDate,
    PlanPhase,
    PlanProblem,
    fiscal_year,
    fiscal_year_end,
    fiscal_year_start,
    plan_period_state,
)
from circular_app.domain.action_plan_parse import parse_action_plan

PLAN_DIR = Path(__file__).resolve().parents[2] / "resources" / "action_plan"
BUNDLED = PLAN_DIR / "kanazawa-region-2023.json"
SCHEMA = PLAN_DIR / "action-plan.schema.json"

# The 地域 table of the source (令和5年度 第1回 金沢市DX会議), in order: title → 2023/2024/2025 steps.
SOURCE_MEASURES = [
    ("デジタル技術を活用した地域活動の活性化", "町会活動のデジタル化推進", ("推進", "推進", "推進")),
    (
        "デジタル技術を活用した地域活動の活性化",
        "地域課題解決のための共創プラットフォームの提供",
        ("開始", "推進", "推進"),
    ),
    (
        "デジタル技術を活用した地域活動の活性化",
        "シビックテックによる地域課題の解決推進",
        ("推進", "推進", "推進"),
    ),
    (
        "デジタル技術を活用した地域活動の活性化",
        "地域団体へのデジタルツール活用講座の開催",
        ("実施", "拡大", "拡大"),
    ),
    ("デジタルデバイドの解消", "高齢者スマホ講座の開催", ("実施", "拡大", "拡大")),
    ("デジタルデバイドの解消", "障害のある方へのデジタルツール活用支援", ("実施", "拡大", "拡大")),
    (
        "ダイバーシティ・インクルージョン",
        "SNSやオンライン等を活用した多様な相談支援の実施",
        ("実施", "拡大", "拡大"),
    ),
    (
        "ダイバーシティ・インクルージョン",
        "産学官連携による最新技術を活用した障害のある方へのコミュニケーション支援の検討",
        ("実施", "拡大", "拡大"),
    ),
    (
        "マイナンバーカードを地域活性化に活用",
        "マイナンバーカードを活用したスマートサービスの導入",
        ("導入", "拡大", "拡大"),
    ),
]

# 現状 and 課題 of each measure as of 2023-07, exactly as in the source.
SOURCE_STATUS = [
    (("電子回覧板アプリ等の普及啓発と導入支援を実施",), ("電子回覧板アプリ等を活用する町会等の拡大",)),
    (
        ("R5.7月までの試行運用を経て本格稼働を開始",),
        ("参加者の確保及び課題解決に向けたディスカッションのファシリテーション",),
    ),
    (
        ("市民等が抱える地域課題の解決支援や人材育成のためのアプリ開発講座等の開催に向けて準備中",),
        ("シビックテックの担い手確保、市民活動団体等へのシビックテックの浸透",),
    ),
    (("校下(地区)町会連合会へ参加者を募り、講座開催に向けて準備中",), ()),
    (("開催に向け公民館等と調整中",), ()),
    (
        ("利用者相談窓口の設置に向け準備中", "ICT機器に精通した障害のある当事者で構成する作業チームを公募"),
        (),
    ),
    (("相談開始に向け準備中",), ()),
    (
        (
            "大学と連携し、窓口への『会話の見える化ツール』試験導入によるコミュニケーション支援の実証実験を準備中",
        ),
        (),
    ),
    (("基盤構築に向けた仕様を検討中",), ()),
]


def bundled_doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
    return data


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return data


def parse_doc(doc: Any) -> ActionPlan:
    return parse_action_plan(json.dumps(doc, ensure_ascii=False), "test.json")


def refusal(doc: Any) -> ActionPlanError:
    with pytest.raises(ActionPlanError) as caught:
        parse_doc(doc)
    return caught.value


@pytest.fixture(scope="module")
def plan() -> ActionPlan:
    return parse_action_plan(BUNDLED.read_text(encoding="utf-8"), BUNDLED.name)


# ----- the bundled plan ---------------------------------------------------------------------------
def test_bundled_plan_has_the_four_groups_of_the_source(plan: ActionPlan) -> None:
    """The bundled plan has the 4 groups of the 地域 domain, in source order."""
    assert [g.title for g in plan.groups] == [
        "デジタル技術を活用した地域活動の活性化",
        "デジタルデバイドの解消",
        "ダイバーシティ・インクルージョン",
        "マイナンバーカードを地域活性化に活用",
    ]


def test_bundled_plan_has_the_nine_measures_with_their_steps(plan: ActionPlan) -> None:
    """Each of the 9 measures has its group and its 2023/2024/2025 steps as in the source."""
    titles = {g.id: g.title for g in plan.groups}
    found = [(titles[m.group_id], m.title, tuple(s.word for s in m.steps)) for m in plan.measures]
    assert found == SOURCE_MEASURES
    assert plan.plan_years == (2023, 2024, 2025)


def test_bundled_statuses_are_the_2023_07_texts(plan: ActionPlan) -> None:
    """Every measure has one status dated 2023-07 with the source's 現状 and 課題."""
    for measure, (current, issues) in zip(plan.measures, SOURCE_STATUS, strict=True):
        assert len(measure.status) == 1
        entry = measure.status[0]
        assert entry.as_of == PlanDate(2023, 7)
        assert (entry.current, entry.issues) == (current, issues)


def test_bundled_domain_and_source(plan: ActionPlan) -> None:
    """Domain 地域 with its theme, data edition 1 of 2023-07, from the FY2023 first DX meeting."""
    assert (plan.domain.name, plan.domain.theme) == ("地域", "住民相互の交流と連帯意識の醸成")
    assert plan.domain.text.startswith(
        "人口減少・少子高齢社会において、コミュニティの希薄化は喫緊の課題です。"
    )
    assert (plan.data_version, plan.data_date) == (1, PlanDate(2023, 7))
    assert plan.source.document == "令和5年度 第1回 金沢市DX会議"
    assert plan.source.date == PlanDate(2023, 7)


def test_only_the_association_measure_shows_live_figures(plan: ActionPlan) -> None:
    """Live figures belong to 町会活動のデジタル化推進 and to no other measure."""
    assert [m.title for m in plan.measures if m.shows_live_figures] == ["町会活動のデジタル化推進"]


def test_bundled_adoption_kpi(plan: ActionPlan) -> None:
    """結ネット等 KPI: 校下 unit, target 30, 29 at the end of FY2022, 39 in 2023-06 by survey."""
    kpi = plan.kpis[0]
    assert kpi.title == "結ネット等の地域活動発信アプリ導入数"
    assert (kpi.unit, kpi.target, kpi.cumulative) == ("校下(地区)", 30, True)
    assert kpi.note == "校下(地区)町会連合会単位"
    assert [(f.as_of, f.value, f.kind) for f in kpi.figures] == [
        (PlanDate(2023, 3, 31), 29, FigureKind.ACTUAL),
        (PlanDate(2023, 6), 39, FigureKind.SURVEY),
    ]


def test_bundled_course_kpi(plan: ActionPlan) -> None:
    """高齢者向け電子申請講座 KPI: target 1,500 people, 1,655 reached."""
    kpi = plan.kpis[1]
    assert kpi.title == "高齢者向け電子申請講座参加者数"
    assert (kpi.unit, kpi.target) == ("人", 1500)
    assert [(f.value, f.kind) for f in kpi.figures] == [(1655, FigureKind.ACTUAL)]
    assert len(plan.kpis) == 2


# ----- KPI rule -----------------------------------------------------------------------------------
def _kpi(values: list[float], direction: KpiDirection = KpiDirection.INCREASE) -> Kpi:
    figures = tuple(KpiFigure(PlanDate(2023, m + 1), v) for m, v in enumerate(values))
    return Kpi("k", "t", "u", 30, figures, direction)


def test_kpi_is_achieved_when_the_latest_figure_reaches_the_target(plan: ActionPlan) -> None:
    """39 ≥ 30 is 目標達成 although the earlier 29 was not."""
    assert plan.kpis[0].achieved
    assert not _kpi([29]).achieved


def test_kpi_with_a_decrease_target_is_achieved_at_or_below_it() -> None:
    """A decrease KPI is reached when the latest figure is at most the target."""
    assert _kpi([40, 30], KpiDirection.DECREASE).achieved
    assert not _kpi([31], KpiDirection.DECREASE).achieved


def test_kpi_without_figures_is_not_achieved() -> None:
    """No figure means not achieved (never assumed)."""
    assert not _kpi([]).achieved


# ----- fiscal years and period --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2026, 11, 25), 2026),
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2027, 1, 10), 2026),
    ],
)
def test_fiscal_year_starts_on_1_april(day: dt.date, year: int) -> None:
    """The fiscal year of a day changes on 1 April."""
    assert fiscal_year(day) == year


def test_fiscal_year_bounds() -> None:
    """FY2025 runs from 2025-04-01 to 2026-03-31."""
    assert (fiscal_year_start(2025), fiscal_year_end(2025)) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_plan_period_has_ended_on_2026_11_25(plan: ActionPlan) -> None:
    """On 2026-11-25 (FY2026) the 2023–2025 plan has ended; the latest status is the 2023-07 one."""
    state = plan_period_state(plan, dt.date(2026, 11, 25))
    assert (state.phase, state.fiscal_year) == (PlanPhase.ENDED, 2026)
    assert state.status_as_of == PlanDate(2023, 7)
    assert state.year_index is None
    for measure in plan.measures:
        assert state.status_of(measure.id) == measure.status[0]


def test_plan_period_within_marks_the_year(plan: ActionPlan) -> None:
    """In FY2024 the plan is in its second year."""
    state = plan_period_state(plan, dt.date(2024, 6, 1))
    assert (state.phase, state.year_index) == (PlanPhase.WITHIN, 1)


def test_plan_period_before_the_first_year(plan: ActionPlan) -> None:
    """On 2023-03-31 (FY2022) the plan has not started."""
    assert plan_period_state(plan, dt.date(2023, 3, 31)).phase is PlanPhase.BEFORE


def test_status_dated_after_today_is_not_reported(plan: ActionPlan) -> None:
    """Before 2023-07 no status is known: none is reported rather than a later one."""
    state = plan_period_state(plan, dt.date(2023, 6, 30))
    assert state.status_of(plan.measures[0].id) is None
    assert state.status_as_of is None


# ----- refusals -----------------------------------------------------------------------------------
def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = bundled_doc()
    change(doc)
    return doc


def _set(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: list[str | int]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        (_delete(["measures", 2, "title"]), "measures[2].title", PlanProblem.MISSING_KEY),
        (
            _set(["measures", 3, "steps", "2024"], "進める"),
            "measures[3].steps.2024",
            PlanProblem.UNKNOWN_STEP,
        ),
        (
            _set(["measures", 0, "status", 0, "as_of"], "2023-13"),
            "measures[0].status[0].as_of",
            PlanProblem.BAD_DATE,
        ),
        (
            _set(["kpis", 1, "figures", 0, "as_of"], "2023-02-30"),
            "kpis[1].figures[0].as_of",
            PlanProblem.BAD_DATE,
        ),
        (_set(["kpis", 0, "target"], "30"), "kpis[0].target", PlanProblem.WRONG_TYPE),
        (_set(["kpis", 0, "target"], True), "kpis[0].target", PlanProblem.WRONG_TYPE),
        (_set(["kpis", 0, "target"], -1), "kpis[0].target", PlanProblem.BAD_NUMBER),
        (_set(["format_version"], 2), "format_version", PlanProblem.NEWER_FORMAT),
        (_set(["format"], "something-else"), "format", PlanProblem.WRONG_FORMAT),
        (_set(["groups", 1, "colour"], "red"), "groups[1].colour", PlanProblem.UNKNOWN_KEY),
        (_delete(["measures", 4, "steps", "2025"]), "measures[4].steps.2025", PlanProblem.MISSING_YEAR),
        (_set(["measures", 4, "steps", "2026"], "拡大"), "measures[4].steps.2026", PlanProblem.EXTRA_YEAR),
        (_set(["measures", 5, "group"], "nowhere"), "measures[5].group", PlanProblem.UNKNOWN_GROUP),
        (_set(["measures", 6, "id"], "civic-tech"), "measures[6].id", PlanProblem.DUPLICATE_ID),
        (_set(["measures", 6, "id"], "Civic Tech"), "measures[6].id", PlanProblem.BAD_ID),
        (
            _set(["measures", 1, "shows_live_figures"], True),
            "measures[1].shows_live_figures",
            PlanProblem.SEVERAL_LIVE,
        ),
        (
            _set(["kpis", 0, "figures", 1, "kind"], "guess"),
            "kpis[0].figures[1].kind",
            PlanProblem.UNKNOWN_CHOICE,
        ),
        (_set(["plan_years"], [2023, 2025]), "plan_years", PlanProblem.BAD_YEARS),
        (_set(["measures", 0, "description"], []), "measures[0].description", PlanProblem.EMPTY),
        (_set(["title"], "  "), "title", PlanProblem.EMPTY),
        (_set(["domain"], []), "domain", PlanProblem.WRONG_TYPE),
    ],
)
def test_broken_file_is_refused_naming_the_path(
    change: Callable[[dict[str, Any]], None], path: str, problem: PlanProblem
) -> None:
    """Each kind of mistake is refused with its JSON path and reason."""
    error = refusal(_edit(change))
    assert (error.path, error.problem) == (path, problem)
    assert str(error).startswith(f"{path}: ")


def test_unknown_step_message_quotes_the_word() -> None:
    """The message reads like `measures[3].steps.2024: 不明な段階 "進める"`."""
    error = refusal(_edit(_set(["measures", 3, "steps", "2024"], "進める")))
    assert str(error) == 'measures[3].steps.2024: 不明な段階 "進める"'


def test_newer_format_is_refused_before_other_checks() -> None:
    """A newer format says "update the app" even when it also has keys we do not know."""
    doc = _edit(_set(["format_version"], SUPPORTED_FORMAT_VERSION + 1))
    doc["new_section"] = {}
    assert refusal(doc).problem is PlanProblem.NEWER_FORMAT


def test_text_that_is_not_json_is_refused_with_its_position() -> None:
    """A syntax error names its line and column."""
    with pytest.raises(ActionPlanError) as caught:
        parse_action_plan('{\n  "format": ,\n}', "x.json")
    assert (caught.value.problem, caught.value.line, caught.value.column) == (PlanProblem.NOT_JSON, 2, 13)


def test_nan_is_refused() -> None:
    """NaN (accepted by Python's json, not by JSON) is refused."""
    text = BUNDLED.read_text(encoding="utf-8").replace('"target": 30', '"target": NaN')
    with pytest.raises(ActionPlanError) as caught:
        parse_action_plan(text)
    assert caught.value.problem is PlanProblem.NOT_JSON


def test_a_5000_digit_number_is_refused() -> None:
    """A number past Python's digit limit is refused as not JSON (it was a ValueError, a 500)."""
    text = BUNDLED.read_text(encoding="utf-8").replace('"target": 30', '"target": ' + "9" * 5000)
    with pytest.raises(ActionPlanError) as caught:
        parse_action_plan(text)
    assert caught.value.problem is PlanProblem.NOT_JSON


def test_duplicate_key_is_refused_with_its_object_path() -> None:
    """A key written twice in one object is refused (json would silently keep the last)."""
    text = BUNDLED.read_text(encoding="utf-8").replace('"target": 1500', '"target": 1500, "target": 15')
    with pytest.raises(ActionPlanError) as caught:
        parse_action_plan(text)
    assert (caught.value.path, caught.value.problem) == ("kpis[1]", PlanProblem.DUPLICATE_KEY)


def test_deep_nesting_is_refused_not_crashing() -> None:
    """Absurd nesting is a refusal, not a RecursionError."""
    with pytest.raises(ActionPlanError):
        parse_action_plan("[" * 100_000 + "]" * 100_000)


# ----- schema and parser agree ------------------------------------------------------------------
def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = {**root["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _objects(
    node: dict[str, Any], value: Any, path: str, root: dict[str, Any]
) -> Iterator[tuple[dict[str, Any], str]]:
    """Every (schema node, JSON path) of an object in ``value`` described by ``node``."""
    node = _resolve(node, root)
    if isinstance(value, dict) and "properties" in node:
        yield node, path
        for key, child in value.items():
            if key in node["properties"]:
                yield from _objects(node["properties"][key], child, f"{path}.{key}" if path else key, root)
    elif isinstance(value, list) and "items" in node:
        for i, child in enumerate(value):
            yield from _objects(node["items"], child, f"{path}[{i}]", root)


def _at(doc: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        doc = doc[int(part[1:-1])] if part.startswith("[") else doc[part]
    return doc


def test_every_required_key_of_the_schema_is_enforced_by_the_parser() -> None:
    """Removing any key the schema requires, anywhere in the file, is refused at that key's path."""
    root = schema()
    checked = 0
    for node, path in _objects(root, bundled_doc(), "", root):
        for key in node.get("required", []):
            doc = bundled_doc()
            del _at(doc, path)[key]
            error = refusal(doc)
            assert (error.path, error.problem) == (f"{path}.{key}" if path else key, PlanProblem.MISSING_KEY)
            checked += 1
    assert checked > 50


def test_every_closed_schema_object_refuses_unknown_keys() -> None:
    """Where the schema forbids extra properties, the parser refuses an extra key too."""
    root = schema()
    for node, path in _objects(root, bundled_doc(), "", root):
        assert node.get("additionalProperties") is False
        doc = bundled_doc()
        _at(doc, path)["zz_extra"] = 1
        error = refusal(doc)
        where = f"{path}.zz_extra" if path else "zz_extra"
        assert (error.path, error.problem) == (where, PlanProblem.UNKNOWN_KEY)


def test_bundled_file_uses_every_property_the_schema_declares() -> None:
    """Every property of every schema object occurs in the bundled file, so the parser accepts each."""
    root = schema()
    declared: dict[int, set[str]] = {}
    used: dict[int, set[str]] = {}
    doc = bundled_doc()
    for node, path in _objects(root, doc, "", root):
        declared[id(node["properties"])] = set(node["properties"])
        used.setdefault(id(node["properties"]), set()).update(_at(doc, path))
    assert used == declared
    # root, domain, group, measure, status, kpi, figure, source
    assert len(declared) == 8


def test_schema_enumerations_match_the_parser() -> None:
    """Step words, figure kinds, directions, format name and version are the same in both."""
    defs = schema()["$defs"]
    assert tuple(defs["step"]["enum"]) == STEP_WORDS
    assert set(defs["figure"]["properties"]["kind"]["enum"]) == {k.value for k in FigureKind}
    assert set(defs["kpi"]["properties"]["direction"]["enum"]) == {d.value for d in KpiDirection}
    assert schema()["properties"]["format"]["const"] == FORMAT_NAME
    assert schema()["properties"]["format_version"]["const"] == SUPPORTED_FORMAT_VERSION
    assert set(schema()["required"]) == set(bundled_doc()) - {"$schema"}


@pytest.mark.parametrize(
    "text",
    ["2023-07", "2023-03-31", "2023-7", "2023-00", "2023-13", "2023-07-32", "23-07", "2023/07", "2023-07-1"],
)
def test_schema_date_pattern_matches_the_parser(text: str) -> None:
    """A date string is accepted by the schema's pattern exactly when the parser accepts it."""
    pattern = schema()["$defs"]["date"]["pattern"]
    try:
        PlanDate.parse(text)
        parsed = True
    except ValueError:
        parsed = False
    assert bool(re.search(pattern, text)) == parsed


@pytest.mark.parametrize("text", ["region", "kanazawa-dx-2", "9a", "Region", "-x", "a_b", "ａ", ""])
def test_schema_id_pattern_matches_the_parser(text: str) -> None:
    """An id is accepted by the schema's pattern exactly when the parser accepts it."""
    doc = bundled_doc()
    doc["domain"]["id"] = text
    pattern = schema()["$defs"]["id"]["pattern"]
    try:
        parse_doc(doc)
        parsed = True
    except ActionPlanError:
        parsed = False
    assert bool(re.search(pattern, text)) == parsed


def test_parsing_does_not_change_the_document() -> None:
    """Parsing leaves the decoded input untouched (the service stores the original text)."""
    doc = bundled_doc()
    before = copy.deepcopy(doc)
    parse_doc(doc)
    assert doc == before
