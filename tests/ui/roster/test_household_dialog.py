"""Adding, editing and moving out households through the dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.ui.roster.household_dialog import HouseholdDialog, MoveOutDialog


def _commit(widget: QWidget, text: str) -> None:
    """Type ``text`` the way a Japanese input method commits it (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def _dialog(qtbot: QtBot, services: ProfileServices, **kw: object) -> HouseholdDialog:
    dialog = HouseholdDialog(services.roster, services.roster.list_hans(), **kw)  # type: ignore[arg-type]  # test helper forwards keywords
    qtbot.addWidget(dialog)
    return dialog


def test_adding_a_household_saves_it(qtbot: QtBot, services: ProfileServices) -> None:
    """Filling the form and saving adds the household with every field."""
    han = services.roster.add_han("1班")
    dialog = _dialog(qtbot, services, han_id=han.id)
    _commit(dialog.name_edit, "髙見 一郎")
    dialog.reading_edit.setText("ﾀｶﾐ ｲﾁﾛｳ")
    dialog.delivery_combo.setCurrentIndex(dialog.delivery_combo.findData(Delivery.DIGITAL.value))
    dialog.phone_edit.setText("０９０ー１２３４ー５６７８")
    dialog.email_edit.setText("takami@example.jp")
    dialog.large_print_check.setChecked(True)
    with qtbot.waitSignal(dialog.household_saved):
        dialog.accept()
    [saved] = services.roster.list_households()
    assert (saved.name, saved.reading, saved.han_id) == ("髙見 一郎", "タカミ\u3000イチロウ", han.id)
    assert saved.delivery is Delivery.DIGITAL and saved.large_print
    assert saved.phone == "090-1234-5678"
    assert dialog.result() == HouseholdDialog.DialogCode.Accepted


def test_input_method_commit_fills_the_name(qtbot: QtBot, services: ProfileServices) -> None:
    """Text committed by an input method lands in the name field."""
    services.roster.add_han("1班")
    dialog = _dialog(qtbot, services)
    _commit(dialog.name_edit, "見本 花子")
    assert dialog.draft().name == "見本 花子"


def test_validation_error_keeps_the_dialog_open_and_saves_nothing(
    qtbot: QtBot, services: ProfileServices
) -> None:
    """A reading in kanji is refused beside the フリガナ field; the dialog stays open, nothing saved."""
    services.roster.add_han("1班")
    dialog = _dialog(qtbot, services)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("見本 一郎")
    dialog.reading_edit.setText("見本")
    with qtbot.assertNotEmitted(dialog.household_saved):
        dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["フリガナ"].isVisible()
    assert "カタカナで入力してください" in dialog.errors["フリガナ"].text()
    assert not dialog.errors["氏名"].isVisible()
    assert services.roster.list_households() == []


def test_empty_name_is_shown_beside_the_name(qtbot: QtBot, services: ProfileServices) -> None:
    """An empty name shows 空欄です under 氏名."""
    services.roster.add_han("1班")
    dialog = _dialog(qtbot, services)
    dialog.accept()
    assert dialog.errors["氏名"].text() == "空欄です"
    assert services.roster.list_households() == []


def test_editing_a_household_updates_it(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Changing a field of an existing household saves the change to that household."""
    household = demo_services.roster.list_households()[0]
    dialog = _dialog(qtbot, demo_services, household=household)
    assert dialog.name_edit.text() == household.name
    dialog.notes_edit.setPlainText("回覧板は郵便受けへ")
    dialog.accept()
    assert demo_services.roster.household(household.id).notes == "回覧板は郵便受けへ"
    assert demo_services.roster.household(household.id).name == household.name


def test_move_out_dialog_records_the_date(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The move-out dialog defaults to today and records the chosen date."""
    household = demo_services.roster.list_households()[0]
    today = dt.date(2026, 11, 24)
    dialog = MoveOutDialog(demo_services.roster, household, today=today)
    qtbot.addWidget(dialog)
    assert dialog.chosen_date() == today
    dialog.accept()
    assert demo_services.roster.household(household.id).moved_out_on == today


def test_draft_has_the_defaults_of_a_new_household(qtbot: QtBot, services: ProfileServices) -> None:
    """A new household defaults to paper, Japanese and normal print in the chosen 班."""
    han = services.roster.add_han("1班")
    dialog = _dialog(qtbot, services, han_id=han.id)
    assert dialog.draft() == HouseholdDraft(name="", han_id=han.id)


def test_care_need_box_for_the_admin_saves_the_flag_and_is_absent_without_care(
    qtbot: QtBot, services: ProfileServices
) -> None:
    """The 管理者 ticks 要配慮 with a note and it is saved; the dialog without care shows no box."""
    han = services.roster.add_han("1班")
    household = services.roster.add_household(HouseholdDraft(name="見本 一郎", han_id=han.id))
    plain = _dialog(qtbot, services, household=household)
    assert plain.care_check is None and plain.care_state() is None
    dialog = _dialog(qtbot, services, household=household, care=services.care)
    assert dialog.care_check is not None and dialog.care_note_edit is not None
    assert not dialog.care_check.isChecked()
    dialog.care_check.setChecked(True)
    _commit(dialog.care_note_edit, "車いす")
    with qtbot.waitSignal(dialog.household_saved):
        dialog.accept()
    need = services.care.care_need(household.id)
    assert need is not None and need.note == "車いす"
    again = _dialog(qtbot, services, household=household, care=services.care)
    assert again.care_check is not None and again.care_check.isChecked()


def test_a_language_with_no_reader_language_shows_a_note(qtbot: QtBot, services: ProfileServices) -> None:
    """A 言語 imported as 「タイ語」 is kept and the dialog says the page and paper will be Japanese."""
    han = services.roster.add_han("1班")
    household = services.roster.add_household(HouseholdDraft(name="丁 四", han_id=han.id, language="タイ語"))
    dialog = _dialog(qtbot, services, household=household)
    assert dialog.language_combo.currentData() == "タイ語"
    assert not dialog.language_note.isHidden()
    assert "言語『タイ語』は読むページと紙の言語にありません" in dialog.language_note.text()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("vi"))
    assert dialog.language_note.isHidden()
    dialog.accept()
    assert services.roster.household(household.id).language == "vi"
