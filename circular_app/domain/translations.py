"""Translations of a circular's title and body (issue 23): one per reader-page language.

An officer or a volunteer pastes a translation into the editor; the reader page shows it to
households of that language, with the Japanese original one tap away. A translation remembers
which Japanese text it was made from (:func:`source_digest`), so once the Japanese is
rewritten it is marked stale (「古い」) until it is translated again.

The body is written in the same Markdown subset as the Japanese body and read by the same
parser (:func:`circular_app.domain.document.parse_document`); a refused character is reported
with the language and the line it is on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from circular_app.domain.circulars import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from circular_app.domain.document import parse_document
from circular_app.domain.errors import ValidationError
from circular_app.domain.reader_languages import DEFAULT_LANGUAGE, READER_LANGUAGES, supported
from circular_app.domain.text import find_forbidden_char, trim

#: The languages a circular can be translated into: the reader page's, except Japanese itself.
TRANSLATION_LANGUAGES: tuple[str, ...] = tuple(code for code in READER_LANGUAGES if code != DEFAULT_LANGUAGE)

#: Each language as officers name it in Japanese (the editor shows both names).
JAPANESE_NAMES: dict[str, str] = {
    "ja-x-easy": "やさしい日本語",
    "en": "英語",
    "zh-Hans": "中国語（簡体字）",
    "zh-Hant": "中国語（繁体字）",
    "ko": "韓国語",
    "vi": "ベトナム語",
    "pt-BR": "ポルトガル語",
    "tl": "タガログ語",
    "ne": "ネパール語",
    "id": "インドネシア語",
}


def source_digest(title: str, body: str) -> str:
    """The SHA-256 (hex) of the Japanese title and body a translation was made from."""
    return hashlib.sha256(f"{title}\n\x00\n{body}".encode()).hexdigest()


def language_label(code: str) -> str:
    """「vi（Tiếng Việt）」: the code and the language's own name, for messages."""
    return f"{code}（{READER_LANGUAGES.get(code, code)}）"


def translation_language(value: str) -> str:
    """``value`` as a code of :data:`TRANSLATION_LANGUAGES` (any case; 「ベトナム語」 too)."""
    code = supported(value)
    if code is None or code == DEFAULT_LANGUAGE:
        raise ValidationError(
            "言語",
            "translation.unknown_language",
            code=value,
            known=", ".join(TRANSLATION_LANGUAGES),
        )
    return code


@dataclass(frozen=True)
class Translation:
    """The current translation of a circular into one language.

    ``source_digest`` is the :func:`source_digest` of the Japanese it was made from.
    """

    circular_id: int
    lang: str
    title: str
    body: str
    source_digest: str
    added_at: dt.datetime
    added_by: str

    def stale_for(self, title: str, body: str) -> bool:
        """The Japanese ``title``/``body`` were rewritten after this translation was made."""
        return self.source_digest != source_digest(title, body)


@dataclass(frozen=True)
class CleanTranslation:
    """A checked translation, ready to be stored."""

    lang: str
    title: str
    body: str


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def validate_translation(lang: str, title: str, body: str) -> CleanTranslation:
    """Check a pasted translation; errors name the field, the language and the line.

    The title is one line; the body is the Markdown subset of the Japanese body (read by the
    same parser, which accepts any text) without control characters; neither may be empty.
    """
    code = translation_language(lang)
    label = language_label(code)
    clean_title = trim(title)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not clean_title:
        raise ValidationError("翻訳の件名", "translation.title_required", language=label)
    if len(clean_title) > MAX_TITLE_LENGTH:
        raise ValidationError("翻訳の件名", "translation.too_long", language=label, count=MAX_TITLE_LENGTH)
    bad = find_forbidden_char(clean_title)
    if bad is not None:
        raise ValidationError(
            "翻訳の件名", "translation.bad_character", language=label, line=1, codepoint=bad.codepoint
        )
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError("翻訳の本文", "translation.too_long", language=label, count=MAX_BODY_LENGTH)
    bad = find_forbidden_char(body, multiline=True)
    if bad is not None:
        raise ValidationError(
            "翻訳の本文",
            "translation.bad_character",
            language=label,
            line=_line_of(body, bad.index),
            codepoint=bad.codepoint,
        )
    if not parse_document(body).plain_text().strip():
        raise ValidationError("翻訳の本文", "translation.body_required", language=label)
    return CleanTranslation(code, clean_title, body.strip("\n"))
