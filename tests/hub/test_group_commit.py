"""Group commit of 「読みました」 taps (issue 24): taps that wait together share one commit.

Run on the test hub's own database, both backends. The writer is held inside a first write
(an event it waits on) while taps queue behind it; once let go, the queued taps must be
committed in **one** transaction, each answered with its own result, and a write that fails
must not take the others' answers with it; many taps sent at once through the reader service
are each recorded once. Also: the hub's SQLite connections wait for the disk at every commit
(``synchronous=FULL``), which is what makes a commit worth sharing.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from circular_app.hub.storage import reader_repo
from circular_app.hub.storage.database import Sessions, create_hub_engine, migrate
from circular_app.hub.storage.group_commit import GroupCommit
from circular_app.support.clock import utcnow
from tests.hub.support import (
    Association,
    RunningHub,
    enrolled,
    household_with_circular,
    serve,
    settings_for,
)

NewAssociation = Callable[..., Association]
QUEUED = 6


@contextmanager
def transactions(engine: Engine) -> Iterator[list[str]]:
    """BEGIN and COMMIT events of ``engine`` while the block runs."""
    seen: list[str] = []

    def begin(_conn: Any) -> None:
        seen.append("begin")

    def commit(_conn: Any) -> None:
        seen.append("commit")

    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", begin)
        event.remove(engine, "commit", commit)


Work = Callable[[Connection], Any]


def _each(conn: Connection, items: list[Work]) -> list[Any]:
    return [item(conn) for item in items]


def _held_then(
    sessions: Sessions, queued: list[Work], write_group: Callable[[Connection, list[Work]], list[Any]] = _each
) -> list[Any]:
    """Hold the writer in a first write, queue ``queued`` behind it, let go; each outcome."""

    async def scenario() -> list[Any]:
        writes: GroupCommit[Work, Any] = GroupCommit(sessions, write_group)
        entered, gate = threading.Event(), threading.Event()

        def hold(_conn: Connection) -> bool:
            entered.set()
            return gate.wait(10)

        first = asyncio.ensure_future(writes.run(hold))
        assert await asyncio.to_thread(entered.wait, 10)
        waiting = [asyncio.ensure_future(writes.run(work)) for work in queued]
        await asyncio.sleep(0)  # every queued write is in the writer's queue before the gate opens
        gate.set()
        assert await first is True
        # Bounded: a writer that died would leave these waiting forever.
        outcomes = await asyncio.wait_for(asyncio.gather(*waiting, return_exceptions=True), 30)
        await asyncio.to_thread(writes.close)
        return list(outcomes)

    return asyncio.run(scenario())


def _tap(token_hash: str, key: str, postgresql: bool) -> Callable[[Connection], Any]:
    now = utcnow().replace(microsecond=0)
    return lambda conn: reader_repo.confirm(conn, token_hash, key, "web/phone", now, postgresql)


def test_taps_queued_together_are_committed_in_one_transaction(
    hub: RunningHub, new_association: NewAssociation, backend: str
) -> None:
    association = new_association()
    households = [household_with_circular(association) for _ in range(QUEUED)]
    sessions = hub.app.services.sessions
    postgresql = backend == "postgresql"
    taps = [_tap(h.token_hash, key, postgresql) for h, key in households]
    with transactions(sessions.engine) as seen:
        outcomes = _held_then(sessions, taps)
    # The holding write alone (SQLite: its own BEGIN … COMMIT; PostgreSQL: autocommit), then
    # the six taps in one transaction: one BEGIN and one COMMIT for all of them.
    assert seen.count("commit") == (2 if backend == "sqlite" else 1), seen
    for _pair, outcome in zip(households, outcomes, strict=True):
        assert not isinstance(outcome, BaseException), outcome
        reader, confirmed = outcome
        assert reader.household_id and confirmed.first_time, outcome
    # Committed: a second tap of each reads the first time back, no new row.
    again = [_tap(h.token_hash, key, postgresql) for h, key in households]
    for outcome in _held_then(sessions, again):
        assert not isinstance(outcome, BaseException) and not outcome[1].first_time, outcome


def test_a_failing_write_does_not_take_the_others_with_it(
    hub: RunningHub, new_association: NewAssociation, backend: str
) -> None:
    association = new_association()
    (first, first_key), (last, last_key) = (
        household_with_circular(association),
        household_with_circular(association),
    )
    postgresql = backend == "postgresql"

    def broken(conn: Connection) -> None:
        conn.exec_driver_sql("SELECT nothing FROM no_such_table")

    outcomes = _held_then(
        hub.app.services.sessions,
        [_tap(first.token_hash, first_key, postgresql), broken, _tap(last.token_hash, last_key, postgresql)],
    )
    assert isinstance(outcomes[1], Exception), outcomes
    for outcome in (outcomes[0], outcomes[2]):
        assert not isinstance(outcome, BaseException) and outcome[1].first_time, outcome
    again = _held_then(hub.app.services.sessions, [_tap(first.token_hash, first_key, postgresql)])
    assert not again[0][1].first_time, "the tap grouped with the failing write was not committed"


def test_a_broken_group_writer_answers_every_waiting_write(hub: RunningHub) -> None:
    """A writer that loses a result fails the group's requests instead of leaving them waiting."""

    def loses_one(conn: Connection, items: list[Work]) -> list[Any]:
        return _each(conn, items)[1:] if len(items) > 1 else _each(conn, items)

    outcomes = _held_then(hub.app.services.sessions, [lambda _c: 1, lambda _c: 2], loses_one)
    assert all(isinstance(o, ValueError) for o in outcomes), outcomes


def test_sqlite_hub_commits_wait_for_the_disk(tmp_path: Path) -> None:
    engine = create_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}", pool_size=1)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_many_taps_at_once_are_each_recorded_once(hub: RunningHub, new_association: NewAssociation) -> None:
    association = new_association()
    households = [household_with_circular(association) for _ in range(8)]
    reader = hub.app.services.reader

    async def tap_all() -> list[Any]:
        taps = [reader.confirm_grouped(h.token_hash, key, "web/phone") for h, key in households]
        return list(await asyncio.gather(*taps, *taps[:0]))

    first = asyncio.run(tap_all())
    again = asyncio.run(tap_all())
    assert all(r is not None and r[1].first_time for r in first), first
    assert all(r is not None and not r[1].first_time for r in again), again
    assert [r[1].confirmed_at for r in first] == [r[1].confirmed_at for r in again]


def test_a_write_whose_connection_was_dropped_is_tried_again(hub: RunningHub) -> None:
    """The server dropped the connection (a restart): once more on a fresh one; other errors once."""
    calls: list[str] = []

    def first_dropped(conn: Connection, items: list[Work]) -> list[Any]:
        calls.append("write")
        if len(calls) == 1:
            raise DisconnectionError("the database server closed the connection")
        return _each(conn, items)

    async def one(write_group: Callable[[Connection, list[Work]], list[Any]]) -> Any:
        writes: GroupCommit[Work, Any] = GroupCommit(hub.app.services.sessions, write_group)
        try:
            return await writes.run(lambda _conn: "written")
        finally:
            await asyncio.to_thread(writes.close)

    assert asyncio.run(one(first_dropped)) == "written" and calls == ["write", "write"]

    def always_wrong(_conn: Connection, _items: list[Work]) -> list[Any]:
        calls.append("wrong")
        raise ValueError("not a connection problem")

    calls.clear()
    with pytest.raises(ValueError):
        asyncio.run(one(always_wrong))
    assert calls == ["wrong"]


def test_a_tap_on_a_connection_the_server_dropped_invalidates_it(pg_url: str) -> None:
    """PostgreSQL: the tap's statement (sent past SQLAlchemy) on a dead connection takes it out of the pool."""
    engine = create_hub_engine(pg_url, pool_size=1)
    migrate(engine)  # the session's database (already migrated when the hub tests ran first)
    engine.dispose()
    with serve(settings_for(pg_url), "postgresql") as running:
        association = enrolled(running)
        household, key = household_with_circular(association)
        sessions = running.app.services.sessions
        libpq = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
        with sessions.single_statement() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            pid = driver.info.backend_pid
            with psycopg.connect(libpq, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                for _ in range(100):  # until the backend has gone
                    left = admin.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)
                    ).fetchone()
                    if left is not None and left[0] == 0:
                        break
                    time.sleep(0.05)
            with pytest.raises(DisconnectionError):
                reader_repo.confirm(conn, household.token_hash, key, "web/phone", utcnow(), True)
            assert conn.invalidated
        # The next tap gets a working connection and records the read.
        again = asyncio.run(
            running.app.services.reader.confirm_grouped(household.token_hash, key, "web/phone")
        )
        assert again is not None and again[1].first_time
        association.client.close()
