"""One bad item does not stop syncing: the hub's refusal quarantines it and the rest flows.

Runs against a real hub on a loopback socket with the real desktop services and client. The
bad item is old data (a body with a NUL character, refused at input since issue 19), put into
the outbox directly as an older version would have queued it.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from circular_app.app import App, ProfileServices
from circular_app.cli import build_parser
from circular_app.cli.common import EXIT_ERROR, EXIT_OK
from circular_app.cli.sync import COMMANDS
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import NotFoundError
from circular_app.services.sync import SyncState
from circular_app.storage import reads_repo
from circular_app.storage.models import CircularRow, HubConnectionRow, OutboxRow, ReadRecordRow
from tests.hub.support import RunningHub, csrf_of, enroll


def _publish(desktop: ProfileServices, title: str) -> int:
    return desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title=title, body="本文")).id
    ).id


def _poison_last_publish(desktop: ProfileServices) -> int:
    """Put a NUL into the newest queued publish, as old data would carry it; return its id."""
    with desktop.context.sessions.begin() as session:
        row = session.scalars(
            select(OutboxRow).where(OutboxRow.kind == "publish").order_by(OutboxRow.id.desc())
        ).first()
        assert row is not None
        payload = json.loads(row.payload)
        payload["body"] = "本文\x00です"
        row.payload = json.dumps(payload, ensure_ascii=False)
        return row.id


def _hub_key(desktop: ProfileServices, circular_id: int) -> str:
    with desktop.context.sessions() as session:
        row = session.get(CircularRow, circular_id)
        assert row is not None and row.hub_key is not None
        return row.hub_key


def _tap(hub: RunningHub, url: str, circular_key: str) -> None:
    token_path = url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"{token_path}/c/{circular_key}")
        assert page.status_code == 200
        done = http.post(f"{token_path}/c/{circular_key}/read", data={"csrf": csrf_of(page.text)})
        assert done.status_code == 200


def test_refused_item_is_quarantined_and_the_rest_still_flows(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """A refused publish is set aside with the hub's reason; later items and confirmations go on."""
    enroll(hub, desktop)
    _publish(desktop, "壊れた回覧")
    bad = _poison_last_publish(desktop)
    good = _publish(desktop, "あとの回覧")
    first = desktop.sync.run_once()
    assert first.rejected == 1 and first.failed
    (item,) = desktop.sync.quarantined()
    assert item.id == bad and item.kind == "publish" and item.reason
    assert first.status.pending == 0 and first.status.quarantined == 1
    link = desktop.sync.reader_links(good)[0]
    _tap(hub, link.url, _hub_key(desktop, good))
    second = desktop.sync.run_once()
    assert second.confirmations == 1 and second.status.quarantined == 1


def test_sync_once_exits_1_when_an_item_was_refused(
    hub: RunningHub,
    app: App,
    desktop: ProfileServices,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`sync --once` exits 1 while an item is quarantined; --status lists it with the reason."""
    enroll(hub, desktop)
    _publish(desktop, "壊れた回覧")
    bad = _poison_last_publish(desktop)
    desktop.context.close()
    monkeypatch.setenv("KAIRAN_USER", "demo")
    monkeypatch.setenv("KAIRAN_PASSWORD", "kairan-demo")
    parser = build_parser()
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--once"])) == EXIT_ERROR
    capsys.readouterr()
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--status"])) == EXIT_OK
    listed = capsys.readouterr().out
    assert f"項目 {bad}（publish）" in listed and "ハブが受け付けなかった項目 1 件" in listed
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--drop", str(bad)])) == EXIT_OK
    assert COMMANDS["sync"](app, parser.parse_args(["sync", "--once"])) == EXIT_OK


def test_retry_puts_a_quarantined_item_back(hub: RunningHub, desktop: ProfileServices) -> None:
    """After the officer fixes the item, 送り直す sends it and the quarantine is empty."""
    enroll(hub, desktop)
    _publish(desktop, "直す回覧")
    bad = _poison_last_publish(desktop)
    desktop.sync.run_once()
    with desktop.context.sessions.begin() as session:
        row = session.get(OutboxRow, bad)
        assert row is not None
        row.payload = row.payload.replace("\\u0000", "")
    desktop.sync.retry_item(bad)
    again = desktop.sync.run_once()
    assert again.sent == 1 and not again.failed and desktop.sync.quarantined() == []


def test_unknown_item_cannot_be_retried_or_dropped(hub: RunningHub, desktop: ProfileServices) -> None:
    """Only quarantined items can be retried or dropped; others are a typed error."""
    enroll(hub, desktop)
    with pytest.raises(NotFoundError):
        desktop.sync.drop_item(999_999)
    with desktop.context.sessions() as session:
        queued = session.scalar(select(func.min(OutboxRow.id)))
    assert queued is not None
    with pytest.raises(NotFoundError):
        desktop.sync.retry_item(queued)  # queued, not quarantined


def test_failed_confirmation_page_applies_nothing(
    hub: RunningHub, desktop: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that fails half-way leaves no read recorded and the cursor where it was."""
    enroll(hub, desktop)
    first, second = _publish(desktop, "一つめ"), _publish(desktop, "二つめ")
    desktop.sync.run_once()
    for circular_id in (first, second):
        _tap(hub, desktop.sync.reader_links(circular_id)[0].url, _hub_key(desktop, circular_id))
    with desktop.context.sessions() as session:
        conn = session.get(HubConnectionRow, 1)
        assert conn is not None
        cursor = conn.confirmations_cursor
        before = session.scalar(select(func.count()).select_from(ReadRecordRow))
    real = reads_repo.record
    calls: list[int] = []

    def record_then_die(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("killed half-way through the page")
        return real(*args, **kwargs)

    monkeypatch.setattr(reads_repo, "record", record_then_die)
    with pytest.raises(OSError):
        desktop.sync.run_once()
    with desktop.context.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ReadRecordRow)) == before
        conn = session.get(HubConnectionRow, 1)
        assert conn is not None and conn.confirmations_cursor == cursor
    monkeypatch.undo()
    assert desktop.sync.run_once().confirmations == 2
    assert desktop.sync.status().state is SyncState.SYNCED
