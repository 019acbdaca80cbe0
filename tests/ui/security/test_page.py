"""The 管理 menu: its items, who may use them, its language, and the login-dialog buttons."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.security.page import install_login_extras, install_security
from circular_app.ui.shell.login import LoginDialog
from tests.ui.security.support import WindowFactory, controller_of, windows

__all__ = ["windows"]  # the fixture, imported so that pytest finds it here


def test_menu_lists_the_security_items(windows: WindowFactory, services: ProfileServices) -> None:
    """The 管理 menu offers accounts, password, lock, switch, backups, handover, 班長 copy and audit."""
    window = windows(services)
    texts = [a.text() for a in controller_of(window).menu.actions() if not a.isSeparator()]
    assert texts == [
        "アカウント(&A)…",
        "パスワード変更(&P)…",
        "画面をロック(&L)",
        "役員の切り替え(&S)…",
        "バックアップと復元(&B)…",
        "引き継ぎファイルの作成(&H)…",
        "班長コピーの作成(&K)…",
        "監査ログ(&G)…",
    ]


def test_menu_comes_after_the_tools_menu(windows: WindowFactory, services: ProfileServices) -> None:
    """The 管理 menu is added after ツール, leaving the other menus where they are."""
    window = windows(services)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("管理(&M)") > titles.index("ツール(&T)")


def test_admin_has_every_item_enabled(windows: WindowFactory, services: ProfileServices) -> None:
    """For the administrator every item is available."""
    window = windows(services)
    assert all(a.isEnabled() for a in controller_of(window).menu.actions() if not a.isSeparator())


def test_officer_cannot_use_the_administrator_items(
    app: App, windows: WindowFactory, services: ProfileServices
) -> None:
    """An 役員 may lock, switch and change their password, nothing else of the menu."""
    services.accounts.add_officer("yakuin", "役員", Role.OFFICER, "yakuin password")
    context = app.profiles.open_profile(services.context.ref, "yakuin", "yakuin password")
    controller = controller_of(windows(app.services_for(context)))
    enabled = {a.text() for a in controller.menu.actions() if a.isEnabled() and not a.isSeparator()}
    assert enabled == {"パスワード変更(&P)…", "画面をロック(&L)", "役員の切り替え(&S)…"}


def test_han_leader_is_not_offered_backups_or_handover(
    app: App, windows: WindowFactory, services: ProfileServices
) -> None:
    """A 班長 may lock, switch, change their password and copy their own 班; backups and handover are disabled."""
    han = services.roster.add_han("1班")
    services.accounts.add_officer("hancho1", "1班長", Role.HAN_LEADER, "hancho password", han.id)
    context = app.profiles.open_profile(services.context.ref, "hancho1", "hancho password")
    controller = controller_of(windows(app.services_for(context)))
    assert not controller.backup_action.isEnabled() and not controller.handover_action.isEnabled()
    enabled = {a.text() for a in controller.menu.actions() if a.isEnabled() and not a.isSeparator()}
    assert enabled == {
        "パスワード変更(&P)…",
        "画面をロック(&L)",
        "役員の切り替え(&S)…",
        "班長コピーの作成(&K)…",
    }


def test_install_security_is_idempotent(windows: WindowFactory, services: ProfileServices) -> None:
    """Installing twice adds the menu once."""
    window = windows(services)
    install_security(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("管理(&M)") == 1


def test_menu_follows_the_language(
    qtbot: QtBot, windows: WindowFactory, services: ProfileServices, appearance: Appearance
) -> None:
    """Switching to English re-translates the menu."""
    controller = controller_of(windows(services))
    appearance.apply(Look(language="en"))
    qtbot.waitUntil(lambda: controller.menu.title() == "&Manage")
    assert controller.lock_action.text() == "&Lock screen"


def test_login_extras_add_two_buttons(qtbot: QtBot, app: App, services: ProfileServices) -> None:
    """The login dialog gets 「パスワードを忘れた」 and 「引き継ぎファイルから開く」 above its buttons."""
    login = LoginDialog(app)
    qtbot.addWidget(login)
    extras = install_login_extras(login, app)
    assert extras.forgot_button.text() == "パスワードを忘れた(&W)…"
    assert extras.handover_button.text() == "引き継ぎファイルから開く(&H)…"
    assert install_login_extras(login, app) is extras


def test_forgot_password_needs_an_association(qtbot: QtBot, app: App) -> None:
    """With no association on the PC only the handover button is available."""
    login = LoginDialog(app)
    qtbot.addWidget(login)
    extras = install_login_extras(login, app)
    assert not extras.forgot_button.isEnabled()
    assert extras.handover_button.isEnabled()
