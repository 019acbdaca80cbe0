"""要配慮者 (households that need help to evacuate) and 見守り (gentle watch on unread circulars).

Both are sensitive personal data and stay on the officers' PC: never on the hub, never in a
log. Who may see them is decided here, once:

- 要配慮: the 管理者 sees every household's flag and note; a 班長 sees (and edits) those of
  their own 班. Every other officer sees nothing, not even that the flag exists.
- 見守り: off until the 管理者 turns it on. A household that has left ``after`` circulars in a
  row unconfirmed (paper and digital alike) is listed for the 管理者 (会長) and its own 班長
  only, in gentle words (「最近回覧の確認がありません」).

Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import ValidationError
from circular_app.domain.roster import Han, Household

#: A care note is a few words (「車いす」「耳が遠い」「2階で寝ている」).
MAX_CARE_NOTE_LENGTH = 200
#: 見守り: the default number of circulars in a row without a confirmation.
DEFAULT_WATCH_AFTER = 3
MIN_WATCH_AFTER = 2
MAX_WATCH_AFTER = 12
#: The gentle words the watch list uses for every household on it.
WATCH_WORDING = "最近回覧の確認がありません"


@dataclass(frozen=True)
class CareNeed:
    """A household's 要配慮 flag (it exists: the household is flagged) with its note."""

    household_id: int
    note: str
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class CareLine:
    """A flagged household with its 班, for the 要配慮者 list (班 then route order)."""

    household: Household
    han: Han
    need: CareNeed

    @property
    def label(self) -> str:
        """「3班-5」."""
        return f"{self.han.name}-{self.household.route_position}"


@dataclass(frozen=True)
class WatchSettings:
    """The 管理者's choice: 見守り on or off, and after how many circulars in a row."""

    enabled: bool = False
    after: int = DEFAULT_WATCH_AFTER


@dataclass(frozen=True)
class WatchLine:
    """A household that has not confirmed its last ``unread`` circulars (at least ``after``)."""

    household: Household
    han: Han
    unread: int

    @property
    def label(self) -> str:
        """「3班-5」."""
        return f"{self.han.name}-{self.household.route_position}"

    @property
    def wording(self) -> str:
        """What the list says about the household: always the same gentle sentence."""
        return WATCH_WORDING


@dataclass(frozen=True)
class PastCircular:
    """A circular whose 回覧 is over (closed, or past its due date), in publishing order."""

    id: int
    published_at: dt.datetime


def may_see_care_needs(officer: Officer) -> bool:
    """Whether the officer may see any 要配慮 at all (管理者, or a 班長 of a 班)."""
    if officer.role is Role.ADMIN:
        return True
    return officer.role is Role.HAN_LEADER and officer.han_id is not None


def may_see_care_need_of(officer: Officer, han_id: int) -> bool:
    """Whether the officer may see and edit the 要配慮 of a household of ``han_id``."""
    if officer.role is Role.ADMIN:
        return True
    return officer.role is Role.HAN_LEADER and officer.han_id == han_id


def may_see_watch_list(officer: Officer) -> bool:
    """The 見守り list is for the 管理者 (会長) and 班長 (their own 班) only."""
    return may_see_care_needs(officer)


def validate_care_note(note: str) -> str:
    """The note on one line, or a validation error when it is too long."""
    text = " ".join(note.split())
    if len(text) > MAX_CARE_NOTE_LENGTH:
        raise ValidationError("要配慮のメモ", "field.too_long", count=MAX_CARE_NOTE_LENGTH)
    return text


def validate_watch_after(after: int) -> int:
    """Between :data:`MIN_WATCH_AFTER` and :data:`MAX_WATCH_AFTER` circulars."""
    if not MIN_WATCH_AFTER <= after <= MAX_WATCH_AFTER:
        raise ValidationError(
            "見守りの回数", "care.watch_after_range", low=MIN_WATCH_AFTER, high=MAX_WATCH_AFTER
        )
    return after


def unread_streaks(
    circulars: Sequence[PastCircular],
    recipients: Iterable[tuple[int, int]],
    reads: Iterable[tuple[int, int]],
) -> dict[int, int]:
    """Household id → how many of its latest circulars in a row it has not confirmed.

    ``recipients`` and ``reads`` are (circular id, household id) pairs: the audience snapshot
    of each circular and its confirmations (paper stamps and phone taps alike). Only circulars
    a household was sent count for it; the newest confirmed one ends the streak.
    """
    order = sorted(circulars, key=lambda c: (c.published_at, c.id), reverse=True)
    wanted = {c.id for c in order}
    sent: dict[int, set[int]] = {}
    for circular_id, household_id in recipients:
        if circular_id in wanted:
            sent.setdefault(household_id, set()).add(circular_id)
    confirmed = {(c, h) for c, h in reads}
    streaks: dict[int, int] = {}
    for household_id, mine in sent.items():
        count = 0
        for circular in order:
            if circular.id not in mine:
                continue
            if (circular.id, household_id) in confirmed:
                break
            count += 1
        streaks[household_id] = count
    return streaks


def watch_lines(
    settings: WatchSettings,
    streaks: Mapping[int, int],
    hans: Sequence[Han],
    households: Iterable[Household],
) -> list[WatchLine]:
    """Active households of ``hans`` with a streak of at least ``settings.after``, in route order.

    Empty while 見守り is off.
    """
    if not settings.enabled:
        return []
    by_id = {h.id: h for h in hans}
    order = {h.id: (h.position, h.id) for h in hans}
    chosen = [
        h for h in households if h.active and h.han_id in by_id and streaks.get(h.id, 0) >= settings.after
    ]
    chosen.sort(key=lambda h: (order[h.han_id], h.route_position, h.id))
    return [WatchLine(h, by_id[h.han_id], streaks[h.id]) for h in chosen]
