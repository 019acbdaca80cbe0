"""A circular's audience is fixed when it is published (issue #18, item 1).

The scenario of the issue, on the demo profile (60 households, real SQLite): publish, import
``resources/samples/roster-sample.csv`` (15 households, 順番 1–5 in three 班) with a route
order choice, and nothing about past or circulating circulars changes: rates, ホーム, the
No.7 entry rows, the paper 回覧表 (read back from the PDF), the 3班 reminder sheet, stuck
boards, the adoption counts. A household added later is in a circular only after
「この回覧にも加える」.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import Circular, CircularDraft, Status
from circular_app.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from circular_app.domain.reads import Channel, ReadEntry
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.domain.roster_import import RouteOrder
from circular_app.paths import bundle_root
from circular_app.services.pdf_export import ExportRequest, PdfExportService
from circular_app.storage.models import CircularRecipientRow
from tests.pdf.helpers import text_of

SAMPLE = bundle_root() / "resources" / "samples" / "roster-sample.csv"


@dataclass(frozen=True)
class Seen:
    """Everything the officer sees of past and circulating circulars."""

    rates: dict[int, str]
    per_han: dict[int, tuple[tuple[str, str], ...]]
    overall: str
    stuck: tuple[str, ...]
    overdue: tuple[int, ...]
    entry_no7: tuple[tuple[int, int, str], ...]
    sheets_no7: tuple[str, ...]
    reminder_3han: tuple[int, str]
    adoption: tuple[int, float]
    household_rates: dict[int, str]
    matrix_unread: int


def _by_number(s: ProfileServices, number: int) -> Circular:
    return s.circulars.by_number(number)


def _seen(s: ProfileServices, app: App, tmp: Path) -> Seen:
    published = [c for c in s.circulars.list_circulars() if c.status is not Status.DRAFT]
    statuses = {c.number: s.reads.circular_status(c.id) for c in published if c.number is not None}
    dashboard = s.reads.dashboard()
    no7 = _by_number(s, 7)
    hans = {h.id: h.name for h in s.roster.list_hans()}
    out = tmp / "sheets"
    exporter = PdfExportService(s.circulars, s.roster, "見本町会", app.paths.fonts, workers=1)
    files = exporter.export(ExportRequest(no7.id, han_copies=True), out).files
    han3 = next(h for h in s.roster.list_hans() if h.name == "3班")
    reminder = tmp / "reminder.pdf"
    listed = s.reads.write_reminder(reminder, no7.id, han3.id, app.paths.fonts)
    report = s.adoption.build()
    grid = s.reads.grid()
    unread = sum(
        1
        for c in grid.circulars
        for h in grid.households
        if c.recipients is not None
        and h.id in c.recipients
        and h.id not in grid.paper.get(c.id, ())
        and h.id not in grid.digital.get(c.id, ())
    )
    seen = Seen(
        rates={n: st.rate.percent_text for n, st in statuses.items()},
        per_han={n: tuple((han.name, r.percent_text) for han, r in st.per_han) for n, st in statuses.items()},
        overall=dashboard.overall_rate.percent_text,
        stuck=tuple(b.describe() for b in dashboard.stuck),
        overdue=tuple(c.number or 0 for c in dashboard.overdue),
        entry_no7=tuple((h.han_id, h.route_position, h.name) for h in s.reads.audience(no7.id)),
        sheets_no7=tuple(text_of(f) for f in files),
        reminder_3han=(listed, text_of(reminder)),
        adoption=(report.digital_circulars_published, report.digital_confirmation_rate),
        household_rates={hid: r.percent_text for hid, r in s.reads.household_rates().items()},
        matrix_unread=unread,
    )
    assert hans  # the demo has its 班
    return seen


Imported = tuple[ProfileServices, Seen, Seen, dict[str, str]]


@pytest.fixture
def imported(demo_services: ProfileServices, app: App, tmp_path: Path) -> Imported:
    """The demo with one more circular published, seen before and after importing the sample.

    The last item maps each imported household's name to its 班's name.
    """
    s = demo_services
    s.circulars.publish(s.circulars.new_draft(CircularDraft(title="臨時のお知らせ", body="本文です。")).id)
    before = _seen(s, app, tmp_path / "before")
    old = {h.id for h in s.roster.list_households()}
    result = s.roster.import_roster(SAMPLE.read_bytes(), SAMPLE.name, route_order=RouteOrder.INSERT)
    hans = {h.id: h.name for h in s.roster.list_hans()}
    joined = {h.name: hans[h.han_id] for h in s.roster.list_households() if h.id not in old}
    assert result.added == 15 and len(s.roster.list_households()) == 75 and len(joined) == 15
    return s, before, _seen(s, app, tmp_path / "after"), joined


def test_import_keeps_every_past_rate(imported: Imported) -> None:
    """No.1 stays 97%（58/60） and every other circular's rate and 班 rates are unchanged."""
    _s, before, after, _joined = imported
    assert after.rates[1] == "97%（58/60）"
    assert after.rates == before.rates and after.per_han == before.per_han


def test_import_keeps_the_dashboard(imported: Imported) -> None:
    """ホーム's 既読率, stuck boards and overdue circulars are unchanged."""
    _s, before, after, _joined = imported
    assert (after.overall, after.stuck, after.overdue) == (before.overall, before.stuck, before.overdue)


def test_import_keeps_the_no7_entry_rows_and_paper_sheet(imported: Imported) -> None:
    """No.7's entry rows are its 回覧表's rows, before and after (the PDF read back)."""
    _s, before, after, joined = imported
    assert after.entry_no7 == before.entry_no7
    assert after.sheets_no7 == before.sheets_no7
    first_han = before.entry_no7[0][0]
    names = [n for h, _p, n in after.entry_no7 if h == first_han]
    sheet = after.sheets_no7[0]
    assert [sheet.index(n) for n in names] == sorted(sheet.index(n) for n in names)
    assert not any(name in "".join(after.sheets_no7) for name in joined)


def test_import_keeps_the_3han_reminder(imported: Imported) -> None:
    """The 3班 reminder sheet of No.7 lists the same households (none of the imported ones)."""
    _s, before, after, joined = imported
    assert after.reminder_3han == before.reminder_3han
    newcomers = [name for name, han in joined.items() if han == "3班"]
    assert newcomers and not any(name in after.reminder_3han[1] for name in newcomers)


def test_import_keeps_adoption_and_matrix(imported: Imported) -> None:
    """Adoption figures, each existing household's rate and the matrix's unread cells stay."""
    _s, before, after, _joined = imported
    assert after.adoption == before.adoption
    assert after.matrix_unread == before.matrix_unread
    assert {
        k: v for k, v in after.household_rates.items() if k in before.household_rates
    } == before.household_rates


def test_new_household_joins_only_when_added(demo_services: ProfileServices) -> None:
    """A household added later is offered No.7, and is in it only after この回覧にも加える."""
    s = demo_services
    no7 = _by_number(s, 7)
    han3 = next(h for h in s.roster.list_hans() if h.name == "3班")
    last_on_route = max(h.route_position for h in s.reads.audience(no7.id) if h.han_id == han3.id)
    targeted = s.reads.circular_status(no7.id).rate.targeted
    new = s.roster.add_household(HouseholdDraft(name="新入 太郎", han_id=han3.id))
    assert new.id not in {h.id for h in s.reads.audience(no7.id)}
    assert s.reads.circular_status(no7.id).rate.targeted == targeted
    offers = {o.circular.number: o.household_ids for o in s.circulars.offers_for([new.id])}
    assert offers.get(7) == (new.id,)
    assert all(
        _by_number(s, n).status is Status.PUBLISHED for n in offers
    )  # closed circulars are not offered
    assert s.circulars.add_recipients(no7.id, [new.id]) == 1
    placed = next(h for h in s.reads.audience(no7.id) if h.id == new.id)
    assert (placed.han_id, placed.route_position) == (han3.id, last_on_route + 1)
    status = s.reads.circular_status(no7.id)
    assert status.rate.targeted == targeted + 1 and new.id in {h.id for h in status.unread}
    assert 7 not in {o.circular.number for o in s.circulars.offers_for([new.id])}
    assert s.circulars.add_recipients(no7.id, [new.id]) == 0  # already there: nothing rewritten
    with s.context.sessions() as session:
        row = session.get(CircularRecipientRow, (no7.id, new.id))
        published = session.get(CircularRecipientRow, (no7.id, s.reads.audience(no7.id)[0].id))
        assert row is not None and published is not None
        assert (row.source, row.added_by, published.source) == ("added", "demo", "publish")
        assert row.added_at > published.added_at


def test_moving_out_keeps_the_household_in_past_circulars(demo_services: ProfileServices) -> None:
    """A household that moves out after No.1 was issued still counts in No.1."""
    s = demo_services
    no1 = _by_number(s, 1)
    rate = s.reads.circular_status(no1.id).rate
    household = next(h for h in s.reads.audience(no1.id))
    s.roster.move_out(household.id, no1.issue_date.replace(year=no1.issue_date.year + 1))
    assert s.reads.circular_status(no1.id).rate == rate


def test_moving_between_han_keeps_the_route(demo_services: ProfileServices) -> None:
    """A household moved to another 班 after publication stays on No.7's sheet where it was."""
    s = demo_services
    no7 = _by_number(s, 7)
    route = [(h.id, h.han_id, h.route_position) for h in s.reads.audience(no7.id)]
    moving = s.roster.list_households()[0]
    other = next(h for h in s.roster.list_hans() if h.id != moving.han_id)
    s.roster.update_household(moving.id, HouseholdDraft(name=moving.name, han_id=other.id))
    assert [(h.id, h.han_id, h.route_position) for h in s.reads.audience(no7.id)] == route


def test_correction_keeps_the_snapshot(demo_services: ProfileServices) -> None:
    """A correction (訂正) published after an import keeps the audience of the first publication."""
    s = demo_services
    no7 = _by_number(s, 7)
    before = [h.id for h in s.reads.audience(no7.id)]
    s.roster.add_household(HouseholdDraft(name="新入 花子", han_id=s.roster.list_hans()[0].id))
    s.circulars.correct(no7.id, no7.as_draft(), "日付の訂正")
    assert [h.id for h in s.reads.audience(no7.id)] == before


def test_draft_follows_the_live_roster(demo_services: ProfileServices) -> None:
    """A draft has no snapshot: a household added is in it at once, and fixed when published."""
    s = demo_services
    draft = s.circulars.new_draft(CircularDraft(title="下書きの回覧", body="本文です。"))
    assert draft.recipients is None
    new = s.roster.add_household(HouseholdDraft(name="新入 次郎", han_id=s.roster.list_hans()[0].id))
    assert new.id in {h.id for h in s.reads.audience(draft.id)}
    published = s.circulars.publish(draft.id)
    assert published.recipients is not None and new.id in published.recipients


def test_adding_refuses_closed_and_wrong_delivery(demo_services: ProfileServices) -> None:
    """A closed circular takes no household; a digital-only one takes no paper household."""
    s = demo_services
    closed = next(c for c in s.circulars.list_circulars() if c.status is Status.CLOSED)
    new = s.roster.add_household(HouseholdDraft(name="新入 三郎", han_id=s.roster.list_hans()[0].id))
    with pytest.raises(ConflictError):
        s.circulars.add_recipients(closed.id, [new.id])
    from circular_app.domain.circulars import Audience

    digital = s.circulars.publish(
        s.circulars.new_draft(CircularDraft(title="デジタルのみ", body="本文", audience=Audience.DIGITAL)).id
    )
    with pytest.raises(ValidationError):
        s.circulars.add_recipients(digital.id, [new.id])
    assert new.delivery is Delivery.PAPER


def test_han_leader_adds_only_in_own_han(demo_services: ProfileServices, app: App) -> None:
    """A 班長 may give a circular to a household of their own 班 only."""
    s = demo_services
    hans = s.roster.list_hans()
    own = s.roster.add_household(HouseholdDraft(name="新入 四郎", han_id=hans[0].id))
    other = s.roster.add_household(HouseholdDraft(name="新入 五郎", han_id=hans[1].id))
    s.accounts.add_officer("hancho", "班長 一", Role.HAN_LEADER, "han-leader-pass-1", hans[0].id)
    leader = app.services_for(app.profiles.open_profile(s.context.ref, "hancho", "han-leader-pass-1"))
    try:
        no7 = leader.circulars.by_number(7)
        with pytest.raises(PermissionDeniedError):
            leader.circulars.add_recipients(no7.id, [other.id])
        assert leader.circulars.add_recipients(no7.id, [own.id]) == 1
    finally:
        leader.context.close()


def test_reads_of_added_household_count(demo_services: ProfileServices) -> None:
    """Once added, the household's stamp counts in No.7's rate."""
    s = demo_services
    no7 = _by_number(s, 7)
    new = s.roster.add_household(HouseholdDraft(name="新入 六郎", han_id=s.roster.list_hans()[0].id))
    s.circulars.add_recipients(no7.id, [new.id])
    read = s.reads.circular_status(no7.id).rate.read
    s.reads.record(no7.id, [ReadEntry(new.id, Channel.PAPER, no7.issue_date)])
    assert s.reads.circular_status(no7.id).rate.read == read + 1
