"""Read rates added up and which households the reader matrix keeps."""

from __future__ import annotations

import dataclasses
import datetime as dt

from circular_app.domain.circulars import Status
from circular_app.domain.reads import Rate, shown_in_reader_matrix, total_rate
from circular_app.domain.roster import Delivery, Household
from tests.pdf.helpers import make_circular

ISSUED = dt.date(2026, 11, 24)


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
        _household(ISSUED + dt.timedelta(days=1)), [make_circular(issue_date=ISSUED)]
    )


def test_moved_out_household_with_nothing_to_read_is_hidden() -> None:
    """A household that moved out before every circular of the year is left out."""
    assert not shown_in_reader_matrix(_household(ISSUED), [make_circular(issue_date=ISSUED)])


def test_drafts_do_not_keep_a_moved_out_household() -> None:
    """Only published or closed circulars count; a draft meant for it does not keep it."""
    later = ISSUED + dt.timedelta(days=1)
    draft = dataclasses.replace(make_circular(issue_date=ISSUED), status=Status.DRAFT)
    assert not shown_in_reader_matrix(_household(later), [draft])
