"""The 「会長用リンク」 section of the 安否確認 tab against a real hub on loopback (SQLite file).

Hidden for anyone but the 管理者; without a hub its buttons are off with the reason; 「リンクを
作る…」 asks the name, shows address and PIN once (the PIN then opens the link on the hub) and
saves the card; 「使えなくする」 asks first, then the hub refuses the link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.services.safety import SafetyService
from circular_app.services.safety_hub import ChairLinkService
from circular_app.ui.common import dialogs
from circular_app.ui.safety.chair_links import ChairLinksSection, IssuedLinkDialog, OfficerNameDialog
from circular_app.ui.safety.page import SafetyPage
from tests.hub.support import RunningHub, enroll
from tests.pdf.helpers import pdftotext_lines
from tests.ui.sync.test_dialogs import sqlite_hub


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    """A hub on a migrated SQLite file, served on a loopback port."""
    with sqlite_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture
def admin_page(qtbot: QtBot, services: ProfileServices) -> Callable[[], SafetyPage]:
    """Makes the 管理者's tab (call it after connecting the hub, or not)."""

    def make() -> SafetyPage:
        page = SafetyPage(
            services.safety, True, care=services.care, may_print_board=True, chair_links=services.chair_links
        )
        qtbot.addWidget(page)
        return page

    return make


def _section(page: SafetyPage) -> ChairLinksSection:
    assert page.chair_section is not None
    return page.chair_section


def _when_up(kind: type[QDialog], act: Callable[[QDialog], None]) -> QTimer:
    """Run ``act`` on the modal dialog of ``kind`` once it is up; the dialog is closed afterwards."""
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            return
        timer.stop()
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_only_the_administrator_sees_it_and_without_a_hub_it_says_why(
    qtbot: QtBot, services: ProfileServices, app: App, admin_page: Callable[[], SafetyPage]
) -> None:
    """A 役員's tab has no 会長用リンク section; the 管理者's says no hub is connected, buttons off."""
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "yakuin password")
    context = app.profiles.open_profile(services.context.ref, "yakuin", "yakuin password")
    try:
        officer_page = SafetyPage(
            SafetyService(context, services.font_dir),
            True,
            chair_links=ChairLinkService(context, services.font_dir),
        )
        qtbot.addWidget(officer_page)
        assert officer_page.chair_section is None and officer_page.findChild(ChairLinksSection) is None
    finally:
        context.close()
    page = admin_page()
    section = _section(page)
    assert "ハブに接続していない" in section.state_label.text()
    assert not section.issue_button.isEnabled() and not section.revoke_button.isEnabled()
    assert "ハブに接続していない" in section.issue_button.toolTip()


def test_issue_shows_url_and_pin_once_and_the_pin_opens_the_link(
    hub: RunningHub,
    services: ProfileServices,
    admin_page: Callable[[], SafetyPage],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """リンクを作る…: name asked, URL and PIN shown once (not in the list), card saved, PIN accepted by the hub."""
    enroll(hub, services)
    page = admin_page()
    section = _section(page)
    assert section.issue_button.isEnabled()
    card = tmp_path / "card.pdf"
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a: [card])
    shown: dict[str, str] = {}

    def name(dialog: QDialog) -> None:
        assert isinstance(dialog, OfficerNameDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no name yet
        dialog.name_edit.setText("山田 会長")
        ok.click()

    def issued(dialog: QDialog) -> None:
        assert isinstance(dialog, IssuedLinkDialog)
        shown["pin"] = dialog.pin_label.text().replace(" ", "")
        shown["url"] = dialog.url_label.text()
        shown["once"] = dialog.once_label.text()
        dialog.card_button.click()
        dialog.accept()

    timers = [_when_up(OfficerNameDialog, name), _when_up(IssuedLinkDialog, issued)]
    result = section.issue_link()
    for timer in timers:
        timer.stop()
    assert result is not None and shown["pin"] == result.pin and shown["url"] == result.url
    assert "一度しか表示しません" in shown["once"]
    # The list shows who and when, never the link or the PIN.
    assert section.model.rowCount() == 1
    cells = [str(section.model.index(0, c).data()) for c in range(3)]
    assert cells[0] == "山田 会長" and cells[1].startswith("令和") and cells[2] == "使えます"
    assert not any(result.pin in cell or result.url in cell for cell in cells)
    text = "\n".join(pdftotext_lines(card))
    assert "山田 会長" in text and result.pin not in text

    assert not services.sync.run_once().failed
    path = result.url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as phone:
        assert phone.post(f"{path}/pin", data={"pin": shown["pin"]}).status_code == 303
        assert "安否確認を始める" in phone.get(path).text


def test_revoke_asks_and_then_the_hub_refuses_the_link(
    hub: RunningHub,
    services: ProfileServices,
    admin_page: Callable[[], SafetyPage],
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    """使えなくする asks first (no: nothing happens); after yes the list says so and the hub answers 404."""
    enroll(hub, services)
    issued = services.chair_links.issue("佐藤 副会長")
    assert not services.sync.run_once().failed
    assert httpx.get(issued.url).status_code == 200
    page = admin_page()
    section = _section(page)
    assert not section.revoke_button.isEnabled()  # nothing chosen yet
    section.view.selectRow(0)
    page.refresh()  # the tab's own refresh keeps the choice
    assert section.revoke_button.isEnabled()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask", lambda _p, _t, text, **_k: questions.append(text) or False)
    section.revoke_button.click()
    assert questions and "佐藤 副会長" in questions[0]
    assert services.chair_links.links()[0].revoked_at is None
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    section.revoke_button.click()
    assert services.chair_links.links()[0].revoked_at is not None
    assert str(section.model.index(0, 2).data()).startswith("使えなくしました")
    qtmodeltester.check(section.model)
    assert not services.sync.run_once().failed
    assert httpx.get(issued.url).status_code == 404
