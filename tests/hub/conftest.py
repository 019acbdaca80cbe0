"""Hub fixtures: every hub test runs against SQLite and PostgreSQL.

PostgreSQL is the local server (``CIRCULAR_TEST_PG_URL``, default
postgresql://postgres@127.0.0.1:5432/test). Each test session creates its own database on it
and drops it afterwards. When the server cannot be reached the PostgreSQL tests FAIL with the
reason; set ``KAIRAN_SKIP_PG=1`` to skip them explicitly instead (never silently).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from circular_app.app import App, ProfileServices
from circular_app.hub.storage.database import create_hub_engine, migrate
from circular_app.services.demo import create_demo
from tests.hub.support import Association, RunningHub, enrolled, serve, settings_for

PG_URL_ENV = "CIRCULAR_TEST_PG_URL"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


def _pg_admin_url() -> str:
    return os.environ.get(PG_URL_ENV, DEFAULT_PG_URL)


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (dropped at the end)."""
    admin = _pg_admin_url()
    reason = None
    try:
        conn = psycopg.connect(_libpq(admin), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        reason = (
            f"PostgreSQL is not reachable at {make_url(admin).render_as_string(hide_password=True)} "
            f"({type(exc).__name__}: {first_line}). "
            f"Start it, point {PG_URL_ENV} at one, or set KAIRAN_SKIP_PG=1 to skip the PostgreSQL tests."
        )
    if reason is not None:
        if os.environ.get("KAIRAN_SKIP_PG") == "1":
            pytest.skip(f"KAIRAN_SKIP_PG=1: {reason}")
        pytest.fail(reason, pytrace=False)
    name = f"kairan_hub_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with psycopg.connect(_libpq(admin), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated hub database URL on each backend."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('hub') / 'hub.db'}"
    engine = create_hub_engine(url, pool_size=1)
    migrate(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def backend(db_url: str) -> str:
    """``sqlite`` or ``postgresql``."""
    return make_url(db_url).get_backend_name()


@pytest.fixture(scope="session")
def hub(db_url: str, backend: str) -> Iterator[RunningHub]:
    """A hub on a real loopback socket, shared by the tests of one backend."""
    with serve(settings_for(db_url), backend) as running:
        yield running


@pytest.fixture
def sqlite_file(db_url: str) -> Path | None:
    """The SQLite database file (``None`` on PostgreSQL)."""
    url = make_url(db_url)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


@pytest.fixture
def new_association(hub: RunningHub) -> Iterator[Callable[..., Association]]:
    """Factory: a freshly registered and enrolled association (its client closed afterwards)."""
    made: list[Association] = []

    def make(district: str = "テスト校下") -> Association:
        association = enrolled(hub, district)
        made.append(association)
        return association

    yield make
    for association in made:
        association.client.close()


@pytest.fixture
def strict_hub(db_url: str, backend: str) -> Iterator[RunningHub]:
    """A second hub on the same database with a guess limit of 3 a minute."""
    with serve(settings_for(db_url, guess_limit=3), backend) as running:
        yield running


@pytest.fixture
def desktop(app: App) -> Iterator[ProfileServices]:
    """The demo association on the desktop, not yet connected (``support.enroll`` connects it)."""
    demo = create_demo(app.profiles)
    services = app.services_for(demo.context)
    yield services
    services.context.close()
