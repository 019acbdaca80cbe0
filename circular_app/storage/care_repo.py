"""要配慮 flags and 見守り data (inside the caller's transaction; never commits).

Only :mod:`circular_app.services.care` (and the roster export it is asked for) reads
``care_need``: the household mapping in :mod:`roster_repo` leaves it out on purpose, so no
existing path (sync, outbox, CSV, reader page) can carry it by accident.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from circular_app.domain.care import CareNeed, PastCircular, WatchSettings
from circular_app.storage.models import (
    CareNeedRow,
    CircularRecipientRow,
    CircularRow,
    ReadRecordRow,
    WatchSettingRow,
)
from circular_app.support.clock import utcnow


def to_care_need(row: CareNeedRow) -> CareNeed:
    """Map a row to its domain value."""
    return CareNeed(row.household_id, row.note, row.updated_at, row.updated_by)


def care_needs(session: Session) -> dict[int, CareNeed]:
    """Household id → its 要配慮 (flagged households only)."""
    return {r.household_id: to_care_need(r) for r in session.scalars(select(CareNeedRow))}


def care_need(session: Session, household_id: int) -> CareNeed | None:
    """One household's 要配慮, or None when it is not flagged."""
    row = session.get(CareNeedRow, household_id)
    return to_care_need(row) if row is not None else None


def set_care_need(session: Session, household_id: int, note: str, by: str) -> CareNeed:
    """Flag the household (or change its note)."""
    row = session.get(CareNeedRow, household_id)
    if row is None:
        row = CareNeedRow(household_id=household_id, note=note, updated_at=utcnow(), updated_by=by)
        session.add(row)
    else:
        row.note, row.updated_at, row.updated_by = note, utcnow(), by
    session.flush()
    return to_care_need(row)


def clear_care_need(session: Session, household_id: int) -> bool:
    """Remove the flag; True when there was one."""
    row = session.get(CareNeedRow, household_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def watch_settings(session: Session) -> WatchSettings:
    """The 見守り choice (off, after 3, when never set)."""
    row = session.scalar(select(WatchSettingRow).order_by(WatchSettingRow.id).limit(1))
    return WatchSettings() if row is None else WatchSettings(row.enabled, row.after)


def set_watch_settings(session: Session, settings: WatchSettings, by: str) -> WatchSettings:
    """Store the 見守り choice (one row)."""
    row = session.scalar(select(WatchSettingRow).order_by(WatchSettingRow.id).limit(1))
    if row is None:
        row = WatchSettingRow(updated_by=by)
        session.add(row)
    row.enabled, row.after, row.updated_at, row.updated_by = settings.enabled, settings.after, utcnow(), by
    session.flush()
    return watch_settings(session)


def past_circulars(session: Session, today: dt.date) -> list[PastCircular]:
    """Circulars whose 回覧 is over: closed, or published with the due date before ``today``."""
    rows = session.execute(
        select(CircularRow.id, CircularRow.published_at).where(
            CircularRow.published_at.is_not(None),
            or_(
                CircularRow.status == "closed",
                (CircularRow.status == "published") & (CircularRow.due_date < today),
            ),
        )
    )
    return [PastCircular(cid, at) for cid, at in rows if at is not None]


def recipient_pairs(session: Session, circular_ids: set[int]) -> list[tuple[int, int]]:
    """(circular, household) of each circular's audience snapshot."""
    if not circular_ids:
        return []
    rows = session.execute(
        select(CircularRecipientRow.circular_id, CircularRecipientRow.household_id).where(
            CircularRecipientRow.circular_id.in_(circular_ids)
        )
    )
    return [(c, h) for c, h in rows]


def read_pairs(session: Session, circular_ids: set[int]) -> list[tuple[int, int]]:
    """(circular, household) of every confirmation, paper and digital."""
    if not circular_ids:
        return []
    rows = session.execute(
        select(ReadRecordRow.circular_id, ReadRecordRow.household_id).where(
            ReadRecordRow.circular_id.in_(circular_ids)
        )
    )
    return [(c, h) for c, h in rows]
