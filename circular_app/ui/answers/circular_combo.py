"""The circular chooser shared by 回答の入力 and 回答の集計: published circulars with questions."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

from circular_app.app import ProfileServices
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.forms import Form


def published_with_form(services: ProfileServices) -> list[tuple[Circular, Form]]:
    """Published circulars (newest first) that ask questions, with their forms."""
    found = []
    for circular in services.circulars.list_circulars(Status.PUBLISHED):
        form = services.answers.form(circular.id)
        if form is not None:
            found.append((circular, form))
    return found


class CircularCombo(QComboBox):
    """A combo box of circulars (「No.12　夏祭りの参加申込」) that keeps its choice across refills."""

    def fill(self, circulars: Iterable[Circular]) -> None:
        """Replace the items, keeping the chosen circular when it is still listed (no signal)."""
        chosen = self.circular_id
        self.blockSignals(True)
        self.clear()
        for circular in circulars:
            self.addItem(f"{circular.label}　{circular.title}", circular.id)
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)

    @property
    def circular_id(self) -> int | None:
        """The chosen circular's id."""
        data = self.currentData()
        return int(data) if data is not None else None

    def choose(self, circular_id: int) -> None:
        """Choose a circular when it is listed."""
        index = self.findData(circular_id)
        if index >= 0:
            self.setCurrentIndex(index)
