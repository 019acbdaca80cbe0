"""Render processes started ahead of an export, before the log-in (``export-pdf``).

A light module on purpose: the command line imports it first thing, so that the workers are
forked while the process is small and their warm-up (reportlab, the fonts) runs on the idle
core during the log-in. See :mod:`circular_app.pdf.warm_pool`.
"""

from __future__ import annotations

from pathlib import Path

from circular_app.pdf.warm_pool import WarmPool

__all__ = ["WarmPool", "start_render_workers"]


def start_render_workers(font_dir: Path) -> WarmPool | None:
    """Workers for the export that follows, or None where they cannot be started early."""
    return WarmPool.start(font_dir)
