"""SQLAlchemy 2 typed ORM models of the desktop profile database.

The schema is owned by the Alembic migrations in ``db/versions``; a test checks that an empty
database upgraded to head matches these models exactly.
"""

# No ``from __future__ import annotations`` here: SQLAlchemy reads every ``Mapped[...]``
# annotation, and as strings each would be evaluated again (about 0.03 s of every log-in).
import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, configure_mappers, mapped_column

from circular_app.support.clock import utcnow
from circular_app.support.naming import NAMING_CONVENTION


class Base(DeclarativeBase):
    """Declarative base with the naming convention on its MetaData."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ProfileInfo(Base):
    """The single row that describes the association that owns this profile."""

    __tablename__ = "profile_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    school_district: Mapped[str] = mapped_column(String(100))
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    kind: Mapped[str] = mapped_column(String(20), default="association")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HanRow(Base):
    """A 班: block of households in route order."""

    __tablename__ = "han"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    # No foreign key: han and household would reference each other, which SQLite's table
    # rebuilds cannot order. Services clear it when the household leaves the 班.
    leader_household_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class HouseholdRow(Base):
    """A household (世帯). Personal data: lives only in the encrypted profile file."""

    __tablename__ = "household"
    __table_args__ = (CheckConstraint("delivery IN ('digital', 'paper')", name="delivery"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    reading: Mapped[str] = mapped_column(String(200), default="")
    han_id: Mapped[int] = mapped_column(ForeignKey("han.id", ondelete="RESTRICT"), index=True)
    route_position: Mapped[int] = mapped_column(Integer)
    delivery: Mapped[str] = mapped_column(String(10), default="paper")
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(20), default="ja")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    moved_out_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class OfficerRow(Base):
    """An officer account. Passwords are not stored here: they unwrap the data key (keys.json)."""

    __tablename__ = "officer"
    __table_args__ = (UniqueConstraint("username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(50))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))
    han_id: Mapped[int | None] = mapped_column(ForeignKey("han.id", ondelete="SET NULL"), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditRow(Base):
    """One entry of the append-only audit trail (hash-chained; UPDATE/DELETE refused by triggers).

    Holds who did what and when, with targets as opaque ids: never household names or contact
    details (checked by tests/services/test_audit.py).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoredSecretRow(Base):
    """A machine secret kept inside the encrypted profile when no keyring backend works."""

    __tablename__ = "stored_secret"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CircularRow(Base):
    """A circular (回覧): draft, published or closed."""

    __tablename__ = "circular"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "number", name="fiscal_year_number"),
        CheckConstraint("status IN ('draft', 'published', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fiscal_year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # search_key(title + body): full/half-width and kana folded, for search without LIKE tricks.
    search_text: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="notice")
    sender_title: Mapped[str] = mapped_column(String(50), default="")
    sender_name: Mapped[str] = mapped_column(String(100), default="")
    audience: Mapped[str] = mapped_column(String(10), default="both")
    issue_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    readability_check: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    duplicated_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Opaque id on the hub (never the title or number, which may repeat across years).
    hub_key: Mapped[str | None] = mapped_column(String(40), nullable=True, unique=True)
    # The board link's token (128-bit): the QR code on 班 copies and posters of a circular on
    # the hub opens a read-only page (/b/{token}). The hub stores only its SHA-256.
    board_token: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    corrected_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CircularTargetRow(Base):
    """A 班 a circular is addressed to (no rows: every 班)."""

    __tablename__ = "circular_target"

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    han_id: Mapped[int] = mapped_column(ForeignKey("han.id", ondelete="CASCADE"), primary_key=True)


class CircularRecipientRow(Base):
    """A household a published circular was sent to, with its 班 and 順番 at that time.

    Written when the circular is published (in the same transaction) and appended to by
    「この回覧にも加える」; rows are never changed or removed, so rates, routes and reminder
    sheets of a circular stay as they were however the roster changes. ``han_id`` has no
    foreign key on purpose: a 班 merged away later is still where the board went.
    ``source``: ``publish``, ``added`` (この回覧にも加える) or ``migrated`` (rebuilt by
    migration 0007 for circulars published before the snapshot existed).
    """

    __tablename__ = "circular_recipient"
    __table_args__ = (CheckConstraint("source IN ('publish', 'added', 'migrated')", name="source"),)

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    han_id: Mapped[int] = mapped_column(Integer)
    route_position: Mapped[int] = mapped_column(Integer)
    delivery: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10), default="publish")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(100))


class CircularVersionRow(Base):
    """The text a published circular had before a correction (訂正)."""

    __tablename__ = "circular_version"
    __table_args__ = (UniqueConstraint("circular_id", "version", name="circular_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class AttachmentRow(Base):
    """A file attached to a circular, stored inside the encrypted profile."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=1)
    # Deferred, and the last column (migration 0011): the bytes (up to 20 MB each) load only
    # when read, and the other columns are read without walking through them — opening or
    # autosaving a draft never touches them.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class TemplateRow(Base):
    """A user template saved from a circular (bundled ones live in resources/templates/)."""

    __tablename__ = "circular_template"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReadRecordRow(Base):
    """A household's confirmation of a circular: one row per pair, first time kept."""

    __tablename__ = "read_record"
    __table_args__ = (
        UniqueConstraint("circular_id", "household_id", name="circular_household"),
        CheckConstraint("channel IN ('paper', 'digital')", name="channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    read_on: Mapped[dt.date] = mapped_column(Date)
    # Paper: the officer who entered the stamp; digital: the confirming device's id.
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReadHistoryRow(Base):
    """Every change to read records (entered, corrected, removed), for the history tooltip."""

    __tablename__ = "read_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(10))
    read_on: Mapped[dt.date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HubConnectionRow(Base):
    """The hub this profile is enrolled with (one row). The token is kept via secrets.py."""

    __tablename__ = "hub_connection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    base_url: Mapped[str] = mapped_column(String(300))
    association_id: Mapped[str] = mapped_column(String(100), default="")
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Cursor of the last confirmation fetched, and the sync state shown in the status bar.
    confirmations_cursor: Mapped[str] = mapped_column(String(50), default="")
    last_synced_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OutboxRow(Base):
    """A change that must reach the hub, written in the same transaction as the change itself."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)


class ReaderTokenRow(Base):
    """A household's reader link token (128-bit). The hub only ever receives its hash."""

    __tablename__ = "reader_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Set when the token was issued for an invitation slip to a paper household: such a token
    # is kept while the household stays on paper (it reads online before it switches).
    invited_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class SafetyRoundRow(Base):
    """A 安否確認 round (or a 訓練). ``open_slot`` is 1 while open and NULL once ended: its
    unique constraint lets the database itself refuse a second open round."""

    __tablename__ = "safety_round"
    __table_args__ = (
        CheckConstraint("kind IN ('earthquake', 'rain', 'other')", name="kind"),
        CheckConstraint("open_slot IS NULL OR open_slot = 1", name="open_slot"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    message: Mapped[str] = mapped_column(Text, default="")
    drill: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    started_by: Mapped[str] = mapped_column(String(100))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ended_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    open_slot: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)


class SafetyRecordRow(Base):
    """One answer of a household in a round. Append-only (UPDATE/DELETE refused by triggers):
    the latest row of a household counts, the earlier ones are its history."""

    __tablename__ = "safety_record"
    __table_args__ = (
        CheckConstraint("status IN ('safe', 'help', 'away')", name="status"),
        CheckConstraint("channel IN ('phone', 'visit', 'paper', 'digital')", name="channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("safety_round.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))


class CircularFormRow(Base):
    """The form of a circular (出欠, アンケート, 総会), kept as the TOML text it reads back from."""

    __tablename__ = "circular_form"

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    general_meeting: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class AnswerRow(Base):
    """One answer of a household to a circular's form. Append-only (UPDATE/DELETE refused by
    triggers): the latest row of a household counts, ``withdrawn`` takes the answer back."""

    __tablename__ = "answer"
    __table_args__ = (CheckConstraint("channel IN ('paper', 'phone', 'officer')", name="channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    # Question number → answer, as JSON (circular_app.domain.forms.answers_to_json).
    answers: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(10))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)


class CareNeedRow(Base):
    """A household's 要配慮 flag (the row exists: flagged) and its note. Sensitive personal data:
    lives only in the encrypted profile file, is never put in the outbox, and is read only
    through :mod:`circular_app.services.care` (who may see it is decided there)."""

    __tablename__ = "care_need"

    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))


class WatchSettingRow(Base):
    """見守り, the 管理者's choice (one row; no row: off, after 3 circulars)."""

    __tablename__ = "watch_setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    after: Mapped[int] = mapped_column(Integer, default=3)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))


class SafetyHubRoundRow(Base):
    """A round's key on the hub (issue 22) and the answers cursor after its last fetch.

    A round started here gets a key when a hub is connected; a round started on a 会長用リンク
    arrives with the hub's key. The fetch cursor of ``GET /api/v1/safety`` is the highest
    ``answers_cursor`` (answers are applied and the cursor stored in one transaction).
    """

    __tablename__ = "safety_hub_round"

    round_id: Mapped[int] = mapped_column(ForeignKey("safety_round.id"), primary_key=True)
    hub_key: Mapped[str] = mapped_column(String(64), unique=True)
    answers_cursor: Mapped[int] = mapped_column(Integer, default=0)


class ChairLinkRow(Base):
    """A 会長用リンク issued from this PC: who holds it and whether it is revoked.

    Neither the link's token nor its PIN is kept: they are shown once when issued (and the
    token printed on the wallet card); the hub holds only their hashes.
    """

    __tablename__ = "chair_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    officer: Mapped[str] = mapped_column(String(100))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class CircularTranslationRow(Base):
    """A translation of a circular's title and body into one reader-page language (issue 23).

    Append-only (UPDATE refused by a trigger; DELETE refused once the circular is published):
    the latest row of a language counts, a row with ``removed`` takes the translation away.
    ``source_digest`` is the SHA-256 of the Japanese title and body it was made from (stale
    when the Japanese differs now).
    """

    __tablename__ = "circular_translation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    source_digest: Mapped[str] = mapped_column(String(64), default="")
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(100))


class ReadingEntryRow(Base):
    """One change of the reading list (furigana, issue 23): a word's reading, or its removal.

    Append-only: a change adds a row, the latest row of a word counts, ``removed`` takes the
    word off the list. Words are mostly place and personal names, read by the officers.
    """

    __tablename__ = "reading_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    word: Mapped[str] = mapped_column(String(30), index=True)
    reading: Mapped[str] = mapped_column(String(60))
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def configure() -> None:
    """Configure the ORM's mappers now, ahead of the first query (ui/shell/preload.py).

    SQLAlchemy otherwise does it on the first query, on the GUI thread after ログイン is
    pressed (about 0.04 s for these models).
    """
    configure_mappers()
