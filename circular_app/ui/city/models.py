"""Table models of the city view (one row per 校下; one 校下's associations), and their base.

Their base, :class:`~circular_app.ui.common.rows_model.RowsModel`, is in ``ui/common``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from circular_app.services.city import AssociationFigures, DistrictFigures
from circular_app.ui.common.rows_model import RIGHT as _RIGHT
from circular_app.ui.common.rows_model import SORT_ROLE as SORT_ROLE
from circular_app.ui.common.rows_model import ModelIndex, RowsModel


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
