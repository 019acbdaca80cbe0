"""SyncWorker: rounds off the calling thread against a real hub on loopback, backoff, stop.

The hub is the real ASGI app served by uvicorn on 127.0.0.1 over a migrated SQLite file; the
desktop side is a real profile with the real SyncService. "Hub down" is a loopback port with
nothing listening.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.services.sync import RoundResult, SyncState, backoff
from circular_app.storage.models import HubConnectionRow
from circular_app.sync.worker import RoundOutcome, SyncWorker
from tests.hub.support import RunningHub, unique
from tests.ui.sync.test_dialogs import dead_url, sqlite_hub

WAIT = 15.0


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


def _failed(result: RoundResult) -> bool:
    return result.status.state in (SyncState.OFFLINE, SyncState.ERROR)


class Recorder:
    """Collects outcomes (with the monotonic time each arrived) and lets a test wait for them."""

    def __init__(self) -> None:
        self.outcomes: list[RoundOutcome[RoundResult]] = []
        self.times: list[float] = []
        self._cond = threading.Condition()

    def __call__(self, outcome: RoundOutcome[RoundResult]) -> None:
        with self._cond:
            self.outcomes.append(outcome)
            self.times.append(time.monotonic())
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[RoundOutcome[RoundResult]]], bool]) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: predicate(self.outcomes), WAIT), self.outcomes


@pytest.fixture
def make_worker() -> Iterator[Callable[..., tuple[SyncWorker[RoundResult], Recorder]]]:
    """Factory of started workers; every one is stopped at the end of the test."""
    made: list[SyncWorker[RoundResult]] = []

    def make(
        run: Callable[[], RoundResult],
        interval: float = 3600,
        delay: Callable[[int], dt.timedelta] = backoff,
    ) -> tuple[SyncWorker[RoundResult], Recorder]:
        recorder = Recorder()
        worker = SyncWorker(run, failed=_failed, backoff=delay, interval=interval, on_round=recorder)
        made.append(worker)
        worker.start()
        return worker, recorder

    yield make
    for worker in made:
        assert worker.stop(), "a sync worker did not stop"


def test_first_round_runs_at_start_on_another_thread(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """Starting the worker runs one round at once, off the calling thread, and ends synced."""
    threads: list[str] = []

    def run() -> RoundResult:
        threads.append(threading.current_thread().name)
        return connected.sync.run_once()

    _worker, recorder = make_worker(run)
    recorder.wait_for(lambda o: len(o) >= 1)
    first = recorder.outcomes[0]
    assert first.result is not None and first.result.status.state is SyncState.SYNCED
    assert first.result.sent >= 1  # the roster queued at enrollment
    assert threads == ["kairan-sync"]


def test_poke_sends_a_change_at_once(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """A change followed by poke() reaches the hub without waiting for the interval."""
    worker, recorder = make_worker(connected.sync.run_once)
    recorder.wait_for(lambda o: len(o) >= 1)
    draft = connected.circulars.new_draft(CircularDraft(title="ワーカーの回覧", body="本文です。"))
    connected.circulars.publish(draft.id)
    assert connected.sync.status().state is SyncState.PENDING
    worker.poke()
    recorder.wait_for(lambda o: any(x.result is not None and x.result.sent >= 1 for x in o[1:]))
    assert connected.sync.status().state is SyncState.SYNCED


def test_rounds_repeat_every_interval(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """With nothing to do, rounds still run on the interval (confirmations are fetched)."""
    _worker, recorder = make_worker(connected.sync.run_once, interval=0.05)
    recorder.wait_for(lambda o: len(o) >= 3)
    assert all(not o.failed and o.next_in == 0.05 for o in recorder.outcomes[:3])


def test_hub_down_backs_off_exponentially_with_jitter(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """Failed rounds wait backoff(1), backoff(2), … (the real jittered backoff, scaled down)."""
    _point_at(connected, dead_url())
    rng = random.Random(7)
    asked: list[int] = []

    def scaled(attempts: int) -> dt.timedelta:
        asked.append(attempts)
        return backoff(attempts, rng) / 100  # 50 ms, 100 ms, 200 ms caps instead of 5 s, 10 s, 20 s

    _worker, recorder = make_worker(connected.sync.run_once, interval=0.01, delay=scaled)
    recorder.wait_for(lambda o: len(o) >= 3)
    outcomes = recorder.outcomes[:3]
    assert [o.failures for o in outcomes] == [1, 2, 3]
    assert asked[:3] == [1, 2, 3]
    assert all(o.result is not None and o.result.status.state is SyncState.OFFLINE for o in outcomes)
    for number, outcome in enumerate(outcomes, start=1):
        cap = 0.05 * 2 ** (number - 1)
        assert 0.5 * cap <= outcome.next_in <= cap  # full jitter within the doubling cap
    # The interval (10 ms) is not used while failing: the next round waits for the backoff.
    for i in range(2):  # (less a hair: the time is taken just after the worker scheduled the next round)
        assert recorder.times[i + 1] - recorder.times[i] >= outcomes[i].next_in - 0.005


def test_retry_after_hub_returns_resets_the_backoff(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """While backing off for minutes, retry_now() runs at once; success resets the failures."""
    real = _point_at(connected, dead_url())
    worker, recorder = make_worker(connected.sync.run_once, delay=lambda _n: dt.timedelta(minutes=10))
    recorder.wait_for(lambda o: len(o) >= 1)
    assert recorder.outcomes[0].failed and worker.failures == 1
    assert worker.seconds_until_next() > 60
    _point_at(connected, real)
    # The failed round also delayed the waiting items; the officer's retry releases them.
    assert connected.sync.release_waiting() >= 1
    worker.retry_now()
    recorder.wait_for(lambda o: len(o) >= 2)
    second = recorder.outcomes[1]
    assert not second.failed and second.failures == 0 and worker.failures == 0
    assert second.result is not None and second.result.status.state is SyncState.SYNCED


def test_an_exception_is_reported_and_backed_off(
    services: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """A round that raises (here: never connected) is a failed round named by its exception."""
    worker, recorder = make_worker(services.sync.run_once, delay=lambda _n: dt.timedelta(minutes=10))
    recorder.wait_for(lambda o: len(o) >= 1)
    outcome = recorder.outcomes[0]
    assert outcome.result is None and outcome.crashed == "NotFoundError"
    assert outcome.failed and worker.failures == 1 and worker.is_running()


def test_never_two_rounds_at_once(
    connected: ProfileServices, make_worker: Callable[..., tuple[SyncWorker[RoundResult], Recorder]]
) -> None:
    """Pokes from several threads at once still run the rounds one after another."""
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

    worker, recorder = make_worker(run)

    def poke_many() -> None:
        for _ in range(30):
            worker.poke()

    pokers = [threading.Thread(target=poke_many) for _ in range(4)]
    for thread in pokers:
        thread.start()
    for thread in pokers:
        thread.join()
    worker.poke()
    recorder.wait_for(lambda o: len(o) >= 2)
    assert most[0] == 1


def test_stop_waits_for_the_round_in_progress(connected: ProfileServices) -> None:
    """stop() lets a running round finish, ends the thread, and no round runs afterwards."""
    started, release = threading.Event(), threading.Event()
    recorder = Recorder()

    def run() -> RoundResult:
        started.set()
        assert release.wait(WAIT)
        return connected.sync.run_once()

    worker = SyncWorker(run, failed=_failed, backoff=backoff, interval=0.01, on_round=recorder)
    worker.start()
    assert started.wait(WAIT)
    stopped: list[bool] = []
    stopper = threading.Thread(target=lambda: stopped.append(worker.stop()))
    stopper.start()
    assert worker.in_round and worker.is_running()
    release.set()
    stopper.join(WAIT)
    assert stopped == [True] and not worker.is_running()
    assert len(recorder.outcomes) == 1 and not recorder.outcomes[0].failed
    worker.poke()
    assert worker.rounds == 1


def test_stop_before_start_and_twice_is_harmless() -> None:
    """Stopping a worker that never started, or stopping twice, returns True."""
    worker: SyncWorker[int] = SyncWorker(lambda: 1, failed=lambda _r: False, backoff=backoff)
    assert worker.stop()
    worker.start()
    assert worker.stop() and worker.stop()
    with pytest.raises(RuntimeError):
        worker.start()
