"""Queries of the city's adoption KPI: the facts per association, declared apps, surveys.

Functions take the caller's Session (the service owns the transaction) and return plain values
or frozen dataclasses; ORM rows never leave this module. The KPI rules themselves (what counts,
from which month) stay in :mod:`circular_app.hub.services.kpi`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session

from circular_app.hub.storage.models import (
    AdoptionReportRow,
    AssociationRow,
    AssociationTokenRow,
    CircularRow,
    ConfirmationRow,
    DeclaredAppRow,
    OfflineEnrollmentRow,
    RecipientRow,
    SchoolDistrictRow,
    SurveyFigureRow,
)

# Which adoption reports count as evidence: offline (file) reports with circulars published and
# a confirmation rate above zero, offline reports with circulars published, or any report with
# households reading digitally.
ReportEvidence = Literal["file_published_and_confirmed", "file_published", "households_digital"]


@dataclass(frozen=True)
class AssociationFacts:
    """An association as the KPI sees it."""

    id: int
    name: str
    district_id: int
    revoked: bool


@dataclass(frozen=True)
class ReportFacts:
    """An association's reports up to the last month viewed."""

    association_id: int
    last_month: str  # the latest report's month
    first_month: str | None  # the first month whose report is evidence
    households: int  # of the latest report
    digital: int


@dataclass(frozen=True)
class DeclaredFacts:
    """Another app an association declared."""

    association_id: int
    app: str
    since_month: str
    households: int | None


@dataclass(frozen=True)
class KpiFacts:
    """Everything the KPI computation reads, gathered in one read transaction."""

    districts: dict[int, str]
    associations: list[AssociationFacts]
    online: list[int]  # association ids with an association token
    offline: list[int]  # association ids enrolled by a signed report file
    first_published: list[tuple[int, dt.datetime]]  # first addressed digital circular
    first_confirmed: list[tuple[int, dt.datetime]]  # first 「読みました」 (when asked for)
    reports: list[ReportFacts]
    declared: list[DeclaredFacts]


def gather(session: Session, evidence: ReportEvidence, with_confirmations: bool, last: str) -> KpiFacts:
    """Every 校下 and association with the records the KPI counts, up to month ``last``.

    Column selects run on the session's connection (Core rows, no ORM loading): this is
    the city-wide hot path (benchmarks/kpi_aggregate.py).
    """
    conn = session.connection()
    districts = {
        id_: name for id_, name in conn.execute(select(SchoolDistrictRow.id, SchoolDistrictRow.name))
    }
    associations = [
        AssociationFacts(row.id, row.name, row.school_district_id, row.revoked_at is not None)
        for row in conn.execute(
            select(
                AssociationRow.id,
                AssociationRow.name,
                AssociationRow.school_district_id,
                AssociationRow.revoked_at,
            )
        )
    ]
    online = list(conn.scalars(select(AssociationTokenRow.association_id).distinct()))
    offline = list(conn.scalars(select(OfflineEnrollmentRow.association_id)))

    addressed = exists().where(RecipientRow.circular_id == CircularRow.id)
    first_published = [
        (association_id, first)
        for association_id, first in conn.execute(
            select(CircularRow.association_id, func.min(CircularRow.published_at))
            .where(addressed)
            .group_by(CircularRow.association_id)
        )
    ]
    first_confirmed: list[tuple[int, dt.datetime]] = []
    if with_confirmations:
        first_confirmed = [
            (association_id, first)
            for association_id, first in conn.execute(
                select(ConfirmationRow.association_id, func.min(ConfirmationRow.confirmed_at)).group_by(
                    ConfirmationRow.association_id
                )
            )
        ]

    report = AdoptionReportRow
    if evidence == "file_published_and_confirmed":
        condition = and_(
            report.via == "file",
            report.digital_circulars_published > 0,
            report.digital_confirmation_rate > 0,
        )
    elif evidence == "file_published":
        condition = and_(report.via == "file", report.digital_circulars_published > 0)
    else:
        condition = report.households_digital > 0
    summary = (
        select(
            report.association_id.label("association_id"),
            func.max(report.month).label("last_month"),
            func.min(case((condition, report.month))).label("first_month"),
        )
        .where(report.month <= last)
        .group_by(report.association_id)
        .subquery()
    )
    latest = select(
        summary.c.association_id,
        summary.c.last_month,
        summary.c.first_month,
        report.households_total,
        report.households_digital,
    ).join(
        report,
        and_(report.association_id == summary.c.association_id, report.month == summary.c.last_month),
    )
    reports = [
        ReportFacts(association_id, last_month, first_month, total, digital)
        for association_id, last_month, first_month, total, digital in conn.execute(latest)
    ]

    declared = select(
        DeclaredAppRow.association_id,
        DeclaredAppRow.app,
        DeclaredAppRow.since_month,
        DeclaredAppRow.households,
    )
    declared_apps = [
        DeclaredFacts(row.association_id, row.app, row.since_month, row.households)
        for row in conn.execute(declared)
    ]
    return KpiFacts(
        districts, associations, online, offline, first_published, first_confirmed, reports, declared_apps
    )


def association_by_name(session: Session, name: str) -> tuple[int, str] | None:
    """(id, name) of the association of this exact name, or ``None``."""
    row = session.scalar(select(AssociationRow).where(AssociationRow.name == name))
    return (row.id, row.name) if row is not None else None


def district_id(session: Session, name: str) -> int | None:
    """The id of the 校下 of this exact name, or ``None``."""
    return session.scalar(select(SchoolDistrictRow.id).where(SchoolDistrictRow.name == name))


def declare_app(
    session: Session,
    association_id: int,
    app: str,
    since_month: str,
    households: int | None,
    now: dt.datetime,
) -> None:
    """Record (or replace) an association's declared app."""
    declared = session.get(DeclaredAppRow, association_id)
    if declared is None:
        declared = DeclaredAppRow(association_id=association_id)
        session.add(declared)
    declared.app = app
    declared.since_month = since_month
    declared.households = households
    declared.declared_at = now


def withdraw_app(session: Session, association_id: int) -> bool:
    """Delete an association's declared app; False when it had none."""
    declared = session.get(DeclaredAppRow, association_id)
    if declared is None:
        return False
    session.delete(declared)
    return True


def add_survey(session: Session, date: dt.date, value: int, note: str, now: dt.datetime) -> None:
    """Record a survey figure."""
    session.add(SurveyFigureRow(date=date, value=value, note=note, created_at=now))


def surveys(session: Session) -> list[tuple[dt.date, int, str]]:
    """Every survey figure (date, value, note), by date."""
    return [
        (row.date, row.value, row.note)
        for row in session.scalars(select(SurveyFigureRow).order_by(SurveyFigureRow.date, SurveyFigureRow.id))
    ]
