"""The city's KPI table over a city-sized hub, beside one raw GROUP BY query of the same figures.

For each backend (SQLite file, PostgreSQL in a database of its own, dropped afterwards) a
fresh hub database is migrated and bulk-filled with Kanazawa's magnitudes: 62 校下,
1,350 associations (a quarter without internet, reporting by signed file), 60 monthly adoption
reports each (5 years: 81,000 rows), hub records of real use (a circular, a household and a
「読みました」) for a third of the online associations, a few declared apps (結ネット等) and a
few revoked associations. Then, interleaved, after one warm-up each:

1. ``KpiService.table(FY)`` — what ``hub kpi`` and ``GET /api/v1/city/kpi`` compute: every 校下
   with its counts, households, adoption month and status, the monthly series, the surveys;
2. one raw SQL statement (CTEs and a final ``GROUP BY`` per 校下) computing the same per-校下
   figures (registered, adopting, households, digital households, adoption month).

The two results are compared (they must agree) and the median times printed with their ratio.
Goal: the KPI table under 200 ms on either backend and at most 2x the raw query. Usage::

    python benchmarks/kpi_aggregate.py [--runs 15] [--backends sqlite,postgresql]
        [--pg-url postgresql://postgres@127.0.0.1:5432/test] [--fail-on-miss]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from _common import (
    Sample,
    add_backend_arguments,
    backends,
    emit_json,
    json_output,
    print_table,
    scratch_database,
    verdict,
)
from sqlalchemy import Engine, insert, text

from circular_app.hub.services.kpi import KpiService
from circular_app.hub.services.kpi_values import JST, KpiTable, fy_last_month, month_of, months
from circular_app.hub.storage.database import Sessions, create_hub_engine, migrate
from circular_app.hub.storage.models import (
    AdoptionReportRow,
    AssociationRow,
    AssociationTokenRow,
    CircularRow,
    ConfirmationRow,
    DeclaredAppRow,
    HouseholdRow,
    OfflineEnrollmentRow,
    RecipientRow,
    SchoolDistrictRow,
)

DISTRICTS, ASSOCIATIONS, MONTHS = 62, 1350, 60
CHUNK = 5000
GOAL_MS, GOAL_RATIO = 200.0, 2.0

# One statement: evidence per association (signed reports meeting the default rule, the first
# 「読みました」 in Japan time, declared apps), each association's latest report, then per 校下.
_RAW = """
WITH ev AS (
    SELECT association_id, month FROM adoption_report
     WHERE via = 'file' AND digital_circulars_published > 0 AND digital_confirmation_rate > 0
       AND month <= :last
    UNION ALL
    SELECT association_id, {confirmed_month} FROM confirmation GROUP BY association_id
    UNION ALL
    SELECT association_id, since_month FROM declared_app
),
fst AS (SELECT association_id, MIN(month) AS month FROM ev WHERE month <= :last GROUP BY association_id),
lst AS (SELECT association_id, MAX(month) AS month FROM adoption_report WHERE month <= :last
        GROUP BY association_id),
latest AS (
    SELECT r.association_id, r.households_total, r.households_digital
      FROM adoption_report r JOIN lst ON lst.association_id = r.association_id AND lst.month = r.month
)
SELECT d.name,
       SUM(CASE WHEN a.id IS NOT NULL AND a.revoked_at IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.revoked_at IS NULL AND fst.month IS NOT NULL THEN 1 ELSE 0 END),
       COALESCE(SUM(CASE WHEN a.revoked_at IS NULL THEN latest.households_total END), 0),
       COALESCE(SUM(CASE WHEN a.revoked_at IS NULL THEN latest.households_digital END), 0),
       MIN(fst.month)
  FROM school_district d
  LEFT JOIN association a ON a.school_district_id = d.id
  LEFT JOIN fst ON fst.association_id = a.id
  LEFT JOIN latest ON latest.association_id = a.id
 GROUP BY d.name
 ORDER BY d.name
"""
_CONFIRMED_MONTH = {
    "sqlite": "strftime('%Y-%m', MIN(confirmed_at), '+9 hours')",
    "postgresql": "to_char(MIN(confirmed_at) + interval '9 hours', 'YYYY-MM')",
}


@contextmanager
def database(backend: str, pg_url: str, folder: Path) -> Iterator[str]:
    """A fresh database URL (PostgreSQL: a database of its own, dropped afterwards)."""
    with scratch_database(backend, pg_url, folder / "kpi.db", "kairan_kpi_bench") as url:
        yield url


def _insert(engine: Engine, table: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(table), rows[start : start + CHUNK])


def fill(engine: Engine, now: dt.datetime) -> int:
    """Bulk-insert the city; returns the number of report rows."""
    rng = random.Random(20260601)
    created = now - dt.timedelta(days=6 * 365)
    _insert(
        engine,
        SchoolDistrictRow.__table__,
        [{"id": d + 1, "name": f"第{d + 1:02d}校下", "created_at": created} for d in range(DISTRICTS)],
    )
    associations = []
    for a in range(ASSOCIATIONS):
        associations.append(
            {
                "id": a + 1,
                "public_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "name": f"町会{a + 1:04d}",
                "school_district_id": a % DISTRICTS + 1,
                "created_at": created,
                "revoked_at": now if a % 150 == 7 else None,
            }
        )
    _insert(engine, AssociationRow.__table__, associations)
    offline = {a["id"] for a in associations if a["id"] % 4 == 0}
    online = [a["id"] for a in associations if a["id"] not in offline]
    _insert(
        engine,
        OfflineEnrollmentRow.__table__,
        [{"association_id": i, "public_key": f"key{i:05d}", "enrolled_at": created} for i in sorted(offline)],
    )
    _insert(
        engine,
        AssociationTokenRow.__table__,
        [{"association_id": i, "token_hash": f"{i:064x}", "created_at": created} for i in online],
    )
    last = now.replace(tzinfo=dt.UTC).astimezone(JST).strftime("%Y-%m")
    first = months("2000-01", last)[-MONTHS]
    span = months(first, last)
    reports = []
    for a in associations:
        households = rng.randint(20, 1000)
        # Some associations never publish digitally; the others start in a month of the span.
        start = rng.randrange(MONTHS + 20)
        for index, month in enumerate(span):
            year, number = int(month[:4]), int(month[5:])
            active = index >= start
            digital = min(households, (index - start + 1) * households // 80) if active else 0
            reports.append(
                {
                    "association_id": a["id"],
                    "month": month,
                    "report_id": uuid.UUID(int=rng.getrandbits(128)).hex,
                    "fiscal_year": year if number >= 4 else year - 1,
                    "households_total": households,
                    "households_digital": digital,
                    "digital_circulars_published": (index - start + 1) % 12 if active else 0,
                    "digital_confirmation_rate": 0.6 if active and index > start else 0.0,
                    "generated_at": created,
                    "received_at": created,
                    "via": "file" if a["id"] in offline else "sync",
                }
            )
    _insert(engine, AdoptionReportRow.__table__, reports)
    # Real use on the hub for a third of the online associations: a circular, a household, a tap.
    used = online[::3]
    _insert(
        engine,
        HouseholdRow.__table__,
        [
            {
                "id": i,
                "association_id": i,
                "key": "h1",
                "label": "1班-1",
                "active": True,
                "updated_at": created,
            }
            for i in used
        ],
    )
    circulars, recipients, confirmations = [], [], []
    for i in used:
        when = now - dt.timedelta(days=rng.randrange(5 * 365))
        circulars.append(
            {
                "id": i,
                "association_id": i,
                "key": "c1",
                "number": 1,
                "fiscal_year": 2025,
                "title": "お知らせ",
                "body": "本文",
                "category": "notice",
                "issue_date": when.date(),
                "due_date": when.date(),
                "urgency": "normal",
                "version": 1,
                "published_at": when,
                "correction_note": "",
            }
        )
        recipients.append({"circular_id": i, "household_id": i})
        confirmations.append(
            {
                "association_id": i,
                "circular_id": i,
                "household_id": i,
                "version": 1,
                "confirmed_at": when + dt.timedelta(hours=rng.randrange(1, 200)),
                "device": "web/phone",
            }
        )
    _insert(engine, CircularRow.__table__, circulars)
    _insert(engine, RecipientRow.__table__, recipients)
    _insert(engine, ConfirmationRow.__table__, confirmations)
    _insert(
        engine,
        DeclaredAppRow.__table__,
        [
            {
                "association_id": i,
                "app": "結ネット",
                "since_month": span[i % MONTHS],
                "households": 100,
                "declared_at": created,
            }
            for i in online[1::60]
        ],
    )
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return len(reports)


def raw_figures(engine: Engine, last: str) -> list[tuple[Any, ...]]:
    """The per-校下 figures in one statement."""
    statement = text(_RAW.format(confirmed_month=_CONFIRMED_MONTH[engine.dialect.name]))
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(statement, {"last": last})]


def kpi_figures(table: KpiTable) -> list[tuple[Any, ...]]:
    """The same figures from the KPI table."""
    return [
        (
            r.school_district,
            r.registered_associations,
            r.adopting_associations,
            r.households,
            r.digital_households,
            r.adopted_since,
        )
        for r in table.rows
    ]


def _timed(function: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start

    return run


def bench_backend(
    backend: str, args: argparse.Namespace, folder: Path
) -> tuple[Sample, Sample, bool, int, float]:
    """Fill a fresh database and time both computations, interleaved."""
    with database(backend, args.pg_url, folder) as db_url:
        engine = create_hub_engine(db_url, pool_size=2)
        try:
            migrate(engine)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            started = time.perf_counter()
            reports = fill(engine, now)
            fill_seconds = time.perf_counter() - started
            kpi = KpiService(Sessions.for_engine(engine))
            year = kpi.default_fiscal_year()
            last = min(fy_last_month(year), month_of(now))
            table = kpi.table(year)
            agree = kpi_figures(table) == raw_figures(engine, last)
            kpi_runs: list[float] = []
            raw_runs: list[float] = []
            run_kpi = _timed(lambda: kpi.table(year))
            run_raw = _timed(lambda: raw_figures(engine, last))
            run_kpi(), run_raw()  # warm-up
            for _ in range(args.runs):
                kpi_runs.append(run_kpi())
                raw_runs.append(run_raw())
            return Sample(tuple(kpi_runs)), Sample(tuple(raw_runs)), agree, reports, fill_seconds
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 with --fail-on-miss when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each (median reported)")
    add_backend_arguments(parser)
    args = parser.parse_args(argv)
    if not 3 <= args.runs <= 1000:
        parser.error("--runs 3..1000")
    out = json_output(args)
    ok = True
    rows = []
    figures: dict[str, object] = {"runs": args.runs, "associations": ASSOCIATIONS, "months": MONTHS}
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        for backend in backends(args.backends):
            try:
                kpi, raw, agree, reports, fill_seconds = bench_backend(backend, args, Path(tmp))
            except (OSError, psycopg.OperationalError) as exc:  # e.g. PostgreSQL not running: say so, go on
                print(f"{backend}: skipped ({type(exc).__name__}: {exc})")
                ok = False
                continue
            ratio = kpi.median / raw.median if raw.median else 0.0
            good = agree and kpi.median * 1000 < GOAL_MS and ratio <= GOAL_RATIO
            ok = ok and good
            figures.update(
                {
                    f"{backend}_kpi_ms": round(kpi.median * 1000, 2),
                    f"{backend}_raw_ms": round(raw.median * 1000, 2),
                    f"{backend}_ratio": round(ratio, 2),
                    f"{backend}_same_figures": agree,
                    f"{backend}_goal_met": good,
                }
            )
            rows.append(
                [
                    backend,
                    f"{reports:,} ({fill_seconds:.1f} s)",
                    f"{kpi.median * 1000:.1f} ms",
                    f"{raw.median * 1000:.1f} ms",
                    f"{ratio:.2f}x",
                    "yes" if agree else "NO",
                    verdict(good),
                ]
            )
    print_table(
        f"KPI table, {DISTRICTS} 校下 × {ASSOCIATIONS:,} associations × {MONTHS} monthly reports, "
        f"median of {args.runs} (goal: < {GOAL_MS:.0f} ms and ≤ {GOAL_RATIO:.0f}x the raw GROUP BY)",
        ["backend", "reports (bulk fill)", "KPI table", "raw GROUP BY", "ratio", "same figures", "goal"],
        rows,
    )
    emit_json(out, {**figures, "goals_met": ok})
    return 1 if args.fail_on_miss and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
