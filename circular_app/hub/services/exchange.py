"""What an association's desktop sends (sync items) and fetches (confirmations).

Every query (in :mod:`circular_app.hub.storage.exchange_repo`) is scoped by the authenticated
association: keys are looked up only among that association's rows, so association A can never
read, publish to or confirm for B, even when it knows B's keys. The one hub-wide check is the
uniqueness of token hashes (reader links and board links): a hash in use anywhere is refused
with a reason that names no owner.

A sync request is one transaction; each item runs in a savepoint that first records its
idempotency key. A key already recorded makes the item a ``duplicate`` (also when two
requests race: the loser hits the unique constraint). A ``rejected`` item rolls back its
savepoint, so nothing of it stays and its key stays free for a corrected retry.

``adoption_report`` items (counts only) are kept per association and month, the newest by
``generated_at``; a report whose ``report_id`` was accepted before is a ``duplicate`` even under
a new idempotency key (see :mod:`circular_app.hub.services.reports`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from circular_app.domain.errors import ValidationError
from circular_app.domain.wire import Confirmation, ConfirmationPage, SyncResult, cursor_position, cursor_text
from circular_app.hub.schemas import (
    AdoptionReportItem,
    AdoptionReportPayload,
    ChairLinkItem,
    CloseItem,
    PublishItem,
    ReaderTokenItem,
    RosterItem,
    SafetyRoundItem,
    SyncItem,
)
from circular_app.hub.services.registry import AssociationRef
from circular_app.hub.services.reports import (
    ReplayedReportError,
    ReportRefusedError,
    parse_payload,
    store_report,
)
from circular_app.hub.storage import exchange_repo, safety_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.exchange_repo import RejectedError
from circular_app.hub.storage.session import IntegrityError, Session
from circular_app.support.clock import utcnow

CONFIRMATIONS_PAGE = 500


class _DuplicateError(Exception):
    """An item whose effect is already there under another key (a replayed report_id)."""


class Exchange:
    """Applies sync items and serves confirmations for one authenticated association."""

    def __init__(
        self,
        sessions: Sessions,
        clock: Callable[[], dt.datetime] = utcnow,
        settle: dt.timedelta = dt.timedelta(seconds=2),
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        # PostgreSQL hands out ids before commit, so a row with a lower id can become visible
        # after a higher one; rows younger than ``settle`` wait for the next fetch so that the
        # cursor never skips one. (SQLite commits writers one at a time: ids are commit order.)
        self._settle = settle if sessions.dialect == "postgresql" else dt.timedelta(0)

    def apply(self, association: AssociationRef, items: Sequence[SyncItem]) -> list[SyncResult]:
        """Apply the items in order; each key at most once per association."""
        results: list[SyncResult] = []
        with self._sessions.write.begin() as session:
            for item in items:
                results.append(self._apply_one(session, association.id, item))
        return results

    def _apply_one(self, session: Session, association_id: int, item: SyncItem) -> SyncResult:
        if exchange_repo.item_processed(session, association_id, item.key):
            return SyncResult(item.key, "duplicate")
        savepoint = session.begin_nested()
        if not exchange_repo.record_item(session, association_id, item.key, item.kind, self._clock()):
            savepoint.rollback()
            return SyncResult(item.key, "duplicate")
        try:
            if isinstance(item, RosterItem):
                exchange_repo.apply_roster(session, association_id, item.payload, self._clock)
            elif isinstance(item, ReaderTokenItem):
                exchange_repo.apply_reader_token(session, association_id, item.payload, self._clock)
            elif isinstance(item, PublishItem):
                if item.payload.due_date < item.payload.issue_date:
                    raise RejectedError("due_date is before issue_date")
                form = item.payload.form
                if form is not None and form.deadline is not None and form.deadline < item.payload.issue_date:
                    raise RejectedError("form deadline is before issue_date")
                exchange_repo.apply_publish(session, association_id, item.payload, self._clock)
            elif isinstance(item, CloseItem):
                exchange_repo.apply_close(session, association_id, item.payload, self._clock)
            elif isinstance(item, AdoptionReportItem):
                self._adoption_report(session, association_id, item.payload)
            elif isinstance(item, SafetyRoundItem):
                self._safety_round(session, association_id, item)
            elif isinstance(item, ChairLinkItem):
                self._chair_link(session, association_id, item)
            session.flush()
        except RejectedError as exc:
            savepoint.rollback()
            return SyncResult(item.key, "rejected", str(exc))
        except _DuplicateError:
            savepoint.rollback()
            return SyncResult(item.key, "duplicate")
        savepoint.commit()
        return SyncResult(item.key, "applied")

    # -- 安否確認 (issue 22) ------------------------------------------------------------------

    def _safety_round(self, session: Session, association_id: int, item: SafetyRoundItem) -> None:
        p = item.payload
        if p.ended_at is not None and p.ended_at < p.started_at:
            raise RejectedError("ended_at is before started_at")
        safety_repo.apply_round(
            session,
            association_id,
            p.round_key,
            p.kind,
            p.message,
            p.drill,
            p.started_at,
            p.ended_at,
            self._clock(),
        )

    def _chair_link(self, session: Session, association_id: int, item: ChairLinkItem) -> None:
        p = item.payload
        safety_repo.apply_chair_link(
            session,
            association_id,
            p.link_key,
            p.token_hash,
            p.pin_salt,
            p.pin_hash,
            p.revoked,
            self._clock(),
        )

    # -- adoption reports -------------------------------------------------------------------

    def _adoption_report(self, session: Session, association_id: int, payload: AdoptionReportPayload) -> None:
        try:
            checked = parse_payload(payload.model_dump())
        except ValidationError as exc:
            raise RejectedError(str(exc)) from exc
        try:
            store_report(session, association_id, checked, "sync", self._clock())
            session.flush()
        except ReplayedReportError as exc:
            raise _DuplicateError from exc
        except ReportRefusedError as exc:
            raise RejectedError(str(exc)) from exc
        except IntegrityError as exc:  # the same month from a concurrent request: try again later
            raise RejectedError("another report for this month was stored at the same time") from exc

    # -- confirmations ----------------------------------------------------------------------

    def confirmations(
        self, association: AssociationRef, since: str, limit: int = CONFIRMATIONS_PAGE
    ) -> ConfirmationPage:
        """This association's confirmations after the wire cursor ``since``, oldest first."""
        position = cursor_position(since)
        until = self._clock() - self._settle
        with self._sessions.read() as session:
            rows = exchange_repo.confirmations(session, association.id, position, until, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        items = tuple(Confirmation(c_key, h_key, at, device) for _id, c_key, h_key, at, device in rows)
        return ConfirmationPage(items, cursor_text(rows[-1][0] if rows else position), more)
