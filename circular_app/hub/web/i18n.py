"""The reader pages' own text in the household's language (issue 23): gettext with Babel.

Japanese is the source language (the ``msgid``). Catalogs are ``.po`` files under
``resources/hub/locale/<code>/LC_MESSAGES/reader.po``; the hub compiles them in memory when
it starts (no ``.mo`` to build, the same in a fresh clone and in the frozen app). The page's
language is chosen per request (:func:`choose`) and held in a context variable while the page
is rendered, so the page functions call :func:`_` like any gettext program.

Dates: 和暦 for Japanese and やさしい日本語, Babel's date format of the locale for the others.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from circular_app.domain.calendar import wareki
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES, supported

DOMAIN = "reader"
COOKIE = "kd_lang"
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
    return locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(path: Path) -> gettext.GNUTranslations:
    """A ``.po`` file as gettext translations (compiled in memory; fuzzy entries are left out)."""
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Catalogs:
    """Every language of the page, loaded once when the hub starts."""

    def __init__(self, locale_dir: Path) -> None:
        self.languages: dict[str, Language] = {}
        for code in READER_LANGUAGES:
            path = catalog_path(locale_dir, code)
            translations: gettext.NullTranslations = (
                compile_po(path) if code != DEFAULT_LANGUAGE and path.exists() else gettext.NullTranslations()
            )
            self.languages[code] = Language(code, translations)

    @staticmethod
    @functools.cache
    def load(locale_dir: Path) -> Catalogs:
        """The catalogs of ``locale_dir``, read once per process (tests build many hubs)."""
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
    language = _current.get()
    if language.japanese:
        return wareki(day, weekday=weekday)
    return format_date(day, format="full" if weekday else "long", locale=BABEL_LOCALES[language.code])


def time_text(moment: dt.datetime) -> str:
    """「10:05」, in the locale's short time format outside Japanese."""
    language = _current.get()
    if language.japanese:
        return f"{moment:%H:%M}"
    return format_time(moment.time(), format="short", locale=BABEL_LOCALES[language.code])


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
