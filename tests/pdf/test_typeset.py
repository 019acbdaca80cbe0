"""Japanese line breaking: kinsoku, no overhang, spaces kept, faces per character."""

from __future__ import annotations

import pytest

from circular_app.pdf.fonts import FALLBACK, GOTHIC, FontSet
from circular_app.pdf.typeset import MISSING_MARK, NO_LINE_END, NO_LINE_START, Typesetter, can_break

# Punctuation and brackets everywhere, so that many candidate breaks fall on them.
LONG = (
    "町会員の皆様へ。「自分の家の備えを見直したい」「避難経路を確認したい」という方のために、"
    "会場に相談コーナー（公民館二階）を設けます。ご不明な点は、町会防災部（担当：山﨑）まで、"
    "お問い合わせください。なお、訓練の様子は後日、町会だよりでご報告します。ーーー"
) * 4
WIDTHS = [w / 2 for w in range(120, 500, 7)]  # many line widths in points, so every position is tried


@pytest.fixture
def typesetter(fonts: FontSet) -> Typesetter:
    return Typesetter(fonts)


def _lines(typesetter: Typesetter, text: str, width: float, size: float = 10.5) -> list[str]:
    return [line.text for line in typesetter.wrap([(text, False)], size, width)]


def test_no_line_starts_with_closing_punctuation(typesetter: Typesetter) -> None:
    """At every width, no line after the first starts with 、。」）ー or another no-start character."""
    bad = [
        (width, line)
        for width in WIDTHS
        for line in _lines(typesetter, LONG, width)[1:]
        if line[:1] in NO_LINE_START
    ]
    assert bad == []


def test_no_line_ends_with_opening_bracket(typesetter: Typesetter) -> None:
    """At every width, no line ends with 「 or （."""
    bad = [
        (width, line)
        for width in WIDTHS
        for line in _lines(typesetter, LONG, width)
        if line[-1:] in NO_LINE_END
    ]
    assert bad == []


def test_no_line_overhangs_the_margin(typesetter: Typesetter) -> None:
    """Justified or not, every line (closing brackets included) ends inside the frame."""
    over = []
    for width in WIDTHS:
        for line in typesetter.wrap([(LONG, False)], 10.5, width):
            drawn = line.width + line.char_space * (len(line.text) - 1)
            if drawn > width + 0.05:
                over.append((width, line.text, drawn))
    assert over == []


def test_full_lines_are_justified_to_the_frame(typesetter: Typesetter) -> None:
    """A line that is not the last of its paragraph reaches the right margin."""
    lines = typesetter.wrap([(LONG, False)], 10.5, 300)
    drawn = lines[0].width + lines[0].char_space * (len(lines[0].text) - 1)
    assert drawn == pytest.approx(300, abs=0.05)


def test_text_is_never_lost_by_wrapping(typesetter: Typesetter) -> None:
    """The lines put back together are the paragraph, character for character."""
    assert "".join(_lines(typesetter, LONG, 211.5)) == LONG


def test_ideographic_space_is_kept(typesetter: Typesetter) -> None:
    """U+3000 between family and given name survives, also at the start of a line."""
    lines = _lines(typesetter, "\u3000髙橋\u3000一郎様へのお知らせです。", 400)
    assert lines == ["\u3000髙橋\u3000一郎様へのお知らせです。"]


def test_latin_words_and_numbers_are_not_split(typesetter: Typesetter) -> None:
    """ "AED" and "11:30" stay whole even where the line is full."""
    text = "あいうえおかきくけこAEDさしすせそ11:30たちつてと" * 3
    for width in WIDTHS[:30]:
        for line in _lines(typesetter, text, width):
            assert not line.startswith(("ED", "D", "1:30", ":30", "30", "0"))


def test_line_break_in_text_forces_a_new_line(typesetter: Typesetter) -> None:
    """A newline inside a paragraph starts a new line, and the line before is not justified."""
    lines = typesetter.wrap([("一行目\n二行目", False)], 10.5, 300)
    assert [line.text for line in lines] == ["一行目", "二行目"]
    assert lines[0].char_space == 0.0


def test_extension_b_kanji_uses_the_fallback_face(typesetter: Typesetter) -> None:
    """𠮷 is set in the fallback face, 髙 and the rest in BIZ UDPGothic."""
    line = typesetter.line("𠮷田髙橋", 10)
    assert [(s.font, s.text) for s in line.segments] == [(FALLBACK, "𠮷"), (GOTHIC, "田髙橋")]


def test_character_no_face_has_is_reported_and_marked(typesetter: Typesetter) -> None:
    """A character no bundled face draws becomes 〓 on the page and is reported by name."""
    line = typesetter.line("金한田", 10)
    assert line.text == f"金{MISSING_MARK}田"
    assert typesetter.missing == {"한"}


def test_variation_selector_is_not_reported_missing(typesetter: Typesetter) -> None:
    """An IVS selector after a kanji draws the base kanji and is no missing character."""
    line = typesetter.line("葛\U000e0100城", 10)
    assert (line.text, typesetter.missing) == ("葛城", set())


def test_break_rules_of_single_pairs() -> None:
    """Breaks are allowed between kanji, not before 。 nor after 「 nor inside a Latin word."""
    assert can_break("町", "会")
    assert not can_break("会", "。")
    assert not can_break("「", "自")
    assert not can_break("A", "E")
    assert can_break(" ", "A")


def test_draw_line_writes_what_reportlabs_text_object_writes(typesetter: Typesetter) -> None:
    """The operators draw_line writes in one go are reportlab's text object's, byte for byte:
    bold and regular runs, the fallback face (𠮷), a missing character, justification,
    readings over kanji, and an empty line."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from circular_app.furigana import Furigana
    from circular_app.pdf import typeset

    lines = typesetter.wrap(
        [("𠮷田さんへ。", True), ("金沢の防災訓練は 9:00 から、雨天決行です。한", False)], 10.5, 120
    )
    lines += typesetter.wrap([("金沢市役所で説明会を開きます。", False)], 12, 150, ruby=Furigana().segments)
    lines.append(typeset.Line((), 0.0, 10.0))
    assert any(line.ruby for line in lines) and any(line.char_space for line in lines)
    lines += [mark.line for line in lines for mark in line.ruby]
    written = []
    for draw in (typeset._write_line, typeset._draw_line_with_text_object):
        canvas = Canvas(io.BytesIO(), invariant=True)
        for number, line in enumerate(lines):
            draw(canvas, line, 72.0, 700.0 - 20 * number)
        written.append(list(canvas._code))
    assert written[0] == written[1]
