"""Roster commands: import-roster and export-roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App, ProfileServices
from circular_app.cli.circulars import offer_lines
from circular_app.cli.common import EXIT_OK, Command, Parser, UsageError, logged_in, out, out_all
from circular_app.domain.errors import NotFoundError
from circular_app.domain.roster import Household
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
    p.add_argument(
        "--with-care-needs",
        action="store_true",
        help="add the 要配慮 columns (flag and note): 管理者 only, written to the audit trail",
    )

    p = sub.add_parser("roster", help="roster lists: 要配慮者 (管理者 and own 班長 only)")
    rs = p.add_subparsers(dest="roster_command", required=True, parser_class=Parser)
    a = rs.add_parser("care-needs", help="list the 要配慮 households you may see (audited)")
    a = rs.add_parser("care-need", help="flag a household as 要配慮 with a note, or clear the flag")
    a.add_argument("--household", required=True, help="household ID (the ID column of export-roster)")
    group = a.add_mutually_exclusive_group(required=True)
    group.add_argument("--note", help="a few words: 車いす, 耳が遠い, 2階で寝ている …")
    group.add_argument("--clear", action="store_true", help="remove the flag")

    p = sub.add_parser("watch-list", help="見守り: households whose recent circulars are all unconfirmed")
    p = sub.add_parser("watch-setting", help="見守り on or off (管理者 only)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--on", action="store_true")
    group.add_argument("--off", action="store_true")
    p.add_argument(
        "--after", type=int, default=3, help="circulars in a row without a confirmation (default 3)"
    )


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
            summary = (
                f"{path.name}: 追加 {len(plan.creates)} / 変更 {len(plan.changes)} / "
                f"転出 {len(plan.moved_out)} / 新しい班 {len(plan.new_han_names)}（変更していません）"
            )
            return out_all([summary, *_plan_notes(plan, path.name)])
        before = {h.id for h in services.roster.list_households()}
        result = services.roster.import_roster(data, path.name, route_order=route_order)
        joined = [h.id for h in services.roster.list_households() if h.id not in before]
        offers = offer_lines(services, joined)
    summary = (
        f"{path.name} ({result.encoding}) を取り込みました: 追加 {result.added} / 変更 {result.changed} / "
        f"転出 {result.moved_out} / 新しい班 {result.new_hans}"
    )
    return out_all([summary, *_plan_notes(plan, path.name), *offers])


def _plan_notes(plan: ImportPlan, source: str) -> list[str]:
    """What the preview and the import both say after their counts: route order, then languages."""
    return [*route_lines(plan), *language_lines(plan, source)]


def language_lines(plan: ImportPlan, source: str) -> list[str]:
    """「注意: 名簿.csv 4行目 [言語]: 言語『タイ語』は…」 for every 言語 that names no reader language."""
    return [f"注意: {source} {note.describe()}" for note in plan.language_notes]


def route_lines(plan: ImportPlan) -> list[str]:
    """「1班 試川 誠 1→6番」 for every existing household whose route number would change."""
    return [f"{m.han_name} {m.household.name} {m.old}→{m.new}番" for m in plan.route_moves]


def _cmd_export_roster(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        result = services.roster.export_roster(Path(args.file), with_care_needs=args.with_care_needs)
    label = "Shift_JIS (CP932)" if result.encoding == "cp932" else "UTF-8 (BOM付き)"
    out(f"{result.path} に {result.households} 世帯を書き出しました（文字コード: {label}）")
    if args.with_care_needs:
        out("要配慮の列を含みます。取り扱いに注意してください（監査ログに記録しました）")
    return EXIT_OK


def _household_by_public_id(services: ProfileServices, public_id: str) -> Household:
    found = next((h for h in services.roster.list_households() if h.public_id == public_id), None)
    if found is None:
        raise NotFoundError("roster.household_public_id_not_found", household=public_id)
    return found


def _cmd_roster(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        match args.roster_command:
            case "care-needs":
                lines = services.care.care_list()
                out(f"要配慮 {len(lines)} 世帯（班・回覧順）:")
                for line in lines:
                    phone = line.household.phone or "電話なし"
                    out(
                        f"  {line.household.public_id}\t{line.label}\t{line.household.name}\t{phone}\t{line.need.note}"
                    )
            case "care-need":
                household = _household_by_public_id(services, args.household)
                services.care.set_care_need(household.id, not args.clear, args.note or "")
                state = "要配慮の印を外しました" if args.clear else "要配慮として記録しました"
                out(f"{household.public_id}: {state}")
    return EXIT_OK


def _cmd_watch_list(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        settings = services.care.watch_settings()
        if not settings.enabled:
            out("見守りはオフです（管理者が watch-setting --on で使い始められます）")
            return EXIT_OK
        lines = services.care.watch_list()
    out(f"見守り（{settings.after}回続けて確認がない世帯）: {len(lines)} 世帯")
    for line in lines:
        out(f"  {line.household.public_id}\t{line.label}\t{line.household.name}\t{line.wording}")
    return EXIT_OK


def _cmd_watch_setting(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        stored = services.care.set_watch_settings(bool(args.on), args.after)
    if stored.enabled:
        out(f"見守りをオンにしました（{stored.after}回続けて確認がない世帯を表示します）")
    else:
        out("見守りをオフにしました")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "import-roster": _cmd_import_roster,
    "export-roster": _cmd_export_roster,
    "roster": _cmd_roster,
    "watch-list": _cmd_watch_list,
    "watch-setting": _cmd_watch_setting,
}
