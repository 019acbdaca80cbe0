"""The reader languages' names in the UI's language: one table, the same on every screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.reader_languages import READER_LANGUAGES
from circular_app.paths import bundle_root
from circular_app.ui.common.i18n import Translations
from circular_app.ui.common.languages import CONTEXT, local_language_name, local_language_names
from circular_app.ui.roster.household_dialog import HouseholdDialog
from tests.ui.compose.test_translations import _editor

I18N = bundle_root() / "resources" / "i18n"


class _MarkingTranslator(QTranslator):
    """Marks the shared table's strings 「«…»」 (leaving the rest Japanese), so its use shows on screen."""

    def isEmpty(self) -> bool:  # noqa: N802  # Qt's name
        return False

    def translate(  # type: ignore[override]  # Qt's signature, narrowed to what is called
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source_text}»" if context == CONTEXT else source_text


def _names_by_code(combo: QComboBox) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def _household_names(qtbot: QtBot, services: ProfileServices) -> dict[str, str]:
    """The household dialog's 言語 choices: code → text."""
    dialog = HouseholdDialog(services.roster, services.roster.list_hans())
    qtbot.addWidget(dialog)
    return {
        code: text for code, text in _names_by_code(dialog.language_combo).items() if code in READER_LANGUAGES
    }


def _translation_names(qtbot: QtBot, services: ProfileServices) -> dict[str, str]:
    """The editor's 「翻訳」 tab's language choices: code → text."""
    editor = _editor(qtbot, services)
    assert editor.translation_section is not None
    return _names_by_code(editor.translation_section.language_combo)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalogs installed for the test."""
    translations = Translations(I18N)
    translations.set_language("en")
    yield
    translations.uninstall()


@pytest.fixture
def marked(qapp: QApplication) -> Iterator[None]:
    """Only the shared table's strings translated, each to a mark."""
    translator = _MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_table_names_every_reader_language() -> None:
    """Every language of the reader page and paper has a name in the table; an unknown code stays."""
    assert set(local_language_names()) == set(READER_LANGUAGES)
    assert local_language_name("vi") == "ベトナム語"
    assert local_language_name("th") == "th"


def test_both_screens_name_languages_from_the_one_table(
    qtbot: QtBot, services: ProfileServices, marked: None
) -> None:
    """The household dialog and the 「翻訳」 tab take every language name from the shared table."""
    household = _household_names(qtbot, services)
    translation = _translation_names(qtbot, services)
    marked_names = local_language_names()
    assert all(name.startswith("«") for name in marked_names.values())
    assert household == marked_names
    assert translation == {code: f"{READER_LANGUAGES[code]}（{marked_names[code]}）" for code in translation}
    assert len(translation) > 1


def test_both_screens_show_the_same_japanese_names(qtbot: QtBot, services: ProfileServices) -> None:
    """In Japanese, 「ベトナム語」 in the household dialog and 「Tiếng Việt（ベトナム語）」 on the 「翻訳」 tab."""
    household = _household_names(qtbot, services)
    translation = _translation_names(qtbot, services)
    assert household["vi"] == "ベトナム語"
    assert translation["vi"] == "Tiếng Việt（ベトナム語）"
    assert all(text == f"{READER_LANGUAGES[code]}（{household[code]}）" for code, text in translation.items())


def test_both_screens_show_the_same_english_names(
    qtbot: QtBot, services: ProfileServices, english: None
) -> None:
    """In English, "Vietnamese" in the household dialog and "Tiếng Việt (Vietnamese)" on the 「翻訳」 tab."""
    household = _household_names(qtbot, services)
    translation = _translation_names(qtbot, services)
    assert household["vi"] == "Vietnamese"
    assert household["zh-Hans"] == "Chinese (Simplified)"
    assert translation["vi"] == "Tiếng Việt (Vietnamese)"
    assert all(text == f"{READER_LANGUAGES[code]} ({household[code]})" for code, text in translation.items())
