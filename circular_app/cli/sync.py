"""Hub commands: city, connect-hub, sync, reader-links and adoption-report."""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App
from circular_app.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    Command,
    UsageError,
    logged_in,
    out,
    out_all,
    parse_date,
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the hub commands to the command-line grammar."""
    p = sub.add_parser("city", help="city staff view of the hub: adoption KPI per 校下, CSV and council PDF")
    p.add_argument("--hub", help="the hub's address (default: the last one used)")

    p = sub.add_parser("connect-hub", help="enroll this association with a hub (one-time code from the city)")
    p.add_argument("url", nargs="?", help="the hub's address, e.g. https://hub.example.jp")
    p.add_argument("--code", required=True, help="the one-time enrollment code")
    p.add_argument("--offline", action="store_true", help="no internet: signed report files on a USB stick")

    p = sub.add_parser("sync", help="send what is waiting and fetch confirmations")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--once", action="store_true", help="one round (the default)")
    group.add_argument(
        "--status", action="store_true", help="print the sync state and the items the hub refused"
    )
    group.add_argument("--retry", type=int, metavar="ITEM", help="send an item the hub refused again")
    group.add_argument("--drop", type=int, metavar="ITEM", help="never send an item the hub refused")

    p = sub.add_parser("reader-links", help="each digital household's reader link")
    p.add_argument("--circular", type=int, help="回覧No.: only households it targets")
    p.add_argument("--year", type=int)

    p = sub.add_parser("adoption-report", help="the report for the city: preview, queue or signed file")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--preview", action="store_true", help="print exactly what is reported (default)")
    group.add_argument("--send", action="store_true", help="queue it for the hub")
    group.add_argument("--export", metavar="FILE", help="write the signed file (offline associations)")
    p.add_argument("--month", help="YYYY-MM (default: this month)")


def _cmd_city(app: App, args: argparse.Namespace) -> int:
    from circular_app.ui.city.window import run_city

    return run_city(app, args.hub)


def _cmd_connect_hub(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        if args.offline:
            services.adoption.connect_offline(args.code)
            out("オフラインで登録しました。adoption-report --export で報告ファイルを作れます")
            return EXIT_OK
        if not args.url:
            raise UsageError("cli.hub_url_required")
        in_keyring = services.sync.connect(args.url, args.code)
        out(f"ハブ {args.url} に接続しました")
        if not in_keyring:
            out("注意: キーリングが使えないため、接続用の鍵はプロファイル内に暗号化して保存しました")
    return EXIT_OK


def _cmd_sync(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        if args.status:
            out(services.sync.status().describe())
            for item in services.sync.quarantined():
                out(f"  項目 {item.id}（{item.kind}）: ハブが受け付けませんでした — {item.reason}")
            return EXIT_OK
        if args.retry is not None:
            services.sync.retry_item(args.retry)
            out(f"項目 {args.retry} を送信待ちに戻しました（次の sync で送られます）")
            return EXIT_OK
        if args.drop is not None:
            services.sync.drop_item(args.drop)
            out(f"項目 {args.drop} は送りません（送信待ちから外しました）")
            return EXIT_OK
        result = services.sync.run_once()
    out(
        f"送信 {result.sent} 件（重複 {result.duplicates}・拒否 {result.rejected}）、"
        f"デジタル既読 {result.confirmations} 件を受信 — {result.status.describe()}"
    )
    if result.answers:
        out(f"スマホからの回答 {result.answers} 件を記録しました（answers --circular N で確認できます）")
    if result.reports:
        # Counts only (never names): what the city's KPI reads for this association.
        out(f"導入状況の報告（{'、'.join(result.reports)}・世帯数などの件数のみ）を送信に加えました")
    if result.status.quarantined:
        out("ハブが受け付けなかった項目は sync --status で確認し、--retry か --drop で扱ってください")
    return EXIT_ERROR if result.failed else EXIT_OK


def _cmd_reader_links(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        circular_id = services.circulars.by_number(args.circular, args.year).id if args.circular else None
        for link in services.sync.reader_links(circular_id):
            out(f"{link.household_key}\t{link.label}\t{link.url}")
    return EXIT_OK


def _cmd_adoption_report(app: App, args: argparse.Namespace) -> int:
    month = parse_date(f"{args.month}-01", "--month") if args.month else None
    with logged_in(app, args) as services:
        if args.export:
            report = services.adoption.export_signed(Path(args.export), month)
            out(f"署名付きの報告ファイルを書き出しました: {args.export}")
        elif args.send:
            report = services.adoption.enqueue(month)
            out("報告を送信待ちに入れました（sync で送られます）")
        else:
            report = services.adoption.build(month)
    return out_all(report.describe())


COMMANDS: dict[str, Command] = {
    "city": _cmd_city,
    "connect-hub": _cmd_connect_hub,
    "sync": _cmd_sync,
    "reader-links": _cmd_reader_links,
    "adoption-report": _cmd_adoption_report,
}
