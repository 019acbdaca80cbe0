"""Entering a returned 回覧表: keyboard ticks, saving a whole 班, undo and redo, the reminder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.errors import ValidationError
from circular_app.domain.reads import Channel, is_targeted
from circular_app.domain.roster import Han, Household
from circular_app.ui.common import dialogs
from circular_app.ui.reads.entry import ReadsEntryPage
from circular_app.ui.reads.entry_sheet import SheetColumn
from circular_app.ui.reads.reminder import ReminderHanDialog
from tests.pdf.helpers import page_texts


@pytest.fixture
def page(qtbot: QtBot, app: App, demo_services: ProfileServices) -> ReadsEntryPage:
    """The entry page on the demo, showing the newest circular (boards still travelling)."""
    entry = ReadsEntryPage(demo_services, app.paths.fonts)
    qtbot.addWidget(entry)
    entry.resize(1000, 700)
    return entry


def _newest(services: ProfileServices) -> Circular:
    return services.circulars.list_circulars(status=Status.PUBLISHED)[0]


def _han_with_unticked(page: ReadsEntryPage, services: ProfileServices, count: int) -> Han:
    """Show the first 班 of the newest circular whose sheet has ``count`` unticked households."""
    circular = _newest(services)
    for han in services.roster.list_hans():
        page.show_circular(circular.id, han.id)
        if len(_unticked_rows(page)) >= count:
            return han
    raise AssertionError("the demo has no such 班")


def _unticked_rows(page: ReadsEntryPage) -> list[int]:
    model = page.model
    return [
        r
        for r in range(model.rowCount())
        if not model.is_checked(model.household_at(r).id) and not model.is_locked(model.household_at(r).id)
    ]


def _records(services: ProfileServices, circular_id: int) -> dict[int, Channel]:
    return {i: r.channel for i, r in services.reads.records(circular_id).items()}


def _key(
    page: ReadsEntryPage, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(page.view, key, modifier)


def _go_to(page: ReadsEntryPage, row: int) -> None:
    """Move the current row with ↑/↓ only."""
    while page.view.currentIndex().row() < row:
        _key(page, Qt.Key.Key_Down)
    while page.view.currentIndex().row() > row:
        _key(page, Qt.Key.Key_Up)


def _tick_first_unticked(page: ReadsEntryPage, services: ProfileServices) -> tuple[Han, int]:
    """With the keyboard, tick the first unticked household of a 班; its 班 and id."""
    han = _han_with_unticked(page, services, 1)
    row = _unticked_rows(page)[0]
    _go_to(page, row)
    _key(page, Qt.Key.Key_Space)
    return han, page.model.household_at(row).id


def test_sheet_lists_the_targeted_households_of_the_han_in_route_order(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """The route list is the 班's targeted active households in sheet (route) order."""
    circular = _newest(demo_services)
    han = demo_services.roster.list_hans()[1]
    page.show_circular(circular.id, han.id)
    expected = [
        h.id
        for h in demo_services.roster.list_households(include_moved_out=False)
        if h.han_id == han.id and is_targeted(circular, h)
    ]
    assert [h.id for h in page.model.households()] == expected


def test_keyboard_alone_records_the_ticked_households(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """↓ to a household, Space, ↓ to another, Space, Enter: both are recorded on paper, today."""
    _han_with_unticked(page, demo_services, 2)
    first, second = _unticked_rows(page)[:2]
    wanted = {page.model.household_at(first).id, page.model.household_at(second).id}
    circular_id = _newest(demo_services).id
    before = _records(demo_services, circular_id)
    _go_to(page, first)
    _key(page, Qt.Key.Key_Space)
    _go_to(page, second)
    _key(page, Qt.Key.Key_Space)
    _key(page, Qt.Key.Key_Return)
    after = _records(demo_services, circular_id)
    assert set(after) - set(before) == wanted
    assert {after[i] for i in wanted} == {Channel.PAPER}
    records = demo_services.reads.records(circular_id)
    assert {records[i].read_on for i in wanted} == {dt.date.today()}


def test_save_records_the_whole_han_in_one_call(
    page: ReadsEntryPage, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a sheet with several ticks makes exactly one record() call."""
    _han_with_unticked(page, demo_services, 2)
    calls: list[int] = []
    original = demo_services.reads.record

    def counting(circular_id: int, entries: list[object], device: str | None = None) -> object:
        calls.append(len(entries))
        return original(circular_id, entries, device)  # type: ignore[arg-type]

    monkeypatch.setattr(demo_services.reads, "record", counting)
    page.tick_all()
    page.save()
    assert len(calls) == 1 and calls[0] >= 2


def test_undo_takes_the_saved_records_back_and_redo_restores_them(
    qtbot: QtBot, page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """Ctrl+Z after saving removes the new records; Ctrl+Shift+Z records them again."""
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    _han_with_unticked(page, demo_services, 1)
    page.view.setFocus()
    row = _unticked_rows(page)[0]
    household_id = page.model.household_at(row).id
    circular_id = _newest(demo_services).id
    _go_to(page, row)
    _key(page, Qt.Key.Key_Space)
    _key(page, Qt.Key.Key_Return)
    assert household_id in _records(demo_services, circular_id)
    _key(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert household_id not in _records(demo_services, circular_id)
    _key(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _records(demo_services, circular_id)[household_id] is Channel.PAPER


def test_undo_of_a_tick_unticks_it(page: ReadsEntryPage, demo_services: ProfileServices) -> None:
    """A mis-click costs nothing: undo takes a pending tick away again."""
    _han, household_id = _tick_first_unticked(page, demo_services)
    assert page.model.is_checked(household_id)
    page.undo_stack.undo()
    assert not page.model.is_checked(household_id)
    assert not page.model.has_changes()


def test_all_returned_except_one(page: ReadsEntryPage, demo_services: ProfileServices) -> None:
    """「全員返却」, untick one, save: everyone else on the sheet is recorded, that one is not."""
    _han_with_unticked(page, demo_services, 2)
    circular_id = _newest(demo_services).id
    except_row = _unticked_rows(page)[0]
    skipped = page.model.household_at(except_row).id
    page.all_button.click()
    _go_to(page, except_row)
    _key(page, Qt.Key.Key_Space)
    _key(page, Qt.Key.Key_Return)
    records = _records(demo_services, circular_id)
    assert skipped not in records
    assert all(h.id in records for h in page.model.households() if h.id != skipped)


def test_unticking_a_saved_stamp_removes_it_and_undo_puts_it_back(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """Untick + save takes the paper record back; undo restores it with its original date."""
    circular_id = _newest(demo_services).id
    stamped: list[int] = []
    for han in demo_services.roster.list_hans():
        page.show_circular(circular_id, han.id)
        model = page.model
        stamped = [
            r
            for r, h in enumerate(model.households())
            if model.is_checked(h.id) and not model.is_locked(h.id)
        ]
        if stamped:
            break
    row = stamped[0]
    household_id = page.model.household_at(row).id
    original = demo_services.reads.records(circular_id)[household_id].read_on
    _go_to(page, row)
    _key(page, Qt.Key.Key_Space)
    _key(page, Qt.Key.Key_Return)
    assert household_id not in _records(demo_services, circular_id)
    page.undo_stack.undo()
    assert demo_services.reads.records(circular_id)[household_id].read_on == original


def test_digital_confirmation_cannot_be_unticked(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """A household that confirmed digitally stays ticked whatever Space does."""
    circular_id = _newest(demo_services).id
    for han in demo_services.roster.list_hans():
        page.show_circular(circular_id, han.id)
        locked = [r for r, h in enumerate(page.model.households()) if page.model.is_locked(h.id)]
        if locked:
            break
    row = locked[0]
    _go_to(page, row)
    _key(page, Qt.Key.Key_Space)
    assert page.model.is_checked(page.model.household_at(row).id)
    assert page.undo_stack.count() == 0


def test_records_use_the_chosen_return_date(page: ReadsEntryPage, demo_services: ProfileServices) -> None:
    """The 返却日 field (today by default) is the date recorded."""
    assert page.date_edit.date() == QDate.currentDate()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    _han, household_id = _tick_first_unticked(page, demo_services)
    _key(page, Qt.Key.Key_Return)
    assert demo_services.reads.records(_newest(demo_services).id)[household_id].read_on == yesterday


def test_pending_ticks_survive_looking_at_another_han(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """Ticks not saved yet are still there after switching to another 班 and back."""
    han, household_id = _tick_first_unticked(page, demo_services)
    other = next(h for h in demo_services.roster.list_hans() if h.id != han.id)
    page.han_combo.setCurrentIndex(page.han_combo.findData(other.id))
    page.han_combo.setCurrentIndex(page.han_combo.findData(han.id))
    assert page.model.is_checked(household_id)
    assert page.model.has_changes()


def test_undo_of_another_han_brings_its_sheet_back(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """Undoing a tick made on another 班 switches back to that 班's sheet and unticks it."""
    han, household_id = _tick_first_unticked(page, demo_services)
    other = next(h for h in demo_services.roster.list_hans() if h.id != han.id)
    page.han_combo.setCurrentIndex(page.han_combo.findData(other.id))
    page.undo_stack.undo()
    assert page.current_han() == han
    assert not page.model.is_checked(household_id)


def test_pending_line_counts_unsaved_changes(page: ReadsEntryPage, demo_services: ProfileServices) -> None:
    """After a tick the line under the list says one record is waiting to be saved."""
    _tick_first_unticked(page, demo_services)
    assert "未保存: 記録 1・取り消し 0" in page.pending_label.text()
    assert page.save_button.isEnabled()


def test_check_box_click_is_an_undoable_tick(page: ReadsEntryPage, demo_services: ProfileServices) -> None:
    """Setting the check state through the model (a mouse click) pushes a command."""
    _han_with_unticked(page, demo_services, 1)
    row = _unticked_rows(page)[0]
    index = page.model.index(row, SheetColumn.RETURNED)
    page.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.model.is_checked(page.model.household_at(row).id)
    assert page.undo_stack.count() == 1


def _unread_of(services: ProfileServices, circular_id: int, han_id: int) -> list[Household]:
    status = services.reads.circular_status(circular_id)
    return [h for h in status.unread if h.han_id == han_id and h.active]


def _choose(monkeypatch: pytest.MonkeyPatch, han_ids: list[int] | None = None) -> list[ReminderHanDialog]:
    """Answer the 班 chooser: keep its ticks (the current 班), or tick ``han_ids``."""
    seen: list[ReminderHanDialog] = []

    def run(dialog: ReminderHanDialog) -> int:
        seen.append(dialog)
        if han_ids is not None:
            dialog.set_chosen(han_ids)
        dialog.accept()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ReminderHanDialog, "exec", run)
    return seen


def test_reminder_button_writes_the_sheet_and_opens_it(
    page: ReadsEntryPage,
    demo_services: ProfileServices,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """「督促シートを印刷…」 writes the PDF of the 班's unread households and opens it on request."""
    from pypdf import PdfReader

    han = _han_with_unticked(page, demo_services, 1)
    target = tmp_path / "reminder"
    chooser = _choose(monkeypatch)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(target))])
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.reminder_button.click()
    assert [h.id for h in chooser[0].chosen()] == [han.id]
    written = tmp_path / "reminder.pdf"
    assert opened == [QUrl.fromLocalFile(str(written))]
    text = "".join(p.extract_text() for p in PdfReader(written).pages)
    unread = _unread_of(demo_services, _newest(demo_services).id, han.id)
    assert unread and all(h.name.replace(" ", "") in text.replace(" ", "") for h in unread)


def test_reminder_is_not_opened_when_declined(
    page: ReadsEntryPage,
    demo_services: ProfileServices,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Answering Close writes the sheet but does not open it."""
    _han_with_unticked(page, demo_services, 1)
    _choose(monkeypatch)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(tmp_path / "r.pdf"))])
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: False)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.print_reminder()
    assert (tmp_path / "r.pdf").exists()
    assert opened == []


def test_reminder_for_every_han_has_a_page_per_han(
    page: ReadsEntryPage,
    demo_services: ProfileServices,
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ticking 「すべての班」 writes one PDF with a page per 班, each listing that 班's unread households."""
    circular = _newest(demo_services)
    page.show_circular(circular.id, demo_services.roster.list_hans()[0].id)
    status = demo_services.reads.circular_status(circular.id)
    hans = [han for han, _rate in status.per_han]

    def tick_all(dialog: ReminderHanDialog) -> int:
        dialog.all_box.setChecked(True)
        dialog.accept()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ReminderHanDialog, "exec", tick_all)
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [tmp_path / "all.pdf"])
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: False)
    page.print_reminder()
    texts = [t.replace(" ", "") for t in page_texts(tmp_path / "all.pdf")]
    assert len(texts) == len(hans) > 1
    for text, han in zip(texts, hans, strict=True):
        assert f"{han.name}班長さま" in text
        names = [h.name.replace(" ", "") for h in _unread_of(demo_services, circular.id, han.id)]
        assert all(n in text for n in names)


def test_status_panel_shows_rates_and_stuck_boards(
    page: ReadsEntryPage, demo_services: ProfileServices
) -> None:
    """The status beside the sheet lists each 班's rate and the circular's stuck boards."""
    circular = _newest(demo_services)
    page.show_circular(circular.id)
    status = demo_services.reads.circular_status(circular.id)
    assert page.per_han_list.count() == len(status.per_han)
    stuck = [page.stuck_list.item(i).text() for i in range(page.stuck_list.count())]
    assert stuck == [b.describe() for b in status.stuck] or (not status.stuck and len(stuck) == 1)


def test_refused_save_leaves_nothing_to_undo(
    page: ReadsEntryPage, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save the service refuses is reported, keeps the ticks pending and adds no undo step."""
    _tick_first_unticked(page, demo_services)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValidationError("日付", "reads.future_date", date="2999-01-01")

    monkeypatch.setattr(demo_services.reads, "record", refuse)
    warnings: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _parent, title, _text: warnings.append(title))
    _key(page, Qt.Key.Key_Return)
    assert warnings == ["入力内容を確認してください"]
    assert page.undo_stack.count() == 1  # the tick only
    assert page.model.has_changes()
