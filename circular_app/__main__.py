"""Entry point: ``python -m circular_app`` (GUI) or ``python -m circular_app COMMAND``."""

from __future__ import annotations

import gc
import sys

from circular_app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # PDF batches use worker processes; a frozen build must let them start here. Imported
        # only then: freeze_support does nothing in a source run, and the import costs the
        # log-in window about 0.01 s (socket, pickle).
        import multiprocessing

        multiprocessing.freeze_support()
    code = main()
    # The process ends here. The interpreter's last collection would walk every object the
    # command or the GUI left (the fonts' glyph tables, SQLAlchemy's mappers, Qt's wrappers)
    # only for the process to end: frozen objects are skipped, which saves about 0.2 s after
    # a PDF batch. Objects are still released as usual; only the search for unreachable
    # cycles is skipped.
    gc.freeze()
    sys.exit(code)
