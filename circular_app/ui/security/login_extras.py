"""The log-in window's extra buttons: 「パスワードを忘れた」, 「引き継ぎファイルから開く」, 「班長コピーを開く」.

Kept apart from :mod:`circular_app.ui.security.page` (the main window's 管理 menu) because the
log-in window is the first thing the officer sees: the dialogs behind these buttons (and what
they import: backups, the handover file, the 班長 copy) are imported when a button is pressed,
not at start-up (``tests/test_startup_imports.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QBoxLayout, QDialog, QPushButton, QWidget

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError
from circular_app.ui.common.messages import show_error
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import FlowLayout
from circular_app.ui.shell.login import LoginDialog


class LoginExtras(Retranslating, QWidget):
    """「パスワードを忘れた」, 「引き継ぎファイルから開く」 and 「班長コピーを開く」 under the login form."""

    def __init__(self, login: LoginDialog, app: App) -> None:
        super().__init__(login)
        self.setObjectName("login_extras")
        self._login = login
        self._app = app
        self.forgot_button = QPushButton(self)
        self.handover_button = QPushButton(self)
        self.han_copy_button = QPushButton(self)
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        flow.addWidget(self.forgot_button)
        flow.addWidget(self.handover_button)
        flow.addWidget(self.han_copy_button)
        self.forgot_button.clicked.connect(self.forgot_password)
        self.handover_button.clicked.connect(self.open_handover)
        self.han_copy_button.clicked.connect(self.open_han_copy)
        login.profile_combo.currentIndexChanged.connect(self._update_buttons)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.forgot_button.setText(self.tr("パスワードを忘れた(&W)…"))
        self.handover_button.setText(self.tr("引き継ぎファイルから開く(&H)…"))
        self.han_copy_button.setText(self.tr("班長コピーを開く(&K)…"))

    @Slot()
    def _update_buttons(self) -> None:
        self.forgot_button.setEnabled(self._login.profile_combo.currentData() is not None)

    def _finish(self, services: ProfileServices) -> None:
        # What LoginDialog does after a log-in, without its own accept() (which logs in again).
        self._login.services = services
        self._login.logged_in.emit(services)
        self._login.done(QDialog.DialogCode.Accepted)

    @Slot()
    def forgot_password(self) -> None:
        """Open the chosen association with its recovery key and set a new password."""
        profile_id = self._login.profile_combo.currentData()
        if profile_id is None:
            return
        try:
            ref = self._app.profiles.find(str(profile_id))
        except UserError as error:
            show_error(self._login, error)
            return
        from circular_app.ui.security.recover import RecoveryDialog

        dialog = RecoveryDialog(self._app, ref, self._login)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.services is not None:
            self._finish(dialog.services)

    @Slot()
    def open_handover(self) -> None:
        """Open a handover file from the previous officer as a new association on this PC."""
        from circular_app.ui.security.handover import HandoverImportDialog

        dialog = HandoverImportDialog(self._app, self._login)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.services is not None:
            self._login.reload_profiles()
            self._finish(dialog.services)
        else:
            # A file may have been imported even if logging in afterwards failed.
            self._login.reload_profiles()

    @Slot()
    def open_han_copy(self) -> None:
        """Open a 班長 copy on this (the 班長's) PC and log the 班長 in."""
        from circular_app.ui.security.han_copy import HanCopyImportDialog

        dialog = HanCopyImportDialog(self._app, self._login)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.services is not None
        self._login.reload_profiles()
        if accepted and dialog.services is not None:
            self._finish(dialog.services)


def install_login_extras(login: LoginDialog, app: App) -> LoginExtras:
    """Add the recovery and handover buttons to ``login`` (above its OK/Quit buttons)."""
    existing = login.findChild(QObject, "login_extras", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(existing, LoginExtras):
        return existing
    extras = LoginExtras(login, app)
    layout = login.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(max(layout.indexOf(login.buttons), 0), extras)
    return extras
