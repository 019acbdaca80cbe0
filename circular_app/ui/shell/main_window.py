"""The main window of an open association: menus, toolbar, the roster page and a status bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.errors import UserError
from circular_app.services.action_plan import association_live_figures
from circular_app.services.roster import ExportResult
from circular_app.settings import SIDEBAR_COLLAPSED_FOR, SIDEBAR_EXPANDED_FOR
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.common.input_guards import add_toolbar_mnemonics, install_input_guards
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.roster.import_dialog import ImportDialog
from circular_app.ui.roster.offer_dialog import offer_circulars
from circular_app.ui.roster.page import RosterPage
from circular_app.ui.shell.pages import PageFactory, PageHost, WindowKeeper
from circular_app.ui.shell.settings_dialog import SettingsDialog
from circular_app.ui.shell.standard_pages import STANDARD_PAGES
from circular_app.ui.sidebar.action_plan_dock import ActionPlanDock


class MainWindow(Retranslating, PageHost):
    """The window of one open profile; the roster is its central page.

    ``pages`` install the other areas of work (default: all of them, see
    :mod:`circular_app.ui.shell.standard_pages`). ``appearance`` applies the settings dialog's
    choices and ``keeper`` holds the windows that replace this one; when omitted, they are made
    for the running QApplication.
    """

    def __init__(
        self,
        app: App,
        services: ProfileServices,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
        *,
        pages: Sequence[PageFactory] = STANDARD_PAGES,
        keeper: WindowKeeper | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._services = services
        self._pages = tuple(pages)
        qapp = QApplication.instance()
        if appearance is None or keeper is None:
            if not isinstance(qapp, QApplication):
                raise RuntimeError("MainWindow needs a QApplication")
            if appearance is None:
                appearance = Appearance(qapp, app.paths, self)
            if keeper is None:
                keeper = WindowKeeper(qapp)
        self._appearance = appearance
        self._keeper = keeper
        # File dialogs start in the folders this app's settings remember.
        dialogs.FileFolders.install(app.settings)
        if isinstance(qapp, QApplication):
            install_input_guards(qapp)  # once per application; the wheel and Tab traps
        self._editable = services.context.officer.can_edit_roster
        # Tabs not shown yet hold a placeholder and the way to build their page (see add_lazy_page).
        self._lazy: dict[QWidget, Callable[[], QWidget]] = {}
        self._built_from: dict[int, tuple[QWidget, QWidget]] = {}  # id(placeholder): (it, its page)
        self._lazy_ready = False  # until the pages are installed the first tab is not yet chosen
        self._roster: RosterPage | None = None
        self._live_asked = False
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self._update_actions()
        for install in self._pages:
            install(self)
        self._lazy_ready = True
        self._build_shown_page(self.tabs.currentIndex())
        # After the pages: they add buttons of their own (画面をロック) to the toolbar.
        self.toolbar_shortcuts = add_toolbar_mnemonics(self.toolbar)

    @property
    def app(self) -> App:
        """The run's composition root: paths, settings, profiles and the services it builds."""
        return self._app

    @property
    def appearance(self) -> Appearance:
        """The look (language, text size, contrast) the settings dialog changes."""
        return self._appearance

    @property
    def services(self) -> ProfileServices:
        """The services of the open profile."""
        return self._services

    @property
    def window_keeper(self) -> WindowKeeper:
        """Keeps the windows that replace this one."""
        return self._keeper

    @property
    def page(self) -> RosterPage:
        """The roster page, built now if its tab was never shown (tests and actions use it)."""
        if self._roster is None:
            self.ensure_page(self._roster_tab)
        assert self._roster is not None
        return self._roster

    def reopen(self, services: ProfileServices) -> MainWindow:
        """A new main window with this one's look, pages and keeper on ``services`` (not shown)."""
        return type(self)(self._app, services, self._appearance, pages=self._pages, keeper=self._keeper)

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        # One tab per area of work; the roster is ``self.page`` (built when first shown or asked for).
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self._page_titles: list[tuple[QWidget, Callable[[], str]]] = []
        # First of the tabs' listeners: a page is built before the others hear it was shown.
        self.tabs.currentChanged.connect(self._build_shown_page)
        self._roster_tab = self.add_lazy_page(self._build_roster, lambda: self.tr("名簿"))
        # The last resort of the small-screen layout: pages reflow and the sidebar collapses,
        # but when a 200 % text does not fit even then (a 1,366 × 768 screen at double scale),
        # the pages scroll instead of the window growing past the screen's edge.
        self.central_scroll = QScrollArea(self)
        self.central_scroll.setObjectName("central_scroll")
        self.central_scroll.setWidgetResizable(True)
        self.central_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.central_scroll.setWidget(self.tabs)
        self.setCentralWidget(self.central_scroll)
        self._setup_sidebar()

        self.add_action = QAction(self)
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_E))
        self.move_out_action = QAction(self)
        self.undo_move_out_action = QAction(self)
        self.route_up_action = QAction(self)
        self.route_up_action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Up))
        self.route_down_action = QAction(self)
        self.route_down_action.setShortcut(
            QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Down)
        )
        for action in (self.route_up_action, self.route_down_action):
            # Only while the table has focus: Ctrl+arrows mean something else in text fields.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.import_action = QAction(self)
        self.export_action = QAction(self)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)

        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("")
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.roster_menu = menu_bar.addMenu("")
        for action in (self.add_action, self.edit_action, self.move_out_action, self.undo_move_out_action):
            self.roster_menu.addAction(action)
        self.roster_menu.addSeparator()
        self.roster_menu.addAction(self.route_up_action)
        self.roster_menu.addAction(self.route_down_action)
        self.tools_menu = menu_bar.addMenu("")
        self.tools_menu.addAction(self.settings_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.edit_action, self.move_out_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.officer_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.officer_label)

    def add_page(self, page: QWidget, title: Callable[[], str], index: int = -1) -> None:
        """Add a tab (at ``index``, default last); ``title`` is called again on each language change."""
        self._page_titles.append((page, title))
        self.tabs.insertTab(index, page, title())

    def add_lazy_page(
        self, build: Callable[[], QWidget], title: Callable[[], str], index: int = -1
    ) -> QWidget:
        """Add a tab whose page ``build`` makes when the tab is first shown; returns its placeholder."""
        placeholder = QWidget(self)
        placeholder.setObjectName("lazy_page")
        self._lazy[placeholder] = build
        self.add_page(placeholder, title, index)
        return placeholder

    def ensure_page(self, tab: QWidget) -> QWidget:
        """The page of ``tab``: a placeholder is built into its page, which takes its place."""
        built = self._built_from.get(id(tab))
        if built is not None and built[0] is tab:
            return built[1]
        build = self._lazy.pop(tab, None)
        if build is None:
            return tab
        page = build()
        index = self.tabs.indexOf(tab)
        current = self.tabs.currentIndex()
        # The swap is not a change of tab: the listeners hear of the page when it is shown.
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.insertTab(index, page, self.tabs.tabText(index))
            self.tabs.removeTab(index + 1)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        self._page_titles = [(page if p is tab else p, title) for p, title in self._page_titles]
        # The placeholder stays (hidden, out of the tabs): whoever kept it still finds the page.
        self._built_from[id(tab)] = (tab, page)
        return page

    def built_pages(self) -> list[QWidget]:
        """The tabs' pages built so far (the others are placeholders until first shown)."""
        return [
            widget
            for widget in (self.tabs.widget(i) for i in range(self.tabs.count()))
            if widget is not None and widget not in self._lazy
        ]

    def build_all_pages(self) -> None:
        """Build every page not built yet (trainer mode names widgets on every tab)."""
        for tab in list(self._lazy):
            self.ensure_page(tab)

    @Slot(int)
    def _build_shown_page(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if self._lazy_ready and tab is not None and tab in self._lazy:
            self.ensure_page(tab)

    def _build_roster(self) -> RosterPage:
        page = RosterPage(
            self._services.roster,
            editable=self._editable,
            parent=self,
            circulars=self._services.circulars,
            care=self._services.care,
        )
        self._roster = page
        for action in (self.route_up_action, self.route_down_action):
            page.table.addAction(action)
        page.current_household_changed.connect(self._update_actions)
        page.roster_changed.connect(self._update_actions)
        page.roster_changed.connect(self.roster_changed)
        self._update_actions()
        return page

    def _sidebar_key(self) -> str:
        return f"{self._services.context.ref.id}/{self._services.context.officer.username}"

    def _setup_sidebar(self) -> None:
        services = self._services
        plans = self._app.action_plans()
        # The association's figures are counted on a worker once the window is shown (showEvent).
        self.action_plan_dock = ActionPlanDock(
            plans,
            association_live_figures(services.roster, services.circulars, plans),
            parent=self,
            live_later=True,
        )
        self.action_plan_dock.setObjectName("action_plan_dock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.action_plan_dock)
        self.action_plan_dock.set_collapsed(self._sidebar_starts_collapsed())
        self.action_plan_dock.collapsed_changed.connect(self._remember_sidebar)

    def _sidebar_starts_collapsed(self) -> bool:
        """As the officer left it; a 班長 who never opened it starts with the narrow strip.

        A 班長 enters stamps for one 班 and needs the width for the sheet, not the city's plan.
        """
        key = self._sidebar_key()
        settings = self._app.settings
        if key in settings.get(SIDEBAR_COLLAPSED_FOR):
            return True
        return self._services.context.officer.role is Role.HAN_LEADER and key not in settings.get(
            SIDEBAR_EXPANDED_FOR
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Shown the first time: the sidebar's live figures are counted (off the GUI thread)."""
        super().showEvent(event)
        if self.action_plan_dock.loading and not self._live_asked:
            self._live_asked = True
            # With the dock as context: a window closed at once drops the call with it.
            dock = self.action_plan_dock
            QTimer.singleShot(0, dock, dock.refresh_later)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """The open sidebar's largest width is a share of the window's."""
        super().resizeEvent(event)
        self.action_plan_dock.fit_to_window()

    @Slot(bool)
    def _remember_sidebar(self, collapsed: bool) -> None:
        """The sidebar state is remembered per officer (shared PC, different habits)."""
        key = self._sidebar_key()
        settings = self._app.settings
        collapsed_keys = [k for k in settings.get(SIDEBAR_COLLAPSED_FOR) if k != key]
        expanded_keys = [k for k in settings.get(SIDEBAR_EXPANDED_FOR) if k != key]
        (collapsed_keys if collapsed else expanded_keys).append(key)
        settings.set(SIDEBAR_COLLAPSED_FOR, collapsed_keys)
        settings.set(SIDEBAR_EXPANDED_FOR, expanded_keys)

    def _connect(self) -> None:
        # Through ``self.page``: an action builds the roster page if its tab was never shown.
        self.add_action.triggered.connect(lambda: self.page.add_household())
        self.edit_action.triggered.connect(lambda: self.page.edit_household())
        self.move_out_action.triggered.connect(lambda: self.page.move_out_household())
        self.undo_move_out_action.triggered.connect(lambda: self.page.undo_move_out())
        self.route_up_action.triggered.connect(lambda: self.page.move_in_route(-1))
        self.route_down_action.triggered.connect(lambda: self.page.move_in_route(1))
        self.import_action.triggered.connect(self.import_roster)
        self.export_action.triggered.connect(self.export_roster)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action.triggered.connect(self.close)
        self.roster_changed.connect(self.action_plan_dock.refresh)
        self.tabs.currentChanged.connect(self._show_roster_toolbar)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        title = self.tr("回覧デスク — {name}").format(name=self._services.context.ref.name)
        if self._services.context.ref.kind == "practice":
            # Nothing from a practice profile may be taken for real.
            title = self.tr("【練習用】") + title
        self.setWindowTitle(title)
        for page, page_title in self._page_titles:
            self.tabs.setTabText(self.tabs.indexOf(page), page_title())
        self.file_menu.setTitle(self.tr("ファイル(&F)"))
        self.roster_menu.setTitle(self.tr("名簿(&R)"))
        self.tools_menu.setTitle(self.tr("ツール(&T)"))
        self.toolbar.setWindowTitle(self.tr("ツールバー"))
        self.add_action.setText(self.tr("追加(&A)…"))
        self.add_action.setToolTip(self.tr("世帯を追加します"))
        self.edit_action.setText(self.tr("編集(&E)…"))
        self.edit_action.setToolTip(self.tr("選んだ世帯を編集します"))
        self.move_out_action.setText(self.tr("転出(&O)…"))
        self.move_out_action.setToolTip(self.tr("選んだ世帯の転出を登録します"))
        self.undo_move_out_action.setText(self.tr("転出を取り消す(&U)"))
        self.route_up_action.setText(self.tr("回覧順を1つ前へ"))
        self.route_down_action.setText(self.tr("回覧順を1つ後ろへ"))
        self.import_action.setText(self.tr("名簿を取り込む(&I)…"))
        self.export_action.setText(self.tr("名簿を書き出す(&X)…"))
        # (&P)references: Alt+S is the roster's 検索(&S) field.
        self.settings_action.setText(self.tr("設定(&P)…"))
        self.quit_action.setText(self.tr("終了(&Q)"))
        officer = self._services.context.officer
        self.officer_label.setText(
            self.tr("ログイン中: {name}（{role}）").format(
                name=officer.display_name, role=messages.translate_phrase(officer.role.label_ja)
            )
        )

    @Slot(int)
    def _show_roster_toolbar(self, _index: int) -> None:
        """The roster's toolbar belongs to the roster tab; other tabs bring their own menus."""
        current = self.tabs.currentWidget()
        roster_shown = current is self._roster if self._roster is not None else current is self._roster_tab
        self.toolbar.setVisible(roster_shown)

    @Slot()
    def _update_actions(self) -> None:
        household = self._roster.current_household() if self._roster is not None else None
        self.add_action.setEnabled(self._editable)
        self.import_action.setEnabled(self._editable)
        self.export_action.setEnabled(self._editable)
        self.edit_action.setEnabled(self._editable and household is not None)
        self.move_out_action.setEnabled(self._editable and household is not None and household.active)
        self.undo_move_out_action.setEnabled(
            self._editable and household is not None and household.moved_out_on is not None
        )
        for action in (self.route_up_action, self.route_down_action):
            action.setEnabled(self._editable and household is not None)

    # ----- actions -------------------------------------------------------------------------------
    @Slot()
    def import_roster(self) -> None:
        """Preview and import a roster CSV."""
        roster = self._services.roster
        before = {h.id for h in roster.list_households()}
        dialog = ImportDialog(roster, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_ is not None:
            result = dialog.result_
            if self._roster is not None:  # else it reads the new roster when first shown
                self._roster.refresh()
            self._update_actions()
            self.statusBar().showMessage(
                self.tr("取り込みました: 追加 {added}　変更 {changed}　転出 {moved}　新しい班 {hans}").format(
                    added=result.added, changed=result.changed, moved=result.moved_out, hans=result.new_hans
                )
            )
            # Households new to the roster are offered the circulars in circulation, never added silently.
            joined = [h.id for h in roster.list_households() if h.id not in before]
            offer_circulars(self._services.circulars, joined, self)

    def export_message(self, result: ExportResult) -> str:
        """What an export did, naming the encoding in words an Excel user knows."""
        if result.encoding == "cp932":
            encoding = self.tr("Shift_JIS（Excel用）")
        else:
            encoding = self.tr("UTF-8（BOM付き）: Shift_JISで表せない文字があるため")
        return self.tr("{path} に {count}世帯を書き出しました。\n文字コード: {encoding}").format(
            path=result.path, count=result.households, encoding=encoding
        )

    @Slot()
    def export_roster(self) -> None:
        """Ask where to save, export the roster CSV and say which encoding was used."""
        suggested = self.tr("名簿_{date}.csv").format(date=dt.date.today().isoformat())
        path = dialogs.save_csv(self, dialogs.Purpose.ROSTER, self.tr("名簿を書き出す"), suggested)
        if path is None:
            return
        try:
            result = self._services.roster.export_roster(path)
        except UserError as error:
            messages.show_error(self, error)
            return
        except OSError as exc:
            dialogs.warn(self, self.tr("書き出せません"), messages.os_error_text(exc))
            return
        dialogs.inform(self, self.tr("名簿を書き出しました"), self.export_message(result))

    @Slot()
    def open_settings(self) -> None:
        """Open the settings dialog (its changes apply to every window at once)."""
        SettingsDialog(self._app.settings, self._appearance, self, officer_key=self._sidebar_key()).exec()

    def focus_main_list(self) -> None:
        """Put the keyboard focus on the open tab's main list (after login nothing had it)."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible() and v.isEnabled()]
        focusable = [v for v in views if v.focusPolicy() & Qt.FocusPolicy.TabFocus]
        target = max(focusable, key=lambda v: v.width() * v.height(), default=None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
