"""Queries of 安否確認 on the hub: rounds, residents' answers, 会長用リンク.

Every query is scoped by the association id the caller passes in. Functions take the caller's
Session (the service owns the transaction) and return plain values; ORM rows never leave
this module. Households are the opaque rows of the roster (key and label), never a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.safety_hub import HubAnswer, HubRound
from circular_app.hub.storage.exchange_repo import RejectedError
from circular_app.hub.storage.models import (
    AssociationRow,
    ChairLinkRow,
    HanRow,
    HouseholdRow,
    SafetyAnswerRow,
    SafetyRoundRow,
)


@dataclass(frozen=True)
class OpenRound:
    """The association's open round and its row id."""

    id: int
    round: HubRound


@dataclass(frozen=True)
class Chair:
    """A valid 会長用リンク: its association and the PIN's salt and hash."""

    link_id: int
    association_id: int
    association_name: str
    pin_salt: str
    pin_hash: str


@dataclass(frozen=True)
class StatusLine:
    """A household on the chair's status page: label only, with its latest answer (if any)."""

    han: str
    label: str
    status: str  # safe, help, away, or "" while 未確認
    note: str
    answered_at: dt.datetime | None


def _round(row: SafetyRoundRow) -> HubRound:
    return HubRound(row.key, row.kind, row.message, row.drill, row.started_at, row.ended_at, row.origin)


def _open_row(session: Session, association_id: int) -> SafetyRoundRow | None:
    return session.scalar(
        select(SafetyRoundRow)
        .where(SafetyRoundRow.association_id == association_id, SafetyRoundRow.ended_at.is_(None))
        .order_by(SafetyRoundRow.started_at.desc(), SafetyRoundRow.id.desc())
        .limit(1)
    )


def open_round(session: Session, association_id: int) -> OpenRound | None:
    """The open round of an association, if any."""
    row = _open_row(session, association_id)
    return OpenRound(row.id, _round(row)) if row is not None else None


def _end_others(session: Session, association_id: int, keep: int, now: dt.datetime) -> None:
    # One round at a time: a newer round ends the one before (the desktop does the same).
    for other in session.scalars(
        select(SafetyRoundRow).where(
            SafetyRoundRow.association_id == association_id,
            SafetyRoundRow.ended_at.is_(None),
            SafetyRoundRow.id != keep,
        )
    ):
        other.ended_at = now


def apply_round(
    session: Session,
    association_id: int,
    key: str,
    kind: str,
    message: str,
    drill: bool,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    """Add or update a round the desktop sent (started or ended there)."""
    row = session.scalar(
        select(SafetyRoundRow).where(
            SafetyRoundRow.association_id == association_id, SafetyRoundRow.key == key
        )
    )
    if row is None:
        row = SafetyRoundRow(
            association_id=association_id,
            key=key,
            kind=kind,
            message=message,
            drill=drill,
            origin="desktop",
            started_at=started_at,
            ended_at=ended_at,
        )
        session.add(row)
        session.flush()
    elif row.kind != kind or row.drill != drill:
        raise RejectedError("a round's kind and drill flag cannot change")
    else:
        row.message = message
        if ended_at is not None and row.ended_at is None:
            row.ended_at = ended_at
    if row.ended_at is None:
        _end_others(session, association_id, row.id, now)


def start_round(
    session: Session, association_id: int, key: str, kind: str, message: str, drill: bool, now: dt.datetime
) -> HubRound | None:
    """Open a round from a 会長用リンク; ``None`` when one is open already."""
    if _open_row(session, association_id) is not None:
        return None
    row = SafetyRoundRow(
        association_id=association_id,
        key=key,
        kind=kind,
        message=message,
        drill=drill,
        origin="chair",
        started_at=now,
        ended_at=None,
    )
    session.add(row)
    session.flush()
    return _round(row)


def add_answer(
    session: Session,
    association_id: int,
    household_id: int,
    round_key: str,
    status: str,
    note: str,
    now: dt.datetime,
) -> HubRound | None:
    """Add a household's answer to the open round ``round_key``; ``None`` when it is not open."""
    row = _open_row(session, association_id)
    if row is None or row.key != round_key:
        return None
    session.add(
        SafetyAnswerRow(
            association_id=association_id,
            round_id=row.id,
            household_id=household_id,
            status=status,
            note=note,
            answered_at=now,
        )
    )
    session.flush()
    return _round(row)


def latest_answer(session: Session, round_id: int, household_id: int) -> tuple[str, str, dt.datetime] | None:
    """(status, note, time) of the household's latest answer in the round."""
    found = session.execute(
        select(SafetyAnswerRow.status, SafetyAnswerRow.note, SafetyAnswerRow.answered_at)
        .where(SafetyAnswerRow.round_id == round_id, SafetyAnswerRow.household_id == household_id)
        .order_by(SafetyAnswerRow.id.desc())
        .limit(1)
    ).one_or_none()
    return (found[0], found[1], found[2]) if found is not None else None


def rounds_since(session: Session, association_id: int, since: dt.datetime) -> list[HubRound]:
    """Rounds started after ``since`` or still open, oldest first."""
    rows = session.scalars(
        select(SafetyRoundRow)
        .where(
            SafetyRoundRow.association_id == association_id,
            (SafetyRoundRow.started_at >= since) | SafetyRoundRow.ended_at.is_(None),
        )
        .order_by(SafetyRoundRow.started_at, SafetyRoundRow.id)
    )
    return [_round(r) for r in rows]


def answers_after(
    session: Session, association_id: int, after: int, until: dt.datetime, limit: int
) -> list[HubAnswer]:
    """Up to ``limit`` answers with an id after ``after``, given by ``until``, by id."""
    query = (
        select(
            SafetyAnswerRow.id,
            SafetyRoundRow.key,
            HouseholdRow.key,
            SafetyAnswerRow.status,
            SafetyAnswerRow.note,
            SafetyAnswerRow.answered_at,
        )
        .join(SafetyRoundRow, SafetyRoundRow.id == SafetyAnswerRow.round_id)
        .join(HouseholdRow, HouseholdRow.id == SafetyAnswerRow.household_id)
        .where(
            SafetyAnswerRow.association_id == association_id,
            SafetyAnswerRow.id > after,
            SafetyAnswerRow.answered_at <= until,
        )
        .order_by(SafetyAnswerRow.id)
        .limit(limit)
    )
    return [HubAnswer(*row) for row in session.execute(query)]


def status_lines(session: Session, association_id: int, round_id: int) -> list[StatusLine]:
    """Every active household of the association (label only) with its latest answer."""
    latest: dict[int, tuple[str, str, dt.datetime]] = {}
    for household_id, status, note, at in session.execute(
        select(
            SafetyAnswerRow.household_id,
            SafetyAnswerRow.status,
            SafetyAnswerRow.note,
            SafetyAnswerRow.answered_at,
        )
        .where(SafetyAnswerRow.round_id == round_id)
        .order_by(SafetyAnswerRow.id)
    ):
        latest[household_id] = (status, note, at)
    rows = session.execute(
        select(HouseholdRow.id, HouseholdRow.label, HanRow.name)
        .outerjoin(HanRow, HanRow.id == HouseholdRow.han_id)
        .where(HouseholdRow.association_id == association_id, HouseholdRow.active.is_(True))
        .order_by(HanRow.name, HouseholdRow.label, HouseholdRow.id)
    )
    lines = []
    for household_id, label, han in rows:
        found = latest.get(household_id)
        if found is None:
            lines.append(StatusLine(han or "班なし", label, "", "", None))
        else:
            lines.append(StatusLine(han or "班なし", label, *found))
    return lines


# -- 会長用リンク ---------------------------------------------------------------------------------


def apply_chair_link(
    session: Session,
    association_id: int,
    key: str,
    token_hash: str | None,
    pin_salt: str | None,
    pin_hash: str | None,
    revoked: bool,
    now: dt.datetime,
) -> None:
    """Add or revoke a 会長用リンク (a revoked link is never restored)."""
    row = session.scalar(
        select(ChairLinkRow).where(ChairLinkRow.association_id == association_id, ChairLinkRow.key == key)
    )
    if row is None:
        if token_hash is None or pin_salt is None or pin_hash is None:
            raise RejectedError("a new chair link needs token_hash, pin_salt and pin_hash")
        taken = session.scalar(select(ChairLinkRow.id).where(ChairLinkRow.token_hash == token_hash))
        if taken is not None:
            raise RejectedError("token_hash is in use; use a new random token")
        session.add(
            ChairLinkRow(
                association_id=association_id,
                key=key,
                token_hash=token_hash,
                pin_salt=pin_salt,
                pin_hash=pin_hash,
                created_at=now,
                revoked_at=now if revoked else None,
            )
        )
        return
    if revoked:
        row.revoked_at = row.revoked_at or now
    elif row.revoked_at is not None:
        raise RejectedError("a revoked chair link cannot be restored; issue a new one")


def resolve_chair(session: Session, token_hash: str) -> Chair | None:
    """The valid (not revoked) chair link of this token hash, of an association not revoked."""
    found = session.execute(
        select(ChairLinkRow.id, ChairLinkRow.association_id, AssociationRow.name)
        .add_columns(ChairLinkRow.pin_salt, ChairLinkRow.pin_hash)
        .join(AssociationRow, AssociationRow.id == ChairLinkRow.association_id)
        .where(
            ChairLinkRow.token_hash == token_hash,
            ChairLinkRow.revoked_at.is_(None),
            AssociationRow.revoked_at.is_(None),
        )
    ).one_or_none()
    return Chair(*found) if found is not None else None
