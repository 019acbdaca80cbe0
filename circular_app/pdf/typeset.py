"""Japanese line breaking (禁則処理) into justified lines, drawn straight on a reportlab canvas.

reportlab's Paragraph gets Japanese wrong in ways residents notice: it collapses the
ideographic space U+3000, lets a closing bracket hang past the margin, and silently drops a
character its font lacks. This small typesetter does only what a circular needs:

* every character keeps its own face (regular, bold, or the fallback face for 𠮷) and stays
  in the text layer; a character no face has is drawn as 〓 (geta, the typesetter's mark for a
  missing character) and reported, never dropped;
* line breaks follow JIS X 4051 in its simplest form: no line starts with 、。」）ー and the
  like, none ends with 「（; the break moves back instead (追い出し), so nothing ever hangs
  past the margin; Latin words and numbers are not split unless longer than a line;
* full lines are justified by spreading the leftover width between the characters;
* furigana (large-print copies, issue 23): a base with a reading is never split across lines
  and its reading is drawn small and centred above it, as its own text (the base text stays
  whole in the text layer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import EmbeddedFont, FontSet, is_latin_letter
from circular_app.pdf.model import RubySource

RUBY_SIZE = 0.5  # of the base size
RUBY_MIN_SIZE = 0.4  # a long reading over a short base shrinks down to this, then overhangs
#: The line height (in ems of its text) that leaves room for readings above the line.
RUBY_LINE_HEIGHT = 2.25

# Characters that must not begin a line (行頭禁則): closing brackets, punctuation, small kana,
# iteration marks, the long-vowel mark, and inseparable dots.
NO_LINE_START = frozenset(
    "、。，．,.：；:;？！?!‼⁇⁈⁉・･ー－～〜‐゠–—―…‥"
    "」』）〕］｝〉》】〙〗〟’”｠»)]}｣"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻ゝゞヽヾ"
    "%％℃°′″‰"
)
# Characters that must not end a line (行末禁則): opening brackets.
NO_LINE_END = frozenset("「『（〔［｛〈《【〘〖〝‘“｟«([{｢")
# Never drawn: variation selectors (the base kanji is drawn), zero-width joiners and spaces.
INVISIBLE = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\r"]
)
MISSING_MARK = "〓"
_MAX_JUSTIFY_EM = 0.5  # wider gaps than half an em look broken: such a line is left aligned
_EPSILON = 0.01


def _is_word(char: str) -> bool:
    """Latin letters, digits and ASCII symbols stick together (no break inside "9:00" or "AED")."""
    if char.isascii():
        return char.isprintable() and char != " "
    if is_latin_letter(ord(char)):
        return True  # 「Việt」「ação」: a word in a paper language, broken at spaces only
    return "０" <= char <= "９" or "Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ"


def can_break(before: str, after: str) -> bool:
    """True when a line may end after ``before`` and the next begin with ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == " ":
        return True
    if after == " ":
        return False
    return not (_is_word(before) and _is_word(after))


@dataclass(frozen=True)
class Segment:
    """Consecutive characters drawn with one face and size."""

    font: str
    size: float
    text: str


@dataclass(frozen=True)
class Ruby:
    """A reading over part of a line: where its base starts (from the line's left), its width."""

    x: float
    width: float
    line: Line


@dataclass(frozen=True)
class Line:
    """One laid-out line: its segments, natural width and the spacing that justifies it."""

    segments: tuple[Segment, ...]
    width: float
    size: float
    char_space: float = 0.0
    ruby: tuple[Ruby, ...] = ()

    @property
    def text(self) -> str:
        """The characters of the line (as they appear in the text layer)."""
        return "".join(s.text for s in self.segments)


@dataclass
class _Glyph:
    char: str
    font: str
    size: float
    width: float


@dataclass
class Typesetter:
    """Measures and breaks text with a :class:`FontSet`; remembers characters no face has.

    ``used`` collects, per face, the characters set so far in order of first use (see
    :func:`circular_app.pdf.fonts.prime`).
    """

    fonts: FontSet
    missing: set[str] = field(default_factory=set)
    used: dict[str, dict[str, None]] = field(default_factory=dict)

    def _face(self, char: str, bold: bool) -> tuple[EmbeddedFont, str]:
        face = self.fonts.face_for(ord(char), bold)
        if face is not None:
            return face, char
        self.missing.add(char)
        return self.fonts.regular, MISSING_MARK

    def glyphs(self, spans: Iterable[tuple[str, bool]], size: float) -> list[_Glyph]:
        """Resolve each character of ``(text, bold)`` spans to a face and a width."""
        out: list[_Glyph] = []
        for text, bold in spans:
            for char in text.replace("\t", " "):
                if char in INVISIBLE:
                    continue
                if char == "\n":
                    out.append(_Glyph("\n", "", size, 0.0))
                    continue
                face, drawn = self._face(char, bold)
                width = face.widths.get(ord(drawn), face.missing_width) * size / 1000.0
                out.append(_Glyph(drawn, face.fontName, size, width))
                self.used.setdefault(face.fontName, {})[drawn] = None
        return out

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Natural width of a single-line text."""
        return sum(g.width for g in self.glyphs([(text, bold)], size))

    def line(self, text: str, size: float, bold: bool = False) -> Line:
        """One unbroken line (labels, table headers, names)."""
        glyphs = self.glyphs([(text.replace("\n", " "), bold)], size)
        return _make_line(glyphs, 0, len(glyphs), 0.0, size)

    def wrap(
        self,
        spans: Iterable[tuple[str, bool]],
        size: float,
        width: float,
        justify: bool = True,
        ruby: RubySource | None = None,
    ) -> list[Line]:
        """Break spans into lines no wider than ``width``; ``\\n`` forces a break.

        ``ruby``: furigana over the kanji (a base and its reading stay on one line).
        """
        groups: list[tuple[int, int, str]] = []
        if ruby is None:
            glyphs = self.glyphs(spans, size)
        else:
            glyphs = []
            for text, bold in spans:
                for piece in ruby(text):
                    start = len(glyphs)
                    glyphs.extend(self.glyphs([(piece.base, bold)], size))
                    if piece.reading and len(glyphs) > start:
                        groups.append((start, len(glyphs), piece.reading))
        inside = frozenset(i for start, end, _reading in groups for i in range(start + 1, end))
        lines: list[Line] = []
        for start, end, last in break_points(glyphs, width, inside):
            natural = _natural_width(glyphs, start, end)
            char_space = 0.0
            count = _trimmed_end(glyphs, start, end) - start
            if justify and not last and count > 1:
                spread = (width - natural) / (count - 1)
                if 0 < spread <= size * _MAX_JUSTIFY_EM:
                    char_space = spread
            line = _make_line(glyphs, start, end, char_space, size)
            if groups:
                line = self._with_ruby(line, glyphs, start, end, groups)
            lines.append(line)
        return lines

    def _with_ruby(
        self,
        line: Line,
        glyphs: Sequence[_Glyph],
        start: int,
        end: int,
        groups: Sequence[tuple[int, int, str]],
    ) -> Line:
        """``line`` with the readings of the bases that lie on it."""
        marks = []
        for first, stop, reading in groups:
            if first < start or stop > end:
                continue
            x = sum(g.width for g in glyphs[start:first]) + line.char_space * (first - start)
            base = sum(g.width for g in glyphs[first:stop]) + line.char_space * (stop - first - 1)
            size = line.size * RUBY_SIZE
            natural = self.width(reading, size)
            if natural > base:
                size = max(line.size * RUBY_MIN_SIZE, size * base / natural)
            marks.append(Ruby(x, base, self.line(reading, size)))
        return Line(line.segments, line.width, line.size, line.char_space, tuple(marks))


def _trimmed_end(glyphs: Sequence[_Glyph], start: int, end: int) -> int:
    while end > start and glyphs[end - 1].char == " ":
        end -= 1
    return end


def _natural_width(glyphs: Sequence[_Glyph], start: int, end: int) -> float:
    return sum(g.width for g in glyphs[start : _trimmed_end(glyphs, start, end)])


def _make_line(glyphs: Sequence[_Glyph], start: int, end: int, char_space: float, size: float) -> Line:
    end = _trimmed_end(glyphs, start, end)
    segments: list[Segment] = []
    chars: list[str] = []
    font, seg_size = "", size
    for glyph in glyphs[start:end]:
        if chars and (glyph.font != font or glyph.size != seg_size):
            segments.append(Segment(font, seg_size, "".join(chars)))
            chars = []
        font, seg_size = glyph.font, glyph.size
        chars.append(glyph.char)
    if chars:
        segments.append(Segment(font, seg_size, "".join(chars)))
    tallest = max((s.size for s in segments), default=size)
    return Line(tuple(segments), _natural_width(glyphs, start, end), tallest, char_space)


def break_points(
    glyphs: Sequence[_Glyph], width: float, inside: frozenset[int] = frozenset()
) -> list[tuple[int, int, bool]]:
    """``(start, end, last_of_paragraph)`` of each line: greedy, with kinsoku push-back.

    ``inside``: glyph indices a line may not start at (the middle of a furigana base).
    """
    result: list[tuple[int, int, bool]] = []
    count = len(glyphs)
    start = 0
    while start < count or not result:
        x = 0.0
        last_ok: int | None = None
        end = count
        forced = True
        i = start
        while i < count:
            glyph = glyphs[i]
            if glyph.char == "\n":
                end = i
                break
            if i > start and i not in inside and can_break(glyphs[i - 1].char, glyph.char):
                last_ok = i
            if x + glyph.width > width + _EPSILON and i > start and glyph.char != " ":
                end = last_ok if last_ok is not None else _emergency_break(glyphs, start, i)
                forced = False
                break
            x += glyph.width
            i += 1
        result.append((start, end, forced))
        if end < count and glyphs[end].char == "\n":
            start = end + 1
            if start == count:
                result.append((start, start, True))
        else:
            start = end
            while start < count and glyphs[start].char == " ":
                start += 1
        if start >= count:
            break
    return result


def _emergency_break(glyphs: Sequence[_Glyph], start: int, overflow: int) -> int:
    """No allowed break on the line (a long URL or number): cut before the overflowing glyph,
    stepping back over characters that may not start a line while more than one remains."""
    end = overflow
    while end - 1 > start and glyphs[end].char in NO_LINE_START:
        end -= 1
    return end


def draw_line(canvas: Canvas, line: Line, x: float, baseline: float) -> None:
    """Draw one line with its faces and justification (the character spacing ``Tc``).

    The operators are exactly those of reportlab's text object (``beginText``, ``setFont``,
    ``textOut`` per segment, ``drawText``), written in one go: a copy draws hundreds of
    lines, and the text object also measures every segment for a cursor nobody reads.
    tests/pdf/test_typeset.py compares the two.
    """
    if not line.segments:
        return
    if canvas.bottomup:
        _write_line(canvas, line, x, baseline)
    else:  # never so here; reportlab's own path keeps such a canvas right
        _draw_line_with_text_object(canvas, line, x, baseline)
    for mark in line.ruby:
        # Centred over its base, just above the em box of the line's text.
        left = x + mark.x + (mark.width - mark.line.width) / 2
        draw_line(canvas, mark.line, left, baseline + ascent(line.size) + mark.line.size * 0.2)


def _write_line(canvas: Canvas, line: Line, x: float, baseline: float) -> None:
    """The text operators of one line (no readings), as reportlab's text object writes them."""
    doc, escape = canvas._doc, canvas._escape
    code = ["BT", f"1 0 0 1 {fp_str(x, baseline)} Tm", f"{fp_str(line.char_space)} Tc"]
    for segment in line.segments:
        font = getFont(segment.font)
        setting = f"{fp_str(segment.size)} Tf {fp_str(segment.size * 1.2)} TL"
        parts, current = [], -1
        for subset, text in font.splitString(segment.text, doc):
            if subset != current:
                parts.append(f"{font.getSubsetInternalName(subset, doc)} {setting}")
                current = subset
            parts.append(f"({escape(text)}) Tj")
        code.append(" ".join(parts))
    code.append("ET")
    canvas._code.append(" ".join(code))


def _draw_line_with_text_object(canvas: Canvas, line: Line, x: float, baseline: float) -> None:
    """The line through reportlab's text object (what :func:`draw_line` writes in one go)."""
    text = canvas.beginText(x, baseline)
    text.setCharSpace(line.char_space)
    for segment in line.segments:
        text.setFont(segment.font, segment.size)
        text.textOut(segment.text)
    canvas.drawText(text)


def ascent(size: float) -> float:
    """Baseline offset below the top of an em box (both bundled faces use 0.88 em)."""
    return size * 0.88
