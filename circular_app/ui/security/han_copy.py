"""The 班長 copy (班長コピー) in the GUI.

:class:`HanCopyExportDialog` (管理 menu) writes a copy of one 班 for a 班長 who works on their
own PC: the 班長 types their own password, which is the only key to the copy.
:class:`HanCopyImportDialog` (login screen) opens such a copy on the 班長's PC.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError
from circular_app.services.backup import HanCopyResult, import_han_copy
from circular_app.ui.common import dialogs
from circular_app.ui.common.widgets import ErrorLabel, scrolled_dialog_layout
from circular_app.ui.security.common import (
    FileImportDialog,
    SecurityDialog,
    error_text,
    intro_form,
    password_edit,
    set_button_texts,
)

HAN_COPY_SUFFIX = ".kairan"


class HanCopyExportDialog(SecurityDialog):
    """Choose the 班長, let them type their password, and save the copy.

    A 管理者 sees every active 班長 account, a 班長 only their own. After ``Accepted``,
    :attr:`result_copy` describes the written file.
    """

    def __init__(self, services: ProfileServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = services.backups
        self._leaders = services.backups.han_copy_leaders()
        self.result_copy: HanCopyResult | None = None
        self._setup_ui()
        self.retranslate_ui()
        self.resize(640, 420)

    def _setup_ui(self) -> None:
        content, form, self.intro = intro_form(self)
        self.leader_label = QLabel(content)
        self.leader_combo = QComboBox(content)
        for leader in self._leaders:
            shown = leader.display_name or leader.username
            self.leader_combo.addItem(f"{leader.han_name} — {shown}（{leader.username}）", leader.username)
        self.leader_label.setBuddy(self.leader_combo)
        self.password_label = QLabel(content)
        self.password_edit = password_edit(content)
        self.password_label.setBuddy(self.password_edit)
        self.password_error = ErrorLabel(content)
        form.addRow(self.leader_label, self.leader_combo)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.password_error)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self._leaders))
        scrolled_dialog_layout(self, content, self.general_error, self.buttons, above=[self.intro])

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("班長コピーの作成"))
        if self._leaders:
            intro = self.tr(
                "班長が自分のPCで使うための、その班だけのコピーを作ります。ほかの班の世帯は入りません。"
                "コピーは班長ご本人のパスワードで暗号化されます。パスワードは班長ご本人が入力してください。"
            )
        else:
            intro = self.tr(
                "班の決まった班長アカウントがありません。先に「アカウント」で班長を追加してください。"
            )
        self.intro.setText(intro)
        self.leader_label.setText(self.tr("班長(&L)"))
        self.leader_combo.setAccessibleName(self.tr("班長"))
        self.password_label.setText(self.tr("班長のパスワード(&P)"))
        self.password_edit.setAccessibleName(self.tr("班長のパスワード"))
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Save: self.tr("作成…"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    @Slot()
    def accept(self) -> None:
        """Ask where to save and write the copy."""
        self.general_error.clear_error()
        self.password_error.clear_error()
        username = self.leader_combo.currentData()
        if username is None:
            return
        if not self.password_edit.text():
            self.password_error.show_error(self.tr("班長のパスワードを入力してください"))
            self.password_edit.setFocus()
            return
        han_name = self._leaders[self.leader_combo.currentIndex()].han_name
        suggested = self.tr("班長コピー_{han}_{date}").format(
            han=han_name, date=dt.date.today().strftime("%Y%m%d")
        )
        path = dialogs.save_file(
            self,
            dialogs.Purpose.HANDOVER,
            self.tr("班長コピーの保存先"),
            suggested + HAN_COPY_SUFFIX,
            self.tr("班長コピー (*{suffix})").format(suffix=HAN_COPY_SUFFIX),
            HAN_COPY_SUFFIX,
        )
        if path is None:
            return
        try:
            self.result_copy = self._backups.export_han_copy(
                path, self.password_edit.text(), username=str(username)
            )
        except UserError as error:
            self.general_error.show_error(error_text(error))
            return
        except OSError as exc:
            self.general_error.show_error(
                self.tr("{path}: 書き込めません（{reason}）").format(path=path, reason=exc.strerror or "")
            )
            return
        finally:
            self.password_edit.clear()
        counts = self.result_copy.counts
        dialogs.inform(
            self,
            self.tr("班長コピーを作成しました"),
            self.tr(
                "{path} を作成しました。\n{han}の世帯 {households} 件、回覧 {circulars} 件が入っています。"
                "\n班長のPCでは、ログイン画面の「班長コピーを開く」で、いつものパスワードで開きます。"
            ).format(
                path=self.result_copy.path,
                han=self.result_copy.han_name,
                households=counts.households,
                circulars=counts.circulars,
            ),
        )
        super().accept()


class HanCopyImportDialog(FileImportDialog):
    """Open a 班長 copy on this PC with the 班長's own password, then log them in.

    Shows the copy's new recovery key once. After ``Accepted``, :attr:`services` is set.
    """

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self._setup_ui()
        self.retranslate_ui()
        self.resize(600, 340)

    def _setup_ui(self) -> None:
        content, form = self._start_form()
        self.file_error = ErrorLabel(content)
        self.password_label = QLabel(content)
        self.password_edit = password_edit(content)
        self.password_label.setBuddy(self.password_edit)
        form.addRow("", self.file_error)
        form.addRow(self.password_label, self.password_edit)
        self._finish_form(content)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("班長コピーを開く"))
        self.intro.setText(
            self.tr(
                "町会の管理者から受け取った班長コピーを、このPCで開きます。"
                "入っているのはあなたの班だけです。いつものユーザー名とパスワードで使えます。"
            )
        )
        self.file_label.setText(self.tr("班長コピーのファイル(&F)"))
        self.file_edit.setAccessibleName(self.tr("班長コピーのファイル"))
        self.browse_button.setText(self.tr("参照(&B)…"))
        self.password_label.setText(self.tr("あなたのパスワード(&P)"))
        self.password_edit.setAccessibleName(self.tr("あなたのパスワード"))
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("開く"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    def browse_texts(self) -> tuple[str, str]:
        """The chooser of the copy: its title and name filter."""
        return (
            self.tr("班長コピーを選ぶ"),
            self.tr("班長コピー (*{suffix});;すべてのファイル (*)").format(suffix=HAN_COPY_SUFFIX),
        )

    @Slot()
    def accept(self) -> None:
        """Open the copy, show its recovery key once and log the 班長 in."""
        self.file_error.clear_error()
        self.general_error.clear_error()
        path = self._chosen_file(self.file_error, self.tr("ファイルを選んでください"))
        if path is None:
            return
        password = self.password_edit.text()
        try:
            opened = import_han_copy(self._app.profiles.store, path, password)
        except UserError as error:
            self.general_error.show_error(error_text(error))
            return
        try:
            logged_in = self._show_key_and_log_in(
                opened.created.ref, opened.created.recovery_key, opened.username, password
            )
        finally:
            self.password_edit.clear()
        if logged_in:
            super().accept()
