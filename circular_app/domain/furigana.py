"""Furigana's rules, without the dictionary: segments, okurigana, the reading list, ruby in HTML.

A text becomes a sequence of :class:`Segment` (``base`` and its ``reading`` in hiragana, or
``None`` for no ruby). Ruby goes only on kanji: a dictionary token such as 「行い」 read
「オコナイ」 is aligned to 行(おこな)い, and tokens without kanji (kana, digits, Latin,
punctuation) never get one (the dictionary reads 「12」 as イチニ).

The dictionary itself (SudachiPy) lives in :mod:`circular_app.furigana`; these rules are the
standard library only, so the reading list's validation and the HTML transform are tested here
and shared by the desktop, the PDF and the hub.

The reading list (the profile's 「ふりがなの読み方」): an officer's reading of a word, mostly
place and personal names, which beats the dictionary wherever the word occurs; the longest
listed word wins at each place.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from circular_app.domain.errors import ValidationError

MAX_WORD = 30
MAX_READING = 60
MAX_ENTRIES_PER_CIRCULAR = 200

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ]")
# Hiragana, the long-vowel mark and the middle dot (a name's reading may separate its parts).
_HIRAGANA_READING = re.compile(r"[\u3041-\u3096ー・]+")


@dataclass(frozen=True)
class Segment:
    """A piece of text: ``base`` as written, ``reading`` in hiragana above it (``None``: no ruby)."""

    base: str
    reading: str | None = None


Segmenter = Callable[[str], Sequence[Segment]]


@dataclass(frozen=True)
class ReadingEntry:
    """A word of the profile's reading list, its reading in hiragana, who set it and when (UTC)."""

    word: str
    reading: str
    added_by: str
    added_at: dt.datetime


def has_kanji(text: str) -> bool:
    """True when ``text`` holds at least one kanji (or 々, 〆, ヶ)."""
    return _KANJI.search(text) is not None


def to_hiragana(text: str) -> str:
    """Full-width katakana as hiragana (カイラン → かいらん); everything else unchanged."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def align(surface: str, reading: str) -> list[Segment]:
    """Ruby for one token: kana in ``surface`` stay bare, each kanji run gets its part of ``reading``.

    「行い」+「オコナイ」→ 行(おこな)い; 「お知らせ」+「オシラセ」→ お 知(し) らせ. When the kana
    of the surface cannot be found in the reading (an irregular reading), the whole token
    carries the whole reading. A token without kanji has no ruby.
    """
    if not has_kanji(surface):
        return [Segment(surface)]
    kana = to_hiragana(reading)
    runs = ["".join(group) for _kanji, group in itertools.groupby(surface, key=has_kanji)]
    pattern = "".join("(.+?)" if has_kanji(run) else f"({re.escape(to_hiragana(run))})" for run in runs)
    match = re.fullmatch(pattern, kana) if kana else None
    if match is None:
        return [Segment(surface, kana or None)]
    return [
        Segment(run, part) if has_kanji(run) else Segment(run)
        for run, part in zip(runs, match.groups(), strict=True)
    ]


def merge(segments: Iterable[Segment]) -> list[Segment]:
    """Neighbouring segments without ruby joined into one (shorter HTML, fewer PDF runs)."""
    out: list[Segment] = []
    for segment in segments:
        if not segment.base:
            continue
        if out and segment.reading is None and out[-1].reading is None:
            out[-1] = Segment(out[-1].base + segment.base)
        else:
            out.append(segment)
    return out


# -- the reading list ------------------------------------------------------------------------


def normalize_word(word: str) -> str:
    """A listed word as it is matched in text: trimmed, without ideographic spaces (no other folding)."""
    return word.strip().replace("\u3000", "")


def check_entry(word: str, reading: str) -> tuple[str, str]:
    """The word and its reading (katakana folded to hiragana, trimmed), or a ValidationError."""
    word = normalize_word(word)
    reading = to_hiragana(
        unicodedata.normalize("NFKC", reading).strip().replace(" ", "").replace("\u3000", "")
    )
    if not word:
        raise ValidationError("言葉", "reading.word_required")
    if len(word) > MAX_WORD:
        raise ValidationError("言葉", "reading.word_too_long", max=MAX_WORD)
    if not has_kanji(word):
        raise ValidationError("言葉", "reading.word_without_kanji", word=word)
    if any(c.isspace() for c in word):
        raise ValidationError("言葉", "reading.word_with_space", word=word)
    if not reading:
        raise ValidationError("読み方", "reading.reading_required")
    if len(reading) > MAX_READING:
        raise ValidationError("読み方", "reading.reading_too_long", max=MAX_READING)
    if _HIRAGANA_READING.fullmatch(reading) is None:
        raise ValidationError("読み方", "reading.reading_not_kana", reading=reading)
    return word, reading


def entries_in(text: str, entries: Mapping[str, str]) -> dict[str, str]:
    """The listed words that occur in ``text`` (what travels with a circular to the hub)."""
    return {word: reading for word, reading in sorted(entries.items()) if word and word in text}


def split_by_entries(text: str, entries: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """``text`` cut at the listed words: (piece, its listed reading or ``None``), longest word first."""
    if not entries:
        return [(text, None)]
    words = sorted((w for w in entries if w), key=lambda w: (-len(w), w))
    found = re.compile("|".join(re.escape(w) for w in words))
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in found.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((match.group(0), entries[match.group(0)]))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


# -- ruby in HTML ----------------------------------------------------------------------------


def ruby_markup(segments: Iterable[Segment]) -> str:
    """Segments as escaped HTML: ``<ruby>漢字<rt>かんじ</rt></ruby>`` where there is a reading."""
    out = []
    for segment in segments:
        base = html.escape(segment.base, quote=False)
        if segment.reading:
            out.append(f"<ruby>{base}<rt>{html.escape(segment.reading, quote=False)}</rt></ruby>")
        else:
            out.append(base)
    return "".join(out)


# Elements whose text is never given ruby: code, the page's title (no markup allowed), form
# fields' text, and ruby already there.
_SKIP = frozenset(
    {"script", "style", "title", "textarea", "option", "ruby", "rt", "rp", "code", "pre", "svg"}
)


class _RubyRewriter(HTMLParser):
    """Copies HTML as it came, tags and attributes byte for byte, giving only text nodes ruby."""

    def __init__(self, segmenter: Segmenter) -> None:
        super().__init__(convert_charrefs=True)
        self._segmenter = segmenter
        self._out: list[str] = []
        self._skipping: list[str] = []

    def result(self) -> str:
        self.close()
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")
        if tag in _SKIP:
            self._skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._out.append(f"</{tag}>")
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._skipping and self._skipping[-1] in ("script", "style"):
            self._out.append(data)  # raw text: never escaped, never changed
        elif self._skipping or not has_kanji(data):
            self._out.append(html.escape(data, quote=False))
        else:
            self._out.append(ruby_markup(self._segmenter(data)))

    def handle_comment(self, data: str) -> None:
        self._out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._out.append(f"<![{data}]>")


def ruby_html(document: str, segmenter: Segmenter) -> str:
    """``document`` with ruby on the kanji of its text nodes; tags, attributes and scripts untouched."""
    rewriter = _RubyRewriter(segmenter)
    rewriter.feed(document)
    return rewriter.result()
