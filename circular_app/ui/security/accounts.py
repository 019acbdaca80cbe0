"""Officer accounts: the administrator's list (add, disable or enable, reset a password) and the
"change my password" dialog that every officer has.

Passwords follow one rule, a minimum length, shown in plain words beside the field; there are
no complexity rules, because long easy phrases are safer and easier for elderly officers.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import UserError, ValidationError
from circular_app.domain.roster import Han
from circular_app.services.accounts import AccountService
from circular_app.ui.common import dialogs
from circular_app.ui.common.widgets import (
    ErrorLabel,
    column_layout,
    flow_row,
    scrolled_dialog_layout,
)
from circular_app.ui.security.common import (
    NewPasswordFields,
    RowsTableModel,
    SecurityDialog,
    current_value,
    error_text,
    list_table,
    password_edit,
    role_name,
    select_value,
    set_button_texts,
    show_form_error,
)

# Roles the administrator can give (練習 belongs to practice profiles only).
ASSIGNABLE_ROLES = (Role.OFFICER, Role.HAN_LEADER, Role.ADMIN)


class OfficerTableModel(RowsTableModel[Officer]):
    """Accounts: user name, display name, role (with the 班 of a 班長) and state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._han_names: dict[int, str] = {}

    def set_hans(self, hans: list[Han]) -> None:
        """The 班 names used to show a 班長's 班."""
        self._han_names = {h.id: h.name for h in hans}

    def headers(self) -> list[str]:
        """Column titles in the current language."""
        return [self.tr("ユーザー名"), self.tr("表示名"), self.tr("役割"), self.tr("状態")]

    def role_text(self, officer: Officer) -> str:
        """``班長（1班）`` for a 班長, else the role name."""
        if officer.role is Role.HAN_LEADER and officer.han_id is not None:
            han = self._han_names.get(officer.han_id, str(officer.han_id))
            return self.tr("{role}（{han}）").format(role=role_name(officer.role), han=han)
        return role_name(officer.role)

    def cell(self, row: Officer, column: int) -> str:
        """Display text of one cell."""
        if column == 0:
            return row.username
        if column == 1:
            return row.display_name
        if column == 2:
            return self.role_text(row)
        return self.tr("無効") if row.disabled else self.tr("使用中")

    def dimmed(self, row: Officer) -> bool:
        """Disabled accounts are greyed out."""
        return row.disabled


class AccountsDialog(SecurityDialog):
    """The administrator's list of officer accounts."""

    def __init__(self, services: ProfileServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = services.accounts
        self._roster = services.roster
        self._me = services.context.officer.username
        self.model = OfficerTableModel(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        self.resize(760, 460)

    def _setup_ui(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = list_table(self.model, 1, self)
        self.add_button = QPushButton(self)
        self.toggle_button = QPushButton(self)
        self.reset_button = QPushButton(self)
        self.error = ErrorLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        row = flow_row(self, (self.add_button, self.toggle_button, self.reset_button))
        self.buttons = dialogs.button_box(self, None)
        column_layout(self, (self.intro, (self.table, 1), row, self.error, self.status, self.buttons))

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_officer)
        self.toggle_button.clicked.connect(self.toggle_disabled)
        self.reset_button.clicked.connect(self.reset_password)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("アカウント"))
        self.intro.setText(
            self.tr(
                "この町会を使う役員のアカウントです。管理者はすべての操作、役員は回覧と印刷と既読の記録、"
                "班長は自分の班の名簿と既読の記録だけができます。"
            )
        )
        self.table.setAccessibleName(self.tr("アカウントの一覧"))
        self.add_button.setText(self.tr("追加(&A)…"))
        self.reset_button.setText(self.tr("パスワードを再設定(&R)…"))
        set_button_texts(self.buttons, {QDialogButtonBox.StandardButton.Close: self.tr("閉じる")})
        self.model.retranslate()
        self._update_buttons()

    # ----- content -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the accounts (keeping the selected one selected)."""
        current = self.current_officer()
        try:
            self.model.set_hans(self._roster.list_hans())
            self.model.set_rows(self._accounts.list_officers())
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        if current is not None:
            self.select(current.username)
        self._update_buttons()

    def current_officer(self) -> Officer | None:
        """The selected account."""
        return current_value(self.table, self.model)

    def select(self, username: str) -> bool:
        """Select the account ``username``; False when it is not listed."""
        wanted = username.casefold()
        return select_value(self.table, self.model, lambda o: o.username.casefold() == wanted)

    @Slot()
    def _update_buttons(self, *_args: QModelIndex) -> None:
        officer = self.current_officer()
        self.toggle_button.setEnabled(officer is not None and officer.username != self._me)
        self.reset_button.setEnabled(officer is not None and not officer.disabled)
        if officer is not None and officer.disabled:
            self.toggle_button.setText(self.tr("有効にする(&E)…"))
        else:
            self.toggle_button.setText(self.tr("無効にする(&D)…"))

    # ----- actions -------------------------------------------------------------------------
    @Slot()
    def add_officer(self) -> None:
        """Ask for a new account and add it."""
        self.error.clear_error()
        try:
            hans = self._roster.list_hans()
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        dialog = AddOfficerDialog(self._accounts, hans, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.added is None:
            return
        self.refresh()
        self.select(dialog.added.username)
        self.status.setText(
            self.tr("アカウント「{name}」を追加しました。").format(name=dialog.added.username)
        )

    @Slot()
    def toggle_disabled(self) -> None:
        """Disable the selected account (after asking), or enable it again and set its password."""
        officer = self.current_officer()
        if officer is None:
            return
        self.error.clear_error()
        if not officer.disabled and not dialogs.ask(
            self,
            self.tr("アカウントを無効にする"),
            self.tr(
                "「{name}」のアカウントを無効にしますか？\n"
                "このパスワードでは開けなくなります。記録は残り、あとで有効に戻せます。"
            ).format(name=officer.display_name),
            yes=self.tr("無効にする"),
        ):
            return
        try:
            changed = self._accounts.set_disabled(officer.username, not officer.disabled)
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.refresh()
        self.select(changed.username)
        if changed.disabled:
            self.status.setText(self.tr("「{name}」を無効にしました。").format(name=changed.username))
            return
        # A disabled account lost its wrapped key: it needs a password before it can log in.
        self.status.setText(
            self.tr(
                "「{name}」を有効にしました。ログインできるように新しいパスワードを決めてください。"
            ).format(name=changed.username)
        )
        self.reset_password()

    @Slot()
    def reset_password(self) -> None:
        """Set a new password for the selected account."""
        officer = self.current_officer()
        if officer is None:
            return
        self.error.clear_error()
        dialog = ResetPasswordDialog(self._accounts, officer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.status.setText(
                self.tr("「{name}」の新しいパスワードを設定しました。本人に伝えてください。").format(
                    name=officer.username
                )
            )


class AddOfficerDialog(SecurityDialog):
    """A new account: user name, display name, role (a 班長 needs their 班) and password twice.

    After ``Accepted``, :attr:`added` is the new account.
    """

    def __init__(self, accounts: AccountService, hans: list[Han], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._hans = hans
        self.added: Officer | None = None
        self._setup_ui()
        self.retranslate_ui()
        self._on_role_changed()

    def _setup_ui(self) -> None:
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.username_label = QLabel(content)
        self.username_edit = QLineEdit(content)
        self.username_label.setBuddy(self.username_edit)
        self.display_name_label = QLabel(content)
        self.display_name_edit = QLineEdit(content)
        self.display_name_label.setBuddy(self.display_name_edit)
        self.role_label = QLabel(content)
        self.role_combo = QComboBox(content)
        for role in ASSIGNABLE_ROLES:
            self.role_combo.addItem("", role.value)
        self.role_label.setBuddy(self.role_combo)
        self.han_label = QLabel(content)
        self.han_combo = QComboBox(content)
        self.han_combo.addItem("", None)
        for han in self._hans:
            self.han_combo.addItem(han.name, han.id)
        self.han_label.setBuddy(self.han_combo)
        self.errors = {
            "ユーザー名": ErrorLabel(content),
            "班": ErrorLabel(content),
        }
        form.addRow(self.username_label, self.username_edit)
        form.addRow("", self.errors["ユーザー名"])
        form.addRow(self.display_name_label, self.display_name_edit)
        form.addRow(self.role_label, self.role_combo)
        form.addRow(self.han_label, self.han_combo)
        form.addRow("", self.errors["班"])
        self.passwords = NewPasswordFields(content)
        self.passwords.add_rows(form)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        scrolled_dialog_layout(self, content, self.general_error, self.buttons)
        self.role_combo.currentIndexChanged.connect(self._on_role_changed)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("アカウントの追加"))
        self.username_label.setText(self.tr("ユーザー名(&U)"))
        self.username_edit.setAccessibleName(self.tr("ユーザー名"))
        self.username_edit.setPlaceholderText(self.tr("半角英数字（例: han1）"))
        self.display_name_label.setText(self.tr("表示名(&S)"))
        self.display_name_edit.setAccessibleName(self.tr("表示名"))
        self.display_name_edit.setPlaceholderText(self.tr("例: 1班 班長 山田"))
        self.role_label.setText(self.tr("役割(&O)"))
        self.role_combo.setAccessibleName(self.tr("役割"))
        for index, role in enumerate(ASSIGNABLE_ROLES):
            self.role_combo.setItemText(index, role_name(role))
        self.han_label.setText(self.tr("担当の班(&H)"))
        self.han_combo.setAccessibleName(self.tr("担当の班"))
        self.han_combo.setItemText(0, self.tr("（選んでください）"))
        self.passwords.retranslate_ui()
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("追加"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    def role(self) -> Role:
        """The chosen role."""
        return Role(str(self.role_combo.currentData()))

    def set_role(self, role: Role) -> None:
        """Choose ``role``."""
        self.role_combo.setCurrentIndex(self.role_combo.findData(role.value))

    def set_han(self, han_id: int) -> None:
        """Choose the 班 ``han_id``."""
        self.han_combo.setCurrentIndex(self.han_combo.findData(han_id))

    @Slot()
    def _on_role_changed(self) -> None:
        # Only a 班長 has a 班; the field stays in place so the form does not jump around.
        leader = self.role() is Role.HAN_LEADER
        self.han_combo.setEnabled(leader)
        self.han_label.setEnabled(leader)
        if not leader:
            self.errors["班"].clear_error()

    @Slot()
    def accept(self) -> None:
        """Add the account; show a refused field's reason beside it."""
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        password = self.passwords.value()
        if password is None:
            return
        han = self.han_combo.currentData()
        try:
            added = self._accounts.add_officer(
                self.username_edit.text(),
                self.display_name_edit.text(),
                self.role(),
                password,
                int(han) if han is not None and self.role() is Role.HAN_LEADER else None,
            )
        except UserError as error:
            show_form_error(error, self.passwords, self.errors, self.general_error)
            return
        self.added = added
        self.passwords.clear()
        super().accept()


class ResetPasswordDialog(SecurityDialog):
    """The administrator sets a new password for an account (forgotten, or enabled again)."""

    def __init__(self, accounts: AccountService, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._officer = officer
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.passwords = NewPasswordFields(content)
        self.passwords.add_rows(form)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(content)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("パスワードの再設定"))
        self.intro.setText(
            self.tr("「{name}」（{user}）の新しいパスワードを決めてください。").format(
                name=self._officer.display_name, user=self._officer.username
            )
        )
        self.passwords.retranslate_ui()
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("設定"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    @Slot()
    def accept(self) -> None:
        """Set the password; show the reason when refused."""
        self.general_error.clear_error()
        password = self.passwords.value()
        if password is None:
            return
        try:
            self._accounts.reset_password(self._officer.username, password)
        except ValidationError as error:
            self.passwords.show_error(error)
            return
        except UserError as error:
            self.general_error.show_error(error_text(error))
            return
        self.passwords.clear()
        super().accept()


class ChangePasswordDialog(SecurityDialog):
    """Any officer changes their own password (the current one is asked first)."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.current_label = QLabel(content)
        self.current_edit = password_edit(content)
        self.current_label.setBuddy(self.current_edit)
        self.current_error = ErrorLabel(content)
        form.addRow(self.current_label, self.current_edit)
        form.addRow("", self.current_error)
        self.passwords = NewPasswordFields(content)
        self.passwords.add_rows(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(content)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("パスワードの変更"))
        self.current_label.setText(self.tr("今のパスワード(&C)"))
        self.current_edit.setAccessibleName(self.tr("今のパスワード"))
        self.passwords.retranslate_ui()
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("変更"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    @Slot()
    def accept(self) -> None:
        """Change the password; a wrong current one is shown beside its field."""
        self.current_error.clear_error()
        password = self.passwords.value()
        if password is None:
            return
        try:
            self._accounts.change_own_password(self.current_edit.text(), password)
        except ValidationError as error:
            self.passwords.show_error(error)
            return
        except UserError as error:
            self.current_error.show_error(error_text(error))
            self.current_edit.selectAll()
            self.current_edit.setFocus()
            return
        self.current_edit.clear()
        self.passwords.clear()
        super().accept()
