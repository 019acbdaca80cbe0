"""Demo and trainer commands: demo, trainer-reset, trainer-checkpoint, trainer-pack, workshop."""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, Parser, open_command, out, parse_date, run_gui, say
from circular_app.domain.calendar import wareki
from circular_app.domain.errors import NotFoundError, ValidationError


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the demo and trainer commands to the command-line grammar."""
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
    wk = p.add_subparsers(dest="workshop_command", required=True, parser_class=Parser)
    a = wk.add_parser("add")
    a.add_argument("--date", required=True, help="YYYY-MM-DD")
    a.add_argument("--place", required=True)
    a.add_argument("--kind", required=True, help="役員向け, 住民向け, 高齢者スマホ講座")
    a.add_argument("--participants", type=int, required=True)
    a.add_argument("--exercises", default="", help="completed exercise ids, comma separated")
    wk.add_parser("list")
    a = wk.add_parser("export")
    a.add_argument("file")


def _cmd_demo(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, create_demo

    if not 1 <= args.households <= 20000:
        raise ValidationError("--households", "cli.bad_household_count")
    if args.trainer:
        from circular_app.services.trainer import create_practice

        context = create_practice(app.profiles, args.households)
        name = context.ref.name
        say(
            app,
            f"練習用プロファイル「{name}」を作成しました（パスワードなしで開けます）",
            f"Created the practice profile 「{name}」 (it opens without a password)",
        )
        if args.no_gui:
            context.close()
            say(
                app,
                f"開くには、画面のある環境で {open_command(args)} を実行してください",
                f"To open it, run {open_command(args)} on a desktop session",
            )
            return EXIT_OK
        return run_gui(app, app.services_for(context))
    demo = create_demo(app.profiles, households=args.households)
    services = app.services_for(demo.context)
    name, user, password = demo.context.ref.name, DEMO_USERNAME, DEMO_PASSWORD
    say(
        app,
        f"デモ「{name}」を作成しました: {demo.households}世帯",
        f"Created the demo 「{name}」: {demo.households} households",
    )
    if args.no_gui:
        demo.context.close()
        say(
            app,
            f"開くには、画面のある環境で {open_command(args)} を実行し、"
            f"ユーザー名 {user} / パスワード {password}（デモ用）でログインしてください",
            f"To open it, run {open_command(args)} on a desktop session and log in "
            f"as {user} with the password {password} (demo data only)",
        )
        return EXIT_OK
    say(
        app,
        f"ウィンドウはログイン済みで開きます。開き直すときと画面ロックの解除には "
        f"ユーザー名 {user} / パスワード {password}（デモ用）",
        f"The window opens logged in. To open it again or to unlock the screen: "
        f"user name {user} / password {password} (demo data only)",
    )
    return run_gui(app, services)


def _cmd_trainer_reset(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import reset

    reset(app.profiles, args.exercise).close()
    out(f"練習用プロファイルを演習{args.exercise}の開始状態に戻しました")
    return EXIT_OK


def _cmd_trainer_checkpoint(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import find_practice, save_checkpoint

    ref = find_practice(app.profiles)
    if ref is None:
        raise NotFoundError("trainer.no_practice")
    context = app.profiles.open_practice(ref)
    try:
        save_checkpoint(context, args.exercise)
    finally:
        context.close()
    out(f"今の状態を演習{args.exercise}の開始状態として保存しました")
    return EXIT_OK


def _cmd_trainer_pack(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import export_pack, find_practice, import_pack

    exercises = app.paths.resources / "exercises"
    if args.export:
        ref = find_practice(app.profiles)
        if ref is None:
            raise NotFoundError("trainer.no_practice")
        context = app.profiles.open_practice(ref)
        try:
            export_pack(context, Path(args.export), exercises)
        finally:
            context.close()
        out(f"研修パックを書き出しました: {args.export}")
    else:
        import_pack(app.profiles, Path(args.import_file), app.paths.data_dir / "exercises").close()
        out(f"研修パックを取り込みました: {args.import_file}")
    return EXIT_OK


def _cmd_workshop(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.trainer import SENIOR_KIND, Workshop

    log = app.workshops()
    if args.workshop_command == "add":
        exercises = tuple(e.strip() for e in args.exercises.split(",") if e.strip())
        log.add(
            Workshop(parse_date(args.date, "--date"), args.place, args.kind, args.participants, exercises)
        )
        out("研修の記録を追加しました")
    elif args.workshop_command == "list":
        for w in log.list():
            out(f"{wareki(w.held_on, weekday=True)}\t{w.place}\t{w.kind}\t{w.participants}人")
        for year, total in sorted(log.yearly_totals().items()):
            out(f"{year}年度 合計 {total}人")
        out(f"{SENIOR_KIND} 累計 {log.senior_total()}人（高齢者向け電子申請講座参加者数 目標1,500人）")
    else:
        encoding = log.export_csv(Path(args.file))
        out(f"{args.file} に書き出しました（{encoding}）")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "demo": _cmd_demo,
    "trainer-reset": _cmd_trainer_reset,
    "trainer-checkpoint": _cmd_trainer_checkpoint,
    "trainer-pack": _cmd_trainer_pack,
    "workshop": _cmd_workshop,
}
