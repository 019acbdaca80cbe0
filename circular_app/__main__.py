"""Entry point: ``python -m circular_app`` (GUI) or ``python -m circular_app COMMAND``."""

from __future__ import annotations

import gc
import sys

from circular_app.cli import main, named_command

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # PDF batches use worker processes; a frozen build must let them start here. Imported
        # only then: freeze_support does nothing in a source run, and the import costs the
        # log-in window about 0.01 s (socket, pickle).
        import multiprocessing

        multiprocessing.freeze_support()
    code = main()
    if named_command(sys.argv[1:]) is not None:
        # A command's process ends here. The interpreter's last collection would walk every
        # object the command left (the fonts' glyph tables, SQLAlchemy's mappers) only for the
        # process to end: frozen objects are skipped, which saves about 0.2 s after a PDF batch.
        # Objects are still released as usual; only the search for unreachable cycles is skipped.
        gc.freeze()
    sys.exit(code)
