"""Appending to and reading the audit trail (inside the caller's transaction)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular_app.domain.audit import GENESIS_HASH, AuditEntry, entry_hash
from circular_app.storage.models import AuditRow
from circular_app.support.clock import utcnow


def append(
    session: Session,
    officer: str,
    action: str,
    target: str = "",
    detail: dict[str, object] | None = None,
) -> AuditEntry:
    """Add one entry chained to the last one. ``target``/``detail`` must hold no names."""
    last = session.scalar(select(AuditRow).order_by(AuditRow.id.desc()).limit(1))
    prev = last.hash if last else GENESIS_HASH
    at = utcnow()
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    row = AuditRow(
        at=at,
        officer=officer,
        action=action,
        target=target,
        detail=detail_text,
        prev_hash=prev,
        hash=entry_hash(prev, at, officer, action, target, detail_text),
    )
    session.add(row)
    session.flush()
    return to_entry(row)


def to_entry(row: AuditRow) -> AuditEntry:
    """Map a row to its domain value."""
    return AuditEntry(
        row.id, row.at, row.officer, row.action, row.target, row.detail, row.prev_hash, row.hash
    )


def entries(session: Session) -> list[AuditEntry]:
    """All entries in order."""
    return [to_entry(r) for r in session.scalars(select(AuditRow).order_by(AuditRow.id))]
