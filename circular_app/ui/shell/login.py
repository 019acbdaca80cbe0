"""Logging in: choose the association, the officer and type the password; or create a new one.

Wrong passwords, lock-outs and damaged profiles are shown inline under the password field,
so the officer never has to dismiss a box to try again. A new association shows its recovery
key once, with the instruction to print it and keep it safe.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError, ValidationError
from circular_app.services.profiles import NewProfile
from circular_app.settings import TEXT_SCALE, TEXT_SCALE_CHOICES, TEXT_SCALE_FOR
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import (
    ErrorLabel,
    bold_font,
    field_with_error,
    scrollable,
    scrolled_dialog_layout,
    show_field_error,
)
from circular_app.ui.shell import preload


class LoginDialog(Retranslating, QDialog):
    """Open a profile: 町会, user name and password. After ``Accepted``, :attr:`services` is set.

    Signals:
        logged_in(ProfileServices): a profile was opened (or created and opened).
    """

    logged_in = Signal(ProfileServices)

    def __init__(self, app: App, parent: QWidget | None = None, appearance: Appearance | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._appearance = appearance
        self.services: ProfileServices | None = None
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.reload_profiles()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.title = QLabel(self)
        self.title.setFont(bold_font())
        content = QWidget(self)
        self._content = content
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.profile_label = QLabel(content)
        self.profile_combo = QComboBox(content)
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_label.setBuddy(self.profile_combo)
        self.user_label = QLabel(content)
        self.user_combo = QComboBox(content)
        self.user_combo.setEditable(True)
        self.user_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.user_label.setBuddy(self.user_combo)
        self.password_label = QLabel(content)
        self.password_edit = QLineEdit(content)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.profile_label, self.profile_combo)
        form.addRow(self.user_label, self.user_combo)
        form.addRow(self.password_label, self.password_edit)
        # Offered here, before anything else is read: each officer gets the size they chose last.
        self.scale_label = QLabel(content)
        self.scale_combo = QComboBox(content)
        for scale in TEXT_SCALE_CHOICES:
            self.scale_combo.addItem(f"{scale}%", scale)
        self.scale_label.setBuddy(self.scale_combo)
        form.addRow(self.scale_label, self.scale_combo)
        self._show_scale(self._app.settings.get(TEXT_SCALE))
        self.error = ErrorLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.create_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        self._scroll = scrollable(content, self)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.profile_combo.currentIndexChanged.connect(self._on_profile_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create_profile)
        self.user_combo.currentTextChanged.connect(self._on_user_changed)
        self.scale_combo.currentIndexChanged.connect(self._on_scale_chosen)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("回覧デスク — ログイン"))
        self.title.setText(self.tr("回覧デスクにログイン"))
        self.profile_label.setText(self.tr("町会(&A)"))
        self.profile_combo.setAccessibleName(self.tr("町会"))
        self.user_label.setText(self.tr("ユーザー名(&U)"))
        self.user_combo.setAccessibleName(self.tr("ユーザー名"))
        self.password_label.setText(self.tr("パスワード(&P)"))
        self.password_edit.setAccessibleName(self.tr("パスワード"))
        self.scale_label.setText(self.tr("文字の大きさ(&Z)"))
        self.scale_combo.setAccessibleName(self.tr("文字の大きさ（この役員の次回のログインにも使います）"))
        self.create_button.setText(self.tr("新しい町会を作成"))
        self.login_button.setText(self.tr("ログイン"))
        self.quit_button.setText(self.tr("終了"))
        self.hint.setText(
            self.tr("町会がまだありません。「新しい町会を作成」から始めてください。")
            if self.profile_combo.count() == 0
            else ""
        )
        self.hint.setVisible(self.profile_combo.count() == 0)

    # ----- content ---------------------------------------------------------------------------
    def reload_profiles(self) -> None:
        """List the profiles and preselect the only or last used one."""
        self.profile_combo.blockSignals(True)
        try:
            self.profile_combo.clear()
            for ref in self._app.profiles.list_profiles():
                self.profile_combo.addItem(f"{ref.name}（{ref.school_district}）", ref.id)
            default = self._app.default_profile()
            if default is not None:
                self.profile_combo.setCurrentIndex(self.profile_combo.findData(default.id))
        finally:
            self.profile_combo.blockSignals(False)
        self._on_profile_changed()
        self.retranslate_ui()

    @Slot()
    def _on_profile_changed(self) -> None:
        self.user_combo.clear()
        self.error.clear_error()
        profile_id = self.profile_combo.currentData()
        self.login_button.setEnabled(profile_id is not None)
        if profile_id is None:
            return
        try:
            ref = self._app.profiles.find(str(profile_id))
            names = self._app.profiles.store.envelope(ref).usernames
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return
        self.user_combo.addItems(list(names))
        # Practice profiles open without a password, so a class never stalls on a log-in.
        practice = ref.kind == "practice"
        self.password_edit.setEnabled(not practice)
        self.password_label.setEnabled(not practice)
        if practice:
            self.login_button.setFocus()
        elif len(names) == 1:
            self.password_edit.setFocus()

    def _officer_key(self) -> str | None:
        profile_id = self.profile_combo.currentData()
        username = self.user_combo.currentText().strip()
        return f"{profile_id}/{username}" if profile_id is not None and username else None

    def _show_scale(self, scale: int) -> None:
        """Select ``scale`` (or the nearest offered size below it) and apply it."""
        offered = [s for s in TEXT_SCALE_CHOICES if s <= scale] or [TEXT_SCALE_CHOICES[0]]
        self.scale_combo.setCurrentIndex(self.scale_combo.findData(offered[-1]))
        self._on_scale_chosen()

    def text_scale(self) -> int:
        """The text size chosen on this screen, in percent."""
        return int(self.scale_combo.currentData())

    @Slot()
    def _on_user_changed(self) -> None:
        key = self._officer_key()
        if key is not None and key in self._app.settings.get(TEXT_SCALE_FOR):
            self._show_scale(self._app.settings.officer_text_scale(key))

    @Slot()
    def _on_scale_chosen(self) -> None:
        """Show the chosen size at once, on this screen too (the officer sees what they get)."""
        if self._appearance is not None and self._appearance.look.text_scale != self.text_scale():
            self._appearance.apply(dataclasses.replace(self._appearance.look, text_scale=self.text_scale()))
            # Once the new size has been laid out: grow so that nothing hides behind scroll bars.
            QTimer.singleShot(0, self, self.grow_to_fit)

    @Slot()
    def grow_to_fit(self) -> None:
        """Grow (never shrink) to the size the content asks for, within the screen."""
        missing = self._content.sizeHint() - self._scroll.viewport().size()
        hint = self.sizeHint().expandedTo(self.size() + missing.expandedTo(QSize(0, 0)))
        screen = self.screen()
        area = screen.availableGeometry().size() if screen is not None else hint
        wanted = self.size().expandedTo(hint).boundedTo(area)
        if wanted != self.size():
            self.resize(wanted)

    # ----- actions ---------------------------------------------------------------------------
    @Slot()
    def accept(self) -> None:
        """Open the chosen profile; show the reason inline when refused."""
        self.error.clear_error()
        preload.wait()  # the background imports of the main window's modules are done first
        profile_id = self.profile_combo.currentData()
        if profile_id is None:
            return
        username = self.user_combo.currentText().strip()
        chosen = self._app.profiles.find(str(profile_id))
        if chosen.kind == "practice":
            practice = self._app.profiles.open_practice(chosen, check_integrity_later=True)
            self._finish(self._app.services_for(practice))
            return
        if not username:
            self.error.show_error(self.tr("ユーザー名を入力してください"))
            self.user_combo.setFocus()
            return
        try:
            ref = self._app.profiles.find(str(profile_id))
            # The database's integrity check runs while the main window is built; commits wait
            # for it, and a failure is shown over the main window (ui/shell/main.py).
            context = self._app.profiles.open_profile(
                ref, username, self.password_edit.text(), check_integrity_later=True
            )
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        # The typed password is not kept in the widget longer than needed.
        self.password_edit.clear()
        self._finish(self._app.services_for(context))

    def _finish(self, services: ProfileServices) -> None:
        context = services.context
        self._app.settings.set_officer_text_scale(
            f"{context.ref.id}/{context.officer.username}", self.text_scale()
        )
        self.services = services
        self.logged_in.emit(services)
        super().accept()

    @Slot()
    def create_profile(self) -> None:
        """Create a new association; show its recovery key once and open it."""
        dialog = CreateProfileDialog(self._app, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        created = dialog.created
        RecoveryKeyDialog(created.recovery_key, self).exec()
        self._finish(self._app.services_for(created.context))


class CreateProfileDialog(Retranslating, QDialog):
    """Create an association profile and its administrator. After ``Accepted``, :attr:`created` is set.

    Signals:
        profile_created(NewProfile): the profile was created and opened.
    """

    profile_created = Signal(NewProfile)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.created: NewProfile | None = None
        self._setup_ui()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name_edit = QLineEdit(content)
        self.district_edit = QLineEdit(content)
        self.username_edit = QLineEdit(content)
        self.display_name_edit = QLineEdit(content)
        self.password_edit = QLineEdit(content)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again_edit = QLineEdit(content)
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._fields: dict[str, QLineEdit] = {
            "町会名": self.name_edit,
            "校下": self.district_edit,
            "ユーザー名": self.username_edit,
            "表示名": self.display_name_edit,
            "パスワード": self.password_edit,
            "パスワード（確認）": self.password_again_edit,
        }
        self._labels: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        for key, field in self._fields.items():
            label = QLabel(content)
            label.setBuddy(field)
            error = ErrorLabel(content)
            form.addRow(label, field_with_error(field, error))
            self._labels[key] = label
            self.errors[key] = error
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        scrolled_dialog_layout(self, content, self.general_error, self.buttons, above=[self.intro])

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("新しい町会を作成"))
        self.intro.setText(
            self.tr("町会の名簿を入れるプロファイルを作ります。最初のユーザーが管理者（会長）になります。")
        )
        labels = {
            "町会名": (self.tr("町会名(&N)"), self.tr("町会名")),
            "校下": (self.tr("校下(&D)"), self.tr("校下")),
            "ユーザー名": (self.tr("管理者ユーザー名(&U)"), self.tr("管理者ユーザー名")),
            "表示名": (self.tr("表示名(&S)"), self.tr("表示名")),
            "パスワード": (self.tr("パスワード(&P)"), self.tr("パスワード")),
            "パスワード（確認）": (self.tr("パスワード（もう一度）(&A)"), self.tr("パスワード（もう一度）")),
        }
        for key, (text, name) in labels.items():
            self._labels[key].setText(text)
            self._fields[key].setAccessibleName(name)
        self.username_edit.setPlaceholderText(self.tr("半角英数字（例: kaichou）"))
        self.display_name_edit.setPlaceholderText(self.tr("例: 会長 山田"))
        self.password_edit.setPlaceholderText(self.tr("8文字以上"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if ok is not None:
            ok.setText(self.tr("作成"))
        if cancel is not None:
            cancel.setText(dialogs.cancel_text())

    @Slot()
    def accept(self) -> None:
        """Create the profile; show a refused field's reason beside it."""
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        if self.password_edit.text() != self.password_again_edit.text():
            self.errors["パスワード（確認）"].show_error(self.tr("2回の入力が一致しません"))
            self.password_again_edit.setFocus()
            return
        try:
            created = self._app.profiles.create_profile(
                self.name_edit.text(),
                self.district_edit.text(),
                self.username_edit.text(),
                self.password_edit.text(),
                self.display_name_edit.text(),
            )
        except ValidationError as error:
            if show_field_error(error, self.errors, self.general_error):
                self._fields[error.field_name].setFocus()
            return
        except UserError as error:
            self.general_error.show_error(messages.error_text(error))
            return
        self.created = created
        self.profile_created.emit(created)
        super().accept()


class RecoveryKeyDialog(Retranslating, QDialog):
    """Shows a new profile's recovery key once, asking to print it and keep it safe."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = recovery_key
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setFont(bold_font())
        self.key_view = QPlainTextEdit(recovery_key, self)
        self.key_view.setReadOnly(True)
        self.key_view.setTabChangesFocus(True)
        self.key_view.setMaximumBlockCount(4)
        self.copy_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.key_view, 1)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.copy_button.clicked.connect(self.copy_key)
        self.buttons.accepted.connect(self.accept)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("回復キー"))
        self.warning.setText(
            self.tr(
                "これは回復キーです。パスワードを全員が忘れたときに、これだけが町会のデータを開けます。"
                "この画面を閉じると二度と表示されません。印刷するか書き写して、金庫など安全な場所に保管してください。"
            )
        )
        self.key_view.setAccessibleName(self.tr("回復キー"))
        self.copy_button.setText(self.tr("クリップボードにコピー(&C)"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("保管しました"))

    @Slot()
    def copy_key(self) -> None:
        """Put the key on the clipboard (for a password manager or a document to print)."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self._key)
