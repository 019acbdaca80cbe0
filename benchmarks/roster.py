"""Roster import and roster-table reset with 1,000 households, beside bare baselines.

Import (goal: under 1 s): ``RosterService.import_roster`` of an officer's CP932 CSV into an
empty profile (parse, plan, one transaction into the encrypted database, audit entry), beside
``parse_roster_csv`` of the same bytes alone: what the file format itself costs.

Table reset (goal: under 50 ms): ``RosterTableModel.set_rows`` with 1,000 households, with
the page's ``RosterFilterProxy`` and a shown ``QTableView`` attached, beside the same reset of a
bare ``QAbstractTableModel`` over precomputed strings (the floor) and of a
``QStandardItemModel`` filled row by row (the usual quick alternative), each behind a plain
``QSortFilterProxyModel`` and a shown view. "+ repaint" adds the event-loop pass in which the
view lays out and paints the new rows.

Usage: ``.venv/bin/python benchmarks/roster.py [--runs 7] [--households 1000]``
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import (
    Sample,
    emit_json,
    goal_figures,
    gui_bench_arguments,
    json_output,
    offscreen_qapp,
    print_table,
    roster_csv,
    sample,
    shown,
    timed,
    verdict,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from circular_app.app import App, ProfileServices
from circular_app.domain.roster import Han, Household
from circular_app.domain.roster_csv import parse_roster_csv
from circular_app.storage.keyfile import KdfParams
from circular_app.ui.roster.model import RosterFilterProxy, RosterTableModel

IMPORT_GOAL_S = 1.0
RESET_GOAL_S = 0.050
KDF = KdfParams(n=2**14)  # as in tests/conftest.py: the key derivation is not what is measured
SOURCE = "roster.csv"


class BareTableModel(QAbstractTableModel):
    """The least a table model can do: return precomputed strings."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self._rows: list[tuple[str, ...]] = []
        self._columns = columns

    def reset(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._columns

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self._rows[index.row()][index.column()]
        return None


def _show(model: Any) -> QTableView:
    return shown(QTableView(), model)


def bench_import(app: App, data: bytes, households: int, runs: int) -> tuple[Sample, Sample, ProfileServices]:
    """Parse alone, and full imports each into a fresh empty profile (created untimed).

    Returns the last imported profile, still open, for the table benchmark.
    """
    parse = sample(lambda: timed(lambda: parse_roster_csv(data, SOURCE)), runs)
    numbers = itertools.count(1)
    opened: list[ProfileServices] = []

    def one_import() -> float:
        for services in opened:
            services.context.close()
        opened.clear()
        created = app.profiles.create_profile(
            f"ベンチ町会{next(numbers)}", "ベンチ校下", "kaichou", "bench-password-1"
        )
        services = app.services_for(created.context)
        opened.append(services)
        start = time.perf_counter()
        result = services.roster.import_roster(data, SOURCE)
        elapsed = time.perf_counter() - start
        if result.added != households:
            raise RuntimeError(f"imported {result.added} households, expected {households}")
        return elapsed

    full = sample(one_import, runs)
    return parse, full, opened[0]


def _cells(model: RosterTableModel) -> list[tuple[str, ...]]:
    index = model.index
    return [
        tuple(str(model.data(index(r, c))) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def bench_reset(
    households: Sequence[Household], hans: Sequence[Han], runs: int
) -> list[tuple[str, Sample, Sample]]:
    """(label, reset, reset + repaint) for the roster model and the two baselines."""
    roster = RosterTableModel()
    roster_proxy = RosterFilterProxy(roster)  # as on the roster page
    roster_view = _show(roster_proxy)
    roster.set_rows(households, hans)
    rows = _cells(roster)
    columns = roster.columnCount()

    bare = BareTableModel(columns)
    bare_proxy = QSortFilterProxyModel()
    bare_proxy.setSourceModel(bare)
    bare_view = _show(bare_proxy)

    standard = QStandardItemModel(0, columns)
    standard_proxy = QSortFilterProxyModel()
    standard_proxy.setSourceModel(standard)
    standard_view = _show(standard_proxy)

    def fill_standard() -> None:
        standard.removeRows(0, standard.rowCount())
        for row in rows:
            # insertRow, not appendRow: in PySide6 6.12 on Python 3.11, appendRow and setItem
            # drop a reference to None on every call, and the interpreter aborts at exit.
            standard.insertRow(standard.rowCount(), [QStandardItem(text) for text in row])

    variants: list[tuple[str, Callable[[], None]]] = [
        ("RosterTableModel.set_rows (+ RosterFilterProxy)", lambda: roster.set_rows(households, hans)),
        ("bare QAbstractTableModel reset", lambda: bare.reset(list(rows))),
        ("QStandardItemModel filled row by row", fill_standard),
    ]
    results = []
    for label, reset in variants:

        def repainted(reset: Callable[[], None] = reset) -> None:
            reset()
            QApplication.processEvents()

        alone = sample(lambda reset=reset: timed(reset), runs)
        painted = sample(lambda repainted=repainted: timed(repainted), runs)
        results.append((label, alone, painted))
    for view in (roster_view, bare_view, standard_view):
        view.close()
    return results


def main(argv: list[str] | None = None) -> int:
    """Measure, print both tables and the goals; exit 1 with --fail-on-miss if one is missed."""
    args = gui_bench_arguments(
        argv, __doc__.splitlines()[0], lambda p: p.add_argument("--households", type=int, default=1000)
    )
    out = json_output(args)
    _qapp = offscreen_qapp()  # alive until the end
    data = roster_csv(args.households)
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        app = App.build(Path(tmp) / "data", kdf=KDF)
        parse, full, services = bench_import(app, data, args.households, args.runs)
        try:
            households = services.roster.list_households()
            hans = services.roster.list_hans()
        finally:
            services.context.close()
    resets = bench_reset(households, hans, args.runs)

    print_table(
        f"Roster import: {args.households} rows, CP932 CSV ({len(data) // 1024} KiB), median of {args.runs}",
        ["", "median", "range", "ratio"],
        [
            ["parse_roster_csv (baseline)", f"{parse.median * 1000:.1f} ms", parse.spread, "1.00x"],
            [
                "RosterService.import_roster",
                f"{full.median * 1000:.1f} ms",
                full.spread,
                f"{full.median / parse.median:.2f}x",
            ],
        ],
    )
    floor = resets[1][1].median
    floor_painted = resets[1][2].median
    print_table(
        f"Table reset: {len(households)} rows x {RosterTableModel().columnCount()} columns, "
        f"shown QTableView, median of {args.runs}",
        ["", "reset", "ratio", "+ repaint", "ratio"],
        [
            [
                label,
                f"{alone.median * 1000:.2f} ms",
                f"{alone.median / floor:.2f}x",
                f"{painted.median * 1000:.2f} ms",
                f"{painted.median / floor_painted:.2f}x",
            ]
            for label, alone, painted in resets
        ],
    )
    roster_reset = resets[0][1].median
    goals = [
        (f"import {full.median:.3f} s < {IMPORT_GOAL_S} s", full.median < IMPORT_GOAL_S),
        (
            f"set_rows {roster_reset * 1000:.1f} ms < {RESET_GOAL_S * 1000:.0f} ms",
            roster_reset < RESET_GOAL_S,
        ),
    ]
    for text, passed in goals:
        print(f"  goal {text}: {verdict(passed)}")
    emit_json(
        out,
        {
            "households": args.households,
            "runs": args.runs,
            "parse_ms": round(parse.median * 1000, 2),
            "import_ms": round(full.median * 1000, 2),
            "import_ratio": round(full.median / parse.median, 2),
            "set_rows_ms": round(roster_reset * 1000, 3),
            "set_rows_ratio": round(roster_reset / floor, 2),
            "goals": goal_figures(goals),
        },
    )
    return 0 if all(p for _t, p in goals) or not args.fail_on_miss else 1


if __name__ == "__main__":
    sys.exit(main())
