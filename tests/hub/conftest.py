"""Hub fixtures: every hub test runs against SQLite and PostgreSQL.

PostgreSQL: with ``CIRCULAR_TEST_PG_URL`` set (e.g. postgresql://postgres@127.0.0.1:5432/test)
the tests use that server; without it they ALWAYS start a throwaway cluster of their own
(``tests/pg_cluster.py``: initdb in a temporary folder, a free loopback port, removed at the
end), never a server that happens to run on the machine. Either way the session creates its
own database and drops it afterwards. When the server cannot be reached or the cluster cannot
start, the PostgreSQL tests FAIL with the reason: they are never skipped. (To leave them out
on purpose, deselect them: ``-k "not postgresql and not pg_server"``.)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from circular_app.app import App, ProfileServices
from circular_app.hub.storage.database import create_hub_engine, migrate
from tests.conftest import ProfileTemplate
from tests.hub.support import Association, RunningHub, enrolled, serve, settings_for
from tests.pg_cluster import PgCluster, PgClusterError, throwaway_cluster

PG_URL_ENV = "CIRCULAR_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class PgServer:
    """The PostgreSQL server of this session: its admin URL, and the cluster when it is ours."""

    admin_url: str
    cluster: PgCluster | None


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _unavailable(reason: str) -> NoReturn:
    """Fail the PostgreSQL tests with ``reason`` (never skip them)."""
    pytest.fail(reason, pytrace=False)


@contextmanager
def pg_server_for(environ: dict[str, str]) -> Iterator[PgServer]:
    """The server named by ``CIRCULAR_TEST_PG_URL`` in ``environ``, else a throwaway cluster."""
    given = environ.get(PG_URL_ENV, "").strip()
    if given:
        yield PgServer(admin_url=given, cluster=None)
        return
    with throwaway_cluster() as cluster:
        yield PgServer(admin_url=cluster.url, cluster=cluster)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """This session's PostgreSQL server (see the module docstring)."""
    with ExitStack() as stack:
        try:
            server = stack.enter_context(pg_server_for(dict(os.environ)))
        except PgClusterError as exc:
            _unavailable(f"could not start a throwaway PostgreSQL cluster ({exc})")
        yield server


@pytest.fixture(scope="session")
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (dropped at the end)."""
    admin = pg_server.admin_url
    try:
        conn = psycopg.connect(_libpq(admin), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        _unavailable(
            f"PostgreSQL is not reachable at {make_url(admin).render_as_string(hide_password=True)} "
            f"({type(exc).__name__}: {first_line}); start it or point {PG_URL_ENV} at one, "
            f"or unset {PG_URL_ENV} to let the tests start their own cluster"
        )
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
def desktop(app: App, demo_template: ProfileTemplate) -> Iterator[ProfileServices]:
    """The demo association on the desktop, not yet connected (``support.enroll`` connects it)."""
    services = app.services_for(demo_template.open_copy(app))
    yield services
    services.context.close()
