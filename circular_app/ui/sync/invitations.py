"""「スマホ招待状を印刷…」: invitation slips for paper households, from the 「ハブ」 menu.

The dialog says how many paper households get a slip (all, or one 班), where the PDF goes,
and writes it in one step (a few dozen slips take well under a second, so no worker thread).
New links travel to the hub with the next sync round; the dialog's caller pokes the runner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.services.invitations import InvitationRequest, InvitationResult, InvitationService
from circular_app.services.roster import RosterService
from circular_app.ui.common import dialogs
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, grow_to_fit


class InvitationDialog(Retranslating, QDialog):
    """Choose the 班 and the folder; write the slips.

    Signals:
        invitations_written(object): the :class:`InvitationResult` (new links wait for a sync).
    """

    invitations_written = Signal(object)

    def __init__(
        self,
        service: InvitationService,
        roster: RosterService,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invitation_dialog")
        self._service = service
        self._hans = roster.list_hans()
        self.result_: InvitationResult | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.han_label = QLabel(self)
        self.han_combo = QComboBox(self)
        self.han_label.setBuddy(self.han_combo)
        self.count_label = QLabel(self)
        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton(self)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.han_label, self.han_combo)
        form.addRow("", self.count_label)
        form.addRow(self.folder_label, folder_row)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Never the program's folder: the caller's, else the print folder under the documents.
        self.folder_edit.setText(
            str(folder if folder is not None else dialogs.start_folder(dialogs.Purpose.PRINT))
        )
        self.han_combo.currentIndexChanged.connect(self._update_state)
        self.folder_edit.textChanged.connect(self._update_state)
        self.browse_button.clicked.connect(self.choose_folder)
        self.write_button.clicked.connect(self.write)
        self.open_button.clicked.connect(self.open_file)
        self.close_button.clicked.connect(self.reject)
        self.retranslate_ui()
        # Room for the intro in two lines at 100 % (a wrapped label may not ask for a third).
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 44)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("スマホ招待状を印刷"))
        self.intro.setText(
            self.tr(
                "紙で受け取っている世帯に、その世帯だけのQRコードと使い方を印刷します（A4に2枚）。"
                "紙の回覧板はこれまでどおり届きます。もう一度印刷しても、同じQRコードです。"
            )
        )
        self.han_label.setText(self.tr("班(&H)"))
        current = max(0, self.han_combo.currentIndex())
        self.han_combo.blockSignals(True)
        self.han_combo.clear()
        self.han_combo.addItem(self.tr("すべての班"), 0)
        for han in self._hans:
            self.han_combo.addItem(han.name, han.id)
        self.han_combo.setCurrentIndex(min(current, self.han_combo.count() - 1))
        self.han_combo.blockSignals(False)
        self.folder_label.setText(self.tr("保存先のフォルダー(&F)"))
        self.browse_button.setText(self.tr("選ぶ(&B)…"))
        self.write_button.setText(self.tr("作成する(&W)"))
        self.open_button.setText(self.tr("PDFを開く(&O)"))
        self.close_button.setText(self.tr("閉じる"))
        self._update_state()

    def request(self) -> InvitationRequest:
        """The slips the dialog's choices make."""
        han_id = self.han_combo.currentData()
        return InvitationRequest(han_ids=(han_id,) if han_id else ())

    @Slot()
    def _update_state(self) -> None:
        try:
            count = len(self._service.households(self.request()))
        except UserError:
            count = 0
        self.count_label.setText(self.tr("紙で受け取っている世帯: {count}世帯").format(count=count))
        self.write_button.setEnabled(count > 0 and bool(self.folder_edit.text().strip()))
        self.open_button.setEnabled(self.result_ is not None)

    @Slot()
    def choose_folder(self) -> None:
        """Ask for the output folder."""
        folder = dialogs.choose_folder(self, dialogs.Purpose.PRINT, self.tr("保存先のフォルダーを選ぶ"))
        if folder is not None:
            self.folder_edit.setText(str(folder))

    @Slot()
    def write(self) -> InvitationResult | None:
        """Issue the missing links and write the PDF; errors are shown in the dialog."""
        self.error.clear_error()
        try:
            result = self._service.export(self.request(), Path(self.folder_edit.text().strip()).expanduser())
        except UserError as error:
            self.error.show_error(str(error))
            grow_to_fit(self)
            return None
        self.result_ = result
        self.status_label.setText(
            self.tr(
                "{slips}世帯分（{pages}ページ）を書き出しました: {path}\n新しいQRコードは、次の同期のあとで使えます。"
            ).format(slips=result.slips, pages=result.pages, path=result.path)
        )
        self._update_state()
        grow_to_fit(self)  # the result lines must not squeeze the form
        self.invitations_written.emit(result)
        return result

    @Slot()
    def open_file(self) -> None:
        """Open the written PDF in the system's viewer (to print it)."""
        if self.result_ is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_.path)))
