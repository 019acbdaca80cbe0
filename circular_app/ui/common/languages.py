"""The names of the reader languages in the UI's language (「ベトナム語」 / "Vietnamese").

One table for every screen that names a language (the roster's household dialog, the
editor's 「翻訳」 tab), in one translation context, so the names are translated once and read
the same everywhere. The languages' own names (「Tiếng Việt」) are in
:data:`circular_app.domain.reader_languages.READER_LANGUAGES`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "LanguageNames"

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts the
# literal calls below.
translate = QCoreApplication.translate


def local_language_names() -> dict[str, str]:
    """Language code → its name in the current UI language, for every reader language."""
    return {
        "ja": translate("LanguageNames", "日本語"),
        "ja-x-easy": translate("LanguageNames", "やさしい日本語"),
        "en": translate("LanguageNames", "英語"),
        "zh-Hans": translate("LanguageNames", "中国語（簡体字）"),
        "zh-Hant": translate("LanguageNames", "中国語（繁体字）"),
        "ko": translate("LanguageNames", "韓国語"),
        "vi": translate("LanguageNames", "ベトナム語"),
        "pt-BR": translate("LanguageNames", "ポルトガル語"),
        "tl": translate("LanguageNames", "タガログ語"),
        "ne": translate("LanguageNames", "ネパール語"),
        "id": translate("LanguageNames", "インドネシア語"),
    }


def local_language_name(code: str) -> str:
    """「ベトナム語」 for ``"vi"`` in the current UI language; an unknown code as it is."""
    return local_language_names().get(code, code)
