"""Batches: every file written, in order, on several processes; cancel stops the batch."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from circular_app.pdf.batch import ExportCancelled, Job, default_workers, render_jobs
from circular_app.pdf.model import CopyKind, CopySpec, SheetContent
from tests.pdf.helpers import make_circular, text_of


def _jobs(tmp_path: Path, count: int) -> list[Job]:
    return [
        Job((CopySpec(CopyKind.INDIVIDUAL, "3班", recipient=f"見本　{i:03d}"),), tmp_path / f"{i:03d}.pdf")
        for i in range(count)
    ]


def test_pool_writes_every_file_with_its_own_copy(font_dir: Path, tmp_path: Path) -> None:
    """Two worker processes write all files; each file names its own household."""
    jobs = _jobs(tmp_path, 12)
    content = SheetContent.of("見本町会", make_circular())
    results = render_jobs(font_dir, content, jobs, workers=2)
    assert len(results) == 12 and all(r[0].pages == 1 for r in results)
    assert all(f"見本\u3000{i:03d}" in text_of(job.path) for i, job in enumerate(jobs))


def test_progress_reaches_the_total(font_dir: Path, tmp_path: Path) -> None:
    """The progress callback counts up to (total, total)."""
    seen: list[tuple[int, int]] = []
    render_jobs(
        font_dir,
        SheetContent.of("見本町会", make_circular()),
        _jobs(tmp_path, 5),
        lambda d, t: seen.append((d, t)),
        workers=1,
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_cancel_stops_the_batch(font_dir: Path, tmp_path: Path) -> None:
    """Setting the cancel event from the progress callback raises ExportCancelled."""
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done == 2:
            cancel.set()

    with pytest.raises(ExportCancelled):
        render_jobs(
            font_dir,
            SheetContent.of("見本町会", make_circular()),
            _jobs(tmp_path, 6),
            progress,
            cancel,
            workers=1,
        )
    assert len(list(tmp_path.glob("*.pdf"))) == 2


def test_small_batches_stay_in_process() -> None:
    """A handful of files is rendered without starting processes; 200 use the cores."""
    assert default_workers(3) == 1
    assert default_workers(200) >= 1


def test_pool_started_from_a_worker_thread_completes(font_dir: Path, tmp_path: Path) -> None:
    """Run from a non-main thread (as the GUI does), the pool uses a thread-safe start method."""
    from circular_app.pdf import batch

    outcome: dict[str, object] = {}

    def run() -> None:
        outcome["method"] = batch._start_method()
        outcome["results"] = render_jobs(
            font_dir, SheetContent.of("見本町会", make_circular()), _jobs(tmp_path, 17), workers=2
        )

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert outcome["method"] in ("forkserver", "spawn")
    assert len(outcome["results"]) == 17 and len(list(tmp_path.glob("*.pdf"))) == 17  # type: ignore[arg-type]


def test_pool_and_single_process_write_identical_files(font_dir: Path, tmp_path: Path) -> None:
    """The same batch gives byte-identical files on two workers and in one process."""
    content = SheetContent.of("見本町会", make_circular())
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    render_jobs(font_dir, content, _jobs(tmp_path / "one", 16), workers=1)
    render_jobs(font_dir, content, _jobs(tmp_path / "two", 16), workers=2)
    one = [p.read_bytes() for p in sorted((tmp_path / "one").glob("*.pdf"))]
    two = [p.read_bytes() for p in sorted((tmp_path / "two").glob("*.pdf"))]
    assert len(one) == 16 and one == two
