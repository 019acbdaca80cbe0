"""Fiscal years, 和暦 dates and やさしい日本語 hints."""

from __future__ import annotations

import datetime as dt

from circular_app.domain.calendar import fiscal_year, fiscal_year_label, wareki, wareki_time
from circular_app.domain.readability import HintKind, check
from tests.domain.test_readability import RULES


def test_fiscal_year_starts_in_april() -> None:
    """31 March belongs to the previous fiscal year, 1 April to the new one."""
    assert fiscal_year(dt.date(2027, 3, 31)) == 2026
    assert fiscal_year(dt.date(2026, 4, 1)) == 2026
    assert fiscal_year_label(2026) == "令和8年度"


def test_wareki_dates() -> None:
    """Dates are written in the Japanese era, with 元年 for the first year."""
    assert wareki(dt.date(2026, 11, 24)) == "令和8年11月24日"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(dt.date(2026, 11, 24), weekday=True).endswith("(火)")


def test_wareki_time_has_the_weekday_and_the_time() -> None:
    """A moment reads 「令和8年11月21日(土) 09:05」, with seconds when asked."""
    moment = dt.datetime(2026, 11, 21, 9, 5, 7)
    assert wareki_time(moment) == "令和8年11月21日(土) 09:05"
    assert wareki_time(moment, seconds=True) == "令和8年11月21日(土) 09:05:07"


def test_long_sentence_and_difficult_word_hints() -> None:
    """A long sentence and a listed difficult term each get a hint with a suggestion."""
    text = "本件につき可及的速やかに措置を講じるとともに関係各位への周知徹底を図られたく、皆様におかれましては何卒よろしくお願い申し上げる次第であります。"
    hints = check(text, RULES)
    kinds = {h.kind for h in hints}
    assert HintKind.LONG_SENTENCE in kinds and HintKind.DIFFICULT_WORD in kinds
    words = [text[h.start : h.end] for h in hints if h.kind is HintKind.DIFFICULT_WORD]
    assert "可及的速やかに" in words and "速やかに" not in words and "措置" in words


def test_plain_easy_text_has_no_hints() -> None:
    """Short sentences in easy words produce no hints."""
    assert check("あしたは そうじの日です。ぐんてを もってきてください。", RULES) == []
