"""The shipped templates in every reader language, and filling them with localised dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from circular_app.domain.document import Block, Heading, ListBlock, Table, parse_document
from circular_app.domain.reader_languages import READER_LANGUAGES
from circular_app.domain.templates import PlaceholderKind, Template, placeholder_names, template_placeholders
from circular_app.paths import bundle_root
from circular_app.services.template_files import TRANSLATION_LANGUAGES, bundled_template
from circular_app.services.template_fill import fill, fill_all, localised_value

TEMPLATES = bundle_root() / "resources" / "templates"
FILES = sorted(p.name for p in TEMPLATES.glob("*.md") if p.name != "README.md")
CHRISTMAS_MORNING = dt.datetime(2026, 12, 20, 8, 0)


def _template(file_name: str) -> Template:
    return bundled_template(TEMPLATES, file_name)


def _shape(block: Block) -> tuple[object, ...]:
    """What a translation must keep of a block: its kind, heading level, list and table sizes."""
    if isinstance(block, Heading):
        return ("heading", block.level)
    if isinstance(block, ListBlock):
        return ("list", block.ordered, len(block.items))
    if isinstance(block, Table):
        return ("table", len(block.header), tuple(len(row) for row in block.rows))
    return (type(block).__name__,)


def _values(template: Template) -> dict[str, str | dt.date | dt.time | dt.datetime]:
    """A value for every placeholder, of its kind."""
    by_kind = {
        PlaceholderKind.DATETIME: CHRISTMAS_MORNING,
        PlaceholderKind.DATE: dt.date(2026, 12, 31),
        PlaceholderKind.TIME: dt.time(8, 30),
    }
    return {
        name: by_kind.get(kind, f"見本の{name}") for name, kind in template_placeholders(template).items()
    }


def test_the_shipped_templates_cover_the_common_circulars() -> None:
    """ごみ, 清掃, 総会, 防災, 行事, 募集: each has a shipped template."""
    names = " ".join(_template(f).name for f in FILES)
    for topic in ("ごみ", "清掃", "総会", "防災", "行事", "募集"):
        assert topic in names


@pytest.mark.parametrize("file_name", FILES)
def test_every_template_has_every_language_with_the_same_placeholders(file_name: str) -> None:
    """Each translation: a name, the same placeholders in title and body, the same structure."""
    template = _template(file_name)
    assert set(TRANSLATION_LANGUAGES) == set(READER_LANGUAGES) - {"ja"}
    assert [t.lang for t in template.translations] == list(TRANSLATION_LANGUAGES)
    shape = [_shape(b) for b in parse_document(template.body).blocks]
    for translation in template.translations:
        where = f"{translation.lang}/{file_name}"
        assert translation.name and translation.name != template.name, where
        assert set(placeholder_names(translation.title)) == set(placeholder_names(template.title)), where
        assert set(placeholder_names(translation.body)) == set(placeholder_names(template.body)), where
        assert [_shape(b) for b in parse_document(translation.body).blocks] == shape, where


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "令和8年12月20日(日)午前8時"),
        ("ja-x-easy", "令和8年12月20日(日)午前8時"),
        ("en", "Sunday, December 20, 2026, 8:00\u00a0AM"),
        ("vi", "08:00 Chủ Nhật, 20 tháng 12, 2026"),
        ("ko", "2026년 12월 20일 일요일 오전 8:00"),
        ("pt-BR", "domingo, 20 de dezembro de 2026 08:00"),
    ],
)
def test_date_and_time_in_each_language(lang: str, expected: str) -> None:
    """和暦 in Japanese and やさしい日本語; the locale's long date, weekday and time elsewhere."""
    assert localised_value(CHRISTMAS_MORNING, lang) == expected


@pytest.mark.parametrize(
    ("lang", "day", "time"),
    [
        ("en", "Thursday, December 31, 2026", "8:30\u00a0AM"),
        ("vi", "Thứ Năm, 31 tháng 12, 2026", "08:30"),
        ("ko", "2026년 12월 31일 목요일", "오전 8:30"),
        ("ja", "令和8年12月31日(木)", "午前8時30分"),
    ],
)
def test_dates_and_times_alone(lang: str, day: str, time: str) -> None:
    """A date kind gets the weekday; a time kind the locale's short time."""
    assert localised_value(dt.date(2026, 12, 31), lang) == day
    assert localised_value(dt.time(8, 30), lang) == time


def test_the_garbage_notice_filled_in_vietnamese() -> None:
    """The Vietnamese garbage notice carries the Vietnamese dates and the text as typed."""
    template = _template("garbage.md")
    values = {
        "変更前の収集日": dt.date(2026, 12, 31),
        "変更後の収集日": dt.date(2027, 1, 4),
        "出す時刻": dt.time(8, 30),
        "ごみの種類": "燃やすごみ",
        "ごみステーション": "3丁目の集積所",
        "連絡先": "090-0000-0000",
    }
    title, body = fill(template, values, "vi")
    assert title == "Ngày thu gom rác thay đổi"
    assert "Việc thu gom 燃やすごみ vào Thứ Năm, 31 tháng 12, 2026 sẽ được chuyển sang" in body
    assert "Thứ Hai, 4 tháng 1, 2027" in body and "trước 08:30" in body and "3丁目の集積所" in body
    ja_title, ja_body = fill(template, values, "ja")
    assert ja_title == template.title
    assert "令和8年12月31日(木)の燃やすごみの収集は、令和9年1月4日(月)に変わります。" in ja_body


@pytest.mark.parametrize("file_name", FILES)
def test_every_placeholder_filled_leaves_none_in_any_language(file_name: str) -> None:
    """With a value for each placeholder no ［…］ is left, and each body still parses."""
    template = _template(file_name)
    filled = fill_all(template, _values(template))
    assert set(filled.translations) == set(TRANSLATION_LANGUAGES)
    for lang, (title, body) in {"ja": (filled.title, filled.body), **filled.translations}.items():
        assert "［" not in title + body and "］" not in title + body, lang
        assert parse_document(body).blocks, lang


def test_text_is_put_in_as_typed_in_every_language() -> None:
    """A text value is the same, as typed, in every language; an empty one leaves the placeholder."""
    template = _template("cleaning.md")
    filled = fill_all(template, {"集合場所": "見本公園", "連絡先": ""})
    for lang, (_title, body) in {"ja": (filled.title, filled.body), **filled.translations}.items():
        assert "見本公園" in body and "［集合場所］" not in body, lang
        assert "［連絡先］" in body and "［日時］" in body, lang


def test_an_own_template_is_filled_in_japanese_only(tmp_path: Path) -> None:
    """A template without translations gives the Japanese and no translation."""
    (tmp_path / "x.md").write_text(
        "---\nname: 見本\ncategory: other\ntitle: ［件名］\n---\n［日時］\n", "utf-8"
    )
    filled = fill_all(bundled_template(tmp_path, "x.md"), {"件名": "夜警", "日時": CHRISTMAS_MORNING})
    assert (filled.title, filled.body, filled.translations) == ("夜警", "令和8年12月20日(日)午前8時\n", {})
    with pytest.raises(KeyError):
        fill(bundled_template(tmp_path, "x.md"), {}, "vi")
