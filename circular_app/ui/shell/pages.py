"""How pages join the main window: the host they are given and the factories that install them.

A page module (circular list, reads, hub, trainer, security…) exports a *page factory*, a
function ``install_x(host)`` that adds its tabs, menus, docks and wiring to a :class:`PageHost`.
The composition root (:func:`circular_app.ui.shell.main.run_gui`) hands the list of factories to
the main window, which calls each once after its own roster page is built. Page modules import
this module, never :mod:`circular_app.ui.shell.main_window`: the window knows its pages only as
factories, and the pages know the window only as this host.

:class:`WindowKeeper` holds the windows that replace each other (switching officer, restoring a
backup, resetting a practice profile); the composition root makes one and every window of the
run passes it on to the windows it is replaced by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QTabWidget, QToolBar

    from circular_app.app import App, ProfileServices
    from circular_app.paths import AppPaths
    from circular_app.ui.common.appearance import Appearance
    from circular_app.ui.roster.page import RosterPage
    from circular_app.ui.sidebar.action_plan_dock import ActionPlanDock


class PageHost(QMainWindow):
    """What a page may use of the window it is installed in.

    The main window implements it. Besides the Qt window itself (menu bar, status bar, docks)
    a page finds here the open profile's services, the app's paths and settings, the look,
    the tab widget with :meth:`add_page`, the menus it inserts its own before, the roster page
    and the action-plan sidebar (both refreshed after changes elsewhere).
    """

    #: The roster was changed (relayed from the roster page once it is built).
    roster_changed = Signal()

    tabs: QTabWidget
    roster_menu: QMenu
    tools_menu: QMenu
    toolbar: QToolBar
    action_plan_dock: ActionPlanDock

    @property
    def app(self) -> App:
        """The run's composition root: paths, settings, profiles and the services it builds."""
        raise NotImplementedError

    @property
    def page(self) -> RosterPage:
        """The roster page (built now if its tab was never shown)."""
        raise NotImplementedError

    @property
    def appearance(self) -> Appearance:
        """The look (language, text size, contrast) of the running application."""
        raise NotImplementedError

    @property
    def services(self) -> ProfileServices:
        """The services of the open profile."""
        raise NotImplementedError

    @property
    def app_paths(self) -> AppPaths:
        """Where resources (fonts, templates) and data live."""
        return self.app.paths

    @property
    def window_keeper(self) -> WindowKeeper:
        """Keeps the windows that replace this one (see :meth:`reopen`)."""
        raise NotImplementedError

    def add_page(self, page: QWidget, title: Callable[[], str], index: int = -1) -> None:
        """Add a tab (at ``index``, default last); ``title`` is called again on each language change."""
        raise NotImplementedError

    def add_lazy_page(
        self, build: Callable[[], QWidget], title: Callable[[], str], index: int = -1
    ) -> QWidget:
        """Add a tab whose page ``build`` makes when the tab is first shown; returns its placeholder.

        Until then the tab holds a light placeholder; :meth:`ensure_page` builds it on demand
        (a menu action or a test that needs the page).
        """
        raise NotImplementedError

    def ensure_page(self, tab: QWidget) -> QWidget:
        """The page of ``tab`` (a placeholder from :meth:`add_lazy_page` is built and replaced)."""
        raise NotImplementedError

    def reopen(self, services: ProfileServices) -> PageHost:
        """A new window of the same kind, look and pages on ``services`` (not shown yet)."""
        raise NotImplementedError


#: Installs one area of work into a host; called once per window, in the order given.
PageFactory = Callable[[PageHost], object]


class WindowKeeper(QObject):
    """Holds the windows made to replace others (nothing else refers to them).

    Closes their profiles when the application quits, as ``run_gui`` does for the first one.
    """

    def __init__(self, qapp: QCoreApplication) -> None:
        super().__init__(qapp)
        self._windows: dict[int, PageHost] = {}
        qapp.aboutToQuit.connect(self.close_profiles)

    def keep(self, window: PageHost) -> None:
        """Keep ``window`` until it is destroyed."""
        key = id(window)
        self._windows[key] = window
        window.destroyed.connect(lambda: self._windows.pop(key, None))

    def kept(self) -> list[PageHost]:
        """The windows kept now."""
        return list(self._windows.values())

    @Slot()
    def close_profiles(self) -> None:
        """Close the profile of every kept window."""
        for window in self._windows.values():
            window.services.context.close()
