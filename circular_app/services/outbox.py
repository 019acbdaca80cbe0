"""What the hub must hear about, enqueued inside the caller's transaction.

Called by the roster and circular services after each change. Nothing happens for a profile
that is not connected to a hub. Payloads follow docs/hub-api.md and never carry a resident's
name, reading, phone or e-mail: households travel as their opaque ``public_id`` plus a label
such as 「3班-5」.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets as pysecrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.reads import is_targeted
from circular_app.domain.roster import Delivery
from circular_app.storage import circular_repo, outbox_repo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.models import CircularRow, CircularVersionRow, ReaderTokenRow


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    """What the hub stores instead of the token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def han_key(han_id: int) -> str:
    """Opaque, stable key of a 班 on the hub."""
    return f"han-{han_id}"


def roster_payload(session: Session) -> dict[str, object]:
    """班 keys and household keys with labels: the whole roster the hub may know."""
    hans = rrepo.hans(session)
    names = {h.id: h.name for h in hans}
    households = [
        {
            "key": row.public_id,
            "han_key": han_key(row.han_id),
            "label": f"{names[row.han_id]}-{row.route_position}",
            "active": row.moved_out_on is None,
        }
        for row in rrepo.households(session)
    ]
    return {"hans": [{"key": han_key(h.id), "name": h.name} for h in hans], "households": households}


def ensure_reader_tokens(session: Session) -> None:
    """Give every active digital household a reader token; revoke tokens of the others."""
    tokens = {
        r.household_id: r
        for r in session.scalars(select(ReaderTokenRow).where(ReaderTokenRow.revoked_at.is_(None)))
    }
    for row in rrepo.households(session):
        wanted = row.moved_out_on is None and row.delivery == Delivery.DIGITAL.value
        current = tokens.get(row.id)
        if wanted and current is None:
            token = pysecrets.token_urlsafe(16)  # 128 bits
            session.add(ReaderTokenRow(household_id=row.id, token=token))
            outbox_repo.enqueue(
                session,
                "reader_token",
                {"household_key": row.public_id, "token_hash": token_hash(token), "revoked": False},
            )
        elif not wanted and current is not None:
            current.revoked_at = _utcnow()
            outbox_repo.enqueue(
                session,
                "reader_token",
                {"household_key": row.public_id, "token_hash": token_hash(current.token), "revoked": True},
            )


def after_roster_change(session: Session) -> None:
    """Tokens and a fresh roster snapshot, when connected."""
    conn = outbox_repo.connection(session)
    if conn is None or conn.offline:
        return
    session.flush()
    # The roster first: the hub must know a household before it accepts its reader token.
    outbox_repo.enqueue(session, "roster", roster_payload(session), coalesce=True)
    ensure_reader_tokens(session)


def publish_payload(session: Session, row: CircularRow) -> dict[str, object]:
    """The published circular for residents: text, dates, targeted digital households, files."""
    circular = circular_repo.load(session, row)
    keys = [
        h.public_id
        for h in rrepo.households(session)
        if h.delivery == Delivery.DIGITAL.value and is_targeted(circular, rrepo.to_household(h))
    ]
    previous = [
        {"version": v.version, "title": v.title, "body": v.body, "note": v.note}
        for v in session.scalars(
            select(CircularVersionRow)
            .where(CircularVersionRow.circular_id == row.id)
            .order_by(CircularVersionRow.version)
        )
    ]
    attachments = [
        {
            "key": f"{row.hub_key}-{a.id}",
            "filename": a.filename,
            "media_type": a.media_type,
            "data_base64": base64.b64encode(a.data).decode("ascii"),
        }
        for a in circular_repo.attachments(session, row.id)
    ]
    payload: dict[str, object] = {
        "circular_key": row.hub_key,
        "number": row.number,
        "fiscal_year": row.fiscal_year,
        "title": row.title,
        "body": row.body,
        "category": row.category,
        "issue_date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat(),
        "urgency": row.urgency,
        "version": row.version,
        "household_keys": keys,
        "attachments": attachments,
    }
    if row.corrected_at is not None:
        payload["corrected_at"] = row.corrected_at.isoformat()
        payload["correction_note"] = previous[-1]["note"] if previous else ""
        payload["previous"] = previous
    return payload


def after_publish(session: Session, row: CircularRow) -> None:
    """Enqueue a publish (or correction: same key, higher version)."""
    conn = outbox_repo.connection(session)
    if conn is None or conn.offline or row.audience == "paper":
        return
    if row.hub_key is None:
        row.hub_key = str(uuid.uuid4())
    session.flush()
    outbox_repo.enqueue(session, "publish", publish_payload(session, row))


def after_close(session: Session, row: CircularRow) -> None:
    """Enqueue a close for a circular the hub knows."""
    if row.hub_key is not None:
        outbox_repo.enqueue(session, "close", {"circular_key": row.hub_key})
