"""Helpers for hub tests: a real uvicorn server on loopback, associations, sync items."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from circular_app.app import ProfileServices
from circular_app.hub.settings import HubSettings
from circular_app.hub.web.app import HubApp, create_app
from circular_app.sync.client import HubClient, SyncItem


@dataclass
class RunningHub:
    """A hub served by uvicorn in a thread; ``base_url`` is http://127.0.0.1:PORT."""

    base_url: str
    app: HubApp
    backend: str

    @property
    def settings(self) -> HubSettings:
        return self.app.settings


def settings_for(db_url: str, **changes: Any) -> HubSettings:
    """Settings for tests: no settle delay on the confirmation cursor, a lenient guess limit.

    Each server counts its guesses under its own namespace: the counters live in the shared
    test database, and one test's failures must not count against the next test's server.
    """
    base = HubSettings(
        db_url=db_url,
        confirmation_settle_seconds=0,
        guess_limit=1000,
        global_guess_limit=100_000,
        limit_namespace=unique("test"),
    )
    return dataclasses.replace(base, **changes)


@contextmanager
def serve(settings: HubSettings, backend: str) -> Iterator[RunningHub]:
    """Start a hub on a free loopback port; stop it on exit."""
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        access_log=False,
        server_header=False,
        # As ``hub serve`` without trusted proxies: the app alone decides about X-Forwarded-For.
        proxy_headers=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="hub-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the hub server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield RunningHub(f"http://127.0.0.1:{port}", app, backend)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def new_key() -> str:
    return str(uuid.uuid4())


def reader_token() -> tuple[str, str]:
    """A 128-bit reader token as the desktop makes it, and its SHA-256 hex."""
    token = secrets.token_urlsafe(16)
    return token, hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Association:
    """An enrolled association with its client."""

    name: str
    association_id: str
    client: HubClient


def enrolled(hub: RunningHub, district: str = "テスト校下") -> Association:
    """Register a new association in-process and enroll it through the real client."""
    new = hub.app.services.registry.add_association(unique("テスト町会"), district)
    client = HubClient(hub.base_url)
    enrollment = client.enroll(new.code)
    return Association(new.name, enrollment.association_id, client)


def roster_item(
    households: Sequence[tuple[str, str]], hans: Sequence[tuple[str, str]] = (("1", "1班"),)
) -> SyncItem:
    """households: (key, label) pairs in 班 "1"."""
    return SyncItem(
        new_key(),
        "roster",
        {
            "hans": [{"key": k, "name": n} for k, n in hans],
            "households": [
                {"key": k, "han_key": hans[0][0], "label": label, "active": True} for k, label in households
            ],
        },
    )


def token_item(household_key: str, token_hash: str, revoked: bool = False) -> SyncItem:
    return SyncItem(
        new_key(),
        "reader_token",
        {"household_key": household_key, "token_hash": token_hash, "revoked": revoked},
    )


def publish_payload(
    circular_key: str,
    household_keys: Sequence[str],
    *,
    title: str = "春の町内一斉清掃のお知らせ",
    body: str = "町内の一斉清掃を行います。\n\n- 日時：5月第4日曜日 午前8時\n- 集合：見本公園",
    version: int = 1,
    number: int = 1,
    **extra: Any,
) -> dict[str, Any]:
    today = dt.date.today()
    payload: dict[str, Any] = {
        "circular_key": circular_key,
        "number": number,
        "fiscal_year": today.year if today.month >= 4 else today.year - 1,
        "title": title,
        "body": body,
        "category": "cleaning",
        "issue_date": today.isoformat(),
        "due_date": (today + dt.timedelta(days=14)).isoformat(),
        "urgency": "normal",
        "version": version,
        "household_keys": list(household_keys),
    }
    payload.update(extra)
    return payload


def publish_item(circular_key: str, household_keys: Sequence[str], **kwargs: Any) -> SyncItem:
    return SyncItem(new_key(), "publish", publish_payload(circular_key, household_keys, **kwargs))


@dataclass
class Household:
    key: str
    token: str
    token_hash: str


def household_with_circular(
    association: Association, circular_key: str | None = None, **publish: Any
) -> tuple[Household, str]:
    """One household with a reader token and one circular addressed to it."""
    token, token_hash = reader_token()
    household = Household(unique("hh"), token, token_hash)
    circular_key = circular_key or new_key()
    results = association.client.push(
        [
            roster_item([(household.key, "1班-1")]),
            token_item(household.key, token_hash),
            publish_item(circular_key, [household.key], **publish),
        ]
    )
    assert [r.status for r in results] == ["applied"] * 3, results
    return household, circular_key


def board_circular(
    association: Association, circular_key: str | None = None, **publish: Any
) -> tuple[str, str]:
    """A circular published with a board token (the paper 回覧板's QR code): (token, circular key).

    It is addressed to one digital household, like most circulars; the board link needs none.
    """
    token, token_hash = reader_token()  # the same format and hash as a reader token
    household = unique("hh")
    circular_key = circular_key or new_key()
    results = association.client.push(
        [
            roster_item([(household, "1班-1")]),
            publish_item(circular_key, [household], board_token_hash=token_hash, **publish),
        ]
    )
    assert [r.status for r in results] == ["applied"] * 2, results
    return token, circular_key


def csrf_of(page_html: str) -> str:
    marker = 'name="csrf" value="'
    start = page_html.index(marker) + len(marker)
    return page_html[start : page_html.index('"', start)]


def confirm(hub: RunningHub, household: Household, circular_key: str) -> httpx.Response:
    """Open the circular and tap 読みました like a browser would."""
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"/r/{household.token}/c/{circular_key}")
        assert page.status_code == 200
        return http.post(f"/r/{household.token}/c/{circular_key}/read", data={"csrf": csrf_of(page.text)})


# -- adoption KPI (issue 11) -------------------------------------------------------------------


def report_json(
    association: str = "見本町会",
    school_district: str = "見本校下",
    *,
    month: str | None = None,
    households_total: int = 60,
    households_digital: int = 21,
    digital_circulars_published: int = 3,
    digital_confirmation_rate: float = 0.5,
    generated_at: str | None = None,
    report_id: str | None = None,
) -> dict[str, Any]:
    """An adoption report as the desktop's AdoptionReport.to_json() makes it."""
    from circular_app.domain.adoption import AdoptionReport

    month = month or dt.date.today().strftime("%Y-%m")
    year, number = int(month[:4]), int(month[5:])
    report = AdoptionReport(
        report_id=report_id or new_key(),
        association=association,
        school_district=school_district,
        fiscal_year=year if number >= 4 else year - 1,
        month=month,
        households_total=households_total,
        households_digital=households_digital,
        digital_circulars_published=digital_circulars_published,
        digital_confirmation_rate=digital_confirmation_rate,
        generated_at=generated_at
        or dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
    )
    return report.to_json()


def report_item(**kwargs: Any) -> SyncItem:
    return SyncItem(new_key(), "adoption_report", report_json(**kwargs))


def city_login(hub: RunningHub, username: str | None = None) -> str:
    """A new city staff account on the hub, logged in through the API: its bearer token."""
    username = username or unique("city")
    password = secrets.token_urlsafe(12)
    hub.app.services.city.add_user(username, password)
    response = httpx.post(
        f"{hub.base_url}/api/v1/city/login", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def enroll(hub: RunningHub, desktop: ProfileServices) -> None:
    """Enroll the desktop's association with a fresh code from ``hub``."""
    new = hub.app.services.registry.add_association(unique("見本町会"), "見本校下")
    desktop.sync.connect(hub.base_url, new.code)
