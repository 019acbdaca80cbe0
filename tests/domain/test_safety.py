"""安否確認 rules: the latest answer counts, counts per 班, the board's order, drills apart."""

from __future__ import annotations

import datetime as dt

import pytest

from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import ValidationError
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.safety import (
    MAX_NOTE_LENGTH,
    RoundKind,
    SafetyChannel,
    SafetyRecord,
    SafetyRound,
    SafetyStatus,
    build_board,
    latest_records,
    may_run_rounds,
    validate_note,
)

T0 = dt.datetime(2026, 12, 7, 9, 0)
HANS = (Han(1, "1班", 1), Han(2, "2班", 2))
ROUND = SafetyRound(1, RoundKind.EARTHQUAKE, "震度5強", False, T0, "kaicho")
DRILL = SafetyRound(2, RoundKind.OTHER, "", True, T0, "kaicho")


def _household(hid: int, han: int, position: int, moved: dt.date | None = None) -> Household:
    return Household(
        hid,
        f"p{hid}",
        f"世帯{hid}",
        "",
        han,
        position,
        Delivery.PAPER,
        False,
        "ja",
        f"000-{hid}",
        "",
        "",
        moved,
    )


def _record(rid: int, household: int, status: SafetyStatus, minutes: int, round_id: int = 1) -> SafetyRecord:
    return SafetyRecord(
        rid, round_id, household, status, SafetyChannel.PHONE, "", T0 + dt.timedelta(minutes=minutes), "x"
    )


# 1班: households 1 (route 2), 2 (route 1); 2班: 3 (route 2), 4 (route 1), 5 moved out.
HOUSEHOLDS = (
    _household(1, 1, 2),
    _household(2, 1, 1),
    _household(3, 2, 2),
    _household(4, 2, 1),
    _household(5, 2, 3, dt.date(2026, 1, 1)),
)


def test_latest_record_of_a_household_counts() -> None:
    """A later answer replaces an earlier one on the board; both stay in the records."""
    records = [_record(1, 1, SafetyStatus.HELP, 0), _record(2, 1, SafetyStatus.SAFE, 5)]
    assert latest_records(records)[1].status is SafetyStatus.SAFE
    assert latest_records(reversed(records))[1].status is SafetyStatus.SAFE


def test_same_instant_answers_are_ordered_by_id() -> None:
    """Two answers in the same instant: the one recorded later (higher id) counts."""
    records = [_record(3, 1, SafetyStatus.SAFE, 0), _record(7, 1, SafetyStatus.AWAY, 0)]
    assert latest_records(records)[1].id == 7
    assert latest_records(reversed(records))[1].id == 7


def test_board_counts_per_han_and_leaves_moved_out_households_off() -> None:
    """Counts per 班 cover the active households; without a record a household is 未確認."""
    records = [_record(1, 1, SafetyStatus.SAFE, 0), _record(2, 3, SafetyStatus.HELP, 1)]
    board = build_board(ROUND, HANS, HOUSEHOLDS, records)
    assert [(c.han.name, c.safe, c.help, c.away, c.unknown, c.total) for c in board.counts] == [
        ("1班", 1, 0, 0, 1, 2),
        ("2班", 0, 1, 0, 1, 2),
    ]
    assert 5 not in {line.household.id for line in board.lines}


def test_board_lists_help_first_then_unconfirmed_in_route_order() -> None:
    """要支援 households are listed; 未確認 ones follow in 班 then route order."""
    records = [_record(1, 3, SafetyStatus.HELP, 0), _record(2, 4, SafetyStatus.SAFE, 1)]
    board = build_board(ROUND, HANS, HOUSEHOLDS, records)
    assert [line.household.id for line in board.needs_help] == [3]
    assert [line.household.id for line in board.unconfirmed] == [2, 1]
    assert board.total(SafetyStatus.UNKNOWN) == 2


def test_answers_of_another_round_never_count() -> None:
    """A drill's answers do not show on a real round's board (and the other way round)."""
    drill_answers = [_record(1, 1, SafetyStatus.SAFE, 0, round_id=DRILL.id)]
    assert build_board(ROUND, HANS, HOUSEHOLDS, drill_answers).total(SafetyStatus.SAFE) == 0
    assert build_board(DRILL, HANS, HOUSEHOLDS, drill_answers).total(SafetyStatus.SAFE) == 1


def test_a_drill_is_named_as_one() -> None:
    """Every label of a drill says 訓練."""
    assert DRILL.label.startswith("【訓練】")
    assert "訓練" not in ROUND.label


def test_too_long_note_is_refused_with_the_limit() -> None:
    """A note longer than the paper box is refused, naming the limit."""
    assert validate_note("  足を  けが ") == "足を けが"
    with pytest.raises(ValidationError) as caught:
        validate_note("あ" * (MAX_NOTE_LENGTH + 1))
    assert str(MAX_NOTE_LENGTH) in str(caught.value)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.ADMIN, True), (Role.OFFICER, True), (Role.TRAINEE, True), (Role.HAN_LEADER, False)],
)
def test_who_runs_rounds(role: Role, allowed: bool) -> None:
    """管理者 and 役員 start and end rounds; a 班長 does not."""
    assert may_run_rounds(Officer(1, "u", "u", role)) is allowed


def test_board_keeps_every_answer_of_the_round_in_order() -> None:
    """The board's history holds each household's answers of this round, oldest first."""
    records = [
        _record(5, 1, SafetyStatus.SAFE, 9),
        _record(2, 1, SafetyStatus.HELP, 1),
        _record(3, 1, SafetyStatus.AWAY, 0, round_id=DRILL.id),
    ]
    board = build_board(ROUND, HANS, HOUSEHOLDS, records)
    assert [r.id for r in board.history[1]] == [2, 5]
