"""The 「安否確認」 tab: starting (and 訓練), keys 1/2/3, the board's order, refreshing, ending."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.roster import HouseholdDraft
from circular_app.domain.safety import RoundKind, SafetyChannel, SafetyStatus
from circular_app.services.safety import SafetyService
from circular_app.ui.common import dialogs
from circular_app.ui.safety.page import SAFETY_TAB, SafetyPage, install_safety
from circular_app.ui.shell.main_window import MainWindow


@pytest.fixture
def roster(services: ProfileServices) -> ProfileServices:
    """Two 班 of three households."""
    for name in ("1班", "2班"):
        han = services.roster.add_han(name)
        for n in range(3):
            services.roster.add_household(
                HouseholdDraft(name=f"{name}世帯{n + 1}", han_id=han.id, phone="076-1")
            )
    return services


@pytest.fixture
def page(qtbot: QtBot, roster: ProfileServices) -> SafetyPage:
    """The tab for the administrator, refreshing every 50 ms instead of 30 s."""
    widget = SafetyPage(roster.safety, may_start=True, refresh_ms=50)
    qtbot.addWidget(widget)
    return widget


def _start(page: SafetyPage, drill: bool = False) -> None:
    page.drill_check.setChecked(drill)
    page.message_edit.setText("震度5強")
    page.start_button.click()


def test_before_a_round_nothing_can_be_recorded(page: SafetyPage) -> None:
    """No round: the page says so, the entry list is off and nothing refreshes."""
    assert "していません" in page.state_label.text()
    assert not page.entry_view.isEnabled() and not page.end_button.isEnabled()
    assert not page.timer.isActive()


def test_start_shows_the_board_and_starts_refreshing(page: SafetyPage, roster: ProfileServices) -> None:
    """The big button starts a real round: counts per 班 with all 未確認, and the timer runs."""
    _start(page)
    current = roster.safety.current()
    assert current is not None and not current.drill and current.message == "震度5強"
    assert "震度5強" in page.state_label.text() and page.drill_banner.isHidden()
    assert page.counts_model.rowCount() == 2
    assert [page.counts_model.index(0, c).data() for c in range(5)] == ["1班", 0, 0, 0, 3]
    assert page.timer.isActive() and page.entry_view.isEnabled()


def test_a_drill_is_marked_as_one(page: SafetyPage, roster: ProfileServices) -> None:
    """訓練として始める: the round is a drill and the page shows the 訓練 banner and label."""
    _start(page, drill=True)
    current = roster.safety.current()
    assert current is not None and current.drill
    assert not page.drill_banner.isHidden() and "【訓練】" in page.state_label.text()


def test_keys_record_and_move_down(page: SafetyPage, roster: ProfileServices, qtbot: QtBot) -> None:
    """1, 2 (with a note) and 3 record 無事, 要支援, 不在 for three rows in a row."""
    _start(page)
    page.entry_view.setFocus()
    page.entry_view.selectRow(0)
    qtbot.keyClick(page.entry_view, Qt.Key.Key_1)
    page.note_edit.setText("足をけが")
    qtbot.keyClick(page.entry_view, Qt.Key.Key_2)
    qtbot.keyClick(page.entry_view, Qt.Key.Key_3)
    board = roster.safety.board()
    assert board is not None
    assert [line.status for line in board.lines[:4]] == [
        SafetyStatus.SAFE,
        SafetyStatus.HELP,
        SafetyStatus.AWAY,
        SafetyStatus.UNKNOWN,
    ]
    assert board.lines[1].record is not None and board.lines[1].record.note == "足をけが"
    assert page.entry_view.currentIndex().row() == 3 and page.note_edit.text() == ""


def test_attention_list_has_help_first_then_unconfirmed(page: SafetyPage, roster: ProfileServices) -> None:
    """The board's list starts with 要支援, then the 未確認 households in route order."""
    _start(page)
    households = roster.roster.list_households()
    roster.safety.record(households[4].id, SafetyStatus.HELP, SafetyChannel.PHONE, "薬")
    roster.safety.record(households[0].id, SafetyStatus.SAFE, SafetyChannel.PHONE)
    page.refresh()
    names = [page.attention_model.index(r, 1).data() for r in range(page.attention_model.rowCount())]
    assert names == ["2班世帯2", "1班世帯2", "1班世帯3", "2班世帯1", "2班世帯3"]
    assert page.attention_model.index(0, 5).data() == "薬"
    assert "要支援 1 世帯" in page.attention_label.text()


def test_board_refreshes_by_itself(page: SafetyPage, roster: ProfileServices, qtbot: QtBot) -> None:
    """An answer recorded elsewhere (another PC) appears without a click."""
    _start(page)
    household = roster.roster.list_households()[2]
    roster.safety.record(household.id, SafetyStatus.SAFE, SafetyChannel.PAPER)
    qtbot.waitUntil(lambda: page.counts_model.index(0, 1).data() == 1, timeout=3000)


def test_end_asks_and_stops_refreshing(
    page: SafetyPage, roster: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """安否確認を終える asks first; after Yes the round is over and the timer stops."""
    _start(page)
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: False)
    page.end_button.click()
    assert roster.safety.current() is not None
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    page.end_button.click()
    assert roster.safety.current() is None and not page.timer.isActive()


def test_start_is_off_during_a_real_round_and_on_during_a_drill(
    page: SafetyPage, roster: ProfileServices
) -> None:
    """A real round turns the start button off; during a drill it stays on, and a real round ends the drill."""
    _start(page, drill=True)
    assert page.start_button.isEnabled()
    _start(page)
    current = roster.safety.current()
    assert current is not None and not current.drill
    assert not page.start_button.isEnabled() and page.drill_banner.isHidden()


def test_a_refused_start_shows_the_reason(
    page: SafetyPage, roster: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A round started elsewhere meanwhile: starting a drill here is refused with the catalog's message."""
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text, **_k: shown.append(text))
    roster.safety.start(RoundKind.EARTHQUAKE)
    page.drill_check.setChecked(True)
    page.start_round()
    assert shown and "訓練は始められません" in shown[0]


@pytest.fixture
def leader_page(qtbot: QtBot, roster: ProfileServices, app: App) -> Iterator[SafetyPage]:
    """The tab as 1班's 班長 sees it."""
    han = roster.roster.list_hans()[0]
    roster.accounts.add_officer("hancho1", "1班長", Role.HAN_LEADER, "hancho password", han.id)
    context = app.profiles.open_profile(roster.context.ref, "hancho1", "hancho password")
    widget = SafetyPage(SafetyService(context, roster.font_dir), may_start=False)
    qtbot.addWidget(widget)
    yield widget
    context.close()


def test_han_leader_cannot_start_but_records_own_han(
    leader_page: SafetyPage, roster: ProfileServices
) -> None:
    """A 班長's start button is off; once a round runs they see and record their 班 only."""
    assert not leader_page.start_button.isEnabled()
    roster.safety.start(RoundKind.EARTHQUAKE)
    leader_page.refresh()
    assert leader_page.entry_model.rowCount() == 3 and not leader_page.end_button.isEnabled()
    leader_page.entry_view.selectRow(0)
    assert leader_page.record_current(SafetyStatus.SAFE)


def test_models_pass_the_model_tester(page: SafetyPage, qtmodeltester: ModelTester) -> None:
    """Both table models behave as Qt expects."""
    _start(page)
    qtmodeltester.check(page.counts_model)
    qtmodeltester.check(page.entry_model)


def test_main_window_has_the_tab(qtbot: QtBot, empty_window: MainWindow) -> None:
    """install_safety adds 「安否確認」 once."""
    install_safety(empty_window)
    install_safety(empty_window)
    titles = [empty_window.tabs.tabText(i) for i in range(empty_window.tabs.count())]
    assert titles.count("安否確認") == 1


def test_the_page_is_built_when_its_tab_is_first_shown(empty_window: MainWindow) -> None:
    """The main window shows without the 安否確認 page; choosing its tab builds it in place."""
    window = empty_window
    assert window.findChild(SafetyPage) is None
    tab = window.findChild(QWidget, SAFETY_TAB)
    assert tab is not None

    window.tabs.setCurrentWidget(tab)

    page = window.findChild(SafetyPage)
    assert page is not None and page.objectName() == "safety_page"
    assert window.tabs.currentWidget() is page
    assert window.tabs.tabText(window.tabs.currentIndex()) == "安否確認"


def test_sheets_button_writes_one_pdf_per_han(
    page: SafetyPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """チェック表を書き出す… writes a PDF per 班 into the chosen folder, also before any round."""
    shown: list[str] = []
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a: [tmp_path / "out"])
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text, **_k: shown.append(text))
    page.sheets_button.click()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["安否確認_1班.pdf", "安否確認_2班.pdf"]
    assert shown and "2班分" in shown[0]


def test_a_row_tooltip_tells_earlier_answers(page: SafetyPage, roster: ProfileServices) -> None:
    """A household answered twice: its row's tooltip lists both answers, oldest first."""
    _start(page)
    household = roster.roster.list_households()[0]
    roster.safety.record(household.id, SafetyStatus.HELP, SafetyChannel.PHONE, "足をけが")
    roster.safety.record(household.id, SafetyStatus.SAFE, SafetyChannel.VISIT)
    page.refresh()
    tip = page.entry_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.index("要支援（電話）足をけが") < tip.index("無事（訪問）")
    assert page.entry_model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None


def test_admin_saves_the_board_pdf_and_sees_the_watch_list(
    qtbot: QtBot, roster: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 管理者's page: 「状況をPDFで保存…」 writes the board; 見守り is off, then on, in plain words."""
    page = SafetyPage(roster.safety, may_start=True, refresh_ms=50, care=roster.care, may_print_board=True)
    qtbot.addWidget(page)
    assert not page.board_pdf_button.isEnabled()  # no round yet
    assert "使っていません" in page.watch_label.text()
    page.watch_check.setChecked(True)
    assert roster.care.watch_settings().enabled
    assert "ありません" in page.watch_label.text()
    _start(page)
    target = tmp_path / "board.pdf"
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a, **_k: [target])
    monkeypatch.setattr(dialogs, "inform", lambda *_a, **_k: None)
    assert page.board_pdf_button.isEnabled()
    assert page.write_board_pdf() == target and target.exists()


def test_an_officer_sees_no_board_pdf_and_no_watch(qtbot: QtBot, roster: ProfileServices, app: App) -> None:
    """A 役員's page has neither the board PDF button nor the 見守り section."""
    roster.accounts.add_officer("yakuin", "役員", Role.OFFICER, "yakuin password")
    context = app.profiles.open_profile(roster.context.ref, "yakuin", "yakuin password")
    try:
        from circular_app.services.care import CareService

        page = SafetyPage(
            SafetyService(context, roster.font_dir),
            may_start=True,
            care=CareService(context),
            may_print_board=False,
        )
        qtbot.addWidget(page)
        assert page.board_pdf_button.isHidden() and page.watch_box.isHidden()
    finally:
        context.close()
