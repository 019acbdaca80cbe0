"""Where to look: :func:`find_anchor` finds a step's target, :class:`HighlightFrame` frames it.

:class:`HighlightFrame` draws an orange frame around a widget (found by objectName) over the
window that holds it, without taking mouse events. A target on a page that is not shown leads
to that page's tab first.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QStackedWidget, QTabWidget, QWidget

from circular_app.domain.exercises import TAB_TARGET

FRAME_COLOR = QColor("#ff8c00")
FRAME_NAME = "trainer_highlight_frame"


@dataclass(frozen=True)
class Anchor:
    """A rectangle to frame, in ``widget``'s coordinates.

    ``direct`` is False when it is the tab that leads to the target rather than the target.
    """

    widget: QWidget
    rect: QRect
    direct: bool


def _tab_of(page: QWidget) -> tuple[QTabWidget, int] | None:
    """The tab widget and index of ``page`` when it is one of a tab widget's pages."""
    stack = page.parentWidget()
    tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
    if isinstance(tabs, QTabWidget):
        index = tabs.indexOf(page)
        if index >= 0:
            return tabs, index
    return None


def _tab_anchor(tabs: QTabWidget, index: int, direct: bool) -> Anchor:
    bar = tabs.tabBar()
    return Anchor(bar, bar.tabRect(index), direct)


def _route_to(widget: QWidget) -> tuple[QTabWidget, int] | None:
    """The outermost tab that must be opened to bring ``widget`` into view (None: none)."""
    route = None
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        found = _tab_of(current)
        if found is not None and found[0].currentWidget() is not current:
            route = found
        current = current.parentWidget()
    return route


def _find(window: QWidget, name: str) -> QWidget | None:
    """The widget called ``name``: in the active window first, then a shown one, then any."""
    found = window.findChildren(QWidget, name)
    if not found:
        return None
    active = QApplication.activeWindow()
    for candidate in found:
        if active is not None and candidate.window() is active:
            return candidate
    return next((w for w in found if w.isVisible()), found[0])


def find_anchor(window: QWidget, target: str) -> Anchor | None:
    """Where to point for a step's ``target`` (see the exercises README); None: nowhere."""
    if not target:
        return None
    if target.startswith(TAB_TARGET):
        page = _find(window, target[len(TAB_TARGET) :])
        found = _tab_of(page) if page is not None else None
        if found is None:
            return None
        outer = _route_to(found[0])
        return _tab_anchor(*outer, direct=False) if outer else _tab_anchor(*found, direct=True)
    widget = _find(window, target)
    if widget is None:
        return None
    outer = _route_to(widget)
    if outer is not None:
        return _tab_anchor(*outer, direct=False)
    if not widget.isVisibleTo(widget.window()):
        return None
    return Anchor(widget, widget.rect(), True)


class HighlightFrame(QWidget):
    """An orange frame drawn over a top-level window around one rectangle; mouse goes through."""

    MARGIN = 5

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName(FRAME_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._frame: QRect | None = None
        host.installEventFilter(self)
        self.hide()

    def frame_rect(self) -> QRect | None:
        """The framed rectangle in the host window's coordinates (None while hidden)."""
        return QRect(self._frame) if self._frame is not None and self.isVisible() else None

    def point_at(self, anchor: Anchor) -> None:
        """Frame ``anchor`` (which must lie in this frame's window)."""
        host = self.parentWidget()
        assert host is not None
        self.setGeometry(host.rect())
        top_left = anchor.widget.mapTo(host, anchor.rect.topLeft())
        m = self.MARGIN
        # Kept inside the window, so that a tab at its very edge is framed on every side.
        frame = QRect(top_left, anchor.rect.size()).adjusted(-m, -m, m, m)
        frame = frame.intersected(host.rect().adjusted(2, 2, -2, -2))
        if frame != self._frame:
            self._frame = frame
            self.update()
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the host window's size; never consumes."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """A soft halo and a solid rounded frame."""
        if self._frame is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        halo = QColor(FRAME_COLOR)
        halo.setAlpha(90)
        painter.setPen(QPen(halo, 10))
        painter.drawRoundedRect(self._frame, 8, 8)
        painter.setPen(QPen(FRAME_COLOR, 4))
        painter.drawRoundedRect(self._frame, 8, 8)
        painter.end()
