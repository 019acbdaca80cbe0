"""Senior sizes (issue #20, item 4): text, check boxes and rows grow; the window fits 1,366 × 768."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QStyle
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.page import ReadsPage
from circular_app.ui.roster.page import KEY_COLUMNS
from circular_app.ui.shell.main_window import MainWindow

SCREEN = (1366, 768)
# A window on that screen leaves room for a taskbar.
WINDOW = (1366, 728)
ROOT = Path(__file__).resolve().parents[3]


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(50)  # deferred column fitting and layout passes


def _fit(qtbot: QtBot, window: MainWindow, appearance: Appearance, scale: int, *, collapsed: bool) -> None:
    window.resize(*WINDOW)
    window.show()
    qtbot.waitExposed(window)
    window.action_plan_dock.set_collapsed(collapsed)
    appearance.apply(Look(text_scale=scale))
    _settle(qtbot)


def test_text_is_at_least_16_pixels_at_100_percent(window: MainWindow, appearance: Appearance) -> None:
    """The default text is 12 pt (16 px), not the platform's 9–10 pt."""
    appearance.apply(Look(text_scale=100))
    assert QFontInfo(window.page.table.font()).pixelSize() >= 16


def test_check_boxes_are_24_pixels_and_grow_with_the_text(window: MainWindow, appearance: Appearance) -> None:
    """The check boxes (and the 返却 boxes in tables) are 24 px at 100 % and grow at 150 % and 200 %."""
    sizes = []
    for scale in (100, 150, 200):
        appearance.apply(Look(text_scale=scale))
        box = window.page.moved_out_check
        in_table = window.page.table.style().pixelMetric(
            QStyle.PixelMetric.PM_IndicatorHeight, None, window.page.table
        )
        sizes.append(box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, None, box))
        assert in_table >= 24
    assert sizes[0] >= 24
    assert sizes[0] < sizes[1] < sizes[2]


def test_table_rows_are_24_pixels_and_grow_with_the_text(window: MainWindow, appearance: Appearance) -> None:
    """Rows are click targets of at least 24 px that grow with the text size."""
    heights = []
    for scale in (100, 150, 200):
        appearance.apply(Look(text_scale=scale))
        heights.append(window.page.table.verticalHeader().defaultSectionSize())
    assert heights[0] >= 24
    assert heights[0] < heights[1] < heights[2]


@pytest.mark.parametrize(("scale", "collapsed"), [(150, False), (200, True)])
def test_the_window_fits_a_1366_by_768_screen(
    qtbot: QtBot, window: MainWindow, appearance: Appearance, scale: int, collapsed: bool
) -> None:
    """The minimum size fits the screen, and no tab needs sideways scrolling in a full-width window."""
    _fit(qtbot, window, appearance, scale, collapsed=collapsed)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= SCREEN[0] and minimum.height() <= SCREEN[1]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(qtbot)
        assert window.central_scroll.horizontalScrollBar().maximum() == 0, window.tabs.tabText(index)


@pytest.mark.parametrize(("scale", "collapsed"), [(150, False), (200, True)])
def test_roster_keeps_name_han_phone_and_mail_in_view(
    qtbot: QtBot, window: MainWindow, appearance: Appearance, scale: int, collapsed: bool
) -> None:
    """At 150 % (sidebar open) and 200 % (sidebar folded) 名前, 班, 電話 and メール are in the table's view."""
    window.tabs.setCurrentWidget(window.page)
    _fit(qtbot, window, appearance, scale, collapsed=collapsed)
    table = window.page.table
    for column in KEY_COLUMNS:
        left = table.columnViewportPosition(column)
        assert left >= 0 and left + table.columnWidth(column) <= table.viewport().width(), column


def test_stacked_roster_keeps_its_hint_below_the_table(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """At 200 % the roster's panes stack and its filter bar wraps; the route hint stays under the table.

    The splitter shared its height by one-line minimums, so the wrapped filter bar pushed the
    table down over the hint (drawn across the table's last row in the screenshots).
    """
    window.tabs.setCurrentWidget(window.page)
    _fit(qtbot, window, appearance, 200, collapsed=False)
    window.resize(*SCREEN)  # the whole 1,366 × 768 screen, sidebar open: the panes stack
    _settle(qtbot)
    page = window.page
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    table, hint = page.table.geometry(), page.route_hint.geometry()
    assert page.filter_bar.geometry().bottom() < table.top()
    assert table.bottom() < hint.top(), (table.getRect(), hint.getRect())


def test_folding_the_sidebar_frees_its_width(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """「折りたたむ」 leaves a strip a few characters wide; the pages get the rest."""
    _fit(qtbot, window, appearance, 150, collapsed=False)
    open_width = window.action_plan_dock.width()
    window.action_plan_dock.set_collapsed(True)
    _settle(qtbot)
    strip = window.action_plan_dock.width()
    assert strip <= 5 * QFontInfo(window.font()).pixelSize()
    assert strip < open_width / 2
    assert window.central_scroll.width() >= window.width() - strip - 20


def test_open_sidebar_takes_at_most_a_quarter(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """At 150 % the open sidebar no longer takes 40 % of the window."""
    _fit(qtbot, window, appearance, 150, collapsed=False)
    assert window.action_plan_dock.width() <= window.width() * 0.26


def test_sidebar_starts_folded_for_a_han_leader(
    qtbot: QtBot, app: App, demo_services: ProfileServices, appearance: Appearance
) -> None:
    """A 班長 who never opened the sidebar starts with the strip; opening it is remembered."""
    han = demo_services.roster.list_hans()[0]
    demo_services.accounts.add_officer("hancho1", "1班長", Role.HAN_LEADER, "hancho password", han.id)
    ref = demo_services.context.ref

    def leader_window() -> MainWindow:
        leader = app.services_for(app.profiles.open_profile(ref, "hancho1", "hancho password"))
        window = MainWindow(app, leader, appearance)
        qtbot.addWidget(window)
        return window

    first = leader_window()
    assert first.action_plan_dock.is_collapsed()
    first.action_plan_dock.set_collapsed(False)
    first.services.context.close()
    second = leader_window()
    assert not second.action_plan_dock.is_collapsed()
    second.services.context.close()


def test_officer_sidebar_starts_open(window: MainWindow) -> None:
    """Other officers start with the plan shown, as before."""
    assert not window.action_plan_dock.is_collapsed()


def test_focus_lands_on_the_main_list(qtbot: QtBot, window: MainWindow) -> None:
    """After login the open tab's list has the keyboard focus."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.focus_main_list()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QAbstractItemView))
    focused = QApplication.focusWidget()
    assert focused is not None and window.tabs.currentWidget().isAncestorOf(focused)


def test_focus_frame_is_drawn(qtbot: QtBot, window: MainWindow, appearance: Appearance) -> None:
    """A focused field gets a thick blue frame that the unfocused field does not have."""
    appearance.apply(Look())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field = window.page.search_edit
    other = QLineEdit(window)
    other.show()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = field.grab().toImage()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    after = field.grab().toImage()
    frame = QColor("#0b57d0").rgb()
    middle = field.height() // 2
    assert before.pixel(1, middle) != frame
    assert after.pixel(1, middle) == frame


def test_window_fits_at_qt_scale_factor_2(tmp_path: Path) -> None:
    """Under QT_SCALE_FACTOR=2 on a 1,366 × 768 screen (683 × 384 logical) the window is no wider."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "s", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1}
                ]
            }
        )
    )
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    script = tmp_path / "fit.py"
    script.write_text(_FIT_SCRIPT)
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("FIT "))
    _, screen_w, screen_h, min_w, min_h, frame_w = line.split()
    assert (int(screen_w), int(screen_h)) == (683, 384)
    assert int(min_w) <= int(screen_w) and int(min_h) <= int(screen_h)
    assert int(frame_w) <= int(screen_w)


_FIT_SCRIPT = """
import sys
sys.path.insert(0, ".")
from circular_app.app import App
from circular_app.services.demo import create_demo
from circular_app.storage.keyfile import KdfParams
from circular_app.ui.shell.main import create_application
from circular_app.ui.shell.main_window import MainWindow

app = App.build(sys.argv[1], kdf=KdfParams(n=2**10, r=8, p=1))
demo = create_demo(app.profiles)
services = app.services_for(demo.context)
qapp, appearance = create_application(app)
window = MainWindow(app, services, appearance)
area = qapp.primaryScreen().availableGeometry()
window.resize(area.width(), area.height())
window.show()
for _ in range(20):
    qapp.processEvents()
minimum = window.minimumSizeHint()
print("FIT", area.width(), area.height(), minimum.width(), minimum.height(), window.width(), flush=True)
services.context.close()
"""


def _matrix_page(qtbot: QtBot, window: MainWindow) -> ReadsPage:
    window.build_all_pages()  # the 既読 tab is built when first shown
    page = window.findChild(ReadsPage)
    assert page is not None
    window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.matrix.matrix_loaded, timeout=10_000):
        page.show_matrix()
    page.matrix.fill_rates()
    _settle(qtbot)
    return page


def test_matrix_shows_more_than_three_circulars_at_150_percent(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """With the sidebar open at 150 %, the matrix shows at least four circulars whole (it showed three)."""
    _fit(qtbot, window, appearance, 150, collapsed=False)
    view = _matrix_page(qtbot, window).matrix.view
    whole = [
        c
        for c in range(view.model().columnCount())
        if view.columnViewportPosition(c) >= 0
        and view.columnViewportPosition(c) + view.columnWidth(c) <= view.viewport().width()
    ]
    assert len(whole) >= 4


def test_rates_table_is_whole_in_high_contrast(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """ハイコントラスト at 150 % no longer cuts the 既読率 table: every column is whole, nothing scrolls."""
    window.resize(*WINDOW)
    window.show()
    qtbot.waitExposed(window)
    appearance.apply(Look(text_scale=150, high_contrast=True))
    page = _matrix_page(qtbot, window)
    for index, table in enumerate(page.matrix.rate_views):
        page.matrix.rate_tabs.setCurrentIndex(index)
        _settle(qtbot)
        header = table.horizontalHeader()
        for column in range(table.model().columnCount()):
            needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert table.columnWidth(column) >= needed, (index, column)
        assert table.horizontalScrollBar().maximum() == 0, index


def test_plan_year_cells_are_whole_at_150_percent(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """In the narrow sidebar the year cells wrap to a new line instead of being cut (「?023」)."""
    _fit(qtbot, window, appearance, 150, collapsed=False)
    cells = [cell for item in window.action_plan_dock.measure_items() for cell in item.strip.cells]
    assert cells
    for cell in cells:
        assert cell.width() >= cell.sizeHint().width(), cell.text()
