"""安否確認 service on a real profile: rounds, drills kept apart, answers, roles, audit, sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from circular_app.domain.roster import HouseholdDraft
from circular_app.domain.safety import RoundKind, SafetyChannel, SafetyStatus
from circular_app.services.context import ProfileContext
from circular_app.services.safety import SafetyService
from tests.conftest import ADMIN_USER
from tests.pdf.helpers import font_problems, page_count, pdftotext_lines

PHONE = SafetyChannel.PHONE


class World:
    """Two 班 of three households each (the third of 2班 has moved out)."""

    def __init__(self, services: ProfileServices) -> None:
        self.services = services
        self.hans = [services.roster.add_han(f"{i}班") for i in (1, 2)]
        for han in self.hans:
            for n in range(3):
                services.roster.add_household(
                    HouseholdDraft(name=f"{han.name}の世帯{n + 1}", han_id=han.id, phone=f"076-000-{n}")
                )
        self.households = services.roster.list_households()
        services.roster.move_out(self.households[5].id, dt.date(2026, 1, 1))
        self.safety = services.safety
        self.opened: list[ProfileContext] = []  # other officers' sessions, closed by the fixture

    def login(self, app: App, username: str, role: Role, han: int | None = None) -> SafetyService:
        """Another officer's session on the same profile (closed by the test's fixture)."""
        self.services.accounts.add_officer(username, username, role, f"{username} password", han)
        context = app.profiles.open_profile(self.services.context.ref, username, f"{username} password")
        self.opened.append(context)
        return SafetyService(context, self.services.font_dir)


@pytest.fixture
def world(services: ProfileServices) -> Iterator[World]:
    """The small association."""
    w = World(services)
    yield w
    for context in w.opened:
        context.close()


def test_a_round_starts_and_ends_and_stays_in_history(world: World) -> None:
    """A started round is open with its message; ended, it is listed with who ended it."""
    started = world.safety.start(RoundKind.EARTHQUAKE, "震度5強の地震がありました")
    assert world.safety.current() == started and started.message == "震度5強の地震がありました"
    ended = world.safety.end()
    assert world.safety.current() is None
    assert world.safety.rounds() == [ended] and ended.ended_by == ADMIN_USER


def test_only_one_round_is_open_at_a_time(world: World) -> None:
    """A second real round is refused while one is open, saying which is open."""
    world.safety.start(RoundKind.RAIN)
    with pytest.raises(ValidationError) as caught:
        world.safety.start(RoundKind.EARTHQUAKE)
    assert "大雨" in str(caught.value)


def test_a_drill_cannot_start_during_a_real_round(world: World) -> None:
    """While a real round is open a drill is refused (it would hide the real one)."""
    world.safety.start(RoundKind.EARTHQUAKE)
    with pytest.raises(ValidationError, match="訓練は始められません"):
        world.safety.start(RoundKind.OTHER, drill=True)


def test_a_real_round_ends_an_open_drill_and_starts_clean(world: World) -> None:
    """A disaster during a drill: the drill is ended, and its answers do not count for the real round."""
    drill = world.safety.start(RoundKind.EARTHQUAKE, "訓練です", drill=True)
    world.safety.record(world.households[0].id, SafetyStatus.SAFE, PHONE)
    real = world.safety.start(RoundKind.EARTHQUAKE)
    assert world.safety.current() == real
    ended_drill = next(r for r in world.safety.rounds() if r.id == drill.id)
    assert ended_drill.ended_at is not None and ended_drill.drill
    board = world.safety.board()
    assert (
        board is not None and board.total(SafetyStatus.SAFE) == 0 and board.total(SafetyStatus.UNKNOWN) == 5
    )
    drill_board = world.safety.board(drill.id)
    assert drill_board is not None and drill_board.total(SafetyStatus.SAFE) == 1


def test_recording_needs_an_open_round(world: World) -> None:
    """Without an open round nothing is recorded, with a message that says to start one."""
    with pytest.raises(NotFoundError, match="安否確認を始める"):
        world.safety.record(world.households[0].id, SafetyStatus.SAFE, PHONE)


def test_latest_answer_counts_and_history_keeps_both(world: World) -> None:
    """A household first asks for help, later is safe: the board says 無事, the history holds both."""
    world.safety.start(RoundKind.EARTHQUAKE)
    hid = world.households[1].id
    world.safety.record(hid, SafetyStatus.HELP, PHONE, "足をけがしています")
    world.safety.record(hid, SafetyStatus.SAFE, SafetyChannel.VISIT)
    board = world.safety.board()
    assert board is not None
    assert [c.safe for c in board.counts] == [1, 0] and board.needs_help == ()
    assert [(r.status, r.note) for r in world.safety.history(hid)] == [
        (SafetyStatus.HELP, "足をけがしています"),
        (SafetyStatus.SAFE, ""),
    ]


def test_board_lists_help_with_note_then_unconfirmed_in_route_order(world: World) -> None:
    """要支援 first with its note and phone; then the 未確認 households in 班 and route order."""
    world.safety.start(RoundKind.EARTHQUAKE)
    h = world.households
    world.safety.record(h[4].id, SafetyStatus.HELP, PHONE, "薬が必要")
    world.safety.record(h[0].id, SafetyStatus.AWAY, SafetyChannel.PAPER)
    board = world.safety.board()
    assert board is not None
    (helped,) = board.needs_help
    assert helped.household.id == h[4].id and helped.record is not None and helped.record.note == "薬が必要"
    assert [line.household.id for line in board.unconfirmed] == [h[1].id, h[2].id, h[3].id]
    assert [(c.safe, c.help, c.away, c.unknown) for c in board.counts] == [(0, 0, 1, 2), (0, 1, 0, 1)]


def test_unknown_cannot_be_recorded(world: World) -> None:
    """未確認 is the absence of an answer, never recorded."""
    world.safety.start(RoundKind.EARTHQUAKE)
    with pytest.raises(ValidationError, match="未確認"):
        world.safety.record(world.households[0].id, SafetyStatus.UNKNOWN, PHONE)


def test_moved_out_household_is_refused(world: World) -> None:
    """A household that moved out is not part of the round."""
    world.safety.start(RoundKind.EARTHQUAKE)
    with pytest.raises(ValidationError, match="転出"):
        world.safety.record(world.households[5].id, SafetyStatus.SAFE, PHONE)


def test_answers_cannot_be_changed_or_removed_in_the_database(world: World) -> None:
    """The table itself refuses UPDATE and DELETE of answers (append-only)."""
    world.safety.start(RoundKind.EARTHQUAKE)
    world.safety.record(world.households[0].id, SafetyStatus.HELP, PHONE)
    engine = world.services.context.engine
    for statement in ("UPDATE safety_record SET status = 'safe'", "DELETE FROM safety_record"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert world.safety.history(world.households[0].id)[0].status is SafetyStatus.HELP


def test_database_refuses_a_second_open_round(world: World) -> None:
    """Even bypassing the service, two open rounds cannot exist."""
    world.safety.start(RoundKind.EARTHQUAKE)
    with pytest.raises(DBAPIError), world.services.context.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO safety_round (kind, message, drill, started_at, started_by, open_slot)"
            " VALUES ('rain', '', 0, '2026-12-07 00:00:00', 'x', 1)"
        )


def test_han_leader_records_and_sees_only_own_han(world: World, app: App) -> None:
    """A 班長 records for their 班 and sees only it on the board; another 班 is refused."""
    world.safety.start(RoundKind.EARTHQUAKE)
    leader = world.login(app, "hancho1", Role.HAN_LEADER, world.hans[0].id)
    leader.record(world.households[0].id, SafetyStatus.SAFE, PHONE)
    with pytest.raises(PermissionDeniedError):
        leader.record(world.households[3].id, SafetyStatus.SAFE, PHONE)
    board = leader.board()
    assert board is not None and [c.han.name for c in board.counts] == ["1班"]
    assert {line.han.name for line in board.lines} == {"1班"}


def test_han_leader_cannot_start_or_end_a_round(world: World, app: App) -> None:
    """Starting and ending are for 管理者 and 役員."""
    leader = world.login(app, "hancho2", Role.HAN_LEADER, world.hans[1].id)
    with pytest.raises(PermissionDeniedError):
        leader.start(RoundKind.EARTHQUAKE)
    world.safety.start(RoundKind.EARTHQUAKE)
    with pytest.raises(PermissionDeniedError):
        leader.end()


def test_officer_starts_and_records_for_every_han(world: World, app: App) -> None:
    """A 役員 starts a round and records for any 班."""
    officer = world.login(app, "yakuin", Role.OFFICER)
    officer.start(RoundKind.OTHER, "停電")
    officer.record(world.households[3].id, SafetyStatus.SAFE, PHONE)
    officer.record(world.households[0].id, SafetyStatus.SAFE, PHONE)
    board = officer.board()
    assert board is not None and board.total(SafetyStatus.SAFE) == 2


def test_every_action_is_audited_without_names_or_notes(world: World) -> None:
    """Start, record and end are in the audit trail, by opaque id: no name, no note."""
    world.safety.start(RoundKind.EARTHQUAKE)
    world.safety.record(world.households[0].id, SafetyStatus.HELP, PHONE, "持病の薬")
    world.safety.end()
    entries = [e for e in world.services.audit.entries() if e.action.startswith("safety_")]
    assert [e.action for e in entries] == ["safety_start", "safety_record", "safety_end"]
    text = " ".join(e.target + e.detail for e in entries)
    assert "持病" not in text and "世帯" not in text
    assert f'"household_id": {world.households[0].id}' in entries[1].detail


def test_sheets_one_pdf_per_han_in_route_order(world: World, tmp_path: Path) -> None:
    """Each 班 gets a check list of its active households in route order, fonts embedded, audited."""
    world.services.roster.reorder_route(world.hans[0].id, [world.households[i].id for i in (2, 0, 1)])
    paths = world.safety.write_sheets(tmp_path / "sheets", dt.date(2026, 12, 7))
    assert [p.name for p in paths] == ["安否確認_1班.pdf", "安否確認_2班.pdf"]
    assert font_problems(paths[0]) == [] and page_count(paths[0]) == 1
    lines = pdftotext_lines(paths[0])
    text = "\n".join(lines)
    names = [n for n in ("1班の世帯3", "1班の世帯1", "1班の世帯2") if n in text]
    assert names == ["1班の世帯3", "1班の世帯1", "1班の世帯2"]
    assert text.index("1班の世帯3") < text.index("1班の世帯1") < text.index("1班の世帯2")
    assert "印刷し直して" in text and "令和8年12月7日" in text
    for word in ("無事", "要支援", "不在", "未確認", "時刻", "メモ", "076-000-0"):
        assert word in text
    other = "\n".join(pdftotext_lines(paths[1]))
    assert "2班の世帯3" not in other  # moved out
    assert (paths[0].stat().st_mode & 0o077) == 0
    assert world.services.audit.entries()[-1].detail.count("safety_sheet") == 1


def test_sheet_names_an_open_drill(world: World, tmp_path: Path) -> None:
    """Printed during a drill, the list says 訓練 at the top."""
    world.safety.start(RoundKind.EARTHQUAKE, "訓練の地震", drill=True)
    (path, _second) = world.safety.write_sheets(tmp_path)
    assert "【訓練】地震" in "\n".join(pdftotext_lines(path))


def test_board_pdf_for_the_admin_lists_help_first_then_unconfirmed_and_is_audited(
    world: World, tmp_path: Path
) -> None:
    """The board PDF: counts per 班, 要支援 with note and phone, then 未確認 in route order; audited."""
    world.safety.start(RoundKind.EARTHQUAKE, "震度5強")
    world.safety.record(world.households[1].id, SafetyStatus.HELP, PHONE, "足をけが")
    world.safety.record(world.households[0].id, SafetyStatus.SAFE, PHONE)
    path = world.safety.write_board_pdf(tmp_path / "board.pdf")
    assert font_problems(path) == [] and page_count(path) == 1
    text = "\n".join(pdftotext_lines(path))
    assert "安否確認の状況" in text and "震度5強" in text
    assert text.index("要支援（") < text.index("足をけが") < text.index("未確認（")
    assert "076-000-1" in text
    unconfirmed = text[text.index("未確認（") :]
    order = ["1班の世帯3", "2班の世帯1", "2班の世帯2"]
    assert [n for n in order if n in unconfirmed] == order
    assert unconfirmed.index("1班の世帯3") < unconfirmed.index("2班の世帯1") < unconfirmed.index("2班の世帯2")
    assert "1班の世帯1" not in unconfirmed and "2班の世帯3" not in text
    assert (path.stat().st_mode & 0o077) == 0
    last = world.services.audit.entries()[-1]
    assert last.action == "safety_board_export" and '"help": 1' in last.detail
    assert "足をけが" not in last.detail


def test_board_pdf_is_refused_to_officers_and_han_leaders(world: World, app: App, tmp_path: Path) -> None:
    """Only the 管理者 prints the board: a 役員 and a 班長 are refused and nothing is written."""
    world.safety.start(RoundKind.EARTHQUAKE)
    for safety in (
        world.login(app, "yakuin", Role.OFFICER),
        world.login(app, "hancho", Role.HAN_LEADER, world.hans[0].id),
    ):
        with pytest.raises(PermissionDeniedError):
            safety.write_board_pdf(tmp_path / "board.pdf")
    assert not (tmp_path / "board.pdf").exists()
    assert not [e for e in world.services.audit.entries() if e.action == "safety_board_export"]
