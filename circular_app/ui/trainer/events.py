"""What the app did, as exercise event names: :class:`ExerciseEvents`, and the names of targets.

The vocabulary is :class:`~circular_app.domain.activity.Activity` plus ``tab_opened:<page>``.
Two sources feed :attr:`ExerciseEvents.happened`:

* **the services' activity log** (:class:`~circular_app.services.activity.ActivityLog`): the
  service methods that complete steps (``publish``, ``record``, ``add_household`` …) announce
  their :class:`Activity` after they returned; an error announces nothing;
* **the ui layer**, for what only the screen knows, each an explicit emit here: every tab
  widget's ``currentChanged`` (``tab_opened:<page objectName>`` and ``tab_opened:<tab
  title>``), the 班 panel's choice, the read-entry page's 班 choice, the home page's items, and
  windows that appear later, seen by an application event filter on ``Show``: a circular
  editor (``editor_opened``) and the PDF export dialog (its ``export_finished``).

:func:`name_targets` gives the widgets that exercises point at their objectNames (only where
a widget has none yet); the names are listed in ``resources/exercises/README.md``.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QToolButton

from circular_app.app import ProfileServices
from circular_app.domain.activity import TAB_OPENED, Activity
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.editor import CircularEditor
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.entry import ReadsEntryPage
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.roster.han_panel import HanPanel
from circular_app.ui.roster.page import RosterPage

if TYPE_CHECKING:
    from circular_app.ui.printing.export_dialog import PdfExportDialog


def _is_export_dialog(widget: QObject) -> TypeGuard[PdfExportDialog]:
    """Whether ``widget`` is the PDF export dialog, without importing it (and the PDF renderer).

    The dialog's module is imported when the first one opens (ui/compose/page.py); until it
    is in ``sys.modules`` no widget can be one.
    """
    module = sys.modules.get("circular_app.ui.printing.export_dialog")
    return module is not None and isinstance(widget, module.PdfExportDialog)


# ----- objectNames ------------------------------------------------------------------------------
def _name(widget: QObject | None, name: str) -> None:
    """Give ``widget`` ``name`` unless it has a name already (the owner's name wins)."""
    if widget is not None and not widget.objectName():
        widget.setObjectName(name)


def name_targets(window: QMainWindow) -> None:
    """Name the widgets of ``window`` that exercises point at (see the exercises README)."""
    build_all = getattr(window, "build_all_pages", None)
    if callable(build_all):  # exercises may point into any tab: no page left unbuilt
        build_all()
    for circulars in window.findChildren(CircularListPage):
        _name(circulars, "circular_list_page")
        _name(circulars.table, "circular_table")
        for button in circulars.action_bar.findChildren(QToolButton):
            if button.defaultAction() is circulars.new_action:
                _name(button, "circular_new_button")
            elif button.defaultAction() is circulars.publish_action:
                _name(button, "circular_publish_button")
    for roster in window.findChildren(RosterPage):
        _name(roster, "roster_page")
        _name(roster.han_panel, "han_panel")
    toolbar, add_action = getattr(window, "toolbar", None), getattr(window, "add_action", None)
    if toolbar is not None and add_action is not None:
        _name(toolbar.widgetForAction(add_action), "roster_add_button")
    for entry in window.findChildren(ReadsEntryPage):
        _name(entry, "reads_entry_page")
        _name(entry.circular_combo, "reads_circular_combo")
        _name(entry.han_combo, "reads_han_combo")
        _name(entry.view, "reads_sheet")
        _name(entry.save_button, "reads_save_button")
        _name(entry.reminder_button, "reads_reminder_button")
    for matrix in window.findChildren(ReaderMatrixPage):
        _name(matrix, "reads_matrix_page")
    for home in window.findChildren(ReadsDashboard):
        _name(home.stuck_list, "reads_stuck_list")
        _name(home.overdue_list, "reads_overdue_list")


def name_editor(editor: CircularEditor) -> None:
    """Name the widgets of a circular editor that exercises point at."""
    _name(editor.title_edit, "circular_title_edit")
    _name(editor.publish_button, "circular_editor_publish_button")


def _first_time(widget: QObject, mark: str) -> bool:
    """True the first time it is asked about ``widget`` with ``mark`` (a dynamic property set then)."""
    if widget.property(mark) is not None:
        return False
    widget.setProperty(mark, True)
    return True


def _plain_title(text: str) -> str:
    """A tab title without its mnemonic marker (``&&`` stays one ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# ----- events -----------------------------------------------------------------------------------
class ExerciseEvents(QObject):
    """What the app does, as exercise event names (see the module docstring for the sources).

    Signals:
        happened(str): the app did something, e.g. ``"circular_published"`` or
            ``"tab_opened:reads_page"``; delivered on the GUI thread (queued from others).
    """

    happened = Signal(str)

    def __init__(self, window: QMainWindow, services: ProfileServices) -> None:
        super().__init__(window)
        self._window = window
        # Marks the widgets, editors and dialogs this object has hooked (a dynamic property).
        self._mark = f"trainer_hooked_{id(self):x}"
        # Services may run on worker threads: the signal queues their events to the GUI thread.
        self._unsubscribe = services.activity.subscribe(self._emit)
        self.rescan()
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.installEventFilter(self)
        # Deleted with the window: the services may outlive it (a window being replaced).
        self.destroyed.connect(self._unsubscribe)

    def _emit(self, activity: Activity | str) -> None:
        self.happened.emit(str(activity))

    def rescan(self) -> None:
        """Name and hook the window's pages again (pages installed after this object was made).

        Each widget is hooked once: a dynamic property marks it.
        """
        window = self._window
        name_targets(window)
        for tabs in window.findChildren(QTabWidget):
            if _first_time(tabs, self._mark):
                tabs.currentChanged.connect(functools.partial(self._on_tab_changed, tabs))
        for panel in window.findChildren(HanPanel):
            if _first_time(panel, self._mark):
                panel.current_han_changed.connect(self._on_han_chosen)
        for entry in window.findChildren(ReadsEntryPage):
            if _first_time(entry, self._mark):
                entry.han_combo.activated.connect(lambda _index: self._emit(Activity.HAN_SELECTED))
        for home in window.findChildren(ReadsDashboard):
            if _first_time(home, self._mark):
                home.circular_requested.connect(lambda *_ids: self._emit(Activity.DASHBOARD_ITEM_OPENED))

    def emit_event(self, name: str) -> None:
        """Report ``name`` as if the app had done it (for hooks added by other code)."""
        self._emit(name)

    def uninstall(self) -> None:
        """Stop listening to the services and watching windows."""
        self._unsubscribe()
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.removeEventFilter(self)

    def is_satisfied(self, event: str) -> bool:
        """True when ``event`` describes the current state: ``tab_opened:X`` with X open now."""
        if not event.startswith(TAB_OPENED):
            return False
        wanted = event[len(TAB_OPENED) :]
        for tabs in self._window.findChildren(QTabWidget):
            page = tabs.currentWidget()
            if page is None or not tabs.isVisibleTo(self._window):
                continue
            if wanted in (page.objectName(), _plain_title(tabs.tabText(tabs.currentIndex()))):
                return True
        return False

    def _on_tab_changed(self, tabs: QTabWidget, index: int) -> None:
        page = tabs.widget(index)
        if page is None:
            return
        if page.objectName():
            self._emit(TAB_OPENED + page.objectName())
        title = _plain_title(tabs.tabText(index))
        if title:
            self._emit(TAB_OPENED + title)

    @Slot(int)
    def _on_han_chosen(self, han_id: int) -> None:
        if han_id:
            self._emit(Activity.HAN_SELECTED)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Hook circular editors and PDF export dialogs when they first appear; never consumes."""
        if event.type() == QEvent.Type.Show:
            if isinstance(watched, CircularEditor) and _first_time(watched, self._mark):
                name_editor(watched)
                self._emit(Activity.EDITOR_OPENED)
            elif _is_export_dialog(watched) and _first_time(watched, self._mark):
                watched.export_finished.connect(lambda _result: self._emit(Activity.PDF_EXPORTED))
        return False
