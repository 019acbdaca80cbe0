"""No traps (issue #20, item 5): the wheel, Tab in date fields, Alt shortcuts and menu texts."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.common.input_guards import InputGuards, install_input_guards
from circular_app.ui.shell.main_window import MainWindow


def _wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _form(qtbot: QtBot) -> tuple[QWidget, QComboBox, QDateEdit, QLineEdit]:
    install_input_guards(QApplication.instance())  # type: ignore[arg-type]
    form = QWidget()
    layout = QVBoxLayout(form)
    first = QLineEdit(form)
    combo = QComboBox(form)
    combo.addItems([f"{n}班" for n in range(1, 6)])
    date = QDateEdit(QDate(2026, 11, 21), form)
    after = QLineEdit(form)
    for widget in (first, combo, date, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    return form, combo, date, after


def test_fields_made_before_the_guards_are_guarded_too(qtbot: QtBot) -> None:
    """The log-in window is built before the guards are installed: its combo boxes are guarded."""
    guards = QApplication.instance().findChild(InputGuards)  # type: ignore[union-attr]
    if guards is not None:  # installed by an earlier test: start this one without
        QApplication.instance().removeEventFilter(guards)  # type: ignore[union-attr]
        guards.setParent(None)
        guards.deleteLater()
    early = QComboBox()
    qtbot.addWidget(early)
    early.addItems(["1班", "2班"])
    assert early.focusPolicy() == Qt.FocusPolicy.WheelFocus  # Qt's default for a combo box
    install_input_guards(QApplication.instance())  # type: ignore[arg-type]
    assert early.focusPolicy() == Qt.FocusPolicy.StrongFocus
    _wheel(early)
    assert early.currentIndex() == 0


def test_wheel_over_an_unfocused_combo_changes_nothing(qtbot: QtBot) -> None:
    """Scrolling over the 班 field without clicking it leaves 1班 as it is."""
    _form_widget, combo, _date, _after = _form(qtbot)
    _wheel(combo)
    assert combo.currentIndex() == 0
    assert not combo.hasFocus()


def test_wheel_over_a_focused_combo_still_works(qtbot: QtBot) -> None:
    """Once the officer chose the field, the wheel changes it as usual."""
    _form_widget, combo, _date, _after = _form(qtbot)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() == 1


def test_wheel_over_an_unfocused_date_changes_nothing(qtbot: QtBot) -> None:
    """The same for date fields (and spin boxes)."""
    _form_widget, _combo, date, _after = _form(qtbot)
    _wheel(date)
    assert date.date() == QDate(2026, 11, 21)


def test_a_date_field_is_one_tab_stop(qtbot: QtBot) -> None:
    """Tab in a date field goes to the next field, not to the month and the day."""
    _form_widget, _combo, date, after = _form(qtbot)
    date.setFocus()
    qtbot.waitUntil(date.hasFocus)
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert after.hasFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert date.hasFocus()
    qtbot.keyClick(date, Qt.Key.Key_Backtab)
    assert not date.hasFocus()


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_toolbar_and_menu_bar_mnemonics_are_unique(window: MainWindow) -> None:
    """Every toolbar button has an (&X) letter, none used twice among the toolbar and the menu titles."""
    buttons = [a for a in window.toolbar.actions() if not a.isSeparator()]
    keys = [_mnemonic(a.text()) for a in buttons]
    assert all(keys), [a.text() for a in buttons]
    titles = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(set(keys + titles)) == len(keys + titles)
    # The roster page's own fields (検索(&S)…) answer Alt+letter too while the toolbar is shown.
    fields = {
        _mnemonic(label.text()) for label in window.page.findChildren(QLabel) if label.buddy() is not None
    }
    assert not fields & set(keys)


def test_alt_letter_triggers_each_toolbar_button(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+A, Alt+E, … trigger the roster toolbar's buttons (they did nothing before)."""
    window.tabs.setCurrentWidget(window.page)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.page.table.setFocus()
    window.page.table.selectRow(0)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for action in [a for a in window.toolbar.actions() if not a.isSeparator()]:
        assert action.isEnabled(), action.text()
        action.triggered.disconnect()  # the real slots open modal dialogs
        hits: list[bool] = []
        action.triggered.connect(lambda _checked=False, hits=hits: hits.append(True))
        key = QKeySequence.mnemonic(action.text())[0]
        qtbot.keyClick(window.page.table, key.key(), Qt.KeyboardModifier.AltModifier)
        assert hits == [True], action.text()


def test_every_menu_text_fits_its_menu(qtbot: QtBot, window: MainWindow, appearance: Appearance) -> None:
    """No menu item is cut off with "…" at 100 %, 150 % or 200 %."""
    window.show()
    qtbot.waitExposed(window)
    for scale in (100, 150, 200):
        appearance.apply(Look(text_scale=scale))
        for title in window.menuBar().actions():
            menu = title.menu()
            if menu is None:
                continue
            menu.ensurePolished()  # the style sheet's font; the item rectangles follow it
            menu.adjustSize()
            metrics = QFontMetrics(menu.font())
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                text = action.text().replace("&", "")
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                needed = metrics.horizontalAdvance(text) + (
                    metrics.horizontalAdvance(shortcut) if shortcut else 0
                )
                assert needed <= menu.actionGeometry(action).width(), (scale, text)
