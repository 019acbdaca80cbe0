"""Engines for the hub database (SQLite file or PostgreSQL) and the Alembic runner.

The same code serves both: only the connection set-up differs. SQLite gets its pragmas in a
connect listener (foreign keys are per connection) and write transactions start with
``BEGIN IMMEDIATE``, so two writers queue on ``busy_timeout`` instead of failing when one
upgrades a read snapshot. PostgreSQL is reached through psycopg 3 (``postgresql://`` in
SQLAlchemy 2.1).
"""

from __future__ import annotations

import os
import select
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from circular_app.paths import bundle_root

try:
    import fcntl
except ImportError:  # Windows: writers of other processes queue on busy_timeout
    fcntl = None  # type: ignore[assignment]

BUSY_TIMEOUT_MS = 5000
_IMMEDIATE = "kairan_begin_immediate"


class HubDatabaseError(Exception):
    """The hub database cannot be used (unknown URL, newer schema, not migrated)."""


def migrations_dir(root: Path | None = None) -> Path:
    """Alembic script directory of the hub schema."""
    return (root or bundle_root()) / "db" / "hub"


def normalize_url(url: str) -> str:
    """Accept ``postgres://`` (common in hosting panels) as ``postgresql://``."""
    if url.startswith("postgres://"):
        return "postgresql://" + url.removeprefix("postgres://")
    return url


def redacted_url(url: str) -> str:
    """``url`` with its password hidden, for printing; a placeholder when it does not parse."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001  # an unparsable URL is shown as a placeholder, never raised
        return "(invalid URL)"


def create_hub_engine(url: str, pool_size: int = 10) -> Engine:
    """An engine with the per-connection settings of its backend."""
    parsed = make_url(normalize_url(url))
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise HubDatabaseError("SQLite needs a file path (sqlite:///path/hub.db)")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            pool_size=pool_size,
            max_overflow=pool_size * 2,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        _sqlite_listeners(engine)
        return engine
    if backend == "postgresql":
        engine = create_engine(parsed, pool_size=pool_size, max_overflow=pool_size)
        _postgresql_listeners(engine)
        return engine
    raise HubDatabaseError(f"unsupported database URL scheme: {parsed.drivername} (use sqlite or postgresql)")


def _sqlite_listeners(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (the driver's implicit BEGIN is always DEFERRED).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _readable(fd: int) -> bool:
    """Whether the socket ``fd`` has something to read (or was closed) right now, without waiting."""
    if hasattr(select, "poll"):  # no FD_SETSIZE limit, unlike select()
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    return bool(select.select([fd], [], [], 0)[0])  # Windows: select() works on sockets


def _postgresql_listeners(engine: Engine) -> None:
    @event.listens_for(engine, "checkout")
    def _alive(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        """A pooled connection is checked before use, without a round trip when it is idle and quiet.

        What ``pool_pre_ping`` does (a ``SELECT 1`` on every checkout) cost a round trip per
        request, as much as the 「読みました」 tap's own statement (benchmarks/hub_load.py).
        An idle connection's socket has nothing to read unless the server spoke: when
        PostgreSQL restarts or a backend is terminated, it sends a FATAL message and closes
        the socket, which makes it readable. Only then is the real ping sent; a connection
        that fails it (or is known broken) is replaced before the request uses it
        (``DisconnectionError``: the pool discards it and checks out another), as with
        ``pool_pre_ping``. Anything else the server may send to an idle connection (a
        changed setting) also just costs the real ping.
        """
        if dbapi_conn.closed or dbapi_conn.broken:
            raise DisconnectionError("connection closed")
        if not _readable(dbapi_conn.fileno()):
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # any failure: a fresh connection is the safe answer
            raise DisconnectionError("ping failed") from exc


class WriteSessions(Protocol):
    """What the services use of the write factory: ``with sessions.write.begin() as s:``."""

    def begin(self) -> AbstractContextManager[Session]:
        """A session inside a transaction, committed on success, rolled back on error."""


class _OneWriterAtATime:
    """SQLite's write factory: writers queue on a lock, not on busy_timeout.

    SQLite allows one writer. Left to its busy handler, a waiting writer sleeps in growing
    steps (up to 100 ms each) and retries, so a burst of 「読みました」 taps gave a 99th
    percentile of hundreds of milliseconds while the median stayed at a few. A lock wakes the
    next writer as soon as the previous one commits: a thread lock within this process, and
    (where ``fcntl`` exists) an ``flock`` on ``<database>-writer.lock`` across the processes of
    ``hub serve --workers N``. Anything else writing the file (the CLI) still queues on
    busy_timeout, as before.
    """

    def __init__(self, factory: sessionmaker[Session], lock_file: Path | None = None) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._lock_file = lock_file
        self._fd: int | None = None

    @contextmanager
    def _across_processes(self) -> Iterator[None]:
        if self._lock_file is None or fcntl is None:
            yield
            return
        if self._fd is None:  # opened once per process (under the thread lock)
            self._fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """Wait for the locks, then BEGIN IMMEDIATE; release after COMMIT or ROLLBACK."""
        with self._lock, self._across_processes(), self._factory.begin() as session:
            yield session

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the locks (for a Core write transaction of :meth:`Sessions.write_connection`)."""
        with self._lock, self._across_processes():
            yield


@dataclass(frozen=True)
class Sessions:
    """Session factories: ``read`` for page views, ``write`` for changes.

    On SQLite a write session takes the write lock at BEGIN (and writers of one process queue
    on a lock first); on PostgreSQL both are plain session factories.
    """

    engine: Engine
    read: sessionmaker[Session]
    write: WriteSessions
    _writers: _OneWriterAtATime | None = None
    _writer: Engine | None = None  # the engine with BEGIN IMMEDIATE (made once)
    _autocommit: Engine | None = None  # PostgreSQL: the engine of single_statement (made once)

    @classmethod
    def for_engine(cls, engine: Engine) -> Sessions:
        """Both factories on one engine (and one pool)."""
        writer = engine.execution_options(**{_IMMEDIATE: True})
        write = sessionmaker(writer, expire_on_commit=False)
        if engine.dialect.name == "sqlite":
            database = engine.url.database
            lock_file = Path(f"{database}-writer.lock") if database else None
            writers = _OneWriterAtATime(write, lock_file)
            return cls(
                engine=engine,
                read=sessionmaker(engine, expire_on_commit=False),
                write=writers,
                _writers=writers,
                _writer=writer,
            )
        return cls(
            engine=engine,
            read=sessionmaker(engine, expire_on_commit=False),
            write=write,
            _autocommit=engine.execution_options(isolation_level="AUTOCOMMIT"),
        )

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in a write transaction, without an ORM session.

        For the hub's busiest write (a 「読みました」 tap): the session's own bookkeeping cost
        more than the statements (benchmarks/hub_load.py). The same locks as ``write`` on
        SQLite, and BEGIN IMMEDIATE; committed on success, rolled back on error.
        """
        writer = self._writer or self.engine
        if self._writers is None:
            with writer.begin() as conn:
                yield conn
            return
        with self._writers.locked(), writer.begin() as conn:
            yield conn

    @contextmanager
    def single_statement(self) -> Iterator[Connection]:
        """A connection for writes of ONE statement each, which commit on their own.

        PostgreSQL: autocommit (no BEGIN and COMMIT round trips; a single statement is atomic
        and durable when it returns). SQLite: the same as :meth:`write_connection`.
        """
        if self._writers is not None:
            with self.write_connection() as conn:
                yield conn
            return
        autocommit = self._autocommit or self.engine.execution_options(isolation_level="AUTOCOMMIT")
        with autocommit.connect() as conn:
            yield conn

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name


def alembic_config(script_location: Path) -> Config:
    """An Alembic Config built in code (no alembic.ini, works when frozen)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path) -> str | None:
    """The newest revision this build knows."""
    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (``None`` for an empty one)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, script_location: Path | None = None) -> None:
    """Upgrade to head in one transaction; refuse a database written by a newer hub."""
    location = script_location or migrations_dir()
    scripts = ScriptDirectory.from_config(alembic_config(location))
    known = {r.revision for r in scripts.walk_revisions()}
    found = current_revision(engine)
    if found is not None and found not in known:
        raise HubDatabaseError(
            f"the hub database has schema {found}, newer than this version knows; update the hub"
        )
    cfg = alembic_config(location)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def check_schema(engine: Engine, script_location: Path | None = None) -> None:
    """Raise unless the database is at this build's head (``hub serve`` migrates first)."""
    head = head_revision(script_location or migrations_dir())
    found = current_revision(engine)
    if found != head:
        raise HubDatabaseError(
            f"the hub database is at schema {found or 'none'}, expected {head}; run `hub serve` to upgrade"
        )
