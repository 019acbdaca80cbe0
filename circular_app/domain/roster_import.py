"""Planning a roster import: which households a CSV adds, changes or moves out.

Pure function over domain values, so the GUI preview and the command line see the same plan
and the service applies exactly what was previewed.

Matching rules (documented in the README):
1. a row with an ID updates the household with that ID (or adds it with that ID if unknown);
2. a row without an ID updates the household with the same name in the same 班, if exactly one;
3. otherwise the row adds a new household.
Households that are not in the file are left as they are: an import never deletes.

Route order (順番) never changes behind the officer's back:
- households that the file does not list, and listed ones whose 順番 is blank or unchanged,
  keep their place;
- a new row without 順番 goes to the end of its 班;
- a row whose 順番 is the place of another household of that 班 is a *collision*: the officer
  chooses :class:`RouteOrder` ``INSERT`` (take that number, the households from there on move
  down one) or ``END`` (go to the end of the 班). Without a choice the plan cannot be applied;
- the plan lists every existing household whose number changes (:attr:`ImportPlan.route_moves`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from circular_app.domain.errors import CsvImportError, CsvProblem
from circular_app.domain.reader_languages import unsupported_language
from circular_app.domain.roster import Han, Household
from circular_app.domain.roster_csv import CsvRosterRow, ParsedRoster

COMPARED_FIELDS = (
    "name",
    "reading",
    "delivery",
    "large_print",
    "language",
    "phone",
    "email",
    "notes",
    "moved_out_on",
)


@dataclass(frozen=True)
class RowChange:
    """An existing household that a row updates, and which fields differ."""

    household: Household
    row: CsvRosterRow
    fields: tuple[str, ...]

    @property
    def moves_out(self) -> bool:
        """True when the row gives a 転出日 to a household still on the route."""
        return self.household.moved_out_on is None and self.row.moved_out_on is not None


class RouteOrder(StrEnum):
    """How rows whose 順番 is already another household's place are put on the route."""

    INSERT = "insert"  # take that number; the households from there on move down one
    END = "end"  # go to the end of the 班


@dataclass(frozen=True)
class RouteCollision:
    """A row whose 順番 is the current place of another household of its 班."""

    row: CsvRosterRow
    occupant: Household


@dataclass(frozen=True)
class RouteMove:
    """An existing household whose route number the import changes (old → new, same 班)."""

    han_name: str
    household: Household
    old: int
    new: int


@dataclass(frozen=True)
class RouteSlot:
    """One place of a 班's route after the import: an existing household, a file row, or both."""

    household_id: int | None
    row: CsvRosterRow | None


@dataclass(frozen=True)
class HanRoute:
    """The whole route of one 班 after the import, first household first."""

    han_name: str
    slots: tuple[RouteSlot, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What applying a parsed roster would do."""

    encoding: str
    rows: tuple[CsvRosterRow, ...]
    creates: tuple[CsvRosterRow, ...] = field(default_factory=tuple)
    changes: tuple[RowChange, ...] = field(default_factory=tuple)
    unchanged: tuple[RowChange, ...] = field(default_factory=tuple)
    new_han_names: tuple[str, ...] = field(default_factory=tuple)
    collisions: tuple[RouteCollision, ...] = field(default_factory=tuple)
    route_order: RouteOrder | None = None
    routes: tuple[HanRoute, ...] = field(default_factory=tuple)
    route_moves: tuple[RouteMove, ...] = field(default_factory=tuple)
    # Not refusals: rows whose 言語 names no reader/paper language (shown in Japanese).
    language_notes: tuple[CsvProblem, ...] = field(default_factory=tuple)

    @property
    def needs_route_order(self) -> bool:
        """True when rows collide and no :class:`RouteOrder` was chosen: it cannot be applied."""
        return bool(self.collisions) and self.route_order is None

    def new_number(self, row: CsvRosterRow) -> int | None:
        """The route number a new household of ``row`` gets (None until the order is chosen)."""
        return self._numbers_by_line.get(row.line)

    @cached_property
    def _numbers_by_line(self) -> dict[int, int]:
        # Built once: the preview asks for every row of files with thousands of rows.
        return {
            slot.row.line: number
            for route in self.routes
            for number, slot in enumerate(route.slots, start=1)
            if slot.row is not None
        }

    @property
    def moved_out(self) -> tuple[RowChange, ...]:
        """Changes that take a household off the route."""
        return tuple(c for c in self.changes if c.moves_out)

    @property
    def is_empty(self) -> bool:
        """True when applying would change nothing."""
        return not (self.creates or self.changes or self.new_han_names or self.route_moves)


def _row_values(row: CsvRosterRow) -> dict[str, object]:
    return {f: getattr(row, f) for f in COMPARED_FIELDS}


def _changed_fields(household: Household, row: CsvRosterRow, han_name: str) -> tuple[str, ...]:
    diffs = [f for f, v in _row_values(row).items() if getattr(household, f) != v]
    if han_name != row.han_name:
        diffs.append("han")
    return tuple(diffs)


def plan_import(
    parsed: ParsedRoster,
    hans: Sequence[Han],
    households: Sequence[Household],
    source: str,
    route_order: RouteOrder | None = None,
) -> ImportPlan:
    """Match every row to the roster and place it on its route; raise CsvImportError when a row
    is ambiguous. With colliding 順番 and no ``route_order`` the plan has no routes
    (:attr:`ImportPlan.needs_route_order`)."""
    han_names = {h.id: h.name for h in hans}
    by_public_id = {h.public_id: h for h in households}
    by_name_han = Counter((h.name, han_names.get(h.han_id, "")) for h in households)
    name_han_index = {(h.name, han_names.get(h.han_id, "")): h for h in households}

    problems: list[CsvProblem] = []
    creates: list[CsvRosterRow] = []
    changes: list[RowChange] = []
    unchanged: list[RowChange] = []
    claimed: dict[int, int] = {}
    for row in parsed.rows:
        target: Household | None = None
        if row.public_id:
            target = by_public_id.get(row.public_id)
        else:
            key = (row.name, row.han_name)
            if by_name_han[key] > 1:
                problems.append(
                    CsvProblem.coded(row.line, "氏名", "csv.ambiguous_name", han=row.han_name, name=row.name)
                )
                continue
            target = name_han_index.get(key)
        if target is None:
            creates.append(row)
            continue
        if target.id in claimed:
            problems.append(
                CsvProblem.coded(
                    row.line,
                    "ID" if row.public_id else "氏名",
                    "csv.same_household",
                    first=claimed[target.id],
                )
            )
            continue
        claimed[target.id] = row.line
        change = RowChange(target, row, _changed_fields(target, row, han_names.get(target.han_id, "")))
        (changes if change.fields else unchanged).append(change)
    if problems:
        raise CsvImportError(source, problems)

    known = set(han_names.values())
    new_hans: list[str] = []
    for row in parsed.rows:
        if row.han_name not in known and row.han_name not in new_hans:
            new_hans.append(row.han_name)
    targets = {c.row.line: c.household for c in (*changes, *unchanged)}
    placing = _RoutePlanner(hans, households, targets, route_order or RouteOrder.END)
    routes = placing.routes(parsed.rows)
    collisions = tuple(placing.collisions)
    if collisions and route_order is None:
        routes = ()
    return ImportPlan(
        encoding=parsed.encoding,
        rows=parsed.rows,
        creates=tuple(creates),
        changes=tuple(changes),
        unchanged=tuple(unchanged),
        new_han_names=tuple(new_hans),
        collisions=collisions,
        route_order=route_order,
        routes=routes,
        route_moves=_moves(routes, hans, households),
        language_notes=tuple(
            CsvProblem.coded(row.line, "言語", "roster.unsupported_language", value=row.language.strip())
            for row in parsed.rows
            if unsupported_language(row.language)
        ),
    )


class _RoutePlanner:
    """Places the rows of a file on the routes of their 班 (see the module docstring)."""

    def __init__(
        self,
        hans: Sequence[Han],
        households: Sequence[Household],
        targets: dict[int, Household],
        order: RouteOrder,
    ) -> None:
        self._han_names = {h.id: h.name for h in hans}
        self._targets = targets
        self._listed = {t.id for t in targets.values()}
        self._order = order
        self._current: dict[str, list[Household]] = {}
        for household in sorted(households, key=lambda h: (h.route_position, h.id)):
            self._current.setdefault(self._han_names.get(household.han_id, ""), []).append(household)
        self.collisions: list[RouteCollision] = []

    def routes(self, rows: Sequence[CsvRosterRow]) -> tuple[HanRoute, ...]:
        """The new route of every 班 the file touches: listed, or left by a household."""
        by_han: dict[str, list[CsvRosterRow]] = {}
        for row in rows:
            by_han.setdefault(row.han_name, [])
        for row in rows:
            by_han[row.han_name].append(row)
            target = self._targets.get(row.line)
            if target is not None:
                by_han.setdefault(self._han_names.get(target.han_id, ""), [])
        return tuple(self._route(han, members) for han, members in by_han.items())

    def _route(self, han: str, rows: Sequence[CsvRosterRow]) -> HanRoute:
        current = self._current.get(han, [])
        at = {h.route_position: h for h in current}
        rows_of = {t.id: r for r, t in ((r, self._targets.get(r.line)) for r in rows) if t is not None}
        numbered: list[CsvRosterRow] = []
        at_end: list[CsvRosterRow] = []
        unnumbered: list[CsvRosterRow] = []
        for row in rows:
            target = self._targets.get(row.line)
            if (
                target is not None
                and self._han_names.get(target.han_id) == han
                and row.route_order in (None, target.route_position)
            ):
                continue  # a listed household that keeps its place (among ``staying`` below)
            if row.route_order is None:
                unnumbered.append(row)
                continue
            occupant = at.get(row.route_order)
            if occupant is not None and (target is None or occupant.id != target.id):
                self.collisions.append(RouteCollision(row, occupant))
                if self._order is RouteOrder.END:
                    at_end.append(row)
                    continue
            numbered.append(row)
        moving = {t.id for r in (*numbered, *at_end, *unnumbered) if (t := self._targets.get(r.line))}
        # Households of this 班 that keep their order: not listed, or listed without a new place.
        slots = [
            RouteSlot(h.id, rows_of.get(h.id))
            for h in current
            if h.id not in moving and (h.id in rows_of or h.id not in self._listed)
        ]
        for row in sorted(numbered, key=lambda r: (r.route_order or 0, r.line)):
            index = min((row.route_order or 1) - 1, len(slots))
            slots.insert(index, self._slot(row))
        slots += [self._slot(r) for r in sorted(at_end, key=lambda r: (r.route_order or 0, r.line))]
        slots += [self._slot(r) for r in unnumbered]
        return HanRoute(han, tuple(slots))

    def _slot(self, row: CsvRosterRow) -> RouteSlot:
        target = self._targets.get(row.line)
        return RouteSlot(target.id if target is not None else None, row)


def _moves(
    routes: Sequence[HanRoute], hans: Sequence[Han], households: Sequence[Household]
) -> tuple[RouteMove, ...]:
    """Every existing household that stays in its 班 under a new number, 班 by 班."""
    han_names = {h.id: h.name for h in hans}
    by_id = {h.id: h for h in households}
    moves: list[RouteMove] = []
    for route in routes:
        for number, slot in enumerate(route.slots, start=1):
            household = by_id.get(slot.household_id) if slot.household_id is not None else None
            if household is None or han_names.get(household.han_id) != route.han_name:
                continue
            if household.route_position != number:
                moves.append(RouteMove(route.han_name, household, household.route_position, number))
    return tuple(moves)
