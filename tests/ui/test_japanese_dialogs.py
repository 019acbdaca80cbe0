"""Every dialog the main window can open speaks Japanese when the language is Japanese.

The walk triggers each menu action of a Japanese main window on the demo profile, and a few
openers reach the dialogs behind a selection (publish, delete, merge, the reminder sheet). A
timer inspects whatever modal window is up — message boxes, custom dialogs, Qt's file and input
dialogs — records the texts of its buttons and labels, clicks the 「…」 buttons of a custom
dialog once (they open file dialogs) and closes it. No button or label may show an English
standard text (Yes, OK, Cancel, Open, Look in, File name…), and no question may be answered
with はい/いいえ instead of a verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.services import trainer
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.reminder import ReminderPrinter
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.shell.standard_pages import STANDARD_PAGES
from circular_app.ui.trainer.page import trainer_controller

#: Qt's English standard texts (buttons of QMessageBox/QDialogButtonBox, the widget file dialog).
ENGLISH = re.compile(
    r"\b(Yes|No|OK|Ok|Cancel|Open|Save|Close|Apply|Discard|Abort|Retry|Ignore|Reset|Help|"
    r"Restore Defaults|Yes to All|No to All|Save All|Look in|File name|File Name|Files of type|"
    r"Directory|Detail View|List View|Back|Forward|Parent Directory|Create New Folder|Choose)\b"
)
#: Answers that say nothing about what happens: a question is answered with a verb.
VAGUE = {"はい", "いいえ", "はい(&Y)", "いいえ(&N)", "OK"}
#: Actions that leave the window or block it until a password is typed.
SKIPPED_ACTIONS = {"終了(&Q)", "画面をロック(&L)"}


@dataclass
class Seen:
    """One dialog as it was shown: its kind, title and the texts of its buttons and labels."""

    kind: str
    title: str
    buttons: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """The English standard texts and vague answers found in this dialog."""
        found = [f"{self.kind}「{self.title}」 button {t!r}" for t in self.buttons if ENGLISH.search(t)]
        found += [f"{self.kind}「{self.title}」 label {t!r}" for t in self.labels if ENGLISH.search(t)]
        found += [f"{self.kind}「{self.title}」 vague button {t!r}" for t in self.buttons if t in VAGUE]
        return found


def _texts(widget: QWidget) -> tuple[list[str], list[str]]:
    buttons = [b.text() or b.toolTip() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    labels = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    return [t for t in buttons if t], [t for t in labels if t]


class DialogWatcher:
    """Inspects and closes every modal window that appears while it runs."""

    def __init__(self, click_browse: bool = True) -> None:
        self.seen: list[Seen] = []
        self._handled: list[QWidget] = []  # kept alive, so that no new window reuses an id
        self._click_browse = click_browse
        self._running = True
        self._tick()

    def stop(self) -> None:
        """Stop watching."""
        self._running = False

    def _tick(self) -> None:
        # A new single-shot timer each time: a repeating timer does not fire again while its
        # slot waits in the nested event loop of a dialog opened from the slot.
        if self._running:
            QTimer.singleShot(20, self._tick)
            self._inspect()

    def _inspect(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            widget = next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.isVisible() and all(w is not h for h in self._handled)
                ),
                None,
            )
        if widget is None or any(widget is h for h in self._handled):
            if isinstance(widget, QDialog):
                widget.reject()
            return
        self._handled.append(widget)
        buttons, labels = _texts(widget)
        self.seen.append(Seen(type(widget).__name__, widget.windowTitle(), buttons, labels))
        plain = not isinstance(widget, (QMessageBox, QFileDialog, QInputDialog))
        if plain and self._click_browse:
            for button in widget.findChildren(QPushButton):
                if button.isVisibleTo(widget) and button.isEnabled() and button.text().endswith("…"):
                    button.click()  # a file dialog opens in a nested loop and is inspected too
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()


@pytest.fixture
def japanese_window(
    qtbot: QtBot,
    app: App,
    demo_services: ProfileServices,
    appearance: Appearance,
) -> Iterator[MainWindow]:
    """A Japanese main window with every page on the demo profile."""
    appearance.apply(Look(language="ja"))
    window = MainWindow(app, demo_services, appearance, pages=STANDARD_PAGES)
    qtbot.addWidget(window)
    window.show()
    yield window


def _trigger(action: QAction) -> None:
    # Some actions rebuild a menu (the trainer's checkpoints): the older actions are gone.
    if shiboken6.isValid(action):
        action.trigger()


def _all_actions(window: MainWindow) -> list[tuple[str, Callable[[], object]]]:
    found: list[tuple[str, Callable[[], object]]] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and action.isEnabled() and action.text() not in SKIPPED_ACTIONS:
                found.append((action.text(), lambda action=action: _trigger(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


def _openers(window: MainWindow) -> list[tuple[str, Callable[[], object]]]:
    """Dialogs behind a selection, which the menu walk alone does not reach."""
    from circular_app.ui.compose.circular_list import CircularListPage
    from circular_app.ui.reads.page import ReadsPage

    circulars = window.findChild(CircularListPage)
    reads = window.findChild(ReadsPage)
    services = window.services
    draft = next(c for c in services.circulars.list_circulars() if c.status.name == "DRAFT")
    published = next(c for c in services.circulars.list_circulars() if c.status.name == "PUBLISHED")
    han = services.roster.list_hans()[0]
    printer = ReminderPrinter(services.reads, window.app.paths.fonts, window)
    assert circulars is not None and reads is not None

    def select(circular_id: int) -> None:
        assert circulars is not None
        circulars.select_circular(circular_id)

    return [
        ("publish", lambda: (select(draft.id), circulars.publish_current())),
        ("delete", lambda: (select(draft.id), circulars.delete_current())),
        ("close", lambda: (select(published.id), circulars.close_current())),
        ("reminder", lambda: printer.print_sheet(published, han)),
        ("han add", window.page.han_panel.add_han),
        (
            "han merge",
            lambda: (window.page.han_panel.list.setCurrentRow(0), window.page.han_panel.merge_han()),
        ),
    ]


def _walk(window: MainWindow, qtbot: QtBot, openers: list[tuple[str, Callable[[], object]]]) -> list[Seen]:
    watcher = DialogWatcher()
    try:
        for _name, run in [*_all_actions(window), *openers]:
            run()
            qtbot.wait(30)
    finally:
        watcher.stop()
    return watcher.seen


def _problems(seen: list[Seen]) -> str:
    return "\n".join(problem for one in seen for problem in one.problems())


def test_every_dialog_is_japanese_with_verbs(japanese_window: MainWindow, qtbot: QtBot) -> None:
    """No dialog reachable from the Japanese main window shows an English standard text or はい/いいえ."""
    seen = _walk(japanese_window, qtbot, _openers(japanese_window))
    kinds = {one.kind for one in seen}
    # The walk must really have reached each kind of dialog, or it proves nothing.
    assert {"QMessageBox", "QFileDialog", "QInputDialog", "SettingsDialog", "BackupDialog"} <= kinds, kinds
    assert len(seen) >= 25, [one.title for one in seen]
    assert _problems(seen) == ""


def test_every_trainer_dialog_is_japanese_with_verbs(qtbot: QtBot, app: App, appearance: Appearance) -> None:
    """The trainer's dialogs (演習を始める, 研修パック, 研修の記録) show no English standard text."""
    appearance.apply(Look(language="ja"))
    services = app.services_for(trainer.create_practice(app.profiles, households=12))
    window = MainWindow(app, services, appearance, pages=STANDARD_PAGES)
    qtbot.addWidget(window)
    window.show()
    try:
        seen = _walk(window, qtbot, [])
    finally:
        controller = trainer_controller(window)
        if controller is not None:
            controller.presentation.set_active(False)
        services.context.close()
    titles = {one.title for one in seen}
    assert {"演習を始める", "研修パックの書き出し", "研修パックの取り込み"} <= titles, titles
    assert _problems(seen) == ""


def test_a_japanese_window_uses_the_japanese_locale(japanese_window: MainWindow) -> None:
    """Calendars and numbers follow Japanese: the default QLocale is Japanese in Japanese mode."""
    assert QLocale().language() == QLocale.Language.Japanese
    assert QLocale().monthName(12) == "12月"
