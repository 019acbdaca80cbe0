"""The association API over a real socket: enrollment, sync idempotency, scoping, limits."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from circular_app.sync.client import HubAuthError, HubClient, HubRejected, SyncItem
from tests.hub.support import (
    Association,
    RunningHub,
    confirm,
    household_with_circular,
    new_key,
    publish_item,
    reader_token,
    roster_item,
    token_item,
    unique,
)

NewAssociation = Callable[..., Association]


def test_enrollment_code_works_once(hub: RunningHub) -> None:
    """A code gives a token once; the second use is refused with 401."""
    new = hub.app.services.registry.add_association(unique("一度町会"), "一度校下")
    with HubClient(hub.base_url) as first, HubClient(hub.base_url) as second:
        enrollment = first.enroll(new.code)
        assert enrollment.name == new.name and enrollment.school_district == "一度校下"
        assert len(enrollment.token) >= 43  # 256 bits, URL-safe base64
        with pytest.raises(HubAuthError):
            second.enroll(new.code)


def test_enrollment_code_is_typed_forgivingly(hub: RunningHub) -> None:
    """Lower case, full width and missing dashes are folded to the printed code."""
    new = hub.app.services.registry.add_association(unique("入力町会"), "入力校下")
    typed = new.code.replace("-", " ").lower().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    with HubClient(hub.base_url) as client:
        assert client.enroll(typed).association_id == new.public_id


def test_wrong_enrollment_code_is_401(hub: RunningHub) -> None:
    """An unknown code is answered 401 and nothing else."""
    response = httpx.post(f"{hub.base_url}/api/v1/enroll", json={"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 401
    assert response.json() == {"detail": "unknown, used or expired enrollment code"}


def test_codes_and_tokens_are_stored_hashed(hub: RunningHub, new_association: NewAssociation) -> None:
    """Neither the enrollment code nor the association token is in the database."""
    from sqlalchemy import select

    from circular_app.hub.storage.models import AssociationTokenRow, EnrollmentCodeRow

    new = hub.app.services.registry.add_association(unique("秘密町会"), "秘密校下")
    with HubClient(hub.base_url) as client:
        token = client.enroll(new.code).token
    with hub.app.services.sessions.read() as session:
        stored = set(session.scalars(select(AssociationTokenRow.token_hash))) | set(
            session.scalars(select(EnrollmentCodeRow.code_hash))
        )
    assert token not in stored and new.code not in stored
    assert all(len(h) == 64 for h in stored)


def test_api_needs_a_token(hub: RunningHub) -> None:
    """Sync and confirmations without a bearer token are 401."""
    assert httpx.post(f"{hub.base_url}/api/v1/sync", json={"items": []}).status_code == 401
    response = httpx.get(f"{hub.base_url}/api/v1/confirmations", headers={"authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_revoked_association_is_refused(hub: RunningHub, new_association: NewAssociation) -> None:
    """After hub revoke-association the token is 401 and its reader links are the neutral 404."""
    association = new_association()
    household, _key = household_with_circular(association)
    hub.app.services.registry.revoke_association(association.name)
    with pytest.raises(HubAuthError):
        association.client.push([roster_item([(unique("hh"), "1班-2")])])
    assert httpx.get(f"{hub.base_url}/r/{household.token}").status_code == 404


def test_same_key_twice_is_applied_once(hub: RunningHub, new_association: NewAssociation) -> None:
    """A retried item is reported as duplicate and changes nothing."""
    association = new_association()
    household = unique("hh")
    item = roster_item([(household, "1班-1")])
    assert [r.status for r in association.client.push([item])] == ["applied"]
    renamed = SyncItem(item.key, "roster", {"households": [{"key": household, "label": "2班-9"}]})
    assert [r.status for r in association.client.push([renamed, renamed])] == ["duplicate", "duplicate"]
    from sqlalchemy import select

    from circular_app.hub.storage.models import HouseholdRow

    with hub.app.services.sessions.read() as session:
        label = session.scalar(select(HouseholdRow.label).where(HouseholdRow.key == household))
    assert label == "1班-1"


def test_same_key_within_one_request_is_applied_once(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Two items with one key in one request: the second is a duplicate."""
    association = new_association()
    item = roster_item([(unique("hh"), "1班-1")])
    assert [r.status for r in association.client.push([item, item])] == ["applied", "duplicate"]


def test_rejected_item_changes_nothing_and_keeps_its_key_free(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """A reader token for an unknown household is rejected with a reason; after the roster it applies."""
    association = new_association()
    household = unique("hh")
    item = token_item(household, reader_token()[1])
    (result,) = association.client.push([item])
    assert result.status == "rejected" and result.reason == f"unknown household_key {household}"
    results = association.client.push([roster_item([(household, "1班-1")]), item])
    assert [r.status for r in results] == ["applied", "applied"]


def test_roster_with_a_name_is_refused_422(hub: RunningHub, new_association: NewAssociation) -> None:
    """The schema has no name field: a roster carrying one is refused whole and stores nothing."""
    association = new_association()
    household = unique("hh")
    for field in ("name", "reading", "phone", "email"):
        item = SyncItem(
            new_key(),
            "roster",
            {"households": [{"key": household, "label": "1班-1", field: "見本 一郎"}]},
        )
        # One request as the hub sees it (push() would report the refusal as a rejected item).
        with pytest.raises(HubRejected) as refused:
            association.client._push_batch([item])
        assert refused.value.status == 422
        assert field in refused.value.reason
        assert "見本" not in refused.value.reason  # the reason never echoes the value
    from sqlalchemy import select

    from circular_app.hub.storage.models import HouseholdRow

    with hub.app.services.sessions.read() as session:
        assert session.scalar(select(HouseholdRow.id).where(HouseholdRow.key == household)) is None


def test_unknown_kind_is_422(hub: RunningHub, new_association: NewAssociation) -> None:
    """Only roster, reader_token, publish and close exist."""
    association = new_association()
    item = SyncItem(new_key(), "members", {"hans": []})
    with pytest.raises(HubRejected) as refused:
        association.client._push_batch([item])  # one request as the hub sees it
    assert refused.value.status == 422
    (result,) = association.client.push([item])  # what the outbox gets: a rejected item
    assert result.status == "rejected"


def test_association_a_cannot_touch_b(hub: RunningHub, new_association: NewAssociation) -> None:
    """A can never read, publish to, close or confirm for B, even knowing B's keys."""
    a, b = new_association(), new_association()
    b_household, b_circular = household_with_circular(b, title="Bの回覧")
    a_household, a_circular = household_with_circular(a, title="Aの回覧")

    # Publishing under B's circular key creates A's own circular; B's stays as it was.
    a.client.push([publish_item(b_circular, [a_household.key], title="Aが上書き", version=5)])
    page = httpx.get(f"{hub.base_url}/r/{b_household.token}/c/{b_circular}")
    assert "Bの回覧" in page.text and "Aが上書き" not in page.text

    # B's household keys do not exist for A.
    (r,) = a.client.push([token_item(b_household.key, reader_token()[1])])
    assert r.status == "rejected"
    (r,) = a.client.push([publish_item(new_key(), [b_household.key])])
    assert r.status == "rejected"
    # A cannot claim B's reader token hash for one of its own households.
    (r,) = a.client.push([token_item(a_household.key, b_household.token_hash)])
    assert r.status == "rejected"
    # A's reader link cannot open B's circular or attachment URLs.
    assert httpx.get(f"{hub.base_url}/r/{a_household.token}/c/{b_circular}").text.count("Bの回覧") == 0

    # Confirmations stay with their association.
    assert confirm(hub, b_household, b_circular).status_code == 200
    assert confirm(hub, a_household, a_circular).status_code == 200
    assert {c.household_key for c in b.client.all_confirmations()[0]} == {b_household.key}
    assert {c.household_key for c in a.client.all_confirmations()[0]} == {a_household.key}
    # B closing "A's" circular key only closes B's own (it has none with A's key).
    (r,) = b.client.push([SyncItem(new_key(), "close", {"circular_key": a_circular})])
    assert r.status == "rejected"


def test_correction_keeps_previous_versions_and_refuses_older(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Version 2 keeps version 1's text; sending version 1 again afterwards is rejected."""
    association = new_association()
    household, circular_key = household_with_circular(association, body="集合は見本小学校です。")
    (r,) = association.client.push(
        [
            publish_item(
                circular_key,
                [household.key],
                body="集合は見本中学校です。",
                version=2,
                correction_note="集合場所を訂正しました",
            )
        ]
    )
    assert r.status == "applied"
    from sqlalchemy import select

    from circular_app.hub.storage.models import CircularVersionRow

    with hub.app.services.sessions.read() as session:
        bodies = list(session.scalars(select(CircularVersionRow.body)))
    assert "集合は見本小学校です。" in bodies
    (r,) = association.client.push([publish_item(circular_key, [household.key], version=1)])
    assert r.status == "rejected" and "older" in (r.reason or "")


def test_close_hides_the_button_but_keeps_the_circular(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """A closed circular is still readable and moves out of the unread list."""
    association = new_association()
    household, circular_key = household_with_circular(association, title="終わる回覧")
    (r,) = association.client.push([SyncItem(new_key(), "close", {"circular_key": circular_key})])
    assert r.status == "applied"
    listing = httpx.get(f"{hub.base_url}/r/{household.token}").text
    assert "新しい回覧はありません" in listing and "回覧終了" in listing


def test_confirmations_cursor(hub: RunningHub, new_association: NewAssociation) -> None:
    """The cursor only grows; fetching from it returns only newer confirmations."""
    association = new_association()
    household, first = household_with_circular(association)
    second = new_key()
    association.client.push([publish_item(second, [household.key], number=2)])
    assert association.client.confirmations().items == ()
    confirm(hub, household, first)
    page = association.client.confirmations("")
    assert [c.circular_key for c in page.items] == [first]
    assert page.items[0].household_key == household.key
    assert page.items[0].confirmed_at.tzinfo is not None and page.items[0].device == "web/pc"
    assert association.client.confirmations(page.cursor).items == ()
    confirm(hub, household, second)
    later = association.client.confirmations(page.cursor)
    assert [c.circular_key for c in later.items] == [second]
    assert int(later.cursor) > int(page.cursor)


def test_confirmations_page_in_order(hub: RunningHub, new_association: NewAssociation) -> None:
    """Pages of the feed follow each other without gaps (has_more until the end)."""
    association = new_association()
    household, first = household_with_circular(association)
    keys = [first]
    for number in range(2, 5):
        key = new_key()
        association.client.push([publish_item(key, [household.key], number=number)])
        keys.append(key)
    for key in keys:
        confirm(hub, household, key)
    from circular_app.hub.services.registry import AssociationRef

    exchange = hub.app.services.exchange
    ref = hub.app.services.registry.authenticate(association.client.token or "")
    assert isinstance(ref, AssociationRef)
    seen: list[str] = []
    cursor, more = "", True
    while more:
        page = exchange.confirmations(ref, cursor, limit=3)
        seen.extend(c.circular_key for c in page.items)
        cursor, more = page.cursor, page.has_more
    assert seen == keys


def test_sync_body_over_10_mb_is_413(hub: RunningHub, new_association: NewAssociation) -> None:
    """A sync body over the limit gets 413 before it is parsed."""
    association = new_association()
    body = b'{"items": [' + b" " * (hub.settings.max_sync_bytes) + b"]}"
    response = httpx.post(
        f"{hub.base_url}/api/v1/sync",
        content=body,
        headers={"authorization": f"Bearer {association.client.token}", "content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "request body too large"}


def test_other_bodies_are_limited_to_64_kb(hub: RunningHub) -> None:
    """Enrollment and the reader form take small bodies only."""
    response = httpx.post(f"{hub.base_url}/api/v1/enroll", content=b"x" * (65 * 1024))
    assert response.status_code == 413


def test_attachment_publish_and_download(hub: RunningHub, new_association: NewAssociation) -> None:
    """An attached PDF is downloadable from the reader link, as an attachment."""
    import base64

    association = new_association()
    pdf = b"%PDF-1.4\n% test\n"
    attachment = {
        "key": "att1",
        "filename": "地図.pdf",
        "media_type": "application/pdf",
        "data_base64": base64.b64encode(pdf).decode(),
    }
    household, circular_key = household_with_circular(association, attachments=[attachment])
    page = httpx.get(f"{hub.base_url}/r/{household.token}/c/{circular_key}").text
    assert "地図.pdf" in page and f"/r/{household.token}/a/att1" in page
    response = httpx.get(f"{hub.base_url}/r/{household.token}/a/att1")
    assert response.status_code == 200 and response.content == pdf
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E5%9C%B0%E5%9B%B3.pdf" in response.headers["content-disposition"]
    other, _ = household_with_circular(association)
    assert httpx.get(f"{hub.base_url}/r/{other.token}/a/att1").status_code == 404


def test_health_and_noop(hub: RunningHub) -> None:
    """Health checks the database; noop does nothing."""
    assert httpx.get(f"{hub.base_url}/api/v1/health").json()["status"] == "ok"
    assert httpx.get(f"{hub.base_url}/api/v1/noop").json() == {"ok": True}


def test_openapi_schema_has_no_reader_routes(hub: RunningHub) -> None:
    """The published schema covers the API only (reader pages are not an API)."""
    schema = httpx.get(f"{hub.base_url}/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/enroll",
        "/api/v1/sync",
        "/api/v1/confirmations",
        "/api/v1/answers",
        "/api/v1/health",
        "/api/v1/noop",
        "/api/v1/safety",  # 安否確認: rounds and answers (issue 22)
    }
    household_fields = set(schema["components"]["schemas"]["RosterHousehold"]["properties"])
    assert household_fields == {"key", "han_key", "label", "active", "lang"}  # lang: a code (issue 23)
