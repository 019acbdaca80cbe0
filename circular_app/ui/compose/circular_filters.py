"""The filter bar above the circular table: 状態, 年度, 分類 and the search field.

The bar only holds the choices; the page asks the service again when they change
(:meth:`CircularService.list_circulars` folds width and kana for the search).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from circular_app.domain.calendar import fiscal_year_label
from circular_app.domain.circulars import Category, Status
from circular_app.ui.common.widgets import labelled_fields, refill_combo
from circular_app.ui.compose.texts import category_label, status_label


class CircularFilterBar(QWidget):
    """Status, fiscal year and category combos and the search field, wrapping as the page narrows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel(self)
        self.status_combo = QComboBox(self)
        for status in (None, *Status):
            self.status_combo.addItem("", status.value if status else None)
        self.year_label = QLabel(self)
        self.year_combo = QComboBox(self)
        self.category_label = QLabel(self)
        self.category_combo = QComboBox(self)
        for category in (None, *Category):
            self.category_combo.addItem("", category.value if category else None)
        self.search_label = QLabel(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        labelled_fields(
            self,
            [
                (self.status_label, self.status_combo),
                (self.year_label, self.year_combo),
                (self.category_label, self.category_combo),
                (self.search_label, self.search_edit),
            ],
        )

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the page calls it with its own)."""
        self.status_label.setText(self.tr("状態(&S)"))
        for index, text in enumerate((self.tr("すべて"), *(status_label(s) for s in Status))):
            self.status_combo.setItemText(index, text)
        self.year_label.setText(self.tr("年度(&Y)"))
        self.category_label.setText(self.tr("分類(&G)"))
        for index, text in enumerate((self.tr("すべて"), *(category_label(c) for c in Category))):
            self.category_combo.setItemText(index, text)
        self.search_label.setText(self.tr("検索(&F)"))
        self.search_edit.setPlaceholderText(self.tr("件名・本文の言葉（ひらがな・半角カナも可）"))
        self.search_edit.setAccessibleName(self.tr("件名と本文を検索"))

    def fill_years(self, years: Iterable[int]) -> None:
        """Offer 「すべての年度」 and ``years`` (newest first), keeping the chosen year if still offered."""
        offered = [(fiscal_year_label(year), year) for year in sorted(years, reverse=True)]
        refill_combo(
            self.year_combo, [(self.tr("すべての年度"), None), *offered], self.year_combo.currentData()
        )

    def status(self) -> Status | None:
        """The chosen status (None: every status)."""
        value = self.status_combo.currentData()
        return Status(value) if value else None

    def year(self) -> int | None:
        """The chosen fiscal year (None: every year)."""
        value = self.year_combo.currentData()
        return int(value) if value is not None else None

    def category(self) -> Category | None:
        """The chosen category (None: every category)."""
        value = self.category_combo.currentData()
        return Category(value) if value else None

    def set_values(
        self, status: Status | None, year: int | None, category: Category | None, search: str
    ) -> None:
        """Set every choice at once without emitting change signals (the caller refreshes once)."""
        for combo, value in (
            (self.status_combo, status.value if status else None),
            (self.year_combo, year),
            (self.category_combo, category.value if category else None),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(search)
        self.search_edit.blockSignals(False)
