"""The one read-rate computation (circular, household and total rates), the matrix's moved-out rule and stuck boards."""

from __future__ import annotations

import dataclasses
import datetime as dt

from circular_app import settings
from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
from circular_app.domain.reads import (
    STUCK_BOARD_DAYS,
    CellState,
    Channel,
    Rate,
    StuckBoard,
    StuckRule,
    circular_rate,
    household_rate,
    shown_in_reader_matrix,
    stuck_boards,
    total_rate,
)
from circular_app.domain.roster import Delivery, Han, Household
from tests.pdf.helpers import make_circular

ISSUED = dt.date(2026, 5, 1)


def circular(target_han_ids: tuple[int, ...] = (), audience: Audience = Audience.BOTH) -> Circular:
    """A published circular issued on ISSUED."""
    at = dt.datetime(2026, 5, 1, 9)
    return Circular(
        1, 1, 2026, Status.PUBLISHED, "t", "b", Category.NOTICE, "会長", "", target_han_ids, audience,
        ISSUED, ISSUED + dt.timedelta(days=14), Urgency.NORMAL, True, 1, at, at,
    )  # fmt: skip


def household(hid: int, han_id: int = 1, moved_out_on: dt.date | None = None) -> Household:
    """A paper household of 班 ``han_id``."""
    return Household(
        hid, f"p{hid}", "n", "", han_id, hid, Delivery.PAPER, False, "ja", "", "", "", moved_out_on
    )


def test_circular_rate_counts_targeted_households_only() -> None:
    """Households of other 班 and those who moved out before the issue date are left out."""
    homes = [household(1), household(2), household(3, han_id=2), household(4, moved_out_on=ISSUED)]
    rate = circular_rate(circular(target_han_ids=(1,)), homes, {1: Channel.PAPER, 3: Channel.PAPER})
    assert rate == Rate(1, 2)


def test_household_rate_counts_a_read_cell_as_targeted() -> None:
    """A recorded read always counts; not-targeted cells do not."""
    states = [CellState.READ_PAPER, CellState.UNREAD, CellState.NOT_TARGETED, CellState.READ_DIGITAL]
    assert household_rate(states) == Rate(2, 3)


def test_total_rate_adds_counts_rather_than_percentages() -> None:
    """1/1 and 0/3 make 1/4, not the 50% an average would give."""
    assert total_rate([Rate(1, 1), Rate(0, 3)]) == Rate(1, 4)


def test_percent_rounds_like_the_percent_format() -> None:
    """percent agrees with f"{ratio:.0%}" and is 0 when nobody is targeted."""
    for rate in (Rate(1, 8), Rate(3, 8), Rate(2, 3), Rate(0, 0), Rate(5, 5)):
        assert f"{rate.percent}%" == f"{rate.ratio:.0%}"


MATRIX_ISSUED = dt.date(2026, 11, 24)


def _household(moved_out_on: dt.date | None = None) -> Household:
    return Household(
        1, "p1", "見本 一郎", "", 1, 1, Delivery.PAPER, False, "ja", "", "", "", moved_out_on=moved_out_on
    )


def test_total_rate_adds_read_and_targeted() -> None:
    """Rates add up count by count, not ratio by ratio."""
    assert total_rate([Rate(1, 2), Rate(3, 4), Rate(0, 0)]) == Rate(4, 6)


def test_total_of_nothing_is_an_empty_rate() -> None:
    """No rates give 0 of 0."""
    assert total_rate([]) == Rate(0, 0)


def test_household_living_here_is_shown_without_circulars() -> None:
    """A household that has not moved out stays in the matrix even with nothing to read."""
    assert shown_in_reader_matrix(_household(), [])


def test_moved_out_household_with_something_to_read_is_shown() -> None:
    """A household that moved out after a circular was issued still has that circular to read."""
    assert shown_in_reader_matrix(
        _household(MATRIX_ISSUED + dt.timedelta(days=1)), [make_circular(issue_date=MATRIX_ISSUED)]
    )


def test_moved_out_household_with_nothing_to_read_is_hidden() -> None:
    """A household that moved out before every circular of the year is left out."""
    assert not shown_in_reader_matrix(_household(MATRIX_ISSUED), [make_circular(issue_date=MATRIX_ISSUED)])


def test_drafts_do_not_keep_a_moved_out_household() -> None:
    """Only published or closed circulars count; a draft meant for it does not keep it."""
    later = MATRIX_ISSUED + dt.timedelta(days=1)
    draft = dataclasses.replace(make_circular(issue_date=MATRIX_ISSUED), status=Status.DRAFT)
    assert not shown_in_reader_matrix(_household(later), [draft])


def _boards(today: dt.date, stamped_on: dict[int, dt.date] | None = None, days: int = 3) -> list[StuckBoard]:
    """Stuck boards of one 班 of three paper households, published on ISSUED."""
    stamps = stamped_on or {}
    return stuck_boards(
        circular(),
        [Han(1, "1班", 1)],
        [household(1), household(2), household(3)],
        dict.fromkeys(stamps, Channel.PAPER),
        stamps,
        today=today,
        published_on=ISSUED,
        days=days,
    )


def test_never_stuck_on_publication_day_even_with_one_day() -> None:
    """On the day of publication no board is reported, whatever the setting."""
    assert _boards(ISSUED, days=1) == []


def test_stuck_counts_from_the_latest_stamp() -> None:
    """Two stamps, the latest four days ago: stopped for 4 days at the third household."""
    stamps = {1: ISSUED + dt.timedelta(days=1), 2: ISSUED + dt.timedelta(days=2)}
    (board,) = _boards(ISSUED + dt.timedelta(days=6), stamps)
    assert (board.rule, board.household.id, board.since, board.days) == (
        StuckRule.STOPPED,
        3,
        ISSUED + dt.timedelta(days=2),
        4,
    )


def test_publication_is_never_counted_before_the_issue_date() -> None:
    """Published ahead of a later issue date, the clock starts on the issue date."""
    early = dataclasses.replace(circular(), issue_date=ISSUED + dt.timedelta(days=5))
    boards = stuck_boards(
        early,
        [Han(1, "1班", 1)],
        [household(1)],
        {},
        {},
        today=ISSUED + dt.timedelta(days=7),
        published_on=ISSUED,
    )
    assert boards == []


def test_settings_default_is_the_domain_default() -> None:
    """The setting 回覧が止まったと見なす日数 defaults to the domain's STUCK_BOARD_DAYS."""
    assert settings.STUCK_BOARD_DAYS.default == STUCK_BOARD_DAYS
