"""Forms of circulars and the households' answers (inside the caller's transaction; never commits).

Answers are only ever added (the table refuses UPDATE and DELETE): changing an answer adds a
row, withdrawing one adds a row marked withdrawn.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.forms import (
    AnswerRecord,
    Answers,
    Channel,
    Form,
    answers_from_json,
    answers_to_json,
    form_to_toml,
    parse_form,
)
from circular_app.storage.models import AnswerRow, CircularFormRow
from circular_app.support.clock import utcnow


def to_record(row: AnswerRow) -> AnswerRecord:
    """Map a row to its domain value."""
    return AnswerRecord(
        row.id,
        row.circular_id,
        row.household_id,
        answers_from_json(json.loads(row.answers)),
        Channel(row.channel),
        row.answered_at,
        row.recorded_at,
        row.recorded_by,
        row.withdrawn,
    )


def form_of(session: Session, circular_id: int) -> Form | None:
    """The form of a circular, if it has one."""
    row = session.get(CircularFormRow, circular_id)
    return parse_form(row.definition, "circular_form") if row is not None else None


def forms_of(session: Session) -> dict[int, Form]:
    """Circular id → form, for every circular with one."""
    return {
        r.circular_id: parse_form(r.definition, "circular_form")
        for r in session.scalars(select(CircularFormRow))
    }


def set_form(session: Session, circular_id: int, form: Form | None, by: str) -> None:
    """Attach (or replace, or with None remove) the form of a draft circular."""
    row = session.get(CircularFormRow, circular_id)
    if form is None:
        if row is not None:
            session.delete(row)
        session.flush()
        return
    if row is None:
        row = CircularFormRow(circular_id=circular_id, created_by=by, created_at=utcnow())
        session.add(row)
    row.definition = form_to_toml(form)
    row.deadline = form.deadline
    row.general_meeting = form.general_meeting
    session.flush()


def add_answer(
    session: Session,
    circular_id: int,
    household_id: int,
    answers: Answers,
    channel: Channel,
    answered_at: dt.datetime,
    by: str,
    withdrawn: bool = False,
) -> AnswerRecord:
    """Append one answer (or, with ``withdrawn``, the taking back of one)."""
    row = AnswerRow(
        circular_id=circular_id,
        household_id=household_id,
        answers=json.dumps(answers_to_json(answers), ensure_ascii=False),
        channel=channel.value,
        answered_at=answered_at,
        recorded_at=utcnow(),
        recorded_by=by,
        withdrawn=withdrawn,
    )
    session.add(row)
    session.flush()
    return to_record(row)


def answers(session: Session, circular_id: int, household_id: int | None = None) -> list[AnswerRecord]:
    """Every answer record of a circular (of one household when given), oldest first."""
    query = select(AnswerRow).where(AnswerRow.circular_id == circular_id)
    if household_id is not None:
        query = query.where(AnswerRow.household_id == household_id)
    return [to_record(r) for r in session.scalars(query.order_by(AnswerRow.id))]
