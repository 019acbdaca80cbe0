"""The city window against a real hub on loopback: login, table per 校下, drill-down, chart, exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.paths import bundle_root
from circular_app.services.city import CityService
from circular_app.ui.city.models import AssociationTableModel, DistrictTableModel
from circular_app.ui.city.window import CityWindow
from tests.hub.support import RunningHub
from tests.pdf.helpers import font_problems, text_of
from tests.ui.city.test_city_service import CITY_PASSWORD, CITY_USER, FY, city_hub

FONT_DIR = bundle_root() / "resources" / "fonts"
WAIT = 15000


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with city_hub(tmp_path_factory.mktemp("cityhub")) as running:
        yield running


def _window(qtbot: QtBot, hub_url: str | None = None) -> CityWindow:
    window = CityWindow(CityService(), FONT_DIR, hub_url)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


@pytest.fixture
def logged_in(qtbot: QtBot, hub: RunningHub) -> CityWindow:
    """The window after a login through its form, with the figures loaded."""
    window = _window(qtbot, hub.base_url)
    window.user_edit.setText(CITY_USER)
    window.password_edit.setText(CITY_PASSWORD)
    with qtbot.waitSignal(window.kpi_loaded, timeout=WAIT):
        window.login_button.click()
    return window


def test_opens_on_the_login_page_without_a_session(qtbot: QtBot, hub: RunningHub) -> None:
    """No kept session: the login form, with the hub address filled in from the command line."""
    window = _window(qtbot, hub.base_url)
    assert window.pages.currentWidget() is window.login_page
    assert window.url_edit.text() == hub.base_url
    assert not window.export_csv_action.isEnabled()


def test_login_shows_the_table_per_school_district(logged_in: CityWindow) -> None:
    """After login: the eight columns, one row per 校下, and the count against the target."""
    model = logged_in.district_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "校下",
        "登録町会数",
        "導入町会数",
        "世帯数",
        "デジタル世帯数",
        "デジタル率",
        "申告世帯数",
        "備考",
    ]
    saigawa = next(r for r in range(model.rowCount()) if model.row_at(r).school_district == "犀川校下")
    assert [model.index(saigawa, c).data() for c in (3, 4, 7)] == ["未報告", "未報告", "未報告 1町会"]
    names = {model.row_at(r).school_district for r in range(model.rowCount())}
    assert {"泉野校下", "長町校下", "菊川校下", "犀川校下"} <= names
    assert logged_in.summary_label.text() == "導入校下数 3 / 目標 30"
    assert logged_in.pages.currentWidget() is logged_in.figures_page
    assert logged_in.export_csv_action.isEnabled() and logged_in.export_pdf_action.isEnabled()


def test_wrong_password_is_shown_on_the_form(qtbot: QtBot, hub: RunningHub) -> None:
    """A wrong password stays on the login page with the reason."""
    window = _window(qtbot, hub.base_url)
    window.user_edit.setText(CITY_USER)
    window.password_edit.setText("not-the-password")
    with qtbot.waitSignal(window.load_failed, timeout=WAIT):
        window.login_button.click()
    assert window.pages.currentWidget() is window.login_page
    assert window.login_error.text() == "ユーザー名またはパスワードが違います"


def test_drill_down_lists_the_associations(logged_in: CityWindow, qtbot: QtBot) -> None:
    """Selecting a 校下 shows its associations with their figures."""
    with qtbot.waitSignal(logged_in.district_loaded, timeout=WAIT):
        assert logged_in.select_district("泉野校下")
    model = logged_in.association_model
    rows = {model.row_at(r).name: r for r in range(model.rowCount())}
    assert set(rows) == {"泉野一丁目町会", "泉野二丁目町会"}
    first = rows["泉野一丁目町会"]
    assert [model.index(first, c).data() for c in (2, 3)] == ["120", "40"]
    assert model.index(rows["泉野二丁目町会"], 1).data() == "未導入"
    assert [model.index(rows["泉野二丁目町会"], c).data() for c in (2, 3)] == ["未報告", "未報告"]
    assert logged_in.association_title.text().startswith("泉野校下の町会（2町会")


def test_declared_app_is_marked_in_the_drill_down(logged_in: CityWindow, qtbot: QtBot) -> None:
    """Another app recorded by the city shows as 申告."""
    with qtbot.waitSignal(logged_in.district_loaded, timeout=WAIT):
        logged_in.select_district("菊川校下")
    assert "結ネット" in logged_in.association_model.index(0, 5).data()
    assert "申告" in logged_in.association_model.index(0, 5).data()


def test_chart_shows_target_and_surveys(logged_in: CityWindow) -> None:
    """The chart has the monthly count, the target 30 and the survey points marked 調査."""
    data = logged_in.chart.data
    assert data is not None and data.target == 30 and data.values[-1] == 2  # 実績; 菊川校下 is 申告
    assert data.declared[-1] == 1
    assert [v for _i, v, _n in data.surveys] == [29, 39]
    description = logged_in.chart.accessibleDescription()
    assert "目標 30校下" in description and "調査 2023/3: 29校下" in description
    assert "うち申告 1校下" in description
    assert not logged_in.chart.grab().isNull()


def test_export_csv_from_the_window(logged_in: CityWindow, tmp_path: Path) -> None:
    """CSVに書き出す writes the exact headers and every 校下."""
    target = tmp_path / "kpi.csv"
    assert logged_in.export_csv_to(target)
    lines = target.read_bytes().decode("cp932").splitlines()
    assert lines[0] == "校下,登録町会数,導入町会数,世帯数,デジタル世帯数,デジタル率,申告世帯数,備考"
    assert "泉野校下,2,1,120,40,33.3%,,未報告 1町会" in lines
    assert "犀川校下,1,0,未報告,未報告,,,未報告 1町会" in lines
    assert "菊川校下,1,1,未報告,未報告,,60,申告 1町会／未報告 1町会" in lines
    assert "Shift_JIS" in logged_in.notice.text()


def test_export_council_pdf_from_the_window(logged_in: CityWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """The council PDF has the title, every 校下, the target and embedded fonts."""
    target = tmp_path / "council.pdf"
    with qtbot.waitSignal(logged_in.task_finished, timeout=WAIT):
        logged_in.export_pdf_to(target)
    text = text_of(target)
    assert "地域活動発信アプリの導入状況" in text and "目標 30" in text
    for name in ("泉野校下", "長町校下", "菊川校下", "犀川校下"):
        assert name in text
    assert "未報告" in text and "うち申告 1" in text and "申告（他のアプリを使う町会" in text
    assert font_problems(target) == []


def test_kept_session_opens_on_the_figures(logged_in: CityWindow, qtbot: QtBot, hub: RunningHub) -> None:
    """The next start (a new window and service) skips the login."""
    window = CityWindow(CityService(), FONT_DIR)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.figures_page
    qtbot.waitUntil(lambda: window.kpi is not None, timeout=WAIT)
    assert window.kpi is not None and window.kpi.fiscal_year == FY


def test_logout_returns_to_the_login_page(logged_in: CityWindow) -> None:
    """ログアウト forgets the session."""
    logged_in.logout()
    assert logged_in.pages.currentWidget() is logged_in.login_page
    assert CityService().remembered() is None


def test_district_model_passes_the_model_tester(qtmodeltester: ModelTester, logged_in: CityWindow) -> None:
    """The 校下 table model is a well-behaved table."""
    assert logged_in.kpi is not None
    model = DistrictTableModel()
    model.set_rows(logged_in.kpi.rows)
    qtmodeltester.check(model)


def test_association_model_passes_the_model_tester(
    qtmodeltester: ModelTester, logged_in: CityWindow, qtbot: QtBot
) -> None:
    """The associations table model is a well-behaved table."""
    with qtbot.waitSignal(logged_in.district_loaded, timeout=WAIT) as loaded:
        logged_in.select_district("泉野校下")
    model = AssociationTableModel()
    model.set_rows(loaded.args[0].associations)
    qtmodeltester.check(model)
