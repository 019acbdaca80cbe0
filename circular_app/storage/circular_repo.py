"""Circular queries and ORM → domain mapping. Helpers take a Session and never commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from circular_app.domain.circulars import (
    Attachment,
    Audience,
    Category,
    Circular,
    CircularVersion,
    Status,
    Urgency,
)
from circular_app.domain.errors import NotFoundError
from circular_app.storage.models import AttachmentRow, CircularRow, CircularTargetRow, CircularVersionRow


def circular(session: Session, circular_id: int) -> CircularRow:
    """One circular or NotFoundError."""
    row = session.get(CircularRow, circular_id)
    if row is None:
        raise NotFoundError("circular.not_found", circular_id=circular_id)
    return row


def by_number(session: Session, fiscal_year: int, number: int) -> CircularRow:
    """The circular with 回覧No. ``number`` in ``fiscal_year``."""
    row = session.scalar(
        select(CircularRow).where(CircularRow.fiscal_year == fiscal_year, CircularRow.number == number)
    )
    if row is None:
        raise NotFoundError("circular.number_not_found", fiscal_year=fiscal_year, number=number)
    return row


def used_numbers(session: Session, fiscal_year: int) -> list[int]:
    """回覧No. already given in a fiscal year."""
    return [
        n
        for n in session.scalars(select(CircularRow.number).where(CircularRow.fiscal_year == fiscal_year))
        if n is not None
    ]


def targets(session: Session, circular_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Targeted 班 ids per circular (missing: every 班)."""
    found: dict[int, list[int]] = {}
    if circular_ids:
        rows = session.execute(
            select(CircularTargetRow.circular_id, CircularTargetRow.han_id).where(
                CircularTargetRow.circular_id.in_(circular_ids)
            )
        )
        for cid, han_id in rows:
            found.setdefault(cid, []).append(han_id)
    return {cid: tuple(sorted(h)) for cid, h in found.items()}


def set_targets(session: Session, row: CircularRow, han_ids: Sequence[int]) -> None:
    """Replace the targeted 班 of a circular."""
    session.execute(delete(CircularTargetRow).where(CircularTargetRow.circular_id == row.id))
    session.add_all(CircularTargetRow(circular_id=row.id, han_id=h) for h in han_ids)


def attachments(session: Session, circular_id: int) -> list[AttachmentRow]:
    """Attachments in order (data loaded lazily by the caller if needed)."""
    return list(
        session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.circular_id == circular_id)
            .order_by(AttachmentRow.position)
        )
    )


def to_attachment(row: AttachmentRow) -> Attachment:
    """Map an attachment row (without its bytes)."""
    return Attachment(row.id, row.filename, row.media_type, row.size, row.pages, row.position)


def to_circular(
    row: CircularRow, target_ids: tuple[int, ...] = (), files: Sequence[AttachmentRow] = ()
) -> Circular:
    """Map a circular row to its domain value."""
    return Circular(
        id=row.id,
        number=row.number,
        fiscal_year=row.fiscal_year,
        status=Status(row.status),
        title=row.title,
        body=row.body,
        category=Category(row.category),
        sender_title=row.sender_title,
        sender_name=row.sender_name,
        target_han_ids=target_ids,
        audience=Audience(row.audience),
        issue_date=row.issue_date,
        due_date=row.due_date,
        urgency=Urgency(row.urgency),
        readability_check=row.readability_check,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        published_at=row.published_at,
        corrected_at=row.corrected_at,
        closed_at=row.closed_at,
        attachments=tuple(to_attachment(a) for a in files),
    )


def load(session: Session, row: CircularRow) -> Circular:
    """A circular with its targets and attachments."""
    return to_circular(row, targets(session, [row.id]).get(row.id, ()), attachments(session, row.id))


def listing(
    session: Session,
    status: Status | None = None,
    fiscal_year: int | None = None,
    category: Category | None = None,
    search_words: Sequence[str] = (),
) -> list[Circular]:
    """Circulars for the list view (without attachment bytes), newest first."""
    stmt: Select[CircularRow] = select(CircularRow)
    if status is not None:
        stmt = stmt.where(CircularRow.status == status.value)
    if fiscal_year is not None:
        stmt = stmt.where(CircularRow.fiscal_year == fiscal_year)
    if category is not None:
        stmt = stmt.where(CircularRow.category == category.value)
    for word in search_words:
        stmt = stmt.where(func.instr(CircularRow.search_text, word) > 0)
    rows = list(session.scalars(stmt.order_by(CircularRow.issue_date.desc(), CircularRow.id.desc())))
    target_map = targets(session, [r.id for r in rows])
    return [to_circular(r, target_map.get(r.id, ())) for r in rows]


def versions(session: Session, circular_id: int) -> list[CircularVersion]:
    """Earlier texts of a corrected circular, oldest first."""
    rows = session.scalars(
        select(CircularVersionRow)
        .where(CircularVersionRow.circular_id == circular_id)
        .order_by(CircularVersionRow.version)
    )
    return [CircularVersion(r.version, r.title, r.body, r.saved_at, r.note) for r in rows]
