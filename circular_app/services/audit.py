"""The audit trail for the administrator: view, verify the hash chain, export as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from circular_app.domain.audit import ACTION_LABELS, AuditEntry, ChainCheck, verify_chain
from circular_app.domain.csv_bytes import neutralise_formula
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo
from circular_app.support.files import atomic_write_bytes


class AuditService:
    """Read-only access to the audit trail (appending happens inside each action)."""

    def __init__(self, context: ProfileContext) -> None:
        self._ctx = context

    def entries(self) -> list[AuditEntry]:
        """Every entry, oldest first (administrators only)."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "監査ログの閲覧")
        with self._ctx.sessions() as session:
            return audit_repo.entries(session)

    def verify(self) -> ChainCheck:
        """Recompute the hash chain; ``ok`` is False if any entry was altered or removed."""
        return verify_chain(self.entries())

    def export_csv(self, path: Path) -> int:
        """Write the trail as UTF-8 (BOM) CSV for Excel; returns the number of entries."""
        entries = self.entries()
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["番号", "日時(UTC)", "担当者", "操作", "操作コード", "対象", "詳細", "ハッシュ"])
        for e in entries:
            writer.writerow(
                [
                    e.id,
                    e.at.isoformat(timespec="seconds"),
                    # Officer names, targets and details are user text: keep Excel from
                    # running them as formulas.
                    neutralise_formula(e.officer),
                    ACTION_LABELS.get(e.action, e.action),
                    e.action,
                    neutralise_formula(e.target),
                    neutralise_formula(e.detail),
                    e.hash,
                ]
            )
        atomic_write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session, self._ctx.officer.username, "audit_export", "", {"entries": len(entries)}
            )
        return len(entries)
