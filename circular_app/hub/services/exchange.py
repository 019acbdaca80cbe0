"""What an association's desktop sends (sync items) and fetches (confirmations).

Every query here is scoped by the authenticated association: keys are looked up only among
that association's rows, so association A can never read, publish to or confirm for B, even
when it knows B's keys. The one hub-wide check is the uniqueness of token hashes (reader
links and board links): a hash in use anywhere is refused with a reason that names no owner.

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

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from circular_app.domain.errors import ValidationError
from circular_app.domain.wire import Confirmation, ConfirmationPage, SyncResult, cursor_position, cursor_text
from circular_app.hub.schemas import (
    AdoptionReportItem,
    AdoptionReportPayload,
    CloseItem,
    ClosePayload,
    PublishItem,
    PublishPayload,
    ReaderTokenItem,
    ReaderTokenPayload,
    RosterItem,
    RosterPayload,
    SyncItem,
)
from circular_app.hub.services.registry import AssociationRef
from circular_app.hub.services.reports import (
    ReplayedReportError,
    ReportRefusedError,
    parse_payload,
    store_report,
)
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.models import (
    AttachmentRow,
    CircularRow,
    CircularVersionRow,
    ConfirmationRow,
    HanRow,
    HouseholdRow,
    ProcessedItemRow,
    ReaderTokenRow,
    RecipientRow,
)
from circular_app.support.clock import utcnow

CONFIRMATIONS_PAGE = 500


class RejectedError(Exception):
    """An item that cannot be applied; the message is the reason sent back (no content in it)."""


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
        done = session.scalar(
            select(ProcessedItemRow.id).where(
                ProcessedItemRow.association_id == association_id, ProcessedItemRow.key == item.key
            )
        )
        if done is not None:
            return SyncResult(item.key, "duplicate")
        savepoint = session.begin_nested()
        try:
            session.add(
                ProcessedItemRow(
                    association_id=association_id, key=item.key, kind=item.kind, processed_at=self._clock()
                )
            )
            session.flush()
        except IntegrityError:
            savepoint.rollback()
            return SyncResult(item.key, "duplicate")
        try:
            if isinstance(item, RosterItem):
                self._roster(session, association_id, item.payload)
            elif isinstance(item, ReaderTokenItem):
                self._reader_token(session, association_id, item.payload)
            elif isinstance(item, PublishItem):
                self._publish(session, association_id, item.payload)
            elif isinstance(item, CloseItem):
                self._close(session, association_id, item.payload)
            elif isinstance(item, AdoptionReportItem):
                self._adoption_report(session, association_id, item.payload)
            session.flush()
        except RejectedError as exc:
            savepoint.rollback()
            return SyncResult(item.key, "rejected", str(exc))
        except _DuplicateError:
            savepoint.rollback()
            return SyncResult(item.key, "duplicate")
        savepoint.commit()
        return SyncResult(item.key, "applied")

    # -- roster ---------------------------------------------------------------------------

    def _roster(self, session: Session, association_id: int, payload: RosterPayload) -> None:
        hans = {
            row.key: row
            for row in session.scalars(select(HanRow).where(HanRow.association_id == association_id))
        }
        for han in payload.hans:
            existing = hans.get(han.key)
            if existing is None:
                existing = HanRow(association_id=association_id, key=han.key, name=han.name)
                session.add(existing)
                hans[han.key] = existing
            else:
                existing.name = han.name
        session.flush()
        wanted = [h.key for h in payload.households]
        households = {
            row.key: row
            for row in session.scalars(
                select(HouseholdRow).where(
                    HouseholdRow.association_id == association_id, HouseholdRow.key.in_(wanted)
                )
            )
        }
        now = self._clock()
        for household in payload.households:
            han_id = None
            if household.han_key is not None:
                han_row = hans.get(household.han_key)
                if han_row is None:
                    raise RejectedError(f"unknown han_key {household.han_key}")
                han_id = han_row.id
            row = households.get(household.key)
            if row is None:
                row = HouseholdRow(association_id=association_id, key=household.key, updated_at=now)
                session.add(row)
                households[household.key] = row
            row.han_id = han_id
            row.label = household.label
            row.active = household.active
            row.updated_at = now

    def _household(self, session: Session, association_id: int, key: str) -> HouseholdRow:
        row = session.scalar(
            select(HouseholdRow).where(HouseholdRow.association_id == association_id, HouseholdRow.key == key)
        )
        if row is None:
            raise RejectedError(f"unknown household_key {key}")
        return row

    def _reader_token(self, session: Session, association_id: int, payload: ReaderTokenPayload) -> None:
        household = self._household(session, association_id, payload.household_key)
        found = session.execute(
            select(ReaderTokenRow, HouseholdRow.association_id)
            .join(HouseholdRow, HouseholdRow.id == ReaderTokenRow.household_id)
            .where(ReaderTokenRow.token_hash == payload.token_hash)
        ).one_or_none()
        now = self._clock()
        if found is None:
            board = select(CircularRow.id).where(CircularRow.board_token_hash == payload.token_hash)
            if session.scalar(board) is not None:
                # A board link is read by everyone on the route: it must never confirm for a household.
                raise RejectedError("token_hash is a circular's board token; use a new random token")
            session.add(
                ReaderTokenRow(
                    household_id=household.id,
                    token_hash=payload.token_hash,
                    created_at=now,
                    revoked_at=now if payload.revoked else None,
                )
            )
            return
        token, owner = found
        if owner != association_id or token.household_id != household.id:
            # Never move a token between households (or associations): a new link needs a new token.
            raise RejectedError("token_hash already belongs to another household")
        if payload.revoked:
            token.revoked_at = token.revoked_at or now
        elif token.revoked_at is not None:
            raise RejectedError("a revoked reader token cannot be restored; issue a new one")

    # -- circulars --------------------------------------------------------------------------

    def _circular(self, session: Session, association_id: int, key: str) -> CircularRow | None:
        return session.scalar(
            select(CircularRow).where(CircularRow.association_id == association_id, CircularRow.key == key)
        )

    def _publish(self, session: Session, association_id: int, payload: PublishPayload) -> None:
        if payload.due_date < payload.issue_date:
            raise RejectedError("due_date is before issue_date")
        row = self._circular(session, association_id, payload.circular_key)
        board = payload.board_token_hash
        if board is not None and (row is None or board != row.board_token_hash):
            self._check_board_token(session, board)  # before a new row is pending (autoflush)
        now = self._clock()
        if row is None:
            row = CircularRow(association_id=association_id, key=payload.circular_key, published_at=now)
            session.add(row)
        elif payload.version < row.version:
            raise RejectedError(f"version {payload.version} is older than the hub's {row.version}")
        elif payload.version > row.version:
            self._keep_version(session, row, row.version, row.title, row.body, row.correction_note)
        self._fill(row, payload, now)
        try:
            session.flush()
        except IntegrityError as exc:  # the same circular or board link from a concurrent request
            raise RejectedError(
                "another publish of this circular_key or board_token_hash came at the same time"
            ) from exc
        for previous in payload.previous:
            if previous.version < payload.version:
                self._keep_version(
                    session, row, previous.version, previous.title, previous.body, previous.note
                )
        self._recipients(session, association_id, row, payload.household_keys)
        self._attachments(session, row, payload)

    @staticmethod
    def _check_board_token(session: Session, token_hash: str) -> None:
        # A board link never moves to another circular (of any association): a paper 回覧板
        # already out on the route must not start showing something else. Nor may it equal a
        # household's reader token, whose link can confirm for that household.
        circular = select(CircularRow.id).where(CircularRow.board_token_hash == token_hash)
        if session.scalar(circular) is not None:
            raise RejectedError("board_token_hash already belongs to another circular")
        reader = select(ReaderTokenRow.id).where(ReaderTokenRow.token_hash == token_hash)
        if session.scalar(reader) is not None:
            raise RejectedError("board_token_hash is a reader token; use a new random token")

    @staticmethod
    def _fill(row: CircularRow, payload: PublishPayload, now: dt.datetime) -> None:
        row.number = payload.number
        row.fiscal_year = payload.fiscal_year
        row.title = payload.title
        row.body = payload.body
        row.category = payload.category.value
        row.issue_date = payload.issue_date
        row.due_date = payload.due_date
        row.urgency = payload.urgency.value
        row.version = payload.version
        if payload.version > 1:
            row.corrected_at = payload.corrected_at or row.corrected_at or now
        row.correction_note = payload.correction_note or ""
        if payload.board_token_hash is not None:  # absent: an older desktop, keep the link
            row.board_token_hash = payload.board_token_hash

    @staticmethod
    def _keep_version(
        session: Session, row: CircularRow, version: int, title: str, body: str, note: str
    ) -> None:
        session.flush()
        existing = session.scalar(
            select(CircularVersionRow).where(
                CircularVersionRow.circular_id == row.id, CircularVersionRow.version == version
            )
        )
        if existing is None:
            session.add(
                CircularVersionRow(circular_id=row.id, version=version, title=title, body=body, note=note)
            )

    def _recipients(self, session: Session, association_id: int, row: CircularRow, keys: list[str]) -> None:
        wanted = set(keys)
        ids = dict(
            session.execute(
                select(HouseholdRow.key, HouseholdRow.id).where(
                    HouseholdRow.association_id == association_id, HouseholdRow.key.in_(wanted)
                )
            ).all()
        )
        missing = wanted - ids.keys()
        if missing:
            raise RejectedError(f"{len(missing)} unknown household_keys (send the roster first)")
        current = set(
            session.scalars(select(RecipientRow.household_id).where(RecipientRow.circular_id == row.id))
        )
        target = set(ids.values())
        if current - target:
            session.execute(
                delete(RecipientRow).where(
                    RecipientRow.circular_id == row.id, RecipientRow.household_id.in_(current - target)
                )
            )
        session.add_all(RecipientRow(circular_id=row.id, household_id=h) for h in sorted(target - current))

    @staticmethod
    def _attachments(session: Session, row: CircularRow, payload: PublishPayload) -> None:
        keys = [a.key for a in payload.attachments]
        if len(set(keys)) != len(keys):
            raise RejectedError("attachment keys repeat")
        session.execute(delete(AttachmentRow).where(AttachmentRow.circular_id == row.id))
        for position, attachment in enumerate(payload.attachments, start=1):
            session.add(
                AttachmentRow(
                    circular_id=row.id,
                    key=attachment.key,
                    filename=attachment.filename,
                    media_type=attachment.media_type,
                    size=len(attachment.data_base64),
                    position=position,
                    data=attachment.data_base64,
                )
            )

    def _close(self, session: Session, association_id: int, payload: ClosePayload) -> None:
        row = self._circular(session, association_id, payload.circular_key)
        if row is None:
            raise RejectedError(f"unknown circular_key {payload.circular_key}")
        row.closed_at = row.closed_at or self._clock()

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
        query = (
            select(ConfirmationRow.id, CircularRow.key, HouseholdRow.key, ConfirmationRow.confirmed_at)
            .add_columns(ConfirmationRow.device)
            .join(CircularRow, CircularRow.id == ConfirmationRow.circular_id)
            .join(HouseholdRow, HouseholdRow.id == ConfirmationRow.household_id)
            .where(
                ConfirmationRow.association_id == association.id,
                ConfirmationRow.id > position,
                ConfirmationRow.confirmed_at <= self._clock() - self._settle,
            )
            .order_by(ConfirmationRow.id)
            .limit(limit + 1)
        )
        with self._sessions.read() as session:
            rows = session.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = tuple(Confirmation(c_key, h_key, at, device) for _id, c_key, h_key, at, device in rows)
        return ConfirmationPage(items, cursor_text(rows[-1][0] if rows else position), more)
