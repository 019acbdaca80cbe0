"""Wiring the hub into the main window: the 「ハブ」 menu, the status-bar state, the worker.

:func:`install_sync` is the only entry point; the main window calls it once, after
``install_compose`` (changes made on the circular pages wake the worker). It is idempotent.

What it wires:

* the 「ハブ」 menu: ハブに接続… / 今すぐ同期 / 読むためのリンク… / スマホ招待状を印刷… /
  導入状況の報告…;
* the permanent status-bar widget (同期済み / 送信待ち N 件 / オフライン / エラー + 再試行,
  and 送れなかった項目… while the hub has refused items);
* the background worker, started when the profile is connected to a hub (at once, or after
  a successful ハブに接続…), woken after roster and circular changes, stopped when the window
  closes;
* after confirmations arrive, the reader matrix, the home page and the sidebar refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from circular_app.domain.errors import UserError
from circular_app.services.sync import SyncStatus
from circular_app.ui.common import dialogs, messages
from circular_app.ui.compose.page import compose_page
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.shell.pages import PageHost
from circular_app.ui.sync.connect import AdoptionReportDialog, ConnectHubDialog, ReaderLinksDialog
from circular_app.ui.sync.quarantine import QuarantineDialog
from circular_app.ui.sync.status import DEFAULT_INTERVAL, SyncRunner, SyncStatusWidget

if TYPE_CHECKING:
    from circular_app.ui.sync.invitations import InvitationDialog


class HubControls(QObject):
    """The 「ハブ」 menu, the status widget and the sync runner of one main window."""

    def __init__(self, window: PageHost, interval: float = DEFAULT_INTERVAL) -> None:
        super().__init__(window)
        self.setObjectName("hub_controls")
        self._window = window
        services = window.services
        self._sync = services.sync
        self.runner = SyncRunner(services.sync, interval, self)
        self.status_widget = SyncStatusWidget(window)
        window.statusBar().addPermanentWidget(self.status_widget)
        self.menu = QMenu(window)
        self.menu.setObjectName("hub_menu")
        self.connect_action = QAction(window)
        self.sync_now_action = QAction(window)
        self.links_action = QAction(window)
        self.invitations_action = QAction(window)
        self.report_action = QAction(window)
        self.menu.addAction(self.connect_action)
        self.menu.addAction(self.sync_now_action)
        self.menu.addSeparator()
        self.menu.addAction(self.links_action)
        self.menu.addAction(self.invitations_action)
        self.menu.addAction(self.report_action)
        window.menuBar().insertMenu(window.tools_menu.menuAction(), self.menu)
        self._connect()
        window.installEventFilter(self)
        self.retranslate()
        self._after_enrollment_change()

    def _connect(self) -> None:
        window = self._window
        self.connect_action.triggered.connect(self.open_connect)
        self.sync_now_action.triggered.connect(self.runner.retry)
        self.links_action.triggered.connect(self.open_links)
        self.invitations_action.triggered.connect(self.open_invitations)
        self.report_action.triggered.connect(self.open_report)
        self.status_widget.retry_requested.connect(self.runner.retry)
        self.status_widget.quarantine_requested.connect(self.open_quarantine)
        self.runner.round_started.connect(self.status_widget.set_busy)
        self.runner.status_changed.connect(self._on_status)
        self.runner.confirmations_arrived.connect(self._on_confirmations)
        window.roster_changed.connect(self.runner.poke)
        page = compose_page(window)
        if page is not None:
            page.circulars_changed.connect(self.runner.poke)

    def retranslate(self) -> None:
        """Set the menu texts in the current language."""
        self.menu.setTitle(self.tr("ハブ(&H)"))
        self.connect_action.setText(self.tr("ハブに接続(&C)…"))
        self.connect_action.setToolTip(self.tr("市のハブに、登録コードで接続します"))
        self.sync_now_action.setText(self.tr("今すぐ同期(&S)"))
        self.links_action.setText(self.tr("読むためのリンク(&L)…"))
        self.links_action.setToolTip(
            self.tr("スマホで読む世帯ごとのリンクとQRコード（招待状を渡した紙の世帯も）")
        )
        self.invitations_action.setText(self.tr("スマホ招待状を印刷(&I)…"))
        self.invitations_action.setToolTip(
            self.tr("紙で受け取っている世帯に、その世帯だけのQRコードつきの案内を印刷します")
        )
        self.report_action.setText(self.tr("導入状況の報告(&R)…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the window's language changes; stop the worker when the window closes."""
        if watched is self._window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                # The profile's database is closed right after the window: no round may outlive it.
                self.runner.stop()
        return False

    # ----- state ----------------------------------------------------------------------------------
    def _after_enrollment_change(self) -> None:
        connected = self._sync.is_connected()
        offline = connected and self._sync.is_offline_enrollment()
        online = connected and not offline
        self.status_widget.set_offline_enrollment(offline)
        self.status_widget.set_status(self._sync.status())
        self.connect_action.setEnabled(not connected)
        self.sync_now_action.setEnabled(online)
        self.links_action.setEnabled(online)
        self.invitations_action.setEnabled(online)
        if online:
            self.runner.start()

    @Slot(object)
    def _on_status(self, status: SyncStatus) -> None:
        self.status_widget.set_status(status)

    @Slot(int)
    def _on_confirmations(self, _count: int) -> None:
        window = self._window
        window.action_plan_dock.refresh()
        for matrix in window.findChildren(ReaderMatrixPage):
            matrix.mark_stale()
        for home in window.findChildren(ReadsDashboard):
            home.refresh()

    # ----- actions ----------------------------------------------------------------------------------
    @Slot()
    def open_connect(self) -> ConnectHubDialog:
        """ハブに接続…: enroll online or for USB reports; starts syncing when online."""
        services = self._window.services
        dialog = ConnectHubDialog(services.sync, services.adoption, self._window)
        dialog.hub_connected.connect(self._on_connected)
        dialog.offline_enrolled.connect(self._after_enrollment_change)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot(bool)
    def _on_connected(self, in_keyring: bool) -> None:
        self._after_enrollment_change()
        if not in_keyring:
            dialogs.inform(
                self._window,
                self.tr("ハブに接続しました"),
                self.tr(
                    "このパソコンではキーリングを使えないため、接続用の鍵はプロファイルの中に暗号化して保存しました。"
                ),
            )

    @Slot()
    def open_links(self) -> ReaderLinksDialog | None:
        """読むためのリンク…: for the circular selected on the 回覧 page, if any."""
        services = self._window.services
        page = compose_page(self._window)
        current = page.current_circular() if page is not None else None
        try:
            dialog = ReaderLinksDialog(
                services.sync, services.circulars, current.id if current else None, self._window
            )
        except UserError as error:
            messages.show_error(self._window, error)
            return None
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot()
    def open_invitations(self) -> InvitationDialog:
        """スマホ招待状を印刷…: slips for paper households; new links go out with the next round."""
        # Imported on first use: the slips bring in the PDF renderer (tests/test_startup_imports.py).
        from circular_app.ui.sync.invitations import InvitationDialog

        window = self._window
        services = window.services
        dialog = InvitationDialog(services.invitations, services.roster, parent=window)
        dialog.invitations_written.connect(self.runner.poke)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot()
    def open_report(self) -> AdoptionReportDialog | None:
        """導入状況の報告…: preview, then send or write the signed file."""
        services = self._window.services
        connected = self._sync.is_connected()
        offline = connected and self._sync.is_offline_enrollment()
        try:
            dialog = AdoptionReportDialog(
                services.adoption, connected and not offline, offline, None, self._window
            )
        except UserError as error:
            messages.show_error(self._window, error)
            return None
        dialog.report_queued.connect(self.runner.poke)
        dialog.report_queued.connect(self._report_queued)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot()
    def open_quarantine(self) -> QuarantineDialog:
        """送れなかった項目…: the items the hub refused, to send again or give up."""
        dialog = QuarantineDialog(self._sync, self._window)
        dialog.items_changed.connect(self._after_quarantine_change)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    @Slot()
    def _after_quarantine_change(self) -> None:
        self.status_widget.set_status(self._sync.status())
        self.runner.retry()

    @Slot()
    def _report_queued(self) -> None:
        self._window.statusBar().showMessage(self.tr("導入状況の報告を送信待ちに入れました"), 10000)


def hub_controls(window: QObject) -> HubControls | None:
    """The hub controls installed in ``window``, if any."""
    return window.findChild(HubControls, "hub_controls")


def install_sync(window: PageHost, interval: float = DEFAULT_INTERVAL) -> None:
    """Add the 「ハブ」 menu and the sync state to ``window`` and start syncing when connected."""
    if hub_controls(window) is not None:
        return
    HubControls(window, interval)
