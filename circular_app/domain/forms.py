"""Forms on a circular (出欠, アンケート, 総会) and the households' answers: parsing, checking, counting.

A *form* is a list of questions with a deadline. It is written as a TOML file (see
docs/answers.md) or picked from a bundled template; :func:`parse_form` refuses a bad file
naming the file, the line and the field (「form.toml 7行目 question[2].choices: …」).

Answers are kept per household and only ever added: the **latest** answer of a household
counts, the earlier ones stay as its history, and a *withdrawal* (an answer record marked
withdrawn) takes the household out of every count without erasing anything.

総会 (``general_meeting = true``): the attendance question then also offers 委任状 (to the
chair, or to a named member) and 書面議決; the ``[meeting]`` table sets the association's
quorum and majority rules, and :func:`meeting_result` does the arithmetic. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol

from circular_app.domain.errors import UserError, ValidationError

#: Free text answers are a few words; the paper slip has room for about this much.
MAX_TEXT_LENGTH = 200
#: Question texts and choices stay short enough for a slip and a phone screen.
MAX_QUESTION_LENGTH = 200
MAX_CHOICE_LENGTH = 40
MAX_QUESTIONS = 30
MAX_CHOICES = 20
#: Default range of a number answer (people, items...).
DEFAULT_NUMBER_MIN, DEFAULT_NUMBER_MAX = 0, 99
#: Characters that separate parts of an ``--answer`` string, so never inside a choice.
_RESERVED = frozenset(";；=＝、,:：")


class FormError(UserError):
    """A form file was refused: ``FormError(code, source=…, line=…, path=…, **facts)``."""


class QuestionKind(enum.StrEnum):
    """The kinds of question a form may ask."""

    ATTENDANCE = "attendance"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    TEXT = "text"
    MOTION = "motion"

    @property
    def label_ja(self) -> str:
        """Japanese name, as on the results sheet."""
        return {
            "attendance": "出欠",
            "single": "単一選択",
            "multiple": "複数選択",
            "number": "数",
            "text": "記述",
            "motion": "議案",
        }[self.value]


class Attendance(enum.StrEnum):
    """An answer to an attendance question (委任状 and 書面議決 on 総会 forms only)."""

    PRESENT = "出席"
    ABSENT = "欠席"
    PROXY = "委任状"
    WRITTEN = "書面議決"


class Vote(enum.StrEnum):
    """An answer to a 議案."""

    FOR = "賛成"
    AGAINST = "反対"
    ABSTAIN = "棄権"


#: The 委任状 holder when no member is named.
CHAIR = "議長"


@dataclass(frozen=True)
class Question:
    """One question of a form; ``number`` counts from 1 in form order."""

    number: int
    kind: QuestionKind
    text: str
    choices: tuple[str, ...] = ()
    required: bool = False
    minimum: int = DEFAULT_NUMBER_MIN
    maximum: int = DEFAULT_NUMBER_MAX
    max_length: int = MAX_TEXT_LENGTH
    people: bool = True  # attendance: also ask how many people come

    def options(self, general_meeting: bool) -> tuple[str, ...]:
        """The choices a household picks from (attendance and motion have fixed ones)."""
        if self.kind is QuestionKind.ATTENDANCE:
            fixed = list(Attendance) if general_meeting else [Attendance.PRESENT, Attendance.ABSENT]
            return tuple(a.value for a in fixed)
        if self.kind is QuestionKind.MOTION:
            return tuple(v.value for v in Vote)
        return self.choices


@dataclass(frozen=True)
class Ratio:
    """A share rule: 「過半数」 (more than 1/2) or 「2/3以上」 (at least 2/3)."""

    fraction: Fraction
    strict: bool  # True: more than; False: at least

    @classmethod
    def parse(cls, text: str) -> Ratio:
        """「過半数」, 「半数以上」, 「N/M以上」 or 「N/M超」; ValueError otherwise."""
        value = unicodedata.normalize("NFKC", text).strip()
        if value == "過半数":
            return cls(Fraction(1, 2), True)
        if value == "半数以上":
            return cls(Fraction(1, 2), False)
        match = re.fullmatch(r"(\d+)/(\d+)(以上|超)", value)
        if match is None:
            raise ValueError(text)
        n, m = int(match[1]), int(match[2])
        if m == 0 or not 0 < n <= m:
            raise ValueError(text)
        return cls(Fraction(n, m), match[3] == "超")

    def met(self, count: int, base: int) -> bool:
        """Whether ``count`` out of ``base`` satisfies the rule (never with a base of 0)."""
        if base <= 0:
            return False
        share = Fraction(count, base)
        return share > self.fraction if self.strict else share >= self.fraction

    def needed(self, base: int) -> int:
        """The smallest count that satisfies the rule out of ``base``."""
        exact = self.fraction * base
        whole = exact.numerator // exact.denominator
        if self.strict or exact != whole:
            return whole + 1
        return whole

    @property
    def text(self) -> str:
        """The rule as written in Japanese."""
        if self.fraction == Fraction(1, 2):
            return "過半数" if self.strict else "半数以上"
        return f"{self.fraction.numerator}/{self.fraction.denominator}{'超' if self.strict else '以上'}"


class MajorityBase(enum.StrEnum):
    """What a 議案's majority is counted against."""

    CAST = "cast"  # 賛成 + 反対 (棄権 and blank do not count)
    PRESENT = "present"  # every household present: 出席 + 委任状 + 書面議決 (棄権 counts as not for)

    @property
    def label_ja(self) -> str:
        """Japanese description for the results sheet."""
        return {"cast": "賛成・反対の票数", "present": "出席者（委任状・書面議決を含む）"}[self.value]


@dataclass(frozen=True)
class MeetingRules:
    """The association's 総会 rules (``[meeting]`` in the form file; defaults are common bylaws)."""

    quorum: Ratio = Ratio(Fraction(1, 2), True)
    quorum_includes: frozenset[Attendance] = frozenset(
        {Attendance.PRESENT, Attendance.PROXY, Attendance.WRITTEN}
    )
    majority: Ratio = Ratio(Fraction(1, 2), True)
    majority_base: MajorityBase = MajorityBase.CAST
    # How a 委任状 to the chair votes: 賛成 (the usual 議長一任) or 棄権 (not counted for).
    chair_proxy_vote: Vote = Vote.FOR


@dataclass(frozen=True)
class Form:
    """The questions of a circular and until when they can be answered."""

    questions: tuple[Question, ...]
    deadline: dt.date | None = None  # None: the circular's due date
    general_meeting: bool = False
    rules: MeetingRules = field(default_factory=MeetingRules)
    title: str = ""

    def question(self, number: int) -> Question:
        """Question ``number`` (from 1)."""
        return self.questions[number - 1]

    @property
    def attendance_question(self) -> Question | None:
        """The attendance question, if the form has one (at most one)."""
        return next((q for q in self.questions if q.kind is QuestionKind.ATTENDANCE), None)

    @property
    def motions(self) -> tuple[Question, ...]:
        """The 議案, in order."""
        return tuple(q for q in self.questions if q.kind is QuestionKind.MOTION)


# ----- answers ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttendanceAnswer:
    """出席 (with how many people), 欠席, 委任状 (to ``proxy``, the chair by default) or 書面議決."""

    status: Attendance
    people: int | None = None
    proxy: str = ""

    @property
    def proxy_holder(self) -> str:
        """Whom the 委任状 names (議長 when nobody is named)."""
        return self.proxy or CHAIR

    @property
    def text(self) -> str:
        """「出席（2名）」, 「委任状（議長）」..."""
        if self.status is Attendance.PRESENT and self.people is not None:
            return f"出席（{self.people}名）"
        if self.status is Attendance.PROXY:
            return f"委任状（{self.proxy_holder}）"
        return self.status.value


AnswerValue = AttendanceAnswer | str | tuple[str, ...] | int
Answers = Mapping[int, AnswerValue]


class Channel(enum.StrEnum):
    """How an answer reached the association."""

    PAPER = "paper"
    PHONE = "phone"
    OFFICER = "officer"

    @property
    def label_ja(self) -> str:
        """Japanese name."""
        return {"paper": "紙", "phone": "スマホ", "officer": "役員が入力"}[self.value]


@dataclass(frozen=True)
class AnswerRecord:
    """One stored answer of a household (never changed; ``withdrawn``: the answer was taken back)."""

    id: int
    circular_id: int
    household_id: int
    answers: Answers
    channel: Channel
    answered_at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    withdrawn: bool = False


def answer_text(value: AnswerValue) -> str:
    """An answer as people read it (multiple choices joined with 、)."""
    if isinstance(value, AttendanceAnswer):
        return value.text
    if isinstance(value, tuple):
        return "、".join(value)
    return str(value)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_answer_string(form: Form, text: str) -> dict[int, AnswerValue]:
    """``"1=出席:2;2=土曜;3=a、b;4=3"`` → answers (questions from 1, choices by their text).

    Attendance: 出席 (``出席:2`` with the number of people), 欠席, and on 総会 forms 委任状
    (``委任状:山田太郎`` names the holder; the chair otherwise) and 書面議決. The values are then
    checked by :func:`validate_answers`.
    """
    raw: dict[int, str] = {}
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        key, sep, value = part.replace("＝", "=").partition("=")
        if not sep:
            raise ValidationError("--answer", "answer.bad_part", part=part.strip())
        try:
            number = int(_nfkc(key))
        except ValueError as exc:
            raise ValidationError("--answer", "answer.bad_part", part=part.strip()) from exc
        if not 1 <= number <= len(form.questions):
            raise ValidationError(
                "--answer", "answer.no_such_question", number=number, count=len(form.questions)
            )
        if number in raw:
            raise ValidationError("--answer", "answer.twice", number=number)
        raw[number] = value.strip()
    answers: dict[int, AnswerValue] = {}
    for number, value in raw.items():
        answers[number] = _parse_value(form, form.question(number), value)
    return validate_answers(form, answers)


def _parse_value(form: Form, question: Question, value: str) -> AnswerValue:
    where = f"問{question.number}"
    kind = question.kind
    if kind is QuestionKind.ATTENDANCE:
        status_text, _sep, extra = _nfkc(value).replace("：", ":").partition(":")
        try:
            status = Attendance(status_text.strip())
        except ValueError as exc:
            raise ValidationError(
                where,
                "answer.no_such_choice",
                choice=value,
                known="、".join(question.options(form.general_meeting)),
            ) from exc
        if status is Attendance.PRESENT and extra.strip():
            people = _parse_int(where, extra.strip().removesuffix("名").removesuffix("人"))
            return AttendanceAnswer(status, people)
        if status is Attendance.PROXY:
            return AttendanceAnswer(status, proxy=extra.strip())
        if extra.strip():
            raise ValidationError(where, "answer.bad_part", part=value)
        return AttendanceAnswer(status)
    if kind is QuestionKind.NUMBER:
        return _parse_int(where, value)
    if kind is QuestionKind.MULTIPLE:
        return tuple(_nfkc(v) for v in re.split(r"[、,]", value) if v.strip())
    if kind is QuestionKind.TEXT:
        return value
    return _nfkc(value)


def _parse_int(where: str, text: str) -> int:
    try:
        return int(_nfkc(text))
    except ValueError as exc:
        raise ValidationError(where, "answer.not_a_number", value=text) from exc


def validate_answers(form: Form, answers: Mapping[int, AnswerValue]) -> dict[int, AnswerValue]:
    """The answers checked against the form (choices exist, numbers in range, text length,
    required questions answered); normalised (choices in form order, text trimmed)."""
    checked: dict[int, AnswerValue] = {}
    for number, value in sorted(answers.items()):
        if not 1 <= number <= len(form.questions):
            raise ValidationError("回答", "answer.no_such_question", number=number, count=len(form.questions))
        question = form.question(number)
        checked_value = _check(form, question, value)
        if checked_value is not None:
            checked[number] = checked_value
    for question in form.questions:
        if question.required and question.number not in checked:
            raise ValidationError(f"問{question.number}", "answer.required")
    return checked


def _check(form: Form, question: Question, value: AnswerValue) -> AnswerValue | None:
    where = f"問{question.number}"
    kind = question.kind
    options = question.options(form.general_meeting)
    if kind is QuestionKind.ATTENDANCE:
        if not isinstance(value, AttendanceAnswer):
            raise ValidationError(where, "answer.wrong_kind", kind=kind.label_ja)
        if value.status.value not in options:
            raise ValidationError(
                where, "answer.no_such_choice", choice=value.status.value, known="、".join(options)
            )
        if value.people is not None:
            if value.status is not Attendance.PRESENT or not question.people:
                raise ValidationError(where, "answer.people_not_asked")
            if not 1 <= value.people <= DEFAULT_NUMBER_MAX:
                raise ValidationError(where, "answer.out_of_range", low=1, high=DEFAULT_NUMBER_MAX)
        proxy = " ".join(value.proxy.split())
        if len(proxy) > MAX_CHOICE_LENGTH:
            raise ValidationError(where, "field.too_long", count=MAX_CHOICE_LENGTH)
        if proxy == CHAIR:
            proxy = ""
        return AttendanceAnswer(value.status, value.people, proxy)
    if kind is QuestionKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(where, "answer.wrong_kind", kind=kind.label_ja)
        if not question.minimum <= value <= question.maximum:
            raise ValidationError(where, "answer.out_of_range", low=question.minimum, high=question.maximum)
        return value
    if kind is QuestionKind.TEXT:
        if not isinstance(value, str):
            raise ValidationError(where, "answer.wrong_kind", kind=kind.label_ja)
        text = value.strip()
        if len(text) > question.max_length:
            raise ValidationError(where, "field.too_long", count=question.max_length)
        return text or None
    if kind is QuestionKind.MULTIPLE:
        picked = (value,) if isinstance(value, str) else value
        if not isinstance(picked, tuple):
            raise ValidationError(where, "answer.wrong_kind", kind=kind.label_ja)
        for choice in picked:
            if choice not in options:
                raise ValidationError(where, "answer.no_such_choice", choice=choice, known="、".join(options))
        return tuple(c for c in options if c in picked) or None
    if not isinstance(value, str):
        raise ValidationError(where, "answer.wrong_kind", kind=kind.label_ja)
    if value not in options:
        raise ValidationError(where, "answer.no_such_choice", choice=value, known="、".join(options))
    return value


# ----- answers as JSON (storage and the hub) ---------------------------------------------
def answers_to_json(answers: Answers) -> dict[str, object]:
    """Plain JSON values keyed by question number (as text)."""
    data: dict[str, object] = {}
    for number, value in sorted(answers.items()):
        if isinstance(value, AttendanceAnswer):
            item: dict[str, object] = {"status": value.status.value}
            if value.people is not None:
                item["people"] = value.people
            if value.proxy:
                item["proxy"] = value.proxy
            data[str(number)] = item
        elif isinstance(value, tuple):
            data[str(number)] = list(value)
        else:
            data[str(number)] = value
    return data


def answers_from_json(data: Mapping[str, object]) -> dict[int, AnswerValue]:
    """The inverse of :func:`answers_to_json` (values are checked by :func:`validate_answers`)."""
    answers: dict[int, AnswerValue] = {}
    for key, value in data.items():
        number = int(key)
        if isinstance(value, dict):
            people = value.get("people")
            answers[number] = AttendanceAnswer(
                Attendance(str(value["status"])),
                int(people) if isinstance(people, int) else None,
                str(value.get("proxy", "")),
            )
        elif isinstance(value, list):
            answers[number] = tuple(str(v) for v in value)
        elif isinstance(value, int | str):
            answers[number] = value
        else:
            raise ValueError(f"answer {key}: {type(value).__name__}")
    return answers


# ----- counting ------------------------------------------------------------------------------
def current_answers(records: Iterable[AnswerRecord]) -> dict[int, AnswerRecord]:
    """Household id → the answer that counts: its latest record, unless that one is a withdrawal."""
    latest: dict[int, AnswerRecord] = {}
    for record in records:
        held = latest.get(record.household_id)
        if held is None or (record.recorded_at, record.id) > (held.recorded_at, held.id):
            latest[record.household_id] = record
    return {hid: r for hid, r in latest.items() if not r.withdrawn}


@dataclass(frozen=True)
class QuestionTally:
    """The counts of one question.

    ``counts``: choice → households (attendance, single, multiple, motion), in form order;
    ``people``: people coming (attendance); ``total``/``answered``: number answers summed and
    counted; ``texts``: the free text answers, as typed (shown as text, never as markup).
    """

    question: Question
    answered: int
    counts: tuple[tuple[str, int], ...] = ()
    people: int = 0
    total: int = 0
    texts: tuple[str, ...] = ()

    def count(self, choice: str) -> int:
        """Households that picked ``choice``."""
        return dict(self.counts).get(choice, 0)


def tally(form: Form, answers: Iterable[Answers]) -> tuple[QuestionTally, ...]:
    """Counts per question over the given (current) answers."""
    rows = list(answers)
    result = []
    for question in form.questions:
        values = [a[question.number] for a in rows if question.number in a]
        counter: Counter[str] = Counter()
        people = total = 0
        texts: list[str] = []
        for value in values:
            if isinstance(value, AttendanceAnswer):
                counter[value.status.value] += 1
                if value.status is Attendance.PRESENT:
                    people += value.people if value.people is not None else 1
            elif isinstance(value, tuple):
                counter.update(value)
            elif isinstance(value, int):
                total += value
            elif question.kind is QuestionKind.TEXT:
                texts.append(value)
            else:
                counter[value] += 1
        options = question.options(form.general_meeting)
        result.append(
            QuestionTally(
                question,
                len(values),
                tuple((o, counter[o]) for o in options),
                people,
                total,
                tuple(texts),
            )
        )
    return tuple(result)


# ----- 総会 ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MotionResult:
    """The votes of one 議案 and its outcome (可決 / 否決)."""

    question: Question
    for_: int
    against: int
    abstain: int
    base: int
    needed: int
    passed: bool

    @property
    def outcome(self) -> str:
        """可決 or 否決."""
        return "可決" if self.passed else "否決"


@dataclass(frozen=True)
class MeetingResult:
    """The 総会 arithmetic: members, attendance by kind, quorum and each 議案."""

    rules: MeetingRules
    members: int
    present: int
    proxies: int
    proxies_to_chair: int
    written: int
    absent: int
    no_answer: int
    quorum_count: int
    quorum_needed: int
    quorum_met: bool
    motions: tuple[MotionResult, ...]


def meeting_result(form: Form, members: int, answers: Iterable[Answers]) -> MeetingResult:
    """Count a 総会: ``members`` is the number of households the circular went to.

    Each household counts once (its current answer). 出席, 委任状 and 書面議決 are counted
    apart; the quorum counts the kinds the rules include. Votes on a 議案 come from the
    households present in person or in writing (出席, 書面議決) and from a 委任状 to a named
    member whose vote was entered; a 委任状 to the chair votes as the rules say
    (``chair_proxy_vote``). Answers to 議案 of households 欠席 (without 委任状) are not votes.
    """
    rules = form.rules
    attendance = form.attendance_question
    rows = list(answers)
    kinds: Counter[Attendance] = Counter()
    to_chair = 0
    voters: list[Answers] = []
    chair_votes = 0
    for row in rows:
        value = row.get(attendance.number) if attendance is not None else None
        if not isinstance(value, AttendanceAnswer):
            continue
        kinds[value.status] += 1
        if value.status is Attendance.PROXY and not value.proxy:
            to_chair += 1
            chair_votes += 1
        elif value.status is not Attendance.ABSENT:
            voters.append(row)
    answered = sum(kinds.values())
    quorum_count = sum(kinds[k] for k in rules.quorum_includes)
    present_total = kinds[Attendance.PRESENT] + kinds[Attendance.PROXY] + kinds[Attendance.WRITTEN]
    motions = []
    for question in form.motions:
        votes: Counter[str] = Counter(str(row[question.number]) for row in voters if question.number in row)
        for_ = votes[Vote.FOR.value] + (chair_votes if rules.chair_proxy_vote is Vote.FOR else 0)
        against = votes[Vote.AGAINST.value] + (chair_votes if rules.chair_proxy_vote is Vote.AGAINST else 0)
        abstain = votes[Vote.ABSTAIN.value] + (chair_votes if rules.chair_proxy_vote is Vote.ABSTAIN else 0)
        base = for_ + against if rules.majority_base is MajorityBase.CAST else present_total
        motions.append(
            MotionResult(
                question,
                for_,
                against,
                abstain,
                base,
                rules.majority.needed(base),
                rules.majority.met(for_, base),
            )
        )
    return MeetingResult(
        rules=rules,
        members=members,
        present=kinds[Attendance.PRESENT],
        proxies=kinds[Attendance.PROXY],
        proxies_to_chair=to_chair,
        written=kinds[Attendance.WRITTEN],
        absent=kinds[Attendance.ABSENT],
        no_answer=members - answered,
        quorum_count=quorum_count,
        quorum_needed=rules.quorum.needed(members),
        quorum_met=rules.quorum.met(quorum_count, members),
        motions=tuple(motions),
    )


# ----- the form file -------------------------------------------------------------------------
_FORM_KEYS = frozenset({"deadline", "title", "general_meeting", "question", "meeting"})
_QUESTION_KEYS = frozenset({"kind", "text", "choices", "required", "min", "max", "max_length", "people"})
_MEETING = "meeting."  # a field path prefix (not an error code)
_MEETING_KEYS = frozenset({"quorum", "quorum_includes", "majority", "majority_base", "chair_proxy"})


class _Lines:
    """Finds the line of a key in the form text: the reader is told where to look."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._questions: list[int] = []
        self._meeting = 0
        for index, line in enumerate(self._lines, start=1):
            stripped = line.strip()
            if re.match(r"\[\[\s*question\s*\]\]", stripped):
                self._questions.append(index)
            elif re.match(r"\[\s*meeting\s*\]", stripped):
                self._meeting = index

    def _section(self, start: int) -> tuple[int, int]:
        starts = sorted([*self._questions, self._meeting, len(self._lines) + 1])
        end = next((s for s in starts if s > start), len(self._lines) + 1)
        return start, end

    def find(self, key: str, question: int | None = None, meeting: bool = False) -> int:
        """1-based line of ``key`` (in question ``question``, 1-based, or ``[meeting]``)."""
        if question is not None and question <= len(self._questions):
            start = self._questions[question - 1]
        elif meeting and self._meeting:
            start = self._meeting
        else:
            start = 0
        first = [s for s in [*self._questions, self._meeting] if s > 0]
        lo, hi = self._section(start) if start else (0, min(first, default=len(self._lines) + 1))
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for index in range(max(lo, 1), hi):
            if pattern.match(self._lines[index - 1]):
                return index
        return max(start, 1)


def parse_form(text: str, source: str = "form.toml") -> Form:
    """The form in ``text`` (TOML), or :class:`FormError` naming ``source``, the line and the field."""
    lines = _Lines(text)

    def _problem(code: str, path: str, line: int, **facts: object) -> FormError:
        return FormError(code, source=source, line=line, path=path, **facts)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise _problem("form.not_toml", "", int(match[1]) if match else 1, detail=str(exc)) from exc
    for key in data:
        if key not in _FORM_KEYS:
            raise _problem("form.unknown_key", key, lines.find(key), known="、".join(sorted(_FORM_KEYS)))
    deadline = None
    if "deadline" in data:
        value = data["deadline"]
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise _problem("form.bad_date", "deadline", lines.find("deadline"), value=value) from None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise _problem("form.bad_date", "deadline", lines.find("deadline"), value=value)
        deadline = value
    title = data.get("title", "")
    if not isinstance(title, str) or len(title) > MAX_QUESTION_LENGTH:
        raise _problem("form.bad_text", "title", lines.find("title"), count=MAX_QUESTION_LENGTH)
    general = data.get("general_meeting", False)
    if not isinstance(general, bool):
        raise _problem("form.not_bool", "general_meeting", lines.find("general_meeting"))
    raw_questions = data.get("question", [])
    if not isinstance(raw_questions, list) or not raw_questions:
        raise _problem("form.no_questions", "question", 1)
    if len(raw_questions) > MAX_QUESTIONS:
        raise _problem("form.too_many_questions", "question", 1, count=MAX_QUESTIONS)
    questions = []
    for number, raw in enumerate(raw_questions, start=1):
        questions.append(_parse_question(raw, number, lines, _problem, general))
    attendance = [q for q in questions if q.kind is QuestionKind.ATTENDANCE]
    if len(attendance) > 1:
        n = attendance[1].number
        raise _problem("form.second_attendance", f"question[{n}].kind", lines.find("kind", n))
    if general and not attendance:
        raise _problem("form.meeting_needs_attendance", "general_meeting", lines.find("general_meeting"))
    rules = MeetingRules()
    if "meeting" in data:
        if not general:
            raise _problem("form.meeting_without_flag", "meeting", lines.find("quorum", meeting=True))
        rules = _parse_rules(data["meeting"], lines, _problem)
    return Form(tuple(questions), deadline, general, rules, title.strip())


class _Fail(Protocol):
    """The error factory of :func:`parse_form`."""

    def __call__(self, code: str, path: str, line: int, **facts: object) -> FormError: ...


def _parse_question(raw: object, number: int, lines: _Lines, _problem: _Fail, general: bool) -> Question:
    prefix = f"question[{number}]"
    if not isinstance(raw, dict):
        raise _problem("form.not_table", prefix, lines.find("kind", number))

    def line(key: str) -> int:
        return lines.find(key, number)

    for key in raw:
        if key not in _QUESTION_KEYS:
            raise _problem(
                "form.unknown_key", f"{prefix}.{key}", line(key), known="、".join(sorted(_QUESTION_KEYS))
            )
    kind_text = raw.get("kind")
    try:
        kind = QuestionKind(str(kind_text))
    except ValueError:
        raise _problem(
            "form.bad_kind", f"{prefix}.kind", line("kind"), value=kind_text, known=" | ".join(QuestionKind)
        ) from None
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _problem("form.missing_text", f"{prefix}.text", line("text"))
    if len(text.strip()) > MAX_QUESTION_LENGTH:
        raise _problem("form.bad_text", f"{prefix}.text", line("text"), count=MAX_QUESTION_LENGTH)
    choices: tuple[str, ...] = ()
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        raw_choices = raw.get("choices")
        if not isinstance(raw_choices, list) or not all(isinstance(c, str) for c in raw_choices):
            raise _problem("form.choices_missing", f"{prefix}.choices", line("choices"))
        choices = tuple(_nfkc(c) for c in raw_choices)
        if len(choices) < 2 or len(choices) > MAX_CHOICES:
            raise _problem("form.choices_count", f"{prefix}.choices", line("choices"), count=MAX_CHOICES)
        for choice in choices:
            if not choice or len(choice) > MAX_CHOICE_LENGTH:
                raise _problem(
                    "form.choice_length", f"{prefix}.choices", line("choices"), count=MAX_CHOICE_LENGTH
                )
            if _RESERVED & set(choice):
                raise _problem("form.choice_reserved", f"{prefix}.choices", line("choices"), choice=choice)
        if len(set(choices)) != len(choices):
            raise _problem("form.choices_repeat", f"{prefix}.choices", line("choices"))
    elif "choices" in raw:
        raise _problem("form.choices_not_here", f"{prefix}.choices", line("choices"), kind=kind.value)
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise _problem("form.not_bool", f"{prefix}.required", line("required"))
    people = raw.get("people", True)
    if not isinstance(people, bool):
        raise _problem("form.not_bool", f"{prefix}.people", line("people"))
    bounds = {}
    for key, default in (("min", DEFAULT_NUMBER_MIN), ("max", DEFAULT_NUMBER_MAX)):
        value = raw.get(key, default)
        if key in raw and kind is not QuestionKind.NUMBER:
            raise _problem("form.key_not_here", f"{prefix}.{key}", line(key), kind=kind.value)
        if isinstance(value, bool) or not isinstance(value, int) or not -1_000_000 <= value <= 1_000_000:
            raise _problem("form.not_int", f"{prefix}.{key}", line(key))
        bounds[key] = value
    if bounds["min"] > bounds["max"]:
        raise _problem("form.min_over_max", f"{prefix}.max", line("max"))
    max_length = raw.get("max_length", MAX_TEXT_LENGTH)
    if "max_length" in raw and kind is not QuestionKind.TEXT:
        raise _problem("form.key_not_here", f"{prefix}.max_length", line("max_length"), kind=kind.value)
    if (
        isinstance(max_length, bool)
        or not isinstance(max_length, int)
        or not 1 <= max_length <= MAX_TEXT_LENGTH
    ):
        raise _problem(
            "form.bad_max_length", f"{prefix}.max_length", line("max_length"), count=MAX_TEXT_LENGTH
        )
    if kind is QuestionKind.MOTION and not general:
        raise _problem("form.motion_needs_meeting", f"{prefix}.kind", line("kind"))
    return Question(
        number, kind, text.strip(), choices, required, bounds["min"], bounds["max"], max_length, people
    )


def _parse_rules(raw: object, lines: _Lines, _problem: _Fail) -> MeetingRules:
    if not isinstance(raw, dict):
        raise _problem("form.not_table", "meeting", lines.find("quorum", meeting=True))

    def line(key: str) -> int:
        return lines.find(key, meeting=True)

    for key in raw:
        if key not in _MEETING_KEYS:
            raise _problem(
                "form.unknown_key", f"meeting.{key}", line(key), known="、".join(sorted(_MEETING_KEYS))
            )
    rules = MeetingRules()
    ratios = {}
    for key in ("quorum", "majority"):
        value = raw.get(key)
        if value is None:
            continue
        try:
            ratios[key] = Ratio.parse(str(value))
        except ValueError:
            raise _problem("form.bad_ratio", f"meeting.{key}", line(key), value=value) from None
    includes = rules.quorum_includes
    if "quorum_includes" in raw:
        value = raw["quorum_includes"]
        allowed = (Attendance.PRESENT, Attendance.PROXY, Attendance.WRITTEN)
        if (
            not isinstance(value, list)
            or not value
            or any(v not in [a.value for a in allowed] for v in value)
        ):
            raise _problem(
                "form.bad_includes",
                _MEETING + "quorum_includes",
                line("quorum_includes"),
                known="、".join(a.value for a in allowed),
            )
        includes = frozenset(Attendance(v) for v in value)
    base = rules.majority_base
    if "majority_base" in raw:
        try:
            base = MajorityBase(str(raw["majority_base"]))
        except ValueError:
            raise _problem(
                "form.bad_choice",
                _MEETING + "majority_base",
                line("majority_base"),
                value=raw["majority_base"],
                known=" | ".join(MajorityBase),
            ) from None
    chair = rules.chair_proxy_vote
    if "chair_proxy" in raw:
        try:
            chair = Vote(str(raw["chair_proxy"]))
        except ValueError:
            raise _problem(
                "form.bad_choice",
                _MEETING + "chair_proxy",
                line("chair_proxy"),
                value=raw["chair_proxy"],
                known=" | ".join(Vote),
            ) from None
    return MeetingRules(
        ratios.get("quorum", rules.quorum), includes, ratios.get("majority", rules.majority), base, chair
    )


def form_to_toml(form: Form) -> str:
    """The form as a TOML file that :func:`parse_form` reads back to the same form."""
    out: list[str] = []
    if form.title:
        out.append(f"title = {_quote(form.title)}")
    if form.deadline is not None:
        out.append(f'deadline = "{form.deadline.isoformat()}"')
    if form.general_meeting:
        out.append("general_meeting = true")
    for q in form.questions:
        out += ["", "[[question]]", f'kind = "{q.kind.value}"', f"text = {_quote(q.text)}"]
        if q.choices:
            out.append(f"choices = [{', '.join(_quote(c) for c in q.choices)}]")
        if q.required:
            out.append("required = true")
        if q.kind is QuestionKind.NUMBER:
            out += [f"min = {q.minimum}", f"max = {q.maximum}"]
        if q.kind is QuestionKind.TEXT and q.max_length != MAX_TEXT_LENGTH:
            out.append(f"max_length = {q.max_length}")
        if q.kind is QuestionKind.ATTENDANCE and not q.people:
            out.append("people = false")
    if form.general_meeting:
        r = form.rules
        includes = ", ".join(_quote(a.value) for a in Attendance if a in r.quorum_includes)
        out += [
            "",
            "[meeting]",
            f"quorum = {_quote(r.quorum.text)}",
            f"quorum_includes = [{includes}]",
            f"majority = {_quote(r.majority.text)}",
            f'majority_base = "{r.majority_base.value}"',
            f"chair_proxy = {_quote(r.chair_proxy_vote.value)}",
        ]
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def resolved_deadline(form: Form, due_date: dt.date) -> dt.date:
    """The last day answers are taken: the form's deadline, else the circular's due date."""
    return form.deadline if form.deadline is not None else due_date


def sorted_unanswered(members: Sequence[int], answered: Iterable[int]) -> list[int]:
    """The members (in the given route order) without a current answer."""
    done = set(answered)
    return [m for m in members if m not in done]


# ----- the form and its answers on the hub (domain/wire.py) -------------------------------
def wire_form(form: Form, due_date: dt.date) -> dict[str, object]:
    """The form as the publish item's ``form`` (questions numbered as here, plain JSON).

    Each 議案 here is one question; on the wire it is a ``motion`` question with that one
    motion. A 総会 form's attendance question also offers 委任状 and 書面議決 (``choices``); a
    委任状 given on a phone goes to the chair (naming another member takes a paper slip).
    """
    questions: list[dict[str, object]] = []
    for q in form.questions:
        item: dict[str, object] = {
            "no": q.number,
            "kind": q.kind.value,
            "text": q.text,
            "required": q.required,
        }
        if q.kind is QuestionKind.ATTENDANCE:
            item["max_value"] = DEFAULT_NUMBER_MAX
            if form.general_meeting:
                item["choices"] = list(q.options(True))
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            item["choices"] = list(q.choices)
        elif q.kind is QuestionKind.NUMBER:
            item["min_value"], item["max_value"] = q.minimum, q.maximum
        elif q.kind is QuestionKind.TEXT:
            item["max_length"] = q.max_length
        else:
            item["text"], item["motions"] = "議案への賛否", [q.text]
        questions.append(item)
    return {"deadline": resolved_deadline(form, due_date).isoformat(), "questions": questions}


def answers_from_wire(form: Form, data: Mapping[str, object]) -> dict[int, AnswerValue]:
    """A phone's answer (wire values, see domain/wire.py) as answers here (checked later by
    :func:`validate_answers`); raises ValidationError for a value that does not fit the form."""
    answers: dict[int, AnswerValue] = {}
    for key, value in data.items():
        try:
            number = int(key)
        except ValueError as exc:
            raise ValidationError("回答", "answer.bad_part", part=key) from exc
        if not 1 <= number <= len(form.questions):
            raise ValidationError("回答", "answer.no_such_question", number=number, count=len(form.questions))
        question = form.question(number)
        where = f"問{number}"
        if question.kind is QuestionKind.ATTENDANCE:
            if not isinstance(value, Mapping):
                raise ValidationError(where, "answer.wrong_kind", kind=question.kind.label_ja)
            try:
                status = Attendance(str(value.get("choice", "")))
            except ValueError as exc:
                raise ValidationError(where, "answer.wrong_kind", kind=question.kind.label_ja) from exc
            people = value.get("people")
            counted = status is Attendance.PRESENT and question.people
            answers[number] = AttendanceAnswer(
                status, people if counted and isinstance(people, int) else None
            )
        elif question.kind is QuestionKind.MOTION:
            if not isinstance(value, list) or len(value) != 1:
                raise ValidationError(where, "answer.wrong_kind", kind=question.kind.label_ja)
            answers[number] = str(value[0])
        elif isinstance(value, list):
            answers[number] = tuple(str(v) for v in value)
        elif isinstance(value, int | str) and not isinstance(value, bool):
            answers[number] = value
        else:
            raise ValidationError(where, "answer.wrong_kind", kind=question.kind.label_ja)
    return answers
