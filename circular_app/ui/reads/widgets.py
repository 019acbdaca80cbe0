"""Small layout helpers shared by the reader pages."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from circular_app.ui.common.widgets import FlowLayout


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
