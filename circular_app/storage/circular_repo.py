"""Circular queries and ORM → domain mapping. Helpers take a Session and never commit."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session, undefer

from circular_app.domain.circulars import (
    Attachment,
    Audience,
    Category,
    Circular,
    CircularDraft,
    CircularVersion,
    Placement,
    Status,
    Urgency,
)
from circular_app.domain.errors import NotFoundError
from circular_app.domain.templates import Template
from circular_app.domain.text import search_key
from circular_app.storage.models import (
    AttachmentRow,
    CircularRecipientRow,
    CircularRow,
    CircularTargetRow,
    CircularVersionRow,
    TemplateRow,
)


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


def attachments(session: Session, circular_id: int, with_data: bool = False) -> list[AttachmentRow]:
    """Attachments in order; their bytes (a deferred column) only ``with_data``, else on first read."""
    stmt = select(AttachmentRow).where(AttachmentRow.circular_id == circular_id)
    if with_data:
        stmt = stmt.options(undefer(AttachmentRow.data))
    return list(session.scalars(stmt.order_by(AttachmentRow.position)))


def to_attachment(row: AttachmentRow) -> Attachment:
    """Map an attachment row (without its bytes)."""
    return Attachment(row.id, row.filename, row.media_type, row.size, row.pages, row.position)


def to_circular(
    row: CircularRow,
    target_ids: tuple[int, ...] = (),
    files: Sequence[AttachmentRow] = (),
    recipients: frozenset[int] | None = None,
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
        recipients=recipients,
    )


CHUNK = 500  # circular ids per IN (...): well under SQLite's limit on bound parameters


def recipient_ids(session: Session, circular_ids: Sequence[int]) -> dict[int, frozenset[int]]:
    """Circular id → ids of the households in its snapshot (circulars without one: missing)."""
    found: dict[int, frozenset[int]] = {}
    parsed: dict[str, frozenset[int]] = {}
    by = CircularRecipientRow.household_id
    for start in range(0, len(circular_ids), CHUNK):
        # One short string per circular instead of a row per household: the reader matrix
        # loads 1,000 households × 200 circulars this way in a few milliseconds.
        stmt = (
            select(CircularRecipientRow.circular_id, func.group_concat(by))
            .where(CircularRecipientRow.circular_id.in_(circular_ids[start : start + CHUNK]))
            .group_by(CircularRecipientRow.circular_id)
        )
        for circular_id, ids in session.execute(stmt):
            # Circulars published between two roster changes went to the same households:
            # their lists are equal strings, parsed once and shared as one set.
            members = parsed.get(ids)
            if members is None:
                members = parsed[ids] = frozenset(map(int, ids.split(","))) if ids else frozenset()
            found[circular_id] = members
    return found


def placements(session: Session, circular_id: int) -> dict[int, Placement]:
    """Household id → its 班 and route position on one circular's snapshot."""
    rows = session.execute(
        select(
            CircularRecipientRow.household_id,
            CircularRecipientRow.han_id,
            CircularRecipientRow.route_position,
        ).where(CircularRecipientRow.circular_id == circular_id)
    )
    place = _placement
    return {hid: place(han_id, position) for hid, han_id, position in rows}


@functools.lru_cache(maxsize=65536)
def _placement(han_id: int, route_position: int) -> Placement:
    # Placements are values, and the same few thousand recur on every circular: sharing them
    # saves building 200,000 objects when the ホーム figures read 200 snapshots of 1,000.
    return Placement(han_id, route_position)


def with_placements(session: Session, circular: Circular) -> Circular:
    """``circular`` with its snapshot's placements loaded (a draft comes back unchanged)."""
    if circular.status is Status.DRAFT:
        return circular
    found = placements(session, circular.id)
    return replace(circular, recipients=frozenset(found), placements=found)


def add_recipients(
    session: Session,
    circular_id: int,
    added: Mapping[int, Placement],
    deliveries: Mapping[int, str],
    source: str,
    by: str,
    at: dt.datetime,
) -> None:
    """Append households to a circular's snapshot (rows are only ever added)."""
    if not added:
        return
    session.execute(
        insert(CircularRecipientRow),
        [
            {
                "circular_id": circular_id,
                "household_id": household_id,
                "han_id": place.han_id,
                "route_position": place.route_position,
                "delivery": deliveries[household_id],
                "source": source,
                "added_at": at,
                "added_by": by,
            }
            for household_id, place in added.items()
        ],
    )


def load(session: Session, row: CircularRow) -> Circular:
    """A circular with its targets, attachments and (once published) its snapshot."""
    found = to_circular(row, targets(session, [row.id]).get(row.id, ()), attachments(session, row.id))
    return with_placements(session, found)


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
    published = [r.id for r in rows if r.status != Status.DRAFT.value]
    snapshots = recipient_ids(session, published)
    return [
        to_circular(r, target_map.get(r.id, ()), recipients=snapshots.get(r.id, frozenset()))
        if r.status != Status.DRAFT.value
        else to_circular(r, target_map.get(r.id, ()))
        for r in rows
    ]


def versions(session: Session, circular_id: int) -> list[CircularVersion]:
    """Earlier texts of a corrected circular, oldest first."""
    rows = session.scalars(
        select(CircularVersionRow)
        .where(CircularVersionRow.circular_id == circular_id)
        .order_by(CircularVersionRow.version)
    )
    return [CircularVersion(r.version, r.title, r.body, r.saved_at, r.note) for r in rows]


def get(session: Session, circular_id: int) -> Circular:
    """One circular with its targets and attachments, or NotFoundError."""
    return load(session, circular(session, circular_id))


def get_by_number(session: Session, fiscal_year: int, number: int) -> Circular:
    """As :func:`by_number`, with targets and attachments."""
    return load(session, by_number(session, fiscal_year, number))


def fiscal_years(session: Session) -> list[int]:
    """Fiscal years that have circulars, newest first."""
    years = session.scalars(select(CircularRow.fiscal_year).distinct())
    return sorted((y for y in years if y is not None), reverse=True)


def _apply(row: CircularRow, draft: CircularDraft) -> None:
    row.title = draft.title
    row.body = draft.body
    row.search_text = search_key(f"{draft.title}\n{draft.body}")
    row.category = draft.category.value
    row.sender_title = draft.sender_title
    row.sender_name = draft.sender_name
    row.audience = draft.audience.value
    assert draft.issue_date is not None and draft.due_date is not None  # set by validate_circular
    row.issue_date = draft.issue_date
    row.due_date = draft.due_date
    row.urgency = draft.urgency.value
    row.readability_check = draft.readability_check


def add_draft(session: Session, draft: CircularDraft) -> int:
    """Store a validated draft with its targets; returns its id."""
    row = CircularRow(status=Status.DRAFT.value)
    _apply(row, draft)
    session.add(row)
    session.flush()
    set_targets(session, row, draft.target_han_ids)
    return row.id


def update(session: Session, circular_id: int, draft: CircularDraft) -> None:
    """Replace the editable fields and targets with a validated draft."""
    row = circular(session, circular_id)
    _apply(row, draft)
    set_targets(session, row, draft.target_han_ids)
    session.flush()


def delete_circular(session: Session, circular_id: int) -> None:
    """Delete a circular with everything that hangs off it."""
    session.delete(circular(session, circular_id))


def copy_attachments(session: Session, source_id: int, copy_id: int) -> None:
    """Give the copy the source's attachments and remember where it came from."""
    row = circular(session, copy_id)
    row.duplicated_from = source_id
    for file in attachments(session, source_id, with_data=True):
        session.add(
            AttachmentRow(
                circular_id=row.id,
                filename=file.filename,
                media_type=file.media_type,
                data=file.data,
                size=file.size,
                pages=file.pages,
                position=file.position,
            )
        )
    session.flush()


def mark_published(
    session: Session, circular_id: int, fiscal_year: int, number: int, at: dt.datetime
) -> None:
    """Give a draft its 回覧No. and make it published."""
    row = circular(session, circular_id)
    row.fiscal_year = fiscal_year
    row.number = number
    row.status = Status.PUBLISHED.value
    row.published_at = at


def set_published_at(session: Session, circular_id: int, at: dt.datetime) -> None:
    """Move the publication time (the demo's circulars were "published" on their issue dates)."""
    circular(session, circular_id).published_at = at


def add_correction(
    session: Session, circular_id: int, draft: CircularDraft, note: str, at: dt.datetime
) -> int:
    """Keep the current text as a version, apply the corrected draft; returns the new version."""
    row = circular(session, circular_id)
    session.add(
        CircularVersionRow(circular_id=row.id, version=row.version, title=row.title, body=row.body, note=note)
    )
    _apply(row, draft)
    set_targets(session, row, draft.target_han_ids)
    row.version += 1
    row.corrected_at = at
    return row.version


def mark_closed(session: Session, circular_id: int, at: dt.datetime) -> None:
    """Close a circular."""
    row = circular(session, circular_id)
    row.status = Status.CLOSED.value
    row.closed_at = at


def overdue_published(session: Session, before: dt.date) -> list[int]:
    """Ids of published circulars due before ``before``."""
    rows = session.scalars(
        select(CircularRow.id).where(
            CircularRow.status == Status.PUBLISHED.value, CircularRow.due_date < before
        )
    )
    return list(rows)


def add_attachment(
    session: Session, circular_id: int, filename: str, media_type: str, data: bytes, pages: int
) -> None:
    """Append an attachment after the existing ones."""
    position = len(attachments(session, circular_id)) + 1
    session.add(
        AttachmentRow(
            circular_id=circular_id,
            filename=filename,
            media_type=media_type,
            data=data,
            size=len(data),
            pages=pages,
            position=position,
        )
    )
    session.flush()


def remove_attachment(session: Session, circular_id: int, attachment_id: int) -> None:
    """Delete an attachment of the circular and renumber the rest (NotFoundError if not its)."""
    target = session.get(AttachmentRow, attachment_id)
    if target is None or target.circular_id != circular_id:
        raise NotFoundError("circular.attachment_not_found")
    session.delete(target)
    session.flush()
    for position, file in enumerate(attachments(session, circular_id), start=1):
        file.position = position


def attachment_data(session: Session, attachment_id: int) -> bytes:
    """The stored bytes of one attachment."""
    row = session.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFoundError("circular.attachment_not_found")
    return row.data


def templates(session: Session) -> list[Template]:
    """The officers' own templates by name."""
    rows = session.scalars(select(TemplateRow).order_by(TemplateRow.name))
    return [Template(r.name, Category(r.category), r.title, r.body, r.id) for r in rows]


def template_exists(session: Session, name: str) -> bool:
    """True when an own template is called ``name``."""
    return session.scalar(select(TemplateRow).where(TemplateRow.name == name)) is not None


def add_template(session: Session, name: str, source: Circular) -> Template:
    """Keep ``source``'s title and body as a template called ``name``."""
    row = TemplateRow(name=name, category=source.category.value, title=source.title, body=source.body)
    session.add(row)
    session.flush()
    return Template(row.name, Category(row.category), row.title, row.body, row.id)
