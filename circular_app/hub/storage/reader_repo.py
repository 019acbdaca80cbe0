"""Queries of reader and board links: resolve a link, its circulars, attachments, 「読みました」.

The statements are built once at import (the reader tap is the hub's hot path: one joined
lookup plus one insert, see benchmarks/hub_load.py). Functions take the caller's Session (the
service in :mod:`circular_app.hub.web.reader` owns the transaction) and return the frozen
dataclasses below; ORM rows never leave this module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, Dialect, Select, and_, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, defer

from circular_app.domain.wire import TranslatedText
from circular_app.hub.storage.models import (
    AssociationRow,
    AttachmentRow,
    CircularRow,
    CircularTranslationRow,
    CircularVersionRow,
    ConfirmationRow,
    HouseholdRow,
    ReaderTokenRow,
    RecipientRow,
    SafetyRoundRow,
)

# The two statements of every 「読みました」 tap, built once (the hot path of the hub).
_RESOLVE = (
    select(
        ReaderTokenRow.household_id,
        HouseholdRow.association_id,
        AssociationRow.name,
        HouseholdRow.label,
        HouseholdRow.lang,
    )
    .join(HouseholdRow, HouseholdRow.id == ReaderTokenRow.household_id)
    .join(AssociationRow, AssociationRow.id == HouseholdRow.association_id)
    .where(
        ReaderTokenRow.token_hash == bindparam("token_hash"),
        ReaderTokenRow.revoked_at.is_(None),
        HouseholdRow.active.is_(True),
        AssociationRow.revoked_at.is_(None),
    )
)
# A board link: the circular whose board token hash it is, while its association is not revoked.
_BOARD = (
    select(CircularRow, AssociationRow.name)
    .join(AssociationRow, AssociationRow.id == CircularRow.association_id)
    .where(CircularRow.board_token_hash == bindparam("token_hash"), AssociationRow.revoked_at.is_(None))
)
# 安否確認: whether a round of the household's association is open, read with the tap itself
# (the thank-you page shows the question then; most taps skip that query and its round trip).
_ROUND_OPEN = (
    select(SafetyRoundRow.id)
    .where(SafetyRoundRow.association_id == HouseholdRow.association_id, SafetyRoundRow.ended_at.is_(None))
    .exists()
    .label("round_open")
)
# The tap's lookup in one statement: the valid link and the circular addressed to it.
_TAP = (
    select(
        ReaderTokenRow.household_id,
        HouseholdRow.association_id,
        AssociationRow.name,
        HouseholdRow.label,
        CircularRow.id,
        CircularRow.version,
        CircularRow.title,
        _ROUND_OPEN,
    )
    .join(HouseholdRow, HouseholdRow.id == ReaderTokenRow.household_id)
    .join(AssociationRow, AssociationRow.id == HouseholdRow.association_id)
    .join(RecipientRow, RecipientRow.household_id == HouseholdRow.id)
    .join(
        CircularRow,
        and_(
            CircularRow.id == RecipientRow.circular_id,
            CircularRow.association_id == HouseholdRow.association_id,
        ),
    )
    .where(
        ReaderTokenRow.token_hash == bindparam("token_hash"),
        ReaderTokenRow.revoked_at.is_(None),
        HouseholdRow.active.is_(True),
        AssociationRow.revoked_at.is_(None),
        CircularRow.key == bindparam("key"),
    )
)
_FIRST_TIME = select(ConfirmationRow.confirmed_at).where(
    ConfirmationRow.circular_id == bindparam("circular_id"),
    ConfirmationRow.household_id == bindparam("household_id"),
)
# An attachment's file, joined to its circular; the reader and board lookups add their scope.
_ATTACHMENT = select(AttachmentRow.filename, AttachmentRow.media_type, AttachmentRow.data).join(
    CircularRow, CircularRow.id == AttachmentRow.circular_id
)
_UNIQUE = ["circular_id", "household_id"]
# INSERT … ON CONFLICT DO NOTHING RETURNING: the same statement in both dialects.
_INSERT_POSTGRESQL = (
    postgresql.insert(ConfirmationRow)
    .on_conflict_do_nothing(index_elements=_UNIQUE)
    .returning(ConfirmationRow.confirmed_at)
)
_INSERT_SQLITE = (
    sqlite.insert(ConfirmationRow)
    .on_conflict_do_nothing(index_elements=_UNIQUE)
    .returning(ConfirmationRow.confirmed_at)
)

# PostgreSQL: lookup and insert in ONE statement (a data-modifying CTE), run outside an
# explicit transaction: one round trip instead of BEGIN, SELECT, INSERT and COMMIT, each of
# which waited on the server (benchmarks/hub_load.py). ``confirmed_at`` is NULL when the row
# existed already (or the link is not valid: then no row comes back at all).
_TAP_CTE = _TAP.cte("tap")
_TAP_INSERT_CTE = (
    postgresql.insert(ConfirmationRow)
    .from_select(
        ["association_id", "circular_id", "household_id", "version", "confirmed_at", "device"],
        select(
            _TAP_CTE.c.association_id,
            _TAP_CTE.c.id,
            _TAP_CTE.c.household_id,
            _TAP_CTE.c.version,
            bindparam("now", type_=ConfirmationRow.confirmed_at.type),
            bindparam("device", type_=ConfirmationRow.device.type),
        ),
    )
    .on_conflict_do_nothing(index_elements=_UNIQUE)
    .returning(ConfirmationRow.confirmed_at)
    .cte("inserted")
)
_TAP_AND_INSERT = select(
    *_TAP_CTE.c, select(_TAP_INSERT_CTE.c.confirmed_at).scalar_subquery().label("inserted_at")
)
_COMPILED: dict[str, str] = {}


def _tap_and_insert_sql(dialect: Dialect) -> str:
    """:data:`_TAP_AND_INSERT` compiled once for the engine's dialect (psycopg: casts included).

    It is sent on the driver's connection past SQLAlchemy's execution layer, whose cache-key
    walk over this large statement and result wrapping cost about as much CPU as psycopg's own
    work (in-process 165 against 83 µs per tap; docs/scaling.md). psycopg returns the same
    Python values (the columns are text, integers, booleans and a naive timestamp).
    """
    sql = _COMPILED.get(dialect.name)
    if sql is None:
        sql = _COMPILED[dialect.name] = str(_TAP_AND_INSERT.compile(dialect=dialect))
    return sql


@dataclass(frozen=True)
class Reader:
    """The household behind a valid reader link."""

    token_hash: str
    household_id: int
    association_id: int
    association_name: str
    label: str
    # The page's language from the roster's 言語 (a supported code), when the desktop sent one.
    lang: str | None = None


@dataclass(frozen=True)
class Board:
    """A valid board link (the QR code on the paper 回覧板): one circular, read-only."""

    association_name: str


@dataclass(frozen=True)
class CircularSummary:
    """A line of the household's list."""

    key: str
    number: int
    fiscal_year: int
    title: str
    category: str
    issue_date: dt.date
    due_date: dt.date
    urgent: bool
    version: int
    closed: bool
    confirmed_at: dt.datetime | None
    # Furigana (issue 23): the association's readings of words in this circular, (word, よみ).
    readings: tuple[tuple[str, str], ...] = ()

    @property
    def corrected(self) -> bool:
        """A correction (訂正) was published."""
        return self.version > 1


@dataclass(frozen=True)
class PreviousText:
    """An earlier version of a corrected circular."""

    version: int
    title: str
    body: str
    note: str


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment's metadata (the bytes come from :func:`attachment`)."""

    key: str
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True)
class CircularDetail:
    """One circular as the reader page shows it."""

    summary: CircularSummary
    body: str
    corrected_at: dt.datetime | None
    correction_note: str
    previous: tuple[PreviousText, ...]  # newest first
    attachments: tuple[AttachmentInfo, ...]
    # Issue 23: the circular's title and body in other languages, by language code.
    translations: Mapping[str, TranslatedText] = field(default_factory=dict)


@dataclass(frozen=True)
class Confirmed:
    """The answer to 「読みました」: when it was first recorded, and whether this tap did it."""

    title: str
    confirmed_at: dt.datetime
    first_time: bool
    # A 安否確認 round of the household's association was open at the tap (read in the same
    # statement): only then does the thank-you page look up the question.
    round_open: bool = False


@dataclass(frozen=True)
class AttachmentFile:
    """A downloadable file."""

    filename: str
    media_type: str
    data: bytes


def resolve(session: Session, token_hash: str) -> Reader | None:
    """The household of a valid token; ``None`` for unknown, revoked or expired."""
    row = session.execute(_RESOLVE, {"token_hash": token_hash}).one_or_none()
    if row is None:
        return None
    household_id, association_id, name, label, lang = row
    return Reader(token_hash, household_id, association_id, name, label, lang)


def _addressed(reader: Reader) -> Select[CircularRow, dt.datetime]:
    """Circulars addressed to the household, each with its confirmation time (if any)."""
    return (
        select(CircularRow, ConfirmationRow.confirmed_at)
        .join(RecipientRow, RecipientRow.circular_id == CircularRow.id)
        .outerjoin(
            ConfirmationRow,
            and_(
                ConfirmationRow.circular_id == CircularRow.id,
                ConfirmationRow.household_id == reader.household_id,
            ),
        )
        .where(
            RecipientRow.household_id == reader.household_id,
            CircularRow.association_id == reader.association_id,
        )
    )


def _summary(row: CircularRow, confirmed_at: dt.datetime | None) -> CircularSummary:
    return CircularSummary(
        key=row.key,
        number=row.number,
        fiscal_year=row.fiscal_year,
        title=row.title,
        category=row.category,
        issue_date=row.issue_date,
        due_date=row.due_date,
        urgent=row.urgency == "urgent",
        version=row.version,
        closed=row.closed_at is not None,
        confirmed_at=confirmed_at,
        readings=_readings(row.readings),
    )


def _readings(stored: str | None) -> tuple[tuple[str, str], ...]:
    """The stored JSON readings as pairs (checked when they arrived)."""
    if not stored:
        return ()
    found = json.loads(stored)
    return tuple((str(word), str(reading)) for word, reading in sorted(found.items()))


def circulars(session: Session, reader: Reader) -> list[CircularSummary]:
    """Every circular addressed to the household, newest first (bodies not loaded)."""
    query = (
        _addressed(reader)
        .options(defer(CircularRow.body), defer(CircularRow.correction_note))
        .order_by(CircularRow.issue_date.desc(), CircularRow.id.desc())
    )
    return [_summary(row, at) for row, at in session.execute(query)]


def translated_titles(session: Session, reader: Reader, lang: str) -> dict[str, str]:
    """Circular key → its title in ``lang``, for the household's circulars translated into it."""
    query = (
        select(CircularRow.key, CircularTranslationRow.title)
        .join(RecipientRow, RecipientRow.circular_id == CircularRow.id)
        .join(CircularTranslationRow, CircularTranslationRow.circular_id == CircularRow.id)
        .where(
            RecipientRow.household_id == reader.household_id,
            CircularRow.association_id == reader.association_id,
            CircularTranslationRow.lang == lang,
        )
    )
    return {key: title for key, title in session.execute(query)}


def circular(session: Session, reader: Reader, key: str) -> CircularDetail | None:
    """One circular addressed to this household, or ``None``."""
    found = session.execute(_addressed(reader).where(CircularRow.key == key)).one_or_none()
    if found is None:
        return None
    row, confirmed_at = found
    return _detail(session, row, confirmed_at)


def _detail(session: Session, row: CircularRow, confirmed_at: dt.datetime | None) -> CircularDetail:
    """The circular with its earlier texts and its attachments' metadata."""
    previous = tuple(
        PreviousText(v.version, v.title, v.body, v.note)
        for v in session.scalars(
            select(CircularVersionRow)
            .where(CircularVersionRow.circular_id == row.id)
            .order_by(CircularVersionRow.version.desc())
        )
    )
    attachments = tuple(
        AttachmentInfo(key, filename, media_type, size)
        for key, filename, media_type, size in session.execute(
            select(
                AttachmentRow.key,
                AttachmentRow.filename,
                AttachmentRow.media_type,
                AttachmentRow.size,
            )
            .where(AttachmentRow.circular_id == row.id)
            .order_by(AttachmentRow.position)
        )
    )
    translations = {
        t.lang: TranslatedText(t.lang, t.title, t.body, t.stale)
        for t in session.scalars(
            select(CircularTranslationRow).where(CircularTranslationRow.circular_id == row.id)
        )
    }
    return CircularDetail(
        _summary(row, confirmed_at),
        row.body,
        row.corrected_at,
        row.correction_note,
        previous,
        attachments,
        translations,
    )


def confirm(
    conn: Connection, token_hash: str, key: str, device: str, now: dt.datetime, postgresql_dialect: bool
) -> tuple[Reader, Confirmed] | None:
    """Record 「読みました」 once in ``conn``'s transaction; later taps return the first time.

    ``None`` when the link is not valid or the circular is not addressed to it.
    """
    if postgresql_dialect:
        return _confirm_in_one(conn, token_hash, key, device, now)
    statement = _INSERT_SQLITE
    # Core statements on a plain connection (Sessions.write_connection): the ORM adds
    # nothing here, and this is the hub's busiest write (benchmarks/hub_load.py).
    found = conn.execute(_TAP, {"token_hash": token_hash, "key": key}).one_or_none()
    if found is None:
        return None
    household_id, association_id, name, label, circular_id, version, title, round_open = found
    reader = Reader(token_hash, household_id, association_id, name, label)
    values = {
        "association_id": association_id,
        "circular_id": circular_id,
        "household_id": household_id,
        "version": version,
        "confirmed_at": now,
        "device": device[:20],
    }
    inserted = conn.execute(statement, values).scalar_one_or_none()
    if inserted is not None:
        return reader, Confirmed(title, inserted, True, bool(round_open))
    first = conn.execute(
        _FIRST_TIME, {"circular_id": circular_id, "household_id": household_id}
    ).scalar_one()  # the conflict that skipped the insert is this row
    return reader, Confirmed(title, first, False, bool(round_open))


def _confirm_in_one(
    conn: Connection, token_hash: str, key: str, device: str, now: dt.datetime
) -> tuple[Reader, Confirmed] | None:
    """PostgreSQL's :func:`confirm`: one statement (``conn`` may be in autocommit)."""
    # The driver's own connection (psycopg), inside ``conn``'s transaction or autocommit.
    driver = conn.connection.driver_connection
    assert driver is not None, "an open connection"
    try:
        found = driver.execute(
            _tap_and_insert_sql(conn.dialect),
            {"token_hash": token_hash, "key": key, "now": now, "device": device[:20]},
        ).fetchone()
    except Exception as exc:
        # Past SQLAlchemy, so what it does for its own statements is done here: a connection
        # the server dropped (psycopg marks it closed or broken) is taken out of the pool, and
        # the caller may try again on a fresh one (GroupCommit does).
        if driver.closed or driver.broken:
            conn.invalidate(exc)
            raise DisconnectionError("the database server closed the connection") from exc
        raise
    if found is None:
        return None
    household_id, association_id, name, label, circular_id, _version, title, round_open, inserted = tuple(
        found
    )
    reader = Reader(token_hash, household_id, association_id, name, label)
    if inserted is not None:
        return reader, Confirmed(title, inserted, True, bool(round_open))
    first = conn.execute(
        _FIRST_TIME, {"circular_id": circular_id, "household_id": household_id}
    ).scalar_one()  # the conflict that skipped the insert is this row
    return reader, Confirmed(title, first, False, bool(round_open))


@dataclass(frozen=True)
class Tap:
    """One 「読みました」 waiting for the group commit: the link, the circular, the device, the time."""

    token_hash: str
    key: str
    device: str
    now: dt.datetime


def confirm_each(
    conn: Connection, taps: list[Tap], postgresql_dialect: bool
) -> list[tuple[Reader, Confirmed] | None]:
    """A group commit's taps, one after the other in ``conn``'s transaction (:func:`confirm` each).

    Tried and dropped: one lookup and one multi-row insert for the whole group (row-value IN,
    SQLAlchemy's insertmanyvalues): PostgreSQL planned the varying statement text anew every
    time and both backends spent more CPU than the statements saved (docs/scaling.md).
    """
    return [confirm(conn, t.token_hash, t.key, t.device, t.now, postgresql_dialect) for t in taps]


def attachment(session: Session, reader: Reader, key: str) -> AttachmentFile | None:
    """An attachment of a circular addressed to this household, or ``None``."""
    return _attachment_file(
        session,
        _ATTACHMENT.join(RecipientRow, RecipientRow.circular_id == CircularRow.id)
        .where(
            AttachmentRow.key == key,
            CircularRow.association_id == reader.association_id,
            RecipientRow.household_id == reader.household_id,
        )
        .order_by(AttachmentRow.id)
        .limit(1),
    )


def _attachment_file(session: Session, query: Select[str, str, bytes]) -> AttachmentFile | None:
    row = session.execute(query).one_or_none()
    if row is None:
        return None
    filename, media_type, data = row
    return AttachmentFile(filename, media_type, data)


def board(session: Session, token_hash: str) -> tuple[Board, CircularDetail] | None:
    """The circular of a valid board link, or ``None`` (unknown, or association revoked)."""
    found = session.execute(_BOARD, {"token_hash": token_hash}).one_or_none()
    if found is None:
        return None
    row, association_name = found
    return Board(association_name), _detail(session, row, None)


def board_attachment(session: Session, token_hash: str, key: str) -> AttachmentFile | None:
    """An attachment of the board link's own circular (no other), or ``None``."""
    return _attachment_file(
        session,
        _ATTACHMENT.join(AssociationRow, AssociationRow.id == CircularRow.association_id).where(
            CircularRow.board_token_hash == token_hash,
            AssociationRow.revoked_at.is_(None),
            AttachmentRow.key == key,
        ),
    )
