"""Qt translations of the GUI: loading the translators, and rebuilding the catalogs.

Japanese is the source language: every ``self.tr("…")`` in the code is already the Japanese
text, so Japanese needs no catalog of ours (only Qt's own ``qtbase_ja`` for standard buttons).
English comes from ``resources/i18n/kairan_en.qm``, compiled from ``kairan_en.ts``.

Every ``<catalog>_<language>.qm`` in the translations folder is installed for a language, so
parts of the GUI that keep their own catalog (``action_plan_en.ts`` for the action-plan dock)
switch language together with the rest.

``python -m circular_app.ui.common.i18n`` re-extracts the strings of the main catalog into its ``.ts``
file (new strings appear as unfinished) and compiles the ``.qm``; a test fails while any entry is
unfinished or while the committed ``.qm`` differs from a fresh compilation.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from circular_app.paths import bundle_root

SOURCE_LANGUAGE = "ja"
LANGUAGES: tuple[str, ...] = ("ja", "en")
CATALOG_PREFIX = "kairan"
# UI packages (folders of circular_app/ui) whose strings live in a catalog of their own,
# ``<catalog>_<lang>.ts``, so that people working on different parts never edit one file.
# Every other package (shell, common, roster) goes into the main ``kairan`` catalog.
SEPARATE_CATALOG_SOURCES: dict[str, tuple[str, ...]] = {
    "action_plan": ("sidebar",),
    "answers": ("answers",),
    "compose": ("compose",),
    "reads": ("reads",),
    "safety": ("safety",),
    "security": ("security",),
    "pdf": ("printing",),
    "sync": ("sync", "city"),
    "trainer": ("trainer",),
}


def catalog_source(translations_dir: Path, language: str) -> Path:
    """The editable ``.ts`` catalog of ``language``."""
    return translations_dir / f"{CATALOG_PREFIX}_{language}.ts"


def catalog_file(translations_dir: Path, language: str) -> Path:
    """The compiled ``.qm`` catalog of ``language``."""
    return translations_dir / f"{CATALOG_PREFIX}_{language}.qm"


def load_translator(
    translations_dir: Path, language: str, parent: QObject | None = None
) -> QTranslator | None:
    """The main catalog's translator for ``language``; None for the source language.

    Raises FileNotFoundError when the compiled catalog is missing or unreadable: a build
    without its translations is broken, and silently showing Japanese would hide that.
    """
    if language == SOURCE_LANGUAGE:
        return None
    path = catalog_file(translations_dir, language)
    translator = QTranslator(parent)
    if not translator.load(str(path)):
        raise FileNotFoundError(f"translation catalog not loadable: {path}")
    return translator


def load_translators(
    translations_dir: Path, language: str, parent: QObject | None = None
) -> list[QTranslator]:
    """The main catalog's translator, then one per other ``*_<language>.qm`` catalog."""
    main = load_translator(translations_dir, language, parent)
    if main is None:
        return []
    translators = [main]
    for path in sorted(translations_dir.glob(f"*_{language}.qm")):
        if path == catalog_file(translations_dir, language):
            continue
        translator = QTranslator(parent)
        if not translator.load(str(path)):
            raise FileNotFoundError(f"translation catalog not loadable: {path}")
        translators.append(translator)
    return translators


def load_qt_translator(language: str, parent: QObject | None = None) -> QTranslator | None:
    """Qt's own translator (standard buttons, line-edit menus), or None when Qt has none.

    English is Qt's source language. A bundle may ship without Qt's catalogs; standard
    buttons then stay in English, which is acceptable, so a missing file is not an error.
    """
    if language == "en":
        return None
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        return translator
    return None


def locale_of(language: str) -> QLocale:
    """The QLocale of a UI language (Japan for Japanese, the United States for English)."""
    if language == "ja":
        return QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


_current_language = SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed on the application (texts rendered outside Qt, such as errors, use it)."""
    return _current_language


def _set_current_language(language: str) -> None:
    global _current_language  # one application, one language at a time
    _current_language = language


class Translations(QObject):
    """Installs the translators of one language on the running application and swaps them.

    Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every
    widget, whose ``changeEvent`` re-translates it: switching needs no restart. Japanese, the
    source language, still installs Qt's own ``qtbase_ja`` (standard dialogs, context menus).
    The default QLocale follows the language, so calendars and numbers read 12月 and 月曜日.
    """

    def __init__(self, translations_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = translations_dir
        self._installed: list[QTranslator] = []
        self._language = SOURCE_LANGUAGE
        self._set = False
        self._original_locale = QLocale()

    @property
    def is_set(self) -> bool:
        """True once :meth:`set_language` installed a language (until :meth:`uninstall`)."""
        return self._set

    @property
    def language(self) -> str:
        """The language whose translators are installed."""
        return self._language

    def set_language(self, language: str) -> None:
        """Install ``language`` (one of :data:`LANGUAGES`), replacing the current one."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language: {language}")
        qt_translator = load_qt_translator(language, self)
        loaded = [
            *([qt_translator] if qt_translator is not None else []),
            *load_translators(self._dir, language, self),
        ]
        self.uninstall()
        for translator in loaded:
            QCoreApplication.installTranslator(translator)
        self._installed = loaded
        self._language = language
        self._set = True
        QLocale.setDefault(locale_of(language))
        _set_current_language(language)

    def uninstall(self) -> None:
        """Remove every translator installed by this object (back to the source language)."""
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        self._language = SOURCE_LANGUAGE
        if self._set:
            QLocale.setDefault(self._original_locale)
        self._set = False
        _set_current_language(SOURCE_LANGUAGE)


# --------------------------------------------------------------------------- catalogs


def qt_tool(name: str) -> Path:
    """Path of a Qt tool shipped inside the PySide6 wheel (``lupdate``, ``lrelease``)."""
    folder = Path(PySide6.__file__).resolve().parent
    exe = folder / (f"{name}.exe" if sys.platform == "win32" else name)
    if not exe.exists():
        raise FileNotFoundError(f"{name} not found in {folder}")
    return exe


def _catalog_of(package: str) -> str:
    for catalog, packages in SEPARATE_CATALOG_SOURCES.items():
        if package in packages:
            return catalog
    return CATALOG_PREFIX


def ui_sources(root: Path, catalog: str = CATALOG_PREFIX) -> list[Path]:
    """The Python files whose strings go into ``catalog`` (default: the main ``kairan``)."""
    ui = root / "circular_app" / "ui"
    return sorted(p for p in ui.rglob("*.py") if _catalog_of(p.relative_to(ui).parts[0]) == catalog)


def run_lupdate(sources: Sequence[Path], ts_file: Path) -> None:
    """Extract the strings of ``sources`` into ``ts_file`` (existing translations are kept)."""
    import subprocess  # a developer's tool: not imported on the way to the log-in window

    subprocess.run(
        [
            str(qt_tool("lupdate")),
            *(str(s) for s in sources),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "ja_JP",
            "-target-language",
            "en_US",
            "-silent",
            "-ts",
            str(ts_file),
        ],
        check=True,
    )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into ``qm_file``."""
    import subprocess

    subprocess.run(
        [str(qt_tool("lrelease")), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Update catalogs from the sources and compile them (run from a source checkout).

    ``python -m circular_app.ui.common.i18n [CATALOG ...]``: only the named catalogs (default: all).
    """
    root = bundle_root()
    folder = root / "resources" / "i18n"
    wanted = list(argv if argv is not None else sys.argv[1:]) or [CATALOG_PREFIX, *SEPARATE_CATALOG_SOURCES]
    for catalog in wanted:
        sources = ui_sources(root, catalog)
        if not sources:
            continue
        for language in LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            ts_file = folder / f"{catalog}_{language}.ts"
            run_lupdate(sources, ts_file)
            run_lrelease(ts_file, folder / f"{catalog}_{language}.qm")
            print(f"updated {ts_file.name}; fill in every unfinished translation, then run again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
