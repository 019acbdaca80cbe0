"""The one read-rate computation: circular, household and total rates."""

from __future__ import annotations

import datetime as dt

from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
from circular_app.domain.reads import (
    CellState,
    Channel,
    Rate,
    circular_rate,
    household_rate,
    total_rate,
)
from circular_app.domain.roster import Delivery, Household

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
