"""The reader page's answer form as posted fields: checking them, and an answer back as fields.

Pure functions (no database): :func:`check` turns the posted fields of a circular's form into
the wire answer (``{question_no: value}``, see :mod:`circular_app.domain.wire`) or into
Japanese messages per question; :func:`as_fields` turns a stored answer back into fields, so
the page shows the household's current answer and a refused post keeps what was typed.

Field names: ``q{no}`` (the choice, choices, number or text), ``q{no}p`` (attendance: number
of people), ``q{no}m{i}`` (motion: the vote on motion ``i``, from 1).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from circular_app.domain.wire import (
    DEFAULT_TEXT_ANSWER,
    MAX_PEOPLE,
    MAX_TEXT_ANSWER,
    MOTION_CHOICES,
    AnswerValue,
    Form,
    FormQuestion,
    attendance_choices,
)

Fields = Mapping[str, list[str]]


def text_limit(question: FormQuestion) -> int:
    """The most characters a text answer may have."""
    return min(question.max_length or DEFAULT_TEXT_ANSWER, MAX_TEXT_ANSWER)


def people_limit(question: FormQuestion) -> int:
    """The most people an attendance answer may bring."""
    return question.max_value or MAX_PEOPLE


def _one(fields: Fields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[0].strip()


def _number(raw: str) -> int | None:
    """Digits, full-width too (「３」), with an optional minus sign; ``None`` if not a whole number."""
    folded = unicodedata.normalize("NFKC", raw).replace(",", "").replace("ー", "-").replace("−", "-")
    body = folded[1:] if folded.startswith("-") else folded
    if not body or not body.isascii() or not body.isdigit() or len(body) > 9:
        return None
    return int(folded)


class Problem(str):
    """A message for the reader page: the Japanese text, with its template and fields kept.

    It is a ``str`` (the Japanese message) wherever it goes; the page translates ``template``
    (a msgid of the reader catalogs) and fills in ``fields``.
    """

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, **fields: object) -> Problem:
        """``template`` filled with ``fields``."""
        made = super().__new__(cls, template.format(**fields))
        made.template = template
        made.fields = fields
        return made


def _check_one(question: FormQuestion, fields: Fields) -> tuple[AnswerValue | None, str | None]:
    """(value, None), (None, None) for a blank optional question, or (None, message)."""
    name = f"q{question.no}"
    kind = question.kind
    if kind == "attendance":
        choice = _one(fields, name)
        choices = attendance_choices(question)
        pick = (
            Problem("出席か欠席かを選んでください。")
            if len(choices) == 2
            else Problem("{choices}から選んでください。", choices="・".join(choices))
        )
        if not choice:
            return None, pick if question.required else None
        if choice not in choices:
            return None, pick
        if choice != "出席":
            return {"choice": choice, "people": 0}, None
        raw = _one(fields, f"{name}p")
        people = _number(raw) if raw else 1
        most = people_limit(question)
        if people is None or not 1 <= people <= most:
            return None, Problem("出席する人数を、1から{most}までの数字で入れてください。", most=most)
        return {"choice": choice, "people": people}, None
    if kind == "single":
        choice = _one(fields, name)
        if not choice:
            return None, Problem("選択肢から一つ選んでください。") if question.required else None
        if choice not in question.choices:
            return None, Problem("選択肢から一つ選んでください。")
        return choice, None
    if kind == "multiple":
        chosen = set(fields.get(name) or [])
        if not chosen <= set(question.choices):
            return None, Problem("選択肢から選んでください。")
        if not chosen:
            return None, Problem("一つ以上選んでください。") if question.required else None
        return [c for c in question.choices if c in chosen], None
    if kind == "number":
        raw = _one(fields, name)
        if not raw:
            return None, Problem("数字を入れてください。") if question.required else None
        value = _number(raw)
        low, high = question.min_value, question.max_value
        if value is None:
            return None, Problem("数字（0から9）だけで入れてください。")
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                return None, Problem("{low}から{high}までの数字を入れてください。", low=low, high=high)
            if low is not None:
                return None, Problem("{low}以上の数字を入れてください。", low=low)
            return None, Problem("{high}以下の数字を入れてください。", high=high)
        return value, None
    if kind == "text":
        raw = (fields.get(name) or [""])[0].replace("\r\n", "\n").strip()
        if not raw:
            return None, Problem("ご記入ください。") if question.required else None
        limit = text_limit(question)
        if len(raw) > limit:
            return None, Problem(
                "{limit}文字以内で書いてください（いまは{count}文字です）。", limit=limit, count=len(raw)
            )
        if "\x00" in raw:
            return None, Problem("使えない文字が入っています。")
        return raw, None
    # motion: one vote per 議案
    votes = [_one(fields, f"{name}m{i}") for i in range(1, len(question.motions) + 1)]
    if any(v and v not in MOTION_CHOICES for v in votes):
        return None, Problem("賛成・反対・棄権から選んでください。")
    if not any(votes) and not question.required:
        return None, None
    if not all(votes):
        if len(votes) == 1:
            return None, Problem("賛成・反対・棄権から選んでください。")
        missing = "、".join(f"第{i}号議案" for i, v in enumerate(votes, start=1) if not v)
        return None, Problem("{missing}について、賛成・反対・棄権から選んでください。", missing=missing)
    return votes, None


def check(form: Form, fields: Fields) -> tuple[dict[str, AnswerValue], dict[int, str]]:
    """The answer of the posted ``fields`` and the message of each question that is not right."""
    answers: dict[str, AnswerValue] = {}
    errors: dict[int, str] = {}
    for question in form.questions:
        value, error = _check_one(question, fields)
        if error is not None:
            errors[question.no] = error
        elif value is not None:
            answers[str(question.no)] = value
    return answers, errors


def as_fields(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, list[str]]:
    """A stored answer as the fields the page's form would post."""
    fields: dict[str, list[str]] = {}
    for question in form.questions:
        value = answers.get(str(question.no))
        name = f"q{question.no}"
        if value is None:
            continue
        if question.kind == "attendance" and isinstance(value, dict):
            fields[name] = [str(value.get("choice", ""))]
            if value.get("choice") == "出席":
                fields[f"{name}p"] = [str(value.get("people", 1))]
        elif question.kind == "multiple" and isinstance(value, list):
            fields[name] = [str(v) for v in value]
        elif question.kind == "motion" and isinstance(value, list):
            for i, vote in enumerate(value, start=1):
                fields[f"{name}m{i}"] = [str(vote)]
        else:
            fields[name] = [str(value)]
    return fields


def answer_text(question: FormQuestion, value: AnswerValue | None) -> str:
    """The answer as a plain sentence for the confirmation page (escape it when writing HTML)."""
    if value is None:
        return "（回答なし）"
    if question.kind == "attendance" and isinstance(value, dict):
        if value.get("choice") == "出席":
            return f"出席（{value.get('people', 1)}人）"
        choice = str(value.get("choice", ""))
        return "委任状（議長に委任）" if choice == "委任状" else choice
    if question.kind == "multiple" and isinstance(value, list):
        return "、".join(value) if value else "（なし）"
    if question.kind == "motion" and isinstance(value, list):
        if len(question.motions) == 1:
            return f"「{question.motions[0]}」：{value[0]}" if value else "（回答なし）"
        return "　".join(
            f"第{i}号議案「{motion}」：{vote}"
            for i, (motion, vote) in enumerate(zip(question.motions, value, strict=False), start=1)
        )
    return str(value)
