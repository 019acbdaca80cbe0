"""Planning a roster import: where rows go on the route, and which numbers change."""

from __future__ import annotations

from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.roster_csv import parse_roster_csv
from circular_app.domain.roster_import import ImportPlan, RouteOrder, plan_import

HANS = [Han(1, "1班", 1)]
ROUTE = [
    Household(i, f"id{i}", name, "", 1, i, Delivery.PAPER, False, "ja", "", "", "")
    for i, name in enumerate(["甲 一", "乙 二", "丙 三"], start=1)
]


def _plan(csv: str, order: RouteOrder | None = None) -> ImportPlan:
    return plan_import(parse_roster_csv(csv.encode(), "x.csv"), HANS, ROUTE, "x.csv", order)


def _names(plan: ImportPlan) -> list[str]:
    by_id = {h.id: h.name for h in ROUTE}
    return [
        slot.row.name if slot.row is not None else by_id[slot.household_id or 0]
        for slot in plan.routes[0].slots
    ]


def test_listed_households_keeping_their_number_stay_in_place() -> None:
    """Rows whose 順番 is the household's own number (or blank) move nobody."""
    plan = _plan("班,順番,氏名\n1班,3,丙 三\n1班,,甲 一\n")
    assert not plan.collisions and plan.route_moves == () and plan.is_empty
    assert _names(plan) == ["甲 一", "乙 二", "丙 三"]


def test_swapping_two_numbers_is_a_collision_that_insert_applies() -> None:
    """Two listed households swapping numbers collide; 'insert' gives the swapped route."""
    csv = "班,順番,氏名\n1班,2,甲 一\n1班,1,乙 二\n"
    assert _plan(csv).needs_route_order
    plan = _plan(csv, RouteOrder.INSERT)
    assert _names(plan) == ["乙 二", "甲 一", "丙 三"]
    assert [(m.household.name, m.old, m.new) for m in plan.route_moves] == [("乙 二", 2, 1), ("甲 一", 1, 2)]


def test_new_number_past_the_end_is_not_a_collision() -> None:
    """A new row numbered after the last household is appended without asking."""
    plan = _plan("班,順番,氏名\n1班,9,丁 四\n")
    assert not plan.needs_route_order
    assert _names(plan) == ["甲 一", "乙 二", "丙 三", "丁 四"]
    assert plan.new_number(plan.creates[0]) == 4


def test_a_language_with_no_reader_language_is_noted_not_refused() -> None:
    """「タイ語」 is kept and noted with its line and column; 「ベトナム語」 and blanks are not noted."""
    plan = _plan("班,氏名,言語\n1班,丁 四,タイ語\n1班,戊 五,ベトナム語\n1班,己 六,\n")
    assert [row.language for row in plan.creates] == ["タイ語", "ベトナム語", "ja"]
    [note] = plan.language_notes
    assert (
        note.describe()
        == "2行目 [言語]: 言語『タイ語』は読むページと紙の言語にありません。日本語で表示・印刷します"
    )
    assert "Thai" not in note.describe("en") and "shown and printed in Japanese" in note.describe("en")
