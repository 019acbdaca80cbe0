"""HubClient: requests it sends and the typed errors it raises (the real hub is in tests/hub)."""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Callable

import httpx
import pytest

from circular_app.sync.client import (
    HubAuthError,
    HubClient,
    HubUnavailable,
    SyncItem,
    batches,
)

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, token: str | None = "assoc-secret-9f3a") -> HubClient:
    return HubClient("http://hub.test/", token=token, transport=httpx.MockTransport(handler))


def _item(n: int, size: int = 10) -> SyncItem:
    return SyncItem(f"key-{n}", "roster", {"households": [{"key": f"h{n}", "label": "x" * size}]})


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_unavailable(status: int) -> None:
    """5xx means: try again later."""
    with (
        _client(lambda r: httpx.Response(status, json={"detail": "boom"})) as client,
        pytest.raises(HubUnavailable),
    ):
        client.push([_item(1)])


def test_connection_refused_is_unavailable() -> None:
    """Nobody listening on the port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with (
        HubClient(f"http://127.0.0.1:{port}", token="tok", timeout=2) as client,
        pytest.raises(HubUnavailable),
    ):
        client.confirmations()


def test_timeout_is_unavailable() -> None:
    """A server that accepts the connection but never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with (
            HubClient(f"http://127.0.0.1:{port}", timeout=0.3) as client,
            pytest.raises(HubUnavailable, match="timed out"),
        ):
            client.health()


def test_cut_connection_is_unavailable() -> None:
    """The connection drops mid-request."""

    def cut(_request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection")

    with _client(cut) as client, pytest.raises(HubUnavailable):
        client.push([_item(1)])


@pytest.mark.parametrize("status", [401, 403])
def test_refused_token_is_auth_error(status: int) -> None:
    """A revoked or unknown token."""
    with (
        _client(lambda r: httpx.Response(status, json={"detail": "invalid or revoked token"})) as client,
        pytest.raises(HubAuthError) as error,
    ):
        client.confirmations("5")
    assert "assoc-secret-9f3a" not in str(error.value)


def test_validation_error_is_rejected_with_reason_without_values() -> None:
    """422 carries the field path and message, never the submitted value."""
    detail = [
        {
            "type": "extra_forbidden",
            "loc": ["body", "items", 0, "roster", "payload", "households", 0, "name"],
            "msg": "Extra inputs are not permitted",
            "input": "見本 一郎",
        }
    ]
    with _client(lambda r: httpx.Response(422, json={"detail": detail})) as client:
        (result,) = client.push([_item(1)])
    assert result.status == "rejected"
    assert result.reason == "body.items.0.roster.payload.households.0.name: Extra inputs are not permitted"
    assert "見本" not in str(result)


def test_too_large_is_rejected() -> None:
    """413 for a single item rejects that item with the hub's reason."""
    with _client(lambda r: httpx.Response(413, json={"detail": "request body too large"})) as client:
        (result,) = client.push([_item(1)])
    assert (result.status, result.reason) == ("rejected", "request body too large")


def test_batch_refusal_is_narrowed_to_the_bad_item() -> None:
    """A 422 for a whole batch is retried item by item; only the bad item is rejected."""
    sent: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        items = json.loads(request.content)["items"]
        sent.append(len(items))
        if any(i["payload"].get("bad") for i in items):
            return httpx.Response(422, json={"detail": "string contains NUL"})
        return httpx.Response(200, json={"results": [{"key": i["key"], "status": "applied"} for i in items]})

    bad = {"key": "k-bad", "kind": "close", "payload": {"bad": True}}
    with _client(handler) as client:
        results = client.push([_item(1), bad, _item(2)])
    assert [(r.status, r.reason) for r in results] == [
        ("applied", None),
        ("rejected", "string contains NUL"),
        ("applied", None),
    ]
    assert sent == [3, 1, 1, 1]


def test_auth_refusal_of_a_batch_still_raises() -> None:
    """401 is not an item's fault: it is raised, not narrowed item by item."""
    with (
        _client(lambda r: httpx.Response(401, json={"detail": "unknown token"})) as client,
        pytest.raises(HubAuthError),
    ):
        client.push([_item(1), _item(2)])


def test_non_json_answer_is_unavailable() -> None:
    """A proxy's HTML error page with 200 is not an answer from the hub."""
    with (
        _client(lambda r: httpx.Response(200, text="<html>maintenance</html>")) as client,
        pytest.raises(HubUnavailable),
    ):
        client.health()


def test_enroll_keeps_the_token_and_sends_it_afterwards() -> None:
    """enroll() posts the code; later requests carry the token as a bearer."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/api/v1/enroll":
            body = {
                "association_id": "a1",
                "token": "secret-token",
                "name": "見本町会",
                "school_district": "見本校下",
            }
            return httpx.Response(200, json=body)
        return httpx.Response(200, json={"items": [], "cursor": "0", "has_more": False})

    with _client(handler, token=None) as client:
        enrollment = client.enroll("AAAA-BBBB-CCCC-DDDD")
        client.confirmations()
    assert json.loads(seen[0].content) == {"code": "AAAA-BBBB-CCCC-DDDD"}
    assert "authorization" not in seen[0].headers
    assert seen[1].headers["authorization"] == "Bearer secret-token"
    assert seen[1].url.params["since"] == ""
    assert enrollment.school_district == "見本校下"
    assert "secret-token" not in repr(enrollment)


def test_push_splits_large_batches_and_keeps_order() -> None:
    """Items are sent in order, in requests under the size limit; results come back in order."""
    bodies: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        return httpx.Response(
            200, json={"results": [{"key": i["key"], "status": "applied"} for i in body["items"]]}
        )

    items = [_item(n, size=300_000) for n in range(60)]  # ~18 MB in all
    with _client(handler) as client:
        results = client.push(items)
    assert [r.key for r in results] == [i.key for i in items]
    assert len(bodies) >= 3
    assert all(len(json.dumps(b).encode()) < 10 * 1024 * 1024 for b in bodies)


def test_batches_cap_item_count() -> None:
    """At most 500 items a request, whatever their size."""
    assert [len(b) for b in batches([_item(n) for n in range(1200)])] == [500, 500, 200]


def test_all_confirmations_follows_pages() -> None:
    """has_more makes the client fetch from the returned cursor until the end."""

    def handler(request: httpx.Request) -> httpx.Response:
        since = int(request.url.params["since"] or 0)
        items = [
            {
                "circular_key": "c",
                "household_key": f"h{n}",
                "confirmed_at": "2026-11-24T01:05:00Z",
                "device": "web/phone",
            }
            for n in range(since + 1, min(since + 2, 5) + 1)
        ]
        cursor = since + len(items)
        return httpx.Response(200, json={"items": items, "cursor": str(cursor), "has_more": cursor < 5})

    with _client(handler) as client:
        items, cursor = client.all_confirmations("")
    assert [i.household_key for i in items] == ["h1", "h2", "h3", "h4", "h5"]
    assert cursor == "5"
    assert items[0].confirmed_at == dt.datetime(2026, 11, 24, 1, 5, tzinfo=dt.UTC)


def test_push_accepts_plain_mappings() -> None:
    """The outbox hands over dicts; they are sent as they are."""
    sent: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        sent.extend(body["items"])
        return httpx.Response(
            200, json={"results": [{"key": i["key"], "status": "duplicate"} for i in body["items"]]}
        )

    item = {"key": "k1", "kind": "close", "payload": {"circular_key": "c1"}}
    with _client(handler) as client:
        (result,) = client.push([item])
    assert sent == [item] and (result.key, result.status, result.reason) == ("k1", "duplicate", None)
