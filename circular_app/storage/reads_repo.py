"""Read records and their history. Helpers take a Session and never commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from circular_app.domain.reads import Channel, ReadEntry, ReadRecord
from circular_app.storage.models import ReadHistoryRow, ReadRecordRow
from circular_app.support.clock import utcnow

# Circular ids per IN (…) clause: well below SQLite's limit on bound parameters.
CHUNK = 500


def to_record(row: ReadRecordRow) -> ReadRecord:
    """Map a read row to its domain value."""
    return ReadRecord(
        row.circular_id, row.household_id, Channel(row.channel), row.read_on, row.recorded_by, row.recorded_at
    )


def records(session: Session, circular_id: int) -> dict[int, ReadRecord]:
    """Household id → record for one circular."""
    rows = session.scalars(select(ReadRecordRow).where(ReadRecordRow.circular_id == circular_id))
    return {r.household_id: to_record(r) for r in rows}


def records_of(session: Session, circular_ids: Sequence[int]) -> dict[tuple[int, int], ReadRecord]:
    """(circular id, household id) → record for several circulars."""
    found: dict[tuple[int, int], ReadRecord] = {}
    for start in range(0, len(circular_ids), CHUNK):
        chunk = circular_ids[start : start + CHUNK]
        for row in session.scalars(select(ReadRecordRow).where(ReadRecordRow.circular_id.in_(chunk))):
            found[(row.circular_id, row.household_id)] = to_record(row)
    return found


def readers_by_channel(
    session: Session, circular_ids: Sequence[int]
) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """Circular id → household ids that read it on paper, and digitally (the compact grid)."""
    paper: dict[int, tuple[int, ...]] = {}
    digital: dict[int, tuple[int, ...]] = {}
    by = ReadRecordRow.household_id
    for start in range(0, len(circular_ids), CHUNK):
        # One row per circular, read in index order (no sort): 200k records come back
        # as 200 pairs of short strings (group_concat skips the other channel's NULLs).
        stmt = (
            select(
                ReadRecordRow.circular_id,
                func.group_concat(case((ReadRecordRow.channel == Channel.PAPER.value, by))),
                func.group_concat(case((ReadRecordRow.channel == Channel.DIGITAL.value, by))),
            )
            .where(ReadRecordRow.circular_id.in_(circular_ids[start : start + CHUNK]))
            .group_by(ReadRecordRow.circular_id)
        )
        for circular_id, on_paper, digitally in session.execute(stmt):
            if on_paper:
                paper[circular_id] = tuple(map(int, on_paper.split(",")))
            if digitally:
                digital[circular_id] = tuple(map(int, digitally.split(",")))
    return paper, digital


def paper_stamp_days(session: Session, circular_ids: Sequence[int]) -> dict[int, dict[int, dt.date]]:
    """Circular id → household id → the day it stamped on paper (how long a board has stood still)."""
    found: dict[int, dict[int, dt.date]] = {}
    for start in range(0, len(circular_ids), CHUNK):
        stmt = select(ReadRecordRow.circular_id, ReadRecordRow.household_id, ReadRecordRow.read_on).where(
            ReadRecordRow.circular_id.in_(circular_ids[start : start + CHUNK]),
            ReadRecordRow.channel == Channel.PAPER.value,
        )
        for circular_id, household_id, read_on in session.execute(stmt):
            found.setdefault(circular_id, {})[household_id] = read_on
    return found


def count(session: Session, circular_ids: Sequence[int], channel: Channel) -> int:
    """How many confirmations by ``channel`` the circulars have."""
    if not circular_ids:
        return 0
    return len(
        list(
            session.scalars(
                select(ReadRecordRow.id).where(
                    ReadRecordRow.circular_id.in_(circular_ids), ReadRecordRow.channel == channel.value
                )
            )
        )
    )


def history(
    session: Session, circular_id: int, household_id: int
) -> list[tuple[str, Channel, dt.date, str, dt.datetime]]:
    """(action, channel, date, by, at) rows for one cell, oldest first."""
    rows = session.scalars(
        select(ReadHistoryRow)
        .where(ReadHistoryRow.circular_id == circular_id, ReadHistoryRow.household_id == household_id)
        .order_by(ReadHistoryRow.id)
    )
    return [(r.action, Channel(r.channel), r.read_on, r.by, r.at) for r in rows]


def record(session: Session, circular_id: int, entries: Sequence[ReadEntry], by: str) -> list[ReadRecord]:
    """Add the entries not yet recorded (the first time is kept) and note each in the history."""
    existing = {
        r.household_id: r
        for r in session.scalars(select(ReadRecordRow).where(ReadRecordRow.circular_id == circular_id))
    }
    result = []
    for entry in entries:
        row = existing.get(entry.household_id)
        action = "again" if row is not None else "record"
        if row is None:
            row = ReadRecordRow(
                circular_id=circular_id,
                household_id=entry.household_id,
                channel=entry.channel.value,
                read_on=entry.read_on,
                recorded_by=by,
                recorded_at=utcnow(),
            )
            session.add(row)
            existing[entry.household_id] = row
        session.add(
            ReadHistoryRow(
                circular_id=circular_id,
                household_id=entry.household_id,
                action=action,
                channel=entry.channel.value,
                read_on=entry.read_on,
                by=by,
            )
        )
        result.append(row)
    session.flush()
    return [to_record(r) for r in result]


def remove(session: Session, circular_id: int, removed: Sequence[ReadRecord], by: str) -> None:
    """Delete the records (found with :func:`records`), noting each in the history."""
    for record_ in removed:
        session.add(
            ReadHistoryRow(
                circular_id=circular_id,
                household_id=record_.household_id,
                action="remove",
                channel=record_.channel.value,
                read_on=record_.read_on,
                by=by,
            )
        )
    ids = [r.household_id for r in removed]
    session.execute(
        delete(ReadRecordRow).where(
            ReadRecordRow.circular_id == circular_id, ReadRecordRow.household_id.in_(ids)
        )
    )
