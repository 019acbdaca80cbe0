"""Entry point: ``python -m circular_app`` (GUI) or ``python -m circular_app COMMAND``."""

from __future__ import annotations

import sys

from circular_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
