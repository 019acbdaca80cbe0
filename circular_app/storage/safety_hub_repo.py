"""安否確認 and the hub (issue 22), inside the caller's transaction: rounds out, answers in.

- A round started or ended here is queued for the hub (``safety_round``) when a hub is
  connected over the network; it gets its hub key on first send.
- A round started on a 会長用リンク arrives with the hub's key and becomes a round here.
- Residents' answers arrive under the household's opaque key and are recorded as ``digital``
  (スマホ) answers at the time they were given; the fetch cursor is stored in the same
  transaction, so a page is applied wholly or not at all.
- 会長用リンク: who holds one and when it was issued or revoked; never its token or PIN.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular_app.domain.errors import ValidationError
from circular_app.domain.safety import (
    MAX_MESSAGE_LENGTH,
    RoundKind,
    SafetyChannel,
    SafetyStatus,
    validate_note,
)
from circular_app.domain.safety_hub import HUB_STATUSES, SafetyPage
from circular_app.storage import outbox_repo
from circular_app.storage.models import (
    ChairLinkRow,
    HouseholdRow,
    SafetyHubRoundRow,
    SafetyRecordRow,
    SafetyRoundRow,
)
from circular_app.support.clock import utcnow

#: ``recorded_by`` of an answer a resident gave on the reader page.
PHONE_RECORDER = "スマホ（ハブ）"
#: ``started_by`` of a round started on a 会長用リンク.
CHAIR_STARTER = "会長用リンク"


def _online(session: Session) -> bool:
    conn = outbox_repo.connection(session)
    return conn is not None and not conn.offline


def hub_key(session: Session, round_id: int) -> str | None:
    """The round's key on the hub, if it has one."""
    row = session.get(SafetyHubRoundRow, round_id)
    return row.hub_key if row is not None else None


def _payload(row: SafetyRoundRow, key: str) -> dict[str, object]:
    return {
        "round_key": key,
        "kind": row.kind,
        "message": row.message,
        "drill": row.drill,
        "started_at": row.started_at.isoformat(),
        "ended_at": row.ended_at.isoformat() if row.ended_at is not None else None,
    }


def after_round_change(session: Session, round_id: int) -> None:
    """Queue the round (started or ended) for the hub, when one is connected."""
    if not _online(session):
        return
    row = session.get(SafetyRoundRow, round_id)
    if row is None:
        return
    link = session.get(SafetyHubRoundRow, round_id)
    if link is None:
        if row.ended_at is not None:
            return  # ended before the hub ever heard of it: nothing to tell
        link = SafetyHubRoundRow(
            round_id=round_id, hub_key=f"desk-{uuid.uuid4().hex}", answers_cursor=cursor(session)
        )
        session.add(link)
        session.flush()
    outbox_repo.enqueue(session, "safety_round", _payload(row, link.hub_key))


def cursor(session: Session) -> int:
    """The answers cursor of the last fetch (0: from the start)."""
    return int(session.scalar(select(func.max(SafetyHubRoundRow.answers_cursor))) or 0)


def _open_row(session: Session) -> SafetyRoundRow | None:
    return session.scalar(select(SafetyRoundRow).where(SafetyRoundRow.ended_at.is_(None)))


def apply_page(session: Session, page: SafetyPage, now: dt.datetime | None = None) -> tuple[int, list[int]]:
    """Apply rounds started on the hub and residents' answers; (answers recorded, new round ids)."""
    moment = now or utcnow()
    known = {r.hub_key: r.round_id for r in session.scalars(select(SafetyHubRoundRow))}
    started: list[int] = []
    for hub_round in page.rounds:
        if hub_round.key in known or hub_round.origin != "chair":
            continue
        try:
            kind = RoundKind(hub_round.kind)
        except ValueError:
            continue
        current = _open_row(session)
        is_open = hub_round.ended_at is None
        if is_open and current is not None:
            if not (current.drill and not hub_round.drill):
                continue  # a round is open here already: it wins (the hub hears of it next)
            current.ended_at, current.ended_by, current.open_slot = moment, CHAIR_STARTER, None
            session.flush()
        row = SafetyRoundRow(
            kind=kind.value,
            message=hub_round.message[:MAX_MESSAGE_LENGTH],
            drill=hub_round.drill,
            started_at=hub_round.started_at.astimezone(dt.UTC).replace(tzinfo=None)
            if hub_round.started_at.tzinfo
            else hub_round.started_at,
            started_by=CHAIR_STARTER,
            ended_at=None if is_open else moment,
            ended_by=None if is_open else CHAIR_STARTER,
            open_slot=1 if is_open else None,
        )
        session.add(row)
        session.flush()
        session.add(SafetyHubRoundRow(round_id=row.id, hub_key=hub_round.key, answers_cursor=0))
        known[hub_round.key] = row.id
        started.append(row.id)
    households: dict[str, int] = {
        public_id: household_id
        for public_id, household_id in session.execute(
            select(HouseholdRow.public_id, HouseholdRow.id).where(HouseholdRow.moved_out_on.is_(None))
        )
    }
    recorded = 0
    for answer in page.answers:
        round_id, household_id = known.get(answer.round_key), households.get(answer.household_key)
        if round_id is None or household_id is None or answer.status not in HUB_STATUSES:
            continue  # a round this PC never had, or a household moved out since: nothing to record
        try:
            note = validate_note(answer.note)
        except ValidationError:
            note = " ".join(answer.note.split())[:200]
        session.add(
            SafetyRecordRow(
                round_id=round_id,
                household_id=household_id,
                status=SafetyStatus(answer.status).value,
                channel=SafetyChannel.DIGITAL.value,
                note=note,
                recorded_at=answer.answered_at.astimezone(dt.UTC).replace(tzinfo=None),
                recorded_by=PHONE_RECORDER,
            )
        )
        recorded += 1
    position = int(page.cursor or 0)
    for link in session.scalars(select(SafetyHubRoundRow)):
        link.answers_cursor = max(link.answers_cursor, position)
    session.flush()
    return recorded, started


# -- 会長用リンク ---------------------------------------------------------------------------------


def add_chair_link(session: Session, key: str, officer: str, by: str, payload: dict[str, object]) -> None:
    """Record an issued link and queue its hashes for the hub."""
    session.add(ChairLinkRow(key=key, officer=officer, issued_at=utcnow(), issued_by=by))
    session.flush()
    outbox_repo.enqueue(session, "chair_link", payload)


def revoke_chair_links(session: Session, officer: str, by: str) -> list[str]:
    """Revoke every live link of ``officer``; the keys revoked (queued for the hub)."""
    rows = list(
        session.scalars(
            select(ChairLinkRow).where(ChairLinkRow.officer == officer, ChairLinkRow.revoked_at.is_(None))
        )
    )
    for row in rows:
        row.revoked_at = utcnow()
        row.revoked_by = by
        outbox_repo.enqueue(session, "chair_link", {"link_key": row.key, "revoked": True})
    session.flush()
    return [r.key for r in rows]


def chair_links(session: Session) -> list[tuple[str, str, dt.datetime, dt.datetime | None]]:
    """(key, officer, issued_at, revoked_at) of every link, newest first."""
    rows = session.scalars(select(ChairLinkRow).order_by(ChairLinkRow.id.desc()))
    return [(r.key, r.officer, r.issued_at, r.revoked_at) for r in rows]
