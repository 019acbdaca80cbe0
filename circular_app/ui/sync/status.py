"""The sync state in the status bar, and the periodic sync rounds of the GUI.

:class:`SyncRunner` schedules rounds with a single-shot ``QTimer`` on the GUI thread and runs
each round (``SyncService.run_once``) through the window's one background mechanism, the
:class:`~circular_app.ui.common.tasks.TaskRunner`; its answer comes back on the GUI thread.
Every database and network call of a round runs on a pool thread; only the slots here touch
widgets. The command line's ``sync --once`` calls the service directly and needs none of this.

Scheduling: the first round runs at :meth:`SyncRunner.start`, then one every ``interval``
seconds; :meth:`SyncRunner.poke` (something changed) runs one at once unless backing off after
failures (``services.sync.backoff``: 5 s, 10 s, 20 s … with jitter, capped at 30 minutes);
:meth:`SyncRunner.retry` (the officer asked) runs one even while backing off. Rounds run one at a
time: a poke that arrives during a round makes exactly one more round right after it (the
change may have been written after the round read the outbox).

:class:`SyncStatusWidget` is the permanent status-bar widget: the state in words (同期済み /
送信待ち N 件 / オフライン（最終同期 …）/ エラー: reason) and a 「再試行」 button while offline
or in error; while the hub has refused items, 「送れなかった項目…」 opens the list of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from circular_app.services.sync import RoundResult, SyncService, SyncState, SyncStatus, backoff
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 60.0
#: While a 安否確認 round is open, rounds come this often (phones' answers reach the board).
SAFETY_INTERVAL = 30.0
_FAILED_STATES = (SyncState.OFFLINE, SyncState.ERROR)


def _failed(result: RoundResult) -> bool:
    return result.status.state in _FAILED_STATES


@dataclass(frozen=True)
class RoundOutcome:
    """What one round did: its result, or the name of the exception it raised.

    ``failures`` counts consecutive failed rounds including this one (0 after a success);
    ``next_in`` is the number of seconds until the next scheduled round.
    """

    result: RoundResult | None
    crashed: str
    failed: bool
    failures: int
    next_in: float


class SyncRunner(QObject):
    """Runs sync rounds off the GUI thread (through a TaskRunner) and reports them on it.

    Signals:
        round_started(): a round began (the status bar says 同期中…).
        status_changed(SyncStatus): the state after a round.
        round_finished(RoundResult): what a round did (not emitted when it raised).
        confirmations_arrived(int): a round recorded this many digital reads (> 0).
        round_done(RoundOutcome): every round, including failed and raising ones.
    """

    round_started = Signal()
    status_changed = Signal(object)
    round_finished = Signal(object)
    confirmations_arrived = Signal(int)
    round_done = Signal(object)

    def __init__(
        self,
        sync: SyncService,
        interval: float = DEFAULT_INTERVAL,
        parent: QObject | None = None,
        *,
        delay: Callable[[int], dt.timedelta] = backoff,
    ) -> None:
        super().__init__(parent)
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._sync = sync
        self._interval = interval
        self._delay = delay
        self._tasks: TaskRunner | None = None  # one per start(); shut down by stop()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire early
        self._timer.timeout.connect(self._on_due)
        self._in_round = False
        self._wanted = False  # a round is wanted right after the running one
        self._forced = False  # ... even when it failed (the officer asked)
        self._release = False  # the next round first releases items waiting for a retry time
        self._failures = 0
        self._rounds = 0
        self._due = 0.0  # monotonic time of the next scheduled round
        # Cleared while a round runs on the pool; stop() waits for it (the database closes next).
        self._idle = threading.Event()
        self._idle.set()

    # ----- state -------------------------------------------------------------------------------
    @property
    def failures(self) -> int:
        """Consecutive failed rounds (0 after a success)."""
        return self._failures

    @property
    def rounds(self) -> int:
        """Rounds finished so far."""
        return self._rounds

    @property
    def in_round(self) -> bool:
        """True while a round runs."""
        return self._in_round

    def is_running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._tasks is not None

    def seconds_until_next(self) -> float:
        """Seconds until the next scheduled round (0 when one is due or running)."""
        return 0.0 if self._in_round else max(0.0, self._due - time.monotonic())

    # ----- control -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start syncing (the first round runs at once); nothing if already running."""
        if self._tasks is not None:
            return
        self._tasks = TaskRunner(self)
        self._begin()

    @Slot()
    def poke(self) -> None:
        """Something changed that the hub must hear about: a round now (unless backing off).

        While backing off after failures the poke waits for the backoff to end: hammering a
        hub that is down after every keystroke helps nobody, and nothing is lost meanwhile.
        """
        if self._tasks is None:
            return
        if self._in_round:
            self._wanted = True
        elif self._failures == 0:
            self._begin()

    @Slot()
    def retry(self) -> None:
        """「再試行」/「今すぐ同期」: a round now, and items waiting for a retry time go too."""
        if self._tasks is None:
            return
        self._release = True
        if self._in_round:
            self._forced = True
        else:
            self._begin()

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop after the round in progress (if any); True when no round is running any more."""
        tasks, self._tasks = self._tasks, None
        self._timer.stop()
        self._wanted = self._forced = False
        if tasks is None:
            return True
        ended = self._idle.wait(timeout)
        tasks.shutdown()  # the answer of the round just finished is dropped
        self._in_round = False
        return ended

    # ----- rounds ------------------------------------------------------------------------------
    def _begin(self) -> None:
        tasks = self._tasks
        assert tasks is not None
        self._timer.stop()
        self._in_round = True
        self._wanted = self._forced = False
        release, self._release = self._release, False
        self._idle.clear()
        self.round_started.emit()
        tasks.run(lambda: self._round(release), self._on_result, self._on_crash)

    def _round(self, release: bool) -> RoundResult:
        """One round, on a pool thread."""
        try:
            if release:
                self._sync.release_waiting()
            return self._sync.run_once()
        finally:
            self._idle.set()

    @Slot()
    def _on_due(self) -> None:
        if self._tasks is not None and not self._in_round:
            self._begin()

    def _on_result(self, result: RoundResult) -> None:
        self._finish(result, "", _failed(result))

    def _on_crash(self, error: BaseException) -> None:
        # A bug or an unexpected failure (the task runner logged a bug's traceback already).
        log.warning("sync round failed: %s: %s", type(error).__name__, error)
        self._finish(None, type(error).__name__, True)

    def _finish(self, result: RoundResult | None, crashed: str, failed: bool) -> None:
        self._in_round = False
        self._rounds += 1
        if failed:
            self._failures += 1
            delay = self._delay(self._failures).total_seconds()
        else:
            self._failures = 0
            delay = self._interval
            if result is not None and result.safety_round_open:
                delay = min(delay, SAFETY_INTERVAL)
        self._due = time.monotonic() + delay
        self._report(RoundOutcome(result, crashed, failed, self._failures, delay))
        if self._tasks is None:  # stopped by a listener
            return
        if self._forced or (self._wanted and not failed):
            self._begin()
        else:
            self._timer.start(max(0, round(delay * 1000)))

    def _report(self, outcome: RoundOutcome) -> None:
        result = outcome.result
        if result is None:
            # The round raised: say so in the bar.
            status = self._sync.status()
            reason = self.tr("予期しないエラー（{name}）").format(name=outcome.crashed)
            status = SyncStatus(
                SyncState.ERROR, status.pending, status.last_synced_at, reason, status.quarantined
            )
        else:
            status = result.status
            self.round_finished.emit(result)
            if result.confirmations:
                self.confirmations_arrived.emit(result.confirmations)
        self.status_changed.emit(status)
        self.round_done.emit(outcome)


class SyncStatusWidget(Retranslating, QWidget):
    """The sync state in words, with 「再試行」 while offline or in error.

    Signals:
        retry_requested(): the officer pressed 「再試行」.
        quarantine_requested(): the officer pressed 「送れなかった項目…」.
    """

    retry_requested = Signal()
    quarantine_requested = Signal()

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
        self.quarantine_button = QPushButton(self)
        self.quarantine_button.setObjectName("sync_quarantine")
        self.quarantine_button.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.quarantine_button)

    def _connect(self) -> None:
        self.retry_button.clicked.connect(self.retry_requested)
        self.quarantine_button.clicked.connect(self.quarantine_requested)

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
        self.quarantine_button.setText(self.tr("送れなかった項目…"))
        self.quarantine_button.setToolTip(
            self.tr("ハブが受け付けなかった項目と理由を見て、送り直すか送らないかを選びます")
        )
        self._update()

    def _last(self, status: SyncStatus) -> str:
        if status.last_synced_at is None:
            # Never 「未同期」: next to 同期済み it would contradict itself.
            return self.tr("同期の完了記録なし")
        # Stored as naive UTC; officers read local time.
        local = status.last_synced_at.replace(tzinfo=dt.UTC).astimezone()
        return self.tr("最終同期 {time}").format(time=f"{local:%m/%d %H:%M}")

    def text_for(self, status: SyncStatus | None) -> str:
        """The words for ``status`` in the current language (with the hub's refused items)."""
        text = self._state_text(status)
        if status is not None and status.quarantined and not self._offline_enrollment:
            text += self.tr("／送れなかった項目 {count} 件").format(count=status.quarantined)
        return text

    def _state_text(self, status: SyncStatus | None) -> str:
        if self._offline_enrollment:
            return self.tr("ハブ: USBで報告（オフライン登録）")
        if status is None or status.state is SyncState.NOT_CONNECTED:
            return self.tr("ハブ未接続")
        if status.state is SyncState.SYNCED and status.last_synced_at is None:
            return self.tr("送信待ちなし（{last}）").format(last=self._last(status))
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
        refused = status is not None and status.quarantined > 0
        self.quarantine_button.setVisible(refused and not self._offline_enrollment)
