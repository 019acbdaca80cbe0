"""安否確認 rounds and answers (inside the caller's transaction; never commits).

Answers are only ever added (the table refuses UPDATE and DELETE); ending a round is the one
change a round sees.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.errors import NotFoundError
from circular_app.domain.safety import RoundKind, SafetyChannel, SafetyRecord, SafetyRound, SafetyStatus
from circular_app.storage.models import SafetyRecordRow, SafetyRoundRow
from circular_app.support.clock import utcnow


def to_round(row: SafetyRoundRow) -> SafetyRound:
    """Map a row to its domain value."""
    return SafetyRound(
        row.id,
        RoundKind(row.kind),
        row.message,
        row.drill,
        row.started_at,
        row.started_by,
        row.ended_at,
        row.ended_by,
    )


def to_record(row: SafetyRecordRow) -> SafetyRecord:
    """Map a row to its domain value."""
    return SafetyRecord(
        row.id,
        row.round_id,
        row.household_id,
        SafetyStatus(row.status),
        SafetyChannel(row.channel),
        row.note,
        row.recorded_at,
        row.recorded_by,
    )


def open_round(session: Session) -> SafetyRound | None:
    """The round that is open now, if any (there is at most one)."""
    row = session.scalar(select(SafetyRoundRow).where(SafetyRoundRow.ended_at.is_(None)))
    return to_round(row) if row is not None else None


def get_round(session: Session, round_id: int) -> SafetyRound:
    """One round by id."""
    row = session.get(SafetyRoundRow, round_id)
    if row is None:
        raise NotFoundError("safety.round_not_found", round=round_id)
    return to_round(row)


def rounds(session: Session) -> list[SafetyRound]:
    """Every round, newest first."""
    rows = session.scalars(select(SafetyRoundRow).order_by(SafetyRoundRow.id.desc()))
    return [to_round(r) for r in rows]


def start_round(session: Session, kind: RoundKind, message: str, drill: bool, by: str) -> SafetyRound:
    """Add an open round (the caller has checked that none is open)."""
    row = SafetyRoundRow(
        kind=kind.value, message=message, drill=drill, started_at=utcnow(), started_by=by, open_slot=1
    )
    session.add(row)
    session.flush()
    return to_round(row)


def end_round(session: Session, round_id: int, by: str, at: dt.datetime | None = None) -> SafetyRound:
    """Close a round (its answers stay)."""
    row = session.get(SafetyRoundRow, round_id)
    if row is None or row.ended_at is not None:
        raise NotFoundError("safety.no_open_round")
    row.ended_at = at or utcnow()
    row.ended_by = by
    row.open_slot = None
    session.flush()
    return to_round(row)


def add_record(
    session: Session,
    round_id: int,
    household_id: int,
    status: SafetyStatus,
    channel: SafetyChannel,
    note: str,
    by: str,
) -> SafetyRecord:
    """Append one answer."""
    row = SafetyRecordRow(
        round_id=round_id,
        household_id=household_id,
        status=status.value,
        channel=channel.value,
        note=note,
        recorded_at=utcnow(),
        recorded_by=by,
    )
    session.add(row)
    session.flush()
    return to_record(row)


def records(session: Session, round_id: int, household_id: int | None = None) -> list[SafetyRecord]:
    """The answers of a round (of one household when given), oldest first."""
    query = select(SafetyRecordRow).where(SafetyRecordRow.round_id == round_id)
    if household_id is not None:
        query = query.where(SafetyRecordRow.household_id == household_id)
    return [to_record(r) for r in session.scalars(query.order_by(SafetyRecordRow.id))]
