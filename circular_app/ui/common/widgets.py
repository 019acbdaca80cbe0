"""Small building blocks shared by the windows: a wrapping layout, scroll wrappers, error labels,
and :func:`name_fields_from_labels` for screen readers.

They exist so that the layout stays usable at 200 % text size: rows of controls wrap instead
of being cut off, and forms scroll instead of growing past the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import ValidationError
from circular_app.ui.common import messages


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        """Add ``item`` at the end (Qt calls this from ``addWidget``)."""
        self._items.append(item)

    def count(self) -> int:
        """Number of items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        """The item at ``index`` or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        """Remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        """A flow layout does not grow on its own."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        """The height depends on the width (wrapping)."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        """Height needed to show every item at ``width``."""
        return self._do_layout(QRect(0, 0, width, 0), test_only=True)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        """Place the items inside ``rect``."""
        super().setGeometry(rect)
        self._do_layout(rect, test_only=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Preferred size: the minimum size (the width is decided by the parent)."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """The largest item plus the margins."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _gap(self, orientation: Qt.Orientation) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        gap = parent.style().pixelMetric(metric, None, parent)
        return gap if gap >= 0 else 6

    def _do_layout(self, rect: QRect, test_only: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        h_gap, v_gap = self._gap(Qt.Orientation.Horizontal), self._gap(Qt.Orientation.Vertical)
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            next_x = x + hint.width() + h_gap
            if next_x - h_gap > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + v_gap
                next_x, line_height = x + hint.width() + h_gap, 0
            if not test_only:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def scrollable(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """Wrap ``content`` in a frameless scroll area that scrolls only when it must."""
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class ErrorLabel(QLabel):
    """A hidden label that shows a field's error beside it (styled by the theme's ``role``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_error(self, text: str) -> None:
        """Show ``text``; a dialog grows to fit it rather than squeezing its fields."""
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        window = self.window()
        if isinstance(window, QDialog) and window.isVisible():
            grow_to_fit(window)

    def clear_error(self) -> None:
        """Hide the label."""
        self.clear()
        self.setAccessibleDescription("")
        self.hide()


def grow_to_fit(window: QWidget) -> None:
    """Enlarge ``window`` to its size hint (never shrink it, never beyond the screen)."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    wanted = window.size().expandedTo(window.sizeHint())
    screen = window.screen()
    if screen is not None:
        wanted = wanted.boundedTo(screen.availableGeometry().size())
    if wanted != window.size():
        window.resize(wanted)


def bold_font() -> QFont:
    """A font that only sets bold, so the size still follows the application font."""
    font = QFont()
    font.setBold(True)
    return font


def labelled_fields(bar: QWidget, fields: list[tuple[QLabel, QWidget]]) -> FlowLayout:
    """Lay ``(label, field)`` pairs out in ``bar``, wrapping at large text sizes.

    Each label is the buddy of its field (its &-shortcut focuses the field); a pair never
    wraps between its label and its field. Returns the flow layout for more widgets.
    """
    flow = FlowLayout(bar)
    flow.setContentsMargins(0, 0, 0, 0)
    for label, field in fields:
        label.setBuddy(field)
        if isinstance(field, QComboBox):
            field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        pair = QWidget(bar)
        pair_layout = QHBoxLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(label)
        pair_layout.addWidget(field)
        flow.addWidget(pair)
    return flow


def field_with_error(field: QWidget, error: ErrorLabel, spacing: int | None = None) -> QWidget:
    """The field with its error line underneath, as one form cell."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        layout.setSpacing(spacing)
    layout.addWidget(field)
    layout.addWidget(error)
    return cell


def scrolled_dialog_layout(
    dialog: QDialog,
    content: QWidget,
    error: ErrorLabel,
    buttons: QDialogButtonBox,
    above: Sequence[QWidget] = (),
) -> QVBoxLayout:
    """Lay out a form dialog: ``above``, the scrolled ``content``, the error line, the buttons.

    The content scrolls so that large text sizes never push the buttons off the screen; the
    buttons' accepted and rejected signals accept and reject ``dialog``.
    """
    layout = QVBoxLayout(dialog)
    for widget in above:
        layout.addWidget(widget)
    layout.addWidget(scrollable(content, dialog), 1)
    layout.addWidget(error)
    layout.addWidget(buttons)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return layout


def show_field_error(error: ValidationError, fields: Mapping[str, ErrorLabel], general: ErrorLabel) -> bool:
    """Show ``error``'s reason on its field's error line, else the whole error under the form.

    True when a field in ``fields`` took it (the caller then focuses that field).
    """
    label = fields.get(error.field_name)
    if label is None:
        general.show_error(messages.error_text(error))
        return False
    label.show_error(messages.validation_reason(error))
    return True


def flow_row(parent: QWidget, widgets: Iterable[QWidget]) -> QWidget:
    """A row of ``widgets`` (usually buttons) that wraps when the window gets narrow."""
    row = QWidget(parent)
    flow = FlowLayout(row)
    flow.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        flow.addWidget(widget)
    return row


def column_layout(parent: QWidget, items: Iterable[QWidget | tuple[QWidget, int]]) -> QVBoxLayout:
    """``parent``'s vertical layout holding ``items`` top to bottom; a ``(widget, stretch)`` stretches."""
    layout = QVBoxLayout(parent)
    for item in items:
        if isinstance(item, tuple):
            layout.addWidget(item[0], item[1])
        else:
            layout.addWidget(item)
    return layout


def side_by_side(parent: QWidget, panes: Sequence[tuple[QWidget, int]]) -> QSplitter:
    """A horizontal splitter of ``(widget, stretch)`` panes that never collapses a pane."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    for index, (widget, stretch) in enumerate(panes):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    splitter.setChildrenCollapsible(False)
    return splitter


class ReflowSplitter(QSplitter):
    """Panes side by side while they fit, one above the other when the window is narrow.

    At 150 % or 200 % text on a 1,366-pixel screen the panes' minimum widths add up to more
    than the screen; stacking them keeps every pane whole instead of widening the window past
    the screen's edge. The minimum width is therefore the widest pane's, not the sum.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def _panes(self) -> list[QWidget]:
        widgets = (self.widget(i) for i in range(self.count()))
        return [w for w in widgets if w is not None and not w.isHidden()]

    def side_by_side_width(self) -> int:
        """The width below which the panes are stacked."""
        panes = self._panes()
        handles = self.handleWidth() * max(0, len(panes) - 1)
        return sum(w.minimumSizeHint().width() for w in panes) + handles

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The widest pane's width; the height of the panes as they are laid out now."""
        panes = self._panes()
        if not panes:
            return super().minimumSizeHint()
        hints = [w.minimumSizeHint() for w in panes]
        width = max(h.width() for h in hints)
        if self.orientation() == Qt.Orientation.Vertical:
            # Stacked, each pane is as wide as the splitter: wrapped labels and flowing filter
            # bars need their height at that width, which a plain minimum size does not say.
            heights = [
                max(h.height(), w.heightForWidth(self.width())) for w, h in zip(panes, hints, strict=True)
            ]
            height = sum(heights) + self.handleWidth() * (len(hints) - 1)
        else:
            height = max(h.height() for h in hints)
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Choose the orientation for the new width before the panes are laid out."""
        self._reflow(event.size().width())
        self._fit_panes(event.size().width())
        super().resizeEvent(event)

    def _fit_panes(self, width: int) -> None:
        # QSplitter shares its height out by the panes' minimum sizes, which know nothing of
        # wrapping: stacked, a pane with a flowing filter bar got one row's height and drew
        # its last label over its table (the roster at 200 %). Give each stacked pane the
        # height it needs at the splitter's width; side by side, no extra minimum.
        stacked = self.orientation() == Qt.Orientation.Vertical
        changed = False
        for pane in self._panes():
            needed = max(0, pane.heightForWidth(width)) if stacked else 0
            if pane.minimumHeight() != needed:
                pane.setMinimumHeight(needed)
                changed = True
        if changed:
            self.updateGeometry()  # the page around it makes room (or its scroll area scrolls)

    def event(self, event: QEvent) -> bool:
        """A pane's minimum changed (new data, new text size): check the orientation again."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._reflow(self.width())
        return super().event(event)

    def _reflow(self, width: int) -> None:
        wanted = Qt.Orientation.Horizontal if width >= self.side_by_side_width() else Qt.Orientation.Vertical
        if wanted != self.orientation():
            self.setOrientation(wanted)
            self.updateGeometry()


def reflowing_side_by_side(parent: QWidget, panes: Sequence[tuple[QWidget, int]]) -> ReflowSplitter:
    """Like :func:`side_by_side`, but the panes stack when they do not fit side by side."""
    splitter = ReflowSplitter(parent)
    for index, (widget, stretch) in enumerate(panes):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch)
    return splitter


def refill_combo(combo: QComboBox, items: Iterable[tuple[str, object]], selected: object) -> None:
    """Replace ``combo``'s ``(text, data)`` items quietly, choosing ``selected`` (else the first).

    Signals are blocked meanwhile, so a refill is not taken for the person's choice.
    """
    combo.blockSignals(True)
    try:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(selected)))
    finally:
        combo.blockSignals(False)


_NAMED_BY_LABEL = "accessibleNameFromLabel"
_MNEMONIC = re.compile(r"[(（]&\w[)）]")  # 「件名(&T)」 is read 「件名」


def name_fields_from_labels(root: QWidget) -> None:
    """Give each field of ``root`` the text of its label as its accessible name.

    Qt tells a screen reader a field's label only when the label is the field's buddy *and* its
    sibling; a field in a row widget, or set in a QFormLayout row with a QLabel, is read without
    a name. This names every buddy and every QFormLayout field from its label (without & and a
    final colon; 「件名(&T)」 gives 「件名」). Call it after the labels are (re)translated; a name
    the code set itself is kept.
    """
    pairs: list[tuple[QLabel, QWidget]] = []
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            pairs.append((label, buddy))
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label_item.widget() if label_item is not None else None
            field = field_item.widget() if field_item is not None else None
            if isinstance(label_widget, QLabel) and field is not None:
                pairs.append((label_widget, field))
    for label, field in pairs:
        own = field.accessibleName() and not field.property(_NAMED_BY_LABEL)
        name = _MNEMONIC.sub("", label.text()).replace("&&", "\0").replace("&", "").replace("\0", "&")
        name = name.strip().rstrip(":：").strip()
        if own or not name or "<" in name:  # a rich-text label is no name
            continue
        field.setAccessibleName(name)
        field.setProperty(_NAMED_BY_LABEL, True)
