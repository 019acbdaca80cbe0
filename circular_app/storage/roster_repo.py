"""Roster queries and ORM → domain mapping. Helpers take a Session and never commit."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular_app.domain.errors import NotFoundError
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.storage.models import HanRow, HouseholdRow


def to_han(row: HanRow) -> Han:
    """Map a 班 row to its domain value."""
    return Han(id=row.id, name=row.name, position=row.position, leader_household_id=row.leader_household_id)


def to_household(row: HouseholdRow) -> Household:
    """Map a household row to its domain value."""
    return Household(
        id=row.id,
        public_id=row.public_id,
        name=row.name,
        reading=row.reading,
        han_id=row.han_id,
        route_position=row.route_position,
        delivery=Delivery(row.delivery),
        large_print=row.large_print,
        language=row.language,
        phone=row.phone,
        email=row.email,
        notes=row.notes,
        moved_out_on=row.moved_out_on,
    )


def hans(session: Session) -> list[HanRow]:
    """All 班 in display order."""
    return list(session.scalars(select(HanRow).order_by(HanRow.position, HanRow.id)))


def han(session: Session, han_id: int) -> HanRow:
    """One 班 or NotFoundError."""
    row = session.get(HanRow, han_id)
    if row is None:
        raise NotFoundError("roster.han_id_not_found", han_id=han_id)
    return row


def han_by_name(session: Session, name: str) -> HanRow | None:
    """The 班 called ``name`` (already normalised), if any."""
    return session.scalar(select(HanRow).where(HanRow.name == name))


def households(session: Session, han_id: int | None = None, active_only: bool = False) -> list[HouseholdRow]:
    """Households in 班 order, then route order."""
    stmt = select(HouseholdRow).join(HanRow, HouseholdRow.han_id == HanRow.id)
    if han_id is not None:
        stmt = stmt.where(HouseholdRow.han_id == han_id)
    if active_only:
        stmt = stmt.where(HouseholdRow.moved_out_on.is_(None))
    stmt = stmt.order_by(HanRow.position, HouseholdRow.route_position, HouseholdRow.id)
    return list(session.scalars(stmt))


def household(session: Session, household_id: int) -> HouseholdRow:
    """One household or NotFoundError."""
    row = session.get(HouseholdRow, household_id)
    if row is None:
        raise NotFoundError("roster.household_id_not_found", household_id=household_id)
    return row


def household_by_public_id(session: Session, public_id: str) -> HouseholdRow | None:
    """The household with this stable export ID, if any."""
    return session.scalar(select(HouseholdRow).where(HouseholdRow.public_id == public_id))


def next_route_position(session: Session, han_id: int) -> int:
    """Position after the last household of the 班 (moved-out ones included)."""
    current = session.scalar(
        select(func.max(HouseholdRow.route_position)).where(HouseholdRow.han_id == han_id)
    )
    return (current or 0) + 1


def next_han_position(session: Session) -> int:
    """Position after the last 班."""
    return (session.scalar(select(func.max(HanRow.position))) or 0) + 1
