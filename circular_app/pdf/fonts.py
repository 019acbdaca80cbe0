"""Registering the bundled TrueType fonts with reportlab, embedded as small cached subsets.

Three faces are bundled in ``resources/fonts/``: BIZ UDPGothic Regular and Bold (the UD font
of the whole app) and KairanFallbackGothic, the supplementary-plane and compatibility kanji
that BIZ UDPGothic lacks (𠮷 U+20BB7 and about 2,300 others; see ``build_fallback.py``).

:class:`EmbeddedFont` is a reportlab ``TTFont`` that fixes two things for Japanese sheets:

* the ToUnicode CMap: reportlab writes ``<20BB7>`` for a character outside the BMP, which is
  not valid UTF-16, so viewers drop 𠮷 from the text layer (search and copy lose it). Here
  such characters are written as surrogate pairs;
* speed and size: the objects of each subset (compressed font file, widths, ToUnicode map)
  are cached, because the copies of a batch share their body and so their subsets (see
  :func:`prime`); TrueType hinting (instructions for screen pixels, useless in print) is
  stripped from the subsets, which makes them about a quarter smaller; and the "ASCII
  readable" first subset that embeds 95 glyphs whether used or not is switched off.
"""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

GOTHIC = "BIZUDPGothic"
GOTHIC_BOLD = "BIZUDPGothic-Bold"
FALLBACK = "KairanFallbackGothic"
_FILES = {
    GOTHIC: "BIZUDPGothic-Regular.ttf",
    GOTHIC_BOLD: "BIZUDPGothic-Bold.ttf",
    FALLBACK: "KairanFallbackGothic-Regular.ttf",
}
_CACHE_LIMIT = 64  # subsets kept per face (each ~10–40 KB compressed)
_FONT_FLAGS_SYMBOLIC = 1 << 2  # PDF font flag: glyphs outside the standard Latin set
_HINTING_TABLES = (b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX")
# Composite glyph flags (TrueType 'glyf' table).
_ARGS_ARE_WORDS, _HAVE_SCALE, _MORE_COMPONENTS = 0x0001, 0x0008, 0x0020
_HAVE_XY_SCALE, _HAVE_TWO_BY_TWO, _HAVE_INSTRUCTIONS = 0x0040, 0x0080, 0x0100


class _RawObject(pdfdoc.PDFObject):  # type: ignore[misc]
    """Already formatted PDF bytes (a cached widths array)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, _document: Any) -> bytes:
        """The bytes as they are."""
        return self.data


def _glyph_without_instructions(glyph: bytes) -> bytes:
    if len(glyph) < 10:
        return glyph
    contours = struct.unpack_from(">h", glyph)[0]
    if contours >= 0:
        at = 10 + 2 * contours
        length = struct.unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\0\0" + glyph[at + 2 + length :]
    components, at = _walk_components(glyph)
    last_flags_at, flags, _index = components[-1]
    if not flags & _HAVE_INSTRUCTIONS:
        return glyph
    cleared = struct.pack(">H", flags & ~_HAVE_INSTRUCTIONS)
    return glyph[:last_flags_at] + cleared + glyph[last_flags_at + 2 : at]


def strip_hinting(font: bytes) -> bytes:
    """A TrueType font without hinting: glyph instructions and the fpgm/prep/cvt tables removed.

    Hinting fits outlines to screen pixels at small sizes; printers and PDF viewers do not
    need it, and it is a quarter of a Japanese subset's bytes. Outlines are untouched.
    """
    count = struct.unpack_from(">H", font, 4)[0]
    tables: dict[bytes, bytes] = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * index)
        tables[tag] = font[offset : offset + length]
    head, loca, glyf = tables[b"head"], tables[b"loca"], tables[b"glyf"]
    if struct.unpack_from(">h", head, 50)[0]:
        offsets = list(struct.unpack(f">{len(loca) // 4}I", loca))
    else:
        offsets = [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)]
    tables.update(_hintless_outlines((glyf[start:end] for start, end in itertools.pairwise(offsets)), head))
    for tag in _HINTING_TABLES:
        tables.pop(tag, None)
    return _assemble(tables)


def hintless_subset(face: Any, subset: list[int]) -> bytes:
    """``strip_hinting(face.makeSubset(subset))`` in one pass, byte for byte the same font.

    reportlab's subsetter copies the hinting programs (several KB) and checksums the whole
    font, and stripping then takes it apart again; a copy's name makes such a subset for
    every copy, so the two steps are done as one here. The tables follow reportlab's
    ``TTFontFile.makeSubset``; tests/pdf/test_fonts.py compares the two.
    """
    char_to_glyph = face.charToGlyph
    glyph_map = [0]  # new glyph index -> old
    glyph_set = {0: 0}  # old glyph index -> new
    code_to_glyph = {}
    for code in subset:
        old = char_to_glyph.get(code, 0)
        if old not in glyph_set:
            glyph_set[old] = len(glyph_map)
            glyph_map.append(old)
        code_to_glyph[code] = glyph_set[old]
    glyf, positions = face.get_table("glyf"), face.glyphPos
    at = 0
    while at < len(glyph_map):  # composite glyphs bring their components
        data = glyf[positions[glyph_map[at]] : positions[glyph_map[at] + 1]]
        at += 1
        for component in _components(data):
            if component not in glyph_set:
                glyph_set[component] = len(glyph_map)
                glyph_map.append(component)
    tables = {b"name": face.get_table("name"), b"OS/2": face.get_table("OS/2")}
    tables[b"post"] = b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16
    count = len(glyph_map)
    metrics: list[int] = []
    for old in glyph_map:
        advance, bearing = face.hmetrics[old]
        metrics += (int(advance), int(bearing))
    full = len(metrics) - 2  # trailing glyphs of the last advance keep only their bearing
    while full and metrics[full] == metrics[full - 2]:
        full -= 2
    full += 2
    metrics = metrics[:full] + metrics[full + 1 :: 2]
    tables[b"hmtx"] = struct.pack(f">{len(metrics)}H", *metrics)
    hhea, maxp = face.get_table("hhea"), face.get_table("maxp")
    tables[b"hhea"] = hhea[:34] + struct.pack(">H", full >> 1) + hhea[36:]
    tables[b"maxp"] = maxp[:4] + struct.pack(">H", count) + maxp[6:]
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + len(subset) * 2, 0, 0, len(subset)]
    cmap += [code_to_glyph[code] for code in subset]
    tables[b"cmap"] = struct.pack(f">{len(cmap)}H", *cmap)

    def padded(old: int) -> bytes:
        data: bytes = glyf[positions[old] : positions[old + 1]]
        if len(data) > 2 and struct.unpack_from(">h", data)[0] < 0:
            data = _renumbered(data, glyph_set)
        return data + b"\0" * (-len(data) % 4)  # as reportlab pads, before stripping (same bytes)

    tables.update(_hintless_outlines((padded(old) for old in glyph_map), face.get_table("head")))
    return _assemble(tables)


def _walk_components(glyph: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """Each component of a composite glyph as (offset of its flags, flags, glyph index), and
    the offset where the components end (the glyph's instructions, if any, follow)."""
    components, at, flags = [], 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, index = struct.unpack_from(">HH", glyph, at)
        components.append((at, flags, index))
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            at += 2
        elif flags & _HAVE_XY_SCALE:
            at += 4
        elif flags & _HAVE_TWO_BY_TWO:
            at += 8
    return components, at


def _component_fields(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, the index) of each component of a composite glyph."""
    return [(at + 2, index) for at, _flags, index in _walk_components(data)[0]]


def _components(data: bytes) -> list[int]:
    if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
        return []
    return [index for _at, index in _component_fields(data)]


def _renumbered(data: bytes, glyph_set: dict[int, int]) -> bytes:
    """A composite glyph whose component indexes point into the subset."""
    out = bytearray(data)
    for at, index in _component_fields(data):
        struct.pack_into(">H", out, at, glyph_set[index])
    return bytes(out)


def _hintless_outlines(glyphs: Iterable[bytes], head: bytes) -> dict[bytes, bytes]:
    """The glyf, loca and head tables of ``glyphs`` without their instructions (long offsets)."""
    parts, offsets, position = [], [0], 0
    for data in glyphs:
        glyph = _glyph_without_instructions(data)
        glyph += b"\0" * (-len(glyph) % 4)
        parts.append(glyph)
        position += len(glyph)
        offsets.append(position)
    return {
        b"glyf": b"".join(parts),
        b"loca": struct.pack(f">{len(offsets)}I", *offsets),
        b"head": head[:8] + b"\0\0\0\0" + head[12:50] + struct.pack(">h", 1) + head[52:],
    }


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _assemble(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    directory, body = [], []
    offset = 12 + 16 * count
    for tag in tags:
        data = tables[tag]
        directory.append(struct.pack(">4sIII", tag, _checksum(data), offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    font = header + b"".join(directory) + b"".join(body)
    adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
    head_at = 12 + 16 * count + sum(len(b) for b, t in zip(body, tags, strict=True) if t < b"head")
    return font[: head_at + 8] + struct.pack(">I", adjustment) + font[head_at + 12 :]


def _utf16_hex(code: int) -> str:
    if code < 0x10000:
        return f"{code:04X}"
    offset = code - 0x10000
    return f"{0xD800 + (offset >> 10):04X}{0xDC00 + (offset & 0x3FF):04X}"


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one subset, with surrogate pairs for characters beyond the BMP."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries (PDF reference, 5.9.2).
    for start in range(0, len(subset), 100):
        chunk = subset[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{start + i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(chunk))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class EmbeddedFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """A TrueType face embedded as subsets with a correct ToUnicode map and a subset cache."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path), asciiReadable=False, shapable=False)
        # reportlab copies the whole 4 MB glyf table out of the file for every subset it
        # makes; keep the tables it reads instead (a copy's name makes a small subset each time).
        tables: dict[str, bytes] = {}
        read_table = self.face.get_table

        def get_table(tag: str) -> bytes:
            if tag not in tables:
                tables[tag] = read_table(tag)
            return tables[tag]

        self.face.get_table = get_table
        self._primed: dict[str, Any] = {}
        self._files: OrderedDict[tuple[int, ...], _SubsetObjects] = OrderedDict()
        self._face_templates: _FaceTemplates | None = None
        self.widths: dict[int, float] = self.face.charWidths
        self.missing_width: float = float(self.face.defaultWidth)

    def covers(self, code: int) -> bool:
        """True when the face has a glyph for the code point."""
        return code in self.face.charToGlyph

    def prime(self, doc: Any, text: str) -> None:
        """Assign subset codes to ``text`` in ``doc`` (see :func:`prime`), from a snapshot.

        Only a document this face has not drawn in yet is primed: in a combined PDF the later
        copies keep the codes (and subsets) the earlier ones were drawn with.
        """
        if doc in self.state:
            return
        snapshot = self._primed.get(text)
        if snapshot is None:
            scratch = pdfdoc.PDFDocument()
            self.splitString(text, scratch)
            snapshot = self.state.pop(scratch)
            snapshot.nextCode = (snapshot.nextCode + 0xFF) & ~0xFF
            self._primed = {text: snapshot}  # one circular at a time: keep the latest only
        state = self._assignState(doc)
        state.assignments = dict(snapshot.assignments)
        state.subsets = [list(s) for s in snapshot.subsets]
        state.nextCode = snapshot.nextCode

    def _templates(self, doc: Any) -> _FaceTemplates:
        """This face's font, descriptor and stream dictionaries, formatted once with holes."""
        if self._face_templates is None:
            face = self.face
            descriptor = pdfdoc.PDFDictionary(
                {
                    "Type": "/FontDescriptor",
                    "Ascent": face.ascent,
                    "CapHeight": face.capHeight,
                    "Descent": face.descent,
                    "Flags": _FONT_FLAGS_SYMBOLIC,
                    "FontBBox": pdfdoc.PDFArray(face.bbox),
                    "FontName": _Hole(0),
                    "ItalicAngle": face.italicAngle,
                    "StemV": face.stemV,
                    "FontFile2": _Hole(1),
                    "MissingWidth": face.defaultWidth,
                }
            )
            font = pdfdoc.PDFTrueTypeFont()
            font.Name, font.BaseFont = "KairanHoleName", "KairanHoleBaseFont"  # names: see below
            font.FirstChar = 0
            font.LastChar, font.Widths = _Hole(2), _Hole(3)
            font.ToUnicode, font.FontDescriptor = _Hole(4), _Hole(5)
            flate = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
            stream = pdfdoc.PDFDictionary({"Filter": flate, "Length": _Hole(0), "Length1": _Hole(1)})
            cmap = pdfdoc.PDFDictionary({"Filter": flate, "Length": _Hole(0)})
            self._face_templates = _FaceTemplates(
                descriptor=_holes(descriptor.format(doc)),
                # PDFName escapes a hole's marker: plain words stand in for the two names.
                font=_holes(
                    font.format(doc)
                    .replace(b"/KairanHoleName", _HOLE % 0)
                    .replace(b"/KairanHoleBaseFont", _HOLE % 1)
                ),
                font_file=_holes(stream.format(doc)),
                to_unicode=_holes(cmap.format(doc)),
            )
        return self._face_templates

    def _cached(self, subset: list[int], base_name: str, doc: Any) -> _SubsetObjects:
        """The subset's objects, formatted once: font file, ToUnicode map, widths, its name."""
        key = (*subset, *base_name.encode())
        cached = self._files.get(key)
        if cached is None:
            templates = self._templates(doc)
            raw = hintless_subset(self.face, subset)
            widths = "[" + " ".join(_number(self.face.getCharWidth(c)) for c in subset) + "]"
            cmap = zlib.compress(to_unicode_cmap(base_name, subset).encode("ascii"), 9)
            font_file = zlib.compress(raw, 9)
            cached = _SubsetObjects(
                font_file=_stream(
                    templates.font_file, font_file, str(len(font_file)).encode(), str(len(raw)).encode()
                ),
                to_unicode=_stream(templates.to_unicode, cmap, str(len(cmap)).encode()),
                name=pdfdoc.pdfdocEnc(pdfdoc.PDFName(base_name)),
                widths=widths.encode("ascii"),
                last=str(len(subset) - 1).encode(),
            )
            self._files[key] = cached
            if len(self._files) > _CACHE_LIMIT:
                self._files.popitem(last=False)
        else:
            self._files.move_to_end(key)
        return cached

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        """Write the font and descriptor objects of every subset used in ``doc``.

        The dictionaries are the same for every subset but for a few values (names, lengths,
        widths, object numbers): each is formatted once per face with holes for those
        (``_templates``), and the bytes of each subset once per batch (``_cached``). The
        objects are registered in reportlab's own order, so the file is byte for byte the
        one reportlab's generic formatting writes (tests/pdf/test_fonts.py).
        """
        if not isinstance(doc.encrypt, pdfdoc.NoEncryption):
            raise ValueError("embedded fonts are formatted once for unencrypted documents only")
        templates = self._templates(doc)
        state = self._assignState(doc)
        state.frozen = 1
        for number, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(number, doc)[1:]
            base_name = (SUBSETN(number) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            cached = self._cached(subset, base_name, doc)
            to_unicode = doc.Reference(_RawObject(cached.to_unicode), "toUnicodeCMap:" + base_name)
            font_file = doc.Reference(_RawObject(cached.font_file), f"fontFile:{self.fontName}:{base_name}")
            descriptor = doc.Reference(
                _Filled(templates.descriptor, (cached.name, font_file)), "fontDescriptor:" + base_name
            )
            values = (pdfdoc.pdfdocEnc(pdfdoc.PDFName(internal)), cached.name, cached.last, cached.widths)
            font = _Filled(templates.font, (*values, to_unicode, descriptor), ref_only=True)
            font.__Comment__ = f"Font {self.fontName} subset {number}"
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


def _stream(template: _Template, data: bytes, *lengths: bytes) -> bytes:
    """A stream object of already compressed ``data``, as reportlab's PDFStream writes it."""
    return _Filled(template, lengths).format(None) + b"\nstream\n" + data + b"endstream\n"


_HOLE = b"\x00hole%d\x00"


class _Hole(pdfdoc.PDFObject):  # type: ignore[misc]
    """Where an object reference goes in a dictionary formatted once for many documents."""

    def __init__(self, number: int) -> None:
        self.number = number

    def format(self, _document: Any) -> bytes:
        """A marker that no PDF dictionary contains."""
        return _HOLE % self.number


_HOLES = re.compile(rb"\x00hole(\d+)\x00")


def _holes(formatted: bytes) -> _Template:
    """``formatted`` cut at its holes, and which hole each cut was (in order of appearance)."""
    pieces = _HOLES.split(formatted)
    return _Template(tuple(pieces[::2]), tuple(int(n) for n in pieces[1::2]))


@dataclass(frozen=True)
class _Template:
    """Formatted bytes around holes: ``parts[i]``, hole ``order[i]``, ``parts[i + 1]``, …"""

    parts: tuple[bytes, ...]
    order: tuple[int, ...]


class _Filled(pdfdoc.PDFObject):  # type: ignore[misc]
    """A dictionary formatted once, with this document's values (bytes, or object references)
    put in its holes."""

    def __init__(self, template: _Template, references: tuple[Any, ...], ref_only: bool = False) -> None:
        self.template = template
        self.references = references  # by hole number
        if ref_only:
            self.__RefOnly__ = 1  # a font: only ever referred to, like reportlab's own

    def format(self, document: Any) -> bytes:
        """The parts joined by the references' formatted numbers."""
        parts = self.template.parts
        out = [parts[0]]
        for hole, part in zip(self.template.order, parts[1:], strict=True):
            value = self.references[hole]
            out += (value if isinstance(value, bytes) else value.format(document), part)
        return b"".join(out)


@dataclass(frozen=True)
class _FaceTemplates:
    """A face's dictionaries, formatted once, with holes for what differs between subsets."""

    descriptor: _Template  # holes: FontName, FontFile2
    font: _Template  # holes: Name, BaseFont, LastChar, Widths, ToUnicode, FontDescriptor
    font_file: _Template  # holes: Length, Length1
    to_unicode: _Template  # hole: Length


@dataclass(frozen=True)
class _SubsetObjects:
    """A subset's bytes, made once for every document that embeds it."""

    font_file: bytes  # the FontFile2 stream object, compressed
    to_unicode: bytes  # the ToUnicode stream object, compressed
    name: bytes  # its BaseFont / FontName, formatted
    widths: bytes
    last: bytes  # its LastChar, formatted


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")


def _compressed_stream(data: bytes, **entries: int) -> Any:
    """A stream whose content is already Flate-compressed (reportlab leaves it as it is)."""
    dictionary = pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])})
    for name, value in entries.items():
        dictionary[name] = value
    return pdfdoc.PDFStream(dictionary, data)


@dataclass(frozen=True)
class FontSet:
    """The registered faces a sheet is drawn with."""

    regular: EmbeddedFont
    bold: EmbeddedFont
    fallback: EmbeddedFont | None
    # A paper language's system face (circular_app.pdf.paper_fonts): Hangul, simplified
    # hanzi, Vietnamese letters. It draws what the bundled faces lack, or with ``latin_first``
    # every Latin letter (so a Vietnamese word is not drawn in two faces).
    language: EmbeddedFont | None = None
    language_bold: EmbeddedFont | None = None
    latin_first: bool = False

    def faces(self) -> tuple[EmbeddedFont, ...]:
        """Every face of the set, in the order :func:`prime` assigns their subset codes."""
        found = (self.regular, self.bold, self.fallback, self.language, self.language_bold)
        return tuple(dict.fromkeys(f for f in found if f is not None))

    def face_for(self, code: int, bold: bool) -> EmbeddedFont | None:
        """The face that draws ``code`` (bold when asked and possible), or None when none can."""
        own = (self.language_bold or self.language) if bold else self.language
        if own is not None and self.latin_first and is_latin_letter(code) and own.covers(code):
            return own
        first = self.bold if bold else self.regular
        if first.covers(code):
            return first
        if bold and self.regular.covers(code):
            return self.regular
        for face in (own, self.language):
            if face is not None and face.covers(code):
                return face
        if self.fallback is not None and self.fallback.covers(code):
            return self.fallback
        return None


def is_latin_letter(code: int) -> bool:
    """Latin letters and their combining accents (Vietnamese: ệ ư ơ), not digits or punctuation."""
    char = chr(code)
    return (0x41 <= code <= 0x24F and char.isalpha()) or 0x300 <= code <= 0x36F or 0x1E00 <= code <= 0x1EFF


def register_fonts(font_dir: Path) -> FontSet:
    """Register the bundled faces once per process (reportlab keeps a global registry).

    The fallback face is optional: without its file, characters it would draw are reported
    as missing instead.
    """
    # Binary page streams: ASCII85 on top of Flate only makes files 25 % larger (and slower).
    rl_config.useA85 = 0
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        path = font_dir / filename
        if name not in registered and (name != FALLBACK or path.exists()):
            pdfmetrics.registerFont(EmbeddedFont(name, path))
    names = set(pdfmetrics.getRegisteredFontNames())
    return FontSet(
        regular=pdfmetrics.getFont(GOTHIC),
        bold=pdfmetrics.getFont(GOTHIC_BOLD),
        fallback=pdfmetrics.getFont(FALLBACK) if FALLBACK in names else None,
    )


def prime(doc: Any, fonts: FontSet, text_by_font: dict[str, str]) -> None:
    """Give the characters of ``text_by_font`` their subset codes in ``doc`` before drawing.

    Codes are handed out in order of first use. Priming every copy of a batch with the same
    shared text (body, header, labels) makes their first subsets identical, so the cached
    font files are reused; only characters particular to a copy (a name) come after.
    Then each face's next code starts a new subset, so what a copy adds lands in a small
    subset of its own and the shared ones stay identical from copy to copy.
    """
    for face in fonts.faces():
        if text_by_font.get(face.fontName):
            face.prime(doc, text_by_font[face.fontName])


def missing_glyphs(text: str, font_name: str = GOTHIC) -> list[str]:
    """Characters of ``text`` that the font cannot draw (they would vanish from the page)."""
    font = pdfmetrics.getFont(font_name)
    widths = font.face.charWidths
    return sorted({c for c in text if not c.isspace() and ord(c) not in widths})


def uncovered(text: Iterable[str], fonts: FontSet) -> list[str]:
    """Characters that no bundled face (regular, bold or fallback) can draw."""
    return sorted(
        {c for c in text if not c.isspace() and fonts.face_for(ord(c), False) is None},
        key=ord,
    )
