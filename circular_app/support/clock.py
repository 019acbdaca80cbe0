"""The one clock of the application: naive UTC, the form every stored timestamp has."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """The current time in UTC without a time zone (what SQLite and the hub columns hold)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
