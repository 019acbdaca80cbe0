"""Filling a template's ［placeholders］ in Japanese and in every language it is translated into.

Dates and times are written as each language writes them: 和暦 with the weekday in Japanese and
やさしい日本語 (「令和8年12月20日(日)午前8時」, :func:`~circular_app.domain.templates.japanese_value`),
the locale's own long date with its weekday and short time elsewhere (Babel, the same CLDR data
as the reader pages). Text is put in as typed, in every language.

Babel (through circular_app/translations.py, shared with the reader pages and paper copies)
is imported when a template is filled, not when this module is: its CLDR data costs
start-up time the log-in window does not need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from circular_app.domain.templates import Template, Value, fill_text, japanese_value

# CLDR puts a narrow no-break space (U+202F) in 「8:30 AM」; fonts of printed copies often lack it,
# while they all have the ordinary no-break space, which keeps 「8:30」 and 「AM」 together too.
_SPACES = str.maketrans({"\u202f": "\u00a0"})


def localised_value(value: Value, lang: str) -> str:
    """A placeholder value written for ``lang``: a date, a time, both, or the text as typed."""
    if isinstance(value, str):
        return value.strip()
    return _localised_date(value, lang).translate(_SPACES)


def _localised_date(value: dt.date | dt.time, lang: str) -> str:
    # Babel (and its CLDR data) only when a template is really filled: see the module docstring.
    from circular_app.translations import value_text

    written = value_text(value, lang)
    return japanese_value(value) if written is None else written


def fill(template: Template, values: Mapping[str, Value], lang: str) -> tuple[str, str]:
    """The template's (title, body) in ``lang`` (``ja`` the original) with ``values`` put in.

    ``values`` maps placeholder names (「日時」, without the brackets) to values; a placeholder
    without a value, or with empty text, stays as it is. Raises KeyError for a language the
    template has no translation into.
    """
    if lang == "ja":
        title, body = template.title, template.body
    else:
        translation = template.translation(lang)
        if translation is None:
            raise KeyError(lang)
        title, body = translation.title, translation.body

    def write(value: Value) -> str:
        return localised_value(value, lang)

    return fill_text(title, values, write), fill_text(body, values, write)


@dataclass(frozen=True)
class FilledTemplate:
    """A template filled in: the Japanese title and body, and lang → (title, body) of each translation."""

    title: str
    body: str
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)


def fill_all(template: Template, values: Mapping[str, Value]) -> FilledTemplate:
    """The template filled in Japanese and in every language it is translated into."""
    title, body = fill(template, values, "ja")
    return FilledTemplate(
        title=title,
        body=body,
        translations={t.lang: fill(template, values, t.lang) for t in template.translations},
    )
