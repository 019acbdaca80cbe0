"""Table models of the 安否確認 tab: counts per 班, and household lines with their status.

Texts of statuses and channels are the domain's Japanese words, marked for translation here
(the domain has no Qt).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from circular_app.domain.safety import (
    BoardLine,
    HanCount,
    RoundKind,
    SafetyChannel,
    SafetyRecord,
    SafetyStatus,
    local_time,
)
from circular_app.ui.common.row_models import ModelIndex, TitledRowsModel

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate

STATUS_TEXTS = {
    SafetyStatus.SAFE: QT_TRANSLATE_NOOP("Safety", "無事"),
    SafetyStatus.HELP: QT_TRANSLATE_NOOP("Safety", "要支援"),
    SafetyStatus.AWAY: QT_TRANSLATE_NOOP("Safety", "不在・避難中"),
    SafetyStatus.UNKNOWN: QT_TRANSLATE_NOOP("Safety", "未確認"),
}
CHANNEL_TEXTS = {
    SafetyChannel.PHONE: QT_TRANSLATE_NOOP("Safety", "電話"),
    SafetyChannel.VISIT: QT_TRANSLATE_NOOP("Safety", "訪問"),
    SafetyChannel.PAPER: QT_TRANSLATE_NOOP("Safety", "紙"),
    SafetyChannel.DIGITAL: QT_TRANSLATE_NOOP("Safety", "スマホ"),
}
KIND_TEXTS = {
    RoundKind.EARTHQUAKE: QT_TRANSLATE_NOOP("Safety", "地震"),
    RoundKind.RAIN: QT_TRANSLATE_NOOP("Safety", "大雨"),
    RoundKind.OTHER: QT_TRANSLATE_NOOP("Safety", "その他"),
}
# Help stands out; unknown is the work still to do. Light colours keep black text readable.
_STATUS_COLOURS = {SafetyStatus.HELP: "#ffd6d6", SafetyStatus.UNKNOWN: "#fff3c4"}


def status_text(status: SafetyStatus) -> str:
    """The status in the current language."""
    return translate("Safety", str(STATUS_TEXTS[status]))


def channel_text(channel: SafetyChannel) -> str:
    """The channel in the current language."""
    return translate("Safety", str(CHANNEL_TEXTS[channel]))


def kind_text(kind: RoundKind) -> str:
    """The round's kind in the current language."""
    return translate("Safety", str(KIND_TEXTS[kind]))


class CountsModel(TitledRowsModel[HanCount]):
    """One row per 班: 班, 無事, 要支援, 不在, 未確認."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(5, parent)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the column titles in the current language."""
        self._titles = (
            self.tr("班"),
            status_text(SafetyStatus.SAFE),
            status_text(SafetyStatus.HELP),
            status_text(SafetyStatus.AWAY),
            status_text(SafetyStatus.UNKNOWN),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._columns - 1)

    def set_rows(self, rows: Sequence[HanCount]) -> None:
        """Show ``rows`` (in 班 order)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The 班 name and its counts."""
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if index.column() else None
        row = self._rows[index.row()]
        return (row.han.name, row.safe, row.help, row.away, row.unknown)[index.column()]


class LinesModel(TitledRowsModel[BoardLine]):
    """Households with their status: ラベル, お名前, 電話, 状況, 時刻, メモ."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(6, parent)
        self._history: Mapping[int, Sequence[SafetyRecord]] = {}
        self.retranslate()

    def retranslate(self) -> None:
        """Set the column titles in the current language."""
        self._titles = (
            self.tr("班-順"),
            self.tr("お名前"),
            self.tr("電話"),
            self.tr("状況"),
            self.tr("時刻"),
            self.tr("メモ"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._columns - 1)

    def set_rows(self, rows: Sequence[BoardLine]) -> None:
        """Show ``rows`` in the order given."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_history(self, history: Mapping[int, Sequence[SafetyRecord]]) -> None:
        """Every answer per household, for the tooltips (set before :meth:`set_rows`)."""
        self._history = history

    def line(self, row: int) -> BoardLine:
        """The household line shown in ``row``."""
        return self._rows[row]

    def _tooltip(self, line: BoardLine) -> str | None:
        answers = self._history.get(line.household.id, ())
        if len(answers) < 2:
            return None
        rows = [
            f"{local_time(r.recorded_at):%H:%M} {status_text(r.status)}（{channel_text(r.channel)}）{r.note}".rstrip()
            for r in answers
        ]
        return self.tr("これまでの記録:") + "\n" + "\n".join(rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell texts, with 要支援 and 未確認 tinted."""
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _STATUS_COLOURS.get(line.status)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000")) if line.status in _STATUS_COLOURS else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        record = line.record
        status = status_text(line.status)
        if record is not None:
            status = f"{status}（{channel_text(record.channel)}）"
        cells = (
            line.label,
            line.household.name,
            line.household.phone,
            status,
            line.time_text,
            record.note if record is not None else "",
        )
        return cells[index.column()]
