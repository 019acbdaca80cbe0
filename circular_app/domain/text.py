"""Japanese text normalisation: widths, kana, 班 names, search and sort keys.

Names are never normalised here beyond trimming: 旧字体 (髙, 﨑) and characters outside
CP932 (𠮷) must round-trip exactly. Readings, 班 names and search keys are normalised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from circular_app.domain.errors import ValidationError

# Whitespace that Excel users type around values, including the ideographic space U+3000.
_TRIM_CHARS = " \t\r\n\u3000\u00a0\ufeff"

_HIRAGANA_START, _HIRAGANA_END = 0x3041, 0x3096
_KATA_OFFSET = 0x60


def trim(value: str) -> str:
    """Strip half- and full-width spaces (and a stray BOM) from both ends."""
    return value.strip(_TRIM_CHARS)


def to_full_width_katakana(value: str) -> str:
    """Turn half-width katakana (ｶﾞｯｺｳ) and hiragana (がっこう) into full-width katakana (ガッコウ).

    NFKC folds half-width katakana and their separate voicing marks into full-width
    characters; hiragana are then shifted into the katakana block.
    """
    folded = unicodedata.normalize("NFKC", value)
    return "".join(
        chr(ord(c) + _KATA_OFFSET) if _HIRAGANA_START <= ord(c) <= _HIRAGANA_END else c for c in folded
    )


def normalize_reading(value: str) -> str:
    """Clean a フリガナ: trimmed, full-width katakana, inner spaces as one full-width space."""
    kana = to_full_width_katakana(trim(value))
    return re.sub(r"[\s\u3000]+", "\u3000", kana)


_KATAKANA_READING = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fd\u30fe\u3000・]*$")


def is_katakana_reading(value: str) -> bool:
    """True when ``value`` contains only full-width katakana, 長音, 中点 and spaces."""
    return bool(_KATAKANA_READING.match(value))


_HAN_PATTERN = re.compile(r"^(?:第)?\s*(\d+)\s*(?:班)?$")


def normalize_han_name(value: str) -> str:
    """Give ``"３班"``, ``"第3班"``, ``"3班"`` and ``"3"`` the same name ``"3班"``.

    Names that are not numbered (``"東班"``) are kept as written after width folding of
    digits and trimming.
    """
    cleaned = unicodedata.normalize("NFKC", trim(value))
    match = _HAN_PATTERN.match(cleaned)
    if match:
        return f"{int(match.group(1))}班"
    return cleaned


def han_sort_key(name: str) -> tuple[int, str]:
    """Sort numbered 班 numerically (2班 before 10班), then others by name."""
    match = _HAN_PATTERN.match(unicodedata.normalize("NFKC", name))
    return (int(match.group(1)), "") if match else (1 << 30, name)


def search_key(value: str) -> str:
    """Fold width, case and kana so that ｶﾅ, かな, カナ and full/half-width letters match."""
    return to_full_width_katakana(value).casefold()


def reading_sort_key(reading: str, name: str) -> tuple[str, str]:
    """Sort by reading (よみ) when known, households without a reading after, by name."""
    key = to_full_width_katakana(reading)
    return (key or "\uffff", name)


def parse_bool(value: str) -> bool | None:
    """Read the yes/no spellings of Excel rosters; ``None`` when not recognised."""
    folded = unicodedata.normalize("NFKC", trim(value)).casefold()
    if folded in {"", "0", "false", "no", "いいえ", "×", "x", "-", "なし", "不要"}:
        return False
    if folded in {"○", "◯", "〇", "1", "true", "yes", "はい", "y", "要", "あり", "希望"}:
        return True
    return None


# Dash-like characters that Japanese IMEs produce when typing a phone number's hyphen:
# the long vowel mark (ー/ｰ), minus sign, full-width hyphen-minus and the dashes.
_PHONE_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−ーｰ－─━"})


def normalize_phone(value: str) -> str:
    """Fold ``"０９０ー１２３４ー５６７８"`` to ``"090-1234-5678"``: ASCII digits and hyphens."""
    return unicodedata.normalize("NFKC", trim(value)).translate(_PHONE_DASHES)


# --------------------------------------------------------------------------- forbidden characters


class ForbiddenKind(Enum):
    """Why a character is refused in text typed or imported by an officer (issue 19)."""

    CONTROL = "control"  # C0/C1 controls and DEL: ESC sequences, BEL, NUL
    BIDI = "bidi"  # bidirectional overrides and isolates: make a name read backwards (U+202E)
    NONCHARACTER = "noncharacter"  # U+FFFE, U+FDD0 …: never text, a sign of a broken file

    @property
    def code(self) -> str:
        """The error code of :class:`~circular_app.domain.errors.ValidationError` for this kind."""
        return f"text.forbidden_{self.value}"


@dataclass(frozen=True)
class ForbiddenChar:
    """The first refused character of a text: where it is and what it is."""

    index: int
    char: str
    kind: ForbiddenKind

    @property
    def codepoint(self) -> str:
        """``U+001B`` (never the raw character: it is what must not reach a terminal)."""
        return f"U+{ord(self.char):04X}"


# Line breaks and tabs are layout in multi-line fields (bodies, notes); CR belongs to CRLF.
_LAYOUT_CONTROLS = frozenset("\n\r\t")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_kind(char: str) -> ForbiddenKind | None:
    """The reason ``char`` is refused in any text field, or ``None`` when it is allowed."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return ForbiddenKind.CONTROL
    if char in _BIDI_CONTROLS:
        return ForbiddenKind.BIDI
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return ForbiddenKind.NONCHARACTER
    return None


def find_forbidden_char(value: str, *, multiline: bool = False) -> ForbiddenChar | None:
    """The first character of ``value`` that text input refuses, or ``None``.

    Refused: C0/C1 control characters and DEL, bidirectional overrides and isolates, and
    Unicode non-characters. ``multiline`` fields (circular bodies, notes) keep line breaks
    (LF, CR) and tabs. Zero-width joiners and spaces stay allowed: emoji and Japanese text
    use them.
    """
    for index, char in enumerate(value):
        if multiline and char in _LAYOUT_CONTROLS:
            continue
        kind = forbidden_kind(char)
        if kind is not None:
            return ForbiddenChar(index, char, kind)
    return None


def require_clean_text(field_name: str, value: str, *, multiline: bool = False) -> str:
    """Return ``value``, or raise :class:`ValidationError` naming the field and the character.

    The message names the kind and code point (``制御文字 U+001B``), never the character.
    """
    found = find_forbidden_char(value, multiline=multiline)
    if found is not None:
        raise ValidationError(field_name, found.kind.code, codepoint=found.codepoint)
    return value
