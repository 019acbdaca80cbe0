"""The 班 panel beside the roster: the list of 班 with counts and the 班 actions.

Add, rename, reorder, merge and split call :class:`~circular_app.services.roster.RosterService`;
the names are asked with standard input dialogs, and user errors are shown through
:mod:`circular_app.ui.common.messages`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.domain.roster import Han, Household, RosterSummary
from circular_app.domain.text import han_sort_key
from circular_app.services.roster import RosterService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import bold_font

HAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def suggest_han_name(existing: list[str]) -> str:
    """The next free numbered name (``"6班"`` after ``"5班"``), for the name prompts."""
    numbers = [n for n, rest in (han_sort_key(name) for name in existing) if not rest]
    return f"{max(numbers, default=0) + 1}班"


class HanPanel(Retranslating, QWidget):
    """List of 班 with household counts, and buttons to add, rename, reorder, merge and split.

    Signals:
        current_han_changed(int): the selected 班 changed (0: none selected).
        roster_changed(): a 班 was added, renamed, moved, merged or split.
    """

    current_han_changed = Signal(int)
    roster_changed = Signal()

    def __init__(
        self,
        roster: RosterService,
        current_household: Callable[[], Household | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._roster = roster
        self._current_household = current_household
        self._summary = RosterSummary()
        self._editable = True
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setFont(bold_font())
        self.list = QListWidget(self)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.title.setBuddy(self.list)
        buttons = QGridLayout()
        self.add_button = QPushButton(self)
        self.rename_button = QPushButton(self)
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        self.merge_button = QPushButton(self)
        self.split_button = QPushButton(self)
        for i, button in enumerate(
            (
                self.add_button,
                self.rename_button,
                self.up_button,
                self.down_button,
                self.merge_button,
                self.split_button,
            )
        ):
            buttons.addWidget(button, i // 2, i % 2)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.list.currentItemChanged.connect(self._on_current_item_changed)
        self.add_button.clicked.connect(self.add_han)
        self.rename_button.clicked.connect(self.rename_han)
        self.up_button.clicked.connect(self.move_han_up)
        self.down_button.clicked.connect(self.move_han_down)
        self.merge_button.clicked.connect(self.merge_han)
        self.split_button.clicked.connect(self.split_han)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.title.setText(self.tr("班(&B)"))
        self.list.setAccessibleName(self.tr("班の一覧"))
        self.add_button.setText(self.tr("班を追加…"))
        self.rename_button.setText(self.tr("名前を変更…"))
        self.up_button.setText(self.tr("上へ"))
        self.down_button.setText(self.tr("下へ"))
        self.merge_button.setText(self.tr("統合…"))
        self.split_button.setText(self.tr("分割…"))
        self.up_button.setAccessibleName(self.tr("班を上へ移動"))
        self.down_button.setAccessibleName(self.tr("班を下へ移動"))
        self.merge_button.setToolTip(self.tr("選んだ班の世帯を別の班に移し、選んだ班をなくします"))
        self.split_button.setToolTip(self.tr("名簿で選んだ世帯から後ろを新しい班にします"))
        self._fill_list()

    # ----- content -----------------------------------------------------------------------------
    def set_summary(self, summary: RosterSummary) -> None:
        """Show the 班 of ``summary`` with their counts, keeping the selection."""
        self._summary = summary
        self._fill_list()

    def hans(self) -> list[Han]:
        """The 班 shown, in order."""
        return [s.han for s in self._summary.per_han]

    def current_han(self) -> Han | None:
        """The selected 班, if any."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        han_id = item.data(HAN_ID_ROLE)
        return next((h for h in self.hans() if h.id == han_id), None)

    def select_han(self, han_id: int | None) -> None:
        """Select ``han_id`` (None: clear the selection) without emitting a change."""
        self.list.blockSignals(True)
        try:
            self._select(han_id)
        finally:
            self.list.blockSignals(False)
        self._update_buttons()

    def _select(self, han_id: int | None) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and han_id is not None and item.data(HAN_ID_ROLE) == han_id:
                self.list.setCurrentItem(item)
                item.setSelected(True)

    def _fill_list(self) -> None:
        current = self.current_han()
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for entry in self._summary.per_han:
                text = self.tr("{han}　{count}世帯（デジタル {digital}）").format(
                    han=entry.han.name, count=entry.households, digital=entry.digital
                )
                item = QListWidgetItem(text, self.list)
                item.setData(HAN_ID_ROLE, entry.han.id)
            self._select(current.id if current else None)
        finally:
            self.list.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        han = self.current_han()
        editable = self._editable
        self.add_button.setEnabled(editable)
        for button in (self.rename_button, self.merge_button, self.split_button):
            button.setEnabled(editable and han is not None)
        index = self.hans().index(han) if han is not None else -1
        self.up_button.setEnabled(editable and index > 0)
        self.down_button.setEnabled(editable and 0 <= index < len(self.hans()) - 1)
        self.merge_button.setEnabled(self.merge_button.isEnabled() and len(self.hans()) > 1)

    def set_editable(self, editable: bool) -> None:
        """Enable or disable the editing buttons (officers without roster rights)."""
        self._editable = editable
        self._update_buttons()

    @Slot()
    def _on_current_item_changed(self) -> None:
        self._update_buttons()
        han = self.current_han()
        self.current_han_changed.emit(han.id if han else 0)

    # ----- actions ---------------------------------------------------------------------------
    def _run(self, action: Callable[[], object]) -> bool:
        """Call a service action; show a user error and return False when it fails."""
        try:
            action()
        except UserError as error:
            messages.show_error(self, error)
            return False
        self.roster_changed.emit()
        return True

    def _ask_name(self, title: str, label: str, suggestion: str, accept: str) -> str | None:
        return dialogs.ask_text(self, title, label, suggestion, accept=accept)

    @Slot()
    def add_han(self) -> None:
        """Ask for a name and add a 班 at the end."""
        name = self._ask_name(
            self.tr("班を追加"),
            self.tr("新しい班の名前:"),
            suggest_han_name([h.name for h in self.hans()]),
            self.tr("追加する"),
        )
        if name is not None:
            self._run(lambda: self._roster.add_han(name))

    @Slot()
    def rename_han(self) -> None:
        """Ask for a new name for the selected 班."""
        han = self.current_han()
        if han is None:
            return
        name = self._ask_name(
            self.tr("班の名前を変更"),
            self.tr("{han}の新しい名前:").format(han=han.name),
            han.name,
            self.tr("変更する"),
        )
        if name is not None:
            self._run(lambda: self._roster.rename_han(han.id, name))

    @Slot()
    def move_han_up(self) -> None:
        """Move the selected 班 one place up."""
        self.move_han(-1)

    @Slot()
    def move_han_down(self) -> None:
        """Move the selected 班 one place down."""
        self.move_han(1)

    def move_han(self, steps: int) -> None:
        """Move the selected 班 ``steps`` places (negative: up) in the 班 order."""
        han = self.current_han()
        if han is None:
            return
        ids = [h.id for h in self.hans()]
        index = ids.index(han.id)
        target = max(0, min(len(ids) - 1, index + steps))
        if target == index:
            return
        ids.insert(target, ids.pop(index))
        self._run(lambda: self._roster.reorder_hans(ids))

    @Slot()
    def merge_han(self) -> None:
        """Ask for a target 班, confirm, and merge the selected 班 into it."""
        source = self.current_han()
        if source is None:
            return
        others = [h for h in self.hans() if h.id != source.id]
        if not others:
            return
        name = dialogs.choose_item(
            self,
            self.tr("班を統合"),
            self.tr("{han}の世帯を移す先の班:").format(han=source.name),
            [h.name for h in others],
            accept=self.tr("次へ"),
        )
        if name is None:
            return
        target = next((h for h in others if h.name == name), None)
        if target is None:
            return
        count = next((s.households for s in self._summary.per_han if s.han.id == source.id), 0)
        if dialogs.ask(
            self,
            self.tr("班を統合"),
            self.tr(
                "{source}の{count}世帯を{target}の回覧順の最後に移し、{source}をなくします。よろしいですか？"
            ).format(source=source.name, count=count, target=target.name),
            yes=self.tr("統合する"),
        ):
            self._run(lambda: self._roster.merge_hans(source.id, target.id))

    @Slot()
    def split_han(self) -> None:
        """Split the selected 班 at the household selected in the roster table."""
        han = self.current_han()
        if han is None:
            return
        household = self._current_household()
        if household is None or household.han_id != han.id:
            dialogs.inform(
                self,
                self.tr("班を分割"),
                self.tr("名簿で、新しい班の先頭になる{han}の世帯を選んでください。").format(han=han.name),
            )
            return
        name = self._ask_name(
            self.tr("班を分割"),
            self.tr("「{name}」から後ろの世帯を移す新しい班の名前:").format(name=household.name),
            suggest_han_name([h.name for h in self.hans()]),
            self.tr("追加する"),
        )
        if name is not None:
            self._run(lambda: self._roster.split_han(han.id, household.id, name))
