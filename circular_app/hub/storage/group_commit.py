"""Group commit: the 「読みました」 taps of one hub process share their transactions.

A tap is a tiny write (one row) whose cost is its commit: on SQLite with
``synchronous=FULL`` a commit waits for the disk (fsync of the WAL), on PostgreSQL for the
server's WAL flush. Sent one by one from a thread pool, every tap paid its own commit, and
the pool's threads fought the event loop for the GIL, so the p99 grew with the load
(benchmarks/hub_load.py, docs/scaling.md).

Here one writer thread per process takes every tap that is waiting, writes them in **one**
transaction (``write_group``; for taps each tap's own statements, one after the other) and
commits once; a tap's answer (the thank-you page) is sent only after that
commit returned, so an acknowledged tap is as durable as before. While the writer commits,
the next taps queue, and the next transaction takes them all: the busier the hub, the more
taps share a commit, and with one tap waiting it is committed alone, at once (no timer, no
added wait). PostgreSQL does the same across connections for the benchmark's baseline; SQLite
has no group commit of its own.

If a group fails, it is rolled back and each of its items is written again in a transaction
of its own, so one bad item never takes the others' answers with it.
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
from sqlalchemy.exc import DisconnectionError

from circular_app.hub.storage.database import Sessions

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")
log = logging.getLogger(__name__)

MAX_GROUP = 64  # taps per transaction at most: bounds how long the write lock is held
# Tries of one item whose connection the database server had dropped (a restart, a terminated
# backend): the pool replaces such a connection, so the next try usually succeeds. Writes
# given to the group commit must be safe to repeat (a tap is: ON CONFLICT DO NOTHING).
ATTEMPTS = 3


def _dropped(exc: BaseException) -> bool:
    """Whether ``exc`` says the connection was lost (and taken out of the pool)."""
    return isinstance(exc, DisconnectionError) or bool(getattr(exc, "connection_invalidated", False))


@dataclass
class _Pending(Generic[ItemT]):
    """One item waiting for the writer, and where its answer goes."""

    item: ItemT
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    # (succeeded, result or exception); replaced once the item's group was written
    outcome: tuple[bool, Any] = field(default=(False, None))


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


class GroupCommit(Generic[ItemT, ResultT]):
    """One writer thread that writes queued items in shared transactions (see the module doc).

    ``write_group(conn, items)`` writes a group and returns one result per item, in order. A
    group of one runs on ``Sessions.single_statement`` (PostgreSQL: autocommit, so a single
    statement is one round trip), a larger group in one ``Sessions.write_connection``
    transaction (SQLite: both take the write locks and BEGIN IMMEDIATE).
    """

    def __init__(
        self,
        sessions: Sessions,
        write_group: Callable[[Connection, list[ItemT]], list[ResultT]],
        max_group: int = MAX_GROUP,
    ) -> None:
        self._sessions = sessions
        self._write_group = write_group
        self._max_group = max_group
        self._queue: queue.SimpleQueue[_Pending[ItemT] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    async def run(self, item: ItemT) -> ResultT:
        """Write ``item`` with the next group; its result once that group is committed."""
        self._ensure_thread()
        loop = asyncio.get_running_loop()
        pending: _Pending[ItemT] = _Pending(item, loop, loop.create_future())
        self._queue.put(pending)
        result: ResultT = await pending.future
        return result

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
            group: list[_Pending[ItemT]] = [first]
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
            try:
                self._commit(group)
            except BaseException as exc:  # a bug here must not leave requests waiting forever
                log.exception("the group commit failed")
                for pending in group:
                    pending.outcome = (False, exc)
            loops: dict[asyncio.AbstractEventLoop, list[_Pending[Any]]] = {}
            for pending in group:
                loops.setdefault(pending.loop, []).append(pending)
            for loop, settled in loops.items():
                # A loop that has closed has nobody waiting for these answers.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, settled)
            if stop:
                return

    def _commit(self, group: list[_Pending[ItemT]]) -> None:
        """Write the group in one transaction; on a failure, each item again on its own."""
        if len(group) > 1:
            try:
                with self._sessions.write_connection() as conn:
                    results = self._write_group(conn, [pending.item for pending in group])
            except Exception:  # noqa: BLE001  # retried one by one below, which reports each failure
                log.warning("a grouped write failed; its %d items are retried one by one", len(group))
            else:
                for pending, result in zip(group, results, strict=True):
                    pending.outcome = (True, result)
                return
        for pending in group:
            pending.outcome = self._write_alone(pending.item)

    def _write_alone(self, item: ItemT) -> tuple[bool, Any]:
        """One item in a transaction of its own; again on a fresh connection if the server dropped it."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self._sessions.single_statement() as conn:
                    (result,) = self._write_group(conn, [item])
                return True, result
            except Exception as exc:  # noqa: BLE001  # handed to the request, which raises it
                if attempt < ATTEMPTS and _dropped(exc):
                    continue
                return False, exc
        raise AssertionError("unreachable")  # the last attempt returns
