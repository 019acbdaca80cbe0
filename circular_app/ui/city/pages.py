"""The two pages of the city window, laid out: the login form and the figures.

Only widgets and layout live here; :class:`~circular_app.ui.city.window.CityWindow` sets their
texts (so its translations keep one context) and fills them with what the hub answers.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circular_app.ui.city.chart import AdoptionChart
from circular_app.ui.city.models import SORT_ROLE, AssociationTableModel, DistrictTableModel
from circular_app.ui.common.widgets import ErrorLabel, bold_font

LOGIN_BOX_WIDTH_EM = 36


def sortable_table(
    model: DistrictTableModel | AssociationTableModel, parent: QWidget
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only, sortable table of ``model`` (sorted by its numbers, not their text)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # The name takes the spare width; the figures stay next to it.
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return view, proxy


class CityLoginPage(QWidget):
    """The hub's address, the user name and the password, centred in a box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("city_hub_url")
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("city_user")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("city_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self)
        self.button.setObjectName("city_login")
        self.button.setDefault(True)
        self.error = ErrorLabel(self)
        self.url_label, self.user_label, self.password_label = QLabel(self), QLabel(self), QLabel(self)
        self.url_label.setBuddy(self.url_edit)
        self.user_label.setBuddy(self.user_edit)
        self.password_label.setBuddy(self.password_edit)
        form = QFormLayout()
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.user_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        box = QWidget(self)
        inner = QVBoxLayout(box)
        self.title = QLabel(box)
        self.title.setFont(bold_font())  # bold only: sizes follow the text-size setting
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        box.setMaximumWidth(self.fontMetrics().horizontalAdvance("あ") * LOGIN_BOX_WIDTH_EM)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


class CityFiguresPage(QWidget):
    """The year, the summary line, the chart, the table per 校下 and the chosen 校下's associations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("city_year")
        self.year_label = QLabel(self)
        self.year_label.setBuddy(self.year_combo)
        self.summary = QLabel(self)
        self.summary.setObjectName("city_summary")
        self.summary.setFont(bold_font())
        self.as_of = QLabel(self)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel(self)
        self.notice.setObjectName("city_notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel(self)
        self.chart = AdoptionChart(self)
        self.district_model = DistrictTableModel(self)
        self.district_view, self.district_proxy = sortable_table(self.district_model, self)
        self.district_view.setObjectName("city_districts")
        self.association_model = AssociationTableModel(self)
        self.association_view, self.association_proxy = sortable_table(self.association_model, self)
        self.association_view.setObjectName("city_associations")
        self.association_title = QLabel(self)
        self.association_title.setFont(bold_font())
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year_combo)
        top.addSpacing(16)
        top.addWidget(self.summary)
        top.addSpacing(16)
        top.addWidget(self.as_of)
        top.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.association_title)
        right_layout.addWidget(self.association_view, 1)
        tables = QSplitter(Qt.Orientation.Horizontal, self)
        tables.addWidget(self.district_view)
        tables.addWidget(right)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(self.chart)
        body.addWidget(tables)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(body, 1)
