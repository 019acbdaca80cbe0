"""SQLAlchemy 2 typed models of the hub database (SQLite or PostgreSQL, same schema).

The schema is owned by the Alembic migrations in ``db/hub/versions``; a test checks that a
database upgraded to head matches these models exactly.

Privacy by design: the hub never stores a resident's name, reading, phone or e-mail. A
household is an opaque key chosen by the desktop plus the officer's label (``"3班-5"``);
reader tokens, board tokens and association tokens are stored only as SHA-256 hashes.

The city's adoption KPI (docs/kpi.md): associations belong to a ``school_district`` (校下)
row; monthly adoption reports (counts only), offline enrollment keys, declared apps, survey
figures, city staff accounts and the published action plan have their own tables, and
``hub_setting`` holds the KPI rule and target.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from circular_app.support.clock import utcnow
from circular_app.support.naming import NAMING_CONVENTION

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with the naming convention on its MetaData."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class HubSettingRow(Base):
    """A hub-wide value: the CSRF secret, the city's KPI rule and target (see docs/kpi.md)."""

    __tablename__ = "hub_setting"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SchoolDistrictRow(Base):
    """A 校下 (地区): the unit of the city's KPI; its 町会連合会 counts once."""

    __tablename__ = "school_district"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AssociationRow(Base):
    """A 町会 registered by the city; ``public_id`` is the id the desktop sees."""

    __tablename__ = "association"
    __table_args__ = (UniqueConstraint("name"), UniqueConstraint("public_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(100))
    school_district_id: Mapped[int] = mapped_column(
        ForeignKey("school_district.id", ondelete="RESTRICT"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class EnrollmentCodeRow(Base):
    """A one-time enrollment code (stored hashed) that the desktop exchanges for a token."""

    __tablename__ = "enrollment_code"
    __table_args__ = (UniqueConstraint("code_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AssociationTokenRow(Base):
    """An association's bearer token (256-bit, stored as its SHA-256)."""

    __tablename__ = "association_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ProcessedItemRow(Base):
    """An idempotency key already applied for an association (applied at most once)."""

    __tablename__ = "processed_item"
    __table_args__ = (UniqueConstraint("association_id", "key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HanRow(Base):
    """A 班 of an association: its desktop key and name (e.g. 「3班」)."""

    __tablename__ = "han"
    __table_args__ = (UniqueConstraint("association_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(50))


class HouseholdRow(Base):
    """A household as the hub knows it: an opaque key and the officer's label. Never a name."""

    __tablename__ = "household"
    __table_args__ = (UniqueConstraint("association_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    han_id: Mapped[int | None] = mapped_column(
        ForeignKey("han.id", ondelete="SET NULL"), nullable=True, index=True
    )
    label: Mapped[str] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # The reader page's language (a code such as ``vi``, from the roster's 言語); never the text.
    lang: Mapped[str | None] = mapped_column(String(16), nullable=True)


class ReaderTokenRow(Base):
    """A household's reader-link token, as the SHA-256 the desktop sent (never the token)."""

    __tablename__ = "reader_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CircularRow(Base):
    """A published circular: its current version (older texts live in ``circular_version``)."""

    __tablename__ = "circular"
    __table_args__ = (UniqueConstraint("association_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    issue_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    urgency: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    corrected_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    correction_note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # SHA-256 of the board token printed as a QR code on the paper 回覧板 (``/b/{token}``):
    # read-only, shared by every household on the route. Never the token itself.
    board_token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True, index=True)
    # Furigana (issue 23): the association's own readings of words in this circular, as JSON
    # {"word": "よみ"}; only words that occur in its title or body travel (never a list of names).
    readings: Mapped[str | None] = mapped_column(Text, nullable=True)


class CircularVersionRow(Base):
    """The text a circular had before a correction (訂正), kept to show what changed."""

    __tablename__ = "circular_version"
    __table_args__ = (UniqueConstraint("circular_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")


class CircularTranslationRow(Base):
    """A translation of a circular's title and body into a reader-page language (issue 23).

    Replaced as a set by each publish that carries ``translations``. ``stale``: the Japanese
    was rewritten after the translation was made (the page says so).
    """

    __tablename__ = "circular_translation"

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class RecipientRow(Base):
    """A digital household a circular is addressed to."""

    __tablename__ = "recipient"

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AttachmentRow(Base):
    """A file attached to a circular, downloadable from the reader page."""

    __tablename__ = "attachment"
    __table_args__ = (UniqueConstraint("circular_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ConfirmationRow(Base):
    """「読みました」: one row per circular and household, the first time kept.

    ``id`` is the cursor of ``GET /api/v1/confirmations``: it only grows.
    """

    __tablename__ = "confirmation"
    __table_args__ = (
        UniqueConstraint("circular_id", "household_id"),
        Index("ix_confirmation_association_cursor", "association_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    device: Mapped[str] = mapped_column(String(20))


# -- the city's adoption KPI (issue 11) ------------------------------------------------------


class AdoptionReportRow(Base):
    """An association's adoption report for one month: the newest one (by ``generated_at``).

    Counts only (docs/adoption-report.md). ``via`` is ``sync`` (an enrolled desktop) or
    ``file`` (a signed file imported by city staff for an association without internet).
    """

    __tablename__ = "adoption_report"
    __table_args__ = (UniqueConstraint("association_id", "month"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    report_id: Mapped[str] = mapped_column(String(64))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    households_total: Mapped[int] = mapped_column(Integer)
    households_digital: Mapped[int] = mapped_column(Integer)
    digital_circulars_published: Mapped[int] = mapped_column(Integer)
    digital_confirmation_rate: Mapped[float] = mapped_column(Float)
    generated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    via: Mapped[str] = mapped_column(String(10))


class ReportReceiptRow(Base):
    """Every report id ever accepted, so that a replayed report is recognised."""

    __tablename__ = "report_receipt"
    __table_args__ = (UniqueConstraint("report_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(String(64))
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    via: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OfflineEnrollmentRow(Base):
    """An association enrolled without internet: the Ed25519 key of its signed report files."""

    __tablename__ = "offline_enrollment"
    __table_args__ = (UniqueConstraint("public_key"),)

    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="CASCADE"), primary_key=True
    )
    public_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DeclaredAppRow(Base):
    """City staff's record that an association uses another app (結ネット等): 申告, not measured."""

    __tablename__ = "declared_app"

    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="CASCADE"), primary_key=True
    )
    app: Mapped[str] = mapped_column(String(100))
    since_month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    declared_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SurveyFigureRow(Base):
    """A KPI figure from the city's survey (調査), shown beside the counted ones, never mixed."""

    __tablename__ = "survey_figure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CityUserRow(Base):
    """A city staff account (role 市職員): aggregates and the registry, never content."""

    __tablename__ = "city_user"
    __table_args__ = (UniqueConstraint("username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CityTokenRow(Base):
    """A city staff session token (256-bit, stored as its SHA-256), valid for a working day."""

    __tablename__ = "city_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("city_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ActionPlanEditionRow(Base):
    """An action-plan file published by the city (the sidebar's format), kept verbatim."""

    __tablename__ = "action_plan_edition"

    data_version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(String(100))


# -- shared limits (issue 24): what every worker and host must see alike ---------------------


class RateCounterRow(Base):
    """Failures counted under ``key`` in the fixed window starting at ``window_start``.

    ``window_start`` is Unix seconds (a multiple of the window length). Every worker and host
    on the database counts into the same row with one atomic upsert; windows older than the
    previous one are deleted as new ones begin (the limit adds the previous window's count).
    """

    __tablename__ = "rate_counter"
    __table_args__ = (Index("ix_rate_counter_window_start", "window_start"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)


# -- 安否確認 (issue 22) ------------------------------------------------------------------------


class SafetyRoundRow(Base):
    """A 安否確認 round of an association: started on the desktop or on a 会長用リンク.

    ``key`` is the desktop's key (or the hub's, for a round started on a phone). At most one
    round of an association is open (``ended_at`` NULL); the service ends the older one.
    """

    __tablename__ = "safety_round"
    __table_args__ = (UniqueConstraint("association_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(12))
    message: Mapped[str] = mapped_column(Text, default="")
    drill: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class SafetyAnswerRow(Base):
    """A household's answer on the reader page (opaque household, never a name).

    Only added: the latest of a household counts. ``id`` is the cursor of
    ``GET /api/v1/safety``: it only grows.
    """

    __tablename__ = "safety_answer"
    __table_args__ = (Index("ix_safety_answer_association_cursor", "association_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("safety_round.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ChairLinkRow(Base):
    """A 会長用リンク: the SHA-256 of its token and a salted hash of its PIN (never either)."""

    __tablename__ = "chair_link"
    __table_args__ = (UniqueConstraint("association_id", "key"), UniqueConstraint("token_hash"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64))
    pin_salt: Mapped[str] = mapped_column(String(64))
    pin_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


# -- answers to a circular's form (issue 21) -------------------------------------------------


class AnswerFormRow(Base):
    """A circular's form: its deadline and its questions as JSON (the desktop's wire format)."""

    __tablename__ = "answer_form"

    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), primary_key=True)
    deadline: Mapped[dt.date] = mapped_column(Date)
    questions: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AnswerRow(Base):
    """A household's current answer to a circular: the newest of its ``answer_history`` rows."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("circular_id", "household_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"), index=True)
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    answers: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    history_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))


class AnswerHistoryRow(Base):
    """Every answer a household sent, append-only until purged; ``id`` is the answers cursor."""

    __tablename__ = "answer_history"
    __table_args__ = (Index("ix_answer_history_association_cursor", "association_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    circular_id: Mapped[int] = mapped_column(ForeignKey("circular.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    answers: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    device: Mapped[str] = mapped_column(String(20))


class AnswerAckRow(Base):
    """How far an association's desktop has fetched (and so stored) the answers: a cursor position."""

    __tablename__ = "answer_ack"

    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="CASCADE"), primary_key=True
    )
    acked_through: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    acked_at: Mapped[dt.datetime] = mapped_column(DateTime)
