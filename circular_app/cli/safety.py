"""安否確認 commands: ``safety start|end|record|status|sheet``.

``safety status`` prints the board: counts per 班, the 要支援 households first (note, phone,
time), then the 未確認 ones in route order; ``--format csv`` or ``json`` lists every household
instead (for the 自主防災会's own lists). Names and phones are printed because the officer
asked for them on their own computer; nothing of it is logged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, Parser, logged_in, out
from circular_app.domain.csv_bytes import neutralise_formula
from circular_app.domain.errors import NotFoundError
from circular_app.domain.safety import (
    RECORDABLE,
    Board,
    BoardLine,
    RoundKind,
    SafetyChannel,
    SafetyStatus,
    local_time,
)

if TYPE_CHECKING:  # the CLI grammar loads at start-up: no storage (tests/test_startup_imports.py)
    from circular_app.services.safety_hub import ChairLinkService

#: Channels an officer records from the command line (スマホ answers come from the hub).
CLI_CHANNELS = (SafetyChannel.PHONE, SafetyChannel.VISIT, SafetyChannel.PAPER)
STATUS_COLUMNS = ("ID", "班", "ラベル", "氏名", "状況", "連絡方法", "時刻", "メモ")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``safety`` command group to the command-line grammar."""
    p = sub.add_parser("safety", help="安否確認: start, record, show the board, print check lists")
    sf = p.add_subparsers(dest="safety_command", required=True, parser_class=Parser)
    a = sf.add_parser("start", help="start a round (安否確認を始める)")
    a.add_argument("--drill", action="store_true", help="a 訓練 (drill), kept apart from real rounds")
    a.add_argument("--kind", choices=[k.value for k in RoundKind], default=RoundKind.EARTHQUAKE.value)
    a.add_argument("--message", default="", help="what happened, in a few words")
    sf.add_parser("end", help="end the open round (its answers are kept)")
    a = sf.add_parser("record", help="record a household's answer in the open round")
    a.add_argument("--household", required=True, help="household ID (the ID column of export-roster)")
    a.add_argument("--status", required=True, choices=[s.value for s in RECORDABLE])
    a.add_argument("--channel", required=True, choices=[c.value for c in CLI_CHANNELS])
    a.add_argument("--note", default="")
    a = sf.add_parser("status", help="the board of the open round")
    a.add_argument("--format", choices=["table", "csv", "json"], default="table")
    a.add_argument(
        "--pdf",
        metavar="OUT",
        help="also write the board as an A4 PDF for the 自主防災会 / 民生委員 (管理者 only, audited)",
    )
    a = sf.add_parser("sheet", help="per-班 check lists (PDF) to fill in by phone or at the door")
    a.add_argument("--out", required=True, help="the folder to write the PDFs to")
    a = sf.add_parser("guide", help="the one-page guide for 班長 (PDF, やさしい日本語; no log-in)")
    a.add_argument("--out", required=True, help="the PDF file to write")
    _add_chair_link_parsers(sf)


def _add_chair_link_parsers(sf: argparse._SubParsersAction[Parser]) -> None:
    # 会長用リンク (issue 22): an officer's phone starts a round and sees the status on the hub.
    p = sf.add_parser("chair-link", help="会長用リンク: an officer's link with a PIN to the hub (管理者)")
    cl = p.add_subparsers(dest="chair_link_command", required=True, parser_class=Parser)
    a = cl.add_parser("issue", help="issue a link and its PIN (shown once), with a wallet card PDF")
    a.add_argument("--officer", required=True, help="who carries the card (kept on this PC only)")
    a.add_argument("--card", help="where to write the wallet card PDF (default: 会長用リンク_NAME.pdf)")
    a = cl.add_parser("revoke", help="revoke every link of an officer (the hub refuses it after the sync)")
    a.add_argument("--officer", required=True)
    cl.add_parser("list", help="issued links (no tokens, no PINs)")


def _cmd_safety(app: App, args: argparse.Namespace) -> int:
    if args.safety_command == "guide":
        # No personal data in it: printable by anyone, without logging in.
        from circular_app.services.safety import write_guide

        path = write_guide(Path(args.out), app.paths.fonts)
        out(f"書き出しました: {path}")
        return EXIT_OK
    with logged_in(app, args) as services:
        safety = services.safety
        match args.safety_command:
            case "start":
                started = safety.start(RoundKind(args.kind), args.message, args.drill)
                out(
                    f"安否確認を始めました: {started.label}{'　' + started.message if started.message else ''}"
                )
            case "end":
                ended = safety.end()
                out(f"安否確認を終えました: {ended.label}（記録は残っています）")
            case "record":
                household = next(
                    (h for h in services.roster.list_households() if h.public_id == args.household), None
                )
                if household is None:
                    raise NotFoundError("roster.household_public_id_not_found", household=args.household)
                record = safety.record(
                    household.id, SafetyStatus(args.status), SafetyChannel(args.channel), args.note
                )
                out(
                    f"{household.public_id}: {record.status.label_ja}（{record.channel.label_ja}）を記録しました"
                )
            case "status":
                board = safety.board()
                if board is None:
                    raise NotFoundError("safety.no_open_round")
                if args.pdf:
                    path = safety.write_board_pdf(Path(args.pdf))
                _print_board(board, args.format)
                if args.pdf:
                    # csv and json keep stdout for the data alone.
                    message = f"PDF を書き出しました: {path}"
                    if args.format == "table":
                        out(message)
                    else:
                        print(message, file=sys.stderr)
            case "sheet":
                for path in safety.write_sheets(Path(args.out)):
                    out(f"書き出しました: {path}")
            case "chair-link":
                _chair_link(services.chair_links, args)
    return EXIT_OK


def _chair_link(links: ChairLinkService, args: argparse.Namespace) -> None:
    match args.chair_link_command:
        case "issue":
            issued = links.issue(args.officer)
            card = links.write_card(Path(args.card or f"会長用リンク_{issued.officer}.pdf"), issued)
            out(f"会長用リンクを発行しました（{issued.officer} さん）。次の同期でハブに届きます。")
            out(f"URL: {issued.url}")
            out(f"PIN: {issued.pin}")
            out("URL と PIN はこの一度しか表示しません。PIN はカードに書かず、本人に別に伝えてください。")
            out(f"カード: {card}")
        case "revoke":
            keys = links.revoke(args.officer)
            out(
                f"{args.officer} さんの会長用リンクを {len(keys)} 件取り消しました。次の同期でハブに届きます。"
            )
        case "list":
            for info in links.links():
                state = (
                    f"取り消し {local_time(info.revoked_at):%Y-%m-%d %H:%M}" if info.revoked_at else "有効"
                )
                out(f"{info.officer}\t発行 {local_time(info.issued_at):%Y-%m-%d %H:%M}\t{state}")


def _row(line: BoardLine) -> list[str]:
    record = line.record
    return [
        line.household.public_id,
        line.han.name,
        line.label,
        line.household.name,
        line.status.label_ja,
        record.channel.label_ja if record else "",
        local_time(record.recorded_at).isoformat(timespec="minutes") if record else "",
        record.note if record else "",
    ]


def _print_board(board: Board, form: str) -> None:
    if form == "json":
        rows = [dict(zip(STATUS_COLUMNS, _row(line), strict=True)) for line in board.lines]
        out(json.dumps({"round": board.round.label, "households": rows}, ensure_ascii=False, indent=1))
        return
    if form == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(STATUS_COLUMNS)
        for line in board.lines:
            # Names and notes are typed text: keep a spreadsheet from running them as formulas.
            writer.writerow([neutralise_formula(cell) for cell in _row(line)])
        return
    out(f"安否確認: {board.round.label}{'　' + board.round.message if board.round.message else ''}")
    out("班\t無事\t要支援\t不在\t未確認")
    for c in board.counts:
        out(f"{c.han.name}\t{c.safe}\t{c.help}\t{c.away}\t{c.unknown}")
    out(f"要支援 {len(board.needs_help)} 世帯:")
    for line in board.needs_help:
        note = line.record.note if line.record else ""
        out(
            f"  {line.label}\t{line.household.name}\t{line.household.phone or '電話なし'}\t{line.time_text}\t{note}"
        )
    out(f"未確認 {len(board.unconfirmed)} 世帯（回覧順）:")
    for line in board.unconfirmed:
        out(f"  {line.label}\t{line.household.name}\t{line.household.phone or '電話なし'}")


COMMANDS: dict[str, Command] = {"safety": _cmd_safety}
