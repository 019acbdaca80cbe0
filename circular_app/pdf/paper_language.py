"""Paper in the household's language: the PDFs' own text, its dates, and the faces to print it.

A household's individual copy and invitation slip print their headings, instructions and 確認票
in the language of the roster's 言語 (issue 23). The texts are Japanese ``msgid`` in the gettext
domain ``paper`` (``resources/paper/<code>.po``, next to the fonts' folder), compiled in memory
by :mod:`circular_app.translations` like the reader pages'.

Fonts: the bundled BIZ UDPGothic draws Japanese, English, Portuguese, Tagalog and Indonesian.
Vietnamese letters, Hangul and some simplified or traditional hanzi need a system face that is
TrueType (reportlab embeds nothing else): :func:`language_fonts` looks for one in the system's
font folders and checks that it has every character of the language's texts before it is used;
without one :func:`paper_language_for` answers Japanese and the caller says so. Nepali is printed
in English: Devanagari needs shaping (conjuncts, vowel signs placed before the consonant),
which this reportlab does not do for text drawn character by character (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app import translations
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES, reader_language

if TYPE_CHECKING:
    from circular_app.pdf.fonts import EmbeddedFont, FontSet

DOMAIN = "paper"
# Printed in another language for want of shaping (see the module docstring).
PRINTED_INSTEAD = {"ne": "en"}
# System faces per language, best first: (regular, bold or None, Latin letters from this face).
# Debian: fonts-dejavu-core, fonts-nanum, fonts-droid-fallback (scripts/install.sh); Windows:
# Segoe UI, Malgun Gothic, Microsoft YaHei / JhengHei; macOS: Arial Unicode.
_CANDIDATES: dict[str, tuple[tuple[str, str | None, bool], ...]] = {
    "vi": (
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", True),
        ("segoeui.ttf", "segoeuib.ttf", True),
        ("arial.ttf", "arialbd.ttf", True),
        ("Arial Unicode.ttf", None, True),
    ),
    "ko": (
        ("NanumGothic.ttf", "NanumGothicBold.ttf", False),
        ("malgun.ttf", "malgunbd.ttf", False),
        ("Arial Unicode.ttf", None, False),
    ),
    "zh-Hans": (
        ("DroidSansFallbackFull.ttf", None, False),
        ("msyh.ttc", "msyhbd.ttc", False),
        ("Arial Unicode.ttf", None, False),
    ),
    "zh-Hant": (
        ("DroidSansFallbackFull.ttf", None, False),
        ("msjh.ttc", "msjhbd.ttc", False),
        ("Arial Unicode.ttf", None, False),
    ),
}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for a marked, untranslated message
    """Mark ``message`` for the paper catalogs (scripts/hub_locale.py); translate it with ``t``."""
    return message


def locale_dir(font_dir: Path) -> Path:
    """The paper catalogs' folder: ``resources/paper`` beside ``resources/fonts``."""
    return font_dir.parent / "paper"


def printed_language(value: str | None) -> str:
    """The language a household's paper is printed in: its 言語's code, Japanese when none."""
    code = reader_language(value) or DEFAULT_LANGUAGE
    return PRINTED_INSTEAD.get(code, code)


@dataclass(frozen=True)
class PaperText:
    """The PDFs' own text in one language: ``text("発行日　{date}", date=…)``."""

    code: str
    catalog: gettext.NullTranslations

    @property
    def japanese(self) -> bool:
        """Japanese or やさしい日本語 (the 班 copies' texts and 和暦 dates)."""
        return self.code in translations.JAPANESE

    def __call__(self, message: str, **fields: object) -> str:
        """``message`` (Japanese) in this language, with its ``{fields}`` filled in."""
        text = str(self.catalog.gettext(message))
        return text.format(**fields) if fields else text

    def date(self, day: dt.date, weekday: bool = False) -> str:
        """和暦 in Japanese, the locale's date format otherwise."""
        return translations.date_text(day, self.code, weekday)


def paper_text(font_dir: Path, code: str) -> PaperText:
    """The texts of ``code`` (Japanese for a code with no catalog)."""
    catalogs = translations.load(locale_dir(font_dir), DOMAIN, flat=True)
    return PaperText(code if code in catalogs else DEFAULT_LANGUAGE, catalogs.get(code, catalogs["ja"]))


def catalog_characters(font_dir: Path, code: str) -> str:
    """Every character of the language's translated texts (what its faces must draw)."""
    path = translations.catalog_path(locale_dir(font_dir), code, DOMAIN, flat=True)
    if code == DEFAULT_LANGUAGE or not path.exists():
        return ""
    catalog = translations.load(locale_dir(font_dir), DOMAIN, flat=True)[code]
    messages = getattr(catalog, "_catalog", {})
    return "".join(sorted({c for text in messages.values() if isinstance(text, str) for c in text}))


def _font_folders() -> list[Path]:
    home = Path.home()
    folders = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
    ]
    windir = os.environ.get("WINDIR")
    if windir:
        folders.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [f for f in folders if f.is_dir()]


@functools.cache
def _system_fonts() -> dict[str, Path]:
    """File name (lower case) → path of every TrueType file in the system's font folders."""
    found: dict[str, Path] = {}
    for folder in _font_folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in (".ttf", ".ttc"):
                found.setdefault(path.name.lower(), path)
    return found


def _register(path: Path) -> EmbeddedFont | None:
    from reportlab.pdfbase import pdfmetrics

    from circular_app.pdf.fonts import EmbeddedFont

    name = "Paper-" + path.stem.replace(" ", "")
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(EmbeddedFont(name, path))
        except Exception:  # noqa: BLE001 - reportlab raises bare TTFError/ValueError/struct errors
            return None  # CFF outlines or a broken file: not usable, try the next candidate
    font: EmbeddedFont = pdfmetrics.getFont(name)
    return font


@functools.cache
def language_fonts(font_dir: Path, code: str) -> FontSet | None:
    """The faces that print ``code``: the bundled ones when they suffice, else with a system face.

    ``None`` when no face found on this computer has every character of the language's texts.
    """
    # Imported here: planning copies in Japanese (the export's parent process, whose render
    # processes draw) needs neither reportlab nor the faces.
    from circular_app.pdf.fonts import FontSet, register_fonts  # the bundled faces, registered once

    base = register_fonts(font_dir)
    needed = [ord(c) for c in catalog_characters(font_dir, code) if not c.isspace()]
    if all(base.face_for(c, False) is not None for c in needed) and code not in _CANDIDATES:
        return base
    system = _system_fonts()
    for regular_name, bold_name, latin_first in _CANDIDATES.get(code, ()):
        regular_path = system.get(regular_name.lower())
        if regular_path is None:
            continue
        regular = _register(regular_path)
        if regular is None:
            continue
        bold_path = system.get(bold_name.lower()) if bold_name else None
        bold = _register(bold_path) if bold_path is not None else None
        fonts = FontSet(base.regular, base.bold, base.fallback, regular, bold, latin_first)
        if all(fonts.face_for(c, False) is not None for c in needed):
            return fonts
    return None


def paper_language_for(font_dir: Path, value: str | None) -> tuple[str, str | None]:
    """``(printed code, problem)``: the household's paper language, or Japanese and why not.

    The problem is ``None`` when the language prints as asked; else the code of the language
    that has no usable font on this computer (the copy is then printed in Japanese).
    """
    code = printed_language(value)
    if code == DEFAULT_LANGUAGE or code not in READER_LANGUAGES:
        return DEFAULT_LANGUAGE, None
    if language_fonts(font_dir, code) is None:
        return DEFAULT_LANGUAGE, code
    return code, None
