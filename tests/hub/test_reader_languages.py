"""The reader page in the household's language (issue 23) on a real hub.

The roster's 言語 reaches the hub as a code only (``lang`` on a household item); the page can
be switched by a list of links (remembered in a cookie for that link only), and a household
without a language follows the phone's Accept-Language, then Japanese. The circular's body,
written in Japanese, keeps ``lang="ja"`` so the phone's own translation works on it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.reader_languages import READER_LANGUAGES, reader_language
from circular_app.services.sync import SyncState
from circular_app.storage.hub_outbox import _language
from circular_app.storage.models import HouseholdRow
from circular_app.sync.client import SyncItem
from tests.hub.support import (
    Association,
    Household,
    RunningHub,
    csrf_of,
    enroll,
    new_key,
    publish_item,
    reader_token,
    token_item,
    unique,
)
from tests.hub.test_answers import form_payload

NewAssociation = Callable[..., Association]
ROOT = Path(__file__).resolve().parents[2]


def household(
    association: Association, lang: str | None, title: str = "防災訓練のお知らせ", **publish: Any
) -> tuple[Household, str]:
    """A household (with ``lang`` on its roster item when given) and one circular for it."""
    token, token_hash = reader_token()
    found = Household(unique("hh"), token, token_hash)
    entry: dict[str, object] = {"key": found.key, "han_key": "1", "label": "1班-1", "active": True}
    if lang is not None:
        entry["lang"] = lang
    roster = SyncItem(new_key(), "roster", {"hans": [{"key": "1", "name": "1班"}], "households": [entry]})
    key = new_key()
    results = association.client.push(
        [roster, token_item(found.key, token_hash), publish_item(key, [found.key], title=title, **publish)]
    )
    assert [r.status for r in results] == ["applied"] * 3, results
    return found, key


def test_household_language_vi_on_every_page(hub: RunningHub, new_association: NewAssociation) -> None:
    """言語 vi: lang="vi" and Vietnamese on the list, the circular and the thank-you page."""
    home, key = household(new_association(), "vi")
    with httpx.Client(base_url=hub.base_url, headers={"accept-language": "ja"}) as http:
        listing = http.get(f"/r/{home.token}")
        assert '<html lang="vi"' in listing.text
        assert "Thông báo chưa đọc" in listing.text and "まだ読んでいない回覧" not in listing.text
        # the association's own words stay Japanese, and say so
        assert '<span class="card-title" lang="ja">防災訓練のお知らせ</span>' in listing.text
        page = http.get(f"/r/{home.token}/c/{key}")
        assert '<html lang="vi"' in page.text and "Tôi đã đọc" in page.text
        assert '<div class="body" lang="ja">' in page.text and 'translate="no"' not in page.text
        assert "tháng" in page.text  # the issue date as Vietnamese writes it, not 令和
        assert "令和" not in page.text
        thanks = http.post(f"/r/{home.token}/c/{key}/read", data={"csrf": csrf_of(page.text), "lang": "vi"})
        assert thanks.status_code == 200
        assert '<html lang="vi"' in thanks.text and "Xin cảm ơn" in thanks.text


def test_switcher_changes_and_remembers_for_that_link_only(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """?lang=ko sets a cookie scoped to the link; the next page is Korean; another link is not."""
    association = new_association()
    home, key = household(association, "vi")
    other, _other_key = household(association, None)
    with httpx.Client(base_url=hub.base_url) as http:
        listing = http.get(f"/r/{home.token}")
        assert f'href="/r/{home.token}?lang=ko"' in listing.text and ">한국어</a>" in listing.text
        chosen = http.get(f"/r/{home.token}?lang=ko")
        assert '<html lang="ko"' in chosen.text and "읽지 않은" in chosen.text
        cookie = chosen.headers["set-cookie"]
        assert "kd_lang=ko" in cookie and f"Path=/r/{home.token}" in cookie
        again = http.get(f"/r/{home.token}/c/{key}")  # no ?lang=: the cookie
        assert '<html lang="ko"' in again.text and "읽었습니다" in again.text
        elsewhere = http.get(f"/r/{other.token}")  # the cookie is not sent to another link
        assert '<html lang="ja"' in elsewhere.text
        back = http.get(f"/r/{home.token}?lang=ja")
        assert '<html lang="ja"' in back.text and "まだ読んでいない回覧" in back.text


def test_accept_language_then_japanese(hub: RunningHub, new_association: NewAssociation) -> None:
    """No 言語 on the roster: the phone's language when the page has it, else Japanese."""
    home, key = household(new_association(), None)
    url = f"{hub.base_url}/r/{home.token}/c/{key}"
    brazil = httpx.get(url, headers={"accept-language": "pt-BR,pt;q=0.9,en;q=0.5"})
    assert '<html lang="pt-BR"' in brazil.text and "Já li" in brazil.text
    taiwan = httpx.get(url, headers={"accept-language": "zh-TW"})
    assert '<html lang="zh-Hant"' in taiwan.text
    french = httpx.get(url, headers={"accept-language": "fr-FR, de;q=0.8"})
    assert '<html lang="ja"' in french.text and "読みました" in french.text
    assert '<html lang="ja"' in httpx.get(url).text
    lost = httpx.get(f"{hub.base_url}/r/nothing-here", headers={"accept-language": "en"})
    assert lost.status_code == 404 and '<html lang="en"' in lost.text and "cannot be shown" in lost.text


def test_hub_takes_a_code_never_the_roster_text(hub: RunningHub, new_association: NewAssociation) -> None:
    """A household item with 「ベトナム語」 as lang is refused: only a code travels."""
    association = new_association()
    entry = {"key": unique("hh"), "han_key": "1", "label": "1班-2", "lang": "ベトナム語"}
    item = SyncItem(new_key(), "roster", {"hans": [{"key": "1", "name": "1班"}], "households": [entry]})
    [result] = association.client.push([item])
    assert result.status == "rejected" and "lang" in (result.reason or ""), result


def test_roster_values_map_to_codes() -> None:
    """The desktop sends the roster's 言語 as a page language code, and nothing for Japanese."""
    cases = {
        "ベトナム語": "vi",
        "vi": "vi",
        "Vi-VN": "vi",
        "英語": "en",
        "中国語": "zh-Hans",
        "中国語（繁体字）": "zh-Hant",
        "zh-TW": "zh-Hant",
        "韓国語": "ko",
        "ポルトガル語": "pt-BR",
        "タガログ語": "tl",
        "ネパール語": "ne",
        "インドネシア語": "id",
        "やさしい日本語": "ja-x-easy",
        "日本語": "ja",
        "クリンゴン語": None,
        "": None,
    }
    assert {value: reader_language(value) for value in cases} == cases
    assert _language("ベトナム語") == {"lang": "vi"}
    assert _language("日本語") == {} and _language("ja") == {} and _language("不明") == {}


def test_every_catalog_is_complete_and_compiles() -> None:
    """Every language of the page has a .po with every string translated (and the same {fields})."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import hub_locale
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert sorted(hub_locale.languages()) == sorted(code for code in READER_LANGUAGES if code != "ja")
    assert hub_locale.problems() == []


def first_digital_speaks(desktop: ProfileServices, language: str) -> int:
    """Set the roster's 言語 of the first active digital household; its id."""
    with desktop.context.sessions.begin() as session:
        digital = select(HouseholdRow).where(
            HouseholdRow.delivery == "digital", HouseholdRow.moved_out_on.is_(None)
        )
        first = session.scalars(digital.order_by(HouseholdRow.id)).first()
        assert first is not None
        first.language = language
        return first.id


def test_desktop_roster_language_reaches_the_page(hub: RunningHub, desktop: ProfileServices) -> None:
    """A household whose 言語 is 「ベトナム語」 on the desktop opens its link in Vietnamese."""
    chosen = first_digital_speaks(desktop, "ベトナム語")
    enroll(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="言語のテスト", body="本文です。")).id
    )
    assert desktop.sync.run_once().status.state is SyncState.SYNCED
    links = {link.household_id: link.url for link in desktop.sync.reader_links(circular.id)}
    assert chosen in links
    page = httpx.get(links[chosen], headers={"accept-language": "ja"})
    assert '<html lang="vi"' in page.text and "Thông báo chưa đọc" in page.text
    others = [url for household_id, url in links.items() if household_id != chosen]
    assert others and '<html lang="ja"' in httpx.get(others[0], headers={"accept-language": "ja"}).text


def test_error_pages_of_the_middleware_speak_the_phone_language(hub: RunningHub) -> None:
    """A post far too large on a reader link: 413 in the phone's language; the home page stays Japanese."""
    too_big = httpx.post(
        f"{hub.base_url}/r/some-link/c/some-key/read",
        content=b"x" * (hub.settings.max_body_bytes + 10),
        headers={"accept-language": "vi", "content-type": "application/x-www-form-urlencoded"},
    )
    assert too_big.status_code == 413
    assert '<html lang="vi"' in too_big.text and "Không gửi được" in too_big.text
    home = httpx.get(f"{hub.base_url}/", headers={"accept-language": "vi"})
    assert '<html lang="ja"' in home.text


def test_answer_form_and_its_mistakes_in_the_household_language(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """言語 vi: the form's words and the messages of a refused post are Vietnamese."""
    home, key = household(new_association(), "vi", form=form_payload())
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"/r/{home.token}/c/{key}")
        assert "Xin vui lòng trả lời" in page.text and "Gửi câu trả lời" in page.text
        assert '<span lang="ja">総会に出席しますか</span>' in page.text  # the officer's question
        refused = http.post(
            f"/r/{home.token}/c/{key}/answer",
            data={"csrf": csrf_of(page.text), "lang": "vi", "q1": "出席", "q1p": "9", "q4": "x"},
        )
        assert refused.status_code == 400 and '<html lang="vi"' in refused.text
        assert "Xin vui lòng nhập số người tham dự bằng số từ 1 đến 5." in refused.text
        assert "Xin vui lòng chỉ dùng chữ số (0 đến 9)." in refused.text
        assert "数字（0から9）" not in refused.text
