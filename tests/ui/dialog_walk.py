"""Walking a main window's menus and the dialogs they open, offscreen (shared by GUI tests).

:class:`DialogWatcher` inspects whatever modal window appears (message boxes, custom dialogs,
Qt's file and input dialogs), records its texts, clicks the 「…」 buttons of a custom dialog
once (they open file dialogs, inspected too) and closes it. :func:`ui_texts` lists every text a
person can read on a widget: buttons, menu actions, labels, group titles, tabs, list choices and
table headings. :func:`unnamed_widgets` lists the controls a screen reader could not name; the
watcher records them for every dialog it sees, so the accessibility check costs no extra walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QSlider,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

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
    texts: set[str] = field(default_factory=set)
    unnamed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """The English standard texts and vague answers found in this dialog."""
        found = [f"{self.kind}「{self.title}」 button {t!r}" for t in self.buttons if ENGLISH.search(t)]
        found += [f"{self.kind}「{self.title}」 label {t!r}" for t in self.labels if ENGLISH.search(t)]
        found += [f"{self.kind}「{self.title}」 vague button {t!r}" for t in self.buttons if t in VAGUE]
        return found


def visible_texts(widget: QWidget) -> tuple[list[str], list[str]]:
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
        buttons, labels = visible_texts(widget)
        self.seen.append(
            Seen(
                type(widget).__name__,
                widget.windowTitle(),
                buttons,
                labels,
                ui_texts(widget),
                [] if isinstance(widget, QFileDialog) else unnamed_widgets(widget),
            )
        )
        plain = not isinstance(widget, (QMessageBox, QFileDialog, QInputDialog))
        if plain and self._click_browse:
            for button in widget.findChildren(QPushButton):
                if button.isVisibleTo(widget) and button.isEnabled() and button.text().endswith("…"):
                    button.click()  # a file dialog opens in a nested loop and is inspected too
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()


def trigger(action: QAction) -> None:
    # Some actions rebuild a menu (the trainer's checkpoints): the older actions are gone.
    if shiboken6.isValid(action):
        action.trigger()


def menu_actions(window: QMainWindow) -> list[tuple[str, Callable[[], object]]]:
    """Every enabled action of the window's menus (but quitting and locking), as (text, trigger)."""
    found: list[tuple[str, Callable[[], object]]] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and action.isEnabled() and action.text() not in SKIPPED_ACTIONS:
                found.append((action.text(), lambda action=action: trigger(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


def ui_texts(widget: QWidget) -> set[str]:
    """Every text a person can read on ``widget`` and its children (hidden pages included)."""
    # Window titles are left out: a step names what to press or read, not a window's caption.
    texts: set[str] = {b.text() for b in widget.findChildren(QAbstractButton)}
    texts |= {a.text() for a in widget.findChildren(QAction)}
    texts |= {m.title() for m in widget.findChildren(QMenu)}
    texts |= {label.text() for label in widget.findChildren(QLabel)}
    texts |= {g.title() for g in widget.findChildren(QGroupBox)}
    for tabs in widget.findChildren(QTabWidget):
        texts |= {tabs.tabText(i) for i in range(tabs.count())}
    for combo in widget.findChildren(QComboBox):
        texts |= {combo.itemText(i) for i in range(combo.count())}
    for view in widget.findChildren(QTableView):
        model = view.model()
        for column in range(view.horizontalHeader().count() if model is not None else 0):
            heading = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(heading, str):
                texts.add(heading)
    return {t for t in texts if t}


#: Controls a person operates: each needs a name a screen reader can say.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
#: Controls inside these are Qt's own parts (a spin box's line edit, a combo's popup list,
#: a search field's clear button).
COMPOSITE = (QComboBox, QAbstractSpinBox, QCalendarWidget, QScrollBar, QFileDialog, QLineEdit, QHeaderView)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader on Windows says for ``widget``.

    A button is named by Qt from its text. Every other control needs its own accessible name,
    a label whose buddy it is, or a group box around it: on Windows Qt names a combo box, a
    field or a table only so (on Linux it falls back to the current value, which names nothing).
    """
    if isinstance(widget, QAbstractButton):
        interface = QAccessible.queryAccessibleInterface(widget)
        return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget and label.text().replace("&", "").strip():
            return label.text().replace("&", "").strip()
    return parent.title() if isinstance(parent, QGroupBox) else ""


def unnamed_widgets(root: QWidget) -> list[str]:
    """The controls of ``root`` (hidden pages too) a screen reader cannot name, as
    「class objectName in window」 lines."""
    found = []
    for widget in root.findChildren(QWidget):
        if (
            not isinstance(widget, INTERACTIVE)
            or isinstance(widget, QHeaderView)  # a table's headings: read with the table
            or widget.objectName().startswith("qt_")
        ):
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root.parentWidget():
            if isinstance(parent, COMPOSITE):
                inside = True
                break
            parent = parent.parentWidget()
        if inside or type(widget).__name__ == "QTableCornerButton" or accessible_name(widget):
            continue
        window = widget.window().windowTitle() or type(widget.window()).__name__
        found.append(
            f"{type(widget).__name__} {widget.objectName()!r} in 「{window}」 (parent {type(widget.parentWidget()).__name__})"
        )
    return found
