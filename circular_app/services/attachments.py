"""Checking and preparing attachments: images scaled for print and screen, PDFs kept as pages.

A file that is too large, of an unsupported type or damaged raises AttachmentError with a clear
reason, and nothing is attached.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.errors import UserError

MAX_BYTES = 20 * 1024 * 1024
# Long edge for print at about 200 dpi on A4; also plenty for a phone screen.
MAX_IMAGE_EDGE = 2400
_JPEG_QUALITY = 85


class AttachmentError(UserError):
    """An attachment was refused (size, type, damage)."""


@dataclass(frozen=True)
class PreparedAttachment:
    """What will be stored."""

    filename: str
    media_type: str
    data: bytes
    pages: int


def _kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def _prepare_image(name: str, data: bytes, media_type: str) -> PreparedAttachment:
    # Pillow and pypdf load only when a file is attached (they cost ~60 ms at start-up).
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise AttachmentError("attachment.bad_image", file=name) from exc
    if max(image.size) > MAX_IMAGE_EDGE:
        image.thumbnail((MAX_IMAGE_EDGE, MAX_IMAGE_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if media_type == "image/jpeg":
        image.convert("RGB").save(out, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return PreparedAttachment(name, media_type, out.getvalue(), 1)


def _prepare_pdf(name: str, data: bytes) -> PreparedAttachment:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise AttachmentError("attachment.encrypted_pdf", file=name)
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - touching each page finds broken page trees now
    except AttachmentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AttachmentError("attachment.bad_pdf", file=name) from exc
    if pages == 0:
        raise AttachmentError("attachment.no_pages", file=name)
    return PreparedAttachment(name, "application/pdf", data, pages)


def prepare(path: Path) -> PreparedAttachment:
    """Read, check and prepare one file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AttachmentError("file.unreadable", path=path, reason=exc.strerror) from exc
    if size > MAX_BYTES:
        raise AttachmentError("attachment.too_large", file=path.name, size=size / 1048576)
    data = path.read_bytes()
    media_type = _kind(data[:16])
    if media_type is None:
        raise AttachmentError("attachment.wrong_type", file=path.name)
    if media_type == "application/pdf":
        return _prepare_pdf(path.name, data)
    return _prepare_image(path.name, data, media_type)
