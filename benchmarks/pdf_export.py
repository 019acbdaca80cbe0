"""PDF export benchmark: 200 individual copies, ours against LibreOffice headless, in one run.

The sheet is the one of ``../shared/bench/libreoffice/`` (``circular_content.py``): the same
title, header, ~600 characters of body with a bullet list, 200 distinct household names with
髙, 﨑 and 𠮷. LibreOffice converts that folder's 200 generated documents in one invocation
(the tool an officer would otherwise use); we run the real command an officer or a script
would, ``python -m circular_app export-pdf --circular N --individual --out DIR``, on a
scratch profile holding that circular and 200 paper households with the sheet's names.

Both sides are timed from process launch to exit, so the figures are of the **whole process**:
for us the interpreter, the imports, the log-in (the profile's own scrypt key derivation,
opening the encrypted profile), reading the circular and the roster, the fonts, the rendering
on the process pool and the renames into place; for LibreOffice the office suite's start. The
profile is made once, untimed, before the runs; the measured processes use compiled bytecode
(kept in the run's temporary folder), as an installed app does, after one untimed warm-up.
Each round runs every side once (ours, ``--compare``'s, LibreOffice), so that a slow moment
of a shared machine hits all of them. CPU time (user + system of the process and its workers)
is shown beside the wall time. A secondary figure, ``render_s``, is the rendering alone in a
fresh process that calls the PDF layer directly (:func:`circular_app.pdf.batch.render_jobs`),
without a profile or a log-in. Usage::

    python benchmarks/pdf_export.py [--copies 200] [--repeat 5] [--bench-dir ../shared/bench/libreoffice]
        [--compare OTHER_CHECKOUT] [--json]

``--compare DIR`` also times ``python -m circular_app`` of another checkout (an exported copy
of an earlier commit) in the same rounds, on the same profile, and checks that its 200 files
are byte for byte the same as ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "libreoffice"
INSTALL_HINT = (
    "LibreOffice is not installed, so only our figures are shown. On Debian 12:\n"
    "  apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-morisawa-bizud-gothic"
)
BENCH_USER, BENCH_PASSWORD = "kaichou", "bench-password-2025"
FISCAL_YEAR = 2025  # the circular's issue date is the sheet's: 令和7年6月1日
# Environment entries that would change what the measured command does.
_APP_ENV = ("KAIRAN_DATA_DIR", "KAIRAN_USER", "KAIRAN_PASSWORD", "KAIRAN_PROFILE", "PYTHONDONTWRITEBYTECODE")


def _content_module(bench_dir: Path) -> object:
    sys.path.insert(0, str(bench_dir))
    import circular_content  # type: ignore[import-not-found]  # the shared benchmark sheet

    return circular_content


def _body(c: object) -> str:
    return "\n\n".join(
        [c.LEAD, "\n".join(f"- {item}" for item in c.BULLETS), c.CLOSING]  # type: ignore[attr-defined]
    )


def make_profile(bench_dir: Path, copies: int, data_dir: Path) -> int:
    """A scratch profile: the sheet's circular, published to ``copies`` paper households (untimed).

    Made with the production key derivation, so the measured log-in is the real one. Returns
    the circular's number.
    """
    sys.path.insert(0, str(ROOT))
    import keyring
    from keyring.backends.null import Keyring as NullKeyring

    from circular_app.app import App
    from circular_app.domain.circulars import Category, CircularDraft
    from circular_app.domain.roster import Delivery, HouseholdDraft

    keyring.set_keyring(NullKeyring())  # never the user's real keyring
    c = _content_module(bench_dir)
    app = App.build(data_dir)
    created = app.profiles.create_profile(c.ASSOCIATION, "見本校下", BENCH_USER, BENCH_PASSWORD)  # type: ignore[attr-defined]
    services = app.services_for(created.context)
    try:
        han = services.roster.add_han("3班")
        for i in range(copies):
            name = c.household(i)  # type: ignore[attr-defined]
            services.roster.add_household(HouseholdDraft(name=name, han_id=han.id, delivery=Delivery.PAPER))
        draft = services.circulars.new_draft(
            CircularDraft(
                title=c.TITLE,  # type: ignore[attr-defined]
                body=_body(c),
                category=Category.SAFETY,
                sender_title="会長",
                sender_name="山﨑 幸子",
                issue_date=dt.date(FISCAL_YEAR, 6, 1),
                due_date=dt.date(FISCAL_YEAR, 6, 8),
            )
        )
        number = services.circulars.publish(draft.id).number
        assert number is not None
        return number
    finally:
        services.context.close()


def run_ours(bench_dir: Path, copies: int, out_dir: Path, workers: int | None) -> dict[str, float]:
    """Render ``copies`` individual copies directly (called in a fresh process by :func:`main`)."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency
    from circular_app.pdf.batch import Job, render_jobs
    from circular_app.pdf.model import CopyKind, CopySpec, SheetContent

    c = _content_module(bench_dir)
    now = dt.datetime(FISCAL_YEAR, 6, 1, 9, 0)
    circular = Circular(
        id=1,
        number=14,
        fiscal_year=FISCAL_YEAR,
        status=Status.PUBLISHED,
        title=c.TITLE,  # type: ignore[attr-defined]
        body=_body(c),
        category=Category.SAFETY,
        sender_title="会長",
        sender_name="山﨑 幸子",
        target_han_ids=(),
        audience=Audience.BOTH,
        issue_date=dt.date(FISCAL_YEAR, 6, 1),
        due_date=dt.date(FISCAL_YEAR, 6, 8),
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
    return {"imports_s": ready - started, "render_s": done - ready}


def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def _digest(files: Sequence[Path]) -> str:
    total = hashlib.sha256()
    for path in files:
        total.update(path.name.encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def _run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, float]:
    """Run ``command`` to completion: wall seconds, CPU seconds and peak memory (MiB).

    ``os.wait4`` gives the usage of this child alone, its own waited-for children (our pool's
    workers) included; its ``ru_maxrss`` is the largest of those processes.
    """
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command[:4])} … exited {process.returncode}:\n{text}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


class Ours:
    """``export-pdf`` of one checkout, timed as a whole process."""

    def __init__(self, label: str, tree: Path, data_dir: Path, number: int, pycache: Path) -> None:
        self.label = label
        self.tree = tree
        self.data_dir = data_dir
        self.number = number
        self.env = {k: v for k, v in os.environ.items() if k not in _APP_ENV}
        # An installed app starts from compiled bytecode: kept in the run's temporary folder.
        self.env.update(
            KAIRAN_USER=BENCH_USER,
            KAIRAN_PASSWORD=BENCH_PASSWORD,
            QT_QPA_PLATFORM="offscreen",
            PYTHONPYCACHEPREFIX=str(pycache),
        )
        self.runs: list[dict[str, float]] = []
        self.digest = ""

    def run_once(self, out: Path, copies: int) -> None:
        """One timed run into the empty folder ``out``; checks the files it wrote."""
        command = [sys.executable, "-m", "circular_app", "--data-dir", str(self.data_dir), "export-pdf"]
        command += ["--circular", str(self.number), "--year", str(FISCAL_YEAR), "--individual"]
        figures = _run([*command, "--out", str(out)], self.env, self.tree)
        files = _pdfs(out)
        if len(files) != copies or any(p.name.startswith(".") for p in out.iterdir()):
            raise SystemExit(f"{self.label}: export-pdf wrote {len(files)} files, expected {copies}")
        sizes = [p.stat().st_size for p in files]
        figures.update(avg_kb=statistics.mean(sizes) / 1000, max_kb=max(sizes) / 1000)
        self.digest = _digest(files)
        self.runs.append(figures)


def measure_render(
    bench_dir: Path, copies: int, out: Path, workers: int | None, env: dict[str, str]
) -> dict[str, float]:
    """The secondary figure: a fresh process rendering ``copies`` copies directly."""
    out.mkdir()
    command = [sys.executable, __file__, "--ours-child", str(out), "--copies", str(copies)]
    command += ["--bench-dir", str(bench_dir)]
    if workers is not None:
        command += ["--workers", str(workers)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if len(_pdfs(out)) != copies:
        raise SystemExit(f"the direct rendering wrote {len(_pdfs(out))} files, expected {copies}")
    return figures


class LibreOffice:
    """LibreOffice converting ``copies`` generated documents in one invocation."""

    def __init__(self, soffice: str, bench_dir: Path, copies: int, work: Path) -> None:
        self.soffice = soffice
        self.work = work
        subprocess.run(
            [sys.executable, str(bench_dir / "make_docs.py"), str(copies), str(work / "fodt")],
            check=True,
            capture_output=True,
        )
        self.documents = sorted(str(p) for p in (work / "fodt").glob("*.fodt"))
        self.profile = f"-env:UserInstallation=file://{work}/lo-profile"
        self.runs: list[dict[str, float]] = []
        # A first start creates the profile; timing it would be unfair to LibreOffice.
        self._convert(work / "warm", self.documents[:1])

    def _convert(self, out: Path, documents: list[str]) -> dict[str, float]:
        command = [self.soffice, self.profile, "--headless", "--convert-to", "pdf", "--outdir", str(out)]
        return _run([*command, *documents])

    def run_once(self, out: Path, copies: int) -> None:
        """One timed conversion of every document into ``out``."""
        figures = self._convert(out, self.documents)
        sizes = [p.stat().st_size for p in _pdfs(out)]
        if len(sizes) != copies:
            raise SystemExit(f"LibreOffice wrote {len(sizes)} files, expected {copies}")
        figures.update(avg_kb=statistics.mean(sizes) / 1000, max_kb=max(sizes) / 1000)
        self.runs.append(figures)


def _version(soffice: str) -> str:
    try:
        out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return "LibreOffice"
    words = out.split()
    return " ".join(words[:2]) if words else "LibreOffice"


def _med(runs: Sequence[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _range(runs: Sequence[dict[str, float]], key: str) -> str:
    values = [r[key] for r in runs]
    return f"{min(values):.2f}–{max(values):.2f}"


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run every side ``--repeat`` times, interleaved; print the table (or one JSON object)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side; the median is shown")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument(
        "--workers", type=int, help="worker processes of the direct rendering (default: automatic)"
    )
    parser.add_argument(
        "--compare", type=Path, help="another checkout whose export-pdf is timed in the same rounds"
    )
    parser.add_argument("--no-render", action="store_true", help="skip the direct-rendering figure")
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
    if args.compare is not None and not (args.compare / "circular_app" / "__main__.py").exists():
        raise SystemExit(f"{args.compare}: not a checkout of the app (use an exported copy)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    n = args.copies

    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        work = Path(tmp)
        _progress(f"Making a scratch profile with {n} paper households (untimed) ...")
        number = make_profile(args.bench_dir, n, work / "data")
        sides: list[Ours | LibreOffice] = [Ours("Kairan Desk", ROOT, work / "data", number, work / "pyc")]
        ours_env = sides[0].env
        if args.compare is not None:
            sides.append(
                Ours("compared", args.compare.resolve(), work / "data", number, work / "pyc-compare")
            )
        if soffice:
            sides.append(LibreOffice(soffice, args.bench_dir, n, work / "lo"))
        for index, side in enumerate(sides):  # warm-up: bytecode, page cache, font cache
            if isinstance(side, Ours):
                side.run_once(work / f"warm-{index}", n)
                side.runs.clear()
        render: list[dict[str, float]] = []
        for round_ in range(args.repeat):
            _progress(f"Round {round_ + 1} of {args.repeat} ...")
            for index, side in enumerate(sides):
                side.run_once(work / f"out-{round_}-{index}", n)
            if not args.no_render:
                render.append(
                    measure_render(args.bench_dir, n, work / f"render-{round_}", args.workers, ours_env)
                )
            for folder in work.glob(f"*-{round_}*"):
                shutil.rmtree(folder)
        ours = sides[0]
        assert isinstance(ours, Ours)
        compared = sides[1] if args.compare is not None else None
        lo = sides[-1] if soffice else None

    wall = _med(ours.runs, "wall_s")
    lo_wall = _med(lo.runs, "wall_s") if lo else None
    load = os.getloadavg()
    print(
        f"PDF export benchmark: {n} individual copies of the shared bench sheet, median (range) of "
        f"{args.repeat} interleaved run(s), {os.cpu_count() or 1} cores, load average {load[0]:.2f}"
    )
    header = ["", "Kairan Desk export-pdf"]
    if compared is not None:
        header.append(f"compared ({args.compare.name})")
    if lo is not None:
        header.append(_version(soffice) if soffice else "LibreOffice")
    rows: list[list[str]] = []

    def row(label: str, key: str, fmt: str, scale: float = 1.0) -> None:
        cells = [label]
        for side in [ours, compared, lo]:
            if side is None:
                continue
            cells.append(
                fmt.format(_med(side.runs, key) * scale)
                + (f" ({_range(side.runs, key)})" if key in ("wall_s", "cpu_s") and scale == 1 else "")
            )
        rows.append(cells)

    row("wall time, launch to exit", "wall_s", "{:.2f} s")
    row("CPU time (user + system)", "cpu_s", "{:.2f} s")
    row("per copy (wall)", "wall_s", "{:.1f} ms", 1000 / n)
    row("peak memory (largest process)", "rss_mib", "{:.0f} MiB")
    row("file size, average", "avg_kb", "{:.1f} KB")
    row("file size, largest", "max_kb", "{:.1f} KB")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for cells in [header, *rows]:
        print(
            "  "
            + "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
        )
    if render:
        print(
            f"direct rendering in a fresh process (no profile, no log-in): {_med(render, 'render_s'):.2f} s "
            f"after {_med(render, 'imports_s'):.2f} s of imports"
        )
    identical = None
    if compared is not None:
        identical = compared.digest == ours.digest
        print(
            f"compared checkout: {_med(compared.runs, 'wall_s') / wall:.2f}x our wall time; "
            f"files {'byte-identical' if identical else 'DIFFER'}"
        )
    if lo_wall:
        print(
            f"speed-up: {lo_wall / wall:.1f}x as a whole process, launch to exit"
            + (
                f" ({lo_wall / _med(render, 'render_s'):.1f}x on the direct rendering alone)"
                if render
                else ""
            )
            + "; goal ≥ 10x, < 300 MiB, ≤ LibreOffice's size"
        )
    else:
        print(INSTALL_HINT)
    if out is not None:
        figures: dict[str, object] = {
            "date": dt.date.today().isoformat(),
            "copies": n,
            "repeat": args.repeat,
            "load_average": round(load[0], 2),
            "wall_s": round(wall, 3),
            "wall_min_s": round(min(r["wall_s"] for r in ours.runs), 3),
            "wall_max_s": round(max(r["wall_s"] for r in ours.runs), 3),
            "cpu_s": round(_med(ours.runs, "cpu_s"), 3),
            "render_s": round(_med(render, "render_s"), 3) if render else None,
            "imports_s": round(_med(render, "imports_s"), 3) if render else None,
            "per_copy_ms": round(wall / n * 1000, 2),
            "peak_mib": round(_med(ours.runs, "rss_mib")),
            "libreoffice_wall_s": round(lo_wall, 3) if lo_wall else None,
            "libreoffice_cpu_s": round(_med(lo.runs, "cpu_s"), 3) if lo else None,
            "speedup": round(lo_wall / wall, 2) if lo_wall else None,
        }
        if compared is not None:
            figures.update(
                compare_wall_s=round(_med(compared.runs, "wall_s"), 3),
                compare_cpu_s=round(_med(compared.runs, "cpu_s"), 3),
                compare_identical=identical,
            )
        if lo_wall:
            figures["goals"] = {
                "export-pdf as a whole process ≥ 10x faster than LibreOffice": lo_wall / wall >= 10
            }
        sys.stdout = out
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
