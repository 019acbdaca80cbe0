"""The reading list of furigana (inside the caller's transaction; never commits).

Append-only: :func:`add` and :func:`remove` add rows; :func:`current` folds them, the latest
row of each word counting.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.furigana import ReadingEntry
from circular_app.storage.models import ReadingEntryRow
from circular_app.support.clock import utcnow


def current(session: Session) -> list[ReadingEntry]:
    """The listed words, each with its latest reading (removed words left out), by word."""
    latest: dict[str, ReadingEntryRow] = {}
    for row in session.scalars(select(ReadingEntryRow).order_by(ReadingEntryRow.id)):
        latest[row.word] = row
    return [
        ReadingEntry(row.word, row.reading, row.added_by, row.added_at)
        for word, row in sorted(latest.items())
        if not row.removed
    ]


def mapping(session: Session) -> dict[str, str]:
    """{word: reading} of the current list (what the furigana uses)."""
    return {e.word: e.reading for e in current(session)}


def add(session: Session, word: str, reading: str, by: str) -> ReadingEntry:
    """Add or change a word's reading (a new row)."""
    row = ReadingEntryRow(word=word, reading=reading, removed=False, added_by=by, added_at=utcnow())
    session.add(row)
    session.flush()
    return ReadingEntry(row.word, row.reading, row.added_by, row.added_at)


def remove(session: Session, word: str, by: str) -> None:
    """Take a word off the list (a new row marked removed)."""
    session.add(ReadingEntryRow(word=word, reading="", removed=True, added_by=by, added_at=utcnow()))
    session.flush()
