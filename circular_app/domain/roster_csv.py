"""Roster CSV import and export: the 名簿 files that officers keep in Excel.

Import accepts what Excel on a Japanese PC really writes: CP932 (Shift_JIS) or UTF-8 with or
without a BOM, CRLF or LF, headers in any order under Japanese or English aliases, full-width
digits, ``第3班`` forms and half-width kana readings. A file is taken whole or not at all: every
bad line is reported in one :class:`~circular_app.domain.errors.CsvImportError` so that the
officer can fix the file once instead of once per line.

Export writes a file that Excel opens without mojibake (CP932 when every character allows it,
otherwise UTF-8 with a BOM), and importing an exported file gives back exactly the exported
values. Names are never altered beyond trimming: 旧字体 (髙, 﨑) and 𠮷 must survive.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from circular_app.domain.csv_bytes import (
    decode_csv_bytes,
    encode_excel_csv,
    file_problem,
    restore_formula_text,
)
from circular_app.domain.errors import CsvImportError, CsvProblem, ValidationError
from circular_app.domain.roster import Delivery, HouseholdDraft, validate_household
from circular_app.domain.text import (
    find_forbidden_char,
    normalize_han_name,
    normalize_phone,
    parse_bool,
    search_key,
    trim,
)

__all__ = [
    "EXPORT_HEADERS",
    "CsvRosterRow",
    "ExportRow",
    "ParsedRoster",
    "decode_csv_bytes",
    "encode_excel_csv",
    "export_roster_csv",
    "parse_roster_csv",
    "rows_by_han",
]


@dataclass(frozen=True)
class CsvRosterRow:
    """One household read from a roster CSV, cleaned and validated."""

    line: int
    public_id: str | None
    han_name: str
    route_order: int | None
    name: str
    reading: str
    delivery: Delivery
    large_print: bool
    language: str
    phone: str
    email: str
    notes: str
    moved_out_on: dt.date | None


@dataclass(frozen=True)
class ParsedRoster:
    """A whole roster file that passed validation, with the encoding it was written in."""

    encoding: str
    rows: tuple[CsvRosterRow, ...]


@dataclass(frozen=True)
class ExportRow:
    """One household to write to a roster CSV; every household of an export has an ID."""

    public_id: str
    han_name: str
    route_order: int
    name: str
    reading: str
    delivery: Delivery
    large_print: bool
    language: str
    phone: str
    email: str
    notes: str
    moved_out_on: dt.date | None


# --------------------------------------------------------------------------- headers

_HAN = "班"
_ORDER = "回覧順"
_NAME = "氏名"
_READING = "フリガナ"
_DELIVERY = "受取方法"
_LARGE_PRINT = "大きな文字"
_LANGUAGE = "言語"
_PHONE = "電話"
_EMAIL = "メール"
_NOTES = "備考"
_ID = "ID"
_MOVED_OUT = "転出日"

EXPORT_HEADERS: tuple[str, ...] = (
    _ID,
    _HAN,
    _ORDER,
    _NAME,
    _READING,
    _DELIVERY,
    _LARGE_PRINT,
    _LANGUAGE,
    _PHONE,
    _EMAIL,
    _NOTES,
    _MOVED_OUT,
)

# Canonical column name -> every spelling accepted in a header (the canonical one first).
_ALIASES: dict[str, tuple[str, ...]] = {
    _HAN: (_HAN, "班名", "班番号", "han"),
    _ORDER: (_ORDER, "順番", "順", "order", "route_order"),
    _NAME: (_NAME, "世帯主", "世帯主名", "名前", "name"),
    _READING: (_READING, "よみ", "ふりがな", "カナ", "読み", "reading"),
    _DELIVERY: (_DELIVERY, "配布方法", "回覧方法", "delivery"),
    _LARGE_PRINT: (_LARGE_PRINT, "拡大", "large_print"),
    _LANGUAGE: (_LANGUAGE, "language"),
    _PHONE: (_PHONE, "電話番号", "phone", "tel"),
    _EMAIL: (_EMAIL, "メールアドレス", "email", "e-mail"),
    _NOTES: (_NOTES, "notes"),
    _ID: (_ID, "id", "public_id"),
    _MOVED_OUT: (_MOVED_OUT, "moved_out", "moved_out_on"),
}

_REQUIRED = (_HAN, _NAME)


def _header_key(value: str) -> str:
    """Fold a header cell so that width, case, kana kind and spacing do not matter."""
    return re.sub(r"[\s_\-]+", "_", search_key(trim(value)))


_HEADER_LOOKUP: dict[str, str] = {
    _header_key(alias): canonical for canonical, aliases in _ALIASES.items() for alias in aliases
}

_ACCEPTED_HEADERS = "、".join("/".join(aliases) for aliases in _ALIASES.values())


@dataclass(frozen=True)
class _Column:
    """Where a known column sits in the file and how its header was written."""

    index: int
    header: str


@dataclass(frozen=True)
class _Header:
    """The header row resolved to columns; ``blank`` lists columns without a header."""

    line: int
    width: int
    columns: dict[str, _Column]
    blank: tuple[int, ...]


def _read_header(line: int, cells: Sequence[str], problems: list[CsvProblem]) -> _Header:
    columns: dict[str, _Column] = {}
    blank: list[int] = []
    for index, cell in enumerate(cells):
        written = trim(cell)
        if not written:
            # Excel writes empty header cells when a column right of the data was touched.
            blank.append(index)
            continue
        canonical = _HEADER_LOOKUP.get(_header_key(written))
        if canonical is None:
            problems.append(CsvProblem.coded(line, written, "csv.unknown_header", accepted=_ACCEPTED_HEADERS))
        elif canonical in columns:
            first = columns[canonical].header
            problems.append(CsvProblem.coded(line, written, "csv.duplicate_column", first=first))
        else:
            columns[canonical] = _Column(index, written)
    for canonical in _REQUIRED:
        if canonical not in columns:
            names = "/".join(_ALIASES[canonical])
            problems.append(CsvProblem.coded(line, canonical, "csv.missing_column", names=names))
    return _Header(line, len(cells), columns, tuple(blank))


# --------------------------------------------------------------------------- rows

_DELIVERY_WORDS: dict[str, Delivery] = {
    search_key(word): delivery
    for delivery, words in (
        (Delivery.DIGITAL, ("デジタル", "電子", "電子回覧板", "アプリ", "digital")),
        (Delivery.PAPER, ("紙", "紙面", "paper", "")),
    )
    for word in words
}

_DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
_ORDER_NUMBER = re.compile(r"[0-9]+")
# Far above any real route; a bound also keeps int() away from 4,000-digit strings.
MAX_ROUTE_ORDER = 9999


@dataclass(frozen=True)
class _Checked:
    """A field that :func:`validate_household` may refuse: its column, and how to clear it."""

    column: str
    clear: Callable[[HouseholdDraft], HouseholdDraft]


# validate_household stops at the first bad field; replacing that field with a value it
# accepts and validating again reports every bad field of the row, not just the first.
_CHECKED_FIELDS: dict[str, _Checked] = {
    "氏名": _Checked(_NAME, lambda d: dataclasses.replace(d, name="-")),
    "フリガナ": _Checked(_READING, lambda d: dataclasses.replace(d, reading="")),
    "メール": _Checked(_EMAIL, lambda d: dataclasses.replace(d, email="")),
    "電話": _Checked(_PHONE, lambda d: dataclasses.replace(d, phone="")),
    "備考": _Checked(_NOTES, lambda d: dataclasses.replace(d, notes="")),
}


def _fold(value: str) -> str:
    """Trim and fold full-width digits, letters and punctuation to ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", trim(value))


class _RowReader:
    """Validates data rows one by one and remembers what duplicate checks need."""

    def __init__(self, header: _Header, problems: list[CsvProblem]) -> None:
        self._header = header
        self._problems = problems
        self._id_lines: dict[str, int] = {}
        self._order_lines: dict[tuple[str, int], int] = {}

    def _cell(self, cells: Sequence[str], canonical: str) -> str:
        column = self._header.columns.get(canonical)
        if column is None or column.index >= len(cells):
            return ""
        # The export protects formula characters with an apostrophe; remove it again.
        return restore_formula_text(cells[column.index])

    def _column_name(self, canonical: str) -> str:
        column = self._header.columns.get(canonical)
        return column.header if column else canonical

    def _problem(self, line: int, canonical: str, code: str, /, **params: object) -> None:
        self._problems.append(CsvProblem.coded(line, self._column_name(canonical), code, **params))

    def read(self, line: int, cells: Sequence[str]) -> CsvRosterRow | None:
        """Return the row, or ``None`` after recording its problems."""
        before = len(self._problems)
        if not self._clean_text(line, cells):
            return None
        self._check_shape(line, cells)

        han_name = normalize_han_name(self._cell(cells, _HAN))
        if not han_name:
            self._problem(line, _HAN, "field.empty")
        public_id = self._read_id(line, self._cell(cells, _ID))
        route_order = self._read_order(line, han_name, self._cell(cells, _ORDER))
        delivery = self._read_delivery(line, self._cell(cells, _DELIVERY))
        large_print = self._read_large_print(line, self._cell(cells, _LARGE_PRINT))
        moved_out_on = self._read_date(line, self._cell(cells, _MOVED_OUT))
        draft = self._validated(
            line,
            HouseholdDraft(
                name=self._cell(cells, _NAME),
                han_id=0,  # The 班 is created by the import service; not known here.
                reading=self._cell(cells, _READING),
                language=self._cell(cells, _LANGUAGE),
                phone=normalize_phone(self._cell(cells, _PHONE)),
                email=_fold(self._cell(cells, _EMAIL)),
                notes=self._cell(cells, _NOTES),
            ),
        )
        if len(self._problems) > before or draft is None or delivery is None or large_print is None:
            return None
        return CsvRosterRow(
            line=line,
            public_id=public_id,
            han_name=han_name,
            route_order=route_order,
            name=draft.name,
            reading=draft.reading,
            delivery=delivery,
            large_print=large_print,
            language=draft.language,
            phone=draft.phone,
            email=draft.email,
            notes=draft.notes,
            moved_out_on=moved_out_on,
        )

    def _clean_text(self, line: int, cells: Sequence[str]) -> bool:
        """Report control characters, bidi overrides and non-characters; False if any.

        Such a row is not validated further: other messages would echo the character.
        """
        clean = True
        for canonical in self._header.columns:
            value = self._cell(cells, canonical)
            if canonical != _NOTES:
                # A line break outside 備考 gets its own clearer message from _check_shape.
                value = value.replace("\r", "").replace("\n", "")
            found = find_forbidden_char(value, multiline=canonical == _NOTES)
            if found is not None:
                clean = False
                self._problem(line, canonical, found.kind.code, codepoint=found.codepoint)
        return clean

    def _check_shape(self, line: int, cells: Sequence[str]) -> None:
        width = self._header.width
        extra = [i for i in range(width, len(cells)) if trim(cells[i])]
        if extra:
            # Trailing empty cells are harmless (Excel adds them); values would be lost.
            self._problems.append(
                CsvProblem.coded(line, "", "csv.too_many_columns", width=width, last=extra[-1] + 1)
            )
        for index in self._header.blank:
            if index < len(cells) and trim(cells[index]):
                self._problems.append(CsvProblem.coded(line, f"{index + 1}列目", "csv.value_without_header"))
        for canonical in self._header.columns:
            value = self._cell(cells, canonical)
            if canonical != _NOTES and ("\n" in value or "\r" in value):
                # Only 備考 may hold line breaks; elsewhere one means a missing closing quote.
                self._problem(line, canonical, "csv.line_break_in_cell")

    def _read_id(self, line: int, raw: str) -> str | None:
        public_id = trim(raw)
        if not public_id:
            return None
        first = self._id_lines.setdefault(public_id, line)
        if first != line:
            self._problem(line, _ID, "csv.duplicate_id", first=first, value=public_id)
        return public_id

    def _read_order(self, line: int, han_name: str, raw: str) -> int | None:
        text = _fold(raw)
        if not text:
            return None
        if not _ORDER_NUMBER.fullmatch(text) or not text.strip("0"):
            self._problem(line, _ORDER, "csv.order_not_integer", value=trim(raw))
            return None
        # Length first: int() refuses strings over 4,300 digits with a ValueError.
        digits = text.lstrip("0")
        if len(digits) > len(str(MAX_ROUTE_ORDER)) or int(digits) > MAX_ROUTE_ORDER:
            shown = trim(raw) if len(trim(raw)) <= 12 else f"{trim(raw)[:12]}…"
            self._problem(line, _ORDER, "csv.order_out_of_range", max=MAX_ROUTE_ORDER, value=shown)
            return None
        order = int(digits)
        if han_name:
            first = self._order_lines.setdefault((han_name, order), line)
            if first != line:
                self._problem(line, _ORDER, "csv.duplicate_order", first=first, han=han_name, value=order)
        return order

    def _read_delivery(self, line: int, raw: str) -> Delivery | None:
        delivery = _DELIVERY_WORDS.get(search_key(trim(raw)))
        if delivery is None:
            self._problem(line, _DELIVERY, "csv.bad_delivery", value=trim(raw))
        return delivery

    def _read_large_print(self, line: int, raw: str) -> bool | None:
        value = parse_bool(raw)
        if value is None:
            self._problem(line, _LARGE_PRINT, "csv.bad_large_print", value=trim(raw))
        return value

    def _read_date(self, line: int, raw: str) -> dt.date | None:
        text = _fold(raw)
        if not text:
            return None
        match = _DATE.fullmatch(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass  # Reported below: 2024-02-30 is as wrong as "来月".
        self._problem(line, _MOVED_OUT, "csv.bad_date", value=trim(raw))
        return None

    def _validated(self, line: int, draft: HouseholdDraft) -> HouseholdDraft | None:
        failed = False
        for _ in range(len(_CHECKED_FIELDS) + 1):
            try:
                cleaned = validate_household(draft)
            except ValidationError as exc:
                failed = True
                checked = _CHECKED_FIELDS.get(exc.field_name)
                if checked is None:
                    # A rule added to validate_household later: report it, stop retrying.
                    self._problems.append(CsvProblem.coded(line, exc.field_name, exc.code, **exc.params))
                    return None
                column = self._column_name(checked.column)
                if not any(p.line == line and p.column == column for p in self._problems):
                    # Skipped when already reported for this cell (a line break, by _check_shape).
                    self._problem(line, checked.column, exc.code, **exc.params)
                draft = checked.clear(draft)
            else:
                return None if failed else cleaned
        return None


# --------------------------------------------------------------------------- parsing


def _records(text: str, source: str, problems: list[CsvProblem]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first physical line, cells)`` for every record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The csv module cannot resynchronise after this (e.g. a runaway quote that
            # swallowed the rest of the file), so report what was found so far and stop.
            problems.append(CsvProblem.coded(line, "", "csv.unreadable", detail=str(exc)))
            raise CsvImportError(source, problems) from exc
        # Excel writes ",,,,," for rows whose contents were deleted: treat them as blank.
        if any(trim(cell) for cell in cells):
            yield line, cells


def parse_roster_csv(data: bytes, source: str) -> ParsedRoster:
    """Read a roster CSV, or raise :class:`CsvImportError` listing every bad line.

    ``source`` (usually the file name) only labels the error. Rows are returned in file
    order; see :func:`rows_by_han` for route order.
    """
    text, encoding = decode_csv_bytes(data, source)
    problems: list[CsvProblem] = []
    records = _records(text, source, problems)
    first = next(records, None)
    if first is None:
        raise file_problem(source, 1, "csv.no_header_empty")
    header_line, header_cells = first
    if not any(_header_key(cell) in _HEADER_LOOKUP for cell in header_cells):
        # Without one known header this is most likely a file whose header row was deleted;
        # one problem says that better than a complaint about each cell.
        raise file_problem(source, header_line, "csv.no_header", han=_HAN, name=_NAME)
    header = _read_header(header_line, header_cells, problems)
    if any(p.column in _REQUIRED and p.line == header_line for p in problems):
        # Without 班 or 氏名 every row would be reported as well; one problem is clearer.
        raise CsvImportError(source, problems)
    reader = _RowReader(header, problems)
    rows = [row for line, cells in records if (row := reader.read(line, cells)) is not None]
    if problems:
        raise CsvImportError(source, problems)
    return ParsedRoster(encoding, tuple(rows))


def rows_by_han(rows: Iterable[CsvRosterRow]) -> dict[str, tuple[CsvRosterRow, ...]]:
    """Group rows by 班 (in order of first appearance), each 班 in route order.

    Rows with a 回覧順 come first in that order; rows without one follow in file order, so a
    file without the column gives the file order within each 班.
    """
    groups: dict[str, list[CsvRosterRow]] = {}
    for row in rows:
        groups.setdefault(row.han_name, []).append(row)
    return {
        han: tuple(
            sorted(
                members,
                key=lambda r: (0, r.route_order, r.line) if r.route_order is not None else (1, 0, r.line),
            )
        )
        for han, members in groups.items()
    }


# --------------------------------------------------------------------------- export


def _export_cells(row: ExportRow) -> list[object]:
    return [
        row.public_id,
        row.han_name,
        row.route_order,  # A number, not user text: never gets a formula apostrophe.
        row.name,
        row.reading,
        row.delivery.label_ja,
        "○" if row.large_print else "",
        row.language,
        row.phone,
        row.email,
        row.notes,
        row.moved_out_on.isoformat() if row.moved_out_on else "",
    ]


#: The two columns added only when the 管理者 asks for 要配慮 explicitly (never by default).
CARE_HEADERS: tuple[str, ...] = ("要配慮", "要配慮メモ")


def export_roster_csv(rows: Iterable[ExportRow], care: Mapping[str, str] | None = None) -> tuple[bytes, str]:
    """Write rows as a CSV that Excel opens; return ``(bytes, encoding)``.

    The encoding is cp932 when the whole file survives the trip through it (Excel opens CP932
    by double-click on every Japanese Windows), otherwise utf-8-sig, whose BOM makes Excel read
    UTF-8. Lines end with CRLF as Excel writes them.

    Excel treats cells beginning with ``=``, ``+``, ``-`` or ``@`` as formulas, a known attack
    path for a file officers open, so such text cells get a leading ``'`` (Excel shows the
    value as text); :func:`parse_roster_csv` removes exactly that apostrophe, so export then
    import is the identity. Excel also turns 2024-04-01 into 2024/4/1 on save; that is read
    back anyway.

    ``care`` (household ID → 要配慮 note of the flagged households) adds the columns of
    :data:`CARE_HEADERS`; without it the file says nothing about 要配慮.
    """
    if care is None:
        return encode_excel_csv(EXPORT_HEADERS, (_export_cells(row) for row in rows))
    cells = ([*_export_cells(r), "○" if r.public_id in care else "", care.get(r.public_id, "")] for r in rows)
    return encode_excel_csv((*EXPORT_HEADERS, *CARE_HEADERS), cells)
