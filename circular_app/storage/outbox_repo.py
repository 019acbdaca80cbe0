"""The sync outbox: items are enqueued inside the transaction of the change that caused them.

So a crash can never leave a published circular that the hub will not hear about, nor an
outbox item for a change that was rolled back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.orm import Session

from circular_app.domain.adoption import ReportSchedule
from circular_app.domain.outbox import HubConnection, OutboxItem, QuarantinedItem
from circular_app.storage.models import HubConnectionRow, OutboxRow, ReaderTokenRow, StoredSecretRow

MAX_RETRY_WAIT = dt.timedelta(minutes=31)  # longer than services.sync.MAX_DELAY
# What the sync queued by itself (domain.adoption.ReportSchedule as JSON). Kept in the profile's
# key-value table of stored values: it needs no column of its own and goes with the connection.
REPORT_SCHEDULE = "adoption_report_schedule"
# How far the hub's answers (issue 21) were fetched: the same key-value table, no column needed.
ANSWERS_CURSOR = "hub_answers_cursor"


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
            # A quarantined item is never replaced: the officer must still see what was refused.
            select(OutboxRow).where(OutboxRow.kind == kind, _unsent()).order_by(OutboxRow.id)
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


def _unsent() -> ColumnElement[bool]:
    """Rows still to send: not accepted by the hub and not quarantined."""
    return and_(OutboxRow.sent_at.is_(None), OutboxRow.last_error == "")


def _quarantined() -> ColumnElement[bool]:
    """Rows the hub refused: an item keeps the hub's reason in ``last_error`` until retried."""
    return and_(OutboxRow.sent_at.is_(None), OutboxRow.last_error != "")


def pending(session: Session, now: dt.datetime, limit: int = 50) -> list[OutboxRow]:
    """Unsent items in order, up to the first one that is still waiting for its retry time.

    Order matters (a correction after its publish), so a waiting item holds back the rest.
    Quarantined items (refused by the hub) are left out: one bad item must not stop the queue.
    """
    rows = list(session.scalars(select(OutboxRow).where(_unsent()).order_by(OutboxRow.id).limit(limit)))
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
    """Count a failed attempt and wait ``delay(attempts)`` before the next.

    A ``reason`` quarantines the item (see :func:`quarantine`): only the hub's refusals give one.
    """
    row = session.get(OutboxRow, item_id)
    if row is None:
        return
    row.attempts += 1
    if reason is not None:
        row.last_error = reason
    row.next_attempt_at = now + delay(row.attempts)


def quarantine(session: Session, item_id: int, reason: str) -> None:
    """The hub refused the item: set it aside with the hub's reason so the rest keeps flowing."""
    row = session.get(OutboxRow, item_id)
    if row is not None:
        row.attempts += 1
        # Never empty: an empty last_error is what marks an item as still to send.
        row.last_error = reason or "rejected"
        row.next_attempt_at = None


def quarantined_items(session: Session) -> list[QuarantinedItem]:
    """The items the hub refused, oldest first, with the hub's reasons."""
    rows = session.scalars(select(OutboxRow).where(_quarantined()).order_by(OutboxRow.id))
    return [QuarantinedItem(r.id, r.kind, r.last_error, r.created_at) for r in rows]


def quarantined_count(session: Session) -> int:
    """How many items the hub refused and the officer has not yet retried or dropped."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(_quarantined())) or 0


def retry_quarantined(session: Session, item_id: int) -> bool:
    """Put a quarantined item back in the queue (due now); False when there is no such item."""
    row = session.get(OutboxRow, item_id)
    if row is None or row.sent_at is not None or not row.last_error:
        return False
    row.last_error = ""
    row.next_attempt_at = None
    return True


def drop_quarantined(session: Session, item_id: int) -> bool:
    """Delete a quarantined item (the officer chose not to send it); False when there is none."""
    row = session.get(OutboxRow, item_id)
    if row is None or row.sent_at is not None or not row.last_error:
        return False
    session.delete(row)
    return True


def release_waiting(session: Session) -> int:
    """Make every waiting item due now; return how many were waiting."""
    rows = list(session.scalars(select(OutboxRow).where(_unsent(), OutboxRow.next_attempt_at.is_not(None))))
    for row in rows:
        row.next_attempt_at = None
    return len(rows)


def pending_count(session: Session) -> int:
    """Items still to send (neither accepted by the hub nor quarantined)."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(_unsent())) or 0


def report_schedule(session: Session) -> ReportSchedule:
    """What the sync has queued by itself so far (nothing, for a new connection)."""
    row = session.get(StoredSecretRow, REPORT_SCHEDULE)
    return ReportSchedule.from_text(row.value if row is not None else None)


def answers_cursor(session: Session) -> str:
    """The cursor of the last answers fetched from the hub ("": from the start)."""
    row = session.get(StoredSecretRow, ANSWERS_CURSOR)
    return row.value if row is not None else ""


def set_answers_cursor(session: Session, cursor: str) -> None:
    """Remember how far the hub's answers were fetched (in the transaction that stored them)."""
    row = session.get(StoredSecretRow, ANSWERS_CURSOR) or StoredSecretRow(name=ANSWERS_CURSOR, value="")
    row.value = cursor
    session.add(row)


def set_report_schedule(session: Session, schedule: ReportSchedule) -> None:
    """Remember what the sync has queued by itself."""
    row = session.get(StoredSecretRow, REPORT_SCHEDULE) or StoredSecretRow(name=REPORT_SCHEDULE, value="")
    row.value = schedule.to_text()
    session.add(row)


def forget_connection(session: Session, token_secret_name: str) -> None:
    """Drop the hub connection, the outbox, the reader tokens, the stored hub token and schedule."""
    for table in (HubConnectionRow, OutboxRow, ReaderTokenRow):
        session.execute(delete(table))
    session.execute(
        delete(StoredSecretRow).where(
            StoredSecretRow.name.in_((token_secret_name, REPORT_SCHEDULE, ANSWERS_CURSOR))
        )
    )
