"""The entry page's undoable commands: ticks, and a save whose undo takes the records back.

The commands work on the page through :class:`SheetEditor`, so that this module does not
import the page (which imports it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from circular_app.domain.errors import UserError
from circular_app.domain.reads import Channel, ReadRecord
from circular_app.services.reads import ReadEntry, ReaderService

SheetKey = tuple[int, int]  # (circular id, 班 id)


class SheetEditor(Protocol):
    """What the commands need of the entry page."""

    reads: ReaderService

    def is_checked(self, key: SheetKey, household_id: int) -> bool:
        """Whether the household is ticked on the sheet (saved or pending)."""
        ...

    def apply_ticks(self, key: SheetKey, states: Mapping[int, bool]) -> None:
        """Set pending ticks of a sheet."""
        ...

    def show_sheet(self, key: SheetKey) -> None:
        """Bring the sheet on screen."""
        ...

    def show_error(self, error: UserError) -> None:
        """Tell the user why a write was refused."""
        ...

    def after_write(self, key: SheetKey) -> None:
        """Records of the sheet changed."""
        ...


class TickCommand(QUndoCommand):
    """Tick or untick households of one sheet (pending until saved)."""

    def __init__(self, page: SheetEditor, key: SheetKey, states: Mapping[int, bool], text: str) -> None:
        super().__init__(text)
        self._page = page
        self._key = key
        self._states = dict(states)
        self._before = {i: page.is_checked(key, i) for i in states}

    def redo(self) -> None:
        """Apply the ticks."""
        self._page.apply_ticks(self._key, self._states)

    def undo(self) -> None:
        """Put the ticks back as they were."""
        self._page.apply_ticks(self._key, self._before)


class SaveCommand(QUndoCommand):
    """Record the ticked households of one 班 (one call) and take back the unticked ones."""

    def __init__(
        self,
        page: SheetEditor,
        key: SheetKey,
        record: list[int],
        remove: list[ReadRecord],
        read_on: dt.date,
        text: str,
    ) -> None:
        super().__init__(text)
        self._page = page
        self._key = key
        self._record = record
        self._remove = remove
        self._read_on = read_on

    def redo(self) -> None:
        """Write the sheet; a refused save (a user error) is shown and leaves the stack unchanged."""
        circular_id = self._key[0]
        try:
            self._page.show_sheet(self._key)
            if self._record:
                entries = [ReadEntry(i, Channel.PAPER, self._read_on) for i in self._record]
                self._page.reads.record(circular_id, entries)
            if self._remove:
                self._page.reads.remove(circular_id, [r.household_id for r in self._remove])
        except UserError as error:
            self.setObsolete(True)
            self._page.show_error(error)
        self._page.after_write(self._key)

    def undo(self) -> None:
        """Take the new records back out and put back the removed ones (with their dates)."""
        circular_id = self._key[0]
        try:
            self._page.show_sheet(self._key)
            if self._record:
                self._page.reads.remove(circular_id, self._record)
            if self._remove:
                self._page.reads.record(
                    circular_id, [ReadEntry(r.household_id, r.channel, r.read_on) for r in self._remove]
                )
        except UserError as error:
            self._page.show_error(error)
        self._page.after_write(self._key)
