"""Table models of the city view (one row per 校下; one 校下's associations), and their base.

:class:`RowsModel` is also the base of the hub dialogs' reader-links table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from circular_app.services.city import AssociationFigures, DistrictFigures

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
R = TypeVar("R")


class RowsModel(QAbstractTableModel, Generic[R]):
    """A flat table of frozen rows: ``set_rows`` replaces them, ``row_at`` reads one back."""

    COLUMNS = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        """The item of ``row``."""
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """One row per item (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        """``COLUMNS``."""
        return 0 if parent.isValid() else self.COLUMNS

    def titles(self) -> Sequence[str]:
        """The column titles in the current language (``COLUMNS`` of them)."""
        return ()

    def right_aligned(self, column: int) -> bool:
        """Whether ``column`` holds numbers, aligned to the right."""
        return False

    def headerData(  # noqa: N802 (Qt signature)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles, aligned like their columns."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(section):
            return _RIGHT
        return None


class DistrictTableModel(RowsModel[DistrictFigures]):
    """The KPI per 校下: 校下, 登録町会数, 導入町会数, 世帯数, デジタル世帯数, デジタル率, 申告世帯数, 備考.

    ``SORT_ROLE`` gives numbers as numbers (and a missing share or 「未報告」 as -1) for a sort
    proxy. A 校下 counted on a declaration only (申告) is shown in italics with a tooltip saying
    so; connected associations that sent no report yet make 世帯数 read 「未報告」, not 0.
    """

    COLUMNS = 8

    def titles(self) -> Sequence[str]:
        """The column titles (the CSV export's headers in Japanese)."""
        return (
            self.tr("校下"),
            self.tr("登録町会数"),
            self.tr("導入町会数"),
            self.tr("世帯数"),
            self.tr("デジタル世帯数"),
            self.tr("デジタル率"),
            self.tr("申告世帯数"),
            self.tr("備考"),
        )

    def right_aligned(self, column: int) -> bool:
        """Every column but the 校下 and 備考 holds numbers."""
        return 0 < column < self.COLUMNS - 1

    def _cell(self, row: DistrictFigures, column: int) -> str:
        cell = row.cells()[column]
        if column in (3, 4) and row.unreported:
            return self.tr("未報告")
        if column == self.COLUMNS - 1:
            parts = []
            if row.declared_associations:
                parts.append(self.tr("申告 {count}町会").format(count=row.declared_associations))
            if row.unreported_associations:
                parts.append(self.tr("未報告 {count}町会").format(count=row.unreported_associations))
            return "／".join(parts)
        return cell

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, sort values and the adoption status as tooltip."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, column)
        if role == SORT_ROLE:
            unreported = row.unreported
            numbers: tuple[object, ...] = (
                row.school_district,
                row.registered_associations,
                row.adopting_associations,
                -1 if unreported else row.households,
                -1 if unreported else row.digital_households,
                row.digital_share if row.digital_share is not None else -1.0,
                row.declared_households,
                self._cell(row, column),
            )
            return numbers[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(column):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = row.status or (
                self.tr("{month}から導入").format(month=row.adopted_since)
                if row.adopted_since
                else self.tr("未導入")
            )
            return tip + (self.tr("（申告のみ）") if row.declared else "")
        if role == Qt.ItemDataRole.FontRole and row.declared:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class AssociationTableModel(RowsModel[AssociationFigures]):
    """One 校下's associations: 町会, 導入, 世帯数, デジタル世帯数, 最終報告月, 他のアプリ（申告）."""

    COLUMNS = 6

    def titles(self) -> Sequence[str]:
        """Column titles."""
        return (
            self.tr("町会"),
            self.tr("導入"),
            self.tr("世帯数"),
            self.tr("デジタル世帯数"),
            self.tr("最終報告月"),
            self.tr("他のアプリ（申告）"),
        )

    def right_aligned(self, column: int) -> bool:
        """The household counts are numbers."""
        return column in (2, 3)

    def _households(self, row: AssociationFigures, value: int) -> str:
        # Connected and silent: 「未報告」, never a 0 that reads like an empty 町会.
        return self.tr("未報告") if row.unreported else str(value)

    def _adopted(self, row: AssociationFigures) -> str:
        if not row.adopted:
            return self.tr("未導入")
        if row.adopted_since:
            return self.tr("{month}から").format(month=row.adopted_since)
        return self.tr("導入")

    def _declared(self, row: AssociationFigures) -> str:
        if not row.declared_app:
            return ""
        if row.declared_since:
            return self.tr("{app}（{month}から・申告）").format(
                app=row.declared_app, month=row.declared_since
            )
        return self.tr("{app}（申告）").format(app=row.declared_app)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text and alignment."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if role == SORT_ROLE and column in (2, 3):
                return -1 if row.unreported else (row.households, row.digital_households)[column - 2]
            cells = (
                row.name,
                self._adopted(row),
                self._households(row, row.households),
                self._households(row, row.digital_households),
                row.last_report_month or "",
                self._declared(row),
            )
            return cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(column):
            return _RIGHT
        return None
