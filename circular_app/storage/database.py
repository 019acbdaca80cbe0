"""Encrypted SQLite (SQLCipher 4) engines and the Alembic migration runner.

Opening a profile is two steps so that a bad file is never touched: :func:`inspect_database`
reads it through a read-only connection (damaged? newer schema?), and only then
:func:`open_engine` opens it for writing and :func:`migrate` upgrades it.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import QueuePool

from circular_app.domain.errors import ProfileError

log = logging.getLogger(__name__)


class StorageError(ProfileError):
    """The disk refused a write (read-only, full, I/O error); the transaction was rolled back."""


BUSY_TIMEOUT_MS = 5000
_SIDECARS = ("-wal", "-shm")


def _key_pragma(key: bytes) -> str:
    # Raw-key syntax: SQLCipher skips its own PBKDF2, our key is already random.
    return f"\"x'{key.hex()}'\""


def _quiet(conn: Any) -> None:
    # SQLCipher writes "hmac check failed" to stderr on a wrong key; the app explains itself.
    conn.execute("PRAGMA cipher_log_level = NONE")


def alembic_config(script_location: Path) -> Any:
    """An Alembic Config built in code (no alembic.ini, works when frozen)."""
    # Alembic is imported only when a migration actually runs: it costs ~0.1 s at start-up.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


_REVISION = re.compile(r"^revision(?:: str)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:: [^=]+)? = (?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


def known_revisions(script_location: Path) -> tuple[set[str], str | None]:
    """All revision ids this build knows, and the head, read from the migration files.

    Reading the two assignments directly is enough for our linear history and avoids
    importing Alembic on every profile open; tests/storage/test_migrations.py checks that
    the result equals Alembic's own view.
    """
    parents: dict[str, str | None] = {}
    for path in sorted((script_location / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            raise ProfileError("storage.bad_migration", file=path.name)
        parents[rev.group(1)] = down.group(1)
    children = {p for p in parents.values() if p is not None}
    heads = [r for r in parents if r not in children]
    if len(heads) > 1:
        raise ProfileError("storage.several_heads", heads=sorted(heads))
    return set(parents), heads[0] if heads else None


@contextlib.contextmanager
def _read_only(path: Path, key: bytes) -> Iterator[Any]:
    """A read-only connection on ``path`` with ``key``; empty WAL side files it made are removed."""
    existed = {s for s in _SIDECARS if Path(f"{path}{s}").exists()}
    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        _quiet(conn)
        conn.execute(f"PRAGMA key = {_key_pragma(key)}")
        yield conn
    finally:
        conn.close()
        for suffix in _SIDECARS:
            side = Path(f"{path}{suffix}")
            if suffix not in existed and side.exists() and side.stat().st_size == 0:
                with contextlib.suppress(OSError):
                    side.unlink()


def quick_check(path: Path, key: bytes) -> None:
    """Run ``PRAGMA quick_check`` on ``path`` read-only; raise ProfileError unless it says ok."""
    with _read_only(path, key) as conn:
        try:
            (check,) = conn.execute("PRAGMA quick_check").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise ProfileError("storage.not_decryptable", file=path.name) from exc
    if check != "ok":
        raise ProfileError("storage.integrity_failed", file=path.name, check=check)


def inspect_database(
    path: Path,
    key: bytes,
    script_location: Path,
    *,
    require_schema: bool = False,
    check_integrity: bool = True,
) -> str | None:
    """Check ``path`` read-only and return its schema revision (``None`` for a new file).

    Raises ProfileError when the file is not a readable database with this key, fails its
    integrity check, or carries a schema revision this build does not know (a newer app).
    With ``require_schema`` (a backup to restore, an existing profile) an empty file or one
    without a schema revision is refused too: SQLite reads a 0-byte file as a valid empty
    database, which would otherwise replace the data with nothing.
    ``check_integrity=False`` leaves out ``PRAGMA quick_check`` (the caller runs it later,
    :class:`IntegrityCheck`); the key and the schema are still checked.
    The file's bytes are not changed; empty WAL side files that SQLite creates for a
    read-only open are removed again.
    """
    if require_schema and path.stat().st_size == 0:
        raise ProfileError("storage.empty_file", file=path.name)
    with _read_only(path, key) as conn:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            check = conn.execute("PRAGMA quick_check").fetchone()[0] if check_integrity else "ok"
        except sqlcipher3.DatabaseError as exc:
            raise ProfileError("storage.not_decryptable", file=path.name) from exc
        if check != "ok":
            raise ProfileError("storage.integrity_failed", file=path.name, check=check)
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        revision = None
        if has_version:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    if require_schema and revision is None:
        raise ProfileError("storage.not_kairan_database", file=path.name)
    known, _head = known_revisions(script_location)
    if revision is not None and revision not in known:
        raise ProfileError("storage.newer_schema", file=path.name, revision=revision)
    return revision


class IntegrityCheck:
    """``PRAGMA quick_check`` of an opened profile on a worker thread; commits wait for it.

    The GUI log-in opens the profile without waiting for the check (0.15-0.3 s on 1,000
    households): it runs here, through its own read-only connection, while the main window is
    built. The guarantee of checking before opening is kept, because :func:`open_engine`
    given this check makes **every commit wait for the verdict**: nothing is written to the
    file before it has passed, and once it has failed every commit is refused with the
    check's error (the transaction rolls back), so a damaged file is never written.
    Reading goes on meanwhile. Callbacks given to :meth:`on_verdict` run on the worker thread
    (or at once, when the verdict is known) with ``None`` (passed) or the error.
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._error: ProfileError | None = None
        self._callbacks: list[Callable[[ProfileError | None], None]] = []
        self._thread = threading.Thread(target=self._run, name="kairan-integrity-check", daemon=True)

    def start(self) -> None:
        """Start checking in the background."""
        self._thread.start()

    def _run(self) -> None:
        error: ProfileError | None = None
        try:
            quick_check(self.path, self._key)
        except ProfileError as exc:
            error = self._refusal(str(exc.params.get("check", exc.code)))
        except Exception as exc:  # an I/O error is a failed check too: never write unchecked
            log.debug("integrity check failed to run", exc_info=True)
            error = self._refusal(type(exc).__name__)
        with self._lock:
            self._error = error
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            self._call(callback, error)

    def _refusal(self, check: str) -> ProfileError:
        return ProfileError("storage.integrity_failed_no_saving", file=self.path.name, check=check)

    def _call(self, callback: Callable[[ProfileError | None], None], error: ProfileError | None) -> None:
        try:
            callback(error)
        except Exception as exc:
            # The type only: a database error's text can quote row values.
            log.warning("a task after the integrity check failed (%s)", type(exc).__name__)
            log.debug("a task after the integrity check failed", exc_info=True)

    def on_verdict(self, callback: Callable[[ProfileError | None], None]) -> None:
        """Call ``callback(None | error)`` once the check is done (at once if it is)."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
            error = self._error
        self._call(callback, error)

    @property
    def done(self) -> bool:
        """True once the verdict is known."""
        return self._done.is_set()

    @property
    def error(self) -> ProfileError | None:
        """The failure, once known (None while running or when the check passed)."""
        return self._error

    def wait(self) -> None:
        """Block until the verdict; raise the check's ProfileError when it failed."""
        self._done.wait()
        if self._error is not None:
            raise self._error

    def join(self) -> None:
        """Block until the check and the callbacks after it have finished."""
        if self._thread.ident is not None:
            self._thread.join()


def open_engine(path: Path, key: bytes, *, integrity: IntegrityCheck | None = None) -> Engine:
    """An engine on the encrypted file with foreign keys, WAL and a busy timeout per connection.

    With ``integrity`` (a check still running) every commit waits for its verdict and is
    refused when the file failed it (:class:`IntegrityCheck`).
    """
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=4,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Per-connection settings: without this listener foreign keys are silently off.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _explain(context: Any) -> None:
        # Disk problems are the user's to fix: replace the driver error with a clear message.
        text = str(context.original_exception).lower()
        if "readonly" in text or "read-only" in text:
            raise StorageError("storage.read_only", folder=path.parent) from (context.original_exception)
        if "disk is full" in text or "database or disk is full" in text:
            raise StorageError("storage.disk_full") from (context.original_exception)
        if "disk i/o error" in text:
            raise StorageError("storage.io_failed", file=path.name) from context.original_exception

    if integrity is not None:

        @event.listens_for(engine, "commit")
        def _checked_first(_conn: Any) -> None:
            # Raising here stops the commit before the driver's: the transaction rolls back.
            integrity.wait()

    return engine


def migrate(engine: Engine, script_location: Path) -> None:
    """Upgrade the schema to head inside one transaction (nothing to do when already there)."""
    _known, head = known_revisions(script_location)
    if current_revision(engine) == head:
        return
    from alembic import command

    cfg = alembic_config(script_location)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty one)."""
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if has_table is None:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
