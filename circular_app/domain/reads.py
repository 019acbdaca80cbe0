"""Who has seen each circular: read records, targeting, rates, overdue and stuck boards."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Audience, Circular, Placement, Status
from circular_app.domain.roster import Delivery, Han, Household


class Channel(enum.StrEnum):
    """How a household confirmed: stamped the paper 回覧表, or tapped 読みました."""

    PAPER = "paper"
    DIGITAL = "digital"

    @property
    def label_ja(self) -> str:
        """Japanese label."""
        return "紙" if self is Channel.PAPER else "デジタル"


class CellState(enum.StrEnum):
    """One cell of the reader matrix; shown by symbol and text, never colour alone."""

    READ_PAPER = "read_paper"
    READ_DIGITAL = "read_digital"
    UNREAD = "unread"
    NOT_TARGETED = "not_targeted"

    @property
    def symbol(self) -> str:
        """A symbol that reads without colour (印 = stamped, ◎ = digital, ー = unread)."""
        return {"read_paper": "印", "read_digital": "◎", "unread": "ー", "not_targeted": ""}[self.value]

    @property
    def label_ja(self) -> str:
        """Words for tooltips and screen readers."""
        return {
            "read_paper": "既読（紙）",
            "read_digital": "既読（デジタル）",
            "unread": "未読",
            "not_targeted": "対象外",
        }[self.value]


@dataclass(frozen=True)
class ReadRecord:
    """A household's confirmation of a circular (one per pair; the first time is kept)."""

    circular_id: int
    household_id: int
    channel: Channel
    read_on: dt.date
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class ReadEntry:
    """One stamp or confirmation to record."""

    household_id: int
    channel: Channel
    read_on: dt.date


def is_targeted(circular: Circular, household: Household) -> bool:
    """True when the household should see the circular.

    A published or closed circular answers from its snapshot (the households it was sent to
    when it was published, and those added later by 「この回覧にも加える」): a household that
    joins or changes 班 afterwards is not counted, one that moves out stays. A draft has no
    snapshot and answers from the live rule (:func:`matches_rule`).
    """
    if circular.recipients is not None:
        return household.id in circular.recipients and not left_before_issue(circular, household)
    return matches_rule(circular, household)


def left_before_issue(circular: Circular, household: Household) -> bool:
    """True for a household whose move-out, entered later, is dated on or before the issue date.

    It is not expected to read the circular even though it is in the snapshot (nobody was
    living there when the board came round). A move-out after the issue date keeps it.
    """
    return household.moved_out_on is not None and household.moved_out_on <= circular.issue_date


def matches_rule(circular: Circular, household: Household) -> bool:
    """The live rule over the roster: the household's 班 and delivery, and still living here."""
    if circular.target_han_ids and household.han_id not in circular.target_han_ids:
        return False
    if circular.audience is Audience.DIGITAL and household.delivery is not Delivery.DIGITAL:
        return False
    if circular.audience is Audience.PAPER and household.delivery is not Delivery.PAPER:
        return False
    return household.moved_out_on is None or household.moved_out_on > circular.issue_date


def snapshot(circular: Circular, households: Iterable[Household]) -> dict[int, Placement]:
    """The audience to record when ``circular`` is published: who the live rule targets now,
    with the 班 and route position each has today."""
    return {h.id: Placement(h.han_id, h.route_position) for h in households if matches_rule(circular, h)}


def appended_placements(circular: Circular, households: Sequence[Household]) -> dict[int, Placement]:
    """Places for households added to a published circular: the end of their 班's route on it.

    ``circular`` must carry its placements; households already among its recipients are
    left out (nothing recorded is ever moved).
    """
    placements = circular.placements
    if placements is None:
        raise ValueError("the circular's placements are not loaded")
    last: dict[int, int] = {}
    for place in placements.values():
        last[place.han_id] = max(last.get(place.han_id, 0), place.route_position)
    added: dict[int, Placement] = {}
    for household in households:
        if household.id in placements or household.id in added:
            continue
        position = last.get(household.han_id, 0) + 1
        last[household.han_id] = position
        added[household.id] = Placement(household.han_id, position)
    return added


def audience(circular: Circular, households: Iterable[Household], hans: Sequence[Han]) -> list[Household]:
    """The households ``circular`` goes to, as they stood on its route, in route order.

    For a published circular these are its recipients with the 班 and route position of the
    snapshot (a household that changed 班 since is shown where the board found it); for a
    draft, the live rule with today's places. Moved-out households are included: callers that
    need only those still living here filter on :attr:`Household.active`.
    """
    positions = {h.id: h.position for h in hans}
    if circular.recipients is None:
        chosen = [h for h in households if matches_rule(circular, h)]
    else:
        placements = circular.placements
        if placements is None:
            raise ValueError("the circular's placements are not loaded")
        chosen = []
        for h in households:
            place = placements.get(h.id)
            if place is None or left_before_issue(circular, h):
                continue
            if place.han_id == h.han_id and place.route_position == h.route_position:
                chosen.append(h)  # still where the board found it (the usual case): no copy
            else:
                chosen.append(replace(h, han_id=place.han_id, route_position=place.route_position))
    # 班 that no longer exist (merged since) come last, still in their old route order.
    last = len(positions) + 1
    return sorted(chosen, key=lambda h: (positions.get(h.han_id, last), h.han_id, h.route_position, h.id))


def cell_state(circular: Circular, household: Household, record: ReadRecord | None) -> CellState:
    """The matrix cell for one household and circular."""
    if record is not None:
        return CellState.READ_PAPER if record.channel is Channel.PAPER else CellState.READ_DIGITAL
    if circular.status is Status.DRAFT or not is_targeted(circular, household):
        return CellState.NOT_TARGETED
    return CellState.UNREAD


@dataclass(frozen=True)
class Rate:
    """Read count out of targeted households."""

    read: int
    targeted: int

    @property
    def ratio(self) -> float:
        """0.0–1.0; 0.0 when nobody is targeted."""
        return self.read / self.targeted if self.targeted else 0.0

    @property
    def percent(self) -> int:
        """Whole percent, rounded as ``f"{ratio:.0%}"`` rounds (half to even); 0 when nobody is targeted."""
        return round(self.ratio * 100)

    @property
    def percent_text(self) -> str:
        """「75%（15/20）」."""
        return f"{self.ratio:.0%}（{self.read}/{self.targeted}）"


def circular_rate(circular: Circular, households: Iterable[Household], records: Mapping[int, object]) -> Rate:
    """Read rate of one circular; ``records`` has the ids of households that confirmed it."""
    targeted = [h for h in households if is_targeted(circular, h)]
    return Rate(sum(1 for h in targeted if h.id in records), len(targeted))


def household_rate(states: Iterable[CellState]) -> Rate:
    """Read rate of one household over its matrix cells (a read cell always counts as targeted)."""
    counted = [s for s in states if s is not CellState.NOT_TARGETED]
    return Rate(sum(1 for s in counted if s in (CellState.READ_PAPER, CellState.READ_DIGITAL)), len(counted))


def total_rate(rates: Iterable[Rate]) -> Rate:
    """Several rates added up: all reads out of all targeted (not an average of percentages)."""
    read = targeted = 0
    for rate in rates:
        read += rate.read
        targeted += rate.targeted
    return Rate(read, targeted)


STUCK_BOARD_DAYS = 3
"""Days without a stamp after which a board is reported as stuck (the settings' default)."""


class StuckRule(enum.StrEnum):
    """Why a board is reported: which rule fired."""

    NOT_STARTED = "not_started"  # no stamp yet, ``days`` after publication
    STOPPED = "stopped"  # no new stamp for ``days`` since the last one
    OVERDUE = "overdue"  # the due date has passed and the board has not come back


@dataclass(frozen=True)
class StuckBoard:
    """A 班 copy that seems stuck at a household (the first unconfirmed after the last stamp).

    ``since`` is the day the clock started: the last stamp, or publication when there is none;
    ``days`` is how many days ago that was. ``due_date`` is the circular's 回覧期限.
    """

    circular_id: int
    han: Han
    household: Household
    stamped: int
    route_length: int
    rule: StuckRule
    since: dt.date
    days: int
    due_date: dt.date

    def describe(self) -> str:
        """「3班: 見本 一郎様宅で4日止まっています（最後の押印 令和8年11月20日(金)）」."""
        name = self.household.name
        if self.rule is StuckRule.OVERDUE:
            return f"{self.han.name}: {name}様宅で回覧期限を過ぎています（期限 {wareki(self.due_date, weekday=True)}）"
        if self.rule is StuckRule.NOT_STARTED:
            return (
                f"{self.han.name}: 回り始めて{self.days}日、まだ押印がありません"
                f"（最初は{name}様宅、{wareki(self.since, weekday=True)}から）"
            )
        return f"{self.han.name}: {name}様宅で{self.days}日止まっています（最後の押印 {wareki(self.since, weekday=True)}）"


def stuck_boards(
    circular: Circular,
    hans: Sequence[Han],
    households: Sequence[Household],
    channels: Mapping[int, Channel],
    stamped_on: Mapping[int, dt.date],
    *,
    today: dt.date,
    published_on: dt.date | None = None,
    days: int = STUCK_BOARD_DAYS,
) -> list[StuckBoard]:
    """For each targeted 班 whose paper board has not come back and has stopped moving, where it is.

    ``channels`` maps each household that confirmed to how it confirmed; ``stamped_on`` maps
    households that stamped on paper to the day they did. ``published_on`` is the local day of
    publication (default: the issue date).

    Households are expected in route order. The board travels the whole route printed on the
    回覧表 (every targeted household of the 班); a household that already confirmed digitally
    is taken as having passed it on. Nothing is reported once nobody after the last stamp is
    still without a confirmation.

    A board is reported only when it has had no stamp for ``days`` days (counted from the
    latest stamp of the 班, or from publication before the first), or when the due date has
    passed — and never on the day of publication, when every board has only just set off.
    """
    if circular.status is not Status.PUBLISHED:
        return []
    started = max(published_on or circular.issue_date, circular.issue_date)
    if today <= started:
        return []
    overdue = circular.is_overdue(today)
    result = []
    for han in sorted(hans, key=lambda h: h.position):
        route = [h for h in households if h.han_id == han.id and is_targeted(circular, h) and h.active]
        if not route:
            continue
        stamped = [i for i, h in enumerate(route) if channels.get(h.id) is Channel.PAPER]
        last = stamped[-1] if stamped else -1
        waiting = next((h for h in route[last + 1 :] if h.id not in channels), None)
        if waiting is None:
            continue
        stamp_days = [stamped_on[route[i].id] for i in stamped if route[i].id in stamped_on]
        since = max([started, *stamp_days])
        idle = (today - since).days
        if overdue:
            rule = StuckRule.OVERDUE
        elif idle < days:
            continue
        else:
            rule = StuckRule.STOPPED if stamped else StuckRule.NOT_STARTED
        result.append(
            StuckBoard(
                circular.id, han, waiting, len(stamped), len(route), rule, since, idle, circular.due_date
            )
        )
    return result


def shown_in_reader_matrix(household: Household, circulars: Iterable[Circular]) -> bool:
    """False for a household that moved out and has nothing to read among ``circulars``.

    The reader matrix of a year keeps every household still living here, and a moved-out one
    only while some circular of that year (a draft never counts) was meant for it.
    """
    if household.moved_out_on is None:
        return True
    return any(c.status is not Status.DRAFT and is_targeted(c, household) for c in circulars)
