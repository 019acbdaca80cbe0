"""Render processes started before the batch is known, so that their start overlaps the log-in.

``export-pdf`` spends its first second importing the database layer, deriving the profile's
key and reading the circular and the roster, on one core. A worker of
:mod:`circular_app.pdf.batch` needs about 0.3 s of CPU of its own before its first copy:
reportlab's and the renderer's imports and the three faces' tables. A :class:`WarmPool` forks
one worker first thing, while this process is still small and has one thread; that worker
warms up on the idle core while this process logs in, then forks the other workers from
itself, so they start warm without a warm-up of their own (which would compete with the
log-in for the cores). When the circular is known, :meth:`WarmPool.run` sends each worker the
sheet's content once, then the files in chunks, one chunk in flight per worker, and hands the
results back in order.

This module imports nothing heavy (reportlab is imported by the workers), so that the fork
comes before this process's own imports. Fork is the only start method used: on another
platform, or with other threads running, :meth:`WarmPool.start` gives None and the batch
runs as before (:func:`circular_app.pdf.batch.render_jobs`).

The workers hold no open file while they wait, so :meth:`WarmPool.close` simply ends them and
waits until they are gone. The first worker is a daemon process (it ends with this process
whatever happens); the others end when their connection to this process closes.
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import select
import signal
import sys
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circular_app.pdf.model import MIN_FILES_PER_WORKER, BatchProgress
from circular_app.support.processes import single_threaded

if TYPE_CHECKING:
    import threading

    from circular_app.pdf.model import Job, RenderedCopy, SheetContent

log = logging.getLogger(__name__)
MAX_WORKERS = 4
CHUNKS_PER_WORKER = 4  # enough for an even finish; each chunk is one round trip
MAX_CHUNK = 25
_POLL_S = 0.1  # how often a cancel request is looked at while the workers render
_END_WAIT_S = 5.0  # a terminated worker is gone in milliseconds; never wait for ever


class RenderWorkerLostError(RuntimeError):
    """A render process ended without answering (killed, or out of memory)."""


def _serve(
    font_dir: Path, connection: Connection, siblings: Sequence[Connection], parent_ends: Sequence[Connection]
) -> None:
    """The first worker: warm up once, fork the others from itself warm, then serve.

    Warming up is ~0.3 s of CPU (reportlab, the fonts' tables); done once and copied by fork,
    it leaves the other core to this process's log-in instead of to a second warm-up. The
    siblings' process ids go to the parent first, so that it can end them (:meth:`close`).
    """
    # Fork copied the parent's ends of every pipe: closed here, so that a worker sees the end
    # of its connection when the parent closes it, or dies.
    for end in parent_ends:
        end.close()
    gc.enable()  # forked from a command that runs without the cyclic collector
    import circular_app.pdf.batch  # noqa: F401 - the renderer's modules, imported once for all
    from circular_app.pdf.fonts import register_fonts

    register_fonts(font_dir)
    children = []
    for sibling in siblings:
        pid = os.fork()
        if pid == 0:  # a sibling: serves its own connection, never returns into this function
            try:
                connection.close()
                for other in siblings:
                    if other is not sibling:
                        other.close()
                _render_loop(font_dir, sibling)
            finally:
                os._exit(0)
        children.append(pid)
    for sibling in siblings:
        sibling.close()
    try:
        connection.send(("siblings", children))
        _render_loop(font_dir, connection)
    finally:
        for pid in children:  # they end when the parent closes their connections
            os.waitpid(pid, 0)


def _render_loop(font_dir: Path, connection: Connection) -> None:
    """Render what the parent sends (the content once, then chunks of jobs) until it stops."""
    from circular_app.pdf.batch import render_job, renderer_for

    renderer = None
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return  # the parent closed the connection, or is gone
        kind, payload = message
        if kind == "content":
            renderer = renderer_for(font_dir, payload)
            continue
        try:
            assert renderer is not None, "content comes before the first files"
            results = [render_job(renderer, job) for job in payload]
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
            reply: tuple[str, object] = ("error", _picklable(exc))
        else:
            reply = ("done", results)
        try:
            connection.send(reply)
        except OSError:
            return  # the parent stopped the batch meanwhile


def _end(pid: int) -> None:
    """Stop a sibling worker (a child of the first worker, not of this process) and wait for it."""
    try:
        handle = os.pidfd_open(pid)
    except OSError:
        return  # already gone (and reaped)
    try:
        os.kill(pid, signal.SIGTERM)
        select.select([handle], [], [], _END_WAIT_S)  # readable once the process has ended
    except OSError:
        pass
    finally:
        os.close(handle)


def _picklable(exc: Exception) -> Exception:
    """The exception itself when it survives pickling, else one naming its type."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure means: not transferable as it is
        return RuntimeError(f"{type(exc).__name__} in a render process")
    return exc


class WarmPool:
    """Render processes forked ahead of a batch; they import and load the fonts meanwhile."""

    def __init__(self, font_dir: Path, count: int) -> None:
        context = multiprocessing.get_context("fork")
        self.font_dir = font_dir
        pipes = [context.Pipe() for _ in range(count)]
        self._connections = [ours for ours, _theirs in pipes]
        theirs = [end for _ours, end in pipes]
        # One process is forked from here; it forks the others once it is warm (see _serve).
        self._first = context.Process(
            target=_serve,
            args=(font_dir, theirs[0], theirs[1:], self._connections),
            name="kairan-render",
            daemon=True,
        )
        self._first.start()
        for end in theirs:
            end.close()
        self._siblings: list[int] | None = None  # their process ids, once the first one sends them

    @classmethod
    def start(cls, font_dir: Path) -> WarmPool | None:
        """Workers for every core (up to 4), or None where forking is unsafe or pointless."""
        count = min(os.cpu_count() or 1, MAX_WORKERS)
        if sys.platform != "linux" or count < 2 or not single_threaded():
            return None
        return cls(font_dir, count)

    def render_batch(
        self,
        font_dir: Path,
        content: SheetContent,
        jobs: Sequence[Job],
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[list[RenderedCopy]] | None:
        """Every job's file, rendered by the workers; None when the batch is too small for them.

        For None the caller renders in its own process (:func:`circular_app.pdf.batch.render_jobs`,
        which this module never imports: reportlab stays out of this process). Raises
        :class:`~circular_app.pdf.model.ExportCancelled` as soon as ``cancel`` is seen set.
        """
        total = len(jobs)
        if total < 2 * MIN_FILES_PER_WORKER or font_dir != self.font_dir:
            return None
        log.debug("%d files on the %d render processes started ahead", total, self.size)
        batch = BatchProgress(total, progress, cancel)
        batch.check()
        self.run(content, jobs, batch.step, batch.check)
        return batch.results()

    @property
    def size(self) -> int:
        """How many render processes there are."""
        return len(self._connections)

    def run(
        self,
        content: SheetContent,
        jobs: Sequence[Job],
        step: Callable[[int, list[RenderedCopy]], None],
        check: Callable[[], None],
    ) -> None:
        """Render every job; ``step(index, result)`` as each chunk comes back.

        ``check`` is called between replies (and every 0.1 s while none comes); whatever it
        raises (a cancel) stops the batch. A worker's exception is raised here.
        """
        size = max(1, min(MAX_CHUNK, math.ceil(len(jobs) / (self.size * CHUNKS_PER_WORKER))))
        chunks = deque(range(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size))
        busy: dict[Connection, range] = {}

        def feed(connection: Connection) -> None:
            if chunks:
                chunk = chunks.popleft()
                connection.send(("jobs", [jobs[i] for i in chunk]))
                busy[connection] = chunk

        try:
            for connection in self._connections:
                connection.send(("content", content))
                feed(connection)
        except OSError as exc:
            raise RenderWorkerLostError("a render process ended before the batch began") from exc
        while busy:
            ready = wait(list(busy), timeout=_POLL_S)
            check()
            for answered in ready:
                assert isinstance(answered, Connection)
                try:
                    kind, payload = answered.recv()
                except (EOFError, OSError) as exc:
                    raise RenderWorkerLostError("a render process ended without answering") from exc
                if kind == "siblings":
                    self._siblings = payload
                    continue
                if kind == "error":
                    raise payload
                for index, result in zip(busy.pop(answered), payload, strict=True):
                    step(index, result)
                try:
                    feed(answered)
                except OSError as exc:
                    raise RenderWorkerLostError("a render process ended without answering") from exc

    def close(self) -> None:
        """End the workers and wait until they are gone (at once: they hold nothing to finish).

        Waiting matters after a cancel: the caller then removes the folder they were writing in.
        """
        first = self._connections[0] if self._connections else None
        try:
            while self._siblings is None and first is not None and first.poll(0):
                kind, payload = first.recv()
                if kind == "siblings":
                    self._siblings = payload
        except (EOFError, OSError):
            pass  # the first worker is gone; a sibling ends when its connection closes
        for connection in self._connections:
            connection.close()
        self._connections = []
        for pid in self._siblings or []:
            _end(pid)
        if self._first.is_alive():
            self._first.terminate()
        self._first.join()

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
