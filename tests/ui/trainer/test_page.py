"""Trainer mode in the main window: only for practice, the menu, reset, checkpoints, packs, the hub."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.app import App
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.reads import Channel
from circular_app.services import trainer
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.trainer.hub import practice_hub_for
from circular_app.ui.trainer.page import TrainerController, install_trainer, trainer_controller
from tests.conftest import TEST_KDF


def _titles(window: MainWindow) -> list[str]:
    return [c.title for c in window.services.circulars.list_circulars()]


def _reset(qtbot: QtBot, controller: TrainerController, number: int) -> MainWindow:
    window = controller.reset_to(number, confirm=False)
    assert window is not None
    return window


def test_association_profile_gets_no_trainer_mode(window: MainWindow) -> None:
    """install_trainer leaves a real association's window as it is."""
    install_trainer(window)
    assert trainer_controller(window) is None
    assert "研修(&J)" not in [a.text() for a in window.menuBar().actions()]


def test_practice_window_has_the_trainer_menu_and_guide(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """The 研修 menu sits in the menu bar and the guide below the sidebar."""
    assert "研修(&J)" in [a.text() for a in practice_window.menuBar().actions()]
    assert controller.guide.isVisibleTo(practice_window)
    assert practice_window.windowTitle().startswith("【練習用】")


def test_install_twice_changes_nothing(practice_window: MainWindow, controller: TrainerController) -> None:
    """A second install_trainer adds no second controller or menu."""
    install_trainer(practice_window)
    assert trainer_controller(practice_window) is controller
    assert [a.text() for a in practice_window.menuBar().actions()].count("研修(&J)") == 1


def test_reset_returns_to_the_start(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Work done in class is gone after a reset, and the new window guides exercise 1 again."""
    services = practice_window.services
    services.circulars.publish(
        services.circulars.new_draft(CircularDraft(title="受講者の回覧", body="本文")).id
    )
    new_window = _reset(qtbot, controller, 1)
    assert new_window is not practice_window and not practice_window.isVisible()
    assert "受講者の回覧" not in _titles(new_window)
    new_controller = trainer_controller(new_window)
    assert new_controller is not None
    run = new_controller.guide.run
    assert run is not None and run.exercise.number == 1 and not run.is_finished()


def test_reset_asks_before_it_throws_work_away(
    monkeypatch: pytest.MonkeyPatch, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Answering No keeps the window and the data."""
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: False)
    services = practice_window.services
    services.circulars.new_draft(CircularDraft(title="残す下書き"))
    assert controller.reset_to(1) is None
    assert "残す下書き" in _titles(practice_window)


def test_saved_start_of_exercise_3_is_where_a_jump_lands(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Saving now as the start of exercise 3, then jumping there, brings that state back."""
    services = practice_window.services
    services.circulars.new_draft(CircularDraft(title="演習3の準備"))
    assert controller.save_checkpoint(3)
    services.circulars.new_draft(CircularDraft(title="あとから書いた下書き"))
    new_window = _reset(qtbot, controller, 3)
    assert "演習3の準備" in _titles(new_window)
    assert "あとから書いた下書き" not in _titles(new_window)
    new_controller = trainer_controller(new_window)
    assert new_controller is not None and new_controller.guide.run is not None
    assert new_controller.guide.run.exercise.number == 3


def test_jump_menu_offers_only_saved_starts(controller: TrainerController) -> None:
    """Only exercise 1 has a saved start in a new practice profile."""
    controller.checkpoint_menu.aboutToShow.emit()
    enabled = [a.isEnabled() for a in controller.checkpoint_menu.actions()]
    assert enabled == [True, False, False, False]


def test_pack_carries_the_practice_data_to_another_data_folder(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    practice_window: MainWindow,
    controller: TrainerController,
    appearance: Appearance,
    answer_yes: None,
) -> None:
    """A pack exported here and imported into a second data folder opens with the same data."""
    pack = tmp_path / "研修.kdpack"
    practice_window.services.circulars.new_draft(CircularDraft(title="準備した回覧"))
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a, **_k: [Path(str(pack))])
    monkeypatch.setattr(dialogs, "inform", lambda *_a, **_k: None)
    assert controller.export_pack() == pack

    hall = App.build(tmp_path / "hall", kdf=TEST_KDF)
    hall_services = hall.services_for(trainer.create_practice(hall.profiles, households=5))
    hall_window = MainWindow(hall, hall_services, appearance)
    install_trainer(hall_window)
    hall_window.show()
    qtbot.waitExposed(hall_window)
    QApplication.processEvents()  # as on a hall PC: the window has settled before the import
    hall_controller = trainer_controller(hall_window)
    assert hall_controller is not None
    imported = hall_controller.import_pack()
    assert imported is not None
    assert "準備した回覧" in _titles(imported)
    assert len(imported.services.roster.list_households()) == 12
    assert (hall.paths.data_dir / "exercises" / "01-publish-circular.json").exists()


def _confirm_read(reader_url: str, title: str) -> None:
    """Open the reader page of a link and tap 読みました on the circular called ``title``."""
    with httpx.Client() as http:
        home = http.get(reader_url)
        assert home.status_code == 200
        cards = re.finditer(r'<a class="card[^"]*" href="([^"]+)">(.*?)</a>', home.text, re.S)
        path = next(html.unescape(m.group(1)) for m in cards if title in m.group(2))
        page = http.get(httpx.URL(reader_url).join(path))
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        read = path.split("?")[0] + "/read"
        done = http.post(httpx.URL(reader_url).join(read), data={"csrf": html.unescape(csrf.group(1))})
        assert done.status_code < 400


def _digital_reads(window: MainWindow, household_id: int) -> int:
    reads = window.services.reads
    return sum(
        1
        for c in window.services.circulars.list_circulars()
        if c.number is not None
        for r in reads.records(c.id).values()
        if r.household_id == household_id and r.channel is Channel.DIGITAL
    )


def test_practice_hub_shows_reader_links_and_a_tap_reaches_the_matrix(
    qtbot: QtBot, app: App, practice_window: MainWindow, controller: TrainerController
) -> None:
    """The hub dialog lists links on 127.0.0.1; a tap there is a digital read after a sync."""
    circulars = practice_window.services.circulars
    circulars.publish(circulars.new_draft(CircularDraft(title="ハブ練習のお知らせ", body="本文です。")).id)
    hub = practice_hub_for(app, practice_window.services.context.ref.folder)
    try:
        dialog = controller.hub_dialog()
        with qtbot.waitSignal(dialog.synced, timeout=15_000):
            assert controller.open_hub() is dialog
        assert "127.0.0.1" in dialog.address_label.text()
        assert dialog.links_list.count() > 0
        dialog.links_list.setCurrentRow(0)
        url = dialog.current_url()
        assert url is not None
        link = next(link for link in practice_window.services.sync.reader_links() if link.url == url)
        before = _digital_reads(practice_window, link.household_id)
        _confirm_read(url, "ハブ練習のお知らせ")
        with qtbot.waitSignal(dialog.synced, timeout=15_000) as synced:
            dialog.sync_now()
        assert synced.args[0].confirmations == 1
        assert _digital_reads(practice_window, link.household_id) == before + 1
    finally:
        hub.stop()
