"""The chart of adopting 校下 by month against the target, drawn with QPainter.

QtCharts lives in PySide6-Addons, which would add about 150 MB to the bundle for one line
chart; this widget draws the same thing in a few dozen lines and follows the application's
font (100–200 % text size) and palette (high contrast). The values come from
:func:`circular_app.services.city.chart_data`, the same ones the council PDF draws.

What it shows: the counted 校下 (cumulative, from real use: 実績) as a line with a dot per
month, the 校下 counted on declared apps only (申告) as their own dotted orange series with
squares, the target as a dashed red line labelled 「目標 30」, and survey figures as green
diamonds labelled 「調査 29」, never joined to the counted line.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from circular_app.services.city import ChartData, month_label
from circular_app.ui.common.retranslate import Retranslating

LINE_COLOR = QColor(13, 77, 166)
TARGET_COLOR = QColor(190, 26, 26)
SURVEY_COLOR = QColor(26, 128, 51)
DECLARED_COLOR = QColor(217, 115, 13)


class AdoptionChart(Retranslating, QWidget):
    """Adopting 校下 by month, the target line and survey points (調査)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adoption_chart")
        self._data: ChartData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._describe()

    @property
    def data(self) -> ChartData | None:
        """The values drawn."""
        return self._data

    def set_data(self, data: ChartData | None) -> None:
        """Draw ``data`` (None: an empty chart)."""
        self._data = data
        self._describe()
        self.update()

    def description(self) -> str:
        """The chart in words (for screen readers and the tooltip)."""
        data = self._data
        if data is None or not data.months:
            return self.tr("まだ数値がありません")
        last = next(
            (
                (m, v)
                for m, v in zip(reversed(data.months), reversed(data.values), strict=True)
                if v is not None
            ),
            None,
        )
        parts = []
        if last is not None:
            parts.append(
                self.tr("{month}時点 {count}校下（目標 {target}校下）").format(
                    month=month_label(last[0]), count=last[1], target=data.target
                )
            )
        else:
            parts.append(self.tr("目標 {target}校下").format(target=data.target))
        declared = next((v for v in reversed(data.declared) if v is not None), 0)
        if declared:
            parts.append(self.tr("うち申告 {count}校下（実績の線とは別に表示）").format(count=declared))
        for index, value, note in data.surveys:
            survey = self.tr("調査 {month}: {value}校下").format(
                month=month_label(data.months[index]), value=value
            )
            parts.append(f"{survey}（{note}）" if note else survey)
        return "\n".join(parts)

    def _describe(self) -> None:
        self.setAccessibleName(self.tr("導入校下数の推移"))
        text = self.description()
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def retranslate_ui(self) -> None:
        """Re-describe on a language change."""
        self._describe()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide and low, in em so it grows with the text size."""
        em = self.fontMetrics().horizontalAdvance("あ")
        return QSize(em * 44, em * 18)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Small enough for a laptop screen at 200 % text."""
        em = self.fontMetrics().horizontalAdvance("あ")
        return QSize(em * 24, em * 12)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Axes, grid, target, counted line, survey points, legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        data = self._data
        metrics = self.fontMetrics()
        line_h = metrics.height()
        if data is None or not data.months:
            painter.setPen(text_color)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.description())
            painter.end()
            return
        left = metrics.horizontalAdvance(str(data.y_max)) + line_h
        plot = QRectF(left, line_h * 1.2, self.width() - left - line_h, self.height() - line_h * 4.2)
        if plot.width() < 10 or plot.height() < 10:
            painter.end()
            return

        def x_of(index: int) -> float:
            count = len(data.months)
            return plot.center().x() if count == 1 else plot.left() + plot.width() * index / (count - 1)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / max(1, data.y_max)

        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        for tick in range(0, data.y_max + 1, max(1, data.y_step)):
            y = y_of(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            box = QRectF(0, y - line_h / 2, left - line_h / 3, line_h)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(tick))
        painter.setPen(QPen(text_color, 1.5))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for index in data.labelled:
            x = x_of(index)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            label = month_label(data.months[index])
            width = metrics.horizontalAdvance(label)
            left_edge = min(max(0.0, x - width / 2), self.width() - width - 2)  # never cut at the edges
            painter.drawText(QPointF(left_edge, plot.bottom() + 4 + metrics.ascent()), label)

        # The target: dashed, labelled at the right end above the line.
        target_y = y_of(data.target)
        painter.setPen(QPen(TARGET_COLOR, 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), target_y), QPointF(plot.right(), target_y))
        target_text = self.tr("目標 {target}").format(target=data.target)
        painter.setPen(TARGET_COLOR)
        painter.drawText(
            QPointF(
                plot.right() - metrics.horizontalAdvance(target_text) - 4, target_y - metrics.descent() - 2
            ),
            target_text,
        )

        # The counted line, broken where the hub has no figure.
        painter.setPen(QPen(LINE_COLOR, 2.5))
        previous: QPointF | None = None
        for index, value in enumerate(data.values):
            if value is None:
                previous = None
                continue
            point = QPointF(x_of(index), y_of(value))
            if previous is not None:
                painter.drawLine(previous, point)
            previous = point
        painter.setBrush(LINE_COLOR)
        for index, value in enumerate(data.values):
            if value is not None:
                painter.drawEllipse(QPointF(x_of(index), y_of(value)), 2.5, 2.5)
        last = next(((i, v) for i, v in reversed(list(enumerate(data.values))) if v is not None), None)
        if last is not None:
            text = str(last[1])
            painter.drawText(
                QPointF(x_of(last[0]) - metrics.horizontalAdvance(text) - 6, y_of(last[1]) - 6), text
            )

        # 校下 counted on declared apps only: their own series, never part of the 実績 line.
        if data.has_declared:
            painter.setPen(QPen(DECLARED_COLOR, 2, Qt.PenStyle.DotLine))
            painter.setBrush(DECLARED_COLOR)
            points = [QPointF(x_of(i), y_of(v)) for i, v in enumerate(data.declared) if v is not None]
            for start, end in itertools.pairwise(points):
                painter.drawLine(start, end)
            for point in points:
                painter.drawRect(QRectF(point.x() - 2.5, point.y() - 2.5, 5, 5))

        # Survey figures: diamonds, labelled 調査, never joined to the line.
        size = line_h / 3
        for index, value, _note in data.surveys:
            x, y = x_of(index), y_of(value)
            diamond = QPolygonF(
                [QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)]
            )
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1))
            painter.setBrush(SURVEY_COLOR)
            painter.drawPolygon(diamond)
            painter.setPen(SURVEY_COLOR)
            label = self.tr("調査 {value}").format(value=value)
            x_text = x + size + 3
            if x_text + metrics.horizontalAdvance(label) > self.width():
                x_text = x - size - 3 - metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x_text, y + metrics.ascent() / 2 - 1), label)

        self._legend(painter, plot, line_h, text_color)
        painter.end()

    def _legend(self, painter: QPainter, plot: QRectF, line_h: int, text_color: QColor) -> None:
        metrics = self.fontMetrics()
        y = self.height() - line_h * 0.9
        x = plot.left()
        entries = [(self.tr("導入校下数（累計・実績）"), "line"), (self.tr("目標"), "target")]
        if self._data is not None and self._data.has_declared:
            entries.append((self.tr("申告（他のアプリ）"), "declared"))
        if self._data is not None and self._data.surveys:
            entries.append((self.tr("調査（市の調査による値）"), "survey"))
        for text, kind in entries:
            mid = y - metrics.ascent() / 2 + 1
            if kind == "line":
                painter.setPen(QPen(LINE_COLOR, 2.5))
                painter.drawLine(QPointF(x, mid), QPointF(x + line_h * 1.5, mid))
            elif kind == "target":
                painter.setPen(QPen(TARGET_COLOR, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, mid), QPointF(x + line_h * 1.5, mid))
            elif kind == "declared":
                painter.setPen(QPen(DECLARED_COLOR, 2, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x, mid), QPointF(x + line_h * 1.5, mid))
            else:
                size = line_h / 3
                c = x + line_h * 0.75
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(SURVEY_COLOR)
                painter.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(c, mid - size),
                            QPointF(c + size, mid),
                            QPointF(c, mid + size),
                            QPointF(c - size, mid),
                        ]
                    )
                )
            x += line_h * 1.5 + 6
            painter.setPen(text_color)
            painter.drawText(QPointF(x, y), text)
            x += metrics.horizontalAdvance(text) + line_h
