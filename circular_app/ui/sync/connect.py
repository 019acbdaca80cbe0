"""Hub dialogs: connect (or enroll for USB reports), reader links with QR codes, the adoption report.

* :class:`ConnectHubDialog`: the hub's address and the one-time code from the city; or
  「インターネットなし（USBで報告）」, which only records the code for signed report files.
  The enrollment request runs on the thread pool so the window never freezes on a slow network.
* :class:`ReaderLinksDialog`: each household's personal link (digital households, and paper
  households given an invitation slip; no names: the 班 and route position identify the
  slip), its QR code, and a button to copy the link.
* :class:`AdoptionReportDialog`: exactly the figures that would be reported, then 送信 (queued
  for the hub) or ファイルに書き出す (the signed file for the USB stick).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.adoption import AdoptionReport
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.errors import UserError
from circular_app.services.adoption import AdoptionService
from circular_app.services.circulars import CircularService
from circular_app.services.hub_errors import HubAuthError, HubRejected, HubUnavailable
from circular_app.services.sync import ReaderLink, SyncService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.rows_model import RowsModel
from circular_app.ui.common.tasks import TaskRunner
from circular_app.ui.common.widgets import ErrorLabel

log = logging.getLogger(__name__)

ModelIndex = QModelIndex | QPersistentModelIndex
QR_SCALE = 6


def fixed_width(widget: QWidget) -> None:
    """Show ``widget`` in the system's fixed-width font (Qt falls back per glyph for Japanese).

    A style sheet, because the application's style sheet sets the family of every widget.
    """
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    widget.setStyleSheet(f'font-family: "{fixed}";')


def qr_png(url: str, scale: int = QR_SCALE) -> bytes:
    """The QR code of ``url`` as PNG bytes (error correction M, quiet zone of 4 modules)."""
    import segno  # here, not at the top: only this dialog draws QR codes (start-up imports)

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_pixmap(url: str, scale: int = QR_SCALE) -> QPixmap:
    """The QR code of ``url`` as a pixmap."""
    pixmap = QPixmap()
    if not pixmap.loadFromData(qr_png(url, scale), "PNG"):
        raise ValueError("segno wrote a PNG that Qt cannot read")
    return pixmap


class ConnectHubDialog(QDialog):
    """Connect this association to the city's hub, or enroll it for USB reports only.

    Signals:
        hub_connected(bool): enrolled online; True when the token went to the OS keyring.
        offline_enrolled(): the code was recorded for signed report files.
    """

    hub_connected = Signal(bool)
    offline_enrolled = Signal()

    def __init__(self, sync: SyncService, adoption: AdoptionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self._adoption = adoption
        self._tasks = TaskRunner(self)
        self.in_keyring: bool | None = None
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self._update_state()

    def _setup_ui(self) -> None:
        self.setObjectName("connect_hub_dialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("hub_url")
        self.url_edit.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("hub_code")
        self.offline_check = QCheckBox(self)
        self.offline_check.setObjectName("hub_offline")
        self.offline_note = QLabel(self)
        self.offline_note.setWordWrap(True)
        self.status_label = QLabel(self)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        self.url_label = QLabel(self)
        self.url_label.setBuddy(self.url_edit)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code_edit)
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.code_label, self.code_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.offline_check)
        layout.addWidget(self.offline_note)
        layout.addWidget(self.error)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("あ")
        self.url_edit.setMinimumWidth(em * 22)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.start_connect)
        self.buttons.rejected.connect(self.reject)
        self.offline_check.toggled.connect(self._update_state)
        self.url_edit.textChanged.connect(self._update_state)
        self.code_edit.textChanged.connect(self._update_state)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("ハブに接続"))
        self.intro.setText(
            self.tr(
                "市（またはハブの運営者）から届いたハブのアドレスと登録コードを入力してください。"
                "登録コードは一度だけ使えます。"
            )
        )
        self.url_label.setText(self.tr("ハブのアドレス(&A)"))
        self.url_edit.setPlaceholderText("https://")
        self.code_label.setText(self.tr("登録コード(&C)"))
        self.offline_check.setText(self.tr("インターネットなし（USBで報告）(&U)"))
        self.offline_note.setText(
            self.tr(
                "インターネットを使わない町会は、登録コードだけを記録します。"
                "導入状況は署名付きのファイルに書き出し、USBメモリで市に届けます。"
            )
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登録する") if self.offline_check.isChecked() else self.tr("接続する"))

    @property
    def busy(self) -> bool:
        """True while the enrollment request runs."""
        return self._tasks.pending > 0

    @Slot()
    def _update_state(self) -> None:
        offline = self.offline_check.isChecked()
        busy = self.busy
        self.url_edit.setEnabled(not offline and not busy)
        self.url_label.setEnabled(not offline)
        self.code_edit.setEnabled(not busy)
        self.offline_check.setEnabled(not busy)
        self.offline_note.setVisible(offline)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登録する") if offline else self.tr("接続する"))
        filled = bool(self.code_edit.text().strip()) and (offline or bool(self.url_edit.text().strip()))
        ok.setEnabled(filled and not busy)

    @Slot()
    def start_connect(self) -> None:
        """Enroll offline at once, or start the enrollment request on the thread pool."""
        if self.busy:
            return
        self.error.clear_error()
        code = self.code_edit.text().strip()
        if self.offline_check.isChecked():
            try:
                self._adoption.connect_offline(code)
            except UserError as error:
                self.error.show_error(messages.error_text(error))
                return
            self.offline_enrolled.emit()
            self.accept()
            return
        url = self.url_edit.text().strip()
        self._tasks.run(lambda: self._sync.connect(url, code), self._on_connected, self._on_failed)
        self.status_label.setText(self.tr("接続しています…"))
        self._update_state()

    def _done(self) -> None:
        self.status_label.clear()
        self._update_state()

    def _on_connected(self, in_keyring: object) -> None:
        self._done()
        self.in_keyring = bool(in_keyring)
        self.hub_connected.emit(self.in_keyring)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._done()
        self.error.show_error(self.error_text(error))

    def error_text(self, error: object) -> str:
        """Why the enrollment failed, in words an officer can act on."""
        if isinstance(error, UserError):
            return messages.error_text(error)
        if isinstance(error, HubUnavailable):
            return self.tr("ハブに接続できません。アドレスとインターネット接続を確かめてください")
        if isinstance(error, HubAuthError):
            return self.tr(
                "登録コードが違うか、使用済みか、有効期限が切れています。市に新しいコードを依頼してください"
            )
        if isinstance(error, HubRejected):
            if error.status == 429:
                return self.tr("失敗が続いたため、しばらく受け付けられません。時間をおいて試してください")
            return self.tr("ハブが受け付けませんでした（{reason}）").format(reason=error.reason)
        return self.tr("予期しないエラー（{name}）").format(name=type(error).__name__)

    def reject(self) -> None:
        """Cancel is refused while the request runs (its answer must be recorded)."""
        if not self.busy:
            super().reject()

    def done(self, result: int) -> None:
        """Closing: no answer may arrive after this."""
        self._tasks.shutdown()
        super().done(result)


class ReaderLinksModel(RowsModel[ReaderLink]):
    """Reader links as a table: household ID, 班 and route position, link."""

    COLUMNS = 3

    def link_at(self, row: int) -> ReaderLink:
        """The link of ``row``."""
        return self.row_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Plain text cells."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        link = self._rows[index.row()]
        return (link.household_key, link.label, link.url)[index.column()]

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("世帯ID"), self.tr("班-回覧順"), self.tr("読むためのリンク"))
        return titles[section] if 0 <= section < len(titles) else None


class ReaderLinksDialog(QDialog):
    """Each household's reader link with its QR code (digital households and invited paper ones)."""

    def __init__(
        self,
        sync: SyncService,
        circulars: CircularService,
        circular_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._circulars = circulars
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self._fill_circulars(circular_id)
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("reader_links_dialog")
        self.circular_combo = QComboBox(self)
        self.circular_label = QLabel(self)
        self.circular_label.setBuddy(self.circular_combo)
        self.model = ReaderLinksModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("reader_qr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setMinimumSize(220, 220)
        self.url_label = QLabel(self)
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setWordWrap(True)
        fixed_width(self.url_label)  # the token's underscores and l / I / 1 stay readable
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copy_link")
        self.count_label = QLabel(self)
        self.buttons = dialogs.button_box(self, None)
        top = QHBoxLayout()
        top.addWidget(self.circular_label)
        top.addWidget(self.circular_combo, 1)
        side = QVBoxLayout()
        side.addWidget(self.qr_label)
        side.addWidget(self.url_label)
        side.addWidget(self.copy_button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.circular_combo.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.copy_button.clicked.connect(self.copy_link)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("読むためのリンク"))
        self.circular_label.setText(self.tr("回覧(&C)"))
        self.copy_button.setText(self.tr("リンクをコピー"))
        if self.circular_combo.count():
            self.circular_combo.setItemText(0, self.tr("リンクのあるすべての世帯"))

    def _fill_circulars(self, chosen: int | None) -> None:
        published: list[Circular] = [
            c for c in self._circulars.list_circulars() if c.status in (Status.PUBLISHED, Status.CLOSED)
        ]
        self.circular_combo.blockSignals(True)
        self.circular_combo.addItem(self.tr("リンクのあるすべての世帯"), None)
        for circular in published:
            self.circular_combo.addItem(
                self.tr("No.{number} {title}").format(number=circular.number, title=circular.title),
                circular.id,
            )
        index = self.circular_combo.findData(chosen) if chosen is not None else 0
        self.circular_combo.setCurrentIndex(max(0, index))
        self.circular_combo.blockSignals(False)

    def circular_id(self) -> int | None:
        """The chosen circular (None: every digital household)."""
        value = self.circular_combo.currentData()
        return int(value) if value is not None else None

    @Slot()
    def reload(self) -> None:
        """Load the links of the chosen circular's digital households."""
        links = self._sync.reader_links(self.circular_id())
        self.model.set_rows(links)
        self.count_label.setText(self.tr("リンクのある世帯: {count}").format(count=len(links)))
        if links:
            self.table.selectRow(0)
        self._show_current()

    def current_link(self) -> ReaderLink | None:
        """The selected link."""
        row = self.table.currentIndex().row()
        return self.model.link_at(row) if 0 <= row < self.model.rowCount() else None

    @Slot()
    def _show_current(self) -> None:
        link = self.current_link()
        self.copy_button.setEnabled(link is not None)
        if link is None:
            self.qr_label.clear()
            self.url_label.clear()
            return
        self.qr_label.setPixmap(qr_pixmap(link.url))
        self.qr_label.setAccessibleName(self.tr("QRコード: {label}").format(label=link.label))
        self.url_label.setText(link.url)

    @Slot()
    def copy_link(self) -> None:
        """Copy the selected link to the clipboard."""
        link = self.current_link()
        clipboard = QGuiApplication.clipboard()
        if link is not None and clipboard is not None:
            clipboard.setText(link.url)


class AdoptionReportDialog(QDialog):
    """What this association reports to the city, before it is sent or written to a file.

    Signals:
        report_queued(): the report waits in the outbox (a sync round sends it).
        report_exported(str): the signed file was written to this path.
    """

    report_queued = Signal()
    report_exported = Signal(str)

    def __init__(
        self,
        adoption: AdoptionService,
        online: bool,
        offline_enrollment: bool,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._adoption = adoption
        self._online = online
        self._offline = offline_enrollment
        self._today = today or dt.date.today()
        self.report: AdoptionReport | None = None
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _setup_ui(self) -> None:
        self.setObjectName("adoption_report_dialog")
        self.month_combo = QComboBox(self)
        first = self._today.replace(day=1)
        for back in range(12):
            year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
            self.month_combo.addItem(f"{year}-{month + 1:02d}", dt.date(year, month + 1, 1))
        self.month_label = QLabel(self)
        self.month_label.setBuddy(self.month_combo)
        # Online associations need not press 送信: the sync sends the report by itself.
        self.auto_note = QLabel(self)
        self.auto_note.setObjectName("adoption_auto_note")
        self.auto_note.setWordWrap(True)
        self.auto_note.setVisible(self._online)
        self.summary = QLabel(self)
        self.summary.setObjectName("adoption_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.json_label = QLabel(self)
        self.json_view = QPlainTextEdit(self)
        self.json_view.setObjectName("adoption_json")
        self.json_view.setReadOnly(True)
        fixed_width(self.json_view)  # the JSON's shape and underscores
        self.error = ErrorLabel(self)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("adoption_send")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("adoption_export")
        self.buttons = dialogs.button_box(self, None)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        top = QHBoxLayout()
        top.addWidget(self.month_label)
        top.addWidget(self.month_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.auto_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.json_label)
        layout.addWidget(self.json_view, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 520)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.month_combo.currentIndexChanged.connect(self.refresh)
        self.send_button.clicked.connect(self.send)
        self.export_button.clicked.connect(self.choose_and_export)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("導入状況の報告"))
        self.month_label.setText(self.tr("対象の月(&M)"))
        self.json_label.setText(self.tr("送られる内容（そのまま）:"))
        self.json_view.setAccessibleName(self.tr("送られる内容（そのまま）"))
        self.auto_note.setText(
            self.tr(
                "この報告は同期のときに自動で送られます（今月の数は1日1回まで、"
                "前の月の確定した数は月が変わってから1回）。「送信」は、いますぐ追加で送りたいときだけ使います。"
            )
        )
        self.send_button.setText(self.tr("送信"))
        self.send_button.setToolTip(self.tr("次の同期でハブに送ります"))
        self.export_button.setText(self.tr("ファイルに書き出す…"))
        self.export_button.setToolTip(self.tr("署名付きの報告ファイルを作り、USBメモリで市に届けます"))
        self._update_buttons()

    def month(self) -> dt.date:
        """The first day of the chosen month."""
        value = self.month_combo.currentData()
        return value if isinstance(value, dt.date) else self._today

    @Slot()
    def refresh(self) -> None:
        """Build the report of the chosen month and show it."""
        self.error.clear_error()
        self.report = self._adoption.build(self.month())
        self.summary.setText("\n".join(self.report.describe()))
        self.json_view.setPlainText(json.dumps(self.report.to_json(), ensure_ascii=False, indent=2))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.send_button.setEnabled(self._online)
        self.export_button.setEnabled(self._offline)

    def text(self) -> str:
        """Everything the dialog shows of the report (summary and JSON)."""
        return self.summary.text() + "\n" + self.json_view.toPlainText()

    @Slot()
    def send(self) -> None:
        """Queue the report for the hub."""
        try:
            self.report = self._adoption.enqueue(self.month())
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return
        self.report_queued.emit()
        self.accept()

    @Slot()
    def choose_and_export(self) -> None:
        """Ask where to save the signed report file, then write it."""
        suggested = self.tr("導入状況報告_{month}.json").format(month=self.month().strftime("%Y-%m"))
        path = dialogs.save_file(
            self,
            dialogs.Purpose.HUB,
            self.tr("報告ファイルを書き出す"),
            suggested,
            self.tr("報告ファイル (*.json)"),
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the signed report file; False (with the reason shown) when it cannot."""
        try:
            self.report = self._adoption.export_signed(path, self.month())
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return False
        except OSError as error:
            self.error.show_error(messages.os_error_text(error))
            return False
        self.report_exported.emit(str(path))
        self.accept()
        return True
