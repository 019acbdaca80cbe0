"""Answers to a circular's form (issue 21): the reader page's post, sync to the desktop, purge.

A household answers on its reader page; each post is appended to the history and becomes its
current answer (the latest counts). Answering records 「読みました」 in the same transaction.
After the deadline (the end of that day in Japan) or once the circular is closed, posts are
refused. The desktop fetches every change after its cursor (``GET /api/v1/answers``); the
``since`` it passes acknowledges everything up to it. Acknowledged answers are deleted once
the deadline plus ``retention_days`` has passed: on every fetch (for that association) and by
``hub purge-answers`` (for all).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from circular_app.domain.wire import (
    JAPAN,
    Answer,
    AnswerPage,
    AnswerValue,
    cursor_position,
    cursor_text,
    deadline_end,
)
from circular_app.hub.services import answer_input
from circular_app.hub.services.registry import AssociationRef
from circular_app.hub.storage import answers_repo, reader_repo
from circular_app.hub.storage.answers_repo import FormView
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.reader_repo import Reader
from circular_app.hub.storage.session import IntegrityError
from circular_app.support.clock import utcnow

ANSWERS_PAGE = 500
DEFAULT_RETENTION_DAYS = 30


@dataclass(frozen=True)
class Refused:
    """The form no longer takes answers: ``closed`` circular or ``deadline`` passed."""

    reason: Literal["closed", "deadline"]
    view: FormView


@dataclass(frozen=True)
class Invalid:
    """The post has mistakes: the message per question number, and what was entered."""

    view: FormView
    fields: Mapping[str, list[str]]
    errors: dict[int, str]


@dataclass(frozen=True)
class Saved:
    """The answer is stored (and the circular counted as read)."""

    reader: Reader
    view: FormView
    answers: dict[str, AnswerValue]
    answered_at: dt.datetime
    withdrawn: bool


def open_for_answers(view: FormView, now: dt.datetime) -> Refused | None:
    """``None`` while the form takes answers; else why not."""
    if view.closed:
        return Refused("closed", view)
    if now >= deadline_end(view.form.deadline):
        return Refused("deadline", view)
    return None


class AnswerService:
    """The reader page's form and the desktop's answers feed."""

    def __init__(
        self,
        sessions: Sessions,
        clock: Callable[[], dt.datetime] = utcnow,
        settle: dt.timedelta = dt.timedelta(seconds=2),
        retention_days: int = DEFAULT_RETENTION_DAYS,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._postgresql = sessions.dialect == "postgresql"
        # As for confirmations: PostgreSQL ids are not commit order; young rows wait a fetch.
        self._settle = settle if self._postgresql else dt.timedelta(0)
        self.retention_days = retention_days

    def now(self) -> dt.datetime:
        """The service's clock (naive UTC)."""
        return self._clock()

    def view(self, reader: Reader, key: str) -> FormView | None:
        """The form of a circular addressed to this household with its current answer, or ``None``."""
        with self._sessions.read() as session:
            return answers_repo.form_view(session, reader, key)

    def submit(
        self, token_hash: str, key: str, fields: Mapping[str, list[str]], device: str, withdraw: bool = False
    ) -> Saved | Invalid | Refused | None:
        """Check and store a household's answer (or take it back); ``None``: no such link or form."""
        now = self._clock().replace(microsecond=0)
        with self._sessions.write.begin() as session:
            reader = reader_repo.resolve(session, token_hash)
            view = answers_repo.form_view(session, reader, key) if reader is not None else None
            if reader is None or view is None:
                return None
            refused = open_for_answers(view, now)
            if refused is not None:
                return refused
            answers: dict[str, AnswerValue] = {}
            if not withdraw:
                answers, errors = answer_input.check(view.form, fields)
                if errors:
                    return Invalid(view, fields, errors)
            # Answering counts as having read it (the first time is kept, as for the button).
            reader_repo.confirm(session.connection(), token_hash, key, device, now, self._postgresql)
            answers_repo.store_answer(
                session, reader, view.circular_id, answers, withdraw, device, now, self._postgresql
            )
        return Saved(reader, view, answers, now, withdraw)

    # -- the desktop's feed ---------------------------------------------------------------------

    def answers(self, association: AssociationRef, since: str, limit: int = ANSWERS_PAGE) -> AnswerPage:
        """Answers after the wire cursor ``since``, oldest first; ``since`` acknowledges what came before."""
        position = cursor_position(since)
        now = self._clock()
        try:
            with self._sessions.write.begin() as session:
                answers_repo.acknowledge(session, association.id, position, now)
                answers_repo.purge(session, self._purge_before(now), association.id)
        except IntegrityError:
            pass  # a concurrent fetch of the same desktop stored its ack first: the next one counts
        with self._sessions.read() as session:
            rows = answers_repo.answers(session, association.id, position, now - self._settle, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        items = tuple(
            Answer(c_key, h_key, json.loads(text), at, withdrawn)
            for _id, c_key, h_key, text, at, withdrawn in rows
        )
        return AnswerPage(items, cursor_text(rows[-1][0] if rows else position), more)

    def _purge_before(self, now: dt.datetime) -> dt.date:
        today = now.replace(tzinfo=dt.UTC).astimezone(JAPAN).date()
        return today - dt.timedelta(days=self.retention_days)

    def purge(self) -> int:
        """Delete every association's acknowledged answers past deadline + retention; the count."""
        with self._sessions.write.begin() as session:
            return answers_repo.purge(session, self._purge_before(self._clock()))
