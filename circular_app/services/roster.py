"""Roster actions: households, 班, route order, CSV import and export."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.roster import (
    Han,
    Household,
    HouseholdDraft,
    RosterSummary,
    summarize,
    validate_household,
)
from circular_app.domain.roster_csv import (
    CsvRosterRow,
    ExportRow,
    export_roster_csv,
    parse_roster_csv,
    rows_by_han,
)
from circular_app.domain.roster_import import ImportPlan, plan_import
from circular_app.domain.text import normalize_han_name
from circular_app.services import outbox
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo
from circular_app.storage import roster_repo as repo
from circular_app.storage.models import HanRow, HouseholdRow


def new_public_id() -> str:
    """A stable, opaque household ID for exports and (later) the hub: 12 hex digits."""
    return secrets.token_hex(6)


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


def _renumber(rows: Sequence[HouseholdRow]) -> None:
    # Route positions are kept as 1..n so that export → import is the identity.
    for position, row in enumerate(rows, start=1):
        row.route_position = position


class RosterService:
    """The household roster of the open profile."""

    def __init__(self, context: ProfileContext) -> None:
        self._ctx = context

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
            return [repo.to_han(r) for r in repo.hans(session) if visible is None or r.id in visible]

    def list_households(self, include_moved_out: bool = True) -> list[Household]:
        """Households in 班 and route order."""
        with self._ctx.sessions() as session:
            visible = self._visible_han_ids(session)
            rows = repo.households(session, active_only=not include_moved_out)
            return [repo.to_household(r) for r in rows if visible is None or r.han_id in visible]

    def household(self, household_id: int) -> Household:
        """One household."""
        with self._ctx.sessions() as session:
            return repo.to_household(repo.household(session, household_id))

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
        clean = normalize_han_name(name)
        if not clean:
            raise ValidationError("班", "field.empty")
        with self._ctx.sessions.begin() as session:
            if repo.han_by_name(session, clean):
                raise ConflictError("roster.han_exists", name=clean)
            row = HanRow(name=clean, position=repo.next_han_position(session))
            session.add(row)
            session.flush()
            self._audit(session, "han_change", f"han:{row.id}", op="add")
            return repo.to_han(row)

    def rename_han(self, han_id: int, name: str) -> Han:
        """Rename a 班."""
        self._require_edit("班の名前の変更")
        clean = normalize_han_name(name)
        if not clean:
            raise ValidationError("班", "field.empty")
        with self._ctx.sessions.begin() as session:
            row = repo.han(session, han_id)
            other = repo.han_by_name(session, clean)
            if other is not None and other.id != han_id:
                raise ConflictError("roster.han_exists", name=clean)
            row.name = clean
            self._audit(session, "han_change", f"han:{row.id}", op="rename")
            return repo.to_han(row)

    def reorder_hans(self, han_ids: Sequence[int]) -> list[Han]:
        """Put the 班 in the given order (every 班 exactly once)."""
        self._require_edit("班の並べ替え")
        with self._ctx.sessions.begin() as session:
            rows = {r.id: r for r in repo.hans(session)}
            if sorted(han_ids) != sorted(rows):
                raise ValidationError("班", "roster.reorder_every_han")
            for position, han_id in enumerate(han_ids, start=1):
                rows[han_id].position = position
            self._audit(session, "han_change", "", op="reorder")
            return [repo.to_han(rows[i]) for i in han_ids]

    def merge_hans(self, source_id: int, target_id: int) -> Han:
        """Move every household of ``source`` to the end of ``target``'s route, then drop ``source``."""
        self._require_edit("班の統合")
        if source_id == target_id:
            raise ConflictError("roster.merge_into_itself")
        with self._ctx.sessions.begin() as session:
            source, target = repo.han(session, source_id), repo.han(session, target_id)
            moving = repo.households(session, han_id=source_id)
            staying = repo.households(session, han_id=target_id)
            for row in moving:
                row.han_id = target.id
            _renumber([*staying, *moving])
            session.flush()
            session.delete(source)
            self._audit(session, "han_change", f"han:{target.id}", op="merge", source=source_id)
            return repo.to_han(target)

    def split_han(self, han_id: int, first_household_id: int, new_name: str) -> Han:
        """Move ``first_household_id`` and every household after it on the route to a new 班."""
        self._require_edit("班の分割")
        clean = normalize_han_name(new_name)
        if not clean:
            raise ValidationError("班", "roster.new_han_name_empty")
        with self._ctx.sessions.begin() as session:
            han = repo.han(session, han_id)
            if repo.han_by_name(session, clean):
                raise ConflictError("roster.han_exists", name=clean)
            rows = repo.households(session, han_id=han_id)
            index = next((i for i, r in enumerate(rows) if r.id == first_household_id), None)
            if index is None:
                raise NotFoundError("roster.split_household_not_in_han")
            if index == 0:
                raise ConflictError("roster.split_at_first")
            for other in repo.hans(session):
                if other.position > han.position:
                    other.position += 1
            new = HanRow(name=clean, position=han.position + 1)
            session.add(new)
            session.flush()
            for row in rows[index:]:
                row.han_id = new.id
            _renumber(rows[:index])
            _renumber(rows[index:])
            if han.leader_household_id in {r.id for r in rows[index:]}:
                han.leader_household_id = None
            self._audit(session, "han_change", f"han:{new.id}", op="split", source=han_id)
            return repo.to_han(new)

    def set_han_leader(self, han_id: int, household_id: int | None) -> Han:
        """Record which household is the 班長 (the paper board returns there)."""
        self._require_edit("班長の設定")
        with self._ctx.sessions.begin() as session:
            han = repo.han(session, han_id)
            if household_id is not None and repo.household(session, household_id).han_id != han_id:
                raise ValidationError("班長", "roster.choose_household_of_han")
            han.leader_household_id = household_id
            self._audit(session, "han_change", f"han:{han.id}", op="leader")
            return repo.to_han(han)

    # ----- households -----------------------------------------------------------------
    def add_household(self, draft: HouseholdDraft) -> Household:
        """Add a household at the end of its 班's route."""
        self._require_edit("世帯の追加")
        clean = validate_household(draft)
        with self._ctx.sessions.begin() as session:
            repo.han(session, clean.han_id)
            row = HouseholdRow(
                public_id=new_public_id(),
                route_position=repo.next_route_position(session, clean.han_id),
                **_draft_columns(clean),
            )
            session.add(row)
            session.flush()
            self._audit(session, "household_add", f"household:{row.id}")
            return repo.to_household(row)

    def update_household(self, household_id: int, draft: HouseholdDraft) -> Household:
        """Change a household; moving it to another 班 puts it at the end of that route."""
        self._require_edit("世帯の変更")
        clean = validate_household(draft)
        with self._ctx.sessions.begin() as session:
            row = repo.household(session, household_id)
            repo.han(session, clean.han_id)
            if row.han_id != clean.han_id:
                old_han = row.han_id
                row.route_position = repo.next_route_position(session, clean.han_id)
                for key, value in _draft_columns(clean).items():
                    setattr(row, key, value)
                session.flush()
                _renumber(repo.households(session, han_id=old_han))
                _clear_leader_if(session, old_han, row.id)
            else:
                for key, value in _draft_columns(clean).items():
                    setattr(row, key, value)
            self._audit(session, "household_update", f"household:{row.id}")
            return repo.to_household(row)

    def move_out(self, household_id: int, on: dt.date) -> Household:
        """Take a household off the route; it stays in the roster with its history."""
        self._require_edit("転出の登録")
        with self._ctx.sessions.begin() as session:
            row = repo.household(session, household_id)
            if row.moved_out_on is not None:
                raise ConflictError("roster.already_moved_out")
            row.moved_out_on = on
            _clear_leader_if(session, row.han_id, row.id)
            self._audit(session, "household_move_out", f"household:{row.id}")
            return repo.to_household(row)

    def undo_move_out(self, household_id: int) -> Household:
        """Put a moved-out household back on its route (e.g. a mistaken entry)."""
        self._require_edit("転出の取り消し")
        with self._ctx.sessions.begin() as session:
            row = repo.household(session, household_id)
            row.moved_out_on = None
            self._audit(session, "household_move_in", f"household:{row.id}")
            return repo.to_household(row)

    def reorder_route(self, han_id: int, household_ids: Sequence[int]) -> list[Household]:
        """Set the route order of a 班 (every household of the 班 exactly once)."""
        self._require_edit("回覧順の変更")
        with self._ctx.sessions.begin() as session:
            rows = {r.id: r for r in repo.households(session, han_id=han_id)}
            if sorted(household_ids) != sorted(rows):
                raise ValidationError("回覧順", "roster.order_every_household")
            ordered = [rows[i] for i in household_ids]
            _renumber(ordered)
            self._audit(session, "route_change", f"han:{han_id}")
            return [repo.to_household(r) for r in ordered]

    def move_in_route(self, household_id: int, steps: int) -> Household:
        """Move a household up (negative) or down the route by ``steps`` active places."""
        self._require_edit("回覧順の変更")
        with self._ctx.sessions.begin() as session:
            row = repo.household(session, household_id)
            rows = repo.households(session, han_id=row.han_id)
            index = rows.index(row)
            target = max(0, min(len(rows) - 1, index + steps))
            rows.insert(target, rows.pop(index))
            _renumber(rows)
            self._audit(session, "route_change", f"han:{row.han_id}")
            return repo.to_household(row)

    # ----- CSV -------------------------------------------------------------------------
    def preview_import(self, data: bytes, source: str) -> ImportPlan:
        """Parse and match a CSV without changing anything (raises CsvImportError)."""
        self._require_edit("名簿の取り込み")
        parsed = parse_roster_csv(data, source)
        with self._ctx.sessions() as session:
            hans = [repo.to_han(r) for r in repo.hans(session)]
            households = [repo.to_household(r) for r in repo.households(session)]
        return plan_import(parsed, hans, households, source)

    def import_roster(self, data: bytes, source: str) -> ImportResult:
        """Apply a CSV all-or-nothing: one transaction, re-planned against the current roster."""
        self._require_edit("名簿の取り込み")
        parsed = parse_roster_csv(data, source)
        with self._ctx.sessions.begin() as session:
            hans = [repo.to_han(r) for r in repo.hans(session)]
            households = [repo.to_household(r) for r in repo.households(session)]
            plan = plan_import(parsed, hans, households, source)
            han_ids = {h.name: h.id for h in hans}
            position = repo.next_han_position(session)
            for name in plan.new_han_names:
                han_row = HanRow(name=name, position=position)
                position += 1
                session.add(han_row)
                session.flush()
                han_ids[name] = han_row.id
            matched = {c.row.line: c.household.id for c in (*plan.changes, *plan.unchanged)}
            for han_name, ordered_rows in rows_by_han(parsed.rows).items():
                han_id = han_ids[han_name]
                in_file = [
                    self._apply_row(session, row, han_id, matched.get(row.line)) for row in ordered_rows
                ]
                session.flush()
                ids = {r.id for r in in_file}
                others = [r for r in repo.households(session, han_id=han_id) if r.id not in ids]
                _renumber([*in_file, *others])
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

    @staticmethod
    def _apply_row(
        session: Session, row: CsvRosterRow, han_id: int, household_id: int | None
    ) -> HouseholdRow:
        """Write one CSV row onto its matched household, or a new one."""
        if household_id is not None:
            target = repo.household(session, household_id)
            if target.han_id != han_id:
                old_han = target.han_id
                target.route_position = 0
                _clear_leader_if(session, old_han, target.id)
        else:
            target = HouseholdRow(public_id=row.public_id or new_public_id(), route_position=0)
            session.add(target)
        target.han_id = han_id
        target.name = row.name
        target.reading = row.reading
        target.delivery = row.delivery.value
        target.large_print = row.large_print
        target.language = row.language
        target.phone = row.phone
        target.email = row.email
        target.notes = row.notes
        target.moved_out_on = row.moved_out_on
        return target

    def export_rows(self) -> list[ExportRow]:
        """Every household (moved-out ones too) as CSV rows, in 班 and route order."""
        with self._ctx.sessions() as session:
            names = {h.id: h.name for h in repo.hans(session)}
            return [
                ExportRow(
                    public_id=r.public_id,
                    han_name=names[r.han_id],
                    route_order=r.route_position,
                    name=r.name,
                    reading=r.reading,
                    delivery=repo.to_household(r).delivery,
                    large_print=r.large_print,
                    language=r.language,
                    phone=r.phone,
                    email=r.email,
                    notes=r.notes,
                    moved_out_on=r.moved_out_on,
                )
                for r in repo.households(session)
            ]

    def export_roster(self, path: Path) -> ExportResult:
        """Write the roster CSV that Excel opens (CP932 when possible, else UTF-8 with BOM)."""
        self._require_edit("名簿の書き出し")
        rows = self.export_rows()
        data, encoding = export_roster_csv(rows)
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_bytes(data)
        tmp.replace(path)
        with self._ctx.sessions.begin() as session:
            self._audit(session, "roster_export", "", households=len(rows), encoding=encoding)
        return ExportResult(path=path, encoding=encoding, households=len(rows))


def _draft_columns(draft: HouseholdDraft) -> dict[str, object]:
    return {
        "name": draft.name,
        "reading": draft.reading,
        "han_id": draft.han_id,
        "delivery": draft.delivery.value,
        "large_print": draft.large_print,
        "language": draft.language,
        "phone": draft.phone,
        "email": draft.email,
        "notes": draft.notes,
    }


def _clear_leader_if(session: Session, han_id: int, household_id: int) -> None:
    han = session.get(HanRow, han_id)
    if han is not None and han.leader_household_id == household_id:
        han.leader_household_id = None
