"""The demo profile: a fictional 町会 in a fictional 校下 with realistic, obviously fictional data.

Surnames are built on words such as 見本 (sample), 例 (example) and 仮 (provisional), so no
one mistakes them for real residents; a few carry 髙, 﨑 and 𠮷 to exercise fonts and CSV.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from circular_app.domain.errors import NotFoundError
from circular_app.domain.roster import Delivery
from circular_app.services.context import ProfileContext
from circular_app.services.profiles import ProfileService
from circular_app.services.roster import new_public_id
from circular_app.storage.models import HanRow, HouseholdRow

DEMO_PROFILE_NAME = "見本町会（デモ）"
DEMO_SCHOOL_DISTRICT = "見本校下"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "kairan-demo"  # demo data only; printed on creation and in the README
DEMO_DISPLAY_NAME = "見本 会長"
DEFAULT_HOUSEHOLDS = 60
HOUSEHOLDS_PER_HAN = 12

_SURNAMES = (
    ("見本", "ミホン"),
    ("例野", "レイノ"),
    ("仮田", "カリタ"),
    ("試川", "タメシカワ"),
    ("雛山", "ヒナヤマ"),
    ("手本", "テホン"),
    ("架橋", "カケハシ"),
    ("模野", "モノ"),
    ("案山", "アンザン"),
    ("試沢", "タメシザワ"),
    ("例木", "レイキ"),
    ("仮屋", "カリヤ"),
    ("髙見本", "タカミホン"),
    ("山﨑例", "ヤマザキレイ"),
    ("𠮷仮", "ヨシカリ"),
    ("見坂", "ミサカ"),
    ("例原", "レイハラ"),
    ("仮谷", "カリヤ"),
    ("試村", "タメシムラ"),
    ("手島見", "テジマミ"),
)
_GIVEN = (
    ("一郎", "イチロウ"),
    ("花子", "ハナコ"),
    ("次郎", "ジロウ"),
    ("幸子", "サチコ"),
    ("三郎", "サブロウ"),
    ("和子", "カズコ"),
    ("健一", "ケンイチ"),
    ("節子", "セツコ"),
    ("博", "ヒロシ"),
    ("美代子", "ミヨコ"),
    ("誠", "マコト"),
    ("久子", "ヒサコ"),
    ("茂", "シゲル"),
    ("照子", "テルコ"),
    ("清", "キヨシ"),
    ("千代", "チヨ"),
)


@dataclass(frozen=True)
class DemoProfile:
    """The demo profile just (re)created and opened."""

    context: ProfileContext
    recovery_key: str
    households: int


def _fill(context: ProfileContext, households: int, seed: int) -> None:
    rng = random.Random(seed)
    han_count = max(5, math.ceil(households / HOUSEHOLDS_PER_HAN))
    with context.sessions.begin() as session:
        hans = [HanRow(name=f"{i}班", position=i) for i in range(1, han_count + 1)]
        session.add_all(hans)
        session.flush()
        rows: list[HouseholdRow] = []
        per_han: dict[int, int] = {}
        for index in range(households):
            han = hans[index * han_count // households]
            surname, s_read = rng.choice(_SURNAMES)
            given, g_read = rng.choice(_GIVEN)
            digital = rng.random() < 0.4
            per_han[han.id] = per_han.get(han.id, 0) + 1
            rows.append(
                HouseholdRow(
                    public_id=new_public_id(),
                    name=f"{surname} {given}",
                    reading=f"{s_read}\u3000{g_read}",
                    han_id=han.id,
                    route_position=per_han[han.id],
                    delivery=(Delivery.DIGITAL if digital else Delivery.PAPER).value,
                    large_print=(not digital) and rng.random() < 0.25,
                    language="ja" if rng.random() < 0.95 else "en",
                    phone=f"090-0000-{index:04d}" if rng.random() < 0.7 else "",
                    email=f"household{index}@example.jp" if digital else "",
                    notes="",
                )
            )
        session.add_all(rows)
        session.flush()
        for han in hans:
            first = next((r for r in rows if r.han_id == han.id), None)
            han.leader_household_id = first.id if first else None


def create_demo(
    profiles: ProfileService, households: int = DEFAULT_HOUSEHOLDS, seed: int = 2026
) -> DemoProfile:
    """Delete any previous demo profile and create a fresh one, logged in as the demo officer."""
    try:
        old = profiles.find(DEMO_PROFILE_NAME)
    except NotFoundError:
        old = None
    if old is not None:
        profiles.store.delete(old)
    created = profiles.create_profile(
        DEMO_PROFILE_NAME, DEMO_SCHOOL_DISTRICT, DEMO_USERNAME, DEMO_PASSWORD, DEMO_DISPLAY_NAME
    )
    _fill(created.context, households, seed)
    return DemoProfile(created.context, created.recovery_key, households)
