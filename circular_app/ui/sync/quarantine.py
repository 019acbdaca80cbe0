"""「送れなかった項目」: the items the hub refused, with its reasons, to send again or give up.

An item the hub refuses is set aside (quarantined) so the rest keeps syncing; the officer
decides here what happens to it: 「送り直す」 puts it back in the queue (after correcting the
circular, say), 「送らない」 drops it for good.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.services.sync import SyncService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating


class QuarantineDialog(Retranslating, QDialog):
    """The refused items and their reasons, with 「送り直す」 and 「送らない」.

    Signals:
        items_changed(): an item was put back in the queue or dropped (sync again, refresh).
    """

    items_changed = Signal()

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("quarantine_dialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("quarantined_items")
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("quarantine_retry")
        self.drop_button = QPushButton(self)
        self.drop_button.setObjectName("quarantine_drop")
        self.buttons = dialogs.button_box(self, None)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addWidget(self.drop_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(560, 320)

    def _connect(self) -> None:
        self.retry_button.clicked.connect(self.retry_selected)
        self.drop_button.clicked.connect(self.drop_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("送れなかった項目"))
        self.intro.setText(
            self.tr("ハブが受け付けなかった項目です。ほかの項目はふだんどおり送られています。")
        )
        self.retry_button.setText(self.tr("送り直す"))
        self.drop_button.setText(self.tr("送らない"))
        self.reload()

    def reload(self) -> None:
        """List the refused items again."""
        self.list.clear()
        for item in self._sync.quarantined():
            text = self.tr("項目 {id}（{kind}）: {reason}").format(
                id=item.id, kind=item.kind, reason=item.reason
            )
            entry = QListWidgetItem(text, self.list)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _selected(self) -> int | None:
        entry = self.list.currentItem()
        return None if entry is None else int(entry.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.retry_button.setEnabled(chosen)
        self.drop_button.setEnabled(chosen)

    @Slot()
    def retry_selected(self) -> None:
        """「送り直す」: the selected item goes back into the queue."""
        self._act(self._sync.retry_item)

    @Slot()
    def drop_selected(self) -> None:
        """「送らない」: the selected item is never sent."""
        self._act(self._sync.drop_item)

    def _act(self, action: Callable[[int], None]) -> None:
        item_id = self._selected()
        if item_id is None:
            return
        try:
            action(item_id)
        except UserError as error:
            messages.show_error(self, error)
        self.reload()
        self.items_changed.emit()
