"""Rendering a batch of copies to files: in this process, or on every core for a large batch.

reportlab is pure Python, so threads would share one core; a batch of individual copies uses
a pool of processes instead. The work that all copies share is done once per process, not
once per copy: the fonts are registered and the circular's body laid out when a worker
starts (with the ``fork`` start method the workers even inherit them, already warm, from the
parent, which renders the first file itself), and each worker keeps its font subsets cached
(see :mod:`circular_app.pdf.fonts`). A file is the unit of work; files go to workers in
chunks, so progress is reported and a cancel request is honoured between chunks.

Only whole files are written here, at the paths given; making the batch atomic (staging,
renaming, cleaning up after a cancel) is the caller's job.
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import (
    MIN_FILES_PER_WORKER,
    BatchProgress,
    ExportCancelled,
    Job,
    RenderedCopy,
    SheetContent,
)

__all__ = [
    "ExportCancelled",
    "Job",
    "default_workers",
    "render_job",
    "render_jobs",
    "renderer_for",
]
from circular_app.pdf.sheet import SheetRenderer
from circular_app.support.processes import single_threaded

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
MAX_WORKERS = 4
MAX_CHUNK = 25


# The renderer of this process. A worker process serves one batch (one circular), so one
# renderer per process is the cache; the parent process keeps the last one for the next batch
# of the same circular (the GUI exporting 班 copies, then individual copies).
_renderer: tuple[Path, SheetContent, SheetRenderer] | None = None


def renderer_for(font_dir: Path, content: SheetContent) -> SheetRenderer:
    """This process's renderer for ``content`` (the last one, when it is the same circular)."""
    global _renderer
    if _renderer is None or _renderer[0] != font_dir or _renderer[1] != content:
        _renderer = (font_dir, content, SheetRenderer(register_fonts(font_dir), content, font_dir))
    return _renderer[2]


def _init_worker(font_dir: Path, content: SheetContent) -> None:
    gc.enable()  # a worker collects as usual, even forked from a parent that does not (export-pdf)
    renderer_for(font_dir, content)


def render_job(renderer: SheetRenderer, job: Job) -> list[RenderedCopy]:
    """Write one job's file."""
    if len(job.copies) == 1:
        return [renderer.render(job.copies[0], job.path)]
    return renderer.render_combined(job.copies, job.path)


def _render_chunk(jobs: Sequence[Job]) -> list[list[RenderedCopy]]:
    """Worker side: the renderer was set up by :func:`_init_worker` (or inherited by fork)."""
    assert _renderer is not None
    return [render_job(_renderer[2], job) for job in jobs]


def default_workers(files: int) -> int:
    """Processes worth starting for ``files`` files (1 means: render in this process)."""
    cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS, files // MIN_FILES_PER_WORKER))


def _start_method() -> str:
    """``fork`` when it is safe (Linux, one thread): workers then start warm and at once.

    With other threads running (the GUI, and its export on a pool thread) forking can copy a
    held lock into the child, so ``forkserver`` (POSIX) or ``spawn`` (Windows, macOS) is used.
    """
    if sys.platform == "linux" and single_threaded():
        return "fork"
    if "forkserver" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        return "forkserver"
    return "spawn"


def render_jobs(
    font_dir: Path,
    content: SheetContent,
    jobs: Sequence[Job],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> list[list[RenderedCopy]]:
    """Write every job's file; return what each copy produced, in job order.

    Raises :class:`ExportCancelled` as soon as ``cancel`` is seen set (between files or chunks).
    """
    total = len(jobs)
    count = default_workers(total) if workers is None else max(1, workers)
    batch = BatchProgress(total, progress, cancel)
    step, check = batch.step, batch.check
    if total == 0:
        return []
    check()
    renderer = renderer_for(font_dir, content)
    step(0, render_job(renderer, jobs[0]))  # warms the layout and font caches before any fork
    if count == 1 or total == 1:
        for index in range(1, total):
            check()
            step(index, render_job(renderer, jobs[index]))
        return batch.results()
    pending = list(range(1, total))
    size = max(1, min(MAX_CHUNK, math.ceil(len(pending) / (count * 4))))
    chunks = [pending[i : i + size] for i in range(0, len(pending), size)]
    method = _start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The server imports reportlab and the fonts module once; each worker forks from it.
        context.set_forkserver_preload([__name__])
    # Forked workers: the parent's objects go to the permanent generation first, so that a
    # worker's collections never walk them, nor write to their pages, which then stay shared
    # (the gc module's recipe for fork; export-pdf's parent collects nothing meanwhile).
    frozen = method == "fork"
    if frozen:
        gc.freeze()
    try:
        with ProcessPoolExecutor(
            count, context, initializer=_init_worker, initargs=(font_dir, content)
        ) as executor:
            futures: dict[Future[list[list[RenderedCopy]]], list[int]] = {
                executor.submit(_render_chunk, [jobs[i] for i in chunk]): chunk for chunk in chunks
            }
            try:
                while futures:
                    finished, _ = wait(futures, timeout=0.1, return_when=FIRST_COMPLETED)
                    check()
                    for future in finished:
                        for index, result in zip(futures.pop(future), future.result(), strict=True):
                            step(index, result)
            except BaseException:
                executor.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        if frozen:
            gc.unfreeze()
    return batch.results()
