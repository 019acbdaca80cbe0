"""Roster actions: households, 班, route order, CSV import and export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.accounts import Role
from circular_app.domain.activity import Activity
from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.roster import (
    Han,
    Household,
    HouseholdDraft,
    RosterSummary,
    summarize,
    validate_han_name,
    validate_household,
)
from circular_app.domain.roster_csv import (
    ExportRow,
    export_roster_csv,
    parse_roster_csv,
)
from circular_app.domain.roster_import import ImportPlan, RouteCollision, RouteOrder, plan_import
from circular_app.domain.text import normalize_han_name, require_clean_text, trim
from circular_app.services.activity import ActivityLog, emits
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, care_repo
from circular_app.storage import hub_outbox as outbox
from circular_app.storage import roster_repo as repo
from circular_app.storage.roster_repo import new_public_id as new_public_id
from circular_app.storage.session import Session
from circular_app.support.files import atomic_write_bytes


@dataclass(frozen=True)
class ImportResult:
    """What an applied import did."""

    added: int
    changed: int
    moved_out: int
    new_hans: int
    encoding: str


@dataclass(frozen=True)
class ExportResult:
    """Where and how the roster was written."""

    path: Path
    encoding: str
    households: int


def collision_rows(collisions: Sequence[RouteCollision]) -> str:
    """「2行目 髙橋 一郎（1班 1番）、…」: the rows whose 順番 is another household's place."""
    return "、".join(
        f"{c.row.line}行目 {c.row.name}（{c.row.han_name} {c.row.route_order}番）" for c in collisions
    )


class ImportCancelled(Exception):  # noqa: N818 (a request, not a failure)
    """The roster import was cancelled before it committed: nothing was saved."""


class RosterService:
    """The household roster of the open profile."""

    def __init__(self, context: ProfileContext, activity: ActivityLog | None = None) -> None:
        self._ctx = context
        self.activity = activity or ActivityLog()

    # ----- reading -----------------------------------------------------------------
    def _visible_han_ids(self, session: Session) -> set[int] | None:
        officer = self._ctx.officer
        if officer.sees_all_hans:
            return None
        return {officer.han_id} if officer.han_id is not None else set()

    def list_hans(self) -> list[Han]:
        """班 in order (a 班長 sees only their own)."""
        with self._ctx.sessions() as session:
            visible = self._visible_han_ids(session)
            return [h for h in repo.han_values(session) if visible is None or h.id in visible]

    def list_households(self, include_moved_out: bool = True) -> list[Household]:
        """Households in 班 and route order."""
        with self._ctx.sessions() as session:
            visible = self._visible_han_ids(session)
            rows = repo.household_values(session, active_only=not include_moved_out)
            return [h for h in rows if visible is None or h.han_id in visible]

    def household(self, household_id: int) -> Household:
        """One household (a 班長 only of their own 班)."""
        with self._ctx.sessions() as session:
            found = repo.household_value(session, household_id)
            visible = self._visible_han_ids(session)
            self._ctx.require(visible is None or found.han_id in visible, "ほかの班の世帯の表示")
            return found

    def summary(self) -> RosterSummary:
        """Counts per 班 and the digital share of active households."""
        return summarize(self.list_hans(), self.list_households(include_moved_out=False))

    # ----- 班 -----------------------------------------------------------------------
    def _require_edit(self, action: str) -> None:
        self._ctx.require(self._ctx.officer.can_edit_roster, action)

    def _audit(self, session: Session, action: str, target: str = "", **detail: object) -> None:
        # Targets are row ids and counts only: the audit trail never holds names.
        audit_repo.append(session, self._ctx.officer.username, action, target, detail)
        if action != "roster_export":
            # Same transaction: the hub hears of every committed roster change, and only those.
            outbox.after_roster_change(session)

    def add_han(self, name: str) -> Han:
        """Add a 班 at the end of the list."""
        self._require_edit("班の追加")
        clean = validate_han_name(name)
        with self._ctx.sessions.begin() as session:
            if repo.han_id_by_name(session, clean) is not None:
                raise ConflictError("roster.han_exists", name=clean)
            added = repo.add_han(session, clean)
            self._audit(session, "han_change", f"han:{added.id}", op="add")
            return added

    def rename_han(self, han_id: int, name: str) -> Han:
        """Rename a 班."""
        self._require_edit("班の名前の変更")
        clean = validate_han_name(name)
        with self._ctx.sessions.begin() as session:
            repo.han_value(session, han_id)
            other = repo.han_id_by_name(session, clean)
            if other is not None and other != han_id:
                raise ConflictError("roster.han_exists", name=clean)
            renamed = repo.rename_han(session, han_id, clean)
            self._audit(session, "han_change", f"han:{han_id}", op="rename")
            return renamed

    def reorder_hans(self, han_ids: Sequence[int]) -> list[Han]:
        """Put the 班 in the given order (every 班 exactly once)."""
        self._require_edit("班の並べ替え")
        with self._ctx.sessions.begin() as session:
            if sorted(han_ids) != sorted(h.id for h in repo.han_values(session)):
                raise ValidationError("班", "roster.reorder_every_han")
            ordered = repo.reorder_hans(session, han_ids)
            self._audit(session, "han_change", "", op="reorder")
            return ordered

    def merge_hans(self, source_id: int, target_id: int) -> Han:
        """Move every household of ``source`` to the end of ``target``'s route, then drop ``source``."""
        self._require_edit("班の統合")
        if source_id == target_id:
            raise ConflictError("roster.merge_into_itself")
        with self._ctx.sessions.begin() as session:
            target = repo.merge_hans(session, source_id, target_id)
            self._audit(session, "han_change", f"han:{target.id}", op="merge", source=source_id)
            return target

    def split_han(self, han_id: int, first_household_id: int, new_name: str) -> Han:
        """Move ``first_household_id`` and every household after it on the route to a new 班."""
        self._require_edit("班の分割")
        clean = normalize_han_name(require_clean_text("班", trim(new_name)))
        if not clean:
            raise ValidationError("班", "roster.new_han_name_empty")
        with self._ctx.sessions.begin() as session:
            repo.han_value(session, han_id)
            if repo.han_id_by_name(session, clean) is not None:
                raise ConflictError("roster.han_exists", name=clean)
            rows = repo.household_values(session, han_id=han_id)
            index = next((i for i, r in enumerate(rows) if r.id == first_household_id), None)
            if index is None:
                raise NotFoundError("roster.split_household_not_in_han")
            if index == 0:
                raise ConflictError("roster.split_at_first")
            new = repo.split_han(session, han_id, index, clean)
            self._audit(session, "han_change", f"han:{new.id}", op="split", source=han_id)
            return new

    def set_han_leader(self, han_id: int, household_id: int | None) -> Han:
        """Record which household is the 班長 (the paper board returns there)."""
        self._require_edit("班長の設定")
        with self._ctx.sessions.begin() as session:
            repo.han_value(session, han_id)
            if household_id is not None and repo.household_value(session, household_id).han_id != han_id:
                raise ValidationError("班長", "roster.choose_household_of_han")
            han = repo.set_han_leader(session, han_id, household_id)
            self._audit(session, "han_change", f"han:{han.id}", op="leader")
            return han

    # ----- households -----------------------------------------------------------------
    @emits(Activity.HOUSEHOLD_ADDED)
    def add_household(self, draft: HouseholdDraft) -> Household:
        """Add a household at the end of its 班's route."""
        self._require_edit("世帯の追加")
        clean = validate_household(draft)
        with self._ctx.sessions.begin() as session:
            repo.han_value(session, clean.han_id)
            added = repo.add_household(session, clean)
            self._audit(session, "household_add", f"household:{added.id}")
            return added

    def update_household(self, household_id: int, draft: HouseholdDraft) -> Household:
        """Change a household; moving it to another 班 puts it at the end of that route."""
        self._require_edit("世帯の変更")
        clean = validate_household(draft)
        with self._ctx.sessions.begin() as session:
            repo.household_value(session, household_id)
            repo.han_value(session, clean.han_id)
            changed = repo.update_household(session, household_id, clean)
            self._audit(session, "household_update", f"household:{changed.id}")
            return changed

    def move_out(self, household_id: int, on: dt.date) -> Household:
        """Take a household off the route; it stays in the roster with its history."""
        self._require_edit("転出の登録")
        with self._ctx.sessions.begin() as session:
            if repo.household_value(session, household_id).moved_out_on is not None:
                raise ConflictError("roster.already_moved_out")
            moved = repo.set_moved_out(session, household_id, on)
            self._audit(session, "household_move_out", f"household:{moved.id}")
            return moved

    def undo_move_out(self, household_id: int) -> Household:
        """Put a moved-out household back on its route (e.g. a mistaken entry)."""
        self._require_edit("転出の取り消し")
        with self._ctx.sessions.begin() as session:
            back = repo.set_moved_out(session, household_id, None)
            self._audit(session, "household_move_in", f"household:{back.id}")
            return back

    def reorder_route(self, han_id: int, household_ids: Sequence[int]) -> list[Household]:
        """Set the route order of a 班 (every household of the 班 exactly once)."""
        self._require_edit("回覧順の変更")
        with self._ctx.sessions.begin() as session:
            current = [h.id for h in repo.household_values(session, han_id=han_id)]
            if sorted(household_ids) != sorted(current):
                raise ValidationError("回覧順", "roster.order_every_household")
            ordered = repo.set_route(session, household_ids)
            self._audit(session, "route_change", f"han:{han_id}")
            return ordered

    def move_in_route(self, household_id: int, steps: int) -> Household:
        """Move a household up (negative) or down the route by ``steps`` active places."""
        self._require_edit("回覧順の変更")
        with self._ctx.sessions.begin() as session:
            moved = repo.move_in_route(session, household_id, steps)
            self._audit(session, "route_change", f"han:{moved.han_id}")
            return moved

    # ----- CSV -------------------------------------------------------------------------
    def preview_import(self, data: bytes, source: str, route_order: RouteOrder | None = None) -> ImportPlan:
        """Parse and match a CSV without changing anything (raises CsvImportError).

        When rows' 順番 collide with existing households and ``route_order`` is None, the plan
        says so (:attr:`ImportPlan.needs_route_order`) and has no route moves yet.
        """
        self._require_edit("名簿の取り込み")
        parsed = parse_roster_csv(data, source)
        with self._ctx.sessions() as session:
            hans = repo.han_values(session)
            households = repo.household_values(session)
        return plan_import(parsed, hans, households, source, route_order)

    @emits(Activity.ROSTER_IMPORTED)
    def import_roster(
        self,
        data: bytes,
        source: str,
        cancelled: Callable[[], bool] | None = None,
        route_order: RouteOrder | None = None,
    ) -> ImportResult:
        """Apply a CSV all-or-nothing: one transaction, re-planned against the current roster.

        ``cancelled`` is asked between 班 and before committing (the import may run on a worker
        thread): True rolls everything back and raises :class:`ImportCancelled`. A file whose
        順番 collide with existing households needs ``route_order`` (else ConflictError
        ``roster.route_order_needed`` naming the rows, and nothing changes).
        """

        def check() -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelled

        self._require_edit("名簿の取り込み")
        parsed = parse_roster_csv(data, source)
        with self._ctx.sessions.begin() as session:
            plan = plan_import(
                parsed, repo.han_values(session), repo.household_values(session), source, route_order
            )
            if plan.needs_route_order:
                raise ConflictError(
                    "roster.route_order_needed", source=source, rows=collision_rows(plan.collisions)
                )
            repo.apply_import(session, plan.new_han_names, plan.routes, before_each_han=check)
            check()  # the last moment: past it, the transaction commits
            self._audit(
                session,
                "roster_import",
                "",
                added=len(plan.creates),
                changed=len(plan.changes),
                moved_out=len(plan.moved_out),
            )
            return ImportResult(
                added=len(plan.creates),
                changed=len(plan.changes),
                moved_out=len(plan.moved_out),
                new_hans=len(plan.new_han_names),
                encoding=plan.encoding,
            )

    def export_rows(self) -> list[ExportRow]:
        """Every household (moved-out ones too) as CSV rows, in 班 and route order."""
        with self._ctx.sessions() as session:
            names = {h.id: h.name for h in repo.han_values(session)}
            return [
                ExportRow(
                    public_id=r.public_id,
                    han_name=names[r.han_id],
                    route_order=r.route_position,
                    name=r.name,
                    reading=r.reading,
                    delivery=r.delivery,
                    large_print=r.large_print,
                    language=r.language,
                    phone=r.phone,
                    email=r.email,
                    notes=r.notes,
                    moved_out_on=r.moved_out_on,
                )
                for r in repo.household_values(session)
            ]

    def export_roster(self, path: Path, with_care_needs: bool = False) -> ExportResult:
        """Write the roster CSV that Excel opens (CP932 when possible, else UTF-8 with BOM).

        要配慮 (flag and note) is written only when asked for (``with_care_needs``), by a
        管理者 only, and the trail then says so.
        """
        self._require_edit("名簿の書き出し")
        if with_care_needs:
            self._ctx.require(self._ctx.officer.role is Role.ADMIN, "要配慮を含む名簿の書き出し")
        rows = self.export_rows()
        care: dict[str, str] | None = None
        if with_care_needs:
            with self._ctx.sessions() as session:
                needs = care_repo.care_needs(session)
                public = {h.id: h.public_id for h in repo.household_values(session)}
            care = {public[i]: need.note for i, need in needs.items() if i in public}
        data, encoding = export_roster_csv(rows, care)
        atomic_write_bytes(path, data)  # 0600: the roster holds personal data.
        with self._ctx.sessions.begin() as session:
            detail: dict[str, object] = {"households": len(rows), "encoding": encoding}
            if care is not None:
                detail["care_needs"] = len(care)
            self._audit(session, "roster_export", "", **detail)
        return ExportResult(path=path, encoding=encoding, households=len(rows))
