"""Attachments' bytes load only when opened: an autosave of a draft never reads them.

Two ways a save used to read them (issue #24, 420 ms per autosave with two 8 MB PDFs): the
ORM loaded ``attachment.data`` with every circular read back, and even without it SQLite walks
a row's overflow pages to reach the columns stored after a large value. So: no statement of a
save selects the bytes, and every attachment column it reads is stored before them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from circular_app.app import ProfileServices
from circular_app.domain.circulars import Circular, CircularDraft
from circular_app.services.circulars import CircularService

TODAY = dt.date(2026, 11, 25)
PADDING = 256 * 1024  # big enough to spill over many pages, small enough to stay fast


def _pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("padding.bin", os.urandom(PADDING))
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def circulars(services: ProfileServices, app: object) -> CircularService:
    """A circular service whose 'today' is 2026-11-25."""
    from circular_app.app import App

    assert isinstance(app, App)
    return CircularService(services.context, app.paths.resources / "templates", today=lambda: TODAY)


@pytest.fixture
def draft_with_pdfs(circulars: CircularService, tmp_path: Path) -> Circular:
    """A draft with two PDF attachments."""
    draft = circulars.new_draft(CircularDraft(title="資料つきの下書き", body="本文"))
    for name in ("資料1.pdf", "資料2.pdf"):
        draft = circulars.attach(draft.id, _pdf(tmp_path / name))
    return draft


@contextmanager
def _statements(services: ProfileServices) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = services.context.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _stored_columns(services: ProfileServices) -> list[str]:
    with services.context.engine.connect() as conn:
        return [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(attachment)")]


def _attachment_columns_read(statements: list[str]) -> set[str]:
    read = set()
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            read |= set(re.findall(r"\battachment\.(\w+)", sql.split(" FROM ")[0]))
    return read


def test_autosave_reads_no_attachment_bytes(
    services: ProfileServices, circulars: CircularService, draft_with_pdfs: Circular
) -> None:
    """A save reads the attachments' names and sizes, never their bytes nor past them."""
    changed = CircularDraft(title="資料つきの下書き", body="本文を直しました")
    with _statements(services) as statements:
        saved = circulars.save_draft(draft_with_pdfs.id, changed)
    assert [a.filename for a in saved.attachments] == ["資料1.pdf", "資料2.pdf"]
    read = _attachment_columns_read(statements)
    assert {"filename", "size", "pages", "position"} <= read
    assert "data" not in read
    stored = _stored_columns(services)
    assert all(stored.index(column) < stored.index("data") for column in read), stored


def test_opening_reads_the_bytes_and_copies_keep_them(
    services: ProfileServices, circulars: CircularService, draft_with_pdfs: Circular, tmp_path: Path
) -> None:
    """The bytes are there when a file is opened, and a duplicate gets its own copy of them."""
    first = draft_with_pdfs.attachments[0]
    data = circulars.attachment_data(first.id)
    assert data.startswith(b"%PDF-") and len(data) == first.size > PADDING
    copy = circulars.duplicate(draft_with_pdfs.id)
    assert [circulars.attachment_data(a.id) for a in copy.attachments] == [
        circulars.attachment_data(a.id) for a in draft_with_pdfs.attachments
    ]
