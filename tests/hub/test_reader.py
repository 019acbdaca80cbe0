"""The resident's reader pages over a real socket: content, 訂正, 読みました, privacy of errors."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable

import httpx

from circular_app.domain.document import parse_document, to_html
from circular_app.hub.logs import LOGGER_NAME, JsonLinesFormatter
from circular_app.sync.client import SyncItem
from tests.hub.support import (
    Association,
    RunningHub,
    confirm,
    csrf_of,
    household_with_circular,
    new_key,
    publish_item,
    token_item,
)

NewAssociation = Callable[..., Association]
BODY = "## 日時・会場\n- 日時：4月第3日曜日 午前10時\n- 会場：見本公民館 2階\n\n**委任状**を班長へお渡しください。"


def test_circular_page_uses_the_shared_renderer(hub: RunningHub, new_association: NewAssociation) -> None:
    """Title and body appear exactly as the desktop preview renders them."""
    association = new_association()
    household, key = household_with_circular(association, title="町会総会のお知らせ", body=BODY)
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}")
    assert page.status_code == 200
    assert "<h1>町会総会のお知らせ</h1>" in page.text
    assert to_html(parse_document(BODY)) in page.text
    assert 'lang="ja"' in page.text and "読みました" in page.text


def test_body_html_is_escaped(hub: RunningHub, new_association: NewAssociation) -> None:
    """Markup typed by an officer is shown as text, never run."""
    association = new_association()
    household, key = household_with_circular(
        association, title="<script>x</script>", body="<img src=x onerror=alert(1)>"
    )
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}").text
    assert "<script>x" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_list_shows_unread_first_then_newest(hub: RunningHub, new_association: NewAssociation) -> None:
    """Unread circulars come before read ones; urgent unread first."""
    association = new_association()
    household, read_key = household_with_circular(association, title="読んだ回覧")
    association.client.push(
        [
            publish_item(new_key(), [household.key], title="ふつうの未読", number=2),
            publish_item(new_key(), [household.key], title="至急の未読", number=3, urgency="urgent"),
        ]
    )
    confirm(hub, household, read_key)
    listing = httpx.get(f"{hub.base_url}/r/{household.token}").text
    assert listing.index("至急の未読") < listing.index("ふつうの未読") < listing.index("読んだ回覧")
    assert "まだ読んでいない回覧" in listing and "（2件）" in listing
    assert "「1班-1」のお宅" in listing


def test_correction_is_shown_with_what_changed(hub: RunningHub, new_association: NewAssociation) -> None:
    """A version 2 says 訂正, gives the note, and marks the changed characters."""
    association = new_association()
    old = "## 内容\n- 避難の練習（見本小学校まで）\n- 消火器の使い方"
    household, key = household_with_circular(association, title="地区防災訓練のご案内", body=old)
    association.client.push(
        [
            publish_item(
                key,
                [household.key],
                title="地区防災訓練のご案内",
                body=old.replace("見本小学校", "見本中学校"),
                version=2,
                correction_note="避難先を見本中学校に訂正しました",
                corrected_at="2026-11-24T01:05:00Z",
            )
        ]
    )
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}").text
    assert "この回覧は訂正されました" in page
    assert "令和8年11月24日(火) 10:05に、内容を訂正しました。" in page
    assert "避難先を見本中学校に訂正しました" in page
    assert "避難の練習（見本<del>小</del>学校まで）" in page
    assert "避難の練習（見本<ins>中</ins>学校まで）" in page
    assert "訂正前の全文を見る（第1版）" in page
    listing = httpx.get(f"{hub.base_url}/r/{household.token}").text
    assert "訂正あり" in listing


def test_read_button_is_idempotent(hub: RunningHub, new_association: NewAssociation) -> None:
    """The second tap shows the same thank-you with the first time; one confirmation is stored."""
    association = new_association()
    household, key = household_with_circular(association, title="見守りボランティアの募集")
    url = f"{hub.base_url}/r/{household.token}/c/{key}"
    csrf = csrf_of(httpx.get(url).text)  # the form stays on screen: a double tap posts it twice
    first = httpx.post(f"{url}/read", data={"csrf": csrf})
    assert first.status_code == 200
    assert "ありがとうございました" in first.text and "町会へお知らせしました" in first.text
    page = association.client.confirmations()
    second = httpx.post(f"{url}/read", data={"csrf": csrf})
    assert second.status_code == 200 and "前にお知らせ済みです" in second.text
    again = association.client.confirmations()
    assert len(again.items) == 1 and again.items == page.items
    first_time = re.search(r"お知らせした日時：([^<]+)", first.text)
    assert first_time is not None and first_time.group(0) in second.text  # the first time is kept
    circular = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}").text
    assert "お知らせ済みです" in circular and 'name="csrf"' not in circular


def test_read_from_phone_is_recorded_as_phone(hub: RunningHub, new_association: NewAssociation) -> None:
    """The device is a coarse class from the user agent, nothing identifying."""
    association = new_association()
    household, key = household_with_circular(association)
    phone = {"user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"}
    with httpx.Client(base_url=hub.base_url, headers=phone) as http:
        csrf = csrf_of(http.get(f"/r/{household.token}/c/{key}").text)
        assert http.post(f"/r/{household.token}/c/{key}/read", data={"csrf": csrf}).status_code == 200
    assert association.client.confirmations().items[0].device == "web/phone"


def test_unknown_revoked_and_malformed_links_get_one_neutral_404(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Never-existed, revoked, malformed and foreign links: same status, same body."""
    association = new_association()
    household, key = household_with_circular(association)
    revoked, revoked_key = household_with_circular(association)
    association.client.push([token_item(revoked.key, revoked.token_hash, revoked=True)])
    moved, moved_key = household_with_circular(association)
    association.client.push(
        [
            SyncItem(
                new_key(), "roster", {"households": [{"key": moved.key, "label": "1班-3", "active": False}]}
            )
        ]
    )
    urls = [
        "/r/AAAAAAAAAAAAAAAAAAAAAA",
        "/r/AAAAAAAAAAAAAAAAAAAAAA/c/" + key,
        f"/r/{revoked.token}",
        f"/r/{revoked.token}/c/{revoked_key}",
        f"/r/{moved.token}/c/{moved_key}",
        "/r/short",
        "/r/" + "x" * 300,
        f"/r/{household.token}/c/{new_key()}",
        f"/r/{household.token}/a/nothing",
        f"/r/{household.token}/c/{key}/extra/path",
    ]
    responses = [httpx.get(hub.base_url + url) for url in urls]
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1
    assert "このページは表示できません" in responses[0].text
    assert httpx.get(f"{hub.base_url}/r/{household.token}").status_code == 200


def test_security_headers(hub: RunningHub, new_association: NewAssociation) -> None:
    """CSP with no external source, no referrer, nosniff, no framing, no cookies, no store."""
    association = new_association()
    household, key = household_with_circular(association)
    for url in (
        f"/r/{household.token}",
        f"/r/{household.token}/c/{key}",
        "/r/unknown-token-xxxxxxxx",
        "/api/v1/noop",
    ):
        response = httpx.get(hub.base_url + url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "http" not in csp and "*" not in csp  # no external source at all
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert "set-cookie" not in response.headers
        assert "server" not in response.headers
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}").text
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert ' style="' not in page  # no inline styles either


def test_post_without_csrf_field_is_refused(hub: RunningHub, new_association: NewAssociation) -> None:
    """A POST without the page's hidden value (or with a wrong one) records nothing."""
    association = new_association()
    household, key = household_with_circular(association)
    url = f"{hub.base_url}/r/{household.token}/c/{key}/read"
    assert httpx.post(url).status_code == 403
    assert httpx.post(url, data={"csrf": "0" * 32}).status_code == 403
    other, other_key = household_with_circular(association)
    stolen = csrf_of(httpx.get(f"{hub.base_url}/r/{other.token}/c/{other_key}").text)
    assert httpx.post(url, data={"csrf": stolen}).status_code == 403  # bound to link and circular
    assert association.client.confirmations().items == ()


def test_cross_site_post_is_refused(hub: RunningHub, new_association: NewAssociation) -> None:
    """A browser that says the form came from another site is refused even with the value."""
    association = new_association()
    household, key = household_with_circular(association)
    csrf = csrf_of(httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}").text)
    response = httpx.post(
        f"{hub.base_url}/r/{household.token}/c/{key}/read",
        data={"csrf": csrf},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert response.status_code == 403
    assert association.client.confirmations().items == ()


def test_reloaded_thank_you_url_redirects_to_the_circular(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """GET on the POST address (a reload or bookmark) goes back to the circular."""
    association = new_association()
    household, key = household_with_circular(association)
    response = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}/read?t=2")
    assert response.status_code == 303 and response.headers["location"] == f"/r/{household.token}/c/{key}?t=2"


def test_text_size_switch_works_without_javascript(hub: RunningHub, new_association: NewAssociation) -> None:
    """Plain links set the size; every link on the page keeps it."""
    association = new_association()
    household, key = household_with_circular(association)
    default = httpx.get(f"{hub.base_url}/r/{household.token}").text
    assert 'class="t1"' in default and f'href="/r/{household.token}?t=3"' in default
    bigger = httpx.get(f"{hub.base_url}/r/{household.token}?t=3").text
    assert 'class="t3"' in bigger and f'href="/r/{household.token}/c/{key}?t=3"' in bigger
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}?t=3").text
    assert f'action="/r/{household.token}/c/{key}/read?t=3"' in page
    assert 'class="t1"' in httpx.get(f"{hub.base_url}/r/{household.token}?t=evil").text


def test_token_guessing_is_rate_limited(strict_hub: RunningHub) -> None:
    """After 3 unknown links from one address within a minute, unknown links answer 429."""
    for n in range(3):
        assert httpx.get(f"{strict_hub.base_url}/r/guess{n:020d}").status_code == 404
    blocked = httpx.get(f"{strict_hub.base_url}/r/guess{99:020d}")
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1
    assert "しばらくお待ちください" in blocked.text
    # The API's health check and the no-op are not guarded.
    assert httpx.get(f"{strict_hub.base_url}/api/v1/health").status_code == 200


def test_valid_link_is_served_while_its_address_is_throttled(strict_hub: RunningHub) -> None:
    """A guesser behind the resident's address does not lock the resident out."""
    association_code = strict_hub.app.services.registry.add_association(
        f"制限町会{new_key()[:8]}", "制限校下"
    )
    from circular_app.sync.client import HubClient

    with HubClient(strict_hub.base_url) as client:
        client.enroll(association_code.code)
        association = Association("x", "x", client)
        household, _key = household_with_circular(association)
        for n in range(4):
            httpx.get(f"{strict_hub.base_url}/r/guess{n:020d}")
        assert httpx.get(f"{strict_hub.base_url}/r/guess{9:020d}").status_code == 429
        assert httpx.get(f"{strict_hub.base_url}/r/{household.token}").status_code == 200


def test_bad_bearer_tokens_count_as_guesses(strict_hub: RunningHub) -> None:
    """Repeated wrong codes or tokens on the API are rate limited too."""
    for _ in range(3):
        assert httpx.post(f"{strict_hub.base_url}/api/v1/enroll", json={"code": "ZZZZ"}).status_code == 401
    assert httpx.post(f"{strict_hub.base_url}/api/v1/enroll", json={"code": "ZZZZ"}).status_code == 429


def test_logs_are_json_lines_without_tokens_or_content(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Every request logs its route template and status; never the token, a key or the text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        association = new_association()
        household, key = household_with_circular(association, title="秘密の件名", body="秘密の本文")
        confirm(hub, household, key)
        httpx.get(f"{hub.base_url}/r/{household.token}/no/such/page")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    text = stream.getvalue()
    entries = [json.loads(line) for line in text.splitlines()]
    routes = {e.get("route") for e in entries if e["event"] == "request"}
    assert "/r/{token}/c/{circular_key}/read" in routes and "/api/v1/sync" in routes
    for secret in (
        household.token,
        household.token_hash,
        key,
        household.key,
        "秘密",
        association.client.token or "x",
    ):
        assert secret not in text


def test_body_headings_nest_under_the_page() -> None:
    """Body headings start below the page's h2 and never skip a level; the rest is the renderer's."""
    from circular_app.hub.web.pages import body_html

    assert body_html("# 大見出し\n### 小見出し\n本文") == "<h3>大見出し</h3>\n<h4>小見出し</h4>\n<p>本文</p>"
    assert body_html("## 日時\n- 午前10時") == to_html(parse_document("## 日時\n- 午前10時"))
