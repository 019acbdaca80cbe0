"""The exercise guide: events from the app, the highlight frame, steps completed by doing them.

The practice window fixtures are in this folder's conftest.py, shared with the other trainer tests.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QTabWidget, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from circular_app.app import App
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import NotFoundError
from circular_app.domain.exercises import Exercise, LocalText, Step
from circular_app.services.pdf_export import PdfExportService
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.page import compose_page
from circular_app.ui.printing.export_dialog import PdfExportDialog
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.trainer.events import ExerciseEvents
from circular_app.ui.trainer.guide import ExerciseRun, GuidePanel
from circular_app.ui.trainer.highlight import find_anchor
from circular_app.ui.trainer.page import TrainerController


def _circulars(window: MainWindow) -> CircularListPage:
    page = compose_page(window)
    assert page is not None
    return page


def _tab_rect(window: MainWindow, page: QWidget) -> QRect:
    bar = window.tabs.tabBar()
    rect = bar.tabRect(window.tabs.indexOf(page))
    return QRect(bar.mapTo(window, rect.topLeft()), rect.size())


def _start(controller: TrainerController, number: int) -> ExerciseRun:
    exercise = controller.exercise(number)
    assert exercise is not None
    return controller.guide.start(exercise)


def _framed(guide: GuidePanel) -> QRect:
    frame = guide.highlight
    assert frame is not None
    rect = frame.frame_rect()
    assert rect is not None
    return rect


def _open_editor(window: MainWindow, qtbot: QtBot) -> None:
    page = _circulars(window)
    window.tabs.setCurrentWidget(page)
    editor = page.new_circular(CircularDraft(title="下書き", body="練習の本文です。"))
    qtbot.waitExposed(editor)


def test_first_step_frames_its_target(practice_window: MainWindow, controller: TrainerController) -> None:
    """Exercise 1 begins by framing the 「回覧」 tab."""
    run = _start(controller, 1)
    assert run.index == 0
    tab = _tab_rect(practice_window, _circulars(practice_window))
    assert _framed(controller.guide).contains(tab.center())
    assert "回覧" in controller.guide.step_label.text()


def test_opening_the_tab_completes_the_first_step(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """Opening the 「回覧」 tab moves on to 「新規」, which is framed next."""
    run = _start(controller, 1)
    practice_window.tabs.setCurrentWidget(_circulars(practice_window))
    assert run.index == 1
    new_button = _circulars(practice_window).action_bar.findChild(QToolButton, "circular_new_button")
    assert new_button is not None
    top_left = new_button.mapTo(practice_window, QPoint(0, 0))
    assert _framed(controller.guide).contains(QRect(top_left, new_button.size()))


def test_other_events_do_not_complete_a_step(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """Only the step's own event moves it on; there is no way to skip by "next"."""
    run = _start(controller, 1)
    controller.events.emit_event("circular_published")
    controller.events.emit_event("tab_opened:roster_page")
    assert run.index == 0


def test_a_tab_already_open_counts_as_done(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """Starting on the 「回覧」 tab begins at the second step."""
    practice_window.tabs.setCurrentWidget(_circulars(practice_window))
    assert _start(controller, 1).index == 1


def test_target_on_another_page_frames_that_pages_tab(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """A button on a hidden tab is reached through its tab, framed instead."""
    anchor = find_anchor(practice_window, "circular_new_button")
    assert anchor is not None and not anchor.direct
    assert anchor.widget is practice_window.tabs.tabBar()


def test_opening_an_editor_completes_the_new_step(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Opening a circular editor completes 「新規」 and frames the editor's title field."""
    run = _start(controller, 1)
    _open_editor(practice_window, qtbot)
    assert run.index == 2
    frame = controller.guide.highlight
    assert frame is not None and frame.parentWidget() is _circulars(practice_window).editors()[0]


def test_publishing_in_the_editor_finishes_exercise_1(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController, answer_yes: None
) -> None:
    """Saving the title, then publishing through the editor, completes the last two steps."""
    run = _start(controller, 1)
    _open_editor(practice_window, qtbot)
    editor = _circulars(practice_window).editors()[0]
    editor.title_edit.setText("練習の回覧")
    assert editor.save_now()
    assert run.index == 3
    with qtbot.waitSignal(controller.guide.exercise_finished) as finished:
        assert editor.publish() is not None
    assert finished.args == ["publish-circular"]
    assert run.is_finished()
    assert "完了" in controller.guide.step_label.text()
    assert controller.guide.highlight is None


def test_service_call_is_reported_after_it_succeeded(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """Publishing through the window's service (any caller) emits circular_published."""
    services = practice_window.services
    draft = services.circulars.new_draft(CircularDraft(title="練習", body="本文です。"))
    with qtbot.waitSignal(
        controller.events.happened, check_params_cb=lambda name: name == "circular_published"
    ):
        services.circulars.publish(draft.id)


def test_failed_service_call_is_not_reported(
    qtbot: QtBot, practice_window: MainWindow, controller: TrainerController
) -> None:
    """A refused publication emits nothing."""
    seen: list[str] = []
    controller.events.happened.connect(seen.append)
    with pytest.raises(NotFoundError):
        practice_window.services.circulars.publish(999_999)
    assert "circular_published" not in seen


def test_services_are_not_patched(practice_window: MainWindow, controller: TrainerController) -> None:
    """Trainer mode leaves the service objects as they are (no method replaced on the instance)."""
    assert "publish" not in vars(practice_window.services.circulars)


def test_uninstalled_events_report_nothing(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """After uninstall, a publication no longer reaches the guide."""
    seen: list[str] = []
    controller.events.happened.connect(seen.append)
    controller.events.uninstall()
    circulars = practice_window.services.circulars
    circulars.publish(circulars.new_draft(CircularDraft(title="練習", body="本文です。")).id)
    QApplication.processEvents()
    assert seen == []


def test_pdf_export_dialog_reports_exports(
    qtbot: QtBot, app: App, practice_window: MainWindow, controller: TrainerController
) -> None:
    """A PDF export dialog shown anywhere reports its finished export as pdf_exported."""
    s = practice_window.services
    circular = next(c for c in s.circulars.list_circulars() if c.number is not None)
    service = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    dialog = PdfExportDialog(service, circular.id, parent=practice_window)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(controller.events.happened, check_params_cb=lambda name: name == "pdf_exported"):
        dialog.export_finished.emit(None)


def test_missing_target_is_not_framed(practice_window: MainWindow, controller: TrainerController) -> None:
    """A step whose widget this screen lacks says so and frames nothing."""
    step = Step(LocalText("印刷する", "Print"), "no_such_widget", "pdf_exported")
    exercise = Exercise("x", 9, LocalText("例", "Example"), LocalText("例", "Example"), (step,))
    controller.guide.start(exercise)
    assert controller.guide.highlight is None
    assert controller.guide.where_label.text() == "画面の中から探してみましょう。"


def test_events_report_tab_titles_and_page_names(qtbot: QtBot, practice_window: MainWindow) -> None:
    """Opening a tab reports both the page's objectName and its title."""
    events = ExerciseEvents(practice_window, practice_window.services)
    seen: list[str] = []
    events.happened.connect(seen.append)
    practice_window.tabs.setCurrentWidget(_circulars(practice_window))
    assert seen == ["tab_opened:circular_list_page", "tab_opened:回覧"]


def test_pages_added_later_are_hooked_when_an_exercise_starts(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """Tabs inside a page added after trainer mode report their pages once an exercise starts."""
    late = QTabWidget(practice_window)
    inner = QWidget(late)
    inner.setObjectName("late_inner_page")
    late.addTab(QWidget(late), "一")
    late.addTab(inner, "二")
    practice_window.add_page(late, lambda: "あとから")
    practice_window.tabs.setCurrentWidget(late)
    step = Step(LocalText("開く", "Open"), "tab:late_inner_page", "tab_opened:late_inner_page")
    exercise = Exercise("late", 9, LocalText("例", "Example"), LocalText("例", "Example"), (step,))
    run = controller.guide.start(exercise)
    assert controller.guide.highlight is not None
    late.setCurrentWidget(inner)
    assert run.is_finished()
