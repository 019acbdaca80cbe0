"""Furigana on the reader pages (issue 23) on a real hub, SQLite and PostgreSQL.

「ふりがな」 adds ruby to the body and the page's own text, remembered in a cookie for the link
and carried in the page's links; the association's readings travel with the circular and beat
the dictionary; only text nodes change (attributes, URLs and escaped text stay as they were).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from circular_app.hub.web import ruby
from tests.hub.support import (
    Association,
    RunningHub,
    board_circular,
    csrf_of,
    household_with_circular,
    new_key,
    publish_item,
)

NewAssociation = Callable[..., Association]
BODY = "金沢の避難訓練を行います。\n\n<script>alert('町会')</script> & 班長"


def test_link_turns_furigana_on_and_is_remembered(hub: RunningHub, new_association: NewAssociation) -> None:
    """The 「ふりがな」 link adds ruby to body, title and page text; the cookie keeps it on."""
    home, key = household_with_circular(new_association(), title="総会のお知らせ", body=BODY)
    with httpx.Client(base_url=hub.base_url, headers={"accept-language": "ja"}) as http:
        plain = http.get(f"/r/{home.token}/c/{key}")
        assert "<ruby>" not in plain.text
        assert f'href="/r/{home.token}/c/{key}?furigana=1"' in plain.text and ">ふりがな</a>" in plain.text
        page = http.get(f"/r/{home.token}/c/{key}?furigana=1")
        assert page.cookies.get(ruby.COOKIE) == "1"
        text = page.text
        assert "<ruby>避難<rt>ひなん</rt></ruby><ruby>訓練<rt>くんれん</rt></ruby>" in text  # body
        assert "<ruby>行<rt>おこな</rt></ruby>います" in text  # okurigana stays bare
        assert "<ruby>総会<rt>そうかい</rt></ruby>のお<ruby>知<rt>し</rt></ruby>らせ" in text  # title
        assert (
            "<ruby>回覧<rt>かいらん</rt></ruby>の<ruby>一覧<rt>いちらん</rt></ruby>へもどる" in text
        )  # page text
        assert "<ruby>読<rt>よ</rt></ruby>みました" in text  # the button
        assert ">ふりがなを<ruby>消<rt>け</rt></ruby>す</a>" in text and 'class="t1 furigana"' in text
        # the page's own links carry the choice (works without cookies)
        assert f'href="/r/{home.token}?furigana=1"' in text
        # escaping kept: the body's <script> is still text, and no attribute got ruby
        assert (
            "&lt;script&gt;alert('<ruby>町会<rt>ちょうかい</rt></ruby>')&lt;/script&gt; &amp; <ruby>班長"
            in text
        )
        assert "<script>" not in text
        assert not re.search(r'="[^"]*<ruby>', text)
        # remembered: the list page without the parameter has ruby too
        listing = http.get(f"/r/{home.token}")
        assert "<ruby>総会<rt>そうかい</rt></ruby>" in listing.text
        off = http.get(f"/r/{home.token}?furigana=0")
        assert "<ruby>" not in off.text and off.cookies.get(ruby.COOKIE) == "0"
        assert "<ruby>" not in http.get(f"/r/{home.token}/c/{key}").text


def test_reading_list_travels_and_wins(hub: RunningHub, new_association: NewAssociation) -> None:
    """The association's reading of 金沢 (sent with the circular) replaces the dictionary's."""
    home, key = household_with_circular(
        new_association(), title="清掃", body=BODY, readings={"金沢": "きんざわ"}
    )
    with httpx.Client(base_url=hub.base_url) as http:
        text = http.get(f"/r/{home.token}/c/{key}?furigana=1").text
        assert "<ruby>金沢<rt>きんざわ</rt></ruby>" in text
        assert "<ruby>清掃<rt>せいそう</rt></ruby>" in text


def test_bad_readings_are_refused(hub: RunningHub, new_association: NewAssociation) -> None:
    """A reading that is not kana is refused with the publish (nothing stored)."""
    association = new_association()
    results = association.client.push([publish_item(new_key(), [], readings={"金沢": "<b>x</b>"})])
    assert results[0].status == "rejected"


def test_thank_you_page_without_cookies(hub: RunningHub, new_association: NewAssociation) -> None:
    """With furigana on in the link (no cookie sent), the 「読みました」 form keeps it on the thanks page."""
    home, key = household_with_circular(new_association(), title="回覧")
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"/r/{home.token}/c/{key}?furigana=1")
        assert f'action="/r/{home.token}/c/{key}/read?furigana=1"' in page.text
    with httpx.Client(base_url=hub.base_url) as http:  # a fresh client: no cookie
        thanks = http.post(f"/r/{home.token}/c/{key}/read?furigana=1", data={"csrf": csrf_of(page.text)})
        assert "<ruby>" in thanks.text and "ありがとうございました" in thanks.text


def test_board_page_and_other_languages(hub: RunningHub, new_association: NewAssociation) -> None:
    """The board page offers furigana; an English page offers no link and gets no ruby."""
    token, _key = board_circular(new_association(), title="町会")
    with httpx.Client(base_url=hub.base_url) as http:
        board = http.get(f"/b/{token}?furigana=1")
        assert "<ruby>町会<rt>ちょうかい</rt></ruby>" in board.text
        english = http.get(f"/b/{token}?lang=en&furigana=1")
        assert "<ruby>" not in english.text and "furigana-switch" not in english.text


def test_not_installed_offers_no_link(
    hub: RunningHub, new_association: NewAssociation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where SudachiPy is not installed the page has no 「ふりがな」 link and never ruby."""
    monkeypatch.setattr(ruby, "installed", lambda: False)  # the hub serves from this process (a thread)
    home, key = household_with_circular(new_association(), title="回覧")
    with httpx.Client(base_url=hub.base_url) as http:
        text = http.get(f"/r/{home.token}/c/{key}?furigana=1").text
        assert "furigana-switch" not in text and "<ruby>" not in text
