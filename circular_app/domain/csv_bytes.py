"""CSV files as Excel on a Japanese PC reads and writes them: bytes to text and back.

Reading accepts CP932 (Shift_JIS) or UTF-8 with or without a BOM and refuses anything else
(an .xlsx workbook, mojibake) with a :class:`~circular_app.domain.errors.CsvImportError` that
names the line. Writing produces CP932 when every character survives the round trip, else
UTF-8 with a BOM, with CRLF line ends. Used by the roster CSV and by every table export.

Text cells that Excel would run as a formula (``=``, ``+``, ``-``, ``@``, or a tab or CR
followed by one of them) are written with a leading apostrophe, which Excel shows as text;
:func:`restore_formula_text` removes exactly that apostrophe again on import. Numbers
(``int``/``float`` cells, e.g. a negative count) are not user text and stay numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence

from circular_app.domain.errors import CsvImportError, CsvProblem

# A cell Excel would evaluate: optional apostrophes (so that a value that itself starts with
# ' followed by a formula character round-trips), an optional tab or CR, a formula character.
_FORMULA_START = re.compile(r"'*[\t\r]?[=+\-@]")


def neutralise_formula(cell: str) -> str:
    """``cell`` with a leading ``'`` when Excel would otherwise read it as a formula."""
    return "'" + cell if _FORMULA_START.match(cell) else cell


def restore_formula_text(cell: str) -> str:
    """Undo :func:`neutralise_formula`: drop one leading ``'`` that protects a formula character."""
    if cell.startswith("'") and _FORMULA_START.match(cell, 1):
        return cell[1:]
    return cell


def _export_cell(cell: object) -> object:
    """Neutralise text cells only; numbers (a negative count) are written as numbers."""
    return neutralise_formula(cell) if isinstance(cell, str) else cell


# An .xlsx workbook is a zip archive; officers often pick it instead of the CSV export.
_ZIP_MAGIC = b"PK\x03\x04"

# Single bytes that Python's cp932 codec accepts but that no Japanese text contains
# (0x80, 0xA0, 0xFD-0xFF become U+0080 and private-use characters). Finding one means the
# file is not really CP932, so it is refused rather than imported as mojibake.
_CP932_JUNK = re.compile("[\u0080\uf8f0-\uf8f3]")


def _line_of_byte(data: bytes, offset: int) -> int:
    """1-based line of ``data[offset]``, counting CRLF, LF and lone CR as line ends."""
    prefix = data[:offset]
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def _line_of_char(text: str, offset: int) -> int:
    """1-based line of ``text[offset]``, counting CRLF, LF and lone CR as line ends."""
    prefix = text[:offset]
    return prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1


def file_problem(source: str, line: int, code: str, /, **params: object) -> CsvImportError:
    """A refusal of the whole file, reported at ``line`` (``code``: a ``csv.*`` catalog entry)."""
    return CsvImportError(source, [CsvProblem.coded(line, "", code, **params)])


def _undecodable(source: str, data: bytes, offset: int) -> CsvImportError:
    return file_problem(
        source,
        _line_of_byte(data, offset),
        "csv.undecodable",
        position=offset + 1,
        byte=f"0x{data[offset]:02X}",
    )


def _looks_like_broken_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """True when the bytes before the first UTF-8 error already hold UTF-8 Japanese.

    CP932 text almost never forms valid three-byte UTF-8 sequences (a Japanese header such as
    班 fails at its first byte), so a valid one before the error means the file is UTF-8 with a
    damaged byte. Decoding it as CP932 would "succeed" and import mojibake.
    """
    prefix = data[: error.start].decode("utf-8")
    return any(ord(c) >= 0x800 for c in prefix)


def decode_csv_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for a roster file; encoding is utf-8, utf-8-sig or cp932.

    A BOM means UTF-8. Without one, UTF-8 is tried first because CP932 text is practically
    never valid UTF-8, while UTF-8 text often decodes as (wrong) CP932. Raises
    :class:`CsvImportError` naming the line of the first byte that cannot be read.
    """
    if data.startswith(_ZIP_MAGIC):
        raise file_problem(
            source,
            1,
            "csv.xlsx",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise file_problem(
            source,
            1,
            "csv.utf16",
        )
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            text, encoding = body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(source, data, exc.start + len(codecs.BOM_UTF8)) from exc
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            if _looks_like_broken_utf8(data, utf8_error):
                raise _undecodable(source, data, utf8_error.start) from utf8_error
            try:
                text, encoding = data.decode("cp932"), "cp932"
            except UnicodeDecodeError as exc:
                raise _undecodable(source, data, exc.start) from exc
            junk = _CP932_JUNK.search(text)
            if junk:
                offset = len(text[: junk.start()].encode("cp932"))
                raise _undecodable(source, data, offset) from utf8_error
    nul = text.find("\x00")
    if nul >= 0:
        # NUL never occurs in a CSV; it means UTF-16 without a BOM or a binary file.
        raise file_problem(
            source,
            _line_of_char(text, nul),
            "csv.nul",
        )
    return text, encoding


def _reads_back(data: bytes, text: str) -> bool:
    """True when importing ``data`` decodes to exactly ``text``."""
    try:
        return decode_csv_bytes(data, "")[0] == text
    except CsvImportError:
        return False


def encode_excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> tuple[bytes, str]:
    """Any table as CSV bytes that Excel opens by double-click; return ``(bytes, encoding)``.

    CP932 when the whole text survives the round trip, else UTF-8 with BOM; CRLF line ends.
    Text cells that would start a formula get a leading apostrophe (see
    :func:`neutralise_formula`).
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_export_cell(cell) for cell in header])
    writer.writerows([_export_cell(cell) for cell in row] for row in rows)
    text = buffer.getvalue()
    try:
        data = text.encode("cp932")
    except UnicodeEncodeError:
        pass
    else:
        # cp932 maps a few characters one way only (〜 U+301C comes back as ～ U+FF5E), so the
        # file is checked by decoding it again rather than by "does it encode".
        if _reads_back(data, text):
            return data, "cp932"
    return text.encode("utf-8-sig"), "utf-8-sig"
