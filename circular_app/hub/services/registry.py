"""The registry of associations: add one (with a one-time code), enroll, authenticate, revoke.

One public method = one action = one transaction. Methods return frozen dataclasses; ORM rows
never leave this module.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.text import trim
from circular_app.hub.services.tokens import (
    new_association_token,
    new_enrollment_code,
    normalize_enrollment_code,
    sha256_hex,
)
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.models import (
    AssociationRow,
    AssociationTokenRow,
    EnrollmentCodeRow,
    OfflineEnrollmentRow,
    SchoolDistrictRow,
)
from circular_app.support.clock import utcnow

ENROLLMENT_CODE_DAYS = 90
MAX_NAME = 100


@dataclass(frozen=True)
class AssociationRef:
    """The association a request is authenticated as."""

    id: int
    public_id: str
    name: str


@dataclass(frozen=True)
class AssociationInfo:
    """A row of ``hub list-associations``."""

    public_id: str
    name: str
    school_district: str
    created_at: dt.datetime
    enrolled: bool
    revoked: bool
    offline: bool = False  # enrolled without internet (its first signed report file was imported)


@dataclass(frozen=True)
class NewAssociation:
    """An association just added, with its one-time enrollment code (shown once)."""

    public_id: str
    name: str
    school_district: str
    code: str
    code_expires_at: dt.datetime


@dataclass(frozen=True)
class Enrollment:
    """The answer to a valid enrollment code."""

    association_id: str
    token: str
    name: str
    school_district: str


class EnrollmentRefusedError(Exception):
    """The code is unknown, used, expired, or its association is revoked (one reason for all)."""


def _clean_name(value: str, field: str) -> str:
    name = trim(value)
    if not name:
        raise ValidationError(field, "空欄です")
    if len(name) > MAX_NAME:
        raise ValidationError(field, f"{MAX_NAME}文字以内にしてください")
    return name


class Registry:
    """Associations and their credentials."""

    def __init__(self, sessions: Sessions, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def _district(self, session: Session, name: str) -> SchoolDistrictRow:
        row = session.scalar(select(SchoolDistrictRow).where(SchoolDistrictRow.name == name))
        if row is None:
            row = SchoolDistrictRow(name=name, created_at=self._clock())
            session.add(row)
            session.flush()
        return row

    def _new_code(self, session: Session, association: AssociationRow) -> tuple[str, dt.datetime]:
        code = new_enrollment_code()
        expires = self._clock() + dt.timedelta(days=ENROLLMENT_CODE_DAYS)
        session.add(
            EnrollmentCodeRow(
                association_id=association.id,
                code_hash=sha256_hex(code),
                created_at=self._clock(),
                expires_at=expires,
            )
        )
        return code, expires

    def add_association(self, name: str, school_district: str) -> NewAssociation:
        """Register a 町会 in its 校下 (created when new) and issue a one-time code."""
        name = _clean_name(name, "町会名")
        district_name = _clean_name(school_district, "校下")
        with self._sessions.write.begin() as session:
            if session.scalar(select(AssociationRow.id).where(AssociationRow.name == name)) is not None:
                raise ConflictError(f"「{name}」は既に登録されています")
            district = self._district(session, district_name)
            association = AssociationRow(
                public_id=str(uuid.uuid4()),
                name=name,
                school_district_id=district.id,
                created_at=self._clock(),
            )
            session.add(association)
            session.flush()
            code, expires = self._new_code(session, association)
            return NewAssociation(association.public_id, name, district_name, code, expires)

    def list_associations(self) -> list[AssociationInfo]:
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
        with self._sessions.read() as session:
            return [
                AssociationInfo(
                    row.public_id,
                    row.name,
                    district,
                    row.created_at,
                    bool(n),
                    row.revoked_at is not None,
                    offline is not None,
                )
                for row, district, n, offline in session.execute(query).all()
            ]

    def revoke_association(self, name: str) -> AssociationInfo:
        """Revoke every token and unused code of the association; its reader links stop too."""
        with self._sessions.write.begin() as session:
            row = session.scalar(select(AssociationRow).where(AssociationRow.name == trim(name)))
            if row is None:
                raise NotFoundError(f"町会「{trim(name)}」は登録されていません")
            now = self._clock()
            row.revoked_at = row.revoked_at or now
            session.execute(
                update(AssociationTokenRow)
                .where(AssociationTokenRow.association_id == row.id, AssociationTokenRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            session.execute(
                update(EnrollmentCodeRow)
                .where(EnrollmentCodeRow.association_id == row.id, EnrollmentCodeRow.used_at.is_(None))
                .values(used_at=now)
            )
            district = session.get_one(SchoolDistrictRow, row.school_district_id)
            return AssociationInfo(row.public_id, row.name, district.name, row.created_at, True, True)

    def enroll(self, typed_code: str) -> Enrollment:
        """Exchange a one-time code for a new association token (the code is used up)."""
        code_hash = sha256_hex(normalize_enrollment_code(typed_code))
        now = self._clock()
        with self._sessions.write.begin() as session:
            found = session.execute(
                select(EnrollmentCodeRow, AssociationRow, SchoolDistrictRow.name)
                .join(AssociationRow, AssociationRow.id == EnrollmentCodeRow.association_id)
                .join(SchoolDistrictRow, SchoolDistrictRow.id == AssociationRow.school_district_id)
                .where(EnrollmentCodeRow.code_hash == code_hash)
            ).one_or_none()
            if found is None:
                raise EnrollmentRefusedError
            code, association, district = found
            if code.used_at is not None or code.expires_at < now or association.revoked_at is not None:
                raise EnrollmentRefusedError
            # Conditional update: of two simultaneous uses of one code, only one wins.
            won = session.execute(
                update(EnrollmentCodeRow)
                .where(EnrollmentCodeRow.id == code.id, EnrollmentCodeRow.used_at.is_(None))
                .values(used_at=now)
                .returning(EnrollmentCodeRow.id)
                .execution_options(synchronize_session=False)
            ).scalar_one_or_none()
            if won is None:
                raise EnrollmentRefusedError
            token = new_association_token()
            session.add(
                AssociationTokenRow(
                    association_id=association.id, token_hash=sha256_hex(token), created_at=now
                )
            )
            return Enrollment(association.public_id, token, association.name, district)

    def new_code(self, name: str) -> NewAssociation:
        """Issue another one-time code (a lost letter, a new PC); earlier tokens stay valid."""
        with self._sessions.write.begin() as session:
            row = session.scalar(select(AssociationRow).where(AssociationRow.name == trim(name)))
            if row is None:
                raise NotFoundError(f"町会「{trim(name)}」は登録されていません")
            if row.revoked_at is not None:
                raise ConflictError(f"「{row.name}」は取り消し済みです")
            code, expires = self._new_code(session, row)
            district = session.get_one(SchoolDistrictRow, row.school_district_id)
            return NewAssociation(row.public_id, row.name, district.name, code, expires)

    def authenticate(self, bearer: str) -> AssociationRef | None:
        """The association of a valid, unrevoked token; ``None`` otherwise."""
        if not bearer or len(bearer) > 200:
            return None
        with self._sessions.read() as session:
            row = session.execute(
                select(AssociationRow.id, AssociationRow.public_id, AssociationRow.name)
                .join(AssociationTokenRow, AssociationTokenRow.association_id == AssociationRow.id)
                .where(
                    AssociationTokenRow.token_hash == sha256_hex(bearer),
                    AssociationTokenRow.revoked_at.is_(None),
                    AssociationRow.revoked_at.is_(None),
                )
            ).one_or_none()
            return AssociationRef(row.id, row.public_id, row.name) if row else None
