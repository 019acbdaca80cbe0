"""Entry point: ``python -m circular_app`` (GUI) or ``python -m circular_app COMMAND``."""

from __future__ import annotations

import multiprocessing
import sys

from circular_app.cli import main

if __name__ == "__main__":
    # PDF batches use worker processes; a frozen build must let them start here.
    multiprocessing.freeze_support()
    sys.exit(main())
