"""The 「安否確認」 tab: start (or 訓練), the board, and recording answers from the keyboard.

Layout, top to bottom: what is going on now in large type (and a coloured 訓練 banner during a
drill), the big 「安否確認を始める」 button with the kind, a short message and 「訓練として
始める」, then the board — counts per 班, and the households that need attention (要支援 first,
then 未確認 in route order) — and the entry list: every household in route order (「チェック表を書き出す…」 above it writes the
paper check lists, one PDF per 班, also when no round is open); with a row
chosen, the keys 1 / 2 / 3 record 無事 / 要支援 / 不在・避難中 and move to the next row, as fast
as entering stamps. While a round is open the page reloads itself every 30 seconds (answers
entered on another PC, and later those from phones, appear without a click). At the bottom:
見守り, and for the 管理者 the 「会長用リンク」 section (:mod:`circular_app.ui.safety.chair_links`).

:func:`install_safety` adds the tab to the main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.care import MAX_WATCH_AFTER, MIN_WATCH_AFTER
from circular_app.domain.errors import UserError
from circular_app.domain.safety import (
    MAX_MESSAGE_LENGTH,
    MAX_NOTE_LENGTH,
    Board,
    RoundKind,
    SafetyChannel,
    SafetyStatus,
    may_run_rounds,
)
from circular_app.services.care import CareService
from circular_app.services.safety import SafetyService
from circular_app.services.safety_hub import ChairLinkService
from circular_app.ui.common import dialogs
from circular_app.ui.common.messages import error_text, os_error_text, show_error
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tables import RowTableView
from circular_app.ui.safety.chair_links import ChairLinksSection
from circular_app.ui.safety.models import CountsModel, LinesModel, channel_text, kind_text
from circular_app.ui.shell.pages import PageHost

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate

# How often the board reloads while a round is open (the hub's sync round is 30 s too).
REFRESH_MS = 30_000
# Keys that record an answer on the entry list (number row and keypad alike).
KEY_STATUS = {
    Qt.Key.Key_1: SafetyStatus.SAFE,
    Qt.Key.Key_2: SafetyStatus.HELP,
    Qt.Key.Key_3: SafetyStatus.AWAY,
}
# Channels offered on the page (スマホ answers arrive from the hub, not by hand).
ENTRY_CHANNELS = (SafetyChannel.PHONE, SafetyChannel.VISIT, SafetyChannel.PAPER)


def _scaled(widget: QWidget, factor: float, bold: bool = True) -> None:
    """Make ``widget``'s text ``factor`` times the page's size (large, for tired eyes)."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


class SafetyPage(Retranslating, QWidget):
    """The 安否確認 tab of one profile.

    Signals: ``round_changed`` (a round was started or ended), ``answer_recorded(int)`` (the
    household id of an answer just recorded).
    """

    round_changed = Signal()
    answer_recorded = Signal(int)

    def __init__(
        self,
        safety: SafetyService,
        may_start: bool,
        parent: QWidget | None = None,
        refresh_ms: int = REFRESH_MS,
        care: CareService | None = None,
        may_print_board: bool = False,
        chair_links: ChairLinkService | None = None,
    ) -> None:
        super().__init__(parent)
        self._safety = safety
        self._may_start = may_start
        # 見守り is shown only to whom it is for (管理者 and 班長); anyone else sees no trace.
        self._care = care if care is not None and care.may_see else None
        self._may_print_board = may_print_board
        self._may_set_watch = may_print_board  # both are the 管理者's
        # 会長用リンク are the 管理者's too: for anyone else the section is not even built.
        self._chair_links = chair_links if chair_links is not None and chair_links.may_manage else None
        self._board: Board | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    # ----- building --------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        _scaled(self.state_label, 1.5)
        self.drill_banner = QLabel(self)
        self.drill_banner.setObjectName("safety_drill_banner")
        self.drill_banner.setStyleSheet("background: #ffb347; color: #000000; padding: 6px;")
        _scaled(self.drill_banner, 1.4)
        self.drill_banner.hide()
        self.kind_combo = QComboBox(self)
        for kind in RoundKind:
            self.kind_combo.addItem("", kind)
        self.message_edit = QLineEdit(self)
        self.message_edit.setMaxLength(MAX_MESSAGE_LENGTH)
        self.drill_check = QCheckBox(self)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("safety_start")
        self.start_button.setMinimumHeight(64)
        _scaled(self.start_button, 1.6)
        self.end_button = QPushButton(self)
        self.end_button.setObjectName("safety_end")
        self.sheets_button = QPushButton(self)
        self.sheets_button.setObjectName("safety_sheets")
        self.board_pdf_button = QPushButton(self)
        self.board_pdf_button.setObjectName("safety_board_pdf")
        self.board_pdf_button.setVisible(self._may_print_board)
        starting = QHBoxLayout()
        starting.addWidget(self.kind_combo)
        starting.addWidget(self.message_edit, 1)
        starting.addWidget(self.drill_check)
        starting.addWidget(self.start_button, 1)
        starting.addWidget(self.end_button)

        self.counts_model = CountsModel(self)
        self.counts_view = RowTableView(QAbstractItemView.SelectionMode.NoSelection, self)
        self.counts_view.setModel(self.counts_model)
        self.attention_label = QLabel(self)
        _scaled(self.attention_label, 1.2)
        self.attention_model = LinesModel(self)
        self.attention_view = RowTableView(QAbstractItemView.SelectionMode.SingleSelection, self)
        self.attention_view.setModel(self.attention_model)

        self.entry_help = QLabel(self)
        self.entry_help.setWordWrap(True)
        _scaled(self.entry_help, 1.15)
        self.channel_combo = QComboBox(self)
        for channel in ENTRY_CHANNELS:
            self.channel_combo.addItem("", channel)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(MAX_NOTE_LENGTH)
        entry_bar = QHBoxLayout()
        entry_bar.addWidget(self.channel_combo)
        entry_bar.addWidget(self.note_edit, 1)
        entry_bar.addWidget(self.sheets_button)
        self.entry_model = LinesModel(self)
        self.entry_view = RowTableView(QAbstractItemView.SelectionMode.SingleSelection, self)
        self.entry_view.setObjectName("safety_entry")
        self.entry_view.setModel(self.entry_model)
        for view in (self.counts_view, self.attention_view, self.entry_view):
            view.horizontalHeader().setStretchLastSection(True)  # the note takes the rest

        board = QVBoxLayout()
        board.addWidget(self.counts_view, 1)
        board.addWidget(self.attention_label)
        board.addWidget(self.attention_view, 2)
        # Under the board it prints (a row of its own: the start row is full at 200 % text).
        board.addWidget(self.board_pdf_button, 0, Qt.AlignmentFlag.AlignLeft)
        entry = QVBoxLayout()
        entry.addWidget(self.entry_help)
        entry.addLayout(entry_bar)
        entry.addWidget(self.entry_view, 1)
        columns = QHBoxLayout()
        columns.addLayout(board, 1)
        columns.addLayout(entry, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.drill_banner)
        layout.addLayout(starting)
        layout.addLayout(columns, 1)
        # Stacked, not side by side: at 200 % on a 1,366-pixel screen two sections in a row
        # need sideways scrolling (tests/ui/shell/test_sizes.py).
        bottom = QVBoxLayout()
        layout.addLayout(bottom)
        self._setup_watch(bottom)
        self.chair_section: ChairLinksSection | None = None
        if self._chair_links is not None:
            self.chair_section = ChairLinksSection(self._chair_links, self)
            self.chair_section.setObjectName("safety_chair_links")
            bottom.addWidget(self.chair_section)

    def _setup_watch(self, layout: QVBoxLayout) -> None:
        """見守り: a short list in plain words, and the 管理者's switch."""
        self.watch_box = QWidget(self)
        self.watch_box.setObjectName("safety_watch")
        self.watch_title = QLabel(self.watch_box)
        _scaled(self.watch_title, 1.2)
        self.watch_label = QLabel(self.watch_box)
        self.watch_label.setWordWrap(True)
        self.watch_label.setTextFormat(Qt.TextFormat.PlainText)
        _scaled(self.watch_label, 1.1, bold=False)
        self.watch_check = QCheckBox(self.watch_box)
        self.watch_after_spin = QSpinBox(self.watch_box)
        self.watch_after_spin.setRange(MIN_WATCH_AFTER, MAX_WATCH_AFTER)
        self.watch_after_label = QLabel(self.watch_box)
        self.watch_after_label.setBuddy(self.watch_after_spin)
        switch = QHBoxLayout()
        switch.addWidget(self.watch_check)
        switch.addWidget(self.watch_after_spin)
        switch.addWidget(self.watch_after_label)
        switch.addStretch(1)
        box = QVBoxLayout(self.watch_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.watch_title)
        box.addLayout(switch)
        box.addWidget(self.watch_label)
        for widget in (self.watch_check, self.watch_after_spin, self.watch_after_label):
            widget.setVisible(self._may_set_watch)
        self.watch_box.setVisible(self._care is not None)
        layout.addWidget(self.watch_box, 1)

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start_round)
        self.end_button.clicked.connect(self.end_round)
        self.sheets_button.clicked.connect(self.write_sheets)
        self.board_pdf_button.clicked.connect(self.write_board_pdf)
        self.watch_check.toggled.connect(self._watch_changed)
        self.watch_after_spin.valueChanged.connect(self._watch_changed)
        self.timer.timeout.connect(self.refresh)
        self.entry_view.installEventFilter(self)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        for index, kind in enumerate(RoundKind):
            self.kind_combo.setItemText(index, kind_text(kind))
        for index, channel in enumerate(ENTRY_CHANNELS):
            self.channel_combo.setItemText(index, channel_text(channel))
        self.message_edit.setPlaceholderText(self.tr("お知らせ（例: 震度5強の地震がありました）"))
        self.drill_check.setText(self.tr("訓練として始める"))
        self.start_button.setText(self.tr("安否確認を始める"))
        self.end_button.setText(self.tr("安否確認を終える"))
        self.sheets_button.setText(self.tr("チェック表を書き出す…"))
        self.sheets_button.setToolTip(
            self.tr("班ごとの確認用紙（PDF）を作ります。災害の前にも印刷しておけます。")
        )
        self.board_pdf_button.setText(self.tr("状況をPDFで保存…"))
        self.board_pdf_button.setToolTip(
            self.tr("自主防災会・民生委員に渡す一覧（PDF）を作ります。管理者だけが使えます。")
        )
        self.watch_title.setText(self.tr("見守り"))
        self.watch_check.setText(self.tr("見守りを使う"))
        self.watch_after_label.setText(self.tr("回つづけて確認がない世帯を表示"))
        self.drill_banner.setText(self.tr("これは訓練です。本番の記録とは別に数えます。"))
        self.entry_help.setText(
            self.tr("下の一覧で世帯を選び、キーを押します。1 = 無事　2 = 要支援　3 = 不在・避難中")
        )
        self.note_edit.setPlaceholderText(self.tr("メモ（任意。けが、薬、避難の手助けなど）"))
        # Names for screen readers (these fields have no label beside them).
        self.kind_combo.setAccessibleName(self.tr("安否確認の種類"))
        self.message_edit.setAccessibleName(self.tr("住民へのお知らせ"))
        self.channel_combo.setAccessibleName(self.tr("確認の方法（電話・訪問など）"))
        self.note_edit.setAccessibleName(self.tr("メモ"))
        self.counts_view.setAccessibleName(self.tr("安否の集計"))
        self.attention_view.setAccessibleName(self.tr("要支援・未確認の世帯"))
        self.entry_view.setAccessibleName(self.tr("世帯の一覧（選んで 1・2・3 のキーで記録）"))
        self.counts_model.retranslate()
        self.attention_model.retranslate()
        self.entry_model.retranslate()
        self._show_state()

    # ----- showing ---------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Reload the board from the profile (runs by itself every 30 s while a round is open)."""
        self._board = self._safety.board()
        board = self._board
        if board is None:
            self.counts_model.set_rows([])
            self.attention_model.set_rows([])
            self.entry_model.set_rows([])
            self.timer.stop()
        else:
            row = self.entry_view.currentIndex().row()
            self.counts_model.set_rows(board.counts)
            self.attention_model.set_history(board.history)
            self.entry_model.set_history(board.history)
            self.attention_model.set_rows(board.needs_help + board.unconfirmed)
            self.entry_model.set_rows(board.lines)
            if 0 <= row < self.entry_model.rowCount():
                self.entry_view.selectRow(row)
            if not self.timer.isActive():
                self.timer.start()
            for view in (self.counts_view, self.attention_view, self.entry_view):
                view.schedule_fit_columns()
        self._show_state()
        self._show_watch()
        if self.chair_section is not None:  # a hub connected meanwhile turns its buttons on
            self.chair_section.refresh()

    def _show_watch(self) -> None:
        """The 見守り list: who has not confirmed recent circulars, in gentle words."""
        if self._care is None:
            return
        try:
            settings = self._care.watch_settings()
            lines = self._care.watch_list() if settings.enabled else []
        except UserError as error:
            self.watch_label.setText(error_text(error))
            return
        for widget in (self.watch_check, self.watch_after_spin):
            widget.blockSignals(True)
        self.watch_check.setChecked(settings.enabled)
        self.watch_after_spin.setValue(settings.after)
        self.watch_after_spin.setEnabled(settings.enabled)
        for widget in (self.watch_check, self.watch_after_spin):
            widget.blockSignals(False)
        if not settings.enabled:
            self.watch_label.setText(self.tr("見守りは使っていません。"))
        elif not lines:
            self.watch_label.setText(self.tr("いま、気になる世帯はありません。"))
        else:
            rows = [
                self.tr("{label} {name} 様: 最近回覧の確認がありません").format(
                    label=line.label, name=line.household.name
                )
                for line in lines
            ]
            self.watch_label.setText("\n".join(rows))

    @Slot()
    def _watch_changed(self) -> None:
        if self._care is None or not self._may_set_watch:
            return
        try:
            self._care.set_watch_settings(self.watch_check.isChecked(), self.watch_after_spin.value())
        except UserError as error:
            show_error(self, error)
        self._show_watch()

    def _show_state(self) -> None:
        board = self._board
        open_round = board.round if board is not None else None
        # During a real round the button is off (one round at a time); during a drill it stays
        # on, because a real disaster may come in the middle of a drill.
        self.start_button.setEnabled(self._may_start and (open_round is None or open_round.drill))
        self.end_button.setEnabled(self._may_start and open_round is not None)
        self.board_pdf_button.setEnabled(self._may_print_board and open_round is not None)
        self.entry_view.setEnabled(open_round is not None)
        self.drill_banner.setVisible(open_round is not None and open_round.drill)
        if board is None or open_round is None:
            self.state_label.setText(self.tr("いまは安否確認をしていません。"))
            self.attention_label.setText("")
            return
        kind = kind_text(open_round.kind)
        if open_round.drill:
            kind = self.tr("【訓練】{kind}").format(kind=kind)
        message = f"　{open_round.message}" if open_round.message else ""
        self.state_label.setText(self.tr("安否確認中: {kind}{message}").format(kind=kind, message=message))
        self.attention_label.setText(
            self.tr("要支援 {help} 世帯　未確認 {unknown} 世帯").format(
                help=board.total(SafetyStatus.HELP), unknown=board.total(SafetyStatus.UNKNOWN)
            )
        )

    # ----- actions ---------------------------------------------------------------------
    @Slot()
    def start_round(self) -> None:
        """「安否確認を始める」: no question asked — in a disaster every minute counts."""
        kind = RoundKind(self.kind_combo.currentData())
        try:
            self._safety.start(kind, self.message_edit.text(), self.drill_check.isChecked())
        except UserError as error:
            show_error(self, error)
            return
        self.message_edit.clear()
        self.refresh()
        self.entry_view.setFocus()
        if self.entry_model.rowCount():
            self.entry_view.selectRow(0)
        self.round_changed.emit()

    @Slot()
    def end_round(self) -> None:
        """「安否確認を終える」 after a question (the answers stay as history)."""
        if not dialogs.ask(
            self,
            self.tr("安否確認を終える"),
            self.tr("安否確認を終えますか？記録はそのまま残ります。"),
            yes=self.tr("終える"),
        ):
            return
        try:
            self._safety.end()
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.round_changed.emit()

    @Slot()
    def write_sheets(self) -> list[Path]:
        """「チェック表を書き出す…」: one PDF per 班 into a folder the officer chooses."""
        folder = dialogs.choose_folder(self, dialogs.Purpose.SAFETY, self.tr("保存先のフォルダーを選ぶ"))
        if folder is None:
            return []
        try:
            paths = self._safety.write_sheets(folder)
        except UserError as error:
            show_error(self, error)
            return []
        except OSError as error:
            dialogs.warn(self, self.tr("書き出せません"), os_error_text(error))
            return []
        dialogs.inform(
            self,
            self.tr("チェック表を書き出す"),
            self.tr(
                "{count}班分のチェック表を書き出しました: {folder}\n名簿が変わったら、もう一度書き出してください。"
            ).format(count=len(paths), folder=folder),
        )
        return paths

    @Slot()
    def write_board_pdf(self) -> Path | None:
        """「状況をPDFで保存…」: the board as an A4 PDF (管理者 only; written to the audit trail)."""
        path = dialogs.save_file(
            self,
            dialogs.Purpose.SAFETY,
            self.tr("状況をPDFで保存"),
            "安否確認の状況.pdf",
            "PDF (*.pdf)",
            ".pdf",
        )
        if path is None:
            return None
        try:
            self._safety.write_board_pdf(path)
        except UserError as error:
            show_error(self, error)
            return None
        except OSError as error:
            dialogs.warn(self, self.tr("書き出せません"), os_error_text(error))
            return None
        dialogs.inform(
            self,
            self.tr("状況をPDFで保存"),
            self.tr("保存しました: {path}\n個人情報です。渡す相手に気をつけてください。").format(path=path),
        )
        return path

    def record_current(self, status: SafetyStatus) -> bool:
        """Record ``status`` for the chosen household and move to the next row."""
        row = self.entry_view.currentIndex().row()
        if row < 0 or self._board is None:
            return False
        line = self.entry_model.line(row)
        channel = SafetyChannel(self.channel_combo.currentData())
        try:
            self._safety.record(line.household.id, status, channel, self.note_edit.text())
        except UserError as error:
            show_error(self, error)
            return False
        self.note_edit.clear()
        self.refresh()
        self.entry_view.selectRow(min(row + 1, self.entry_model.rowCount() - 1))
        self.answer_recorded.emit(line.household.id)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Keys 1 / 2 / 3 on the entry list record an answer."""
        if watched is self.entry_view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            status = KEY_STATUS.get(Qt.Key(event.key()))
            if status is not None:
                self.record_current(status)
                return True
        return super().eventFilter(watched, event)


#: The object name of the 「安否確認」 tab's placeholder (it stays, hidden, once the page is built).
SAFETY_TAB = "safety_tab"


def install_safety(window: PageHost) -> None:
    """Add the 「安否確認」 tab to ``window`` (calling it again does nothing).

    The page is built when its tab is first shown (about 0.04 s less before the main window
    shows): nothing else in the window uses it, and it reads the board when it is built.
    """
    if window.findChild(QWidget, SAFETY_TAB) is not None:
        return
    services = window.services
    officer = services.context.officer

    def build() -> SafetyPage:
        page = SafetyPage(
            services.safety,
            may_run_rounds(officer),
            window,
            care=services.care,
            may_print_board=officer.can_manage_accounts,
            chair_links=services.chair_links if officer.can_manage_accounts else None,
        )
        page.setObjectName("safety_page")
        return page

    tab = window.add_lazy_page(build, lambda: translate("SafetyPages", "安否確認"))
    tab.setObjectName(SAFETY_TAB)
