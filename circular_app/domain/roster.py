"""Households (世帯) and blocks (班): the association's roster as immutable values."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from circular_app.domain.errors import ValidationError
from circular_app.domain.text import (
    is_katakana_reading,
    normalize_han_name,
    normalize_reading,
    require_clean_text,
    trim,
)


class Delivery(enum.StrEnum):
    """How a household receives circulars."""

    DIGITAL = "digital"
    PAPER = "paper"

    @property
    def label_ja(self) -> str:
        """Japanese label used in CSV files and on screen."""
        return "デジタル" if self is Delivery.DIGITAL else "紙"


@dataclass(frozen=True)
class Han:
    """A block of households that one paper board travels through, in ``position`` order."""

    id: int
    name: str
    position: int
    leader_household_id: int | None = None


@dataclass(frozen=True)
class HouseholdDraft:
    """What a user enters for a household; validated by :func:`validate_household`."""

    name: str
    han_id: int
    reading: str = ""
    delivery: Delivery = Delivery.PAPER
    large_print: bool = False
    language: str = "ja"
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Household:
    """A household of the roster. ``public_id`` is stable across exports and imports."""

    id: int
    public_id: str
    name: str
    reading: str
    han_id: int
    route_position: int
    delivery: Delivery
    large_print: bool
    language: str
    phone: str
    email: str
    notes: str
    moved_out_on: dt.date | None = None

    @property
    def active(self) -> bool:
        """True while the household is on the route (has not moved out)."""
        return self.moved_out_on is None

    def as_draft(self) -> HouseholdDraft:
        """Return the editable fields, for an edit dialog."""
        return HouseholdDraft(
            name=self.name,
            han_id=self.han_id,
            reading=self.reading,
            delivery=self.delivery,
            large_print=self.large_print,
            language=self.language,
            phone=self.phone,
            email=self.email,
            notes=self.notes,
        )


MAX_NAME_LENGTH = 100
MAX_NOTES_LENGTH = 1000


def validate_household(draft: HouseholdDraft) -> HouseholdDraft:
    """Return a cleaned copy of ``draft`` or raise :class:`ValidationError` naming the field.

    Names are only trimmed: 旧字体 such as 髙 or 﨑 and characters outside CP932 such as 𠮷
    are kept exactly as written. Readings become full-width katakana. Control characters, bidi
    overrides and non-characters are refused in every field (notes keep line breaks and tabs).
    """
    # Checked before anything else, so that no later message echoes such a character.
    for field_name, value, multiline in (
        ("氏名", draft.name, False),
        ("フリガナ", draft.reading, False),
        ("メール", draft.email, False),
        ("電話", draft.phone, False),
        ("備考", draft.notes, True),
        ("言語", draft.language, False),
    ):
        require_clean_text(field_name, trim(value), multiline=multiline)
    name = trim(draft.name)
    if not name:
        raise ValidationError("氏名", "field.empty")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError("氏名", "field.too_long", count=MAX_NAME_LENGTH)
    reading = normalize_reading(draft.reading)
    if reading and not is_katakana_reading(reading):
        raise ValidationError("フリガナ", "roster.reading_not_katakana", value=reading)
    email = trim(draft.email)
    if email and ("@" not in email or " " in email):
        raise ValidationError("メール", "roster.bad_email", value=email)
    phone = trim(draft.phone)
    if phone and not all(c.isdigit() or c in "-+() " for c in phone):
        raise ValidationError("電話", "roster.bad_phone", value=phone)
    notes = trim(draft.notes)
    if len(notes) > MAX_NOTES_LENGTH:
        raise ValidationError("備考", "field.too_long", count=MAX_NOTES_LENGTH)
    language = trim(draft.language) or "ja"
    return HouseholdDraft(
        name=name,
        han_id=draft.han_id,
        reading=reading,
        delivery=draft.delivery,
        large_print=draft.large_print,
        language=language,
        phone=phone,
        email=email,
        notes=notes,
    )


def validate_han_name(name: str) -> str:
    """The normalised 班 name (``第3班`` → ``3班``), or :class:`ValidationError` naming 班."""
    clean = normalize_han_name(require_clean_text("班", trim(name)))
    if not clean:
        raise ValidationError("班", "field.empty")
    return clean


@dataclass(frozen=True)
class HanSummary:
    """Counts for one 班 shown beside the roster."""

    han: Han
    households: int
    digital: int

    @property
    def paper(self) -> int:
        """Households of this 班 that still receive paper."""
        return self.households - self.digital


@dataclass(frozen=True)
class RosterSummary:
    """Counts per 班 and the association's digital share (active households only)."""

    per_han: tuple[HanSummary, ...] = field(default_factory=tuple)

    @property
    def households(self) -> int:
        """Active households of the association."""
        return sum(s.households for s in self.per_han)

    @property
    def digital(self) -> int:
        """Active households reading digitally."""
        return sum(s.digital for s in self.per_han)

    @property
    def digital_share(self) -> float:
        """Digital households / all active households; 0.0 for an empty roster."""
        return self.digital / self.households if self.households else 0.0


def summarize(hans: Iterable[Han], households: Iterable[Household]) -> RosterSummary:
    """Count active and digital households per 班, in 班 order."""
    totals: dict[int, list[int]] = {}
    for h in households:
        if h.active:
            counts = totals.setdefault(h.han_id, [0, 0])
            counts[0] += 1
            counts[1] += h.delivery is Delivery.DIGITAL
    ordered = sorted(hans, key=lambda b: b.position)
    return RosterSummary(tuple(HanSummary(b, *totals.get(b.id, [0, 0])) for b in ordered))
