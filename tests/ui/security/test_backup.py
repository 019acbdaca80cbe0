"""Backups (now, to USB, automatic), restore, and the handover file from export to import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.services.backup import HANDOVER_CHECKLIST
from circular_app.ui.common import dialogs
from circular_app.ui.security.backup import BackupDialog, BackupTableModel
from circular_app.ui.security.handover import CHECKLIST_TEXTS, HandoverExportDialog, HandoverImportDialog
from circular_app.ui.security.page import install_login_extras
from circular_app.ui.shell.login import LoginDialog, RecoveryKeyDialog
from circular_app.ui.shell.main_window import MainWindow
from tests.conftest import TEST_KDF
from tests.ui.security.support import (
    WindowFactory,
    answer_questions,
    controller_of,
    fake_exec,
    show,
    windows,
)

__all__ = ["windows"]  # the fixture, imported so that pytest finds it here

PASSPHRASE = "sakura ga saku haru"


@pytest.fixture
def backup_dialog(qtbot: QtBot, demo_services: ProfileServices) -> BackupDialog:
    """The backup list of the demo profile, opened by its administrator."""
    dialog = BackupDialog(demo_services, keep=10)
    qtbot.addWidget(dialog)
    return dialog


def test_backup_model_passes_the_model_tester(qtmodeltester: object, backup_dialog: BackupDialog) -> None:
    """The backup table model is consistent for Qt's model tester."""
    backup_dialog.back_up_now()
    model = BackupTableModel()
    model.set_rows(backup_dialog.model.rows())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_backup_now_is_listed(backup_dialog: BackupDialog) -> None:
    """「今すぐバックアップ」 adds a manual backup to the list and selects it."""
    assert backup_dialog.model.rowCount() == 0
    backup_dialog.backup_button.click()
    assert backup_dialog.model.rowCount() == 1
    assert backup_dialog.model.index(0, 1).data() == "手動"
    entry = backup_dialog.current_entry()
    assert entry is not None
    assert entry.path.exists()


def test_backup_to_usb_writes_into_the_chosen_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, backup_dialog: BackupDialog
) -> None:
    """「USBメモリにバックアップ…」 writes one file into the chosen folder."""
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_args: [Path(str(stick))])
    backup_dialog.usb_button.click()
    written = list(stick.iterdir())
    assert len(written) == 1
    assert written[0].name.startswith("見本町会（デモ）-")
    assert str(written[0]) in backup_dialog.status.text()


def test_restore_needs_a_selected_backup(backup_dialog: BackupDialog) -> None:
    """The restore button is greyed out until a backup is chosen."""
    backup_dialog.back_up_now()
    backup_dialog.table.clearSelection()
    backup_dialog.table.setCurrentIndex(backup_dialog.model.index(-1, -1))
    assert not backup_dialog.restore_button.isEnabled()


def test_restore_answered_no_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, backup_dialog: BackupDialog
) -> None:
    """Answering No to the confirmation restores nothing."""
    backup_dialog.back_up_now()
    answer_questions(monkeypatch, yes=False)
    backup_dialog.restore_button.click()
    assert backup_dialog.restored is None


def test_restore_confirmation_says_the_current_file_is_kept(
    monkeypatch: pytest.MonkeyPatch, backup_dialog: BackupDialog
) -> None:
    """The confirmation explains that the current data is kept."""
    backup_dialog.back_up_now()
    asked = answer_questions(monkeypatch, yes=False)
    backup_dialog.restore_button.click()
    assert "復元前の控え" in asked[0]


def test_restoring_an_empty_backup_shows_the_error_and_keeps_the_profile_open(
    monkeypatch: pytest.MonkeyPatch, backup_dialog: BackupDialog, demo_services: ProfileServices
) -> None:
    """A 0-byte backup in the list is refused in the dialog, which stays open with the error."""
    hans_before = [h.name for h in demo_services.roster.list_hans()]
    empty = demo_services.backups.folder / "20261125-130501-manual.kdb"
    empty.parent.mkdir(parents=True, exist_ok=True)
    empty.write_bytes(b"")
    backup_dialog.back_up_now()
    answer_questions(monkeypatch)
    backup_dialog.select(empty)
    backup_dialog.restore_selected()
    assert backup_dialog.restored is None
    assert "空です" in backup_dialog.error.text() and empty.name in backup_dialog.error.text()
    assert [h.name for h in demo_services.roster.list_hans()] == hans_before


def _restore_manual(dialog: BackupDialog) -> None:
    manual = next(e for e in dialog.model.rows() if e.reason == "manual")
    dialog.select(manual.path)
    dialog.restore_selected()


def _shown_main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _rename_first_han(services: ProfileServices, name: str) -> None:
    han = services.roster.list_hans()[0]
    services.roster.rename_han(han.id, name)


def test_restore_brings_back_older_data(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """After restoring an older backup the reopened window shows the data as it was then."""
    window = windows(demo_services)
    show(qtbot, window)
    old_name = demo_services.roster.list_hans()[0].name
    demo_services.backups.back_up("manual")
    _rename_first_han(demo_services, "変更後の班")
    answer_questions(monkeypatch)
    fake_exec(monkeypatch, BackupDialog, _restore_manual)
    controller_of(window).open_backups()
    new = next(w for w in _shown_main_windows() if w is not window)
    assert new.page.model.hans()[0].name == old_name
    assert new.services.context.officer.username == "demo"


def test_restore_keeps_the_current_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """The data from before the restore is kept as a backup named before-restore."""
    window = windows(demo_services)
    show(qtbot, window)
    demo_services.backups.back_up("manual")
    answer_questions(monkeypatch)
    fake_exec(monkeypatch, BackupDialog, _restore_manual)
    controller_of(window).open_backups()
    new = _shown_main_windows()[0]
    assert "before-restore" in [b.reason for b in new.services.backups.backups()]
    assert "復元しました" in new.statusBar().currentMessage()


def test_closing_the_window_makes_a_close_backup(
    qtbot: QtBot, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """Closing the shown main window writes a backup with the reason close."""
    window = windows(demo_services)
    show(qtbot, window)
    window.close()
    assert "close" in [b.reason for b in demo_services.backups.backups()]


def test_first_show_makes_the_daily_backup(
    qtbot: QtBot, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """When no automatic backup is a day old, showing the window makes the daily one."""
    window = windows(demo_services)
    assert demo_services.backups.backups() == []
    show(qtbot, window)
    qtbot.waitUntil(lambda: [b.reason for b in demo_services.backups.backups()] == ["daily"])


def test_replaced_window_makes_no_close_backup(
    qtbot: QtBot, windows: WindowFactory, demo_services: ProfileServices
) -> None:
    """A suspended window (being replaced) closes without a backup."""
    window = windows(demo_services)
    controller_of(window).suspend()
    show(qtbot, window)
    window.close()
    assert demo_services.backups.backups() == []


def test_checklist_matches_the_service(qapp: object) -> None:
    """The translatable checklist is the service's checklist, item for item."""
    assert tuple(str(t) for t in CHECKLIST_TEXTS) == HANDOVER_CHECKLIST


def _export(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, services: ProfileServices, target: Path
) -> HandoverExportDialog:
    dialog = HandoverExportDialog(services)
    qtbot.addWidget(dialog)
    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_args: [Path(str(target))])
    answer_questions(monkeypatch)
    dialog.accept()
    return dialog


def test_handover_export_writes_the_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_services: ProfileServices
) -> None:
    """Export with a passphrase writes the file (the suffix is added) and closes the dialog."""
    dialog = _export(monkeypatch, qtbot, demo_services, tmp_path / "引き継ぎ")
    assert dialog.written == tmp_path / "引き継ぎ.kairan"
    assert dialog.written.exists()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_handover_export_shows_the_checklist(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Every checklist item is shown as a box to tick."""
    dialog = HandoverExportDialog(demo_services)
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.checklist] == list(HANDOVER_CHECKLIST)


def test_handover_export_refuses_different_passphrases(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Two different passphrases are refused before asking where to save."""
    dialog = HandoverExportDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE + "x")
    dialog.accept()
    assert dialog.passphrase.error.text() == "2回の入力が一致しません"
    assert dialog.written is None


def _fill_import(path: Path, passphrase: str) -> Callable[[HandoverImportDialog], None]:
    def fill(dialog: HandoverImportDialog) -> None:
        dialog.file_edit.setText(str(path))
        dialog.passphrase_edit.setText(passphrase)
        dialog.username_edit.setText("shinkaichou")
        dialog.display_name_edit.setText("新会長")
        dialog.passwords.first.setText("new admin password")
        dialog.passwords.second.setText("new admin password")

    return fill


def test_handover_export_then_import_shows_the_roster(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_services: ProfileServices,
    windows: WindowFactory,
) -> None:
    """A handover file opened from the login screen of a second data directory shows the roster."""
    file = _export(monkeypatch, qtbot, demo_services, tmp_path / "handover.kairan").written
    assert file is not None
    second = App.build(tmp_path / "second", kdf=TEST_KDF)
    login = LoginDialog(second)
    qtbot.addWidget(login)
    extras = install_login_extras(login, second)
    keys = fake_exec(monkeypatch, RecoveryKeyDialog, lambda _d: None)
    fake_exec(monkeypatch, HandoverImportDialog, _fill_import(file, PASSPHRASE))
    extras.handover_button.click()
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.services is not None
    assert len(keys) == 1
    window = MainWindow(second, login.services)
    qtbot.addWidget(window)
    shown = window.page.model.rowCount()
    assert shown == len(demo_services.roster.list_households())
    assert login.services.context.officer.username == "shinkaichou"
    login.services.context.close()


def test_handover_import_with_a_wrong_passphrase_is_refused(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_services: ProfileServices
) -> None:
    """A wrong passphrase is shown in the dialog and no profile is created."""
    file = _export(monkeypatch, qtbot, demo_services, tmp_path / "handover.kairan").written
    assert file is not None
    second = App.build(tmp_path / "second", kdf=TEST_KDF)
    dialog = HandoverImportDialog(second)
    qtbot.addWidget(dialog)
    _fill_import(file, "wrong passphrase")(dialog)
    dialog.accept()
    assert "合言葉が違う" in dialog.general_error.text()
    assert second.profiles.list_profiles() == []


def test_handover_import_without_a_file_asks_for_one(qtbot: QtBot, app: App) -> None:
    """OK without a file points at the file field."""
    dialog = HandoverImportDialog(app)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.errors["ファイル"].text() == "ファイルを選んでください"
