"""Fixtures of the trainer tests: a practice profile's main window with trainer mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.services import trainer
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.compose.publish_dialogs import AfterPublishDialog, PublishConfirmDialog
from circular_app.ui.security.page import security_controller
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.trainer.page import TrainerController, install_trainer, trainer_controller
from tests.conftest import TEST_KDF, ProfileTemplate


@pytest.fixture(scope="session")
def practice_template(tmp_path_factory: pytest.TempPathFactory) -> ProfileTemplate:
    """A small practice profile (12 households) as ``create_practice`` makes it, made once."""
    maker = App.build(tmp_path_factory.mktemp("practice-template") / "data", kdf=TEST_KDF)
    context = trainer.create_practice(maker.profiles, households=12)
    made = ProfileTemplate(context.ref.folder, context.data_key, context.ref.name, context.officer.username)
    context.close()  # the last close checkpoints the WAL: the folder is complete
    return made


@pytest.fixture
def practice_services(app: App, practice_template: ProfileTemplate) -> Iterator[ProfileServices]:
    """A small practice profile (12 households) with its first checkpoint, open (a copy)."""
    services = app.services_for(practice_template.open_copy(app))
    yield services
    services.context.close()


def close_main_windows() -> None:
    """Close every main window left (a reset replaces windows) with its profile."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and shiboken6.isValid(widget):
            security = security_controller(widget)
            if security is not None:
                security.suspend()
            found = trainer_controller(widget)
            if found is not None:
                found.presentation.set_active(False)
            widget.close()
            widget.services.context.close()
            widget.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def practice_window(
    qtbot: QtBot, app: App, practice_services: ProfileServices, appearance: Appearance
) -> Iterator[MainWindow]:
    """A shown main window on the practice profile, with trainer mode, on the roster tab."""
    window = MainWindow(app, practice_services, appearance)
    install_trainer(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.page)
    yield window
    close_main_windows()


@pytest.fixture
def controller(practice_window: MainWindow) -> TrainerController:
    """The window's trainer controller."""
    found = trainer_controller(practice_window)
    assert found is not None
    return found


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question box is answered Yes (「発行する」), and printing after 発行 「閉じる」."""
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *_a: True))
    monkeypatch.setattr(AfterPublishDialog, "offer", classmethod(lambda *_a: False))
