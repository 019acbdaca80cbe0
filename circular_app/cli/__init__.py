"""Command line: ``python -m circular_app [--data-dir DIR] [--profile NAME] [COMMAND ...]``.

With no command the GUI opens. Every command exits 0 on success, 2 on bad input with a
one-line reason on stderr, and 1 on an unexpected error (details go to the log, never
personal data). When the reader of the output goes away (``… | head``) the command stops
quietly with 141, the status a shell gives any tool ended by SIGPIPE. The commands live in one module per group (profiles, trainer, roster,
circulars, translations, answers, reads, safety, sync, security); this module assembles the grammar and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Sequence
from types import ModuleType

from circular_app import PROCESS_START, __version__
from circular_app.app import App
from circular_app.cli.common import (
    EXIT_ERROR,
    EXIT_USAGE,
    PASSWORD_ENV,
    USER_ENV,
    Command,
    Parser,
    UsageError,
    login,
    run_gui,
)
from circular_app.domain.errors import UserError
from circular_app.domain.messages import render

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_ERROR", "EXIT_USAGE", "UsageError", "build_parser", "main"]

#: 128 + SIGPIPE: what ``yes | head`` reports for ``yes``; invisible in a pipeline unless
#: ``set -o pipefail`` asks, and then it tells a script the output was cut short.
EXIT_BROKEN_PIPE = 141

log = logging.getLogger("circular_app")

#: Set by benchmarks/startup.py (the GUI reads it too, in circular_app/ui/shell/main.py).
BENCH_EXIT_ENV = "KAIRAN_BENCH_EXIT_AFTER_SHOW"

#: The command line speaks Japanese (its printed texts are part of scripts and manuals).
CLI_LANGUAGE = "ja"

PROG = "python -m circular_app"
#: The options before a command; alone on the command line, they start the GUI.
_TOP_OPTIONS = {
    "--data-dir": "data folder (default: KAIRAN_DATA_DIR or the per-user folder)",
    "--profile": "profile name or id (default: the only or last used one)",
    "--user": f"officer log-in name (or {USER_ENV})",
}


def _groups() -> tuple[ModuleType, ...]:
    """The command groups, imported only when a command line names a command (or asks for help)."""
    from circular_app.cli import (
        answers,
        circulars,
        profiles,
        readings,
        reads,
        roster,
        safety,
        security,
        sync,
        trainer,
        translations,
    )

    return (
        profiles,
        trainer,
        roster,
        circulars,
        translations,
        readings,
        answers,
        reads,
        safety,
        sync,
        security,
    )


#: The command group (module of this package) of every command. A command line naming one of
#: them builds that group's grammar alone: ``export-pdf`` does not import the other ten groups
#: and their domain modules, nor the hub's commands (tests/test_cli.py checks this table
#: against the groups' ``COMMANDS``).
COMMAND_GROUPS: dict[str, str] = {
    **dict.fromkeys(["create-profile", "list-profiles", "rename-profile", "self-test"], "profiles"),
    **dict.fromkeys(["demo", "trainer-reset", "trainer-checkpoint", "trainer-pack", "workshop"], "trainer"),
    **dict.fromkeys(["import-roster", "export-roster", "roster", "watch-list", "watch-setting"], "roster"),
    **dict.fromkeys(
        ["new-circular", "list-circulars", "show-circular", "add-to-circular", "export-pdf"], "circulars"
    ),
    "translation": "translations",
    "readings": "readings",
    **dict.fromkeys(["answers", "record-answer"], "answers"),
    **dict.fromkeys(["record-read", "read-status", "reminder"], "reads"),
    "safety": "safety",
    **dict.fromkeys(["city", "connect-hub", "sync", "reader-links", "adoption-report"], "sync"),
    **dict.fromkeys(
        ["accounts", "recover", "backup", "list-backups", "restore", "handover", "han-copy", "audit"],
        "security",
    ),
}


def _top_options(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]] | None:
    """The top options (before any command) and the rest; None when they do not parse."""
    top = Parser(prog=PROG, add_help=False)
    for option in _TOP_OPTIONS:
        top.add_argument(option)
    try:
        return top.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    except UsageError:
        return None


def named_command(argv: Sequence[str] | None) -> str | None:
    """The command a command line names after its top options (None: none, or not yet known)."""
    parsed = _top_options(argv)
    rest = parsed[1] if parsed is not None else []
    return rest[0] if rest and not rest[0].startswith("-") else None


def _groups_for(command: str | None) -> tuple[ModuleType, ...]:
    """The groups whose grammar a command line needs: the named command's alone, else all."""
    if command in COMMAND_GROUPS:
        # Imported by name; _groups() imports every group statically (and a frozen build
        # bundles them from there).
        return (importlib.import_module(f"{__name__}.{COMMAND_GROUPS[command]}"),)
    return () if command == "hub" else _groups()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command-line grammar (documented in the README); with ``command``, only its group's.

    Without a known command (``--help``, a mistake) it is the full grammar, so argparse's
    messages list every command.
    """
    parser = Parser(prog=PROG, description="回覧デスク Kairan Desk")
    parser.add_argument("--version", action="version", version=f"Kairan Desk {__version__}")
    for option, text in _TOP_OPTIONS.items():
        parser.add_argument(option, help=text)
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for group in _groups_for(command):
        group.add_parsers(sub)
    if command not in COMMAND_GROUPS:
        from circular_app.hub.cli.commands import add_hub_parser

        add_hub_parser(sub)
    return parser


def gui_options(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a command line that names no command (the GUI start), else None.

    The GUI start is what the officer waits for, and the full grammar imports every command
    group: a command line of options alone is read without it. Anything else (a command,
    ``--help``, ``--version``, a mistake) gives None and is left to :func:`build_parser`.
    """
    parsed = _top_options(argv)
    if parsed is None or parsed[1]:
        return None
    args = parsed[0]
    args.command = None
    return args


def _command(name: str) -> Command:
    commands: dict[str, Command] = {
        n: run for group in _groups_for(name) for n, run in group.COMMANDS.items()
    }
    return commands[name]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    logging.basicConfig(
        level=os.environ.get("KAIRAN_LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        command = named_command(argv)
        args = gui_options(argv) or build_parser(command).parse_args(argv)
        if args.command == "hub":
            from circular_app.hub.cli.commands import run_hub_command

            return run_hub_command(args)
        app = App.build(args.data_dir)
        if args.command is None:
            # Scripts, shortcuts for a single officer and benchmarks may log in up front.
            if os.environ.get(PASSWORD_ENV) is not None and app.profiles.list_profiles():
                if os.environ.get(BENCH_EXIT_ENV):
                    # benchmarks/startup.py: where the log-in (key derivation included) begins.
                    print(f"LOGIN_STARTED {time.perf_counter() - PROCESS_START:.3f}", flush=True)
                return run_gui(app, login(app, args))
            return run_gui(app)
        code = _command(args.command)(app, args)
        # Flush here, not at interpreter exit, so a closed pipe is caught below.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except UserError as exc:
        print(f"エラー: {render(exc, CLI_LANGUAGE)}", file=sys.stderr)
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


def _silence_stdout() -> None:
    """Point stdout at the null device, so the flush at interpreter exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # No real file descriptor (a captured stream in tests): nothing left to flush to.
        pass
