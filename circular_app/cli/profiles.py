"""Profile commands: create-profile, list-profiles, rename-profile and self-test."""

from __future__ import annotations

import argparse
import os

from circular_app.app import App
from circular_app.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    USER_ENV,
    Command,
    UsageError,
    logged_in,
    out,
    password,
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the profile commands to the command-line grammar."""
    p = sub.add_parser(
        "create-profile", help="create an association profile; --user becomes its administrator"
    )
    p.add_argument("name")
    p.add_argument("--school-district", required=True, help="校下 (school district)")
    p.add_argument("--display-name", default="", help="administrator's name shown on screen")

    sub.add_parser("list-profiles", help="list profiles in the data folder")

    p = sub.add_parser("rename-profile", help="rename the association of --profile")
    p.add_argument("new_name")

    sub.add_parser("self-test", help="check migrations, PDF fonts and the keyring; exit 0 or explain")


def _cmd_create_profile(app: App, args: argparse.Namespace) -> int:
    user = args.user or os.environ.get(USER_ENV)
    if not user:
        raise UsageError("cli.admin_required", env=USER_ENV)
    created = app.profiles.create_profile(
        args.name,
        args.school_district,
        user,
        password("管理者のパスワード: ", confirm=True),
        args.display_name,
    )
    app.services_for(created.context)
    created.context.close()
    out(f"プロファイル「{created.context.ref.name}」を作成しました（管理者: {user}）")
    out(f"回復キー（印刷して金庫などに保管してください。二度と表示されません）: {created.recovery_key}")
    return EXIT_OK


def _cmd_list_profiles(app: App, _args: argparse.Namespace) -> int:
    profiles = app.profiles.list_profiles()
    if not profiles:
        out("プロファイルはまだありません")
    for ref in profiles:
        out(f"{ref.id}\t{ref.name}\t{ref.school_district}\t{ref.kind}")
    return EXIT_OK


def _cmd_rename_profile(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        renamed = app.profiles.rename_profile(services.context, args.new_name)
    out(f"名前を「{renamed.name}」に変更しました")
    return EXIT_OK


def _cmd_self_test(app: App, _args: argparse.Namespace) -> int:
    from circular_app.services.selftest import run_self_test

    ok = True
    for check in run_self_test(app.paths):
        out(f"[{'OK' if check.ok else 'NG'}] {check.name}: {check.detail}")
        ok = ok and check.ok
    return EXIT_OK if ok else EXIT_ERROR


COMMANDS: dict[str, Command] = {
    "create-profile": _cmd_create_profile,
    "list-profiles": _cmd_list_profiles,
    "rename-profile": _cmd_rename_profile,
    "self-test": _cmd_self_test,
}
