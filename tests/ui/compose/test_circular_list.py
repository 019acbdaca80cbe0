"""The circular list: table model, filters, search, actions, templates and the main-window wiring."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.calendar import fiscal_year, fiscal_year_label
from circular_app.domain.circulars import Audience, Category, Circular, CircularDraft, Status, Urgency
from circular_app.domain.roster import Han
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.compose.circular_table import CircularTableModel, Column, fiscal_year_rates
from circular_app.ui.compose.page import compose_page, install_compose
from circular_app.ui.compose.publish_dialogs import (
    AfterPublishDialog,
    PlaceholdersDialog,
    PublishConfirmDialog,
)
from circular_app.ui.compose.template_fill import TemplateFillDialog
from circular_app.ui.compose.templates import SaveTemplateDialog, TemplatePickerDialog
from circular_app.ui.reads.text import rate_text
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.sidebar.action_plan_dock import ActionPlanDock

TODAY = dt.date(2026, 11, 24)
HANS = [Han(1, "1班", 1), Han(2, "2班", 2), Han(3, "3班", 3)]


def _circular(
    cid: int,
    *,
    status: Status = Status.PUBLISHED,
    number: int | None = 1,
    title: str = "お知らせ",
    issue: dt.date = dt.date(2026, 11, 1),
    due: dt.date = dt.date(2026, 11, 15),
    version: int = 1,
    urgency: Urgency = Urgency.NORMAL,
    targets: tuple[int, ...] = (),
    audience: Audience = Audience.BOTH,
    category: Category = Category.NOTICE,
) -> Circular:
    moment = dt.datetime(2026, 11, 1, 9, 0)
    return Circular(
        id=cid,
        number=number if status is not Status.DRAFT else None,
        fiscal_year=fiscal_year(issue) if status is not Status.DRAFT else None,
        status=status,
        title=title,
        body="本文",
        category=category,
        sender_title="会長",
        sender_name="見本 会長",
        target_han_ids=targets,
        audience=audience,
        issue_date=issue,
        due_date=due,
        urgency=urgency,
        readability_check=True,
        version=version,
        created_at=moment,
        updated_at=moment,
    )


def _row(model: CircularTableModel, circular_id: int) -> list[str]:
    row = model.row_of(circular_id)
    assert row is not None
    return [model.cell_text(row, c) for c in range(len(Column))]


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every confirmation is answered 「はい」/「発行する」, printing after 発行 「閉じる」.

    (A modal box would block the test.)
    """
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *_a: True))
    monkeypatch.setattr(AfterPublishDialog, "offer", classmethod(lambda *_a: False))


@pytest.fixture
def page(window: MainWindow) -> Iterator[CircularListPage]:
    """The circular page installed in the demo profile's main window."""
    install_compose(window)
    found = compose_page(window)
    assert found is not None
    yield found
    for editor in found.editors():
        editor.discard_and_close()


def _titles(page: CircularListPage) -> list[str]:
    return [c.title for c in page.model.circulars()]


# ----- the model ------------------------------------------------------------------------------
def test_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_services: ProfileServices) -> None:
    """The table model with the demo circulars is consistent for Qt's model checks."""
    model = CircularTableModel()
    model.set_rows(demo_services.circulars.list_circulars(), demo_services.roster.list_hans(), TODAY)
    qtmodeltester.check(model)


def test_model_passes_the_model_tester_while_sorted_and_reset(qtmodeltester: ModelTester) -> None:
    """Sorting and resetting a watched model keep it consistent."""
    model = CircularTableModel()
    qtmodeltester.check(model)
    model.set_rows([_circular(i, number=i, issue=dt.date(2026, 10, i)) for i in range(1, 6)], HANS, TODAY)
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    model.set_rows([], HANS, TODAY)


def test_overdue_due_date_says_so_in_words(qtbot: QtBot) -> None:
    """A published circular past its due date shows 「期限切れ」, not only a colour."""
    model = CircularTableModel()
    model.set_rows(
        [_circular(1, due=dt.date(2026, 11, 20)), _circular(2, number=2, due=dt.date(2026, 11, 30))],
        HANS,
        TODAY,
    )
    assert _row(model, 1)[Column.DUE] == "令和8年11月20日(金)（期限切れ）"
    assert _row(model, 2)[Column.DUE] == "令和8年11月30日(月)"


def test_closed_circular_past_its_due_date_is_not_overdue(qtbot: QtBot) -> None:
    """Only circulars still being passed round can be overdue."""
    model = CircularTableModel()
    model.set_rows([_circular(1, status=Status.CLOSED, due=dt.date(2026, 11, 1))], HANS, TODAY)
    assert "期限切れ" not in _row(model, 1)[Column.DUE]


def test_title_carries_urgent_and_correction_marks(qtbot: QtBot) -> None:
    """至急 and corrected circulars show 【至急】【訂正】 in front of the title."""
    model = CircularTableModel()
    model.set_rows([_circular(1, urgency=Urgency.URGENT, version=2, title="夜警のお願い")], HANS, TODAY)
    assert _row(model, 1)[Column.TITLE] == "【至急】【訂正】夜警のお願い"


def test_target_names_the_chosen_hans_and_audience(qtbot: QtBot) -> None:
    """対象 shows 全班, or the chosen 班 in 班 order with the audience when not everyone."""
    model = CircularTableModel()
    model.set_rows(
        [_circular(1), _circular(2, number=2, targets=(3, 1), audience=Audience.PAPER)], HANS, TODAY
    )
    assert _row(model, 1)[Column.TARGET] == "全班"
    assert _row(model, 2)[Column.TARGET] == "1班・3班（紙のみ）"


def test_number_column_sorts_by_year_then_number(qtbot: QtBot) -> None:
    """Sorting by 回覧No. puts last fiscal year's numbers before this year's."""
    model = CircularTableModel()
    model.set_rows(
        [
            _circular(1, number=2, issue=dt.date(2026, 5, 1)),
            _circular(2, number=10, issue=dt.date(2026, 2, 1)),
            _circular(3, number=1, issue=dt.date(2026, 4, 10)),
        ],
        HANS,
        TODAY,
    )
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    assert [c.id for c in model.circulars()] == [2, 3, 1]


def test_every_column_sorts_both_ways(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Each column sorts; descending is the reverse of ascending."""
    model = CircularTableModel()
    model.set_rows(demo_services.circulars.list_circulars(), demo_services.roster.list_hans(), TODAY)
    for column in Column:
        model.sort(column, Qt.SortOrder.AscendingOrder)
        ascending = [c.id for c in model.circulars()]
        model.sort(column, Qt.SortOrder.DescendingOrder)
        assert [c.id for c in model.circulars()] == ascending[::-1], column.name


def test_read_rates_match_the_reader_service(
    qtbot: QtBot, page: CircularListPage, demo_services: ProfileServices
) -> None:
    """The 既読率 column shows what ReaderService.circular_status says, as the reads screens word it."""
    model = page.model
    for row in range(model.rowCount()):
        model.cell_text(row, Column.READ_RATE)  # as painting would ask
    qtbot.waitUntil(model.rates_loaded)
    for circular in model.circulars():
        text = _row(model, circular.id)[Column.READ_RATE]
        if circular.status is Status.DRAFT:
            assert text == "—"
        else:
            rate = demo_services.reads.circular_status(circular.id).rate
            assert text == rate_text(rate)  # the reads screens' text: one rate text in the GUI


def test_sorting_by_read_rate_orders_by_ratio(page: CircularListPage, demo_services: ProfileServices) -> None:
    """Sorting by 既読率 computes the rates and orders drafts (no rate) first."""
    page.table.sortByColumn(Column.READ_RATE, Qt.SortOrder.AscendingOrder)
    shown = page.model.circulars()
    ratios = [
        demo_services.reads.circular_status(c.id).rate.ratio if c.status is not Status.DRAFT else -1.0
        for c in shown
    ]
    assert ratios == sorted(ratios)


# ----- the page in the main window ----------------------------------------------------------------
def test_install_adds_the_first_tab_and_a_menu(window: MainWindow) -> None:
    """install_compose adds one 「回覧」 tab before 名簿 and a 「回覧」 menu before 名簿."""
    install_compose(window)
    install_compose(window)  # twice changes nothing
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.count("回覧") == 1 and titles.index("回覧") < titles.index("名簿")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("回覧(&C)") == 1
    assert titles.index("回覧(&C)") == titles.index("名簿(&R)") - 1
    assert window.tabs.indexOf(compose_page(window)) >= 0


def test_menu_holds_every_action(window: MainWindow) -> None:
    """The 回覧 menu offers new, open, duplicate, publish, correct, close, print, delete, template,
    and the reading list of furigana."""
    install_compose(window)
    menu = window.findChild(QMenu, "circular_menu")
    assert menu is not None and menu.title() == "回覧(&C)"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "新規（テンプレートから）(&N)…",
        "開く・編集(&O)",
        "複製(&D)",
        "発行(&P)…",
        "訂正(&R)…",
        "回覧を終了(&L)…",
        "印刷用PDF(&W)…",
        "下書きを削除(&X)…",
        "テンプレートとして保存(&M)…",
        "ふりがなの読み方(&F)…",
    ]


def test_lists_every_demo_circular_newest_first(
    page: CircularListPage, demo_services: ProfileServices
) -> None:
    """All eight demo circulars are listed, newest issue date first."""
    assert page.model.rowCount() == 8
    dates = [c.issue_date for c in page.model.circulars()]
    assert dates == sorted(dates, reverse=True)
    assert page.count_label.text() == "8件"


def test_status_filter_shows_only_drafts(page: CircularListPage) -> None:
    """状態 = 下書き leaves the demo's one draft."""
    page.status_combo.setCurrentIndex(page.status_combo.findData(Status.DRAFT.value))
    assert _titles(page) == ["新年会のご案内（下書き）"]


def test_fiscal_year_filter_uses_reiwa_labels(page: CircularListPage, demo_services: ProfileServices) -> None:
    """Fiscal years are offered as 令和N年度 and filter by fiscal year."""
    year = demo_services.circulars.fiscal_years()[-1]
    labels = [page.year_combo.itemText(i) for i in range(page.year_combo.count())]
    assert labels[0] == "すべての年度"
    assert fiscal_year_label(year) in labels
    page.year_combo.setCurrentIndex(page.year_combo.findData(year))
    assert page.model.rowCount() > 0
    assert all(c.fiscal_year == year for c in page.model.circulars())


def test_category_filter(page: CircularListPage) -> None:
    """分類 = 防災・防犯 shows only safety circulars."""
    page.category_combo.setCurrentIndex(page.category_combo.findData(Category.SAFETY.value))
    assert page.model.rowCount() == 2
    assert all(c.category is Category.SAFETY for c in page.model.circulars())


def test_half_width_katakana_search_finds_hiragana(qtbot: QtBot, page: CircularListPage) -> None:
    """Typing ｺﾞﾐ finds the circular about ごみ, after a short pause."""
    page.search_edit.setText("ｺﾞﾐ")
    assert page.search_pending()
    assert page.model.rowCount() == 8  # not yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: not page.search_pending())
    found = page.model.circulars()
    assert "ごみ集積所の利用についてのお願い" in [c.title for c in found]
    assert 0 < len(found) < 8
    assert all("ごみ" in c.title + c.body for c in found)


def test_search_matches_words_in_the_body(qtbot: QtBot, page: CircularListPage) -> None:
    """A word that is only in the body (子ども神輿) finds its circular; Enter applies at once."""
    page.search_edit.setText("神輿")
    page.search_edit.returnPressed.emit()
    assert not page.search_pending()
    assert _titles(page) == ["秋祭りのご案内"]


def test_actions_follow_the_selected_status(page: CircularListPage) -> None:
    """発行/削除 only for a draft, 訂正/終了 only for a circular being passed round."""
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    page.select_circular(draft.id)
    assert page.publish_action.isEnabled() and page.delete_action.isEnabled()
    assert not page.correct_action.isEnabled() and not page.close_action.isEnabled()
    published = next(c for c in page.model.circulars() if c.status is Status.PUBLISHED)
    page.select_circular(published.id)
    assert not page.publish_action.isEnabled() and not page.delete_action.isEnabled()
    assert page.correct_action.isEnabled() and page.close_action.isEnabled()


def test_publishing_from_the_list_numbers_it_and_refreshes_the_sidebar(
    qtbot: QtBot,
    app: App,
    demo_services: ProfileServices,
    appearance: Appearance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """発行 gives the draft a 回覧No., says so, and the action-plan sidebar is refreshed."""
    refreshed: list[int] = []
    original = ActionPlanDock.refresh

    def counting(dock: ActionPlanDock) -> None:
        refreshed.append(1)
        original(dock)

    monkeypatch.setattr(ActionPlanDock, "refresh", counting)
    window = MainWindow(app, demo_services, appearance)
    qtbot.addWidget(window)
    install_compose(window)
    page = compose_page(window)
    assert page is not None
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    page.select_circular(draft.id)
    before = len(refreshed)
    with qtbot.waitSignal(page.circular_published):
        page.publish_action.trigger()
    published = demo_services.circulars.get(draft.id)
    assert published.status is Status.PUBLISHED and published.number is not None
    assert f"回覧No.{published.number}" in page.notice_label.text()
    assert len(refreshed) > before
    assert page.current_circular() == published


def test_closing_from_the_list(page: CircularListPage, demo_services: ProfileServices) -> None:
    """回覧を終了 closes the selected circular; it stays listed as 終了."""
    published = next(c for c in page.model.circulars() if c.status is Status.PUBLISHED)
    page.select_circular(published.id)
    page.close_action.trigger()
    assert demo_services.circulars.get(published.id).status is Status.CLOSED
    assert _row(page.model, published.id)[Column.STATUS] == "終了"


def test_deleting_a_draft_from_the_list(page: CircularListPage, demo_services: ProfileServices) -> None:
    """下書きを削除 removes the draft from the list and the database."""
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    page.select_circular(draft.id)
    page.delete_action.trigger()
    assert page.model.row_of(draft.id) is None
    assert all(c.id != draft.id for c in demo_services.circulars.list_circulars())


def test_duplicate_makes_a_new_draft_and_opens_it(
    page: CircularListPage, demo_services: ProfileServices
) -> None:
    """複製 copies the selected circular into a new draft, selects it and opens its editor."""
    source = next(c for c in page.model.circulars() if c.category is Category.CLEANING)
    page.select_circular(source.id)
    page.duplicate_action.trigger()
    copy = page.current_circular()
    assert copy is not None and copy.id != source.id
    assert copy.status is Status.DRAFT and copy.title == source.title and copy.body == source.body
    assert page.model.rowCount() == 9
    (editor,) = page.editors()
    assert editor.circular_id == copy.id


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen cannot raise windows
def test_opening_twice_shows_the_same_editor(page: CircularListPage) -> None:
    """開く on a circular already open brings its editor forward instead of a second one."""
    first = page.model.circulars()[0]
    page.select_circular(first.id)
    one = page.open_current()
    two = page.open_current()
    assert one is two and len(page.editors()) == 1


def test_autosave_in_an_editor_updates_the_list(qtbot: QtBot, page: CircularListPage) -> None:
    """A title changed in the draft's editor shows in the list once saved."""
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    editor = page.open_editor(draft.id)
    editor.title_edit.setText("新年会のご案内")
    editor.save_now()
    assert _row(page.model, draft.id)[Column.TITLE] == "新年会のご案内"


def test_published_in_the_editor_is_reflected_in_the_list(page: CircularListPage) -> None:
    """Publishing from an editor opened by the list updates the row and the notice."""
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    editor = page.open_editor(draft.id)
    assert editor.publish() is not None
    assert _row(page.model, draft.id)[Column.STATUS] == "回覧中"
    assert "として発行しました" in page.notice_label.text()


def test_new_from_template_opens_an_editor_with_its_text(qtbot: QtBot, page: CircularListPage) -> None:
    """新規 asks for a template; with 「あとで自分で書く」 its title and body fill a new editor as they are."""

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TemplatePickerDialog)
        assert dialog.select_template("一斉清掃・当番")
        QTimer.singleShot(0, later)
        dialog.accept()

    def later() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TemplateFillDialog)
        dialog.reject()

    QTimer.singleShot(0, choose)
    editor = page.new_from_template()
    assert editor is not None
    assert editor.title_edit.text() == "町内一斉清掃のお知らせ"
    assert "［集合場所］" in editor.body_edit.toPlainText()
    assert editor.circular_id is None  # nothing stored before the first change


def test_a_new_circular_appears_in_the_list_at_its_first_change(page: CircularListPage) -> None:
    """The draft made by the first change of a new circular is listed and selected."""
    editor = page.new_circular(CircularDraft(title="", body=""))
    editor.title_edit.setText("臨時のお知らせ")
    assert editor.circular_id is not None
    assert page.current_circular() is not None
    assert page.current_circular().id == editor.circular_id  # type: ignore[union-attr]
    assert "臨時のお知らせ" in _titles(page)


# ----- templates --------------------------------------------------------------------------------------
def test_template_picker_lists_blank_bundled_and_own(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The picker offers a blank page, the bundled templates (every category), then the officers' own."""
    circulars = demo_services.circulars
    some = circulars.list_circulars()[0]
    circulars.save_as_template(some.id, "わたしの定型文")
    dialog = TemplatePickerDialog(circulars.templates())
    qtbot.addWidget(dialog)
    shown = dialog.templates_shown()
    assert shown[0] == ""
    bundled = [t for t in circulars.templates() if t.user_id is None]
    assert len(shown) == 1 + len(bundled) + 1 and len(bundled) >= len(Category)
    assert "ごみの出し方・収集日の変更" in shown
    assert shown[-1] == "わたしの定型文"


def test_template_picker_previews_the_choice(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Selecting a template shows its title and rendered body in the preview."""
    dialog = TemplatePickerDialog(demo_services.circulars.templates())
    qtbot.addWidget(dialog)
    dialog.select_template("一斉清掃・当番")
    text = dialog.preview.toPlainText()
    assert text.startswith("町内一斉清掃のお知らせ")
    assert "持ち物" in text and "##" not in text


def test_blank_choice_gives_an_empty_draft_signed_by_the_officer(
    qtbot: QtBot, demo_services: ProfileServices
) -> None:
    """白紙から書く gives an empty title and body, dated today, with the officer as sender."""
    dialog = TemplatePickerDialog(demo_services.circulars.templates())
    qtbot.addWidget(dialog)
    dialog.select_template("")
    draft = dialog.draft_for(demo_services.circulars)
    assert (draft.title, draft.body) == ("", "")
    assert draft.sender_name == demo_services.context.officer.display_name


def test_save_as_template_from_the_list(
    qtbot: QtBot, page: CircularListPage, demo_services: ProfileServices
) -> None:
    """テンプレートとして保存 keeps the circular's title and body under the typed name."""
    source = page.model.circulars()[0]
    page.select_circular(source.id)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SaveTemplateDialog)
        dialog.name_edit.setText("毎月の定型")
        dialog.save()

    QTimer.singleShot(0, answer)
    assert page.save_current_as_template()
    own = [t for t in demo_services.circulars.templates() if t.user_id is not None]
    assert [(t.name, t.title, t.body) for t in own] == [("毎月の定型", source.title, source.body)]


def test_duplicate_template_name_is_refused_in_the_dialog(
    qtbot: QtBot, demo_services: ProfileServices
) -> None:
    """A name already used is explained beside the field and the dialog stays open."""
    circulars = demo_services.circulars
    source = circulars.list_circulars()[0]
    circulars.save_as_template(source.id, "毎月の定型")
    dialog = SaveTemplateDialog(circulars, source.id, "毎月の定型")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "テンプレート「毎月の定型」は既にあります" in dialog.error_label.text()


# ----- language -----------------------------------------------------------------------------------
def test_english_translates_the_tab_menu_and_columns(
    qtbot: QtBot, window: MainWindow, appearance: Appearance
) -> None:
    """Switching to English renames the tab, the menu and the column titles."""
    from circular_app.ui.common.appearance import Look

    install_compose(window)
    appearance.apply(Look(language="en"))
    page = compose_page(window)
    assert page is not None
    index = window.tabs.indexOf(page)
    qtbot.waitUntil(lambda: window.tabs.tabText(index) == "Circulars")
    assert "&Circulars" in [a.text() for a in window.menuBar().actions()]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers[0] == "No." and headers[-1] == "Read"
    assert page.status_combo.itemText(1) == "Draft"
    appearance.apply(Look(language="ja"))
    qtbot.waitUntil(lambda: window.tabs.tabText(index) == "回覧")


def _export_dialogs_opened(
    monkeypatch: pytest.MonkeyPatch, individual: list[bool] | None = None
) -> list[int]:
    """The ids of the circulars whose paper-copies dialog is opened from now on (not shown).

    ``individual`` collects whether each one starts with the paper households' copies ticked.
    """
    from circular_app.ui.printing import export_dialog as pdf_export_dialog

    opened: list[int] = []

    def exec_(dialog: pdf_export_dialog.PdfExportDialog) -> int:
        opened.append(dialog.choices.circular.id)
        if individual is not None:
            individual.append(dialog.individual_check.isChecked())
        return 0

    monkeypatch.setattr(pdf_export_dialog.PdfExportDialog, "exec", exec_)
    return opened


def test_print_opens_the_pdf_export_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """印刷用PDF on a published circular opens the PDF export dialog for it."""
    individual: list[bool] = []
    opened = _export_dialogs_opened(monkeypatch, individual)
    install_compose(window)
    page = compose_page(window)
    assert page is not None
    published = next(c for c in window.services.circulars.list_circulars() if c.number is not None)
    page.print_requested.emit(published.id)
    assert opened == [published.id] and individual == [False]


def test_publishing_from_the_list_lists_placeholders_before_asking(
    page: CircularListPage, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """発行 in the list on a draft with ［…］ lists them first; 「ここへ移動」 opens the editor there."""
    circulars = demo_services.circulars
    template = next(t for t in circulars.templates() if t.name == "一斉清掃・当番")
    draft = circulars.new_draft(circulars.draft_from_template(template))
    page.refresh()
    page.select_circular(draft.id)
    listed: list[list[str]] = []
    asked: list[object] = []
    monkeypatch.setattr(
        PlaceholdersDialog,
        "choose",
        classmethod(lambda _c, _p, names: listed.append(list(names)) or "［場所］"),
    )
    monkeypatch.setattr(PublishConfirmDialog, "ask", classmethod(lambda *a: asked.append(a) or True))
    assert page.publish_current() is None
    assert listed == [["［日時］", "［集合場所］", "［場所］", "［連絡先］"]] and asked == []
    editor = page.editor_for(draft.id)
    assert editor is not None and editor.body_edit.textCursor().selectedText() == "［場所］"
    assert circulars.get(draft.id).status is Status.DRAFT


def test_paper_copies_after_publishing_open_the_export_dialog(
    window: MainWindow, page: CircularListPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """「紙の控えを印刷」 after 発行 in an editor opens the paper-copies dialog for that circular."""
    individual: list[bool] = []
    opened = _export_dialogs_opened(monkeypatch, individual)
    monkeypatch.setattr(AfterPublishDialog, "offer", classmethod(lambda *_a: True))
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    editor = page.open_editor(draft.id)
    editor.publish_button.click()
    assert opened == [draft.id]
    assert individual == [True]  # the paper households' copies are ticked (the demo has some)
    assert window.services.circulars.get(draft.id).status is Status.PUBLISHED


def test_paper_copies_after_publishing_from_the_list(
    window: MainWindow, page: CircularListPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """発行 in the list also offers 「紙の控えを印刷」 once it is published."""
    individual: list[bool] = []
    opened = _export_dialogs_opened(monkeypatch, individual)
    monkeypatch.setattr(AfterPublishDialog, "offer", classmethod(lambda *_a: True))
    draft = next(c for c in page.model.circulars() if c.status is Status.DRAFT)
    page.select_circular(draft.id)
    published = page.publish_current()
    assert published is not None and opened == [draft.id] and individual == [True]


def test_read_rates_are_computed_off_the_gui_thread(
    qtbot: QtBot, page: CircularListPage, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 既読率 asked for by painting come from a worker thread; the cells say 集計中… meanwhile."""
    threads: list[str] = []
    original = demo_services.reads.matrix

    def recording(year: int | None = None) -> Any:
        threads.append(threading.current_thread().name)
        return original(year)

    monkeypatch.setattr(demo_services.reads, "matrix", recording)
    model = page.model
    model.set_rate_provider(lambda year: fiscal_year_rates(demo_services.reads, year))
    published = next(c for c in model.circulars() if c.status is not Status.DRAFT)
    row = model.row_of(published.id)
    assert row is not None
    assert model.cell_text(row, Column.READ_RATE) == "集計中…"
    qtbot.waitUntil(model.rates_loaded)
    assert threads and threading.main_thread().name not in threads
    rate = demo_services.reads.circular_status(published.id).rate
    assert _row(model, published.id)[Column.READ_RATE] == rate_text(rate)
