"""``python -m circular_app hub …``: serve the hub and manage the registry of associations.

Wired into ``circular_app/cli.py`` with :func:`add_hub_parser` and :func:`run_hub_command`.
Every command exits 0 on success and 2 with a one-line reason on bad input or an unusable
database.

- ``hub serve [--db URL] [--host H] [--port P] [--data-dir DIR] [--workers N] [--trusted-proxy IP]``
- ``hub add-association NAME --school-district NAME`` (prints a one-time enrollment code)
- ``hub new-code NAME`` (another one-time code for an association)
- ``hub list-associations``
- ``hub revoke-association NAME``
- ``hub import-registry FILE.csv`` (校下,町会名; all or nothing)
- ``hub enrollment-letters --out DIR [--school-district X] [--base-url URL] [--all]``
- ``hub import-report FILE`` (a signed adoption report of an association without internet)
- ``hub declare-app ASSOCIATION --app 結ネット --since 2023-04 [--households N] [--remove]``
- ``hub set-kpi-rule RULE [--target N]`` · ``hub add-survey --date D --value N --note TEXT``
- ``hub kpi [--format table|csv|json] [--fiscal-year FY] [--out FILE]``
- ``hub add-city-user NAME`` (prints a one-time password, or takes ``HUB_NEW_PASSWORD``)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circular_app.domain.calendar import wareki
from circular_app.domain.errors import UserError
from circular_app.hub.services.kpi_values import KpiRule
from circular_app.hub.settings import (
    HUB_ANSWER_RETENTION_ENV,
    HUB_DB_ENV,
    HUB_LOG_LEVEL_ENV,
    HUB_TRUSTED_PROXIES_ENV,
    HubSettings,
    default_data_dir,
    parse_trusted_proxies,
)

if TYPE_CHECKING:
    from circular_app.hub.services.registry import NewAssociation
    from circular_app.hub.storage.database import Sessions

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8470
DEFAULT_BASE_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"


def _db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="URL", help="postgresql://… (default: SQLite file in the data folder)"
    )
    # Its own dest: the main parser's global --data-dir must not be overwritten with None.
    parser.add_argument("--data-dir", dest="hub_data_dir", metavar="DIR", help="hub data folder (SQLite)")


def add_hub_parser(sub: Any) -> None:
    """Add the ``hub`` command and its sub-commands to the main parser's subparsers."""
    hub = sub.add_parser("hub", help="the hub server: serve, and register associations (city staff)")
    commands = hub.add_subparsers(dest="hub_command", required=True, parser_class=type(hub))

    p = commands.add_parser("serve", help="start the hub (migrates the database first)")
    _db_options(p)
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL recommended above 1)")
    p.add_argument(
        "--trusted-proxy",
        "--forwarded-allow-ips",
        dest="trusted_proxies",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy whose X-Forwarded-For names the client (repeatable, or comma-separated;"
        " default: none, the header is ignored)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    _retention_option(p)

    p = commands.add_parser("add-association", help="register a 町会 and print its one-time enrollment code")
    _db_options(p)
    p.add_argument("name")
    p.add_argument("--school-district", required=True, help="校下 (school district), created when new")

    p = commands.add_parser("new-code", help="print another one-time enrollment code for a 町会")
    _db_options(p)
    p.add_argument("name")

    p = commands.add_parser("list-associations", help="list registered associations")
    _db_options(p)

    p = commands.add_parser(
        "revoke-association", help="revoke a 町会's tokens and codes; its reader links stop"
    )
    _db_options(p)
    p.add_argument("name")

    p = commands.add_parser(
        "purge-answers",
        help="delete answers the desktops have fetched, once their deadline plus the retention period has passed",
    )
    _db_options(p)
    _retention_option(p)
    _add_kpi_parsers(commands)


def _retention_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answer-retention-days",
        type=int,
        default=None,
        metavar="DAYS",
        help="keep fetched answers this many days after their deadline (default 30)",
    )


def _with_retention(args: argparse.Namespace, settings: HubSettings) -> HubSettings:
    days = getattr(args, "answer_retention_days", None)
    if days is None:
        return settings
    if not 0 <= days <= 3650:
        raise UserError(f"--answer-retention-days: 0〜3650 で指定してください（{days}）")
    return dataclasses.replace(settings, answer_retention_days=days)


def _add_kpi_parsers(commands: Any) -> None:
    p = commands.add_parser(
        "import-registry", help="add 校下 and 町会 from a 校下,町会名 CSV (all or nothing)"
    )
    _db_options(p)
    p.add_argument("file", metavar="FILE.csv")

    p = commands.add_parser(
        "enrollment-letters", help="one PDF letter per 町会 with a fresh one-time code and its QR code"
    )
    _db_options(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the PDF files")
    p.add_argument("--school-district", help="only this 校下")
    p.add_argument(
        "--base-url", default=DEFAULT_BASE_URL, help=f"the hub's address (default {DEFAULT_BASE_URL})"
    )
    p.add_argument(
        "--all", action="store_true", help="also 町会 already connected (default: not yet connected)"
    )

    p = commands.add_parser("import-report", help="import a signed adoption report file (USB, no internet)")
    _db_options(p)
    p.add_argument("file", metavar="FILE")

    p = commands.add_parser("declare-app", help="record that a 町会 uses another app (結ネット等): 申告")
    _db_options(p)
    p.add_argument("association")
    p.add_argument("--app", help="the app, e.g. 結ネット")
    p.add_argument("--since", metavar="YYYY-MM", help="first month of use")
    p.add_argument("--households", type=int, help="households registered in the app")
    p.add_argument("--remove", action="store_true", help="remove the declaration")

    p = commands.add_parser("set-kpi-rule", help="choose when a 校下 counts (docs/kpi.md)")
    _db_options(p)
    p.add_argument("rule", choices=[rule.value for rule in KpiRule])
    p.add_argument("--target", type=int, help="the target number of 校下 (default 30)")

    p = commands.add_parser("add-survey", help="record a survey figure (shown as 調査)")
    _db_options(p)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--value", required=True, type=int)
    p.add_argument("--note", default="")

    p = commands.add_parser("kpi", help="the adoption KPI per 校下")
    _db_options(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--fiscal-year", type=int, metavar="FY", help="fiscal year (default: this one)")
    p.add_argument("--out", metavar="FILE", help="write to a file instead of the screen")

    p = commands.add_parser("add-city-user", help="a city staff account (市職員); prints a one-time password")
    _db_options(p)
    p.add_argument("name")


def _settings(args: argparse.Namespace) -> HubSettings:
    """``--db`` if given; else SQLite in ``hub --data-dir``, ``<global --data-dir>/hub`` or the default."""
    if args.db:
        return HubSettings.for_data_dir(None, args.db)
    if args.hub_data_dir:
        data_dir = Path(args.hub_data_dir).expanduser()
    elif getattr(args, "data_dir", None):
        data_dir = Path(args.data_dir).expanduser() / "hub"
    else:
        data_dir = default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        data_dir.chmod(0o700)
    return HubSettings.for_data_dir(data_dir)


def _prepared(settings: HubSettings) -> Sessions:
    from circular_app.hub.storage.database import Sessions, create_hub_engine, migrate

    engine = create_hub_engine(settings.db_url, pool_size=2)
    migrate(engine)
    return Sessions.for_engine(engine)


def _print_code(new: NewAssociation) -> None:
    print(f"{new.name}（{new.school_district}）の登録コード: {new.code}")
    print(
        f"このコードは1回だけ使えます（有効期限 {wareki(new.code_expires_at.date())}）。町会のパソコンで入力してください。"
    )


def _serve(args: argparse.Namespace, settings: HubSettings) -> int:
    import uvicorn

    from circular_app.hub.logs import configure_logging
    from circular_app.hub.storage.database import redacted_url
    from circular_app.hub.web.app import create_app, ensure_secret, frozen_for_serving

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port: 1〜65535 で指定してください（{args.port}）")
    if args.workers < 1:
        raise UserError("--workers: 1 以上で指定してください")
    try:
        proxies = parse_trusted_proxies(",".join(args.trusted_proxies))
    except ValueError as exc:
        raise UserError(f"--trusted-proxy: アドレスの形式が正しくありません（{exc}）") from None
    settings = dataclasses.replace(_with_retention(args, settings), trusted_proxies=proxies)
    sessions = _prepared(settings)
    ensure_secret(sessions)
    sessions.engine.dispose()
    configure_logging(args.log_level)
    print(
        f"回覧デスク ハブ: http://{args.host}:{args.port}/  データベース: {redacted_url(settings.db_url)}",
        flush=True,
    )
    print("止めるには Ctrl+C を押してください", flush=True)
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "access_log": False,  # uvicorn's access log prints paths, which hold reader tokens
        "server_header": False,
        # uvicorn follows the same list: with none it never rewrites the client address.
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": ",".join(proxies),
        "log_level": "warning",
    }
    if args.workers > 1:
        # Worker processes build their settings and logging from the environment.
        os.environ[HUB_DB_ENV] = settings.db_url
        os.environ[HUB_TRUSTED_PROXIES_ENV] = ",".join(proxies)
        os.environ[HUB_ANSWER_RETENTION_ENV] = str(settings.answer_retention_days)
        os.environ[HUB_LOG_LEVEL_ENV] = args.log_level
        uvicorn.run("circular_app.hub.web.app:app_from_env", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(frozen_for_serving(create_app(settings)), **options)
    return EXIT_OK


def run_hub_command(args: argparse.Namespace) -> int:
    """Run ``hub <command>``; return the exit code (reasons go to stderr, one line)."""
    # Imported here, not at the top: every start of the desktop app builds this parser, and
    # the hub's storage (SQLAlchemy, Alembic) is only for hub commands.
    from circular_app.hub.services.registry import Registry
    from circular_app.hub.storage.database import HubDatabaseError
    from circular_app.hub.storage.session import OperationalError

    try:
        settings = _settings(args)
        if args.hub_command == "serve":
            return _serve(args, settings)
        sessions = _prepared(settings)
        try:
            registry = Registry(sessions)
            if args.hub_command == "add-association":
                _print_code(registry.add_association(args.name, args.school_district))
            elif args.hub_command == "new-code":
                _print_code(registry.new_code(args.name))
            elif args.hub_command == "list-associations":
                rows = registry.list_associations()
                print("校下\t町会\t登録\t状態\tID")
                for row in rows:
                    state = "取り消し" if row.revoked else "有効"
                    done = "済" if row.enrolled else "済（オフライン）" if row.offline else "未"
                    print(f"{row.school_district}\t{row.name}\t{done}\t{state}\t{row.public_id}")
                print(f"{len(rows)}町会")
            elif args.hub_command == "revoke-association":
                info = registry.revoke_association(args.name)
                print(
                    f"「{info.name}」のトークンと登録コードを取り消しました。読み取り用リンクも使えなくなります"
                )
            elif args.hub_command == "purge-answers":
                from circular_app.hub.services.answers import AnswerService

                days = _with_retention(args, settings).answer_retention_days
                count = AnswerService(sessions, retention_days=days).purge()
                print(
                    f"回答を{count}件削除しました（締め切りから{days}日を過ぎ、町会のパソコンが受け取ったもの）"
                )
            else:
                _run_kpi_command(args, sessions, settings)
        finally:
            sessions.engine.dispose()
        return EXIT_OK
    except (UserError, HubDatabaseError) as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(
            f"エラー: ファイルを読み書きできません（{exc.strerror or type(exc).__name__}{where}）",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except OperationalError as exc:
        print(f"エラー: データベースに接続できません（{type(exc.orig).__name__}）", file=sys.stderr)
        return EXIT_USAGE


def _run_kpi_command(args: argparse.Namespace, sessions: Sessions, settings: HubSettings) -> None:
    """The KPI and registry commands of issue 11 (kept in :mod:`circular_app.hub.cli.kpi`)."""
    from circular_app.hub.cli import kpi as kpi_cli

    kpi_cli.run(args, sessions, settings)
