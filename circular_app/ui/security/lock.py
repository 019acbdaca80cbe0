"""The screen lock: after a time without input, or on request, a main window hides everything
personal behind a lock screen until the officer's password is typed again.

* :class:`IdleWatcher` counts user input anywhere in the application (an application-wide
  event filter) and reports when there was none for the configured time.
* :class:`WindowLock` swaps the window's central widget for a :class:`LockScreen`, hides the
  docks, tool bars, menu bar and status bar, disables every action (so no shortcut can open a
  dialog with personal data) and closes open dialogs. The roster is taken out of the window
  entirely while locked, so nothing of it is in the shown widget tree.
* :class:`SwitchOfficerDialog` logs another officer of the same association in, for
  "switch officer" from the menu or from the lock screen.

The password is checked by the account service, which uses the same counter as the log-in:
five wrong tries lock the account out with a growing delay.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import UserError
from circular_app.services.accounts import AccountService, ProfileRef
from circular_app.ui.common import dialogs
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font
from circular_app.ui.security.common import SecurityDialog, error_text, password_edit, set_button_texts

log = logging.getLogger(__name__)

# Widest the lock screen's box grows, in full-width characters of the current text size.
BOX_WIDTH_EM = 36

# Events that mean a person is at the PC. Paint, timer and focus events do not count.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.InputMethod,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Reports when the application had no user input for ``timeout_ms``.

    Signals:
        idle_timed_out(): no key, mouse, wheel, touch or input-method event for the timeout.
    """

    idle_timed_out = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle_timed_out)
        self._watching = False
        qapp = QApplication.instance()
        if qapp is None:
            raise RuntimeError("IdleWatcher needs a running QApplication")
        qapp.installEventFilter(self)

    @property
    def watching(self) -> bool:
        """True while input is being counted (between :meth:`start` and :meth:`stop`)."""
        return self._watching

    def set_timeout(self, timeout_ms: int) -> None:
        """Change the idle time; counting starts again from now when it is running."""
        self.timer.setInterval(timeout_ms)
        if self._watching:
            self.timer.start()

    def start(self) -> None:
        """Start counting from now."""
        self._watching = True
        self.timer.start()

    def stop(self) -> None:
        """Stop counting (while locked, or when the window goes away)."""
        self._watching = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Restart the count on any user input; never consumes the event."""
        if self._watching and event.type() in INPUT_EVENTS:
            self.timer.start()
        return False


class LockScreen(Retranslating, QWidget):
    """What a locked window shows: no personal data, only the officer's name and a password field.

    Signals:
        unlock_requested(str): the officer typed a password and asked to unlock.
        switch_requested(): someone else wants to log in instead.
    """

    unlock_requested = Signal(str)
    switch_requested = Signal()

    def __init__(self, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self._display_name = display_name
        self._setup_ui()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.box = box
        self.title = QLabel(box)
        self.title.setFont(bold_font())
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.officer_label = QLabel(box)
        self.officer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.officer_label.setWordWrap(True)
        self.hint = QLabel(box)
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.password_label = QLabel(box)
        self.password_edit = password_edit(box)
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.password_label, self.password_edit)
        self.error = ErrorLabel(box)
        self.unlock_button = QPushButton(box)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(box)
        inner = QVBoxLayout(box)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.officer_label)
        inner.addWidget(self.hint)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.unlock_button)
        inner.addSpacing(12)
        inner.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Centred by stretches, not by alignment: an aligned box takes its size hint's width
        # and squeezes the wrapped texts; here it gets up to BOX_WIDTH_EM of the window.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._fit_box()
        self.password_edit.returnPressed.connect(self._request_unlock)
        self.unlock_button.clicked.connect(self._request_unlock)
        self.switch_button.clicked.connect(self.switch_requested)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.title.setText(self.tr("画面をロックしました"))
        self.officer_label.setText(self.tr("{name} さんが使用中").format(name=self._display_name))
        self.hint.setText(self.tr("続けるには、パスワードを入力して「ロックを解除」を押してください。"))
        self.password_label.setText(self.tr("パスワード(&P)"))
        self.password_edit.setAccessibleName(self.tr("パスワード"))
        self.unlock_button.setText(self.tr("ロックを解除(&U)"))
        self.switch_button.setText(self.tr("別の役員でログイン(&S)…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Follow the text size (the mixin re-translates on a language change)."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_box()
        super().changeEvent(event)

    def _fit_box(self) -> None:
        self.box.setMaximumWidth(self.fontMetrics().horizontalAdvance("あ") * BOX_WIDTH_EM)

    @Slot()
    def _request_unlock(self) -> None:
        self.error.clear_error()
        self.unlock_requested.emit(self.password_edit.text())

    def show_error(self, text: str) -> None:
        """Show why the password was refused and select it for typing again."""
        self.error.show_error(text)
        self.password_edit.selectAll()
        self.password_edit.setFocus()


def close_open_dialogs(keep: QWidget) -> None:
    """Close every dialog and menu shown by the application except ``keep`` (and its children).

    Dialogs are rejected (as if cancelled), innermost first, so that a modal ``exec()`` returns
    normally; a form left for the idle time is treated as abandoned.
    """
    for _ in range(50):  # a modal stack is short; the bound guards against a dialog that refuses
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QDialog) or not modal.isVisible():
            break
        modal.reject()
    for widget in QApplication.topLevelWidgets():
        if widget is keep or not widget.isVisible():
            continue
        if isinstance(widget, QDialog):
            widget.reject()
        elif isinstance(widget, QMenu):
            widget.close()


class WindowLock(QObject):
    """Locks one main window: its content is taken out and a :class:`LockScreen` shown instead.

    Signals:
        locked(): the window was locked.
        unlocked(): the right password was given and the content is back.
        switch_requested(): the lock screen's "log in as another officer" was pressed.
    """

    locked = Signal()
    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, window: QMainWindow, accounts: AccountService, display_name: str) -> None:
        super().__init__(window)
        self._window = window
        self._accounts = accounts
        self._display_name = display_name
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []

    @property
    def is_locked(self) -> bool:
        """True while the lock screen is shown."""
        return self.screen is not None

    @Slot()
    def lock(self) -> None:
        """Hide everything personal behind the lock screen (no-op when already locked)."""
        if self.screen is not None:
            return
        window = self._window
        close_open_dialogs(keep=window)
        self._disabled = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        bars: list[QWidget] = [*window.findChildren(QDockWidget), *window.findChildren(QToolBar)]
        bars += [window.menuBar(), window.statusBar()]
        self._hidden = [w for w in bars if w.isVisibleTo(window)]
        for widget in self._hidden:
            widget.hide()
        # Taken out, not covered: the roster is not in the shown widget tree while locked.
        self._content = window.takeCentralWidget()
        if self._content is not None:
            # Taken out, it has no parent: it goes with the window if that closes while locked.
            window.destroyed.connect(self._content.deleteLater)
        screen = LockScreen(self._display_name)
        screen.unlock_requested.connect(self._try_unlock)
        screen.switch_requested.connect(self.switch_requested)
        window.setCentralWidget(screen)
        screen.show()
        self.screen = screen
        screen.password_edit.setFocus()
        try:
            self._accounts.record_lock()
        except UserError as error:
            # The lock itself must never fail because the audit trail could not be written.
            log.warning("lock not recorded in the audit trail: %s", type(error).__name__)
        self.locked.emit()

    @Slot(str)
    def _try_unlock(self, password: str) -> None:
        screen = self.screen
        if screen is None:
            return
        try:
            self._accounts.unlock_screen(password)
        except UserError as error:
            screen.show_error(error_text(error))
            return
        self.restore()

    def restore(self) -> None:
        """Put the content back (after the right password, or when the window is replaced)."""
        screen = self.screen
        if screen is None:
            return
        window = self._window
        window.takeCentralWidget()
        screen.password_edit.clear()
        screen.deleteLater()
        self.screen = None
        if self._content is not None:
            window.destroyed.disconnect(self._content.deleteLater)
            window.setCentralWidget(self._content)
            # Reparenting hid it; the layout would only show it again from a queued call.
            self._content.show()
            self._content = None
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.unlocked.emit()


class SwitchOfficerDialog(SecurityDialog):
    """Log another officer of the same association in. After ``Accepted``, :attr:`services` is set.

    The window that asked closes its own services and rebuilds itself on the new ones.
    """

    def __init__(self, app: App, ref: ProfileRef, current_user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._ref = ref
        self.services: ProfileServices | None = None
        self._setup_ui()
        self.retranslate_ui()
        self._fill_users(current_user)

    def _setup_ui(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.user_label = QLabel(content)
        self.user_combo = QComboBox(content)
        self.user_combo.setEditable(True)
        self.user_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.user_label.setBuddy(self.user_combo)
        self.password_label = QLabel(content)
        self.password_edit = password_edit(content)
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.user_label, self.user_combo)
        form.addRow(self.password_label, self.password_edit)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(content)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("役員の切り替え"))
        self.intro.setText(
            self.tr("{name} に別の役員でログインします。今の画面は閉じます。").format(name=self._ref.name)
        )
        self.user_label.setText(self.tr("ユーザー名(&U)"))
        self.user_combo.setAccessibleName(self.tr("ユーザー名"))
        self.password_label.setText(self.tr("パスワード(&P)"))
        self.password_edit.setAccessibleName(self.tr("パスワード"))
        set_button_texts(
            self.buttons,
            {
                QDialogButtonBox.StandardButton.Ok: self.tr("ログイン"),
                QDialogButtonBox.StandardButton.Cancel: dialogs.cancel_text(),
            },
        )

    def _fill_users(self, current_user: str) -> None:
        try:
            names = [n for n in self._app.profiles.store.envelope(self._ref).usernames if n != current_user]
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.user_combo.addItems(names)
        self.user_combo.setCurrentIndex(-1 if len(names) != 1 else 0)

    def set_user(self, username: str) -> None:
        """Type ``username`` into the user field."""
        self.user_combo.setCurrentText(username)

    @Slot()
    def accept(self) -> None:
        """Log the chosen officer in; show the reason inline when refused."""
        self.error.clear_error()
        username = self.user_combo.currentText().strip()
        if not username:
            self.error.show_error(self.tr("ユーザー名を入力してください"))
            self.user_combo.setFocus()
            return
        try:
            context = self._app.profiles.open_profile(self._ref, username, self.password_edit.text())
        except UserError as error:
            self.error.show_error(error_text(error))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        self.services = self._app.services_for(context)
        super().accept()
