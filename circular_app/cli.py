"""Command line: ``python -m circular_app [--data-dir DIR] [--profile NAME] [COMMAND ...]``.

With no command the GUI opens. Every command exits 0 on success, 2 on bad input with a
one-line reason on stderr, and 1 on an unexpected error (details go to the log, never
personal data).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from circular_app import __version__
from circular_app.app import App, ProfileServices
from circular_app.domain.errors import AuthenticationError, NotFoundError, UserError, ValidationError
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

    sub.add_parser("list-profiles", help="list profiles in the data folder")

    p = sub.add_parser("rename-profile", help="rename the association of --profile")
    p.add_argument("new_name")

    p = sub.add_parser("import-roster", help="import a roster CSV (UTF-8 or CP932), all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")

    p = sub.add_parser("export-roster", help="export the roster as CSV that Excel opens")
    p.add_argument("file")

    sub.add_parser("self-test", help="check migrations, PDF fonts and the keyring; exit 0 or explain")
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


def _cmd_demo(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, create_demo

    if not 1 <= args.households <= 20000:
        raise ValidationError("--households", "1〜20000 の範囲で指定してください")
    demo = create_demo(app.profiles, households=args.households)
    services = app.services_for(demo.context)
    _out(f"デモ「{demo.context.ref.name}」を作成しました: {demo.households}世帯")
    _out(f"ログイン: ユーザー名 {DEMO_USERNAME} / パスワード {DEMO_PASSWORD}（デモ用）")
    if args.no_gui:
        demo.context.close()
        return EXIT_OK
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


def _run_gui(app: App, services: ProfileServices | None = None) -> int:
    from circular_app.ui.main import run_gui

    return run_gui(app, services)


_COMMANDS: dict[str, Callable[[App, argparse.Namespace], int]] = {
    "create-profile": _cmd_create_profile,
    "demo": _cmd_demo,
    "list-profiles": _cmd_list_profiles,
    "rename-profile": _cmd_rename_profile,
    "import-roster": _cmd_import_roster,
    "export-roster": _cmd_export_roster,
    "self-test": _cmd_self_test,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    logging.basicConfig(
        level=os.environ.get("KAIRAN_LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        args = build_parser().parse_args(argv)
        app = App.build(args.data_dir)
        if args.command is None:
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
