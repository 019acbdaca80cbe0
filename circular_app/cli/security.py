"""Security commands: accounts, recover, backup, list-backups, restore, handover and audit."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from circular_app.app import App
from circular_app.cli.common import (
    EXIT_OK,
    HAN_PASSWORD_ENV,
    NEW_PASSWORD_ENV,
    PASSPHRASE_ENV,
    USER_ENV,
    Command,
    Parser,
    UsageError,
    han_ids,
    known_secret,
    logged_in,
    out,
    password,
    resolve_profile,
    resolve_user,
    secret,
)
from circular_app.domain.accounts import Role, validate_password
from circular_app.domain.audit import ACTION_LABELS
from circular_app.domain.calendar import wareki_time
from circular_app.domain.errors import NotFoundError, UserError
from circular_app.domain.text import normalize_han_name


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the account, backup and audit commands to the command-line grammar."""
    p = sub.add_parser("accounts", help="officer accounts (administrator)")
    acc = p.add_subparsers(dest="accounts_command", required=True, parser_class=Parser)
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

    p = sub.add_parser(
        "han-copy",
        help="班長コピー: only one 班, encrypted to that 班長's own password (KAIRAN_HAN_PASSWORD); "
        "or open one on the 班長's PC (--import, password from KAIRAN_PASSWORD)",
    )
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", metavar="FILE", help="write the copy to FILE")
    group.add_argument("--import", dest="import_file", metavar="FILE", help="open a copy as a new profile")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--han", help="with --out: the 班 (its 班長 account), e.g. 3班; default: yourself")
    who.add_argument("--account", help="with --out: the 班長's log-in name")

    p = sub.add_parser("audit", help="show, verify or export the audit trail (administrator)")
    p.add_argument("--verify", action="store_true", help="check the hash chain")
    p.add_argument("--export", metavar="FILE", help="write the trail as CSV")


def _cmd_accounts(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        accounts = services.accounts
        command = args.accounts_command
        if command == "list":
            for officer in accounts.list_officers():
                state = "無効" if officer.disabled else "有効"
                out(f"{officer.username}\t{officer.display_name}\t{officer.role.label_ja}\t{state}")
        elif command == "add":
            han_id = None
            if args.han:
                wanted = normalize_han_name(args.han)
                han_id = next((h.id for h in services.roster.list_hans() if h.name == wanted), None)
                if han_id is None:
                    raise NotFoundError("roster.han_not_found", han=args.han)
            officer = accounts.add_officer(
                args.username,
                args.display_name,
                Role(args.role),
                secret(NEW_PASSWORD_ENV, "新しいアカウントのパスワード: "),
                han_id,
            )
            out(f"アカウント {officer.username}（{officer.role.label_ja}）を追加しました")
        elif command in ("disable", "enable"):
            officer = accounts.set_disabled(args.username, command == "disable")
            out(f"{officer.username} を{'無効' if officer.disabled else '有効'}にしました")
        elif command == "reset-password":
            accounts.reset_password(args.username, secret(NEW_PASSWORD_ENV, "新しいパスワード: "))
            out(f"{args.username} のパスワードを再設定しました")
        else:
            accounts.change_own_password(
                password("今のパスワード: "), secret(NEW_PASSWORD_ENV, "新しいパスワード: ")
            )
            out("パスワードを変更しました")
    return EXIT_OK


def _cmd_recover(app: App, args: argparse.Namespace) -> int:
    ref = resolve_profile(app, args)
    user = resolve_user(app, args, ref)
    typed = args.recovery_key or (getpass.getpass("回復キー: ") if sys.stdin and sys.stdin.isatty() else None)
    if not typed:
        raise UsageError("cli.recovery_key_required")
    key = app.profiles.store.unlock_with_recovery(ref, typed)
    context = app.profiles.open_with_key(ref, user, key)
    try:
        validate_password(new := secret(NEW_PASSWORD_ENV, "新しいパスワード: "))
        app.profiles.store.set_password(ref, context.officer.username, new, key)
    finally:
        context.close()
    out(f"{user} の新しいパスワードを設定しました。これでログインできます")
    return EXIT_OK


def _cmd_backup(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        target = services.backups.back_up("manual", Path(args.to) if args.to else None)
    out(f"バックアップを作成しました（暗号化済み）: {target}")
    return EXIT_OK


def _cmd_list_backups(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        for backup in services.backups.backups():
            out(f"{backup.path.name}\t{wareki_time(backup.created)}\t{backup.reason}\t{backup.size}")
    return EXIT_OK


def _cmd_restore(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        result = services.backups.restore(Path(args.file))
    out(f"{result.restored.name} から復元しました。元のファイルは {result.kept_current} に残しました")
    return EXIT_OK


def _cmd_handover(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.backup import HANDOVER_CHECKLIST, import_handover

    if args.export:
        with logged_in(app, args) as services:
            path = services.backups.export_handover(
                Path(args.export), secret(PASSPHRASE_ENV, "引き継ぎの合言葉: ")
            )
        out(f"引き継ぎファイルを作成しました: {path}")
        out("合言葉はファイルと別に（紙などで）渡してください。引き継ぎの確認事項:")
        for item in HANDOVER_CHECKLIST:
            out(f"  □ {item}")
        return EXIT_OK
    user = args.user or os.environ.get(USER_ENV)
    if not user:
        raise UsageError("cli.new_admin_required", env=USER_ENV)
    created = import_handover(
        app.profiles.store,
        Path(args.import_file),
        secret(PASSPHRASE_ENV, "引き継ぎの合言葉: "),
        user,
        password("新しい管理者のパスワード: ", confirm=True),
        args.display_name,
    )
    out(f"「{created.ref.name}」を引き継ぎました（管理者: {user}）")
    out(f"新しい回復キー（印刷して保管してください）: {created.recovery_key}")
    return EXIT_OK


def _cmd_han_copy(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.backup import import_han_copy

    if args.import_file:
        created = import_han_copy(
            app.profiles.store, Path(args.import_file), password("班長のパスワード（いつものパスワード）: ")
        ).created
        out(f"「{created.ref.name}」を開けるようにしました。いつものユーザー名とパスワードでログインできます")
        out(f"このコピーの回復キー（印刷して保管してください）: {created.recovery_key}")
        return EXIT_OK
    with logged_in(app, args) as services:
        han = han_ids(services, args.han)
        if len(han) > 1:
            raise UsageError("cli.one_han")
        result = services.backups.export_han_copy(
            Path(args.out),
            known_secret(HAN_PASSWORD_ENV, "班長のパスワード（班長ご本人が入力）: "),
            username=args.account,
            han_id=han[0] if han else None,
        )
    counts = result.counts
    out(
        f"{result.han_name}の班長コピーを作成しました（{result.username} のパスワードで開きます）: {result.path}"
    )
    out(
        f"世帯 {counts.households} 件、回覧 {counts.circulars} 件、既読 {counts.read_records} 件。他の班は入っていません"
    )
    return EXIT_OK


def _cmd_audit(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        if args.export:
            count = services.audit.export_csv(Path(args.export))
            out(f"{args.export} に {count} 件を書き出しました")
        check = services.audit.verify()
        if args.verify or not args.export:
            if check.ok:
                out(f"監査ログ {check.entries} 件: 改ざんは見つかりませんでした")
            else:
                raise AuditTamperedError("audit.chain_broken", entry=check.broken_at)
        if not args.export and not args.verify:
            for e in services.audit.entries()[-50:]:
                label = ACTION_LABELS.get(e.action, e.action)
                out(f"{e.id}\t{wareki_time(e.at, seconds=True)}\t{e.officer}\t{label}\t{e.target}")
    return EXIT_OK


class AuditTamperedError(UserError):
    """The audit hash chain does not verify."""


COMMANDS: dict[str, Command] = {
    "accounts": _cmd_accounts,
    "recover": _cmd_recover,
    "backup": _cmd_backup,
    "list-backups": _cmd_list_backups,
    "restore": _cmd_restore,
    "handover": _cmd_handover,
    "han-copy": _cmd_han_copy,
    "audit": _cmd_audit,
}
