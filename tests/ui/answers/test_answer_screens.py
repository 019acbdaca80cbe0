"""回答の入力 by keyboard (keys → the service has the answers), undo, the 班長's own 班, the results view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.forms import Attendance, AttendanceAnswer
from circular_app.ui.answers.entry import FIRST_QUESTION_COLUMN, AnswerEntryPage
from circular_app.ui.answers.results import AnswerResultsView
from tests.services.test_answers import World


@pytest.fixture
def world(services: ProfileServices) -> Iterator[World]:
    w = World(services)
    yield w
    for context in w.opened:
        context.close()


@pytest.fixture
def page(qtbot: QtBot, world: World) -> AnswerEntryPage:
    entry = AnswerEntryPage(world.services)
    qtbot.addWidget(entry)
    entry.resize(1000, 600)
    entry.show()
    return entry


def _current(world: World) -> dict[int, object]:
    results = world.answers.results(world.circular.id)
    return {hid: dict(r.answers) for hid, r in results.answers.items()}


def test_keys_enter_a_slip_row_and_move_down(page: AnswerEntryPage, world: World) -> None:
    """1 → 出席, Tab, 2 → 2 people, Tab, 2 → 日曜, Tab, 1 3 → 受付 and 会場準備, Tab, 3, Enter saves (paper)."""
    assert page.table.rowCount() == 6  # every household, in route order
    assert page.table.item(0, 0).text() == "1班-1"
    page.table.setFocus()
    page.table.setCurrentCell(0, FIRST_QUESTION_COLUMN)
    for key in ("1", "Tab", "2", "Tab", "2", "Tab", "1", "3", "Tab", "3", "Return"):
        if key == "Tab":
            QTest.keyClick(page.table, Qt.Key.Key_Tab)
        elif key == "Return":
            QTest.keyClick(page.table, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(page.table, key)
    first = world.households[0].id
    assert _current(world)[first] == {
        1: AttendanceAnswer(Attendance.PRESENT, 2),
        2: "日曜",
        3: ("受付", "会場準備"),
        4: 3,
    }
    history = world.answers.history(world.circular.id, first)
    assert [r.channel.value for r in history] == ["paper"]
    assert page.table.currentRow() == 1 and page.table.currentColumn() == FIRST_QUESTION_COLUMN
    assert page.table.item(0, FIRST_QUESTION_COLUMN).text() == "出席"
    assert page.table.item(0, FIRST_QUESTION_COLUMN + 1).text() == "2"  # the 人数 column
    # A digit with no such choice is refused with a message, nothing entered.
    QTest.keyClicks(page.table, "7")
    assert not page.error.isHidden() and 1 not in page.pending.get(1, {})


def test_undo_withdraws_or_restores_and_redo_enters_again(page: AnswerEntryPage, world: World) -> None:
    first = world.households[0].id
    page.table.setFocus()
    page.table.setCurrentCell(0, FIRST_QUESTION_COLUMN)
    QTest.keyClicks(page.table, "2")
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    page.table.setCurrentCell(0, FIRST_QUESTION_COLUMN)
    QTest.keyClicks(page.table, "1")
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert _current(world)[first] == {1: AttendanceAnswer(Attendance.PRESENT)}
    QTest.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _current(world)[first] == {1: AttendanceAnswer(Attendance.ABSENT)}  # the earlier one again
    page.undo_stack.undo()
    assert first not in _current(world)  # withdrawn
    history = world.answers.history(world.circular.id, first)
    assert [r.withdrawn for r in history] == [False, False, False, True]  # nothing rewritten
    page.undo_stack.redo()
    assert _current(world)[first] == {1: AttendanceAnswer(Attendance.ABSENT)}


def test_a_han_leader_gets_the_rows_of_their_own_han_only(qtbot: QtBot, app: App, world: World) -> None:
    world.services.accounts.add_officer(
        "hancho", "班長さん", Role.HAN_LEADER, "hancho password", world.hans[1].id
    )
    context = app.profiles.open_profile(world.services.context.ref, "hancho", "hancho password")
    world.opened.append(context)
    leader = app.services_for(context)
    entry = AnswerEntryPage(leader)
    qtbot.addWidget(entry)
    labels = [entry.table.item(r, 0).text() for r in range(entry.table.rowCount())]
    assert labels == ["2班-1", "2班-2", "2班-3"]
    entry.table.setFocus()
    entry.table.setCurrentCell(0, FIRST_QUESTION_COLUMN)
    QTest.keyClicks(entry.table, "1")
    QTest.keyClick(entry.table, Qt.Key.Key_Return)
    assert world.households[3].id in _current(world)
    results = AnswerResultsView(leader)
    qtbot.addWidget(results)
    assert results.han_table.rowCount() == 1 and results.han_table.item(0, 0).text() == "2班"


def test_results_view_shows_tallies_rate_unanswered_and_exports(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    world.record(0, "1=出席:2;2=土曜")
    world.record(4, "1=欠席;2=土曜")
    view = AnswerResultsView(world.services)
    qtbot.addWidget(view)
    assert "2 / 6" in view.rate_label.text() and "33%" in view.rate_label.text()
    assert view.questions_table.item(0, 1).text().startswith("出席 1　欠席 1")
    assert "来る人 2名" in view.questions_table.item(0, 1).text()
    assert view.questions_table.item(1, 1).text().startswith("土曜 2　日曜 0")
    assert [view.han_table.item(r, 1).text() for r in range(2)] == ["1 / 3", "1 / 3"]
    assert view.unanswered_list.count() == 4
    assert view.unanswered_list.item(0).text().startswith("1班-2")
    csv_path = view.export_csv(tmp_path / "a.csv")
    pdf_path = view.export_pdf(tmp_path / "a.pdf")
    reminder = view.export_reminder(tmp_path / "r.pdf")
    assert csv_path and pdf_path and reminder
    assert "土曜" in csv_path.read_bytes().decode("cp932")
    assert pdf_path.read_bytes().startswith(b"%PDF") and reminder.read_bytes().startswith(b"%PDF")
