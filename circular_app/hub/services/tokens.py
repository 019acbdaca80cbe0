"""Secrets of the hub: enrollment codes, association tokens, reader-token hashes, CSRF values.

Everything secret is stored as a SHA-256 hash and compared in constant time; the raw value
exists only in the response that hands it out (enrollment) or on the desktop (reader tokens).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from circular_app.domain.codes import CROCKFORD_ALPHABET as _CODE_ALPHABET
from circular_app.domain.codes import ENROLLMENT_GROUP as CODE_GROUP_LENGTH
from circular_app.domain.codes import normalize_enrollment_code

__all__ = ["normalize_enrollment_code"]

CODE_GROUPS = 4  # 16 characters = 80 bits

READER_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SHA256_HEX_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(value: str) -> str:
    """SHA-256 of the UTF-8 bytes, as 64 lower-case hex digits (how every secret is stored)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_association_token() -> str:
    """A 256-bit bearer token, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def new_enrollment_code() -> str:
    """A one-time code such as ``7KQ2-M9XD-4TNR-B6WA`` (80 bits, Crockford base32)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(chars[i : i + CODE_GROUP_LENGTH] for i in range(0, len(chars), CODE_GROUP_LENGTH))


def reader_token_hash(token: str) -> str | None:
    """The stored form of a reader token from a URL, or ``None`` when it cannot be one."""
    if not READER_TOKEN_PATTERN.match(token):
        return None
    return sha256_hex(token)


def new_secret() -> str:
    """A random server secret (hex)."""
    return secrets.token_hex(32)


def csrf_value(secret: str, token_hash: str, circular_key: str) -> str:
    """The hidden form value that binds a 「読みました」 POST to this reader link and circular."""
    message = f"read\x00{token_hash}\x00{circular_key}".encode()
    return hmac.new(secret.encode("ascii"), message, hashlib.sha256).hexdigest()[:32]


def csrf_ok(secret: str, token_hash: str, circular_key: str, submitted: str) -> bool:
    """Constant-time check of a submitted CSRF value."""
    # Compared as bytes: ``compare_digest`` refuses non-ASCII text (``csrf=%ff%fe``).
    expected = csrf_value(secret, token_hash, circular_key).encode()
    return hmac.compare_digest(expected, submitted.encode("utf-8", "replace"))
