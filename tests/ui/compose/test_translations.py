"""The editor's 「翻訳」 tab: paste and save, the list with stale marks, remove, add_translations, keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.ui.compose.editor import CircularEditor
from circular_app.ui.compose.editor_base import TRANSLATION_TAB
from tests.ui.compose.test_editor import ime_commit
from tests.ui.dialog_walk import unnamed_widgets

VI_BODY = "# Dọn vệ sinh\n\nChúng tôi dọn vệ sinh khu phố."


def _editor(qtbot: QtBot, services: ProfileServices) -> CircularEditor:
    editor = CircularEditor(
        services.circulars,
        services.roster.list_hans(),
        draft=CircularDraft(title="清掃のお知らせ", body="町内の清掃を行います。"),
        translations=services.translations,
    )
    qtbot.addWidget(editor)
    editor.show()
    editor.side_tabs.setCurrentIndex(TRANSLATION_TAB)
    return editor


def test_paste_and_save_a_translation_of_a_new_circular(qtbot: QtBot, services: ProfileServices) -> None:
    """Choosing ベトナム語, pasting title and body and 「保存」 stores it (the draft is saved first)."""
    editor = _editor(qtbot, services)
    section = editor.translation_section
    assert section is not None
    assert editor.side_tabs.tabText(TRANSLATION_TAB) == "翻訳(&J)"
    section.choose_language("vi")
    assert section.language_combo.currentText() == "Tiếng Việt（ベトナム語）"
    section.title_edit.setText("Thông báo dọn vệ sinh")
    section.body_edit.setPlainText(VI_BODY)
    section.save_button.click()
    assert editor.circular_id is not None
    saved = services.translations.latest_per_lang(editor.circular_id)
    assert (saved["vi"].title, saved["vi"].body) == ("Thông báo dọn vệ sinh", VI_BODY)
    assert section.list_lines() == ["Tiếng Việt（ベトナム語）：Thông báo dọn vệ sinh"]
    assert unnamed_widgets(section) == []
    editor.close()


def test_rewriting_the_japanese_marks_the_translation_stale(qtbot: QtBot, services: ProfileServices) -> None:
    """After the Japanese body is typed into and saved, the list says 「古い（日本語を書きかえた後）」."""
    editor = _editor(qtbot, services)
    section = editor.translation_section
    assert section is not None
    assert editor.add_translations({"en": ("Cleaning", "We clean the streets."), "vi": ("Dọn", VI_BODY)})
    assert len(section.list_lines()) == 2 and "古い" not in " ".join(section.list_lines())
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    ime_commit(editor.body_edit, "雨天中止です。")
    assert editor.save_now()
    assert section.list_lines() == [
        "English（英語）：Cleaning　【古い（日本語を書きかえた後）】",
        "Tiếng Việt（ベトナム語）：Dọn　【古い（日本語を書きかえた後）】",
    ]
    editor.close()


def test_a_bad_translation_is_explained_and_nothing_saved(qtbot: QtBot, services: ProfileServices) -> None:
    """add_translations saves all or none: the error names the language and the line."""
    editor = _editor(qtbot, services)
    section = editor.translation_section
    assert section is not None
    assert not editor.add_translations({"en": ("Cleaning", "Fine."), "vi": ("Dọn", "dòng 1\ndòng \x1b2")})
    assert "vi（Tiếng Việt）の訳 2行目" in section.error.text()
    assert editor.circular_id is not None
    assert services.translations.latest_per_lang(editor.circular_id) == {}
    editor.close()


def test_remove_after_publishing_and_choosing_from_the_list(qtbot: QtBot, services: ProfileServices) -> None:
    """A published circular still takes translations; the chosen one is removed after asking."""
    editor = _editor(qtbot, services)
    section = editor.translation_section
    assert section is not None
    assert editor.add_translations({"ko": ("청소 안내", "청소합니다.")})
    assert editor.circular_id is not None
    services.circulars.publish(editor.circular_id)
    editor.reload()
    assert section.save_button.isEnabled()
    asked: list[str] = []
    section.confirm_remove = lambda language: asked.append(language) is None
    section.language_list.setCurrentRow(0)
    assert section.chosen_language() == "ko" and section.title_edit.text() == "청소 안내"
    section.remove_button.click()
    assert asked == ["한국어（韓国語）"]
    assert services.translations.latest_per_lang(editor.circular_id) == {}
    assert section.list_lines() == ["（まだ訳はありません）"]
    assert not section.remove_button.isEnabled()
    editor.close()


def test_keyboard_alt_j_opens_the_tab_and_tab_walks_to_save(qtbot: QtBot, services: ProfileServices) -> None:
    """Alt+J shows 「翻訳」; Tab from the body goes on to 「保存」 (no tab characters typed)."""
    editor = _editor(qtbot, services)
    section = editor.translation_section
    assert section is not None
    editor.side_tabs.setCurrentIndex(0)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert editor.side_tabs.currentIndex() == TRANSLATION_TAB
    section.body_edit.setFocus()
    qtbot.waitUntil(section.body_edit.hasFocus)
    qtbot.keyClick(section.body_edit, Qt.Key.Key_Tab)
    focused: QWidget | None = QApplication.focusWidget()
    assert focused is section.save_button and section.body_edit.toPlainText() == ""
    editor.close()
