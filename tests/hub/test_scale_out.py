"""Two hub processes on one PostgreSQL: what one worker knows, the other knows (issue 24).

Each process is its own uvicorn server on its own port, as two hosts behind a reverse proxy
would be. The guess limit is counted in the database, so failures spread over both trip it
at the same total as on one process; a 「読みました」 tap that reaches both is stored once.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from circular_app.hub.services.limits import SharedGuessLimits
from circular_app.hub.services.registry import Registry
from circular_app.hub.storage.database import Sessions, create_hub_engine, migrate
from circular_app.hub.storage.models import RateCounterRow
from circular_app.sync.client import HubClient
from tests.hub.support import Association, RunningHub, csrf_of, household_with_circular, unique

ROOT = Path(__file__).resolve().parents[2]
GUESS_LIMIT = 5
SERVER = (
    "import sys, uvicorn\n"
    "from circular_app.hub.settings import HubSettings\n"
    "from circular_app.hub.web.app import create_app\n"
    "db_url, limit, namespace, port = sys.argv[1:5]\n"
    "settings = HubSettings(db_url=db_url, guess_limit=int(limit), global_guess_limit=100_000,\n"
    "                       limit_namespace=namespace, confirmation_settle_seconds=0)\n"
    "uvicorn.run(create_app(settings), host='127.0.0.1', port=int(port), log_level='warning',\n"
    "            access_log=False, proxy_headers=False)\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def two_hubs(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Two hub processes on the session's PostgreSQL database, sharing one limit namespace."""
    engine = create_hub_engine(pg_url, pool_size=1)
    migrate(engine)
    engine.dispose()
    namespace = unique("scale")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    logs = tmp_path_factory.mktemp("two-hubs")
    processes, bases = [], []
    try:
        for number in range(2):
            port = _free_port()
            with open(logs / f"hub{number}.log", "wb") as log:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-c", SERVER, pg_url, str(GUESS_LIMIT), namespace, str(port)],
                        cwd=ROOT,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=log,
                    )
                )
            bases.append(f"http://127.0.0.1:{port}")
        for number, (process, base) in enumerate(zip(processes, bases, strict=True)):
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    process.wait(timeout=10)
                    err = (logs / f"hub{number}.log").read_text(errors="replace")
                    pytest.fail(f"a hub process did not start: {err[-2000:]}")
                time.sleep(0.1)
        yield bases[0], bases[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def test_the_guess_limit_is_shared_by_both_processes(two_hubs: tuple[str, str]) -> None:
    """5 failures allowed in all: spread over two processes, the 6th and later answer 429."""
    statuses = [httpx.get(f"{two_hubs[n % 2]}/r/guess{n:020d}").status_code for n in range(2 * GUESS_LIMIT)]
    assert statuses == [404] * GUESS_LIMIT + [429] * GUESS_LIMIT


def test_a_tap_sent_to_both_processes_is_counted_once(two_hubs: tuple[str, str], pg_url: str) -> None:
    """The same 「読みました」 reaching both at once: both thank the resident, one row is stored."""
    first, second = two_hubs
    engine = create_hub_engine(pg_url, pool_size=1)
    try:
        new = Registry(Sessions.for_engine(engine)).add_association(unique("規模町会"), "規模校下")
    finally:
        engine.dispose()
    client = HubClient(first)
    try:
        enrollment = client.enroll(new.code)
        association = Association(new.name, enrollment.association_id, client)
        household, circular_key = household_with_circular(association)
        path = f"/r/{household.token}/c/{circular_key}"
        csrf = csrf_of(httpx.get(f"{second}{path}").text)
        start = threading.Barrier(2)
        statuses: list[int] = []

        def tap(base: str) -> None:
            with httpx.Client(base_url=base) as http:
                start.wait(timeout=10)
                statuses.append(http.post(f"{path}/read", data={"csrf": csrf}).status_code)

        threads = [threading.Thread(target=tap, args=(base,)) for base in two_hubs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert statuses == [200, 200]
        confirmations, _cursor = client.all_confirmations()
        mine = [c for c in confirmations if c.household_key == household.key]
        assert [(c.circular_key, c.household_key) for c in mine] == [(circular_key, household.key)]
    finally:
        client.close()


def test_shared_limits_count_per_window_and_forget_old_windows(hub: RunningHub) -> None:
    """Past the limit: wait until the window ends; the limit adds the previous window's count, so
    a boundary is no reset; rows of windows before the previous one are deleted (both backends)."""
    now = [999_960.0]  # a window boundary (60 s windows)
    namespace = unique("window")
    limits = SharedGuessLimits(hub.app.services.sessions, 2, 1000, 60, namespace, clock=lambda: now[0])
    mine = RateCounterRow.key.startswith(f"{namespace}:")
    assert [limits.failed("192.0.2.1") for _ in range(2)] == [None, None]
    now[0] += 15
    assert limits.failed("192.0.2.1") == 45  # the third failure within the window
    assert limits.retry_after("192.0.2.1") == 45  # asking counts nothing and says the same
    assert limits.failed("192.0.2.2") is None  # another address has its own count
    with hub.app.services.sessions.read() as session:
        # two addresses and everyone's count; no address is stored, only a hash
        keys = list(session.scalars(select(RateCounterRow.key).where(mine)))
    assert len(keys) == 3 and not any("192.0.2" in key for key in keys)
    now[0] += 60
    # The next window: still over the limit with the previous window's three.
    assert limits.failed("192.0.2.1") == 45
    now[0] += 60
    assert limits.failed("192.0.2.1") is None  # one in the previous window, one now: within
    with hub.app.services.sessions.read() as session:
        starts = set(session.scalars(select(RateCounterRow.window_start).where(mine)))
    assert starts == {1_000_020, 1_000_080}  # the current and the previous window are left


def test_a_window_boundary_gives_a_guesser_no_fresh_budget(hub: RunningHub) -> None:
    """Two failures just before a boundary and one just after: over a limit of 2 at once."""
    now = [1_000_019.0]  # one second before a boundary
    limits = SharedGuessLimits(hub.app.services.sessions, 2, 1000, 60, unique("edge"), clock=lambda: now[0])
    assert [limits.failed("198.51.100.7") for _ in range(2)] == [None, None]
    now[0] += 2
    assert limits.failed("198.51.100.7") == 59
