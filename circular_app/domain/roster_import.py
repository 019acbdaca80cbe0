"""Planning a roster import: which households a CSV adds, changes or moves out.

Pure function over domain values, so the GUI preview and the command line see the same plan
and the service applies exactly what was previewed.

Matching rules (documented in the README):
1. a row with an ID updates the household with that ID (or adds it with that ID if unknown);
2. a row without an ID updates the household with the same name in the same 班, if exactly one;
3. otherwise the row adds a new household.
Households that are not in the file are left as they are: an import never deletes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from circular_app.domain.errors import CsvImportError, CsvProblem
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


@dataclass(frozen=True)
class ImportPlan:
    """What applying a parsed roster would do."""

    encoding: str
    rows: tuple[CsvRosterRow, ...]
    creates: tuple[CsvRosterRow, ...] = field(default_factory=tuple)
    changes: tuple[RowChange, ...] = field(default_factory=tuple)
    unchanged: tuple[RowChange, ...] = field(default_factory=tuple)
    new_han_names: tuple[str, ...] = field(default_factory=tuple)

    @property
    def moved_out(self) -> tuple[RowChange, ...]:
        """Changes that take a household off the route."""
        return tuple(c for c in self.changes if c.moves_out)

    @property
    def is_empty(self) -> bool:
        """True when applying would change nothing."""
        return not (self.creates or self.changes or self.new_han_names)


def _row_values(row: CsvRosterRow) -> dict[str, object]:
    return {f: getattr(row, f) for f in COMPARED_FIELDS}


def _changed_fields(household: Household, row: CsvRosterRow, han_name: str) -> tuple[str, ...]:
    diffs = [f for f, v in _row_values(row).items() if getattr(household, f) != v]
    if han_name != row.han_name:
        diffs.append("han")
    return tuple(diffs)


def plan_import(
    parsed: ParsedRoster, hans: Sequence[Han], households: Sequence[Household], source: str
) -> ImportPlan:
    """Match every row to the roster; raise CsvImportError when a row is ambiguous."""
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
                    CsvProblem(
                        row.line,
                        "氏名",
                        f"{row.han_name}に「{row.name}」が複数います。ID列で世帯を指定してください",
                    )
                )
                continue
            target = name_han_index.get(key)
        if target is None:
            creates.append(row)
            continue
        if target.id in claimed:
            problems.append(
                CsvProblem(
                    row.line,
                    "ID" if row.public_id else "氏名",
                    f"{claimed[target.id]}行目と同じ世帯を指しています",
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
    return ImportPlan(
        encoding=parsed.encoding,
        rows=parsed.rows,
        creates=tuple(creates),
        changes=tuple(changes),
        unchanged=tuple(unchanged),
        new_han_names=tuple(new_hans),
    )
