"""What a resident's reader link can see and do: its circulars, attachments, 「読みました」.

A reader link is a capability: the token in the URL is looked up by its SHA-256 and is valid
while it is not revoked, its household is on the route (not moved out) and its association
is not revoked. Everything else is "not found", whichever the reason, so a page never hints
whether a token existed.

A board link (the QR code on the paper 回覧板, ``/b/{token}``) is a smaller capability: one
circular and its attachments, read-only, valid while its association is not revoked. It
belongs to no household, so it can neither list other circulars nor confirm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from circular_app.hub.storage import reader_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.group_commit import GroupCommit
from circular_app.hub.storage.reader_repo import (
    AttachmentFile,
    AttachmentInfo,
    Board,
    CircularDetail,
    CircularSummary,
    Confirmed,
    PreviousText,
    Reader,
)
from circular_app.support.clock import utcnow

Tapped = tuple[Reader, Confirmed] | None

# The values of reader and board links are defined with their queries in hub/storage.
__all__ = [
    "RECENT_READ_LIMIT",
    "AttachmentFile",
    "AttachmentInfo",
    "Board",
    "CircularDetail",
    "CircularSummary",
    "Confirmed",
    "PreviousText",
    "Reader",
    "ReaderService",
]

RECENT_READ_LIMIT = 30


class ReaderService:
    """The resident-facing queries and the one write (confirm)."""

    def __init__(self, sessions: Sessions, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock
        self._postgresql = sessions.dialect == "postgresql"
        self._taps = GroupCommit(
            sessions, partial(reader_repo.confirm_each, postgresql_dialect=self._postgresql)
        )

    def resolve(self, token_hash: str) -> Reader | None:
        """The household of a valid token; ``None`` for unknown, revoked or expired."""
        with self._sessions.read() as session:
            return reader_repo.resolve(session, token_hash)

    def circulars(self, reader: Reader) -> tuple[list[CircularSummary], list[CircularSummary]]:
        """(unread, read): unread open ones urgent first then newest; recent read ones newest first."""
        with self._sessions.read() as session:
            items = reader_repo.circulars(session, reader)
        unread = [c for c in items if c.confirmed_at is None and not c.closed]
        unread.sort(key=lambda c: not c.urgent)  # stable: newest first within each group
        read = [c for c in items if c.confirmed_at is not None or c.closed][:RECENT_READ_LIMIT]
        return unread, read

    def translated_titles(self, reader: Reader, lang: str) -> dict[str, str]:
        """Circular key → title in ``lang`` of the household's circulars translated into it."""
        with self._sessions.read() as session:
            return reader_repo.translated_titles(session, reader, lang)

    def circular(self, reader: Reader, key: str) -> CircularDetail | None:
        """One circular addressed to this household, or ``None``."""
        with self._sessions.read() as session:
            return reader_repo.circular(session, reader, key)

    def confirm(self, token_hash: str, key: str, device: str) -> tuple[Reader, Confirmed] | None:
        """Record 「読みました」 once; later taps return the first time.

        ``None`` when the link is not valid or the circular is not addressed to it (one
        transaction for both: this is the hub's busiest write). A closed circular can still
        be confirmed: a late reader is still a reader.
        """
        now = self._clock().replace(microsecond=0)
        # PostgreSQL: one statement in autocommit; SQLite: one write transaction.
        with self._sessions.single_statement() as conn:
            return reader_repo.confirm(conn, token_hash, key, device, now, self._postgresql)

    async def confirm_grouped(
        self, token_hash: str, key: str, device: str
    ) -> tuple[Reader, Confirmed] | None:
        """:meth:`confirm` from the event loop, committed together with the taps waiting beside it.

        The web tap's path (``POST /r/…/read``): no thread-pool hop per tap and one commit per
        group (:mod:`circular_app.hub.storage.group_commit`); the answer comes once committed.
        """
        now = self._clock().replace(microsecond=0)
        return await self._taps.run(reader_repo.Tap(token_hash, key, device, now))

    def close(self) -> None:
        """Commit the taps still queued and stop their writer (the app's shutdown)."""
        self._taps.close()

    def attachment(self, reader: Reader, key: str) -> AttachmentFile | None:
        """An attachment of a circular addressed to this household, or ``None``."""
        with self._sessions.read() as session:
            return reader_repo.attachment(session, reader, key)

    # -- board links: the QR code on the paper 回覧板 -------------------------------------------

    def board(self, token_hash: str) -> tuple[Board, CircularDetail] | None:
        """The circular of a valid board link, or ``None`` (unknown, or association revoked).

        A closed circular stays readable, as on a household's link: the paper board may still
        be on its way round. There is no household, so nothing is ever "read" here.
        """
        with self._sessions.read() as session:
            return reader_repo.board(session, token_hash)

    def board_attachment(self, token_hash: str, key: str) -> AttachmentFile | None:
        """An attachment of the board link's own circular (no other), or ``None``."""
        with self._sessions.read() as session:
            return reader_repo.board_attachment(session, token_hash, key)
