"""The sync wire types of ``/api/v1``: one definition for the desktop client and the hub.

The hub's pydantic schemas (:mod:`circular_app.hub.schemas`) validate the JSON; these frozen
dataclasses are what both sides hand around once it is parsed. The confirmation cursor is a
string on the wire (decimal digits, ``""`` for "from the start"): the client stores it as it
came and never does arithmetic on it; only the hub turns it into a row position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

ItemStatus = Literal["applied", "duplicate", "rejected"]

START_CURSOR = ""


@dataclass(frozen=True)
class SyncResult:
    """What the hub did with one sync item."""

    key: str
    status: ItemStatus
    reason: str | None = None


@dataclass(frozen=True)
class Confirmation:
    """A resident's 「読みました」; ``confirmed_at`` is UTC.

    The hub reads it naive from its database; the desktop client parses it timezone-aware. For
    the day a resident read it, convert first: ``confirmed_at.astimezone(JST).date()`` (a tap at
    08:00 in Japan is 23:00 UTC of the day before).
    """

    circular_key: str
    household_key: str
    confirmed_at: dt.datetime
    device: str


@dataclass(frozen=True)
class ConfirmationPage:
    """Confirmations after a cursor; store ``cursor`` and pass it as the next ``since``."""

    items: tuple[Confirmation, ...]
    cursor: str
    has_more: bool


def cursor_text(position: int) -> str:
    """The wire cursor for the hub's row position ``position`` (0: from the start)."""
    return str(position)


def cursor_position(cursor: str | None) -> int:
    """The hub's row position of a wire cursor (``None``, ``""`` or ``"0"``: from the start)."""
    return int(cursor or 0)
