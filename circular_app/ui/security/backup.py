"""Backups in the GUI: the backup list and the automatic backups.

* :class:`BackupDialog` lists the profile's backups and makes one now, to the profile's folder
  or to a USB stick, and restores one (the current file is kept beside it). After a restore
  the profile must be opened again: the dialog reports it in :attr:`BackupDialog.restored` and
  the window rebuilds itself.
* :class:`AutoBackup` makes the automatic backups of a main window: one when the window closes
  and one a day, checked after the window is first shown.

The yearly handover dialogs are in :mod:`circular_app.ui.security.handover`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki_time
from circular_app.domain.errors import UserError
from circular_app.services.backup import BackupService, RestoreResult
from circular_app.ui.common import dialogs
from circular_app.ui.common.widgets import ErrorLabel, column_layout, flow_row
from circular_app.ui.security.common import (
    RowsTableModel,
    SecurityDialog,
    current_value,
    error_text,
    list_table,
    select_value,
    set_button_texts,
    translate,
)

log = logging.getLogger(__name__)

AUTO_BACKUP_NAME = "auto_backup"


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
            return wareki_time(row.created)
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
        row = flow_row(self, (self.backup_button, self.usb_button, self.restore_button))
        self.error = ErrorLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = dialogs.button_box(self, None)
        column_layout(
            self,
            (self.intro, self.folder_label, (self.table, 1), row, self.error, self.status, self.buttons),
        )

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
        folder = dialogs.choose_folder(
            self, dialogs.Purpose.BACKUP, self.tr("バックアップを保存するフォルダー（USBメモリなど）")
        )
        if folder is None:
            return
        try:
            path = self._backups.back_up("usb", folder)
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
        if not dialogs.ask(
            self,
            self.tr("バックアップから復元"),
            self.tr(
                "{date} のバックアップに戻しますか？\n\n"
                "それより後の変更は画面から消えますが、今のデータは「復元前の控え」として"
                "この一覧に残るので、あとで元に戻せます。\n"
                "復元のあと、画面を開き直します。"
            ).format(date=wareki_time(entry.created)),
            yes=self.tr("復元する"),
        ):
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
        dialogs.warn(
            self._window,
            self.tr("バックアップできませんでした"),
            self.tr("自動バックアップに失敗しました。\n{reason}").format(reason=error_text(error)),
        )


def install_auto_backup(window: QMainWindow, backups: BackupService) -> AutoBackup:
    """Give ``window`` its automatic backups (once; the existing ones are returned again)."""
    found = window.findChild(QObject, AUTO_BACKUP_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, AutoBackup) else AutoBackup(window, backups)
