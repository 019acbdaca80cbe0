"""Forms: the TOML file (errors by line and field), --answer strings, checks, tallies, 総会 arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from circular_app.domain.errors import ValidationError
from circular_app.domain.forms import (
    AnswerRecord,
    Answers,
    Attendance,
    AttendanceAnswer,
    Channel,
    FormError,
    MajorityBase,
    QuestionKind,
    Ratio,
    answers_from_json,
    answers_to_json,
    current_answers,
    form_to_toml,
    meeting_result,
    parse_answer_string,
    parse_form,
    tally,
)
from circular_app.domain.messages import render

SURVEY = """\
deadline = "2026-12-20"          # optional; the due date otherwise
[[question]]
kind = "attendance"
text = "総会に出席しますか"
[[question]]
kind = "single"
text = "ご都合のよい日"
choices = ["土曜", "日曜"]
[[question]]
kind = "multiple"
text = "手伝えること"
choices = ["受付", "片付け", "会場準備"]
[[question]]
kind = "number"
text = "お子さんの人数"
max = 5
[[question]]
kind = "text"
text = "ご意見"
max_length = 20
"""

MEETING = """\
general_meeting = true
[[question]]
kind = "attendance"
text = "総会に出席しますか"
[[question]]
kind = "motion"
text = "第1号議案 事業報告"
[[question]]
kind = "motion"
text = "第2号議案 会費の改定"
[meeting]
quorum = "過半数"
majority = "過半数"
majority_base = "cast"
chair_proxy = "賛成"
"""


def test_the_issue_form_parses() -> None:
    """The form of the issue gives its questions, kinds, choices and deadline."""
    form = parse_form(SURVEY)
    assert form.deadline == dt.date(2026, 12, 20)
    assert [q.kind for q in form.questions] == [
        QuestionKind.ATTENDANCE,
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.NUMBER,
        QuestionKind.TEXT,
    ]
    assert form.question(2).choices == ("土曜", "日曜") and form.question(4).maximum == 5
    assert not form.general_meeting and form.question(1).options(False) == ("出席", "欠席")


def test_a_written_form_reads_back_the_same() -> None:
    """form_to_toml writes what parse_form reads back unchanged (templates and exports)."""
    for text in (SURVEY, MEETING):
        form = parse_form(text)
        assert parse_form(form_to_toml(form)) == form


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            SURVEY.replace('choices = ["土曜", "日曜"]', 'choices = ["土曜"]'),
            "8行目 question[2].choices",
            "2〜",
        ),
        (SURVEY.replace('kind = "number"', 'kind = "numbr"'), "14行目 question[4].kind", "numbr"),
        (SURVEY.replace('text = "ご意見"', 'texts = "ご意見"'), "19行目 question[5].texts", "知らない項目"),
        (SURVEY.replace('"2026-12-20"', '"12月20日"'), "1行目 deadline", "YYYY-MM-DD"),
        (SURVEY.replace("max = 5", "max = -1"), "16行目 question[4].max", "min"),
        (SURVEY.replace('"受付", "片付け"', '"受付;", "片付け"'), "12行目 question[3].choices", "受付;"),
        (SURVEY.replace("max_length = 20", "max_length = 500"), "20行目 question[5].max_length", "1〜200"),
        (
            SURVEY + '[[question]]\nkind = "motion"\ntext = "議案"\n',
            "22行目 question[6].kind",
            "general_meeting",
        ),
        (SURVEY.replace('[[question]]\nkind = "single"', '[[question]\nkind = "single"'), "5行目", "TOML"),
        (MEETING.replace('"過半数"\nmajority', '"半分"\nmajority'), "12行目 meeting.quorum", "半分"),
    ],
)
def test_a_bad_form_file_names_line_and_field(text: str, where: str, words: str) -> None:
    """Each mistake is refused with the file, the line and the field, and says what is wrong."""
    with pytest.raises(FormError) as caught:
        parse_form(text, "form.toml")
    message = str(caught.value)
    assert message.startswith(f"form.toml {where}") and words in message, message
    assert "line" in render(caught.value, "en")


def test_answer_string_parses_every_kind() -> None:
    """Numbers from 1, choices by text, multiple joined with 、, attendance with people."""
    form = parse_form(SURVEY)
    answers = parse_answer_string(form, "1=出席:2;2=日曜;3=片付け、受付;4=3;5=よろしく")
    assert answers == {
        1: AttendanceAnswer(Attendance.PRESENT, 2),
        2: "日曜",
        3: ("受付", "片付け"),  # in the form's order
        4: 3,
        5: "よろしく",
    }
    assert answers_from_json(answers_to_json(answers)) == answers


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2=月曜", "「月曜」は選べません（選べるもの: 土曜、日曜）"),
        ("4=6", "問4: 0〜5"),
        ("4=三", "数ではありません"),
        ("9=出席", "問9はありません"),
        ("1=委任状", "「委任状」は選べません"),  # not a 総会 form
        ("5=" + "あ" * 21, "問5: 20文字以内"),
        ("1出席", "番号=回答"),
        ("2=土曜;2=日曜", "2回"),
    ],
)
def test_bad_answers_are_refused_with_the_question(text: str, words: str) -> None:
    """Unknown choices, numbers out of range, too long text and unknown questions are refused."""
    with pytest.raises(ValidationError) as caught:
        parse_answer_string(parse_form(SURVEY), text)
    assert words in str(caught.value)


def test_a_meeting_form_accepts_proxy_and_written_votes() -> None:
    """委任状 (to the chair or a named member) and 書面議決 are answers of a 総会 form."""
    form = parse_form(MEETING)
    assert parse_answer_string(form, "1=委任状")[1] == AttendanceAnswer(Attendance.PROXY)
    named = parse_answer_string(form, "1=委任状:山田太郎")[1]
    assert isinstance(named, AttendanceAnswer) and named.proxy_holder == "山田太郎"
    assert parse_answer_string(form, "1=書面議決;2=賛成;3=反対") == {
        1: AttendanceAnswer(Attendance.WRITTEN),
        2: "賛成",
        3: "反対",
    }


def test_tally_counts_choices_people_numbers_and_texts() -> None:
    """Choices per question in form order, people coming, number totals, free texts as typed."""
    form = parse_form(SURVEY)
    rows = [
        parse_answer_string(form, "1=出席:3;2=土曜;3=受付、片付け;4=2;5=<b>よろしく</b>"),
        parse_answer_string(form, "1=出席;2=土曜;3=受付;4=1"),
        parse_answer_string(form, "1=欠席;2=日曜"),
    ]
    first, second, third, fourth, fifth = tally(form, rows)
    assert first.counts == (("出席", 2), ("欠席", 1)) and first.people == 4
    assert second.count("土曜") == 2 and second.answered == 3
    assert third.counts == (("受付", 2), ("片付け", 1), ("会場準備", 0))
    assert (fourth.total, fourth.answered) == (3, 2)
    assert fifth.texts == ("<b>よろしく</b>",)


def _record(i: int, household: int, answers: Answers, withdrawn: bool = False) -> AnswerRecord:
    at = dt.datetime(2026, 12, 1, 9, 0) + dt.timedelta(minutes=i)
    return AnswerRecord(i, 1, household, answers, Channel.PAPER, at, at, "kaichou", withdrawn)


def test_the_latest_answer_of_a_household_counts() -> None:
    """委任状 then 出席 from the same household: one member, counted once as 出席."""
    form = parse_form(MEETING)
    records = [
        _record(1, 10, parse_answer_string(form, "1=委任状")),
        _record(2, 10, parse_answer_string(form, "1=出席")),
    ]
    current = current_answers(records)
    result = meeting_result(form, 3, [r.answers for r in current.values()])
    assert (result.present, result.proxies, result.quorum_count, result.no_answer) == (1, 0, 1, 2)


def test_a_withdrawn_answer_leaves_every_count() -> None:
    """A withdrawal removes the household from the counts; the history keeps both records."""
    form = parse_form(MEETING)
    records = [
        _record(1, 10, parse_answer_string(form, "1=書面議決;2=賛成")),
        _record(2, 10, {}, withdrawn=True),
        _record(3, 11, parse_answer_string(form, "1=出席")),
    ]
    current = current_answers(records)
    assert set(current) == {11}
    result = meeting_result(form, 2, [r.answers for r in current.values()])
    assert (result.written, result.present, result.no_answer) == (0, 1, 1)


def test_quorum_counts_present_proxy_and_written_separately() -> None:
    """10 members: 3 出席, 2 委任状 (1 to the chair), 1 書面 → 6 of 10 is more than half."""
    form = parse_form(MEETING)
    rows = [parse_answer_string(form, a) for a in ("1=出席;2=賛成;3=反対",) * 3]
    rows += [parse_answer_string(form, "1=委任状"), parse_answer_string(form, "1=委任状:山田;2=反対")]
    rows += [
        parse_answer_string(form, "1=書面議決;2=賛成;3=賛成"),
        parse_answer_string(form, "1=欠席;2=反対"),
    ]
    result = meeting_result(form, 10, rows)
    assert (result.present, result.proxies, result.proxies_to_chair, result.written, result.absent) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert (result.quorum_count, result.quorum_needed, result.quorum_met, result.no_answer) == (6, 6, True, 3)
    first, second = result.motions
    # 議案1: 3 出席 + 1 書面 賛成, the chair's proxy 賛成, the named proxy 反対; the 欠席 vote is no vote.
    assert (first.for_, first.against, first.abstain, first.passed, first.outcome) == (5, 1, 0, True, "可決")
    # 議案2: 3 反対 (出席), 1 賛成 (書面) + 1 (chair) → 2 of 5 cast: 否決.
    assert (second.for_, second.against, second.outcome) == (2, 3, "否決")


def test_quorum_rule_and_kinds_are_the_associations() -> None:
    """When only 出席 counts for the quorum, the same answers miss it; 2/3以上 needs 2/3."""
    text = MEETING.replace('quorum = "過半数"', 'quorum = "1/2以上"\nquorum_includes = ["出席"]')
    form = parse_form(text)
    rows = [parse_answer_string(form, "1=出席")] * 4 + [parse_answer_string(form, "1=委任状")] * 4
    result = meeting_result(form, 10, rows)
    assert (result.quorum_count, result.quorum_needed, result.quorum_met) == (4, 5, False)
    assert Ratio.parse("2/3以上").met(2, 3) and not Ratio.parse("2/3超").met(2, 3)
    assert Ratio.parse("過半数").needed(10) == 6 and Ratio.parse("過半数").needed(9) == 5


def test_majority_of_present_counts_abstentions_against() -> None:
    """Of those present: 2 賛成, 1 反対, 2 棄権 out of 5 present is not a majority (of cast it is)."""
    cast = parse_form(MEETING.replace('chair_proxy = "賛成"', 'chair_proxy = "棄権"'))
    present = parse_form(
        MEETING.replace('majority_base = "cast"', 'majority_base = "present"').replace(
            'chair_proxy = "賛成"', 'chair_proxy = "棄権"'
        )
    )
    assert present.rules.majority_base is MajorityBase.PRESENT
    answers = ["1=出席;2=賛成", "1=出席;2=賛成", "1=出席;2=反対", "1=出席;2=棄権", "1=委任状"]
    assert meeting_result(cast, 5, [parse_answer_string(cast, a) for a in answers]).motions[0].passed
    on_present = meeting_result(present, 5, [parse_answer_string(present, a) for a in answers]).motions[0]
    assert (on_present.for_, on_present.abstain, on_present.base, on_present.passed) == (2, 2, 5, False)


def test_no_members_never_meet_a_quorum() -> None:
    """A form sent to nobody has no quorum (and nothing divides by zero)."""
    result = meeting_result(parse_form(MEETING), 0, [])
    assert not result.quorum_met and all(not m.passed for m in result.motions)


def test_wire_form_and_phone_answers_map_both_ways() -> None:
    """The form as the hub gets it, and a phone's answer (wire values) back as answers here."""
    from circular_app.domain.forms import answers_from_wire, validate_answers, wire_form
    from circular_app.hub.schemas import FormPayload

    form = parse_form(
        'general_meeting = true\ndeadline = "2026-12-20"\n'
        '[[question]]\nkind = "attendance"\ntext = "出席されますか"\n'
        '[[question]]\nkind = "motion"\ntext = "第1号議案　予算"\n'
        '[[question]]\nkind = "number"\ntext = "人数"\nmin = 1\nmax = 5\n',
        "form.toml",
    )
    sent = wire_form(form, dt.date(2026, 12, 31))
    FormPayload.model_validate(sent)  # the hub accepts it as it is
    assert sent["deadline"] == "2026-12-20"
    questions = sent["questions"]
    assert isinstance(questions, list)
    assert questions[0]["choices"] == ["出席", "欠席", "委任状", "書面議決"]
    assert questions[1]["motions"] == ["第1号議案　予算"]
    assert (questions[2]["min_value"], questions[2]["max_value"]) == (1, 5)
    back = answers_from_wire(form, {"1": {"choice": "出席", "people": 2}, "2": ["棄権"], "3": 4})
    assert back == {1: AttendanceAnswer(Attendance.PRESENT, 2), 2: "棄権", 3: 4}
    assert validate_answers(form, back) == back
    assert answers_from_wire(form, {"1": {"choice": "委任状", "people": 0}})[1] == AttendanceAnswer(
        Attendance.PROXY
    )
    with pytest.raises(ValidationError):
        answers_from_wire(form, {"2": "賛成"})  # a motion's votes come as a list
