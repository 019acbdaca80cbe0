"""Start-up to the first shown window, side by side in one run.

(a) baseline: a bare QApplication + QMainWindow shown, in a fresh Python process;
(b) Kairan Desk from source (``python -m circular_app``) on a 1,000-household demo profile,
    logged in from the environment, until its main window is shown (goal: at most 2x (a));
(c) the frozen app ``dist/KairanDesk/KairanDesk`` the same way, if it has been built
    (goal: at most 1.5x (b)), and the size of its folder (goal: under 200 MB).

Every variant runs offscreen in its own process; the runs are interleaved (a, b, c, a, b, c,
...) so that a slow moment of the machine hits all of them. The figure is the wall-clock time
of the whole process (interpreter start, imports, login, migrations check, window); the time
the process prints itself (``FIRST_WINDOW_SHOWN <s>``, measured from the import of the package)
is shown as a cross-check. The app leaves right after the window is shown because of
``KAIRAN_BENCH_EXIT_AFTER_SHOW=1`` (see ``circular_app/ui/shell/main.py``).

Usage: ``.venv/bin/python benchmarks/startup.py [--runs 7] [--households 1000] [--dist DIR]``
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, ProcessRun, Sample, clean_env, folder_size_mb, print_table, run_process, verdict

SOURCE_GOAL = 2.0  # source start-up / bare Qt
FROZEN_GOAL = 1.5  # frozen start-up / source start-up
SIZE_GOAL_MB = 200
DEMO_USER, DEMO_PASSWORD = "demo", "kairan-demo"
SHOWN = re.compile(r"^FIRST_WINDOW_SHOWN ([0-9.]+)", re.MULTILINE)

# The baseline measures the same span as the app: from its first line to a shown window.
BARE_QT = """
import time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
window.show()
app.processEvents()
print(f"FIRST_WINDOW_SHOWN {time.perf_counter() - start:.3f}", flush=True)
"""


def _gui_env() -> dict[str, str]:
    return clean_env(
        QT_QPA_PLATFORM="offscreen",
        KAIRAN_USER=DEMO_USER,
        KAIRAN_PASSWORD=DEMO_PASSWORD,
        KAIRAN_BENCH_EXIT_AFTER_SHOW="1",
    )


class Variant:
    """One way of starting a window, with the runs collected so far."""

    def __init__(self, label: str, command: list[str]) -> None:
        self.label = label
        self.command = command
        self.walls: list[float] = []
        self.printed: list[float] = []

    def run_once(self) -> None:
        """Start the process once and record its wall-clock and self-reported times."""
        done: ProcessRun = run_process(self.command, _gui_env())
        match = SHOWN.search(done.stdout)
        if match is None:
            raise RuntimeError(
                f"{self.label}: no FIRST_WINDOW_SHOWN line (is KAIRAN_BENCH_EXIT_AFTER_SHOW "
                f"supported?)\nstdout: {done.stdout}\nstderr: {done.stderr}"
            )
        self.walls.append(done.wall)
        self.printed.append(float(match[1]))

    def wall(self) -> Sample:
        """Median wall-clock time."""
        return Sample(tuple(self.walls))

    def reported(self) -> Sample:
        """Median of the times the process printed."""
        return Sample(tuple(self.printed))


def make_demo(command: list[str], data_dir: Path, households: int) -> None:
    """Create the demo profile with ``households`` households (not timed)."""
    env = clean_env(QT_QPA_PLATFORM="offscreen")
    run_process(
        [*command, "--data-dir", str(data_dir), "demo", "--households", str(households), "--no-gui"], env
    )


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table and the goals; exit 1 with --fail-on-miss if a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each variant (median)")
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "KairanDesk", help="frozen app folder")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 for a meaningful median")

    source_cmd = [sys.executable, "-m", "circular_app"]
    frozen_exe = args.dist / ("KairanDesk.exe" if sys.platform == "win32" else "KairanDesk")
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"Creating the {args.households}-household demo profile ...", flush=True)
        make_demo(source_cmd, tmp / "source", args.households)
        variants = [
            Variant("bare QApplication + QMainWindow", [sys.executable, "-c", BARE_QT]),
            Variant("Kairan Desk from source", [*source_cmd, "--data-dir", str(tmp / "source")]),
        ]
        if frozen_exe.exists():
            # The frozen app writes its own profile: it may be older than the source tree.
            make_demo([str(frozen_exe)], tmp / "frozen", args.households)
            variants.append(
                Variant("Kairan Desk frozen", [str(frozen_exe), "--data-dir", str(tmp / "frozen")])
            )
        print(f"Measuring {len(variants)} variants x {args.runs} runs (+1 warm-up each) ...\n", flush=True)
        for variant in variants:  # warm-up: page cache, font cache, .pyc files
            variant.run_once()
            variant.walls.clear()
            variant.printed.clear()
        for _ in range(args.runs):
            for variant in variants:
                variant.run_once()

    bare, source, frozen = variants[0], variants[1], variants[2] if len(variants) > 2 else None
    ok = _report(args, bare, source, frozen, frozen_exe)
    return 0 if ok or not args.fail_on_miss else 1


def _report(
    args: argparse.Namespace, bare: Variant, source: Variant, frozen: Variant | None, frozen_exe: Path
) -> bool:
    base = bare.wall().median
    rows = []
    for variant, ratio in [
        (bare, ""),
        (source, f"{source.wall().median / base:.2f}x bare"),
        *([(frozen, f"{frozen.wall().median / source.wall().median:.2f}x source")] if frozen else []),
    ]:
        rows.append(
            [
                variant.label,
                f"{variant.wall().median:.3f} s",
                variant.wall().spread,
                f"{variant.reported().median:.3f} s",
                ratio,
            ]
        )
    print_table(
        f"Start-up to the first shown window: offscreen, {args.households} households, "
        f"median of {args.runs} runs",
        ["", "wall clock", "range", "printed", "ratio"],
        rows,
    )
    goals: list[tuple[str, Callable[[], bool]]] = [
        (f"source <= {SOURCE_GOAL}x bare Qt", lambda: source.wall().median / base <= SOURCE_GOAL),
    ]
    if frozen is not None:
        size = folder_size_mb(args.dist)
        goals.append((f"frozen <= {FROZEN_GOAL}x source", lambda: _ratio(frozen, source) <= FROZEN_GOAL))
        goals.append((f"frozen folder {size:.0f} MB < {SIZE_GOAL_MB} MB", lambda: size < SIZE_GOAL_MB))
    else:
        print(f"(no frozen app at {frozen_exe}: run scripts/build.sh to measure it)\n")
    results = [(text, check()) for text, check in goals]
    for text, passed in results:
        print(f"  goal {text}: {verdict(passed)}")
    return all(passed for _text, passed in results)


def _ratio(a: Variant, b: Variant) -> float:
    return a.wall().median / b.wall().median


if __name__ == "__main__":
    sys.exit(main())
