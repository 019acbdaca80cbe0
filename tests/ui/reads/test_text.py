"""Texts of the reader pages: a rate is written as the domain writes it."""

from __future__ import annotations

import pytest

from circular_app.domain.reads import Rate
from circular_app.ui.reads.text import percent_figure, rate_text


@pytest.mark.parametrize("rate", [Rate(15, 20), Rate(1, 3), Rate(2, 3), Rate(1, 8), Rate(0, 7), Rate(7, 7)])
def test_rate_text_is_the_domains_percent_text(rate: Rate) -> None:
    """In Japanese a rate reads exactly as Rate.percent_text (one formatting source)."""
    assert rate_text(rate) == rate.percent_text


def test_percent_figure_is_the_front_of_percent_text() -> None:
    """The rates tables show the domain's percentage figure alone."""
    assert percent_figure(Rate(15, 20)) == "75%"


def test_nobody_targeted_says_so() -> None:
    """A rate over nobody is not a percentage."""
    assert rate_text(Rate(0, 0)) == "対象なし"
