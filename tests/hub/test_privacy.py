"""The hub never holds a resident's name: the demo roster pushed as the desktop would, then scanned."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from pathlib import Path

import httpx
from sqlalchemy import inspect, text

from circular_app.domain.circulars import Status
from circular_app.domain.reads import is_targeted
from circular_app.domain.roster import Delivery
from circular_app.sync.client import HubClient, SyncItem
from tests.hub.support import RunningHub, unique


def _desktop_items(services) -> tuple[list[SyncItem], dict[str, str], list[str]]:  # type: ignore[no-untyped-def]
    """What the desktop sends: 班 and household keys with labels, token hashes, published circulars."""
    hans = {h.id: h for h in services.roster.list_hans()}
    households = services.roster.list_households()
    roster = {
        "hans": [{"key": str(h.id), "name": h.name} for h in hans.values()],
        "households": [
            {
                "key": h.public_id,
                "han_key": str(h.han_id),
                "label": f"{hans[h.han_id].name}-{h.route_position}",
                "active": h.active,
            }
            for h in households
        ],
    }
    items = [SyncItem(str(uuid.uuid4()), "roster", roster)]
    tokens: dict[str, str] = {}
    for h in households:
        if h.delivery is Delivery.DIGITAL and h.active:
            token = secrets.token_urlsafe(16)
            tokens[h.public_id] = token
            digest = hashlib.sha256(token.encode()).hexdigest()
            items.append(
                SyncItem(
                    str(uuid.uuid4()), "reader_token", {"household_key": h.public_id, "token_hash": digest}
                )
            )
    circular_keys = []
    for c in services.circulars.list_circulars(Status.PUBLISHED):
        key = str(uuid.uuid4())
        circular_keys.append(key)
        targets = [h.public_id for h in households if h.public_id in tokens and is_targeted(c, h)]
        payload = {
            "circular_key": key,
            "number": c.number,
            "fiscal_year": c.fiscal_year,
            "title": c.title,
            "body": c.body,
            "category": c.category.value,
            "issue_date": c.issue_date.isoformat(),
            "due_date": c.due_date.isoformat(),
            "urgency": c.urgency.value,
            "version": c.version,
            "household_keys": targets,
            # Each circular's board link (the QR code on the paper 回覧板), as the desktop sends it.
            "board_token_hash": hashlib.sha256(secrets.token_urlsafe(16).encode()).hexdigest(),
        }
        items.append(SyncItem(str(uuid.uuid4()), "publish", payload))
    return items, tokens, circular_keys


def _personal_strings(services) -> set[str]:  # type: ignore[no-untyped-def]
    found: set[str] = set()
    for h in services.roster.list_households():
        found.add(h.name)
        found.update(part for part in (h.reading, h.phone, h.email) if part)
    return found


def test_hub_database_holds_no_name_of_the_demo_roster(
    hub: RunningHub,
    demo_services,
    db_url: str,
    sqlite_file: Path | None,  # type: ignore[no-untyped-def]
) -> None:
    """Push the demo roster, tokens and circulars the way the desktop does; no name reaches the hub."""
    new = hub.app.services.registry.add_association(unique("見本町会"), "見本校下")
    items, tokens, circular_keys = _desktop_items(demo_services)
    with HubClient(hub.base_url) as client:
        client.enroll(new.code)
        results = client.push(items)
        assert {r.status for r in results} == {"applied"}, [r for r in results if r.status != "applied"]
    assert len(tokens) > 5 and circular_keys
    # A resident reads one, so confirmations are in the database too.
    token = next(iter(tokens.values()))
    listing = httpx.get(f"{hub.base_url}/r/{token}")
    assert listing.status_code == 200

    personal = _personal_strings(demo_services)
    assert len(personal) > 60
    hub.app.services.sessions.engine.dispose()  # flush pooled connections' state before reading bytes
    if sqlite_file is not None:
        raw = b"".join(
            Path(f"{sqlite_file}{suffix}").read_bytes()
            for suffix in ("", "-wal")
            if Path(f"{sqlite_file}{suffix}").exists()
        )
        assert "見本小学校".encode() in raw and "1班-1".encode() in raw  # it sees circulars and households
        leaked = [s for s in personal if s.encode("utf-8") in raw]
    else:
        engine = hub.app.services.sessions.engine
        dump: list[str] = []
        with engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                dump.extend(
                    row[0] for row in conn.execute(text(f'SELECT CAST(t AS text) FROM "{table}" AS t'))
                )
        blob = "\n".join(dump)
        assert "見本小学校" in blob and "1班-1" in blob  # it sees circulars and households
        leaked = [s for s in personal if s in blob]
    assert leaked == []


def _hub_text(hub: RunningHub, sqlite_file: Path | None) -> str:
    """Everything the hub database holds, as text (SQLite: the raw file bytes, decoded)."""
    hub.app.services.sessions.engine.dispose()
    if sqlite_file is not None:
        raw = b"".join(
            Path(f"{sqlite_file}{suffix}").read_bytes()
            for suffix in ("", "-wal")
            if Path(f"{sqlite_file}{suffix}").exists()
        )
        return raw.decode("utf-8", "replace")
    dump: list[str] = []
    with hub.app.services.sessions.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            dump.extend(row[0] for row in conn.execute(text(f'SELECT CAST(t AS text) FROM "{table}" AS t')))
    return "\n".join(dump)


def test_safety_round_chair_link_and_answers_leave_no_name_on_the_hub(
    hub: RunningHub,
    desktop,  # type: ignore[no-untyped-def]
    sqlite_file: Path | None,
) -> None:
    """安否確認: a round, a 会長用リンク and phone answers reach the hub as keys, labels and hashes only."""
    from circular_app.domain.safety import RoundKind
    from tests.hub.support import csrf_of, enroll

    enroll(hub, desktop)
    desktop.sync.run_once()
    officer = "町会長 見本太郎"
    issued = desktop.chair_links.issue(officer)
    desktop.safety.start(RoundKind.EARTHQUAKE, "震度5強")
    assert not desktop.sync.run_once().failed
    link = desktop.sync.reader_links()[0]
    with httpx.Client() as http:
        page = http.get(link.url).text
        round_key = page.split('name="round" value="', 1)[1].split('"', 1)[0]
        answered = http.post(
            f"{link.url}/safety", data={"csrf": csrf_of(page), "round": round_key, "status": "help"}
        )
        assert answered.status_code == 200
    assert desktop.sync.run_once().safety_answers == 1
    blob = _hub_text(hub, sqlite_file)
    assert "震度5強" in blob  # the round itself is there
    token = issued.url.rsplit("/", 1)[1]
    # (The six-digit PIN is not scanned for: six digits can turn up by chance in any hash.)
    secrets_and_names = _personal_strings(desktop) | {officer, token}
    assert [s for s in secrets_and_names if s in blob] == []
    desktop.safety.end()
    desktop.sync.run_once()
