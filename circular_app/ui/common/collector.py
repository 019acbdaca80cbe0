"""Python's cyclic garbage collector runs on the GUI thread only, never on a worker thread.

The automatic collector runs on whichever thread happens to allocate past its threshold. The
app has several Python threads (the hub and sidebar calls of :mod:`~circular_app.ui.common.tasks`,
the background imports, the integrity check, the practice hub), and a worker that reads the
database allocates thousands of objects a second. A collection there frees whatever cyclic
garbage the GUI thread left, closed windows and pages included: PySide then destroys their Qt
objects on the worker, or hands their C++ deletions to the GUI thread through a queue that the
GUI thread drains at any Python line while the worker is still adding to it. Either way the app
crashed now and then (a segmentation fault in ``Shiboken::BindingManager::runDeletionInMainThread``,
seen while the sidebar counted its figures and the daily backup ran on the GUI thread).

So once :func:`install` has run the automatic collector is off and a timer on the GUI thread
collects instead, the same generations the automatic collector would have collected, checked a
few times a second. Objects freed by their reference count (almost all) are freed at once as
before; only cyclic garbage waits for the next tick.

Installed for the QApplication by ``create_application`` and by every
:class:`~circular_app.ui.common.tasks.TaskRunner`, before their threads start; call it on the
GUI thread. It stays installed for the rest of the process (the interpreter's own collection at
exit still runs).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

#: How often the GUI thread looks whether a collection is due (milliseconds).
INTERVAL_MS = 200


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects on the GUI thread's timer instead."""

    def __init__(self, qapp: QCoreApplication) -> None:
        super().__init__(qapp)
        self.setObjectName("gui_thread_collector")
        self.collections = 0  # collections this collector made (tests)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        gc.disable()
        self._timer.start()
        # Not connected to ``destroyed`` to turn the automatic collector back on: a Python slot
        # on that signal made every exit about 0.04 s slower (PySide calls it while the
        # interpreter shuts down; benchmarks/README.md). The process ends with the application.

    @Slot()
    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns what it freed."""
        if gc.isenabled():  # someone turned it back on: off again, the worker threads run on
            gc.disable()
        generation = due_generation()
        if generation < 0:
            return 0
        self.collections += 1
        return gc.collect(generation)


def due_generation() -> int:
    """The generation the automatic collector would collect now, or -1 when none is due."""
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    due = -1
    for generation, (count, threshold) in enumerate(zip(counts, thresholds, strict=True)):
        if threshold > 0 and count > threshold:
            due = generation
    return due


def installed() -> GuiThreadCollector | None:
    """The running application's collector, if installed."""
    qapp = QCoreApplication.instance()
    if qapp is None:
        return None
    return qapp.findChild(GuiThreadCollector, "gui_thread_collector")


def install() -> GuiThreadCollector:
    """Collect on the GUI thread from now on (once per application; later calls return it).

    Needs a QCoreApplication; called on the GUI thread.
    """
    qapp = QCoreApplication.instance()
    if qapp is None:
        raise RuntimeError("the GUI-thread collector needs a QCoreApplication")
    if QThread.currentThread() is not qapp.thread():
        raise RuntimeError("the GUI-thread collector is installed on the GUI thread")
    found = installed()
    return found if found is not None else GuiThreadCollector(qapp)
