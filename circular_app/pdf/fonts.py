"""Registering the bundled Japanese TrueType fonts with reportlab (embedded as subsets)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

GOTHIC = "BIZUDPGothic"
GOTHIC_BOLD = "BIZUDPGothic-Bold"
_FILES = {GOTHIC: "BIZUDPGothic-Regular.ttf", GOTHIC_BOLD: "BIZUDPGothic-Bold.ttf"}


def register_fonts(font_dir: Path) -> None:
    """Register the UD Gothic faces once per process (reportlab keeps a global registry)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_dir / filename)))


def missing_glyphs(text: str, font_name: str = GOTHIC) -> list[str]:
    """Characters of ``text`` that the font cannot draw (they would vanish from the page)."""
    font = pdfmetrics.getFont(font_name)
    widths = font.face.charWidths
    return sorted({c for c in text if not c.isspace() and ord(c) not in widths})
