"""Tests for the Japanese text normalisation helpers of the domain layer."""

from __future__ import annotations

import pytest

from circular_app.domain import messages
from circular_app.domain.errors import ValidationError
from circular_app.domain.text import (
    ForbiddenChar,
    ForbiddenKind,
    find_forbidden_char,
    han_sort_key,
    is_katakana_reading,
    normalize_han_name,
    normalize_phone,
    normalize_reading,
    parse_bool,
    require_clean_text,
    search_key,
    trim,
)


@pytest.mark.parametrize("written", ["3班", "３班", "第3班", "第３班", "3", " 3班　", "第 3 班"])
def test_numbered_han_forms_share_one_name(written: str) -> None:
    """Full-width digits, 第N班 and a bare number all name the same 班."""
    assert normalize_han_name(written) == "3班"


def test_han_leading_zero_dropped() -> None:
    """Excel's "03班" is the same 班 as "3班"."""
    assert normalize_han_name("03班") == "3班"


def test_unnumbered_han_kept_as_written() -> None:
    """A named 班 keeps its name, only trimmed and width-folded."""
    assert normalize_han_name("　東班 ") == "東班"


def test_han_sort_key_orders_numerically() -> None:
    """10班 sorts after 2班 and named 班 come last."""
    assert sorted(["10班", "東班", "2班"], key=han_sort_key) == ["2班", "10班", "東班"]


def test_half_width_kana_reading_becomes_full_width() -> None:
    """ﾔﾏﾀﾞ (with a separate voicing mark) becomes ヤマダ."""
    assert normalize_reading("ﾔﾏﾀﾞ") == "ヤマダ"


def test_hiragana_reading_becomes_katakana() -> None:
    """Hiragana readings are stored as katakana."""
    assert normalize_reading("やまだ たろう") == "ヤマダ\u3000タロウ"


def test_reading_inner_spaces_become_one_ideographic_space() -> None:
    """Runs of half- and full-width spaces between family and given name become one U+3000."""
    assert normalize_reading("ヤマダ \u3000 タロウ") == "ヤマダ\u3000タロウ"


def test_is_katakana_reading_refuses_kanji() -> None:
    """A reading written in kanji is not a reading."""
    assert is_katakana_reading("ヤマダ\u3000タロウ")
    assert not is_katakana_reading("山田")


def test_trim_removes_ideographic_space() -> None:
    """U+3000 typed around a value is removed like ASCII spaces."""
    assert trim("\u3000 髙橋\u3000") == "髙橋"


def test_trim_keeps_inner_spaces() -> None:
    """Only the ends are trimmed; the space between family and given name stays."""
    assert trim(" 山﨑　花子 ") == "山﨑　花子"


@pytest.mark.parametrize("written", ["○", "〇", "はい", "1", "１", "TRUE", "yes", " ○ "])
def test_parse_bool_true_spellings(written: str) -> None:
    """Excel spellings of yes are read as True."""
    assert parse_bool(written) is True


@pytest.mark.parametrize("written", ["", "　", "0", "false", "いいえ", "×"])
def test_parse_bool_false_spellings(written: str) -> None:
    """Empty and the spellings of no are read as False."""
    assert parse_bool(written) is False


def test_parse_bool_unknown_is_none() -> None:
    """An unrecognised value is None so the caller can report it."""
    assert parse_bool("たぶん") is None


def test_search_key_folds_kana_kind_and_width() -> None:
    """ｶﾅ, かな and カナ give the same search key."""
    assert search_key("ｶﾅ") == search_key("かな") == search_key("カナ")


def test_search_key_folds_latin_width_and_case() -> None:
    """Full-width capitals match ASCII lower case."""
    assert search_key("ＡＢＣ") == search_key("abc")


def test_normalize_phone_folds_ime_input() -> None:
    """Full-width digits and a long vowel mark used as hyphen give an ASCII phone number."""
    assert normalize_phone("　０９０ー１２３４－５６７８ ") == "090-1234-5678"


# --------------------------------------------------------------------------- forbidden characters


@pytest.mark.parametrize(
    ("value", "index", "kind"),
    [
        ("山田\x1b[31m", 2, ForbiddenKind.CONTROL),
        ("ベル\x07", 2, ForbiddenKind.CONTROL),
        ("a\x7fb", 1, ForbiddenKind.CONTROL),
        ("C1\x9b", 2, ForbiddenKind.CONTROL),
        ("\u202eabc", 0, ForbiddenKind.BIDI),
        ("x\u2066y", 1, ForbiddenKind.BIDI),
        ("壊れ\ufffe", 2, ForbiddenKind.NONCHARACTER),
        ("\ufdd0", 0, ForbiddenKind.NONCHARACTER),
        ("\U0001ffff", 0, ForbiddenKind.NONCHARACTER),
        ("名前\t", 2, ForbiddenKind.CONTROL),
    ],
)
def test_first_forbidden_character_and_its_kind(value: str, index: int, kind: ForbiddenKind) -> None:
    """find_forbidden_char returns the first refused character, where it is and its kind."""
    found = find_forbidden_char(value)
    assert found is not None and (found.index, found.kind) == (index, kind)
    assert found.codepoint == f"U+{ord(value[index]):04X}"


def test_multiline_text_keeps_line_breaks_and_tabs() -> None:
    """Bodies and notes may hold LF, CR and tabs, but still no ESC."""
    assert find_forbidden_char("一行目\r\n\t二行目", multiline=True) is None
    assert find_forbidden_char("一行目\n\x1b", multiline=True) == ForbiddenChar(
        4, "\x1b", ForbiddenKind.CONTROL
    )


def test_japanese_text_emoji_and_joiners_are_allowed() -> None:
    """Old kanji, 𠮷, emoji with a zero-width joiner and ideographic spaces are all text."""
    assert find_forbidden_char("髙﨑 𠮷野\u3000👨\u200d👩\u200b") is None


def test_refusal_names_field_kind_and_code_point_in_both_languages() -> None:
    """The error reads 「氏名: 使えない文字（制御文字 U+001B）が含まれています」 and has an English text."""
    with pytest.raises(ValidationError) as info:
        require_clean_text("氏名", "山田\x1b太郎")
    assert str(info.value) == "氏名: 使えない文字（制御文字 U+001B）が含まれています"
    assert messages.render(info.value, "en") == (
        "Name: contains a character that cannot be used (control character U+001B)"
    )


@pytest.mark.parametrize("kind", list(ForbiddenKind))
def test_every_kind_has_a_message_in_every_language(kind: ForbiddenKind) -> None:
    """Each refusal kind's code is in the Japanese and the English catalog."""
    assert all(kind.code in messages.CATALOGS[language] for language in messages.LANGUAGES)
