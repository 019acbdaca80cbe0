"""Fonts, text size, contrast and language of the running application, applied all at once.

Every widget inherits the application font (set both as the QApplication font and as the
family and size of the application style sheet), so scaling it re-lays out the whole window in
one step. Widgets therefore never set point sizes or pixel sizes of text; emphasis uses a QFont
with only ``bold`` set, which still inherits family and size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDir, QObject, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from circular_app.paths import AppPaths
from circular_app.settings import HIGH_CONTRAST, LANGUAGE, TEXT_SCALE, Settings
from circular_app.ui.common.i18n import Translations

UI_FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
UI_FONT_FAMILY = "BIZ UDPGothic"
# Optional: the kanji BIZ UDPGothic lacks (𠮷 and other supplementary-plane characters of
# names), built by resources/fonts/build_fallback.py. Used only where the UD font has no glyph.
FALLBACK_FONT_FILE = "KairanFallbackGothic-Regular.ttf"
FALLBACK_FONT_FAMILY = "KairanFallbackGothic"
# 100 % is at least this size: 12 pt is 16 px on a 96-dpi screen, the size a senior reads
# without glasses (platform defaults of 9 pt are about 12 px).
MIN_BASE_POINT_SIZE = 12.0
# Style sheets refer to images as ``kairanicons:name.svg`` (a QDir search path), which works
# whatever the install folder is called, spaces included.
ICON_SEARCH_PREFIX = "kairanicons"
HIGH_CONTRAST_STYLE = "high_contrast.qss"
STANDARD_STYLE = "standard.qss"


@dataclass(frozen=True)
class Look:
    """One combination of the appearance settings."""

    language: str = LANGUAGE.default
    text_scale: int = TEXT_SCALE.default
    high_contrast: bool = HIGH_CONTRAST.default

    @classmethod
    def from_settings(cls, settings: Settings) -> Look:
        """The look stored in the settings file."""
        return cls(settings.get(LANGUAGE), settings.get(TEXT_SCALE), settings.get(HIGH_CONTRAST))

    def save(self, settings: Settings) -> None:
        """Store this look in the settings file."""
        settings.set(LANGUAGE, self.language)
        settings.set(TEXT_SCALE, self.text_scale)
        settings.set(HIGH_CONTRAST, self.high_contrast)


def load_ui_fonts(fonts_dir: Path) -> str:
    """Register the bundled UD font once per process and return its family name.

    Without a Japanese font on the machine every kanji would be drawn as a box.
    """
    if UI_FONT_FAMILY in QFontDatabase.families():
        return UI_FONT_FAMILY
    family = ""
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(fonts_dir / name))
        if font_id < 0:
            raise FileNotFoundError(f"font not loadable: {fonts_dir / name}")
        family = family or QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def load_fallback_font(fonts_dir: Path) -> str | None:
    """Register the optional fallback font once per process; its family, or None when absent."""
    path = fonts_dir / FALLBACK_FONT_FILE
    if not path.exists():
        return None
    if FALLBACK_FONT_FAMILY in QFontDatabase.families():
        return FALLBACK_FONT_FAMILY
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise FileNotFoundError(f"font not loadable: {path}")
    return QFontDatabase.applicationFontFamilies(font_id)[0]


# Click targets relative to the text height: a check box is 1.5 lines tall (24 px at 16 px text),
# so it grows with the text-size setting, which the platform's 13 px box never does.
INDICATOR_FACTOR = 1.5


def size_style_sheet(text_pixels: int) -> str:
    """The sizes every theme shares, in pixels computed from the text height.

    Computed here rather than written in em in the theme files: Qt's ``em`` is the width of an
    "M" in the font, which in a Japanese font is not the text height, so pixels are exact.
    """
    indicator = max(24, round(text_pixels * INDICATOR_FACTOR))
    return (
        "QCheckBox::indicator, QAbstractItemView::indicator, QGroupBox::indicator, "
        f"QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px; }}"
    )


def high_contrast_palette() -> QPalette:
    """White and yellow on black: contrast ratios far above WCAG AAA (7:1)."""
    black, white, yellow, grey = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00"), QColor("#c0c0c0")
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.BrightText, yellow),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, grey),
        (QPalette.ColorRole.Link, QColor("#00ffff")),
        (QPalette.ColorRole.Light, white),
        (QPalette.ColorRole.Midlight, grey),
        (QPalette.ColorRole.Mid, grey),
        (QPalette.ColorRole.Dark, grey),
        (QPalette.ColorRole.Shadow, white),
    ):
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return palette


class Appearance(QObject):
    """Applies a :class:`Look` to the running QApplication; :meth:`restore` undoes it.

    Signals:
        look_changed(Look): emitted after a look was applied.
    """

    look_changed = Signal(Look)

    def __init__(self, qapp: QApplication, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qapp = qapp
        self._paths = paths
        self._original_font = QFont(qapp.font())
        self._original_palette = QPalette(qapp.palette())
        self._original_style_sheet = qapp.styleSheet()
        self._family = load_ui_fonts(paths.fonts)
        fallback = load_fallback_font(paths.fonts)
        self._families = [self._family, *([fallback] if fallback else [])]
        QDir.setSearchPaths(ICON_SEARCH_PREFIX, [str(paths.resources / "icons")])
        size = self._original_font.pointSizeF()
        self._base_point_size = max(size if size > 0 else MIN_BASE_POINT_SIZE, MIN_BASE_POINT_SIZE)
        self._translations = Translations(paths.translations, self)
        self._look = Look()

    @property
    def look(self) -> Look:
        """The look applied last."""
        return self._look

    @property
    def font_family(self) -> str:
        """Family of the bundled UI font."""
        return self._family

    def font_for_scale(self, text_scale: int) -> QFont:
        """The application font at ``text_scale`` percent."""
        font = QFont(self._family)
        font.setFamilies(self._families)
        font.setPointSizeF(self._base_point_size * text_scale / 100)
        return font

    def apply(self, look: Look) -> None:
        """Apply language, text size and contrast to every window at once."""
        LANGUAGE.coerce(look.language)
        TEXT_SCALE.coerce(look.text_scale)
        # Japanese is the source language, but it too installs Qt's own catalog and locale.
        if look.language != self._translations.language or not self._translations.is_set:
            self._translations.set_language(look.language)
        font = self.font_for_scale(look.text_scale)
        self._qapp.setFont(font)
        self._qapp.setPalette(high_contrast_palette() if look.high_contrast else self._original_palette)
        families = ", ".join(f'"{f}"' for f in self._families)
        theme = self._style_sheet(HIGH_CONTRAST_STYLE if look.high_contrast else STANDARD_STYLE)
        # With an application style sheet Qt propagates fonts through the sheet, not through
        # QApplication.setFont: the size must be in the sheet too, or nested widgets keep the
        # old size. Only family and size are set, so a widget's own bold or italic survives.
        self._qapp.setStyleSheet(
            f"* {{ font-family: {families}; font-size: {font.pointSizeF():g}pt; }}\n"
            f"{size_style_sheet(QFontInfo(font).pixelSize())}\n{theme}"
        )
        self._look = look
        self.look_changed.emit(look)

    def apply_settings(self, settings: Settings) -> None:
        """Apply the look stored in ``settings``."""
        self.apply(Look.from_settings(settings))

    def restore(self) -> None:
        """Put back the application's font, palette, style sheet and language as found."""
        self._translations.uninstall()
        self._qapp.setFont(self._original_font)
        self._qapp.setPalette(self._original_palette)
        self._qapp.setStyleSheet(self._original_style_sheet)
        self._look = Look()

    def _style_sheet(self, name: str) -> str:
        return (self._paths.resources / "styles" / name).read_text(encoding="utf-8")
