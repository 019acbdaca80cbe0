"""Forms answered on the reader page reach the desktop with sync (issue 21).

Runs against a real hub on a loopback socket, on SQLite and on PostgreSQL: the desktop
publishes a circular with a 総会 form, a household answers on its page (plain HTTP posts, as a
browser without JavaScript), and each sync round records the answer, its change and its
withdrawal as スマホ answers — once each, with the history kept, and no names on the hub.
"""

from __future__ import annotations

import json

import httpx
from sqlalchemy import MetaData

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.forms import Attendance, AttendanceAnswer, Channel, parse_form
from circular_app.storage.models import CircularRow, OutboxRow
from tests.hub.support import RunningHub, csrf_of, enroll

FORM = """
general_meeting = true

[[question]]
kind = "attendance"
text = "定期総会に出席されますか"
required = true
people = false

[[question]]
kind = "motion"
text = "第1号議案　今年度予算"

[[question]]
kind = "single"
text = "懇親会のご都合"
choices = ["土曜", "日曜"]
"""


def _post(hub: RunningHub, url: str, key: str, data: dict[str, str]) -> httpx.Response:
    """Open the circular on the household's page and send its form like a browser would."""
    path = url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"{path}/c/{key}")
        assert page.status_code == 200
        return http.post(f"{path}/c/{key}/answer", data={"csrf": csrf_of(page.text), **data})


def test_phone_answers_arrive_change_and_are_withdrawn(hub: RunningHub, desktop: ProfileServices) -> None:
    """Publish with a form → answer on the page → sync → a スマホ answer; change; withdraw."""
    enroll(hub, desktop)
    draft = desktop.circulars.new_draft(CircularDraft(title="定期総会のお知らせ", body="本文です。"))
    desktop.answers.attach_form(draft.id, parse_form(FORM, "form.toml"))
    circular = desktop.circulars.publish(draft.id)
    with desktop.context.sessions() as session:
        sent = [json.loads(r.payload) for r in session.query(OutboxRow).filter(OutboxRow.kind == "publish")]
        hub_key = session.get(CircularRow, circular.id).hub_key  # type: ignore[union-attr]
    form = next(p["form"] for p in sent if p["circular_key"] == hub_key)
    assert [q["kind"] for q in form["questions"]] == ["attendance", "motion", "single"]
    assert form["questions"][0]["choices"] == ["出席", "欠席", "委任状", "書面議決"]
    assert form["questions"][1]["motions"] == ["第1号議案　今年度予算"]
    assert desktop.sync.run_once().status.quarantined == 0
    assert hub_key is not None
    link = desktop.sync.reader_links(circular.id)[0]
    hid = link.household_id

    page = httpx.get(f"{link.url}/c/{hub_key}").text
    assert "第1号議案　今年度予算" in page and "委任状" in page and "日曜" in page
    answered = _post(hub, link.url, hub_key, {"q1": "出席", "q2m1": "賛成", "q3": "日曜"})
    assert answered.status_code == 200, answered.text
    first = desktop.sync.run_once()
    assert first.answers == 1
    current = desktop.answers.results(circular.id).answers[hid]
    assert current.channel is Channel.PHONE
    assert dict(current.answers) == {1: AttendanceAnswer(Attendance.PRESENT), 2: "賛成", 3: "日曜"}

    # A changed answer replaces it here; the earlier one stays in the history.
    assert _post(hub, link.url, hub_key, {"q1": "委任状", "q2m1": "反対", "q3": "土曜"}).status_code == 200
    assert desktop.sync.run_once().answers == 1
    results = desktop.answers.results(circular.id)
    assert dict(results.answers[hid].answers) == {1: AttendanceAnswer(Attendance.PROXY), 2: "反対", 3: "土曜"}
    assert results.meeting is not None and results.meeting.proxies_to_chair == 1

    # A withdrawal on the page takes the household out of the counts here too.
    withdrawn = _post(hub, link.url, hub_key, {"withdraw": "1"})
    assert withdrawn.status_code == 200 and "回答を取り消しました" in withdrawn.text
    assert desktop.sync.run_once().answers == 1
    assert hid not in desktop.answers.results(circular.id).answers
    history = desktop.answers.history(circular.id, hid)
    assert [(r.channel, r.withdrawn) for r in history] == [(Channel.PHONE, False)] * 2 + [
        (Channel.PHONE, True)
    ]

    # The cursor was stored with the answers: another round records nothing twice.
    assert desktop.sync.run_once().answers == 0
    assert len(desktop.answers.history(circular.id, hid)) == 3

    # The hub never saw a name: households travel by opaque key and label only.
    names = {h.name for h in desktop.roster.list_households()}
    with hub.app.services.sessions.engine.connect() as conn:
        meta = MetaData()
        meta.reflect(conn)
        dump = " ".join(str(row) for table in meta.sorted_tables for row in conn.execute(table.select()))
    assert not [n for n in names if n in dump]
