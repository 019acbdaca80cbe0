"""Reader tracking: recording stamps, targeting, rates, matrix, stuck boards, dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Audience, CircularDraft
from circular_app.domain.errors import PermissionDeniedError, ValidationError
from circular_app.domain.reads import CellState, Channel, StuckRule
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.services.circulars import CircularService
from circular_app.services.reads import ReadEntry, ReaderService
from circular_app.settings import STUCK_BOARD_DAYS
from circular_app.storage import circular_repo as crepo

TODAY = dt.date(2026, 11, 25)


class World:
    """A small association: 2 班 × 4 households (last of each digital), one published circular."""

    def __init__(self, services: ProfileServices, app: App) -> None:
        self.services = services
        self.circulars = CircularService(
            services.context, app.paths.resources / "templates", today=lambda: TODAY
        )
        self.today = TODAY
        self.stuck_days = 3
        self.reads = ReaderService(
            services.context, today=lambda: self.today, stuck_days=lambda: self.stuck_days
        )
        self.hans = [services.roster.add_han(f"{i}班") for i in (1, 2)]
        for han in self.hans:
            for n in range(4):
                services.roster.add_household(
                    HouseholdDraft(
                        name=f"{han.name}世帯{n + 1}",
                        han_id=han.id,
                        delivery=Delivery.DIGITAL if n == 3 else Delivery.PAPER,
                    )
                )
        self.households = services.roster.list_households()
        self.circular = self.publish("清掃のお知らせ")

    def publish(self, title: str, **fields: object) -> int:
        issue = fields.pop("issue_date", TODAY - dt.timedelta(days=3))
        draft = CircularDraft(title=title, body="本文", issue_date=issue, **fields)  # type: ignore[arg-type]
        circular_id = self.circulars.publish(self.circulars.new_draft(draft).id).id
        # Published on its issue date (the real clock is not the test's TODAY).
        with self.services.context.sessions.begin() as session:
            crepo.set_published_at(session, circular_id, dt.datetime.combine(issue, dt.time()))  # type: ignore[arg-type]
        return circular_id

    def stamp(
        self,
        indexes: list[int],
        channel: Channel = Channel.PAPER,
        circular: int | None = None,
        day: dt.date = TODAY,
    ) -> None:
        entries = [ReadEntry(self.households[i].id, channel, day) for i in indexes]
        self.reads.record(circular or self.circular, entries)


@pytest.fixture
def world(services: ProfileServices, app: App) -> World:
    """The small association."""
    return World(services, app)


def test_recording_a_whole_han_sets_the_rate(world: World) -> None:
    """Stamping 4 of 8 targeted households gives 50%, per 班 100% and 0%."""
    world.stamp([0, 1, 2, 3])
    status = world.reads.circular_status(world.circular)
    assert (status.rate.read, status.rate.targeted) == (4, 8)
    assert [(han.name, rate.read, rate.targeted) for han, rate in status.per_han] == [
        ("1班", 4, 4),
        ("2班", 0, 4),
    ]
    assert [h.name for h in status.unread] == ["2班世帯1", "2班世帯2", "2班世帯3", "2班世帯4"]


def test_recording_again_keeps_first_time_and_notes_history(world: World) -> None:
    """A second entry for the same pair keeps the first date and adds to the history."""
    h = world.households[0]
    world.reads.record(world.circular, [ReadEntry(h.id, Channel.PAPER, TODAY - dt.timedelta(days=1))])
    world.reads.record(world.circular, [ReadEntry(h.id, Channel.PAPER, TODAY)])
    assert world.reads.records(world.circular)[h.id].read_on == TODAY - dt.timedelta(days=1)
    assert [a for a, *_ in world.reads.history(world.circular, h.id)] == ["record", "again"]


def test_remove_is_the_undo_of_record(world: World) -> None:
    """Removing a mis-clicked stamp makes the household unread again, history kept."""
    world.stamp([0])
    assert world.reads.remove(world.circular, [world.households[0].id]) == 1
    assert world.reads.records(world.circular) == {}
    assert [a for a, *_ in world.reads.history(world.circular, world.households[0].id)] == [
        "record",
        "remove",
    ]


def test_targeting_by_han_and_audience(world: World) -> None:
    """A circular for 2班 paper households targets only those three."""
    cid = world.publish("2班の紙のみ", target_han_ids=(world.hans[1].id,), audience=Audience.PAPER)
    status = world.reads.circular_status(cid)
    assert [h.name for h in status.unread] == ["2班世帯1", "2班世帯2", "2班世帯3"]


def test_per_han_lists_only_the_han_a_circular_targets(world: World) -> None:
    """Per 班 rates count only targeted households, and a 班 with none targeted is left out."""
    digital = world.publish("デジタルのみ", audience=Audience.DIGITAL)
    world.stamp([7], Channel.DIGITAL, circular=digital)
    status = world.reads.circular_status(digital)
    assert [(han.name, rate.read, rate.targeted) for han, rate in status.per_han] == [
        ("1班", 0, 1),
        ("2班", 1, 1),
    ]
    assert [h.name for h in status.unread] == ["1班世帯4"]
    only_second = world.publish("2班のみ", target_han_ids=(world.hans[1].id,))
    status = world.reads.circular_status(only_second)
    assert [(han.name, rate.targeted) for han, rate in status.per_han] == [("2班", 4)]
    assert (status.rate.read, status.rate.targeted) == (0, 4)


def test_moved_out_before_issue_is_not_targeted(world: World) -> None:
    """A household that moved out before the issue date is not expected to read."""
    world.services.roster.move_out(world.households[0].id, TODAY - dt.timedelta(days=10))
    assert world.reads.circular_status(world.circular).rate.targeted == 7


def test_stuck_board_is_first_unstamped_after_last_stamp(world: World) -> None:
    """1班 stamped households 1 and 2 three days ago: the board is at household 3."""
    world.stamp([0, 1], day=TODAY - dt.timedelta(days=3))
    stuck = {b.han.name: b for b in world.reads.circular_status(world.circular).stuck}
    assert stuck["1班"].household.name == "1班世帯3"
    assert "1班世帯3様宅で3日止まっています（最後の押印 令和8年11月22日(日)）" in stuck["1班"].describe()
    assert stuck["2班"].stamped == 0 and "回り始めて3日、まだ押印がありません" in stuck["2班"].describe()


def test_no_board_is_stuck_right_after_publishing(world: World) -> None:
    """On the day of publication no 班 is listed, on ホーム nor in the circular's status."""
    fresh = world.publish("今日の回覧", issue_date=TODAY)
    assert world.reads.circular_status(fresh).stuck == ()
    assert fresh not in {b.circular_id for b in world.reads.dashboard().stuck}


def test_board_is_stuck_after_the_set_days_without_a_stamp(world: World) -> None:
    """Two days after publication nothing is flagged; on the third day each board is, as not started."""
    fresh = world.publish("新しい回覧", issue_date=TODAY - dt.timedelta(days=2))
    assert world.reads.circular_status(fresh).stuck == ()
    world.today = TODAY + dt.timedelta(days=1)
    stuck = world.reads.circular_status(fresh).stuck
    assert [(b.han.name, b.rule, b.days) for b in stuck] == [
        ("1班", StuckRule.NOT_STARTED, 3),
        ("2班", StuckRule.NOT_STARTED, 3),
    ]


def test_a_stamp_resets_the_clock(world: World) -> None:
    """A stamp today takes 1班 off the list; three days later it is back, as stopped after the stamp."""
    world.stamp([0])
    assert {b.han.name for b in world.reads.circular_status(world.circular).stuck} == {"2班"}
    world.today = TODAY + dt.timedelta(days=3)
    board = {b.han.name: b for b in world.reads.circular_status(world.circular).stuck}["1班"]
    assert (board.rule, board.since, board.days, board.household.name) == (
        StuckRule.STOPPED,
        TODAY,
        3,
        "1班世帯2",
    )


def test_the_setting_changes_the_days(world: World) -> None:
    """With the setting at 5 days, a board three days without a stamp is not yet stuck."""
    world.stuck_days = 5
    assert world.reads.circular_status(world.circular).stuck == ()
    world.stuck_days = 2
    assert len(world.reads.circular_status(world.circular).stuck) == 2


def test_the_app_setting_reaches_the_service(world: World, services: ProfileServices, app: App) -> None:
    """The profile's reader service reads STUCK_BOARD_DAYS from the settings each time it is asked."""
    fresh = world.publish("設定の確認", issue_date=dt.date.today() - dt.timedelta(days=3))
    app.settings.set(STUCK_BOARD_DAYS, 4)
    assert services.reads.circular_status(fresh).stuck == ()
    app.settings.set(STUCK_BOARD_DAYS, 3)
    assert len(services.reads.circular_status(fresh).stuck) == 2


def test_overdue_board_is_stuck_whatever_the_days(world: World) -> None:
    """Past the due date a board that has not come back is listed as overdue, even after a recent stamp."""
    old = world.publish(
        "期限切れ", issue_date=TODAY - dt.timedelta(days=20), due_date=TODAY - dt.timedelta(days=6)
    )
    world.stamp([0], circular=old)
    board = {b.han.name: b for b in world.reads.circular_status(old).stuck}["1班"]
    assert board.rule is StuckRule.OVERDUE
    assert "回覧期限を過ぎています（期限 令和8年11月19日(木)）" in board.describe()


def test_returned_board_is_not_stuck(world: World) -> None:
    """When every household stamped or confirmed digitally, that 班's board is not reported."""
    world.stamp([0, 1, 2])
    world.stamp([3], Channel.DIGITAL)
    assert "1班" not in {b.han.name for b in world.reads.circular_status(world.circular).stuck}


def test_matrix_cells(world: World) -> None:
    """Matrix cells show paper, digital, unread and not-targeted states."""
    only_two = world.publish("2班のみ", target_han_ids=(world.hans[1].id,))
    world.stamp([0])
    world.stamp([3], Channel.DIGITAL)
    m = world.reads.matrix(year=2026)
    col = {c.id: i for i, c in enumerate(m.circulars)}
    assert m.state(0, col[world.circular]) is CellState.READ_PAPER
    assert m.state(3, col[world.circular]) is CellState.READ_DIGITAL
    assert m.state(1, col[world.circular]) is CellState.UNREAD
    assert m.state(0, col[only_two]) is CellState.NOT_TARGETED


def test_overdue_when_past_due_and_unread(services: ProfileServices, app: App) -> None:
    """A published circular past its due date with unread households is overdue."""
    w = World(services, app)
    old = w.circulars.new_draft(
        CircularDraft(
            title="古い",
            body="本文",
            issue_date=TODAY - dt.timedelta(days=30),
            due_date=TODAY - dt.timedelta(days=16),
        )
    )
    w.circulars.publish(old.id)
    assert w.reads.circular_status(old.id).overdue
    assert not w.reads.circular_status(w.circular).overdue


def test_dashboard_figures(world: World) -> None:
    """The dashboard counts circulars, the overall rate and the digital share."""
    world.stamp([0, 1, 2, 3])
    world.stamp([7], Channel.DIGITAL)
    d = world.reads.dashboard()
    assert (d.overall_rate.read, d.overall_rate.targeted) == (5, 8)
    assert (d.digital_households, d.active_households, d.digital_confirmations) == (2, 8, 1)
    assert d.digital_share == 0.25
    assert {b.han.name for b in d.stuck} == {"2班"}


def test_future_dates_and_drafts_are_refused(world: World) -> None:
    """A stamp dated next week or on a draft is refused."""
    with pytest.raises(ValidationError):
        world.reads.record(
            world.circular, [ReadEntry(world.households[0].id, Channel.PAPER, TODAY + dt.timedelta(days=7))]
        )
    draft = world.circulars.new_draft(CircularDraft(title="下書き"))
    with pytest.raises(ValidationError):
        world.stamp([0], circular=draft.id)


def test_han_leader_records_only_own_han(world: World, app: App) -> None:
    """A 班長 may stamp their 班 but not another."""
    from circular_app.domain.accounts import Role

    world.services.accounts.add_officer(
        "hancho1", "1班長", Role.HAN_LEADER, "hancho password", world.hans[0].id
    )
    leader_ctx = app.profiles.open_profile(world.services.context.ref, "hancho1", "hancho password")
    try:
        reads = ReaderService(leader_ctx, today=lambda: TODAY)
        reads.record(world.circular, [ReadEntry(world.households[0].id, Channel.PAPER, TODAY)])
        with pytest.raises(PermissionDeniedError):
            reads.record(world.circular, [ReadEntry(world.households[4].id, Channel.PAPER, TODAY)])
    finally:
        leader_ctx.close()


def test_matrix_csv_for_excel(world: World, tmp_path: Path) -> None:
    """The matrix exports as CSV with one row per household and a column per circular."""
    world.stamp([0])
    path = tmp_path / "matrix.csv"
    encoding = world.reads.export_matrix_csv(path, year=2026)
    lines = path.read_bytes().decode(encoding).splitlines()
    assert lines[0].startswith("ID,班,氏名,No.1 清掃のお知らせ")
    assert len(lines) == 9 and "既読（紙）" in lines[1]
