"""Queries of the city side: staff accounts and sessions, the registry import, the action plan.

Functions take the caller's Session (the service owns the transaction) and return plain values
or frozen dataclasses; ORM rows never leave this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from circular_app.hub.storage.models import (
    ActionPlanEditionRow,
    AssociationRow,
    CityTokenRow,
    CityUserRow,
    SchoolDistrictRow,
)


@dataclass(frozen=True)
class CityUserRecord:
    """A city staff account as stored (with its password hash)."""

    id: int
    username: str
    role: str
    password_hash: str
    disabled_at: dt.datetime | None


@dataclass(frozen=True)
class PlanEdition:
    """One published edition of the action plan file."""

    data_version: int
    text: str


def username_taken(session: Session, username: str) -> bool:
    """An account of this name exists."""
    return session.scalar(select(CityUserRow.id).where(CityUserRow.username == username)) is not None


def add_user(session: Session, username: str, password_hash: str, role: str, now: dt.datetime) -> None:
    """Create an account."""
    session.add(CityUserRow(username=username, password_hash=password_hash, role=role, created_at=now))


def user_by_name(session: Session, username: str) -> CityUserRecord | None:
    """The account of this name, or ``None``."""
    row = session.scalar(select(CityUserRow).where(CityUserRow.username == username))
    if row is None:
        return None
    return CityUserRecord(row.id, row.username, row.role, row.password_hash, row.disabled_at)


def start_session(
    session: Session, user_id: int, token_hash: str, now: dt.datetime, expires_at: dt.datetime
) -> None:
    """Drop expired session tokens and store a new one."""
    session.execute(delete(CityTokenRow).where(CityTokenRow.expires_at < now))
    session.add(CityTokenRow(user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at))


def session_user(session: Session, token_hash: str, now: dt.datetime) -> tuple[int, str, str] | None:
    """(id, username, role) of the enabled account holding this unexpired session token."""
    found = session.execute(
        select(CityUserRow.id, CityUserRow.username, CityUserRow.role)
        .join(CityTokenRow, CityTokenRow.user_id == CityUserRow.id)
        .where(
            CityTokenRow.token_hash == token_hash,
            CityTokenRow.expires_at > now,
            CityUserRow.disabled_at.is_(None),
        )
    ).one_or_none()
    return (found.id, found.username, found.role) if found else None


def district_ids(session: Session) -> dict[str, int]:
    """Every 校下 name → id."""
    return {name: id_ for name, id_ in session.execute(select(SchoolDistrictRow.name, SchoolDistrictRow.id))}


def association_districts(session: Session) -> dict[str, int]:
    """Every association name → the id of its 校下."""
    rows = session.execute(select(AssociationRow.name, AssociationRow.school_district_id))
    return {name: district_id for name, district_id in rows}


def add_district(session: Session, name: str, now: dt.datetime) -> int:
    """Create a 校下; its new id."""
    district = SchoolDistrictRow(name=name, created_at=now)
    session.add(district)
    session.flush()
    return district.id


def add_association(session: Session, public_id: str, name: str, district_id: int, now: dt.datetime) -> None:
    """Create an association (without enrollment code) in a 校下."""
    session.add(
        AssociationRow(public_id=public_id, name=name, school_district_id=district_id, created_at=now)
    )


def latest_plan(session: Session) -> PlanEdition | None:
    """The newest published edition of the action plan, or ``None``."""
    row = session.scalar(
        select(ActionPlanEditionRow).order_by(ActionPlanEditionRow.data_version.desc()).limit(1)
    )
    return PlanEdition(row.data_version, row.text) if row is not None else None


def add_plan_edition(
    session: Session, data_version: int, text: str, now: dt.datetime, published_by: str
) -> None:
    """Store a new edition of the action plan."""
    session.add(
        ActionPlanEditionRow(
            data_version=data_version, text=text, published_at=now, published_by=published_by
        )
    )
