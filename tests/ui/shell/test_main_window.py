"""The main window on the demo profile: summary, filters, route moves, language and text size."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.roster import Delivery
from circular_app.services.roster import ExportResult
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.roster.model import Column
from circular_app.ui.shell.main_window import MainWindow


def _first_han(services: ProfileServices) -> int:
    return services.roster.list_hans()[0].id


def _route(services: ProfileServices, han_id: int) -> list[int]:
    return [h.id for h in services.roster.list_households() if h.han_id == han_id]


def test_title_names_the_association(window: MainWindow) -> None:
    """The window title is 回覧デスク — and the association's name."""
    assert window.windowTitle() == "回覧デスク — 見本町会（デモ）"


def test_the_sidebar_figures_are_counted_once_the_window_is_shown(
    qtbot: QtBot, window: MainWindow, demo_services: ProfileServices
) -> None:
    """Building the window does not count the association's figures; showing it starts that."""
    dock = window.action_plan_dock
    assert dock.loading

    window.show()
    qtbot.waitUntil(lambda: not dock.loading)

    panel = dock.measure_items()[0].live_panel
    assert panel is not None
    assert panel.lines[0].startswith(f"デジタルで読む世帯: {demo_services.roster.summary().digital} / 60世帯")


def test_windows_closed_while_the_sidebar_counts_leave_their_garbage_to_the_gui_thread(
    qtbot: QtBot, app: App, demo_services: ProfileServices, appearance: Appearance
) -> None:
    """Main windows closed while their sidebar counts on a worker: no collection runs there.

    The worker's reads allocate enough to set off Python's cyclic collector, which used to free
    the closed windows' garbage (Qt objects) on the worker: now and then a segmentation fault.
    """
    threads: list[str] = []

    def record(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(record)
    try:
        for _ in range(6):
            closing = MainWindow(app, demo_services, appearance)
            closing.show()
            closing.action_plan_dock.refresh_later()  # the worker counts now
            closing.close()
            closing.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            del closing
        last = MainWindow(app, demo_services, appearance)
        qtbot.addWidget(last)
        last.show()
        qtbot.waitUntil(lambda: not last.action_plan_dock.loading)
        gc.collect()  # whatever garbage is left, on the GUI thread
    finally:
        gc.callbacks.remove(record)
    assert set(threads) == {threading.main_thread().name}


def test_summary_shows_totals_and_per_han_counts(window: MainWindow, demo_services: ProfileServices) -> None:
    """The summary line shows the household total, the digital share and each 班's count."""
    summary = demo_services.roster.summary()
    text = window.page.summary_label.text()
    assert f"全{summary.households}世帯" in text
    assert f"デジタル {summary.digital}世帯（{round(summary.digital_share * 100)}%）" in text
    assert "1班 12" in text and "5班 12" in text


def test_table_shows_every_active_household(window: MainWindow) -> None:
    """The table lists the 60 demo households with all 班 selected."""
    assert window.page.proxy.rowCount() == 60


def test_han_panel_lists_hans_with_counts(window: MainWindow) -> None:
    """The 班 panel lists each 班 with its household count."""
    items = [window.page.han_panel.list.item(i).text() for i in range(window.page.han_panel.list.count())]
    assert len(items) == 5
    assert items[0].startswith("1班　12世帯")


def test_choosing_a_han_in_the_panel_filters_and_enables_route_mode(
    window: MainWindow, demo_services: ProfileServices
) -> None:
    """Selecting a 班 in the panel shows its route in order and allows dragging rows."""
    han_id = _first_han(demo_services)
    window.page.han_panel.list.setCurrentRow(0)
    assert window.page.han_combo.currentData() == han_id
    assert window.page.household_ids_shown() == _route(demo_services, han_id)
    assert window.page.model.route_mode
    assert window.page.table.dragEnabled()


def test_search_field_filters_by_half_width_kana(window: MainWindow) -> None:
    """Typing ﾐﾎﾝ in the search field leaves only households read ミホン…."""
    window.page.search_edit.setText("ﾐﾎﾝ")
    readings = [
        window.page.proxy.index(r, Column.READING).data() for r in range(window.page.proxy.rowCount())
    ]
    assert readings and all("ミホン" in r for r in readings)
    assert len(readings) < 60


def test_delivery_filter_shows_only_paper(window: MainWindow, demo_services: ProfileServices) -> None:
    """Choosing 紙 in the delivery filter shows only paper households."""
    window.page.delivery_combo.setCurrentIndex(window.page.delivery_combo.findData(Delivery.PAPER.value))
    paper = [h for h in demo_services.roster.list_households() if h.delivery is Delivery.PAPER]
    assert window.page.proxy.rowCount() == len(paper)


def test_ctrl_down_moves_the_household_later_on_the_route(
    qtbot: QtBot, window: MainWindow, demo_services: ProfileServices
) -> None:
    """Ctrl+Down on the first household of a 班 makes it second on the route."""
    han_id = _first_han(demo_services)
    window.page.set_han_filter(han_id)
    first, second = _route(demo_services, han_id)[:2]
    assert window.page.select_household(first)
    qtbot.keyClick(window.page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _route(demo_services, han_id)[:2] == [second, first]
    assert window.page.household_ids_shown()[:2] == [second, first]
    assert window.page.current_household() is not None
    assert window.page.current_household().id == first  # type: ignore[union-attr]  # checked above


def test_ctrl_up_moves_the_household_earlier_on_the_route(
    qtbot: QtBot, window: MainWindow, demo_services: ProfileServices
) -> None:
    """Ctrl+Up on the third household of a 班 makes it second on the route."""
    han_id = _first_han(demo_services)
    window.page.set_han_filter(han_id)
    route = _route(demo_services, han_id)
    window.page.select_household(route[2])
    qtbot.keyClick(window.page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _route(demo_services, han_id)[:3] == [route[0], route[2], route[1]]


def test_dropping_rows_reorders_the_route(
    qtbot: QtBot, window: MainWindow, demo_services: ProfileServices
) -> None:
    """Dragging the last household of a 班 onto the top of the table makes it first on the route."""
    han_id = _first_han(demo_services)
    window.page.set_han_filter(han_id)
    route = _route(demo_services, han_id)
    proxy = window.page.proxy
    data = proxy.mimeData([proxy.index(proxy.rowCount() - 1, 0)])
    assert proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: _route(demo_services, han_id)[0] == route[-1])
    assert _route(demo_services, han_id) == [route[-1], *route[:-1]]
    qtbot.waitUntil(lambda: window.page.household_ids_shown()[0] == route[-1])


def test_switching_to_english_retranslates_the_window(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """Applying English changes the title, menus, filters, headers and summary without a restart."""
    appearance.apply(Look(language="en"))
    qtbot.waitUntil(lambda: window.windowTitle() == "Kairan Desk — 見本町会（デモ）")
    assert window.file_menu.title() == "&File"
    assert window.page.han_combo.itemText(0) == "All blocks"
    assert window.page.model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "Name"
    assert window.page.summary_label.text().startswith("60 households")
    appearance.apply(Look(language="ja"))
    qtbot.waitUntil(lambda: window.windowTitle() == "回覧デスク — 見本町会（デモ）")


def test_text_scale_200_doubles_the_application_font(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """A text size of 200% doubles the font of the whole window at once."""
    appearance.apply(Look(text_scale=100))
    normal = window.page.table.font().pointSizeF()
    appearance.apply(Look(text_scale=200))
    assert QApplication.font().pointSizeF() == pytest.approx(2 * normal)
    for widget in (window.page.table, window.page.summary_label, window.page.han_panel.add_button):
        assert widget.font().pointSizeF() == pytest.approx(2 * normal)
    assert window.page.han_panel.title.font().bold()  # own emphasis survives the scaling
    assert (
        QFontInfo(window.page.table.font()).pixelSize()
        > 1.8 * QFontInfo(appearance.font_for_scale(100)).pixelSize()
    )


def test_application_font_is_the_bundled_ud_font(window: MainWindow, appearance: Appearance) -> None:
    """The application font is BIZ UDPGothic, so Japanese renders without system fonts."""
    appearance.apply(Look())
    assert QFontInfo(window.page.table.font()).family() == "BIZ UDPGothic"


def test_high_contrast_sets_a_black_window_background(window: MainWindow, appearance: Appearance) -> None:
    """High contrast gives the application a black background and white text."""
    appearance.apply(Look(high_contrast=True))
    palette = QApplication.palette()
    assert palette.window().color().name() == "#000000"
    assert palette.windowText().color().name() == "#ffffff"


def test_settings_dialog_saves_and_applies_the_look(
    qtbot: QtBot, app: App, window: MainWindow, appearance: Appearance
) -> None:
    """OK in the settings dialog stores the choices and applies them at once."""
    from circular_app.settings import LANGUAGE, TEXT_SCALE
    from circular_app.ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app.settings, appearance, window)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.scale_spin.setValue(150)
    dialog.accept()
    assert app.settings.get(LANGUAGE) == "en" and app.settings.get(TEXT_SCALE) == 150
    assert appearance.look == Look("en", 150, False)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Kairan Desk"))


def test_settings_dialog_shows_the_text_size_in_use(
    qtbot: QtBot, app: App, window: MainWindow, appearance: Appearance
) -> None:
    """An officer logged in at 200 % (their own size, not stored as everyone's) sees 200 %, not 100 %."""
    from circular_app.ui.shell.settings_dialog import SettingsDialog

    appearance.apply(Look(text_scale=200))
    dialog = SettingsDialog(app.settings, appearance, window)
    qtbot.addWidget(dialog)
    assert dialog.scale_spin.value() == 200
    dialog.accept()
    assert appearance.look.text_scale == 200


def test_settings_dialog_saves_the_stuck_board_days(
    qtbot: QtBot, app: App, window: MainWindow, appearance: Appearance
) -> None:
    """The spin box 「回覧が止まったと見なす日数」 shows the setting and OK stores the new value."""
    from circular_app.settings import STUCK_BOARD_DAYS
    from circular_app.ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app.settings, appearance, window)
    qtbot.addWidget(dialog)
    assert dialog.stuck_days_spin.value() == 3
    dialog.stuck_days_spin.setValue(5)
    dialog.accept()
    assert app.settings.get(STUCK_BOARD_DAYS) == 5


def test_export_reports_the_encoding(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exporting writes the CSV and says it is Shift_JIS or, with 𠮷 in a name, UTF-8 with BOM."""
    target = tmp_path / "meibo.csv"
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(target))])
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: shown.append(text))
    window.export_roster()
    assert target.exists()
    # The demo has 𠮷, which Shift_JIS cannot hold.
    assert shown and "UTF-8（BOM付き）: Shift_JISで表せない文字があるため" in shown[0]


def test_export_message_names_shift_jis(window: MainWindow, tmp_path: Path) -> None:
    """A cp932 export is described as Shift_JIS for Excel."""
    text = window.export_message(ExportResult(tmp_path / "a.csv", "cp932", 3))
    assert "Shift_JIS（Excel用）" in text and "3世帯" in text


def test_fallback_font_follows_the_ud_font(app: App, window: MainWindow, appearance: Appearance) -> None:
    """The bundled fallback font (for 𠮷 and the like) comes right after BIZ UDPGothic."""
    from circular_app.ui.common.appearance import FALLBACK_FONT_FAMILY, FALLBACK_FONT_FILE

    assert (app.paths.fonts / FALLBACK_FONT_FILE).exists()  # shipped in resources/fonts
    appearance.apply(Look())
    assert QApplication.font().families() == ["BIZ UDPGothic", FALLBACK_FONT_FAMILY]
    assert FALLBACK_FONT_FAMILY in QApplication.instance().styleSheet()  # type: ignore[union-attr]  # a QApplication runs
