"""The sync wire types of ``/api/v1``: one definition for the desktop client and the hub.

The hub's pydantic schemas (:mod:`circular_app.hub.schemas`) validate the JSON; these frozen
dataclasses are what both sides hand around once it is parsed. The confirmation cursor is a
string on the wire (decimal digits, ``""`` for "from the start"): the client stores it as it
came and never does arithmetic on it; only the hub turns it into a row position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

ItemStatus = Literal["applied", "duplicate", "rejected"]

START_CURSOR = ""


@dataclass(frozen=True)
class SyncResult:
    """What the hub did with one sync item."""

    key: str
    status: ItemStatus
    reason: str | None = None


@dataclass(frozen=True)
class Confirmation:
    """A resident's 「読みました」; ``confirmed_at`` is UTC.

    The hub reads it naive from its database; the desktop client parses it timezone-aware. For
    the day a resident read it, convert first: ``confirmed_at.astimezone(JST).date()`` (a tap at
    08:00 in Japan is 23:00 UTC of the day before).
    """

    circular_key: str
    household_key: str
    confirmed_at: dt.datetime
    device: str


@dataclass(frozen=True)
class ConfirmationPage:
    """Confirmations after a cursor; store ``cursor`` and pass it as the next ``since``."""

    items: tuple[Confirmation, ...]
    cursor: str
    has_more: bool


def cursor_text(position: int) -> str:
    """The wire cursor for the hub's row position ``position`` (0: from the start)."""
    return str(position)


def cursor_position(cursor: str | None) -> int:
    """The hub's row position of a wire cursor (``None``, ``""`` or ``"0"``: from the start)."""
    return int(cursor or 0)


# -- answers (issue 21): a circular's form and the households' answers --------------------------
#
# A published circular may carry a form (``PublishPayload.form``, optional: older desktops send
# none). Questions are numbered from 1 (``no``); an answer is ``{question_no: value}`` with the
# number as a JSON object key (a string, "1") and plain JSON values, by kind:
#
# - ``attendance``: ``{"choice": "出席" | "欠席", "people": int}`` (people 0 unless 出席); a 総会
#   form's question lists its ``choices``: ATTENDANCE_CHOICES plus 委任状 and 書面議決 (``MEETING_CHOICES``)
# - ``single``: the chosen text, e.g. ``"土曜"``
# - ``multiple``: a list of chosen texts in the order of ``choices`` (may be empty when optional)
# - ``number``: an int between ``min_value`` and ``max_value``
# - ``text``: a string of at most ``max_length`` characters (shown as text, never markup)
# - ``motion``: a list with one of 賛成 / 反対 / 棄権 per motion, in the order of ``motions``
#
# An optional question left blank is absent from the answer. No names ever travel: a household
# is its opaque key only.

QuestionKind = Literal["attendance", "single", "multiple", "number", "text", "motion"]
QUESTION_KINDS: tuple[QuestionKind, ...] = ("attendance", "single", "multiple", "number", "text", "motion")
ATTENDANCE_CHOICES = ("出席", "欠席")
MEETING_CHOICES = ("出席", "欠席", "委任状", "書面議決")  # a 総会's attendance question (proxy: the chair)
MOTION_CHOICES = ("賛成", "反対", "棄権")
MAX_QUESTIONS = 50
MAX_CHOICES = 20
MAX_TEXT_ANSWER = 1000  # the hard limit of a text answer; a question may set a lower one
DEFAULT_TEXT_ANSWER = 200
MAX_PEOPLE = 99  # attendance: the largest number of people one household can bring

AnswerValue = str | int | list[str] | dict[str, str | int]


@dataclass(frozen=True)
class FormQuestion:
    """One question of a circular's form (see the comment above for the answer values)."""

    no: int
    kind: QuestionKind
    text: str
    choices: tuple[str, ...] = ()  # single, multiple; attendance: empty (出席/欠席) or MEETING_CHOICES
    motions: tuple[str, ...] = ()  # motion: the 議案 voted on, one vote each
    min_value: int | None = None  # number (attendance: at least 1 person when 出席)
    max_value: int | None = None  # number; attendance: most people (default MAX_PEOPLE)
    max_length: int | None = None  # text (default DEFAULT_TEXT_ANSWER, never over MAX_TEXT_ANSWER)
    required: bool = True


def attendance_choices(question: FormQuestion) -> tuple[str, ...]:
    """The choices of an attendance question: 出席/欠席, or those of a 総会 form."""
    return question.choices or ATTENDANCE_CHOICES


@dataclass(frozen=True)
class Form:
    """A circular's questions and its deadline: answers are taken until the end of that day in Japan."""

    deadline: dt.date
    questions: tuple[FormQuestion, ...]


@dataclass(frozen=True)
class Answer:
    """A household's answer as sync returns it: each change once, oldest first; the latest counts.

    ``answered_at`` is UTC (naive on the hub, aware on the desktop, as for confirmations).
    ``withdrawn``: the household took its answer back (``answers`` is then empty).
    """

    circular_key: str
    household_key: str
    answers: dict[str, AnswerValue]
    answered_at: dt.datetime
    withdrawn: bool = False


@dataclass(frozen=True)
class AnswerPage:
    """Answers after a cursor; passing ``cursor`` as the next ``since`` acknowledges these."""

    items: tuple[Answer, ...]
    cursor: str
    has_more: bool


# -- translations (issue 23): a circular's title and body in the reader page's languages ---------
#
# ``PublishPayload.translations`` (optional: older desktops send none, and a circular never
# translated is sent without it) lists ``{"lang", "title", "body", "stale"}`` per language of
# ``domain.translations.TRANSLATION_LANGUAGES``; a list replaces the hub's set (empty: none left).
# Nothing personal travels: a translation is the association's own text.


@dataclass(frozen=True)
class TranslatedText:
    """A circular's title and body in ``lang``; ``stale``: the Japanese was rewritten since."""

    lang: str
    title: str
    body: str
    stale: bool = False


JAPAN = dt.timezone(dt.timedelta(hours=9), "JST")


def deadline_end(deadline: dt.date) -> dt.datetime:
    """The first moment after the deadline day in Japan, as naive UTC (15:00 UTC that day)."""
    start_of_next = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(0), JAPAN)
    return start_of_next.astimezone(dt.UTC).replace(tzinfo=None)
