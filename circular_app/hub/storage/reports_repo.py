"""Queries of adoption reports: receipts, the report of each month, offline enrollment keys.

Functions take the caller's Session (the service owns the transaction) and return plain values
or frozen dataclasses; ORM rows never leave this module.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from circular_app.domain.adoption import AdoptionReport
from circular_app.hub.storage.models import (
    AdoptionReportRow,
    AssociationRow,
    EnrollmentCodeRow,
    OfflineEnrollmentRow,
    ReportReceiptRow,
    SchoolDistrictRow,
)
from circular_app.hub.storage.registry_repo import AssociationRecord, EnrollmentCodeRecord, record


def receipt_exists(session: Session, report_id: str) -> bool:
    """A report with this ``report_id`` was accepted before."""
    return (
        session.scalar(select(ReportReceiptRow.id).where(ReportReceiptRow.report_id == report_id)) is not None
    )


def add_receipt(
    session: Session, report: AdoptionReport, association_id: int, via: str, now: dt.datetime
) -> bool:
    """Remember the ``report_id``; False when a concurrent writer recorded it first (unique key)."""
    session.add(
        ReportReceiptRow(
            report_id=report.report_id,
            association_id=association_id,
            month=report.month,
            via=via,
            received_at=now,
        )
    )
    try:
        session.flush()
    except IntegrityError:
        return False
    return True


def keep_report(
    session: Session,
    association_id: int,
    report: AdoptionReport,
    generated_at: dt.datetime,
    via: str,
    now: dt.datetime,
) -> tuple[bool, bool]:
    """Store the month's report unless a newer one is there; return ``(replaced, kept_newer)``."""
    row = session.scalar(
        select(AdoptionReportRow).where(
            AdoptionReportRow.association_id == association_id, AdoptionReportRow.month == report.month
        )
    )
    if row is not None and row.generated_at >= generated_at:
        return False, True
    replaced = row is not None
    if row is None:
        row = AdoptionReportRow(association_id=association_id, month=report.month)
        session.add(row)
    row.report_id = report.report_id
    row.fiscal_year = report.fiscal_year
    row.households_total = report.households_total
    row.households_digital = report.households_digital
    row.digital_circulars_published = report.digital_circulars_published
    row.digital_confirmation_rate = float(report.digital_confirmation_rate)
    row.generated_at = generated_at
    row.received_at = now
    row.via = via
    return replaced, False


def association_of_key(session: Session, public_key: str) -> AssociationRecord | None:
    """The association whose remembered offline key this is, or ``None``."""
    known = session.execute(
        select(AssociationRow)
        .join(OfflineEnrollmentRow, OfflineEnrollmentRow.association_id == AssociationRow.id)
        .where(OfflineEnrollmentRow.public_key == public_key)
    ).scalar_one_or_none()
    if known is None:
        return None
    return record(known, session.get_one(SchoolDistrictRow, known.school_district_id).name)


def enrollment_codes(session: Session) -> list[EnrollmentCodeRecord]:
    """Every stored enrollment code with its association."""
    rows = session.execute(
        select(EnrollmentCodeRow, AssociationRow, SchoolDistrictRow.name)
        .join(AssociationRow, AssociationRow.id == EnrollmentCodeRow.association_id)
        .join(SchoolDistrictRow, SchoolDistrictRow.id == AssociationRow.school_district_id)
    ).all()
    return [
        EnrollmentCodeRecord(
            code.id, code.code_hash, code.used_at, code.expires_at, record(association, district)
        )
        for code, association, district in rows
    ]


def enroll_offline_key(
    session: Session, code_id: int, association_id: int, public_key: str, now: dt.datetime
) -> None:
    """Use up the code and remember the key (a fresh code with a new key replaces the old key)."""
    session.get_one(EnrollmentCodeRow, code_id).used_at = now
    enrollment = session.get(OfflineEnrollmentRow, association_id)
    if enrollment is None:
        session.add(
            OfflineEnrollmentRow(association_id=association_id, public_key=public_key, enrolled_at=now)
        )
    else:
        enrollment.public_key = public_key
        enrollment.enrolled_at = now
    session.flush()
