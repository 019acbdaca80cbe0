"""Answers on the reader page (issue 21), on SQLite and PostgreSQL hubs.

A household answers a circular's form on its page (plain HTML form), changes its answer (the
latest counts, the history stays), cannot answer after the deadline or once the circular is
closed, and its free text is always escaped. The desktop fetches the answers with the
cursor (no names), and acknowledged answers are purged after the deadline and the retention.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select

from circular_app.domain.calendar import wareki
from circular_app.domain.wire import deadline_end
from circular_app.hub.services.answers import AnswerService, Saved
from circular_app.hub.storage.models import AnswerHistoryRow, AnswerRow
from tests.hub.support import (
    Association,
    Household,
    RunningHub,
    SyncItem,
    csrf_of,
    household_with_circular,
    new_key,
    publish_item,
)

NewAssociation = Callable[..., Association]
TODAY = dt.date.today()


def form_payload(deadline: dt.date | None = None) -> dict[str, Any]:
    """Every kind of question once."""
    form: dict[str, Any] = {
        "questions": [
            {"no": 1, "kind": "attendance", "text": "総会に出席しますか", "max_value": 5},
            {"no": 2, "kind": "single", "text": "ご都合のよい日", "choices": ["土曜", "日曜"]},
            {
                "no": 3,
                "kind": "multiple",
                "text": "手伝える係",
                "choices": ["受付", "片付け", "会計"],
                "required": False,
            },
            {"no": 4, "kind": "number", "text": "参加する子どもの数", "min_value": 0, "max_value": 10},
            {"no": 5, "kind": "text", "text": "ご意見", "max_length": 50, "required": False},
            {"no": 6, "kind": "motion", "text": "議案への賛否", "motions": ["令和8年度予算", "役員選出"]},
        ]
    }
    if deadline is not None:
        form["deadline"] = deadline.isoformat()
    return form


GOOD = {
    "q1": "出席",
    "q1p": "2",
    "q2": "日曜",
    "q3": ["受付", "会計"],
    "q4": "３",  # full-width digits are fine
    "q5": "駐車場の案内をお願いします",
    "q6m1": "賛成",
    "q6m2": "棄権",
}


def with_form(association: Association, **publish: Any) -> tuple[Household, str]:
    publish.setdefault("form", form_payload())
    return household_with_circular(association, **publish)


def post(hub: RunningHub, household: Household, key: str, data: dict[str, Any]) -> httpx.Response:
    """Open the circular and send its form like a browser would."""
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"/r/{household.token}/c/{key}")
        assert page.status_code == 200
        return http.post(f"/r/{household.token}/c/{key}/answer", data={"csrf": csrf_of(page.text), **data})


def page(hub: RunningHub, household: Household, key: str) -> str:
    response = httpx.get(f"{hub.base_url}/r/{household.token}/c/{key}")
    assert response.status_code == 200
    return response.text


def test_answer_and_change_it(hub: RunningHub, new_association: NewAssociation) -> None:
    """The form is shown, an answer is confirmed back, a change counts and the history is kept."""
    association = new_association()
    household, key = with_form(association)
    shown = page(hub, household, key)
    assert shown.count("<fieldset") == 8  # six questions and two motions
    assert '<label class="choice" for="q2-1"><input type="radio" id="q2-1" name="q2" value="土曜"' in shown
    assert "<script" not in shown

    done = post(hub, household, key, GOOD)
    assert done.status_code == 200, done.text
    assert "回答を受け付けました" in done.text
    for repeated in (
        "出席（2人）",
        "日曜",
        "受付、会計",
        ">3<",
        "駐車場の案内をお願いします",
        "令和8年度予算」：賛成",
    ):
        assert repeated in done.text
    due = TODAY + dt.timedelta(days=14)  # the deadline defaults to the due date
    assert f"締め切りの<strong>{wareki(due, weekday=True)}</strong>までは" in done.text
    # Answering counts as having read it.
    (read,) = association.client.confirmations().items
    assert (read.circular_key, read.household_key) == (key, household.key)
    # The page now shows the answer, ready to change.
    again = page(hub, household, key)
    assert 'value="日曜" checked' in again and "回答済みです" in again

    changed = post(hub, household, key, {**GOOD, "q1": "欠席", "q1p": "", "q2": "土曜"})
    assert changed.status_code == 200 and "欠席" in changed.text

    feed = association.client.answers()
    assert [a.answers["1"] for a in feed.items] == [
        {"choice": "出席", "people": 2},
        {"choice": "欠席", "people": 0},
    ]
    latest = feed.items[-1]
    assert (latest.circular_key, latest.household_key, latest.withdrawn) == (key, household.key, False)
    assert latest.answers == {
        "1": {"choice": "欠席", "people": 0},
        "2": "土曜",
        "3": ["受付", "会計"],
        "4": 3,
        "5": "駐車場の案内をお願いします",
        "6": ["賛成", "棄権"],
    }
    sessions = hub.app.services.sessions
    with sessions.read() as session:
        current = session.scalars(
            select(AnswerRow.answers).join(AnswerHistoryRow, AnswerHistoryRow.id == AnswerRow.history_id)
        ).all()
    assert any(json.loads(c)["2"] == "土曜" for c in current)

    # Taking it back is one more change; then the form is empty again.
    withdrawn = post(hub, household, key, {"withdraw": "1"})
    assert withdrawn.status_code == 200 and "回答を取り消しました" in withdrawn.text
    more = association.client.answers(feed.cursor)
    assert [(a.withdrawn, a.answers) for a in more.items] == [(True, {})]
    assert "checked" not in page(hub, household, key)


def test_sync_carries_no_names(hub: RunningHub, new_association: NewAssociation) -> None:
    """The answers feed names households by key only: not even the officer's label."""
    association = new_association()
    household, key = with_form(association)
    assert post(hub, household, key, GOOD).status_code == 200
    response = association.client._request("GET", "/answers", params={"since": ""})
    (item,) = response["items"]
    assert set(item) == {"circular_key", "household_key", "answers", "answered_at", "withdrawn"}
    assert "1班-1" not in json.dumps(response, ensure_ascii=False)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["answered_at"])


def test_mistakes_are_shown_next_to_the_field_and_nothing_is_stored(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Wrong entries come back with Japanese messages; what was typed stays; nothing is saved."""
    association = new_association()
    household, key = with_form(association)
    wrong = {**GOOD, "q1p": "9", "q2": "", "q4": "十", "q5": "あ" * 51, "q6m2": ""}
    response = post(hub, household, key, wrong)
    assert response.status_code == 400
    text = response.text
    assert "入力を確かめてください（5か所）" in text
    assert 'id="q1-error"' in text and "出席する人数を、1から5までの数字で入れてください。" in text
    assert "選択肢から一つ選んでください。" in text
    assert "数字（0から9）だけで入れてください。" in text
    assert "50文字以内で書いてください（いまは51文字です）。" in text
    assert "第2号議案について、賛成・反対・棄権から選んでください。" in text
    assert 'aria-describedby="q4-error" aria-invalid="true"' in text
    assert 'value="十"' in text and "あ" * 51 in text and 'value="会計" checked' in text  # kept
    assert association.client.answers().items == ()
    assert association.client.confirmations().items == ()


def test_free_text_is_escaped(hub: RunningHub, new_association: NewAssociation) -> None:
    """<script> in an answer is shown as text on the confirmation and on the page."""
    association = new_association()
    household, key = with_form(association)
    attack = '<script>alert("x")</script>'
    done = post(hub, household, key, {**GOOD, "q5": attack})
    assert done.status_code == 200
    assert "<script" not in done.text and html.escape(attack) in done.text
    shown = page(hub, household, key)
    assert "<script" not in shown and html.escape(attack) in shown
    assert association.client.answers().items[0].answers["5"] == attack  # stored as typed: text


def test_no_answers_after_the_deadline_or_once_closed(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Past the deadline (end of that day in Japan) or after 回覧終了: no form, posts refused."""
    association = new_association()
    issue = TODAY - dt.timedelta(days=10)
    deadline = TODAY - dt.timedelta(days=2)
    household, late = with_form(
        association,
        issue_date=issue.isoformat(),
        due_date=(TODAY - dt.timedelta(days=1)).isoformat(),
        form=form_payload(deadline),
    )
    shown = page(hub, household, late)
    assert "<fieldset" not in shown
    assert f"回答の締め切り（{wareki(deadline, weekday=True)}）を過ぎたため" in shown
    refused = post(hub, household, late, GOOD)
    assert refused.status_code == 409
    assert "回答を受け付けられませんでした" in refused.text and "締め切り" in refused.text

    open_key = new_key()
    pushed = association.client.push(
        [
            publish_item(open_key, [household.key], form=form_payload()),
            SyncItem(new_key(), "close", {"circular_key": open_key}),
        ]
    )
    assert [r.status for r in pushed] == ["applied", "applied"]
    assert "この回覧は終わったため" in page(hub, household, open_key)
    closed = post(hub, household, open_key, GOOD)
    assert closed.status_code == 409 and "この回覧は終わったため" in closed.text
    assert association.client.answers().items == ()


def test_deadline_is_the_end_of_the_day_in_japan() -> None:
    """12月20日 ends at 15:00 UTC."""
    assert deadline_end(dt.date(2026, 12, 20)) == dt.datetime(2026, 12, 20, 15, 0)


def test_forged_post_and_bad_forms_are_refused(hub: RunningHub, new_association: NewAssociation) -> None:
    """No CSRF value: 403. A form with one choice, or numbered wrongly, is refused at sync (422)."""
    association = new_association()
    household, key = with_form(association)
    forged = httpx.post(f"{hub.base_url}/r/{household.token}/c/{key}/answer", data=GOOD)
    assert forged.status_code == 403
    bad = form_payload()
    bad["questions"][1]["choices"] = ["土曜"]
    renumbered = form_payload()
    renumbered["questions"][0]["no"] = 7
    for form in (bad, renumbered):
        results = association.client.push([publish_item(new_key(), [household.key], form=form)])
        assert [r.status for r in results] == ["rejected"]


def test_acknowledged_answers_are_purged_after_deadline_and_retention(
    hub: RunningHub, new_association: NewAssociation
) -> None:
    """Deleted only once the desktop has fetched them AND the deadline plus retention has passed."""
    association = new_association()
    household, key = with_form(association)
    deadline = TODAY + dt.timedelta(days=14)
    sessions = hub.app.services.sessions
    now = [dt.datetime.now(dt.UTC).replace(tzinfo=None)]
    service = AnswerService(sessions, clock=lambda: now[0], settle=dt.timedelta(0), retention_days=30)
    saved = service.submit(
        household.token_hash, key, {k: v if isinstance(v, list) else [v] for k, v in GOOD.items()}, "web"
    )
    assert isinstance(saved, Saved)
    ref = hub.app.services.registry.authenticate(association.client.token or "")
    assert ref is not None

    def stored() -> int:
        with sessions.read() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(AnswerHistoryRow)
                    .where(AnswerHistoryRow.association_id == ref.id)
                )
                or 0
            )

    first = service.answers(ref, "")
    assert len(first.items) == 1
    # Long after the deadline, but not acknowledged yet: kept.
    now[0] = deadline_end(deadline) + dt.timedelta(days=60)
    service.purge()  # hub-wide: other tests' answers may go, never this one
    assert stored() == 1
    # Acknowledged (the next fetch passes the cursor), within the retention: kept.
    now[0] = deadline_end(deadline) + dt.timedelta(days=29)
    assert service.answers(ref, first.cursor).items == ()
    assert stored() == 1
    # Acknowledged and past deadline + 30 days: gone, the current answer too.
    now[0] = deadline_end(deadline) + dt.timedelta(days=31)
    assert service.purge() >= 1
    assert stored() == 0
    with sessions.read() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(AnswerRow).where(AnswerRow.association_id == ref.id)
            )
            == 0
        )
