"""TaskRunner: answers on the GUI thread, and a call's captures released there too.

A call usually captures its window; if a worker thread dropped the last reference, the window
would be deleted on that thread (the crash this guards against). Each test makes the worker
finish while the test holds no other reference, then checks on which thread the captured
object died.
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from circular_app.domain.errors import UserError
from circular_app.ui.common.tasks import TaskRunner


class _Witness:
    """Records the thread it is released on."""

    released_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        _Witness.released_on.append(threading.current_thread().name)


def _run_and_forget(runner: TaskRunner, fail: bool, answers: list[object]) -> None:
    witness = _Witness()
    started = threading.Event()

    def call(captured: _Witness = witness) -> int:
        started.set()
        time.sleep(0.05)  # the test drops its references while the call runs
        if fail:
            raise UserError("できませんでした")
        return 42

    runner.run(call, answers.append, answers.append)
    started.wait(5)


def test_a_calls_captures_are_released_on_the_gui_thread(qtbot: QtBot) -> None:
    """Answer delivered: the captured object dies on the GUI (main) thread, not a worker."""
    owner = QObject()
    runner = TaskRunner(owner)
    answers: list[object] = []
    _Witness.released_on = []
    _run_and_forget(runner, False, answers)
    qtbot.waitUntil(lambda: answers == [42], timeout=5000)
    time.sleep(0.1)  # let the worker finish its own clean-up first
    qtbot.wait(10)
    assert _Witness.released_on == [threading.main_thread().name]
    runner.shutdown()


def test_an_errors_traceback_does_not_carry_the_captures_to_a_worker(qtbot: QtBot) -> None:
    """A failing call: the error is delivered without its traceback, and the capture dies on
    the GUI thread."""
    owner = QObject()
    runner = TaskRunner(owner)
    answers: list[object] = []
    _Witness.released_on = []
    _run_and_forget(runner, True, answers)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    (error,) = answers
    assert isinstance(error, UserError) and error.__traceback__ is None
    time.sleep(0.1)
    qtbot.wait(10)
    assert _Witness.released_on == [threading.main_thread().name]
    runner.shutdown()
