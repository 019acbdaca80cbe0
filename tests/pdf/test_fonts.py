"""Embedding: hinting stripped, ToUnicode beyond the BMP, coverage of the bundled faces."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from circular_app.pdf.fonts import (
    FALLBACK,
    GOTHIC,
    FontSet,
    hintless_subset,
    strip_hinting,
    to_unicode_cmap,
    uncovered,
)


def _tables(font: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _c, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        out[tag] = font[offset : offset + length]
    return out


def test_fallback_face_covers_extension_b(fonts: FontSet) -> None:
    """𠮷 (U+20BB7) is in the fallback face; 髙 and 﨑 are in BIZ UDPGothic itself."""
    assert fonts.fallback is not None and fonts.fallback.covers(0x20BB7)
    assert fonts.regular.covers(ord("髙")) and fonts.regular.covers(ord("﨑"))
    assert uncovered("𠮷髙﨑", fonts) == []


def test_strip_hinting_keeps_every_glyph_and_drops_programs(fonts: FontSet) -> None:
    """A stripped subset has the same glyphs (loca entries) and no fpgm/prep/cvt tables."""
    subset = [0, *sorted(ord(c) for c in "回覧板髙橋")]
    raw = fonts.regular.face.makeSubset(subset)
    stripped = strip_hinting(raw)
    before, after = _tables(raw), _tables(stripped)
    assert not {b"fpgm", b"prep", b"cvt "} & set(after)
    assert len(after[b"loca"]) // 4 == len(before[b"loca"]) // (
        4 if struct.unpack_from(">h", before[b"head"], 50)[0] else 2
    )
    assert len(stripped) < len(raw)


@pytest.mark.parametrize("text", ["回覧板髙橋　一郎様", "見本 00", "ABCabc123（）「」、。"])
def test_one_pass_subset_is_the_stripped_subset(fonts: FontSet, text: str) -> None:
    """The subset made in one pass is byte for byte reportlab's subset with its hinting stripped."""
    for face in (fonts.regular, fonts.bold):
        subset = [0x20, *dict.fromkeys(ord(c) for c in text)]
        assert hintless_subset(face.face, subset) == strip_hinting(face.face.makeSubset(subset))
    assert fonts.fallback is not None
    assert hintless_subset(fonts.fallback.face, [0x20BB7]) == strip_hinting(
        fonts.fallback.face.makeSubset([0x20BB7])
    )


def test_one_pass_subset_renumbers_composite_glyphs() -> None:
    """Vietnamese letters in DejaVu Sans (a paper language's face) are composite glyphs: the
    components come along and point into the subset, exactly as reportlab writes them."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    found = sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    # scripts/install.sh installs fonts-dejavu-core (Vietnamese paper copies are drawn with it).
    assert found, "DejaVu Sans is not installed: run scripts/install.sh (fonts-dejavu-core)"
    face = TTFontFile(str(found[0]))
    subset = [0x20, *dict.fromkeys(ord(c) for c in "Việt Nam ệ ư ơ ẫ ắ Ấ")]
    glyf = face.get_table("glyf")
    glyph = glyf[face.glyphPos[face.charToGlyph[ord("ệ")]] : face.glyphPos[face.charToGlyph[ord("ệ")] + 1]]
    assert struct.unpack_from(">h", glyph)[0] < 0  # composite: the test covers that path
    assert hintless_subset(face, subset) == strip_hinting(face.makeSubset(subset))


def test_stripped_font_has_a_valid_checksum_adjustment(fonts: FontSet) -> None:
    """The whole-font checksum of a stripped subset is the TrueType magic 0xB1B0AFBA."""
    stripped = strip_hinting(fonts.regular.face.makeSubset([0, ord("回")]))
    padded = stripped + b"\0" * (-len(stripped) % 4)
    assert sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF == 0xB1B0AFBA


def test_to_unicode_writes_surrogate_pairs() -> None:
    """U+20BB7 is written as the UTF-16 pair D842 DFB7, a BMP character as four digits."""
    cmap = to_unicode_cmap("X", [0x9AD9, 0x20BB7])
    assert "<00> <9AD9>" in cmap and "<01> <D842DFB7>" in cmap


def test_extension_b_stays_in_the_text_layer(fonts: FontSet) -> None:
    """A PDF drawn with the fallback face gives 𠮷 back on text extraction."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, initialFontName=GOTHIC)
    canvas.setFont(FALLBACK, 12)
    canvas.drawString(72, 700, "𠮷")
    canvas.showPage()
    canvas.save()
    assert "𠮷" in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


def test_subset_files_are_compressed_once_and_reused(fonts: FontSet, tmp_path: Path) -> None:
    """Two documents with the same text embed byte-identical (cached) font programs."""
    streams = []
    for name in ("a.pdf", "b.pdf"):
        canvas = Canvas(str(tmp_path / name), invariant=True, initialFontName=GOTHIC)
        canvas.setFont(GOTHIC, 12)
        canvas.drawString(72, 700, "回覧板のお知らせ")
        canvas.showPage()
        canvas.save()
        reader = PdfReader(tmp_path / name)
        font = reader.pages[0]["/Resources"]["/Font"]
        descriptor = next(iter(font.values())).get_object()["/FontDescriptor"]
        streams.append(descriptor["/FontFile2"].get_object().get_data())
    assert streams[0] == streams[1]
    assert zlib.compress(streams[0])  # a real, non-empty program


def test_reportlab_draws_with_its_c_speedups() -> None:
    """reportlab finds its C speed-ups (the rl_accel package): PDF copies are not drawn in pure Python.

    reportlab falls back to Python silently when they are missing; the bytes are the same, the
    time per copy about a tenth longer (benchmarks/pdf_export.py).
    """
    from reportlab.lib import rl_accel

    assert {"fp_str", "escapePDF", "calcChecksum"} <= set(rl_accel._c_funcs)


def test_a_subsets_objects_are_formatted_once_for_every_copy(
    fonts: FontSet, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The second copy with the same subsets formats no font dictionary again, and both copies'
    fonts read back whole: each descriptor points at its own font file, each file is a font."""
    from reportlab.pdfbase import pdfdoc

    formatted: list[object] = []
    original = pdfdoc.PDFTrueTypeFont.format

    def counting(self: object, document: object) -> bytes:
        formatted.append(self)
        return original(self, document)  # type: ignore[no-any-return]

    monkeypatch.setattr(pdfdoc.PDFTrueTypeFont, "format", counting)
    counts = []
    for name in ("first.pdf", "second.pdf"):
        canvas = Canvas(str(tmp_path / name), invariant=True, initialFontName=GOTHIC)
        canvas.setFont(GOTHIC, 12)
        canvas.drawString(72, 700, "鱈鰯鯖鰹鮪の回覧")  # characters no other test draws: a fresh subset
        canvas.showPage()
        canvas.save()
        counts.append(len(formatted))
    assert counts[1] == counts[0]  # none for the second copy (the first may make the face's template)
    first, second = (tmp_path / "first.pdf").read_bytes(), (tmp_path / "second.pdf").read_bytes()
    assert first == second
    for font in PdfReader(tmp_path / "second.pdf").pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        assert data[:4] == b"\0\1\0\0" and len(data) == descriptor["/FontFile2"].get_object()["/Length1"]
