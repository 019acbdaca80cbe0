"""Answer service on a real profile: forms on drafts, recording by channel, roles, deadline, results, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from circular_app.domain.forms import Channel, parse_form
from circular_app.domain.roster import HouseholdDraft
from circular_app.services.answers import AnswerService, results_json
from circular_app.services.context import ProfileContext
from tests.domain.test_forms import MEETING, SURVEY
from tests.pdf.helpers import font_problems, page_count, pdftotext_lines

PAPER = Channel.PAPER


class World:
    """Two 班 of three households each, and a published circular with the survey form."""

    def __init__(self, services: ProfileServices, form_text: str = SURVEY) -> None:
        self.services = services
        self.hans = [services.roster.add_han(f"{i}班") for i in (1, 2)]
        for han in self.hans:
            for n in range(3):
                services.roster.add_household(HouseholdDraft(name=f"{han.name}の世帯{n + 1}", han_id=han.id))
        self.households = services.roster.list_households()
        self.answers = services.answers
        draft = services.circulars.new_draft(CircularDraft(title="夏祭りのご案内", body="本文"))
        form = parse_form(form_text)
        # The deadline of the test forms is fixed; keep it after today so that answers are taken.
        self.answers.attach_form(draft.id, replace(form, deadline=dt.date.today() + dt.timedelta(days=10)))
        self.circular = services.circulars.publish(draft.id)
        self.opened: list[ProfileContext] = []

    def login(self, app: App, username: str, role: Role, han: int | None = None) -> AnswerService:
        """Another officer's session on the same profile (closed by the fixture)."""
        self.services.accounts.add_officer(username, username, role, f"{username} password", han)
        context = app.profiles.open_profile(self.services.context.ref, username, f"{username} password")
        self.opened.append(context)
        return AnswerService(context, self.services.font_dir, self.services.font_dir.parent / "forms")

    def record(self, index: int, text: str, channel: Channel = PAPER) -> None:
        """Record household ``index``'s answer given as an --answer string."""
        answers = self.answers.parse_answers(self.circular.id, text)
        self.answers.record(self.circular.id, self.households[index].id, answers, channel)


@pytest.fixture
def world(services: ProfileServices) -> Iterator[World]:
    """The small association with a survey circular."""
    w = World(services)
    yield w
    for context in w.opened:
        context.close()


def test_results_count_the_latest_answer_and_list_the_rest_in_route_order(world: World) -> None:
    """Changed answers replace earlier ones; rate, per 班 and the unanswered in route order."""
    world.record(0, "1=欠席")
    world.record(0, "1=出席:2;2=土曜")  # changed: the latest counts
    world.record(4, "1=出席;2=日曜", Channel.PHONE)
    results = world.answers.results(world.circular.id)
    assert (results.rate.read, results.rate.targeted) == (2, 6)
    attendance = results.tallies[0]
    assert attendance.counts == (("出席", 2), ("欠席", 0)) and attendance.people == 3
    assert [(r.han.name, r.rate.read, r.rate.targeted) for r in results.per_han] == [
        ("1班", 1, 3),
        ("2班", 1, 3),
    ]
    ids = [h.id for h in world.households]
    assert [h.id for h in results.unanswered] == [ids[1], ids[2], ids[3], ids[5]]
    assert len(world.answers.history(world.circular.id, ids[0])) == 2


def test_a_withdrawn_answer_is_kept_in_history_but_not_counted(world: World) -> None:
    """Withdrawing makes the household unanswered again; both records stay."""
    world.record(1, "1=出席")
    world.answers.withdraw(world.circular.id, world.households[1].id)
    results = world.answers.results(world.circular.id)
    assert results.rate.read == 0 and results.tallies[0].count("出席") == 0
    history = world.answers.history(world.circular.id, world.households[1].id)
    assert [r.withdrawn for r in history] == [False, True]
    with pytest.raises(NotFoundError):
        world.answers.withdraw(world.circular.id, world.households[1].id)


def test_answers_are_append_only_in_the_database(world: World) -> None:
    """The answer table refuses UPDATE and DELETE (the history cannot be rewritten)."""
    world.record(0, "1=出席")
    for statement in ("UPDATE answer SET channel = 'phone'", "DELETE FROM answer"):
        with pytest.raises(DBAPIError, match="append-only"), world.services.context.engine.begin() as conn:
            conn.exec_driver_sql(statement)


def test_answers_after_the_deadline_are_refused_but_earlier_phone_answers_kept(world: World) -> None:
    """A paper slip entered after the deadline is refused in Japanese; a phone answer given
    before the deadline and synced later is stored."""
    deadline = world.answers.results(world.circular.id).deadline
    late = dt.datetime.combine(deadline + dt.timedelta(days=2), dt.time(3, 0))
    answers = world.answers.parse_answers(world.circular.id, "1=出席")
    with pytest.raises(ValidationError, match=r"締め切り.*過ぎています"):
        world.answers.record(world.circular.id, world.households[0].id, answers, PAPER, late)
    early = dt.datetime.combine(deadline - dt.timedelta(days=1), dt.time(3, 0))
    record = world.answers.record(world.circular.id, world.households[0].id, answers, Channel.PHONE, early)
    assert record.answered_at == early and record.channel is Channel.PHONE


def test_a_closed_circular_takes_no_more_answers(world: World) -> None:
    """After 終了 an answer is refused with a clear message."""
    world.services.circulars.close(world.circular.id)
    with pytest.raises(ValidationError, match="終了しています"):
        world.record(0, "1=出席")


def test_a_draft_takes_no_answers_and_a_published_form_is_fixed(world: World) -> None:
    """Forms are set on drafts only; a draft cannot be answered."""
    with pytest.raises(ValidationError, match="下書きのうちに"):
        world.answers.attach_form(world.circular.id, parse_form(SURVEY))
    draft = world.services.circulars.new_draft(CircularDraft(title="下書き"))
    world.answers.attach_form(draft.id, parse_form(SURVEY))
    assert world.answers.form(draft.id) == parse_form(SURVEY)
    answers = world.answers.parse_answers(draft.id, "1=出席")
    with pytest.raises(ValidationError, match="まだ発行されていない"):
        world.answers.record(draft.id, world.households[0].id, answers, PAPER)
    world.services.circulars.delete_draft(draft.id)  # its form goes with it
    assert world.answers.form(draft.id) is None


def test_a_han_leader_enters_and_sees_only_their_own_han(world: World, app: App) -> None:
    """A 班長 records slips of their 班, is refused for another, and sees their 班 only;
    phone answers (the household's own) are not limited by 班."""
    leader = world.login(app, "hanchou", Role.HAN_LEADER, world.hans[0].id)
    answers = leader.parse_answers(world.circular.id, "1=出席")
    leader.record(world.circular.id, world.households[0].id, answers, PAPER)
    with pytest.raises(PermissionDeniedError):
        leader.record(world.circular.id, world.households[3].id, answers, PAPER)
    leader.record(world.circular.id, world.households[3].id, answers, Channel.PHONE)
    results = leader.results(world.circular.id)
    assert [r.han.name for r in results.per_han] == ["1班"] and results.rate.targeted == 3


def test_recording_is_audited_without_the_answer(world: World) -> None:
    """The trail says who entered which household's answer, never what was answered."""
    world.record(0, "1=出席;5=秘密のご意見")
    entries = [e for e in world.services.audit.entries() if e.action == "answer_record"]
    assert len(entries) == 1 and entries[0].officer == world.services.context.officer.username
    assert "秘密" not in entries[0].detail
    assert json.loads(entries[0].detail) == {"household_id": world.households[0].id, "channel": "paper"}


def test_csv_export_is_cp932_with_one_row_per_household(world: World, tmp_path: Path) -> None:
    """Excel CSV: a row per household in route order, a column per question, free text as text."""
    world.record(0, "1=出席:2;3=受付、片付け;5==SUM(A1)")
    path = tmp_path / "answers.csv"
    assert world.answers.export_csv(world.circular.id, path) == "cp932"
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"))))
    assert rows[0][:6] == ["ID", "班", "ラベル", "氏名", "回答方法", "回答日時"] and len(rows) == 7
    assert rows[1][6] == "出席（2名）" and rows[1][8] == "受付、片付け"
    assert rows[1][10] == "'=SUM(A1)"  # a formula stays text in Excel
    assert rows[2][6:] == [""] * 5


def test_results_json_has_tallies_per_han_and_unanswered(world: World) -> None:
    """The JSON output holds the same figures as the screen."""
    world.record(2, "1=出席;2=日曜")
    data = results_json(world.answers.results(world.circular.id))
    assert data["answered"] == 1 and data["members"] == 6
    questions = data["questions"]
    assert isinstance(questions, list) and questions[1]["counts"] == {"土曜": 0, "日曜": 1}
    unanswered = data["unanswered"]
    assert isinstance(unanswered, list) and [u["label"] for u in unanswered][:2] == ["1班-1", "1班-2"]


def test_templates_are_listed_and_chosen_by_a_short_name(world: World) -> None:
    """Four templates ship; 「総会」 picks the 総会 form with its 議案."""
    assert world.answers.templates() == sorted(
        ["アンケート", "役員選出", "総会の出欠と委任状", "行事の参加申込"]
    )
    form = world.answers.template("総会")
    assert form.general_meeting and len(form.motions) == 3
    with pytest.raises(NotFoundError, match="アンケート"):
        world.answers.template("夏祭り")


def test_meeting_results_sheet_shows_quorum_and_outcomes(services: ProfileServices, tmp_path: Path) -> None:
    """The 総会 PDF names members, 出席・委任・書面, quorum met and each 議案's outcome."""
    world = World(services, MEETING)
    world.record(0, "1=出席;2=賛成;3=反対")
    world.record(1, "1=委任状")
    world.record(2, "1=書面議決;2=賛成;3=反対")
    world.record(3, "1=委任状:山田")
    results = world.answers.results(world.circular.id)
    assert results.meeting is not None and results.meeting.quorum_met  # 4 of 6
    path = world.answers.write_results_pdf(world.circular.id, tmp_path / "総会.pdf", dt.date(2026, 12, 7))
    assert font_problems(path) == []
    text = "".join(pdftotext_lines(path)).replace(" ", "")
    for words in (
        "総会の成立と議決の結果",
        "総会は成立",
        "第1号議案事業報告",
        "可決",
        "否決",
        "委任状",
        "書面議決",
    ):
        assert words in text, words


def test_results_and_reminder_sheets_read_back(world: World, tmp_path: Path) -> None:
    """The results sheet has the rate and the choices; the reminder lists the unanswered per 班."""
    world.record(0, "1=出席;2=土曜;5=よろしくお願いします")
    path = world.answers.write_results_pdf(world.circular.id, tmp_path / "results.pdf", dt.date(2026, 12, 7))
    text = "".join(pdftotext_lines(path)).replace(" ", "")
    for words in (
        "回答の集計",
        "回答率17%",
        "ご都合のよい日",
        "土曜",
        "よろしくお願いします",
        "班ごとの回答",
    ):
        assert words in text, words
    assert font_problems(path) == []
    reminder = tmp_path / "reminder.pdf"
    assert world.answers.write_reminder(world.circular.id, reminder) == 5
    lines = "".join(pdftotext_lines(reminder)).replace(" ", "")
    assert "回答のお願い" in lines and "1班の世帯2" in lines and "1班の世帯1" not in lines
    assert page_count(reminder) == 2


def test_handover_and_han_copy_carry_forms_and_answers(world: World, app: App, tmp_path: Path) -> None:
    """A handover has every answer (the whole database goes); a 班長 copy has its own 班's only."""
    from circular_app.services.backup import import_han_copy, import_handover
    from tests.conftest import TEST_KDF

    world.record(0, "1=出席;2=土曜")  # 1班
    world.record(3, "1=欠席;2=日曜")  # 2班
    world.services.accounts.add_officer(
        "hanchou", "一班 班長", Role.HAN_LEADER, "ichiban password", world.hans[0].id
    )
    handover, han_copy = tmp_path / "all.kairan", tmp_path / "1班.kairan"
    world.services.backups.export_handover(handover, "sakura no hana")
    world.services.backups.export_han_copy(han_copy, "ichiban password", username="hanchou")
    other = App.build(tmp_path / "next-pc", kdf=TEST_KDF)
    created = import_handover(other.profiles.store, handover, "sakura no hana", "next", "next year password")
    nxt = other.services_for(other.profiles.open_profile(created.ref, "next", "next year password"))
    try:
        results = nxt.answers.results(world.circular.id)
        assert results.rate.read == 2 and results.form == world.answers.form(world.circular.id)
    finally:
        nxt.context.close()
    leader_pc = App.build(tmp_path / "hanchou-pc", kdf=TEST_KDF)
    opened = import_han_copy(leader_pc.profiles.store, han_copy, "ichiban password")
    copy = leader_pc.services_for(
        leader_pc.profiles.open_profile(opened.created.ref, "hanchou", "ichiban password")
    )
    try:
        results = copy.answers.results(world.circular.id)
        assert (results.rate.read, results.rate.targeted) == (1, 3)
        with pytest.raises(DBAPIError, match="append-only"), copy.context.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM answer")
    finally:
        copy.context.close()


def test_a_duplicated_circular_keeps_its_form(world: World) -> None:
    """複製 gives the new draft the same questions, its deadline moved with the dates."""
    source = world.answers.form(world.circular.id)
    copy = world.services.circulars.duplicate(world.circular.id)
    form = world.answers.form(copy.id)
    assert form is not None and source is not None and form.questions == source.questions
    assert form.deadline == source.deadline  # duplicated on the day it was issued
