"""The paper-copies dialog: choose copies, paper and folder; export off the GUI thread; print.

The export runs on a worker thread of the dialog's :class:`~circular_app.ui.common.tasks.TaskRunner`
(its outcome, and the release of everything the call captured, come back on the GUI thread)
and reports progress through a queued signal; only the GUI thread touches widgets. 中止 sets a cancel event that the
export checks between files; the service then removes everything this batch wrote, so the
folder is left as it was. At the end the dialog offers to open the folder or to print the
files through Qt's print dialog (pages rendered by QtPdf; without QtPdf the PDF opens in the
system viewer to print from there).
"""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.services.pdf_export import (
    ExportCancelled,
    ExportChoices,
    ExportRequest,
    ExportResult,
    PaperSize,
    PdfExportService,
    SlipMode,
    furigana_available,
)
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner
from circular_app.ui.common.widgets import ErrorLabel, bold_font

log = logging.getLogger(__name__)


PRINT_DPI_LIMIT = 300  # pages are rasterised for the printer; more only costs memory


def print_pdfs(parent: QWidget, paths: list[Path]) -> bool:
    """Ask for a printer and print every page of ``paths``; False when the user cancelled.

    Raises ImportError when QtPdf (PySide6-Addons) is not installed.
    """
    # QtPdf is optional (not in PySide6-Essentials): imported by name, ImportError when absent.
    qt_pdf = importlib.import_module("PySide6.QtPdf")
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
    first = True
    try:
        for path in paths:
            document = qt_pdf.QPdfDocument(parent)
            document.load(str(path))
            for index in range(document.pageCount()):
                if not first:
                    printer.newPage()
                first = False
                points = document.pagePointSize(index)
                image = document.render(
                    index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                )
                area = painter.viewport()
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), scaled), image)
            document.deleteLater()
    finally:
        painter.end()
    return True


class _ExportSignals(QObject):
    """The progress of one export (emitted on a worker thread, delivered on the GUI thread)."""

    progressed = Signal(int, int)


class PdfExportDialog(Retranslating, QDialog):
    """Export the paper copies of one circular.

    Signals:
        export_finished(ExportResult): every file was written.
        export_cancelled(): the export was cancelled; the folder is as it was.
        export_failed(str): the export stopped with this (translated) reason; nothing was written.
    """

    export_finished = Signal(object)
    export_cancelled = Signal()
    export_failed = Signal(str)

    def __init__(
        self,
        service: PdfExportService,
        circular_id: int,
        folder: Path | None = None,
        parent: QWidget | None = None,
        individual: bool = False,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.choices: ExportChoices = service.choices(circular_id)
        self._cancel: threading.Event | None = None
        self._signals: _ExportSignals | None = None
        # The export runs on a worker thread (see sync_tasks: answers and releases on this one).
        self._tasks = TaskRunner(self)
        self.result_: ExportResult | None = None
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        # Never the program's folder: the caller's, else the print folder under the documents.
        self.folder_edit.setText(
            str(folder if folder is not None else dialogs.start_folder(dialogs.Purpose.PRINT))
        )
        # Right after 発行 the paper households' copies are wanted too (large print where asked).
        self.individual_check.setChecked(individual and bool(self.choices.paper_households))
        self._update_state()

    # ----- setup -------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.circular_label = QLabel(self)
        self.circular_label.setFont(bold_font())
        self.circular_label.setWordWrap(True)

        self.copies_box = QGroupBox(self)
        self.han_check = QCheckBox(self)
        self.han_check.setChecked(True)
        self.han_combo = QComboBox(self)
        self.individual_check = QCheckBox(self)
        self.household_check = QCheckBox(self)
        self.household_combo = QComboBox(self)
        self.poster_check = QCheckBox(self)
        copies = QFormLayout(self.copies_box)
        copies.addRow(self.han_check, self.han_combo)
        copies.addRow(self.individual_check)
        copies.addRow(self.household_check, self.household_combo)
        copies.addRow(self.poster_check)

        self.options_box = QGroupBox(self)
        self.size_label = QLabel(self)
        self.size_combo = QComboBox(self)
        for size in PaperSize:
            self.size_combo.addItem(size.value, size.value)
        self.size_label.setBuddy(self.size_combo)
        self.large_check = QCheckBox(self)
        self.scale_label = QLabel(self)
        self.scale_combo = QComboBox(self)
        self.scale_combo.addItem("150%", 150)
        self.scale_combo.addItem("200%", 200)
        self.scale_label.setBuddy(self.scale_combo)
        # Furigana over the kanji of the large-print copies (issue 23): needs the dictionary,
        # which the packaged app leaves out; the box is then off and says why.
        self._furigana = furigana_available()
        self.furigana_check = QCheckBox(self)
        self.furigana_check.setEnabled(self._furigana)
        self.furigana_note = QLabel(self)
        self.furigana_note.setWordWrap(True)
        self.furigana_note.setVisible(not self._furigana)
        self.combined_check = QCheckBox(self)
        # A circular with questions: how a 班 copy carries the answers (slips by default).
        self.slips_label = QLabel(self)
        self.slips_combo = QComboBox(self)
        self.slips_combo.addItem("", SlipMode.SLIPS.value)
        self.slips_combo.addItem("", SlipMode.COLUMN.value)
        self.slips_label.setBuddy(self.slips_combo)
        self.slips_label.setVisible(self.choices.has_form)
        self.slips_combo.setVisible(self.choices.has_form)
        options = QFormLayout(self.options_box)
        options.addRow(self.size_label, self.size_combo)
        options.addRow(self.scale_label, self.scale_combo)
        options.addRow(self.large_check)
        options.addRow(self.furigana_check)
        options.addRow(self.furigana_note)
        options.addRow(self.combined_check)
        options.addRow(self.slips_label, self.slips_combo)

        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton(self)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.warning_label = ErrorLabel(self)
        self.error = ErrorLabel(self)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.circular_label)
        layout.addWidget(self.copies_box)
        layout.addWidget(self.options_box)
        layout.addWidget(self.folder_label)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        for check in (self.han_check, self.individual_check, self.household_check, self.poster_check):
            check.toggled.connect(self._update_state)
        self.folder_edit.textChanged.connect(self._update_state)
        self.browse_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_button.clicked.connect(self.open_folder)
        self.print_button.clicked.connect(self.print_files)
        self.close_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        c = self.choices.circular
        self.setWindowTitle(self.tr("紙の控えを作る（PDF）"))
        self.circular_label.setText(self.tr("{label}「{title}」").format(label=c.label, title=c.title))
        self.copies_box.setTitle(self.tr("作る控え"))
        self.han_check.setText(self.tr("班の回覧用（回覧表つき）(&H)"))
        self.han_combo.setAccessibleName(self.tr("回覧用を作る班"))
        self._fill_combos()
        self.individual_check.setText(
            self.tr("紙で受け取る世帯の個別配布用（{count}世帯）(&I)").format(
                count=len(self.choices.paper_households)
            )
        )
        self.household_check.setText(self.tr("1世帯だけ(&O)"))
        self.household_combo.setAccessibleName(self.tr("個別配布用を作る世帯"))
        self.poster_check.setText(self.tr("掲示板用のポスター（A3）(&P)"))
        self.options_box.setTitle(self.tr("用紙と文字"))
        self.size_label.setText(self.tr("用紙の大きさ(&S)"))
        self.scale_label.setText(self.tr("大きな文字の倍率(&M)"))
        self.large_check.setText(self.tr("すべての控えを大きな文字にする(&L)"))
        self.large_check.setToolTip(
            self.tr("「大きな文字」を希望する世帯の控えは、この設定にかかわらず大きな文字になります")
        )
        self.furigana_check.setText(self.tr("大きな文字の控えに、ふりがなをつける(&G)"))
        self.furigana_check.setToolTip(
            self.tr("漢字の上に読み方を小さく印刷します。読み方は「ふりがなの読み方」の一覧が優先されます")
        )
        self.furigana_note.setText(
            self.tr(
                "このパソコンの回覧デスクには、ふりがなの辞書が入っていないため、ふりがなはつけられません。"
            )
        )
        self.combined_check.setText(self.tr("1つのPDFにまとめる(&C)"))
        self.slips_label.setText(self.tr("班の回覧用の回答(&A)"))
        self.slips_combo.setItemText(0, self.tr("世帯ごとの回答票をつける"))
        self.slips_combo.setItemText(1, self.tr("回覧表に回答欄をつける"))
        self.folder_label.setText(self.tr("保存先のフォルダー(&F)"))
        self.folder_edit.setAccessibleName(self.tr("保存先のフォルダー"))
        self.browse_button.setText(self.tr("選ぶ(&B)…"))
        self.progress.setAccessibleName(self.tr("書き出しの進み具合"))
        self.export_button.setText(self.tr("書き出す(&E)"))
        self.cancel_button.setText(self.tr("中止(&X)"))
        self.open_button.setText(self.tr("フォルダーを開く"))
        self.print_button.setText(self.tr("印刷(&R)…"))
        self.close_button.setText(self.tr("閉じる"))

    def _fill_combos(self) -> None:
        han_index = max(0, self.han_combo.currentIndex())
        self.han_combo.clear()
        self.han_combo.addItem(self.tr("すべての班"), 0)
        for han in self.choices.hans:
            self.han_combo.addItem(han.name, han.id)
        self.han_combo.setCurrentIndex(min(han_index, self.han_combo.count() - 1))
        household_index = max(0, self.household_combo.currentIndex())
        names = {h.id: h.name for h in self.choices.hans}
        self.household_combo.clear()
        for household in self.choices.paper_households:
            self.household_combo.addItem(
                self.tr("{han} {number}番 {name}").format(
                    han=names.get(household.han_id, ""), number=household.route_position, name=household.name
                ),
                household.id,
            )
        if self.household_combo.count():
            self.household_combo.setCurrentIndex(min(household_index, self.household_combo.count() - 1))

    # ----- state -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while an export runs."""
        return self._cancel is not None

    @Slot()
    def _update_state(self) -> None:
        busy = self.busy
        chosen = any(
            c.isChecked()
            for c in (self.han_check, self.individual_check, self.household_check, self.poster_check)
        )
        for widget in (self.copies_box, self.options_box, self.folder_edit, self.browse_button):
            widget.setEnabled(not busy)
        self.han_combo.setEnabled(self.han_check.isChecked())
        self.household_combo.setEnabled(self.household_check.isChecked() and self.household_combo.count() > 0)
        self.export_button.setEnabled(not busy and chosen and bool(self.folder_edit.text().strip()))
        self.cancel_button.setEnabled(busy)
        done = self.result_ is not None and not busy
        self.open_button.setEnabled(done)
        self.print_button.setEnabled(done)
        self.close_button.setEnabled(not busy)

    def request(self) -> ExportRequest:
        """The request the current choices make."""
        han_id = self.han_combo.currentData()
        household = self.household_combo.currentData() if self.household_check.isChecked() else None
        return ExportRequest(
            circular_id=self.choices.circular.id,
            han_copies=self.han_check.isChecked(),
            han_ids=(int(han_id),) if han_id else (),
            individual=self.individual_check.isChecked(),
            household_id=int(household) if household is not None else None,
            large_print=self.large_check.isChecked(),
            large_print_scale=int(self.scale_combo.currentData()),
            size=PaperSize(self.size_combo.currentData()),
            poster=self.poster_check.isChecked(),
            combined=self.combined_check.isChecked(),
            answer_slips=SlipMode(self.slips_combo.currentData()),
            furigana=self._furigana and self.furigana_check.isChecked(),
        )

    # ----- actions -----------------------------------------------------------------------------
    @Slot()
    def choose_folder(self) -> None:
        """Ask for the output folder."""
        folder = dialogs.choose_folder(self, dialogs.Purpose.PRINT, self.tr("保存先のフォルダーを選ぶ"))
        if folder is not None:
            self.folder_edit.setText(str(folder))

    @Slot()
    def start_export(self) -> None:
        """Start the export on the thread pool (the dialog stays responsive)."""
        if self.busy:
            return
        self.error.clear_error()
        self.warning_label.clear_error()
        self.result_ = None
        try:
            request = self.request()
            self._service.plan(request)  # bad choices are reported here, before any thread starts
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return
        self._cancel = threading.Event()
        self._signals = _ExportSignals(self)
        self._signals.progressed.connect(self._on_progress)
        self.progress.setRange(0, 0)  # busy until the first file is done
        self.status_label.setText(self.tr("書き出しています…"))
        folder = Path(self.folder_edit.text().strip()).expanduser()
        service, cancel, progressed = self._service, self._cancel, self._signals.progressed.emit
        self._tasks.run(
            lambda: service.export(request, folder, progressed, cancel),
            self._on_finished,
            self._on_export_error,
            expected=(ExportCancelled,),
        )
        self._update_state()

    def _on_export_error(self, error: BaseException) -> None:
        if isinstance(error, ExportCancelled):
            self._on_cancelled()
        elif isinstance(error, UserError):
            self._on_failed(messages.error_text(error))
        elif isinstance(error, OSError):
            self._on_failed(messages.os_error_text(error))
        else:  # a bug (logged with its traceback by the task runner)
            self._on_failed(type(error).__name__)

    @Slot()
    def cancel_export(self) -> None:
        """Ask the running export to stop; it removes what it wrote."""
        if self._cancel is not None:
            self._cancel.set()
            self.status_label.setText(self.tr("中止しています…"))

    def _finish(self) -> None:
        self._cancel = None
        if self._signals is not None:
            self._signals.deleteLater()
            self._signals = None
        self._update_state()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status_label.setText(self.tr("{done} / {total} ファイル").format(done=done, total=total))

    @Slot(object)
    def _on_finished(self, result: ExportResult) -> None:
        self.result_ = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status_label.setText(
            self.tr("{files}ファイル（{copies}部、{pages}ページ）を書き出しました。").format(
                files=len(result.files), copies=result.copies, pages=result.pages
            )
        )
        if result.warnings:
            self.warning_label.show_error("\n".join(result.warnings))
        self._finish()
        self.export_finished.emit(result)

    @Slot(str)
    def _on_failed(self, reason: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label.setText(self.tr("書き出せませんでした。ファイルは作っていません。"))
        self.error.show_error(reason)
        self._finish()
        self.export_failed.emit(reason)

    @Slot()
    def _on_cancelled(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label.setText(self.tr("中止しました。このときに作ったファイルは消しました。"))
        self._finish()
        self.export_cancelled.emit()

    @Slot()
    def open_folder(self) -> None:
        """Open the output folder in the file manager."""
        if self.result_ is not None and self.result_.files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_.files[0].parent)))

    @Slot()
    def print_files(self) -> None:
        """Print the exported PDFs through Qt's print dialog."""
        if self.result_ is None or not self.result_.files:
            return
        try:
            print_pdfs(self, list(self.result_.files))
        except ImportError:
            # QtPdf (PySide6-Addons) is not installed: print from the system's PDF viewer.
            for path in self.result_.files:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def reject(self) -> None:
        """Close, unless an export is running (cancel it first)."""
        if self.busy:
            self.cancel_export()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closing: no answer may reach the dialog any more; its worker thread ends."""
        self._tasks.shutdown()
        super().done(result)
