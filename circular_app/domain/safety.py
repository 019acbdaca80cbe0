"""安否確認: rounds after a disaster (or a 訓練), each household's status, and the board.

A *round* is started after an earthquake, heavy rain or another event (with a free message)
and ended when every household is accounted for. A 訓練 (drill) is a round of its own, marked
訓練 everywhere; its records never count for a real round.

A household's status is recorded as often as it changes (by phone, a visit, the paper check
list or, later, the reader page). Records are never changed or removed: the **latest** record
of a household counts, the earlier ones are its history. A household without a record is
未確認.

The board answers "who still needs us": counts per 班, then the households that asked for
help (要支援, with note, phone and time), then the 未確認 ones in route order for the 班長 to
call. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from circular_app.domain.accounts import Officer, Role
from circular_app.domain.errors import ValidationError
from circular_app.domain.roster import Han, Household

#: A note is a few words ("足をけが", "薬が必要"); the paper box holds about this much.
MAX_NOTE_LENGTH = 200
#: The message of a round ("震度5強の地震がありました") is one or two lines.
MAX_MESSAGE_LENGTH = 200


class RoundKind(enum.StrEnum):
    """What the round is about."""

    EARTHQUAKE = "earthquake"
    RAIN = "rain"
    OTHER = "other"

    @property
    def label_ja(self) -> str:
        """Japanese name (地震 / 大雨 / その他)."""
        return {"earthquake": "地震", "rain": "大雨", "other": "その他"}[self.value]


class SafetyStatus(enum.StrEnum):
    """A household's answer; UNKNOWN is the state of a household without a record."""

    SAFE = "safe"
    HELP = "help"
    AWAY = "away"
    UNKNOWN = "unknown"

    @property
    def label_ja(self) -> str:
        """Japanese name as on the board and the paper check list."""
        return {"safe": "無事", "help": "要支援", "away": "不在・避難中", "unknown": "未確認"}[self.value]


#: The statuses an officer can record (未確認 is the absence of a record, never recorded).
RECORDABLE = (SafetyStatus.SAFE, SafetyStatus.HELP, SafetyStatus.AWAY)


class SafetyChannel(enum.StrEnum):
    """How the answer reached the association."""

    PHONE = "phone"
    VISIT = "visit"
    PAPER = "paper"
    DIGITAL = "digital"

    @property
    def label_ja(self) -> str:
        """Japanese name."""
        return {"phone": "電話", "visit": "訪問", "paper": "紙", "digital": "スマホ"}[self.value]


@dataclass(frozen=True)
class SafetyRound:
    """One 安否確認 round, open until ``ended_at`` is set."""

    id: int
    kind: RoundKind
    message: str
    drill: bool
    started_at: dt.datetime
    started_by: str
    ended_at: dt.datetime | None = None
    ended_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True until the round is ended."""
        return self.ended_at is None

    @property
    def label(self) -> str:
        """「【訓練】地震」 or 「地震」: a drill is named as one wherever the round is shown."""
        return f"{'【訓練】' if self.drill else ''}{self.kind.label_ja}"


@dataclass(frozen=True)
class SafetyRecord:
    """One recorded answer of a household in a round (never changed afterwards)."""

    id: int
    round_id: int
    household_id: int
    status: SafetyStatus
    channel: SafetyChannel
    note: str
    recorded_at: dt.datetime
    recorded_by: str


@dataclass(frozen=True)
class HanCount:
    """The board's counts of one 班."""

    han: Han
    safe: int
    help: int
    away: int
    unknown: int

    @property
    def total(self) -> int:
        """Households of the 班 on the board."""
        return self.safe + self.help + self.away + self.unknown


@dataclass(frozen=True)
class BoardLine:
    """A household on the board with its current status (``record`` None: 未確認)."""

    household: Household
    han: Han
    record: SafetyRecord | None

    @property
    def status(self) -> SafetyStatus:
        """The latest recorded status, or 未確認."""
        return self.record.status if self.record is not None else SafetyStatus.UNKNOWN

    @property
    def label(self) -> str:
        """「3班-5」: 班 and route position, the label the hub knows a household by."""
        return f"{self.han.name}-{self.household.route_position}"

    @property
    def time_text(self) -> str:
        """Local time of the latest answer (「09:05」), empty while 未確認."""
        return "" if self.record is None else local_time(self.record.recorded_at).strftime("%H:%M")


@dataclass(frozen=True)
class Board:
    """Counts per 班 and the lists an officer works from, for one round."""

    round: SafetyRound
    counts: tuple[HanCount, ...]
    lines: tuple[BoardLine, ...]  # every household, 班 then route order
    # Household id → every answer of the round, oldest first (what the row's tooltip tells).
    history: Mapping[int, tuple[SafetyRecord, ...]] = field(default_factory=dict)

    @property
    def needs_help(self) -> tuple[BoardLine, ...]:
        """要支援 households, in 班 and route order (shown first)."""
        return tuple(line for line in self.lines if line.status is SafetyStatus.HELP)

    @property
    def unconfirmed(self) -> tuple[BoardLine, ...]:
        """未確認 households in route order: whom the 班長 calls next."""
        return tuple(line for line in self.lines if line.status is SafetyStatus.UNKNOWN)

    def total(self, status: SafetyStatus) -> int:
        """How many households have ``status`` across every 班."""
        return sum(1 for line in self.lines if line.status is status)


def local_time(moment: dt.datetime) -> dt.datetime:
    """A stored time (naive UTC) in the computer's time zone, for showing to people."""
    return moment.replace(tzinfo=dt.UTC).astimezone()


def local_now() -> dt.datetime:
    """Now, in the computer's time zone (for 「作成 …」 lines on paper)."""
    return dt.datetime.now(dt.UTC).astimezone()


def latest_records(records: Iterable[SafetyRecord]) -> dict[int, SafetyRecord]:
    """Household id → its latest record (by time, then by id for records in the same instant)."""
    latest: dict[int, SafetyRecord] = {}
    for record in records:
        current = latest.get(record.household_id)
        if current is None or (record.recorded_at, record.id) > (current.recorded_at, current.id):
            latest[record.household_id] = record
    return latest


def build_board(
    round_: SafetyRound,
    hans: Sequence[Han],
    households: Iterable[Household],
    records: Iterable[SafetyRecord],
) -> Board:
    """The board of ``round_``: active households of ``hans`` (in 班 then route order).

    Records of another round are ignored, so a drill's answers never show on a real round.
    """
    order = {h.id: (h.position, h.id) for h in hans}
    by_id = {h.id: h for h in hans}
    mine = sorted((r for r in records if r.round_id == round_.id), key=lambda r: (r.recorded_at, r.id))
    current = latest_records(mine)
    history: dict[int, list[SafetyRecord]] = {}
    for record in mine:
        history.setdefault(record.household_id, []).append(record)
    chosen = sorted(
        (h for h in households if h.active and h.han_id in by_id),
        key=lambda h: (order[h.han_id], h.route_position, h.id),
    )
    lines = tuple(BoardLine(h, by_id[h.han_id], current.get(h.id)) for h in chosen)
    counts = []
    for han in sorted(hans, key=lambda h: order[h.id]):
        statuses = [line.status for line in lines if line.han.id == han.id]
        counts.append(
            HanCount(
                han,
                statuses.count(SafetyStatus.SAFE),
                statuses.count(SafetyStatus.HELP),
                statuses.count(SafetyStatus.AWAY),
                statuses.count(SafetyStatus.UNKNOWN),
            )
        )
    return Board(round_, tuple(counts), lines, {hid: tuple(rs) for hid, rs in history.items()})


def validate_note(note: str) -> str:
    """The note trimmed, or a validation error when it is too long for the list."""
    text = " ".join(note.split())
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError("メモ", "field.too_long", count=MAX_NOTE_LENGTH)
    return text


def validate_message(message: str) -> str:
    """The round's message trimmed, or a validation error when it is too long."""
    text = message.strip()
    if len(text) > MAX_MESSAGE_LENGTH:
        raise ValidationError("お知らせ文", "field.too_long", count=MAX_MESSAGE_LENGTH)
    return text


def may_run_rounds(officer: Officer) -> bool:
    """Start and end rounds, and record for every 班: 管理者 and 役員 (and the practice role,
    which does what 役員 do). A 班長 records for their own 班 only."""
    return officer.role in (Role.ADMIN, Role.OFFICER, Role.TRAINEE)
