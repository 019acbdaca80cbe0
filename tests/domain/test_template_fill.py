"""Template placeholders: kinds declared or inferred, Japanese dates and times, filling text."""

from __future__ import annotations

import datetime as dt

import pytest

from circular_app.domain.circulars import Category
from circular_app.domain.errors import ValidationError
from circular_app.domain.templates import (
    PlaceholderKind,
    Template,
    fill_text,
    infer_kind,
    japanese_value,
    parse_template,
    template_placeholders,
)

HEADER = "---\nname: 見本\ncategory: notice\ntitle: ［件名］のお知らせ\n{extra}---\n"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("日時", PlaceholderKind.DATETIME),
        ("開始日時", PlaceholderKind.DATETIME),
        ("締切日", PlaceholderKind.DATE),
        ("日付", PlaceholderKind.DATE),
        ("変更後の収集日", PlaceholderKind.DATE),
        ("出す時刻", PlaceholderKind.TIME),
        ("集合時間", PlaceholderKind.TIME),
        ("集合場所", PlaceholderKind.TEXT),
        ("連絡先", PlaceholderKind.TEXT),
        ("日本語教室の名前", PlaceholderKind.TEXT),
    ],
)
def test_kind_is_inferred_from_the_name(name: str, kind: PlaceholderKind) -> None:
    """日時 is a date and time, 〜日 a date, 〜時刻/時間 a time, anything else text."""
    assert infer_kind(name) is kind


def test_declared_kinds_win_over_the_name() -> None:
    """``placeholders: 連絡日=text`` keeps a name that looks like a date as text."""
    template = parse_template(
        HEADER.format(extra="placeholders: 連絡日=text, ［集合］=time\n") + "［連絡日］［集合］［日時］\n",
        "x.md",
    )
    assert template_placeholders(template) == {
        "件名": PlaceholderKind.TEXT,
        "連絡日": PlaceholderKind.TEXT,
        "集合": PlaceholderKind.TIME,
        "日時": PlaceholderKind.DATETIME,
    }


@pytest.mark.parametrize("bad", ["日時=someday", "=date", "日時"])
def test_a_bad_kind_names_the_file_and_the_part(bad: str) -> None:
    """An unknown kind is refused with the file, the part and the kinds there are."""
    with pytest.raises(ValidationError) as caught:
        parse_template(HEADER.format(extra=f"placeholders: {bad}\n") + "本文\n", "garbage.md")
    assert caught.value.field_name == "garbage.md"
    assert bad in str(caught.value) and "datetime" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2026, 12, 20, 8, 0), "令和8年12月20日(日)午前8時"),
        (dt.datetime(2026, 12, 20, 13, 30), "令和8年12月20日(日)午後1時30分"),
        (dt.datetime(2019, 5, 1, 12, 0), "令和元年5月1日(水)正午"),
        (dt.date(2027, 1, 4), "令和9年1月4日(月)"),
        (dt.time(0, 15), "午前0時15分"),
        (dt.time(12, 45), "午後0時45分"),
        ("  見本公園 ", "見本公園"),
    ],
)
def test_japanese_values_are_wareki_with_the_weekday(value: dt.date | dt.time | str, text: str) -> None:
    """Dates in 和暦 with the weekday, times with 午前/午後, text as typed (trimmed)."""
    assert japanese_value(value) == text


def test_fill_text_replaces_every_occurrence_and_leaves_the_rest() -> None:
    """A value fills each occurrence; a name without value, or empty text, stays a placeholder."""
    text = "［場所］と［場所］、［日時］、［連絡先］、［持ち物］"
    filled = fill_text(
        text, {"場所": "公園", "日時": dt.datetime(2026, 12, 20, 8, 0), "持ち物": "  "}, japanese_value
    )
    assert filled == "公園と公園、令和8年12月20日(日)午前8時、［連絡先］、［持ち物］"


def test_an_officers_template_has_no_translations() -> None:
    """A saved template is Japanese only: no translation is offered for it."""
    own = Template("夜警", Category.SAFETY, "夜警", "［日時］集合", user_id=3)
    assert own.translations == () and own.translation("vi") is None
    assert template_placeholders(own) == {"日時": PlaceholderKind.DATETIME}
