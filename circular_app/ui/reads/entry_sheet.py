"""The route list of the entry page: one 班's households for one circular, ticked or not."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from circular_app.domain.reads import Channel, ReadRecord
from circular_app.domain.roster import Delivery, Household
from circular_app.ui.common.row_models import TitledRowsModel
from circular_app.ui.common.tables import RowTableView
from circular_app.ui.common.widgets import bold_font

ModelIndex = QModelIndex | QPersistentModelIndex

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SheetColumn(enum.IntEnum):
    """Columns of the route list."""

    RETURNED = 0
    ORDER = 1
    NAME = 2
    DELIVERY = 3
    RECORD = 4


@dataclass(frozen=True, slots=True)
class _Row:
    household: Household
    saved: ReadRecord | None

    @property
    def locked(self) -> bool:
        """Confirmed digitally: the paper sheet cannot change that."""
        return self.saved is not None and self.saved.channel is Channel.DIGITAL


class RouteSheetModel(TitledRowsModel[_Row]):
    """One 班's route for one circular: saved records and the pending ticks.

    Signals:
        toggle_requested(int, bool): the check box of a household was clicked (id, wanted state);
            the page turns it into an undoable command.
    """

    toggle_requested = Signal(int, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(SheetColumn), parent)
        self._checked: set[int] = set()
        self._by_id: dict[int, int] = {}
        self._delivery: dict[Delivery, str] = {}
        self._pending_font = bold_font()
        self.retranslate()

    # ----- content ---------------------------------------------------------------------
    def set_sheet(
        self, households: Iterable[Household], saved: Mapping[int, ReadRecord], checked: Iterable[int]
    ) -> None:
        """Replace the route (in sheet order), the saved records and the ticks."""
        self.beginResetModel()
        self._rows = [_Row(h, saved.get(h.id)) for h in households]
        self._by_id = {r.household.id: i for i, r in enumerate(self._rows)}
        self._checked = {i for i in checked if i in self._by_id}
        self.endResetModel()

    def set_checked(self, states: Mapping[int, bool]) -> None:
        """Tick or untick households (locked ones stay as they are)."""
        for household_id, checked in states.items():
            row = self._by_id.get(household_id)
            if row is None or self._rows[row].locked:
                continue
            if checked:
                self._checked.add(household_id)
            else:
                self._checked.discard(household_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(SheetColumn) - 1))

    def retranslate(self) -> None:
        """Translated column titles."""
        self._titles = (self.tr("返却"), self.tr("順"), self.tr("氏名"), self.tr("受取方法"), self.tr("記録"))
        self._delivery = {Delivery.PAPER: self.tr("紙"), Delivery.DIGITAL: self.tr("デジタル")}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(SheetColumn) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(SheetColumn) - 1))

    # ----- queries ---------------------------------------------------------------------
    def household_at(self, row: int) -> Household:
        """The household of ``row``."""
        return self._rows[row].household

    def households(self) -> list[Household]:
        """The route, in sheet order."""
        return [r.household for r in self._rows]

    def is_checked(self, household_id: int) -> bool:
        """True when the household is ticked (saved or pending)."""
        return household_id in self._checked

    def is_locked(self, household_id: int) -> bool:
        """True when the household confirmed digitally (not changeable here)."""
        row = self._by_id.get(household_id)
        return row is not None and self._rows[row].locked

    def checked_ids(self) -> set[int]:
        """Every ticked household."""
        return set(self._checked)

    def toggleable_ids(self) -> list[int]:
        """Households whose tick the sheet may change, in sheet order."""
        return [r.household.id for r in self._rows if not r.locked]

    def to_record(self) -> list[int]:
        """Ticked households without a record yet, in sheet order."""
        return [r.household.id for r in self._rows if r.saved is None and r.household.id in self._checked]

    def to_remove(self) -> list[ReadRecord]:
        """Saved paper records of households that are no longer ticked."""
        return [
            r.saved
            for r in self._rows
            if r.saved is not None and not r.locked and r.household.id not in self._checked
        ]

    def has_changes(self) -> bool:
        """True while ticks differ from what is saved."""
        return bool(self.to_record() or self.to_remove())

    # ----- QAbstractTableModel ---------------------------------------------------------
    def _record_text(self, row: _Row) -> str:
        checked = row.household.id in self._checked
        if row.saved is not None and row.locked:
            return self.tr("既読（デジタル）{date}").format(date=_short(row.saved.read_on))
        if row.saved is not None:
            if not checked:
                return self.tr("保存すると取り消し")
            return self.tr("既読（紙）{date}").format(date=_short(row.saved.read_on))
        return self.tr("保存すると記録") if checked else ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Check state, texts and ids of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        household = row.household
        checked = household.id in self._checked
        if role == Qt.ItemDataRole.CheckStateRole and column == SheetColumn.RETURNED:
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == SheetColumn.RETURNED:
                if role == Qt.ItemDataRole.DisplayRole:
                    return ""
                return self.tr("返却済み") if checked else self.tr("未返却")
            if column == SheetColumn.ORDER:
                return str(household.route_position)
            if column == SheetColumn.NAME:
                return household.name
            if column == SheetColumn.DELIVERY:
                return self._delivery[household.delivery]
            return self._record_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and row.locked:
            return self.tr("デジタルで確認済みのため、ここでは変えられません")
        if role == Qt.ItemDataRole.FontRole and column == SheetColumn.RECORD:
            pending = (row.saved is None and checked) or (
                row.saved is not None and not row.locked and not checked
            )
            return self._pending_font if pending else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SheetColumn.RETURNED, SheetColumn.ORDER):
            return Qt.AlignmentFlag.AlignCenter
        if role == HOUSEHOLD_ID_ROLE:
            return household.id
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt signature)
        """A click on a check box asks the page for a command; the model changes through it."""
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != SheetColumn.RETURNED
        ):
            return False
        row = self._rows[index.row()]
        if row.locked:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.toggle_requested.emit(row.household.id, wanted)
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Rows are selectable; the check box can be clicked unless confirmed digitally."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == SheetColumn.RETURNED and not self._rows[index.row()].locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


def _short(day: dt.date) -> str:
    return f"{day.month}/{day.day}"


class RouteSheetView(RowTableView):
    """The route list: Space ticks the current household, Enter saves the sheet.

    Signals:
        toggle_requested(int): Space on ``row``.
        save_requested(): Enter or Return.
    """

    toggle_requested = Signal(int)
    save_requested = Signal()

    ROW_PADDING = 12
    FIT_COLUMNS_ON_FONT = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QAbstractItemView.SelectionMode.SingleSelection, parent)
        self.horizontalHeader().setStretchLastSection(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Space ticks, Enter saves; arrows and the rest behave as usual."""
        key = event.key()
        if key == Qt.Key.Key_Space and not event.modifiers():
            if self.currentIndex().isValid():
                self.toggle_requested.emit(self.currentIndex().row())
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.save_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
