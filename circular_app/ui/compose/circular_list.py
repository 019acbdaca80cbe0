"""The list of circulars: filters, search, the table and the actions on the selected circular.

The table (model and view) lives in :mod:`circular_app.ui.compose.circular_table`, the filter
bar in :mod:`circular_app.ui.compose.circular_filters`. Filtering and search are the service's
(:meth:`CircularService.list_circulars` folds width and kana); the page asks again after each
filter change and, for typing in the search field, after a short pause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from circular_app.app import ProfileServices
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.circulars import Category, Circular, CircularDraft, Status
from circular_app.domain.errors import UserError
from circular_app.domain.templates import placeholders
from circular_app.ui.common import dialogs
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import runner_for
from circular_app.ui.common.widgets import FlowLayout
from circular_app.ui.compose.circular_filters import CircularFilterBar
from circular_app.ui.compose.circular_table import (
    CIRCULAR_ID_ROLE,
    CircularTableModel,
    CircularTableView,
    Column,
    fiscal_year_rates,
)
from circular_app.ui.compose.editor import CircularEditor
from circular_app.ui.compose.publish_dialogs import (
    AfterPublishDialog,
    PlaceholdersDialog,
    PublishConfirmDialog,
)
from circular_app.ui.compose.template_fill import ask_fill
from circular_app.ui.compose.templates import SaveTemplateDialog, TemplatePickerDialog
from circular_app.ui.compose.texts import error_text, error_title

__all__ = [
    "CIRCULAR_ID_ROLE",
    "CircularListPage",
    "CircularTableModel",
    "CircularTableView",
    "Column",
    "fiscal_year_rates",
]

Today = Callable[[], dt.date]


class CircularListPage(Retranslating, QWidget):
    """Every circular: filters, search, the table, and actions from writing to closing.

    Editors open in windows of their own; the page keeps track of them so that a circular
    is never open twice and the list follows what is saved there.

    Signals:
        circulars_changed(): circulars were created, changed, published, closed or deleted.
        circular_published(int): a circular (id) was published or a correction was published.
        current_circular_changed(): the selected circular changed.
        print_requested(int): paper copies of a circular (id) were asked for (印刷用PDF).
        paper_copies_requested(int): 「紙の控えを印刷」 was chosen after 発行 (here or in an
            editor): the 班 copies and those of the households that receive paper.
    """

    circulars_changed = Signal()
    circular_published = Signal(int)
    current_circular_changed = Signal()
    print_requested = Signal(int)
    paper_copies_requested = Signal(int)

    SEARCH_DELAY_MS = 150

    def __init__(
        self, services: ProfileServices, today: Today = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._circulars = services.circulars
        self._today = today
        self._can_compose = services.context.officer.can_compose
        self._editors: list[CircularEditor] = []
        self._shown_before = False
        self.model = CircularTableModel(self)
        self.model.set_rate_provider(lambda year: fiscal_year_rates(services.reads, year))
        self.model.set_background(runner_for(self).run)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        if self.model.rowCount():
            # Start on the newest circular, so that the actions are ready for the keyboard.
            self.table.selectRow(0)
        self.table.schedule_fit_columns()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_T))
        self.open_action = QAction(self)
        self.duplicate_action = QAction(self)
        self.publish_action = QAction(self)
        self.correct_action = QAction(self)
        self.close_action = QAction(self)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.save_template_action = QAction(self)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))

        self.filter_bar = CircularFilterBar(self)
        # The page's own names for the filter fields (tests and the trainer use them).
        self.status_combo = self.filter_bar.status_combo
        self.year_combo = self.filter_bar.year_combo
        self.category_combo = self.filter_bar.category_combo
        self.search_edit = self.filter_bar.search_edit

        self.action_bar = QWidget(self)
        buttons = FlowLayout(self.action_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in self.actions_in_order():
            if action is None:
                continue
            button = QToolButton(self.action_bar)
            if action is self.print_action:
                button.setObjectName("circular_print_button")  # trainer exercise 4 points here
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)

        self.table = CircularTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.addAction(self.delete_action)

        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "summary")

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.notice_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def actions_in_order(self) -> list[QAction | None]:
        """The page's actions as menus show them (None: a separator)."""
        return [
            self.new_action,
            self.open_action,
            self.duplicate_action,
            None,
            self.publish_action,
            self.correct_action,
            self.close_action,
            None,
            self.print_action,
            None,
            self.delete_action,
            self.save_template_action,
        ]

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.new_from_template)
        self.open_action.triggered.connect(self.open_current)
        self.duplicate_action.triggered.connect(self.duplicate_current)
        self.publish_action.triggered.connect(self.publish_current)
        self.correct_action.triggered.connect(self.correct_current)
        self.close_action.triggered.connect(self.close_current)
        self.delete_action.triggered.connect(self.delete_current)
        self.save_template_action.triggered.connect(self.save_current_as_template)
        self.print_action.triggered.connect(self._request_print)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self.year_combo.currentIndexChanged.connect(self._apply_filters)
        self.category_combo.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.returnPressed.connect(self._search_now)
        self.table.activated.connect(self.open_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_actions)
        self.model.rates_updated.connect(lambda: self.table.resizeColumnToContents(Column.READ_RATE))

    def tab_title(self) -> str:
        """The title of the page's tab in the current language."""
        return self.tr("回覧")

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.new_action.setText(self.tr("新規（テンプレートから）(&N)…"))
        self.new_action.setToolTip(self.tr("テンプレートを選んで新しい回覧を書きます"))
        self.open_action.setText(self.tr("開く・編集(&O)"))
        self.open_action.setToolTip(self.tr("選んだ回覧を開きます（発行済みなら訂正できます）"))
        self.duplicate_action.setText(self.tr("複製(&D)"))
        self.duplicate_action.setToolTip(self.tr("選んだ回覧と同じ内容の下書きを作ります"))
        self.publish_action.setText(self.tr("発行(&P)…"))
        self.publish_action.setToolTip(self.tr("選んだ下書きに回覧No.を付けて発行します"))
        self.correct_action.setText(self.tr("訂正(&R)…"))
        self.correct_action.setToolTip(self.tr("発行済みの回覧を直して「訂正」として発行します"))
        self.close_action.setText(self.tr("回覧を終了(&L)…"))
        self.close_action.setToolTip(self.tr("回覧中の回覧を終了にします（年度ごとに保管されます）"))
        self.delete_action.setText(self.tr("下書きを削除(&X)…"))
        self.save_template_action.setText(self.tr("テンプレートとして保存(&M)…"))
        self.print_action.setText(self.tr("印刷用PDF(&W)…"))
        self.print_action.setToolTip(self.tr("班の回覧板用・紙の世帯用のPDFを作ります"))
        self.filter_bar.retranslate_ui()
        self.table.setAccessibleName(self.tr("回覧の一覧"))
        self._fill_year_combo()
        self.model.retranslate()
        self.table.schedule_fit_columns()
        self._show_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Coming back to the page (another tab recorded reads, say) shows the data as it is now."""
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True
        super().showEvent(event)

    # ----- content -----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Load the circulars again (filters and search kept, read rates recounted)."""
        self._load(keep_rates=False)

    @Slot()
    def _apply_filters(self) -> None:
        """Ask again after a filter or the search changed (the read rates stay valid)."""
        self._load(keep_rates=True)

    def _load(self, keep_rates: bool) -> None:
        self._search_timer.stop()
        current = self.current_circular()
        rows = self._circulars.list_circulars(
            status=self.filter_bar.status(),
            year=self.filter_bar.year(),
            category=self.filter_bar.category(),
            search=self.search_edit.text(),
        )
        self.model.set_rows(rows, self._services.roster.list_hans(), self._today(), keep_rates)
        self._fill_year_combo()
        self._show_count()
        if current is not None:
            self.select_circular(current.id)
        self._update_actions()

    @Slot()
    def _search_now(self) -> None:
        if self._search_timer.isActive():
            self._apply_filters()

    def search_pending(self) -> bool:
        """True while typed search text waits for the pause before it is applied."""
        return self._search_timer.isActive()

    def _fill_year_combo(self) -> None:
        self.filter_bar.fill_years({*self._circulars.fiscal_years(), fiscal_year(self._today())})

    def set_filters(
        self,
        status: Status | None = None,
        year: int | None = None,
        category: Category | None = None,
        search: str = "",
    ) -> None:
        """Set every filter at once and refresh once."""
        self.filter_bar.set_values(status, year, category, search)
        self._apply_filters()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{count}件").format(count=self.model.rowCount()))

    def show_notice(self, text: str) -> None:
        """Say what the last action did, under the table."""
        self.notice_label.setText(text)

    # ----- selection -----------------------------------------------------------------------------
    def current_circular(self) -> Circular | None:
        """The circular of the table's current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.circular_at(index.row())

    def select_circular(self, circular_id: int) -> bool:
        """Make ``circular_id`` the current row (False when it is not listed)."""
        row = self.model.row_of(circular_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    @Slot()
    def _on_current_changed(self) -> None:
        self._update_actions()
        self.current_circular_changed.emit()

    @Slot()
    def _update_actions(self) -> None:
        circular = self.current_circular()
        status = circular.status if circular is not None else None
        compose = self._can_compose
        self.new_action.setEnabled(compose)
        self.open_action.setEnabled(circular is not None)
        self.duplicate_action.setEnabled(compose and circular is not None)
        self.publish_action.setEnabled(compose and status is Status.DRAFT)
        self.correct_action.setEnabled(compose and status is Status.PUBLISHED)
        self.close_action.setEnabled(compose and status is Status.PUBLISHED)
        self.delete_action.setEnabled(compose and status is Status.DRAFT)
        self.save_template_action.setEnabled(compose and circular is not None)
        self.print_action.setEnabled(status in (Status.PUBLISHED, Status.CLOSED))

    @Slot()
    def _request_print(self) -> None:
        circular = self.current_circular()
        if circular is not None:
            self.print_requested.emit(circular.id)

    # ----- editors -------------------------------------------------------------------------------
    def editors(self) -> list[CircularEditor]:
        """The editor windows open now."""
        return list(self._editors)

    def editor_for(self, circular_id: int) -> CircularEditor | None:
        """The open editor of ``circular_id``, if any."""
        return next((e for e in self._editors if e.circular_id == circular_id), None)

    def _track(self, editor: CircularEditor) -> CircularEditor:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.circular_saved.connect(self._on_editor_saved)
        editor.circular_published.connect(self._on_published)
        editor.circular_corrected.connect(self._on_published)
        editor.print_requested.connect(self.paper_copies_requested)
        editor.destroyed.connect(lambda: self._forget(editor))
        self._editors.append(editor)
        editor.show()
        return editor

    def _forget(self, editor: CircularEditor) -> None:
        if editor in self._editors:
            self._editors.remove(editor)

    def open_editor(self, circular_id: int) -> CircularEditor:
        """Open ``circular_id`` in its editor window (or bring the open one to the front)."""
        editor = self.editor_for(circular_id)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return editor
        circular = self._circulars.get(circular_id)
        return self._track(
            CircularEditor(
                self._circulars,
                self._services.roster.list_hans(),
                circular=circular,
                can_compose=self._can_compose,
                parent=self,
                answers=self._services.answers,
                translations=self._services.translations,
            )
        )

    @Slot()
    def open_current(self) -> CircularEditor | None:
        """Open the selected circular."""
        circular = self.current_circular()
        return self.open_editor(circular.id) if circular is not None else None

    @Slot()
    def new_from_template(self) -> CircularEditor | None:
        """Let the officer pick a template (or a blank page), fill its ［placeholders］, open a new circular."""
        dialog = TemplatePickerDialog(self._circulars.templates(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        draft = dialog.draft_for(self._circulars)
        # 「［　］に入れる内容」: the placeholders once, for the Japanese and every translation.
        filled = ask_fill(dialog.selected_template(), self)
        if filled is None:
            return self.new_circular(draft)
        editor = self.new_circular(replace(draft, title=filled.title, body=filled.body))
        if filled.translations:
            editor.add_translations(filled.translations)
        return editor

    def new_circular(self, draft: CircularDraft) -> CircularEditor:
        """Open an editor on a circular not saved yet; it becomes a draft at the first change."""
        return self._track(
            CircularEditor(
                self._circulars,
                self._services.roster.list_hans(),
                draft=draft,
                parent=self,
                answers=self._services.answers,
                translations=self._services.translations,
            )
        )

    @Slot(Circular)
    def _on_editor_saved(self, circular: Circular) -> None:
        # Autosave every two seconds only updates the row; a new draft needs a new row.
        if not self.model.update_circular(circular):
            self.refresh()
            self.select_circular(circular.id)
            self.circulars_changed.emit()

    @Slot(int)
    def _on_published(self, circular_id: int) -> None:
        self.refresh()
        self.select_circular(circular_id)
        circular = self.current_circular()
        if circular is not None:
            self.show_notice(self._published_text(circular))
        self.circulars_changed.emit()
        self.circular_published.emit(circular_id)

    def _published_text(self, circular: Circular) -> str:
        if circular.corrected:
            return self.tr("回覧No.{number}「{title}」の訂正を発行しました").format(
                number=circular.number, title=circular.title
            )
        return self.tr("「{title}」を回覧No.{number}として発行しました").format(
            number=circular.number, title=circular.title
        )

    # ----- actions on the selected circular ----------------------------------------------------------
    def _show_error(self, error: UserError) -> None:
        dialogs.warn(self, error_title(error), error_text(error))

    def _run(self, action: Callable[[int], Circular], circular_id: int) -> Circular | None:
        """Call a service action on one circular; show a refusal; let its open editor catch up."""
        try:
            changed = action(circular_id)
        except UserError as error:
            self._show_error(error)
            return None
        editor = self.editor_for(circular_id)
        if editor is not None:
            editor.reload()
        return changed

    def _flush_editor(self, circular_id: int) -> bool:
        """Save what an open editor of ``circular_id`` holds; False when that failed."""
        editor = self.editor_for(circular_id)
        return editor is None or editor.save_now()

    @Slot()
    def duplicate_current(self) -> CircularEditor | None:
        """Copy the selected circular into a new draft and open it."""
        circular = self.current_circular()
        if circular is None or not self._flush_editor(circular.id):
            return None
        try:
            copy = self._circulars.duplicate(circular.id)
        except UserError as error:
            self._show_error(error)
            return None
        self.refresh()
        self.select_circular(copy.id)
        self.show_notice(self.tr("「{title}」を複製しました（下書き）").format(title=copy.title))
        self.circulars_changed.emit()
        return self.open_editor(copy.id)

    @Slot()
    def publish_current(self) -> Circular | None:
        """Publish the selected draft: ［placeholders］ left are listed first, then it asks.

        「ここへ移動」 opens the draft in its editor with the placeholder selected; after 発行,
        「紙の控えを印刷」 asks for the paper copies (``paper_copies_requested``).
        """
        circular = self.current_circular()
        if circular is None or circular.status is not Status.DRAFT or not self._flush_editor(circular.id):
            return None
        stored = self._circulars.get(circular.id)
        left = placeholders(stored.title + "\n" + stored.body)
        if left:
            chosen = PlaceholdersDialog.choose(self, left)
            if chosen is not None:
                self.open_editor(circular.id).body.select_placeholder(chosen)
            return None
        if not PublishConfirmDialog.ask(self, stored.title):
            return None
        published = self._run(self._circulars.publish, circular.id)
        if published is not None:
            self._on_published(published.id)
            editor = self.editor_for(published.id)
            label = self.tr("回覧No.{number}「{title}」").format(
                number=published.number, title=published.title
            )
            if AfterPublishDialog.offer(editor or self, label):
                self.paper_copies_requested.emit(published.id)
        return published

    @Slot()
    def correct_current(self) -> CircularEditor | None:
        """Open the selected published circular for a correction."""
        editor = self.open_current()
        if editor is not None:
            editor.body_edit.setFocus()
        return editor

    @Slot()
    def close_current(self) -> Circular | None:
        """Close the selected published circular after asking."""
        circular = self.current_circular()
        if circular is None or circular.status is not Status.PUBLISHED:
            return None
        if not dialogs.ask(
            self,
            self.tr("回覧の終了"),
            self.tr("回覧No.{number}「{title}」を終了にします。よろしいですか？").format(
                number=circular.number, title=circular.title
            ),
            yes=self.tr("終了にする"),
        ):
            return None
        closed = self._run(self._circulars.close, circular.id)
        if closed is None:
            return None
        self.refresh()
        self.show_notice(self.tr("回覧No.{number}を終了にしました").format(number=closed.number))
        self.circulars_changed.emit()
        return closed

    @Slot()
    def delete_current(self) -> bool:
        """Delete the selected draft after asking (its editor is closed unsaved)."""
        circular = self.current_circular()
        if circular is None or circular.status is not Status.DRAFT:
            return False
        if not dialogs.ask(
            self,
            self.tr("下書きの削除"),
            self.tr("下書き「{title}」を削除します。元に戻せません。よろしいですか？").format(
                title=circular.title or self.tr("（件名なし）")
            ),
            yes=self.tr("削除する"),
        ):
            return False
        editor = self.editor_for(circular.id)
        if editor is not None:
            editor.discard_and_close()
        try:
            self._circulars.delete_draft(circular.id)
        except UserError as error:
            self._show_error(error)
            return False
        self.refresh()
        self.show_notice(self.tr("下書きを削除しました"))
        self.circulars_changed.emit()
        return True

    @Slot()
    def save_current_as_template(self) -> bool:
        """Keep the selected circular's title and body as a template."""
        circular = self.current_circular()
        if circular is None or not self._flush_editor(circular.id):
            return False
        dialog = SaveTemplateDialog(self._circulars, circular.id, circular.title, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return False
        self.show_notice(self.tr("テンプレート「{name}」を保存しました").format(name=dialog.saved.name))
        return True
