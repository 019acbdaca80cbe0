"""One place that turns Qt's language-change event into a widget's ``retranslate_ui()``.

Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every widget
(see :mod:`circular_app.ui.common.i18n`). A widget that shows translated text lists this mixin
first among its bases and implements ``retranslate_ui()``; nothing else is needed::

    class RosterPage(Retranslating, QWidget):
        def retranslate_ui(self) -> None:
            self.title.setText(self.tr("名簿"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:  # the mixin is only ever combined with a QWidget subclass
    from PySide6.QtWidgets import QWidget

    _WidgetBase = QWidget
else:
    _WidgetBase = object


class Retranslating(_WidgetBase):
    """Mixin: calls ``retranslate_ui()`` whenever the application's language changes."""

    def retranslate_ui(self) -> None:
        """Set every translated text of the widget again (override)."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate on a language change, then let Qt handle the event as usual."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
