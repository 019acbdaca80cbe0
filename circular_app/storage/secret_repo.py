"""Secrets kept inside the encrypted profile (hub token without a keyring, report signing key)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from circular_app.storage.models import StoredSecretRow


def get(session: Session, name: str) -> str | None:
    """The stored value, if any."""
    row = session.get(StoredSecretRow, name)
    return row.value if row is not None else None


def put(session: Session, name: str, value: str) -> None:
    """Store ``value`` under ``name``, replacing what was there."""
    row = session.get(StoredSecretRow, name) or StoredSecretRow(name=name, value="")
    row.value = value
    session.add(row)


def delete(session: Session, name: str) -> None:
    """Forget ``name`` (nothing happens when it is not stored)."""
    row = session.get(StoredSecretRow, name)
    if row is not None:
        session.delete(row)
