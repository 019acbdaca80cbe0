"""The reader page in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

A phone opens its link and taps 読みました; at 200% zoom nothing scrolls sideways; axe-core
(vendored) finds no accessibility violation, on the household pages and on the board page
(``/b/{token}``, the paper 回覧板's QR code). Screenshots go to /tmp/reader_*.png.

Needs /usr/bin/chromium (``apt-get install chromium``): without it these tests FAIL and say so.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.hub.support import (
    Association,
    Household,
    RunningHub,
    household_with_circular,
    new_key,
    publish_item,
    reader_token,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp")
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Mobile Safari/537.36"
)

NewAssociation = Callable[..., Association]

OLD_BODY = (
    "9月1日の防災の日にあわせて、地区の防災訓練を行います。\n\n## 内容\n- 避難の練習（見本小学校まで）\n"
    "- 消火器の使い方\n- 非常食の試食\n\n一人暮らしの方には、班長がお声がけします。"
)
NIGHT_WATCH = (
    "年末の夜警を行います。各班から2名のご協力をお願いします。\n\n"
    "| 日にち | 担当 | 集合場所 |\n|---|---|---|\n| 12月27日 | 1班・2班 | 見本公民館前 |\n"
    "| 12月28日 | 3班・4班 | 見本公民館前 |\n| 12月29日 | 5班 | 見本神社 鳥居前 |\n\n"
    "## 持ち物\n- 懐中電灯\n- **拍子木**（町会で用意します）\n- 温かい服装\n\n"
    "参加できない方は、**12月20日まで**に班長へお知らせください。"
)
# A 1x1 PNG, to show an attached image inline.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; a clear failure when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium). "
            "Playwright's downloaded browsers are never used.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (390×844 CSS pixels, touch, Japanese locale)."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="ja-JP",
        user_agent=PHONE_UA,
    )
    page = context.new_page()
    yield page
    context.close()


@dataclass(frozen=True)
class Circulars:
    """A household's two circulars, each with its board link token."""

    household: Household
    night: str  # urgent: a table, a list, an image and a PDF
    drill: str  # corrected
    night_board: str
    drill_board: str


@pytest.fixture
def circulars(hub: RunningHub, new_association: NewAssociation) -> Circulars:
    """A household with an urgent circular (table, list, image, PDF) and a corrected one."""
    association = new_association()
    night_board, night_board_hash = reader_token()
    drill_board, drill_board_hash = reader_token()
    attachments = [
        {
            "key": "map",
            "filename": "集合場所の地図.png",
            "media_type": "image/png",
            "data_base64": base64.b64encode(PNG).decode(),
        },
        {
            "key": "sheet",
            "filename": "当番表.pdf",
            "media_type": "application/pdf",
            "data_base64": base64.b64encode(b"%PDF-1.4\n").decode(),
        },
    ]
    household, night = household_with_circular(
        association,
        title="年末の夜警（火の用心）のお願い",
        body=NIGHT_WATCH,
        urgency="urgent",
        category="safety",
        number=12,
        attachments=attachments,
        board_token_hash=night_board_hash,
    )
    drill = new_key()
    association.client.push(
        [
            publish_item(
                drill,
                [household.key],
                title="地区防災訓練のご案内",
                body=OLD_BODY,
                number=9,
                category="safety",
                board_token_hash=drill_board_hash,
            )
        ]
    )
    association.client.push(
        [
            publish_item(
                drill,
                [household.key],
                title="地区防災訓練のご案内",
                body=OLD_BODY.replace("見本小学校", "見本中学校"),
                number=9,
                category="safety",
                version=2,
                correction_note="避難先を見本中学校に訂正しました",
            )
        ]
    )
    return Circulars(household, night, drill, night_board, drill_board)


def _no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.body.scrollWidth]"
    )
    scroll, client, body = widths
    assert scroll <= client and body <= client, (
        f"{page.url}: scrollWidth {scroll}/{body} > clientWidth {client}"
    )


def _axe_violations(page: Page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_phone_opens_link_and_taps_read(
    hub: RunningHub, phone: Page, circulars: Circulars, new_association: NewAssociation
) -> None:
    """On a phone: the list, the circular, one tap on 読みました, the thank-you page."""
    household, night, drill = circulars.household, circulars.night, circulars.drill
    phone.goto(f"{hub.base_url}/r/{household.token}")
    assert phone.get_by_role("heading", name="回覧板", exact=True).is_visible()
    phone.screenshot(path=str(SHOTS / f"reader_phone_list_{hub.backend}.png"), full_page=True)
    phone.get_by_role("link", name="年末の夜警").click()
    phone.wait_for_url(f"**/c/{night}")
    phone.screenshot(path=str(SHOTS / "reader_phone.png"), full_page=True)
    button = phone.get_by_role("button", name="読みました")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 60 and box["width"] >= 300  # a big target
    button.tap()
    phone.wait_for_url(f"**/c/{night}/read")
    assert phone.get_by_role("heading", name="ありがとうございました").is_visible()
    phone.screenshot(path=str(SHOTS / "reader_phone_thanks.png"), full_page=True)
    phone.goto(f"{hub.base_url}/r/{household.token}/c/{drill}")
    phone.screenshot(path=str(SHOTS / "reader_phone_correction.png"), full_page=True)


def test_board_page_on_a_phone(hub: RunningHub, phone: Page, circulars: Circulars) -> None:
    """The paper 回覧板's QR code opens the circular with its image and no button to press."""
    phone.goto(f"{hub.base_url}/b/{circulars.night_board}")
    assert phone.get_by_role("heading", name="年末の夜警（火の用心）のお願い").is_visible()
    assert phone.get_by_role("heading", name="読み終わったら").is_visible()
    assert phone.get_by_role("button").count() == 0
    image = phone.get_by_role("img", name="添付画像：集合場所の地図.png")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1  # served under /b/ by the CSP
    phone.screenshot(path=str(SHOTS / "reader_board.png"), full_page=True)


def test_confirmation_from_the_browser_reaches_the_feed(
    hub: RunningHub, phone: Page, new_association: NewAssociation
) -> None:
    """The tap in the browser is what the desktop's next sync fetches."""
    association = new_association()
    household, key = household_with_circular(association)
    phone.goto(f"{hub.base_url}/r/{household.token}/c/{key}")
    phone.get_by_role("button", name="読みました").tap()
    phone.wait_for_url("**/read")
    (item,) = association.client.confirmations().items
    assert (item.circular_key, item.household_key, item.device) == (key, household.key, "web/phone")


def test_text_size_switch_without_javascript(hub: RunningHub, browser: Browser, circulars: Circulars) -> None:
    """With JavaScript off, 最大 makes the text bigger and the choice follows the links."""
    household = circulars.household
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    try:
        page.goto(f"{hub.base_url}/r/{household.token}")
        size = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
        assert size == "20px"
        # Wait for each link's page: evaluating mid-navigation finds no document element.
        with page.expect_navigation():
            page.get_by_role("link", name="最大").click()
        assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "30px"
        with page.expect_navigation():
            page.get_by_role("link", name="年末の夜警").click()
        assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "30px"
        page.screenshot(path=str(SHOTS / "reader_phone_largest.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("size", ["1", "3"])
def test_no_horizontal_scrolling_at_200_percent(
    hub: RunningHub, browser: Browser, circulars: Circulars, size: str
) -> None:
    """200% zoom on a phone is a 195 CSS-pixel-wide viewport: every page still fits its width."""
    household, night, drill = circulars.household, circulars.night, circulars.drill
    context = browser.new_context(
        viewport={"width": PHONE["width"] // 2, "height": PHONE["height"] // 2},
        device_scale_factor=4,
        locale="ja-JP",  # the page follows the phone's language (issue 23)
    )
    page = context.new_page()
    suffix = "" if size == "1" else f"?t={size}"
    try:
        for path in (
            f"/r/{household.token}",
            f"/r/{household.token}/c/{night}",
            f"/r/{household.token}/c/{drill}",
            "/r/unknown-link-000000",
            f"/b/{circulars.night_board}",
            f"/b/{circulars.drill_board}",
        ):
            page.goto(f"{hub.base_url}{path}{suffix}")
            _no_horizontal_scroll(page)
        page.goto(f"{hub.base_url}/r/{household.token}/c/{night}{suffix}")
        page.get_by_role("button", name="読みました").click()
        page.wait_for_url("**/read*")
        _no_horizontal_scroll(page)
        if size == "1":
            page.goto(f"{hub.base_url}/r/{household.token}/c/{drill}")
            page.screenshot(path=str(SHOTS / "reader_zoom200.png"), full_page=True)
    finally:
        context.close()


def test_axe_finds_no_violations(hub: RunningHub, phone: Page, circulars: Circulars) -> None:
    """axe-core reports nothing on the list, a circular with attachments, a correction, thanks, 404, boards."""
    household, night, drill = circulars.household, circulars.night, circulars.drill
    base = f"{hub.base_url}/r/{household.token}"
    found: dict[str, list[str]] = {}
    for path in ("", f"/c/{night}", f"/c/{drill}", f"/c/{drill}?t=3"):
        phone.goto(base + path)
        found[path or "/"] = _axe_violations(phone)
    phone.goto(f"{base}/c/{night}")
    phone.get_by_role("button", name="読みました").tap()
    phone.wait_for_url("**/read")
    found["thanks"] = _axe_violations(phone)
    phone.goto(f"{hub.base_url}/r/not-a-real-link-0000")
    found["404"] = _axe_violations(phone)
    phone.goto(f"{hub.base_url}/")
    found["home"] = _axe_violations(phone)
    for name, token in (("board", circulars.night_board), ("board correction", circulars.drill_board)):
        for suffix in ("", "?t=3"):
            phone.goto(f"{hub.base_url}/b/{token}{suffix}")
            found[name + suffix] = _axe_violations(phone)
    assert {page: v for page, v in found.items() if v} == {}
