"""The registry of associations: add one (with a one-time code), enroll, authenticate, revoke.

One public method = one action = one transaction. Methods return frozen dataclasses; the queries
live in :mod:`circular_app.hub.storage.registry_repo`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.text import trim
from circular_app.hub.services.tokens import (
    new_association_token,
    new_enrollment_code,
    normalize_enrollment_code,
    sha256_hex,
)
from circular_app.hub.storage import registry_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.session import Session
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

    def _new_code(self, session: Session, association_id: int) -> tuple[str, dt.datetime]:
        code = new_enrollment_code()
        expires = self._clock() + dt.timedelta(days=ENROLLMENT_CODE_DAYS)
        registry_repo.add_enrollment_code(session, association_id, sha256_hex(code), self._clock(), expires)
        return code, expires

    def add_association(self, name: str, school_district: str) -> NewAssociation:
        """Register a 町会 in its 校下 (created when new) and issue a one-time code."""
        name = _clean_name(name, "町会名")
        district_name = _clean_name(school_district, "校下")
        with self._sessions.write.begin() as session:
            if registry_repo.name_taken(session, name):
                raise ConflictError("hub.already_registered", name=name)
            association = registry_repo.add_association(
                session, str(uuid.uuid4()), name, district_name, self._clock()
            )
            code, expires = self._new_code(session, association.id)
            return NewAssociation(association.public_id, name, district_name, code, expires)

    def list_associations(self) -> list[AssociationInfo]:
        """Every association, by 校下 then name."""
        with self._sessions.read() as session:
            return [
                AssociationInfo(
                    row.association.public_id,
                    row.association.name,
                    row.association.school_district,
                    row.association.created_at,
                    row.enrolled,
                    row.association.revoked_at is not None,
                    row.offline,
                )
                for row in registry_repo.list_associations(session)
            ]

    def revoke_association(self, name: str) -> AssociationInfo:
        """Revoke every token and unused code of the association; its reader links stop too."""
        with self._sessions.write.begin() as session:
            row = registry_repo.association_by_name(session, trim(name))
            if row is None:
                raise NotFoundError("hub.association_unknown", name=trim(name))
            registry_repo.revoke_association(session, row.id, self._clock())
            return AssociationInfo(row.public_id, row.name, row.school_district, row.created_at, True, True)

    def enroll(self, typed_code: str) -> Enrollment:
        """Exchange a one-time code for a new association token (the code is used up)."""
        code_hash = sha256_hex(normalize_enrollment_code(typed_code))
        now = self._clock()
        with self._sessions.write.begin() as session:
            code = registry_repo.enrollment_code(session, code_hash)
            if code is None:
                raise EnrollmentRefusedError
            association = code.association
            if code.used_at is not None or code.expires_at < now or association.revoked_at is not None:
                raise EnrollmentRefusedError
            if not registry_repo.use_enrollment_code(session, code.id, now):
                raise EnrollmentRefusedError
            token = new_association_token()
            registry_repo.add_association_token(session, association.id, sha256_hex(token), now)
            return Enrollment(association.public_id, token, association.name, association.school_district)

    def new_code(self, name: str) -> NewAssociation:
        """Issue another one-time code (a lost letter, a new PC); earlier tokens stay valid."""
        with self._sessions.write.begin() as session:
            row = registry_repo.association_by_name(session, trim(name))
            if row is None:
                raise NotFoundError("hub.association_unknown", name=trim(name))
            if row.revoked_at is not None:
                raise ConflictError("hub.already_revoked", name=row.name)
            code, expires = self._new_code(session, row.id)
            return NewAssociation(row.public_id, row.name, row.school_district, code, expires)

    def authenticate(self, bearer: str) -> AssociationRef | None:
        """The association of a valid, unrevoked token; ``None`` otherwise."""
        if not bearer or len(bearer) > 200:
            return None
        with self._sessions.read() as session:
            found = registry_repo.authenticated_association(session, sha256_hex(bearer))
            return AssociationRef(*found) if found else None
