"""The dictionary's readings (SudachiPy, core dictionary) with the profile's reading list."""

from __future__ import annotations

import builtins
import importlib.util
from typing import Any

import pytest

from circular_app import furigana
from circular_app.domain.furigana import Segment, ruby_markup
from circular_app.furigana import Furigana, FuriganaUnavailableError


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("回覧", [("回覧", "かいらん")]),
        ("町会", [("町会", "ちょうかい")]),
        ("避難訓練", [("避難", "ひなん"), ("訓練", "くんれん")]),
        ("清掃", [("清掃", "せいそう")]),
        ("総会", [("総会", "そうかい")]),
        ("班長", [("班長", "はんちょう")]),
    ],
)
def test_everyday_circular_words(word: str, readings: list[tuple[str, str]]) -> None:
    """The six words of issue 23 are read right."""
    assert [(s.base, s.reading) for s in Furigana().segments(word)] == readings


def test_okurigana_and_digits() -> None:
    """「12月に行います」: the digits stay bare, 行 gets おこな and います stays bare."""
    assert Furigana().segments("12月に行います") == (
        Segment("12"),
        Segment("月", "がつ"),
        Segment("に"),
        Segment("行", "おこな"),
        Segment("います"),
    )


def test_reading_list_beats_the_dictionary() -> None:
    """A listed personal name's reading replaces the dictionary's; the rest is still read."""
    listed = Furigana({"東海林": "とうかいりん"}).segments("東海林さんの町会")
    assert ruby_markup(listed) == (
        "<ruby>東海林<rt>とうかいりん</rt></ruby>さんの<ruby>町会<rt>ちょうかい</rt></ruby>"
    )


def test_listed_place_name_with_okurigana() -> None:
    """A listed word with kana in it is aligned too: 「金沢」 listed as かなざわ inside 「金沢市」."""
    segments = Furigana({"金沢": "かなざわ", "犀川べり": "さいがわべり"}).segments("金沢市の犀川べり")
    assert segments == (
        Segment("金沢", "かなざわ"),
        Segment("市", "し"),
        Segment("の"),
        Segment("犀川", "さいがわ"),
        Segment("べり"),
    )


def test_not_installed_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where SudachiPy cannot be imported (the frozen app), available() is false and use raises."""
    real_import = builtins.__import__
    real_find = importlib.util.find_spec

    def no_sudachi(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("sudachipy", "sudachidict_core"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    def find(name: str, *args: Any, **kwargs: Any) -> Any:
        return (
            None
            if name.split(".")[0] in ("sudachipy", "sudachidict_core")
            else real_find(name, *args, **kwargs)
        )

    monkeypatch.setattr(builtins, "__import__", no_sudachi)
    monkeypatch.setattr(importlib.util, "find_spec", find)
    furigana._tokenizer.cache_clear()
    furigana._analysed.cache_clear()
    try:
        assert not furigana.available()
        with pytest.raises(FuriganaUnavailableError):
            Furigana().segments("回覧")
    finally:
        furigana._tokenizer.cache_clear()
        furigana._analysed.cache_clear()
