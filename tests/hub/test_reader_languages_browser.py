"""Every language of the reader page in Debian's Chromium at 200% zoom, checked by axe-core.

One browser, many pages: for each language the list and a circular with an answer form
(opened with the page's own language link) must have ``<html lang>`` right, keep the body's
``lang="ja"``, fit a 195-CSS-pixel-wide viewport and show no axe-core violation. Then one tap on
読みました gives the thank-you page in the language chosen last. Screenshots: /tmp/reader_lang_*.png.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from circular_app.domain.reader_languages import READER_LANGUAGES
from tests.hub.support import Association, RunningHub, household_with_circular
from tests.hub.test_answers import form_payload
from tests.hub.test_reader_browser import PHONE, SHOTS, _axe_violations, _no_horizontal_scroll, browser

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the reader tests

NewAssociation = Callable[..., Association]

# The pages' language does not depend on the database: one backend keeps this under ~30 s
# (test_reader_languages.py checks the languages on both).
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_every_language_at_200_percent_without_violations(
    hub: RunningHub, browser: Browser, new_association: NewAssociation
) -> None:
    """11 languages × (list, circular with a form): right lang, no sideways scroll, 0 violations."""
    household, key = household_with_circular(new_association(), title="総会の出欠と議案", form=form_payload())
    context = browser.new_context(
        viewport={"width": PHONE["width"] // 2, "height": PHONE["height"] // 2},
        device_scale_factor=4,
        locale="ja-JP",
    )
    page = context.new_page()
    found: dict[str, list[str]] = {}
    base = f"{hub.base_url}/r/{household.token}"
    try:
        for code, name in READER_LANGUAGES.items():
            page.goto(base)
            page.get_by_role("link", name=name, exact=True).click()  # the page's own language list
            page.wait_for_url(f"**?lang={code}")
            assert page.evaluate("() => document.documentElement.lang") == code
            _no_horizontal_scroll(page)
            found[f"{code} list"] = _axe_violations(page)
            page.goto(f"{base}/c/{key}")  # no ?lang=: remembered by the cookie
            assert page.evaluate("() => document.documentElement.lang") == code
            if code != "ja":
                assert page.locator("div.body").get_attribute("lang") == "ja"
            assert page.locator("[translate=no]").count() == 0
            _no_horizontal_scroll(page)
            found[f"{code} circular"] = _axe_violations(page)
            page.screenshot(path=str(SHOTS / f"reader_lang_{code}.png"), full_page=True)
        page.get_by_role("button", name="Sudah saya baca").click()  # id: the last language
        page.wait_for_url("**/read")
        assert page.evaluate("() => document.documentElement.lang") == "id"
        assert page.get_by_role("heading", name="Terima kasih").is_visible()
        found["id thanks"] = _axe_violations(page)
    finally:
        context.close()
    assert {where: problems for where, problems in found.items() if problems} == {}
