"""The answer form in Debian's Chromium with JavaScript off, at 200% zoom (issue 21).

One test: a phone at 200% zoom (a 195-CSS-pixel-wide viewport) fills every kind of question,
sends it, sees the confirmation repeating the answer, comes back and changes it, and finds a
circular whose deadline has passed without a form and with the reason; axe-core (vendored,
injected by the test driver, not by the page) finds no violation on the form, on a refused post,
on the confirmation and on the past-deadline page; nothing scrolls sideways. Screenshots go to
/tmp/answers_*.png.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from playwright.sync_api import Browser, Page

from circular_app.domain.calendar import wareki
from tests.hub.support import Association, RunningHub, household_with_circular
from tests.hub.test_answers import form_payload
from tests.hub.test_reader_browser import (
    PHONE,
    SHOTS,
    _axe_violations,
    _no_horizontal_scroll,
    browser,
)

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the reader tests

NewAssociation = Callable[..., Association]


def _axe_on_copy(page: Page, checker: Page, origin: str) -> list[str]:
    """axe-core on exactly what the JavaScript-free page shows, checked in a twin page.

    axe needs timers, which never run where script execution is off; so the DOM of the page
    is copied into ``checker`` (same size and zoom, scripts on, on the hub's origin so the
    stylesheet and the Content-Security-Policy are the same) and checked there.
    """
    checker.goto(f"{origin}/")
    checker.set_content(page.content())
    return _axe_violations(checker)


def test_answer_form_without_javascript_at_200_percent(
    hub: RunningHub, browser: Browser, new_association: NewAssociation
) -> None:
    """Fill, send, see the confirmation; big targets; axe-core finds nothing to fix."""
    association = new_association()
    household, key = household_with_circular(association, title="総会の出欠と議案", form=form_payload())
    today = dt.date.today()
    deadline = today - dt.timedelta(days=2)
    late_household, late_key = household_with_circular(
        association,
        title="締め切りを過ぎた回覧",
        issue_date=(today - dt.timedelta(days=10)).isoformat(),
        due_date=(today - dt.timedelta(days=1)).isoformat(),
        form=form_payload(deadline),
    )
    context_size = {"width": PHONE["width"] // 2, "height": PHONE["height"] // 2}
    context = browser.new_context(
        viewport=context_size,
        device_scale_factor=4,
        java_script_enabled=False,
        locale="ja-JP",
    )
    page = context.new_page()
    twin = browser.new_context(viewport=context_size, device_scale_factor=4, locale="ja-JP")
    checker = twin.new_page()
    found: dict[str, list[str]] = {}
    try:
        page.goto(f"{hub.base_url}/r/{household.token}/c/{key}")
        assert page.evaluate("() => document.scripts.length") == 0
        found["form"] = _axe_on_copy(page, checker, hub.base_url)
        _no_horizontal_scroll(page)
        attend = page.get_by_role("group", name="質問1")
        box = attend.get_by_text("出席", exact=True).bounding_box()
        assert box is not None
        label_box = page.locator('label[for="q1-1"]').bounding_box()
        assert label_box is not None and label_box["height"] >= 48  # a large target
        # A first try with a mistake: the message sits next to the question, the rest is kept.
        page.get_by_label("出席", exact=True).check()
        page.get_by_label("出席する人数（出席のとき、1〜5人）").fill("9")
        page.get_by_role("button", name="回答を送る").click()
        assert page.get_by_role("heading", name="入力を確かめてください（4か所）").is_visible()
        assert page.get_by_label("出席", exact=True).is_checked()
        found["mistakes"] = _axe_on_copy(page, checker, hub.base_url)
        page.screenshot(path=str(SHOTS / "answers_mistakes.png"), full_page=True)
        page.get_by_label("出席する人数（出席のとき、1〜5人）").fill("2")
        page.get_by_label("日曜").check()
        page.get_by_label("受付").check()
        page.get_by_label("会計").check()
        page.get_by_label("0〜10の数字で入れてください").fill("3")
        page.get_by_label("ご記入ください（50文字まで）").fill("駐車場の案内をお願いします")
        page.get_by_role("group", name="第1号議案").get_by_label("賛成").check()
        page.get_by_role("group", name="第2号議案").get_by_label("棄権").check()
        page.screenshot(path=str(SHOTS / "answers_form.png"), full_page=True)
        page.get_by_role("button", name="回答を送る").click()
        page.wait_for_url("**/answer")
        assert page.get_by_role("heading", name="回答を受け付けました").is_visible()
        text = page.locator("main").inner_text()
        for repeated in (
            "出席（2人）",
            "日曜",
            "受付、会計",
            "駐車場の案内をお願いします",
            "棄権",
            "何度でも変えられます",
        ):
            assert repeated in text
        _no_horizontal_scroll(page)
        found["confirmation"] = _axe_on_copy(page, checker, hub.base_url)
        page.screenshot(path=str(SHOTS / "answers_confirmation.png"), full_page=True)
        # Change of mind: the page shows the answer given, ready to change; the latest counts.
        page.goto(f"{hub.base_url}/r/{household.token}/c/{key}")
        assert page.get_by_label("日曜").is_checked()
        page.get_by_label("欠席", exact=True).check()
        page.get_by_label("出席する人数（出席のとき、1〜5人）").fill("")
        page.get_by_role("button", name="回答を変えて送る").click()
        page.wait_for_url("**/answer")
        assert page.get_by_role("heading", name="回答を受け付けました").is_visible()
        assert "欠席" in page.locator("main").inner_text()
        # Past the deadline: no form, the reason in plain words.
        page.goto(f"{hub.base_url}/r/{late_household.token}/c/{late_key}")
        assert page.locator("fieldset").count() == 0
        assert (
            f"回答の締め切り（{wareki(deadline, weekday=True)}）を過ぎたため"
            in page.locator("main").inner_text()
        )
        _no_horizontal_scroll(page)
        found["past deadline"] = _axe_on_copy(page, checker, hub.base_url)
    finally:
        twin.close()
        context.close()
    assert {name: v for name, v in found.items() if v} == {}
    first, changed = association.client.answers().items
    assert first.answers["1"] == {"choice": "出席", "people": 2}
    assert changed.answers["1"] == {"choice": "欠席", "people": 0}
    assert changed.answers["2"] == "日曜"  # the rest as answered before
