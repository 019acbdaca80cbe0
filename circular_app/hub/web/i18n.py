"""The reader pages' own text in the household's language (issue 23): gettext with Babel.

Japanese is the source language (the ``msgid``). Catalogs are ``.po`` files under
``resources/hub/locale/<code>/LC_MESSAGES/reader.po``; the hub compiles them in memory when
it starts (:mod:`circular_app.translations`, shared with the paper copies). The page's
language is chosen per request (:func:`choose`) and held in a context variable while the page
is rendered, so the page functions call :func:`_` like any gettext program.

Dates: 和暦 for Japanese and やさしい日本語, Babel's date format of the locale for the others.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from circular_app import translations
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES, supported
from circular_app.translations import BABEL_LOCALES as BABEL_LOCALES  # tests import it from here

DOMAIN = "reader"
COOKIE = "kd_lang"


@dataclass(frozen=True)
class Language:
    """One language of the page: its code, and its catalog (``None`` for the source, Japanese)."""

    code: str
    translations: gettext.NullTranslations

    @property
    def japanese(self) -> bool:
        """Japanese or やさしい日本語: dates in 和暦."""
        return self.code in ("ja", "ja-x-easy")


def catalog_path(locale_dir: Path, code: str) -> Path:
    """The ``.po`` file of ``code``."""
    return translations.catalog_path(locale_dir, code, DOMAIN)


class Catalogs:
    """Every language of the page, loaded once when the hub starts."""

    def __init__(self, locale_dir: Path) -> None:
        self.languages: dict[str, Language] = {
            code: Language(code, compiled) for code, compiled in translations.load(locale_dir, DOMAIN).items()
        }

    @staticmethod
    @functools.cache
    def load(locale_dir: Path) -> Catalogs:
        """The catalogs of ``locale_dir``, compiled once per process (tests build many hubs)."""
        return Catalogs(locale_dir)

    def get(self, code: str | None) -> Language:
        """The language of ``code``, Japanese when it is not one of the page's."""
        found = supported(code)
        return self.languages[found] if found else self.languages[DEFAULT_LANGUAGE]


_SOURCE = Language(DEFAULT_LANGUAGE, gettext.NullTranslations())
_current: contextvars.ContextVar[Language] = contextvars.ContextVar("reader_language", default=_SOURCE)


def current() -> Language:
    """The language of the page being rendered."""
    return _current.get()


def use(language: Language) -> None:
    """Render the rest of this request (this context) in ``language``."""
    _current.set(language)


@contextmanager
def using(language: Language) -> Iterator[None]:
    """Render in ``language`` inside the ``with`` block (tests, error pages)."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` (Japanese) in the page's language."""
    return _current.get().translations.gettext(message)


def date_text(day: dt.date, weekday: bool = False) -> str:
    """「令和8年12月20日(日)」 in Japanese; the locale's date (with the weekday) otherwise."""
    return translations.date_text(day, _current.get().code, weekday)


def time_text(moment: dt.datetime) -> str:
    """「10:05」, in the locale's short time format outside Japanese."""
    return translations.time_text(moment, _current.get().code)


def choose(query: str | None, cookie: str | None, household: str | None, accept_language: str) -> str:
    """The page's language: the link's ``?lang=``, the remembered choice, the roster's, the phone's, ja."""
    for candidate in (query, cookie, household):
        found = supported(candidate)
        if found:
            return found
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE


def from_accept_language(header: str) -> str | None:
    """The first supported language of an ``Accept-Language`` header, by its q values."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and weight > 0:
            ranked.append((-weight, position, tag.strip()))
    for _weight, _position, tag in sorted(ranked):
        found = supported(tag) or _by_locale(tag)
        if found:
            return found
    return None


def _by_locale(tag: str) -> str | None:
    """「zh-TW」→ zh-Hant, 「pt-PT」→ pt-BR, 「vi-VN」→ vi: the script or the primary language."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, TypeError, LookupError, UnknownLocaleError):
        # UnknownLocaleError: a language whose CLDR data is not shipped (the frozen app keeps
        # only the offered languages' data, build_spec.spec): not offered, so no match.
        return None
    if locale.language == "zh":
        script = locale.script or ("Hant" if locale.territory in ("TW", "HK", "MO") else "Hans")
        return f"zh-{script}"
    return supported(locale.language)


def own_names() -> dict[str, str]:
    """Each language's name in itself, for the page's language list."""
    return dict(READER_LANGUAGES)
