"""A furigana reader page in Debian's Chromium at 200% zoom: the link works, axe-core finds nothing.

Screenshot: /tmp/reader_furigana.png.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from tests.hub.support import Association, RunningHub, household_with_circular
from tests.hub.test_reader_browser import PHONE, SHOTS, _axe_violations, _no_horizontal_scroll, browser

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the reader tests

NewAssociation = Callable[..., Association]

# Ruby is made from the rendered page, whatever the database: one backend is enough here
# (test_reader_furigana.py runs on both).
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_furigana_page_at_200_percent_without_violations(
    hub: RunningHub, browser: Browser, new_association: NewAssociation
) -> None:
    """Tapping 「ふりがな」 shows ruby, fits the phone, and has no axe violation; 消す takes it off."""
    body = "# 避難訓練\n\n町会の避難訓練を行います。班長は回覧をお願いします。"
    household, key = household_with_circular(new_association(), title="総会のお知らせ", body=body)
    context = browser.new_context(
        viewport={"width": PHONE["width"] // 2, "height": PHONE["height"] // 2},
        device_scale_factor=4,
        locale="ja-JP",
    )
    page = context.new_page()
    try:
        page.goto(f"{hub.base_url}/r/{household.token}/c/{key}")
        assert page.locator("ruby").count() == 0
        page.get_by_role("link", name="ふりがな", exact=True).click()
        page.wait_for_url("**?furigana=1")
        assert page.locator("div.body ruby").count() >= 4 and page.locator("h1 ruby").count() >= 1
        _no_horizontal_scroll(page)
        violations = _axe_violations(page)
        page.screenshot(path=str(SHOTS / "reader_furigana.png"), full_page=True)
        page.goto(f"{hub.base_url}/r/{household.token}")  # remembered by the cookie
        assert page.locator("ruby").count() > 0
        page.locator(".furigana-switch a").click()
        page.wait_for_url("**?furigana=0")
        assert page.locator("ruby").count() == 0
    finally:
        context.close()
    assert violations == []
