"""The circular Markdown subset and its HTML rendering."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from circular_app.domain.document import (
    LAYOUT_SPACES,
    Heading,
    ListBlock,
    Paragraph,
    Rule,
    Span,
    Table,
    parse_document,
    to_html,
    to_source,
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


# ----------------------------------------------------------------------- spaces and properties
#
# The rule (module docstring of circular_app.domain.document, docs/circular-format.md): only
# the layout spaces " ", "\t" and U+3000 can be markup; every other space is text. Hypothesis
# is derandomized in CI (tests/conftest.py); a counterexample found by a local random search is
# pinned here with @example before it lands.

OTHER_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\ufeff\u200b"
"""Unicode spaces that are never markup (str.strip() and str.split() eat most of them)."""
MARKUP = set("#-*・•|:.)．）0123456789０１２３４５６７８９―ー＿\n\r") | set(LAYOUT_SPACES)
"""Every character the parser may drop; all others must reach the plain text."""

_ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc"))
_SPACE = st.sampled_from(LAYOUT_SPACES + OTHER_SPACES)
_TEXT_CHAR = st.one_of(_ANY_CHAR.filter(lambda c: c != "*"), _SPACE)
"""A character of a line's text: no ``*`` (bold markup) and no line break."""
_MARKS = ["#", "##", "###", "-", "*", "・", "•", "1.", "2)", "１．", "３）", "|", "---", "**"]
# Lines start with a marker and spaces as often as not: uniform random text almost never puts
# U+00A0 right after "# ", and that is where the parser went wrong (issue #25).
_LINE = st.tuples(
    st.lists(st.one_of(st.sampled_from(_MARKS), _SPACE), max_size=4).map("".join),
    st.text(st.one_of(_ANY_CHAR, _SPACE, st.sampled_from(sorted(MARKUP))), max_size=20),
).map("".join)
BODY_SOURCES = st.one_of(
    st.text(alphabet=_ANY_CHAR, max_size=200),
    st.lists(_LINE, max_size=8).map("\n".join),
)


def dropped(source: str) -> dict[str, int]:
    """Non-markup characters of ``source`` that the plain text has fewer of, with how many."""
    plain = Counter(parse_document(source).plain_text())
    return {c: n - plain[c] for c, n in Counter(source).items() if c not in MARKUP and plain[c] < n}


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("# 見出し", "見出し"),
        ("#\u3000見出し", "見出し"),  # the IME's space bar: still a heading
        ("#\u3000\u3000見出し", "\u3000見出し"),  # one separator; the next one is 字下げ
        ("# \u3000見出し", "\u3000見出し"),
        ("# \u00a0x", "\u00a0x"),  # issue #25
        ("# x\u2003\u00a0 \u3000\t", "x\u2003\u00a0"),  # line end: layout spaces only
        ("- \u00a0", "\u00a0"),
        ("-\u3000\u200bx", "\u200bx"),
        ("・\ufeff項目", "\ufeff項目"),
        ("１．\u3000受付\u3000", "受付"),
        ("1. \u2002x", "\u2002x"),
        ("| \u00a0a\u3000| b |", "\u00a0a b"),
        ("\u00a0| a |", "\u00a0| a |"),  # not a table: U+00A0 is text, not indentation
        ("\u00a0- x", "\u00a0- x"),
        ("\u3000字下げの段落\u3000", "\u3000字下げの段落\u3000"),  # paragraph lines as typed
    ],
)
def test_spaces_after_markers_and_at_line_ends(source: str, text: str) -> None:
    """Layout spaces around markers are markup; any other space is text and kept."""
    assert parse_document(source).plain_text() == text


@given(BODY_SOURCES)
@example("# \xa0x")  # issue #25: the U+00A0 was dropped
@example("- \xa0")
@example("# x\u3000\u2003")
@example("| a |\xa0\n\xa0| b |")
def test_no_text_is_ever_dropped(text: str) -> None:
    """Every non-markup character of the source appears in the plain text, as often."""
    assert dropped(text) == {}


_HEADINGS = st.sampled_from(["#", "##", "###"])
_LIST_MARKS = st.tuples(
    st.sampled_from(["", " ", "\u3000", "  "]),  # indentation
    st.sampled_from(["-", "*", "・", "•", "1.", "12)", "１．", "３）"]),
).map("".join)
_SEPARATORS = st.sampled_from([" ", "  ", "\u3000", "\u3000 ", " \t"])


@given(st.one_of(_HEADINGS, _LIST_MARKS), _SEPARATORS, st.text(_TEXT_CHAR, max_size=30))
@example("#", " ", "\xa0x")  # issue #25
@example("-", " ", "\xa0")
@example("#", "\u3000", "\u3000x\u3000")
def test_marker_line_text(marker: str, separator: str, text: str) -> None:
    """After a marker and its separator, the text is kept up to its trailing layout spaces.

    The separator is one space, half- or full-width, and any ASCII spaces or tabs after it.
    """
    text = text.lstrip(" \t")  # those would belong to the separator
    assert parse_document(marker + separator + text).plain_text() == text.rstrip(LAYOUT_SPACES)


@given(st.lists(st.text(_TEXT_CHAR.filter(lambda c: c != "|"), max_size=10), min_size=1))
@example(["\xa0a\u3000", "\u3000\u2003"])
def test_table_cell_text(cells: list[str]) -> None:
    """A table cell's text is kept, without the layout spaces that pad it."""
    expected = " ".join(c.strip(LAYOUT_SPACES) for c in cells)
    assert parse_document("|" + "|".join(cells) + "|").plain_text() == expected


@given(st.text(_TEXT_CHAR, max_size=30))
@example("\xa0\u3000 ")
def test_paragraph_line_is_kept_as_typed(text: str) -> None:
    """A line that is not markup is kept exactly, with the spaces at its end."""
    assert parse_document("本" + text).plain_text() == "本" + text


@given(BODY_SOURCES)
@example("| a |\n|\t---|")  # a row of text that "| --- |" would turn into a header line
@example("**a****b**")  # two bold runs side by side stay two
@example("・\u3000x\n\n- y")
def test_stored_text_of_a_document_reads_back_the_same(text: str) -> None:
    """to_source writes every parsed document as text that parses to the same document."""
    document = parse_document(text)
    assert parse_document(to_source(document)) == document


def test_stored_text_uses_one_spelling_of_each_mark() -> None:
    """The editor's text: blank lines between blocks, 「- 」, 「1. 」 and 「| a | b |」."""
    source = "## 持ち物\n・軍手\n１．受付\n| 班 | 場所 |\n|---|---|\n| 1班 | 公園 |\nーーー"
    assert to_source(parse_document(source)) == (
        "## 持ち物\n\n- 軍手\n\n1. 受付\n\n| 班 | 場所 |\n|---|---|\n| 1班 | 公園 |\n\n---"
    )
