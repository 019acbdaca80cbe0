"""Signed offline adoption reports (USB stick) for associations without internet.

File layout (JSON, UTF-8)::

    {"format": "kairan-desk/signed-adoption-report", "version": 1,
     "report": {...AdoptionReport...},
     "public_key": base64 Ed25519 public key,
     "key_proof": HMAC-SHA256(key=sha256(enrollment code), msg=public_key) in hex — only in
                  the first file, authenticating the key with the one-time enrollment code,
     "signature": base64 Ed25519 signature over the report's canonical bytes}

The hub stores sha256 of each enrollment code, so it can check ``key_proof`` without the
code itself; later files are signed by the key it then remembers. A replayed report (same
``report_id``) or a tampered one is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from circular_app.domain.adoption import AdoptionReport, parse_report
from circular_app.domain.codes import normalize_enrollment_code
from circular_app.domain.errors import UserError

FILE_FORMAT = "kairan-desk/signed-adoption-report"
FILE_VERSION = 1


class ReportFileError(UserError):
    """A signed report file was refused (tampered, unknown key, malformed)."""


def new_private_key() -> str:
    """A new Ed25519 key as base64 raw bytes (kept encrypted inside the profile)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


def public_key_of(private_b64: str) -> str:
    """The base64 raw public key of a stored private key."""
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def code_digest(code: str) -> str:
    """sha256 hex of an enrollment code, as the hub stores it."""
    return hashlib.sha256(normalize_enrollment_code(code).encode()).hexdigest()


def key_proof(code_sha256_hex: str, public_key_b64: str) -> str:
    """HMAC binding the public key to the enrollment code."""
    return hmac.new(bytes.fromhex(code_sha256_hex), public_key_b64.encode(), hashlib.sha256).hexdigest()


def sign_report(report: AdoptionReport, private_b64: str, enrollment_code: str | None) -> bytes:
    """The signed file's bytes; ``enrollment_code`` adds the key proof (first file)."""
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    public = public_key_of(private_b64)
    doc: dict[str, Any] = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "report": report.to_json(),
        "public_key": public,
        "signature": base64.b64encode(key.sign(report.canonical_bytes())).decode(),
    }
    if enrollment_code:
        doc["key_proof"] = key_proof(code_digest(enrollment_code), public)
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class VerifiedReport:
    """A report whose signature checked out, with the key that signed it."""

    report: AdoptionReport
    public_key: str
    key_proof: str | None


def read_signed(data: bytes, source: str) -> VerifiedReport:
    """Parse a file and check its signature against the key it carries.

    The caller (the hub) must still check that the key belongs to the association: either the
    key it remembered, or ``key_proof`` against the enrollment code digest it stored.
    """
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FILE_FORMAT:
            raise ReportFileError("report_file.not_report", source=source)
        if int(doc.get("version", 0)) > FILE_VERSION:
            raise ReportFileError("report_file.newer_version", source=source)
        report = parse_report(doc["report"], source)
        public = str(doc["public_key"])
        signature = base64.b64decode(doc["signature"], validate=True)
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
    except ReportFileError:
        raise
    except UserError as exc:
        raise ReportFileError(str(exc)) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReportFileError("report_file.damaged", source=source, kind=type(exc).__name__) from exc
    try:
        key.verify(signature, report.canonical_bytes())
    except InvalidSignature as exc:
        raise ReportFileError("report_file.bad_signature", source=source) from exc
    proof = doc.get("key_proof")
    return VerifiedReport(report, public, str(proof) if proof else None)


def proof_matches(verified: VerifiedReport, code_sha256_hex: str) -> bool:
    """True when the file's key proof was made with the enrollment code of that digest."""
    if verified.key_proof is None:
        return False
    return hmac.compare_digest(verified.key_proof, key_proof(code_sha256_hex, verified.public_key))
