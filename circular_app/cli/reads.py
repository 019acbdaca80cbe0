"""Read commands: record-read, read-status and reminder."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, han_ids, logged_in, out, parse_date
from circular_app.domain.calendar import wareki
from circular_app.domain.errors import NotFoundError
from circular_app.domain.reads import Channel


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the read commands to the command-line grammar."""
    p = sub.add_parser("record-read", help="record a returned stamp or a confirmation")
    p.add_argument("--circular", type=int, required=True, help="回覧No. (this fiscal year unless --year)")
    p.add_argument("--year", type=int)
    p.add_argument("--household", required=True, help="household ID (the ID column of export-roster)")
    p.add_argument("--channel", choices=[c.value for c in Channel], required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")

    p = sub.add_parser("read-status", help="read rate, unread households and stuck boards of a circular")
    p.add_argument("--circular", type=int, required=True, help="回覧No.")
    p.add_argument("--year", type=int)

    p = sub.add_parser(
        "reminder", help="督促シート: the unread households of one or several 班 (one PDF, a page per 班)"
    )
    p.add_argument("--circular", type=int, required=True, help="回覧No.")
    p.add_argument("--year", type=int)
    p.add_argument("--han", default="all", help="all (default: every 班 the circular goes to), or e.g. 1,3")
    p.add_argument("--out", required=True, help="the PDF file to write")


def _cmd_record_read(app: App, args: argparse.Namespace) -> int:
    # Services are imported by the command that uses them: the GUI start parses this grammar.
    from circular_app.services.reads import ReadEntry

    with logged_in(app, args) as services:
        circular = services.circulars.by_number(args.circular, args.year)
        household = next(
            (h for h in services.roster.list_households() if h.public_id == args.household), None
        )
        if household is None:
            raise NotFoundError("roster.household_public_id_not_found", household=args.household)
        day = parse_date(args.date, "--date") if args.date else dt.date.today()
        (record,) = services.reads.record(circular.id, [ReadEntry(household.id, Channel(args.channel), day)])
        # A pair already recorded keeps its first time: say so rather than pretend.
        verb = (
            "を既読にしました"
            if record.read_on == day and record.channel.value == args.channel
            else "は既に既読です"
        )
        out(
            f"{circular.label}: {household.public_id} {verb}（{record.channel.label_ja}、{wareki(record.read_on, weekday=True)}）"
        )
    return EXIT_OK


def _cmd_read_status(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        status = services.reads.circular_status_by_number(args.circular, args.year)
        c = status.circular
        out(f"{c.label} {c.title}")
        out(f"既読率: {status.rate.percent_text}{'　期限切れ・未読あり' if status.overdue else ''}")
        for han, rate in status.per_han:
            out(f"  {han.name}: {rate.percent_text}")
        hans = {h.id: h.name for h in services.roster.list_hans()}
        out(f"未読 {len(status.unread)} 世帯:")
        for h in status.unread:
            phone = f"　{h.phone}" if h.phone else ""
            out(f"  {hans.get(h.han_id, '')}\t{h.public_id}\t{h.name}{phone}")
        for board in status.stuck:
            out(f"止まっている回覧板: {board.describe()}")
    return EXIT_OK


def _cmd_reminder(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        circular = services.circulars.by_number(args.circular, args.year)
        chosen = han_ids(services, None if args.han.strip().lower() == "all" else args.han)
        path = Path(args.out)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        count = services.reads.write_reminder(path, circular.id, chosen, app.paths.fonts)
    out(f"{circular.label}: 督促シート（未読 {count}世帯）を書き出しました: {path}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "record-read": _cmd_record_read,
    "read-status": _cmd_read_status,
    "reminder": _cmd_reminder,
}
