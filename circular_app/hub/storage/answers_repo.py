"""Queries of answers (issue 21): a circular's form, a household's answer and its history, sync, purge.

Functions take the caller's Session (the service owns the transaction) and return plain values
or the frozen dataclasses of :mod:`circular_app.domain.wire`; ORM rows never leave this module.
Answers are stored as JSON text under the household's row id only: the hub has no names.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from circular_app.domain.wire import AnswerValue, Form, FormQuestion
from circular_app.hub.schemas import FormPayload
from circular_app.hub.storage.models import (
    AnswerAckRow,
    AnswerFormRow,
    AnswerHistoryRow,
    AnswerRow,
    CircularRow,
    HouseholdRow,
    RecipientRow,
)
from circular_app.hub.storage.reader_repo import Reader

AnswerLine = tuple[int, str, str, str, dt.datetime, bool]


@dataclass(frozen=True)
class Current:
    """A household's current answer."""

    answers: dict[str, AnswerValue]
    answered_at: dt.datetime
    withdrawn: bool


@dataclass(frozen=True)
class FormView:
    """What the reader page needs about a circular's form for one household."""

    circular_id: int
    title: str
    form: Form
    closed: bool
    current: Current | None


def _form_json(payload: FormPayload) -> str:
    questions = [q.model_dump(exclude_defaults=True) for q in payload.questions]
    return json.dumps(questions, ensure_ascii=False, separators=(",", ":"))


def _form(deadline: dt.date, text: str) -> Form:
    questions = []
    for raw in json.loads(text):
        questions.append(
            FormQuestion(
                no=raw["no"],
                kind=raw["kind"],
                text=raw["text"],
                choices=tuple(raw.get("choices", ())),
                motions=tuple(raw.get("motions", ())),
                min_value=raw.get("min_value"),
                max_value=raw.get("max_value"),
                max_length=raw.get("max_length"),
                required=raw.get("required", True),
            )
        )
    return Form(deadline, tuple(questions))


def store_form(
    session: Session, circular_id: int, payload: FormPayload, due_date: dt.date, now: dt.datetime
) -> None:
    """Insert or replace the circular's form (the deadline defaults to the due date)."""
    row = session.get(AnswerFormRow, circular_id)
    if row is None:
        row = AnswerFormRow(circular_id=circular_id)
        session.add(row)
    row.deadline = payload.deadline or due_date
    row.questions = _form_json(payload)
    row.updated_at = now


def form_view(session: Session, reader: Reader, key: str) -> FormView | None:
    """The form of a circular addressed to the reader's household with its current answer, or None."""
    found = session.execute(
        select(CircularRow.id, CircularRow.title, CircularRow.closed_at, AnswerFormRow.deadline)
        .add_columns(AnswerFormRow.questions)
        .join(AnswerFormRow, AnswerFormRow.circular_id == CircularRow.id)
        .join(
            RecipientRow,
            and_(
                RecipientRow.circular_id == CircularRow.id, RecipientRow.household_id == reader.household_id
            ),
        )
        .where(CircularRow.association_id == reader.association_id, CircularRow.key == key)
    ).one_or_none()
    if found is None:
        return None
    circular_id, title, closed_at, deadline, questions = found
    current = session.execute(
        select(AnswerRow.answers, AnswerRow.answered_at, AnswerRow.withdrawn).where(
            AnswerRow.circular_id == circular_id, AnswerRow.household_id == reader.household_id
        )
    ).one_or_none()
    return FormView(
        circular_id,
        title,
        _form(deadline, questions),
        closed_at is not None,
        Current(json.loads(current[0]), current[1], current[2]) if current is not None else None,
    )


def store_answer(
    session: Session,
    reader: Reader,
    circular_id: int,
    answers: dict[str, AnswerValue],
    withdrawn: bool,
    device: str,
    now: dt.datetime,
    postgresql_dialect: bool,
) -> None:
    """Append the answer to the history and make it the household's current one."""
    text = json.dumps(answers, ensure_ascii=False, separators=(",", ":"))
    history = AnswerHistoryRow(
        association_id=reader.association_id,
        circular_id=circular_id,
        household_id=reader.household_id,
        answers=text,
        answered_at=now,
        withdrawn=withdrawn,
        device=device[:20],
    )
    session.add(history)
    session.flush()
    values: dict[str, Any] = {
        "association_id": reader.association_id,
        "circular_id": circular_id,
        "household_id": reader.household_id,
        "answers": text,
        "answered_at": now,
        "withdrawn": withdrawn,
        "history_id": history.id,
    }
    changed = {k: values[k] for k in ("answers", "answered_at", "withdrawn", "history_id")}
    dialect = postgresql if postgresql_dialect else sqlite
    statement = (
        dialect.insert(AnswerRow)
        .values(values)
        .on_conflict_do_update(index_elements=["circular_id", "household_id"], set_=changed)
    )
    session.execute(statement)


def answers(
    session: Session, association_id: int, after: int, until: dt.datetime, limit: int
) -> list[AnswerLine]:
    """Up to ``limit`` history rows with an id after ``after``, answered by ``until``, by id."""
    query = (
        select(AnswerHistoryRow.id, CircularRow.key, HouseholdRow.key, AnswerHistoryRow.answers)
        .add_columns(AnswerHistoryRow.answered_at, AnswerHistoryRow.withdrawn)
        .join(CircularRow, CircularRow.id == AnswerHistoryRow.circular_id)
        .join(HouseholdRow, HouseholdRow.id == AnswerHistoryRow.household_id)
        .where(
            AnswerHistoryRow.association_id == association_id,
            AnswerHistoryRow.id > after,
            AnswerHistoryRow.answered_at <= until,
        )
        .order_by(AnswerHistoryRow.id)
        .limit(limit)
    )
    return [(i, c, h, a, at, w) for i, c, h, a, at, w in session.execute(query)]


def acknowledge(session: Session, association_id: int, position: int, now: dt.datetime) -> None:
    """The desktop has stored every answer up to ``position`` (never beyond what exists)."""
    if position <= 0:
        return
    highest = session.scalar(
        select(func.max(AnswerHistoryRow.id)).where(AnswerHistoryRow.association_id == association_id)
    )
    position = min(position, highest or 0)
    if position <= 0:
        return
    row = session.get(AnswerAckRow, association_id, with_for_update=True)
    if row is None:
        session.add(AnswerAckRow(association_id=association_id, acked_through=position, acked_at=now))
    elif position > row.acked_through:
        row.acked_through = position
        row.acked_at = now


def purge(session: Session, before: dt.date, association_id: int | None = None) -> int:
    """Delete acknowledged answers of forms whose deadline is before ``before``; the count of history rows."""
    acked = (
        select(AnswerAckRow.acked_through)
        .where(AnswerAckRow.association_id == AnswerHistoryRow.association_id)
        .scalar_subquery()
    )
    expired = select(AnswerFormRow.circular_id).where(AnswerFormRow.deadline < before)
    history = delete(AnswerHistoryRow).where(
        AnswerHistoryRow.id <= acked, AnswerHistoryRow.circular_id.in_(expired)
    )
    acked_current = (
        select(AnswerAckRow.acked_through)
        .where(AnswerAckRow.association_id == AnswerRow.association_id)
        .scalar_subquery()
    )
    current = delete(AnswerRow).where(
        AnswerRow.history_id <= acked_current, AnswerRow.circular_id.in_(expired)
    )
    if association_id is not None:
        history = history.where(AnswerHistoryRow.association_id == association_id)
        current = current.where(AnswerRow.association_id == association_id)
    deleted = session.execute(history)
    session.execute(current)
    return int(getattr(deleted, "rowcount", 0) or 0)
