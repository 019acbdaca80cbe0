"""What the hub must hear about, enqueued inside the caller's transaction.

Called by the roster, circular and sync services after each change; it lives in storage
because it reads and writes rows of the caller's session. Nothing happens for a profile that
is not connected to a hub. Payloads follow docs/hub-api.md and never carry a resident's name,
reading, phone or e-mail: households travel as their opaque ``public_id`` plus a label such
as 「3班-5」.
"""

from __future__ import annotations

import base64
import hashlib
import secrets as pysecrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.circulars import Circular
from circular_app.domain.forms import wire_form
from circular_app.domain.furigana import MAX_ENTRIES_PER_CIRCULAR, entries_in
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, reader_language
from circular_app.domain.reads import is_targeted
from circular_app.domain.roster import Delivery, Household
from circular_app.storage import answers_repo, circular_repo, outbox_repo, readings_repo, translation_repo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.models import CircularRow, CircularVersionRow, HouseholdRow, ReaderTokenRow
from circular_app.support.clock import utcnow


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
        | _language(row.language)
        for row in rrepo.households(session)
    ]
    return {"hans": [{"key": han_key(h.id), "name": h.name} for h in hans], "households": households}


def _language(roster_value: str | None) -> dict[str, str]:
    """The roster's 言語 as the reader page's language code (only a code travels), or nothing."""
    code = reader_language(roster_value)
    return {"lang": code} if code and code != DEFAULT_LANGUAGE else {}


def active_reader_tokens(session: Session) -> dict[int, ReaderTokenRow]:
    """The unrevoked reader token of each household that has one, by household id."""
    return {
        r.household_id: r
        for r in session.scalars(select(ReaderTokenRow).where(ReaderTokenRow.revoked_at.is_(None)))
    }


def _new_reader_token(session: Session, household: HouseholdRow, invited: bool) -> str:
    token = pysecrets.token_urlsafe(16)  # 128 bits
    session.add(
        ReaderTokenRow(household_id=household.id, token=token, invited_at=utcnow() if invited else None)
    )
    outbox_repo.enqueue(
        session,
        "reader_token",
        {"household_key": household.public_id, "token_hash": token_hash(token), "revoked": False},
    )
    return token


def ensure_reader_tokens(session: Session) -> None:
    """Give every active digital household a reader token; revoke tokens of the others.

    A token issued for an invitation slip is kept while its household stays on paper (the
    household reads online before it switches); it is revoked when the household moves out.
    """
    tokens = active_reader_tokens(session)
    for row in rrepo.households(session):
        current = tokens.get(row.id)
        invited = current is not None and current.invited_at is not None
        wanted = row.moved_out_on is None and (row.delivery == Delivery.DIGITAL.value or invited)
        if wanted and current is None:
            _new_reader_token(session, row, invited=False)
        elif not wanted and current is not None:
            current.revoked_at = utcnow()
            outbox_repo.enqueue(
                session,
                "reader_token",
                {"household_key": row.public_id, "token_hash": token_hash(current.token), "revoked": True},
            )


def issue_invitation_tokens(session: Session, household_ids: Sequence[int]) -> dict[int, str]:
    """Each active household's reader token, issuing one (marked invited) where there is none.

    Circulars still open on the hub are sent again with the new households among their
    readers, so an invited household finds the current circulars behind its link at once.
    """
    tokens = active_reader_tokens(session)
    rows = {h.id: h for h in rrepo.households(session, active_only=True)}
    issued: dict[int, str] = {}
    new: list[HouseholdRow] = []
    for household_id in household_ids:
        current = tokens.get(household_id)
        if current is not None:
            issued[household_id] = current.token
            continue
        if household_id not in rows:
            continue  # moved out (or unknown): no link is issued
        if not new:
            # The hub must know a household before it accepts its token.
            outbox_repo.enqueue(session, "roster", roster_payload(session), coalesce=True)
        row = rows[household_id]
        issued[household_id] = _new_reader_token(session, row, invited=True)
        new.append(row)
    if new:
        session.flush()
        _republish_open_for(session, [rrepo.to_household(h) for h in new])
    return issued


def _republish_open_for(session: Session, households: Sequence[Household]) -> None:
    open_rows = session.scalars(
        select(CircularRow).where(
            CircularRow.hub_key.is_not(None), CircularRow.closed_at.is_(None), CircularRow.audience != "paper"
        )
    )
    for row in open_rows:
        circular = circular_repo.load(session, row)
        if any(is_targeted(circular, h) for h in households):
            # The same version again: the hub replaces the list of readers (docs/hub-api.md).
            outbox_repo.enqueue(session, "publish", publish_payload(session, row))


def hub_readers(session: Session, circular: Circular) -> list[HouseholdRow]:
    """The households that read ``circular`` on the hub: digital ones and invited paper ones."""
    invited = {h for h, t in active_reader_tokens(session).items() if t.invited_at is not None}
    return [
        h
        for h in rrepo.households(session)
        if (h.delivery == Delivery.DIGITAL.value or h.id in invited)
        and is_targeted(circular, rrepo.to_household(h))
    ]


def ensure_board_token(session: Session, row: CircularRow) -> str | None:
    """The board link token of a circular on the hub (None when it is not on a hub).

    Circulars published before board links existed get one here, and are sent again so the
    hub learns its hash.
    """
    if row.hub_key is None:
        return None
    if row.board_token is None:
        row.board_token = pysecrets.token_urlsafe(16)  # 128 bits, like reader tokens
        session.flush()
        outbox_repo.enqueue(session, "publish", publish_payload(session, row))
    return row.board_token


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
    keys = [h.public_id for h in hub_readers(session, circular)]
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
        for a in circular_repo.attachments(session, row.id, with_data=True)
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
    if translation_repo.ever_translated(session, row.id):
        # Issue 23: every current translation (title and body per language code, nothing else;
        # ``stale`` when the Japanese was rewritten after it was made). Left out for a circular
        # never translated, so a hub from before translations still takes it.
        payload["translations"] = [
            {"lang": t.lang, "title": t.title, "body": t.body, "stale": t.stale_for(row.title, row.body)}
            for t in translation_repo.latest(session, row.id).values()
        ]
    form = answers_repo.form_of(session, row.id)
    if form is not None:
        # The questions residents answer on the reader page (issue 21); sent again with a correction.
        payload["form"] = wire_form(form, row.due_date)
    if row.board_token is not None:
        payload["board_token_hash"] = token_hash(row.board_token)
    if row.corrected_at is not None:
        payload["corrected_at"] = row.corrected_at.isoformat()
        payload["correction_note"] = previous[-1]["note"] if previous else ""
        payload["previous"] = previous
    # Furigana (issue 23): the reading list's words that occur in this circular's own text only.
    texts = [row.title, row.body, *(f"{v['title']}\n{v['body']}\n{v['note']}" for v in previous)]
    found = entries_in("\n".join(texts), readings_repo.mapping(session))
    payload["readings"] = dict(sorted(found.items())[:MAX_ENTRIES_PER_CIRCULAR])
    return payload


def after_reading_change(session: Session, word: str) -> None:
    """The reading list changed: send again the published circulars whose text has ``word``."""
    published = select(CircularRow).where(CircularRow.status == "published", CircularRow.hub_key.is_not(None))
    for row in session.scalars(published):
        if word in row.title or word in row.body:
            after_publish(session, row.id)


def after_publish(session: Session, circular_id: int) -> None:
    """Enqueue a publish (or correction: same key, higher version)."""
    row = circular_repo.circular(session, circular_id)
    conn = outbox_repo.connection(session)
    if conn is None or conn.offline or row.audience == "paper":
        return
    if row.hub_key is None:
        row.hub_key = str(uuid.uuid4())
    if row.board_token is None:
        row.board_token = pysecrets.token_urlsafe(16)
    session.flush()
    outbox_repo.enqueue(session, "publish", publish_payload(session, row))


def after_translation(session: Session, circular_id: int) -> None:
    """A translation of a circular the hub has (or will have) was saved or removed.

    A published circular is sent again (the same version: the hub replaces its translations);
    a closed one only when the hub already knows it. A draft's translations travel when it is
    published.
    """
    row = circular_repo.circular(session, circular_id)
    if row.status == "published" or (row.status == "closed" and row.hub_key is not None):
        after_publish(session, circular_id)


def after_close(session: Session, circular_id: int) -> None:
    """Enqueue a close for a circular the hub knows."""
    row = circular_repo.circular(session, circular_id)
    if row.hub_key is not None:
        outbox_repo.enqueue(session, "close", {"circular_key": row.hub_key})


def publish_all(session: Session) -> None:
    """Enqueue every published circular (a profile that has just connected to a hub)."""
    for row in session.scalars(select(CircularRow).where(CircularRow.status == "published")):
        after_publish(session, row.id)


def circular_ids_by_hub_key(session: Session) -> dict[str, int]:
    """Circular id of each key the hub knows."""
    return {
        r.hub_key: r.id
        for r in session.scalars(select(CircularRow).where(CircularRow.hub_key.is_not(None)))
        if r.hub_key is not None
    }


def reader_tokens(session: Session) -> dict[int, str]:
    """The unrevoked reader token of each household that has one, by household id."""
    return {household_id: row.token for household_id, row in active_reader_tokens(session).items()}


@dataclass(frozen=True)
class PrintTokens:
    """What the QR codes on a circular's paper copies point to."""

    circular_key: str
    board_token: str
    reader_tokens: dict[int, str]  # household id → reader token, for personal links


def print_tokens(session: Session, circular_id: int, online: bool) -> PrintTokens | None:
    """The board token (issued if missing) and readers' tokens; None when not on a hub.

    Raises NotFoundError for an unknown circular even when offline.
    """
    row = circular_repo.circular(session, circular_id)
    if not online or row.hub_key is None:
        return None
    board = ensure_board_token(session, row)
    assert board is not None
    circular = circular_repo.load(session, row)
    tokens = active_reader_tokens(session)
    # A closed circular is not sent again when a household is invited later, so the hub may
    # not list it behind that household's link: its copies carry the board link.
    readers = hub_readers(session, circular) if row.closed_at is None else []
    personal = {h.id: tokens[h.id].token for h in readers if h.id in tokens}
    return PrintTokens(row.hub_key, board, personal)
