"""The roster page: 班 panel, filter bar, household table and the summary line.

With one 班 selected the table shows its route (回覧順) and households can be moved with the
mouse (drag and drop) or the keyboard (Ctrl+Up / Ctrl+Down); each move is one service call.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.domain.roster import Delivery, Household, RosterSummary
from circular_app.services.care import CareService
from circular_app.services.circulars import CircularService
from circular_app.services.roster import RosterService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tables import RowTableView
from circular_app.ui.common.widgets import labelled_fields, refill_combo, reflowing_side_by_side
from circular_app.ui.roster.han_panel import HanPanel
from circular_app.ui.roster.household_dialog import HouseholdDialog, MoveOutDialog
from circular_app.ui.roster.model import (
    HOUSEHOLD_ID_ROLE,
    Column,
    RosterFilterProxy,
    RosterTableModel,
    reordered,
)
from circular_app.ui.roster.offer_dialog import offer_circulars

ALL = None
# The columns an officer looks up a household by; kept visible at every text size.
KEY_COLUMNS = (Column.HAN, Column.ORDER, Column.NAME, Column.PHONE, Column.EMAIL)
# The e-mail column shows at most this many digits' width (the whole address is in the dialog).
EMAIL_CHARS = 12


class RosterTableView(RowTableView):
    """The household table; Ctrl+Up / Ctrl+Down ask to move the current household on the route.

    Signals:
        route_move_requested(int): Ctrl+Up (-1) or Ctrl+Down (+1) was pressed.
    """

    route_move_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QAbstractItemView.SelectionMode.ExtendedSelection, parent)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setResizeContentsPrecision(100)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt override)
        """Show the key columns first, whatever the model's column order."""
        super().setModel(model)
        # Right after the name, so that 電話 and メール stay in view at 150 % and 200 % text;
        # the model keeps its column numbers (only the header's visual order changes).
        header = self.horizontalHeader()
        for visual, column in enumerate(KEY_COLUMNS):
            header.moveSection(header.visualIndex(column), visual)

    def key_columns_width(self) -> int:
        """Pixels the view needs to show the key columns whole (with its frame and scroll bar)."""
        header = self.horizontalHeader()
        columns = sum(header.sectionSize(column) for column in KEY_COLUMNS)
        return columns + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # A long address is cut with "…" rather than pushing the other key columns away.
        widest_email = self.fontMetrics().horizontalAdvance("0" * EMAIL_CHARS)
        if self.columnWidth(Column.EMAIL) > widest_email:
            self.setColumnWidth(Column.EMAIL, widest_email)
        # The table never gets narrower than its key columns: a narrower window stacks the
        # 班 panel above the table (see ReflowSplitter) instead of hiding 電話 and メール.
        self.setMinimumWidth(self.key_columns_width())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Ctrl+Up / Ctrl+Down move on the route; every other key behaves as usual."""
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.route_move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class RosterPage(Retranslating, QWidget):
    """Everything of the roster on one page.

    Signals:
        roster_changed(): households or 班 were changed (the page has already refreshed).
        current_household_changed(): the current household of the table changed.
    """

    roster_changed = Signal()
    current_household_changed = Signal()

    def __init__(
        self,
        roster: RosterService,
        editable: bool = True,
        parent: QWidget | None = None,
        circulars: CircularService | None = None,
        care: CareService | None = None,
    ) -> None:
        """``circulars``: when given, a household added is offered the circulars in circulation.

        ``care``: when given, the household dialog shows 要配慮 to those who may see it.
        """
        super().__init__(parent)
        self._roster = roster
        self._circulars = circulars
        self._care = care
        self._editable = editable
        self._summary = RosterSummary()
        self.model = RosterTableModel(self)
        self.proxy = RosterFilterProxy(self.model, self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        self.table.schedule_fit_columns()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.han_panel = HanPanel(self._roster, self.current_household, self)
        self.han_panel.set_editable(self._editable)

        self.filter_bar = QWidget(self)
        self.han_filter_label = QLabel(self.filter_bar)
        self.han_combo = QComboBox(self.filter_bar)
        self.delivery_label = QLabel(self.filter_bar)
        self.delivery_combo = QComboBox(self.filter_bar)
        for value in (ALL, Delivery.DIGITAL, Delivery.PAPER):
            self.delivery_combo.addItem("", value.value if value else None)
        self.search_label = QLabel(self.filter_bar)
        self.search_edit = QLineEdit(self.filter_bar)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.moved_out_check = QCheckBox(self.filter_bar)
        flow = labelled_fields(
            self.filter_bar,
            [
                (self.han_filter_label, self.han_combo),
                (self.delivery_label, self.delivery_combo),
                (self.search_label, self.search_edit),
            ],
        )
        flow.addWidget(self.moved_out_check)

        self.table = RosterTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.ORDER, Qt.SortOrder.AscendingOrder)
        self.route_hint = QLabel(self)
        self.route_hint.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filter_bar)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.route_hint)

        self.splitter = reflowing_side_by_side(self, [(self.han_panel, 0), (right, 1)])

        self.summary_label = QLabel(self)
        self.summary_label.setProperty("role", "summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary_label)

    def _connect(self) -> None:
        self.han_panel.current_han_changed.connect(self._on_panel_han_changed)
        self.han_panel.roster_changed.connect(self._after_change)
        self.han_combo.currentIndexChanged.connect(self._on_han_combo_changed)
        self.delivery_combo.currentIndexChanged.connect(self._on_delivery_changed)
        self.search_edit.textChanged.connect(self.proxy.set_text)
        self.moved_out_check.toggled.connect(self.proxy.set_show_moved_out)
        self.table.route_move_requested.connect(self.move_in_route)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        # Queued: the drop is handled after the view has finished its drag (it inspects the
        # selection afterwards), never while the model is being reset under it.
        self.model.households_dropped.connect(self._on_households_dropped, Qt.ConnectionType.QueuedConnection)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.han_filter_label.setText(self.tr("班(&H)"))
        self.han_combo.setAccessibleName(self.tr("表示する班"))
        self.delivery_label.setText(self.tr("受取方法(&D)"))
        self.delivery_combo.setAccessibleName(self.tr("表示する受取方法"))
        for index, text in enumerate((self.tr("すべて"), self.tr("デジタル"), self.tr("紙"))):
            self.delivery_combo.setItemText(index, text)
        self.search_label.setText(self.tr("検索(&S)"))
        self.search_edit.setPlaceholderText(self.tr("氏名・フリガナ（ひらがな・半角カナも可）"))
        self.search_edit.setAccessibleName(self.tr("氏名またはフリガナで検索"))
        self.moved_out_check.setText(self.tr("転出済みも表示(&M)"))
        self.table.setAccessibleName(self.tr("世帯の名簿"))
        self.model.retranslate()
        self.table.schedule_fit_columns()
        self._fill_han_combo()
        self._show_summary()
        self._update_route_mode()

    # ----- content -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload 班, households and counts from the service, keeping the selection."""
        current = self.current_household()
        hans = self._roster.list_hans()
        self.model.set_rows(self._roster.list_households(include_moved_out=True), hans)
        self._summary = self._roster.summary()
        self.han_panel.set_summary(self._summary)
        self._fill_han_combo()
        if self.proxy.han_id is not None and all(h.id != self.proxy.han_id for h in hans):
            self.set_han_filter(None)
        self._show_summary()
        self._update_route_mode()
        if current is not None:
            self.select_household(current.id)

    def _fill_han_combo(self) -> None:
        hans = [(han.name, han.id) for han in self.model.hans()]
        refill_combo(self.han_combo, [(self.tr("すべての班"), None), *hans], self.proxy.han_id)

    def summary_text(self, summary: RosterSummary) -> str:
        """``全60世帯　デジタル 24世帯（40%）｜1班 12・2班 12 …`` in the current language."""
        total = self.tr("全{households}世帯　デジタル {digital}世帯（{share}%）").format(
            households=summary.households,
            digital=summary.digital,
            share=round(summary.digital_share * 100),
        )
        per_han = self.tr("・").join(
            self.tr("{han} {count}").format(han=s.han.name, count=s.households) for s in summary.per_han
        )
        return f"{total}｜{per_han}" if per_han else total

    def _show_summary(self) -> None:
        self.summary_label.setText(self.summary_text(self._summary))
        self.summary_label.setAccessibleName(self.summary_label.text())

    def _update_route_mode(self) -> None:
        route_mode = self.proxy.han_id is not None
        self.model.set_route_mode(route_mode and self._editable)
        if route_mode:
            # A route is only meaningful in route order: fix the sort while one 班 is shown.
            self.table.setSortingEnabled(False)
            self.table.horizontalHeader().setSortIndicator(Column.ORDER, Qt.SortOrder.AscendingOrder)
            self.proxy.sort(Column.ORDER, Qt.SortOrder.AscendingOrder)
            self.table.setDragEnabled(self._editable)
            self.route_hint.setText(
                self.tr("回覧順: 行をドラッグするか、Ctrl+↑ / Ctrl+↓ で順番を変えられます。")
                if self._editable
                else ""
            )
        else:
            self.table.setDragEnabled(False)
            self.table.setSortingEnabled(True)
            self.route_hint.setText(self.tr("班を1つ選ぶと、回覧順に並べて順番を変えられます。"))

    # ----- selection ---------------------------------------------------------------------------
    def current_household(self) -> Household | None:
        """The household of the table's current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.household_at(source.row()) if source.isValid() else None

    def select_household(self, household_id: int) -> bool:
        """Make ``household_id`` the current row (False when it is filtered out)."""
        row = self.model.row_of(household_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def set_han_filter(self, han_id: int | None) -> None:
        """Show one 班 in route order (None: every 班)."""
        self.proxy.set_han(han_id)
        self.han_combo.blockSignals(True)
        self.han_combo.setCurrentIndex(max(0, self.han_combo.findData(han_id)))
        self.han_combo.blockSignals(False)
        self.han_panel.select_han(han_id)
        self._update_route_mode()

    @Slot(int)
    def _on_panel_han_changed(self, han_id: int) -> None:
        self.set_han_filter(han_id or None)

    @Slot()
    def _on_han_combo_changed(self) -> None:
        data = self.han_combo.currentData()
        self.set_han_filter(int(data) if data is not None else None)

    @Slot()
    def _on_delivery_changed(self) -> None:
        data = self.delivery_combo.currentData()
        self.proxy.set_delivery(Delivery(data) if data else None)

    @Slot()
    def _on_current_changed(self) -> None:
        self.current_household_changed.emit()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and self._editable:
            self.edit_household()

    # ----- actions ---------------------------------------------------------------------------
    @Slot()
    def _after_change(self) -> None:
        self.refresh()
        self.roster_changed.emit()

    def _run(self, action: Callable[[], object]) -> bool:
        """Run a service call; show a user error and return False when it fails."""
        try:
            action()
        except UserError as error:
            messages.show_error(self, error)
            return False
        return True

    def add_household(self) -> None:
        """Open the household dialog for a new household (in the shown 班, if one)."""
        hans = self.model.hans()
        if not hans:
            dialogs.inform(self, self.tr("世帯を追加"), self.tr("先に班を追加してください。"))
            return
        dialog = HouseholdDialog(self._roster, hans, han_id=self.proxy.han_id, parent=self, care=self._care)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._after_change()
            self._show_household(dialog.saved)
            if self._circulars is not None:
                # Published circulars keep their audience: offer them, never add silently.
                offer_circulars(self._circulars, [dialog.saved.id], self)

    def edit_household(self) -> None:
        """Open the household dialog for the current household."""
        household = self.current_household()
        if household is None:
            return
        dialog = HouseholdDialog(
            self._roster, self.model.hans(), household=household, parent=self, care=self._care
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._after_change()
            self._show_household(dialog.saved)

    def move_out_household(self) -> None:
        """Record a move-out for the current household."""
        household = self.current_household()
        if household is None:
            return
        if household.moved_out_on is not None:
            dialogs.inform(self, self.tr("転出を登録"), self.tr("この世帯は既に転出済みです。"))
            return
        dialog = MoveOutDialog(self._roster, household, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def undo_move_out(self) -> None:
        """Put the current (moved-out) household back on its route."""
        household = self.current_household()
        if household is None or household.moved_out_on is None:
            return
        if self._run(lambda: self._roster.undo_move_out(household.id)):
            self._after_change()

    def _show_household(self, household: Household) -> None:
        """Select ``household``, widening the filters if they hide it."""
        if self.select_household(household.id):
            return
        self.search_edit.clear()
        self.delivery_combo.setCurrentIndex(0)
        if household.moved_out_on is not None:
            self.moved_out_check.setChecked(True)
        if self.proxy.han_id is not None and self.proxy.han_id != household.han_id:
            self.set_han_filter(household.han_id)
        self.select_household(household.id)

    @Slot(int)
    def move_in_route(self, steps: int) -> None:
        """Move the current household ``steps`` places on its route (negative: earlier)."""
        household = self.current_household()
        if household is None or not self._editable:
            return
        if self._run(lambda: self._roster.move_in_route(household.id, steps)):
            self._after_change()
            self.select_household(household.id)

    @Slot(list, int)
    def _on_households_dropped(self, ids: list[int], before: int) -> None:
        han_id = self.proxy.han_id
        if han_id is None or not ids:
            return
        route = self.model.route_of(han_id)
        moving = [i for i in ids if i in route]
        new_order = reordered(route, moving, before or None)
        if new_order == route:
            return
        if self._run(lambda: self._roster.reorder_route(han_id, new_order)):
            self._after_change()
            for household_id in moving[:1]:
                self.select_household(household_id)

    def household_ids_shown(self) -> list[int]:
        """Ids of the households in the table, top to bottom (what the user sees)."""
        return [int(self.proxy.index(row, 0).data(HOUSEHOLD_ID_ROLE)) for row in range(self.proxy.rowCount())]
