"""Who has read what: entering returned 回覧表 stamps, the reader matrix, rates and dashboards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from circular_app.domain.activity import Activity
from circular_app.domain.calendar import fiscal_year, fiscal_year_bounds
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.reads import (
    STUCK_BOARD_DAYS,
    CellState,
    Channel,
    Rate,
    ReadEntry,
    ReadRecord,
    StuckBoard,
    cell_state,
    circular_rate,
    household_rate,
    is_targeted,
    stuck_boards,
    total_rate,
)
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.roster_csv import encode_excel_csv
from circular_app.services.activity import ActivityLog, emits
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, reads_repo
from circular_app.storage import circular_repo as crepo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.files import atomic_write_bytes, make_private

Today = Callable[[], dt.date]
StuckDays = Callable[[], int]

__all__ = ["CircularReadStatus", "Dashboard", "ReadEntry", "ReaderGrid", "ReaderMatrix", "ReaderService"]


@dataclass(frozen=True)
class ReaderMatrix:
    """Households (rows, 班 then route order) × circulars (columns, newest first)."""

    hans: tuple[Han, ...]
    households: tuple[Household, ...]
    circulars: tuple[Circular, ...]
    records: dict[tuple[int, int], ReadRecord] = field(default_factory=dict)

    def state(self, row: int, column: int) -> CellState:
        """The cell for household ``row`` and circular ``column``."""
        household, circular = self.households[row], self.circulars[column]
        return cell_state(circular, household, self.records.get((circular.id, household.id)))

    def record(self, row: int, column: int) -> ReadRecord | None:
        """The read record behind a cell, if any."""
        return self.records.get((self.circulars[column].id, self.households[row].id))


@dataclass(frozen=True)
class ReaderGrid:
    """The reader matrix in compact form, for big tables: who read each circular, by channel.

    Dates and recorders are left out: with 1,000 households × 200 circulars this loads in a
    small fraction of the time of :class:`ReaderMatrix` (no object per record). Look a cell's
    details up with :meth:`ReaderService.history` when they are asked for.
    """

    hans: tuple[Han, ...]
    households: tuple[Household, ...]  # 班 then route order
    circulars: tuple[Circular, ...]  # newest first
    paper: dict[int, tuple[int, ...]]  # circular id → household ids stamped on paper
    digital: dict[int, tuple[int, ...]]  # circular id → household ids confirmed digitally
    as_of: dt.date  # "today" for overdue


@dataclass(frozen=True)
class CircularReadStatus:
    """Everything the officer asks about one circular."""

    circular: Circular
    rate: Rate
    per_han: tuple[tuple[Han, Rate], ...]
    unread: tuple[Household, ...]
    stuck: tuple[StuckBoard, ...]
    overdue: bool


@dataclass(frozen=True)
class Dashboard:
    """The start page's figures."""

    circulars_this_month: int
    overall_rate: Rate
    digital_households: int
    active_households: int
    digital_confirmations: int
    confirmations: int
    overdue: tuple[Circular, ...]
    stuck: tuple[StuckBoard, ...]

    @property
    def digital_share(self) -> float:
        """Households reading digitally / active households."""
        return self.digital_households / self.active_households if self.active_households else 0.0


class ReaderService:
    """Read records of the open profile."""

    def __init__(
        self,
        context: ProfileContext,
        today: Today = dt.date.today,
        activity: ActivityLog | None = None,
        stuck_days: StuckDays = lambda: STUCK_BOARD_DAYS,
    ) -> None:
        """``stuck_days`` gives the current setting: days without a stamp before a board is stuck."""
        self._ctx = context
        self._today = today
        self._stuck_days = stuck_days
        self.activity = activity or ActivityLog()

    # ----- recording ---------------------------------------------------------------------
    @emits(Activity.READ_RECORDED)
    def record(
        self, circular_id: int, entries: Sequence[ReadEntry], device: str | None = None
    ) -> list[ReadRecord]:
        """Record stamps or confirmations in one transaction (a whole 班 at once).

        A pair already recorded keeps its first time; the repeat is noted in the history.
        A 班長 may only record for households of their own 班.
        """
        by = device or self._ctx.officer.username
        with self._ctx.sessions.begin() as session:
            if crepo.get(session, circular_id).status is Status.DRAFT:
                raise ValidationError("回覧", "reads.draft")
            allowed = self._allowed_hans()
            households = {h.id: h for h in rrepo.household_values(session)}
            for entry in entries:
                household = households.get(entry.household_id)
                if household is None:
                    raise NotFoundError("roster.household_id_not_found", household_id=entry.household_id)
                if allowed is not None and household.han_id not in allowed:
                    self._ctx.require(False, "ほかの班の既読の記録")
                if entry.read_on > self._today() + dt.timedelta(days=1):
                    raise ValidationError("日付", "reads.future_date", date=entry.read_on)
            result = reads_repo.record(session, circular_id, entries, by)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "read_record",
                f"circular:{circular_id}",
                {"entries": len(entries)},
            )
            return result

    def remove(self, circular_id: int, household_ids: Iterable[int]) -> int:
        """Take records back (undo of a mis-click); the history keeps what happened."""
        ids = list(household_ids)
        with self._ctx.sessions.begin() as session:
            allowed = self._allowed_hans()
            wanted = set(ids)
            rows = [r for hid, r in reads_repo.records(session, circular_id).items() if hid in wanted]
            for row in rows:
                if (
                    allowed is not None
                    and rrepo.household_value(session, row.household_id).han_id not in allowed
                ):
                    self._ctx.require(False, "ほかの班の既読の取り消し")
            reads_repo.remove(session, circular_id, rows, self._ctx.officer.username)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "read_remove",
                f"circular:{circular_id}",
                {"entries": len(rows)},
            )
            return len(rows)

    def _allowed_hans(self) -> set[int] | None:
        officer = self._ctx.officer
        if officer.sees_all_hans:
            return None
        return {officer.han_id} if officer.han_id is not None else set()

    # ----- reading -----------------------------------------------------------------------
    def records(self, circular_id: int) -> dict[int, ReadRecord]:
        """Household id → record for one circular."""
        with self._ctx.sessions() as session:
            return reads_repo.records(session, circular_id)

    def history(
        self, circular_id: int, household_id: int
    ) -> list[tuple[str, Channel, dt.date, str, dt.datetime]]:
        """(action, channel, date, by, at) rows for one cell, oldest first."""
        with self._ctx.sessions() as session:
            return reads_repo.history(session, circular_id, household_id)

    def _load(self, session: Session) -> tuple[list[Han], list[Household]]:
        allowed = self._allowed_hans()
        hans = [h for h in rrepo.han_values(session) if allowed is None or h.id in allowed]
        visible = {h.id for h in hans}
        households = [h for h in rrepo.household_values(session) if h.han_id in visible]
        return hans, households

    def matrix(
        self,
        year: int | None = None,
        han_id: int | None = None,
        unread_only: bool = False,
        limit: int | None = None,
    ) -> ReaderMatrix:
        """The reader matrix for a fiscal year (default: this one), published and closed circulars."""
        fy = year if year is not None else fiscal_year(self._today())
        with self._ctx.sessions() as session:
            hans, households = self._load(session)
            circulars = [c for c in crepo.listing(session, fiscal_year=fy) if c.status is not Status.DRAFT]
            if limit is not None:
                circulars = circulars[:limit]
            records = reads_repo.records_of(session, [c.id for c in circulars])
        if han_id is not None:
            households = [h for h in households if h.han_id == han_id]
        if unread_only:
            households = [
                h
                for h in households
                if any(cell_state(c, h, records.get((c.id, h.id))) is CellState.UNREAD for c in circulars)
            ]
        return ReaderMatrix(tuple(hans), tuple(households), tuple(circulars), records)

    def grid(self, year: int | None = None) -> ReaderGrid:
        """The reader matrix of a fiscal year (default: this one) in compact form."""
        fy = year if year is not None else fiscal_year(self._today())
        with self._ctx.sessions() as session:
            hans, households = self._load(session)
            circulars = [c for c in crepo.listing(session, fiscal_year=fy) if c.status is not Status.DRAFT]
            paper, digital = reads_repo.readers_by_channel(session, [c.id for c in circulars])
        return ReaderGrid(tuple(hans), tuple(households), tuple(circulars), paper, digital, self._today())

    def circular_status(self, circular_id: int) -> CircularReadStatus:
        """Rates (overall and per 班), unread households, stuck boards and overdue flag."""
        with self._ctx.sessions() as session:
            circular = crepo.get(session, circular_id)
            hans, households = self._load(session)
        records = self.records(circular_id)
        channels = {hid: r.channel for hid, r in records.items()}
        stamped_on = {hid: r.read_on for hid, r in records.items() if r.channel is Channel.PAPER}
        return self._status(circular, hans, households, channels, stamped_on)

    def circular_status_by_number(self, number: int, year: int | None = None) -> CircularReadStatus:
        """As :meth:`circular_status`, by 回覧No."""
        fy = year if year is not None else fiscal_year(self._today())
        with self._ctx.sessions() as session:
            found = crepo.get_by_number(session, fy, number)
        return self.circular_status(found.id)

    def _status(
        self,
        circular: Circular,
        hans: list[Han],
        households: list[Household],
        channels: Mapping[int, Channel],
        stamped_on: Mapping[int, dt.date],
    ) -> CircularReadStatus:
        # The targeted households are found once and grouped by 班 once: the dashboard calls
        # this for every circular, and scanning every household for every 班 cost seconds at
        # 1,000 households x 200 circulars. circular_rate filters by is_targeted itself, so
        # handing it only targeted households gives the same rates (the one computation).
        targeted = [h for h in households if is_targeted(circular, h)]
        by_han: dict[int, list[Household]] = {}
        for household in targeted:
            by_han.setdefault(household.han_id, []).append(household)
        per_han = tuple(
            (han, circular_rate(circular, by_han[han.id], channels)) for han in hans if han.id in by_han
        )
        unread = tuple(h for h in targeted if h.id not in channels)
        return CircularReadStatus(
            circular=circular,
            rate=circular_rate(circular, targeted, channels),
            per_han=per_han,
            unread=unread,
            stuck=tuple(
                stuck_boards(
                    circular,
                    hans,
                    households,
                    channels,
                    stamped_on,
                    today=self._today(),
                    published_on=_local_day(circular.published_at),
                    days=self._stuck_days(),
                )
            ),
            overdue=circular.is_overdue(self._today()) and bool(unread),
        )

    def household_rates(self, year: int | None = None) -> dict[int, Rate]:
        """Per household over a fiscal year: circulars read / circulars targeted."""
        m = self.matrix(year)
        rates = {}
        for row, household in enumerate(m.households):
            rates[household.id] = household_rate(m.state(row, col) for col in range(len(m.circulars)))
        return rates

    def dashboard(self) -> Dashboard:
        """Figures for the start page."""
        today = self._today()
        # The compact grid: ホーム opens in well under a second even at 1,000 × 200.
        g = self.grid()
        first_of_month = today.replace(day=1)
        rates: list[Rate] = []
        digital_reads = confirmations = 0
        overdue: list[Circular] = []
        stuck: list[StuckBoard] = []
        # Stamp days only of circulars someone may still have to read: old, finished ones are skipped.
        pending = [
            c.id
            for c in g.circulars
            if len(g.paper.get(c.id, ())) + len(g.digital.get(c.id, ())) < len(g.households)
        ]
        with self._ctx.sessions() as session:
            stamp_days = reads_repo.paper_stamp_days(session, pending)
        for circular in g.circulars:
            channels: dict[int, Channel] = dict.fromkeys(g.paper.get(circular.id, ()), Channel.PAPER)
            channels.update(dict.fromkeys(g.digital.get(circular.id, ()), Channel.DIGITAL))
            status = self._status(
                circular, list(g.hans), list(g.households), channels, stamp_days.get(circular.id, {})
            )
            rates.append(status.rate)
            digital_reads += len(g.digital.get(circular.id, ()))
            confirmations += len(channels)
            if status.overdue:
                overdue.append(circular)
            stuck.extend(status.stuck)
        active = [h for h in g.households if h.active]
        return Dashboard(
            circulars_this_month=sum(1 for c in g.circulars if c.issue_date >= first_of_month),
            overall_rate=total_rate(rates),
            digital_households=sum(1 for h in active if h.delivery is Delivery.DIGITAL),
            active_households=len(active),
            digital_confirmations=digital_reads,
            confirmations=confirmations,
            overdue=tuple(overdue),
            stuck=tuple(stuck),
        )

    @emits(Activity.MATRIX_EXPORTED)
    def export_matrix_csv(self, path: Path, year: int | None = None) -> str:
        """The matrix as Excel-friendly CSV (CP932 when possible); returns the encoding used."""
        m = self.matrix(year)
        names = {h.id: h.name for h in m.hans}
        header = ["ID", "班", "氏名", *[f"No.{c.number} {c.title}" for c in m.circulars]]
        rows = []
        for r, household in enumerate(m.households):
            cells = [
                m.state(r, c).label_ja if m.state(r, c) is not CellState.NOT_TARGETED else ""
                for c in range(len(m.circulars))
            ]
            rows.append([household.public_id, names.get(household.han_id, ""), household.name, *cells])
        data, encoding = encode_excel_csv(header, rows)
        atomic_write_bytes(path, data)
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session, self._ctx.officer.username, "roster_export", "", {"what": "reader_matrix"}
            )
        return encoding

    @emits(Activity.REMINDER_PRINTED)
    def write_reminder(
        self, path: Path, circular_id: int, han_ids: int | Sequence[int], font_dir: Path
    ) -> int:
        """The 班長's reminder sheets (one PDF, each 班 from a new page); returns how many are listed.

        ``han_ids`` is one 班, several, or empty for every 班 the circular goes to that this
        officer sees (a 班長: their own). Households that moved out are left off (nobody to
        remind).
        """
        from circular_app.pdf.reminder import ReminderSheet, render_reminders  # reportlab on first use

        status = self.circular_status(circular_id)
        wanted = (han_ids,) if isinstance(han_ids, int) else tuple(dict.fromkeys(han_ids))
        # per_han holds only the 班 this officer may see (a 班長: their own) that the circular goes to.
        targeted = {h.id: h for h, _rate in status.per_han}
        wanted = wanted or tuple(targeted)
        if not wanted or any(i not in targeted for i in wanted):
            raise ValidationError("班", "reads.han_not_targeted")
        sheets = [
            ReminderSheet(targeted[i].name, [h for h in status.unread if h.han_id == i and h.active])
            for i in sorted(wanted, key=lambda i: targeted[i].position)
        ]
        render_reminders(path, self._ctx.ref.name, status.circular, sheets, font_dir)
        make_private(path)  # Names and phone numbers: owner only, like every export.
        count = sum(len(s.unread) for s in sheets)
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "roster_export",  # names and phone numbers leave the app, as in a roster export
                f"circular:{circular_id}",
                {"what": "reminder_sheet", "households": count, "hans": len(sheets)},
            )
        return count

    def fiscal_year_range(self) -> tuple[dt.date, dt.date]:
        """This fiscal year's first and last day."""
        return fiscal_year_bounds(fiscal_year(self._today()))


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    """The local calendar day of a stored (naive UTC) time, such as the publication."""
    return None if moment is None else moment.replace(tzinfo=dt.UTC).astimezone().date()
