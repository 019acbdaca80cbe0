"""The profile's reading list reaches the reader page with the circular, and only its own words."""

from __future__ import annotations

import json

import httpx

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.storage.models import CircularRow, OutboxRow
from tests.hub.support import RunningHub, enroll


def test_reading_list_travels_with_the_circular(hub: RunningHub, desktop: ProfileServices) -> None:
    """Only listed words found in the circular are sent; a later change is sent again and shown."""
    desktop.readings.set("犀川", "さいかわ")
    desktop.readings.set("東海林", "とうかいりん")  # a name that is not in the circular: never sent
    enroll(hub, desktop)
    circular = desktop.circulars.publish(
        desktop.circulars.new_draft(CircularDraft(title="犀川の清掃", body="犀川べりを清掃します。")).id
    )
    desktop.sync.run_once()
    with desktop.context.sessions() as session:
        sent = [json.loads(r.payload) for r in session.query(OutboxRow) if r.kind == "publish"]
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    assert [p["readings"] for p in sent if p["circular_key"] == hub_key] == [{"犀川": "さいかわ"}]
    link = desktop.sync.reader_links(circular.id)[0].url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        assert "<ruby>犀川<rt>さいかわ</rt></ruby>" in http.get(f"{link}/c/{hub_key}?furigana=1").text
        desktop.readings.set("犀川", "さいがわ")  # corrected: the circular goes again
        desktop.sync.run_once()
        assert "<ruby>犀川<rt>さいがわ</rt></ruby>" in http.get(f"{link}/c/{hub_key}?furigana=1").text
    with hub.app.services.sessions.engine.connect() as conn:
        assert "東海林" not in str(conn.exec_driver_sql("SELECT readings FROM circular").all())
