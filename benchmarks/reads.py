"""The reader matrix and the entry of a returned sheet at scale, beside same-run baselines.

Data: one encrypted profile with 1,000 households in 50 班 of 20 and 200 published circulars
of this fiscal year, about 85 % of the cells read (paper or digital), built with bulk inserts
straight into the tables (the data is what is measured against, not how it got there).

Open (goal: under 300 ms to the first painted frame): ``ReaderService.grid`` +
``ReaderMatrixModel.set_matrix`` + a grab of the shown ``MatrixView`` (headers and viewport
painted), beside a bare ``QAbstractTableModel`` over precomputed strings, reset and grabbed
the same way, with no database. For reference, the same through the full
``ReaderService.matrix`` (one object per record), measured once.

Paint (goal: under 5 ms per full viewport, so scrolling never stutters): the mean of
``view.viewport().grab()`` over many grabs (scrolling between them), beside the same view over
an empty model and over the bare model (which Qt's item delegate paints).

Everything runs with the app's own font and style sheet applied, as in the app.

Record (goal: under 50 ms): ``ReaderService.record`` of a whole 班 of 20 paper stamps (one
transaction with history and audit entry), beside a bare insert of the same 20 rows.

Usage: ``.venv/bin/python benchmarks/reads.py [--runs 7] [--paints 200]``
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from _common import (
    Sample,
    emit_json,
    goal_figures,
    gui_bench_arguments,
    json_output,
    offscreen_qapp,
    print_table,
    sample,
    shown,
    timed,
    verdict,
)
from roster import BareTableModel  # the same floor as the roster table's benchmark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel
from sqlalchemy import insert, select

from circular_app.app import App, ProfileServices
from circular_app.domain.calendar import fiscal_year, fiscal_year_bounds
from circular_app.domain.reads import Channel
from circular_app.services.reads import ReadEntry
from circular_app.storage.keyfile import KdfParams
from circular_app.storage.models import CircularRecipientRow, CircularRow, HanRow, HouseholdRow, ReadRecordRow
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.matrix_model import ReaderMatrixModel
from circular_app.ui.reads.matrix_view import MatrixView

OPEN_GOAL_S = 0.300
PAINT_GOAL_S = 0.005
RECORD_GOAL_S = 0.050
KDF = KdfParams(n=2**14)  # as in the roster benchmark: the key derivation is not measured
HOUSEHOLDS, HANS, CIRCULARS = 1000, 50, 200
READ_SHARE = 0.85
FREE_HANS = 2  # 班 left unread everywhere: the record benchmark and its baseline stamp into them


def build(services: ProfileServices) -> tuple[list[int], list[int], list[list[int]]]:
    """Bulk-insert the roster, circulars and reads; return circular ids, and the free 班's routes."""
    rng = random.Random(2026)
    today = dt.date.today()
    first, _last = fiscal_year_bounds(fiscal_year(today))
    now = dt.datetime.now()
    per_han = HOUSEHOLDS // HANS
    with services.context.sessions.begin() as session:
        session.execute(insert(HanRow), [{"name": f"{i}班", "position": i} for i in range(1, HANS + 1)])
        han_ids = list(session.scalars(select(HanRow.id).order_by(HanRow.position)))
        session.execute(
            insert(HouseholdRow),
            [
                {
                    "public_id": f"bench{i:05d}",
                    "name": f"見本 {i}",
                    "reading": "",
                    "han_id": han_ids[i // per_han],
                    "route_position": i % per_han + 1,
                    "delivery": "digital" if i % 3 == 0 else "paper",
                    "large_print": False,
                    "language": "ja",
                    "phone": "",
                    "email": "",
                    "notes": "",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(HOUSEHOLDS)
            ],
        )
        # Spread over the year up to today, newest last, so due dates are partly past.
        span = max(1, (today - first).days)
        session.execute(
            insert(CircularRow),
            [
                {
                    "number": n + 1,
                    "fiscal_year": fiscal_year(today),
                    "status": "published",
                    "title": f"ベンチの回覧 その{n + 1}",
                    "body": "本文",
                    "search_text": "",
                    "issue_date": first + dt.timedelta(days=n * span // CIRCULARS),
                    "due_date": first + dt.timedelta(days=n * span // CIRCULARS + 14),
                    "created_at": now,
                    "updated_at": now,
                    "published_at": now,
                }
                for n in range(CIRCULARS)
            ],
        )
        circular_ids = list(session.scalars(select(CircularRow.id).order_by(CircularRow.id)))
        households = list(
            session.execute(select(HouseholdRow.id, HouseholdRow.han_id, HouseholdRow.delivery))
        )
        # Each circular's audience fixed at publication, as CircularService.publish records it.
        positions = {i: p for i, p in session.execute(select(HouseholdRow.id, HouseholdRow.route_position))}
        snapshot = [
            {
                "circular_id": c,
                "household_id": h,
                "han_id": han,
                "route_position": positions[h],
                "delivery": delivery,
                "source": "publish",
                "added_at": now,
                "added_by": "bench",
            }
            for c in circular_ids
            for h, han, delivery in households
        ]
        for start in range(0, len(snapshot), 50_000):
            session.execute(insert(CircularRecipientRow), snapshot[start : start + 50_000])
        free = set(han_ids[:FREE_HANS])
        rows = [
            {
                "circular_id": c,
                "household_id": h,
                "channel": delivery,
                "read_on": first,
                "recorded_by": "bench",
                "recorded_at": now,
            }
            for c in circular_ids
            for h, han, delivery in households
            if han not in free and rng.random() < READ_SHARE
        ]
        for start in range(0, len(rows), 50_000):
            session.execute(insert(ReadRecordRow), rows[start : start + 50_000])
    routes = [[h for h, han, _d in households if han == free_han] for free_han in han_ids[:FREE_HANS]]
    print(f"built {HOUSEHOLDS} households, {CIRCULARS} circulars, {len(rows)} read records\n")
    return circular_ids, routes[0], routes[1:]


def _view(model: QAbstractItemModel) -> MatrixView:
    return shown(MatrixView(), model)


def bench_open(
    services: ProfileServices, runs: int
) -> tuple[Sample, Sample, Sample, float, list[tuple[str, ...]]]:
    """(service + model + first frame, model alone, bare model + frame, full-matrix once, cells)."""
    model = ReaderMatrixModel(history=services.reads.history)
    view = _view(model)

    def open_matrix() -> None:
        model.set_matrix(services.reads.grid())
        view.fit_to_font()
        view.grab()

    grid = services.reads.grid()
    opened = sample(lambda: timed(open_matrix), runs)
    model_only = sample(lambda: timed(lambda: model.set_matrix(grid)), runs)
    cells = [
        tuple(str(model.data(model.index(r, c))) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    bare = BareTableModel(CIRCULARS)
    bare_view = _view(bare)

    def open_bare() -> None:
        bare.reset(list(cells))
        bare_view.grab()

    baseline = sample(lambda: timed(open_bare), runs)
    full = timed(lambda: (model.set_matrix(services.reads.matrix()), view.grab()))
    view.close()
    bare_view.close()
    return opened, model_only, baseline, full, cells


def bench_paint(
    services: ProfileServices, cells: list[tuple[str, ...]], paints: int
) -> list[tuple[str, float]]:
    """Mean seconds per full-viewport grab: the matrix, an empty model, the bare model."""
    matrix = ReaderMatrixModel()
    matrix.set_matrix(services.reads.grid())
    empty = ReaderMatrixModel()
    bare = BareTableModel(CIRCULARS)
    bare.reset(cells)
    results = []
    for label, model in (
        ("ReaderMatrixModel (1,000 x 200)", matrix),
        ("empty model (baseline)", empty),
        ("bare model over strings", bare),
    ):
        view = _view(model)
        viewport = view.viewport()
        for _ in range(5):
            viewport.grab()
        start = time.perf_counter()
        for i in range(paints):
            # Scroll a little between grabs so that every paint is of different cells.
            view.verticalScrollBar().setValue((i * 7) % max(1, view.verticalScrollBar().maximum()))
            viewport.grab()
        results.append((label, (time.perf_counter() - start) / paints))
        view.close()
    return results


def bench_record(
    services: ProfileServices, circular_ids: list[int], route: list[int], other: list[int], runs: int
) -> tuple[Sample, Sample]:
    """ReaderService.record of one 班 (20 stamps) vs a bare insert of 20 rows, each on a new circular."""
    reads = services.reads
    today = dt.date.today()
    circulars = iter(circular_ids)

    def record() -> float:
        circular_id = next(circulars)
        entries = [ReadEntry(h, Channel.PAPER, today) for h in route]
        return timed(lambda: reads.record(circular_id, entries))

    bare_circulars = iter(circular_ids)

    def bare_insert() -> float:
        circular_id = next(bare_circulars)
        rows = [
            {
                "circular_id": circular_id,
                "household_id": h,
                "channel": "paper",
                "read_on": today,
                "recorded_by": "bench",
                "recorded_at": dt.datetime.now(),
            }
            for h in other
        ]

        def insert_rows() -> None:
            with services.context.sessions.begin() as session:
                session.execute(insert(ReadRecordRow), rows)

        return timed(insert_rows)

    return sample(record, runs), sample(bare_insert, runs)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the tables and the goals; exit 1 with --fail-on-miss if one is missed."""
    args = gui_bench_arguments(
        argv,
        __doc__.splitlines()[0],
        lambda p: p.add_argument("--paints", type=int, default=200, help="viewport grabs averaged per model"),
    )
    out = json_output(args)
    _qapp = offscreen_qapp()  # alive until the end
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        app = App.build(Path(tmp) / "data", kdf=KDF)
        # The app's own font and style sheet: text drawing cost depends on them.
        Appearance(_qapp, app.paths).apply(Look())
        created = app.profiles.create_profile("ベンチ町会", "ベンチ校下", "kaichou", "bench-password-1")
        services = app.services_for(created.context)
        try:
            circular_ids, route, others = build(services)
            opened, model_only, bare_open, full, cells = bench_open(services, args.runs)
            paints = bench_paint(services, cells, args.paints)
            recorded, bare_record = bench_record(services, circular_ids, route, others[0], args.runs)
        finally:
            services.context.close()

    print_table(
        f"Open the matrix: {HOUSEHOLDS} households x {CIRCULARS} circulars to the first painted frame, "
        f"median of {args.runs}",
        ["", "median", "range", "ratio"],
        [
            [
                "bare model reset + grab, no database (baseline)",
                _ms(bare_open.median),
                bare_open.spread,
                "1.00x",
            ],
            [
                "ReaderService.grid + set_matrix + grab",
                _ms(opened.median),
                opened.spread,
                f"{opened.median / bare_open.median:.2f}x",
            ],
            ["  of which set_matrix alone", _ms(model_only.median), model_only.spread, ""],
            [
                "ReaderService.matrix + set_matrix + grab (once)",
                _ms(full),
                "",
                f"{full / bare_open.median:.2f}x",
            ],
        ],
    )
    empty_paint = paints[1][1]
    print_table(
        f"Paint one full viewport (1200 x 800 view), mean of {args.paints} grabs",
        ["", "per paint", "ratio"],
        [[label, f"{seconds * 1000:.2f} ms", f"{seconds / empty_paint:.2f}x"] for label, seconds in paints],
    )
    print_table(
        f"Record a whole 班 of {len(route)} paper stamps, median of {args.runs}",
        ["", "median", "range", "ratio"],
        [
            [
                f"bare insert of {len(route)} rows (baseline)",
                _ms(bare_record.median),
                bare_record.spread,
                "1.00x",
            ],
            [
                "ReaderService.record",
                _ms(recorded.median),
                recorded.spread,
                f"{recorded.median / bare_record.median:.2f}x",
            ],
        ],
    )
    matrix_paint = paints[0][1]
    goals = [
        (f"open {_ms(opened.median)} < {OPEN_GOAL_S * 1000:.0f} ms", opened.median < OPEN_GOAL_S),
        (f"paint {matrix_paint * 1000:.2f} ms < {PAINT_GOAL_S * 1000:.0f} ms", matrix_paint < PAINT_GOAL_S),
        (f"record {_ms(recorded.median)} < {RECORD_GOAL_S * 1000:.0f} ms", recorded.median < RECORD_GOAL_S),
    ]
    for text, passed in goals:
        print(f"  goal {text}: {verdict(passed)}")
    emit_json(
        out,
        {
            "households": HOUSEHOLDS,
            "circulars": CIRCULARS,
            "runs": args.runs,
            "open_ms": round(opened.median * 1000, 2),
            "open_ratio": round(opened.median / bare_open.median, 2),
            "paint_ms": round(matrix_paint * 1000, 3),
            "paint_ratio": round(matrix_paint / empty_paint, 2),
            "record_ms": round(recorded.median * 1000, 2),
            "record_ratio": round(recorded.median / bare_record.median, 2),
            "goals": goal_figures(goals),
        },
    )
    return 0 if all(p for _t, p in goals) or not args.fail_on_miss else 1


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    sys.exit(main())
