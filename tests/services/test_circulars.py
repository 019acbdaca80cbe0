"""Circulars: drafts, publish numbering, corrections, close, duplicate, search, attachments."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from circular_app.app import ProfileServices
from circular_app.domain.circulars import Category, CircularDraft, Status
from circular_app.domain.errors import ConflictError, ValidationError
from circular_app.services.attachments import AttachmentError
from circular_app.services.circulars import CircularService

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def circulars(services: ProfileServices, app: object) -> CircularService:
    """A circular service whose 'today' is 2026-11-25."""
    from circular_app.app import App

    assert isinstance(app, App)
    return CircularService(services.context, app.paths.resources / "templates", today=lambda: TODAY)


def _published(circulars: CircularService, title: str = "清掃のお知らせ", issue: dt.date = TODAY) -> int:
    c = circulars.new_draft(CircularDraft(title=title, body="本文です。", issue_date=issue))
    return circulars.publish(c.id).id


def test_draft_saves_incomplete_content(circulars: CircularService) -> None:
    """A draft without a title is saved (autosave never refuses), with default dates."""
    draft = circulars.new_draft(CircularDraft(title="", body="書きかけ"))
    assert (draft.status, draft.number, draft.issue_date, draft.due_date) == (
        Status.DRAFT,
        None,
        TODAY,
        TODAY + dt.timedelta(days=14),
    )


def test_draft_body_keeps_unicode_spaces_at_its_end(circulars: CircularService) -> None:
    """Only layout spaces and line breaks leave the end of the body; U+00A0 etc. are text."""
    draft = circulars.new_draft(CircularDraft(title="", body="本文\u00a0\u2003 \u3000\t\r\n\n"))
    assert draft.body == "本文\u00a0\u2003"


def test_publish_numbers_per_fiscal_year(circulars: CircularService) -> None:
    """Numbers count up within a fiscal year and restart in April."""
    a = _published(circulars, "三月の回覧", dt.date(2027, 3, 31))
    b = _published(circulars, "四月の回覧", dt.date(2027, 4, 1))
    c = _published(circulars, "四月の回覧2", dt.date(2027, 4, 2))
    got = [(circulars.get(i).fiscal_year, circulars.get(i).number) for i in (a, b, c)]
    assert got == [(2026, 1), (2027, 1), (2027, 2)]


def test_publish_refuses_empty_body_or_left_placeholders(circulars: CircularService) -> None:
    """Publishing needs a title and body, and no ［placeholder］ left."""
    empty = circulars.new_draft(CircularDraft(title="件名のみ"))
    with pytest.raises(ValidationError, match="本文"):
        circulars.publish(empty.id)
    half = circulars.new_draft(CircularDraft(title="行事", body="日時：［日時］"))
    with pytest.raises(ValidationError, match="［日時］"):
        circulars.publish(half.id)
    assert circulars.get(half.id).status is Status.DRAFT


def test_published_circular_cannot_be_saved_silently(circulars: CircularService) -> None:
    """Saving over a published circular is refused: it must be a correction."""
    cid = _published(circulars)
    with pytest.raises(ConflictError, match="訂正"):
        circulars.save_draft(cid, CircularDraft(title="変更", body="こっそり"))


def test_correction_keeps_old_version_and_marks(circulars: CircularService) -> None:
    """A correction bumps the version, keeps the previous text and records the note."""
    cid = _published(circulars)
    old = circulars.get(cid)
    fixed = circulars.correct(cid, CircularDraft(title=old.title, body="本文を直しました。"), "誤字を訂正")
    assert fixed.corrected and fixed.version == 2 and fixed.corrected_at is not None
    assert fixed.number == old.number and fixed.issue_date == old.issue_date
    (previous,) = circulars.versions(cid)
    assert (previous.version, previous.body, previous.note) == (1, "本文です。", "誤字を訂正")


def test_close_by_hand_and_by_due_date(circulars: CircularService) -> None:
    """Closing by hand works; close_overdue closes only those past due beyond the grace."""
    a = _published(circulars, "古い回覧", TODAY - dt.timedelta(days=60))
    b = _published(circulars, "新しい回覧", TODAY - dt.timedelta(days=3))
    c = _published(circulars, "手で終える", TODAY)
    assert circulars.close_overdue(grace_days=30) == [a]
    circulars.close(c)
    statuses = [circulars.get(i).status for i in (a, b, c)]
    assert statuses == [Status.CLOSED, Status.PUBLISHED, Status.CLOSED]


def test_duplicate_makes_a_new_dated_draft(circulars: CircularService) -> None:
    """Duplicating last month's notice gives a draft dated today with the same period."""
    src = circulars.new_draft(
        CircularDraft(
            title="清掃", body="毎月の清掃", issue_date=dt.date(2026, 10, 1), due_date=dt.date(2026, 10, 11)
        )
    )
    circulars.publish(src.id)
    copy = circulars.duplicate(src.id)
    assert (copy.status, copy.title, copy.body) == (Status.DRAFT, "清掃", "毎月の清掃")
    assert (copy.issue_date, copy.due_date) == (TODAY, TODAY + dt.timedelta(days=10))


def test_search_folds_width_and_kana(circulars: CircularService) -> None:
    """Searching ｺﾞﾐ or ＡＢＣ finds ごみ and abc; every word must match."""
    circulars.new_draft(CircularDraft(title="お知らせ", body="ごみの出し方 abc"))
    circulars.new_draft(CircularDraft(title="別件", body="清掃"))
    assert [c.title for c in circulars.list_circulars(search="ｺﾞﾐ")] == ["お知らせ"]
    assert [c.title for c in circulars.list_circulars(search="ＡＢＣ　ごみ")] == ["お知らせ"]
    assert circulars.list_circulars(search="ごみ 清掃") == []


def test_filters_by_status_year_and_category(circulars: CircularService) -> None:
    """The list filters by status, fiscal year and category."""
    _published(circulars, "去年度", dt.date(2025, 6, 1))
    circulars.new_draft(CircularDraft(title="行事の下書き", category=Category.EVENT))
    assert [c.title for c in circulars.list_circulars(year=2025)] == ["去年度"]
    assert [c.title for c in circulars.list_circulars(status=Status.DRAFT, category=Category.EVENT)] == [
        "行事の下書き"
    ]


def test_templates_cover_every_category(circulars: CircularService) -> None:
    """Bundled templates cover every category, with placeholders to fill in and translations."""
    bundled = [t for t in circulars.templates() if t.user_id is None]
    assert {t.category for t in bundled} == set(Category)
    assert all(len(t.translations) == 10 for t in bundled)
    draft = circulars.draft_from_template(next(t for t in bundled if t.category is Category.CLEANING))
    assert draft.issue_date == TODAY and "［日時］" in draft.body


def test_save_as_template(circulars: CircularService) -> None:
    """A circular saved as a template is listed with the bundled ones."""
    c = circulars.new_draft(CircularDraft(title="夜警のお願い", body="各班2名"))
    circulars.save_as_template(c.id, "夜警")
    assert any(t.name == "夜警" and t.body == "各班2名" for t in circulars.templates())


def _pdf(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_attach_pdf_and_scaled_image(circulars: CircularService, tmp_path: Path) -> None:
    """A PDF keeps its pages; a large photo is scaled to at most 2400 px."""
    c = circulars.new_draft(CircularDraft(title="チラシ付き", body="市のチラシです"))
    circulars.attach(c.id, _pdf(tmp_path / "flyer.pdf", 2))
    Image.new("RGB", (4000, 3000), "white").save(tmp_path / "photo.jpg")
    c = circulars.attach(c.id, tmp_path / "photo.jpg")
    assert [(a.filename, a.pages) for a in c.attachments] == [("flyer.pdf", 2), ("photo.jpg", 1)]
    with Image.open(io.BytesIO(circulars.attachment_data(c.attachments[1].id))) as img:
        assert max(img.size) == 2400


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.docx", b"PK\x03\x04word", "PDF・PNG・JPEG"),
        ("b.pdf", b"%PDF-1.7\n garbage", "壊れて"),
        ("c.png", b"\x89PNG\r\n\x1a\nbroken", "壊れて"),
    ],
)
def test_bad_attachments_are_refused(
    circulars: CircularService, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    """Unsupported or damaged files get a clear message and are not attached."""
    c = circulars.new_draft(CircularDraft(title="添付テスト", body="本文"))
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AttachmentError, match=reason):
        circulars.attach(c.id, path)
    assert circulars.get(c.id).attachments == ()


def test_demo_has_published_closed_corrected_and_draft(demo_services: ProfileServices) -> None:
    """The demo profile comes with circulars in every state, including a correction."""
    listed = demo_services.circulars.list_circulars()
    assert {c.status for c in listed} == {Status.DRAFT, Status.PUBLISHED, Status.CLOSED}
    assert any(c.corrected for c in listed)
