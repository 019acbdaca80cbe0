"""Codes that people read aloud and type: Crockford base32, folded forgivingly.

Used by the recovery key (groups of 5) and the hub's enrollment codes (groups of 4), on the
desktop and on the hub alike, so both sides agree on the canonical form they hash.
"""

from __future__ import annotations

import unicodedata

# No I, L, O, U: unambiguous when read aloud or typed from paper.
CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0"})
ENROLLMENT_GROUP = 4


def fold_code(typed: str, group: int) -> str:
    """Full width, lower case, spaces, dashes, I/L/O typed for 1/0: all give one canonical form."""
    folded = unicodedata.normalize("NFKC", typed).upper().translate(_FOLD)
    chars = "".join(c for c in folded if c in CROCKFORD_ALPHABET)
    return "-".join(chars[i : i + group] for i in range(0, len(chars), group))


def normalize_enrollment_code(typed: str) -> str:
    """The canonical form of a hub enrollment code (``7KQ2-M9XD-4TNR-B6WA``)."""
    return fold_code(typed, ENROLLMENT_GROUP)
