"""install_reads on the main window: the tabs, the 既読 menu and how the pages talk to each other."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Status
from circular_app.domain.reads import CellState, Channel
from circular_app.services.reads import ReadEntry
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.page import ReadsPage, install_reads
from circular_app.ui.shell.main_window import MainWindow


@pytest.fixture
def installed(window: MainWindow, app: App) -> MainWindow:
    """The demo main window with the reader pages installed."""
    install_reads(window, app.paths.fonts)
    return window


def _page(window: MainWindow) -> ReadsPage:
    window.build_all_pages()  # the 既読 tab is built when first shown
    page = window.findChild(ReadsPage)
    assert page is not None
    return page


def _home(window: MainWindow) -> ReadsDashboard:
    home = window.findChild(ReadsDashboard)
    assert home is not None
    return home


def _reads_menu(window: MainWindow) -> QMenu:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() in ("既読(&K)", "Rea&ds"))
    assert isinstance(menu, QMenu)
    return menu


def test_home_is_the_first_tab_and_shown_first(installed: MainWindow) -> None:
    """「ホーム」 is tab 0 and current, 「既読」 tab 1; the other pages follow."""
    tabs = installed.tabs
    assert [tabs.tabText(i) for i in range(2)] == ["ホーム", "既読"]
    assert "名簿" in [tabs.tabText(i) for i in range(2, tabs.count())]
    assert tabs.currentWidget() is _home(installed)


def test_installing_twice_adds_nothing(installed: MainWindow, app: App) -> None:
    """A second install_reads leaves the tabs and menus as they are."""
    tabs, menus = installed.tabs.count(), len(installed.menuBar().actions())
    install_reads(installed, app.paths.fonts)
    assert (installed.tabs.count(), len(installed.menuBar().actions())) == (tabs, menus)


def test_reads_menu_sits_before_tools(installed: MainWindow) -> None:
    """The 既読 menu comes before ツール and has its three commands."""
    titles = [a.text() for a in installed.menuBar().actions()]
    assert titles.index("既読(&K)") < titles.index("ツール(&T)")
    assert [a.text() for a in _reads_menu(installed).actions()] == [
        "記録を入力(&E)…",
        "一覧をCSVに書き出す(&C)…",
        "督促シート(&P)…",
    ]


def test_the_reads_page_is_built_when_its_menu_first_needs_it(installed: MainWindow) -> None:
    """The 既読 tab is a placeholder until shown; 記録を入力… builds it in that tab and shows it."""
    assert installed.findChild(ReadsPage) is None
    _reads_menu(installed).actions()[0].trigger()
    page = installed.findChild(ReadsPage)
    assert page is not None
    assert installed.tabs.indexOf(page) == 1
    assert installed.tabs.currentWidget() is page
    assert page.inner.currentWidget() is page.entry


def test_enter_command_opens_the_entry_page(installed: MainWindow) -> None:
    """記録を入力… switches to 既読 and its entry page."""
    _reads_menu(installed).actions()[0].trigger()
    page = _page(installed)
    assert installed.tabs.currentWidget() is page
    assert page.inner.currentWidget() is page.entry


def test_overdue_item_on_home_opens_its_status(installed: MainWindow, demo_services: ProfileServices) -> None:
    """Clicking an overdue circular on 「ホーム」 opens 既読 with that circular chosen."""
    home = _home(installed)
    home.refresh()
    item = home.overdue_list.item(0)
    home.overdue_list.itemClicked.emit(item)
    page = _page(installed)
    assert installed.tabs.currentWidget() is page
    assert page.entry.current_circular_id() == demo_services.reads.dashboard().overdue[0].id


def test_matrix_shows_records_saved_on_the_entry_page(
    qtbot: QtBot, installed: MainWindow, demo_services: ProfileServices
) -> None:
    """A save on the entry page is in the matrix when it is shown next."""
    installed.show()
    qtbot.waitExposed(installed)
    page = _page(installed)
    installed.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.matrix.matrix_loaded, timeout=10_000):
        page.show_matrix()
    page.show_entry()
    entry = page.entry
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    unticked = []
    for han in demo_services.roster.list_hans():
        entry.show_circular(circular.id, han.id)
        unticked = [h.id for h in entry.model.households() if not entry.model.is_checked(h.id)]
        if unticked:
            break
    entry.toggle(unticked[0], True)
    entry.save()
    with qtbot.waitSignal(page.matrix.matrix_loaded, timeout=10_000):
        page.show_matrix()
    model = page.matrix.model
    row = next(r for r in range(model.rowCount()) if model.household_at(r).id == unticked[0])
    column = next(c for c in range(model.columnCount()) if model.circular_at(c).id == circular.id)
    assert model.state_at(row, column) is CellState.READ_PAPER


def test_matrix_cell_activation_opens_the_entry_for_that_han(qtbot: QtBot, installed: MainWindow) -> None:
    """Activating a matrix cell opens the entry page on its circular and the household's 班."""
    installed.show()
    qtbot.waitExposed(installed)
    page = _page(installed)
    installed.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.matrix.matrix_loaded, timeout=10_000):
        page.show_matrix()
    model = page.matrix.model
    index = model.index(13, 0)
    page.matrix.view.activated.emit(index)
    assert page.inner.currentWidget() is page.entry
    assert page.entry.current_circular_id() == model.circular_at(0).id
    current_han = page.entry.current_han()
    assert current_han is not None and current_han.id == model.household_at(13).han_id


def test_tabs_and_menu_follow_the_language(
    qtbot: QtBot, installed: MainWindow, appearance: Appearance
) -> None:
    """Switching to English translates the tab titles, the 既読 menu and the pages."""
    appearance.apply(Look(language="en"))
    tabs = installed.tabs
    qtbot.waitUntil(lambda: tabs.tabText(0) == "Home")
    assert tabs.tabText(1) == "Reads"
    assert _reads_menu(installed).title() == "Rea&ds"
    page = _page(installed)
    assert page.entry.save_button.text() == "&Save"
    assert page.matrix.legend.text().startswith("P = read (paper)")
    assert _home(installed).heading.text() == "Circulars this fiscal year"


def test_home_refreshes_after_records_change(
    qtbot: QtBot, installed: MainWindow, demo_services: ProfileServices
) -> None:
    """Coming back to 「ホーム」 shows the figures as they are now."""
    installed.show()
    qtbot.waitExposed(installed)
    home = _home(installed)
    qtbot.waitUntil(lambda: home.dashboard is not None)
    before = home.dashboard
    assert before is not None
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    unread = demo_services.reads.circular_status(circular.id).unread
    demo_services.reads.record(circular.id, [ReadEntry(h.id, Channel.PAPER, dt.date.today()) for h in unread])
    installed.tabs.setCurrentWidget(_page(installed))
    installed.tabs.setCurrentWidget(home)
    expected = before.overall_rate.read + len(unread)
    qtbot.waitUntil(lambda: home.dashboard is not None and home.dashboard.overall_rate.read == expected)
