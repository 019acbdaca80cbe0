"""Translations of a circular on the reader page (issue 23), on a real hub (SQLite and PostgreSQL).

A circular published with a Vietnamese translation opens in Vietnamese for a household whose
page is Vietnamese (``lang="vi"`` on the article), with 「日本語の原文」 one tap away
(``?original=1``, the text size kept) showing the Japanese with ``lang="ja"`` and a link back.
The desktop's loopback test publishes the translation from the editor's service and syncs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import select

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.templates import Value
from circular_app.services.sync import SyncState
from circular_app.services.template_fill import fill_all
from circular_app.storage.models import CircularRow, OutboxRow
from circular_app.sync.client import HubRejected
from tests.hub.support import Association, RunningHub, board_circular, enroll, new_key, publish_item
from tests.hub.test_reader_languages import first_digital_speaks, household

NewAssociation = Callable[..., Association]
JA_BODY = "町内の一斉清掃を行います。\n\n- 日時：5月第4日曜日 午前8時"
VI = {
    "lang": "vi",
    "title": "Thông báo dọn vệ sinh",
    "body": "Chúng tôi dọn vệ sinh khu phố.\n\n- Ngày giờ: 8 giờ sáng",
}


def _article(page: str) -> str:
    found = re.search(r"<article .*?</article>", page, re.DOTALL)
    assert found is not None, page
    return found.group(0)


def test_vietnamese_household_reads_the_translation_and_the_original_one_tap_away(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """言語 vi: the article is the Vietnamese text with lang="vi"; ?original=1 is the Japanese."""
    home, key = household(new_association(), "vi", body=JA_BODY, translations=[VI])
    with httpx.Client(base_url=hub.base_url, headers={"accept-language": "ja"}) as http:
        page = http.get(f"/r/{home.token}/c/{key}?t=2").text
        article = _article(page)
        assert article.startswith('<article class="circular" lang="vi">')
        assert "<h1>Thông báo dọn vệ sinh</h1>" in article
        assert '<div class="body" lang="vi"><p>Chúng tôi dọn vệ sinh khu phố.</p>' in article
        assert "一斉清掃" not in article
        assert "<title>Thông báo dọn vệ sinh" in page
        link = f'href="/r/{home.token}/c/{key}?t=2&amp;original=1" hreflang="ja">Bản gốc tiếng Nhật</a>'
        assert link in article
        assert "Bản gốc tiếng Nhật đã được sửa đổi" not in page  # not stale

        listing = http.get(f"/r/{home.token}").text  # the list shows the translated title too
        assert '<span class="card-title" lang="vi">Thông báo dọn vệ sinh</span>' in listing
        original = http.get(f"/r/{home.token}/c/{key}?t=2&original=1").text
        article = _article(original)
        assert article.startswith('<article class="circular" lang="ja">')
        assert "町内の一斉清掃を行います。" in article and "Chúng tôi" not in article
        assert (
            f'href="/r/{home.token}/c/{key}?t=2" hreflang="vi" lang="vi">Đọc bằng Tiếng Việt</a>' in article
        )
        assert '<html lang="vi"' in original  # the page's own words stay Vietnamese
        # the size switch keeps the original
        assert f'href="/r/{home.token}/c/{key}?t=3&amp;original=1"' in original


def test_a_page_in_a_language_without_translation_shows_the_japanese(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """English page, Vietnamese translation only: the Japanese, and no link to an original."""
    home, key = household(new_association(), "en", body=JA_BODY, translations=[VI])
    page = httpx.get(f"{hub.base_url}/r/{home.token}/c/{key}").text
    article = _article(page)
    assert '<div class="body" lang="ja">' in article and "Chúng tôi" not in article
    assert "original=1" not in page


def test_stale_translation_says_the_japanese_changed_later(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """A stale translation carries a short note in the page's language."""
    home, key = household(new_association(), "vi", translations=[VI | {"stale": True}])
    page = httpx.get(f"{hub.base_url}/r/{home.token}/c/{key}").text
    assert '<p class="translation-note">Bản gốc tiếng Nhật đã được sửa đổi' in page


def test_translated_text_is_escaped(hub: RunningHub, new_association: NewAssociation) -> None:
    """Markup in a translation is shown as text, never run."""
    evil = {"lang": "vi", "title": "<script>alert(1)</script>", "body": '<img src=x onerror="alert(1)">'}
    home, key = household(new_association(), "vi", translations=[evil])
    page = httpx.get(f"{hub.base_url}/r/{home.token}/c/{key}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_board_page_shows_the_translation_and_the_original(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """The paper 回覧板's page in Vietnamese: the translation, and 「日本語の原文」."""
    token, _key = board_circular(new_association(), body=JA_BODY, translations=[VI])
    with httpx.Client(base_url=hub.base_url, headers={"accept-language": "vi"}) as http:
        page = http.get(f"/b/{token}").text
        assert _article(page).startswith('<article class="circular" lang="vi">')
        assert f'href="/b/{token}?original=1" hreflang="ja">Bản gốc tiếng Nhật</a>' in page
        original = http.get(f"/b/{token}?original=1").text
        assert _article(original).startswith('<article class="circular" lang="ja">')
        assert f'href="/b/{token}" hreflang="vi" lang="vi">Đọc bằng Tiếng Việt</a>' in original


def test_a_publish_without_translations_keeps_them_and_an_empty_list_removes_them(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Absent (an older desktop) keeps the hub's translations; [] takes them all away."""
    association = new_association()
    home, key = household(association, "vi", translations=[VI])
    again = association.client.push([publish_item(key, [home.key])])
    assert [r.status for r in again] == ["applied"]
    assert "Chúng tôi" in httpx.get(f"{hub.base_url}/r/{home.token}/c/{key}").text
    emptied = association.client.push([publish_item(key, [home.key], translations=[])])
    assert [r.status for r in emptied] == ["applied"]
    assert "Chúng tôi" not in httpx.get(f"{hub.base_url}/r/{home.token}/c/{key}").text


def test_translations_into_japanese_or_repeated_are_refused(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """lang ja (the original itself) and a language twice are refused before anything is stored."""
    association = new_association()
    for translations in ([VI | {"lang": "ja"}], [VI, VI], [VI | {"name": "山田"}]):
        item = publish_item(new_key(), [], translations=translations)
        with pytest.raises(HubRejected) as refused:
            association.client._push_batch([item])  # one request as the hub sees it
        assert refused.value.status == 422
        assert "山田" not in refused.value.reason


def test_desktop_translation_reaches_the_vietnamese_household(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """Publish with a vi translation, 言語 ベトナム語 → Vietnamese page; one added later follows."""
    chosen = first_digital_speaks(desktop, "ベトナム語")
    enroll(hub, desktop)
    draft = desktop.circulars.new_draft(CircularDraft(title="清掃のお知らせ", body=JA_BODY))
    desktop.translations.set(draft.id, "vi", VI["title"], VI["body"])
    circular = desktop.circulars.publish(draft.id)
    assert desktop.sync.run_once().status.state is SyncState.SYNCED
    link = {lk.household_id: lk.url for lk in desktop.sync.reader_links(circular.id)}[chosen]
    with desktop.context.sessions() as session:
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    page = httpx.get(f"{link}/c/{hub_key}", headers={"accept-language": "ja"}).text
    assert _article(page).startswith('<article class="circular" lang="vi">')
    assert "Chúng tôi dọn vệ sinh khu phố." in page
    original = httpx.get(f"{link}/c/{hub_key}?original=1").text
    assert _article(original).startswith('<article class="circular" lang="ja">')
    assert "町内の一斉清掃を行います。" in _article(original)

    # Added after publishing: the next sync sends the circular again, with only title/body per code.
    desktop.translations.set(circular.id, "en", "Cleaning day", "We clean the streets.")
    with desktop.context.sessions() as session:
        pending = [
            json.loads(r.payload)
            for r in session.scalars(select(OutboxRow).where(OutboxRow.sent_at.is_(None)))
            if r.kind == "publish"
        ]
    assert [sorted(t) for t in pending[-1]["translations"]] == [["body", "lang", "stale", "title"]] * 2
    assert desktop.sync.run_once().status.state is SyncState.SYNCED
    english = httpx.get(f"{link}/c/{hub_key}?lang=en").text
    assert "We clean the streets." in english and 'lang="en"' in _article(english)

    # A 訂正 of the Japanese: the translations travel again, marked stale, and the page says so.
    corrected = replace(circular.as_draft(), body=JA_BODY + "\n- 雨天中止")
    desktop.circulars.correct(circular.id, corrected, "雨天時を追記しました")
    assert desktop.translations.stale_languages(circular.id) == {"vi", "en"}
    assert desktop.sync.run_once().status.state is SyncState.SYNCED
    page = httpx.get(f"{link}/c/{hub_key}", headers={"accept-language": "ja"}).text
    assert '<p class="translation-note">Bản gốc tiếng Nhật đã được sửa đổi' in page


def test_a_template_circular_published_in_japanese_reaches_vietnamese_households_translated(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """The shipped ごみ template, filled once in Japanese (dates as dates): the Vietnamese household
    reads the shipped Vietnamese translation with the same values, dates written the Vietnamese
    way; no one translated anything."""
    chosen = first_digital_speaks(desktop, "ベトナム語")
    enroll(hub, desktop)
    template = next(t for t in desktop.circulars.templates() if t.source == "garbage.md")
    values: dict[str, Value] = {
        "変更前の収集日": dt.date(2026, 12, 31),
        "変更後の収集日": dt.date(2027, 1, 4),
        "出す時刻": dt.time(8, 30),
        "ごみの種類": "燃やすごみ",
        "ごみステーション": "公民館前のステーション",
        "連絡先": "会長（076-000-0000）",
    }
    filled = fill_all(template, values)
    assert "令和8年12月31日" in filled.body and "［" not in filled.body
    draft = desktop.circulars.new_draft(CircularDraft(title=filled.title, body=filled.body))
    desktop.translations.set_many(draft.id, filled.translations)
    circular = desktop.circulars.publish(draft.id)
    assert desktop.sync.run_once().status.state is SyncState.SYNCED
    link = {lk.household_id: lk.url for lk in desktop.sync.reader_links(circular.id)}[chosen]
    with desktop.context.sessions() as session:
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    page = httpx.get(f"{link}/c/{hub_key}", headers={"accept-language": "ja"}).text
    article = _article(page)
    assert article.startswith('<article class="circular" lang="vi">')
    assert "<h1>Ngày thu gom rác thay đổi</h1>" in article
    assert "tháng 12, 2026" in article and "tháng 1, 2027" in article  # Babel's Vietnamese dates
    assert "公民館前のステーション" in article and "［" not in article
    assert "令和" not in article
    original = _article(httpx.get(f"{link}/c/{hub_key}?original=1").text)
    assert original.startswith('<article class="circular" lang="ja">') and "令和8年12月31日" in original
