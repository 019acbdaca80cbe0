"""安否確認 on the hub: the reader page's question and answers, the 会長用リンク, the desktop's fetch.

- A household's reader link (also one printed on an invitation slip) shows the open round's
  question on every page; an answer is added (the latest counts) and fetched by the desktop
  with ``GET /api/v1/safety``.
- A 会長用リンク with its PIN lets an officer start a round and see the status by household
  label only (「3班-5」): the hub has no names.
- Rounds come from the desktop as sync items (see :mod:`circular_app.hub.services.exchange`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from circular_app.domain.safety_hub import HUB_STATUSES, MAX_PHONE_NOTE, HubRound, SafetyPage, pin_matches
from circular_app.domain.wire import cursor_position, cursor_text
from circular_app.hub.services.registry import AssociationRef
from circular_app.hub.storage import reader_repo, safety_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.reader_repo import Reader
from circular_app.hub.storage.safety_repo import Chair, OpenRound, StatusLine
from circular_app.support.clock import utcnow

ANSWERS_PAGE = 500
#: Rounds the desktop is told about: those still open and those started in this time.
RECENT_ROUNDS = dt.timedelta(days=7)

__all__ = ["Chair", "ChairStatus", "HubSafety", "OpenRound", "ReaderQuestion", "StatusLine"]


@dataclass(frozen=True)
class ReaderQuestion:
    """The open round as a household's page shows it, with the household's latest answer."""

    round: HubRound
    status: str  # "" before the household answered
    note: str
    answered_at: dt.datetime | None


@dataclass(frozen=True)
class ChairStatus:
    """What the 会長用リンク's page shows: the open round (if any) and every household by label."""

    round: HubRound | None
    lines: tuple[StatusLine, ...]


class HubSafety:
    """安否確認 queries and writes of the hub."""

    def __init__(
        self,
        sessions: Sessions,
        clock: Callable[[], dt.datetime] = utcnow,
        settle: dt.timedelta = dt.timedelta(seconds=2),
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        # As for confirmations: PostgreSQL ids may become visible out of order right after commit.
        self._settle = settle if sessions.dialect == "postgresql" else dt.timedelta(0)

    # -- reader page ------------------------------------------------------------------------
    def question(self, reader: Reader) -> ReaderQuestion | None:
        """The open round of the reader's association, or ``None`` when none is open."""
        with self._sessions.read() as session:
            found = safety_repo.open_round(session, reader.association_id)
            if found is None:
                return None
            latest = safety_repo.latest_answer(session, found.id, reader.household_id)
        if latest is None:
            return ReaderQuestion(found.round, "", "", None)
        return ReaderQuestion(found.round, *latest)

    def answer(
        self, token_hash: str, round_key: str, status: str, note: str
    ) -> tuple[Reader, HubRound] | None:
        """Add a household's answer to the round the page showed.

        ``None`` when the link is not valid, the status unknown, the note too long, or that
        round is not the open one any more (it ended, or another began meanwhile).
        """
        if status not in HUB_STATUSES or len(note) > MAX_PHONE_NOTE:
            return None
        now = self._clock().replace(microsecond=0)
        with self._sessions.write.begin() as session:
            reader = reader_repo.resolve(session, token_hash)
            if reader is None:
                return None
            answered = safety_repo.add_answer(
                session, reader.association_id, reader.household_id, round_key, status, note, now
            )
            return (reader, answered) if answered is not None else None

    # -- the desktop's fetch ------------------------------------------------------------------
    def page(self, association: AssociationRef, since: str, limit: int = ANSWERS_PAGE) -> SafetyPage:
        """Recent rounds and the answers after the cursor ``since``, oldest first."""
        position = cursor_position(since)
        now = self._clock()
        with self._sessions.read() as session:
            rounds = safety_repo.rounds_since(session, association.id, now - RECENT_ROUNDS)
            answers = safety_repo.answers_after(
                session, association.id, position, now - self._settle, limit + 1
            )
        more = len(answers) > limit
        answers = answers[:limit]
        cursor = cursor_text(answers[-1].id if answers else position)
        return SafetyPage(tuple(rounds), tuple(answers), cursor, more)

    # -- 会長用リンク ---------------------------------------------------------------------------
    def chair(self, token_hash: str) -> Chair | None:
        """The valid 会長用リンク of a token hash."""
        with self._sessions.read() as session:
            return safety_repo.resolve_chair(session, token_hash)

    @staticmethod
    def pin_ok(chair: Chair, pin: str) -> bool:
        """True when ``pin`` is the link's PIN."""
        return pin_matches(pin, chair.pin_salt, chair.pin_hash)

    def status(self, chair: Chair) -> ChairStatus:
        """The open round and every household's latest answer, by label."""
        with self._sessions.read() as session:
            found = safety_repo.open_round(session, chair.association_id)
            if found is None:
                return ChairStatus(None, ())
            lines = safety_repo.status_lines(session, chair.association_id, found.id)
        return ChairStatus(found.round, tuple(lines))

    def start(self, chair: Chair, kind: str, message: str, drill: bool) -> HubRound | None:
        """Start a round from a phone; ``None`` when one is open already."""
        now = self._clock().replace(microsecond=0)
        with self._sessions.write.begin() as session:
            return safety_repo.start_round(
                session, chair.association_id, f"hub-{uuid.uuid4().hex}", kind, message, drill, now
            )
