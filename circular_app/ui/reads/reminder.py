"""「督促シートを印刷…」: ask where to save a 班長's reminder sheet, write it, offer to open it.

The sheet itself is drawn by :mod:`circular_app.pdf.reminder` through
:meth:`~circular_app.services.reads.ReaderService.write_reminder`; opening it hands the file
to the system's PDF viewer, from which it is printed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from circular_app.domain.circulars import Circular
from circular_app.domain.errors import UserError
from circular_app.domain.roster import Han
from circular_app.services.reads import ReaderService
from circular_app.ui.common import dialogs, messages


class ReminderPrinter(QObject):
    """Writes reminder sheets for the widget ``parent`` (dialogs open over it)."""

    def __init__(self, reads: ReaderService, font_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._reads = reads
        self._font_dir = font_dir
        self._widget = parent

    def suggested_name(self, circular: Circular, han: Han) -> str:
        """A file name that says what the sheet is (no resident's name in it)."""
        return self.tr("督促シート_回覧No{number}_{han}.pdf").format(number=circular.number, han=han.name)

    def print_sheet(self, circular: Circular, han: Han) -> Path | None:
        """Ask for a file, write the sheet and offer to open it; the path written, or None."""
        path = dialogs.save_file(
            self._widget,
            dialogs.Purpose.PRINT,
            self.tr("督促シートを保存"),
            self.suggested_name(circular, han),
            self.tr("PDFファイル (*.pdf)"),
            ".pdf",
        )
        if path is None:
            return None
        try:
            count = self._reads.write_reminder(path, circular.id, han.id, self._font_dir)
        except UserError as error:
            messages.show_error(self._widget, error)
            return None
        except OSError as exc:
            dialogs.warn(self._widget, self.tr("書き出せません"), messages.os_error_text(exc))
            return None
        if dialogs.ask(
            self._widget,
            self.tr("督促シートを作りました"),
            self.tr(
                "{path} に督促シート（{han}・未読 {count}世帯）を書き出しました。\n開いて印刷しますか？"
            ).format(path=path, han=han.name, count=count),
            yes=self.tr("開いて印刷する"),
            no=self.tr("閉じる"),
            default_yes=True,
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
