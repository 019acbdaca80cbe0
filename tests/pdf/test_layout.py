"""Pagination rules: gaps, keep-with-next, repeated headers, groups, the bottom item."""

from __future__ import annotations

from circular_app.pdf.layout import Item, Paginator


def _heights(paginator: Paginator) -> list[list[float]]:
    return [[p.item.height for p in page] for page in paginator.pages]


def test_items_flow_onto_a_new_page_when_full() -> None:
    """Items that do not fit start the next page, which may be shorter than the first."""
    paginator = Paginator(first=100, rest=80)
    paginator.add([Item(40), Item(40), Item(40), Item(50)])
    assert _heights(paginator) == [[40, 40], [40], [50]]


def test_gap_at_the_top_of_a_page_is_dropped() -> None:
    """A gap that would open a page is not placed."""
    paginator = Paginator(first=100, rest=100)
    paginator.add([Item(90), Item(20, space=True), Item(30)])
    assert _heights(paginator) == [[90], [30]]


def test_heading_moves_with_its_first_line() -> None:
    """An item kept with the next one goes to the next page rather than ending a page."""
    paginator = Paginator(first=100, rest=100)
    paginator.add([Item(70), Item(20, keep_with_next=True), Item(20)])
    assert _heights(paginator) == [[70], [20, 20]]


def test_table_header_repeats_on_the_next_page() -> None:
    """A row that starts a page brings its table header first."""
    header = Item(10)
    paginator = Paginator(first=50, rest=50)
    paginator.add([header, *[Item(15, header=header) for _ in range(5)]])
    assert _heights(paginator) == [[10, 15, 15], [10, 15, 15], [10, 15]]


def test_group_that_fits_a_page_is_not_split() -> None:
    """add_together moves a group to a fresh page instead of splitting it."""
    paginator = Paginator(first=100, rest=100)
    paginator.add([Item(60)])
    paginator.add_together([Item(30), Item(30)])
    assert _heights(paginator) == [[60], [30, 30]]


def test_bottom_item_sits_at_the_foot_of_the_page() -> None:
    """A bottom item is placed against the bottom edge of the page it fits on."""
    paginator = Paginator(first=100, rest=100)
    paginator.add([Item(30), Item(25, bottom=True)])
    assert [(p.item.height, p.y) for p in paginator.pages[0]] == [(30, 0.0), (25, 75.0)]


def test_copy_leaves_the_original_untouched() -> None:
    """Extending a copy (one copy's tail) does not change the cached body pagination."""
    body = Paginator(first=100, rest=100)
    body.add([Item(50)])
    tail = body.copy()
    tail.add([Item(80)])
    assert (_heights(body), _heights(tail)) == ([[50]], [[50], [80]])
