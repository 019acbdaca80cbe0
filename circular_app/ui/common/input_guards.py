"""Guards against input traps, installed once on the QApplication.

- **The wheel** changes a combo box, spin box or date field only while it has the keyboard
  focus. Scrolling a dialog with the mouse over the 班 field used to turn 1班 into 5班
  without anyone noticing; now the turn of the wheel does nothing there until the field was
  clicked or tabbed into (and the wheel no longer gives such a field the focus).
- **Tab leaves a date field** at once. Qt's date fields stop Tab at the year, the month and
  the day in turn; the arrow keys still move between them.

Also here: :func:`add_toolbar_mnemonics`, which makes every toolbar button's ``(&X)`` work
with Alt+X as the same letter does in a menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QWidget,
)

if TYPE_CHECKING:  # the toolbar's classes: made with the main window, not the log-in window
    from PySide6.QtGui import QAction, QShortcut
    from PySide6.QtWidgets import QToolBar

_WHEEL_GUARDED = (QComboBox, QAbstractSpinBox)
# The filter sees every event of the application (thousands while a window is built): the
# three kinds it acts on are looked up once, and any other kind returns at the first test.
_POLISH, _WHEEL, _KEY_PRESS = QEvent.Type.Polish, QEvent.Type.Wheel, QEvent.Type.KeyPress
_WATCHED = frozenset((_POLISH, _WHEEL, _KEY_PRESS))


class InputGuards(QObject):
    """The application-wide event filter; see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Swallow the wheel over unfocused fields; let Tab leave date fields."""
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind == _POLISH and isinstance(watched, _WHEEL_GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == _WHEEL and isinstance(watched, QWidget):
            field = _guarded_field(watched)
            if field is not None and not field.hasFocus():
                event.ignore()
                return True
        elif kind == _KEY_PRESS and isinstance(watched, QDateTimeEdit):
            assert isinstance(event, QKeyEvent)
            _leave_on_tab(watched, event)
        return False


def _guarded_field(widget: QWidget) -> QWidget | None:
    """The combo or spin box ``widget`` is, or is inside of (an editable combo's line edit)."""
    current: QWidget | None = widget
    for _ in range(2):
        if isinstance(current, _WHEEL_GUARDED):
            return current
        current = current.parentWidget() if current is not None else None
    return None


def _leave_on_tab(edit: QDateTimeEdit, event: QKeyEvent) -> None:
    """Make Qt's next Tab (or Shift+Tab) step leave the field instead of moving a section."""
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return
    if event.key() == Qt.Key.Key_Tab:
        edit.setCurrentSectionIndex(edit.sectionCount() - 1)
    elif event.key() == Qt.Key.Key_Backtab:
        edit.setCurrentSectionIndex(0)


def install_input_guards(qapp: QApplication) -> InputGuards:
    """Install the guards on ``qapp`` once; returns the installed filter.

    Fields made before (the log-in window's, which is shown first: the filter, a Python call
    for every event of the application, is installed once it is up) are guarded here too.
    """
    existing = qapp.findChild(InputGuards)
    if existing is not None:
        return existing
    guards = InputGuards(qapp)
    qapp.installEventFilter(guards)
    for widget in QApplication.allWidgets():
        if isinstance(widget, _WHEEL_GUARDED) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guards


def add_toolbar_mnemonics(toolbar: QToolBar) -> list[QShortcut]:
    """Alt+X triggers the toolbar button whose text has ``(&X)``, while the toolbar is shown.

    Qt draws a toolbar button from the action's text without its ``&``, so the letter shown
    in brackets did nothing. The shortcut belongs to the toolbar: a hidden toolbar (another
    tab is open) does not answer, and a disabled action is not triggered.
    """
    # Imported here: PySide6 builds a Qt class (and its enums) on first import, and the log-in
    # window, which loads this module, has no toolbar.
    from PySide6.QtGui import QShortcut

    shortcuts: list[QShortcut] = []
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        shortcut = QShortcut(toolbar)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setProperty("mnemonic_of", action.objectName())
        shortcut.activated.connect(lambda action=action: _trigger_if_enabled(action))
        _follow_text(action, shortcut)
        action.changed.connect(lambda action=action, shortcut=shortcut: _follow_text(action, shortcut))
        shortcuts.append(shortcut)
    return shortcuts


def _follow_text(action: QAction, shortcut: QShortcut) -> None:
    """The shortcut's key is the action text's current mnemonic (texts change with the language)."""
    from PySide6.QtGui import QKeySequence  # see add_toolbar_mnemonics

    key = QKeySequence.mnemonic(action.text())  # Alt+X for "…(&X)", empty without one
    if shortcut.key() != key:
        shortcut.setKey(key)


def _trigger_if_enabled(action: QAction) -> None:
    if action.isEnabled():
        action.trigger()
