"""Wiring the security windows into the main window and the login dialog.

:func:`install_security` gives a main window its 「管理」 menu (accounts, password, lock, switch
officer, backups, handover, audit; the administrator's items are disabled for other roles),
starts its idle lock and its automatic backups. It is idempotent, so a window may call it
from its constructor and :func:`replace_window` may call it again.

Switching officer and restoring a backup both end with a new set of services: the window
does not try to swap its services in place (every page holds them) but is replaced by a new
main window on the new services, and the old one is closed with its profile context
(:func:`replace_window`).

The login dialog's extra buttons live in :mod:`circular_app.ui.security.login_extras` (kept
apart so the log-in window does not import these windows); ``install_login_extras`` is
re-exported here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from circular_app.app import ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.errors import UserError
from circular_app.services.backup import RestoreResult
from circular_app.settings import BACKUPS_KEEP, IDLE_LOCK_MINUTES
from circular_app.ui.security.accounts import AccountsDialog, ChangePasswordDialog
from circular_app.ui.security.audit import AuditDialog
from circular_app.ui.security.backup import BackupDialog, install_auto_backup
from circular_app.ui.security.common import show_error
from circular_app.ui.security.han_copy import HanCopyExportDialog
from circular_app.ui.security.handover import HandoverExportDialog
from circular_app.ui.security.lock import IdleWatcher, SwitchOfficerDialog, WindowLock
from circular_app.ui.security.login_extras import install_login_extras as install_login_extras
from circular_app.ui.shell.pages import PageHost

CONTROLLER_NAME = "security_controller"
LOCK_SHORTCUT = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_L)


class SecurityController(QObject):
    """The 管理 menu, idle lock and automatic backups of one main window.

    Found again with :func:`security_controller`. Its parts: :attr:`lock` (WindowLock),
    :attr:`idle` (IdleWatcher), :attr:`auto_backup` (AutoBackup) and :attr:`menu`.
    """

    def __init__(self, window: PageHost, idle_timeout_ms: int) -> None:
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        self._window = window
        self._app = window.app
        self._services = window.services
        officer = self._services.context.officer
        admin = officer.can_manage_accounts
        # Practice profiles are fictional and open without a password: nothing to lock away.
        practice = self._services.context.ref.kind == "practice"
        self.lock = WindowLock(window, self._services.accounts, officer.display_name)
        self.idle = IdleWatcher(idle_timeout_ms, self)
        self.auto_backup = install_auto_backup(window, self._services.backups)

        self.accounts_action = QAction(window)
        self.password_action = QAction(window)
        self.lock_action = QAction(window)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.switch_action = QAction(window)
        self.backup_action = QAction(window)
        self.handover_action = QAction(window)
        self.han_copy_action = QAction(window)
        self.audit_action = QAction(window)
        for action in (self.accounts_action, self.audit_action):
            action.setEnabled(admin)
        # A backup or handover file holds every 班: never offered to 班長 (the service refuses too).
        for action in (self.backup_action, self.handover_action):
            action.setEnabled(officer.can_copy_profile)
        for action in (self.password_action, self.lock_action, self.switch_action):
            action.setEnabled(not practice)
        # A 班長 copy holds one 班: a 管理者 makes it for any 班長, a 班長 for themself.
        leader_with_han = officer.role is Role.HAN_LEADER and officer.han_id is not None
        self.han_copy_action.setEnabled(not practice and (officer.role is Role.ADMIN or leader_with_han))

        self.menu = QMenu(window)
        self.menu.setObjectName("security_menu")
        self.menu.addAction(self.accounts_action)
        self.menu.addAction(self.password_action)
        self.menu.addSeparator()
        self.menu.addAction(self.lock_action)
        self.menu.addAction(self.switch_action)
        self.menu.addSeparator()
        self.menu.addAction(self.backup_action)
        self.menu.addAction(self.handover_action)
        self.menu.addAction(self.han_copy_action)
        self.menu.addAction(self.audit_action)
        # Last in the menu bar: other areas insert theirs before ツール, and tests count on it.
        window.menuBar().addMenu(self.menu)
        window.toolbar.addSeparator()
        window.toolbar.addAction(self.lock_action)

        self.accounts_action.triggered.connect(self.open_accounts)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action.triggered.connect(self.lock.lock)
        self.switch_action.triggered.connect(self.switch_officer)
        self.backup_action.triggered.connect(self.open_backups)
        self.handover_action.triggered.connect(self.export_handover)
        self.han_copy_action.triggered.connect(self.export_han_copy)
        self.audit_action.triggered.connect(self.open_audit)
        self.idle.idle_timed_out.connect(self.lock.lock)
        self.lock.locked.connect(self.idle.stop)
        self.lock.unlocked.connect(self.idle.start)
        self.lock.switch_requested.connect(self.switch_officer)
        window.installEventFilter(self)
        self.retranslate_ui()
        if not practice:
            self.idle.start()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.menu.setTitle(self.tr("管理(&M)"))
        self.accounts_action.setText(self.tr("アカウント(&A)…"))
        self.password_action.setText(self.tr("パスワード変更(&P)…"))
        self.lock_action.setText(self.tr("画面をロック(&L)"))
        self.lock_action.setToolTip(self.tr("席を離れるときに画面を隠します（Ctrl+L）"))
        self.switch_action.setText(self.tr("役員の切り替え(&S)…"))
        self.backup_action.setText(self.tr("バックアップと復元(&B)…"))
        self.handover_action.setText(self.tr("引き継ぎファイルの作成(&H)…"))
        self.han_copy_action.setText(self.tr("班長コピーの作成(&K)…"))
        self.audit_action.setText(self.tr("監査ログ(&G)…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Re-translate with the window; never consumes the event."""
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def suspend(self) -> None:
        """Stop the idle lock and the automatic backups (the window is being replaced)."""
        self.idle.stop()
        self.auto_backup.suspend()

    def resume(self) -> None:
        """Undo :meth:`suspend` (the window stays after all)."""
        self.auto_backup.resume()
        if not self.lock.is_locked and self.lock_action.isEnabled():
            self.idle.start()

    # ----- actions -------------------------------------------------------------------------
    @Slot()
    def open_accounts(self) -> None:
        """The administrator's account list."""
        AccountsDialog(self._services, self._window).exec()

    @Slot()
    def change_password(self) -> None:
        """Change the logged-in officer's own password."""
        dialog = ChangePasswordDialog(self._services.accounts, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._window.statusBar().showMessage(self.tr("パスワードを変更しました"), 10_000)

    @Slot()
    def switch_officer(self) -> PageHost | None:
        """Log another officer in and replace the window with theirs (returned; None if cancelled)."""
        context = self._services.context
        dialog = SwitchOfficerDialog(self._app, context.ref, context.officer.username, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.services is None:
            return None
        return replace_window(self._window, dialog.services)

    @Slot()
    def open_backups(self) -> None:
        """The list of backups; after a restore the profile is opened again."""
        dialog = BackupDialog(self._services, self._app.settings.get(BACKUPS_KEEP), self._window)
        dialog.exec()
        if dialog.restored is not None:
            self.reopen_after_restore(dialog.restored)

    def reopen_after_restore(self, result: RestoreResult) -> PageHost | None:
        """Open the restored profile as the same officer and replace the window."""
        context = self._services.context
        self.suspend()
        try:
            reopened = self._app.profiles.open_with_key(
                context.ref, context.officer.username, context.data_key
            )
            services = self._app.services_for(reopened)
        except UserError as error:
            # E.g. this officer's account did not exist yet at the time of the backup.
            show_error(self._window, error)
            dialog = SwitchOfficerDialog(self._app, context.ref, "", self._window)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.services is None:
                self._window.close()
                return None
            services = dialog.services
        window = replace_window(self._window, services)
        if window is not None:
            window.statusBar().showMessage(
                self.tr("復元しました。復元前のデータは {file} に残しています。").format(
                    file=result.kept_current.name
                )
            )
        return window

    @Slot()
    def export_handover(self) -> None:
        """Write the yearly handover file."""
        HandoverExportDialog(self._services, self._window).exec()

    @Slot()
    def export_han_copy(self) -> None:
        """Write a 班長 copy (one 班, the 班長's own password)."""
        HanCopyExportDialog(self._services, self._window).exec()

    @Slot()
    def open_audit(self) -> None:
        """The audit trail."""
        AuditDialog(self._services, self._window).exec()


def security_controller(window: QWidget) -> SecurityController | None:
    """The controller :func:`install_security` gave ``window``, if any."""
    found = window.findChild(QObject, CONTROLLER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, SecurityController) else None


def install_security(window: PageHost, idle_timeout_ms: int | None = None) -> None:
    """Add the 管理 menu, the idle lock and automatic backups to ``window`` (once).

    ``idle_timeout_ms`` overrides the idle-lock setting (tests use milliseconds); given again
    for a window that has them already, it only changes the idle time.
    """
    installed = security_controller(window)
    if installed is not None:
        if idle_timeout_ms is not None:
            installed.idle.set_timeout(idle_timeout_ms)
        return
    if idle_timeout_ms is None:
        idle_timeout_ms = window.app.settings.get(IDLE_LOCK_MINUTES) * 60_000
    SecurityController(window, idle_timeout_ms)


def replace_window(window: PageHost, services: ProfileServices) -> PageHost | None:
    """Show a new main window on ``services`` in place of ``window``, which closes with its profile.

    Returns the new window, or None when ``window`` refused to close (then ``services`` are
    closed and nothing changes).
    """
    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        raise RuntimeError("replace_window needs a QApplication")
    old_services = window.services
    controller = security_controller(window)
    if controller is not None:
        controller.suspend()
    new_window = window.reopen(services)
    install_security(new_window)
    new_window.restoreGeometry(window.saveGeometry())
    maximized = window.isMaximized()
    quit_on_close = qapp.quitOnLastWindowClosed()
    # Between closing the old window and showing the new one no window is visible.
    qapp.setQuitOnLastWindowClosed(False)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if not window.close():
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            new_window.deleteLater()
            services.context.close()
            if controller is not None:
                controller.resume()
            return None
        if controller is not None and controller.lock.is_locked:
            # Put the taken-out content back into the (now hidden) window so it goes with it.
            controller.lock.restore()
            controller.suspend()
        if maximized:
            new_window.showMaximized()
        else:
            new_window.show()
    finally:
        qapp.setQuitOnLastWindowClosed(quit_on_close)
    old_services.context.close()
    window.window_keeper.keep(new_window)
    return new_window
