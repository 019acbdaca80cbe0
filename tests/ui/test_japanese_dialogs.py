"""Every dialog the main window can open speaks Japanese when the language is Japanese.

The walk triggers each menu action of a Japanese main window on the demo profile, and a few
openers reach the dialogs behind a selection (publish, delete, merge, the reminder sheet). A
timer inspects whatever modal window is up — message boxes, custom dialogs, Qt's file and input
dialogs — records the texts of its buttons and labels, clicks the 「…」 buttons of a custom
dialog once (they open file dialogs) and closes it. No button or label may show an English
standard text (Yes, OK, Cancel, Open, Look in, File name…), and no question may be answered
with はい/いいえ instead of a verb. A last walk chooses a file in every file dialog, so that the
notices and questions after an export (「督促シートを作りました」 with 「開いて印刷する」) are seen too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.services import trainer
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.reads.reminder import ReminderPrinter
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.shell.standard_pages import STANDARD_PAGES
from circular_app.ui.trainer.page import trainer_controller
from tests.ui.dialog_walk import DialogWatcher, Seen, menu_actions, unnamed_widgets


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


def _openers(window: MainWindow) -> list[tuple[str, Callable[[], object]]]:
    """Dialogs behind a selection, which the menu walk alone does not reach."""
    from circular_app.ui.compose.circular_list import CircularListPage
    from circular_app.ui.reads.page import ReadsPage

    circulars = window.findChild(CircularListPage)
    window.build_all_pages()  # the 既読 tab is built when first shown
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
        for _name, run in [*menu_actions(window), *openers]:
            run()
            qtbot.wait(30)
    finally:
        watcher.stop()
    return watcher.seen


def _problems(seen: list[Seen]) -> str:
    return "\n".join(problem for one in seen for problem in one.problems())


def _unnamed(window: MainWindow, seen: list[Seen]) -> str:
    """The controls a screen reader cannot name: every page of the window, every dialog seen."""
    return "\n".join([*unnamed_widgets(window), *(line for one in seen for line in one.unnamed)])


def test_every_dialog_is_japanese_with_verbs(japanese_window: MainWindow, qtbot: QtBot) -> None:
    """No dialog reachable from the Japanese main window shows an English standard text or はい/いいえ."""
    seen = _walk(japanese_window, qtbot, _openers(japanese_window))
    kinds = {one.kind for one in seen}
    # The walk must really have reached each kind of dialog, or it proves nothing.
    assert {"QMessageBox", "QFileDialog", "QInputDialog", "SettingsDialog", "BackupDialog"} <= kinds, kinds
    assert len(seen) >= 25, [one.title for one in seen]
    assert _problems(seen) == ""
    # Accessibility, from the same walk: every control of every page and dialog has a name.
    unnamed = _unnamed(japanese_window, seen)
    assert not unnamed, "controls without an accessible name:\n" + unnamed


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
    unnamed = _unnamed(window, seen)
    assert not unnamed, "controls without an accessible name:\n" + unnamed


def test_a_japanese_window_uses_the_japanese_locale(japanese_window: MainWindow) -> None:
    """Calendars and numbers follow Japanese: the default QLocale is Japanese in Japanese mode."""
    assert QLocale().language() == QLocale.Language.Japanese
    assert QLocale().monthName(12) == "12月"


def test_the_dialogs_after_a_file_is_chosen_are_japanese(
    japanese_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a file chosen, the notices and questions that follow (書き出しました, 開いて印刷する) are Japanese."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda dialog: [out / "書き出し"])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    seen = _walk(japanese_window, qtbot, _openers(japanese_window))
    titles = {one.title for one in seen}
    assert {"督促シートを作りました", "名簿を書き出しました"} <= titles, titles
    reminder = next(one for one in seen if one.title == "督促シートを作りました")
    assert sorted(reminder.buttons) == sorted(["開いて印刷する", "閉じる"])
    assert opened == []  # the watcher closed the question: nothing was opened
    assert _problems(seen) == ""
