"""Issue 19: malformed input never answers 500, forwarded headers, throttling, worker logs."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from circular_app.hub import logs
from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.hub.settings import parse_trusted_proxies
from circular_app.hub.web import app as hub_app
from circular_app.hub.web.middleware import TrustedProxies, json_problem
from tests.hub.support import (
    RunningHub,
    bearer,
    city_login,
    enrolled,
    household_with_circular,
    serve,
    settings_for,
    unique,
)

JSON = "application/json"
# (name, raw body, content type): the edge cases of the attack review, as raw bytes.
MALFORMED: list[tuple[str, bytes, str]] = [
    ("nan", b'{"code": NaN, "username": NaN, "password": NaN, "items": NaN, "app": NaN}', JSON),
    ("infinity", b'{"code": Infinity, "username": -Infinity, "items": [Infinity]}', JSON),
    ("1e999", b'{"code": 1e999, "username": 1e999, "password": 1e999, "since": 1e999, "items": []}', JSON),
    ("5000-digits", b'{"code": ' + b"9" * 5000 + b', "username": 1, "items": [' + b"9" * 5000 + b"]}", JSON),
    ("long-int", b'{"code": 123456789012345678901234567890, "since": 99999999999999999999999}', JSON),
    (
        "lone-surrogate",
        b'{"code": "\\ud800", "username": "\\udfff", "password": "\\ud800xxxxxxxxxxxx", '
        b'"items": [{"key": "\\ud800", "kind": "roster", "payload": {"\\udc00": "\\ud800"}}], '
        b'"app": "\\ud800", "since": "\\ud800"}',
        JSON,
    ),
    ("invalid-utf8", b'{"code": "\xff\xfe\xfd", "username": "\xc3\x28", "password": "\x80"}', JSON),
    ("truncated", b'{"code": "AB', JSON),
    ("deep", b"[" * 100_000 + b"]" * 100_000, JSON),
    ("empty", b"", JSON),
    ("not-an-object", b'"just a string"', JSON),
    ("null", b"null", JSON),
    ("form-csrf", b"csrf=%ff%fe", "application/x-www-form-urlencoded"),
    ("form-garbage", b"\xff\xfe=\x00&&&=%%%", "application/x-www-form-urlencoded"),
    ("wrong-type", b'{"code": "ABCD"}', "text/plain"),
    ("no-type", b'{"code": "ABCD"}', ""),
    ("binary", bytes(range(256)) * 4, "application/octet-stream"),
]


@pytest.fixture(scope="module")
def authorised(hub: RunningHub) -> Iterator[dict[str, object]]:
    """An association token, a city staff token and a reader link on the shared hub."""
    association = enrolled(hub)
    household, circular_key = household_with_circular(association)
    yield {
        "association": association.client.token,
        "city": city_login(hub),
        "reader": f"/r/{household.token}/c/{circular_key}/read",
        "name": association.name,
    }
    association.client.close()


def _endpoints(ids: dict[str, object]) -> list[tuple[str, str, str | None]]:
    """Every endpoint that takes a body: (method, path, bearer token or ``None``)."""
    city = str(ids["city"])
    name = str(ids["name"])
    return [
        ("POST", "/api/v1/enroll", None),
        ("POST", "/api/v1/sync", str(ids["association"])),
        ("POST", "/api/v1/city/login", None),
        ("POST", "/api/v1/city/registry/import", city),
        ("POST", "/api/v1/city/associations/no-such-association/revoke", city),
        ("PUT", f"/api/v1/city/associations/{name}/declared-app", city),
        ("PUT", "/api/v1/city/action-plan", city),
        ("POST", str(ids["reader"]), None),
        ("POST", "/r/AAAAAAAAAAAAAAAAAAAAAA/c/x/read", None),
    ]


@pytest.mark.parametrize(("case", "body", "content_type"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_bodies_never_answer_500(
    hub: RunningHub, authorised: dict[str, object], case: str, body: bytes, content_type: str
) -> None:
    """Raw malformed bodies on every endpoint with a body: 400/401/403/404/409/413/422, never 500."""
    failures = []
    with httpx.Client(base_url=hub.base_url, timeout=30) as http:
        for method, path, token in _endpoints(authorised):
            headers = {"content-type": content_type} if content_type else {}
            if token is not None:
                headers |= bearer(token)
            answer = http.request(method, path, content=body, headers=headers)
            if answer.status_code >= 500 or (answer.status_code == 200 and case != "form-csrf"):
                failures.append(f"{method} {path}: {answer.status_code} {answer.text[:200]}")
    assert failures == []


def test_malformed_json_gets_a_short_reason(hub: RunningHub) -> None:
    """A NaN in the JSON answers 400 with a reason, not a stack trace."""
    answer = httpx.post(
        f"{hub.base_url}/api/v1/enroll", content=b'{"code": NaN}', headers={"content-type": JSON}
    )
    assert answer.status_code == 400
    assert answer.json() == {"detail": "NaN is not allowed"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"a": NaN}', "NaN is not allowed"),
        (b'{"a": -Infinity}', "-Infinity is not allowed"),
        (b'{"a": 1e999}', "number out of range"),
        (b"[" + b"1" * 19 + b"]", "number out of range"),
        (b'{"a": "\\ud800"}', "lone surrogate in a string"),
        (b'{"\\udfff": 1}', "lone surrogate in a string"),
        (b'"\xff"', "body is not UTF-8"),
        (b"{", "invalid JSON"),
        (b'{"a": "\\ud83d\\ude00", "b": 1.5, "c": 123456789012345678}', None),
    ],
)
def test_json_problem(body: bytes, reason: str | None) -> None:
    """The JSON check names each kind of malformed body (and accepts a valid one)."""
    assert json_problem(body) == reason


def test_malformed_requests_count_towards_the_guess_limit(db_url: str, backend: str) -> None:
    """Malformed bodies are failures: after the limit, the address gets 429."""
    with serve(settings_for(db_url, guess_limit=3), backend) as strict:
        url = f"{strict.base_url}/api/v1/city/login"
        for _ in range(3):
            answer = httpx.post(url, content=b'{"username": NaN}', headers={"content-type": JSON})
            assert answer.status_code == 400
        answer = httpx.post(url, content=b'{"username": NaN}', headers={"content-type": JSON})
        assert answer.status_code == 429


def test_forwarded_for_is_ignored_by_default(strict_hub: RunningHub) -> None:
    """Guesses from many spoofed X-Forwarded-For addresses still hit 429 (no trusted proxy)."""
    statuses = [
        httpx.get(
            f"{strict_hub.base_url}/r/guess{n:020d}", headers={"x-forwarded-for": f"10.0.0.{n}"}
        ).status_code
        for n in range(1, 7)
    ]
    assert statuses[:3] == [404, 404, 404]
    assert set(statuses[3:]) == {429}


def test_forwarded_for_is_used_from_a_trusted_proxy(db_url: str, backend: str) -> None:
    """Behind a trusted proxy each forwarded client has its own window."""
    settings = settings_for(db_url, guess_limit=3, trusted_proxies=("127.0.0.1",))
    with serve(settings, backend) as proxied:
        url = f"{proxied.base_url}/r/guess{0:020d}"
        for _ in range(3):
            assert httpx.get(url, headers={"x-forwarded-for": "203.0.113.5"}).status_code == 404
        assert httpx.get(url, headers={"x-forwarded-for": "203.0.113.5"}).status_code == 429
        # Another resident behind the same proxy is not blocked, whatever it claims further left.
        other = {"x-forwarded-for": "203.0.113.5, 198.51.100.7"}
        assert httpx.get(url, headers=other).status_code == 404


def test_trusted_proxies_pick_the_rightmost_untrusted_address() -> None:
    """X-Forwarded-For is read from the right, skipping trusted proxies; others' headers are ignored."""
    proxies = TrustedProxies(parse_trusted_proxies("127.0.0.1, 10.0.0.0/8"))
    assert proxies.client("127.0.0.1", "1.1.1.1, 2.2.2.2, 10.1.2.3") == "2.2.2.2"
    assert proxies.client("192.0.2.1", "2.2.2.2") == "192.0.2.1"
    assert proxies.client("127.0.0.1", None) == "127.0.0.1"
    assert TrustedProxies().client("127.0.0.1", "2.2.2.2") == "127.0.0.1"


def test_global_failures_are_throttled_too(db_url: str, backend: str) -> None:
    """A guesser spread over many addresses meets the global limit; valid links still load."""
    settings = settings_for(db_url, global_guess_limit=4, trusted_proxies=("127.0.0.1",))
    with serve(settings, backend) as proxied:
        association = enrolled(proxied)
        try:
            household, _key = household_with_circular(association)
        finally:
            association.client.close()
        url = f"{proxied.base_url}/r/guess{0:020d}"
        statuses = [httpx.get(url, headers={"x-forwarded-for": f"10.9.0.{n}"}).status_code for n in range(6)]
        assert statuses[-1] == 429
        assert httpx.get(f"{proxied.base_url}/r/{household.token}").status_code == 200


def test_valid_enrollment_is_served_while_the_address_is_throttled(strict_hub: RunningHub) -> None:
    """Only failed lookups are throttled: a real enrollment code still works."""
    for _ in range(4):
        httpx.post(f"{strict_hub.base_url}/api/v1/enroll", json={"code": "ZZZZ"})
    new = strict_hub.app.services.registry.add_association(unique("制限町会"), "制限校下")
    answer = httpx.post(f"{strict_hub.base_url}/api/v1/enroll", json={"code": new.code})
    assert answer.status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_workers_log_json_request_lines(db_url: str, backend: str, tmp_path: Path) -> None:
    """``hub serve --workers 2`` writes JSON lines with request lines from its workers."""
    port = _free_port()
    env = {**os.environ, "KAIRAN_DATA_DIR": str(tmp_path)}
    log_file = tmp_path / "hub.log"
    argv = [sys.executable, "-m", "circular_app", "hub", "serve", "--db", db_url, "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--workers", "2"]
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=log, cwd=Path(__file__).resolve().parents[2]
        )
        try:
            deadline = time.monotonic() + 60
            answered = False
            while not answered and time.monotonic() < deadline and process.poll() is None:
                try:
                    answered = (
                        httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200
                    )
                except httpx.TransportError:
                    time.sleep(0.2)
            assert answered, log_file.read_text(errors="replace")[-2000:]
            for _ in range(5):
                httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
    lines = [line for line in log_file.read_text(errors="replace").splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    requests = [e for e in entries if e.get("event") == "request"]
    assert requests and all(e["route"] == "/api/v1/health" and e["status"] == 200 for e in requests)


def _serve_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *extra: str) -> dict[str, object]:
    """The options ``hub serve`` hands to uvicorn (nothing is started)."""
    captured: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda _app, **options: captured.update(options))
    monkeypatch.setattr(hub_app, "frozen_for_serving", lambda app: app)
    monkeypatch.setattr(logs, "configure_logging", lambda _level: None)
    parser = argparse.ArgumentParser()
    add_hub_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["hub", "serve", "--db", f"sqlite:///{tmp_path / 'hub.db'}", *extra])
    assert run_hub_command(args) == 0
    return captured


def test_serve_trusts_no_proxy_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without ``--trusted-proxy`` uvicorn does not read forwarded headers either."""
    options = _serve_options(monkeypatch, tmp_path)
    assert options["proxy_headers"] is False and options["forwarded_allow_ips"] == ""


def test_serve_passes_trusted_proxies_to_uvicorn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``--trusted-proxy`` (repeatable, or the old ``--forwarded-allow-ips``) reaches uvicorn."""
    options = _serve_options(
        monkeypatch, tmp_path, "--trusted-proxy", "10.0.0.1", "--forwarded-allow-ips", "10.1.0.0/16"
    )
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == "10.0.0.1/32,10.1.0.0/16"


def test_serve_refuses_a_malformed_proxy_address(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A proxy that is not an address or network is refused with exit code 2."""
    monkeypatch.setattr(uvicorn, "run", lambda _app, **options: None)
    parser = argparse.ArgumentParser()
    add_hub_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["hub", "serve", "--db", f"sqlite:///{tmp_path / 'hub.db'}", "--trusted-proxy", "proxy.example"]
    )
    assert run_hub_command(args) == 2
