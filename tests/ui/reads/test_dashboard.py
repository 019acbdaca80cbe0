"""The start page 「ホーム」 on the demo: cards, overdue circulars and stuck boards."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.circulars import Status
from circular_app.domain.reads import Channel, StuckBoard, StuckRule
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.services.reads import Dashboard, ReadEntry
from circular_app.ui.reads.dashboard import CIRCULAR_ID_ROLE, ReadsDashboard
from circular_app.ui.reads.text import stuck_text


@pytest.fixture
def home(qtbot: QtBot, demo_services: ProfileServices) -> ReadsDashboard:
    """The dashboard, shown (so it has loaded its figures)."""
    page = ReadsDashboard(demo_services.reads, demo_services.circulars)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.dashboard is not None)
    return page


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_shows_the_stuck_boards_of_the_demo(home: ReadsDashboard, demo_services: ProfileServices) -> None:
    """Each stuck board of the service's dashboard is listed with its circular's number."""
    figures = demo_services.reads.dashboard()
    numbers = {c.id: c.number for c in demo_services.circulars.list_circulars(status=Status.PUBLISHED)}
    assert figures.stuck, "the demo has boards still travelling"
    assert _texts(home.stuck_list) == [f"No.{numbers[b.circular_id]}　{b.describe()}" for b in figures.stuck]


def test_shows_the_overdue_count_and_list(home: ReadsDashboard, demo_services: ProfileServices) -> None:
    """The overdue card counts the overdue circulars, and the list names each of them."""
    overdue = demo_services.reads.dashboard().overdue
    assert overdue, "the demo has an overdue circular"
    assert home.overdue_card.figure == f"！ {len(overdue)}件"
    texts = _texts(home.overdue_list)
    assert len(texts) == len(overdue)
    assert all(f"No.{c.number} {c.title}" in t for c, t in zip(overdue, texts, strict=True))


def test_cards_show_month_rate_and_digital_share(
    home: ReadsDashboard, demo_services: ProfileServices
) -> None:
    """Circulars this month, the overall read rate and the digital share are on cards."""
    figures = demo_services.reads.dashboard()
    assert home.month_card.figure == f"{figures.circulars_this_month}件"
    assert home.rate_card.figure == f"{figures.overall_rate.ratio:.0%}"
    assert home.digital_card.figure == f"{figures.digital_share:.0%}"
    assert f"{figures.digital_households}/{figures.active_households}世帯" in home.digital_card.detail.text()


def test_clicking_an_overdue_circular_asks_to_open_it(qtbot: QtBot, home: ReadsDashboard) -> None:
    """A click on an overdue item emits circular_requested with its id."""
    item = home.overdue_list.item(0)
    with qtbot.waitSignal(home.circular_requested) as signal:
        home.overdue_list.itemClicked.emit(item)
    assert signal.args == [item.data(CIRCULAR_ID_ROLE), 0]


def test_figures_are_refreshed_when_shown_again(
    qtbot: QtBot, home: ReadsDashboard, demo_services: ProfileServices
) -> None:
    """After recording elsewhere, hiding and showing the page shows the new rate."""
    before = home.dashboard
    assert before is not None
    circular = demo_services.circulars.list_circulars(status=Status.PUBLISHED)[0]
    unread = demo_services.reads.circular_status(circular.id).unread
    demo_services.reads.record(circular.id, [ReadEntry(h.id, Channel.PAPER, dt.date.today()) for h in unread])
    home.hide()
    home.show()
    expected = before.overall_rate.read + len(unread)
    qtbot.waitUntil(lambda: home.dashboard is not None and home.dashboard.overall_rate.read == expected)


@pytest.mark.parametrize(
    ("stamped", "rule"),
    [(0, StuckRule.NOT_STARTED), (3, StuckRule.STOPPED), (3, StuckRule.OVERDUE)],
)
def test_stuck_text_says_what_the_domain_says(stamped: int, rule: StuckRule) -> None:
    """In Japanese the translated stuck-board sentence is exactly StuckBoard.describe()."""
    han = Han(3, "3班", 3)
    household = Household(7, "p7", "見本 一郎", "", 3, 4, Delivery.PAPER, False, "ja", "", "", "")
    board = StuckBoard(1, han, household, stamped, 12, rule, dt.date(2026, 11, 20), 4, dt.date(2026, 11, 30))
    assert stuck_text(board) == board.describe()


def test_figures_are_computed_off_the_gui_thread_when_shown(
    qtbot: QtBot, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Showing ホーム (the start page) never computes its figures on the GUI thread."""
    threads: list[str] = []
    original = demo_services.reads.dashboard

    def recording() -> Dashboard:
        threads.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(demo_services.reads, "dashboard", recording)
    page = ReadsDashboard(demo_services.reads, demo_services.circulars)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.dashboard is not None)
    assert threads and threading.main_thread().name not in threads
    assert not page.loading and page.refresh_button.isEnabled()
