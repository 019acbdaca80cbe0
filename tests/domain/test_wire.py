"""The sync wire types: the confirmation cursor is a string on the wire and a row id in the hub."""

from __future__ import annotations

from circular_app.domain.wire import START_CURSOR, cursor_position, cursor_text


def test_empty_or_missing_cursor_starts_from_the_beginning() -> None:
    """None, "" and "0" all mean: from the first confirmation."""
    assert cursor_position(None) == cursor_position(START_CURSOR) == cursor_position("0") == 0


def test_cursor_round_trips_through_its_wire_text() -> None:
    """A row position written as a cursor reads back as the same position."""
    assert cursor_text(1042) == "1042"
    assert cursor_position(cursor_text(1042)) == 1042
