"""Starting the GUI: the QApplication with its font, language and look, the login, the window.

``run_gui`` is what ``python -m circular_app`` calls with no command. The pieces it uses are
importable and constructible without ``exec()`` for tests: :func:`create_application`,
:class:`~circular_app.ui.shell.login.LoginDialog` and :class:`~circular_app.ui.shell.main_window.MainWindow`.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from circular_app import PROCESS_START as _PROCESS_START
from circular_app import __version__
from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError
from circular_app.ui.common import collector, dialogs, messages
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.security.login_extras import install_login_extras
from circular_app.ui.shell import preload
from circular_app.ui.shell.login import LoginDialog

if TYPE_CHECKING:  # SQLAlchemy comes with it: not before the log-in window is shown
    from circular_app.services.context import ProfileContext

__all__ = ["LoginDialog", "create_application", "run_gui"]

# The drawn icon (scripts/make_icon.py) when present, else its SVG original.
APP_ICONS = ("app.png", "kairan-desk.svg")
BENCH_EXIT_ENV = "KAIRAN_BENCH_EXIT_AFTER_SHOW"
# benchmarks/startup.py: "user:password:seconds" — the log-in window is shown and, after that
# many seconds of "typing", filled in and accepted, as an officer would (the imports made while
# the password is typed are what the officer does not wait for).
BENCH_TYPED_LOGIN_ENV = "KAIRAN_BENCH_TYPED_LOGIN"
#: Benchmarks and tests/test_startup_imports.py: leave as soon as the log-in window is shown.
BENCH_LOGIN_EXIT_ENV = "KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN"
#: Milliseconds after the log-in window is shown before the input guards are installed and the
#: main window's modules are imported: both wait until the window is up and drawn.
PRELOAD_AFTER_MS = 300


def create_application(app: App) -> tuple[QApplication, Appearance]:
    """The QApplication (created, or the running one) with the settings' look applied.

    Loads the bundled UD font as the application font, installs the translator of the chosen
    language, and applies text size and contrast. The input guards are installed by
    :func:`run_gui` once the log-in window is up (and by the main window).
    """
    existing = QCoreApplication.instance()
    if existing is None:
        qapp = QApplication([sys.argv[0]])
    elif isinstance(existing, QApplication):
        qapp = existing
    else:
        raise RuntimeError("a non-GUI QCoreApplication is already running")
    # Before any other thread starts (background imports, integrity check, workers): the cyclic
    # garbage collector runs on the GUI thread only (see ui/common/collector.py).
    collector.install()
    qapp.setApplicationName("Kairan Desk")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("kairan-desk")
    # Fusion follows the palette everywhere, which the high-contrast theme relies on.
    qapp.setStyle("Fusion")
    icons = [app.paths.resources / "icons" / name for name in APP_ICONS]
    icon = next((path for path in icons if path.exists()), None)
    if icon is not None:
        qapp.setWindowIcon(QIcon(str(icon)))
    appearance = Appearance(qapp, app.paths, qapp)
    appearance.apply_settings(app.settings)
    dialogs.FileFolders.install(app.settings)
    return qapp, appearance


class IntegrityReport(QObject):
    """Shows a failed background integrity check over ``window``, on the GUI thread.

    The GUI log-in opens the profile while ``PRAGMA quick_check`` still runs
    (storage/database.py ``IntegrityCheck``): commits wait for it and are refused once it has
    failed; this tells the officer at once, instead of at the first save.
    """

    failed = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.failed.connect(self._show)

    @Slot(object)
    def _show(self, error: UserError) -> None:
        messages.show_error(self._window, error)


def report_integrity_check(window: QWidget, context: ProfileContext) -> None:
    """Show the profile's background integrity check's failure over ``window``, if it fails."""
    check = context.integrity
    if check is None:
        return
    report = IntegrityReport(window)

    def verdict(error: UserError | None) -> None:
        # On the check's thread: the signal crosses to the GUI thread (a queued connection).
        if error is not None:
            report.failed.emit(error)

    check.on_verdict(verdict)


def _type_login_later(login: LoginDialog, typed: str) -> None:
    """Benchmarks only: fill in the log-in after ``seconds`` and press ログイン, reporting when."""
    user, password, seconds = typed.rsplit(":", 2)

    def press() -> None:
        login.user_combo.setCurrentText(user)
        login.password_edit.setText(password)
        print(f"LOGIN_STARTED {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
        login.accept()

    QTimer.singleShot(int(float(seconds) * 1000), press)


def _after_login_shown(qapp: QApplication) -> None:
    """Install the input guards, then start the background imports (the log-in window is up).

    The wheel and Tab guards are an event filter in Python, called for every event, and
    installing them wraps every existing widget for Python (their classes' enums included,
    about 0.02 s): not before the log-in window is drawn. They guard its fields as well.
    """
    from circular_app.ui.common.input_guards import install_input_guards

    install_input_guards(qapp)
    preload.start()


def run_gui(app: App, services: ProfileServices | None) -> int:
    """Log in (unless ``services`` are given), show the main window, run until it closes.

    This is the GUI's composition root: the window gets the look, the keeper of the windows
    that later replace it, and the list of pages it installs.
    """
    qapp, appearance = create_application(app)
    if services is None:
        login = LoginDialog(app, appearance=appearance)
        install_login_extras(login, app)
        if os.environ.get(BENCH_LOGIN_EXIT_ENV):
            login.show()
            qapp.processEvents()
            print(f"LOGIN_WINDOW_SHOWN {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
            return 0
        # While the officer types the password: the input guards, then the main window's
        # modules, imported on a worker thread; started once the log-in window is up, so that
        # neither delays it.
        QTimer.singleShot(PRELOAD_AFTER_MS, lambda: _after_login_shown(qapp))
        typed = os.environ.get(BENCH_TYPED_LOGIN_ENV)
        if typed:
            _type_login_later(login, typed)
        if login.exec() != QDialog.DialogCode.Accepted or login.services is None:
            return 0
        services = login.services
    # The main window and its pages are imported only now: the log-in window is what the
    # officer sees first, and must not wait for them (tests/test_startup_imports.py).
    preload.wait()  # never import the same modules on two threads at once
    from circular_app.ui.shell.main_window import MainWindow
    from circular_app.ui.shell.pages import WindowKeeper
    from circular_app.ui.shell.standard_pages import STANDARD_PAGES

    try:
        window = MainWindow(app, services, appearance, pages=STANDARD_PAGES, keeper=WindowKeeper(qapp))
        screen = qapp.primaryScreen()
        if screen is not None:
            # Open large: the roster and the sidebar need room, and small windows confuse.
            area = screen.availableGeometry()
            window.resize(int(area.width() * 0.85), int(area.height() * 0.85))
        window.show()
        window.focus_main_list()
        report_integrity_check(window, services.context)
        if os.environ.get(BENCH_EXIT_ENV):
            # Benchmarks (benchmarks/startup.py): report the first shown window, then leave.
            qapp.processEvents()
            print(f"FIRST_WINDOW_SHOWN {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
            return 0
        return qapp.exec()
    finally:
        services.context.close()
