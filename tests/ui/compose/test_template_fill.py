"""「［　］に入れる内容」: filling a template's placeholders once for Japanese and every translation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QTimeEdit
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.templates import Template, japanese_value, placeholders
from circular_app.paths import bundle_root
from circular_app.ui.common.i18n import Translations
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.page import compose_page, install_compose
from circular_app.ui.compose.template_fill import TemplateFillDialog
from circular_app.ui.compose.templates import TemplatePickerDialog
from circular_app.ui.shell.main_window import MainWindow
from tests.ui.compose.test_editor import ime_commit
from tests.ui.dialog_walk import unnamed_widgets

TODAY = dt.date(2026, 12, 7)
CLEANING = "一斉清掃・当番"
GARBAGE = "ごみの出し方・収集日の変更"


def _template(services: ProfileServices, name: str) -> Template:
    return next(t for t in services.circulars.templates() if t.name == name)


@pytest.fixture
def page(window: MainWindow) -> Iterator[CircularListPage]:
    """The circular page of the demo profile's main window."""
    install_compose(window)
    found = compose_page(window)
    assert found is not None
    yield found
    for editor in found.editors():
        editor.discard_and_close()


def test_one_field_per_placeholder_of_its_kind(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Date pickers for dates, a time field for times, both for 日時, a line for text; all named."""
    dialog = TemplateFillDialog(_template(demo_services, GARBAGE), today=TODAY)
    qtbot.addWidget(dialog)
    assert list(dialog.fields) == [
        "変更前の収集日",
        "ごみの種類",
        "変更後の収集日",
        "出す時刻",
        "ごみステーション",
        "連絡先",
    ]
    field = dialog.fields["変更前の収集日"]
    assert isinstance(field.date, QDateEdit) and field.time is None and field.date.calendarPopup()
    assert isinstance(dialog.fields["出す時刻"].time, QTimeEdit)
    assert isinstance(dialog.fields["ごみの種類"].line, QLineEdit)
    assert dialog.windowTitle() == "［　］に入れる内容"
    assert (dialog.fill_button.text(), dialog.later_button.text()) == ("入れる", "あとで自分で書く")
    assert "10 の言葉の翻訳" in dialog.languages_note.text()
    assert unnamed_widgets(dialog) == []
    assert dialog.values() == {}  # nothing chosen yet: every placeholder would stay


def test_datetime_field_shows_the_wareki_and_needs_the_day(
    qtbot: QtBot, demo_services: ProfileServices
) -> None:
    """日時 takes a day and a time, shown in 和暦 beside them; a time alone fills nothing."""
    dialog = TemplateFillDialog(_template(demo_services, CLEANING), today=TODAY)
    qtbot.addWidget(dialog)
    field = dialog.fields["日時"]
    assert field.date is not None and field.time is not None
    assert field.date.text() == "（日付をえらぶ）"
    field.time.setTime(field.time.time().addSecs(8 * 3600))
    assert "日時" not in dialog.values()
    field.date.setDate(field.date.date().addDays(14))  # 2026-12-20, a Sunday
    assert dialog.values()["日時"] == dt.datetime(2026, 12, 20, 8, 0)
    assert field.shown.text() == "令和8年12月20日(日)午前8時"


def test_keyboard_only_fill_and_apply(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Typing (through the IME) in the focused field, Tab, Enter (入れる): Japanese and translations filled."""
    dialog = TemplateFillDialog(_template(demo_services, "その他"), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.fields["件名"].line
    ime_commit(dialog.fields["件名"].line, "夜警")
    qtbot.keyClick(dialog.fields["件名"].line, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.fields["内容"].line
    ime_commit(dialog.fields["内容"].line, "班ごとに見回ります")
    qtbot.keyClick(dialog.fields["内容"].line, Qt.Key.Key_Return)
    assert dialog.result() == TemplateFillDialog.DialogCode.Accepted and dialog.filled is not None
    assert dialog.filled.title == "夜警"
    assert dialog.filled.translations["en"][0] == "夜警"
    assert "班ごとに見回ります" in dialog.filled.translations["vi"][1]
    assert "［連絡先］" in dialog.filled.body  # left empty: kept for later


def test_new_circular_from_a_filled_template(
    qtbot: QtBot, page: CircularListPage, demo_services: ProfileServices
) -> None:
    """Picker, then 「入れる」 with every field: the editor's Japanese has no ［］ left and the
    filled translations (Vietnamese dates) are saved with the new draft, none stale."""
    day = dt.date.today() + dt.timedelta(days=30)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TemplatePickerDialog)
        assert dialog.select_template(CLEANING)
        QTimer.singleShot(0, fill)
        dialog.accept()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TemplateFillDialog)
        dialog.set_value("日時", dt.datetime.combine(day, dt.time(8, 0)))
        dialog.set_value("集合場所", "見本公園")
        dialog.set_value("場所", "公民館の前")
        dialog.set_value("連絡先", "会長（090-0000-0000）")
        dialog.fill_button.click()

    QTimer.singleShot(0, choose)
    editor = page.new_from_template()
    assert editor is not None
    body = editor.body_edit.toPlainText()
    assert placeholders(editor.title_edit.text() + body) == []
    assert f"日時：{japanese_value(dt.datetime.combine(day, dt.time(8, 0)))}（小雨でも行います）" in body
    assert "見本公園" in body and "公民館の前" in body
    circular_id = editor.circular_id
    assert circular_id is not None
    saved = demo_services.translations.latest_per_lang(circular_id)
    translations = {code: (t.title, t.body) for code, t in saved.items()}
    assert len(translations) == 10
    assert not any(demo_services.translations.stale(circular_id, code) for code in translations)
    vi_title, vi_body = translations["vi"]
    assert vi_title == "Thông báo tổng vệ sinh khu phố"
    assert f"08:00 {day.day} tháng {day.month}" not in vi_body  # the weekday comes first
    assert f"tháng {day.month}, {day.year}" in vi_body and "Địa điểm tập trung: 見本公園" in vi_body
    assert all(placeholders(t + b) == [] for t, b in translations.values())


def test_the_dialog_speaks_english(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """With the English translation installed, the texts and the fields' names are English."""
    dialog = TemplateFillDialog(_template(demo_services, CLEANING), today=TODAY)
    qtbot.addWidget(dialog)
    translations = Translations(bundle_root() / "resources" / "i18n")
    translations.set_language("en")
    try:
        qtbot.waitUntil(lambda: dialog.windowTitle() != "［　］に入れる内容")
        field = dialog.fields["日時"]
        assert field.date is not None and field.time is not None
        texts = (
            dialog.windowTitle(),
            dialog.fill_button.text(),
            dialog.later_button.text(),
            field.date.accessibleName(),
            field.date.text(),
        )
        assert texts == (
            "What goes in the ［　］",
            "Fill in",
            "I will write it myself later",
            "日時: date",
            "(choose a date)",
        )
    finally:
        translations.uninstall()
