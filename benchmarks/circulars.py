"""Circular list load and search with 2,000 circulars, beside baselines measured in the same run.

List load (goal: under 200 ms): what the 「回覧」 page does when it opens or a filter changes:
``CircularService.list_circulars`` on the encrypted profile plus ``CircularTableModel.set_rows``
into a shown table view. Beside it, the same strings put into a ``QStandardItemModel`` row by
row (the usual quick alternative) and a bare ``QAbstractTableModel`` reset (the floor), each
with a shown view, and the service query alone.

Search (goal: under 100 ms): one refresh of the page with a search word typed in half-width
katakana (``ｺﾞﾐ``, which must find ごみ), i.e. the query with the folded search key and the
model reset; beside it, a plain Python substring scan over 2,000 precomputed keys (the floor
of any in-memory search) and the query alone.

The 2,000 circulars (five fiscal years, mostly closed, a few drafts) are inserted in one
transaction directly, untimed.

Usage: ``.venv/bin/python benchmarks/circulars.py [--runs 7] [--circulars 2000]``
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
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
    sample,
    shown,
    timed,
    verdict,
)
from roster import BareTableModel  # the same floor as the roster benchmark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from circular_app.app import App, ProfileServices
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.circulars import Category, Status
from circular_app.domain.text import search_key
from circular_app.storage.keyfile import KdfParams
from circular_app.storage.models import CircularRow
from circular_app.ui.compose.circular_list import CircularListPage, CircularTableModel, Column

LOAD_GOAL_S = 0.200
SEARCH_GOAL_S = 0.100
KDF = KdfParams(n=2**14)  # the key derivation is not what is measured
QUERY = "ｺﾞﾐ"

_SUBJECTS = [
    (
        "ごみ集積所の利用についてのお願い",
        "ごみは収集日の朝8時までに出してください。ネットを必ずかけてください。",
    ),
    ("町内一斉清掃のお知らせ", "町内の一斉清掃を行います。軍手とほうきをお持ちください。"),
    ("秋祭りのご案内", "子ども神輿の参加者を募集しています。"),
    ("防災訓練のご案内", "避難の練習と消火器の使い方を学びます。"),
    ("町会総会のお知らせ", "総会を公民館で開きます。委任状の提出をお願いします。"),
    ("見守りボランティアの募集", "登下校の見守りに1日だけでもご協力ください。"),
    ("回覧板の回し方について", "読んだら印を押して次の家へ回してください。"),
]


def populate(services: ProfileServices, count: int, today: dt.date) -> None:
    """Insert ``count`` circulars over five fiscal years in one transaction."""
    categories = list(Category)
    numbers: dict[int, int] = {}
    rows = []
    for i in range(count):
        issue = today - dt.timedelta(days=(count - i) * 5 * 365 // count)
        title, body = _SUBJECTS[i % len(_SUBJECTS)]
        title = f"{title}（{i + 1}）"
        body = (
            f"{body}\n\n- 日時：{issue.month}月{issue.day}日\n- 場所：見本公民館\n\n"
            + "ご協力をお願いします。" * 8
        )
        draft = i >= count - 3
        fy = fiscal_year(issue)
        if not draft:
            numbers[fy] = numbers.get(fy, 0) + 1
        status = Status.DRAFT if draft else (Status.PUBLISHED if i >= count - 20 else Status.CLOSED)
        rows.append(
            CircularRow(
                number=None if draft else numbers[fy],
                fiscal_year=None if draft else fy,
                status=status.value,
                title=title,
                body=body,
                search_text=search_key(f"{title}\n{body}"),
                category=categories[i % len(categories)].value,
                sender_title="会長",
                sender_name="見本 会長",
                issue_date=issue,
                due_date=issue + dt.timedelta(days=14),
                version=2 if i % 50 == 0 else 1,
                urgency="urgent" if i % 40 == 0 else "normal",
            )
        )
    with services.context.sessions.begin() as session:
        session.add_all(rows)


def _show(model: Any) -> QTableView:
    return shown(QTableView(), model)


def _painted(action: Any) -> float:
    """Seconds for ``action`` plus the event-loop pass that lays out and paints the view."""

    def both() -> None:
        action()
        QApplication.processEvents()

    return timed(both)


def bench_load(services: ProfileServices, runs: int, today: dt.date) -> list[tuple[str, Sample]]:
    """(label, sample) for the list load and its baselines."""
    circulars = services.circulars
    hans = services.roster.list_hans()
    model = CircularTableModel()
    model_view = _show(model)
    rows = circulars.list_circulars()
    model.set_rows(rows, hans, today)
    cells = [tuple(model.cell_text(r, c) for c in range(len(Column))) for r in range(model.rowCount())]

    bare = BareTableModel(len(Column))
    bare_view = _show(bare)
    standard = QStandardItemModel(0, len(Column))
    standard_view = _show(standard)

    def fill_standard() -> None:
        standard.removeRows(0, standard.rowCount())
        for row in cells:
            # insertRow, not appendRow: see benchmarks/roster.py (PySide6 6.12 reference bug).
            standard.insertRow(standard.rowCount(), [QStandardItem(text) for text in row])

    results = [
        (
            "list_circulars + CircularTableModel.set_rows (+ paint)",
            sample(lambda: _painted(lambda: model.set_rows(circulars.list_circulars(), hans, today)), runs),
        ),
        ("  of which list_circulars (query)", sample(lambda: timed(circulars.list_circulars), runs)),
        (
            "  of which CircularTableModel.set_rows (+ paint)",
            sample(lambda: _painted(lambda: model.set_rows(rows, hans, today)), runs),
        ),
        ("QStandardItemModel filled row by row (+ paint)", sample(lambda: _painted(fill_standard), runs)),
        (
            "bare QAbstractTableModel reset (+ paint)",
            sample(lambda: _painted(lambda: bare.reset(list(cells))), runs),
        ),
    ]
    for view in (model_view, bare_view, standard_view):
        view.close()
    return results


def bench_search(services: ProfileServices, runs: int) -> tuple[list[tuple[str, Sample]], int]:
    """(label, sample) for a search refresh of the page and its baselines; and the hit count."""
    page = CircularListPage(services)
    page.resize(1300, 800)
    page.show()
    QApplication.processEvents()

    def search() -> None:
        page.set_filters(search=QUERY)

    def clear() -> None:
        page.set_filters(search="")
        QApplication.processEvents()

    def one_search() -> float:
        clear()
        return _painted(search)

    keys = [search_key(f"{c.title}\n{c.body}") for c in services.circulars.list_circulars()]
    folded = search_key(QUERY)
    results = [
        ("CircularListPage search refresh (+ paint)", sample(one_search, runs)),
        (
            "  of which list_circulars(search=...) (query)",
            sample(lambda: timed(lambda: services.circulars.list_circulars(search=QUERY)), runs),
        ),
        (
            "substring scan over precomputed keys (floor)",
            sample(lambda: timed(lambda: [k for k in keys if folded in k]), runs),
        ),
    ]
    search()
    hits = page.model.rowCount()
    page.close()
    return results, hits


def main(argv: list[str] | None = None) -> int:
    """Measure, print both tables and the goals; exit 1 with --fail-on-miss if one is missed."""
    args = gui_bench_arguments(
        argv, __doc__.splitlines()[0], lambda p: p.add_argument("--circulars", type=int, default=2000)
    )
    out = json_output(args)
    _qapp = offscreen_qapp()  # alive until the end
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        app = App.build(Path(tmp) / "data", kdf=KDF)
        created = app.profiles.create_profile("ベンチ町会", "ベンチ校下", "kaichou", "bench-password-1")
        services = app.services_for(created.context)
        try:
            populate(services, args.circulars, today)
            loads = bench_load(services, args.runs, today)
            searches, hits = bench_search(services, args.runs)
        finally:
            services.context.close()

    standard = loads[3][1].median
    print_table(
        f"Circular list load: {args.circulars} circulars, shown QTableView, median of {args.runs}",
        ["", "median", "range", "vs QStandardItemModel"],
        [[label, f"{s.median * 1000:.1f} ms", s.spread, f"{s.median / standard:.2f}x"] for label, s in loads],
    )
    floor = searches[2][1].median
    print_table(
        f"Search {QUERY!r} over {args.circulars} circulars ({hits} found), median of {args.runs}",
        ["", "median", "range", "vs floor"],
        [[label, f"{s.median * 1000:.2f} ms", s.spread, f"{s.median / floor:.1f}x"] for label, s in searches],
    )
    load, search = loads[0][1].median, searches[0][1].median
    goals = [
        (f"list load {load * 1000:.1f} ms < {LOAD_GOAL_S * 1000:.0f} ms", load < LOAD_GOAL_S),
        (f"search {search * 1000:.1f} ms < {SEARCH_GOAL_S * 1000:.0f} ms", search < SEARCH_GOAL_S),
    ]
    for text, passed in goals:
        print(f"  goal {text}: {verdict(passed)}")
    emit_json(
        out,
        {
            "circulars": args.circulars,
            "runs": args.runs,
            "list_load_ms": round(load * 1000, 2),
            "list_load_ratio": round(load / standard, 2),
            "search_ms": round(search * 1000, 2),
            "search_ratio": round(search / floor, 2),
            "search_hits": hits,
            "goals": goal_figures(goals),
        },
    )
    return 0 if all(p for _t, p in goals) or not args.fail_on_miss else 1


if __name__ == "__main__":
    sys.exit(main())
