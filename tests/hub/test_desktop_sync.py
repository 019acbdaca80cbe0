"""The desktop and the hub together: enroll, sync, read on the hub, see it in the matrix.

Runs against a real hub on a loopback socket, on SQLite and on PostgreSQL, with the real
desktop services and the real HTTP client. Also the sync fault cases of the sync issue.
"""

from __future__ import annotations

import datetime as dt
import socket

import httpx
import pytest
from sqlalchemy import update

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import ValidationError
from circular_app.domain.reads import CellState
from circular_app.services.sync import SyncState
from circular_app.services.trainer import create_practice
from circular_app.storage.models import OutboxRow
from tests.hub.support import RunningHub, csrf_of, enroll, unique


def _tap(hub: RunningHub, url: str, circular_key: str) -> httpx.Response:
    token_path = url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"{token_path}/c/{circular_key}")
        assert page.status_code == 200
        return http.post(f"{token_path}/c/{circular_key}/read", data={"csrf": csrf_of(page.text)})


def test_publish_read_on_hub_appears_in_matrix(hub: RunningHub, desktop: ProfileServices) -> None:
    """A published circular reaches the hub; a tap on a reader link becomes a digital read."""
    enroll(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="ハブ経由の回覧", body="本文です。")).id
    )
    first = desktop.sync.run_once()
    assert first.status.state is SyncState.SYNCED and first.sent >= 3
    link = desktop.sync.reader_links(circular.id)[0]
    key = desktop.circulars.get(circular.id)
    with desktop.context.sessions() as session:
        from circular_app.storage.models import CircularRow

        hub_key = session.get(CircularRow, key.id).hub_key  # type: ignore[union-attr]
    assert hub_key is not None
    assert _tap(hub, link.url, hub_key).status_code == 200
    second = desktop.sync.run_once()
    assert second.confirmations == 1
    matrix = desktop.reads.matrix()
    row = next(i for i, h in enumerate(matrix.households) if h.id == link.household_id)
    col = next(i for i, c in enumerate(matrix.circulars) if c.id == circular.id)
    assert matrix.state(row, col) is CellState.READ_DIGITAL


def test_sending_twice_applies_once(hub: RunningHub, desktop: ProfileServices) -> None:
    """Items re-sent after a lost answer come back as duplicates and change nothing."""
    enroll(hub, desktop)
    first = desktop.sync.run_once()
    with desktop.context.sessions.begin() as session:
        session.execute(update(OutboxRow).values(sent_at=None))  # as if the answers were lost
    again = desktop.sync.run_once()
    assert again.sent == 0 and again.duplicates == first.sent


def test_hub_down_keeps_items_and_says_offline(app: App, desktop: ProfileServices, hub: RunningHub) -> None:
    """With the hub unreachable nothing is lost; the state says オフライン; later it all arrives."""
    enroll(hub, desktop)
    desktop.sync.run_once()
    with desktop.context.sessions.begin() as session:
        from circular_app.storage.models import HubConnectionRow

        conn = session.get(HubConnectionRow, 1)
        assert conn is not None
        real = conn.base_url
        with socket.socket() as probe:  # a port with nothing listening
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        conn.base_url = f"http://127.0.0.1:{port}"
    desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="停止中の発行", body="本文")).id
    )
    down = desktop.sync.run_once()
    assert down.status.state is SyncState.OFFLINE and down.status.pending >= 1
    with desktop.context.sessions.begin() as session:
        session.execute(update(OutboxRow).values(next_attempt_at=None))
        conn = session.get(HubConnectionRow, 1)
        assert conn is not None
        conn.base_url = real
    up = desktop.sync.run_once()
    assert up.status.state is SyncState.SYNCED and up.sent >= 1


def test_revoked_association_shows_error(hub: RunningHub, desktop: ProfileServices) -> None:
    """After the city revokes the association, a round ends in an error with the reason."""
    name = unique("見本町会")
    new = hub.app.services.registry.add_association(name, "見本校下")
    desktop.sync.connect(hub.base_url, new.code)
    hub.app.services.registry.revoke_association(name)
    result = desktop.sync.run_once()
    assert result.status.state is SyncState.ERROR and "取り消し" in result.status.error


def test_hub_never_receives_names(hub: RunningHub, desktop: ProfileServices) -> None:
    """After a full sync, the hub's rows carry no household name, and no 要配慮 flag or note."""
    households = desktop.roster.list_households()
    desktop.care.set_care_need(households[0].id, True, "要配慮メモ車いす")
    enroll(hub, desktop)
    desktop.roster.update_household(households[0].id, households[0].as_draft())  # a roster change to send
    desktop.care.set_care_need(households[1].id, True, "要配慮メモ耳が遠い")
    desktop.sync.run_once()
    with desktop.context.sessions() as session:
        sent = " ".join(row.payload for row in session.query(OutboxRow))
    assert "要配慮" not in sent and "care" not in sent
    names = {h.name for h in households} | {"要配慮", "車いす", "耳が遠い"}
    with hub.app.services.sessions.engine.connect() as conn:
        from sqlalchemy import MetaData

        meta = MetaData()
        meta.reflect(conn)
        dump = " ".join(str(row) for table in meta.sorted_tables for row in conn.execute(table.select()))
    assert not [n for n in names if n in dump]


def test_practice_profile_refuses_non_loopback_hub(app: App) -> None:
    """A practice profile cannot enroll with a hub that is not on this machine's loopback."""
    context = create_practice(app.profiles)
    services = app.services_for(context)
    try:
        with pytest.raises(ValidationError, match="練習用"):
            services.sync.connect("https://hub.city.example.jp", "ABCD-EFGH-JKMN-PQRS")
        assert not services.sync.is_connected()
    finally:
        context.close()


def test_reader_date_is_japan_time(hub: RunningHub, desktop: ProfileServices) -> None:
    """A confirmation's UTC time becomes the Japanese date in the desktop's records."""
    enroll(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="日付", body="本文")).id
    )
    desktop.sync.run_once()
    link = desktop.sync.reader_links(circular.id)[0]
    with desktop.context.sessions() as session:
        from circular_app.storage.models import CircularRow

        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    assert hub_key is not None
    _tap(hub, link.url, hub_key)
    desktop.sync.run_once()
    record = desktop.reads.records(circular.id)[link.household_id]
    jst_today = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).date()
    assert record.read_on == jst_today


def test_sync_brings_the_city_plan_and_citywide_count(
    hub: RunningHub, app: App, desktop: ProfileServices
) -> None:
    """After a round the sidebar store holds the city-wide count and the city's newer plan."""
    import json

    plans = app.action_plans()
    bundled = plans.current().plan
    doc = json.loads(
        (app.paths.resources / "action_plan" / "kanazawa-region-2023.json").read_text(encoding="utf-8")
    )
    doc["data_version"] = bundled.data_version + 100
    hub.app.services.city.publish_plan(json.dumps(doc, ensure_ascii=False), "city-test")
    enroll(hub, desktop)
    desktop.sync.run_once()
    citywide = app.action_plans().citywide()
    assert citywide is not None and citywide[0] >= 0 and citywide[1] == dt.date.today()
    assert app.action_plans().current().plan.data_version == bundled.data_version + 100


def test_killed_during_sync_loses_nothing_and_counts_nothing_twice(
    hub: RunningHub, app: App, desktop: ProfileServices
) -> None:
    """SIGKILL in the middle of sync rounds: a later round delivers everything exactly once."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from circular_app.domain.accounts import Role
    from tests.conftest import ADMIN_PASSWORD, ADMIN_USER

    enroll(hub, desktop)
    for n in range(40):
        c = desktop.circulars.new_draft(CircularDraft(title=f"一斉送信{n}", body="本文"))
        desktop.circulars.publish(c.id)
    ref = desktop.context.ref
    desktop.context.close()
    # The worker logs in as the demo officer: give it the fixture's admin account too.
    again = app.services_for(app.profiles.open_profile(ref, "demo", "kairan-demo"))
    again.accounts.add_officer(ADMIN_USER, "会長", Role.ADMIN, ADMIN_PASSWORD)
    again.context.close()
    root = Path(__file__).resolve().parents[2]
    with subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", str(app.paths.data_dir), "sync"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "READY"
        time.sleep(0.3)  # not a timing assertion: only where the kill lands varies
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    final = app.services_for(app.profiles.open_profile(ref, "demo", "kairan-demo"))
    try:
        final.sync.run_once()
        assert final.sync.status().state is SyncState.SYNCED
        with hub.app.services.sessions.engine.connect() as conn:
            from sqlalchemy import text

            titles = [r[0] for r in conn.execute(text("SELECT title FROM circular"))]
        for n in range(40):
            assert titles.count(f"一斉送信{n}") == 1
    finally:
        final.context.close()


def test_retry_time_from_a_wrong_clock_does_not_hold_items(hub: RunningHub, desktop: ProfileServices) -> None:
    """Items whose retry time was set by a clock years ahead are sent at the next round."""
    enroll(hub, desktop)
    with desktop.context.sessions.begin() as session:
        session.execute(update(OutboxRow).values(next_attempt_at=dt.datetime(2099, 1, 1), attempts=3))
    result = desktop.sync.run_once()
    assert result.status.state is SyncState.SYNCED and result.sent >= 1


def test_connection_cut_after_the_hub_applied(hub: RunningHub, desktop: ProfileServices, app: App) -> None:
    """The answer is lost after the hub applied the items: offline now, nothing doubled later."""
    from circular_app.services.sync import SyncService
    from circular_app.sync.client import HubClient

    class CutAfterSend(httpx.HTTPTransport):
        """Delivers the request to the real hub, then loses the answer."""

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            if request.url.path.endswith("/sync"):
                response.close()
                raise httpx.ReadError("connection cut", request=request)
            return response

    enroll(hub, desktop)
    cut = SyncService(desktop.context, lambda url, token: HubClient(url, token, transport=CutAfterSend()))
    lost = cut.run_once()
    assert lost.status.state is SyncState.OFFLINE and lost.sent == 0
    with desktop.context.sessions.begin() as session:
        session.execute(update(OutboxRow).values(next_attempt_at=None))
    again = desktop.sync.run_once()
    assert again.sent == 0 and again.duplicates >= 1 and again.status.state is SyncState.SYNCED


def test_household_added_to_a_circular_gets_it_behind_its_link(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """A digital household added after publication reads the circular on the hub only once
    「この回覧にも加える」 has been chosen and synced; its tap then counts."""
    from circular_app.domain.roster import Delivery, HouseholdDraft
    from circular_app.storage.models import CircularRow

    enroll(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="後から加える回覧", body="本文です。")).id
    )
    han = desktop.roster.list_hans()[0]
    new = desktop.roster.add_household(
        HouseholdDraft(name="新入 太郎", han_id=han.id, delivery=Delivery.DIGITAL)
    )
    desktop.sync.run_once()
    assert new.id not in {link.household_id for link in desktop.sync.reader_links(circular.id)}
    url = next(link.url for link in desktop.sync.reader_links() if link.household_id == new.id)
    with desktop.context.sessions() as session:
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    assert hub_key is not None
    with httpx.Client(base_url=hub.base_url) as http:
        assert http.get(f"{url.removeprefix(hub.base_url)}/c/{hub_key}").status_code == 404
    assert desktop.circulars.add_recipients(circular.id, [new.id]) == 1
    desktop.sync.run_once()
    assert new.id in {link.household_id for link in desktop.sync.reader_links(circular.id)}
    assert _tap(hub, url, hub_key).status_code == 200
    assert desktop.sync.run_once().confirmations == 1
    assert desktop.reads.records(circular.id)[new.id].channel.value == "digital"
