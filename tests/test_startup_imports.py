"""What the GUI start imports: the log-in window loads no more than an explicit allow-list.

Each check starts ``python -m circular_app`` the way an officer does (the real entry point, the
real command-line parsing, ``run_gui``) in a fresh, offscreen process on a real profile, lets it
show its window and leave (``KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN`` / ``KAIRAN_BENCH_EXIT_AFTER_SHOW``,
the benchmark hooks), and reads back the names in ``sys.modules``. A new module-level import of
something heavy (the hub stack, the PDF renderer, the sync client, Alembic) anywhere on the path
to the log-in window makes the first test fail: move it to where it is used instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

ROOT = Path(__file__).resolve().parent.parent

#: Third-party top-level packages the log-in window may load: Qt and the per-user folders.
#: Not cryptography (it loads with the first key unwrapped), SQLAlchemy, SQLCipher, Alembic,
#: keyring, httpx, reportlab, pypdf, segno, FastAPI: they load when a profile opens or a
#: feature is used.
LOGIN_THIRD_PARTY = frozenset(
    {
        "PySide6",
        "shiboken6",
        "shibokensupport",  # PySide6's signature support, loaded with PySide6
        "signature_bootstrap",  # idem
        "platformdirs",
    }
)

#: The app's own modules the log-in window may load: a package name allows all of it, a
#: module name allows that module (and its package's ``__init__``).
LOGIN_OWN = (
    "circular_app.app",
    # the GUI start reads its few options without the command groups' grammar
    "circular_app.cli.common",
    "circular_app.domain",
    "circular_app.paths",
    "circular_app.practice_hub",
    "circular_app.settings",
    "circular_app.support",
    # listing the profiles and their officers: no database, no other service
    "circular_app.services.profiles",
    "circular_app.storage.keyfile",
    "circular_app.storage.profiles",
    # the log-in window and what it is built from (not the input guards: installed, and
    # imported, once the window is up)
    "circular_app.ui.common.appearance",
    # the cyclic collector on the GUI thread, installed before any other thread starts
    # (gc and QtCore only)
    "circular_app.ui.common.collector",
    "circular_app.ui.common.dialogs",
    "circular_app.ui.common.i18n",
    "circular_app.ui.common.messages",
    "circular_app.ui.common.retranslate",
    "circular_app.ui.common.widgets",
    "circular_app.ui.security.login_extras",
    "circular_app.ui.shell.login",
    "circular_app.ui.shell.main",
    "circular_app.ui.shell.preload",  # starts importing the rest once the window is up
)

#: Standard-library modules the log-in window does not need: OpenSSL (hashlib: the key
#: derivation comes after ログイン), the terminal's password prompt and shell quoting (commands
#: only), processes and sockets.
NOT_IN_LOGIN_STDLIB = ("_hashlib", "hashlib", "getpass", "termios", "shlex", "subprocess", "socket")

#: Never loaded before the main window is shown (on a profile at the current schema): the
#: practice hub's server stack, the PDF renderer, the sync client's HTTP library, Alembic.
NOT_IN_MAIN_WINDOW = (
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "reportlab",
    "pypdf",
    "segno",
    "httpx",
    "alembic",
    "circular_app.hub.web",
    "circular_app.hub.storage",
    "circular_app.pdf",
)


# Run the command line's main() and print the modules it loaded (the parent reads them).
_MAIN_THEN_MODULES = (
    "import json, sys\n"
    "from circular_app.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print('MODULES ' + json.dumps(sorted(sys.modules)), flush=True)\n"
    "sys.exit(status)\n"
)


def _started(data_dir: Path, extra_env: dict[str, str]) -> list[str]:
    """Run the GUI entry point to its first window in a fresh process; its ``sys.modules``."""
    code = _MAIN_THEN_MODULES
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAIRAN_")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra_env)
    done = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(data_dir)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return list(json.loads(line.removeprefix("MODULES ")))


def third_party(modules: list[str]) -> set[str]:
    """Top-level names that are neither the standard library, nor private, nor the app."""
    tops = {name.split(".")[0] for name in modules}
    return {
        t for t in tops if t not in sys.stdlib_module_names and not t.startswith("_") and t != "circular_app"
    }


def own_beyond_allowed(modules: list[str]) -> set[str]:
    """The app's modules that :data:`LOGIN_OWN` does not allow."""

    def allowed(name: str) -> bool:
        # A package's __init__ comes with any allowed module inside it.
        return any(
            entry == name or entry.startswith(name + ".") or name.startswith(entry + ".")
            for entry in LOGIN_OWN
        )

    return {name for name in modules if name.startswith("circular_app.") and not allowed(name)}


@pytest.fixture
def profile_dir(app: App, services: ProfileServices) -> Path:
    """A data folder holding one association profile (the log-in window lists it)."""
    return app.paths.data_dir


def test_login_window_imports_only_the_allow_list(profile_dir: Path) -> None:
    """Up to the shown log-in window: no database, PDF, hub, sync or keyring; only the allow-list."""
    modules = _started(profile_dir, {"KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN": "1"})
    assert "circular_app.ui.shell.login" in modules  # the window was really built
    assert third_party(modules) - LOGIN_THIRD_PARTY == set()
    assert own_beyond_allowed(modules) == set()
    assert [name for name in NOT_IN_LOGIN_STDLIB if name in modules] == []


def test_main_window_does_not_import_the_hub_pdf_or_http_stacks(profile_dir: Path) -> None:
    """Logged in and the main window shown: no hub server, PDF renderer, httpx or Alembic yet."""
    modules = _started(
        profile_dir,
        {
            "KAIRAN_BENCH_EXIT_AFTER_SHOW": "1",
            "KAIRAN_USER": ADMIN_USER,
            "KAIRAN_PASSWORD": ADMIN_PASSWORD,
        },
    )
    assert "circular_app.ui.shell.main_window" in modules  # the main window was really built
    inside = tuple(f"{package}." for package in NOT_IN_MAIN_WINDOW)
    loaded = [name for name in modules if name in NOT_IN_MAIN_WINDOW or name.startswith(inside)]
    assert loaded == []


@pytest.mark.parametrize(
    ("modules", "extra"),
    [
        (["reportlab", "reportlab.pdfgen"], {"reportlab"}),
        (["fastapi"], {"fastapi"}),
        (["httpx._client"], {"httpx"}),
        (["sqlalchemy.orm"], {"sqlalchemy"}),
        (["json", "_json", "PySide6.QtCore", "circular_app.ui.shell.login"], set()),
    ],
)
def test_third_party_names_the_packages_beyond_the_standard_library(
    modules: list[str], extra: set[str]
) -> None:
    """The checker reports heavy libraries and ignores the standard library and the app."""
    assert third_party(modules) - LOGIN_THIRD_PARTY == extra


@pytest.mark.parametrize(
    "name",
    [
        "circular_app.pdf.batch",
        "circular_app.sync.client",
        "circular_app.hub.web.app",
        "circular_app.hub.storage.database",
        "circular_app.ui.compose.page",
        "circular_app.formats.report_file",
        "circular_app.storage.database",
        "circular_app.services.context",
        "circular_app.ui.shell.main_window",
        "circular_app.ui.security.page",
        "circular_app.cli.roster",
        "circular_app.ui.common.input_guards",
        "circular_app.hub.cli.commands",
    ],
)
def test_own_checker_reports_heavy_app_modules(name: str) -> None:
    """The checker reports the app's own heavy modules outside the allow-list."""
    assert own_beyond_allowed(["circular_app.ui.shell.login", name]) == {name}


def test_preload_imports_the_main_window_modules_on_a_worker_thread() -> None:
    """What the log-in window starts in the background loads the main window and its pages.

    The ORM's mappers are configured there too, and the objects are then frozen out of the
    cyclic collector's full passes.
    """
    code = (
        "import gc, sys, threading\n"
        "from circular_app.ui.shell import preload\n"
        "before = set(sys.modules)\n"
        "preload.start()\n"
        "preload.wait()\n"
        "threads = [t.name for t in threading.enumerate()]\n"
        "print(sorted(set(sys.modules) - before))\n"
        "print(threads)\n"
        "print(gc.get_freeze_count())\n"
        "from circular_app.storage.models import Base\n"
        "print(all(mapper.configured for mapper in Base.registry.mappers))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded, threads, frozen, configured = done.stdout.splitlines()
    for name in (
        "sqlalchemy",
        "sqlalchemy.dialects.sqlite",  # create_engine would load it after the key derivation
        "_strptime",  # the backup due at log-in parses the backups' time stamps
        "circular_app.storage.models",
        "circular_app.ui.shell.main_window",
    ):
        assert repr(name) in loaded, name
    assert "kairan-preload" not in threads  # finished, not left running
    assert int(frozen) > 50_000  # the imported modules' objects, out of the collector's sight
    assert configured == "True"  # the ORM's mappers too, not by the first query after ログイン


def test_export_pdf_loads_neither_the_other_commands_nor_pypdf_segno_or_keyring(
    app: App, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """``export-pdf`` of paper copies without attachments or hub links, as a whole process.

    It imports its own command group only (not the other groups, nor the hub's commands),
    and neither pypdf (attachments, watermarks), segno (QR codes) nor keyring (no secret is
    read): each costs the command 0.015–0.05 s (benchmarks/pdf_export.py).
    """
    from circular_app.domain.circulars import Status
    from circular_app.services.demo import DEMO_PASSWORD, DEMO_USERNAME

    circular = next(c for c in demo_services.circulars.list_circulars() if c.status is Status.PUBLISHED)
    assert circular.number is not None and not circular.attachments
    demo_services.context.close()
    code = _MAIN_THEN_MODULES
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAIRAN_")}
    env.update(KAIRAN_USER=DEMO_USERNAME, KAIRAN_PASSWORD=DEMO_PASSWORD)
    out = tmp_path / "pdf"
    argv = ["--data-dir", str(app.paths.data_dir), "export-pdf", "--circular", str(circular.number)]
    argv += ["--year", str(circular.fiscal_year), "--individual", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert list(out.glob("*.pdf"))  # the copies were really made
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    modules = json.loads(line.removeprefix("MODULES "))
    groups = [m for m in modules if m.startswith(("circular_app.cli.", "circular_app.hub.cli"))]
    assert groups == ["circular_app.cli.circulars", "circular_app.cli.common"]
    assert [m for m in modules if m.split(".")[0] in ("pypdf", "segno", "keyring")] == []
