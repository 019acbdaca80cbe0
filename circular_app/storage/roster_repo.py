"""Roster queries and ORM → domain mapping. Helpers take a Session and never commit."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular_app.domain.errors import NotFoundError
from circular_app.domain.roster import Delivery, Han, Household, HouseholdDraft
from circular_app.domain.roster_import import HanRoute, RouteSlot
from circular_app.storage.models import HanRow, HouseholdRow


def new_public_id() -> str:
    """A stable, opaque household ID for exports and (later) the hub: 12 hex digits."""
    return secrets.token_hex(6)


def to_han(row: HanRow) -> Han:
    """Map a 班 row to its domain value."""
    return Han(id=row.id, name=row.name, position=row.position, leader_household_id=row.leader_household_id)


def to_household(row: HouseholdRow) -> Household:
    """Map a household row to its domain value."""
    return Household(
        id=row.id,
        public_id=row.public_id,
        name=row.name,
        reading=row.reading,
        han_id=row.han_id,
        route_position=row.route_position,
        delivery=Delivery(row.delivery),
        large_print=row.large_print,
        language=row.language,
        phone=row.phone,
        email=row.email,
        notes=row.notes,
        moved_out_on=row.moved_out_on,
    )


def hans(session: Session) -> list[HanRow]:
    """All 班 in display order."""
    return list(session.scalars(select(HanRow).order_by(HanRow.position, HanRow.id)))


def han(session: Session, han_id: int) -> HanRow:
    """One 班 or NotFoundError."""
    row = session.get(HanRow, han_id)
    if row is None:
        raise NotFoundError("roster.han_id_not_found", han_id=han_id)
    return row


def han_by_name(session: Session, name: str) -> HanRow | None:
    """The 班 called ``name`` (already normalised), if any."""
    return session.scalar(select(HanRow).where(HanRow.name == name))


def households(session: Session, han_id: int | None = None, active_only: bool = False) -> list[HouseholdRow]:
    """Households in 班 order, then route order."""
    stmt = select(HouseholdRow).join(HanRow, HouseholdRow.han_id == HanRow.id)
    if han_id is not None:
        stmt = stmt.where(HouseholdRow.han_id == han_id)
    if active_only:
        stmt = stmt.where(HouseholdRow.moved_out_on.is_(None))
    stmt = stmt.order_by(HanRow.position, HouseholdRow.route_position, HouseholdRow.id)
    return list(session.scalars(stmt))


def han_id_by_name(session: Session, name: str) -> int | None:
    """The id of the 班 called ``name`` (already normalised), if any."""
    row = han_by_name(session, name)
    return row.id if row is not None else None


def household(session: Session, household_id: int) -> HouseholdRow:
    """One household or NotFoundError."""
    row = session.get(HouseholdRow, household_id)
    if row is None:
        raise NotFoundError("roster.household_id_not_found", household_id=household_id)
    return row


def household_by_public_id(session: Session, public_id: str) -> HouseholdRow | None:
    """The household with this stable export ID, if any."""
    return session.scalar(select(HouseholdRow).where(HouseholdRow.public_id == public_id))


def next_route_position(session: Session, han_id: int) -> int:
    """Position after the last household of the 班 (moved-out ones included)."""
    current = session.scalar(
        select(func.max(HouseholdRow.route_position)).where(HouseholdRow.han_id == han_id)
    )
    return (current or 0) + 1


def next_han_position(session: Session) -> int:
    """Position after the last 班."""
    return (session.scalar(select(func.max(HanRow.position))) or 0) + 1


# ----- domain values ---------------------------------------------------------------------
def han_values(session: Session) -> list[Han]:
    """All 班 in display order."""
    return [to_han(r) for r in hans(session)]


def household_values(
    session: Session, han_id: int | None = None, active_only: bool = False
) -> list[Household]:
    """Households in 班 order, then route order."""
    return [to_household(r) for r in households(session, han_id, active_only)]


def han_value(session: Session, han_id: int) -> Han:
    """One 班 or NotFoundError."""
    return to_han(han(session, han_id))


def household_value(session: Session, household_id: int) -> Household:
    """One household or NotFoundError."""
    return to_household(household(session, household_id))


# ----- changes -----------------------------------------------------------------------------
def _renumber(rows: Sequence[HouseholdRow]) -> None:
    # Route positions are kept as 1..n so that export → import is the identity.
    for position, row in enumerate(rows, start=1):
        row.route_position = position


def _clear_leader_if(session: Session, han_id: int, household_id: int) -> None:
    row = session.get(HanRow, han_id)
    if row is not None and row.leader_household_id == household_id:
        row.leader_household_id = None


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


def add_han(session: Session, name: str, position: int | None = None) -> Han:
    """A new 班 (at the end unless ``position`` is given)."""
    row = HanRow(name=name, position=next_han_position(session) if position is None else position)
    session.add(row)
    session.flush()
    return to_han(row)


def rename_han(session: Session, han_id: int, name: str) -> Han:
    """Give a 班 a new name."""
    row = han(session, han_id)
    row.name = name
    return to_han(row)


def reorder_hans(session: Session, han_ids: Sequence[int]) -> list[Han]:
    """Put the 班 in the given order (the caller checked every 班 is named once)."""
    rows = {r.id: r for r in hans(session)}
    for position, han_id in enumerate(han_ids, start=1):
        rows[han_id].position = position
    return [to_han(rows[i]) for i in han_ids]


def merge_hans(session: Session, source_id: int, target_id: int) -> Han:
    """Move every household of ``source`` to the end of ``target``'s route, then drop ``source``."""
    source, target = han(session, source_id), han(session, target_id)
    moving = households(session, han_id=source_id)
    staying = households(session, han_id=target_id)
    for row in moving:
        row.han_id = target.id
    _renumber([*staying, *moving])
    session.flush()
    session.delete(source)
    return to_han(target)


def split_han(session: Session, han_id: int, index: int, name: str) -> Han:
    """Move the households from route place ``index`` on to a new 班 right after this one."""
    source = han(session, han_id)
    rows = households(session, han_id=han_id)
    for other in hans(session):
        if other.position > source.position:
            other.position += 1
    new = HanRow(name=name, position=source.position + 1)
    session.add(new)
    session.flush()
    for row in rows[index:]:
        row.han_id = new.id
    _renumber(rows[:index])
    _renumber(rows[index:])
    if source.leader_household_id in {r.id for r in rows[index:]}:
        source.leader_household_id = None
    return to_han(new)


def set_han_leader(session: Session, han_id: int, household_id: int | None) -> Han:
    """Record which household is the 班長."""
    row = han(session, han_id)
    row.leader_household_id = household_id
    return to_han(row)


def add_household(session: Session, draft: HouseholdDraft) -> Household:
    """A new household at the end of its 班's route."""
    row = HouseholdRow(
        public_id=new_public_id(),
        route_position=next_route_position(session, draft.han_id),
        **_draft_columns(draft),
    )
    session.add(row)
    session.flush()
    return to_household(row)


def add_route(session: Session, drafts: Sequence[HouseholdDraft]) -> list[Household]:
    """Many new households at once, each at the end of its 班's route (demo and practice data)."""
    positions: dict[int, int] = {}
    rows = []
    for draft in drafts:
        if draft.han_id not in positions:
            positions[draft.han_id] = next_route_position(session, draft.han_id)
        else:
            positions[draft.han_id] += 1
        rows.append(
            HouseholdRow(
                public_id=new_public_id(), route_position=positions[draft.han_id], **_draft_columns(draft)
            )
        )
    session.add_all(rows)
    session.flush()
    return [to_household(r) for r in rows]


def update_household(session: Session, household_id: int, draft: HouseholdDraft) -> Household:
    """Change a household; moving it to another 班 puts it at the end of that route."""
    row = household(session, household_id)
    if row.han_id != draft.han_id:
        old_han = row.han_id
        row.route_position = next_route_position(session, draft.han_id)
        for key, value in _draft_columns(draft).items():
            setattr(row, key, value)
        session.flush()
        _renumber(households(session, han_id=old_han))
        _clear_leader_if(session, old_han, row.id)
    else:
        for key, value in _draft_columns(draft).items():
            setattr(row, key, value)
    return to_household(row)


def set_moved_out(session: Session, household_id: int, on: dt.date | None) -> Household:
    """Take a household off the route (no longer its 班's leader), or put it back (``None``)."""
    row = household(session, household_id)
    row.moved_out_on = on
    if on is not None:
        _clear_leader_if(session, row.han_id, row.id)
    return to_household(row)


def set_route(session: Session, household_ids: Sequence[int]) -> list[Household]:
    """Number households 1..n in the given order."""
    ordered = [household(session, i) for i in household_ids]
    _renumber(ordered)
    return [to_household(r) for r in ordered]


def move_in_route(session: Session, household_id: int, steps: int) -> Household:
    """Move a household up (negative) or down its 班's route by ``steps`` places."""
    row = household(session, household_id)
    rows = households(session, han_id=row.han_id)
    index = rows.index(row)
    target = max(0, min(len(rows) - 1, index + steps))
    rows.insert(target, rows.pop(index))
    _renumber(rows)
    return to_household(row)


def apply_import(
    session: Session,
    new_han_names: Sequence[str],
    routes: Sequence[HanRoute],
    before_each_han: Callable[[], None] | None = None,
) -> None:
    """Write an import plan: new 班, then each planned route, slot by slot, numbered 1..n.

    A slot with a row writes it onto its household (or a new one); a slot without a row keeps
    its household as it is, at the planned place. ``before_each_han`` is called before each 班
    is written (the import's cancel check: raising there rolls the caller's transaction back).
    """
    han_ids = {h.name: h.id for h in hans(session)}
    position = next_han_position(session)
    for name in new_han_names:
        han_ids[name] = add_han(session, name, position).id
        position += 1
    for route in routes:
        if before_each_han is not None:
            before_each_han()
        han_id = han_ids[route.han_name]
        _renumber([_apply_slot(session, slot, han_id) for slot in route.slots])
        session.flush()


def _apply_slot(session: Session, slot: RouteSlot, han_id: int) -> HouseholdRow:
    """Write one planned place: a CSV row onto its matched household or a new one."""
    row = slot.row
    if slot.household_id is None:
        target = HouseholdRow(public_id=(row.public_id if row else None) or new_public_id(), route_position=0)
    else:
        target = household(session, slot.household_id)
        if row is not None and target.han_id != han_id:
            _clear_leader_if(session, target.han_id, target.id)
    if row is None:
        return target  # a household the file does not change: only its place is written
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
    if slot.household_id is None:
        session.add(target)
    return target
