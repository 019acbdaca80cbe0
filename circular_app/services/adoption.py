"""The adoption report: what this association tells the city, previewed before it is sent.

Online associations send it through the sync outbox: each sync round queues the current
month's figures (at most once a day) and, once a month has ended, that month's final figures
(once), see :meth:`AdoptionService.queue_due`; ``adoption-report --send`` queues one by hand.
Associations without internet enroll with ``connect-hub --offline --code CODE`` and hand in a
signed file on a USB stick. Practice profiles never report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

from circular_app.domain.adoption import AdoptionReport, last_day_of
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.circulars import Status
from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.reads import Channel, Rate, is_targeted
from circular_app.domain.roster import Delivery
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, outbox_repo, reads_repo, secret_repo
from circular_app.storage import circular_repo as crepo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.clock import utcnow
from circular_app.support.files import atomic_write_bytes

CODE_SECRET = "enrollment_code"
KEY_SECRET = "report_signing_key"


class AdoptionService:
    """Builds, previews, queues and signs adoption reports."""

    def __init__(self, context: ProfileContext, today: dt.date | None = None) -> None:
        self._ctx = context
        self._today = today

    def build(self, month: dt.date | None = None) -> AdoptionReport:
        """The report for the month of ``month`` (default: this month), counts only."""
        day = month or self._today or dt.date.today()
        fy = fiscal_year(day)
        with self._ctx.sessions() as session:
            households = rrepo.household_values(session, active_only=True)
            digital = [h for h in households if h.delivery is Delivery.DIGITAL]
            circulars = [
                c
                for c in crepo.listing(session, fiscal_year=fy)
                if c.status is not Status.DRAFT and c.audience.value != "paper" and c.issue_date <= day
            ]
            targeted = sum(1 for c in circulars for h in digital if is_targeted(c, h))
            confirmed = reads_repo.count(session, [c.id for c in circulars], Channel.DIGITAL)
        return AdoptionReport(
            report_id=str(uuid.uuid4()),
            association=self._ctx.ref.name,
            school_district=self._ctx.ref.school_district,
            fiscal_year=fy,
            month=f"{day:%Y-%m}",
            households_total=len(households),
            households_digital=len(digital),
            digital_circulars_published=len(circulars),
            digital_confirmation_rate=round(min(1.0, Rate(confirmed, targeted).ratio), 4),
            generated_at=utcnow().isoformat(timespec="seconds"),
        )

    def _refuse_practice(self) -> None:
        if self._ctx.ref.kind == "practice":
            raise ConflictError("adoption.practice")

    def enqueue(self, month: dt.date | None = None) -> AdoptionReport:
        """Queue the report for the hub (online associations)."""
        self._refuse_practice()
        report = self.build(month)
        with self._ctx.sessions.begin() as session:
            if not outbox_repo.enqueue_item(session, "adoption_report", report.to_json()):
                raise NotFoundError("adoption.not_connected")
            audit_repo.append(
                session, self._ctx.officer.username, "adoption_report", "", {"month": report.month}
            )
        return report

    def queue_due(self, today: dt.date, at: dt.datetime) -> tuple[AdoptionReport, ...]:
        """Queue what the sync sends by itself; return the reports queued (often none).

        ``today`` is the day in Japan, ``at`` the moment (naive UTC) written as each report's
        ``generated_at``, so the hub keeps the newest figures of a month. Queued: the final
        figures of each month that ended since the last final report (counted up to its last
        day), and the current month's figures unless they were queued today. Nothing for a
        practice profile, a profile not connected, or one enrolled for report files only.
        """
        if self._ctx.ref.kind == "practice":
            return ()
        with self._ctx.sessions() as session:
            conn = outbox_repo.hub_connection(session)
            if conn is None or conn.offline:
                return ()
            schedule = outbox_repo.report_schedule(session)
        finals, current = schedule.due(today)
        if not finals and not current:
            return ()
        stamp = at.isoformat(timespec="seconds")
        days = [last_day_of(month) for month in finals] + ([today] if current else [])
        # The counting stays in build(); only the time of the figures is the round's.
        reports = tuple(dataclasses.replace(self.build(day), generated_at=stamp) for day in days)
        with self._ctx.sessions.begin() as session:
            for report in reports:
                outbox_repo.enqueue_item(session, "adoption_report", report.to_json())
            outbox_repo.set_report_schedule(session, schedule.after(today, finals))
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "adoption_report",
                "",
                {"months": [r.month for r in reports], "automatic": True},
            )
        return reports

    def connect_offline(self, code: str) -> None:
        """Record the enrollment code and make this association's signing key (no network)."""
        from circular_app.formats import report_file  # cryptography's keys: not on every log-in

        self._refuse_practice()
        self._ctx.require(self._ctx.officer.can_manage_accounts, "オフライン登録")
        if not code.strip():
            raise ValidationError("登録コード", "field.empty")
        with self._ctx.sessions.begin() as session:
            if outbox_repo.hub_connection(session) is not None:
                raise ConflictError("adoption.already_enrolled")
            outbox_repo.add_connection(session, "", offline=True)
            secret_repo.put(session, CODE_SECRET, code.strip())
            secret_repo.put(session, KEY_SECRET, report_file.new_private_key())
            audit_repo.append(session, self._ctx.officer.username, "hub_connect", "", {"offline": True})

    @staticmethod
    def _secret(session: Session, name: str) -> str:
        value = secret_repo.get(session, name)
        if value is None:
            raise NotFoundError("adoption.not_enrolled_offline")
        return value

    def export_signed(self, path: Path, month: dt.date | None = None) -> AdoptionReport:
        """Write the signed report file for the city to import."""
        from circular_app.formats import report_file

        self._refuse_practice()
        report = self.build(month)
        with self._ctx.sessions.begin() as session:
            data = report_file.sign_report(
                report, self._secret(session, KEY_SECRET), self._secret(session, CODE_SECRET)
            )
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "adoption_report",
                "",
                {"month": report.month, "file": True},
            )
        atomic_write_bytes(path, data)
        return report
