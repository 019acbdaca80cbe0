"""The cyclic garbage collector runs on the GUI thread only, never on a worker thread.

A worker that allocates (a database read) used to set off the automatic collection on its own
thread, which freed the cyclic garbage of closed windows there: Qt objects destroyed on, or
handed for deletion from, the wrong thread, and now and then a segmentation fault.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from circular_app.ui.common import collector
from circular_app.ui.common.tasks import TaskRunner


class _Garbage:
    """Cyclic garbage holding a Qt object, as a closed window's Python side does."""

    released_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.qt_object = QObject()  # no parent: its wrapper owns it
        self.myself = self

    def __del__(self) -> None:
        _Garbage.released_on.append(threading.current_thread().name)


@pytest.fixture
def collecting_threads() -> Iterator[list[str]]:
    """The names of the threads each garbage collection of the test started on."""
    threads: list[str] = []

    def record(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(record)
    yield threads
    gc.callbacks.remove(record)


def test_a_busy_worker_does_not_collect_the_gui_threads_garbage(
    qtbot: QtBot, collecting_threads: list[str]
) -> None:
    """A worker allocating a lot sets off no collection; the GUI thread's timer frees the garbage."""
    owner = QObject()
    runner = TaskRunner(owner)
    _Garbage.released_on = []
    allocated = threading.Event()

    def read_many_rows() -> list[list[int]]:
        rows = [[n] for n in range(50_000)]  # far past the collector's first threshold
        allocated.set()
        return rows  # kept by the answer: a collection is due afterwards too

    gc.collect()
    _Garbage()  # unreachable at once, freed only by a collection
    answers: list[object] = []
    runner.run(read_many_rows, answers.append, answers.append)
    assert allocated.wait(10)  # the GUI thread allocates nothing meanwhile
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    assert isinstance(answers[0], list) and len(answers[0]) == 50_000
    qtbot.waitUntil(lambda: _Garbage.released_on != [], timeout=5000)

    main = threading.main_thread().name
    assert _Garbage.released_on == [main]
    assert collecting_threads and set(collecting_threads) == {main}
    runner.shutdown()


def test_the_collector_is_installed_once_and_turns_the_automatic_one_off(qtbot: QtBot) -> None:
    """install() twice gives one collector; the automatic collector stays off, even if turned on."""
    first = collector.install()
    assert collector.install() is first
    assert collector.installed() is first
    assert not gc.isenabled()

    gc.enable()
    first.collect_if_due()
    assert not gc.isenabled()


def test_only_a_due_generation_is_collected(qtbot: QtBot) -> None:
    """Nothing is collected before the youngest generation passes its threshold."""
    gc_collector = collector.install()
    gc.collect()
    assert collector.due_generation() == -1
    before = gc_collector.collections
    gc_collector.collect_if_due()
    assert gc_collector.collections == before

    keep = [[n] for n in range(gc.get_threshold()[0] + 10)]
    assert collector.due_generation() >= 0
    gc_collector.collect_if_due()
    assert gc_collector.collections == before + 1
    assert keep
