"""The sync state in the status bar, and the Qt side of the background sync worker.

:class:`SyncRunner` owns a :class:`~circular_app.sync.worker.SyncWorker` (a plain thread, no
Qt) and turns what it reports into signals delivered on the GUI thread. Every database and
network call of a round runs on the worker's thread; only the slots here touch widgets.

:class:`SyncStatusWidget` is the permanent status-bar widget: the state in words (同期済み /
送信待ち N 件 / オフライン（最終同期 …）/ エラー: reason) and a 「再試行」 button while offline
or in error.
"""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from circular_app.services.sync import RoundResult, SyncService, SyncState, SyncStatus, backoff
from circular_app.sync.worker import DEFAULT_INTERVAL, RoundOutcome, SyncWorker
from circular_app.ui.common.retranslate import Retranslating

_FAILED_STATES = (SyncState.OFFLINE, SyncState.ERROR)


def _failed(result: RoundResult) -> bool:
    return result.status.state in _FAILED_STATES


class SyncRunner(QObject):
    """Runs sync rounds off the GUI thread and reports them on it.

    Signals:
        round_started(): a round began (the status bar says 同期中…).
        status_changed(SyncStatus): the state after a round.
        round_finished(RoundResult): what a round did (not emitted when it raised).
        confirmations_arrived(int): a round recorded this many digital reads (> 0).
    """

    round_started = Signal()
    status_changed = Signal(object)
    round_finished = Signal(object)
    confirmations_arrived = Signal(int)
    # Emitted on the worker thread; the queued connection carries them to the GUI thread.
    _began = Signal()
    _finished = Signal(object)

    def __init__(
        self, sync: SyncService, interval: float = DEFAULT_INTERVAL, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._interval = interval
        self._release = threading.Event()
        self._worker: SyncWorker[RoundResult] | None = None
        self._began.connect(self.round_started, Qt.ConnectionType.QueuedConnection)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def worker(self) -> SyncWorker[RoundResult] | None:
        """The running worker, if started."""
        return self._worker

    def is_running(self) -> bool:
        """True while the worker thread runs."""
        return self._worker is not None and self._worker.is_running()

    def start(self) -> None:
        """Start the worker (its first round runs at once); nothing if already running."""
        if self._worker is not None:
            return
        self._worker = SyncWorker(
            self._round,
            failed=_failed,
            backoff=backoff,
            interval=self._interval,
            on_round=self._finished.emit,
            on_begin=self._began.emit,
        )
        self._worker.start()

    @Slot()
    def poke(self) -> None:
        """Something changed that the hub must hear about: a round now (unless backing off)."""
        if self._worker is not None:
            self._worker.poke()

    @Slot()
    def retry(self) -> None:
        """「再試行」/「今すぐ同期」: a round now, and items waiting for a retry time go too."""
        if self._worker is not None:
            self._release.set()
            self._worker.retry_now()

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop after the round in progress; True when the thread has ended."""
        worker, self._worker = self._worker, None
        return worker.stop(timeout) if worker is not None else True

    def _round(self) -> RoundResult:
        """One round, on the worker thread."""
        if self._release.is_set():
            self._release.clear()
            self._sync.release_waiting()
        return self._sync.run_once()

    @Slot(object)
    def _on_finished(self, outcome: RoundOutcome[RoundResult]) -> None:
        result = outcome.result
        if result is None:
            # The round raised (logged with its traceback by the worker): say so in the bar.
            status = self._sync.status()
            reason = self.tr("予期しないエラー（{name}）").format(name=outcome.crashed)
            status = SyncStatus(SyncState.ERROR, status.pending, status.last_synced_at, reason)
        else:
            status = result.status
            self.round_finished.emit(result)
            if result.confirmations:
                self.confirmations_arrived.emit(result.confirmations)
        self.status_changed.emit(status)


class SyncStatusWidget(Retranslating, QWidget):
    """The sync state in words, with 「再試行」 while offline or in error.

    Signals:
        retry_requested(): the officer pressed 「再試行」.
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: SyncStatus | None = None
        self._busy = False
        self._offline_enrollment = False
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("sync_status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        separator = QFrame(self)  # apart from the officer's name beside it in the status bar
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        self.label = QLabel(self)
        self.label.setObjectName("sync_status_text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("sync_retry")
        self.retry_button.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button)

    def _connect(self) -> None:
        self.retry_button.clicked.connect(self.retry_requested)

    @property
    def status(self) -> SyncStatus | None:
        """The state shown."""
        return self._status

    def set_status(self, status: SyncStatus) -> None:
        """Show ``status`` (the round that produced it is over)."""
        self._status = status
        self._busy = False
        self._update()

    @Slot()
    def set_busy(self) -> None:
        """A round is running."""
        self._busy = True
        self._update()

    def set_offline_enrollment(self, offline: bool) -> None:
        """Enrolled for signed report files only: there is nothing to sync."""
        self._offline_enrollment = offline
        self._update()

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.retry_button.setText(self.tr("再試行"))
        self.retry_button.setToolTip(self.tr("ハブとの同期を今すぐもう一度試します"))
        self._update()

    def _last(self, status: SyncStatus) -> str:
        if status.last_synced_at is None:
            return self.tr("未同期")
        # Stored as naive UTC; officers read local time.
        local = status.last_synced_at.replace(tzinfo=dt.UTC).astimezone()
        return self.tr("最終同期 {time}").format(time=f"{local:%m/%d %H:%M}")

    def text_for(self, status: SyncStatus | None) -> str:
        """The words for ``status`` in the current language."""
        if self._offline_enrollment:
            return self.tr("ハブ: USBで報告（オフライン登録）")
        if status is None or status.state is SyncState.NOT_CONNECTED:
            return self.tr("ハブ未接続")
        if status.state is SyncState.SYNCED:
            return self.tr("同期済み（{last}）").format(last=self._last(status))
        if status.state is SyncState.PENDING:
            return self.tr("送信待ち {count} 件（{last}）").format(
                count=status.pending, last=self._last(status)
            )
        if status.state is SyncState.OFFLINE:
            return self.tr("オフライン（{last}）").format(last=self._last(status))
        return self.tr("エラー: {reason}").format(reason=status.error)

    def _update(self) -> None:
        status = self._status
        text = self.tr("同期中…") if self._busy else self.text_for(status)
        self.label.setText(text)
        self.label.setToolTip(status.error if status is not None and status.error else "")
        self.setAccessibleName(self.tr("同期の状態"))
        self.setAccessibleDescription(text)
        failing = status is not None and status.state in _FAILED_STATES
        self.retry_button.setVisible(failing and not self._offline_enrollment)
        self.retry_button.setEnabled(not self._busy)
