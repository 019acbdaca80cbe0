"""Helpers shared by the benchmarks: timing, subprocess runs, a table printer, a roster CSV.

Every benchmark measures its baseline in the same run, on the same machine, and prints the
ratio; absolute figures vary between machines, ratios much less.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView, QApplication

ROOT = Path(__file__).resolve().parent.parent
# Measure the source tree next to this file, not some other installed copy of the app.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ViewT = TypeVar("ViewT", bound="QAbstractItemView")

# Environment entries that would change what a measured process does.
_APP_ENV = (
    "KAIRAN_DATA_DIR",
    "KAIRAN_USER",
    "KAIRAN_PASSWORD",
    "KAIRAN_BENCH_EXIT_AFTER_SHOW",
    "KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN",
)


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the app's own variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _APP_ENV}
    env.update(extra)
    return env


@dataclass(frozen=True)
class Sample:
    """Median of several timed runs (seconds), with the individual runs kept for the spread."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        """The figure reported."""
        return statistics.median(self.runs)

    @property
    def spread(self) -> str:
        """Fastest and slowest run, e.g. ``0.41-0.47``."""
        return f"{min(self.runs):.3f}-{max(self.runs):.3f}"


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def sample(function: Callable[[], float], runs: int, warmup: int = 1) -> Sample:
    """Run ``function`` (which returns its own duration) ``warmup`` + ``runs`` times."""
    for _ in range(warmup):
        function()
    return Sample(tuple(function() for _ in range(runs)))


@dataclass(frozen=True)
class ProcessRun:
    """One finished subprocess: wall-clock seconds and what it printed."""

    wall: float
    stdout: str
    stderr: str


def run_process(
    command: Sequence[str], env: Mapping[str, str], cwd: Path = ROOT, timeout: float = 300
) -> ProcessRun:
    """Run ``command`` to completion; raise with its stderr when it fails."""
    start = time.perf_counter()
    done = subprocess.run(
        list(command), env=dict(env), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}".rstrip()
        )
    return ProcessRun(wall, done.stdout, done.stderr)


def folder_size_mb(folder: Path) -> float:
    """Size of every file under ``folder`` in MB (10^6 bytes), symlinks not followed."""
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table (first column left, the others right)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(title)
    for row in [header, *rows]:
        cells = [str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(row)]
        print("  " + "  ".join(cells).rstrip())
    print()


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """``--json``: stdout carries one JSON object of the figures, the tables go to stderr."""
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object of the figures (tables to stderr)"
    )


def json_output(args: argparse.Namespace) -> TextIO | None:
    """With ``--json``: send everything printed from now on to stderr; the real stdout, else ``None``."""
    if not getattr(args, "json", False):
        return None
    real = sys.stdout
    sys.stdout = sys.stderr
    return real


def emit_json(out: TextIO | None, figures: Mapping[str, object]) -> None:
    """Print ``figures`` as one JSON object on ``out`` (from :func:`json_output`), dated."""
    if out is None:
        return
    sys.stdout = out
    print(json.dumps({"date": dt.date.today().isoformat(), **figures}, ensure_ascii=False), file=out)
    out.flush()


def goal_figures(goals: Sequence[tuple[str, bool]]) -> dict[str, bool]:
    """The goals as ``{text: met}`` for the JSON object."""
    return {text: passed for text, passed in goals}


def verdict(ok: bool) -> str:
    """``ok`` or ``MISSED`` next to a goal."""
    return "ok" if ok else "MISSED"


# Fictional names only (the demo's rule): common surnames and given names, combined.
_SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
    ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
    ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
]  # fmt: skip
_GIVEN = [
    ("一郎", "イチロウ"), ("花子", "ハナコ"), ("次郎", "ジロウ"), ("美咲", "ミサキ"), ("健太", "ケンタ"),
    ("陽子", "ヨウコ"), ("大輔", "ダイスケ"), ("由美", "ユミ"), ("翔太", "ショウタ"), ("恵子", "ケイコ"),
    ("誠", "マコト"), ("明美", "アケミ"), ("浩二", "コウジ"), ("直子", "ナオコ"), ("拓也", "タクヤ"),
    ("幸子", "サチコ"), ("隆", "タカシ"), ("真由美", "マユミ"), ("修", "オサム"), ("和子", "カズコ"),
    ("茂", "シゲル"), ("久美子", "クミコ"), ("剛", "ツヨシ"), ("智子", "トモコ"), ("勇気", "ユウキ"),
    ("三郎", "サブロウ"), ("春香", "ハルカ"), ("大樹", "ダイキ"), ("千尋", "チヒロ"), ("悠斗", "ユウト"),
    ("節子", "セツコ"), ("正人", "マサト"), ("綾", "アヤ"), ("康介", "コウスケ"), ("舞", "マイ"),
    ("昭", "アキラ"), ("静香", "シズカ"), ("達也", "タツヤ"), ("文子", "フミコ"), ("亮", "リョウ"),
    ("早苗", "サナエ"), ("俊介", "シュンスケ"), ("芳子", "ヨシコ"), ("秀樹", "ヒデキ"), ("麻衣", "マイ"),
    ("武", "タケシ"), ("紀子", "ノリコ"), ("光", "ヒカル"), ("雅美", "マサミ"), ("進", "ススム"),
]  # fmt: skip


def roster_csv(households: int, hans: int = 10, encoding: str = "cp932") -> bytes:
    """An officer's Excel roster: ``households`` rows over ``hans`` 班, CP932 and CRLF by default.

    Japanese headers in the order an officer would type them; fictional names, distinct up to
    1,000 households; half of them digital, every tenth wants large print.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["班", "回覧順", "氏名", "フリガナ", "受取方法", "大きな文字", "電話", "備考"])
    per_han = -(-households // hans)
    for i in range(households):
        surname, surname_kana = _SURNAMES[i % len(_SURNAMES)]
        given, given_kana = _GIVEN[(i // len(_SURNAMES)) % len(_GIVEN)]
        writer.writerow(
            [
                f"{i // per_han + 1}班",
                str(i % per_han + 1),
                f"{surname} {given}",
                f"{surname_kana} {given_kana}",
                "デジタル" if i % 2 else "紙",
                "○" if i % 10 == 0 else "",
                f"076-{200 + i // 100:03d}-{i % 10000:04d}",
                "",
            ]
        )
    return out.getvalue().encode(encoding)


def gui_bench_arguments(
    argv: list[str] | None, description: str, add: Callable[[argparse.ArgumentParser], object]
) -> argparse.Namespace:
    """``--runs`` (at least 5), the options ``add`` puts in, and ``--fail-on-miss``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measurement (median)")
    add(parser)
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a goal is missed")
    add_json_argument(parser)
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 for a meaningful median")
    return args


def offscreen_qapp() -> QApplication:
    """The QApplication, with the null keyring so a run never touches the user's real one.

    The caller keeps the returned object alive until the end of the run.
    """
    import keyring
    from keyring.backends.null import Keyring as NullKeyring
    from PySide6.QtWidgets import QApplication

    keyring.set_keyring(NullKeyring())
    return cast(QApplication, QApplication.instance()) or QApplication([sys.argv[0]])


def shown(view: ViewT, model: Any) -> ViewT:
    """``view`` showing ``model`` at 1200x800, painted once."""
    from PySide6.QtWidgets import QApplication

    view.setModel(model)
    view.resize(1200, 800)
    view.show()
    QApplication.processEvents()
    return view


def _libpq(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def scratch_database(backend: str, pg_url: str, sqlite_file: Path, prefix: str) -> Iterator[str]:
    """A fresh database URL for ``backend`` (PostgreSQL: a new database, dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(_libpq(pg_url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_libpq(pg_url), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    """``--backends`` (comma-separated), ``--pg-url`` and ``--fail-on-miss`` of the hub benchmarks."""
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("CIRCULAR_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--fail-on-miss", action="store_true")
    add_json_argument(parser)


def backends(argument: str) -> list[str]:
    """The backend names of a ``--backends`` value."""
    return [b.strip() for b in argument.split(",") if b.strip()]
