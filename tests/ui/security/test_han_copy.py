"""The 班長 copy in the GUI: made from the 管理 menu, opened from the login screen of the 班長's PC."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.ui.common import dialogs
from circular_app.ui.security.han_copy import HanCopyExportDialog, HanCopyImportDialog
from circular_app.ui.security.page import install_login_extras
from circular_app.ui.shell.login import LoginDialog, RecoveryKeyDialog
from tests.conftest import TEST_KDF
from tests.ui.security.support import WindowFactory, answer_questions, controller_of, fake_exec, windows

__all__ = ["windows"]  # the fixture, imported so that pytest finds it here

LEADER, LEADER_PASSWORD = "hancho2", "niban no hancho"


@pytest.fixture
def leader_han(demo_services: ProfileServices) -> int:
    """The demo profile gets a 班長 account for 2班; returns the 班's id."""
    han2 = next(h for h in demo_services.roster.list_hans() if h.name == "2班")
    demo_services.accounts.add_officer(LEADER, "二班 班長", Role.HAN_LEADER, LEADER_PASSWORD, han2.id)
    return han2.id


def _export(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, services: ProfileServices, target: Path) -> Path:
    dialog = HanCopyExportDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.leader_combo.currentData() == LEADER
    dialog.password_edit.setText(LEADER_PASSWORD)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_args: [target])
    answer_questions(monkeypatch)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.result_copy is not None
    assert dialog.password_edit.text() == ""
    return dialog.result_copy.path


def test_menu_offers_the_han_copy_to_administrator_and_han_leader(
    app: App, demo_services: ProfileServices, leader_han: int, windows: WindowFactory
) -> None:
    """管理 → 班長コピーの作成 is enabled for the 管理者 and for a 班長, not for a 役員."""
    assert controller_of(windows(demo_services)).han_copy_action.isEnabled()
    ref = demo_services.context.ref
    leader = app.services_for(app.profiles.open_profile(ref, LEADER, LEADER_PASSWORD))
    assert controller_of(windows(leader)).han_copy_action.isEnabled()
    demo_services.accounts.add_officer("yakuin", "", Role.OFFICER, "yakuin password")
    officer = app.services_for(app.profiles.open_profile(ref, "yakuin", "yakuin password"))
    assert not controller_of(windows(officer)).han_copy_action.isEnabled()


def test_wrong_han_leader_password_is_shown_and_nothing_written(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_services: ProfileServices,
    leader_han: int,
) -> None:
    """A wrong password is explained in the dialog; no file appears."""
    dialog = HanCopyExportDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("not it at all")
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_args: [tmp_path / "c.kairan"])
    dialog.accept()
    assert "パスワード" in dialog.general_error.text()
    assert not (tmp_path / "c.kairan").exists() and dialog.result() != QDialog.DialogCode.Accepted


def test_han_copy_made_in_the_menu_opens_on_the_han_leaders_pc(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_services: ProfileServices,
    leader_han: int,
) -> None:
    """The copy opens from the login screen with the 班長's password and lists only 2班's households."""
    file = _export(monkeypatch, qtbot, demo_services, tmp_path / "2班")
    assert file == tmp_path / "2班.kairan"
    own = [h.public_id for h in demo_services.roster.list_households() if h.han_id == leader_han]
    pc = App.build(tmp_path / "hancho-pc", kdf=TEST_KDF)
    login = LoginDialog(pc)
    qtbot.addWidget(login)
    extras = install_login_extras(login, pc)
    keys = fake_exec(monkeypatch, RecoveryKeyDialog, lambda _d: None)

    def fill(dialog: HanCopyImportDialog) -> None:
        dialog.file_edit.setText(str(file))
        dialog.password_edit.setText(LEADER_PASSWORD)

    fake_exec(monkeypatch, HanCopyImportDialog, fill)
    extras.han_copy_button.click()
    assert login.result() == QDialog.DialogCode.Accepted and login.services is not None
    assert len(keys) == 1
    try:
        assert login.services.context.officer.username == LEADER
        assert [h.public_id for h in login.services.roster.list_households()] == own
    finally:
        login.services.context.close()
