"""Entry point: ``python -m circular_app`` (GUI) or ``python -m circular_app COMMAND``."""

from __future__ import annotations

import sys

from circular_app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # PDF batches use worker processes; a frozen build must let them start here. Imported
        # only then: freeze_support does nothing in a source run, and the import costs the
        # log-in window about 0.01 s (socket, pickle).
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
