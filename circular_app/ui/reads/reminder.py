"""「督促シートを印刷…」: choose the 班, ask where to save, write the sheets, offer to open them.

:class:`ReminderHanDialog` lets the officer tick one 班, several, or all the circular goes to
(the 班 chosen on the entry page is ticked to begin with). The sheets are drawn by
:mod:`circular_app.pdf.reminder` through
:meth:`~circular_app.services.reads.ReaderService.write_reminder` into one PDF, a page per 班;
opening it hands the file to the system's PDF viewer, from which it is printed. The save dialog
starts in the printing folder (:mod:`circular_app.ui.common.dialogs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.circulars import Circular
from circular_app.domain.errors import UserError
from circular_app.domain.roster import Han
from circular_app.services.reads import ReaderService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating


class ReminderHanDialog(Retranslating, QDialog):
    """Tick the 班 whose reminder sheets to make; 「すべての班」 ticks or clears them all.

    ``choices`` are (班, unread households) of the 班 the circular goes to. After
    ``Accepted``, :meth:`chosen` is the ticked 班 in 班 order.
    """

    def __init__(
        self, choices: Sequence[tuple[Han, int]], current: Han | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.all_box = QCheckBox(self)
        self.list = QListWidget(self)
        for han, unread in self._choices:
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, han.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, unread)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = current is None or han.id == current.id
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.buttons = dialogs.button_box(self, self.tr("作成…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.all_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.all_box.toggled.connect(self._tick_all)
        self.list.itemChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("督促シートを作る班"))
        self.intro.setText(
            self.tr("督促シートを作る班に印をつけてください。1つのPDFに、班ごとに1ページずつ入ります。")
        )
        self.all_box.setText(self.tr("すべての班(&A)"))
        self.list.setAccessibleName(self.tr("督促シートを作る班の一覧"))
        for row, (han, unread) in enumerate(self._choices):
            item = self.list.item(row)
            item.setText(self.tr("{han}（未読 {count}世帯）").format(han=han.name, count=unread))
        dialogs.set_button_texts(self.buttons, self.tr("作成…"))

    def chosen(self) -> list[Han]:
        """The ticked 班, in 班 order."""
        return [
            han
            for row, (han, _unread) in enumerate(self._choices)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, han_ids: Sequence[int]) -> None:
        """Tick exactly the 班 ``han_ids``."""
        for row, (han, _unread) in enumerate(self._choices):
            state = Qt.CheckState.Checked if han.id in han_ids else Qt.CheckState.Unchecked
            self.list.item(row).setCheckState(state)

    @Slot(bool)
    def _tick_all(self, ticked: bool) -> None:
        if ticked or len(self.chosen()) == len(self._choices):
            self.set_chosen([han.id for han, _unread in self._choices] if ticked else [])

    @Slot()
    def _update(self) -> None:
        every = len(self.chosen()) == len(self._choices)
        self.all_box.blockSignals(True)
        self.all_box.setChecked(every)
        self.all_box.blockSignals(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))


class ReminderPrinter(QObject):
    """Writes reminder sheets for the widget ``parent`` (dialogs open over it).

    The save dialog starts in the printing folder (``dialogs.Purpose.PRINT``: the folder used
    last, else 回覧デスク/印刷 under the user's Documents).
    """

    def __init__(self, reads: ReaderService, font_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._reads = reads
        self._font_dir = font_dir
        self._widget = parent

    def suggested_name(self, circular: Circular, hans: Han | Sequence[Han]) -> str:
        """A file name that says what the sheet is (no resident's name in it)."""
        chosen = [hans] if isinstance(hans, Han) else list(hans)
        names = (
            "・".join(h.name for h in chosen)
            if len(chosen) <= 3
            else self.tr("{count}班分").format(count=len(chosen))
        )
        return self.tr("督促シート_回覧No{number}_{han}.pdf").format(number=circular.number, han=names)

    def choose_hans(self, circular: Circular, current: Han | None) -> list[Han] | None:
        """Ask which 班 (``current`` ticked to begin with); None when cancelled."""
        try:
            status = self._reads.circular_status(circular.id)
        except UserError as error:
            messages.show_error(self._widget, error)
            return None
        choices = [
            (han, sum(1 for h in status.unread if h.han_id == han.id and h.active))
            for han, _rate in status.per_han
        ]
        dialog = ReminderHanDialog(choices, current, self._widget)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return None
        return dialog.chosen()

    def print_sheet(self, circular: Circular, hans: Han | Sequence[Han]) -> Path | None:
        """Ask for a file, write the sheets (a page per 班) and offer to open them; the path, or None."""
        chosen = [hans] if isinstance(hans, Han) else list(hans)
        path = dialogs.save_file(
            self._widget,
            dialogs.Purpose.PRINT,
            self.tr("督促シートを保存"),
            self.suggested_name(circular, chosen),
            self.tr("PDFファイル (*.pdf)"),
            ".pdf",
        )
        if path is None:
            return None
        try:
            count = self._reads.write_reminder(path, circular.id, [h.id for h in chosen], self._font_dir)
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
            ).format(path=path, han="・".join(h.name for h in chosen), count=count),
            yes=self.tr("開いて印刷する"),
            no=self.tr("閉じる"),
            default_yes=True,
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
