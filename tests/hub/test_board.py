"""Board links (``/b/{token}``): the read-only page behind the QR code on a paper 回覧板."""

from __future__ import annotations

import base64
import io
import json
import logging
import time
from collections.abc import Callable

import httpx
from sqlalchemy import select

from circular_app.domain.document import parse_document, to_html
from circular_app.hub.logs import LOGGER_NAME, JsonLinesFormatter
from circular_app.hub.storage.models import CircularRow
from circular_app.sync.client import HubClient
from tests.hub.support import (
    Association,
    RunningHub,
    board_circular,
    household_with_circular,
    new_key,
    publish_item,
    reader_token,
    roster_item,
    token_item,
    unique,
)

NewAssociation = Callable[..., Association]
BODY = "## 日時・会場\n- 日時：4月第3日曜日 午前10時\n- 会場：見本公民館 2階\n\n**委任状**を班長へお渡しください。"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _attachment(
    key: str, data: bytes, filename: str = "地図.png", media_type: str = "image/png"
) -> dict[str, str]:
    return {
        "key": key,
        "filename": filename,
        "media_type": media_type,
        "data_base64": base64.b64encode(data).decode(),
    }


def _stored_board_hash(hub: RunningHub, circular_key: str) -> str | None:
    with hub.app.services.sessions.read() as session:
        return session.scalars(
            select(CircularRow.board_token_hash).where(CircularRow.key == circular_key)
        ).one()


def test_board_page_shows_the_circular_without_the_button(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Title, 回覧No., the shared renderer's body and the note; no form, no household."""
    association = new_association()
    token, _key = board_circular(association, title="町会総会のお知らせ", body=BODY, number=7)
    page = httpx.get(f"{hub.base_url}/b/{token}")
    assert page.status_code == 200
    assert "<h1>町会総会のお知らせ</h1>" in page.text
    assert "<dt>回覧No.</dt><dd>7（" in page.text and "<dt>回覧期限</dt>" in page.text
    assert to_html(parse_document(BODY)) in page.text
    assert "紙の 回覧板に 印を おして" in page.text and "班長さんか 町会の 役員に きいてください" in page.text
    assert f"{association.name}　回覧板" in page.text
    assert "<form" not in page.text and 'name="csrf"' not in page.text and "read-button" not in page.text
    assert "1班-1" not in page.text and "のお宅" not in page.text  # no household on a shared board
    assert "未読" not in page.text and "回覧の一覧へもどる" not in page.text


def test_board_page_shows_a_correction(hub: RunningHub, new_association: NewAssociation) -> None:
    """A 訂正 is shown with what changed, as on a household's page."""
    association = new_association()
    old = "## 内容\n- 避難の練習（見本小学校まで）"
    token, key = board_circular(association, title="地区防災訓練のご案内", body=old)
    results = association.client.push(
        [
            publish_item(
                key,
                [],
                title="地区防災訓練のご案内",
                body=old.replace("見本小学校", "見本中学校"),
                version=2,
                correction_note="避難先を見本中学校に訂正しました",
            )
        ]
    )
    assert [r.status for r in results] == ["applied"]
    page = httpx.get(f"{hub.base_url}/b/{token}").text
    assert "この回覧は訂正されました" in page and "避難先を見本中学校に訂正しました" in page
    assert "避難の練習（見本<ins>中</ins>学校まで）" in page and "訂正あり" in page


def test_closed_circular_stays_readable_on_the_board(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """After close the board page still shows it, marked 回覧終了 (the paper may still be going round)."""
    association = new_association()
    token, key = board_circular(association)
    from circular_app.sync.client import SyncItem

    closed = association.client.push([SyncItem(new_key(), "close", {"circular_key": key})])
    assert [r.status for r in closed] == ["applied"]
    page = httpx.get(f"{hub.base_url}/b/{token}")
    assert page.status_code == 200 and "回覧終了" in page.text


def test_board_link_works_for_a_paper_only_circular(hub: RunningHub, new_association: NewAssociation) -> None:
    """A circular addressed to no digital household still has its board page."""
    association = new_association()
    token, token_hash = reader_token()
    results = association.client.push(
        [publish_item(new_key(), [], title="紙だけの回覧", board_token_hash=token_hash)]
    )
    assert [r.status for r in results] == ["applied"]
    assert "<h1>紙だけの回覧</h1>" in httpx.get(f"{hub.base_url}/b/{token}").text


def test_text_size_switch_on_the_board(hub: RunningHub, new_association: NewAssociation) -> None:
    """?t= sets the size with plain links back to the same board page."""
    association = new_association()
    token, _key = board_circular(association)
    page = httpx.get(f"{hub.base_url}/b/{token}?t=3").text
    assert 'class="t3"' in page
    assert f'href="/b/{token}?t=2"' in page and f'href="/b/{token}"' in page
    assert 'class="t1"' in httpx.get(f"{hub.base_url}/b/{token}?t=evil").text


def test_board_attachment_downloads(hub: RunningHub, new_association: NewAssociation) -> None:
    """The page links its attachments under /b/{token}/a/ and they are served like /r/ ones."""
    association = new_association()
    attachments = [
        _attachment("map", PNG),
        _attachment("sheet", b"%PDF-1.4\n", "当番表.pdf", "application/pdf"),
        _attachment("data", b"<html>x</html>", "名簿.html", "text/html"),
    ]
    token, _key = board_circular(association, attachments=attachments)
    page = httpx.get(f"{hub.base_url}/b/{token}").text
    assert f'href="/b/{token}/a/map"' in page and f'src="/b/{token}/a/map"' in page
    image = httpx.get(f"{hub.base_url}/b/{token}/a/map")
    assert image.status_code == 200 and image.content == PNG
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"].startswith("inline;")
    pdf = httpx.get(f"{hub.base_url}/b/{token}/a/sheet")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E5%BD%93%E7%95%AA%E8%A1%A8.pdf" in pdf.headers["content-disposition"]
    other = httpx.get(f"{hub.base_url}/b/{token}/a/data")
    assert other.headers["content-type"] == "application/octet-stream"  # never rendered as a page


def test_board_serves_only_its_own_circulars_attachments(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Keys of another circular, or of another association, are the neutral 404 under this board link."""
    association = new_association()
    token, _key = board_circular(association, attachments=[_attachment("map", PNG)])
    board_circular(association, attachments=[_attachment("plan", b"plan"), _attachment("same", b"A")])
    household, _other = household_with_circular(association, attachments=[_attachment("mine", b"mine")])
    stranger = new_association()
    board_circular(stranger, attachments=[_attachment("secret", b"secret"), _attachment("map", b"theirs")])
    unknown = httpx.get(f"{hub.base_url}/b/AAAAAAAAAAAAAAAAAAAAAA").content
    for key in ("plan", "same", "mine", "secret", "nothing", "bad%20key"):
        response = httpx.get(f"{hub.base_url}/b/{token}/a/{key}")
        assert (response.status_code, response.content) == (404, unknown), key
    assert httpx.get(f"{hub.base_url}/b/{token}/a/map").content == PNG  # its own, not the stranger's
    assert httpx.get(f"{hub.base_url}/r/{household.token}/a/mine").content == b"mine"


def test_unknown_board_links_get_the_same_neutral_404_as_reader_links(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Unknown, malformed and extra paths under /b/: the /r/ neutral page, byte for byte."""
    association = new_association()
    token, key = board_circular(association)
    household, _key = household_with_circular(association)
    reference = httpx.get(f"{hub.base_url}/r/AAAAAAAAAAAAAAAAAAAAAA")
    assert reference.status_code == 404
    responses = [
        httpx.get(hub.base_url + url)
        for url in (
            "/b/AAAAAAAAAAAAAAAAAAAAAA",
            "/b/short",
            "/b/" + "x" * 300,
            "/b/",
            f"/b/{token}/c/{key}",
            f"/b/{token}/a/",
            f"/b/{token}/extra/path",
            f"/b/{household.token}",  # a household's reader token is not a board link
            f"/r/{token}",  # nor is a board token a reader link
        )
    ]
    responses.append(httpx.post(f"{hub.base_url}/b/{token}", data={"csrf": "x"}))
    responses.append(httpx.post(f"{hub.base_url}/b/{token}/c/{key}/read", data={"csrf": "x"}))
    assert [r.status_code for r in responses] == [404] * len(responses)
    assert {r.content for r in responses} == {reference.content}
    assert httpx.get(f"{hub.base_url}/b/{token}").status_code == 200


def test_revoked_association_board_link_is_404(hub: RunningHub, new_association: NewAssociation) -> None:
    """hub revoke-association stops its board links and their attachments too."""
    association = new_association()
    token, _key = board_circular(association, attachments=[_attachment("map", PNG)])
    assert httpx.get(f"{hub.base_url}/b/{token}").status_code == 200
    hub.app.services.registry.revoke_association(association.name)
    neutral = httpx.get(f"{hub.base_url}/r/AAAAAAAAAAAAAAAAAAAAAA").content
    for url in (f"/b/{token}", f"/b/{token}/a/map"):
        response = httpx.get(hub.base_url + url)
        assert (response.status_code, response.content) == (404, neutral)


def test_board_token_hash_cannot_move_to_another_circular(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """A hash in use by another circular, of this or any association, is rejected."""
    association = new_association()
    token, key = board_circular(association, title="最初の回覧")
    taken = _stored_board_hash(hub, key)
    assert taken is not None
    stranger = new_association()
    for who in (association, stranger):
        other = new_key()
        (result,) = who.client.push([publish_item(other, [], board_token_hash=taken)])
        assert result.status == "rejected"
        assert result.reason == "board_token_hash already belongs to another circular"
        assert "最初の回覧" not in (result.reason or "")
    assert "<h1>最初の回覧</h1>" in httpx.get(f"{hub.base_url}/b/{token}").text


def test_same_version_again_with_the_hash_is_an_update(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """A retry (or an old circular getting its board link) under a new idempotency key is applied."""
    association = new_association()
    key = new_key()
    assert [r.status for r in association.client.push([publish_item(key, [], title="前からの回覧")])] == [
        "applied"
    ]
    assert _stored_board_hash(hub, key) is None  # published by a desktop without board links
    token, token_hash = reader_token()
    for _ in range(2):
        (result,) = association.client.push(
            [publish_item(key, [], title="前からの回覧", board_token_hash=token_hash)]
        )
        assert result.status == "applied"
    assert _stored_board_hash(hub, key) == token_hash
    assert "<h1>前からの回覧</h1>" in httpx.get(f"{hub.base_url}/b/{token}").text


def test_publish_without_the_field_keeps_the_board_link(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """An older desktop's publish (no board_token_hash) keeps the link; the page shows the new text."""
    association = new_association()
    token, key = board_circular(association, title="古い件名")
    before = _stored_board_hash(hub, key)
    (result,) = association.client.push([publish_item(key, [], title="新しい件名", version=2)])
    assert result.status == "applied"
    assert _stored_board_hash(hub, key) == before
    assert "<h1>新しい件名</h1>" in httpx.get(f"{hub.base_url}/b/{token}").text


def test_a_new_board_hash_replaces_the_old_link(hub: RunningHub, new_association: NewAssociation) -> None:
    """Sending another hash for the circular moves its board link; the old QR code stops working."""
    association = new_association()
    old_token, key = board_circular(association)
    new_token, new_hash = reader_token()
    (result,) = association.client.push([publish_item(key, [], board_token_hash=new_hash)])
    assert result.status == "applied"
    assert httpx.get(f"{hub.base_url}/b/{old_token}").status_code == 404
    assert httpx.get(f"{hub.base_url}/b/{new_token}").status_code == 200


def test_board_and_reader_tokens_never_share_a_hash(hub: RunningHub, new_association: NewAssociation) -> None:
    """A reader token's hash as a board link, or a board link's as a reader token, is rejected."""
    association = new_association()
    household, _key = household_with_circular(association)
    (result,) = association.client.push([publish_item(new_key(), [], board_token_hash=household.token_hash)])
    assert result.status == "rejected" and "reader token" in (result.reason or "")
    _token, key = board_circular(association)
    board_hash = _stored_board_hash(hub, key)
    assert board_hash is not None
    other = unique("hh")
    results = association.client.push([roster_item([(other, "1班-9")]), token_item(other, board_hash)])
    assert [r.status for r in results] == ["applied", "rejected"]
    assert "board token" in (results[1].reason or "")


def test_malformed_board_hash_is_422(hub: RunningHub, new_association: NewAssociation) -> None:
    """Only 64 lower-case hex digits are a board_token_hash; anything else refuses the request."""
    association = new_association()

    def sync(board_token_hash: object) -> int:
        item = publish_item(new_key(), [], board_token_hash=board_token_hash)
        response = httpx.post(
            f"{hub.base_url}/api/v1/sync",
            json={"items": [item.to_json()]},
            headers={"authorization": f"Bearer {association.client.token}"},
        )
        return response.status_code

    for bad in ("A" * 64, "a" * 63, "a" * 65, "g" * 64, "", 12):
        assert sync(bad) == 422, bad
    assert sync(reader_token()[1]) == 200
    assert sync(None) == 200  # null is the same as absent


def test_board_pages_carry_the_security_headers(hub: RunningHub, new_association: NewAssociation) -> None:
    """The same CSP, no-referrer, no-store and no cookies as the reader pages; no script at all."""
    association = new_association()
    token, _key = board_circular(association, attachments=[_attachment("map", PNG)])
    for url in (f"/b/{token}", f"/b/{token}/a/map", "/b/unknown-token-xxxxxxxx"):
        response = httpx.get(hub.base_url + url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert "set-cookie" not in response.headers and "server" not in response.headers
    page = httpx.get(f"{hub.base_url}/b/{token}").text
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert ' style="' not in page


def test_board_guessing_is_rate_limited(strict_hub: RunningHub) -> None:
    """3 unknown board links from one address within a minute: unknown /b/ and /r/ answer 429."""
    new = strict_hub.app.services.registry.add_association(unique("制限町会"), "制限校下")
    with HubClient(strict_hub.base_url) as client:
        client.enroll(new.code)
        token, _key = board_circular(Association(new.name, "x", client))
        for n in range(3):
            assert httpx.get(f"{strict_hub.base_url}/b/guess{n:020d}").status_code == 404
        for url in (f"/b/guess{9:020d}", f"/b/{token}/a/nothing", "/r/AAAAAAAAAAAAAAAAAAAAAA"):
            blocked = httpx.get(strict_hub.base_url + url)
            assert blocked.status_code == 429, url
            assert int(blocked.headers["retry-after"]) >= 1
        # The real board link is still served.
        assert httpx.get(f"{strict_hub.base_url}/b/{token}").status_code == 200


def _logged_routes(text: str) -> set[str]:
    return {e["route"] for e in map(json.loads, text.splitlines()) if e["event"] == "request"}


def test_logs_carry_no_board_token(hub: RunningHub, new_association: NewAssociation) -> None:
    """Board requests log their route template; never the token, its hash or the circular's text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        association = new_association()
        token, key = board_circular(
            association, title="秘密の件名", body="秘密の本文", attachments=[_attachment("map", PNG)]
        )
        token_hash = _stored_board_hash(hub, key)
        for url in (f"/b/{token}", f"/b/{token}?t=2", f"/b/{token}/a/map", f"/b/{token}/no/such/page"):
            httpx.get(hub.base_url + url)
        # A request's line is written just after its response is sent: wait for the last one.
        wanted = {"/b/{token}", "/b/{token}/a/{attachment_key}", "/b/{rest:path}"}
        deadline = time.monotonic() + 10
        while not wanted <= _logged_routes(stream.getvalue()) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    text = stream.getvalue()
    assert wanted <= _logged_routes(text)
    for secret in (token, token_hash or "x", key, "秘密", "map"):
        assert secret not in text
