"""Crash-safe file writes: a crash leaves either the old file or the new one, never a mixture.

Files are created readable by their owner only (0600 on POSIX): they are exports with
personal data (roster, matrix and audit CSV, reports) or profile files.
"""

from __future__ import annotations

import os
from pathlib import Path

# Owner read/write only: exports hold names, phone numbers and notes of households.
PRIVATE_MODE = 0o600


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``.

    The file is created with mode 0600 (owner only) on POSIX, whatever the umask.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), PRIVATE_MODE)
    # A leftover temporary file from a crash keeps its old mode; O_CREAT's mode does not reset it.
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))


def make_private(path: Path) -> None:
    """Give an already written file mode 0600 (owner only) on POSIX; call before renaming it."""
    if os.name == "posix":
        path.chmod(PRIVATE_MODE)
