"""Group commit: the 「読みました」 taps of one hub process share their transactions.

A tap is a tiny write (one row) whose cost is its commit: on SQLite with
``synchronous=FULL`` a commit waits for the disk (fsync of the WAL), on PostgreSQL for the
server's WAL flush. Sent one by one from a thread pool, every tap paid its own commit, and
the pool's threads fought the event loop for the GIL, so the p99 grew with the load
(benchmarks/hub_load.py, docs/scaling.md).

Here one writer thread per process takes every tap that is waiting, runs them in **one**
transaction and commits once; a tap's answer (the thank-you page) is sent only after that
commit returned, so an acknowledged tap is as durable as before. While the writer commits,
the next taps queue, and the next transaction takes them all: the busier the hub, the more
taps share a commit, and with one tap waiting it is committed alone, at once (no timer, no
added wait). PostgreSQL does the same across connections for the benchmark's baseline; SQLite
has no group commit of its own.

If any tap of a group fails, the group is rolled back and each of its taps is run again in
a transaction of its own, so one bad tap never takes the others' answers with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection

from circular_app.hub.storage.database import Sessions

T = TypeVar("T")
log = logging.getLogger(__name__)

MAX_GROUP = 64  # taps per transaction at most: bounds how long the write lock is held


@dataclass
class _Pending(Generic[T]):
    """One tap waiting for the writer: its work and where its answer goes."""

    work: Callable[[Connection], T]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[T]
    outcome: tuple[bool, Any] = field(default=(False, None))  # (succeeded, result or exception)


def _settle(group: list[_Pending[Any]]) -> None:
    """Hand each tap its result (on the event loop; a cancelled request is skipped)."""
    for pending in group:
        if pending.future.done():
            continue
        succeeded, value = pending.outcome
        if succeeded:
            pending.future.set_result(value)
        else:
            pending.future.set_exception(value)


class GroupCommit:
    """One writer thread that runs queued writes in shared transactions (see the module doc).

    ``single`` opens the transaction of a group of one (PostgreSQL: autocommit, one round
    trip); ``grouped`` the transaction of a larger group (one BEGIN … COMMIT). On SQLite both
    are the write transaction with its locks (``Sessions.write_connection``).
    """

    def __init__(self, sessions: Sessions, max_group: int = MAX_GROUP) -> None:
        self._sessions = sessions
        self._max_group = max_group
        self._queue: queue.SimpleQueue[_Pending[Any] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    async def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in the next group's transaction; return its result once committed."""
        self._ensure_thread()
        loop = asyncio.get_running_loop()
        pending: _Pending[T] = _Pending(work, loop, loop.create_future())
        self._queue.put(pending)
        return await pending.future

    def close(self) -> None:
        """Finish the queued writes and stop the writer (the app's shutdown; a later write starts it again)."""
        with self._start:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._start:
            if self._thread is None:
                thread = threading.Thread(target=self._serve, name="kairan-group-commit", daemon=True)
                thread.start()
                self._thread = thread

    def _serve(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group: list[_Pending[Any]] = [first]
            stop = False
            while len(group) < self._max_group:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                group.append(more)
            self._commit(group)
            loops: dict[asyncio.AbstractEventLoop, list[_Pending[Any]]] = {}
            for pending in group:
                loops.setdefault(pending.loop, []).append(pending)
            for loop, settled in loops.items():
                # A loop that has closed has nobody waiting for these answers.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, settled)
            if stop:
                return

    def _commit(self, group: list[_Pending[Any]]) -> None:
        """Run the group in one transaction; on a failure, each write again on its own."""
        if len(group) > 1:
            try:
                with self._sessions.write_connection() as conn:
                    results = [pending.work(conn) for pending in group]
            except Exception:  # noqa: BLE001  # retried one by one below, which reports each failure
                log.warning("a grouped write failed; its %d writes are retried one by one", len(group))
            else:
                for pending, result in zip(group, results, strict=True):
                    pending.outcome = (True, result)
                return
        for pending in group:
            try:
                with self._sessions.single_statement() as conn:
                    pending.outcome = (True, pending.work(conn))
            except Exception as exc:  # noqa: BLE001  # handed to the request, which raises it
                pending.outcome = (False, exc)
