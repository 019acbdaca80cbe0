"""``SyncWorker``: sync rounds on one background thread, never on the GUI thread.

The worker knows nothing about the outbox or Qt. It is given a function that runs one round
(``SyncService.run_once`` in the app), a predicate that says whether a round failed (offline or
an error), and the backoff to apply after consecutive failures (``services.sync.backoff``: 5 s,
10 s, 20 s … with jitter, capped at 30 minutes)::

    worker = SyncWorker(
        service.run_once,
        failed=lambda result: result.status.state in (SyncState.OFFLINE, SyncState.ERROR),
        backoff=backoff,
        interval=60,
        on_round=report,     # called on the worker thread after every round
        on_begin=busy,       # ... and before every round
    )
    worker.start()
    worker.poke()            # something changed: a round now (unless backing off)
    worker.retry_now()       # the officer asked: a round now, even while backing off
    worker.stop()            # on close: waits for a round in progress, then the thread ends

Rounds run one at a time: there is one thread, and a poke that arrives during a round makes
exactly one more round right after it (the change may have been written after the round read
the outbox). An exception from the round function is a bug or an unexpected failure: it is
logged with its traceback, reported through ``on_round`` and treated as a failed round.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_INTERVAL = 60.0


@dataclass(frozen=True)
class RoundOutcome(Generic[T]):
    """What one round did: its result, or the name of the exception it raised.

    ``failures`` counts consecutive failed rounds including this one (0 after a success);
    ``next_in`` is the number of seconds until the next scheduled round.
    """

    result: T | None
    crashed: str
    failed: bool
    failures: int
    next_in: float


class SyncWorker(Generic[T]):
    """Runs ``run_round`` every ``interval`` seconds, after :meth:`poke`, and backs off on failure."""

    def __init__(
        self,
        run_round: Callable[[], T],
        *,
        failed: Callable[[T], bool],
        backoff: Callable[[int], dt.timedelta],
        interval: float = DEFAULT_INTERVAL,
        on_round: Callable[[RoundOutcome[T]], None] | None = None,
        on_begin: Callable[[], None] | None = None,
        name: str = "kairan-sync",
    ) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._run_round = run_round
        self._failed = failed
        self._backoff = backoff
        self._interval = interval
        self._on_round = on_round
        self._on_begin = on_begin
        self._name = name
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._wanted = False  # a round is wanted as soon as possible
        self._forced = False  # ... even while backing off
        self._due = 0.0  # monotonic time of the next scheduled round
        self._failures = 0
        self._rounds = 0
        self._in_round = False

    # ----- state -------------------------------------------------------------------------------
    @property
    def failures(self) -> int:
        """Consecutive failed rounds (0 after a success)."""
        with self._cond:
            return self._failures

    @property
    def rounds(self) -> int:
        """Rounds run so far."""
        with self._cond:
            return self._rounds

    @property
    def in_round(self) -> bool:
        """True while a round runs."""
        with self._cond:
            return self._in_round

    def is_running(self) -> bool:
        """True between :meth:`start` and the end of :meth:`stop`."""
        return self._thread is not None and self._thread.is_alive()

    def seconds_until_next(self) -> float:
        """Seconds until the next scheduled round (0 when one is due or running)."""
        with self._cond:
            return max(0.0, self._due - time.monotonic())

    # ----- control -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the thread; the first round runs at once."""
        with self._cond:
            if self._thread is not None:
                raise RuntimeError("the sync worker was already started")
            self._stopping = False
            self._wanted = True
            self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
            self._thread.start()

    def poke(self) -> None:
        """Something changed: run a round now, or right after the running one.

        While backing off after failures the poke waits for the backoff to end: hammering a
        hub that is down after every keystroke helps nobody, and nothing is lost meanwhile.
        """
        with self._cond:
            self._wanted = True
            self._cond.notify_all()

    def retry_now(self) -> None:
        """Run a round now even while backing off (the officer pressed 「再試行」)."""
        with self._cond:
            self._wanted = True
            self._forced = True
            self._cond.notify_all()

    def stop(self, timeout: float | None = 30.0) -> bool:
        """Stop after the round in progress (if any); True when the thread has ended."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is None:
            return True
        if thread is not threading.current_thread():
            thread.join(timeout)
        return not thread.is_alive()

    # ----- the thread --------------------------------------------------------------------------
    def _next_round_due(self) -> bool:
        """Wait (holding the condition) until a round is due; False when stopping."""
        while not self._stopping:
            now = time.monotonic()
            backing_off = self._failures > 0 and now < self._due
            if self._forced or (self._wanted and not backing_off) or now >= self._due:
                self._wanted = self._forced = False
                self._in_round = True
                return True
            self._cond.wait(self._due - now)
        return False

    def _loop(self) -> None:
        while True:
            with self._cond:
                if not self._next_round_due():
                    return
            if self._on_begin is not None:
                self._notify(self._on_begin)
            outcome = self._one_round()
            if self._on_round is not None:
                self._notify(self._on_round, outcome)

    @staticmethod
    def _notify(listener: Callable[..., object], *args: object) -> None:
        try:
            listener(*args)
        except Exception:
            # A broken listener must not stop syncing; it is a bug and is logged as one.
            log.exception("sync round listener failed")

    def _one_round(self) -> RoundOutcome[T]:
        result: T | None = None
        crashed = ""
        try:
            result = self._run_round()
            failed = self._failed(result)
        except Exception as exc:
            log.exception("sync round failed unexpectedly")
            crashed, failed = type(exc).__name__, True
        with self._cond:
            self._in_round = False
            self._rounds += 1
            if failed:
                self._failures += 1
                delay = self._backoff(self._failures).total_seconds()
            else:
                self._failures = 0
                delay = self._interval
            self._due = time.monotonic() + delay
            return RoundOutcome(result, crashed, failed, self._failures, delay)
