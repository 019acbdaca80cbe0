"""要配慮者 and 見守り on a real profile: who may see what, exports, audit, unread streaks."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.care import WATCH_WORDING
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import PermissionDeniedError, ValidationError
from circular_app.domain.reads import Channel, ReadEntry
from circular_app.domain.roster import HouseholdDraft
from circular_app.domain.roster_csv import decode_csv_bytes
from circular_app.services.care import CareService
from circular_app.services.context import ProfileContext
from circular_app.services.roster import RosterService
from circular_app.services.safety import SafetyService
from tests.pdf.helpers import pdftotext_lines

NOTE = "車いすを使用"


class World:
    """Two 班 of three households; the first household of 1班 is flagged 要配慮."""

    def __init__(self, app: App, services: ProfileServices) -> None:
        self.app = app
        self.services = services
        self.hans = [services.roster.add_han(f"{i}班") for i in (1, 2)]
        for han in self.hans:
            for n in range(3):
                services.roster.add_household(HouseholdDraft(name=f"{han.name}の世帯{n + 1}", han_id=han.id))
        self.households = services.roster.list_households()
        self.flagged = self.households[0]
        services.care.set_care_need(self.flagged.id, True, NOTE)
        self.opened: list[ProfileContext] = []

    def login(self, username: str, role: Role, han: int | None = None) -> ProfileContext:
        """Another officer's session on the same profile (closed by the fixture)."""
        self.services.accounts.add_officer(username, username, role, f"{username} password", han)
        context = self.app.profiles.open_profile(self.services.context.ref, username, f"{username} password")
        self.opened.append(context)
        return context

    def care_as(self, username: str, role: Role, han: int | None = None) -> CareService:
        return CareService(self.login(username, role, han))

    def audit(self, action: str) -> list[str]:
        """Detail and target of every entry of ``action``."""
        return [e.target + " " + e.detail for e in self.services.audit.entries() if e.action == action]


@pytest.fixture
def world(app: App, services: ProfileServices) -> Iterator[World]:
    """The small association, with one 要配慮 household in 1班."""
    w = World(app, services)
    yield w
    for context in w.opened:
        context.close()


# ----- 要配慮: who may see -------------------------------------------------------------------
def test_admin_sees_and_lists_care_needs_and_each_view_is_audited(world: World) -> None:
    """The 管理者 sees the flag and note, lists it, and both views are in the trail, without the note."""
    care = world.services.care
    assert care.care_need(world.flagged.id) is not None
    assert care.care_need(world.households[1].id) is None
    lines = care.care_list()
    assert [(line.household.id, line.need.note, line.label) for line in lines] == [
        (world.flagged.id, NOTE, "1班-1")
    ]
    assert len(world.audit("care_view")) == 2
    (listed,) = world.audit("care_list")
    assert '"households": 1' in listed
    changed = world.audit("care_change")
    assert changed == [f'household:{world.flagged.id} {{"flagged": true}}']
    assert not any(NOTE in e.detail or "世帯" in e.detail for e in world.services.audit.entries())


def test_own_han_leader_sees_and_edits_care_needs_of_their_han(world: World) -> None:
    """1班's 班長 sees the flag of a 1班 household and flags another one of 1班."""
    leader = world.care_as("hancho1", Role.HAN_LEADER, world.hans[0].id)
    assert leader.may_see
    need = leader.care_need(world.flagged.id)
    assert need is not None and need.note == NOTE
    leader.set_care_need(world.households[2].id, True, "耳が遠い")
    assert [line.household.id for line in leader.care_list()] == [world.flagged.id, world.households[2].id]


def test_other_han_leader_sees_nothing_of_another_han(world: World) -> None:
    """2班's 班長 can neither read nor change 1班's 要配慮; their own list is empty."""
    other = world.care_as("hancho2", Role.HAN_LEADER, world.hans[1].id)
    for call in (
        lambda: other.care_need(world.flagged.id),
        lambda: other.care_need(world.households[1].id),  # same refusal flagged or not
        lambda: other.set_care_need(world.flagged.id, False),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    assert other.care_list() == []
    assert world.services.care.care_need(world.flagged.id) is not None  # still flagged


def test_officer_sees_nothing_not_even_that_the_flag_exists(world: World) -> None:
    """A 役員 has no view at all: the list and the household are refused, the sheet has no column."""
    officer = world.care_as("yakuin", Role.OFFICER)
    assert not officer.may_see
    with pytest.raises(PermissionDeniedError):
        officer.care_list()
    with pytest.raises(PermissionDeniedError):
        officer.care_need(world.flagged.id)
    assert officer.sheet_marks(world.households) is None


def test_care_note_too_long_is_refused(world: World) -> None:
    """A note longer than the list holds gets a clear validation error; the old note stays."""
    with pytest.raises(ValidationError, match="要配慮のメモ"):
        world.services.care.set_care_need(world.flagged.id, True, "あ" * 201)
    need = world.services.care.care_need(world.flagged.id)
    assert need is not None and need.note == NOTE


# ----- 要配慮: CSV export --------------------------------------------------------------------
def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(decode_csv_bytes(path.read_bytes(), path.name)[0])))


def test_export_has_no_care_columns_unless_asked(world: World, tmp_path: Path) -> None:
    """The ordinary export says nothing of 要配慮; with the flag, the 管理者's export has it, audited."""
    plain = tmp_path / "plain.csv"
    world.services.roster.export_roster(plain)
    text = decode_csv_bytes(plain.read_bytes(), "plain.csv")[0]
    assert "要配慮" not in text and NOTE not in text
    full = tmp_path / "full.csv"
    world.services.roster.export_roster(full, with_care_needs=True)
    rows = _csv(full)
    assert rows[0][-2:] == ["要配慮", "要配慮メモ"]
    flagged = next(r for r in rows if r[0] == world.flagged.public_id)
    assert flagged[-2:] == ["○", NOTE]
    assert next(r for r in rows if r[0] == world.households[1].public_id)[-2:] == ["", ""]
    exports = world.audit("roster_export")
    assert "care_needs" not in exports[0] and '"care_needs": 1' in exports[1]


def test_export_with_care_needs_is_for_the_admin_only(world: World, tmp_path: Path) -> None:
    """The practice role may export the roster, but not with 要配慮; nothing is written."""
    roster = RosterService(world.login("trainee1", Role.TRAINEE))
    with pytest.raises(PermissionDeniedError):
        roster.export_roster(tmp_path / "x.csv", with_care_needs=True)
    assert not (tmp_path / "x.csv").exists()


# ----- 要配慮 on the safety check list ---------------------------------------------------------
def test_sheet_marks_care_needs_for_the_admin_only(world: World, tmp_path: Path) -> None:
    """The 管理者's 1班 list has the 要配慮 column and mark (audited); a 役員's list has no column."""
    paths = world.services.safety.write_sheets(tmp_path / "admin", dt.date(2026, 12, 7))
    text = "\n".join(pdftotext_lines(paths[0]))
    assert text.count("要配慮") == 2 and NOTE in text  # heading and the one mark
    assert '"purpose": "safety_sheet"' in world.audit("care_list")[-1]
    officer = SafetyService(world.login("yakuin", Role.OFFICER), world.services.font_dir)
    (mine, _other) = officer.write_sheets(tmp_path / "officer", dt.date(2026, 12, 7))
    assert "要配慮" not in "\n".join(pdftotext_lines(mine))


# ----- 見守り ----------------------------------------------------------------------------------
def _publish_past(services: ProfileServices, count: int) -> list[int]:
    ids = []
    for n in range(count):
        draft = CircularDraft(title=f"回覧{n + 1}", body="本文です。", readability_check=False)
        circular = services.circulars.publish(services.circulars.new_draft(draft).id)
        services.circulars.close(circular.id)
        ids.append(circular.id)
    return ids


def test_watch_is_off_by_default(world: World) -> None:
    """With nothing read and 見守り never turned on, the list is empty."""
    _publish_past(world.services, 3)
    assert world.services.care.watch_settings().enabled is False
    assert world.services.care.watch_list() == []


def test_watch_lists_n_unread_in_a_row_and_a_read_breaks_the_streak(world: World) -> None:
    """After 3 closed circulars, households that confirmed none are listed; a read in the last 3
    takes a household off, a read before them does not."""
    services = world.services
    services.care.set_watch_settings(True, 3)
    ids = _publish_past(services, 4)
    day = dt.date.today()
    a, b, c = world.households[0], world.households[1], world.households[3]
    services.reads.record(ids[0], [ReadEntry(a.id, Channel.PAPER, day)])  # before the last 3
    services.reads.record(ids[2], [ReadEntry(b.id, Channel.DIGITAL, day)])  # inside: breaks it
    services.reads.record(ids[3], [ReadEntry(c.id, Channel.PAPER, day)])  # the newest: breaks it
    lines = services.care.watch_list()
    listed = {line.household.id: line.unread for line in lines}
    assert a.id in listed and listed[a.id] == 3
    assert b.id not in listed and c.id not in listed
    assert listed[world.households[2].id] == 4
    assert {line.wording for line in lines} == {WATCH_WORDING}
    assert '"enabled": true' in world.audit("watch_setting")[0]


def test_watch_counts_only_circulars_the_household_was_sent(world: World) -> None:
    """Circulars addressed to 2班 only do not count against 1班's households."""
    services = world.services
    services.care.set_watch_settings(True, 2)
    draft = CircularDraft(title="2班だけ", body="本文です。", target_han_ids=(world.hans[1].id,))
    for _ in range(2):
        circular = services.circulars.publish(services.circulars.new_draft(draft).id)
        services.circulars.close(circular.id)
    listed = {line.household.han_id for line in services.care.watch_list()}
    assert listed == {world.hans[1].id}


def test_watch_list_for_admin_and_own_han_leader_only(world: World) -> None:
    """A 班長 sees their own 班's households; a 役員 is refused; only the 管理者 turns it on."""
    world.services.care.set_watch_settings(True, 2)
    _publish_past(world.services, 2)
    leader = world.care_as("hancho2", Role.HAN_LEADER, world.hans[1].id)
    assert {line.han.id for line in leader.watch_list()} == {world.hans[1].id}
    with pytest.raises(PermissionDeniedError):
        leader.set_watch_settings(False, 3)
    officer = world.care_as("yakuin", Role.OFFICER)
    with pytest.raises(PermissionDeniedError):
        officer.watch_list()
    with pytest.raises(ValidationError):
        world.services.care.set_watch_settings(True, 1)
