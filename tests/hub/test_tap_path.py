"""The 「読みました」 tap is the hub's hot path (issue 24): few statements, no extra round trips.

Counted with SQLAlchemy event listeners on the running hub's own engine, so the ORM path or a
per-tap question query coming back fails here. Also: the thank-you page still opens with the
安否確認 question while a round is open, and on PostgreSQL pooled connections the server
dropped are replaced before a tap uses them (the checkout check that replaced ``pool_pre_ping``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from circular_app.sync.client import SyncItem
from tests.hub.support import (
    Association,
    Household,
    RunningHub,
    csrf_of,
    enrolled,
    household_with_circular,
    new_key,
    serve,
    settings_for,
)

NewAssociation = Callable[..., Association]


@contextmanager
def counted(engine: Engine) -> Iterator[dict[str, Any]]:
    """Statements sent (their first words) and pool checkouts while the block runs.

    On PostgreSQL the statements are counted where psycopg sends them (``Cursor.execute``):
    the tap's statement goes to the driver directly, past SQLAlchemy's events. On SQLite they
    are SQLAlchemy's (sqlite3's cursor cannot be wrapped).
    """
    seen: dict[str, Any] = {"statements": [], "checkouts": 0}

    def statement(_conn: Any, _cursor: Any, text: str, *_args: Any) -> None:
        seen["statements"].append(" ".join(text.split()[:2]))

    def checkout(*_args: Any) -> None:
        seen["checkouts"] += 1

    sent_by_psycopg = engine.dialect.name == "postgresql"
    original = psycopg.Cursor.execute

    def execute(cursor: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        statement(None, cursor, str(query))
        return original(cursor, query, *args, **kwargs)

    if sent_by_psycopg:
        psycopg.Cursor.execute = execute  # type: ignore[method-assign,assignment]
    else:
        event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine.pool, "checkout", checkout)
    try:
        yield seen
    finally:
        if sent_by_psycopg:
            psycopg.Cursor.execute = original  # type: ignore[method-assign]
        else:
            event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine.pool, "checkout", checkout)


def _tap(http: httpx.Client, household: Household, key: str, csrf: str) -> httpx.Response:
    return http.post(f"/r/{household.token}/c/{key}/read", data={"csrf": csrf})


def test_a_tap_sends_only_its_own_statements(hub: RunningHub, new_association: NewAssociation) -> None:
    """One connection and one statement on PostgreSQL; BEGIN IMMEDIATE, lookup, insert on SQLite."""
    association = new_association()
    household, key = household_with_circular(association, title="資源回収のお知らせ")
    engine = hub.app.services.sessions.engine
    with httpx.Client(base_url=hub.base_url) as http:
        csrf = csrf_of(http.get(f"/r/{household.token}/c/{key}").text)
        with counted(engine) as first:
            done = _tap(http, household, key, csrf)
        assert done.status_code == 200 and "町会へお知らせしました" in done.text
        assert "安否確認" not in done.text
        with counted(engine) as again:
            second = _tap(http, household, key, csrf)
        assert second.status_code == 200 and "前にお知らせ済みです" in second.text
    assert first["checkouts"] == 1 and again["checkouts"] == 1
    if hub.backend == "postgresql":
        # Lookup, insert and the round check in one statement (in autocommit: no BEGIN/COMMIT);
        # a second tap adds the read of the first time.
        assert first["statements"] == ["WITH tap"]
        assert again["statements"] == ["WITH tap", "SELECT confirmation.confirmed_at"]
    else:
        assert first["statements"] == ["BEGIN IMMEDIATE", "SELECT reader_token.household_id,", "INSERT INTO"]
        assert len(again["statements"]) == 4
    assert len(association.client.confirmations().items) == 1


def test_the_thank_you_page_asks_the_question_while_a_round_is_open(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """The tap's statement says a round is open; only then is the question looked up and shown."""
    association = new_association()
    household, key = household_with_circular(association)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()
    round_item = {"round_key": new_key(), "kind": "earthquake", "message": "震度5強", "started_at": started}
    (result,) = association.client.push([SyncItem(new_key(), "safety_round", round_item)])
    assert result.status == "applied", result
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"/r/{household.token}/c/{key}").text
        csrf = csrf_of(page[page.index(f"/c/{key}/read") :])  # the question's own form comes first
        with counted(hub.app.services.sessions.engine) as seen:
            done = _tap(http, household, key, csrf)
    assert done.status_code == 200 and "町会へお知らせしました" in done.text
    assert "安否確認（地震）" in done.text and done.text.index('id="safety-q"') < done.text.index("<h1")
    assert any("safety_round" in s or s.startswith("SELECT safety_round") for s in seen["statements"])
    ended = round_item | {"ended_at": started}
    (result,) = association.client.push([SyncItem(new_key(), "safety_round", ended)])
    assert result.status == "applied", result
    with httpx.Client(base_url=hub.base_url) as http:
        after = _tap(http, household, key, csrf)
    assert after.status_code == 200 and "安否確認" not in after.text


def test_pooled_connections_the_server_dropped_are_replaced(db_url: str, backend: str) -> None:
    """PostgreSQL terminates every pooled connection of a hub: its next taps still succeed.

    (On SQLite there is no server to drop them; the same taps simply succeed.)
    """
    name = f"kairan-tap-{new_key()[:8]}"
    url = (
        make_url(db_url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)
        if backend == "postgresql"
        else db_url
    )
    with serve(settings_for(url), backend) as running:
        association = enrolled(running)
        households = [household_with_circular(association) for _ in range(3)]
        with httpx.Client(base_url=running.base_url) as http:
            forms = [(h, key, csrf_of(http.get(f"/r/{h.token}/c/{key}").text)) for h, key in households]
            if backend == "postgresql":
                libpq = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
                with psycopg.connect(libpq, autocommit=True) as admin:
                    killed = admin.execute(
                        "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = %s) AS t",
                        (name,),
                    ).fetchone()
                assert killed is not None and killed[0] >= 1
            for household, key, csrf in forms:
                done = _tap(http, household, key, csrf)
                assert done.status_code == 200 and "町会へお知らせしました" in done.text
        association.client.close()
