"""Gettext catalogs compiled in memory, and dates in a reader language: shared by hub and paper.

Two domains use it: ``reader`` (the hub's reader pages, ``resources/hub/locale``) and
``paper`` (the PDFs' own text, ``resources/paper/<code>.po``). Japanese is the source language
(the ``msgid``); each ``.po`` file is compiled when it is first needed (no ``.mo`` files to
build, the same in a fresh clone and in the frozen app). Babel lives here and in the hub's
language negotiation only (tests/test_layering.py).

Dates: 和暦 for Japanese and やさしい日本語, Babel's date format of the locale for the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from pathlib import Path

from babel.dates import format_date, format_time, get_datetime_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from circular_app.domain.calendar import wareki
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES

# The Babel locale of each code (dates, numbers); ``tl`` is ``fil`` in CLDR.
BABEL_LOCALES = {
    "ja": "ja",
    "ja-x-easy": "ja",
    "en": "en",
    "zh-Hans": "zh_Hans",
    "zh-Hant": "zh_Hant",
    "ko": "ko",
    "vi": "vi",
    "pt-BR": "pt_BR",
    "tl": "fil",
    "ne": "ne",
    "id": "id",
}
JAPANESE = frozenset({"ja", "ja-x-easy"})


def catalog_path(locale_dir: Path, code: str, domain: str, flat: bool = False) -> Path:
    """The ``.po`` file of ``code`` in ``domain``: ``<code>/LC_MESSAGES/<domain>.po``, or
    ``<code>.po`` when ``flat`` (the paper catalogs: two folders per language cost the frozen
    app 8 KB each, and it has almost no room left)."""
    return locale_dir / f"{code}.po" if flat else locale_dir / code / "LC_MESSAGES" / f"{domain}.po"


def compile_po(path: Path) -> gettext.GNUTranslations:
    """A ``.po`` file as gettext translations (compiled in memory; fuzzy entries are left out)."""
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.cache
def load(locale_dir: Path, domain: str, flat: bool = False) -> dict[str, gettext.NullTranslations]:
    """Every reader language's catalog of ``domain``, compiled once per process.

    Japanese (the source) and a language without a ``.po`` file get the untranslated text.
    """
    found: dict[str, gettext.NullTranslations] = {}
    for code in READER_LANGUAGES:
        path = catalog_path(locale_dir, code, domain, flat)
        found[code] = (
            compile_po(path) if code != DEFAULT_LANGUAGE and path.exists() else gettext.NullTranslations()
        )
    return found


def date_text(day: dt.date, code: str, weekday: bool = False) -> str:
    """「令和8年12月20日(日)」 in Japanese; the locale's date (with the weekday) otherwise."""
    if code in JAPANESE or code not in BABEL_LOCALES:
        return wareki(day, weekday=weekday)
    return format_date(day, format="full" if weekday else "long", locale=BABEL_LOCALES[code])


def time_text(moment: dt.datetime, code: str) -> str:
    """「10:05」, in the locale's short time format outside Japanese."""
    if code in JAPANESE or code not in BABEL_LOCALES:
        return f"{moment:%H:%M}"
    return format_time(moment.time(), format="short", locale=BABEL_LOCALES[code])


def value_text(value: dt.date | dt.time, code: str) -> str | None:
    """A date, a time or both as ``code`` writes them in running text (a template's placeholder):
    the locale's full date with its weekday and its short time, joined by the locale's own
    pattern. ``None`` for Japanese and unknown codes (their callers write 和暦 themselves)."""
    if code in JAPANESE or code not in BABEL_LOCALES:
        return None
    locale = BABEL_LOCALES[code]
    if isinstance(value, dt.datetime):
        day = format_date(value.date(), format="full", locale=locale)
        time = format_time(value.time(), format="short", locale=locale)
        pattern = str(get_datetime_format("long", locale=locale)).replace("'", "")
        return pattern.replace("{0}", time).replace("{1}", day)
    if isinstance(value, dt.date):
        return str(format_date(value, format="full", locale=locale))
    return str(format_time(value, format="short", locale=locale))
