"""The languages of the residents' reader page, and the roster's 言語 as one of their codes.

The roster's 言語 column is free text (「ベトナム語」, 「vi」, 「English」, 「やさしい日本語」…).
Only a language CODE travels to the hub (the household item's optional ``lang``), never the
text the officer typed. Values that name no supported language send nothing: the page then
follows the phone's own language (Accept-Language), then Japanese.
"""

from __future__ import annotations

import unicodedata

# Code (as in <html lang>) → the language's own name, in the order of the page's language list.
# やさしい日本語 has no registered tag: ``ja-x-easy`` is Japanese (browsers, screen readers and
# page translators treat it as ``ja``) with a private-use subtag for the plain wording.
READER_LANGUAGES: dict[str, str] = {
    "ja": "日本語",
    "ja-x-easy": "やさしい にほんご",
    "en": "English",
    "zh-Hans": "简体中文",
    "zh-Hant": "繁體中文",
    "ko": "한국어",
    "vi": "Tiếng Việt",
    "pt-BR": "Português",
    "tl": "Tagalog",
    "ne": "नेपाली",
    "id": "Bahasa Indonesia",
}
DEFAULT_LANGUAGE = "ja"

_ALIASES: dict[str, str] = {
    # Japanese names an officer types into the roster
    "日本語": "ja",
    "にほんご": "ja",
    "やさしい日本語": "ja-x-easy",
    "やさしいにほんご": "ja-x-easy",
    "易しい日本語": "ja-x-easy",
    "英語": "en",
    "えいご": "en",
    "中国語": "zh-Hans",
    "中国語簡体字": "zh-Hans",
    "中国語(簡体字)": "zh-Hans",
    "簡体字": "zh-Hans",
    "中国語繁体字": "zh-Hant",
    "中国語(繁体字)": "zh-Hant",
    "繁体字": "zh-Hant",
    "台湾": "zh-Hant",
    "韓国語": "ko",
    "朝鮮語": "ko",
    "韓国・朝鮮語": "ko",
    "ハングル": "ko",
    "ベトナム語": "vi",
    "ポルトガル語": "pt-BR",
    "ブラジル": "pt-BR",
    "タガログ語": "tl",
    "フィリピノ語": "tl",
    "フィリピン語": "tl",
    "ネパール語": "ne",
    "インドネシア語": "id",
    # the languages' own names and English names
    "english": "en",
    "japanese": "ja",
    "chinese": "zh-Hans",
    "简体中文": "zh-Hans",
    "中文": "zh-Hans",
    "繁體中文": "zh-Hant",
    "korean": "ko",
    "한국어": "ko",
    "vietnamese": "vi",
    "tiếngviệt": "vi",
    "tiengviet": "vi",
    "portuguese": "pt-BR",
    "português": "pt-BR",
    "portugues": "pt-BR",
    "tagalog": "tl",
    "filipino": "tl",
    "nepali": "ne",
    "नेपाली": "ne",
    "indonesian": "id",
    "bahasaindonesia": "id",
    "easyjapanese": "ja-x-easy",
    # codes written differently
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "pt": "pt-BR",
    "fil": "tl",
    "in": "id",
    "ja-easy": "ja-x-easy",
}
_BY_LOWER = {code.lower(): code for code in READER_LANGUAGES}


def supported(code: str | None) -> str | None:
    """``code`` as spelt in :data:`READER_LANGUAGES` (any case, ``_`` or ``-``), or ``None``."""
    if not code:
        return None
    lowered = code.strip().replace("_", "-").lower()
    if lowered in _BY_LOWER:
        return _BY_LOWER[lowered]
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    return None


def unsupported_language(value: str | None) -> bool:
    """True when the roster's 言語 names something but no supported language (「タイ語」).

    The value is kept as typed (a language may be added later); the officer is told that the
    page and the paper will be Japanese for it.
    """
    return bool(value and value.strip()) and reader_language(value) is None


def reader_language(value: str | None) -> str | None:
    """The roster's 言語 as a supported code (「ベトナム語」→ ``vi``), or ``None``."""
    if not value:
        return None
    text = unicodedata.normalize("NFKC", value).strip()  # 「（」→「(」, full-width letters
    for candidate in (text, text.replace(" ", "")):
        found = supported(candidate) or _ALIASES.get(candidate.lower())
        if found:
            return found
    # 「vi-VN」「en_US」: a region the page does not distinguish
    primary = text.replace("_", "-").split("-")[0]
    return supported(primary) if primary.isascii() and primary != text else None
