"""Adoption reports on the hub: from a desktop's sync, or from a signed file (no internet).

A report holds counts only (docs/adoption-report.md). The hub keeps one report per
association and month — the newest by ``generated_at`` — and remembers every ``report_id`` it
accepted, so a replay is recognised: ``duplicate`` through sync, refused from a file.

The association is always the authenticated one: the bearer token's, or the one whose
enrollment code authenticates the file's key (``key_proof``) or whose key the hub already
remembers. The association and 校下 names written inside a report are informational only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from circular_app.domain.adoption import AdoptionReport, parse_report
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.errors import UserError, ValidationError
from circular_app.formats.report_file import ReportFileError, VerifiedReport, proof_matches, read_signed
from circular_app.hub.storage import reports_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.registry_repo import AssociationRecord
from circular_app.hub.storage.session import Session
from circular_app.support.clock import utcnow

Via = Literal["sync", "file"]
MAX_COUNT = 10_000_000
MAX_FILE_BYTES = 64 * 1024
_REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_EARLIEST, _LATEST = dt.datetime(2000, 1, 1), dt.datetime(2200, 12, 31)


class ReportRefusedError(UserError):
    """A report that cannot be stored; the message is a one-line reason without content."""


class ReplayedReportError(ReportRefusedError):
    """The report's ``report_id`` was accepted before."""


@dataclass(frozen=True)
class CheckedReport:
    """A report that passed the hub's bounds, with ``generated_at`` as naive UTC."""

    report: AdoptionReport
    generated_at: dt.datetime


@dataclass(frozen=True)
class ImportedReport:
    """The outcome of ``hub import-report FILE``."""

    association: str
    school_district: str
    month: str
    households_total: int
    households_digital: int
    first_file: bool  # the key was authenticated by the enrollment code just now
    replaced: bool  # an older report of the same month was replaced
    kept_newer: bool  # a newer report of the same month was already there (this one is kept on file)
    names_differ: bool  # the names written in the file are not the registry's


def check_report(report: AdoptionReport) -> CheckedReport:
    """The hub's own bounds on a parsed report (storable in both backends, consistent)."""
    if not isinstance(report.report_id, str) or not _REPORT_ID.match(report.report_id):
        raise ValidationError("report_id", "英数字・-・_ の64文字以内ではありません")
    for name in ("households_total", "households_digital", "digital_circulars_published"):
        if getattr(report, name) > MAX_COUNT:
            raise ValidationError(name, "大きすぎます")
    if not 1990 <= report.fiscal_year <= 2200:
        raise ValidationError("fiscal_year", "1990〜2200 ではありません")
    year, month = (int(part) for part in report.month.split("-"))
    if not 1990 <= year <= 2201 or fiscal_year(dt.date(year, month, 1)) != report.fiscal_year:
        raise ValidationError("month", f"{report.fiscal_year}年度の月ではありません")
    for name in ("association", "school_district"):
        value = getattr(report, name)
        if not isinstance(value, str) or len(value) > 200 or "\x00" in value:
            raise ValidationError(name, "文字列として正しくありません")
    try:
        generated = dt.datetime.fromisoformat(report.generated_at)
        if generated.tzinfo is not None:
            generated = generated.astimezone(dt.UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValidationError("generated_at", "日時の形ではありません") from exc
    if not _EARLIEST <= generated <= _LATEST:
        raise ValidationError("generated_at", "日時が範囲外です")
    return CheckedReport(report, generated)


def parse_payload(payload: object) -> CheckedReport:
    """A sync item's payload (the report JSON) → a checked report, or ValidationError."""
    return check_report(parse_report(payload, "adoption_report"))


def store_report(
    session: Session, association_id: int, checked: CheckedReport, via: Via, now: dt.datetime
) -> tuple[bool, bool]:
    """Record the report in ``session``; return ``(replaced, kept_newer)``.

    Raises :class:`ReplayedReportError` when the ``report_id`` was accepted before (also when
    a concurrent request recorded it first: the unique constraint decides).
    """
    report = checked.report
    if reports_repo.receipt_exists(session, report.report_id):
        raise ReplayedReportError("hub.report_replayed", report_id=report.report_id)
    if not reports_repo.add_receipt(session, report, association_id, via, now):
        raise ReplayedReportError("hub.report_replayed", report_id=report.report_id)
    return reports_repo.keep_report(session, association_id, report, checked.generated_at, via, now)


class ReportImporter:
    """``hub import-report FILE``: signed files of associations without internet."""

    def __init__(self, sessions: Sessions, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def import_bytes(self, data: bytes, source: str) -> ImportedReport:
        """Verify and store one signed file; on any refusal nothing changes.

        Refusals (:class:`ReportRefusedError`, one line each): a malformed file, a signature
        that does not match (tampered), a key that is neither remembered nor authenticated by
        an unused enrollment code, a replayed ``report_id``, a revoked association.
        """
        if len(data) > MAX_FILE_BYTES:
            raise ReportRefusedError("hub.report_too_large", source=source)
        try:
            verified = read_signed(data, source)
            checked = check_report(verified.report)
        except ReportFileError as exc:
            raise ReportRefusedError(str(exc)) from exc
        except ValidationError as exc:
            raise ReportRefusedError(f"{source}: {exc}") from exc
        now = self._clock()
        with self._sessions.write.begin() as session:
            association, first = self._owner(session, verified, source, now)
            try:
                replaced, kept_newer = store_report(session, association.id, checked, "file", now)
            except ReplayedReportError as exc:
                raise ReplayedReportError(f"{source}: {exc}") from exc
            report = checked.report
            return ImportedReport(
                association=association.name,
                school_district=association.school_district,
                month=report.month,
                households_total=report.households_total,
                households_digital=report.households_digital,
                first_file=first,
                replaced=replaced,
                kept_newer=kept_newer,
                names_differ=(report.association, report.school_district)
                != (association.name, association.school_district),
            )

    def _owner(
        self, session: Session, verified: VerifiedReport, source: str, now: dt.datetime
    ) -> tuple[AssociationRecord, bool]:
        """The association the file's key belongs to; authenticates (and remembers) a new key."""
        known = reports_repo.association_of_key(session, verified.public_key)
        if known is not None:
            if known.revoked_at is not None:
                raise ReportRefusedError("hub.report_revoked", source=source, name=known.name)
            return known, False
        if verified.key_proof is None:
            raise ReportRefusedError("hub.report_key_unknown", source=source)
        # The proof is an HMAC keyed by sha256(code): try each stored code digest (a few thousand
        # at most, microseconds each). The code itself never reaches the hub.
        candidates = reports_repo.enrollment_codes(session)
        code = next((code for code in candidates if proof_matches(verified, code.code_hash)), None)
        if code is None:
            raise ReportRefusedError("hub.report_no_code", source=source)
        association = code.association
        if association.revoked_at is not None:
            raise ReportRefusedError("hub.report_revoked", source=source, name=association.name)
        if code.used_at is not None:
            raise ReportRefusedError("hub.report_code_used", source=source)
        if code.expires_at < now:
            raise ReportRefusedError("hub.report_code_expired", source=source)
        reports_repo.enroll_offline_key(session, code.id, association.id, verified.public_key, now)
        return association, True
