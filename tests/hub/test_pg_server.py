"""The PostgreSQL the hub tests run on: a throwaway cluster unless a URL is given.

A fresh machine has no PostgreSQL service; the tests must prove that path on every run, and
must never quietly use whatever server happens to listen on 127.0.0.1:5432.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.hub.conftest import PG_URL_ENV, PgServer, _libpq, pg_server_for


def _server_facts(url: str) -> tuple[Path, int]:
    with psycopg.connect(_libpq(url), connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT current_setting('data_directory'), current_setting('port')::int"
        ).fetchone()
    assert row is not None
    return Path(row[0]), int(row[1])


def test_session_server_is_ours_unless_a_url_is_given(pg_server: PgServer, pg_url: str) -> None:
    """Without CIRCULAR_TEST_PG_URL the session's database lives in the throwaway cluster."""
    given = os.environ.get(PG_URL_ENV, "").strip()
    if given:
        assert pg_server.cluster is None
        assert pg_server.admin_url == given
        assert make_url(pg_url).port == make_url(given).port
        return
    cluster = pg_server.cluster
    assert cluster is not None, "no URL was given, yet the tests did not start their own cluster"
    data_dir, port = _server_facts(pg_url)
    assert data_dir == cluster.data_dir
    assert port == cluster.port == make_url(pg_url).port


def test_a_given_url_is_used_as_is() -> None:
    """A developer's server URL is used untouched, and no cluster is started."""
    url = "postgresql://someone@127.0.0.1:9/elsewhere"
    with pg_server_for({PG_URL_ENV: url}) as server:
        assert server == PgServer(admin_url=url, cluster=None)


def test_throwaway_cluster_is_gone_afterwards_even_on_failure() -> None:
    """The cluster answers inside the block; after an error in it, server and folder are gone."""
    with pytest.raises(RuntimeError, match="a failing test"), pg_server_for({}) as server:
        cluster = server.cluster
        assert cluster is not None
        assert cluster.root.is_dir()
        assert _server_facts(server.admin_url) == (cluster.data_dir, cluster.port)
        raise RuntimeError("a failing test")
    assert not cluster.root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_libpq(server.admin_url), connect_timeout=5).close()
