"""Backups and the yearly handover (引き継ぎ) in the GUI.

* :class:`BackupDialog` lists the profile's backups and makes one now, to the profile's folder
  or to a USB stick, and restores one (the current file is kept beside it). After a restore
  the profile must be opened again: the dialog reports it in :attr:`BackupDialog.restored` and
  the window rebuilds itself.
* :class:`AutoBackup` makes the automatic backups of a main window: one when the window closes
  and one a day, checked after the window is first shown.
* :class:`HandoverExportDialog` writes the passphrase-protected handover file and shows what
  else to hand over; :class:`HandoverImportDialog`, opened from the login screen, opens such a
  file on this PC with a new administrator and shows the new recovery key once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError, ValidationError
from circular_app.services.backup import BackupService, RestoreResult, import_handover
from circular_app.ui.common.widgets import ErrorLabel, FlowLayout, bold_font, scrollable
from circular_app.ui.security.common import (
    NewPasswordFields,
    RowsTableModel,
    SecurityDialog,
    current_value,
    error_text,
    list_table,
    password_edit,
    select_value,
    set_button_texts,
    show_error,
    show_form_error,
    translate,
)
from circular_app.ui.shell.login import RecoveryKeyDialog

log = logging.getLogger(__name__)

HANDOVER_SUFFIX = ".kairan"
AUTO_BACKUP_NAME = "auto_backup"

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


@dataclass(frozen=True)
class BackupEntry:
    """One backup as the list shows it."""

    path: Path
    created: dt.datetime
    reason: str
    size: int


def reason_text(reason: str) -> str:
    """Why a backup was made, in words."""
    texts = {
        "manual": translate("BackupDialog", "手動"),
        "daily": translate("BackupDialog", "毎日（自動）"),
        "close": translate("BackupDialog", "終了時（自動）"),
        "usb": translate("BackupDialog", "USBメモリ"),
        "before-restore": translate("BackupDialog", "復元前の控え"),
    }
    return texts.get(reason, reason)


def size_text(size: int) -> str:
    """``1.2 MB`` / ``350 KB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupTableModel(RowsTableModel[BackupEntry]):
    """Backups, newest first: date, reason, size."""

    def headers(self) -> list[str]:
        """Column titles in the current language."""
        return [self.tr("日時"), self.tr("種類"), self.tr("大きさ")]

    def cell(self, row: BackupEntry, column: int) -> str:
        """Display text of one cell."""
        if column == 0:
            return f"{row.created:%Y/%m/%d %H:%M}"
        if column == 1:
            return reason_text(row.reason)
        return size_text(row.size)

    def right_aligned(self, column: int) -> bool:
        """Sizes line up on the right."""
        return column == 2


class BackupDialog(SecurityDialog):
    """The profile's backups: make one now (here or on a USB stick), or restore one.

    After a restore the dialog closes with :attr:`restored` set; the profile is closed then
    and the caller opens it again.
    """

    def __init__(self, services: ProfileServices, keep: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = services.backups
        self._keep = keep
        self._can_restore = services.context.officer.can_manage_accounts
        self.restored: RestoreResult | None = None
        self.model = BackupTableModel(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        self.resize(720, 480)

    def _setup_ui(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.table = list_table(self.model, 1, self)
        self.backup_button = QPushButton(self)
        self.usb_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        row = QWidget(self)
        flow = FlowLayout(row)
        flow.setContentsMargins(0, 0, 0, 0)
        for button in (self.backup_button, self.usb_button, self.restore_button):
            flow.addWidget(button)
        self.error = ErrorLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(row)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.backup_button.clicked.connect(self.back_up_now)
        self.usb_button.clicked.connect(self.back_up_to_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("バックアップと復元"))
        self.intro.setText(
            self.tr(
                "バックアップは暗号化されています。終了時と毎日、自動で作られ、新しい{keep}件が残ります。"
                "手動で作ったものは自動では消えません。復元するときは、一覧で選んでから「復元…」を押してください。"
            ).format(keep=self._keep)
        )
        self.folder_label.setText(self.tr("保存先: {folder}").format(folder=self._backups.folder))
        self.table.setAccessibleName(self.tr("バックアップの一覧"))
        self.backup_button.setText(self.tr("今すぐバックアップ(&B)"))
        self.usb_button.setText(self.tr("USBメモリにバックアップ(&U)…"))
        self.restore_button.setText(self.tr("復元(&R)…"))
        set_button_texts(self.buttons, {QDialogButtonBox.StandardButton.Close: self.tr("閉じる")})
        self.model.retranslate()

    # ----- content -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list of backups."""
        entries = [BackupEntry(b.path, b.created, b.reason, b.size) for b in self._backups.backups()]
        self.model.set_rows(entries)
        self._update_buttons()

    def current_entry(self) -> BackupEntry | None:
        """The selected backup."""
        return current_value(self.table, self.model)

    def select(self, path: Path) -> bool:
        """Select the backup at ``path``; False when it is not listed."""
        return select_value(self.table, self.model, lambda e: e.path == path)

    @Slot()
    def _update_buttons(self, *_args: QModelIndex) -> None:
        self.restore_button.setEnabled(self._can_restore and self.current_entry() is not None)

    # ----- actions -------------------------------------------------------------------------
    @Slot()
    def back_up_now(self) -> None:
        """Write a backup into the profile's folder."""
        self.error.clear_error()
        try:
            path = self._backups.back_up("manual")
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.refresh()
        self.select(path)
        self.status.setText(self.tr("バックアップを作成しました。"))

    @Slot()
    def back_up_to_folder(self) -> None:
        """Ask for a folder (a USB stick) and write a backup there."""
        self.error.clear_error()
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("バックアップを保存するフォルダー（USBメモリなど）")
        )
        if not folder:
            return
        try:
            path = self._backups.back_up("usb", Path(folder))
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.status.setText(
            self.tr(
                "{path} にバックアップを保存しました。USBメモリは鍵のかかる場所に保管してください。"
            ).format(path=path)
        )

    @Slot()
    def restore_selected(self) -> None:
        """Restore the selected backup after asking; the current file is kept."""
        entry = self.current_entry()
        if entry is None:
            return
        self.error.clear_error()
        answer = QMessageBox.question(
            self,
            self.tr("バックアップから復元"),
            self.tr(
                "{date} のバックアップに戻しますか？\n\n"
                "それより後の変更は画面から消えますが、今のデータは「復元前の控え」として"
                "この一覧に残るので、あとで元に戻せます。\n"
                "復元のあと、画面を開き直します。"
            ).format(date=f"{entry.created:%Y/%m/%d %H:%M}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.restored = self._backups.restore(entry.path)
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.accept()


class AutoBackup(QObject):
    """The automatic backups of one main window: when it closes, and daily after it is shown.

    The close backup is made when the window is actually hidden after an accepted close (a
    close refused by the window, e.g. for unsaved work, makes none) and before the
    application can quit. :meth:`suspend` stops both, for a window that is being replaced.
    """

    def __init__(self, window: QMainWindow, backups: BackupService) -> None:
        super().__init__(window)
        self.setObjectName(AUTO_BACKUP_NAME)
        self._window = window
        self._backups = backups
        self._active = True
        self._closing = False
        self._shown_once = False
        self._daily_timer = QTimer(self)
        self._daily_timer.setSingleShot(True)
        self._daily_timer.setInterval(0)
        self._daily_timer.timeout.connect(self.back_up_if_due)
        window.installEventFilter(self)

    def suspend(self) -> None:
        """Make no more automatic backups for this window."""
        self._active = False
        self._daily_timer.stop()

    def resume(self) -> None:
        """Make automatic backups again after :meth:`suspend`."""
        self._active = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Watch the window's close, hide and first show; never consumes the event."""
        if watched is self._window:
            kind = event.type()
            if kind == QEvent.Type.Close:
                self._closing = True
            elif kind == QEvent.Type.Hide and self._closing and not event.spontaneous():
                self._closing = False
                self.back_up_on_close()
            elif kind == QEvent.Type.Show:
                self._closing = False
                if not self._shown_once:
                    self._shown_once = True
                    self._daily_timer.start()
        return False

    @Slot()
    def back_up_on_close(self) -> None:
        """The backup made when the window closes."""
        if self._active:
            self._run("close")

    @Slot()
    def back_up_if_due(self) -> None:
        """The daily backup, when the newest automatic one is older than a day."""
        if not self._active:
            return
        try:
            path = self._backups.back_up_if_due()
        except UserError as error:
            self._report(error)
            return
        if path is not None:
            self._window.statusBar().showMessage(self.tr("毎日のバックアップを作成しました"), 10_000)

    def _run(self, reason: str) -> None:
        try:
            self._backups.back_up(reason)
        except UserError as error:
            self._report(error)

    def _report(self, error: UserError) -> None:
        log.warning("automatic backup failed: %s", type(error).__name__)
        QMessageBox.warning(
            self._window,
            self.tr("バックアップできませんでした"),
            self.tr("自動バックアップに失敗しました。\n{reason}").format(reason=error_text(error)),
        )


def install_auto_backup(window: QMainWindow, backups: BackupService) -> AutoBackup:
    """Give ``window`` its automatic backups (once; the existing ones are returned again)."""
    found = window.findChild(QObject, AUTO_BACKUP_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, AutoBackup) else AutoBackup(window, backups)


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
        layout = QVBoxLayout(self)
        layout.addWidget(scrollable(content, self), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

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
                QDialogButtonBox.StandardButton.Cancel: self.tr("キャンセル"),
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
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("引き継ぎファイルの保存先"),
            suggested + HANDOVER_SUFFIX,
            self.tr("引き継ぎファイル (*{suffix})").format(suffix=HANDOVER_SUFFIX),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != HANDOVER_SUFFIX:
            path = path.with_name(path.name + HANDOVER_SUFFIX)
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
        QMessageBox.information(
            self,
            self.tr("引き継ぎファイルを作成しました"),
            self.tr("{path} を作成しました。\n合言葉はファイルと別に渡してください。").format(
                path=self.written
            ),
        )
        super().accept()


class HandoverImportDialog(SecurityDialog):
    """Open a handover file on this PC: the file, its passphrase, and the new administrator.

    Shows the new recovery key once, then logs the new administrator in. After ``Accepted``,
    :attr:`services` is set.
    """

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.services: ProfileServices | None = None
        self._setup_ui()
        self.retranslate_ui()
        self.resize(640, 520)

    def _setup_ui(self) -> None:
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.file_label = QLabel(content)
        file_row = QWidget(content)
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        self.file_edit = QLineEdit(file_row)
        self.browse_button = QPushButton(file_row)
        file_layout.addWidget(self.file_edit, 1)
        file_layout.addWidget(self.browse_button)
        self.file_label.setBuddy(self.file_edit)
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
        form.addRow(self.file_label, file_row)
        form.addRow("", self.errors["ファイル"])
        form.addRow(self.passphrase_label, self.passphrase_edit)
        form.addRow(self.username_label, self.username_edit)
        form.addRow("", self.errors["ユーザー名"])
        form.addRow(self.display_name_label, self.display_name_edit)
        self.passwords = NewPasswordFields(content)
        self.passwords.add_rows(form)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scrollable(content, self), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.browse_button.clicked.connect(self.browse)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

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
                QDialogButtonBox.StandardButton.Cancel: self.tr("キャンセル"),
            },
        )

    @Slot()
    def browse(self) -> None:
        """Choose the handover file."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("引き継ぎファイルを選ぶ"),
            "",
            self.tr("引き継ぎファイル (*{suffix});;すべてのファイル (*)").format(suffix=HANDOVER_SUFFIX),
        )
        if name:
            self.file_edit.setText(name)

    @Slot()
    def accept(self) -> None:
        """Import the file, show the new recovery key once and log the new administrator in."""
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        if not self.file_edit.text().strip():
            self.errors["ファイル"].show_error(self.tr("ファイルを選んでください"))
            self.browse_button.setFocus()
            return
        password = self.passwords.value()
        if password is None:
            return
        store = self._app.profiles.store
        try:
            created = import_handover(
                store,
                Path(self.file_edit.text().strip()),
                self.passphrase_edit.text(),
                self.username_edit.text(),
                password,
                self.display_name_edit.text(),
            )
        except UserError as error:
            show_form_error(error, self.passwords, self.errors, self.general_error)
            return
        self.passphrase_edit.clear()
        RecoveryKeyDialog(created.recovery_key, self).exec()
        try:
            context = self._app.profiles.open_profile(
                created.ref, self.username_edit.text().strip(), password
            )
        except UserError as error:
            # The profile exists now; the login screen lists it, so nothing is lost.
            show_error(self, error)
            self.reject()
            return
        self.passwords.clear()
        self.services = self._app.services_for(context)
        super().accept()
