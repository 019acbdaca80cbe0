"""Shared pieces of the command line: exit codes, argument parser, log-in and prompts.

Every command module uses :func:`logged_in` to open a profile for one command, so the
open → log in → close pattern and its error handling live here once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import NotFoundError, UserError, ValidationError
from circular_app.settings import LANGUAGE

if TYPE_CHECKING:
    from circular_app.services.accounts import ProfileRef

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
USER_ENV, PASSWORD_ENV = "KAIRAN_USER", "KAIRAN_PASSWORD"
NEW_PASSWORD_ENV, PASSPHRASE_ENV = "KAIRAN_NEW_PASSWORD", "KAIRAN_PASSPHRASE"
# The 班長's own password for a 班長 copy made by a 管理者 (the 班長 types it at the hall PC).
HAN_PASSWORD_ENV = "KAIRAN_HAN_PASSWORD"

Command = Callable[[App, argparse.Namespace], int]
"""A command handler: runs one sub-command and returns the exit code."""


class UsageError(UserError):
    """Bad command-line arguments (reported with exit code 2)."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors stay one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Raise :class:`UsageError` with argparse's one-line reason."""
        raise UsageError(message)


def out(text: str) -> None:
    """Print one line of a command's output at once (scripts read it line by line)."""
    print(text, flush=True)


def say(app: App, japanese: str, english: str) -> None:
    """Print a line in the app's language (the GUI's 言語 setting; Japanese unless set to English)."""
    out(english if app.settings.get(LANGUAGE) == "en" else japanese)


def open_command(args: argparse.Namespace) -> str:
    """The command that opens the GUI, as this process was started (``.venv/bin/python -m circular_app``)."""
    exe = Path(sys.executable)
    with contextlib.suppress(ValueError):
        exe = exe.relative_to(Path.cwd())
    words = [str(exe)] if getattr(sys, "frozen", False) else [str(exe), "-m", "circular_app"]
    if args.data_dir:
        words += ["--data-dir", str(args.data_dir)]
    if os.name == "nt":
        import subprocess  # only here: not on the way to the log-in window

        return subprocess.list2cmdline(words)
    import shlex  # only here: not on the way to the log-in window

    return shlex.join(words)


def out_all(lines: Iterable[str]) -> int:
    """Print every line of a command's report; the command succeeded."""
    for line in lines:
        out(line)
    return EXIT_OK


def resolve_profile(app: App, args: argparse.Namespace) -> ProfileRef:
    """The profile named by ``--profile``, else the only or last used one."""
    if args.profile:
        return app.profiles.find(args.profile)
    ref = app.default_profile()
    if ref is not None:
        return ref
    if not app.profiles.list_profiles():
        raise NotFoundError("cli.no_profile")
    raise UsageError("cli.several_profiles")


def resolve_user(app: App, args: argparse.Namespace, ref: ProfileRef) -> str:
    """The officer from ``--user`` or the environment, else the profile's only account."""
    user = args.user or os.environ.get(USER_ENV)
    if user:
        return str(user)
    names = app.profiles.store.envelope(ref).usernames
    if len(names) == 1:
        return names[0]
    raise UsageError("cli.user_required", env=USER_ENV)


def _typed(env: str, prompt: str, *, missing: str, confirm_field: str | None) -> str:
    """``env`` if set, else typed at a terminal (twice when ``confirm_field`` names the field)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(missing, env=env)
    import getpass  # only here: it loads termios, not needed on the way to the log-in window

    first = getpass.getpass(prompt)
    if confirm_field is not None and getpass.getpass("もう一度: ") != first:
        raise ValidationError(confirm_field, "field.mismatch")
    return first


def password(prompt: str, confirm: bool = False) -> str:
    """The password from the environment or typed at a terminal prompt."""
    field = "パスワード" if confirm else None
    return _typed(PASSWORD_ENV, prompt, missing="cli.password_required", confirm_field=field)


def known_secret(env: str, prompt: str) -> str:
    """An existing secret (checked by the caller) from ``env`` or typed once at a prompt."""
    return _typed(env, prompt, missing="cli.secret_required", confirm_field=None)


def secret(env: str, prompt: str) -> str:
    """A new secret from ``env`` or typed twice at a terminal prompt."""
    return _typed(env, prompt, missing="cli.secret_required", confirm_field=prompt.rstrip(": "))


def login(app: App, args: argparse.Namespace) -> ProfileServices:
    """Open the profile and log in; the caller closes ``services.context`` (or the GUI does)."""
    ref = resolve_profile(app, args)
    if ref.kind == "practice":
        # Practice profiles open without a password so a class never stalls on a log-in.
        return app.services_for(app.profiles.open_practice(ref))
    user = resolve_user(app, args, ref)
    context = app.profiles.open_profile(ref, user, password(f"{ref.name} / {user} のパスワード: "))
    return app.services_for(context)


@contextmanager
def logged_in(app: App, args: argparse.Namespace) -> Iterator[ProfileServices]:
    """Open the profile and log in for one command; the database is closed afterwards.

    Errors (wrong password, missing profile) propagate to :func:`circular_app.cli.main`,
    which turns them into exit codes in one place.
    """
    services = login(app, args)
    try:
        yield services
    finally:
        services.context.close()


def parse_date(value: str, field: str) -> dt.date:
    """``value`` as a date, or a validation error naming the option ``field``."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(field, "field.bad_date", value=value) from exc


def han_ids(services: ProfileServices, spec: str | None) -> tuple[int, ...]:
    """The ids of the 班 named in ``spec`` (``"1,3"``); empty means every 班."""
    if not spec:
        return ()
    from circular_app.domain.text import normalize_han_name  # not on the way to the log-in window

    by_name = {h.name: h.id for h in services.roster.list_hans()}
    ids = []
    for part in spec.replace("、", ",").split(","):
        name = normalize_han_name(part)
        if name not in by_name:
            raise NotFoundError("roster.han_not_found_among", han=part.strip(), known="、".join(by_name))
        ids.append(by_name[name])
    return tuple(ids)


def run_gui(app: App, services: ProfileServices | None = None) -> int:
    """Open the GUI (imported late so that commands never load Qt)."""
    from circular_app.ui.shell.main import run_gui as run_shell

    return run_shell(app, services)
