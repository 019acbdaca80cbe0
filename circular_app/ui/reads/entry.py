"""Entering a returned 回覧表: pick the circular and the 班, tick the stamped households, save.

The route list shows the 班's targeted households in sheet order (route order). Ticks are
pending until saved; saving records the whole 班 in one service call (paper, on the chosen
date) and takes back the records of households that were unticked. The keyboard alone is
enough: ↑/↓ move, Space ticks, Enter saves.

Every change is a command on a :class:`QUndoStack` (Ctrl+Z / Ctrl+Shift+Z): a tick, 「全員返却」
and a save, whose undo takes the records back out of the database (and puts back any it had
removed). A command of another circular or 班 first brings its sheet back on screen. Ticks not
saved yet are kept per sheet while the officer looks at another one.

Beside the list: the circular's status (rates overall and per 班, stuck boards, overdue) and
「督促シートを印刷…」 for the chosen 班.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.errors import UserError
from circular_app.domain.roster import Han, Household
from circular_app.ui.common import messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import FlowLayout, bold_font, labelled_fields, reflowing_side_by_side
from circular_app.ui.reads.entry_commands import SaveCommand, SheetKey, TickCommand
from circular_app.ui.reads.entry_sheet import RouteSheetModel, RouteSheetView, SheetColumn
from circular_app.ui.reads.reminder import ReminderPrinter
from circular_app.ui.reads.text import circular_text, rate_text, stuck_text

# Characters of a circular's title shown in the choice box at any text size.
CIRCULAR_COMBO_CHARS = 14


class ReadsEntryPage(Retranslating, QWidget):
    """Pick a circular and a 班, tick the returned stamps, save; with the circular's status.

    Signals:
        records_changed(int): read records of the circular (id) were written or taken back.
    """

    records_changed = Signal(int)

    def __init__(
        self,
        services: ProfileServices,
        font_dir: Path,
        parent: QWidget | None = None,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self._loaded = False
        self._services = services
        self.reads = services.reads
        self._font_dir = font_dir
        self._pending: dict[SheetKey, set[int]] = {}
        self._key: SheetKey | None = None
        self._circulars: list[Circular] = []
        self._audiences: dict[int, list[Household]] = {}  # circular id → its sheets' rows
        self._hans: list[Han] = []
        self.undo_stack = QUndoStack(self)
        self.model = RouteSheetModel(self)
        self.reminder = ReminderPrinter(self.reads, font_dir, self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        if load:
            self.refresh()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.choice_bar = QWidget(self)
        self.circular_label = QLabel(self.choice_bar)
        self.circular_combo = QComboBox(self.choice_bar)
        self.han_label = QLabel(self.choice_bar)
        self.han_combo = QComboBox(self.choice_bar)
        self.date_label = QLabel(self.choice_bar)
        self.date_edit = QDateEdit(self.choice_bar)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        today = QDate.currentDate()
        self.date_edit.setDate(today)
        self.date_edit.setMaximumDate(today)
        labelled_fields(
            self.choice_bar,
            [
                (self.circular_label, self.circular_combo),
                (self.han_label, self.han_combo),
                (self.date_label, self.date_edit),
            ],
        )
        # A long title would make the sheet as wide as the title; it is cut with "…" instead
        # (the whole title is in the list and in 「この回覧の状況」).
        self.circular_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.circular_combo.setMinimumContentsLength(CIRCULAR_COMBO_CHARS)

        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.view = RouteSheetView(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column in (SheetColumn.RETURNED, SheetColumn.ORDER, SheetColumn.DELIVERY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SheetColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SheetColumn.RECORD, QHeaderView.ResizeMode.ResizeToContents)

        self.all_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        # Own actions rather than QUndoStack.createUndoAction: that one rewrites its text with
        # the command's, which makes the buttons as long as a household's name.
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts(
            [
                QKeySequence(
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Z
                ),
                QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Y),
            ]
        )
        self.redo_action.setEnabled(False)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.redo_button = QToolButton(self)
        self.redo_button.setDefaultAction(self.redo_action)
        self.redo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons = QWidget(self)
        button_flow = FlowLayout(buttons)
        button_flow.setContentsMargins(0, 0, 0, 0)
        for widget in (self.all_button, self.save_button, self.undo_button, self.redo_button):
            button_flow.addWidget(widget)
        self.pending_label = QLabel(self)
        self.pending_label.setProperty("role", "summary")
        self.pending_label.setWordWrap(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.choice_bar)
        left_layout.addWidget(self.hint_label)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.pending_label)
        left_layout.addWidget(buttons)

        self.status_box = QGroupBox(self)
        status_layout = QVBoxLayout(self.status_box)
        self.status_title = QLabel(self.status_box)
        self.status_title.setFont(bold_font())
        self.status_title.setWordWrap(True)
        self.status_label = QLabel(self.status_box)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.per_han_label = QLabel(self.status_box)
        self.per_han_list = QListWidget(self.status_box)
        self.per_han_label.setBuddy(self.per_han_list)
        self.stuck_label = QLabel(self.status_box)
        self.stuck_list = QListWidget(self.status_box)
        self.stuck_label.setBuddy(self.stuck_list)
        self.reminder_button = QPushButton(self.status_box)
        for status_list in (self.per_han_list, self.stuck_list):
            status_list.setWordWrap(True)
        for label in (self.status_title, self.status_label, self.per_han_label):
            status_layout.addWidget(label)
        status_layout.addWidget(self.per_han_list, 1)
        status_layout.addWidget(self.stuck_label)
        status_layout.addWidget(self.stuck_list, 1)
        status_layout.addWidget(self.reminder_button)

        self.splitter = reflowing_side_by_side(self, [(left, 3), (self.status_box, 2)])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.circular_combo.currentIndexChanged.connect(self._on_circular_changed)
        self.han_combo.currentIndexChanged.connect(self._on_han_changed)
        self.view.toggle_requested.connect(self._on_space)
        self.view.save_requested.connect(self.save)
        self.model.toggle_requested.connect(self._on_toggle_requested)
        self.all_button.clicked.connect(self.tick_all)
        self.save_button.clicked.connect(self.save)
        self.reminder_button.clicked.connect(self.print_reminder)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._show_undo_texts)
        self.undo_stack.redoTextChanged.connect(self._show_undo_texts)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.circular_label.setText(self.tr("回覧(&N)"))
        self.circular_combo.setAccessibleName(self.tr("記録する回覧"))
        self.han_label.setText(self.tr("班(&H)"))
        self.han_combo.setAccessibleName(self.tr("記録する班"))
        self.date_label.setText(self.tr("返却日(&D)"))
        self.date_edit.setAccessibleName(self.tr("回覧表が戻ってきた日"))
        self.hint_label.setText(
            self.tr("回覧表の順に並んでいます。↑↓で選び、スペースで返却の印を付け外しし、Enterで保存します。")
        )
        self.view.setAccessibleName(self.tr("回覧順の世帯（返却の印）"))
        # Short, so that the button fits at 200 % text; the tooltip says the rest.
        self.all_button.setText(self.tr("全員返却(&A)"))
        self.all_button.setToolTip(self.tr("チェックを外した世帯以外の全員に返却の印を付けます"))
        self.all_button.setToolTip(
            self.tr("全員に印を付けます。押印のなかった世帯は、そのあとで印を外してください。")
        )
        self.save_button.setText(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("この班の記録をまとめて保存します（Enter）"))
        self.undo_action.setText(self.tr("元に戻す(&Z)"))
        self.redo_action.setText(self.tr("やり直す(&Y)"))
        self._show_undo_texts()
        self.status_box.setTitle(self.tr("この回覧の状況"))
        self.per_han_label.setText(self.tr("班ごとの既読率"))
        self.stuck_label.setText(self.tr("止まっている可能性のある回覧板"))
        self.reminder_button.setText(self.tr("督促シートを印刷(&P)…"))
        self.reminder_button.setToolTip(self.tr("選んだ班の未読の世帯を、班長さん用の用紙にします"))
        self.model.retranslate()
        self._fill_circular_combo()
        self._show_pending()
        self._show_status()

    # ----- choices -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Load on first show (built with ``load=False``, the page costs nothing at start-up)."""
        super().showEvent(event)
        self._ensure_loaded()

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload the circulars, 班 and the sheet shown (pending ticks are kept)."""
        self._loaded = True
        circulars = self._services.circulars
        published = circulars.list_circulars(status=Status.PUBLISHED)
        closed = circulars.list_circulars(status=Status.CLOSED, year=self._this_year())
        self._circulars = [*published, *closed]
        self._hans = self._services.roster.list_hans()
        self._audiences.clear()
        self._fill_circular_combo()
        self._load_sheet()

    def _this_year(self) -> int:
        first, _last = self.reads.fiscal_year_range()
        return first.year

    def _fill_circular_combo(self) -> None:
        current = self.current_circular_id()
        self.circular_combo.blockSignals(True)
        try:
            self.circular_combo.clear()
            for circular in self._circulars:
                text = circular_text(circular)
                if circular.status is Status.CLOSED:
                    text = self.tr("{circular}（終了）").format(circular=text)
                self.circular_combo.addItem(text, circular.id)
            self.circular_combo.setCurrentIndex(max(0, self.circular_combo.findData(current)))
        finally:
            self.circular_combo.blockSignals(False)
        self._fill_han_combo()

    def _fill_han_combo(self) -> None:
        circular = self.current_circular()
        current = self.han_combo.currentData()
        if circular is None:
            hans = list(self._hans)
        else:
            # The 班 its board went round when it was published (its snapshot), not today's.
            present = {h.han_id for h in self._audience(circular.id)}
            hans = [h for h in self._hans if h.id in present]
        self.han_combo.blockSignals(True)
        try:
            self.han_combo.clear()
            for han in hans:
                self.han_combo.addItem(han.name, han.id)
            self.han_combo.setCurrentIndex(max(0, self.han_combo.findData(current)))
        finally:
            self.han_combo.blockSignals(False)

    def _audience(self, circular_id: int) -> list[Household]:
        """The rows of a circular's sheets: its snapshot's households still living here."""
        found = self._audiences.get(circular_id)
        if found is None:
            found = self._audiences[circular_id] = self.reads.audience(circular_id)
        return found

    def current_circular_id(self) -> int | None:
        """Id of the chosen circular, if any."""
        data = self.circular_combo.currentData()
        return int(data) if data is not None else None

    def current_circular(self) -> Circular | None:
        """The chosen circular, if any."""
        circular_id = self.current_circular_id()
        return next((c for c in self._circulars if c.id == circular_id), None)

    def current_han(self) -> Han | None:
        """The chosen 班, if any."""
        data = self.han_combo.currentData()
        return next((h for h in self._hans if h.id == data), None)

    def show_circular(self, circular_id: int, han_id: int | None = None) -> None:
        """Choose a circular (and a 班) as if the officer had picked them."""
        self._ensure_loaded()
        if all(c.id != circular_id for c in self._circulars):
            try:
                self._circulars.append(self._services.circulars.get(circular_id))
            except UserError as error:
                self.show_error(error)
                return
            self._fill_circular_combo()
        self.circular_combo.blockSignals(True)
        self.circular_combo.setCurrentIndex(max(0, self.circular_combo.findData(circular_id)))
        self.circular_combo.blockSignals(False)
        self._fill_han_combo()
        if han_id is not None:
            self.han_combo.blockSignals(True)
            self.han_combo.setCurrentIndex(max(0, self.han_combo.findData(han_id)))
            self.han_combo.blockSignals(False)
        self._load_sheet()

    def show_sheet(self, key: SheetKey) -> None:
        """Bring the sheet of ``key`` on screen (for a command of another sheet)."""
        if key != self._key:
            self.show_circular(*key)

    @Slot()
    def _on_circular_changed(self) -> None:
        self._fill_han_combo()
        self._load_sheet()

    @Slot()
    def _on_han_changed(self) -> None:
        self._load_sheet()

    # ----- the sheet -----------------------------------------------------------------------
    def _load_sheet(self) -> None:
        circular, han = self.current_circular(), self.current_han()
        if circular is None or han is None:
            self._key = None
            self.model.set_sheet([], {}, [])
            self._show_pending()
            self._show_status()
            return
        key = (circular.id, han.id)
        current_row = self.view.currentIndex().row() if key == self._key else 0
        self._key = key
        route = [h for h in self._audience(circular.id) if h.han_id == han.id]
        saved = self.reads.records(circular.id)
        checked = self._pending.get(key, {h.id for h in route if h.id in saved})
        self.model.set_sheet(route, saved, checked)
        if self.model.rowCount():
            row = min(max(current_row, 0), self.model.rowCount() - 1)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_pending()
        self._show_status()

    def is_checked(self, key: SheetKey, household_id: int) -> bool:
        """True when ``household_id`` is ticked on the sheet of ``key``."""
        if key == self._key:
            return self.model.is_checked(household_id)
        return household_id in self._pending.get(key, set())

    def apply_ticks(self, key: SheetKey, states: Mapping[int, bool]) -> None:
        """Set ticks on the sheet of ``key`` (brought on screen first); used by the commands."""
        self.show_sheet(key)
        self.model.set_checked(states)
        self._pending[key] = self.model.checked_ids()
        row = next((r for r, h in enumerate(self.model.households()) if h.id in states), None)
        if row is not None and len(states) == 1:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_pending()

    def after_write(self, key: SheetKey) -> None:
        """Reload the sheet and the status after records were written (used by the commands)."""
        self._load_sheet()
        self.records_changed.emit(key[0])

    def show_error(self, error: UserError) -> None:
        """Show a refused change."""
        messages.show_error(self, error)

    @Slot()
    def _show_undo_texts(self) -> None:
        """Name the change that Ctrl+Z / Ctrl+Shift+Z would undo or redo, in the tooltips."""
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(
            self.tr("元に戻す: {change}（Ctrl+Z）").format(change=undo)
            if undo
            else self.tr("元に戻す（Ctrl+Z）")
        )
        self.redo_action.setToolTip(
            self.tr("やり直す: {change}（Ctrl+Shift+Z）").format(change=redo)
            if redo
            else self.tr("やり直す（Ctrl+Shift+Z）")
        )

    def _show_pending(self) -> None:
        if self._key is None:
            self.pending_label.setText(self.tr("回覧中の回覧がありません。") if not self._circulars else "")
            for widget in (self.all_button, self.save_button):
                widget.setEnabled(False)
            return
        record, remove = self.model.to_record(), self.model.to_remove()
        checked = len(self.model.checked_ids())
        total = self.model.rowCount()
        text = self.tr("返却 {checked}/{total}世帯").format(checked=checked, total=total)
        if record or remove:
            text += self.tr("　未保存: 記録 {record}・取り消し {remove}（Enterで保存）").format(
                record=len(record), remove=len(remove)
            )
        self.pending_label.setText(text)
        self.pending_label.setAccessibleName(text)
        self.all_button.setEnabled(bool(self.model.toggleable_ids()))
        self.save_button.setEnabled(bool(record or remove))

    def _show_status(self) -> None:
        self.per_han_list.clear()
        self.stuck_list.clear()
        circular = self.current_circular()
        self.reminder_button.setEnabled(circular is not None)
        if circular is None:
            self.status_title.setText("")
            self.status_label.setText("")
            return
        status = self.reads.circular_status(circular.id)
        self.status_title.setText(circular_text(circular))
        lines = [
            self.tr("既読率 {rate}").format(rate=rate_text(status.rate)),
            self.tr("回覧期限 {due}").format(due=wareki(circular.due_date, weekday=True)),
            self.tr("未読 {count}世帯").format(count=len(status.unread)),
        ]
        han = self.current_han()
        if han is not None:
            in_han = sum(1 for h in status.unread if h.han_id == han.id and h.active)
            lines.append(self.tr("うち{han}の未読 {count}世帯").format(han=han.name, count=in_han))
        if status.overdue:
            lines.append(self.tr("！ 期限切れ・未読の世帯があります"))
        self.status_label.setText("\n".join(lines))
        for han, rate in status.per_han:
            self.per_han_list.addItem(self.tr("{han}　{rate}").format(han=han.name, rate=rate_text(rate)))
        for board in status.stuck:
            self.stuck_list.addItem(stuck_text(board))
        if not status.stuck:
            self.stuck_list.addItem(self.tr("止まっている回覧板はありません"))

    # ----- actions -------------------------------------------------------------------------
    @Slot(int)
    def _on_space(self, row: int) -> None:
        household = self.model.household_at(row)
        if not self.model.is_locked(household.id):
            self.toggle(household.id, not self.model.is_checked(household.id))

    @Slot(int, bool)
    def _on_toggle_requested(self, household_id: int, checked: bool) -> None:
        self.toggle(household_id, checked)

    def toggle(self, household_id: int, checked: bool) -> None:
        """Tick (or untick) one household as an undoable command."""
        if self._key is None or self.model.is_locked(household_id):
            return
        name = next((h.name for h in self.model.households() if h.id == household_id), "")
        text = (self.tr("{name}に返却の印") if checked else self.tr("{name}の印を外す")).format(name=name)
        self.undo_stack.push(TickCommand(self, self._key, {household_id: checked}, text))

    @Slot()
    def tick_all(self) -> None:
        """「全員返却」: tick every household (untick the ones without a stamp afterwards)."""
        if self._key is None:
            return
        states = {i: True for i in self.model.toggleable_ids() if not self.model.is_checked(i)}
        if states:
            self.undo_stack.push(TickCommand(self, self._key, states, self.tr("全員に返却の印")))
        self.view.setFocus()

    @Slot()
    def save(self) -> None:
        """Record the ticked households of the 班 in one call, take back the unticked ones."""
        if self._key is None:
            return
        record, remove = self.model.to_record(), self.model.to_remove()
        if not record and not remove:
            self.pending_label.setText(self.tr("保存する変更はありません"))
            return
        han = self.current_han()
        text = self.tr("{han}の返却を保存（記録 {record}・取り消し {remove}）").format(
            han=han.name if han else "", record=len(record), remove=len(remove)
        )
        read_on = self.date_edit.date().toPython()
        assert isinstance(read_on, dt.date)  # QDate converts to a date
        self.undo_stack.push(SaveCommand(self, self._key, record, remove, read_on, text))
        self.view.setFocus()

    @Slot()
    def print_reminder(self) -> None:
        """「督促シートを印刷…」 for the chosen circular and 班."""
        self._ensure_loaded()
        circular, han = self.current_circular(), self.current_han()
        if circular is None:
            return
        hans = self.reminder.choose_hans(circular, han)
        if hans:
            self.reminder.print_sheet(circular, hans)

    def focus_sheet(self) -> None:
        """Put the keyboard focus on the route list (ready for ↑↓ and Space)."""
        self.view.setFocus()
