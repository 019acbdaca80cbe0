"""The JSON contract of ``/api/v1`` (documented in docs/hub-api.md), as pydantic models.

Every request model forbids unknown fields: a roster that carries a ``name``, ``reading``,
``phone`` or ``email`` is refused with 422 before anything is stored. There are no such
fields anywhere in this schema, so the hub cannot receive a resident's personal data.
Text is checked to be storable in both backends (no NUL, valid Unicode), numbers and dates
are bounded, so a malformed request is a 4xx and never a server error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Base64Bytes,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    model_validator,
)

from circular_app.domain.circulars import MAX_BODY_LENGTH, MAX_TITLE_LENGTH, Category, Urgency
from circular_app.domain.errors import ValidationError
from circular_app.domain.furigana import MAX_ENTRIES_PER_CIRCULAR, check_entry
from circular_app.domain.safety import MAX_MESSAGE_LENGTH
from circular_app.domain.translations import TRANSLATION_LANGUAGES
from circular_app.domain.wire import (
    MAX_CHOICES,
    MAX_PEOPLE,
    MAX_QUESTIONS,
    MAX_TEXT_ANSWER,
    MEETING_CHOICES,
    ItemStatus,
    QuestionKind,
)

MAX_SYNC_ITEMS = 1000
MAX_HOUSEHOLDS = 50_000
MAX_ATTACHMENTS = 20
MAX_REPORT_COUNT = 10_000_000
_EARLIEST, _LATEST = dt.date(1990, 1, 1), dt.date(2200, 12, 31)


def _storable(value: str) -> str:
    # PostgreSQL refuses NUL in text and any backend refuses lone surrogates: say so as a 422.
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text must be valid Unicode") from exc
    return value


def _plain_name(value: str) -> str:
    # A file name ends up in a Content-Disposition header: no control characters.
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("file name must not contain control characters")
    return value


def _sane_date(value: dt.date) -> dt.date:
    if not _EARLIEST <= value <= _LATEST:
        raise ValueError(f"date must be between {_EARLIEST} and {_LATEST}")
    return value


def _utc_naive(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        try:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        except OverflowError as exc:
            raise ValueError("date-time out of range") from exc
    _sane_date(value.date())
    return value


Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Day = Annotated[dt.date, AfterValidator(_sane_date)]
Moment = Annotated[dt.datetime, AfterValidator(_utc_naive)]
LangCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$", max_length=16)
]
Label = Annotated[str, StringConstraints(min_length=1, max_length=50), AfterValidator(_storable)]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TITLE_LENGTH), AfterValidator(_storable)
]
Body = Annotated[str, StringConstraints(max_length=MAX_BODY_LENGTH), AfterValidator(_storable)]
Note = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_storable)]
Filename = Annotated[
    str,
    StringConstraints(min_length=1, max_length=255),
    AfterValidator(_storable),
    AfterValidator(_plain_name),
]
ReportName = Annotated[str, StringConstraints(max_length=200), AfterValidator(_storable)]
StorableText = Annotated[str, AfterValidator(_storable)]  # any length: add Field limits where used
MediaType = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.+-]{0,40}/[a-z0-9][a-z0-9.+-]{0,50}$")
]


class Strict(BaseModel):
    """Unknown fields are an error (the hub must never quietly accept personal data)."""

    model_config = ConfigDict(extra="forbid")


class RosterHan(Strict):
    """A 班: the desktop's key and its name (「3班」)."""

    key: Key
    name: Label


class RosterHousehold(Strict):
    """A household: opaque key, 班, the officer's label (「3班-5」) and whether it is on the route."""

    key: Key
    han_key: Key | None = None
    label: Label
    active: bool = True
    # The reader page's language (issue 23): a code of the page's languages, never the roster's text.
    lang: LangCode | None = None


class RosterPayload(Strict):
    """Added or changed 班 and households (upserted by key; nothing is deleted)."""

    hans: list[RosterHan] = Field(default_factory=list, max_length=5000)
    households: list[RosterHousehold] = Field(default_factory=list, max_length=MAX_HOUSEHOLDS)


class ReaderTokenPayload(Strict):
    """A household's reader link: the SHA-256 (hex) of the token in the printed URL."""

    household_key: Key
    token_hash: Sha256Hex
    revoked: bool = False


class PreviousVersion(Strict):
    """A text the circular had before a correction."""

    version: int = Field(ge=1, le=10_000)
    title: Title
    body: Body
    note: Note = ""


class AttachmentIn(Strict):
    """A file attached to a circular."""

    key: Key
    filename: Filename
    media_type: MediaType
    data_base64: Base64Bytes


ChoiceText = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(_storable)]
QuestionText = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(_storable)]


class FormQuestionIn(Strict):
    """A question of a circular's form (issue 21; the answer values are described in domain/wire.py)."""

    no: int = Field(ge=1, le=MAX_QUESTIONS)
    kind: QuestionKind
    text: QuestionText
    choices: list[ChoiceText] = Field(default_factory=list, max_length=MAX_CHOICES)
    motions: list[QuestionText] = Field(default_factory=list, max_length=MAX_CHOICES)
    min_value: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)
    max_value: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT_ANSWER)
    required: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> FormQuestionIn:
        if self.kind in ("single", "multiple") and len(self.choices) < 2:
            raise ValueError(f"question {self.no}: {self.kind} needs at least 2 choices")
        if self.kind == "attendance" and self.choices and tuple(self.choices) != MEETING_CHOICES:
            raise ValueError(
                f"question {self.no}: attendance choices are {'/'.join(MEETING_CHOICES)} or none"
            )
        if self.kind not in ("single", "multiple", "attendance") and self.choices:
            raise ValueError(f"question {self.no}: choices are only for single, multiple and attendance")
        if len(set(self.choices)) != len(self.choices):
            raise ValueError(f"question {self.no}: choices repeat")
        if (self.kind == "motion") != bool(self.motions):
            raise ValueError(f"question {self.no}: motions are needed for motion and only there")
        if self.kind not in ("number", "attendance") and (self.min_value, self.max_value) != (None, None):
            raise ValueError(f"question {self.no}: min_value/max_value are only for number and attendance")
        if self.kind == "attendance" and self.max_value is not None and not 1 <= self.max_value <= MAX_PEOPLE:
            raise ValueError(f"question {self.no}: attendance max_value must be 1 to {MAX_PEOPLE}")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValueError(f"question {self.no}: min_value is over max_value")
        if self.kind != "text" and self.max_length is not None:
            raise ValueError(f"question {self.no}: max_length is only for text")
        return self


class FormPayload(Strict):
    """A circular's form: questions numbered 1, 2, … and the deadline (default: the due date)."""

    deadline: Day | None = None
    questions: list[FormQuestionIn] = Field(min_length=1, max_length=MAX_QUESTIONS)

    @model_validator(mode="after")
    def _numbered(self) -> FormPayload:
        if [q.no for q in self.questions] != list(range(1, len(self.questions) + 1)):
            raise ValueError("questions must be numbered 1, 2, 3, … in order")
        return self


class TranslationIn(Strict):
    """A circular's title and body in one reader-page language (issue 23; never a name)."""

    lang: LangCode
    title: Title
    body: Body
    # The Japanese was rewritten after this translation was made: the page says so.
    stale: bool = False

    @model_validator(mode="after")
    def _offered(self) -> TranslationIn:
        if self.lang not in TRANSLATION_LANGUAGES:
            raise ValueError(f"lang {self.lang} is not a language circulars are translated into")
        return self


class PublishPayload(Strict):
    """A published circular, or a correction of it when ``version`` is higher than the hub's."""

    circular_key: Key
    number: int = Field(ge=1, le=1_000_000)
    fiscal_year: int = Field(ge=1990, le=2200)
    title: Title
    body: Body
    category: Category
    issue_date: Day
    due_date: Day
    urgency: Urgency = Urgency.NORMAL
    version: int = Field(ge=1, le=10_000)
    corrected_at: Moment | None = None
    correction_note: Note | None = None
    previous: list[PreviousVersion] = Field(default_factory=list, max_length=100)
    household_keys: list[Key] = Field(default_factory=list, max_length=MAX_HOUSEHOLDS)
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    # The SHA-256 (hex) of the circular's board token (the QR code on the paper 回覧板, /b/{token}).
    # ``None`` keeps what the hub has: desktops from before board links do not send it.
    board_token_hash: Sha256Hex | None = None
    # The questions residents answer on the reader page (issue 21). ``None`` keeps what the
    # hub has (desktops from before forms do not send it); a form cannot be taken off again.
    form: FormPayload | None = None
    # The circular's translations (issue 23), one per language. ``None`` keeps what the hub has
    # (desktops from before translations do not send it); a list replaces them all.
    translations: list[TranslationIn] | None = Field(default=None, max_length=len(TRANSLATION_LANGUAGES))

    @model_validator(mode="after")
    def _one_per_language(self) -> PublishPayload:
        langs = [t.lang for t in self.translations or []]
        if len(set(langs)) != len(langs):
            raise ValueError("translations: a language repeats")
        return self

    # Furigana (issue 23): the association's readings of words in this circular's text,
    # {"word": "よみ"} in hiragana. ``None`` keeps what the hub has (older desktops send none).
    readings: dict[str, str] | None = Field(default=None, max_length=MAX_ENTRIES_PER_CIRCULAR)

    @model_validator(mode="after")
    def _readings(self) -> PublishPayload:
        for word, reading in (self.readings or {}).items():
            try:
                checked = check_entry(word, reading)
            except ValidationError as exc:
                raise ValueError(f"readings: {exc.code}") from exc
            if checked != (word, reading):
                raise ValueError("readings: send the word trimmed and the reading in hiragana")
        return self


class ClosePayload(Strict):
    """The circular's 回覧 is over: readers still see it, without the button."""

    circular_key: Key


class AdoptionReportPayload(Strict):
    """The adoption report (docs/adoption-report.md): counts only, unknown fields refused.

    The names are informational: the hub files the report under the authenticated association.
    """

    format: Literal["kairan-desk/adoption-report"]
    version: StrictInt = Field(ge=1, le=1)
    report_id: Key
    association: ReportName
    school_district: ReportName
    fiscal_year: StrictInt = Field(ge=1990, le=2200)
    month: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    households_total: StrictInt = Field(ge=0, le=MAX_REPORT_COUNT)
    households_digital: StrictInt = Field(ge=0, le=MAX_REPORT_COUNT)
    digital_circulars_published: StrictInt = Field(ge=0, le=MAX_REPORT_COUNT)
    digital_confirmation_rate: float = Field(ge=0, le=1)
    generated_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]


class _Item(Strict):
    key: Key


class RosterItem(_Item):
    """``kind: roster``."""

    kind: Literal["roster"]
    payload: RosterPayload


class ReaderTokenItem(_Item):
    """``kind: reader_token``."""

    kind: Literal["reader_token"]
    payload: ReaderTokenPayload


class PublishItem(_Item):
    """``kind: publish``."""

    kind: Literal["publish"]
    payload: PublishPayload


class CloseItem(_Item):
    """``kind: close``."""

    kind: Literal["close"]
    payload: ClosePayload


class AdoptionReportItem(_Item):
    """``kind: adoption_report``: one month's counts; a replayed ``report_id`` is ``duplicate``."""

    kind: Literal["adoption_report"]
    payload: AdoptionReportPayload


class SafetyRoundPayload(Strict):
    """A 安否確認 round started (or ended) on the desktop (issue 22)."""

    round_key: Key
    kind: Literal["earthquake", "rain", "other"]
    message: Annotated[str, StringConstraints(max_length=MAX_MESSAGE_LENGTH), AfterValidator(_storable)] = ""
    drill: bool = False
    started_at: Moment
    ended_at: Moment | None = None


class SafetyRoundItem(_Item):
    """``kind: safety_round``: upserted by ``round_key``; an ended round stays ended."""

    kind: Literal["safety_round"]
    payload: SafetyRoundPayload


class ChairLinkPayload(Strict):
    """A 会長用リンク: the SHA-256 of its token and a salted PBKDF2 of its PIN (never either)."""

    link_key: Key
    token_hash: Sha256Hex | None = None
    pin_salt: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = None
    pin_hash: Sha256Hex | None = None
    revoked: bool = False


class ChairLinkItem(_Item):
    """``kind: chair_link``: issue (hashes) or revoke (``revoked: true``) a 会長用リンク."""

    kind: Literal["chair_link"]
    payload: ChairLinkPayload


SyncItem = Annotated[
    RosterItem
    | ReaderTokenItem
    | PublishItem
    | CloseItem
    | AdoptionReportItem
    | SafetyRoundItem
    | ChairLinkItem,
    Field(discriminator="kind"),
]


class SyncRequest(Strict):
    """``POST /api/v1/sync``: items applied in order, each key at most once."""

    items: list[SyncItem] = Field(max_length=MAX_SYNC_ITEMS)


class SyncResult(BaseModel):
    """What happened to one item (validates :class:`circular_app.domain.wire.SyncResult`)."""

    key: str
    status: ItemStatus
    reason: str | None = None


class SyncResponse(BaseModel):
    """Results in the order of the items."""

    results: list[SyncResult]


class EnrollRequest(Strict):
    """``POST /api/v1/enroll``."""

    code: str = Field(min_length=1, max_length=64)


class EnrollResponse(BaseModel):
    """The association's token: shown once, keep it in the keyring."""

    association_id: str
    token: str
    name: str
    school_district: str


class ConfirmationOut(BaseModel):
    """One 「読みました」."""

    circular_key: str
    household_key: str
    confirmed_at: str
    device: str


class ConfirmationsResponse(BaseModel):
    """A page of confirmations after ``since``; pass ``cursor`` as the next ``since``.

    Mirrors :class:`circular_app.domain.wire.ConfirmationPage` (the cursor is a string).
    """

    items: list[ConfirmationOut]
    cursor: str
    has_more: bool


AnswerValueOut = StrictStr | StrictInt | list[StrictStr] | dict[str, StrictStr | StrictInt]


class AnswerOut(BaseModel):
    """One change of a household's answer (the latest counts); never a name."""

    circular_key: str
    household_key: str
    answers: dict[str, AnswerValueOut]
    answered_at: str
    withdrawn: StrictBool


class AnswersResponse(BaseModel):
    """A page of answers after ``since``; the next ``since`` acknowledges these (see docs/hub-api.md).

    Mirrors :class:`circular_app.domain.wire.AnswerPage`.
    """

    items: list[AnswerOut]
    cursor: str
    has_more: bool


class Health(BaseModel):
    """``GET /api/v1/health``."""

    status: Literal["ok"]
    version: str


class ErrorOut(BaseModel):
    """Every API error: a machine-readable ``detail``."""

    detail: str


# -- 安否確認 (issue 22) ------------------------------------------------------------------------


class SafetyRoundOut(BaseModel):
    """A round as ``GET /api/v1/safety`` lists it (``origin: chair``: started on a phone)."""

    round_key: str
    kind: str
    message: str
    drill: bool
    started_at: str
    ended_at: str | None
    origin: str


class SafetyAnswerOut(BaseModel):
    """A resident's answer on the reader page (opaque household key, never a name)."""

    round_key: str
    household_key: str
    status: str
    note: str
    answered_at: str


class SafetyResponse(BaseModel):
    """Recent rounds, and the answers after the cursor (store ``cursor``, pass it as ``since``)."""

    rounds: list[SafetyRoundOut]
    answers: list[SafetyAnswerOut]
    cursor: str
    has_more: bool = False
