"""安否確認 in Debian's Chromium with JavaScript off: the question on the page, one tap on 「無事です」.

The one browser test of the hub side of issue 22 (the fixtures are those of
tests/hub/test_reader_browser.py: never a downloaded browser).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from playwright.sync_api import Browser

from circular_app.domain.safety_hub import WHO_SEES
from circular_app.sync.client import SyncItem
from tests.hub.support import Association, RunningHub, household_with_circular, new_key
from tests.hub.test_reader_browser import PHONE, SHOTS, _axe_violations, browser  # noqa: F401  # fixture

NewAssociation = Callable[..., Association]


def test_answer_safe_with_javascript_off(
    hub: RunningHub,
    browser: Browser,  # noqa: F811  # the fixture imported above
    new_association: NewAssociation,
) -> None:
    """No script needed: the list opens with the question; 「無事です」 is recorded and fetched."""
    association = new_association()
    household, _circular = household_with_circular(association)
    round_key = new_key()
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()
    payload = {
        "round_key": round_key,
        "kind": "earthquake",
        "message": "震度5強の地震",
        "started_at": started,
    }
    (result,) = association.client.push([SyncItem(new_key(), "safety_round", payload)])
    assert result.status == "applied", result

    # axe-core needs scripts: the page is checked in a context of its own first.
    checked = browser.new_context(viewport=PHONE, locale="ja-JP")
    try:
        axe_page = checked.new_page()
        axe_page.goto(f"{hub.base_url}/r/{household.token}")
        assert _axe_violations(axe_page) == []
    finally:
        checked.close()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    try:
        page.goto(f"{hub.base_url}/r/{household.token}")
        assert page.get_by_role("heading", name="安否確認（地震）").is_visible()
        for label in ("無事です", "助けが必要です", "家にいません・避難中"):
            box = page.get_by_role("button", name=label).bounding_box()
            assert box is not None and box["height"] >= 60 and box["width"] >= 300  # big targets
        page.screenshot(path=str(SHOTS / f"safety_question_{hub.backend}.png"), full_page=True)
        page.get_by_role("button", name="無事です").click()
        page.wait_for_url("**/safety")
        assert page.get_by_role("heading", name="お答えを受け付けました").is_visible()
        assert page.get_by_text(WHO_SEES).is_visible()
        page.screenshot(path=str(SHOTS / f"safety_answered_{hub.backend}.png"), full_page=True)
    finally:
        context.close()
    fetched = association.client.safety()
    assert [(a.round_key, a.household_key, a.status) for a in fetched.answers] == [
        (round_key, household.key, "safe")
    ]
