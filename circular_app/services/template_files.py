"""Bundled template files: the Japanese ``resources/templates/<file>.md`` and its translations.

A translation lives at ``resources/templates/<lang>/<file>.md`` (``lang`` a reader-language
code of :data:`~circular_app.domain.reader_languages.READER_LANGUAGES`); a missing one is
simply not offered (the tests require all of them for the shipped templates).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES
from circular_app.domain.templates import Template, TemplateText, parse_template, parse_translation

#: The languages a bundled template may be translated into (every reader language but Japanese).
TRANSLATION_LANGUAGES = tuple(code for code in READER_LANGUAGES if code != DEFAULT_LANGUAGE)


def bundled_template(templates_dir: Path, file_name: str) -> Template:
    """The template ``templates_dir/file_name`` with every translation found next to it."""
    path = templates_dir / file_name
    template = parse_template(path.read_text(encoding="utf-8"), file_name)
    translations: list[TemplateText] = []
    for lang in TRANSLATION_LANGUAGES:
        translated = templates_dir / lang / file_name
        if translated.is_file():
            source = f"{lang}/{file_name}"
            translations.append(parse_translation(translated.read_text(encoding="utf-8"), lang, source))
    return replace(template, translations=tuple(translations))
