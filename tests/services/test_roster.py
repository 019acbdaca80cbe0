"""Roster service: households, 班 operations, route order, CSV import and export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import (
    ConflictError,
    CsvImportError,
    PermissionDeniedError,
    ValidationError,
)
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.domain.roster_import import RouteOrder
from circular_app.services.roster import ImportCancelled, RosterService

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "roster-sample.csv"


def _han_with(services: ProfileServices, han: str, *names: str) -> int:
    han_id = services.roster.add_han(han).id
    for name in names:
        services.roster.add_household(HouseholdDraft(name=name, han_id=han_id))
    return han_id


def _route(services: ProfileServices, han_id: int) -> list[str]:
    return [h.name for h in services.roster.list_households() if h.han_id == han_id]


def test_added_household_goes_to_the_end_of_its_route(services: ProfileServices) -> None:
    """New households are appended to their 班's route."""
    han = _han_with(services, "1班", "甲", "乙")
    services.roster.add_household(HouseholdDraft(name="丙", han_id=han))
    assert _route(services, han) == ["甲", "乙", "丙"]


def test_invalid_household_is_not_saved(services: ProfileServices) -> None:
    """A blank name is refused with the field named and nothing is saved."""
    han = _han_with(services, "1班")
    with pytest.raises(ValidationError) as err:
        services.roster.add_household(HouseholdDraft(name="\u3000 ", han_id=han))
    assert err.value.field_name == "氏名"
    assert services.roster.list_households() == []


def test_reading_is_stored_as_full_width_katakana(services: ProfileServices) -> None:
    """A half-width kana reading is saved as full-width katakana."""
    han = _han_with(services, "1班")
    h = services.roster.add_household(HouseholdDraft(name="髙橋 一郎", han_id=han, reading="ﾀｶﾊｼ ｲﾁﾛｳ"))
    assert (h.name, h.reading) == ("髙橋 一郎", "タカハシ\u3000イチロウ")


def test_moved_out_household_leaves_route_but_stays(services: ProfileServices) -> None:
    """Moving out keeps the household (with its date) but not in the active list."""
    han = _han_with(services, "1班", "甲", "乙")
    first = services.roster.list_households()[0]
    services.roster.move_out(first.id, dt.date(2026, 11, 1))
    assert [h.name for h in services.roster.list_households(include_moved_out=False)] == ["乙"]
    assert services.roster.household(first.id).moved_out_on == dt.date(2026, 11, 1)
    assert services.roster.summary().households == 1
    assert han


def test_digital_share_counts_active_households(services: ProfileServices) -> None:
    """The summary counts digital households per 班 and overall."""
    han = _han_with(services, "1班")
    for i, delivery in enumerate([Delivery.DIGITAL, Delivery.PAPER, Delivery.PAPER, Delivery.DIGITAL]):
        services.roster.add_household(HouseholdDraft(name=f"世帯{i}", han_id=han, delivery=delivery))
    summary = services.roster.summary()
    assert (summary.households, summary.digital, summary.digital_share) == (4, 2, 0.5)


def test_han_names_are_normalised_and_unique(services: ProfileServices) -> None:
    """「第３班」 is stored as 「3班」 and a second 「3班」 is refused."""
    assert services.roster.add_han("第３班").name == "3班"
    with pytest.raises(ConflictError):
        services.roster.add_han("3")


def test_reorder_hans(services: ProfileServices) -> None:
    """班 can be put in a new order."""
    a, b, c = (services.roster.add_han(n).id for n in ("1班", "2班", "3班"))
    services.roster.reorder_hans([c, a, b])
    assert [h.name for h in services.roster.list_hans()] == ["3班", "1班", "2班"]


def test_merge_appends_source_route_to_target(services: ProfileServices) -> None:
    """Merging moves every household to the end of the target route and removes the source."""
    a = _han_with(services, "1班", "甲", "乙")
    b = _han_with(services, "2班", "丙", "丁")
    services.roster.merge_hans(b, a)
    assert _route(services, a) == ["甲", "乙", "丙", "丁"]
    assert [h.name for h in services.roster.list_hans()] == ["1班"]


def test_split_moves_the_rest_of_the_route_to_a_new_han(services: ProfileServices) -> None:
    """Splitting at a household moves it and those after it into a new 班 placed next."""
    a = _han_with(services, "1班", "甲", "乙", "丙", "丁")
    _han_with(services, "2班", "戊")
    third = services.roster.list_households()[2]
    new = services.roster.split_han(a, third.id, "1班東")
    assert _route(services, a) == ["甲", "乙"]
    assert _route(services, new.id) == ["丙", "丁"]
    assert [h.name for h in services.roster.list_hans()] == ["1班", "1班東", "2班"]


def test_move_in_route_by_keyboard_steps(services: ProfileServices) -> None:
    """Moving a household down one place swaps it with the next."""
    han = _han_with(services, "1班", "甲", "乙", "丙")
    first = services.roster.list_households()[0]
    services.roster.move_in_route(first.id, +1)
    assert _route(services, han) == ["乙", "甲", "丙"]


def test_reorder_route_requires_every_household_once(services: ProfileServices) -> None:
    """A route order that forgets a household is refused and nothing changes."""
    han = _han_with(services, "1班", "甲", "乙")
    ids = [h.id for h in services.roster.list_households()]
    with pytest.raises(ValidationError):
        services.roster.reorder_route(han, ids[:1])
    services.roster.reorder_route(han, list(reversed(ids)))
    assert _route(services, han) == ["乙", "甲"]


def test_sample_csv_imports(services: ProfileServices) -> None:
    """The bundled CP932 sample (旧字体, half-width kana, ３班/第1班) imports completely."""
    result = services.roster.import_roster(SAMPLE.read_bytes(), SAMPLE.name)
    assert result.encoding == "cp932"
    assert result.added == len(services.roster.list_households()) == 15
    assert [h.name for h in services.roster.list_hans()] == ["1班", "2班", "3班"]
    names = {h.name for h in services.roster.list_households()}
    assert any("髙" in n for n in names) and any("﨑" in n for n in names)
    readings = [h.reading for h in services.roster.list_households()]
    assert all(not any("\uff61" <= c <= "\uff9f" for c in r) for r in readings)


def test_broken_csv_changes_nothing_and_names_every_line(services: ProfileServices) -> None:
    """A file with bad lines is refused whole; the error lists each bad line."""
    _han_with(services, "1班", "既存 世帯")
    data = (
        "班,氏名,受取方法\r\n1班,新規 一,紙\r\n,新規 二,紙\r\n1班,,デジタル\r\n1班,新規 四,はがき\r\n".encode(
            "cp932"
        )
    )
    with pytest.raises(CsvImportError) as err:
        services.roster.import_roster(data, "bad.csv")
    assert sorted({p.line for p in err.value.problems}) == [3, 4, 5]
    assert [h.name for h in services.roster.list_households()] == ["既存 世帯"]


def test_cancelled_import_saves_nothing(services: ProfileServices) -> None:
    """An import cancelled before it committed leaves the roster as it was, 班 included."""
    _han_with(services, "1班", "既存 世帯")
    checks: list[int] = []

    def cancel_on_the_last_check() -> bool:
        checks.append(1)
        return len(checks) > 2  # two 班 are applied, then the commit is refused

    with pytest.raises(ImportCancelled):
        services.roster.import_roster(
            SAMPLE.read_bytes(), SAMPLE.name, cancel_on_the_last_check, route_order=RouteOrder.END
        )
    assert [h.name for h in services.roster.list_households()] == ["既存 世帯"]
    assert [h.name for h in services.roster.list_hans()] == ["1班"]


def test_export_then_import_is_identity(demo_services: ProfileServices, tmp_path: Path) -> None:
    """Exporting the demo roster and importing it back changes nothing."""
    roster = demo_services.roster
    before = roster.list_households()
    path = tmp_path / "roster.csv"
    result = roster.export_roster(path)
    assert result.encoding == "utf-8-sig"  # the demo has 𠮷, outside CP932
    plan = roster.preview_import(path.read_bytes(), path.name)
    assert plan.is_empty and len(plan.unchanged) == len(before)
    roster.import_roster(path.read_bytes(), path.name)
    assert roster.list_households() == before


def test_import_with_ids_updates_those_households(demo_services: ProfileServices, tmp_path: Path) -> None:
    """Rows carrying an ID update that household, even when its name changed."""
    roster = demo_services.roster
    path = tmp_path / "roster.csv"
    roster.export_roster(path)
    text = path.read_bytes().decode("utf-8-sig")
    first = roster.list_households()[0]
    edited = text.replace(first.name, "改名 太郎", 1)
    plan = roster.preview_import(edited.encode("utf-8-sig"), "edited.csv")
    assert [c.household.id for c in plan.changes] == [first.id]
    assert plan.changes[0].fields == ("name",)
    roster.import_roster(edited.encode("utf-8-sig"), "edited.csv")
    assert roster.household(first.id).name == "改名 太郎"
    assert len(roster.list_households()) == 60


def test_import_without_ids_matches_name_and_han(services: ProfileServices) -> None:
    """A row without ID updates the household with the same name in the same 班."""
    _han_with(services, "1班", "見本 一郎")
    data = "班,氏名,受取方法\n1班,見本 一郎,デジタル\n1班,見本 二郎,紙\n".encode()
    result = services.roster.import_roster(data, "x.csv")
    assert (result.added, result.changed) == (1, 1)
    assert [(h.name, h.delivery) for h in services.roster.list_households()] == [
        ("見本 一郎", Delivery.DIGITAL),
        ("見本 二郎", Delivery.PAPER),
    ]


def test_import_moving_out_is_previewed(services: ProfileServices) -> None:
    """A 転出日 on an active household appears as moved out in the preview."""
    _han_with(services, "1班", "見本 一郎")
    data = "班,氏名,転出日\n1班,見本 一郎,2026-10-31\n".encode()
    plan = services.roster.preview_import(data, "x.csv")
    assert [c.household.name for c in plan.moved_out] == ["見本 一郎"]


def _numbers(services: ProfileServices) -> dict[int, tuple[int, int]]:
    """Household id → (班 id, route number) of the whole roster."""
    return {h.id: (h.han_id, h.route_position) for h in services.roster.list_households()}


def test_sample_into_demo_is_refused_without_route_order(demo_services: ProfileServices) -> None:
    """The sample's 順番 1–5 are taken in the demo: without a choice nothing is imported."""
    roster = demo_services.roster
    before = roster.list_households()
    plan = roster.preview_import(SAMPLE.read_bytes(), SAMPLE.name)
    assert plan.needs_route_order and len(plan.collisions) == 15
    with pytest.raises(ConflictError) as err:
        roster.import_roster(SAMPLE.read_bytes(), SAMPLE.name)
    assert err.value.code == "roster.route_order_needed"
    assert "2行目 髙橋 一郎（1班 1番）" in str(err.value)
    assert roster.list_households() == before


def test_sample_into_demo_at_the_end_keeps_every_number(demo_services: ProfileServices) -> None:
    """With 'end' every demo household keeps its number and the new ones follow (13–17番)."""
    roster = demo_services.roster
    before = _numbers(demo_services)
    plan = roster.preview_import(SAMPLE.read_bytes(), SAMPLE.name, RouteOrder.END)
    assert plan.route_moves == ()
    assert [plan.new_number(row) for row in plan.creates[:5]] == [13, 14, 15, 16, 17]
    roster.import_roster(SAMPLE.read_bytes(), SAMPLE.name, route_order=RouteOrder.END)
    after = _numbers(demo_services)
    assert {i: after[i] for i in before} == before
    han1 = roster.list_hans()[0].id
    assert [h.name for h in roster.list_households() if h.han_id == han1][12:] == [
        "髙橋 一郎",
        "山田 花子",
        "佐藤 健",
        "鈴木 和子",
        "中村 実",
    ]


def test_sample_into_demo_inserted_previews_every_move(demo_services: ProfileServices) -> None:
    """With 'insert' the preview names each moved household old→new (「1班 試川 誠 1→6番」)."""
    roster = demo_services.roster
    before = {h.id: h for h in roster.list_households()}
    plan = roster.preview_import(SAMPLE.read_bytes(), SAMPLE.name, RouteOrder.INSERT)
    moves = {(m.han_name, m.household.name, m.old, m.new) for m in plan.route_moves}
    assert ("1班", "試川 誠", 1, 6) in moves
    assert len(plan.route_moves) == 36  # the 12 households of each of 1班, 2班 and 3班
    assert all(m.new == m.old + 5 for m in plan.route_moves)
    roster.import_roster(SAMPLE.read_bytes(), SAMPLE.name, route_order=RouteOrder.INSERT)
    after = {h.id: h for h in roster.list_households()}
    for move in plan.route_moves:
        assert after[move.household.id].route_position == move.new
    moved = {m.household.id for m in plan.route_moves}
    assert all(after[i].route_position == h.route_position for i, h in before.items() if i not in moved)


def test_row_without_route_order_goes_to_the_end(demo_services: ProfileServices) -> None:
    """A new row without 順番 is added at the end of its 班; nobody else moves, nothing is asked."""
    roster = demo_services.roster
    before = _numbers(demo_services)
    data = "班,氏名\n2班,新規 太郎\n".encode()
    plan = roster.preview_import(data, "new.csv")
    assert not plan.needs_route_order and plan.route_moves == ()
    assert plan.new_number(plan.creates[0]) == 13
    roster.import_roster(data, "new.csv")
    han2 = roster.list_hans()[1].id
    assert [h.name for h in roster.list_households() if h.han_id == han2][-1] == "新規 太郎"
    after = _numbers(demo_services)
    assert {i: after[i] for i in before} == before


def test_route_numbers_of_a_han_left_by_a_household_close_up(demo_services: ProfileServices) -> None:
    """A household moved to another 班 by the file leaves no gap: the ones after it move up, previewed."""
    roster = demo_services.roster
    first = roster.list_households()[0]
    data = f"ID,班,氏名\n{first.public_id},5班,{first.name}\n".encode()
    plan = roster.preview_import(data, "move.csv")
    assert [(m.han_name, m.old, m.new) for m in plan.route_moves][:2] == [("1班", 2, 1), ("1班", 3, 2)]
    roster.import_roster(data, "move.csv")
    han1 = roster.list_hans()[0].id
    assert [h.route_position for h in roster.list_households() if h.han_id == han1] == list(range(1, 12))


def test_han_leader_sees_only_own_han(app: App, demo_services: ProfileServices) -> None:
    """A 班長 context lists only the households of their 班."""
    ctx = demo_services.context
    han = demo_services.roster.list_hans()[1]
    leader_ctx = type(ctx)(
        ctx.ref,
        ctx.engine,
        ctx.sessions,
        Officer(99, "hancho", "班長", Role.HAN_LEADER, han.id),
        ctx.data_key,
    )
    leader = RosterService(leader_ctx)
    assert {h.han_id for h in leader.list_households()} == {han.id}
    assert [h.id for h in leader.list_hans()] == [han.id]
    with pytest.raises(PermissionDeniedError):
        leader.add_han("9班")


def test_han_leader_cannot_open_another_han_household(demo_services: ProfileServices) -> None:
    """RosterService.household refuses a 班長 a household of another 班 and returns their own."""
    ctx = demo_services.context
    han = demo_services.roster.list_hans()[1]
    leader = RosterService(
        type(ctx)(
            ctx.ref,
            ctx.engine,
            ctx.sessions,
            Officer(99, "hancho", "班長", Role.HAN_LEADER, han.id),
            ctx.data_key,
        )
    )
    households = demo_services.roster.list_households()
    own = next(h for h in households if h.han_id == han.id)
    other = next(h for h in households if h.han_id != han.id)
    assert leader.household(own.id) == own
    with pytest.raises(PermissionDeniedError):
        leader.household(other.id)
