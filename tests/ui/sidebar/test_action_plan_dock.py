"""The action-plan sidebar: measures, KPI cards, the period notice, live figures, import, i18n."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.roster import Delivery
from circular_app.services.action_plan import ActionPlanService, roster_live_figures
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.sidebar.action_plan_dock import ActionPlanDock

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "resources" / "action_plan" / "kanazawa-region-2023.json"
SIDEBAR_SOURCES = sorted((ROOT / "circular_app" / "ui" / "sidebar").glob("*.py"))
CATALOG = ROOT / "resources" / "i18n" / "action_plan_en.ts"
COMPILED = ROOT / "resources" / "i18n" / "action_plan_en.qm"
TODAY = dt.date(2026, 11, 25)


def plan_doc(version: int = 2) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
    doc["data_version"] = version
    doc["data_date"] = "2024-07"
    doc["measures"][0]["status"].append({"as_of": "2024-07", "current": ["導入町会が増加"]})
    return doc


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def plan_service(app: App) -> ActionPlanService:
    return ActionPlanService(app.paths.resources, app.paths.data_dir)


@pytest.fixture
def dock(
    qtbot: QtBot, plan_service: ActionPlanService, demo_services: ProfileServices
) -> Iterator[ActionPlanDock]:
    widget = ActionPlanDock(plan_service, roster_live_figures(demo_services.roster), TODAY)
    qtbot.addWidget(widget)
    yield widget
    for box in (widget.message_box, widget.dialog):
        if box is not None:
            box.done(0)


def texts(widget: Any) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


# ----- what is shown ------------------------------------------------------------------------------
def test_dock_lists_the_nine_measures_in_plan_order(
    dock: ActionPlanDock, plan_service: ActionPlanService
) -> None:
    """One focusable item per measure of the plan, in file order."""
    items = dock.measure_items()
    assert [i.measure.title for i in items] == [m.title for m in plan_service.current().plan.measures]
    assert len(items) == 9


def test_dock_shows_both_kpi_cards(dock: ActionPlanDock) -> None:
    """The two KPIs of the source each have a card."""
    assert [c.kpi.title for c in dock.kpi_cards()] == [
        "結ネット等の地域活動発信アプリ導入数",
        "高齢者向け電子申請講座参加者数",
    ]


def test_ended_notice_says_so_and_dates_the_status(dock: ActionPlanDock) -> None:
    """In FY2026 the notice says the 2023–2025 period has ended and the status is from 2023-07."""
    assert dock.notice is not None
    assert (
        dock.notice.text()
        == "計画期間（2023〜2025年度）は終了しています。最新の状況（2023年7月時点）を表示しています"
    )


def test_version_line_names_edition_date_and_origin(dock: ActionPlanDock) -> None:
    """The version line says which edition and date is shown and that it is the bundled one."""
    assert dock.version_label is not None
    assert dock.version_label.text() == "第1版・2023年7月時点のデータ（アプリに同梱）"


def test_strip_shows_plan_years_and_marks_this_year_beyond_it(dock: ActionPlanDock) -> None:
    """Each strip has the three plan years with their steps, and FY2026 as a separate cell after it."""
    item = dock.measure_items()[1]
    assert [c.text() for c in item.strip.cells] == ["2023\n開始", "2024\n推進", "2025\n推進"]
    assert [c.objectName() for c in item.strip.cells] == ["planYear"] * 3
    assert item.strip.outside_cell.text() == "2026\n今年度"
    assert item.strip.outside_cell.accessibleName() == "今年度（2026年度）は計画期間の後です"


def test_this_year_is_marked_inside_the_strip_during_the_plan(
    qtbot: QtBot, plan_service: ActionPlanService
) -> None:
    """In FY2024 the 2024 cell is the marked one and there is no cell outside the strip."""
    widget = ActionPlanDock(plan_service, None, dt.date(2024, 6, 1))
    qtbot.addWidget(widget)
    strip = widget.measure_items()[3].strip
    assert [c.objectName() for c in strip.cells] == ["planYear", "currentYear", "planYear"]
    assert strip.cells[1].text() == "2024\n拡大\n今年度"
    assert not hasattr(strip, "outside_cell")


def test_items_show_the_latest_status_and_issues(dock: ActionPlanDock) -> None:
    """An item shows its 2023-07 現状 and 課題 from the plan."""
    shown = texts(dock.measure_items()[2])
    assert (
        "現状（2023年7月）: 市民等が抱える地域課題の解決支援や人材育成のためのアプリ開発講座等の開催に向けて準備中"
        in shown
    )
    assert "課題: シビックテックの担い手確保、市民活動団体等へのシビックテックの浸透" in shown


def test_live_figures_of_the_demo_association(dock: ActionPlanDock, demo_services: ProfileServices) -> None:
    """町会活動のデジタル化推進 shows the demo's digital households out of 60, from the roster summary."""
    summary = demo_services.roster.summary()
    panel = dock.measure_items()[0].live_panel
    assert panel is not None
    percent = round(100 * summary.digital / 60)
    assert panel.lines[0] == f"デジタルで読む世帯: {summary.digital} / 60世帯（{percent}%）"
    assert all(item.live_panel is None for item in dock.measure_items()[1:])


def test_figures_not_yet_counted_are_not_invented(dock: ActionPlanDock) -> None:
    """Digital circulars say 未集計 and the hub count says 同期後に表示."""
    panel = dock.measure_items()[0].live_panel
    assert panel is not None
    assert panel.lines[1:] == [
        "今年度（2026年度）のデジタル回覧: 未集計",
        "導入している校下（市全体）: 同期後に表示",
    ]


def test_live_figures_can_follow_from_a_worker_thread(
    qtbot: QtBot, plan_service: ActionPlanService, demo_services: ProfileServices
) -> None:
    """With live_later the figures are not counted while the dock is built: 集計中… until they arrive."""
    counted: list[str] = []
    provide = roster_live_figures(demo_services.roster)

    def live() -> Any:
        counted.append(threading.current_thread().name)
        return provide()

    widget = ActionPlanDock(plan_service, live, TODAY, live_later=True)
    qtbot.addWidget(widget)
    panel = widget.measure_items()[0].live_panel
    assert panel is not None and panel.lines[0] == "デジタルで読む世帯: 集計中…"
    assert counted == [] and widget.loading

    widget.refresh_later()
    qtbot.waitUntil(lambda: not widget.loading)

    assert counted and counted[0] != threading.main_thread().name
    panel = widget.measure_items()[0].live_panel
    assert panel is not None
    assert panel.lines[0].startswith(f"デジタルで読む世帯: {demo_services.roster.summary().digital} / 60世帯")


def test_live_figures_follow_the_roster_on_refresh(
    dock: ActionPlanDock, demo_services: ProfileServices
) -> None:
    """After a paper household switches to digital, refresh shows one more digital household."""
    roster = demo_services.roster
    before = roster.summary().digital
    paper = next(h for h in roster.list_households(False) if h.delivery is Delivery.PAPER)
    roster.update_household(paper.id, dataclasses.replace(paper.as_draft(), delivery=Delivery.DIGITAL))
    dock.refresh()
    panel = dock.measure_items()[0].live_panel
    assert panel is not None
    assert panel.lines[0].startswith(f"デジタルで読む世帯: {before + 1} / 60世帯")


def test_without_a_profile_the_household_figure_says_how_to_get_it(
    qtbot: QtBot, plan_service: ActionPlanService
) -> None:
    """With no live provider the figure explains itself instead of showing 0."""
    widget = ActionPlanDock(plan_service, None, TODAY)
    qtbot.addWidget(widget)
    panel = widget.measure_items()[0].live_panel
    assert panel is not None
    assert panel.lines[0] == "デジタルで読む世帯: 町会のデータを開くと表示"


def test_adoption_kpi_shows_target_reached_by_the_survey_figure(dock: ActionPlanDock) -> None:
    """39 (調査) against 30 is 目標達成."""
    card = dock.kpi_cards()[0]
    assert card.headline.text() == "39校下(地区)（調査） ／ 目標 30校下(地区)"
    assert card.badge is not None and card.badge.text() == "目標達成"


def test_kpi_card_lists_every_figure_with_its_date_and_kind(dock: ActionPlanDock) -> None:
    """Each figure shows its date and whether it is 実績 or 調査."""
    assert dock.kpi_cards()[0].figure_lines == [
        "2023年3月31日: 29校下(地区)（実績・金沢市デジタル戦略（令和3～4年度）の達成状況）",
        "2023年6月: 39校下(地区)（調査・R5.6時点）",
    ]
    assert dock.kpi_cards()[1].headline.text() == "1,655人 ／ 目標 1,500人"


def test_kpi_below_target_shows_the_gap_and_no_badge(dock: ActionPlanDock, tmp_path: Path) -> None:
    """With only the 29 figure the card says one 校下 to go and does not claim the target."""
    doc = plan_doc()
    doc["kpis"][0]["figures"] = doc["kpis"][0]["figures"][:1]
    assert dock.import_plan_file(write(tmp_path / "v2.json", doc))
    card = dock.kpi_cards()[0]
    assert card.badge is None
    assert "目標まで あと 1校下(地区)" in texts(card)


# ----- keyboard, mouse, accessibility ---------------------------------------------------------------
def test_enter_on_a_measure_opens_its_details(qtbot: QtBot, dock: ActionPlanDock) -> None:
    """Enter on an item opens the dialog with the full description and status history."""
    item = dock.measure_items()[5]
    qtbot.keyClick(item, Qt.Key.Key_Return)
    assert dock.dialog is not None and dock.dialog.isVisible()
    assert dock.dialog.measure.id == "disability-digital-support"
    assert [label.text() for label in dock.dialog.description_labels] == [
        "・障害のある方に向けたスマートフォン・タブレットに関する利用相談窓口を設置し、ニーズ調査を実施",
        "・ICT機器に精通した障害のある当事者で構成する作業チームにおいて情報取得等に係る施策を検討",
        "・障害種別に対応したスマートフォン・タブレットの操作に関する研修会の企画開催",
    ]
    assert [label.text() for label in dock.dialog.history_labels] == [
        "現状（2023年7月）: \n・利用者相談窓口の設置に向け準備中\n・ICT機器に精通した障害のある当事者で構成する作業チームを公募"
    ]


def test_click_on_a_measure_opens_its_details(qtbot: QtBot, dock: ActionPlanDock) -> None:
    """A mouse click on an item opens its dialog."""
    dock.show()
    qtbot.waitExposed(dock)
    item = dock.measure_items()[0]
    qtbot.mouseClick(item, Qt.MouseButton.LeftButton)
    assert dock.dialog is not None and dock.dialog.measure.id == item.measure.id


def test_history_lists_newest_status_first(dock: ActionPlanDock, tmp_path: Path) -> None:
    """With two dated statuses the dialog shows 2024-07 before 2023-07."""
    dock.import_plan_file(write(tmp_path / "v2.json", plan_doc()))
    dialog = dock.open_measure("chokai-digitalization")
    history = [label.text() for label in dialog.history_labels]
    assert history[0] == "現状（2024年7月）: 導入町会が増加"
    assert history[1].startswith("現状（2023年7月）")


def test_down_key_moves_to_the_next_measure(qtbot: QtBot, dock: ActionPlanDock) -> None:
    """Down moves keyboard focus from one measure item to the next."""
    dock.show()
    qtbot.waitExposed(dock)
    dock.activateWindow()
    first, second = dock.measure_items()[:2]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert second.hasFocus()


def test_items_and_cards_are_focusable_and_named(dock: ActionPlanDock) -> None:
    """Every measure item and KPI card takes focus and has an accessible name and description."""
    for widget in [*dock.measure_items(), *dock.kpi_cards()]:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert widget.accessibleName()
    item = dock.measure_items()[0]
    assert item.accessibleName() == "町会活動のデジタル化推進"
    assert "2023年度: 推進" in item.accessibleDescription()
    assert "目標達成" in dock.kpi_cards()[0].accessibleDescription()


def test_plan_text_is_never_read_as_markup(dock: ActionPlanDock, tmp_path: Path) -> None:
    """A title with HTML in an imported file is shown literally; every label is plain text."""
    doc = plan_doc()
    doc["measures"][0]["title"] = "<b>太字</b><img src='x'>"
    dock.import_plan_file(write(tmp_path / "v2.json", doc))
    assert dock.measure_items()[0].accessibleName() == "<b>太字</b><img src='x'>"
    labels = dock.widget().findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_text_scale_200_doubles_the_dock_text(dock: ActionPlanDock, appearance: Appearance) -> None:
    """At 200 % text size the labels of the dock are twice as large (no fixed text sizes)."""
    labels = [dock.notice, dock.kpi_cards()[0].headline, *dock.measure_items()[0].findChildren(QLabel)]

    def sizes() -> list[float]:
        out = []
        for label in labels:
            assert label is not None
            label.ensurePolished()
            out.append(label.font().pointSizeF())
        return out

    appearance.apply(Look(text_scale=100))
    normal = sizes()
    appearance.apply(Look(text_scale=200))
    assert sizes() == pytest.approx([2 * size for size in normal])


# ----- collapsing -----------------------------------------------------------------------------------
def test_collapse_hides_the_content_and_signals_once(qtbot: QtBot, dock: ActionPlanDock) -> None:
    """set_collapsed(True) hides the measures and emits collapsed_changed(True) once."""
    with qtbot.waitSignal(dock.collapsed_changed) as blocker:
        dock.set_collapsed(True)
    assert blocker.args == [True]
    assert dock.is_collapsed()
    assert not dock.measure_items()[0].isVisibleTo(dock)
    with qtbot.assertNotEmitted(dock.collapsed_changed):
        dock.set_collapsed(True)


def test_toggle_button_collapses_and_expands(qtbot: QtBot, dock: ActionPlanDock) -> None:
    """The toggle button switches between collapsed and expanded, and says which it will do."""
    qtbot.mouseClick(dock.toggle_button, Qt.MouseButton.LeftButton)
    assert dock.is_collapsed()
    assert dock.toggle_button.accessibleName() == "アクションプランを開く"
    qtbot.mouseClick(dock.toggle_button, Qt.MouseButton.LeftButton)
    assert not dock.is_collapsed()
    assert dock.measure_items()[0].isVisibleTo(dock)


# ----- importing ------------------------------------------------------------------------------------
def test_broken_file_is_refused_with_path_and_reason(dock: ActionPlanDock, tmp_path: Path) -> None:
    """An unknown step word is refused; the message names where and why; edition 1 stays shown."""
    doc = plan_doc()
    doc["measures"][3]["steps"]["2024"] = "進める"
    assert not dock.import_plan_file(write(tmp_path / "bad.json", doc))
    box = dock.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "「bad.json」を取り込めませんでした。"
    assert box.informativeText() == (
        '場所: measures[3].steps.2024\n理由: 不明な段階 "進める"\n\n表示中の計画（第1版）はそのままです。'
    )
    assert dock.version_label is not None and dock.version_label.text().startswith("第1版")
    assert len(dock.measure_items()) == 9


def test_newer_file_updates_the_dock(qtbot: QtBot, dock: ActionPlanDock, tmp_path: Path) -> None:
    """Importing edition 2 shows it, says it was imported, and emits plan_imported(2)."""
    with qtbot.waitSignal(dock.plan_imported) as blocker:
        assert dock.import_plan_file(write(tmp_path / "v2.json", plan_doc()))
    assert blocker.args == [2]
    assert dock.version_label is not None
    assert dock.version_label.text() == "第2版・2024年7月時点のデータ（取り込んだファイル）"
    assert "現状（2024年7月）: 導入町会が増加" in texts(dock.measure_items()[0])


def test_import_action_asks_for_the_file(
    dock: ActionPlanDock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import action imports the file chosen in the file dialog."""
    chosen = write(tmp_path / "v2.json", plan_doc())
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(chosen))])
    dock.import_action.trigger()
    assert dock.version_label is not None and dock.version_label.text().startswith("第2版")


def test_import_button_in_the_dock_imports(
    qtbot: QtBot, dock: ActionPlanDock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clicking the dock's own import button imports (the button is rebuilt while it is clicked)."""
    chosen = write(tmp_path / "v2.json", plan_doc())
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(chosen))])
    dock.show()
    qtbot.waitExposed(dock)
    old_button = dock.import_button
    assert old_button is not None
    qtbot.mouseClick(old_button, Qt.MouseButton.LeftButton)
    assert dock.version_label is not None and dock.version_label.text().startswith("第2版")
    assert dock.import_button is not old_button


# ----- translations ---------------------------------------------------------------------------------
def _catalog_messages() -> list[ET.Element]:
    return list(ET.parse(CATALOG).getroot().iter("message"))


def test_english_catalog_is_complete() -> None:
    """Every string of the English catalog has a finished, non-empty translation."""
    messages = _catalog_messages()
    assert messages
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.text, message.findtext("source")
        assert translation.get("type") is None, message.findtext("source")


def test_catalog_holds_exactly_the_strings_of_the_dock() -> None:
    """Every literal passed to tr() in the sidebar's modules is in the catalog, and none is stale."""
    trees = [ast.parse(source.read_text(encoding="utf-8")) for source in SIDEBAR_SOURCES]
    used = {
        node.args[0].value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert used == {m.findtext("source") for m in _catalog_messages()}


def test_compiled_catalog_matches_the_source(tmp_path: Path) -> None:
    """The committed .qm is what lrelease makes of the committed .ts."""
    lrelease = Path(PySide6.__file__).resolve().parent / "lrelease"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(CATALOG), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == COMPILED.read_bytes()


def test_dock_speaks_english_with_the_catalog(qtbot: QtBot, plan_service: ActionPlanService) -> None:
    """With the English catalog installed the dock's own texts are English (plan data stays as is)."""
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator(app)
    assert translator.load(str(COMPILED))
    app.installTranslator(translator)
    try:
        widget = ActionPlanDock(plan_service, None, TODAY)
        qtbot.addWidget(widget)
        assert widget.windowTitle() == "Action plan"
        assert widget.notice is not None
        assert widget.notice.text() == (
            "The plan period (FY2023–2025) has ended. Showing the latest known status (as of July 2023)"
        )
        assert widget.measure_items()[0].strip.cells[0].text() == "2023\nPromote"
    finally:
        QCoreApplication.removeTranslator(translator)
