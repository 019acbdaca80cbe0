"""Scenarios of the warm render pool, each run in a fresh single-threaded process.

The pool forks; a test process (xdist's, with its own threads) is no place to fork from, so
tests/pdf/test_warm_pool.py runs ``python -m tests.pdf.warm_pool_child SCENARIO FOLDER`` and
reads the one JSON line it prints.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from circular_app.paths import bundle_root
from circular_app.pdf.warm_pool import RenderWorkerLostError, WarmPool

FONT_DIR = bundle_root() / "resources" / "fonts"


def _gone(pid: int) -> bool:
    """True when the process has ended (absent, or a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def _workers_gone(pool: WarmPool) -> bool:
    pids = [pool._first.pid or 0, *(pool._siblings or [])]
    return all(_gone(pid) for pid in pids)


def main(scenario: str, folder: Path) -> dict[str, object]:
    """Run one scenario; return what the test checks."""
    if scenario == "start":
        first = WarmPool.start(FONT_DIR)
        started = first is not None
        if first is not None:
            first.close()
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            with_thread = WarmPool.start(FONT_DIR)
        finally:
            stop.set()
            thread.join()
        return {"alone": started, "with_thread": with_thread is not None}

    pool = WarmPool(FONT_DIR, 2)
    from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
    from circular_app.pdf.model import CopyKind, CopySpec, ExportCancelled, Job, SheetContent

    def make_circular() -> Circular:  # tests.pdf.helpers' own, which would import reportlab
        import datetime as dt

        now = dt.datetime(2026, 11, 24, 9, 0)
        return Circular(
            id=1,
            number=12,
            fiscal_year=2026,
            status=Status.PUBLISHED,
            title="防災訓練のご案内",
            body="当日は軍手をお持ちください。",
            category=Category.SAFETY,
            sender_title="会長",
            sender_name="見本 太郎",
            target_han_ids=(),
            audience=Audience.BOTH,
            issue_date=dt.date(2026, 11, 24),
            due_date=dt.date(2026, 12, 8),
            urgency=Urgency.NORMAL,
            readability_check=True,
            version=1,
            created_at=now,
            updated_at=now,
        )

    content = SheetContent.of("見本町会", make_circular())
    (folder / "pool").mkdir()
    jobs = [
        Job(
            (CopySpec(CopyKind.INDIVIDUAL, "3班", recipient=f"見本　{i:03d}"),),
            folder / "pool" / f"{i:03d}.pdf",
        )
        for i in range(20)
    ]
    outcome: dict[str, object] = {}
    try:
        if scenario == "render":
            results = pool.render_batch(FONT_DIR, content, jobs)
            assert results is not None
            outcome["pages"] = [r[0].pages for r in results]
            # Nothing was drawn here: reportlab is only in the workers.
            outcome["parent_imported_reportlab"] = any(m.startswith("reportlab") for m in sys.modules)
            from circular_app.pdf.batch import render_jobs

            (folder / "alone").mkdir()
            alone = [Job(j.copies, folder / "alone" / j.path.name) for j in jobs]
            render_jobs(FONT_DIR, content, alone, workers=1)
            outcome["identical"] = all(
                a.path.read_bytes() == j.path.read_bytes() for a, j in zip(alone, jobs, strict=True)
            )
        elif scenario == "error":
            broken = [*jobs[:10], Job(jobs[10].copies, folder / "missing" / "x.pdf"), *jobs[11:]]
            try:
                pool.render_batch(FONT_DIR, content, broken)
            except FileNotFoundError:
                outcome["raised"] = "FileNotFoundError"
        elif scenario == "cancel":
            cancel = threading.Event()

            def progress(done: int, _total: int) -> None:
                if done >= 1:
                    cancel.set()

            try:
                pool.render_batch(FONT_DIR, content, jobs, progress, cancel)
            except ExportCancelled:
                outcome["raised"] = "ExportCancelled"
        elif scenario == "eof":
            first_end = pool._connections[0]
            _kind, pids = first_end.recv()  # the siblings' ids, sent once the first worker is warm
            pool._siblings = pids
            for connection in pool._connections:
                connection.close()  # as when this process dies: nothing else tells them to end
            deadline = time.monotonic() + 20
            while not _workers_gone(pool) and time.monotonic() < deadline:
                time.sleep(0.05)
            outcome["ended_by_eof"] = _workers_gone(pool)
        elif scenario == "lost":
            os.kill(pool._first.pid or 0, signal.SIGKILL)
            pool._first.join()
            try:
                pool.render_batch(FONT_DIR, content, jobs)
            except RenderWorkerLostError:
                outcome["raised"] = "RenderWorkerLostError"
    finally:
        pool.close()
    outcome["workers_gone"] = _workers_gone(pool)
    written = len(list((folder / "pool").glob("*.pdf")))
    time.sleep(0.3)  # a worker still running would write more meanwhile
    outcome["files"] = written
    outcome["files_later"] = len(list((folder / "pool").glob("*.pdf")))
    return outcome


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
