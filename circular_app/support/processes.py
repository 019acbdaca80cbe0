"""Facts about this process that decide how worker processes may be started."""

from __future__ import annotations

import threading
from pathlib import Path


def single_threaded() -> bool:
    """True when this process runs one thread, Qt's and other native threads included.

    Forking is only safe then: a lock another thread holds would stay held in the child.
    """
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        return threading.active_count() == 1
