"""Command line: ``python -m circular_app [--data-dir DIR] [--profile NAME] [COMMAND ...]``.

With no command the GUI opens. Every command exits 0 on success, 2 on bad input with a
one-line reason on stderr, and 1 on an unexpected error (details go to the log, never
personal data).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import logging
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from circular_app import __version__
from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role, validate_password
from circular_app.domain.audit import ACTION_LABELS
from circular_app.domain.circulars import Category, CircularDraft, Status, Urgency
from circular_app.domain.errors import AuthenticationError, NotFoundError, UserError, ValidationError
from circular_app.domain.reads import Channel
from circular_app.domain.text import normalize_han_name
from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.services.reads import ReadEntry
from circular_app.services.text_output import format_circular_text
from circular_app.settings import LANGUAGE
from circular_app.storage.profiles import ProfileRef

log = logging.getLogger("circular_app")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
USER_ENV, PASSWORD_ENV = "KAIRAN_USER", "KAIRAN_PASSWORD"


class UsageError(UserError):
    """Bad command-line arguments (reported with exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors stay one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar (documented in the README)."""
    parser = _Parser(prog="python -m circular_app", description="回覧デスク Kairan Desk")
    parser.add_argument("--version", action="version", version=f"Kairan Desk {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: KAIRAN_DATA_DIR or the per-user folder)")
    parser.add_argument("--profile", help="profile name or id (default: the only or last used one)")
    parser.add_argument("--user", help=f"officer log-in name (or {USER_ENV})")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser(
        "create-profile", help="create an association profile; --user becomes its administrator"
    )
    p.add_argument("name")
    p.add_argument("--school-district", required=True, help="校下 (school district)")
    p.add_argument("--display-name", default="", help="administrator's name shown on screen")

    p = sub.add_parser("demo", help="create or refresh the demo profile, then open it")
    p.add_argument("--households", type=int, default=60)
    p.add_argument("--no-gui", action="store_true")
    p.add_argument("--trainer", action="store_true", help="a practice profile for workshops (練習用)")

    p = sub.add_parser("trainer-reset", help="reset the practice profile (to the start of --exercise N)")
    p.add_argument("--exercise", type=int, default=1)
    p = sub.add_parser("trainer-checkpoint", help="save the practice profile now as the start of an exercise")
    p.add_argument("--exercise", type=int, required=True)
    p = sub.add_parser("trainer-pack", help="export or import a workshop pack (practice profile + exercises)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--export", metavar="FILE")
    group.add_argument("--import", dest="import_file", metavar="FILE")
    p = sub.add_parser("workshop", help="workshop records (trainers)")
    wk = p.add_subparsers(dest="workshop_command", required=True, parser_class=_Parser)
    a = wk.add_parser("add")
    a.add_argument("--date", required=True, help="YYYY-MM-DD")
    a.add_argument("--place", required=True)
    a.add_argument("--kind", required=True, help="役員向け, 住民向け, 高齢者スマホ講座")
    a.add_argument("--participants", type=int, required=True)
    a.add_argument("--exercises", default="", help="completed exercise ids, comma separated")
    wk.add_parser("list")
    a = wk.add_parser("export")
    a.add_argument("file")

    sub.add_parser("list-profiles", help="list profiles in the data folder")

    p = sub.add_parser("rename-profile", help="rename the association of --profile")
    p.add_argument("new_name")

    p = sub.add_parser("import-roster", help="import a roster CSV (UTF-8 or CP932), all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    p = sub.add_parser("export-roster", help="export the roster as CSV that Excel opens")
    p.add_argument("file")

    sub.add_parser("self-test", help="check migrations, PDF fonts and the keyring; exit 0 or explain")
    add_hub_parser(sub)
    p = sub.add_parser("city", help="city staff view of the hub: adoption KPI per 校下, CSV and council PDF")
    p.add_argument("--hub", help="the hub's address (default: the last one used)")

    p = sub.add_parser("new-circular", help="create a circular (a draft unless --publish); prints its number")
    p.add_argument("--title", required=True)
    p.add_argument("--body-file", required=True, help="UTF-8 text in the circular Markdown subset")
    p.add_argument(
        "--category",
        default="notice",
        help="お知らせ, 行事, 清掃・当番, 総会・役員会, 防災・防犯, 募集, その他",
    )
    p.add_argument("--han", help="target 班, e.g. 1,3 (default: every 班)")
    p.add_argument("--due", help="回覧期限 YYYY-MM-DD (default: 14 days)")
    p.add_argument("--urgent", action="store_true", help="至急")
    p.add_argument("--publish", action="store_true")

    p = sub.add_parser("list-circulars", help="list circulars as a table")
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--year", type=int, help="fiscal year (April–March), e.g. 2026")
    p.add_argument("--search", default="", help="words in the title or body")

    p = sub.add_parser("show-circular", help="print one circular as text")
    p.add_argument("number", type=int, help="回覧No. (or the draft id with --draft)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--draft", action="store_true", help="NUMBER is a draft id")

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
        "export-pdf",
        help="paper copies (PDF): 班 copies with the 回覧表, individual copies, poster; or invitation slips",
    )
    p.add_argument("--circular", type=int, help="回覧No. (this fiscal year unless --year)")
    p.add_argument(
        "--invitations",
        action="store_true",
        help="invitation slips with a personal reader-link QR code for paper households (no --circular)",
    )
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--han", help="班 copies: all, or e.g. 3,5 (the default when no other copy is asked for)")
    p.add_argument("--individual", action="store_true", help="one copy per paper household")
    p.add_argument("--household", help="only this household's copy (the ID column of export-roster)")
    p.add_argument("--large-print", action="store_true", help="every copy in large print")
    p.add_argument("--large-print-scale", type=int, choices=(150, 200), default=150, help="percent")
    p.add_argument("--size", type=str.upper, choices=("A4", "B4", "A3"), default="A4")
    p.add_argument("--poster", action="store_true", help="a notice-board poster (A3, or B4 with --size B4)")
    p.add_argument("--combined", action="store_true", help="every copy in one PDF")
    p.add_argument("--out", required=True, help="output folder")

    p = sub.add_parser("connect-hub", help="enroll this association with a hub (one-time code from the city)")
    p.add_argument("url", nargs="?", help="the hub's address, e.g. https://hub.example.jp")
    p.add_argument("--code", required=True, help="the one-time enrollment code")
    p.add_argument("--offline", action="store_true", help="no internet: signed report files on a USB stick")

    p = sub.add_parser("sync", help="send what is waiting and fetch confirmations")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--once", action="store_true", help="one round (the default)")
    group.add_argument("--status", action="store_true", help="print the sync state only")

    p = sub.add_parser("reader-links", help="each digital household's reader link")
    p.add_argument("--circular", type=int, help="回覧No.: only households it targets")
    p.add_argument("--year", type=int)

    p = sub.add_parser("adoption-report", help="the report for the city: preview, queue or signed file")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--preview", action="store_true", help="print exactly what is reported (default)")
    group.add_argument("--send", action="store_true", help="queue it for the hub")
    group.add_argument("--export", metavar="FILE", help="write the signed file (offline associations)")
    p.add_argument("--month", help="YYYY-MM (default: this month)")

    p = sub.add_parser("accounts", help="officer accounts (administrator)")
    acc = p.add_subparsers(dest="accounts_command", required=True, parser_class=_Parser)
    acc.add_parser("list", help="list accounts")
    a = acc.add_parser("add", help="add an account; its password comes from KAIRAN_NEW_PASSWORD or a prompt")
    a.add_argument("username")
    a.add_argument("--role", choices=[r.value for r in Role if r is not Role.TRAINEE], default="officer")
    a.add_argument("--display-name", default="")
    a.add_argument("--han", help="班 of a han_leader account, e.g. 3班")
    for name in ("disable", "enable", "reset-password"):
        a = acc.add_parser(name)
        a.add_argument("username")
    acc.add_parser("passwd", help="change your own password (new one from KAIRAN_NEW_PASSWORD or a prompt)")

    p = sub.add_parser("recover", help="open with the recovery key and set a new password for --user")
    p.add_argument("--recovery-key", help="the printed recovery key (or typed at a prompt)")

    p = sub.add_parser("backup", help="write an encrypted backup now")
    p.add_argument("--to", help="folder, e.g. a USB stick (default: the profile's backup folder)")
    sub.add_parser("list-backups", help="list the profile's backups")
    p = sub.add_parser("restore", help="restore a backup (the current file is kept)")
    p.add_argument("file")

    p = sub.add_parser("handover", help="引き継ぎ: export the profile for the next officer, or import one")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--export", metavar="FILE")
    group.add_argument("--import", dest="import_file", metavar="FILE")
    p.add_argument("--display-name", default="", help="with --import: the new administrator's name")

    p = sub.add_parser("audit", help="show, verify or export the audit trail (administrator)")
    p.add_argument("--verify", action="store_true", help="check the hash chain")
    p.add_argument("--export", metavar="FILE", help="write the trail as CSV")
    return parser


def _out(text: str) -> None:
    print(text, flush=True)


def _resolve_profile(app: App, args: argparse.Namespace) -> ProfileRef:
    if args.profile:
        return app.profiles.find(args.profile)
    ref = app.default_profile()
    if ref is not None:
        return ref
    if not app.profiles.list_profiles():
        raise NotFoundError("プロファイルがありません。create-profile または demo で作成してください")
    raise UsageError("プロファイルが複数あります。--profile で指定してください")


def _resolve_user(app: App, args: argparse.Namespace, ref: ProfileRef) -> str:
    user = args.user or os.environ.get(USER_ENV)
    if user:
        return str(user)
    names = app.profiles.store.envelope(ref).usernames
    if len(names) == 1:
        return names[0]
    raise UsageError(f"--user（または {USER_ENV}）でユーザー名を指定してください")


def _password(prompt: str, confirm: bool = False) -> str:
    env = os.environ.get(PASSWORD_ENV)
    if env is not None:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"パスワードを {PASSWORD_ENV} で渡すか、端末から入力してください")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("もう一度: ") != first:
        raise ValidationError("パスワード", "2回の入力が一致しません")
    return first


def _login(app: App, args: argparse.Namespace) -> ProfileServices:
    ref = _resolve_profile(app, args)
    if ref.kind == "practice":
        # Practice profiles open without a password so a class never stalls on a log-in.
        return app.services_for(app.profiles.open_practice(ref))
    user = _resolve_user(app, args, ref)
    context = app.profiles.open_profile(ref, user, _password(f"{ref.name} / {user} のパスワード: "))
    return app.services_for(context)


def _cmd_create_profile(app: App, args: argparse.Namespace) -> int:
    user = args.user or os.environ.get(USER_ENV)
    if not user:
        raise UsageError(f"管理者のユーザー名を --user（または {USER_ENV}）で指定してください")
    created = app.profiles.create_profile(
        args.name,
        args.school_district,
        user,
        _password("管理者のパスワード: ", confirm=True),
        args.display_name,
    )
    app.services_for(created.context)
    created.context.close()
    _out(f"プロファイル「{created.context.ref.name}」を作成しました（管理者: {user}）")
    _out(f"回復キー（印刷して金庫などに保管してください。二度と表示されません）: {created.recovery_key}")
    return EXIT_OK


def _say(app: App, japanese: str, english: str) -> None:
    """Print a line in the app's language (the GUI's 言語 setting; Japanese unless set to English)."""
    _out(english if app.settings.get(LANGUAGE) == "en" else japanese)


def _open_command(args: argparse.Namespace) -> str:
    """The command that opens the GUI, as this process was started (``.venv/bin/python -m circular_app``)."""
    exe = Path(sys.executable)
    with contextlib.suppress(ValueError):
        exe = exe.relative_to(Path.cwd())
    words = [str(exe)] if getattr(sys, "frozen", False) else [str(exe), "-m", "circular_app"]
    if args.data_dir:
        words += ["--data-dir", str(args.data_dir)]
    return subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)


def _cmd_demo(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, create_demo

    if not 1 <= args.households <= 20000:
        raise ValidationError("--households", "1〜20000 の範囲で指定してください")
    if args.trainer:
        from circular_app.services.trainer import create_practice

        context = create_practice(app.profiles, args.households)
        name = context.ref.name
        _say(
            app,
            f"練習用プロファイル「{name}」を作成しました（パスワードなしで開けます）",
            f"Created the practice profile 「{name}」 (it opens without a password)",
        )
        if args.no_gui:
            context.close()
            _say(
                app,
                f"開くには、画面のある環境で {_open_command(args)} を実行してください",
                f"To open it, run {_open_command(args)} on a desktop session",
            )
            return EXIT_OK
        return _run_gui(app, app.services_for(context))
    demo = create_demo(app.profiles, households=args.households)
    services = app.services_for(demo.context)
    name, user, password = demo.context.ref.name, DEMO_USERNAME, DEMO_PASSWORD
    _say(
        app,
        f"デモ「{name}」を作成しました: {demo.households}世帯",
        f"Created the demo 「{name}」: {demo.households} households",
    )
    if args.no_gui:
        demo.context.close()
        _say(
            app,
            f"開くには、画面のある環境で {_open_command(args)} を実行し、"
            f"ユーザー名 {user} / パスワード {password}（デモ用）でログインしてください",
            f"To open it, run {_open_command(args)} on a desktop session and log in "
            f"as {user} with the password {password} (demo data only)",
        )
        return EXIT_OK
    _say(
        app,
        f"ウィンドウはログイン済みで開きます。開き直すときと画面ロックの解除には "
        f"ユーザー名 {user} / パスワード {password}（デモ用）",
        f"The window opens logged in. To open it again or to unlock the screen: "
        f"user name {user} / password {password} (demo data only)",
    )
    return _run_gui(app, services)


def _cmd_list_profiles(app: App, _args: argparse.Namespace) -> int:
    profiles = app.profiles.list_profiles()
    if not profiles:
        _out("プロファイルはまだありません")
    for ref in profiles:
        _out(f"{ref.id}\t{ref.name}\t{ref.school_district}\t{ref.kind}")
    return EXIT_OK


def _cmd_rename_profile(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        renamed = app.profiles.rename_profile(services.context, args.new_name)
    finally:
        services.context.close()
    _out(f"名前を「{renamed.name}」に変更しました")
    return EXIT_OK


def _cmd_import_roster(app: App, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"{path}: 読み込めません（{exc.strerror}）") from exc
    services = _login(app, args)
    try:
        if args.dry_run:
            plan = services.roster.preview_import(data, path.name)
            _out(
                f"{path.name}: 追加 {len(plan.creates)} / 変更 {len(plan.changes)} / "
                f"転出 {len(plan.moved_out)} / 新しい班 {len(plan.new_han_names)}（変更していません）"
            )
            return EXIT_OK
        result = services.roster.import_roster(data, path.name)
    finally:
        services.context.close()
    _out(
        f"{path.name} ({result.encoding}) を取り込みました: 追加 {result.added} / 変更 {result.changed} / "
        f"転出 {result.moved_out} / 新しい班 {result.new_hans}"
    )
    return EXIT_OK


def _cmd_export_roster(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        result = services.roster.export_roster(Path(args.file))
    finally:
        services.context.close()
    label = "Shift_JIS (CP932)" if result.encoding == "cp932" else "UTF-8 (BOM付き)"
    _out(f"{result.path} に {result.households} 世帯を書き出しました（文字コード: {label}）")
    return EXIT_OK


def _cmd_self_test(app: App, _args: argparse.Namespace) -> int:
    from circular_app.services.selftest import run_self_test

    ok = True
    for check in run_self_test(app.paths):
        _out(f"[{'OK' if check.ok else 'NG'}] {check.name}: {check.detail}")
        ok = ok and check.ok
    return EXIT_OK if ok else EXIT_ERROR


def _parse_date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(field, f"YYYY-MM-DD の形で入力してください（{value}）") from exc


def _han_ids(services: ProfileServices, spec: str | None) -> tuple[int, ...]:
    if not spec:
        return ()
    by_name = {h.name: h.id for h in services.roster.list_hans()}
    ids = []
    for part in spec.replace("、", ",").split(","):
        name = normalize_han_name(part)
        if name not in by_name:
            raise NotFoundError(f"班「{part.strip()}」が見つかりません（{'、'.join(by_name)}）")
        ids.append(by_name[name])
    return tuple(ids)


def _cmd_new_circular(app: App, args: argparse.Namespace) -> int:
    body_path = Path(args.body_file)
    try:
        body = body_path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise NotFoundError(f"{body_path}: 読み込めません（{exc.strerror}）") from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(str(body_path), "UTF-8 のテキストファイルにしてください") from exc
    services = _login(app, args)
    try:
        draft = CircularDraft(
            title=args.title,
            body=body,
            category=Category.parse(args.category),
            sender_name=services.context.officer.display_name,
            target_han_ids=_han_ids(services, args.han),
            due_date=_parse_date(args.due, "--due") if args.due else None,
            urgency=Urgency.URGENT if args.urgent else Urgency.NORMAL,
        )
        circular = services.circulars.new_draft(draft)
        if args.publish:
            circular = services.circulars.publish(circular.id)
            _out(f"{circular.label}（{circular.fiscal_year}年度）を発行しました: {circular.title}")
            _out(str(circular.number))
        else:
            _out(f"下書きを保存しました（下書き番号 {circular.id}）: {circular.title}")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_list_circulars(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        rows = services.circulars.list_circulars(
            Status(args.status) if args.status else None, args.year, None, args.search
        )
        _out("回覧No\t年度\t状態\t分類\t発行日\t期限\t件名")
        for c in rows:
            number = str(c.number) if c.number is not None else f"(下書き{c.id})"
            mark = "【訂正】" if c.corrected else ""
            _out(
                f"{number}\t{c.fiscal_year or ''}\t{c.status.label_ja}\t{c.category.label_ja}\t"
                f"{c.issue_date}\t{c.due_date}\t{mark}{c.title}"
            )
        _out(f"{len(rows)}件")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_show_circular(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        circulars = services.circulars
        c = circulars.get(args.number) if args.draft else circulars.by_number(args.number, args.year)
        hans = {h.id: h.name for h in services.roster.list_hans()}
        _out(
            format_circular_text(c, [hans.get(i, str(i)) for i in c.target_han_ids], circulars.versions(c.id))
        )
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_export_pdf(app: App, args: argparse.Namespace) -> int:
    if args.invitations:
        return _export_invitations(app, args)
    if args.circular is None:
        raise UsageError("--circular（回覧No.）を指定してください（招待状なら --invitations）")
    from circular_app.services.pdf_export import export_pdf_command

    services = _login(app, args)
    try:
        lines = export_pdf_command(
            services,
            services.context.ref.name,
            app.paths.fonts,
            circular=args.circular,
            year=args.year,
            han=args.han,
            individual=args.individual,
            household=args.household,
            large_print=args.large_print,
            large_print_scale=args.large_print_scale,
            size=args.size,
            poster=args.poster,
            combined=args.combined,
            out=Path(args.out),
        )
    finally:
        services.context.close()
    for line in lines:
        _out(line)
    return EXIT_OK


def _export_invitations(app: App, args: argparse.Namespace) -> int:
    other = [
        flag
        for flag, value in (
            ("--circular", args.circular is not None),
            ("--year", args.year is not None),
            ("--individual", args.individual),
            ("--large-print", args.large_print),
            ("--size", args.size != "A4"),
            ("--poster", args.poster),
            ("--combined", args.combined),
        )
        if value
    ]
    if other:
        raise UsageError(
            f"--invitations は {'・'.join(other)} と一緒には使えません（使えるのは --han と --household）"
        )
    from circular_app.services.invitations import invitations_command

    services = _login(app, args)
    try:
        lines = invitations_command(
            services,
            services.context.ref.name,
            app.paths.fonts,
            out=Path(args.out),
            practice=services.context.ref.kind == "practice",
            han=args.han,
            household=args.household,
        )
    finally:
        services.context.close()
    for line in lines:
        _out(line)
    return EXIT_OK


def _cmd_connect_hub(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        if args.offline:
            services.adoption.connect_offline(args.code)
            _out("オフラインで登録しました。adoption-report --export で報告ファイルを作れます")
            return EXIT_OK
        if not args.url:
            raise UsageError("ハブのアドレスを指定してください（オフラインなら --offline）")
        in_keyring = services.sync.connect(args.url, args.code)
        _out(f"ハブ {args.url} に接続しました")
        if not in_keyring:
            _out("注意: キーリングが使えないため、接続用の鍵はプロファイル内に暗号化して保存しました")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_sync(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        if args.status:
            _out(services.sync.status().describe())
            return EXIT_OK
        result = services.sync.run_once()
    finally:
        services.context.close()
    _out(
        f"送信 {result.sent} 件（重複 {result.duplicates}・拒否 {result.rejected}）、"
        f"デジタル既読 {result.confirmations} 件を受信 — {result.status.describe()}"
    )
    return EXIT_OK if result.status.state.value in ("synced", "pending") else EXIT_ERROR


def _cmd_reader_links(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        circular_id = services.circulars.by_number(args.circular, args.year).id if args.circular else None
        for link in services.sync.reader_links(circular_id):
            _out(f"{link.household_key}\t{link.label}\t{link.url}")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_adoption_report(app: App, args: argparse.Namespace) -> int:
    month = _parse_date(f"{args.month}-01", "--month") if args.month else None
    services = _login(app, args)
    try:
        if args.export:
            report = services.adoption.export_signed(Path(args.export), month)
            _out(f"署名付きの報告ファイルを書き出しました: {args.export}")
        elif args.send:
            report = services.adoption.enqueue(month)
            _out("報告を送信待ちに入れました（sync で送られます）")
        else:
            report = services.adoption.build(month)
        for line in report.describe():
            _out(line)
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_city(app: App, args: argparse.Namespace) -> int:
    from circular_app.ui.city.window import run_city

    return run_city(app, args.hub)


def _cmd_record_read(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        circular = services.circulars.by_number(args.circular, args.year)
        household = next(
            (h for h in services.roster.list_households() if h.public_id == args.household), None
        )
        if household is None:
            raise NotFoundError(f"ID {args.household} の世帯が見つかりません（export-roster の ID 列）")
        day = _parse_date(args.date, "--date") if args.date else dt.date.today()
        (record,) = services.reads.record(circular.id, [ReadEntry(household.id, Channel(args.channel), day)])
        # A pair already recorded keeps its first time: say so rather than pretend.
        verb = (
            "を既読にしました"
            if record.read_on == day and record.channel.value == args.channel
            else "は既に既読です"
        )
        _out(f"{circular.label}: {household.public_id} {verb}（{record.channel.label_ja}、{record.read_on}）")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_read_status(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        status = services.reads.circular_status_by_number(args.circular, args.year)
        c = status.circular
        _out(f"{c.label} {c.title}")
        _out(f"既読率: {status.rate.percent_text}{'　期限切れ・未読あり' if status.overdue else ''}")
        for han, rate in status.per_han:
            _out(f"  {han.name}: {rate.percent_text}")
        hans = {h.id: h.name for h in services.roster.list_hans()}
        _out(f"未読 {len(status.unread)} 世帯:")
        for h in status.unread:
            phone = f"　{h.phone}" if h.phone else ""
            _out(f"  {hans.get(h.han_id, '')}\t{h.public_id}\t{h.name}{phone}")
        for board in status.stuck:
            _out(f"止まっている回覧板: {board.describe()}")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_trainer_reset(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import reset

    reset(app.profiles, args.exercise).close()
    _out(f"練習用プロファイルを演習{args.exercise}の開始状態に戻しました")
    return EXIT_OK


def _cmd_trainer_checkpoint(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import find_practice, save_checkpoint

    ref = find_practice(app.profiles)
    if ref is None:
        raise NotFoundError("練習用プロファイルがありません（demo --trainer で作成してください）")
    context = app.profiles.open_practice(ref)
    try:
        save_checkpoint(context, args.exercise)
    finally:
        context.close()
    _out(f"今の状態を演習{args.exercise}の開始状態として保存しました")
    return EXIT_OK


def _cmd_trainer_pack(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import export_pack, find_practice, import_pack

    exercises = app.paths.resources / "exercises"
    if args.export:
        ref = find_practice(app.profiles)
        if ref is None:
            raise NotFoundError("練習用プロファイルがありません（demo --trainer で作成してください）")
        context = app.profiles.open_practice(ref)
        try:
            export_pack(context, Path(args.export), exercises)
        finally:
            context.close()
        _out(f"研修パックを書き出しました: {args.export}")
    else:
        import_pack(app.profiles, Path(args.import_file), app.paths.data_dir / "exercises").close()
        _out(f"研修パックを取り込みました: {args.import_file}")
    return EXIT_OK


def _cmd_workshop(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import SENIOR_KIND, Workshop, WorkshopLog

    log = WorkshopLog(app.paths.data_dir / "trainer" / "workshops.json")
    if args.workshop_command == "add":
        exercises = tuple(e.strip() for e in args.exercises.split(",") if e.strip())
        log.add(
            Workshop(_parse_date(args.date, "--date"), args.place, args.kind, args.participants, exercises)
        )
        _out("研修の記録を追加しました")
    elif args.workshop_command == "list":
        for w in log.list():
            _out(f"{w.held_on}\t{w.place}\t{w.kind}\t{w.participants}人")
        for year, total in sorted(log.yearly_totals().items()):
            _out(f"{year}年度 合計 {total}人")
        _out(f"{SENIOR_KIND} 累計 {log.senior_total()}人（高齢者向け電子申請講座参加者数 目標1,500人）")
    else:
        encoding = log.export_csv(Path(args.file))
        _out(f"{args.file} に書き出しました（{encoding}）")
    return EXIT_OK


NEW_PASSWORD_ENV, PASSPHRASE_ENV = "KAIRAN_NEW_PASSWORD", "KAIRAN_PASSPHRASE"


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"{env} で渡すか、端末から入力してください")
    first = getpass.getpass(prompt)
    if getpass.getpass("もう一度: ") != first:
        raise ValidationError(prompt.rstrip(": "), "2回の入力が一致しません")
    return first


def _cmd_accounts(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    accounts = services.accounts
    try:
        command = args.accounts_command
        if command == "list":
            for officer in accounts.list_officers():
                state = "無効" if officer.disabled else "有効"
                _out(f"{officer.username}\t{officer.display_name}\t{officer.role.label_ja}\t{state}")
        elif command == "add":
            han_id = None
            if args.han:
                wanted = normalize_han_name(args.han)
                han_id = next((h.id for h in services.roster.list_hans() if h.name == wanted), None)
                if han_id is None:
                    raise NotFoundError(f"班「{args.han}」が見つかりません")
            officer = accounts.add_officer(
                args.username,
                args.display_name,
                Role(args.role),
                _secret(NEW_PASSWORD_ENV, "新しいアカウントのパスワード: "),
                han_id,
            )
            _out(f"アカウント {officer.username}（{officer.role.label_ja}）を追加しました")
        elif command in ("disable", "enable"):
            officer = accounts.set_disabled(args.username, command == "disable")
            _out(f"{officer.username} を{'無効' if officer.disabled else '有効'}にしました")
        elif command == "reset-password":
            accounts.reset_password(args.username, _secret(NEW_PASSWORD_ENV, "新しいパスワード: "))
            _out(f"{args.username} のパスワードを再設定しました")
        else:
            accounts.change_own_password(
                _password("今のパスワード: "), _secret(NEW_PASSWORD_ENV, "新しいパスワード: ")
            )
            _out("パスワードを変更しました")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_recover(app: App, args: argparse.Namespace) -> int:
    ref = _resolve_profile(app, args)
    user = _resolve_user(app, args, ref)
    typed = args.recovery_key or (getpass.getpass("回復キー: ") if sys.stdin and sys.stdin.isatty() else None)
    if not typed:
        raise UsageError("--recovery-key で回復キーを指定してください")
    key = app.profiles.store.unlock_with_recovery(ref, typed)
    context = app.profiles.open_with_key(ref, user, key)
    try:
        validate_password(new := _secret(NEW_PASSWORD_ENV, "新しいパスワード: "))
        app.profiles.store.set_password(ref, context.officer.username, new, key)
    finally:
        context.close()
    _out(f"{user} の新しいパスワードを設定しました。これでログインできます")
    return EXIT_OK


def _cmd_backup(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        target = services.backups.back_up("manual", Path(args.to) if args.to else None)
    finally:
        services.context.close()
    _out(f"バックアップを作成しました（暗号化済み）: {target}")
    return EXIT_OK


def _cmd_list_backups(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        for backup in services.backups.backups():
            _out(f"{backup.path.name}\t{backup.created:%Y-%m-%d %H:%M}\t{backup.reason}\t{backup.size}")
    finally:
        services.context.close()
    return EXIT_OK


def _cmd_restore(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    result = services.backups.restore(Path(args.file))
    _out(f"{result.restored.name} から復元しました。元のファイルは {result.kept_current} に残しました")
    return EXIT_OK


def _cmd_handover(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.backup import HANDOVER_CHECKLIST, import_handover

    if args.export:
        services = _login(app, args)
        try:
            path = services.backups.export_handover(
                Path(args.export), _secret(PASSPHRASE_ENV, "引き継ぎの合言葉: ")
            )
        finally:
            services.context.close()
        _out(f"引き継ぎファイルを作成しました: {path}")
        _out("合言葉はファイルと別に（紙などで）渡してください。引き継ぎの確認事項:")
        for item in HANDOVER_CHECKLIST:
            _out(f"  □ {item}")
        return EXIT_OK
    user = args.user or os.environ.get(USER_ENV)
    if not user:
        raise UsageError(f"新しい管理者のユーザー名を --user（または {USER_ENV}）で指定してください")
    created = import_handover(
        app.profiles.store,
        Path(args.import_file),
        _secret(PASSPHRASE_ENV, "引き継ぎの合言葉: "),
        user,
        _password("新しい管理者のパスワード: ", confirm=True),
        args.display_name,
    )
    _out(f"「{created.ref.name}」を引き継ぎました（管理者: {user}）")
    _out(f"新しい回復キー（印刷して保管してください）: {created.recovery_key}")
    return EXIT_OK


def _cmd_audit(app: App, args: argparse.Namespace) -> int:
    services = _login(app, args)
    try:
        if args.export:
            count = services.audit.export_csv(Path(args.export))
            _out(f"{args.export} に {count} 件を書き出しました")
        check = services.audit.verify()
        if args.verify or not args.export:
            if check.ok:
                _out(f"監査ログ {check.entries} 件: 改ざんは見つかりませんでした")
            else:
                raise AuditTamperedError(
                    f"監査ログの {check.broken_at} 番で連鎖が切れています（改ざんの可能性）"
                )
        if not args.export and not args.verify:
            for e in services.audit.entries()[-50:]:
                label = ACTION_LABELS.get(e.action, e.action)
                _out(f"{e.id}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.officer}\t{label}\t{e.target}")
    finally:
        services.context.close()
    return EXIT_OK


class AuditTamperedError(UserError):
    """The audit hash chain does not verify."""


def _run_gui(app: App, services: ProfileServices | None = None) -> int:
    from circular_app.ui.shell.main import run_gui

    return run_gui(app, services)


_COMMANDS: dict[str, Callable[[App, argparse.Namespace], int]] = {
    "create-profile": _cmd_create_profile,
    "demo": _cmd_demo,
    "list-profiles": _cmd_list_profiles,
    "rename-profile": _cmd_rename_profile,
    "import-roster": _cmd_import_roster,
    "export-roster": _cmd_export_roster,
    "self-test": _cmd_self_test,
    "new-circular": _cmd_new_circular,
    "list-circulars": _cmd_list_circulars,
    "show-circular": _cmd_show_circular,
    "export-pdf": _cmd_export_pdf,
    "connect-hub": _cmd_connect_hub,
    "sync": _cmd_sync,
    "reader-links": _cmd_reader_links,
    "adoption-report": _cmd_adoption_report,
    "city": _cmd_city,
    "record-read": _cmd_record_read,
    "read-status": _cmd_read_status,
    "trainer-reset": _cmd_trainer_reset,
    "trainer-checkpoint": _cmd_trainer_checkpoint,
    "trainer-pack": _cmd_trainer_pack,
    "workshop": _cmd_workshop,
    "accounts": _cmd_accounts,
    "recover": _cmd_recover,
    "backup": _cmd_backup,
    "list-backups": _cmd_list_backups,
    "restore": _cmd_restore,
    "handover": _cmd_handover,
    "audit": _cmd_audit,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    logging.basicConfig(
        level=os.environ.get("KAIRAN_LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        args = build_parser().parse_args(argv)
        if args.command == "hub":
            return run_hub_command(args)
        app = App.build(args.data_dir)
        if args.command is None:
            # Scripts, shortcuts for a single officer and benchmarks may log in up front.
            if os.environ.get(PASSWORD_ENV) is not None and app.profiles.list_profiles():
                return _run_gui(app, _login(app, args))
            return _run_gui(app)
        return _COMMANDS[args.command](app, args)
    except (UserError, AuthenticationError) as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("中断しました", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        log.debug("unexpected error", exc_info=True)
        # The message of a database error can quote row values (names): print the type only.
        print(
            f"予期しないエラー（{type(exc).__name__}）。KAIRAN_LOG_LEVEL=DEBUG で詳細をログに出せます",
            file=sys.stderr,
        )
        return EXIT_ERROR
