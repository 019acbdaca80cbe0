"""Roster commands: import-roster and export-roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, logged_in, out
from circular_app.domain.errors import NotFoundError


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the roster commands to the command-line grammar."""
    p = sub.add_parser("import-roster", help="import a roster CSV (UTF-8 or CP932), all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    p = sub.add_parser("export-roster", help="export the roster as CSV that Excel opens")
    p.add_argument("file")


def _cmd_import_roster(app: App, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError("file.unreadable", path=path, reason=exc.strerror) from exc
    with logged_in(app, args) as services:
        if args.dry_run:
            plan = services.roster.preview_import(data, path.name)
            out(
                f"{path.name}: 追加 {len(plan.creates)} / 変更 {len(plan.changes)} / "
                f"転出 {len(plan.moved_out)} / 新しい班 {len(plan.new_han_names)}（変更していません）"
            )
            return EXIT_OK
        result = services.roster.import_roster(data, path.name)
    out(
        f"{path.name} ({result.encoding}) を取り込みました: 追加 {result.added} / 変更 {result.changed} / "
        f"転出 {result.moved_out} / 新しい班 {result.new_hans}"
    )
    return EXIT_OK


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
