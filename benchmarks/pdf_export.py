"""PDF export benchmark: 200 individual copies, ours against LibreOffice headless, in one run.

The sheet is the one of ``../shared/bench/libreoffice/`` (``circular_content.py``): the same
title, header, ~600 characters of body with a bullet list, 200 distinct household names with
髙, 﨑 and 𠮷. LibreOffice converts that folder's 200 generated documents in one invocation
(the tool an officer would otherwise use); we export 200 individual copies of the same
circular through the code the app uses (:func:`circular_app.pdf.batch.render_jobs`).

Both sides run as fresh processes and are timed from launch to exit, so the figures include
start-up: the interpreter, imports and font loading for us, the office suite's start for
LibreOffice. Peak memory is the largest resident size of any process of the run (ours also
shows the workers). Usage::

    python benchmarks/pdf_export.py [--copies 200] [--repeat 3] [--bench-dir ../shared/bench/libreoffice]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "libreoffice"
INSTALL_HINT = (
    "LibreOffice is not installed, so only our figures are shown. On Debian 12:\n"
    "  apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-morisawa-bizud-gothic"
)


def _content_module(bench_dir: Path) -> object:
    sys.path.insert(0, str(bench_dir))
    import circular_content  # type: ignore[import-not-found]  # the shared benchmark sheet

    return circular_content


def run_ours(bench_dir: Path, copies: int, out_dir: Path, workers: int | None) -> dict[str, float]:
    """Export ``copies`` individual copies (called in a fresh process by :func:`main`)."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
    from circular_app.pdf.batch import Job, render_jobs
    from circular_app.pdf.model import CopyKind, CopySpec, SheetContent

    c = _content_module(bench_dir)
    body = "\n\n".join(
        [c.LEAD, "\n".join(f"- {item}" for item in c.BULLETS), c.CLOSING]  # type: ignore[attr-defined]
    )
    now = dt.datetime(2025, 6, 1, 9, 0)
    circular = Circular(
        id=1,
        number=14,
        fiscal_year=2025,
        status=Status.PUBLISHED,
        title=c.TITLE,  # type: ignore[attr-defined]
        body=body,
        category=Category.SAFETY,
        sender_title="会長",
        sender_name="山﨑 幸子",
        target_han_ids=(),
        audience=Audience.BOTH,
        issue_date=dt.date(2025, 6, 1),
        due_date=dt.date(2025, 6, 8),
        urgency=Urgency.NORMAL,
        readability_check=True,
        version=1,
        created_at=now,
        updated_at=now,
    )
    content = SheetContent.of(c.ASSOCIATION, circular)  # type: ignore[attr-defined]
    leader = c.MEMBERS[0]  # type: ignore[attr-defined]
    jobs = [
        Job(
            (CopySpec(CopyKind.INDIVIDUAL, "第3班", recipient=c.household(i), return_to=leader),),  # type: ignore[attr-defined]
            out_dir / f"copy_{i:03d}.pdf",
        )
        for i in range(copies)
    ]
    ready = time.perf_counter()
    render_jobs(ROOT / "resources" / "fonts", content, jobs, workers=workers)
    done = time.perf_counter()
    return {
        "imports_s": ready - started,
        "render_s": done - ready,
        "self_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _sizes(folder: Path) -> list[int]:
    return [p.stat().st_size for p in sorted(folder.glob("*.pdf"))]


def _timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def measure_ours(bench_dir: Path, copies: int, workers: int | None) -> dict[str, float]:
    """One fresh-process run of our export; wall time from launch to exit."""
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        out = Path(tmp)
        command = [sys.executable, __file__, "--ours-child", str(out), "--copies", str(copies)]
        command += ["--bench-dir", str(bench_dir)]
        if workers is not None:
            command += ["--workers", str(workers)]
        wall, stdout = _timed(command)
        figures: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
        sizes = _sizes(out)
        if len(sizes) != copies:
            raise SystemExit(f"our export wrote {len(sizes)} files, expected {copies}")
        figures.update(wall_s=wall, avg_kb=statistics.mean(sizes) / 1000, max_kb=max(sizes) / 1000)
        return figures


def measure_libreoffice(soffice: str, bench_dir: Path, copies: int) -> dict[str, float]:
    """LibreOffice converting ``copies`` generated documents in one invocation."""
    with tempfile.TemporaryDirectory(prefix="kairan-bench-lo-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [sys.executable, str(bench_dir / "make_docs.py"), str(copies), str(work / "fodt")],
            check=True,
            capture_output=True,
        )
        documents = sorted(str(p) for p in (work / "fodt").glob("*.fodt"))
        profile = f"-env:UserInstallation=file://{work}/lo-profile"
        # A first start creates the profile; timing it would be unfair to LibreOffice.
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "warm"),
                documents[0],
            ],
            check=True,
            capture_output=True,
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        wall, _ = _timed(
            [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "pdf"), *documents]
        )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sizes = _sizes(work / "pdf")
        if len(sizes) != copies:
            raise SystemExit(f"LibreOffice wrote {len(sizes)} files, expected {copies}")
        return {
            "wall_s": wall,
            # ru_maxrss of children is the largest one so far; LibreOffice is by far the largest.
            "rss_mib": max(peak, before) / 1024,
            "avg_kb": statistics.mean(sizes) / 1000,
            "max_kb": max(sizes) / 1000,
        }


def _version(soffice: str) -> str:
    try:
        out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return "LibreOffice"
    words = out.split()
    return " ".join(words[:2]) if words else "LibreOffice"


def main(argv: list[str] | None = None) -> int:
    """Run both sides and print the table (or, with ``--json``, one JSON object)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the median is shown")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--workers", type=int, help="worker processes (default: automatic)")
    parser.add_argument("--ours-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object of the figures (table to stderr)"
    )
    args = parser.parse_args(argv)
    if args.ours_child is not None:
        print(json.dumps(run_ours(args.bench_dir, args.copies, args.ours_child, args.workers)))
        return 0
    out = None
    if args.json:
        out, sys.stdout = sys.stdout, sys.stderr
    if not (args.bench_dir / "circular_content.py").exists():
        raise SystemExit(f"{args.bench_dir}: circular_content.py not found (use --bench-dir)")

    ours = [measure_ours(args.bench_dir, args.copies, args.workers) for _ in range(args.repeat)]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    lo = (
        [measure_libreoffice(soffice, args.bench_dir, args.copies) for _ in range(args.repeat)]
        if soffice
        else []
    )

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    n = args.copies
    cores = os.cpu_count() or 1
    print(
        f"PDF export benchmark: {n} individual copies of the shared bench sheet, median of {args.repeat} run(s), {cores} cores"
    )
    print(f"{'':28}{'Kairan Desk':>18}{(_version(soffice) if soffice else 'LibreOffice'):>24}")
    lo_wall = med(lo, "wall_s") if lo else None

    def row(label: str, ours_text: str, lo_text: str) -> None:
        print(f"{label:28}{ours_text:>18}{lo_text:>24}")

    row("wall time, launch to exit", f"{med(ours, 'wall_s'):.2f} s", f"{lo_wall:.2f} s" if lo_wall else "—")
    row("  of which rendering", f"{med(ours, 'render_s'):.2f} s", "")
    row("  start-up (imports)", f"{med(ours, 'imports_s'):.2f} s", "")
    row(
        "per copy",
        f"{med(ours, 'wall_s') / n * 1000:.1f} ms",
        f"{lo_wall / n * 1000:.1f} ms" if lo_wall else "—",
    )
    peak = med(ours, "self_rss_mib")
    workers = med(ours, "worker_rss_mib")
    row("peak memory", f"{peak:.0f} MiB", f"{med(lo, 'rss_mib'):.0f} MiB" if lo else "—")
    row("  largest worker", f"{workers:.0f} MiB" if workers else "(none)", "")
    row("file size, average", f"{med(ours, 'avg_kb'):.1f} KB", f"{med(lo, 'avg_kb'):.1f} KB" if lo else "—")
    row("file size, largest", f"{med(ours, 'max_kb'):.1f} KB", f"{med(lo, 'max_kb'):.1f} KB" if lo else "—")
    if lo_wall:
        print(
            f"speed-up: {lo_wall / med(ours, 'wall_s'):.1f}x launch to exit "
            f"({lo_wall / med(ours, 'render_s'):.1f}x on rendering alone); goal ≥ 10x, < 300 MiB, ≤ LibreOffice's size"
        )
    else:
        print(INSTALL_HINT)
    if out is not None:
        figures = {
            "date": dt.date.today().isoformat(),
            "copies": n,
            "repeat": args.repeat,
            "wall_s": round(med(ours, "wall_s"), 3),
            "render_s": round(med(ours, "render_s"), 3),
            "imports_s": round(med(ours, "imports_s"), 3),
            "per_copy_ms": round(med(ours, "wall_s") / n * 1000, 2),
            "peak_mib": round(peak),
            "libreoffice_wall_s": round(lo_wall, 3) if lo_wall else None,
            "speedup": round(lo_wall / med(ours, "wall_s"), 2) if lo_wall else None,
        }
        sys.stdout = out
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
