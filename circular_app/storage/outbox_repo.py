"""The sync outbox: items are enqueued inside the transaction of the change that caused them.

So a crash can never leave a published circular that the hub will not hear about, nor an
outbox item for a change that was rolled back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from circular_app.domain.outbox import HubConnection, OutboxItem
from circular_app.storage.models import HubConnectionRow, OutboxRow, ReaderTokenRow, StoredSecretRow

MAX_RETRY_WAIT = dt.timedelta(minutes=31)  # longer than services.sync.MAX_DELAY


def connection(session: Session) -> HubConnectionRow | None:
    """The hub enrollment row, if this profile has one (for storage modules)."""
    return session.get(HubConnectionRow, 1)


def hub_connection(session: Session) -> HubConnection | None:
    """The hub enrollment, if this profile has one."""
    row = connection(session)
    if row is None:
        return None
    return HubConnection(
        row.base_url,
        row.offline,
        row.association_id,
        row.last_error,
        row.last_synced_at,
        row.confirmations_cursor,
    )


def add_connection(session: Session, base_url: str, association_id: str = "", offline: bool = False) -> None:
    """Record the enrollment (one per profile)."""
    session.add(HubConnectionRow(id=1, base_url=base_url, association_id=association_id, offline=offline))
    session.flush()


def record_round(session: Session, error: str, at: dt.datetime) -> HubConnection:
    """Note how a sync round ended (``error`` empty: it went through at ``at``)."""
    row = connection(session)
    assert row is not None
    row.last_error = error
    if not error:
        row.last_synced_at = at
    result = hub_connection(session)
    assert result is not None
    return result


def set_confirmations_cursor(session: Session, cursor: str) -> None:
    """Remember how far the hub's confirmations were fetched."""
    row = connection(session)
    if row is not None:
        row.confirmations_cursor = cursor


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


def enqueue_item(session: Session, kind: str, payload: dict[str, object]) -> bool:
    """As :func:`enqueue`; True when the item was queued (a hub is connected over the network)."""
    return enqueue(session, kind, payload) is not None


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


def pending_items(session: Session, now: dt.datetime, limit: int = 50) -> list[OutboxItem]:
    """As :func:`pending`, decoded."""
    return [OutboxItem(r.id, r.key, r.kind, json.loads(r.payload)) for r in pending(session, now, limit)]


def mark_sent(session: Session, item_id: int, at: dt.datetime) -> None:
    """The hub accepted the item (applied, or already had it)."""
    row = session.get(OutboxRow, item_id)
    if row is not None:
        row.sent_at = at


def mark_failed(
    session: Session,
    item_id: int,
    now: dt.datetime,
    delay: Callable[[int], dt.timedelta],
    reason: str | None = None,
) -> None:
    """Count a failed attempt and wait ``delay(attempts)`` before the next; keep ``reason``."""
    row = session.get(OutboxRow, item_id)
    if row is None:
        return
    row.attempts += 1
    if reason is not None:
        row.last_error = reason
    row.next_attempt_at = now + delay(row.attempts)


def release_waiting(session: Session) -> int:
    """Make every waiting item due now; return how many were waiting."""
    rows = list(
        session.scalars(
            select(OutboxRow).where(OutboxRow.sent_at.is_(None), OutboxRow.next_attempt_at.is_not(None))
        )
    )
    for row in rows:
        row.next_attempt_at = None
    return len(rows)


def pending_count(session: Session) -> int:
    """Items not yet accepted by the hub."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.sent_at.is_(None))) or 0


def forget_connection(session: Session, token_secret_name: str) -> None:
    """Drop the hub connection, the outbox, the reader tokens and the stored hub token."""
    for table in (HubConnectionRow, OutboxRow, ReaderTokenRow):
        session.execute(delete(table))
    session.execute(delete(StoredSecretRow).where(StoredSecretRow.name == token_secret_name))
