"""The 引き継ぎ (handover) file: a whole profile in one file, protected by a passphrase.

Layout (documented in docs/security.md)::

    KAIRAN-HANDOVER 1\n
    <one line of JSON header: format, version, kdf, salt, nonce, association name, 校下, date>\n
    <AES-256-GCM ciphertext of a ZIP with profile.db and data-key.bin; the header is the AAD>

The key comes from the passphrase through scrypt. The ZIP holds the (still SQLCipher
encrypted) database and its data key, so whoever has the file *and* the passphrase can open
the profile on another PC and set up their own account there.

A 班長 copy (storage/han_copy.py) travels in the same format: its header says
``"kind": "han_copy"`` and names the 班長's log-in, the passphrase is that 班長's own password,
and the key inside is the copy's own new key, never the profile's.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from circular_app.domain.errors import AuthenticationError, ProfileError
from circular_app.storage.keyfile import KdfParams
from circular_app.support.files import atomic_write_bytes

MAGIC = b"KAIRAN-HANDOVER 1\n"
FORMAT = "kairan-desk-handover"
VERSION = 1
KIND_HANDOVER, KIND_HAN_COPY = "handover", "han_copy"


@dataclass(frozen=True)
class HandoverContents:
    """What a handover file carries once decrypted."""

    name: str
    school_district: str
    created: str
    database: bytes
    data_key: bytes
    kind: str = KIND_HANDOVER
    username: str = ""


def write_handover(
    path: Path,
    database: bytes,
    data_key: bytes,
    name: str,
    school_district: str,
    passphrase: str,
    kdf: KdfParams,
    *,
    kind: str = KIND_HANDOVER,
    username: str = "",
) -> None:
    """Encrypt ``database`` and its key into ``path`` (atomically).

    ``kind`` and ``username`` (the 班長 of a 班長 copy) go into the authenticated header.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.db", database)
        archive.writestr("data-key.bin", data_key)
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p},
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "name": name,
        "school_district": school_district,
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "kind": kind,
    }
    if username:
        header["username"] = username
    header_line = json.dumps(header, ensure_ascii=False).encode("utf-8")
    ciphertext = AESGCM(kdf.derive(passphrase, salt)).encrypt(nonce, buffer.getvalue(), header_line)
    atomic_write_bytes(path, MAGIC + header_line + b"\n" + ciphertext)


def read_handover(path: Path, passphrase: str) -> HandoverContents:
    """Decrypt a handover file; a wrong passphrase or an altered file is refused clearly."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError("file.unreadable", path=path, reason=exc.strerror) from exc
    if not raw.startswith(MAGIC):
        raise ProfileError("handover.not_handover", file=path.name)
    header_line, _, ciphertext = raw[len(MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_line)
        if header.get("format") != FORMAT:
            raise ProfileError("handover.wrong_format", file=path.name)
        if int(header["version"]) > VERSION:
            raise ProfileError("handover.newer_version", file=path.name)
        kdf = KdfParams(int(header["kdf"]["n"]), int(header["kdf"]["r"]), int(header["kdf"]["p"]))
        salt, nonce = base64.b64decode(header["salt"]), base64.b64decode(header["nonce"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ProfileError("handover.damaged", file=path.name) from exc
    try:
        plain = AESGCM(kdf.derive(passphrase, salt)).decrypt(nonce, ciphertext, header_line)
    except InvalidTag as exc:
        raise AuthenticationError("handover.wrong_passphrase", file=path.name) from exc
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return HandoverContents(
            name=str(header["name"]),
            school_district=str(header["school_district"]),
            created=str(header["created"]),
            database=archive.read("profile.db"),
            data_key=archive.read("data-key.bin"),
            kind=str(header.get("kind", KIND_HANDOVER)),
            username=str(header.get("username", "")),
        )
