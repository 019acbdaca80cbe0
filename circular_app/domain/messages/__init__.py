"""Error texts: one catalog per language (``ja``, ``en``) and :func:`render`.

Typed errors (:mod:`circular_app.domain.errors`) carry a stable ``code`` and parameters
and no prose; the command line and the GUI turn them into a sentence here, in the language
the user chose. Stdlib only, so that every layer can render an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from circular_app.domain.messages import en, ja

SOURCE_LANGUAGE = "ja"
LANGUAGES = ("ja", "en")

#: The code of free text (argparse's reasons, a reason sent by the hub): shown as written.
TEXT = "text"

CATALOGS: Mapping[str, Mapping[str, str]] = {"ja": ja.MESSAGES, "en": en.MESSAGES}
_LOOKUPS: Mapping[str, Mapping[str, Mapping[str, str]]] = {"ja": ja.LOOKUPS, "en": en.LOOKUPS}
_FIELDS: Mapping[str, Mapping[str, str]] = {"ja": ja.FIELDS, "en": en.FIELDS}


class Renderable(Protocol):
    """What :func:`render` needs of an error (every ``UserError`` has it)."""

    code: str
    params: Mapping[str, object]


def _language(language: str) -> str:
    return language if language in CATALOGS else SOURCE_LANGUAGE


def render_code(code: str, params: Mapping[str, object], language: str = SOURCE_LANGUAGE) -> str:
    """The sentence of ``code`` with ``params`` in ``language`` (Japanese for an unknown language).

    An unknown code is a programming error caught by the catalog test; it still renders as
    the code and its parameters rather than hiding the error.
    """
    lang = _language(language)
    template = CATALOGS[lang].get(code) or CATALOGS[SOURCE_LANGUAGE].get(code)
    if template is None:
        return f"{code} {dict(params)}" if params else code
    lookups = _LOOKUPS[lang]
    values = {
        name: lookups[name].get(str(value), value) if name in lookups else value
        for name, value in params.items()
    }
    return template.format(**values)


def field_label(field_name: str, language: str = SOURCE_LANGUAGE) -> str:
    """A validation field name (written in Japanese by the raise site) in ``language``."""
    return _FIELDS[_language(language)].get(field_name, field_name)


def render(error: Renderable, language: str = SOURCE_LANGUAGE) -> str:
    """One line explaining ``error`` in ``language``; a validation error is prefixed by its field."""
    text = render_code(error.code, error.params, language)
    field_name = getattr(error, "field_name", None)
    if field_name:
        return f"{field_label(field_name, language)}: {text}"
    return text
