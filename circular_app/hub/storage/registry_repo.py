"""Queries of the association registry: associations, 校下, enrollment codes and tokens.

Functions take the caller's Session (the service owns the transaction) and return plain values
or frozen dataclasses; ORM rows never leave this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from circular_app.hub.storage.models import (
    AssociationRow,
    AssociationTokenRow,
    EnrollmentCodeRow,
    OfflineEnrollmentRow,
    SchoolDistrictRow,
)


@dataclass(frozen=True)
class AssociationRecord:
    """One association with the name of its 校下."""

    id: int
    public_id: str
    name: str
    school_district: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class ListedAssociation:
    """A row of the association list: the association, enrolled at least once, offline."""

    association: AssociationRecord
    enrolled: bool
    offline: bool


@dataclass(frozen=True)
class EnrollmentCodeRecord:
    """An enrollment code found by its hash, with its association."""

    id: int
    code_hash: str
    used_at: dt.datetime | None
    expires_at: dt.datetime
    association: AssociationRecord


def record(row: AssociationRow, district: str) -> AssociationRecord:
    """The frozen view of an association row (for the repositories of hub/storage)."""
    return AssociationRecord(row.id, row.public_id, row.name, district, row.created_at, row.revoked_at)


def name_taken(session: Session, name: str) -> bool:
    """An association of this exact name exists."""
    return session.scalar(select(AssociationRow.id).where(AssociationRow.name == name)) is not None


def _district(session: Session, name: str, now: dt.datetime) -> SchoolDistrictRow:
    row = session.scalar(select(SchoolDistrictRow).where(SchoolDistrictRow.name == name))
    if row is None:
        row = SchoolDistrictRow(name=name, created_at=now)
        session.add(row)
        session.flush()
    return row


def add_association(
    session: Session, public_id: str, name: str, district_name: str, now: dt.datetime
) -> AssociationRecord:
    """Insert an association in its 校下 (the 校下 is created when new)."""
    district = _district(session, district_name, now)
    association = AssociationRow(
        public_id=public_id, name=name, school_district_id=district.id, created_at=now
    )
    session.add(association)
    session.flush()
    return record(association, district_name)


def add_enrollment_code(
    session: Session, association_id: int, code_hash: str, created_at: dt.datetime, expires_at: dt.datetime
) -> None:
    """Store a one-time enrollment code (only its hash)."""
    session.add(
        EnrollmentCodeRow(
            association_id=association_id, code_hash=code_hash, created_at=created_at, expires_at=expires_at
        )
    )


def list_associations(session: Session) -> list[ListedAssociation]:
    """Every association, by 校下 then name."""
    enrolled = (
        select(AssociationTokenRow.association_id, func.count().label("n"))
        .group_by(AssociationTokenRow.association_id)
        .subquery()
    )
    query = (
        select(AssociationRow, SchoolDistrictRow.name, enrolled.c.n, OfflineEnrollmentRow.association_id)
        .join(SchoolDistrictRow, SchoolDistrictRow.id == AssociationRow.school_district_id)
        .outerjoin(enrolled, enrolled.c.association_id == AssociationRow.id)
        .outerjoin(OfflineEnrollmentRow, OfflineEnrollmentRow.association_id == AssociationRow.id)
        .order_by(SchoolDistrictRow.name, AssociationRow.name)
    )
    return [
        ListedAssociation(record(row, district), bool(n), offline is not None)
        for row, district, n, offline in session.execute(query).all()
    ]


def association_by_name(session: Session, name: str) -> AssociationRecord | None:
    """The association of this exact name, or ``None``."""
    row = session.scalar(select(AssociationRow).where(AssociationRow.name == name))
    if row is None:
        return None
    district = session.get_one(SchoolDistrictRow, row.school_district_id)
    return record(row, district.name)


def revoke_association(session: Session, association_id: int, now: dt.datetime) -> None:
    """Mark the association revoked (once) with every live token and unused code."""
    row = session.get_one(AssociationRow, association_id)
    row.revoked_at = row.revoked_at or now
    session.execute(
        update(AssociationTokenRow)
        .where(AssociationTokenRow.association_id == association_id, AssociationTokenRow.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.execute(
        update(EnrollmentCodeRow)
        .where(EnrollmentCodeRow.association_id == association_id, EnrollmentCodeRow.used_at.is_(None))
        .values(used_at=now)
    )


def enrollment_code(session: Session, code_hash: str) -> EnrollmentCodeRecord | None:
    """The enrollment code with this hash and its association, or ``None``."""
    found = session.execute(
        select(EnrollmentCodeRow, AssociationRow, SchoolDistrictRow.name)
        .join(AssociationRow, AssociationRow.id == EnrollmentCodeRow.association_id)
        .join(SchoolDistrictRow, SchoolDistrictRow.id == AssociationRow.school_district_id)
        .where(EnrollmentCodeRow.code_hash == code_hash)
    ).one_or_none()
    if found is None:
        return None
    code, association, district = found
    return EnrollmentCodeRecord(
        code.id, code.code_hash, code.used_at, code.expires_at, record(association, district)
    )


def use_enrollment_code(session: Session, code_id: int, now: dt.datetime) -> bool:
    """Mark the code used unless it already is; True when this call won."""
    # Conditional update: of two simultaneous uses of one code, only one wins.
    won = session.execute(
        update(EnrollmentCodeRow)
        .where(EnrollmentCodeRow.id == code_id, EnrollmentCodeRow.used_at.is_(None))
        .values(used_at=now)
        .returning(EnrollmentCodeRow.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    return won is not None


def add_association_token(session: Session, association_id: int, token_hash: str, now: dt.datetime) -> None:
    """Store a new association token (only its hash)."""
    session.add(AssociationTokenRow(association_id=association_id, token_hash=token_hash, created_at=now))


def authenticated_association(session: Session, token_hash: str) -> tuple[int, str, str] | None:
    """(id, public id, name) of the unrevoked association holding this unrevoked token."""
    row = session.execute(
        select(AssociationRow.id, AssociationRow.public_id, AssociationRow.name)
        .join(AssociationTokenRow, AssociationTokenRow.association_id == AssociationRow.id)
        .where(
            AssociationTokenRow.token_hash == token_hash,
            AssociationTokenRow.revoked_at.is_(None),
            AssociationRow.revoked_at.is_(None),
        )
    ).one_or_none()
    return (row.id, row.public_id, row.name) if row else None
