"""The reader matrix's table view: fixed sections and cells painted from cached scanlines."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from circular_app.ui.reads.matrix_model import Code, ReaderMatrixModel

_TILE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
_SELECTED, _FOCUSED = len(Code), 2 * len(Code)  # offsets of the tile variants


# The table keeps at least this many circulars in view (it showed three at 150 %).
MIN_VISIBLE_CIRCULARS = 4


class MatrixView(QTableView):
    """The matrix table: fixed-size sections (nothing measured per row), rows sized to the font.

    Over a :class:`ReaderMatrixModel` the cells are painted here rather than by the item
    delegate, which asks the Python model for seven roles of every cell on every paint (about
    25 µs a cell, 500 cells on a large screen). Each cell look (code × plain / selected /
    focused, grid line included) is rendered once into scanlines of raw pixels; a paint joins
    the scanlines of the exposed cells into one image and draws it with a single call.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tiles: dict[tuple[int, int, float], list[list[bytes]]] = {}
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            # Bold row labels mark the first household of each 班, not the current cell.
            header.setHighlightSections(False)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.fit_to_font()

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt override)
        """Use ``model``; the cell pictures are redrawn when its texts change."""
        previous = self.model()
        if isinstance(previous, ReaderMatrixModel):
            previous.modelReset.disconnect(self._forget_tiles)
            previous.dataChanged.disconnect(self._forget_tiles)
        super().setModel(model)
        if isinstance(model, ReaderMatrixModel):
            model.modelReset.connect(self._forget_tiles)
            model.dataChanged.connect(self._forget_tiles)
        self._forget_tiles()

    @Slot()
    def _forget_tiles(self) -> None:
        self._tiles = {}

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Keep sections and cell pictures fitting the text size, palette and style."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._forget_tiles()
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()

    def fit_to_font(self) -> None:
        """Row height and column width from the font; the row header as wide as its longest label."""
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.horizontalHeader().setDefaultSectionSize(metrics.horizontalAdvance("No.000！") + 12)
        model = self.model()
        if isinstance(model, ReaderMatrixModel):
            label = model.longest_row_label()
            self.verticalHeader().setMinimumWidth(metrics.horizontalAdvance(label + "　") + 16)
        self.updateGeometry()  # the minimum width below follows the names and the text size

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide enough for the names and :data:`MIN_VISIBLE_CIRCULARS` circulars.

        The page stacks the rates under the table rather than squeeze it to three columns.
        """
        hint = super().minimumSizeHint()
        columns = MIN_VISIBLE_CIRCULARS * self.horizontalHeader().defaultSectionSize()
        names = max(self.verticalHeader().minimumWidth(), self.verticalHeader().sizeHint().width())
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), names + columns + scroll_bar + 2 * self.frameWidth()), hint.height())

    def _cell_tiles(self, model: ReaderMatrixModel, width: int, height: int) -> list[list[bytes]]:
        """Scanlines of every cell look: plain codes, then selected, then focused (current) ones."""
        ratio = self.devicePixelRatioF()
        key = (width, height, ratio)
        cached = self._tiles.get(key)
        if cached is not None:
            return cached
        palette = self.palette()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        grid = QColor.fromRgba(hint & 0xFFFFFFFF)  # an int holding a QRgb, possibly negative
        pixels_x, pixels_y = round(width * ratio), round(height * ratio)
        tiles = []
        for variant in range(3 * len(Code)):
            code = variant % len(Code)
            symbol, background, foreground = model.cell_look(code)
            image = QImage(pixels_x, pixels_y, _TILE_FORMAT)
            image.setDevicePixelRatio(ratio)
            painter = QPainter(image)
            area = QRect(0, 0, width, height)
            cell = area.adjusted(0, 0, -1, -1) if self.showGrid() else area
            painter.fillRect(area, grid if self.showGrid() else palette.color(QPalette.ColorRole.Base))
            if variant >= _SELECTED and variant < _FOCUSED:
                painter.fillRect(cell, palette.brush(QPalette.ColorRole.Highlight))
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.fillRect(
                    cell, background if background is not None else palette.brush(QPalette.ColorRole.Base)
                )
                painter.setPen(
                    foreground.color() if foreground is not None else palette.color(QPalette.ColorRole.Text)
                )
            painter.setFont(self.font())
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, symbol)
            if variant >= _FOCUSED:
                frame = QStyleOptionFocusRect()
                frame.initFrom(self)
                frame.rect = cell
                frame.backgroundColor = palette.color(QPalette.ColorRole.Base)
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, self)
            painter.end()
            raw = bytes(image.constBits())
            line = image.bytesPerLine()
            tiles.append([raw[y * line : y * line + pixels_x * 4] for y in range(pixels_y)])
        self._tiles[key] = tiles
        return tiles

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Draw the exposed cells as one image joined from the cached scanlines."""
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        if not isinstance(model, ReaderMatrixModel) or not rows or not columns:
            super().paintEvent(event)
            return
        exposed = event.rect()
        first_row, first_column = self.rowAt(exposed.top()), self.columnAt(exposed.left())
        if first_row < 0 or first_column < 0:
            return
        last_row = self.rowAt(exposed.bottom())
        last_row = rows - 1 if last_row < 0 else last_row
        last_column = self.columnAt(exposed.right())
        last_column = columns - 1 if last_column < 0 else last_column
        # Fixed, uniform sections: every cell has the size of the first one.
        height, width = self.rowHeight(first_row), self.columnWidth(first_column)
        tiles = self._cell_tiles(model, width, height)
        codes, stride, shown = model.raw_cells()
        marked: dict[tuple[int, int], int] = {
            (i.row(), i.column()): _SELECTED for i in self.selectionModel().selectedIndexes()
        }
        current = self.currentIndex()
        if current.isValid() and self.hasFocus():
            marked[(current.row(), current.column())] = _FOCUSED
        count = last_column - first_column + 1
        lines: list[bytes] = []
        scanlines = range(len(tiles[0]))
        for row in range(first_row, last_row + 1):
            start = first_column * stride + shown[row]
            variants = list(codes[start : start + count * stride : stride])
            for (marked_row, column), offset in marked.items():
                if marked_row == row and first_column <= column <= last_column:
                    variants[column - first_column] += offset
            row_tiles = [tiles[v] for v in variants]
            lines.extend(b"".join([tile[y] for tile in row_tiles]) for y in scanlines)
        pixels_x = len(tiles[0][0]) // 4
        data = b"".join(lines)
        image = QImage(data, count * pixels_x, len(lines), count * pixels_x * 4, _TILE_FORMAT)
        target = QRectF(
            self.columnViewportPosition(first_column),
            self.rowViewportPosition(first_row),
            count * width,
            (last_row - first_row + 1) * height,
        )
        painter = QPainter(self.viewport())
        painter.drawImage(target, image)
        painter.end()
