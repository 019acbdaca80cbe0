"""Furigana from the dictionary: text → segments, with the profile's reading list on top.

The one place that reads SudachiPy and its core dictionary (split mode C: 「避難訓練」 is
ヒナン + クンレン, 「金沢市」 カナザワシ). Used by the hub's reader pages and the large-print
PDF copies, both through :class:`Furigana`. The rules (okurigana, kanji only, the reading list,
ruby in HTML) are in :mod:`circular_app.domain.furigana`.

The dictionary (about 190 MB on disk) is loaded lazily, once per process, on the first text;
never at the app's start-up nor on the hub's ordinary page path. The frozen desktop app leaves
SudachiPy out (the bundle would pass its size limit, docs/decisions.md): :func:`available` is
then false and the features say so.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from circular_app.domain.furigana import Segment, align, merge, split_by_entries

if TYPE_CHECKING:  # the dictionary's types, for annotations only (it loads on first use)
    from sudachipy import Tokenizer

__all__ = ["Furigana", "FuriganaUnavailableError", "Segment", "available"]

# Sudachi refuses an input over about 49,000 bytes; lines are analysed one at a time and a
# longer line in pieces of this many characters (a circular's line is far shorter).
_PIECE = 4000


class FuriganaUnavailableError(RuntimeError):
    """SudachiPy or its dictionary is not installed (the frozen app): no furigana here."""


def available() -> bool:
    """True when the analyser and its dictionary can be imported (without importing them)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("sudachipy", "sudachidict_core"))
    except (ImportError, ValueError):
        return False


_lock = threading.Lock()  # a Sudachi tokenizer is not safe to share between threads


@functools.cache
def _tokenizer() -> Tokenizer:
    """The dictionary, loaded once per process (about 0.1 s)."""
    try:
        # Imported here: the dictionary is large and only furigana needs it.
        from sudachipy import Dictionary, SplitMode
    except ImportError as exc:
        raise FuriganaUnavailableError(str(exc)) from exc
    try:
        dictionary = Dictionary(dict="core")
    except Exception as exc:  # sudachipy reports a missing dictionary in several ways (re-raised)
        raise FuriganaUnavailableError(str(exc)) from exc
    return dictionary.tokenizer(mode=SplitMode.C)


@functools.lru_cache(maxsize=8192)
def _analysed(text: str) -> tuple[Segment, ...]:
    """The dictionary's segments of ``text`` (no reading list), cached per process."""
    tokenizer = _tokenizer()
    segments: list[Segment] = []
    for line in text.splitlines(keepends=True):
        for start in range(0, len(line), _PIECE):
            piece = line[start : start + _PIECE]
            with _lock:
                tokens = [(m.surface(), m.reading_form()) for m in tokenizer.tokenize(piece)]
            for surface, reading in tokens:
                segments.extend(align(surface, reading))
    return tuple(merge(segments))


class Furigana:
    """Readings of text: the reading list ``entries`` ({word: hiragana}) first, then the dictionary.

    Raises :class:`FuriganaUnavailableError` on first use when the dictionary is not installed.
    """

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        self._entries = dict(entries or {})

    def segments(self, text: str) -> tuple[Segment, ...]:
        """``text`` as segments; a listed word carries its listed reading (okurigana aligned)."""
        out: list[Segment] = []
        for piece, reading in split_by_entries(text, self._entries):
            out.extend(align(piece, reading) if reading is not None else _analysed(piece))
        return tuple(merge(out))

    __call__ = segments
