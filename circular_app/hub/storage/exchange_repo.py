"""Queries of the sync exchange: applying items (roster, reader tokens, circulars) and confirmations.

Every query is scoped by the association id the service passes in (see
:mod:`circular_app.hub.services.exchange`); functions take the caller's Session (the service owns
the transaction and the per-item savepoint) and return plain values; ORM rows never leave this
module. An item that cannot be applied raises :class:`RejectedError`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from circular_app.hub.schemas import ClosePayload, PublishPayload, ReaderTokenPayload, RosterPayload
from circular_app.hub.storage import answers_repo
from circular_app.hub.storage.models import (
    AttachmentRow,
    CircularRow,
    CircularTranslationRow,
    CircularVersionRow,
    ConfirmationRow,
    HanRow,
    HouseholdRow,
    ProcessedItemRow,
    ReaderTokenRow,
    RecipientRow,
)

ConfirmationLine = tuple[int, str, str, dt.datetime, str]


class RejectedError(Exception):
    """An item that cannot be applied; the message is the reason sent back (no content in it)."""


def item_processed(session: Session, association_id: int, key: str) -> bool:
    """The association's item of this idempotency key was applied before."""
    done = session.scalar(
        select(ProcessedItemRow.id).where(
            ProcessedItemRow.association_id == association_id, ProcessedItemRow.key == key
        )
    )
    return done is not None


def record_item(session: Session, association_id: int, key: str, kind: str, now: dt.datetime) -> bool:
    """Record the item's key; False when a concurrent request recorded it first (unique key)."""
    session.add(ProcessedItemRow(association_id=association_id, key=key, kind=kind, processed_at=now))
    try:
        session.flush()
    except IntegrityError:
        return False
    return True


def apply_roster(
    session: Session, association_id: int, payload: RosterPayload, clock: Callable[[], dt.datetime]
) -> None:
    """Upsert the association's 班 and households of a roster item."""
    hans = {
        row.key: row for row in session.scalars(select(HanRow).where(HanRow.association_id == association_id))
    }
    for han in payload.hans:
        existing = hans.get(han.key)
        if existing is None:
            existing = HanRow(association_id=association_id, key=han.key, name=han.name)
            session.add(existing)
            hans[han.key] = existing
        else:
            existing.name = han.name
    session.flush()
    wanted = [h.key for h in payload.households]
    households = {
        row.key: row
        for row in session.scalars(
            select(HouseholdRow).where(
                HouseholdRow.association_id == association_id, HouseholdRow.key.in_(wanted)
            )
        )
    }
    now = clock()
    for household in payload.households:
        han_id = None
        if household.han_key is not None:
            han_row = hans.get(household.han_key)
            if han_row is None:
                raise RejectedError(f"unknown han_key {household.han_key}")
            han_id = han_row.id
        row = households.get(household.key)
        if row is None:
            row = HouseholdRow(association_id=association_id, key=household.key, updated_at=now)
            session.add(row)
            households[household.key] = row
        row.han_id = han_id
        row.label = household.label
        row.active = household.active
        row.lang = household.lang
        row.updated_at = now


def _household(session: Session, association_id: int, key: str) -> HouseholdRow:
    row = session.scalar(
        select(HouseholdRow).where(HouseholdRow.association_id == association_id, HouseholdRow.key == key)
    )
    if row is None:
        raise RejectedError(f"unknown household_key {key}")
    return row


def apply_reader_token(
    session: Session, association_id: int, payload: ReaderTokenPayload, clock: Callable[[], dt.datetime]
) -> None:
    """Add (or revoke) a household's reader token; a token never moves between households."""
    household = _household(session, association_id, payload.household_key)
    found = session.execute(
        select(ReaderTokenRow, HouseholdRow.association_id)
        .join(HouseholdRow, HouseholdRow.id == ReaderTokenRow.household_id)
        .where(ReaderTokenRow.token_hash == payload.token_hash)
    ).one_or_none()
    now = clock()
    if found is None:
        board = select(CircularRow.id).where(CircularRow.board_token_hash == payload.token_hash)
        if session.scalar(board) is not None:
            # A board link is read by everyone on the route: it must never confirm for a household.
            raise RejectedError("token_hash is a circular's board token; use a new random token")
        session.add(
            ReaderTokenRow(
                household_id=household.id,
                token_hash=payload.token_hash,
                created_at=now,
                revoked_at=now if payload.revoked else None,
            )
        )
        return
    token, owner = found
    if owner != association_id or token.household_id != household.id:
        # Never move a token between households (or associations): a new link needs a new token.
        raise RejectedError("token_hash already belongs to another household")
    if payload.revoked:
        token.revoked_at = token.revoked_at or now
    elif token.revoked_at is not None:
        raise RejectedError("a revoked reader token cannot be restored; issue a new one")


def _circular(session: Session, association_id: int, key: str) -> CircularRow | None:
    return session.scalar(
        select(CircularRow).where(CircularRow.association_id == association_id, CircularRow.key == key)
    )


def apply_publish(
    session: Session, association_id: int, payload: PublishPayload, clock: Callable[[], dt.datetime]
) -> None:
    """Insert or update a circular with its versions, recipients and attachments."""
    row = _circular(session, association_id, payload.circular_key)
    board = payload.board_token_hash
    if board is not None and (row is None or board != row.board_token_hash):
        _check_board_token(session, board)  # before a new row is pending (autoflush)
    now = clock()
    if row is None:
        row = CircularRow(association_id=association_id, key=payload.circular_key, published_at=now)
        session.add(row)
    elif payload.version < row.version:
        raise RejectedError(f"version {payload.version} is older than the hub's {row.version}")
    elif payload.version > row.version:
        _keep_version(session, row, row.version, row.title, row.body, row.correction_note)
    _fill(row, payload, now)
    try:
        session.flush()
    except IntegrityError as exc:  # the same circular or board link from a concurrent request
        raise RejectedError(
            "another publish of this circular_key or board_token_hash came at the same time"
        ) from exc
    for previous in payload.previous:
        if previous.version < payload.version:
            _keep_version(session, row, previous.version, previous.title, previous.body, previous.note)
    _recipients(session, association_id, row, payload.household_keys)
    _attachments(session, row, payload)
    if payload.form is not None:  # issue 21: absent (an older desktop) keeps the hub's form
        answers_repo.store_form(session, row.id, payload.form, payload.due_date, now)
    if payload.translations is not None:  # issue 23: absent keeps the hub's translations
        _translations(session, row, payload)


def _translations(session: Session, row: CircularRow, payload: PublishPayload) -> None:
    session.execute(delete(CircularTranslationRow).where(CircularTranslationRow.circular_id == row.id))
    session.add_all(
        CircularTranslationRow(circular_id=row.id, lang=t.lang, title=t.title, body=t.body, stale=t.stale)
        for t in payload.translations or []
    )


def _check_board_token(session: Session, token_hash: str) -> None:
    # A board link never moves to another circular (of any association): a paper 回覧板
    # already out on the route must not start showing something else. Nor may it equal a
    # household's reader token, whose link can confirm for that household.
    circular = select(CircularRow.id).where(CircularRow.board_token_hash == token_hash)
    if session.scalar(circular) is not None:
        raise RejectedError("board_token_hash already belongs to another circular")
    reader = select(ReaderTokenRow.id).where(ReaderTokenRow.token_hash == token_hash)
    if session.scalar(reader) is not None:
        raise RejectedError("board_token_hash is a reader token; use a new random token")


def _fill(row: CircularRow, payload: PublishPayload, now: dt.datetime) -> None:
    row.number = payload.number
    row.fiscal_year = payload.fiscal_year
    row.title = payload.title
    row.body = payload.body
    row.category = payload.category.value
    row.issue_date = payload.issue_date
    row.due_date = payload.due_date
    row.urgency = payload.urgency.value
    row.version = payload.version
    if payload.version > 1:
        row.corrected_at = payload.corrected_at or row.corrected_at or now
    row.correction_note = payload.correction_note or ""
    if payload.board_token_hash is not None:  # absent: an older desktop, keep the link
        row.board_token_hash = payload.board_token_hash
    if payload.readings is not None:  # absent: an older desktop, keep the readings
        row.readings = json.dumps(payload.readings, ensure_ascii=False, sort_keys=True)


def _keep_version(session: Session, row: CircularRow, version: int, title: str, body: str, note: str) -> None:
    session.flush()
    existing = session.scalar(
        select(CircularVersionRow).where(
            CircularVersionRow.circular_id == row.id, CircularVersionRow.version == version
        )
    )
    if existing is None:
        session.add(
            CircularVersionRow(circular_id=row.id, version=version, title=title, body=body, note=note)
        )


def _recipients(session: Session, association_id: int, row: CircularRow, keys: list[str]) -> None:
    wanted = set(keys)
    ids = dict(
        session.execute(
            select(HouseholdRow.key, HouseholdRow.id).where(
                HouseholdRow.association_id == association_id, HouseholdRow.key.in_(wanted)
            )
        ).all()
    )
    missing = wanted - ids.keys()
    if missing:
        raise RejectedError(f"{len(missing)} unknown household_keys (send the roster first)")
    current = set(
        session.scalars(select(RecipientRow.household_id).where(RecipientRow.circular_id == row.id))
    )
    target = set(ids.values())
    if current - target:
        session.execute(
            delete(RecipientRow).where(
                RecipientRow.circular_id == row.id, RecipientRow.household_id.in_(current - target)
            )
        )
    session.add_all(RecipientRow(circular_id=row.id, household_id=h) for h in sorted(target - current))


def _attachments(session: Session, row: CircularRow, payload: PublishPayload) -> None:
    keys = [a.key for a in payload.attachments]
    if len(set(keys)) != len(keys):
        raise RejectedError("attachment keys repeat")
    session.execute(delete(AttachmentRow).where(AttachmentRow.circular_id == row.id))
    for position, attachment in enumerate(payload.attachments, start=1):
        session.add(
            AttachmentRow(
                circular_id=row.id,
                key=attachment.key,
                filename=attachment.filename,
                media_type=attachment.media_type,
                size=len(attachment.data_base64),
                position=position,
                data=attachment.data_base64,
            )
        )


def apply_close(
    session: Session, association_id: int, payload: ClosePayload, clock: Callable[[], dt.datetime]
) -> None:
    """Mark a circular closed (once)."""
    row = _circular(session, association_id, payload.circular_key)
    if row is None:
        raise RejectedError(f"unknown circular_key {payload.circular_key}")
    row.closed_at = row.closed_at or clock()


def confirmations(
    session: Session, association_id: int, after: int, until: dt.datetime, limit: int
) -> list[ConfirmationLine]:
    """Up to ``limit`` confirmations with an id after ``after``, confirmed by ``until``, by id."""
    query = (
        select(ConfirmationRow.id, CircularRow.key, HouseholdRow.key, ConfirmationRow.confirmed_at)
        .add_columns(ConfirmationRow.device)
        .join(CircularRow, CircularRow.id == ConfirmationRow.circular_id)
        .join(HouseholdRow, HouseholdRow.id == ConfirmationRow.household_id)
        .where(
            ConfirmationRow.association_id == association_id,
            ConfirmationRow.id > after,
            ConfirmationRow.confirmed_at <= until,
        )
        .order_by(ConfirmationRow.id)
        .limit(limit)
    )
    return [(id_, c_key, h_key, at, device) for id_, c_key, h_key, at, device in session.execute(query)]
