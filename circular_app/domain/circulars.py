"""Circulars (回覧): what an officer writes, its states, numbers and corrections."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from circular_app.domain.document import LAYOUT_SPACES
from circular_app.domain.errors import ValidationError
from circular_app.domain.text import require_clean_text, trim

MAX_TITLE_LENGTH = 100
MAX_BODY_LENGTH = 20000
DEFAULT_DUE_DAYS = 14


class Category(enum.StrEnum):
    """The kinds of circular, as on the paper form."""

    NOTICE = "notice"
    EVENT = "event"
    CLEANING = "cleaning"
    MEETING = "meeting"
    SAFETY = "safety"
    RECRUIT = "recruit"
    OTHER = "other"

    @property
    def label_ja(self) -> str:
        """Japanese label (also accepted on the command line)."""
        return _CATEGORY_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Category:
        """Accept the code (``event``) or the Japanese label (``行事``)."""
        cleaned = trim(text)
        for category, label in _CATEGORY_LABELS.items():
            if cleaned in (category.value, label):
                return category
        choices = "、".join(_CATEGORY_LABELS.values())
        raise ValidationError("分類", "circular.unknown_category", value=cleaned, choices=choices)


_CATEGORY_LABELS = {
    Category.NOTICE: "お知らせ",
    Category.EVENT: "行事",
    Category.CLEANING: "清掃・当番",
    Category.MEETING: "総会・役員会",
    Category.SAFETY: "防災・防犯",
    Category.RECRUIT: "募集",
    Category.OTHER: "その他",
}


class Urgency(enum.StrEnum):
    """通常 or 至急 (printed large on paper, shown first to readers)."""

    NORMAL = "normal"
    URGENT = "urgent"

    @property
    def label_ja(self) -> str:
        """Japanese label."""
        return "至急" if self is Urgency.URGENT else "通常"


class Audience(enum.StrEnum):
    """Which households of the targeted 班 receive it."""

    BOTH = "both"
    DIGITAL = "digital"
    PAPER = "paper"

    @property
    def label_ja(self) -> str:
        """Japanese label."""
        return {"both": "デジタルと紙", "digital": "デジタルのみ", "paper": "紙のみ"}[self.value]


class Status(enum.StrEnum):
    """draft → published → closed."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"

    @property
    def label_ja(self) -> str:
        """Japanese label."""
        return {"draft": "下書き", "published": "回覧中", "closed": "終了"}[self.value]


@dataclass(frozen=True)
class CircularDraft:
    """What the editor holds; validated by :func:`validate_circular`."""

    title: str
    body: str = ""
    category: Category = Category.NOTICE
    sender_title: str = "会長"
    sender_name: str = ""
    target_han_ids: tuple[int, ...] = ()  # empty: every 班
    audience: Audience = Audience.BOTH
    issue_date: dt.date | None = None
    due_date: dt.date | None = None
    urgency: Urgency = Urgency.NORMAL
    readability_check: bool = True


@dataclass(frozen=True)
class Attachment:
    """A file attached to a circular (image scaled for print and screen, or PDF pages)."""

    id: int
    filename: str
    media_type: str
    size: int
    pages: int
    position: int


@dataclass(frozen=True)
class CircularVersion:
    """A previous text of a published circular, kept when a correction was made."""

    version: int
    title: str
    body: str
    saved_at: dt.datetime
    note: str


@dataclass(frozen=True)
class Placement:
    """Where a household stood on a circular's route when it was sent: its 班 and 順番 then."""

    han_id: int
    route_position: int


@dataclass(frozen=True)
class Circular:
    """A circular as stored.

    ``recipients`` is the audience fixed at publication (the snapshot): the ids of the
    households it was sent to. None for a draft, whose audience is the live rule over the
    roster (:func:`circular_app.domain.reads.is_targeted`). ``placements`` gives each
    recipient's 班 and route position at that time; it is loaded for one circular's screens
    and left None in lists, where membership is all that is needed.
    """

    id: int
    number: int | None
    fiscal_year: int | None
    status: Status
    title: str
    body: str
    category: Category
    sender_title: str
    sender_name: str
    target_han_ids: tuple[int, ...]
    audience: Audience
    issue_date: dt.date
    due_date: dt.date
    urgency: Urgency
    readability_check: bool
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None = None
    corrected_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    recipients: frozenset[int] | None = None
    placements: Mapping[int, Placement] | None = field(default=None, compare=False)

    @property
    def corrected(self) -> bool:
        """True when a correction (訂正) was published after the first publication."""
        return self.version > 1

    @property
    def targets_all(self) -> bool:
        """True when every 班 receives it."""
        return not self.target_han_ids

    def is_overdue(self, today: dt.date) -> bool:
        """Published and past its 回覧期限."""
        return self.status is Status.PUBLISHED and today > self.due_date

    def as_draft(self) -> CircularDraft:
        """The editable fields."""
        return CircularDraft(
            title=self.title,
            body=self.body,
            category=self.category,
            sender_title=self.sender_title,
            sender_name=self.sender_name,
            target_han_ids=self.target_han_ids,
            audience=self.audience,
            issue_date=self.issue_date,
            due_date=self.due_date,
            urgency=self.urgency,
            readability_check=self.readability_check,
        )

    @property
    def label(self) -> str:
        """「回覧No.12」 or 「下書き」."""
        return f"回覧No.{self.number}" if self.number is not None else "下書き"


def validate_circular(draft: CircularDraft, today: dt.date, publishing: bool = False) -> CircularDraft:
    """Clean a draft; raise ValidationError naming the field. Drafts may be incomplete.

    Control characters, bidi overrides and non-characters are refused; the body keeps line
    breaks and tabs.
    """
    title = require_clean_text("件名", trim(draft.title))
    require_clean_text("本文", draft.body, multiline=True)
    require_clean_text("差出人", trim(draft.sender_title))
    require_clean_text("差出人", trim(draft.sender_name))
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError("件名", "field.too_long", count=MAX_TITLE_LENGTH)
    if len(draft.body) > MAX_BODY_LENGTH:
        raise ValidationError("本文", "field.too_long", count=MAX_BODY_LENGTH)
    issue = draft.issue_date or today
    due = draft.due_date or issue + dt.timedelta(days=DEFAULT_DUE_DAYS)
    if due < issue:
        raise ValidationError("回覧期限", "circular.due_before_issue")
    if publishing:
        if not title:
            raise ValidationError("件名", "circular.title_required")
        if not trim(draft.body):
            raise ValidationError("本文", "circular.body_required")
    return CircularDraft(
        title=title,
        body=draft.body.rstrip(LAYOUT_SPACES + "\r\n"),  # U+00A0 etc. are text (issue #25)
        category=draft.category,
        sender_title=trim(draft.sender_title),
        sender_name=trim(draft.sender_name),
        target_han_ids=tuple(sorted(set(draft.target_han_ids))),
        audience=draft.audience,
        issue_date=issue,
        due_date=due,
        urgency=draft.urgency,
        readability_check=draft.readability_check,
    )


def next_number(used: list[int]) -> int:
    """回覧No. for the next circular of a fiscal year: one more than the highest used."""
    return max(used, default=0) + 1


def sender_parts(title: str, name: str) -> tuple[str, ...]:
    """The words of the sender line, 「会長」「見本 太郎」, without saying a word twice.

    A new profile's administrator may be named after the role (「会長」, 「会長 太郎」), and the
    default title is 「会長」 too: the title is left out when the name already says it (the
    whole name, one of its words, or how it begins or ends), so a copy never reads
    「発信　会長　会長」. Empty parts are left out.
    """
    title, name = title.strip(), name.strip()
    if not name:
        return (title,) if title else ()
    if title and (title in name.split() or name.startswith(title) or name.endswith(title)):
        return (name,)
    return (title, name) if title else (name,)
