"""「練習用ハブ」: the built-in practice hub's address, the reader links and a sync button.

The hub itself is :class:`~circular_app.practice_hub.PracticeHub`, owned by the composition root
(:attr:`App.practice_hubs <circular_app.app.App.practice_hubs>`): one hub per practice profile
folder lives as long as the application, so a reset or a rebuilt window keeps serving on the
same address.

Sync rounds run on the dialog's :class:`~circular_app.ui.common.tasks.TaskRunner`, never on the
GUI thread; the dialog says when one ended, and the window's read pages show the new reads (see
:meth:`PracticeHubDialog.synced`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
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

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError
from circular_app.practice_hub import PracticeHub
from circular_app.services.sync import RoundResult
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner

URL_ROLE = Qt.ItemDataRole.UserRole + 1


def practice_hub_for(app: App, folder: Path) -> PracticeHub:
    """The practice hub of the practice profile in ``folder`` (not started yet, or running)."""
    return app.practice_hubs.hub_for(folder)


class PracticeHubDialog(Retranslating, QDialog):
    """The practice hub's address and every reader link; 「今すぐ同期」 runs a sync round.

    Signals:
        synced(object): a sync round ended (its :class:`RoundResult`).
    """

    synced = Signal(object)

    def __init__(self, hub: PracticeHub, services: ProfileServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._services = services
        self._tasks: TaskRunner | None = None  # made by the first round, dropped by shutdown()
        self._syncing = False
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    # ----- setup -------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.address_label = QLabel(self)
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setProperty("role", "summary")
        self.links_label = QLabel(self)
        self.links_list = QListWidget(self)
        self.links_label.setBuddy(self.links_list)
        self.open_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.sync_button = QPushButton(self)
        row = QHBoxLayout()
        for button in (self.open_button, self.copy_button, self.sync_button):
            row.addWidget(button)
        row.addStretch(1)
        self.buttons = dialogs.button_box(self, None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.address_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 28)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.open_current)
        self.copy_button.clicked.connect(self.copy_current)
        self.sync_button.clicked.connect(self.sync_now)
        self.links_list.itemActivated.connect(lambda _item: self.open_current())
        self.links_list.currentRowChanged.connect(self._update_buttons)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("練習用ハブ"))
        self.intro_label.setText(
            self.tr(
                "このパソコンの中だけで動く練習用のハブです。住民の読み取りリンクをブラウザで開いて"
                "「読みました」を押し、「今すぐ同期」を押すと、既読の一覧に反映されます。"
            )
        )
        self.links_label.setText(self.tr("デジタルで受け取る世帯の読み取りリンク(&L)"))
        self.open_button.setText(self.tr("ブラウザで開く(&O)"))
        self.copy_button.setText(self.tr("リンクをコピー(&C)"))
        self.sync_button.setText(self.tr("今すぐ同期(&S)"))
        self.reload()

    # ----- content -----------------------------------------------------------------------------
    def connect_profile(self) -> bool:
        """Start the hub, connect the practice profile to it and start a first sync round.

        Returns False (after saying why) when that failed.
        """
        try:
            self._hub.connect(self._services.context, self._services.sync)
        except UserError as error:
            messages.show_error(self, error)
            return False
        self.reload()
        self.sync_now()
        return True

    def reload(self) -> None:
        """Show the hub's address, the sync state and the reader links as they are now."""
        url = self._hub.base_url
        if url is None:
            self.address_label.setText(self.tr("練習用ハブは止まっています"))
        else:
            self.address_label.setText(self.tr("練習用ハブのアドレス: {url}").format(url=url))
        self.status_label.setText(messages.translate_phrase(self._services.sync.status().describe()))
        self.links_list.clear()
        if self._services.sync.is_connected():
            for link in self._services.sync.reader_links():
                item = QListWidgetItem(f"{link.label}　{link.url}", self.links_list)
                item.setData(URL_ROLE, link.url)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.current_url() is not None
        self.open_button.setEnabled(chosen)
        self.copy_button.setEnabled(chosen)
        self.sync_button.setEnabled(not self._syncing and self._services.sync.is_connected())

    def current_url(self) -> str | None:
        """The reader link chosen in the list, if any."""
        item = self.links_list.currentItem()
        return str(item.data(URL_ROLE)) if item is not None else None

    # ----- actions -----------------------------------------------------------------------------
    @Slot()
    def open_current(self) -> None:
        """Open the chosen reader link in the default browser (as a resident's phone would)."""
        url = self.current_url()
        if url is not None:
            QDesktopServices.openUrl(QUrl(url))

    @Slot()
    def copy_current(self) -> None:
        """Copy the chosen reader link (to paste into a browser on this PC)."""
        url = self.current_url()
        clipboard = QGuiApplication.clipboard()
        if url is not None and clipboard is not None:
            clipboard.setText(url)

    @Slot()
    def sync_now(self) -> None:
        """Run one sync round on a worker thread; :attr:`synced` says when it ended."""
        if self._syncing or not self._services.sync.is_connected():
            return
        self._syncing = True
        self.status_label.setText(self.tr("同期しています…"))
        self._update_buttons()
        if self._tasks is None:
            self._tasks = TaskRunner(self)
        self._tasks.run(self._services.sync.run_once, self._on_synced, self._on_failed)

    def shutdown(self) -> None:
        """Drop the answer of a round under way (the window is closing); safe to call twice.

        A later :meth:`sync_now` (the window stayed open after all) starts on a new runner.
        """
        if self._tasks is not None:
            self._tasks.shutdown()
            self._tasks = None
        self._syncing = False

    def _on_synced(self, result: RoundResult) -> None:
        self._syncing = False
        self.reload()
        self.synced.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        # A user error is said in words; anything else is a bug (the runner logged it).
        text = messages.error_text(error) if isinstance(error, UserError) else type(error).__name__
        self._syncing = False
        self.reload()
        self.status_label.setText(self.tr("同期できませんでした: {reason}").format(reason=text))
