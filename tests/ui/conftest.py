"""Fixtures of the GUI tests: an Appearance undone after each test, a main window, a documents folder.

The QApplication is pytest-qt's (one per session); anything a test installs on it (translator,
font, palette, style sheet) is restored by the ``appearance`` fixture so tests stay independent.

After each test its windows are really deleted (:func:`pytest_runtest_teardown`): pytest-qt only
calls ``deleteLater()``, which Qt carries out only inside a later event loop, so closed main
windows (ten thousand widgets after a few dozen tests) used to pile up and every font change,
style polish and application-wide event filter of the following tests went through all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.shell.pages import WindowKeeper


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """After the test's teardown: delete what it left for ``deleteLater`` (see the docstring).

    The windows that replaced a test's window (switching officer, restoring a backup) are kept by
    a :class:`WindowKeeper` on the QApplication, not by pytest-qt: they are closed too.
    """
    result = yield
    qapp = QApplication.instance()
    if qapp is not None:
        for keeper in qapp.findChildren(WindowKeeper):
            for kept in keeper.kept():
                kept.close()
                kept.deleteLater()
            keeper.deleteLater()
        # Twice: a window's deletion can hand more to deleteLater (the lock's taken-out content).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


@pytest.fixture(autouse=True)
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's documents folder, in tmp_path: file dialogs create their folders there, not in ~.

    The remembered folders a test's window installed on the QApplication are dropped afterwards.
    """
    config = tmp_path / "xdg-config"
    config.mkdir()
    folder = tmp_path / "Documents"
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    yield folder
    keeper = dialogs.FileFolders.current()
    while keeper is not None:
        keeper.setParent(None)
        keeper.deleteLater()
        keeper = dialogs.FileFolders.current()


@pytest.fixture
def appearance(qapp: QApplication, app: App) -> Iterator[Appearance]:
    """The look manager of the test QApplication, restored afterwards."""
    look = Appearance(qapp, app.paths)
    yield look
    look.restore()
    look.deleteLater()


@pytest.fixture
def window(qtbot: QtBot, app: App, demo_services: ProfileServices, appearance: Appearance) -> MainWindow:
    """The main window on the demo profile (60 households in 5 班)."""
    main = MainWindow(app, demo_services, appearance)
    qtbot.addWidget(main)
    return main


@pytest.fixture
def empty_window(qtbot: QtBot, app: App, services: ProfileServices, appearance: Appearance) -> MainWindow:
    """The main window on an empty profile."""
    main = MainWindow(app, services, appearance)
    qtbot.addWidget(main)
    return main
