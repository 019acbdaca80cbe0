"""The demo profile: a fictional 町会 in a fictional 校下 with realistic, obviously fictional data.

Surnames are built on words such as 見本 (sample), 例 (example) and 仮 (provisional), so no
one mistakes them for real residents; a few carry 髙, 﨑 and 𠮷 to exercise fonts and CSV.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path

from circular_app.domain.circulars import Category, CircularDraft, Urgency
from circular_app.domain.errors import NotFoundError
from circular_app.domain.reads import Channel, is_targeted
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.services.circulars import CircularService
from circular_app.services.context import ProfileContext
from circular_app.services.profiles import ProfileService
from circular_app.services.reads import ReadEntry, ReaderService
from circular_app.services.roster import RosterService
from circular_app.storage import circular_repo as crepo
from circular_app.storage import roster_repo as rrepo

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


# (days before today, category, title, body, state) — state: closed, published, corrected, draft
_CIRCULARS: tuple[tuple[int, Category, str, str, str], ...] = (
    (
        200,
        Category.MEETING,
        "令和8年度 町会総会のお知らせ",
        "会員の皆さまへ\n\n下記のとおり町会総会を開きます。\n\n## 日時・会場\n- 日時：4月第3日曜日 午前10時\n"
        "- 会場：見本公民館 2階\n\n## 話し合うこと\n1. 令和7年度の活動と会計の報告\n2. 令和8年度の役員の選出\n"
        "3. その他\n\nご欠席の方は委任状を班長へお渡しください。",
        "closed",
    ),
    (
        170,
        Category.CLEANING,
        "春の町内一斉清掃のお知らせ",
        "町内の一斉清掃を行います。\n\n- 日時：5月第4日曜日 午前8時（小雨決行）\n- 集合：見本公園\n\n"
        "| 班 | 担当の場所 |\n|---|---|\n| 1班・2班 | 見本公園 |\n| 3班〜5班 | 用水路沿い |\n\n"
        "**軍手をお持ちください。**ごみ袋は町会で用意します。",
        "closed",
    ),
    (
        120,
        Category.SAFETY,
        "地区防災訓練のご案内",
        "9月1日の防災の日にあわせて、地区の防災訓練を行います。\n\n## 内容\n- 避難の練習（見本小学校まで）\n"
        "- 消火器の使い方\n- 非常食の試食\n\n一人暮らしの方には、班長がお声がけします。",
        "corrected",
    ),
    (
        60,
        Category.EVENT,
        "秋祭りのご案内",
        "今年も秋祭りを行います。子ども神輿の参加者を募集しています。\n\n- 日時：10月第2土曜日 午後1時から\n"
        "- 場所：見本神社 境内\n\n参加される方は班長までお知らせください。",
        "closed",
    ),
    (
        30,
        Category.NOTICE,
        "ごみ集積所の利用についてのお願い",
        "ごみ集積所にカラスの被害が出ています。\n\n- ごみは**収集日の朝8時まで**に出してください\n"
        "- ネットを必ずかけてください\n\nご協力をお願いします。",
        "published",
    ),
    (
        10,
        Category.RECRUIT,
        "見守りボランティアの募集",
        "登下校の見守りボランティアを募集します。\n\n- 活動：平日の朝7時半〜8時\n- 場所：見本小学校前の交差点\n\n"
        "1日だけでも大歓迎です。",
        "published",
    ),
    (
        3,
        Category.SAFETY,
        "年末の夜警（火の用心）のお願い",
        "年末の夜警を行います。各班から2名のご協力をお願いします。\n\n"
        "| 日にち | 担当 |\n|---|---|\n| 12月27日 | 1班・2班 |\n| 12月28日 | 3班・4班 |\n"
        "| 12月29日 | 5班 |",
        "published",
    ),
    (
        0,
        Category.EVENT,
        "新年会のご案内（下書き）",
        "新年会を開きます。\n\n- 日時：1月第2日曜日 正午\n- 会場：見本公民館",
        "draft",
    ),
)


def _add_circulars(context: ProfileContext, today: dt.date, seed: int) -> None:
    rng = random.Random(seed)
    circulars = CircularService(context, Path(), today=lambda: today)
    for days_ago, category, title, body, state in _CIRCULARS:
        issue = today - dt.timedelta(days=days_ago)
        draft = CircularDraft(
            title=title,
            body=body,
            category=category,
            sender_title="会長",
            sender_name=DEMO_DISPLAY_NAME,
            issue_date=issue,
            due_date=issue + dt.timedelta(days=14),
            urgency=Urgency.URGENT if category is Category.SAFETY and days_ago < 10 else Urgency.NORMAL,
        )
        created = circulars.new_draft(draft)
        if state == "draft":
            continue
        circulars.publish(created.id)
        # As if published on its issue date, so the boards have been travelling for days_ago days.
        with context.sessions.begin() as session:
            crepo.set_published_at(session, created.id, dt.datetime.combine(issue, dt.time(0, 0)))
        if state == "corrected":
            fixed = replace(draft, body=body.replace("見本小学校", "見本中学校"))
            circulars.correct(created.id, fixed, "避難先を見本中学校に訂正しました")
        _add_reads(context, created.id, today, days_ago, rng)
        if state in ("closed", "corrected"):
            circulars.close(created.id)


def _add_reads(
    context: ProfileContext, circular_id: int, today: dt.date, days_ago: int, rng: random.Random
) -> None:
    """Realistic confirmations: old circulars mostly read; recent ones with boards still travelling."""
    reads = ReaderService(context, today=lambda: today)
    circular = CircularService(context, Path(), today=lambda: today).get(circular_id)
    households = [h for h in RosterService(context).list_households() if is_targeted(circular, h)]
    entries = []
    for han_id in sorted({h.han_id for h in households}):
        route = [h for h in households if h.han_id == han_id]
        # Recent circulars: the paper board has reached only part of the route (a stuck board).
        reached = len(route) if days_ago > 20 else rng.randint(0, len(route))
        for index, household in enumerate(route):
            digital = household.delivery is Delivery.DIGITAL
            if digital and rng.random() < (0.95 if days_ago > 20 else 0.7):
                entries.append(
                    ReadEntry(household.id, Channel.DIGITAL, circular.issue_date + dt.timedelta(days=1))
                )
            elif not digital and index < reached and rng.random() < 0.97:
                day = min(today, circular.issue_date + dt.timedelta(days=1 + index // 3))
                entries.append(ReadEntry(household.id, Channel.PAPER, day))
    if entries:
        reads.record(circular_id, entries)


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
        hans = [rrepo.add_han(session, f"{i}班", i) for i in range(1, han_count + 1)]
        drafts: list[HouseholdDraft] = []
        for index in range(households):
            han = hans[index * han_count // households]
            surname, s_read = rng.choice(_SURNAMES)
            given, g_read = rng.choice(_GIVEN)
            digital = rng.random() < 0.4
            drafts.append(
                HouseholdDraft(
                    name=f"{surname} {given}",
                    reading=f"{s_read}\u3000{g_read}",
                    han_id=han.id,
                    delivery=Delivery.DIGITAL if digital else Delivery.PAPER,
                    large_print=(not digital) and rng.random() < 0.25,
                    language="ja" if rng.random() < 0.95 else "en",
                    phone=f"090-0000-{index:04d}" if rng.random() < 0.7 else "",
                    email=f"household{index}@example.jp" if digital else "",
                    notes="",
                )
            )
        rows = rrepo.add_route(session, drafts)
        for han in hans:
            first = next((r for r in rows if r.han_id == han.id), None)
            rrepo.set_han_leader(session, han.id, first.id if first else None)


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
    populate(created.context, households, seed)
    return DemoProfile(created.context, created.recovery_key, households)


def populate(context: ProfileContext, households: int = DEFAULT_HOUSEHOLDS, seed: int = 2026) -> None:
    """Fill an empty profile with the demo roster, circulars and read records (also for practice)."""
    _fill(context, households, seed)
    _add_circulars(context, dt.date.today(), seed)
