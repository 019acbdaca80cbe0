"""安否確認 on the hub: the wire values of a round and an answer, and the 会長用リンク's PIN.

Shared by the desktop (which sends rounds and chair links and fetches answers) and the hub
(which stores them under opaque keys). Standard library only.

The 会長用リンク is a capability link plus a PIN: the hub stores the SHA-256 of the link's
token and a salted PBKDF2 of the PIN, never either of them. A PIN is six digits (read out
from a wallet card, typed on a phone); the hub refuses guesses after a few wrong ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from circular_app.domain.safety import MAX_NOTE_LENGTH

PIN_DIGITS = 6
PIN_ITERATIONS = 120_000
#: Answers the hub accepts on the reader page (未確認 is the absence of an answer).
HUB_STATUSES = ("safe", "help", "away")
#: The note a resident may type on the phone (the desktop's note length).
MAX_PHONE_NOTE = MAX_NOTE_LENGTH
#: Who sees an answer: the answer page says so in these words.
WHO_SEES = "町会の役員と班長が見ます"


def new_pin() -> str:
    """Six random digits."""
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def new_salt() -> str:
    """A fresh salt for :func:`pin_hash` (hex)."""
    return secrets.token_hex(16)


def pin_hash(pin: str, salt: str) -> str:
    """The salted PBKDF2-SHA256 of a PIN (hex): what the hub keeps instead of the PIN."""
    digest = hashlib.pbkdf2_hmac("sha256", pin.strip().encode("utf-8"), bytes.fromhex(salt), PIN_ITERATIONS)
    return digest.hex()


def pin_matches(pin: str, salt: str, stored: str) -> bool:
    """True when ``pin`` is the PIN whose hash is ``stored`` (constant-time comparison)."""
    if not pin.strip().isdigit() or len(pin.strip()) != PIN_DIGITS:
        return False
    return hmac.compare_digest(pin_hash(pin, salt), stored)


@dataclass(frozen=True)
class HubRound:
    """A round as the hub knows it; ``origin`` is ``desktop`` or ``chair`` (started on a phone)."""

    key: str
    kind: str
    message: str
    drill: bool
    started_at: dt.datetime
    ended_at: dt.datetime | None
    origin: str


@dataclass(frozen=True)
class HubAnswer:
    """A resident's answer on the reader page; ``id`` is the fetch cursor (it only grows)."""

    id: int
    round_key: str
    household_key: str
    status: str
    note: str
    answered_at: dt.datetime


@dataclass(frozen=True)
class SafetyPage:
    """What ``GET /api/v1/safety`` returns: recent rounds, answers after the cursor."""

    rounds: tuple[HubRound, ...]
    answers: tuple[HubAnswer, ...]
    cursor: str
    has_more: bool
