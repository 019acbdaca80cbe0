"""やさしい日本語 hints for elderly readers: long sentences, many kanji, difficult words.

Hints are suggestions shown beside the editor; they never block saving or publishing.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

LONG_SENTENCE = 60  # characters; the guidance for easy Japanese is one idea per short sentence
KANJI_RATIO = 0.45  # share of kanji among letters in a sentence of at least 15 characters

# Difficult term → easier wording. A small, curated list; extend with care.
DIFFICULT_TERMS: dict[str, str] = {
    "可及的速やかに": "できるだけ早く",
    "速やかに": "すぐに",
    "ご査収": "ご確認",
    "遵守": "守る",
    "周知": "お知らせ",
    "留意": "注意",
    "措置": "対応",
    "参集": "集まる",
    "当該": "その",
    "従前": "これまで",
    "貴殿": "あなた",
    "ご高配": "ご協力",
    "勘案": "考えて",
    "鑑み": "考えて",
    "是正": "直す",
    "履行": "行う",
    "具備": "そろえる",
    "供する": "使う",
    "厳守": "必ず守る",
    "懸念": "心配",
    "把握": "確認",
    "一旦": "一度",
    "ご了承": "ご理解",
    "罹災": "災害にあうこと",
    "避難所": "避難所（にげるところ）",
}


class HintKind(enum.StrEnum):
    """What a hint is about."""

    LONG_SENTENCE = "long_sentence"
    KANJI = "kanji"
    DIFFICULT_WORD = "difficult_word"


@dataclass(frozen=True)
class Hint:
    """A span of the body (character offsets) and a suggestion."""

    start: int
    end: int
    kind: HintKind
    message: str


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def _is_kanji(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\U00020000" <= c <= "\U0002ffff"


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def check(text: str) -> list[Hint]:
    """Every hint for ``text``, in position order."""
    hints: list[Hint] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        end = start + len(sentence)
        if len(sentence) > LONG_SENTENCE:
            hints.append(
                Hint(
                    start,
                    end,
                    HintKind.LONG_SENTENCE,
                    f"文が長めです（{len(sentence)}文字）。2つの文に分けると読みやすくなります",
                )
            )
        letters = _letters(sentence)
        if len(letters) >= 15:
            ratio = sum(_is_kanji(c) for c in letters) / len(letters)
            if ratio > KANJI_RATIO:
                hints.append(
                    Hint(
                        start,
                        end,
                        HintKind.KANJI,
                        f"漢字が多めです（{ratio:.0%}）。ひらがなにできる言葉はありませんか",
                    )
                )
    for term, easier in DIFFICULT_TERMS.items():
        for found in re.finditer(re.escape(term), text):
            # Skip a shorter term inside a longer listed one (速やかに inside 可及的速やかに).
            if any(
                h.kind is HintKind.DIFFICULT_WORD and h.start <= found.start() and found.end() <= h.end
                for h in hints
            ):
                continue
            hints.append(
                Hint(
                    found.start(),
                    found.end(),
                    HintKind.DIFFICULT_WORD,
                    f"「{term}」は「{easier}」と言いかえると伝わりやすくなります",
                )
            )
    return sorted(hints, key=lambda h: (h.start, h.end))
