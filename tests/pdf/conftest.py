"""Fixtures of the PDF tests: the bundled fonts, registered once per process."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.paths import bundle_root
from circular_app.pdf.fonts import FontSet, register_fonts

FONT_DIR = bundle_root() / "resources" / "fonts"


@pytest.fixture(scope="session")
def font_dir() -> Path:
    """The bundled fonts folder."""
    return FONT_DIR


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    """The bundled faces, registered with reportlab."""
    return register_fonts(FONT_DIR)
