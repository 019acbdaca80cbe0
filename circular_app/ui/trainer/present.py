"""Presentation mode for a projector: larger text, visible clicks and visible key presses.

While it is on, the whole application's text is scaled up (through
:class:`~circular_app.ui.common.appearance.Appearance`, the same way as the text-size setting, but
without saving it), every mouse press draws a short-lived circle where it happened, and the
keys pressed last are shown in a label at the bottom of the window (「Ctrl + S」), so that the
class can follow what the trainer does. Turning it off puts the look back as it was.

Clicks and keys are seen by an application event filter that only watches; it never consumes
an event. What is typed into a password field is shown as ●.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from circular_app.ui.common.appearance import Appearance

#: Text scale while presenting; users who already read at this size or more get the maximum.
PRESENTATION_SCALE = 150
MAXIMUM_SCALE = 200
CLICK_MS = 700
KEYS_MS = 2500
KEYS_SHOWN = 4
FRAME_MS = 30
CLICK_COLOR = QColor("#ff8c00")
OVERLAY_NAME = "trainer_presentation_overlay"

_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)
_KEY_NAMES = {
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Escape: "Esc",
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Backspace: "BackSpace",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backtab: "Tab",
    Qt.Key.Key_Up: "↑",
    Qt.Key.Key_Down: "↓",
    Qt.Key.Key_Left: "←",
    Qt.Key.Key_Right: "→",
}


def key_text(key: int, modifiers: Qt.KeyboardModifier, text: str = "") -> str:
    """How a key press is shown: 「Ctrl + S」, 「Shift + Tab」, 「Enter」, or the typed 「a」."""
    parts = []
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        parts.append("Ctrl")
    if modifiers & Qt.KeyboardModifier.AltModifier:
        parts.append("Alt")
    if modifiers & Qt.KeyboardModifier.MetaModifier:
        parts.append("Meta")
    printable = bool(text) and text.isprintable() and not text.isspace()
    if modifiers & Qt.KeyboardModifier.ShiftModifier and (parts or not printable):
        parts.append("Shift")
    name = _KEY_NAMES.get(Qt.Key(key))
    if name is None:
        if printable and not parts:
            name = text
        else:
            name = QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText) or text
    return " + ".join([*parts, name])


class PresentationOverlay(QWidget):
    """Draws the click circles and the last keys over one top-level window."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName(OVERLAY_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._clicks: list[tuple[QPoint, float]] = []
        self._keys: deque[str] = deque(maxlen=KEYS_SHOWN)
        self._keys_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        self.show()

    def keys_text(self) -> str:
        """The keys shown now (empty when none)."""
        return "　".join(self._keys)

    def click_positions(self) -> list[QPoint]:
        """Where the circles are drawn now, in window coordinates."""
        return [point for point, _at in self._clicks]

    def add_click(self, position: QPoint) -> None:
        """Draw a circle at ``position`` (window coordinates) for a moment."""
        self._clicks.append((position, time.monotonic()))
        self._awake()

    def add_keys(self, text: str) -> None:
        """Show ``text`` after the keys shown before."""
        self._keys.append(text)
        self._keys_at = time.monotonic()
        self._awake()

    def _awake(self) -> None:
        self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        self.raise_()
        self.update()
        if not self._timer.isActive():
            self._timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self._clicks = [(p, at) for p, at in self._clicks if now - at < CLICK_MS / 1000]
        if self._keys and now - self._keys_at > KEYS_MS / 1000:
            self._keys.clear()
        if not self._clicks and not self._keys:
            self._timer.stop()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the window's size; never consumes."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Circles that grow and fade; the keys in a dark box at the bottom centre."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        now = time.monotonic()
        for point, at in self._clicks:
            age = min(1.0, (now - at) / (CLICK_MS / 1000))
            radius = 14 + 26 * age
            ring = QColor(CLICK_COLOR)
            ring.setAlphaF(0.9 * (1 - age))
            fill = QColor(CLICK_COLOR)
            fill.setAlphaF(0.35 * (1 - age))
            painter.setPen(QPen(ring, 4))
            painter.setBrush(fill)
            painter.drawEllipse(point, radius, radius)
        text = self.keys_text()
        if text:
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.6)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            pad = metrics.height() // 2
            width = metrics.horizontalAdvance(text) + 2 * pad
            height = metrics.height() + pad
            box = QRect((self.width() - width) // 2, self.height() - height - 2 * pad, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 200))
            painter.drawRoundedRect(box, pad, pad)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


class PresentationMode(QObject):
    """Turns presentation mode on and off for the whole application.

    Signals:
        toggled(bool): the mode was turned on (True) or off.
    """

    toggled = Signal(bool)

    def __init__(self, appearance: Appearance, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._appearance = appearance
        self._before = appearance.look
        self._active = False
        self._overlays: list[PresentationOverlay] = []
        self._last_key: tuple[int, int, int] | None = None
        self._last_click: tuple[int, int, int] | None = None
        self.destroyed.connect(self._forget_filter)

    def is_active(self) -> bool:
        """True while presenting."""
        return self._active

    def set_active(self, active: bool) -> None:
        """Turn presentation mode on or off (a no-op when it already is)."""
        if active == self._active:
            return
        qapp = QApplication.instance()
        if active:
            self._before = self._appearance.look
            scale = PRESENTATION_SCALE if self._before.text_scale < PRESENTATION_SCALE else MAXIMUM_SCALE
            self._appearance.apply(dataclasses.replace(self._before, text_scale=scale))
            if qapp is not None:
                qapp.installEventFilter(self)
        else:
            if qapp is not None:
                qapp.removeEventFilter(self)
            # Keep a language or contrast chosen while presenting; only the size goes back.
            now = self._appearance.look
            self._appearance.apply(dataclasses.replace(now, text_scale=self._before.text_scale))
            for overlay in self._overlays:
                if shiboken6.isValid(overlay):
                    overlay.deleteLater()
            self._overlays.clear()
        self._active = active
        self.toggled.emit(active)

    def toggle(self) -> None:
        """Turn the mode on when off, off when on."""
        self.set_active(not self._active)

    def overlay_for(self, window: QWidget) -> PresentationOverlay:
        """The overlay of the top-level ``window`` (made when first needed)."""
        found = window.findChild(PresentationOverlay, OVERLAY_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        if found is None:
            found = PresentationOverlay(window)
            self._overlays = [o for o in self._overlays if shiboken6.isValid(o)]
            self._overlays.append(found)
        return found

    def _forget_filter(self) -> None:
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Show presses of mouse buttons and keys; never consumes an event."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease:
            self._last_click = None
        elif kind == QEvent.Type.KeyRelease:
            self._last_key = None
        elif kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            assert isinstance(event, QMouseEvent)
            window = watched.window()
            where = watched.mapTo(window, event.position().toPoint())
            # A press that no widget accepts travels up to the parents (its position made
            # relative to each): show it once, until its release.
            seen = (event.timestamp(), where.x(), where.y())
            if seen != self._last_click:
                self._last_click = seen
                self.overlay_for(window).add_click(where)
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            # A shortcut arrives as ShortcutOverride, other keys as KeyPress after it, and both
            # travel up to the parents: show the press once (until its release).
            seen = (event.timestamp(), key, int(event.modifiers().value))
            if key not in _MODIFIER_KEYS and not event.isAutoRepeat() and seen != self._last_key:
                self._last_key = seen
                text = event.text()
                if isinstance(watched, QLineEdit) and watched.echoMode() != QLineEdit.EchoMode.Normal:
                    text = "●" if text else text
                self.overlay_for(watched.window()).add_keys(key_text(key, event.modifiers(), text))
        return False
