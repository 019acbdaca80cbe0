"""Pages know the window only as a PageHost: no module outside ui/shell imports the main window."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import circular_app.ui
from circular_app.app import App, ProfileServices
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.roster.page import RosterPage
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.shell.pages import PageHost

UI_ROOT = Path(circular_app.ui.__file__).resolve().parent
MAIN_WINDOW = "circular_app.ui.shell.main_window"


def _imported_modules(tree: ast.AST) -> set[str]:
    """Every module an ``import``/``from … import`` names (``from pkg import mod`` gives both)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules_importing_main_window(root: Path) -> list[str]:
    """Files under ``root`` (a ui/ folder) outside its shell/ that import the main window module."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] == "shell":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if MAIN_WINDOW in _imported_modules(tree):
            found.append(relative.as_posix())
    return found


def test_no_module_outside_the_shell_imports_the_main_window() -> None:
    """Pages register through ui/shell/pages.py; only ui/shell may import ui.shell.main_window."""
    assert modules_importing_main_window(UI_ROOT) == []


def test_the_check_finds_a_page_that_imports_the_main_window(tmp_path: Path) -> None:
    """The check reports an import of the main window, also one hidden under TYPE_CHECKING."""
    (tmp_path / "shell").mkdir()
    (tmp_path / "shell" / "main.py").write_text(f"from {MAIN_WINDOW} import MainWindow\n", encoding="utf-8")
    (tmp_path / "reads").mkdir()
    (tmp_path / "reads" / "page.py").write_text(
        f"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from {MAIN_WINDOW} import MainWindow\n",
        encoding="utf-8",
    )
    (tmp_path / "reads" / "other.py").write_text(
        "from circular_app.ui.shell import main_window\n", encoding="utf-8"
    )
    assert modules_importing_main_window(tmp_path) == ["reads/other.py", "reads/page.py"]


def test_the_main_window_is_a_page_host() -> None:
    """The main window implements the host that pages are given."""
    assert issubclass(MainWindow, PageHost)


def test_a_window_installs_exactly_the_pages_it_is_given(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """Each factory is called once with the window; without factories only the roster is a tab."""
    hosts: list[PageHost] = []
    window = MainWindow(app, services, appearance, pages=[hosts.append])
    qtbot.addWidget(window)
    assert hosts == [window]
    assert window.tabs.count() == 1
    assert window.tabs.widget(0) is window.page


def test_reopen_gives_a_window_with_the_same_pages_look_and_keeper(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """A replacement window installs the same factories and shares the look and the keeper."""
    hosts: list[PageHost] = []
    window = MainWindow(app, services, appearance, pages=[hosts.append])
    qtbot.addWidget(window)
    again = window.reopen(services)
    qtbot.addWidget(again)
    assert hosts == [window, again]
    assert again.appearance is appearance
    assert again.window_keeper is window.window_keeper


def test_the_keeper_forgets_a_window_once_it_is_destroyed(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """A kept window is dropped from the keeper when Qt destroys it."""
    window = MainWindow(app, services, appearance, pages=())
    qtbot.addWidget(window)
    kept = window.reopen(services)
    window.window_keeper.keep(kept)
    assert window.window_keeper.kept() == [kept]
    kept.deleteLater()
    qtbot.waitUntil(lambda: window.window_keeper.kept() == [])


def test_a_tab_not_shown_yet_is_built_on_first_selection(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """The roster behind another first tab is a placeholder until its tab is chosen, then the page."""
    window = MainWindow(app, services, appearance, pages=[_first_tab_home])
    qtbot.addWidget(window)
    home = window.tabs.widget(0)
    assert window.tabs.currentWidget() is home
    assert window.findChildren(RosterPage) == []
    placeholder = window.tabs.widget(1)
    assert placeholder not in window.built_pages()
    shown: list[QWidget | None] = []
    window.tabs.currentChanged.connect(lambda index: shown.append(window.tabs.widget(index)))

    window.tabs.setCurrentIndex(1)

    roster = window.findChildren(RosterPage)
    assert len(roster) == 1
    assert window.tabs.widget(1) is roster[0] is window.page
    assert window.tabs.currentWidget() is roster[0]
    assert shown == [roster[0]]  # the other listeners hear of the page, never of the placeholder
    assert window.tabs.tabText(1) == "名簿"
    assert window.built_pages() == [home, roster[0]]


def test_asking_for_a_page_not_shown_builds_it_in_its_tab(
    qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance
) -> None:
    """``window.page`` (tests, the 名簿 menu's actions) builds the roster without showing its tab."""
    window = MainWindow(app, services, appearance, pages=[_first_tab_home])
    qtbot.addWidget(window)
    home = window.tabs.widget(0)
    page = window.page
    assert isinstance(page, RosterPage)
    assert window.tabs.indexOf(page) == 1
    assert window.tabs.currentWidget() is home
    assert window.findChildren(RosterPage) == [page]


def _first_tab_home(host: PageHost) -> None:
    """A page factory like the reads page's: its tab goes first and is the one shown."""
    home = QWidget()
    host.add_page(home, lambda: "ホーム", 0)
    host.tabs.setCurrentWidget(home)
