"""Roster commands: import-roster and export-roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App
from circular_app.cli.circulars import offer_lines
from circular_app.cli.common import EXIT_OK, Command, UsageError, logged_in, out
from circular_app.domain.errors import NotFoundError
from circular_app.domain.roster_import import ImportPlan, RouteOrder


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the roster commands to the command-line grammar."""
    p = sub.add_parser("import-roster", help="import a roster CSV (UTF-8 or CP932), all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    p.add_argument(
        "--route-order",
        choices=[o.value for o in RouteOrder],
        help="rows whose 順番 is already another household's: insert there (the others move down) "
        "or go to the end of their 班; required when the file has such rows",
    )

    p = sub.add_parser("export-roster", help="export the roster as CSV that Excel opens")
    p.add_argument("file")


def _cmd_import_roster(app: App, args: argparse.Namespace) -> int:
    # Services are imported by the command that uses them: the GUI start parses this grammar.
    from circular_app.services.roster import collision_rows

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError("file.unreadable", path=path, reason=exc.strerror) from exc
    route_order = RouteOrder(args.route_order) if args.route_order else None
    with logged_in(app, args) as services:
        plan = services.roster.preview_import(data, path.name, route_order)
        if plan.needs_route_order:
            raise UsageError(
                "cli.route_order_required", source=path.name, rows=collision_rows(plan.collisions)
            )
        if args.dry_run:
            out(
                f"{path.name}: 追加 {len(plan.creates)} / 変更 {len(plan.changes)} / "
                f"転出 {len(plan.moved_out)} / 新しい班 {len(plan.new_han_names)}（変更していません）"
            )
            for line in route_lines(plan):
                out(line)
            return EXIT_OK
        before = {h.id for h in services.roster.list_households()}
        result = services.roster.import_roster(data, path.name, route_order=route_order)
        joined = [h.id for h in services.roster.list_households() if h.id not in before]
        offers = offer_lines(services, joined)
    out(
        f"{path.name} ({result.encoding}) を取り込みました: 追加 {result.added} / 変更 {result.changed} / "
        f"転出 {result.moved_out} / 新しい班 {result.new_hans}"
    )
    for line in route_lines(plan):
        out(line)
    for line in offers:
        out(line)
    return EXIT_OK


def route_lines(plan: ImportPlan) -> list[str]:
    """「1班 試川 誠 1→6番」 for every existing household whose route number would change."""
    return [f"{m.han_name} {m.household.name} {m.old}→{m.new}番" for m in plan.route_moves]


def _cmd_export_roster(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        result = services.roster.export_roster(Path(args.file))
    label = "Shift_JIS (CP932)" if result.encoding == "cp932" else "UTF-8 (BOM付き)"
    out(f"{result.path} に {result.households} 世帯を書き出しました（文字コード: {label}）")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "import-roster": _cmd_import_roster,
    "export-roster": _cmd_export_roster,
}
