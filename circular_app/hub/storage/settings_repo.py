"""Hub-wide settings (name → value rows) and the database liveness probe."""

from __future__ import annotations

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from circular_app.hub.storage.models import HubSettingRow


def setting(session: Session, name: str) -> str | None:
    """The value stored under ``name``, or ``None`` when there is none."""
    return session.scalar(select(HubSettingRow.value).where(HubSettingRow.name == name))


def stored_setting(session: Session, name: str) -> str:
    """The value stored under ``name`` (it must exist)."""
    return session.scalars(select(HubSettingRow.value).where(HubSettingRow.name == name)).one()


def add_setting(session: Session, name: str, value: str) -> None:
    """Store a new setting (IntegrityError at flush when another writer stored it first)."""
    session.add(HubSettingRow(name=name, value=value))


def ping(session: Session) -> None:
    """Ask the database for ``SELECT 1`` (raises when it does not answer)."""
    session.execute(text("SELECT 1"))


def settings_named(session: Session, names: tuple[str, ...]) -> dict[str, str]:
    """The stored values of those of ``names`` that are set."""
    rows = session.execute(
        select(HubSettingRow.name, HubSettingRow.value).where(HubSettingRow.name.in_(names))
    )
    return {name: value for name, value in rows}


def put_setting(session: Session, name: str, value: str) -> None:
    """Store ``value`` under ``name``, replacing the old value."""
    row = session.get(HubSettingRow, name)
    if row is None:
        session.add(HubSettingRow(name=name, value=value))
    else:
        row.value = value


def drop_setting(session: Session, name: str) -> None:
    """Remove ``name`` (nothing happens when it is not set)."""
    session.execute(delete(HubSettingRow).where(HubSettingRow.name == name))
