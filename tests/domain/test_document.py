"""The circular Markdown subset and its HTML rendering."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from circular_app.domain.document import (
    Heading,
    ListBlock,
    Paragraph,
    Rule,
    Span,
    Table,
    parse_document,
    to_html,
)


def test_headings_paragraphs_and_line_breaks() -> None:
    """# gives a heading; a single newline stays a line break inside the paragraph."""
    doc = parse_document("# 見出し\n一行目\n二行目\n\n次の段落")
    assert doc.blocks == (
        Heading(1, (Span("見出し"),)),
        Paragraph((Span("一行目\n二行目"),)),
        Paragraph((Span("次の段落"),)),
    )


def test_bullets_with_and_without_space() -> None:
    """「- 」 and 「・」 make bullet items; 「-5℃」 stays text."""
    doc = parse_document("- 軍手\n・ごみ袋\n\n-5℃になります")
    assert isinstance(doc.blocks[0], ListBlock) and len(doc.blocks[0].items) == 2
    assert doc.blocks[1] == Paragraph((Span("-5℃になります"),))


def test_numbered_list_full_width_and_decimal_text() -> None:
    """「１．」 starts a numbered item; 「1.5kg」 stays text."""
    doc = parse_document("１．受付\n２．清掃\n\n1.5kgまで")
    first = doc.blocks[0]
    assert isinstance(first, ListBlock) and first.ordered and len(first.items) == 2
    assert doc.blocks[1] == Paragraph((Span("1.5kgまで"),))


def test_bold_and_unclosed_marker() -> None:
    """**太字** is bold; a lone ** prints as text."""
    doc = parse_document("**至急** ご確認を **未閉じ")
    assert doc.blocks[0] == Paragraph((Span("至急", bold=True), Span(" ご確認を **未閉じ")))


def test_table_with_header_and_rule() -> None:
    """A separator row makes the first row a header; --- is a rule."""
    doc = parse_document("| 班 | 場所 |\n|---|---|\n| 1班 | 公園 |\n---")
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert [c[0].text for c in table.header] == ["班", "場所"]
    assert [[c[0].text for c in row] for row in table.rows] == [["1班", "公園"]]
    assert doc.blocks[1] == Rule()


def test_html_escapes_text() -> None:
    """Text is HTML-escaped, so a body cannot inject markup into the reader page."""
    html = to_html(parse_document("<script>alert(1)</script> & **<b>**"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<strong>&lt;b&gt;</strong>" in html


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_no_text_is_ever_dropped(text: str) -> None:
    """Every non-markup character of the source appears in the plain text."""
    plain = parse_document(text).plain_text()
    kept = set(plain)
    markup = set("#-*・•|:.)．）0123456789０１２３４５６７８９ \u3000\t\n\r―ー＿")
    assert {c for c in text if c not in markup} <= kept | markup
