"""Puts the circular pages into the main window: the 「回覧」 tab, the 「回覧」 menu and the wiring.

``install_compose(window)`` is the only entry point; the main window calls it once. It is
idempotent, so calling it again (a test on a window that already has it) changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.shell.pages import PageHost


class CircularMenu(Retranslating, QMenu):
    """The 「回覧」 menu: the list page's actions, titled in the current language."""

    def __init__(self, page: CircularListPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("circular_menu")
        for action in page.actions_in_order():
            if action is None:
                self.addSeparator()
            else:
                self.addAction(action)
        self.addSeparator()
        # Furigana (issue 23): the profile's own readings of place and personal names.
        self.readings_action = QAction(self)
        self.readings_action.setObjectName("readings_action")
        self.addAction(self.readings_action)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the title in the current language."""
        self.setTitle(self.tr("回覧(&C)"))
        self.readings_action.setText(self.tr("ふりがなの読み方(&F)…"))


class _SaveEditorsOnClose(QObject):
    """Saves open circular drafts when the main window closes (editors are child windows)."""

    def __init__(self, page: CircularListPage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """On the window's close, save every open editor; never blocks the close."""
        if event.type() == QEvent.Type.Close:
            for editor in self._page.editors():
                editor.save_now()
        return False


def compose_page(window: QWidget) -> CircularListPage | None:
    """The circular list page installed in ``window``, if any."""
    return window.findChild(CircularListPage)


def install_compose(window: PageHost) -> None:
    """Add the 「回覧」 tab (first), the 「回覧」 menu, and refresh the sidebar after changes."""
    if compose_page(window) is not None:
        return
    page = CircularListPage(window.services, parent=window)
    page.setObjectName("circular_list_page")
    window.add_page(page, page.tab_title, 0)
    window.tabs.setCurrentWidget(page)

    menu = CircularMenu(page, window)
    window.menuBar().insertMenu(window.roster_menu.menuAction(), menu)

    @Slot(int)
    def published(_circular_id: int) -> None:
        window.statusBar().showMessage(page.notice_label.text(), 10000)

    # Publishing, correcting, closing and deleting all emit circulars_changed: the sidebar's
    # live figures count published circulars, so it is refreshed after each of them.
    page.circulars_changed.connect(window.action_plan_dock.refresh)
    page.circular_published.connect(published)

    @Slot(int)
    def print_circular(circular_id: int) -> None:
        # Imported on the first print: it brings in the PDF renderer (reportlab, pypdf, segno),
        # which the main window must not wait for (tests/test_startup_imports.py).
        from circular_app.ui.printing.export_dialog import PdfExportDialog

        PdfExportDialog(window.services.pdf_export, circular_id, parent=window).exec()

    page.print_requested.connect(print_circular)

    @Slot(int)
    def print_after_publishing(circular_id: int) -> None:
        from circular_app.ui.printing.export_dialog import PdfExportDialog  # on first use, as above

        PdfExportDialog(window.services.pdf_export, circular_id, parent=window, individual=True).exec()

    page.paper_copies_requested.connect(print_after_publishing)

    @Slot()
    def edit_readings() -> None:
        from circular_app.ui.compose.readings_dialog import ReadingListDialog  # only when opened

        ReadingListDialog(window.services.readings, parent=window).exec()

    menu.readings_action.triggered.connect(edit_readings)
    window.installEventFilter(_SaveEditorsOnClose(page, window))
