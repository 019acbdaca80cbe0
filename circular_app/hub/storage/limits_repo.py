"""Shared failure counters (``rate_counter``): one atomic upsert per count, on both backends.

``INSERT … ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count``
is a single statement on PostgreSQL and on SQLite (3.35 and later), so two workers or hosts
counting at the same moment each see a distinct total: the limit trips at the same number of
failures however they are spread.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from circular_app.hub.storage.models import RateCounterRow

_ELEMENTS = ["key", "window_start"]


_PG_UPSERT = (
    postgresql.insert(RateCounterRow)
    .on_conflict_do_update(index_elements=_ELEMENTS, set_={"count": RateCounterRow.count + 1})
    .returning(RateCounterRow.count)
)
_SQLITE_UPSERT = (
    sqlite.insert(RateCounterRow)
    .on_conflict_do_update(index_elements=_ELEMENTS, set_={"count": RateCounterRow.count + 1})
    .returning(RateCounterRow.count)
)


def count(session: Session, keys: Sequence[str], window_start: int, window: int) -> list[int]:
    """Add one to each of ``keys`` in the window starting at ``window_start``; the new totals.

    When a key's window is new (total 1), rows of windows before the previous one are deleted
    (the previous window is still read: the limit looks at both, so a boundary gives no reset).
    """
    statement = _PG_UPSERT if session.get_bind().dialect.name == "postgresql" else _SQLITE_UPSERT
    conn = session.connection()
    totals = [
        int(conn.execute(statement, {"key": key, "window_start": window_start, "count": 1}).scalar_one())
        for key in keys
    ]
    if 1 in totals:
        conn.execute(delete(RateCounterRow).where(RateCounterRow.window_start < window_start - window))
    return totals


def current(session: Session, keys: Sequence[str], window_start: int) -> list[int]:
    """The totals of ``keys`` in the window starting at ``window_start`` (0 when none), uncounted."""
    rows = session.execute(
        select(RateCounterRow.key, RateCounterRow.count).where(
            RateCounterRow.key.in_(list(keys)), RateCounterRow.window_start == window_start
        )
    ).all()
    found = {key: int(total) for key, total in rows}
    return [found.get(key, 0) for key in keys]
