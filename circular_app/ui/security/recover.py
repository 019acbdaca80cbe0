"""「パスワードを忘れた」: open the association with the printed recovery key, choose the account,
set its new password, and log in with it.

Two steps in one dialog: first the recovery key (checked at once, with the same lock-out as
passwords), then the account and the new password. The account then logs in the ordinary
way, so the audit trail records both the password change and the log-in.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError, ValidationError
from circular_app.services.accounts import ProfileRef
from circular_app.ui.common import dialogs
from circular_app.ui.common.widgets import ErrorLabel, bold_font
from circular_app.ui.security.common import NewPasswordFields, SecurityDialog, error_text, set_button_texts


class RecoveryDialog(SecurityDialog):
    """Recovery key → account → new password → logged in. After ``Accepted``, :attr:`services` is set."""

    def __init__(self, app: App, ref: ProfileRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._ref = ref
        self._data_key: bytes | None = None
        self.services: ProfileServices | None = None
        self._setup_ui()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        self.title = QLabel(self)
        self.title.setFont(bold_font())
        self.pages = QStackedWidget(self)

        key_page = QWidget(self.pages)
        key_layout = QVBoxLayout(key_page)
        self.key_intro = QLabel(key_page)
        self.key_intro.setWordWrap(True)
        key_form = QFormLayout()
        key_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.key_label = QLabel(key_page)
        self.key_edit = QLineEdit(key_page)
        self.key_label.setBuddy(self.key_edit)
        key_form.addRow(self.key_label, self.key_edit)
        self.key_error = ErrorLabel(key_page)
        key_layout.addWidget(self.key_intro)
        key_layout.addLayout(key_form)
        key_layout.addWidget(self.key_error)
        key_layout.addStretch(1)

        password_page = QWidget(self.pages)
        password_layout = QVBoxLayout(password_page)
        self.password_intro = QLabel(password_page)
        self.password_intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.user_label = QLabel(password_page)
        self.user_combo = QComboBox(password_page)
        self.user_label.setBuddy(self.user_combo)
        form.addRow(self.user_label, self.user_combo)
        self.passwords = NewPasswordFields(password_page)
        self.passwords.add_rows(form)
        self.password_error = ErrorLabel(password_page)
        password_layout.addWidget(self.password_intro)
        password_layout.addLayout(form)
        password_layout.addWidget(self.password_error)
        password_layout.addStretch(1)

        self.pages.addWidget(key_page)
        self.pages.addWidget(password_page)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("パスワードを忘れたとき"))
        self.title.setText(self.tr("回復キーで開く: {name}").format(name=self._ref.name))
        self.key_intro.setText(
            self.tr(
                "町会を作ったときに印刷した回復キー（25文字）を入力してください。"
                "ハイフンや空白はあってもなくてもかまいません。"
            )
        )
        self.key_label.setText(self.tr("回復キー(&K)"))
        self.key_edit.setAccessibleName(self.tr("回復キー"))
        self.key_edit.setPlaceholderText(self.tr("例: ABCDE-FGHJK-…"))
        self.password_intro.setText(
            self.tr("回復キーを確認しました。新しいパスワードを決めるアカウントを選んでください。")
        )
        self.user_label.setText(self.tr("アカウント(&A)"))
        self.user_combo.setAccessibleName(self.tr("アカウント"))
        self.passwords.retranslate_ui()
        self._update_buttons()

    def _update_buttons(self) -> None:
        first = self.pages.currentIndex() == 0
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("次へ") if first else self.tr("設定してログイン"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    @property
    def on_password_step(self) -> bool:
        """True once the recovery key was accepted."""
        return self.pages.currentIndex() == 1

    @Slot()
    def accept(self) -> None:
        """Check the key (first step) or set the password and log in (second step)."""
        if self.on_password_step:
            self._set_password()
        else:
            self._check_key()

    def _check_key(self) -> None:
        self.key_error.clear_error()
        store = self._app.profiles.store
        try:
            self._data_key = store.unlock_with_recovery(self._ref, self.key_edit.text())
            names = store.envelope(self._ref).usernames
        except UserError as error:
            self.key_error.show_error(error_text(error))
            self.key_edit.selectAll()
            self.key_edit.setFocus()
            return
        self.user_combo.clear()
        self.user_combo.addItems(list(names))
        self.pages.setCurrentIndex(1)
        self._update_buttons()
        self.user_combo.setFocus()

    def _set_password(self) -> None:
        self.password_error.clear_error()
        if self._data_key is None:
            return
        username = self.user_combo.currentText()
        if not username:
            self.password_error.show_error(self.tr("アカウントを選んでください"))
            return
        password = self.passwords.value()
        if password is None:
            return
        profiles = self._app.profiles
        try:
            context = profiles.open_with_key(self._ref, username, self._data_key)
            try:
                self._app.services_for(context).accounts.reset_with_recovery(self.key_edit.text(), password)
            finally:
                context.close()
            context = profiles.open_profile(self._ref, username, password)
        except ValidationError as error:
            self.passwords.show_error(error)
            return
        except UserError as error:
            self.password_error.show_error(error_text(error))
            return
        self.key_edit.clear()
        self.passwords.clear()
        self._data_key = None
        self.services = self._app.services_for(context)
        super().accept()
