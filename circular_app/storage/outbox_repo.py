"""The sync outbox: items are enqueued inside the transaction of the change that caused them.

So a crash can never leave a published circular that the hub will not hear about, nor an
outbox item for a change that was rolled back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular_app.storage.models import HubConnectionRow, OutboxRow

MAX_RETRY_WAIT = dt.timedelta(minutes=31)  # longer than services.sync.MAX_DELAY


def connection(session: Session) -> HubConnectionRow | None:
    """The hub enrollment, if this profile has one."""
    return session.get(HubConnectionRow, 1)


def enqueue(
    session: Session, kind: str, payload: dict[str, object], coalesce: bool = False
) -> OutboxRow | None:
    """Add an item when a hub is connected (else nothing: offline profiles queue nothing).

    ``coalesce`` replaces an unsent item of the same kind (roster snapshots supersede each
    other), keeping its place in the queue.
    """
    conn = connection(session)
    if conn is None or conn.offline:
        # Not enrolled, or enrolled for signed USB reports only: nothing is sent over the network.
        return None
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    if coalesce:
        pending = session.scalar(
            select(OutboxRow)
            .where(OutboxRow.kind == kind, OutboxRow.sent_at.is_(None))
            .order_by(OutboxRow.id)
        )
        if pending is not None and pending.attempts == 0:
            pending.payload = text
            return pending
    row = OutboxRow(key=str(uuid.uuid4()), kind=kind, payload=text)
    session.add(row)
    session.flush()
    return row


def pending(session: Session, now: dt.datetime, limit: int = 50) -> list[OutboxRow]:
    """Unsent items in order, up to the first one that is still waiting for its retry time.

    Order matters (a correction after its publish), so a waiting item holds back the rest.
    """
    rows = list(
        session.scalars(
            select(OutboxRow).where(OutboxRow.sent_at.is_(None)).order_by(OutboxRow.id).limit(limit)
        )
    )
    ready = []
    for row in rows:
        waiting = row.next_attempt_at is not None and row.next_attempt_at > now
        # A retry time further ahead than any backoff can set means the clock was wrong when it
        # was set (clock skew, a PC whose date was fixed): try now rather than wait for years.
        if waiting and row.next_attempt_at is not None and row.next_attempt_at - now <= MAX_RETRY_WAIT:
            break
        ready.append(row)
    return ready


def pending_count(session: Session) -> int:
    """Items not yet accepted by the hub."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.sent_at.is_(None))) or 0
