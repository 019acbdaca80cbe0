"""The circular editor: IME typing, autosave, formatting, preview, placeholders, publishing,
corrections, attachments and readability hints, on the demo profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfWriter
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFont, QInputMethodEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.templates import Template
from circular_app.paths import bundle_root
from circular_app.ui.common import dialogs
from circular_app.ui.common.i18n import Translations
from circular_app.ui.compose.editor import CircularEditor, CorrectionReasonDialog, Mode
from circular_app.ui.compose.publish_dialogs import AfterPublishDialog, PublishConfirmDialog
from circular_app.ui.compose.texts import local_date

CLEANING = "一斉清掃・当番"
FILLED_BODY = "町内の一斉清掃を行います。\n\n- 日時：12月7日 午前8時\n- 集合：見本公園\n"


def ime_commit(widget: QWidget, text: str) -> None:
    """Type ``text`` as an input method does: show it as pre-edit, then commit it."""
    QApplication.sendEvent(widget, QInputMethodEvent(text, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _template(services: ProfileServices, name: str) -> Template:
    return next(t for t in services.circulars.templates() if t.name == name)


def _stored(services: ProfileServices, editor: CircularEditor) -> Circular:
    assert editor.circular_id is not None
    return services.circulars.get(editor.circular_id)


def _by_title(services: ProfileServices, title: str) -> Circular:
    return next(c for c in services.circulars.list_circulars() if c.title == title)


def _formats_at(document: QTextDocument, text: str) -> list[QTextCharFormat]:
    """Highlighter formats that cover the first occurrence of ``text``."""
    cursor = document.find(text)
    block = cursor.block()
    start = cursor.selectionStart() - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= start < r.start + r.length]


REAL_ASK = PublishConfirmDialog.__dict__["ask"]
REAL_OFFER = AfterPublishDialog.__dict__["offer"]


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every confirmation is answered 「発行する」/「はい」, and printing after 発行 「閉じる」.

    A modal dialog would block the test; the tests of the dialogs themselves click them.
    """
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *_a: True))
    monkeypatch.setattr(AfterPublishDialog, "offer", classmethod(lambda *_a: False))


@pytest.fixture
def editor(qtbot: QtBot, demo_services: ProfileServices) -> Iterator[CircularEditor]:
    """A new circular from the cleaning template, not saved yet."""
    circulars = demo_services.circulars
    widget = CircularEditor(
        circulars,
        demo_services.roster.list_hans(),
        draft=circulars.draft_from_template(_template(demo_services, CLEANING)),
    )
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.discard_and_close()


def _open(qtbot: QtBot, services: ProfileServices, circular: Circular) -> CircularEditor:
    widget = CircularEditor(services.circulars, services.roster.list_hans(), circular=circular)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _fill_in(editor: CircularEditor) -> None:
    editor.body.set_text(FILLED_BODY)


# ----- IME input and autosave ----------------------------------------------------------------
def test_first_ime_commit_creates_the_draft(editor: CircularEditor, demo_services: ProfileServices) -> None:
    """The first committed text turns the new circular into a stored draft at once."""
    assert editor.circular_id is None
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.body_edit, "雨天の場合は中止します。")
    stored = _stored(demo_services, editor)
    assert stored.status is Status.DRAFT
    assert stored.title == "町内一斉清掃のお知らせ"


def test_later_ime_commits_are_autosaved(
    qtbot: QtBot, editor: CircularEditor, demo_services: ProfileServices
) -> None:
    """Text committed after the draft exists reaches the database within the autosave delay."""
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.body_edit, "一つ目。")
    ime_commit(editor.body_edit, "ごみ袋は町会で用意します。")
    assert editor.is_dirty()
    qtbot.waitUntil(lambda: "ごみ袋は町会で用意します。" in _stored(demo_services, editor).body, timeout=4000)
    assert not editor.is_dirty()


def test_title_typed_with_the_ime_is_autosaved(
    qtbot: QtBot, editor: CircularEditor, demo_services: ProfileServices
) -> None:
    """A title committed through the IME into the title field is saved too."""
    editor.title_edit.clear()
    ime_commit(editor.title_edit, "春の一斉清掃")
    qtbot.waitUntil(lambda: _stored(demo_services, editor).title == "春の一斉清掃", timeout=4000)


def test_continuous_typing_is_saved_without_waiting_for_a_pause(
    qtbot: QtBot, editor: CircularEditor, demo_services: ProfileServices
) -> None:
    """While typing never pauses for the idle delay, the draft is still saved every few seconds."""
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.body_edit, "開始。")
    pieces: list[str] = []

    def type_more() -> None:
        pieces.append(f"追記{len(pieces):03d}。")
        ime_commit(editor.body_edit, pieces[-1])

    timer = QTimer()
    timer.setInterval(CircularEditor.AUTOSAVE_IDLE_MS // 4)
    timer.timeout.connect(type_more)
    timer.start()
    try:
        qtbot.waitUntil(
            lambda: len(pieces) > 0 and pieces[0] in _stored(demo_services, editor).body, timeout=5000
        )
        assert timer.isActive()  # still typing: the save did not wait for a pause
    finally:
        timer.stop()


def test_changing_a_field_marks_the_draft_unsaved(editor: CircularEditor) -> None:
    """A change shows 「未保存の変更」 until the autosave has run."""
    ime_commit(editor.body_edit, "一つ目。")
    ime_commit(editor.body_edit, "二つ目。")
    assert "未保存" in editor.save_status_label.text()
    editor.save_now()
    assert "自動保存しました" in editor.save_status_label.text()


def test_chosen_hans_audience_and_urgency_are_saved(
    editor: CircularEditor, demo_services: ProfileServices
) -> None:
    """Choosing two 班, paper only and 至急 stores exactly that."""
    hans = demo_services.roster.list_hans()
    editor.chosen_hans_radio.setChecked(True)
    editor.han_checks[hans[0].id].setChecked(True)
    editor.han_checks[hans[2].id].setChecked(True)
    editor.audience_combo.setCurrentIndex(editor.audience_combo.findData("paper"))
    editor.urgent_radio.setChecked(True)
    assert editor.save_now()
    stored = _stored(demo_services, editor)
    assert stored.target_han_ids == (hans[0].id, hans[2].id)
    assert stored.audience.value == "paper"
    assert stored.urgency.value == "urgent"


def test_dates_show_the_japanese_era_beside_them(editor: CircularEditor) -> None:
    """The issue and due dates are shown in 和暦 with the weekday next to the date fields."""
    editor.issue_date_edit.setDate(QDate(2026, 11, 24))
    editor.due_date_edit.setDate(QDate(2026, 12, 8))
    assert editor.issue_wareki_label.text() == "令和8年11月24日(火)"
    assert editor.due_wareki_label.text() == "令和8年12月8日(火)"


def test_due_date_cannot_be_before_the_issue_date(editor: CircularEditor) -> None:
    """Moving the issue date past the due date moves the due date along (never invalid)."""
    editor.issue_date_edit.setDate(QDate(2026, 11, 24))
    editor.due_date_edit.setDate(QDate(2026, 11, 30))
    editor.issue_date_edit.setDate(QDate(2026, 12, 10))
    assert editor.due_date_edit.date() >= QDate(2026, 12, 10)


# ----- formatting and preview -------------------------------------------------------------------
def _select(editor: CircularEditor, text: str) -> None:
    editor.body_edit.setTextCursor(editor.body_edit.document().find(text))


def test_bold_button_wraps_the_selection_and_unwraps_it_again(editor: CircularEditor) -> None:
    """太字 puts ** around the selected words; pressed again it takes them away."""
    editor.body.set_text("ネットを必ずかけてください")
    _select(editor, "必ず")
    editor.bold_action.trigger()
    assert editor.body.text() == "ネットを**必ず**かけてください"
    editor.bold_action.trigger()
    assert editor.body.text() == "ネットを必ずかけてください"


def test_ctrl_b_makes_the_selection_bold(qtbot: QtBot, editor: CircularEditor) -> None:
    """Ctrl+B in the body is the 太字 shortcut."""
    editor.body.set_text("収集日の朝8時まで")
    editor.activateWindow()
    editor.body_edit.setFocus()
    qtbot.waitUntil(editor.body_edit.hasFocus)
    _select(editor, "朝8時")
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.body.text() == "収集日の**朝8時**まで"


def test_list_buttons_prefix_each_selected_line(editor: CircularEditor) -> None:
    """箇条書き and 番号付き mark every selected line; heading makes a line a heading."""
    editor.body.set_text("軍手\nごみ袋\nほうき")
    editor.body_edit.selectAll()
    editor.bullets_action.trigger()
    assert editor.body.text() == "- 軍手\n- ごみ袋\n- ほうき"
    editor.body_edit.selectAll()
    editor.numbers_action.trigger()
    assert editor.body.text() == "1. 軍手\n2. ごみ袋\n3. ほうき"
    editor.body_edit.selectAll()
    editor.numbers_action.trigger()
    assert editor.body.text() == "軍手\nごみ袋\nほうき"
    _select(editor, "軍手")
    editor.heading_action.trigger()
    assert editor.body.text().startswith("## 軍手\n")


def test_table_and_rule_buttons_insert_lines_of_their_own(editor: CircularEditor) -> None:
    """表を入れる adds a two-column table and 区切り線 a rule, each as a block of its own."""
    editor.body.set_text("担当は次のとおりです。")
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.table_action.trigger()
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.rule_action.trigger()
    assert editor.body.text() == "担当は次のとおりです。\n\n| 項目 | 内容 |\n|---|---|\n|  |  |\n\n---"
    table = editor.body_edit.document().find("項目").currentTable()
    assert table is not None and table.format().headerRowCount() == 1  # shown as a table


def test_preview_renders_bold_lists_and_tables(editor: CircularEditor) -> None:
    """The preview shows bold text bold, lists as lists and a table as a table."""
    editor.body.set_text(
        "**大事なお知らせ**\n\n- 箇条A\n- 箇条B\n\n1. 番号一\n\n| 日にち | 担当 |\n|---|---|\n| 12月27日 | 1班 |"
    )
    editor.update_preview()
    document = editor.preview.document()
    assert document.find("大事なお知らせ").charFormat().fontWeight() == QFont.Weight.Bold
    bullets = document.find("箇条B").block().textList()
    numbers = document.find("番号一").block().textList()
    assert bullets is not None and bullets.count() == 2
    assert numbers is not None and numbers.format().style().name == "ListDecimal"
    table = document.find("12月27日").currentTable()
    assert table is not None and (table.rows(), table.columns()) == (2, 2)
    assert "**" not in editor.preview_text()


def test_preview_follows_typing_after_a_short_pause(qtbot: QtBot, editor: CircularEditor) -> None:
    """Text committed in the body appears in the preview without pressing anything."""
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.body_edit, "\n\n軍手をお持ちください")
    qtbot.waitUntil(lambda: "軍手をお持ちください" in editor.preview_text(), timeout=2000)


def test_preview_shows_title_dates_and_urgency(editor: CircularEditor) -> None:
    """The preview starts with 【至急】 and the title, then the dates in 和暦."""
    editor.urgent_radio.setChecked(True)
    editor.issue_date_edit.setDate(QDate(2026, 11, 24))
    editor.update_preview()
    text = editor.preview_text()
    assert text.startswith("【至急】町内一斉清掃のお知らせ")
    assert "発行日 令和8年11月24日(火)" in text


# ----- placeholders -----------------------------------------------------------------------------
def test_placeholders_are_listed_and_highlighted(editor: CircularEditor) -> None:
    """Every ［…］ of the template is listed once and drawn with a background."""
    editor.update_preview()
    listed = [editor.placeholder_list.item(i).text() for i in range(editor.placeholder_list.count())]
    assert listed == ["［日時］", "［集合場所］", "［場所］", "［連絡先］"]
    formats = _formats_at(editor.body_edit.document(), "［集合場所］")
    assert any(
        f.background().color() == editor.highlighter.placeholder_format.background().color() for f in formats
    )


def test_placeholder_after_a_supplementary_character_is_highlighted_in_place(editor: CircularEditor) -> None:
    """A name with 𠮷 (two UTF-16 units) before a placeholder does not shift the highlight."""
    editor.body.set_text("𠮷田さんへ［日時］に集合")
    document = editor.body_edit.document()
    found = document.find("［日時］")
    ranges = found.block().layout().formats()
    marked = [
        (r.start, r.length)
        for r in ranges
        if r.format.background().color() == editor.highlighter.placeholder_format.background().color()
    ]
    assert marked == [(found.selectionStart() - found.block().position(), len("［日時］"))]


def test_clicking_a_placeholder_selects_it_in_the_body(editor: CircularEditor) -> None:
    """Choosing ［連絡先］ in the list selects it in the body, ready to be typed over."""
    editor.update_preview()
    (item,) = editor.placeholder_list.findItems("［連絡先］", Qt.MatchFlag.MatchExactly)
    editor.placeholder_list.itemClicked.emit(item)
    assert editor.body_edit.textCursor().selectedText() == "［連絡先］"


def _answer(qtbot: QtBot, act: Callable[[QDialog], None]) -> list[str]:
    """Act on the next modal dialog once it shows; returns the texts it showed (labels, buttons)."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, answer)
            return
        seen.extend(w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton))
        act(dialog)

    QTimer.singleShot(0, answer)
    return seen


def _click(text: str, index: int = 0) -> Callable[[QDialog], None]:
    def click(dialog: QDialog) -> None:
        buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
        buttons[index].click()

    return click


def test_placeholders_are_listed_by_name_before_any_confirmation(
    qtbot: QtBot, editor: CircularEditor, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """発行 with ［…］ left lists each by name, offers no 発行する, and asks nothing first."""
    asked: list[object] = []
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *a: asked.append(a) or True))
    seen = _answer(qtbot, _click("閉じる"))
    editor.publish_button.click()
    assert [t for t in seen if t.startswith("［")] == ["［日時］", "［集合場所］", "［場所］", "［連絡先］"]
    assert seen.count("ここへ移動") == 4
    assert not [t for t in seen if "発行する" in t]
    assert asked == []  # no confirmation was shown
    assert _stored(demo_services, editor).status is Status.DRAFT


def test_go_here_selects_the_placeholder_in_the_body(qtbot: QtBot, editor: CircularEditor) -> None:
    """「ここへ移動」 beside ［連絡先］ closes the list and selects ［連絡先］ in the body."""
    editor.activateWindow()
    _answer(qtbot, _click("ここへ移動", 3))
    assert editor.publish() is None
    assert editor.body_edit.textCursor().selectedText() == "［連絡先］"
    qtbot.waitUntil(editor.body_edit.hasFocus)


# ----- publishing and corrections -------------------------------------------------------------------
def test_publish_gives_the_next_number(editor: CircularEditor, demo_services: ProfileServices) -> None:
    """A filled-in draft is published with the next 回覧No. of its fiscal year."""
    _fill_in(editor)
    year = editor.draft().issue_date
    assert year is not None
    used = [c.number for c in demo_services.circulars.list_circulars() if c.number is not None]
    published = editor.publish()
    assert published is not None and published.status is Status.PUBLISHED
    assert published.number is not None and published.number >= 1
    assert published.number not in [
        c.number
        for c in demo_services.circulars.list_circulars(year=published.fiscal_year)
        if c.id != published.id
    ]
    assert f"回覧No.{published.number}" in editor.state_label.text()
    assert editor.mode is Mode.CORRECTION
    assert "訂正として発行" in editor.publish_button.text()
    assert used  # the demo already had numbered circulars


def test_publish_asks_first_and_no_leaves_a_draft(
    editor: CircularEditor, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answering 「やめる」 to the confirmation publishes nothing."""
    _fill_in(editor)
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *_a: False))
    assert editor.publish() is None
    assert _stored(demo_services, editor).status is Status.DRAFT


def test_the_confirmation_says_publish_or_stop_in_words(
    qtbot: QtBot, editor: CircularEditor, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The confirmation's buttons are 「発行する」 and 「やめる」; やめる publishes nothing."""
    monkeypatch.setattr(PublishConfirmDialog, "ask", REAL_ASK)
    _fill_in(editor)
    seen = _answer(qtbot, _click("やめる(&C)"))
    assert editor.publish() is None
    assert "発行する(&P)" in seen and "やめる(&C)" in seen
    assert not {"Yes", "No", "OK", "はい", "いいえ"} & set(seen)
    assert _stored(demo_services, editor).status is Status.DRAFT
    _answer(qtbot, _click("発行する(&P)"))
    published = editor.publish()
    assert published is not None and published.status is Status.PUBLISHED


def test_after_publishing_one_dialog_offers_paper_copies(
    qtbot: QtBot, editor: CircularEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After 発行 with the button, 「紙の控えを印刷」 asks for the paper copies of that circular."""
    monkeypatch.setattr(AfterPublishDialog, "offer", REAL_OFFER)
    _fill_in(editor)
    seen = _answer(qtbot, _click("紙の控えを印刷(&R)…"))
    with qtbot.waitSignal(editor.print_requested) as blocker:
        editor.publish_button.click()
    assert blocker.args == [editor.circular_id]
    assert "閉じる" in seen and any("を発行しました" in t for t in seen)


def test_closing_the_after_publish_dialog_prints_nothing(
    qtbot: QtBot, editor: CircularEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """「閉じる」 after 発行 asks for nothing more."""
    monkeypatch.setattr(AfterPublishDialog, "offer", REAL_OFFER)
    _fill_in(editor)
    _answer(qtbot, _click("閉じる"))
    with qtbot.assertNotEmitted(editor.print_requested):
        editor.publish_button.click()
    assert editor.mode is Mode.CORRECTION


def test_publish_emits_the_id(qtbot: QtBot, editor: CircularEditor) -> None:
    """Publishing emits circular_published with the circular's id."""
    _fill_in(editor)
    with qtbot.waitSignal(editor.circular_published) as blocker:
        editor.publish_button.click()
    assert blocker.args == [editor.circular_id]


def test_correction_asks_for_a_reason_and_keeps_the_old_version(
    qtbot: QtBot, demo_services: ProfileServices
) -> None:
    """Editing a published circular publishes a 訂正 with the typed reason; the old text stays."""
    published = _by_title(demo_services, "ごみ集積所の利用についてのお願い")
    editor = _open(qtbot, demo_services, published)
    assert editor.mode is Mode.CORRECTION
    editor.body.set_text(published.body.replace("朝8時", "朝7時半"))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CorrectionReasonDialog)
        dialog.reason_edit.setText("出す時間を7時半に訂正")
        dialog.accept()

    QTimer.singleShot(0, answer)
    editor.publish_button.click()
    stored = demo_services.circulars.get(published.id)
    assert stored.version == published.version + 1
    assert "朝7時半" in stored.body
    (old,) = demo_services.circulars.versions(published.id)
    assert "朝8時" in old.body and old.note == "出す時間を7時半に訂正"
    assert "【訂正】" in editor.state_label.text()
    assert (
        editor.versions_list.count() == 1 and "出す時間を7時半に訂正" in editor.versions_list.item(0).text()
    )
    assert editor.preview_text().startswith("【訂正】ごみ集積所")


def test_reason_dialog_refuses_an_empty_reason(qtbot: QtBot) -> None:
    """The 訂正を発行 button stays disabled until a reason is typed."""
    dialog = CorrectionReasonDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.reason_edit.setText("　")
    assert not ok.isEnabled()
    dialog.reason_edit.setText("日付の誤り")
    assert ok.isEnabled()


def test_cancelled_correction_changes_nothing(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Without a reason (cancelled) the published circular stays as it was."""
    published = _by_title(demo_services, "見守りボランティアの募集")
    editor = _open(qtbot, demo_services, published)
    editor.ask_reason = lambda _parent: None
    editor.title_edit.setText("見守りボランティア募集（再）")
    assert editor.publish_correction() is None
    assert demo_services.circulars.get(published.id).version == published.version
    editor.discard_and_close()


def test_corrected_circular_shows_mark_date_and_earlier_version(
    qtbot: QtBot, demo_services: ProfileServices
) -> None:
    """Opening the demo's corrected circular shows 【訂正】, the date and the earlier text."""
    corrected = next(c for c in demo_services.circulars.list_circulars() if c.corrected)
    editor = _open(qtbot, demo_services, corrected)
    assert corrected.corrected_at is not None
    assert "【訂正】" in editor.state_label.text()
    assert wareki(local_date(corrected.corrected_at), weekday=True) in editor.state_label.text()
    assert editor.side_tabs.isTabEnabled(1)
    assert "見本小学校" in editor.version_view.toPlainText()


def test_closed_circular_is_read_only(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """A closed circular opens for reading: no publish button, text not editable."""
    closed = next(c for c in demo_services.circulars.list_circulars() if c.status is Status.CLOSED)
    editor = _open(qtbot, demo_services, closed)
    assert editor.mode is Mode.READ_ONLY
    assert editor.body_edit.isReadOnly() and editor.title_edit.isReadOnly()
    assert editor.publish_button.isHidden()
    assert "変更できません" in editor.state_label.text()


# ----- attachments ----------------------------------------------------------------------------------
def _pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def test_attaching_a_pdf_through_the_file_dialog(
    editor: CircularEditor, demo_services: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chosen PDF flyer is attached to the draft and listed with its page count."""
    flyer = _pdf(tmp_path / "市のチラシ.pdf", 2)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a, **_k: [Path(str(flyer))])
    editor.add_attachment_button.click()
    (stored,) = _stored(demo_services, editor).attachments
    assert (stored.filename, stored.pages) == ("市のチラシ.pdf", 2)
    assert "市のチラシ.pdf（PDF・2ページ" in editor.attachment_list.item(0).text()
    assert not editor.attachment_error.isVisible()


def test_a_broken_pdf_is_refused_with_a_clear_message(
    editor: CircularEditor, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """A damaged PDF is not attached and the reason is shown beside the list."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    problems = editor.attach_files([broken])
    assert problems == ["broken.pdf: PDFが壊れているため添付できません"]
    assert editor.attachment_error.isVisible()
    assert "PDFが壊れているため添付できません" in editor.attachment_error.text()
    assert _stored(demo_services, editor).attachments == ()
    assert editor.attachment_list.count() == 0


def test_removing_an_attachment(
    editor: CircularEditor, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """添付を外す removes the selected file from the draft."""
    editor.attach_files([_pdf(tmp_path / "a.pdf", 1)])
    editor.attachment_list.setCurrentRow(0)
    editor.remove_attachment_button.click()
    assert _stored(demo_services, editor).attachments == ()
    assert editor.attachment_list.count() == 0


# ----- readability -----------------------------------------------------------------------------------
def test_difficult_word_is_hinted_with_a_suggestion(qtbot: QtBot, editor: CircularEditor) -> None:
    """可及的速やかに is underlined and listed with 「できるだけ早く」 as the suggestion."""
    editor.readability_check.setChecked(True)
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.body_edit, "\n可及的速やかにご連絡ください。")
    qtbot.waitUntil(lambda: editor.hint_list.count() > 0, timeout=2000)
    texts = [editor.hint_list.item(i).text() for i in range(editor.hint_list.count())]
    assert any("可及的速やかに" in t and "できるだけ早く" in t for t in texts)
    formats = _formats_at(editor.body_edit.document(), "可及的速やかに")
    assert any(f.background().color() == editor.highlighter.hint_format.background().color() for f in formats)
    cursor = editor.body_edit.document().find("可及的")
    assert editor.body_edit.tooltip_for is not None
    assert "できるだけ早く" in (editor.body_edit.tooltip_for(cursor) or "")


def test_fix_button_rewrites_the_body_and_ctrl_z_takes_it_back(qtbot: QtBot, editor: CircularEditor) -> None:
    """「直す」 beside 〜させていただきます makes it 〜します in the body; Ctrl+Z in the body undoes it."""
    editor.readability_check.setChecked(True)
    editor.body.set_text("当日は受付を担当させていただきます。\n日時：令和8年12月20日(日)午前8時")
    editor.update_preview()
    texts = [editor.hint_list.item(i).text() for i in range(editor.hint_list.count())]
    assert len(texts) == 1 and "します" in texts[0], texts  # the date line has no hint
    [button] = editor.body.hint_buttons()
    assert button.text() == "直す" and button.isVisibleTo(editor)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editor.body.text().startswith("当日は受付を担当します。")
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.body.text().startswith("当日は受付を担当させていただきます。")


def test_readability_check_off_shows_no_hints(editor: CircularEditor) -> None:
    """With the check off the same word is neither listed nor underlined."""
    editor.readability_check.setChecked(False)
    editor.body.set_text("可及的速やかにご連絡ください。")
    editor.update_preview()
    assert editor.hint_list.count() == 0
    formats = _formats_at(editor.body_edit.document(), "可及的速やかに")
    assert not any(
        f.background().color() == editor.highlighter.hint_format.background().color() for f in formats
    )


def test_hints_never_block_publishing(editor: CircularEditor) -> None:
    """A circular with readability hints is published all the same."""
    editor.readability_check.setChecked(True)
    editor.body.set_text(FILLED_BODY + "\n可及的速やかにご連絡ください。")
    editor.update_preview()
    assert editor.hints()
    published = editor.publish()
    assert published is not None and published.status is Status.PUBLISHED


def test_every_part_of_the_editor_follows_a_language_change(qtbot: QtBot, editor: CircularEditor) -> None:
    """Switching to English re-translates the form, body, attachments, preview and publish button."""
    translations = Translations(bundle_root() / "resources" / "i18n")
    translations.set_language("en")
    try:
        qtbot.waitUntil(lambda: editor.publish_button.text() != "発行(&P)…")
        texts = (
            editor.form_widget.title_label.text(),
            editor.body.body_label.text(),
            editor.add_attachment_button.text(),
            editor.side_tabs.tabText(0),
            editor.publish_button.text(),
        )
        assert texts == ("&Title", "&Body", "Attach a file…", "Preview", "&Publish…")
    finally:
        translations.uninstall()
    qtbot.waitUntil(lambda: editor.publish_button.text() == "発行(&P)…")


# ----- the word-processor view and the stored text ------------------------------------------------
def test_the_body_shows_headings_lists_and_bold_without_marks(editor: CircularEditor) -> None:
    """A body with ##, - and ** shows a heading, a list and bold text, and no marks at all."""
    editor.body.set_text("## 持ち物\n\n- **軍手**\n- タオル")
    shown = editor.body_edit.document()
    assert shown.toPlainText() == "持ち物\n軍手\nタオル"
    assert shown.find("持ち物").block().blockFormat().headingLevel() == 2
    assert shown.find("軍手").charFormat().fontWeight() == QFont.Weight.Bold
    items = shown.find("タオル").block().textList()
    assert items is not None and items.count() == 2


def test_unchanged_body_is_stored_exactly_as_it_was(editor: CircularEditor) -> None:
    """Opening a body written with 「・」 and single line breaks changes nothing stored."""
    body = "・軍手\n・タオル\n雨天中止\n連絡は［連絡先］まで"
    editor.body.set_text(body)
    assert editor.body.text() == body
    assert editor.draft().body == body


def test_stored_text_view_shows_and_takes_the_marks(qtbot: QtBot, editor: CircularEditor) -> None:
    """「そのまま表示」 shows the stored text; what is typed there shows formatted afterwards."""
    editor.body.set_text("## 持ち物\n\n- 軍手")
    editor.raw_action.trigger()
    assert editor.body.stack.currentWidget() is editor.raw_edit
    assert editor.raw_edit.toPlainText() == "## 持ち物\n\n- 軍手"
    assert not editor.bold_action.isEnabled()
    editor.raw_edit.moveCursor(QTextCursor.MoveOperation.End)
    ime_commit(editor.raw_edit, "\n- **タオル**")
    assert editor.draft().body == "## 持ち物\n\n- 軍手\n- **タオル**"
    editor.raw_action.trigger()
    assert editor.body.stack.currentWidget() is editor.body_edit
    shown = editor.body_edit.document()
    assert shown.find("タオル").charFormat().fontWeight() == QFont.Weight.Bold
    assert editor.draft().body == "## 持ち物\n\n- 軍手\n- **タオル**"
    qtbot.waitUntil(lambda: editor.is_dirty() or editor.circular_id is not None)


def test_format_buttons_have_alt_shortcuts_and_large_targets(qtbot: QtBot, editor: CircularEditor) -> None:
    """Each formatting button has its own Alt letter, and Alt+H makes the line a heading."""
    actions = (
        editor.heading_action,
        editor.bold_action,
        editor.bullets_action,
        editor.numbers_action,
        editor.table_action,
        editor.rule_action,
        editor.raw_action,
    )
    texts = [a.text() for a in actions]
    assert [t.split("(")[0] for t in texts] == [
        "見出し",
        "太字",
        "箇条書き",
        "番号付き",
        "表を入れる",
        "区切り線",
        "そのまま表示",
    ]
    letters = [t[t.index("&") + 1] for t in texts]
    assert len(set(letters)) == len(letters)
    for action in actions:
        button = editor.format_bar.widgetForAction(action)
        assert button is not None and button.height() >= 2 * editor.fontMetrics().height() - 1
    editor.body.set_text("集合場所")
    editor.activateWindow()
    editor.body_edit.setFocus()
    qtbot.waitUntil(editor.body_edit.hasFocus)
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert editor.body.text() == "## 集合場所"
