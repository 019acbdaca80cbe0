"""Calls to the hub on a few worker threads, their answers delivered on the GUI thread.

The hub dialogs and the city window talk to a server that may be slow or away, so each call
runs on a worker thread and exactly one of its two callbacks runs afterwards, on the GUI thread::

    self._tasks = TaskRunner(self)        # one per window or dialog, lives as long as it
    self._tasks.run(lambda: service.kpi(2026), self._show_kpi, self._show_error)

The workers are plain Python threads (``concurrent.futures``), not ``QThreadPool``: a Python
``QRunnable`` is deleted by Qt on the pool thread after it ran, which crashed now and then.
One long-lived :class:`TaskRunner` carries every answer through one queued signal, so the
worker never touches a per-call Qt object. The owner calls :meth:`TaskRunner.shutdown` when it
closes (before Qt deletes it): answers that arrive afterwards are dropped without touching Qt.

A call is usually a lambda that captures its window. The worker must never drop the *last*
reference to it: that would delete the window's wrapper (and with it the C++ window) on the
worker thread, which crashed the test suite now and then (a segfault at ``del work_item`` in
``concurrent.futures``). So the call itself stays in a table owned by the GUI thread, the
worker lets go of it (and of the error's traceback, whose frames hold it too) *before* it
reports, and the GUI thread removes it from the table when the answer is delivered. Calls
still running when their owner shuts down are parked for the life of the process instead.
For the same reason the first runner turns Python's automatic cyclic collector over to the GUI
thread (:mod:`~circular_app.ui.common.collector`): a collection on a worker, set off by the
worker's own allocations, would free the cyclic garbage of windows closed earlier right there.

Errors a user can act on (:class:`~circular_app.domain.errors.UserError`, the hub client's
errors, file errors) are passed to the error callback as they are; anything else is a bug,
logged with its traceback and passed on too so the window can say something instead of
waiting forever.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from circular_app.domain.errors import UserError
from circular_app.services.hub_errors import HubError
from circular_app.ui.common import collector

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
WORKERS = 4
# Calls of runners shut down while the calls were running (a handful per session at most).
_PARKED: list[Callable[[], Any]] = []


class TaskRunner(QObject):
    """Runs calls on the thread pool and calls back on the thread it lives in (the GUI thread).

    Signals:
        _answered(int, bool, object): internal; a call ended (id, succeeded, result or error).
    """

    _answered = Signal(int, bool, object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        # Before the first worker starts: the cyclic collector never runs on a worker thread.
        collector.install()
        self._ids = itertools.count(1)
        self._waiting: dict[int, tuple[Done, Failed]] = {}
        self._calls: dict[int, Callable[[], Any]] = {}  # released on the GUI thread only
        self._expected: dict[int, tuple[type[Exception], ...]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="kairan-hub-call")
        self._answered.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Calls started and not yet answered."""
        return len(self._waiting)

    def run(
        self, call: Callable[[], Any], done: Done, failed: Failed, expected: tuple[type[Exception], ...] = ()
    ) -> int:
        """Start ``call`` on the pool; ``done(result)`` or ``failed(error)`` follows. Returns its id.

        ``expected``: further exception types that are answers, not bugs (no traceback logged),
        such as a cancelled export.
        """
        if self._closed:
            raise RuntimeError("the task runner was shut down")
        task_id = next(self._ids)
        self._waiting[task_id] = (done, failed)
        self._expected[task_id] = expected
        self._calls[task_id] = call
        self._pool.submit(self._work, task_id)
        return task_id

    def _work(self, task_id: int) -> None:
        """On a worker thread: call, let go of the call, then report the outcome."""
        call = self._calls.get(task_id)
        if call is None:  # shut down just before this call started: nothing to do
            return
        ok, value = self._outcome(call, (UserError, HubError, OSError, *self._expected.get(task_id, ())))
        del call  # before the answer: the GUI thread must hold the last reference
        self._answer(task_id, ok, value)

    @staticmethod
    def _outcome(call: Callable[[], Any], expected: tuple[type[Exception], ...]) -> tuple[bool, object]:
        try:
            return True, call()
        except expected as error:
            return False, error.with_traceback(None)
        except Exception as error:  # a bug: logged with its traceback, and the window is told
            log.exception("background call failed")
            return False, error.with_traceback(None)

    def shutdown(self) -> None:
        """Drop every answer from now on (the owner is closing); safe to call twice."""
        with self._lock:
            self._closed = True
        self._waiting.clear()
        # Calls still running keep their captures alive until the process ends (see above).
        _PARKED.extend(self._calls.values())
        self._calls.clear()
        # Calls under way finish on their own (each has the client's timeout); none is awaited.
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _answer(self, task_id: int, ok: bool, value: object) -> None:
        """Called on the pool thread: hand the outcome to the GUI thread, unless shut down."""
        # Under the lock, so that once shutdown() has returned no emit is running or can start.
        with self._lock:
            if not self._closed:
                self._answered.emit(task_id, ok, value)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, value: object) -> None:
        self._calls.pop(task_id, None)
        self._expected.pop(task_id, None)
        callbacks = self._waiting.pop(task_id, None)
        if callbacks is None:
            return
        done, failed = callbacks
        if ok:
            done(value)
        else:
            assert isinstance(value, BaseException)
            failed(value)


def _shut_down(tasks: TaskRunner, _destroyed: QObject | None = None) -> None:
    """The owner is gone: answers still on their way are dropped (touches no Qt object)."""
    tasks.shutdown()


def runner_for(owner: QObject) -> TaskRunner:
    """A :class:`TaskRunner` of ``owner`` that shuts down when ``owner`` is destroyed."""
    tasks = TaskRunner(owner)
    owner.destroyed.connect(functools.partial(_shut_down, tasks))
    return tasks
