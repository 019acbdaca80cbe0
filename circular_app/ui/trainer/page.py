"""Trainer mode in the main window of a practice profile: the 「研修」 menu, the guide, presenting.

:func:`install_trainer` is the only entry point; the main window calls it once after its pages
are installed. It does nothing for an association profile and is idempotent. It adds:

* the 「研修ガイド」 dock below the action-plan sidebar (:class:`~circular_app.ui.trainer.guide.GuidePanel`),
  which also shows the trainer's 高齢者スマホ講座 total beside the plan's KPI target;
* the 「研修」 menu: start an exercise, reset the practice profile (to exercise 1, or to the
  saved start of exercise N), save the current state as the start of exercise N, export and
  import a workshop pack, the workshop records, the practice hub with its reader links, and
  presentation mode (Ctrl+Shift+P).

A reset or a pack import replaces the practice profile's database, which every page of the
window holds: the window is not patched in place but replaced by a new one on the new
services (:func:`~circular_app.ui.security.page.replace_window`), which then starts the guide
of the exercise whose start it was reset to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App
from circular_app.domain.errors import UserError
from circular_app.domain.exercises import Exercise, ExerciseError, load_exercises
from circular_app.services import trainer
from circular_app.services.context import ProfileContext
from circular_app.ui.common import dialogs, messages
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.page import compose_page
from circular_app.ui.reads.dashboard import ReadsDashboard
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.security.page import replace_window, security_controller
from circular_app.ui.shell.pages import PageHost
from circular_app.ui.trainer.events import ExerciseEvents
from circular_app.ui.trainer.guide import GuidePanel
from circular_app.ui.trainer.hub import PracticeHubDialog, practice_hub_for
from circular_app.ui.trainer.present import PresentationMode
from circular_app.ui.trainer.workshops import WorkshopDialog

CONTROLLER_NAME = "trainer_controller"
PRESENT_SHORTCUT = QKeySequence(
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_P
)
#: The plan's KPI that the senior workshops count towards (its target is read from the plan).
SENIOR_KPI_TITLE = "高齢者向け電子申請講座参加者数"
EXERCISES_FOLDER = "exercises"


def exercise_folders(app: App) -> list[Path]:
    """Where exercises are read from: the bundled course, then a workshop pack's."""
    return [app.paths.resources / EXERCISES_FOLDER, app.paths.data_dir / EXERCISES_FOLDER]


def senior_kpi_target(window: PageHost) -> int | None:
    """The plan's target for 高齢者向け電子申請講座参加者数, if the sidebar shows that KPI."""
    for card in window.action_plan_dock.kpi_cards():
        if card.kpi.title == SENIOR_KPI_TITLE:
            return round(card.kpi.target)
    return None


class ExercisePickerDialog(QDialog):
    """Choose the exercise to start; its goal is shown under the list."""

    def __init__(self, exercises: list[Exercise], language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exercises = exercises
        self._language = language
        self.list = QListWidget(self)
        for exercise in exercises:
            QListWidgetItem(f"{exercise.number}. {exercise.title.get(language)}", self.list)
        self.goal_label = QLabel(self)
        self.goal_label.setWordWrap(True)
        self.buttons = dialogs.button_box(self, self.tr("演習を始める"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.goal_label)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._show_goal)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("演習を始める"))
        self.list.setAccessibleName(self.tr("演習の一覧"))
        if exercises:
            self.list.setCurrentRow(0)

    @Slot(int)
    def _show_goal(self, row: int) -> None:
        exercise = self.chosen()
        self.goal_label.setText(exercise.goal.get(self._language) if exercise is not None else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(exercise is not None)

    def chosen(self) -> Exercise | None:
        """The exercise selected in the list."""
        row = self.list.currentRow()
        return self._exercises[row] if 0 <= row < len(self._exercises) else None


class TrainerController(QObject):
    """The trainer mode of one main window; found again with :func:`trainer_controller`.

    Its parts: :attr:`events` (ExerciseEvents), :attr:`guide` (GuidePanel), :attr:`presentation`
    (PresentationMode) and :attr:`menu`.
    """

    def __init__(self, window: PageHost) -> None:
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        self._window = window
        self._app = window.app
        self._services = window.services
        self._hub_dialog: PracticeHubDialog | None = None
        self.exercise_errors: list[ExerciseError] = []
        self.exercises = load_exercises(exercise_folders(self._app), self.exercise_errors)

        self.events = ExerciseEvents(window, self._services)
        self.guide = GuidePanel(self.events, self.language, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide)
        window.splitDockWidget(window.action_plan_dock, self.guide, Qt.Orientation.Vertical)
        self.presentation = PresentationMode(window.appearance, self)

        self.start_action = QAction(window)
        self.reset_action = QAction(window)
        self.checkpoint_menu = QMenu(window)
        self.save_menu = QMenu(window)
        self.pack_export_action = QAction(window)
        self.pack_import_action = QAction(window)
        self.workshops_action = QAction(window)
        self.hub_action = QAction(window)
        self.present_action = QAction(window)
        self.present_action.setCheckable(True)
        self.present_action.setShortcut(PRESENT_SHORTCUT)
        self.present_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.menu = QMenu(window)
        self.menu.setObjectName("trainer_menu")
        self.menu.addAction(self.start_action)
        self.menu.addSeparator()
        self.menu.addAction(self.reset_action)
        self.menu.addMenu(self.checkpoint_menu)
        self.menu.addMenu(self.save_menu)
        self.menu.addSeparator()
        self.menu.addAction(self.pack_export_action)
        self.menu.addAction(self.pack_import_action)
        self.menu.addSeparator()
        self.menu.addAction(self.workshops_action)
        self.menu.addAction(self.hub_action)
        self.menu.addSeparator()
        self.menu.addAction(self.present_action)
        window.menuBar().insertMenu(window.tools_menu.menuAction(), self.menu)
        window.addAction(self.present_action)  # the shortcut works with the menu closed

        self.start_action.triggered.connect(self.choose_exercise)
        self.reset_action.triggered.connect(lambda: self.reset_to(1))
        self.checkpoint_menu.aboutToShow.connect(self._fill_checkpoint_menus)
        self.save_menu.aboutToShow.connect(self._fill_checkpoint_menus)
        self.pack_export_action.triggered.connect(self.export_pack)
        self.pack_import_action.triggered.connect(self.import_pack)
        self.workshops_action.triggered.connect(self.open_workshops)
        self.hub_action.triggered.connect(self.open_hub)
        self.present_action.toggled.connect(self.presentation.set_active)
        self.presentation.toggled.connect(self.present_action.setChecked)
        self.guide.start_requested.connect(self.choose_exercise)
        self.guide.exercise_finished.connect(self._on_exercise_finished)
        window.installEventFilter(self)
        self.retranslate_ui()
        self._fill_checkpoint_menus()
        self.show_senior_total()

    # ----- texts -------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.menu.setTitle(self.tr("研修(&J)"))
        self.start_action.setText(self.tr("演習を始める(&G)…"))
        self.reset_action.setText(self.tr("練習をリセット(&R)…"))
        self.reset_action.setToolTip(self.tr("練習用のデータを最初の状態に戻します（次のグループの前に）"))
        self.checkpoint_menu.setTitle(self.tr("演習の開始状態へ(&S)"))
        self.save_menu.setTitle(self.tr("今の状態を演習の開始として保存(&V)"))
        self.pack_export_action.setText(self.tr("研修パックの書き出し(&E)…"))
        self.pack_import_action.setText(self.tr("研修パックの取り込み(&I)…"))
        self.workshops_action.setText(self.tr("研修の記録(&W)…"))
        self.hub_action.setText(self.tr("練習用ハブと読み取りリンク(&H)…"))
        self.present_action.setText(self.tr("発表モード(&P)"))
        self.present_action.setToolTip(self.tr("文字を大きくし、クリックとキー操作を画面に表示します"))
        self._fill_checkpoint_menus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the window's language changes, stop hub calls when it closes; never consumes."""
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif watched is self._window and event.type() == QEvent.Type.Close:
            self.shutdown()  # before Qt deletes the dialog's task runner
        return False

    def language(self) -> str:
        """The language the exercises are shown in: the application's."""
        return self._window.appearance.look.language

    def _label(self, exercise: Exercise) -> str:
        return self.tr("演習{number}　{title}").format(
            number=exercise.number, title=exercise.title.get(self.language())
        )

    @Slot()
    def _fill_checkpoint_menus(self) -> None:
        saved = set(trainer.checkpoints(self._services.context.ref))
        self.checkpoint_menu.clear()
        self.save_menu.clear()
        for exercise in self.exercises:
            number = exercise.number
            go = self.checkpoint_menu.addAction(self._label(exercise))
            go.setEnabled(number in saved)
            if number not in saved:
                go.setToolTip(self.tr("この演習の開始状態はまだ保存されていません"))
            go.triggered.connect(lambda _checked=False, n=number: self.reset_to(n))
            keep = self.save_menu.addAction(self._label(exercise))
            keep.triggered.connect(lambda _checked=False, n=number: self.save_checkpoint(n))

    def show_senior_total(self) -> None:
        """Show the trainer's senior-course total in the guide, beside the plan's target."""
        try:
            total = self._app.workshops().senior_total()
        except UserError:
            return  # a damaged file is reported when the records are opened
        self.guide.set_senior_total(total, senior_kpi_target(self._window))

    # ----- exercises -------------------------------------------------------------------------------
    def exercise(self, number: int) -> Exercise | None:
        """The exercise numbered ``number``, if there is one."""
        return next((e for e in self.exercises if e.number == number), None)

    @Slot()
    def choose_exercise(self) -> Exercise | None:
        """Let the trainer pick an exercise and start its guide."""
        if self.exercise_errors:
            dialogs.warn(
                self._window,
                self.tr("読めない演習ファイル"),
                self.tr("次の演習ファイルは形式が正しくないため使えません:\n{errors}").format(
                    errors="\n".join(messages.error_text(e) for e in self.exercise_errors)
                ),
            )
        dialog = ExercisePickerDialog(self.exercises, self.language(), self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        exercise = dialog.chosen()
        if exercise is not None:
            self.guide.start(exercise)
        return exercise

    @Slot(str)
    def _on_exercise_finished(self, exercise_id: str) -> None:
        exercise = next((e for e in self.exercises if e.id == exercise_id), None)
        if exercise is not None:
            self._window.statusBar().showMessage(
                self.tr("{label} が完了しました").format(label=self._label(exercise)), 10_000
            )

    # ----- practice data ------------------------------------------------------------------------------
    def reset_to(self, number: int, confirm: bool = True) -> PageHost | None:
        """Put the practice data back to the start of exercise ``number`` (after asking).

        Returns the new main window (None when cancelled or refused).
        """
        if confirm and not self._confirm(
            self.tr("練習をリセット"),
            self.tr(
                "練習用のデータを演習{number}の開始状態に戻します。今の操作の結果は消えます。よろしいですか？"
            ).format(number=number),
            self.tr("データを戻す"),
        ):
            return None
        app = self._app
        window = replace_practice(self._window, lambda: trainer.reset(app.profiles, number), number)
        if window is not None:
            window.statusBar().showMessage(
                self.tr("練習用のデータを演習{number}の開始状態に戻しました").format(number=number), 10_000
            )
        return window

    def save_checkpoint(self, number: int) -> bool:
        """Keep the current data as the start of exercise ``number``."""
        try:
            trainer.save_checkpoint(self._services.context, number)
        except UserError as error:
            messages.show_error(self._window, error)
            return False
        except OSError as exc:
            dialogs.warn(self._window, self.tr("保存できません"), messages.os_error_text(exc))
            return False
        self._fill_checkpoint_menus()
        self._window.statusBar().showMessage(
            self.tr("今の状態を演習{number}の開始状態として保存しました").format(number=number), 10_000
        )
        return True

    @Slot()
    def export_pack(self) -> Path | None:
        """Write the practice profile, its checkpoints and the exercises into one file."""
        path = dialogs.save_file(
            self._window,
            dialogs.Purpose.TRAINING,
            self.tr("研修パックの書き出し"),
            self.tr("研修パック.kdpack"),
            self.tr("研修パック (*.kdpack)"),
            ".kdpack",
        )
        if path is None:
            return None
        try:
            trainer.export_pack(self._services.context, path, self._app.paths.resources / EXERCISES_FOLDER)
        except UserError as error:
            messages.show_error(self._window, error)
            return None
        except OSError as exc:
            dialogs.warn(self._window, self.tr("書き出せません"), messages.os_error_text(exc))
            return None
        dialogs.inform(
            self._window,
            self.tr("研修パックの書き出し"),
            self.tr("{path} に書き出しました。会場のパソコンで「研修パックの取り込み」を使います。").format(
                path=path
            ),
        )
        return path

    @Slot()
    def import_pack(self) -> PageHost | None:
        """Replace the practice profile with a workshop pack's (after asking)."""
        chosen = dialogs.open_file(
            self._window,
            dialogs.Purpose.TRAINING,
            self.tr("研修パックの取り込み"),
            self.tr("研修パック (*.kdpack);;すべてのファイル (*)"),
        )
        if chosen is None or not self._confirm(
            self.tr("研修パックの取り込み"),
            self.tr("今の練習用のデータを、研修パックの内容に置き換えます。よろしいですか？"),
            self.tr("置き換える"),
        ):
            return None
        app = self._app
        target = app.paths.data_dir / EXERCISES_FOLDER
        return replace_practice(self._window, lambda: trainer.import_pack(app.profiles, chosen, target), 1)

    def _confirm(self, title: str, text: str, yes: str) -> bool:
        return dialogs.ask(self._window, title, text, yes=yes)

    # ----- records, hub ------------------------------------------------------------------------------
    @Slot()
    def open_workshops(self) -> WorkshopDialog:
        """The workshop records (shown modally; returned for tests after it closed)."""
        dialog = self.workshop_dialog()
        dialog.exec()
        return dialog

    def workshop_dialog(self) -> WorkshopDialog:
        """A workshop-records dialog that updates the guide's total when a record is added."""
        dialog = WorkshopDialog(
            self._app.workshops(),
            self.exercises,
            self.language(),
            senior_kpi_target(self._window),
            self._window,
        )
        dialog.workshop_added.connect(lambda _workshop: self.show_senior_total())
        return dialog

    @Slot()
    def open_hub(self) -> PracticeHubDialog | None:
        """Start the practice hub, connect this profile to it, sync, and show the reader links."""
        dialog = self.hub_dialog()
        if not dialog.connect_profile():
            return None
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.show()
        return dialog

    def hub_dialog(self) -> PracticeHubDialog:
        """The window's practice-hub dialog (one, kept while the window lives)."""
        if self._hub_dialog is None:
            hub = practice_hub_for(self._app, self._services.context.ref.folder)
            self._hub_dialog = PracticeHubDialog(hub, self._services, self._window)
            self._hub_dialog.synced.connect(lambda _result: self.refresh_reads())
        return self._hub_dialog

    def shutdown(self) -> None:
        """Drop answers of background calls under way (the window is being replaced or closed)."""
        if self._hub_dialog is not None:
            self._hub_dialog.shutdown()

    def refresh_reads(self) -> None:
        """Show reads that a sync brought in: the matrix, the home page and the read rates."""
        for matrix in self._window.findChildren(ReaderMatrixPage):
            matrix.mark_stale()
        for home in self._window.findChildren(ReadsDashboard):
            home.refresh()
        for page in self._window.findChildren(CircularListPage):
            page.refresh()
        self._window.action_plan_dock.refresh()


def trainer_controller(window: QWidget) -> TrainerController | None:
    """The controller :func:`install_trainer` gave ``window``, if any."""
    found = window.findChild(QObject, CONTROLLER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, TrainerController) else None


def replace_practice(
    window: PageHost, reopen: Callable[[], ProfileContext], start_exercise: int | None
) -> PageHost | None:
    """Close the practice profile, let ``reopen`` replace its data, and show a new window on it.

    The profile is closed first (open editors are discarded: their work is about to be thrown
    away), because ``reopen`` replaces the database file, which Windows refuses while it is
    open. Presentation mode, the practice hub's connection and the guide carry over: the new
    window starts the guide of ``start_exercise``. Returns the new window, or None when
    ``reopen`` refused (the error is shown; the old window stays on the data as it is).
    """
    app = window.app
    controller = trainer_controller(window)
    presenting = controller is not None and controller.presentation.is_active()
    hub = practice_hub_for(app, window.services.context.ref.folder)
    hub_was_connected = hub.base_url is not None and window.services.sync.is_connected()
    page = compose_page(window)
    for editor in page.editors() if page is not None else []:
        editor.discard_and_close()
    security = security_controller(window)
    if security is not None:
        security.suspend()
    if controller is not None:
        controller.presentation.set_active(False)
        controller.guide.stop()
        controller.shutdown()
    window.services.context.close()
    try:
        context = reopen()
    except UserError as error:
        messages.show_error(window, error)
        if security is not None:
            security.resume()
        return None
    new_window = replace_window(window, app.services_for(context))
    if new_window is None:
        return None
    install_trainer(new_window)
    new_controller = trainer_controller(new_window)
    if new_controller is None:
        return new_window
    if presenting:
        new_controller.presentation.set_active(True)
    if hub_was_connected:
        new_controller.hub_dialog().connect_profile()
    exercise = new_controller.exercise(start_exercise) if start_exercise is not None else None
    if exercise is not None:
        new_controller.guide.start(exercise)
    return new_window


def install_trainer(window: PageHost) -> None:
    """Add trainer mode to the main window of a practice profile (nothing for others; once)."""
    if window.services.context.ref.kind != "practice" or trainer_controller(window) is not None:
        return
    TrainerController(window)
