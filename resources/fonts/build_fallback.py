#!/usr/bin/env python3
"""Build ``KairanFallbackGothic-Regular.ttf``: the kanji BIZ UDPGothic lacks, as TrueType.

Build-time only (the app never runs this and needs no fontTools at run time). The bundled BIZ
UDPGothic has no glyph for characters such as 𠮷 (U+20BB7, CJK Extension B) that appear in
residents' names. Noto Sans CJK JP (SIL OFL 1.1) has them, but ships CFF outlines, which
reportlab refuses. This script takes every compatibility and supplementary-plane ideograph
that Noto Sans CJK JP maps and BIZ UDPGothic does not, keeps only those glyphs, converts the
cubic CFF outlines to quadratic TrueType outlines (fontTools' cu2qu) and renames the family,
as the OFL asks of modified fonts (no Reserved Font Name is used).

Usage (Debian 12: ``apt-get install fonts-noto-cjk``; ``pip install fonttools==4.68.0``)::

    python resources/fonts/build_fallback.py \
        /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        resources/fonts/BIZUDPGothic-Regular.ttf resources/fonts/KairanFallbackGothic-Regular.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.cu2qu.ufo import DEFAULT_MAX_ERR
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FAMILY = "KairanFallbackGothic"
# Compatibility ideographs and the whole SIP (Extensions B–F and the compatibility supplement):
# where Japanese names (戸籍・住民票 characters such as 𠮷, 𡈽, 𩸽) fall outside BIZ UDPGothic.
# The BMP unified blocks that Noto has beyond BIZ are mostly Chinese-only hanzi: leaving them out
# keeps the file at about 2.5 MB instead of 21 MB; such a character is reported, never dropped.
RANGES = ((0xF900, 0xFAFF), (0x20000, 0x2FA1F))


def _japanese_face(path: Path) -> TTFont:
    collection = TTCollection(str(path))
    for font in collection.fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK JP":
            return font
    raise SystemExit(f"{path}: no 'Noto Sans CJK JP' face")


def _wanted(source: TTFont, primary: TTFont) -> set[int]:
    have = set(primary.getBestCmap())
    return {
        code
        for code in source.getBestCmap()
        if code not in have and any(lo <= code <= hi for lo, hi in RANGES)
    }


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca (quadratic outlines), as fontTools' otf2ttf snippet."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, DEFAULT_MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and reportlab does not need them
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: TTFont) -> None:
    name = font["name"]
    source = name.getDebugName(0) or ""
    name.names = []
    for name_id, text in (
        (0, source),
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{FAMILY}-Regular"),
        (4, f"{FAMILY} Regular"),
        (5, "Version 1.0; subset of Noto Sans CJK JP for Kairan Desk"),
        (6, f"{FAMILY}-Regular"),
        (13, "SIL Open Font License 1.1 (see OFL-NotoSansCJK.txt)"),
    ):
        name.setName(text, name_id, 3, 1, 0x409)


def build(noto: Path, primary: Path, out: Path) -> int:
    """Write the fallback font; return how many characters it maps."""
    source = _japanese_face(noto)
    wanted = _wanted(source, TTFont(str(primary), lazy=True))
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "meta"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(source)
    _cff_to_glyf(source)
    _rename(source)
    source.save(str(out))
    return len(wanted)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    count = build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"wrote {sys.argv[3]}: {count} characters")
