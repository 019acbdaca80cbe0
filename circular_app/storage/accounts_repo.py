"""Officer accounts and the profile's own record. Helpers take a Session and never commit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import NotFoundError
from circular_app.storage.models import OfficerRow, ProfileInfo


def to_officer(row: OfficerRow) -> Officer:
    """Map an officer row to its domain value."""
    return Officer(row.id, row.username, row.display_name, Role(row.role), row.han_id, row.disabled)


def _row(session: Session, username: str) -> OfficerRow | None:
    # Compared case-insensitively, as the key envelope does.
    return next(
        (r for r in session.scalars(select(OfficerRow)) if r.username.casefold() == username.casefold()),
        None,
    )


def officers(session: Session) -> list[Officer]:
    """Every account, administrators first."""
    rows = session.scalars(select(OfficerRow).order_by(OfficerRow.role, OfficerRow.username))
    return [to_officer(r) for r in rows]


def officer(session: Session, username: str) -> Officer:
    """The account called ``username`` (any case) or NotFoundError."""
    row = _row(session, username)
    if row is None:
        raise NotFoundError("account.not_found", name=username)
    return to_officer(row)


def find_officer(session: Session, username: str) -> Officer | None:
    """The account called exactly ``username``, else one whose name matches in any case."""
    row = session.scalar(select(OfficerRow).where(OfficerRow.username == username))
    if row is None:
        row = _row(session, username)
    return to_officer(row) if row is not None else None


def username_taken(session: Session, username: str) -> bool:
    """True when an account of that name (any case) exists."""
    return _row(session, username) is not None


def add_officer(
    session: Session, username: str, display_name: str, role: Role, han_id: int | None = None
) -> Officer:
    """Create an account."""
    row = OfficerRow(username=username, display_name=display_name, role=role.value, han_id=han_id)
    session.add(row)
    session.flush()
    return to_officer(row)


def set_disabled(session: Session, officer_id: int, disabled: bool) -> Officer:
    """Disable or enable an account."""
    row = session.get(OfficerRow, officer_id)
    if row is None:
        raise NotFoundError("account.not_found", name=f"id={officer_id}")
    row.disabled = disabled
    return to_officer(row)


def active_admins(session: Session) -> int:
    """How many administrators can still log in."""
    rows = session.scalars(select(OfficerRow).where(OfficerRow.role == Role.ADMIN.value))
    return sum(1 for r in rows if not r.disabled)


def make_admin(session: Session, username: str, display_name: str) -> None:
    """Give ``username`` (any case) a working administrator account, creating it if needed."""
    existing = _row(session, username)
    if existing is None:
        session.add(OfficerRow(username=username, display_name=display_name, role=Role.ADMIN.value))
    else:
        existing.role, existing.disabled = Role.ADMIN.value, False


def add_profile_info(session: Session, name: str, school_district: str, kind: str) -> None:
    """The profile's own record (written once, when it is created)."""
    session.add(ProfileInfo(id=1, name=name, school_district=school_district, kind=kind))


def rename_profile(session: Session, name: str) -> None:
    """Store the association's new name."""
    info = session.get(ProfileInfo, 1)
    if info is not None:
        info.name = name
