"""Wiring the reader pages into the main window: 「ホーム」, 「既読」 and the 既読 menu.

:func:`install_reads` is the only entry point; the main window calls it once after it is built.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTabWidget, QVBoxLayout, QWidget

from circular_app.app import ProfileServices
from circular_app.ui.answers.entry import AnswerEntryPage
from circular_app.ui.answers.results import AnswerResultsView
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.entry import ReadsEntryPage
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.shell.pages import PageHost

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate


class ReadsPage(Retranslating, QWidget):
    """The 「既読」 tab: entering returned sheets (with the circular's status) and the matrix."""

    def __init__(
        self,
        services: ProfileServices,
        font_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Both load when first shown: installing them costs the main window's start-up nothing.
        self.entry = ReadsEntryPage(services, font_dir, self, load=False)
        self.matrix = ReaderMatrixPage(services.reads, services.circulars, self, load=False)
        self.inner = QTabWidget(self)
        self.inner.setObjectName("reads_tabs")
        self.inner.addTab(self.entry, "")
        self.inner.addTab(self.matrix, "")
        # The answers to circulars with questions (回答票 entered by keyboard, and the results).
        self.answer_entry = AnswerEntryPage(services, self, load=False)
        self.answer_results = AnswerResultsView(services, self, load=False)
        self.inner.addTab(self.answer_entry, "")
        self.inner.addTab(self.answer_results, "")
        self.inner.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)
        self.entry.records_changed.connect(self.matrix.mark_stale)
        self.matrix.status_requested.connect(self.show_circular)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the inner tab titles in the current language."""
        self.inner.setTabText(0, self.tr("記録の入力と状況"))
        self.inner.setTabText(1, self.tr("既読の一覧"))
        self.inner.setTabText(2, self.tr("回答の入力"))
        self.inner.setTabText(3, self.tr("回答の集計"))

    @Slot(int)
    def _tab_shown(self, index: int) -> None:
        """The answer pages load when shown (answers may have come in since)."""
        widget = self.inner.widget(index)
        if widget is self.answer_entry:
            self.answer_entry.refresh()
            self.answer_entry.focus_table()
        elif widget is self.answer_results:
            self.answer_results.refresh()

    @Slot(int, int)
    def show_circular(self, circular_id: int, han_id: int = 0) -> None:
        """Open the entry and status of a circular (and 班, 0: keep the chosen one)."""
        self.inner.setCurrentWidget(self.entry)
        self.entry.show_circular(circular_id, han_id or None)

    def show_entry(self) -> None:
        """Bring the entry page forward with the keyboard on the route list."""
        self.inner.setCurrentWidget(self.entry)
        self.entry.focus_sheet()

    def show_matrix(self) -> None:
        """Bring the matrix forward."""
        self.inner.setCurrentWidget(self.matrix)


class ReadsMenu(QObject):
    """The 「既読」 menu of the main window, re-translated with the window."""

    def __init__(self, window: PageHost, home: ReadsDashboard, tab: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._home = home
        self._tab = tab  # the 既読 tab's placeholder until it is first shown
        self.menu = QMenu(window)
        self.enter_action = QAction(window)
        self.export_action = QAction(window)
        self.reminder_action = QAction(window)
        for action in (self.enter_action, self.export_action, self.reminder_action):
            self.menu.addAction(action)
        menu_bar = window.menuBar()
        menu_bar.insertMenu(window.tools_menu.menuAction(), self.menu)
        self.enter_action.triggered.connect(self.enter)
        self.export_action.triggered.connect(self.export)
        self.reminder_action.triggered.connect(self.reminder)
        home.circular_requested.connect(self.open_circular)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the menu texts in the current language."""
        self.menu.setTitle(self.tr("既読(&K)"))
        self.enter_action.setText(self.tr("記録を入力(&E)…"))
        self.enter_action.setToolTip(self.tr("戻ってきた回覧表の押印を記録します"))
        self.export_action.setText(self.tr("一覧をCSVに書き出す(&C)…"))
        self.reminder_action.setText(self.tr("督促シート(&P)…"))
        self.reminder_action.setToolTip(self.tr("選んだ回覧と班の未読の世帯を、班長さん用の用紙にします"))

    @property
    def _page(self) -> ReadsPage:
        """The 既読 page, built now if its tab was never shown."""
        page = self._window.ensure_page(self._tab)
        assert isinstance(page, ReadsPage)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the window's language changes."""
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    @Slot()
    def enter(self) -> None:
        """記録を入力…: the entry page, ready for the keyboard."""
        self._window.tabs.setCurrentWidget(self._page)
        self._page.show_entry()

    @Slot()
    def export(self) -> None:
        """一覧をCSVに書き出す…"""
        self._window.tabs.setCurrentWidget(self._page)
        self._page.show_matrix()
        self._page.matrix.export_csv()

    @Slot()
    def reminder(self) -> None:
        """督促シート…: for the circular and 班 chosen on the entry page."""
        self._window.tabs.setCurrentWidget(self._page)
        self._page.inner.setCurrentWidget(self._page.entry)
        self._page.entry.print_reminder()

    @Slot(int, int)
    def open_circular(self, circular_id: int, han_id: int) -> None:
        """A dashboard item was clicked: that circular's status, on the 既読 tab."""
        self._window.tabs.setCurrentWidget(self._page)
        self._page.show_circular(circular_id, han_id)


def install_reads(window: PageHost, font_dir: Path | None = None) -> None:
    """Add 「ホーム」 (index 0, shown first), 「既読」 (index 1) and the 既読 menu to ``window``.

    Calling it again on the same window does nothing. ``font_dir`` holds the bundled fonts for the reminder sheet (default: the app's own).
    """
    if window.findChild(ReadsDashboard) is not None:
        return
    services = window.services
    fonts = font_dir if font_dir is not None else window.app_paths.fonts
    home = ReadsDashboard(services.reads, services.circulars, window)
    home.setObjectName("reads_home")

    def build_page() -> ReadsPage:
        page = ReadsPage(services, fonts, window)
        page.setObjectName("reads_page")
        return page

    window.add_page(home, lambda: translate("ReadsPages", "ホーム"), 0)
    # Built when first shown (or asked for by the 既読 menu): the matrix reads every delivery.
    tab = window.add_lazy_page(build_page, lambda: translate("ReadsPages", "既読"), 1)
    window.tabs.setCurrentWidget(home)
    menu = ReadsMenu(window, home, tab)
    menu.setObjectName("reads_menu")
