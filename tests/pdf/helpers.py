"""Reading generated PDFs back: text, pages, fonts (shared by the PDF and export tests)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from circular_app.domain.circulars import Audience, Category, Circular, Status, Urgency

BASE14 = {
    "Courier",
    "Helvetica",
    "Times-Roman",
    "Symbol",
    "ZapfDingbats",
    "Times-Bold",
    "Helvetica-Bold",
    "Courier-Bold",
}
HAVE_POPPLER = shutil.which("pdffonts") is not None and shutil.which("pdftotext") is not None


def make_circular(**changes: Any) -> Circular:
    """A published circular with sensible defaults; keyword arguments override fields."""
    now = dt.datetime(2026, 11, 24, 9, 0)
    fields: dict[str, Any] = {
        "id": 1,
        "number": 12,
        "fiscal_year": 2026,
        "status": Status.PUBLISHED,
        "title": "防災訓練のご案内",
        "body": "訓練を行います。",
        "category": Category.SAFETY,
        "sender_title": "会長",
        "sender_name": "見本 太郎",
        "target_han_ids": (),
        "audience": Audience.BOTH,
        "issue_date": dt.date(2026, 11, 24),
        "due_date": dt.date(2026, 12, 8),
        "urgency": Urgency.NORMAL,
        "readability_check": True,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    fields.update(changes)
    return Circular(**fields)


def _reader(pdf: Path | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def text_of(pdf: Path | bytes) -> str:
    """All extracted text (pypdf keeps U+3000 and characters beyond the BMP)."""
    return "\n".join(page.extract_text() for page in _reader(pdf).pages)


def page_texts(pdf: Path | bytes) -> list[str]:
    """Extracted text per page."""
    return [page.extract_text() for page in _reader(pdf).pages]


def page_count(pdf: Path | bytes) -> int:
    """Number of pages."""
    return len(_reader(pdf).pages)


def page_size_mm(pdf: Path | bytes, index: int = 0) -> tuple[int, int]:
    """Width and height of a page, rounded to millimetres."""
    box = _reader(pdf).pages[index].mediabox
    return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)


def font_problems(pdf: Path | bytes) -> list[str]:
    """Fonts of any page that are not embedded TrueType programs, or are base-14 references."""
    problems = []
    for number, page in enumerate(_reader(pdf).pages, start=1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for key, ref in fonts.items():
            font = ref.get_object()
            base = str(font.get("/BaseFont", "")).lstrip("/")
            descriptor = font.get("/FontDescriptor")
            if base.split("+")[-1] in BASE14:
                problems.append(f"page {number} {key}: base-14 {base}")
            elif descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(f"page {number} {key}: {base} not embedded")
    return problems


def pdffonts_rows(path: Path) -> list[list[str]]:
    """The table printed by poppler's pdffonts (name, type, encoding, emb, sub, uni, ...)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def pdftotext_lines(path: Path) -> list[str]:
    """Lines as poppler extracts them (one per printed line)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def qr_codes(pdf: Path | bytes, index: int = 0) -> list[tuple[tuple[bool, ...], ...]]:
    """The QR codes drawn on a page, read back as module matrices (True = dark).

    Our QR codes are vector squares: one filled path of ``re`` runs per code. Each path of
    equal-height rectangles with more than 40 runs is rebuilt into its module grid, which a
    test compares with ``segno.make(url, error="m").matrix`` — an exact check of the encoded
    URL without an image decoder.
    """
    from pypdf.generic import ContentStream

    reader = _reader(pdf)
    page = reader.pages[index]
    operations = ContentStream(page.get_contents(), reader).operations
    codes: list[tuple[tuple[bool, ...], ...]] = []
    runs: list[tuple[float, float, float, float]] = []
    for operands, operator in operations:
        if operator == b"re":
            runs.append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
            continue
        if operator in (b"f", b"f*", b"F") and len(runs) > 40 and len({round(r[3], 3) for r in runs}) == 1:
            codes.append(_modules(runs))
        runs = []
    return codes


def _modules(runs: list[tuple[float, float, float, float]]) -> tuple[tuple[bool, ...], ...]:
    cell = runs[0][3]
    left = min(r[0] for r in runs)
    top = max(r[1] + r[3] for r in runs)
    dark = set()
    for x, y, width, height in runs:
        row = round((top - (y + height)) / cell)
        first = round((x - left) / cell)
        for col in range(first, first + round(width / cell)):
            dark.add((row, col))
    size = max(max(r, c) for r, c in dark) + 1
    return tuple(tuple((r, c) in dark for c in range(size)) for r in range(size))


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """What our PDFs draw for ``url`` (segno, error level M, no micro QR)."""
    import segno

    return tuple(tuple(bool(v) for v in row) for row in segno.make(url, error="m", micro=False).matrix)
