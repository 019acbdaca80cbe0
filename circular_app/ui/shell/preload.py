"""Importing the main window's modules on a worker thread while the officer types the password.

The log-in window shows with the few modules it needs (tests/test_startup_imports.py); the main
window needs SQLAlchemy, the services and every page (about a second of imports). They are
imported in the background once the log-in window is up, and :func:`wait` — called before the
log-in opens a profile — lets that finish first, so the GUI thread never imports the same
modules at the same time as the worker. A module that fails to import here is simply imported
again (and fails with its real error) where it is used.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading

log = logging.getLogger(__name__)

#: What opening a profile and building the main window import, heaviest first.
MODULES = (
    "sqlalchemy.orm",
    # create_engine loads the SQLite dialect package (pysqlcipher, pysqlite, aiosqlite) by
    # name when the profile opens: about 0.01-0.02 s, after the key derivation
    "sqlalchemy.dialects.sqlite",
    "circular_app.storage.models",
    "circular_app.storage.database",
    "circular_app.storage.audit_repo",
    "circular_app.storage.backups",
    "circular_app.services.audit",
    "circular_app.services.accounts",
    "circular_app.services.reads",
    "circular_app.services.circulars",
    "circular_app.ui.shell.main_window",
    "circular_app.ui.shell.standard_pages",
)

#: Then called (module, function): work the first query would otherwise do on the GUI thread.
PREPARE = (
    ("circular_app.storage.models", "configure"),
    # the backup due at log-in lists the backups by their time stamps: strptime's first call
    # imports _strptime and compiles the stamp's pattern
    ("circular_app.storage.backups", "prepare"),
)

_lock = threading.Lock()
_thread: threading.Thread | None = None


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:
            log.debug("preloading %s failed", name, exc_info=True)
    for module, function in PREPARE:
        try:
            getattr(importlib.import_module(module), function)()
        except Exception:
            log.debug("preparing %s.%s failed", module, function, exc_info=True)
    # The modules just imported live as long as the process: out of the cyclic collector's
    # sight, so that its full passes while the profile opens and the main window is built do
    # not walk their hundred thousand objects again and again (two passes cost 0.1 s there).
    gc.freeze()


def start() -> None:
    """Start importing in the background (once per process; later calls do nothing)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_all, name="kairan-preload", daemon=True)
            _thread.start()


def wait() -> None:
    """Return once the background imports are done (at once when none were started)."""
    with _lock:
        thread = _thread
    if thread is not None:
        thread.join()
