"""The key envelope of a profile (``keys.json``): the data key wrapped once per officer.

A profile database is encrypted with a random 256-bit data key. That key is never stored in
clear: it is wrapped (AES-256-GCM) with a key derived from each officer's password by scrypt
(memory-hard), and once more with the printable recovery key. Changing a password re-wraps the
data key; the database is never re-encrypted. The GCM tag doubles as the password check.

The envelope also keeps the wrong-password counter and lock-out time, because they are needed
before the database can be opened. It holds no resident data (see docs/security.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from circular_app.domain.codes import CROCKFORD_ALPHABET, fold_code
from circular_app.domain.errors import AuthenticationError, ProfileError
from circular_app.support.files import atomic_write_text

ENVELOPE_FORMAT = "kairan-desk-keys"
ENVELOPE_VERSION = 1
DATA_KEY_BYTES = 32

_RECOVERY_ALPHABET = CROCKFORD_ALPHABET
RECOVERY_USER = "__recovery__"

# Lock-out: the 5th wrong password in a row locks for 30 s, each further one doubles it.
FREE_ATTEMPTS = 5
BASE_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 3600


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost. n=2**15, r=8 uses 32 MiB and ~60 ms here; tests may pass cheaper ones."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    def derive(self, secret: str, salt: bytes) -> bytes:
        """Derive a 256-bit wrapping key from ``secret``."""
        # Imported here: it loads OpenSSL (about 5 ms), and the log-in window, which reads the
        # envelope for the officers' names, derives nothing (tests/test_startup_imports.py).
        import hashlib

        return hashlib.scrypt(
            secret.encode("utf-8"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r * self.p,
            dklen=32,
        )


@dataclass(frozen=True)
class WrappedKey:
    """The data key encrypted for one officer (or for the recovery key)."""

    username: str
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    failed_attempts: int = 0
    locked_until: dt.datetime | None = None


@dataclass(frozen=True)
class KeyEnvelope:
    """Everything in ``keys.json``."""

    profile_id: str
    kdf: KdfParams
    entries: tuple[WrappedKey, ...] = field(default_factory=tuple)

    def entry(self, username: str) -> WrappedKey | None:
        """The wrapped key of ``username`` (case-insensitive), if any."""
        folded = username.casefold()
        return next((e for e in self.entries if e.username.casefold() == folded), None)

    @property
    def usernames(self) -> tuple[str, ...]:
        """Officer log-in names, without the recovery entry."""
        return tuple(e.username for e in self.entries if e.username != RECOVERY_USER)


def _aad(profile_id: str, username: str) -> bytes:
    # Binding the profile and user stops an entry being copied to another profile or user.
    return f"{ENVELOPE_FORMAT}|{profile_id}|{username.casefold()}".encode()


def wrap(envelope: KeyEnvelope, username: str, secret: str, data_key: bytes) -> KeyEnvelope:
    """Return ``envelope`` with ``data_key`` wrapped for ``username`` (replacing an old entry)."""
    # cryptography loads when a key is wrapped or unwrapped, not with the log-in window.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    kek = envelope.kdf.derive(secret, salt)
    ciphertext = AESGCM(kek).encrypt(nonce, data_key, _aad(envelope.profile_id, username))
    entry = WrappedKey(username=username, salt=salt, nonce=nonce, ciphertext=ciphertext)
    others = tuple(e for e in envelope.entries if e.username.casefold() != username.casefold())
    return replace(envelope, entries=(*others, entry))


def remove(envelope: KeyEnvelope, username: str) -> KeyEnvelope:
    """Return ``envelope`` without ``username``'s entry."""
    folded = username.casefold()
    return replace(envelope, entries=tuple(e for e in envelope.entries if e.username.casefold() != folded))


def lockout_remaining(entry: WrappedKey, now: dt.datetime) -> int:
    """Seconds the entry is still locked for (0 when it may try)."""
    if entry.locked_until is None or entry.locked_until <= now:
        return 0
    return int((entry.locked_until - now).total_seconds()) + 1


def unwrap(
    envelope: KeyEnvelope, username: str, secret: str, now: dt.datetime
) -> tuple[bytes | None, KeyEnvelope]:
    """Try ``secret`` for ``username``.

    Returns the data key (or ``None`` on a wrong password) and the envelope with the
    attempt counter updated, which the caller must save. Raises AuthenticationError when the
    user is unknown or still locked out, without counting an attempt.
    """
    entry = envelope.entry(username)
    if entry is None:
        raise AuthenticationError("auth.wrong_password")
    wait = lockout_remaining(entry, now)
    if wait:
        raise AuthenticationError("auth.wait", seconds=wait)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = envelope.kdf.derive(secret, entry.salt)
    try:
        key = AESGCM(kek).decrypt(entry.nonce, entry.ciphertext, _aad(envelope.profile_id, entry.username))
    except InvalidTag:
        failures = entry.failed_attempts + 1
        locked = None
        if failures >= FREE_ATTEMPTS:
            delay = min(BASE_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)
            locked = now + dt.timedelta(seconds=delay)
        updated = replace(entry, failed_attempts=failures, locked_until=locked)
        return None, _with_entry(envelope, updated)
    cleared = replace(entry, failed_attempts=0, locked_until=None)
    return key, _with_entry(envelope, cleared)


def _with_entry(envelope: KeyEnvelope, entry: WrappedKey) -> KeyEnvelope:
    return replace(
        envelope,
        entries=tuple(entry if e.username == entry.username else e for e in envelope.entries),
    )


def new_data_key() -> bytes:
    """A fresh random data key for a new profile."""
    import secrets  # with random and hmac: only when keys are made, not for the log-in window

    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_key() -> str:
    """A printable recovery key: 25 Crockford base32 characters (125 bits) in groups of five."""
    import secrets

    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(25))
    return "-".join(chars[i : i + 5] for i in range(0, 25, 5))


def normalize_recovery_key(text: str) -> str:
    """Accept a recovery key typed with spaces, lower case, O for 0 or I/L for 1."""
    return fold_code(text, 5)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def dumps(envelope: KeyEnvelope) -> str:
    """Serialise to the documented JSON format."""
    doc: dict[str, Any] = {
        "format": ENVELOPE_FORMAT,
        "version": ENVELOPE_VERSION,
        "profile_id": envelope.profile_id,
        "kdf": {"name": "scrypt", "n": envelope.kdf.n, "r": envelope.kdf.r, "p": envelope.kdf.p},
        "entries": [
            {
                "username": e.username,
                "salt": _b64(e.salt),
                "nonce": _b64(e.nonce),
                "wrapped_key": _b64(e.ciphertext),
                "failed_attempts": e.failed_attempts,
                "locked_until": e.locked_until.isoformat() if e.locked_until else None,
            }
            for e in envelope.entries
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def loads(text: str, source: str) -> KeyEnvelope:
    """Parse ``keys.json``; a damaged or newer file raises ProfileError naming the problem."""
    try:
        doc = json.loads(text)
        if doc.get("format") != ENVELOPE_FORMAT:
            raise ProfileError("keyfile.not_keyfile", source=source)
        if int(doc["version"]) > ENVELOPE_VERSION:
            raise ProfileError("keyfile.newer_version", source=source)
        kdf = doc["kdf"]
        entries = tuple(
            WrappedKey(
                username=str(e["username"]),
                salt=_unb64(e["salt"]),
                nonce=_unb64(e["nonce"]),
                ciphertext=_unb64(e["wrapped_key"]),
                failed_attempts=int(e.get("failed_attempts", 0)),
                locked_until=dt.datetime.fromisoformat(e["locked_until"]) if e.get("locked_until") else None,
            )
            for e in doc["entries"]
        )
        return KeyEnvelope(
            profile_id=str(doc["profile_id"]),
            kdf=KdfParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])),
            entries=entries,
        )
    except ProfileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ProfileError("keyfile.damaged_kind", source=source, kind=type(exc).__name__) from exc


def read(path: Path) -> KeyEnvelope:
    """Load the envelope from ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProfileError("keyfile.missing", path=path) from exc
    except UnicodeDecodeError as exc:
        raise ProfileError("keyfile.damaged", path=path) from exc
    return loads(text, str(path))


def write(path: Path, envelope: KeyEnvelope) -> None:
    """Write atomically: a crash leaves either the old or the new file, never half of one."""
    atomic_write_text(path, dumps(envelope))
