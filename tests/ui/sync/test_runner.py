"""SyncRunner: rounds through the TaskRunner against a real hub on loopback, backoff, stop.

The hub is the real ASGI app served by uvicorn on 127.0.0.1 over a migrated SQLite file; the
desktop side is a real profile with the real SyncService. "Hub down" is a loopback port with
nothing listening. (Ported from the tests of the former thread-based ``SyncWorker``.)
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Callable, Iterator
from typing import cast

import pytest
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.services.sync import RoundResult, SyncService, SyncState, SyncStatus, backoff
from circular_app.storage.models import HubConnectionRow
from circular_app.ui.sync.status import RoundOutcome, SyncRunner
from tests.hub.support import RunningHub, unique
from tests.ui.sync.test_dialogs import dead_url, sqlite_hub

WAIT = 15000  # ms


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    """A hub on a migrated SQLite file, served on a loopback port."""
    with sqlite_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture
def connected(hub: RunningHub, services: ProfileServices) -> ProfileServices:
    """The empty test association, enrolled with the hub."""
    new = hub.app.services.registry.add_association(unique("ワーカー町会"), "ワーカー校下")
    services.sync.connect(hub.base_url, new.code)
    return services


def _point_at(services: ProfileServices, url: str) -> str:
    """Change the stored hub address; return the previous one."""
    with services.context.sessions.begin() as session:
        conn = session.get(HubConnectionRow, 1)
        assert conn is not None
        previous, conn.base_url = conn.base_url, url
    return previous


class Rounds:
    """A stand-in SyncService that runs a given round function (and counts its threads)."""

    def __init__(self, real: SyncService, run: Callable[[], RoundResult] | None = None) -> None:
        self._real = real
        self._run = run or real.run_once
        self.threads: list[str] = []

    def run_once(self) -> RoundResult:
        self.threads.append(threading.current_thread().name)
        return self._run()

    def release_waiting(self) -> int:
        return self._real.release_waiting()

    def status(self) -> SyncStatus:
        return self._real.status()


Made = tuple[SyncRunner, list[RoundOutcome]]


@pytest.fixture
def make_runner(qtbot: QtBot) -> Iterator[Callable[..., Made]]:
    """Factory of started runners; every one is stopped at the end of the test."""
    made: list[SyncRunner] = []

    def make(
        sync: SyncService | Rounds, interval: float = 3600, delay: Callable[[int], dt.timedelta] = backoff
    ) -> Made:
        runner = SyncRunner(cast(SyncService, sync), interval, delay=delay)
        outcomes: list[RoundOutcome] = []
        runner.round_done.connect(outcomes.append)
        made.append(runner)
        runner.start()
        return runner, outcomes

    yield make
    for runner in made:
        assert runner.stop(), "a sync round did not end"


def test_first_round_runs_at_start_on_another_thread(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """Starting the runner runs one round at once, off the GUI thread, and ends synced."""
    rounds = Rounds(connected.sync)
    _runner, outcomes = make_runner(rounds)
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    first = outcomes[0]
    assert first.result is not None and first.result.status.state is SyncState.SYNCED
    assert first.result.sent >= 1  # the roster queued at enrollment
    assert len(rounds.threads) == 1 and rounds.threads[0] != threading.current_thread().name


def test_poke_sends_a_change_at_once(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """A change followed by poke() reaches the hub without waiting for the interval."""
    runner, outcomes = make_runner(connected.sync)
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    draft = connected.circulars.new_draft(CircularDraft(title="ワーカーの回覧", body="本文です。"))
    connected.circulars.publish(draft.id)
    assert connected.sync.status().state is SyncState.PENDING
    runner.poke()
    qtbot.waitUntil(
        lambda: any(x.result is not None and x.result.sent >= 1 for x in outcomes[1:]), timeout=WAIT
    )
    assert connected.sync.status().state is SyncState.SYNCED


def test_rounds_repeat_every_interval(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """With nothing to do, rounds still run on the interval (confirmations are fetched)."""
    _runner, outcomes = make_runner(connected.sync, interval=0.05)
    qtbot.waitUntil(lambda: len(outcomes) >= 3, timeout=WAIT)
    assert all(not o.failed and o.next_in == 0.05 for o in outcomes[:3])


def test_hub_down_backs_off_exponentially_with_jitter(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """Failed rounds wait backoff(1), backoff(2), … (the real jittered backoff, scaled down)."""
    _point_at(connected, dead_url())
    rng = random.Random(7)
    asked: list[int] = []

    def scaled(attempts: int) -> dt.timedelta:
        asked.append(attempts)
        return backoff(attempts, rng) / 100  # 50 ms, 100 ms, 200 ms caps instead of 5 s, 10 s, 20 s

    _runner, outcomes = make_runner(connected.sync, interval=0.01, delay=scaled)
    qtbot.waitUntil(lambda: len(outcomes) >= 3, timeout=WAIT)
    first = outcomes[:3]
    assert [o.failures for o in first] == [1, 2, 3]
    assert asked[:3] == [1, 2, 3]
    assert all(o.result is not None and o.result.status.state is SyncState.OFFLINE for o in first)
    for number, outcome in enumerate(first, start=1):
        cap = 0.05 * 2 ** (number - 1)
        assert 0.5 * cap <= outcome.next_in <= cap  # full jitter within the doubling cap; not the interval


def test_poke_while_backing_off_waits(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """A poke during a long backoff runs no round; the next one stays scheduled minutes away."""
    _point_at(connected, dead_url())
    runner, outcomes = make_runner(connected.sync, delay=lambda _n: dt.timedelta(minutes=10))
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    runner.poke()
    assert not runner.in_round and runner.rounds == 1 and runner.seconds_until_next() > 60


def test_retry_after_hub_returns_resets_the_backoff(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """While backing off for minutes, retry() runs at once; success resets the failures."""
    real = _point_at(connected, dead_url())
    runner, outcomes = make_runner(connected.sync, delay=lambda _n: dt.timedelta(minutes=10))
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    assert outcomes[0].failed and runner.failures == 1
    assert runner.seconds_until_next() > 60
    _point_at(connected, real)
    # The failed round also delayed the waiting items; the officer's retry releases them.
    runner.retry()
    qtbot.waitUntil(lambda: len(outcomes) >= 2, timeout=WAIT)
    second = outcomes[1]
    assert not second.failed and second.failures == 0 and runner.failures == 0
    assert second.result is not None and second.result.status.state is SyncState.SYNCED


def test_an_exception_is_reported_and_backed_off(
    services: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """A round that raises (here: never connected) is a failed round named by its exception."""
    runner, outcomes = make_runner(services.sync, delay=lambda _n: dt.timedelta(minutes=10))
    statuses: list[SyncStatus] = []
    runner.status_changed.connect(statuses.append)
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    outcome = outcomes[0]
    assert outcome.result is None and outcome.crashed == "NotFoundError"
    assert outcome.failed and runner.failures == 1 and runner.is_running()
    assert statuses[0].state is SyncState.ERROR and "NotFoundError" in statuses[0].error


def test_never_two_rounds_at_once(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """Many pokes during a round run the rounds one after another, and exactly one more."""
    lock = threading.Lock()
    running = [0]
    most = [0]

    def run() -> RoundResult:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return connected.sync.run_once()
        finally:
            with lock:
                running[0] -= 1

    runner, outcomes = make_runner(Rounds(connected.sync, run))
    for _ in range(100):
        runner.poke()
    qtbot.waitUntil(lambda: len(outcomes) >= 2, timeout=WAIT)
    qtbot.waitUntil(lambda: not runner.in_round, timeout=WAIT)
    assert most[0] == 1 and runner.rounds == 2


def test_stop_waits_for_the_round_in_progress(connected: ProfileServices, qtbot: QtBot) -> None:
    """stop() lets a running round finish, and no round runs afterwards."""
    started, release = threading.Event(), threading.Event()

    def run() -> RoundResult:
        started.set()
        assert release.wait(WAIT / 1000)
        return connected.sync.run_once()

    rounds = Rounds(connected.sync, run)
    runner = SyncRunner(cast(SyncService, rounds), 0.01)
    runner.start()
    assert started.wait(WAIT / 1000)
    assert runner.in_round and runner.is_running()
    threading.Timer(0.05, release.set).start()
    assert runner.stop()
    assert not runner.is_running() and not runner.in_round
    runner.poke()
    runner.retry()
    qtbot.wait(50)
    assert len(rounds.threads) == 1


def test_stop_before_start_and_twice_is_harmless(services: ProfileServices) -> None:
    """Stopping a runner that never started, or stopping twice, returns True; it can start again."""
    runner = SyncRunner(services.sync, delay=lambda _n: dt.timedelta(minutes=10))
    assert runner.stop()
    runner.start()
    assert runner.stop() and runner.stop()
    runner.start()
    assert runner.is_running() and runner.stop()


def test_interval_must_be_positive(services: ProfileServices) -> None:
    """A zero interval is refused."""
    with pytest.raises(ValueError, match="positive"):
        SyncRunner(services.sync, 0)


def test_rounds_come_every_30_seconds_while_a_safety_round_is_open(
    connected: ProfileServices, make_runner: Callable[..., Made], qtbot: QtBot
) -> None:
    """安否確認: phones' answers reach the board by themselves (the hour-long interval shrinks)."""
    from circular_app.domain.safety import RoundKind
    from circular_app.ui.sync.status import SAFETY_INTERVAL

    connected.safety.start(RoundKind.EARTHQUAKE)
    runner, outcomes = make_runner(connected.sync, interval=3600)
    qtbot.waitUntil(lambda: len(outcomes) >= 1, timeout=WAIT)
    assert outcomes[0].result is not None and outcomes[0].result.safety_round_open
    assert outcomes[0].next_in == SAFETY_INTERVAL == 30.0
    connected.safety.end()
    runner.poke()
    qtbot.waitUntil(lambda: len(outcomes) >= 2, timeout=WAIT)
    assert outcomes[1].next_in == 3600
