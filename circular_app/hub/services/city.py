"""City staff on the hub: accounts (role 市職員), sessions, the registry CSV and the action plan.

City staff read aggregates and manage the registry of 校下 and associations; they have no way
to read a circular, a household or a reader link: their token is accepted only by the
``/api/v1/city/*`` routes, and those routes only return figures (see docs/kpi.md).

Passwords are hashed with scrypt (``hashlib.scrypt``: N=2^15, r=8, p=1, 16-byte salt);
session tokens are 256-bit random values stored as their SHA-256, valid for 12 hours.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from circular_app.domain.action_plan import (
    MAX_PLAN_BYTES,
    ActionPlan,
    ActionPlanError,
    PlanProblem,
)
from circular_app.domain.action_plan_parse import parse_action_plan
from circular_app.domain.csv_bytes import decode_csv_bytes
from circular_app.domain.errors import ConflictError, CsvImportError, CsvProblem, ValidationError
from circular_app.domain.text import trim
from circular_app.hub.services.tokens import sha256_hex
from circular_app.hub.storage import city_repo
from circular_app.hub.storage.database import Sessions
from circular_app.support.clock import utcnow

ROLE_CITY = "市職員"
SESSION_HOURS = 12
MIN_PASSWORD = 10
MAX_NAME = 100
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1
_SCRYPT_MAXMEM = 64 * 1024 * 1024
# A hash of a password nobody has: a login with an unknown name costs the same time.
_DUMMY = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64) of a password."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=_SCRYPT_N,
        r=_SCRYPT_R,
        p=_SCRYPT_P,
        maxmem=_SCRYPT_MAXMEM,
        dklen=32,
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of a password against :func:`hash_password`'s output."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_SCRYPT_MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(actual, expected)


def new_password() -> str:
    """A one-time password that is easy to type: 4 groups of 4 (about 80 bits)."""
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    chars = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class CityUser:
    """An authenticated city staff member."""

    id: int
    username: str
    role: str


@dataclass(frozen=True)
class CitySession:
    """The answer to a successful login (the token is shown once)."""

    token: str
    username: str
    role: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class RegistryLine:
    """One line of a registry CSV."""

    line: int
    school_district: str
    association: str


@dataclass(frozen=True)
class RegistryImport:
    """What a registry import changed."""

    added_school_districts: int
    added_associations: int
    unchanged: int

    def to_json(self) -> dict[str, int]:
        """The API form."""
        return {
            "added_school_districts": self.added_school_districts,
            "added_associations": self.added_associations,
            "unchanged": self.unchanged,
        }


_DISTRICT_HEADERS = ("校下", "校下名", "地区", "校下(地区)", "school_district")
_ASSOCIATION_HEADERS = ("町会名", "町会", "町内会", "町内会名", "association")


def parse_registry_csv(data: bytes, source: str) -> list[RegistryLine]:
    """Read a ``校下,町会名`` CSV (UTF-8 with or without BOM, or CP932); every bad line named."""
    text, _encoding = decode_csv_bytes(data, source)
    problems: list[CsvProblem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    lines: list[RegistryLine] = []
    header: tuple[int, int] | None = None
    seen: dict[str, int] = {}
    try:
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if not any(trim(c) for c in cells):
                continue
            if header is None:
                keys = [trim(c).replace("（", "(").replace("）", ")") for c in cells]
                district = next((i for i, k in enumerate(keys) if k in _DISTRICT_HEADERS), None)
                association = next((i for i, k in enumerate(keys) if k in _ASSOCIATION_HEADERS), None)
                if district is None or association is None:
                    raise CsvImportError(source, [CsvProblem.coded(line, "", "csv.registry_header")])
                header = (district, association)
                continue
            district_name = trim(cells[header[0]]) if header[0] < len(cells) else ""
            name = trim(cells[header[1]]) if header[1] < len(cells) else ""
            bad = False
            for column, value in (("校下", district_name), ("町会名", name)):
                if not value:
                    problems.append(CsvProblem.coded(line, column, "field.empty"))
                    bad = True
                elif len(value) > MAX_NAME:
                    problems.append(CsvProblem.coded(line, column, "csv.too_long", count=MAX_NAME))
                    bad = True
                elif "\x00" in value:
                    problems.append(CsvProblem.coded(line, column, "csv.bad_characters"))
                    bad = True
            if bad:
                continue
            if name in seen:
                problems.append(
                    CsvProblem.coded(line, "町会名", "csv.duplicate_association", name=name, first=seen[name])
                )
                continue
            seen[name] = line
            lines.append(RegistryLine(line, district_name, name))
    except csv.Error as exc:
        problems.append(CsvProblem.coded(reader.line_num + 1, "", "csv.unreadable", detail=str(exc)))
    if header is None and not problems:
        raise CsvImportError(source, [CsvProblem.coded(1, "", "csv.no_header_empty")])
    if problems:
        raise CsvImportError(source, problems)
    return lines


class CityService:
    """City staff accounts and sessions, the registry import, the published action plan."""

    def __init__(self, sessions: Sessions, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    # -- accounts -------------------------------------------------------------------------

    def add_user(self, username: str, password: str | None = None) -> str:
        """Create a 市職員 account; returns the password (generated when not given)."""
        name = trim(username)
        if not name or len(name) > MAX_NAME or any(c.isspace() for c in name):
            raise ValidationError("ユーザー名", "hub.city_user_name")
        chosen = password if password is not None else new_password()
        if len(chosen) < MIN_PASSWORD:
            raise ValidationError("パスワード", "hub.city_password_short", count=MIN_PASSWORD)
        hashed = hash_password(chosen)
        with self._sessions.write.begin() as session:
            if city_repo.username_taken(session, name):
                raise ConflictError("hub.city_user_exists", name=name)
            city_repo.add_user(session, name, hashed, ROLE_CITY, self._clock())
        return chosen

    def login(self, username: str, password: str) -> CitySession | None:
        """A new session token for a correct name and password; ``None`` otherwise."""
        with self._sessions.read() as session:
            row = city_repo.user_by_name(session, trim(username))
        stored = row.password_hash if row is not None and row.disabled_at is None else _DUMMY
        if not verify_password(password, stored) or row is None or row.disabled_at is not None:
            return None
        token = secrets.token_urlsafe(32)
        now = self._clock()
        expires = now + dt.timedelta(hours=SESSION_HOURS)
        with self._sessions.write.begin() as session:
            city_repo.start_session(session, row.id, sha256_hex(token), now, expires)
        return CitySession(token, row.username, row.role, expires)

    def authenticate(self, bearer: str) -> CityUser | None:
        """The city user of a valid, unexpired session token."""
        if not bearer or len(bearer) > 200:
            return None
        with self._sessions.read() as session:
            found = city_repo.session_user(session, sha256_hex(bearer), self._clock())
        return CityUser(*found) if found else None

    # -- registry -------------------------------------------------------------------------

    def import_registry(self, data: bytes, source: str) -> RegistryImport:
        """Add the 校下 and associations of a CSV, all or nothing (no codes: see enrollment letters).

        A line naming an association already registered in the same 校下 is left unchanged (a
        revoked one stays revoked), so the whole registry can be imported again; one registered
        in another 校下 is a problem of that line.
        """
        lines = parse_registry_csv(data, source)
        now = self._clock()
        with self._sessions.write.begin() as session:
            districts = city_repo.district_ids(session)
            district_names = {v: k for k, v in districts.items()}
            existing = city_repo.association_districts(session)
            problems: list[CsvProblem] = []
            for line in lines:
                found = existing.get(line.association)
                if found is None:
                    continue
                registered = district_names[found]
                if registered != line.school_district:
                    problems.append(
                        CsvProblem.coded(
                            line.line,
                            "町会名",
                            "csv.association_elsewhere",
                            name=line.association,
                            district=registered,
                        )
                    )
            if problems:
                raise CsvImportError(source, problems)
            added_districts = added = unchanged = 0
            for line in lines:
                if line.association in existing:
                    unchanged += 1
                    continue
                district_id = districts.get(line.school_district)
                if district_id is None:
                    district_id = city_repo.add_district(session, line.school_district, now)
                    districts[line.school_district] = district_id
                    added_districts += 1
                city_repo.add_association(session, str(uuid.uuid4()), line.association, district_id, now)
                added += 1
        return RegistryImport(added_districts, added, unchanged)

    # -- the action plan ------------------------------------------------------------------

    def publish_plan(self, text: str, username: str, source: str = "") -> ActionPlan:
        """Store a newer edition of the plan file; an older or equal edition is refused."""
        if len(text.encode("utf-8")) > MAX_PLAN_BYTES:
            raise ActionPlanError("", PlanProblem.TOO_LARGE, f"{len(text.encode('utf-8')):,}", source)
        plan = parse_action_plan(text.removeprefix("\ufeff"), source)
        with self._sessions.write.begin() as session:
            shown = city_repo.latest_plan(session)
            if shown is not None and plan.data_version < shown.data_version:
                raise ActionPlanError(
                    "data_version", PlanProblem.OLDER_VERSION, str(shown.data_version), source
                )
            if shown is not None and plan.data_version == shown.data_version:
                raise ActionPlanError(
                    "data_version", PlanProblem.SAME_VERSION, str(shown.data_version), source
                )
            city_repo.add_plan_edition(
                session, plan.data_version, text.removeprefix("\ufeff"), self._clock(), username
            )
        return plan

    def current_plan(self) -> dict[str, Any] | None:
        """The newest published plan as its JSON object (``None`` when none was published)."""
        with self._sessions.read() as session:
            row = city_repo.latest_plan(session)
            text = row.text if row is not None else None
        if text is None:
            return None
        value: dict[str, Any] = json.loads(text)
        return value
