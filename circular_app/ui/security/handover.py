"""The yearly handover (引き継ぎ) in the GUI.

:class:`HandoverExportDialog` writes the passphrase-protected handover file and shows what
else to hand over; :class:`HandoverImportDialog`, opened from the login screen, opens such a
file on this PC with a new administrator and shows the new recovery key once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError, ValidationError
from circular_app.services.backup import import_handover
from circular_app.ui.common import dialogs
from circular_app.ui.common.widgets import (
    ErrorLabel,
    bold_font,
    scrolled_dialog_layout,
)
from circular_app.ui.security.common import (
    FileImportDialog,
    NewPasswordFields,
    SecurityDialog,
    error_text,
    password_edit,
    set_button_texts,
    show_form_error,
    translate,
)

HANDOVER_SUFFIX = ".kairan"

# The service's checklist, marked for translation (a test keeps the two lists equal).
CHECKLIST_TEXTS = (
    QT_TRANSLATE_NOOP("HandoverChecklist", "引き継ぎファイル（USBメモリなど）と、その合言葉（別の紙で渡す）"),
    QT_TRANSLATE_NOOP(
        "HandoverChecklist", "回復キーを印刷した紙（新しい回復キーは取り込み時に表示されます）"
    ),
    QT_TRANSLATE_NOOP("HandoverChecklist", "役員・班長のアカウント一覧と、新年度の班長の割り当て"),
    QT_TRANSLATE_NOOP("HandoverChecklist", "回覧中の紙の回覧板と、戻ってきた回覧表（押印済み）"),
    QT_TRANSLATE_NOOP("HandoverChecklist", "市・連合会の連絡先、ハブ（電子回覧）の登録状況"),
    QT_TRANSLATE_NOOP("HandoverChecklist", "古いPCのバックアップの保管場所と、処分の予定"),
)


class HandoverExportDialog(SecurityDialog):
    """Write the handover file: a passphrase (twice), where to save, and what else to hand over.

    After ``Accepted``, :attr:`written` is the file.
    """

    def __init__(self, services: ProfileServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = services.backups
        self._name = services.context.ref.name
        self.written: Path | None = None
        self._setup_ui()
        self.retranslate_ui()
        self.resize(640, 560)

    def _setup_ui(self) -> None:
        content = QWidget(self)
        layout_content = QVBoxLayout(content)
        self.intro = QLabel(content)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.passphrase = NewPasswordFields(content, passphrase=True)
        self.passphrase.add_rows(form)
        self.checklist_title = QLabel(content)
        self.checklist_title.setFont(bold_font())
        self.checklist = [QCheckBox(content) for _ in CHECKLIST_TEXTS]
        layout_content.addWidget(self.intro)
        layout_content.addLayout(form)
        layout_content.addWidget(self.checklist_title)
        for box in self.checklist:
            layout_content.addWidget(box)
        layout_content.addStretch(1)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        scrolled_dialog_layout(self, content, self.general_error, self.buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("引き継ぎファイルの作成"))
        self.intro.setText(
            self.tr(
                "次の役員に町会のデータをまるごと渡すファイルを作ります。ファイルは合言葉で暗号化されます。"
                "合言葉はファイルと別に、紙に書いて渡してください。"
            )
        )
        self.passphrase.retranslate_ui()
        self.checklist_title.setText(self.tr("ファイルのほかに渡すもの（確認用）"))
        for box, text in zip(self.checklist, CHECKLIST_TEXTS, strict=True):
            box.setText(translate("HandoverChecklist", str(text)))
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Save: self.tr("作成…"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    @Slot()
    def accept(self) -> None:
        """Ask where to save and write the file."""
        self.general_error.clear_error()
        passphrase = self.passphrase.value()
        if passphrase is None:
            return
        suggested = self.tr("引き継ぎ_{name}_{date}").format(
            name=self._name, date=dt.date.today().isoformat()
        )
        path = dialogs.save_file(
            self,
            dialogs.Purpose.HANDOVER,
            self.tr("引き継ぎファイルの保存先"),
            suggested + HANDOVER_SUFFIX,
            self.tr("引き継ぎファイル (*{suffix})").format(suffix=HANDOVER_SUFFIX),
            HANDOVER_SUFFIX,
        )
        if path is None:
            return
        try:
            self.written = self._backups.export_handover(path, passphrase)
        except ValidationError as error:
            self.passphrase.show_error(error)
            return
        except UserError as error:
            self.general_error.show_error(error_text(error))
            return
        except OSError as exc:
            self.general_error.show_error(
                self.tr("{path}: 書き込めません（{reason}）").format(path=path, reason=exc.strerror or "")
            )
            return
        self.passphrase.clear()
        dialogs.inform(
            self,
            self.tr("引き継ぎファイルを作成しました"),
            self.tr("{path} を作成しました。\n合言葉はファイルと別に渡してください。").format(
                path=self.written
            ),
        )
        super().accept()


class HandoverImportDialog(FileImportDialog):
    """Open a handover file on this PC: the file, its passphrase, and the new administrator.

    Shows the new recovery key once, then logs the new administrator in. After ``Accepted``,
    :attr:`services` is set.
    """

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self._setup_ui()
        self.retranslate_ui()
        self.resize(640, 520)

    def _setup_ui(self) -> None:
        content, form = self._start_form()
        self.passphrase_label = QLabel(content)
        self.passphrase_edit = password_edit(content)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.username_label = QLabel(content)
        self.username_edit = QLineEdit(content)
        self.username_label.setBuddy(self.username_edit)
        self.display_name_label = QLabel(content)
        self.display_name_edit = QLineEdit(content)
        self.display_name_label.setBuddy(self.display_name_edit)
        self.errors = {
            "ファイル": ErrorLabel(content),
            "ユーザー名": ErrorLabel(content),
        }
        form.addRow("", self.errors["ファイル"])
        form.addRow(self.passphrase_label, self.passphrase_edit)
        form.addRow(self.username_label, self.username_edit)
        form.addRow("", self.errors["ユーザー名"])
        form.addRow(self.display_name_label, self.display_name_edit)
        self.passwords = NewPasswordFields(content)
        self.passwords.add_rows(form)
        self._finish_form(content)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("引き継ぎファイルから開く"))
        self.intro.setText(
            self.tr(
                "前の役員から受け取った引き継ぎファイルを、このPCで開きます。"
                "あなたがこのPCでの管理者になります。前の役員のアカウントは、あとで管理者がパスワードを再設定すると使えます。"
            )
        )
        self.file_label.setText(self.tr("引き継ぎファイル(&F)"))
        self.file_edit.setAccessibleName(self.tr("引き継ぎファイル"))
        self.browse_button.setText(self.tr("参照(&B)…"))
        self.passphrase_label.setText(self.tr("合言葉(&W)"))
        self.passphrase_edit.setAccessibleName(self.tr("合言葉"))
        self.username_label.setText(self.tr("あなたのユーザー名(&U)"))
        self.username_edit.setAccessibleName(self.tr("あなたのユーザー名"))
        self.username_edit.setPlaceholderText(self.tr("半角英数字（例: kaichou）"))
        self.display_name_label.setText(self.tr("表示名(&S)"))
        self.display_name_edit.setAccessibleName(self.tr("表示名"))
        self.display_name_edit.setPlaceholderText(self.tr("例: 会長 山田"))
        self.passwords.retranslate_ui()
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("開く"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    def browse_texts(self) -> tuple[str, str]:
        """The chooser of the handover file: its title and name filter."""
        return (
            self.tr("引き継ぎファイルを選ぶ"),
            self.tr("引き継ぎファイル (*{suffix});;すべてのファイル (*)").format(suffix=HANDOVER_SUFFIX),
        )

    @Slot()
    def accept(self) -> None:
        """Import the file, show the new recovery key once and log the new administrator in."""
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        path = self._chosen_file(self.errors["ファイル"], self.tr("ファイルを選んでください"))
        if path is None:
            return
        password = self.passwords.value()
        if password is None:
            return
        store = self._app.profiles.store
        try:
            created = import_handover(
                store,
                path,
                self.passphrase_edit.text(),
                self.username_edit.text(),
                password,
                self.display_name_edit.text(),
            )
        except UserError as error:
            show_form_error(error, self.passwords, self.errors, self.general_error)
            return
        self.passphrase_edit.clear()
        username = self.username_edit.text().strip()
        if not self._show_key_and_log_in(created.ref, created.recovery_key, username, password):
            return
        self.passwords.clear()
        super().accept()
