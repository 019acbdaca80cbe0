"""Furigana's rules without the dictionary: okurigana, the reading list, ruby in HTML."""

from __future__ import annotations

import pytest

from circular_app.domain.errors import ValidationError
from circular_app.domain.furigana import (
    Segment,
    align,
    check_entry,
    entries_in,
    ruby_html,
    ruby_markup,
    split_by_entries,
    to_hiragana,
)


def test_okurigana_stays_bare() -> None:
    """「行い」 read オコナイ puts おこな over 行 only."""
    assert align("行い", "オコナイ") == [Segment("行", "おこな"), Segment("い")]


def test_kana_between_kanji_is_aligned() -> None:
    """「お知らせ」: お and らせ stay bare, し goes over 知."""
    assert align("お知らせ", "オシラセ") == [Segment("お"), Segment("知", "し"), Segment("らせ")]


def test_irregular_reading_covers_the_whole_token() -> None:
    """When the kana cannot be found in the reading, the whole token carries it."""
    assert align("行い", "ギョウ") == [Segment("行い", "ぎょう")]


def test_no_ruby_without_kanji() -> None:
    """Digits and kana get no reading, even when the dictionary gives one."""
    assert align("12", "イチニ") == [Segment("12")]
    assert align("ゴミ", "ゴミ") == [Segment("ゴミ")]


def test_katakana_folds_to_hiragana() -> None:
    """カイラン → かいらん; ー and other text unchanged."""
    assert to_hiragana("カイラン・ボード") == "かいらん・ぼーど"


def test_entry_reading_is_folded_and_checked() -> None:
    """Katakana is accepted and stored as hiragana; spaces are dropped."""
    assert check_entry(" 金沢 ", "カナ ザワ") == ("金沢", "かなざわ")


@pytest.mark.parametrize(
    ("word", "reading", "code"),
    [
        ("", "かな", "reading.word_required"),
        ("かな", "かな", "reading.word_without_kanji"),
        ("金沢", "kanazawa", "reading.reading_not_kana"),
        ("金沢", "金沢", "reading.reading_not_kana"),
        ("金沢", "", "reading.reading_required"),
        ("金" * 31, "かな", "reading.word_too_long"),
        ("金沢", "か" * 61, "reading.reading_too_long"),
    ],
)
def test_bad_entries_are_refused(word: str, reading: str, code: str) -> None:
    """A word without kanji or a reading with other than kana is refused with a clear code."""
    with pytest.raises(ValidationError) as caught:
        check_entry(word, reading)
    assert caught.value.code == code


def test_longest_listed_word_wins() -> None:
    """「金沢市」 listed beside 「金沢」 is taken whole where it occurs."""
    entries = {"金沢": "かなざわ", "金沢市": "かなざわし"}
    assert split_by_entries("金沢市と金沢", entries) == [
        ("金沢市", "かなざわし"),
        ("と", None),
        ("金沢", "かなざわ"),
    ]


def test_only_entries_in_the_text_travel() -> None:
    """What goes with a circular to the hub is only what occurs in it."""
    entries = {"金沢": "かなざわ", "田中": "たなか"}
    assert entries_in("金沢の清掃", entries) == {"金沢": "かなざわ"}


def _fake(text: str) -> list[Segment]:
    """A stand-in for the dictionary: 漢字 is かんじ, everything else bare."""
    out: list[Segment] = []
    for i, part in enumerate(text.split("漢字")):
        if i:
            out.append(Segment("漢字", "かんじ"))
        out.append(Segment(part))
    return out


def test_ruby_markup_escapes() -> None:
    """Base and reading are escaped."""
    assert ruby_markup([Segment("<漢>", "か"), Segment("&")]) == "<ruby>&lt;漢&gt;<rt>か</rt></ruby>&amp;"


def test_ruby_html_touches_text_nodes_only() -> None:
    """Attributes, URLs, <script>, <style> and <title> keep their text; escaped text stays escaped."""
    page = (
        "<!DOCTYPE html><html><head><title>漢字</title><style>p::before{content:'漢'}</style>"
        '<script>var s = "<b>漢字</b>";</script></head>'
        '<body><p title="漢字"><a href="/r/漢字">漢字</a>&lt;script&gt;alert(1)&lt;/script&gt;漢字</p></body></html>'
    )
    out = ruby_html(page, _fake)
    assert out == (
        "<!DOCTYPE html><html><head><title>漢字</title><style>p::before{content:'漢'}</style>"
        '<script>var s = "<b>漢字</b>";</script></head>'
        '<body><p title="漢字"><a href="/r/漢字"><ruby>漢字<rt>かんじ</rt></ruby></a>'
        "&lt;script&gt;alert(1)&lt;/script&gt;<ruby>漢字<rt>かんじ</rt></ruby></p></body></html>"
    )


def test_ruby_html_leaves_existing_ruby_alone() -> None:
    """Text already inside <ruby> is not given a second reading."""
    page = "<p><ruby>漢<rt>かん</rt></ruby></p>"
    assert ruby_html(page, _fake) == page
