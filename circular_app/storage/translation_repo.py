"""Translations of circulars (inside the caller's transaction; never commits).

Rows are only ever added (the table refuses UPDATE, and DELETE once the circular is
published): saving a translation adds a row, removing one adds a row marked ``removed``. The
latest row of each language counts.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from circular_app.domain.translations import CleanTranslation, Translation
from circular_app.storage.models import CircularTranslationRow
from circular_app.support.clock import utcnow


def _latest_ids(circular_id: int) -> Select[int]:
    return (
        select(func.max(CircularTranslationRow.id))
        .where(CircularTranslationRow.circular_id == circular_id)
        .group_by(CircularTranslationRow.lang)
    )


def latest(session: Session, circular_id: int) -> dict[str, Translation]:
    """Language code → the circular's current translation (removed ones left out)."""
    rows = session.scalars(
        select(CircularTranslationRow)
        .where(CircularTranslationRow.id.in_(_latest_ids(circular_id)))
        .order_by(CircularTranslationRow.id)
    )
    return {
        r.lang: Translation(r.circular_id, r.lang, r.title, r.body, r.source_digest, r.added_at, r.added_by)
        for r in rows
        if not r.removed
    }


def add(session: Session, circular_id: int, clean: CleanTranslation, digest: str, by: str) -> None:
    """Append a translation; it replaces the language's earlier one."""
    session.add(
        CircularTranslationRow(
            circular_id=circular_id,
            lang=clean.lang,
            title=clean.title,
            body=clean.body,
            source_digest=digest,
            removed=False,
            added_at=utcnow(),
            added_by=by,
        )
    )


def remove(session: Session, circular_id: int, lang: str, by: str) -> None:
    """Append the row that takes the language's translation away."""
    session.add(
        CircularTranslationRow(
            circular_id=circular_id,
            lang=lang,
            title="",
            body="",
            source_digest="",
            removed=True,
            added_at=utcnow(),
            added_by=by,
        )
    )


def ever_translated(session: Session, circular_id: int) -> bool:
    """A translation of the circular was ever saved (also when every one was removed since)."""
    found = session.scalar(
        select(CircularTranslationRow.id).where(CircularTranslationRow.circular_id == circular_id).limit(1)
    )
    return found is not None
