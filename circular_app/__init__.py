"""Kairan Desk (回覧デスク): digital and paper circulars for Japanese town associations."""

__version__ = "0.1.0"

import time as _time

# Earliest moment our code runs; benchmarks report the first window relative to it.
PROCESS_START = _time.perf_counter()
