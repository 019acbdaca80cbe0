"""The reader matrix model and page: cells, headers, filters, rates, tooltips and CSV export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.calendar import fiscal_year, wareki
from circular_app.domain.circulars import Circular, CircularDraft
from circular_app.domain.reads import CellState, Rate
from circular_app.domain.roster import Delivery, Han, Household, HouseholdDraft
from circular_app.services.reads import ReaderGrid
from circular_app.ui.common import dialogs
from circular_app.ui.reads.matrix import ReaderMatrixPage
from circular_app.ui.reads.matrix_model import Code, ReaderMatrixModel
from circular_app.ui.reads.matrix_view import MatrixView
from tests.pdf.helpers import make_circular

TODAY = dt.date(2026, 11, 24)


def _circular(id_: int, number: int, **changes: Any) -> Circular:
    fields: dict[str, Any] = {
        "id": id_,
        "number": number,
        "title": f"回覧その{number}",
        "issue_date": dt.date(2026, 11, 20),
        "due_date": dt.date(2026, 12, 4),
    }
    return make_circular(**(fields | changes))


def _household(
    id_: int, han_id: int, position: int, name: str, delivery: Delivery = Delivery.PAPER
) -> Household:
    return Household(id_, f"p{id_}", name, "", han_id, position, delivery, False, "ja", "", "", "")


@pytest.fixture
def small_grid() -> ReaderGrid:
    """Two 班; No.2 only for 1班 and overdue (one paper read); No.1 for all (one digital read)."""
    hans = (Han(2, "2班", 2), Han(1, "1班", 1))
    households = (
        _household(12, 2, 2, "例野 花子"),
        _household(11, 1, 1, "見本 一郎"),
        _household(21, 2, 1, "仮田 次郎", Delivery.DIGITAL),
        _household(13, 1, 2, "試川 三郎", Delivery.DIGITAL),
    )
    circulars = (
        _circular(2, 2, target_han_ids=(1,), issue_date=dt.date(2026, 11, 1), due_date=dt.date(2026, 11, 15)),
        _circular(1, 1),
    )
    return ReaderGrid(hans, households, circulars, {2: (11,)}, {1: (21,)}, TODAY)


@pytest.fixture
def model(small_grid: ReaderGrid) -> ReaderMatrixModel:
    matrix = ReaderMatrixModel()
    matrix.set_matrix(small_grid)
    return matrix


def _cell(model: ReaderMatrixModel, name: str, number: int) -> tuple[int, int]:
    row = next(r for r in range(model.rowCount()) if model.household_at(r).name == name)
    column = next(c for c in range(model.columnCount()) if model.circular_at(c).number == number)
    return row, column


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_services: ProfileServices) -> None:
    """The matrix of the demo profile satisfies Qt's model consistency checks."""
    model = ReaderMatrixModel(history=demo_services.reads.history)
    model.set_matrix(demo_services.reads.grid())
    qtmodeltester.check(model)


def test_filtered_model_passes_the_model_tester(
    qtmodeltester: ModelTester, demo_services: ProfileServices
) -> None:
    """With a 班 and the unread-only filter on, the model is still consistent."""
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    model.set_filter(demo_services.roster.list_hans()[1].id, unread_only=True)
    qtmodeltester.check(model)


def test_rows_are_grouped_by_han_in_route_order(model: ReaderMatrixModel) -> None:
    """Rows follow 班 position, then route position, whatever order the grid had."""
    assert [model.household_at(r).name for r in range(model.rowCount())] == [
        "見本 一郎",
        "試川 三郎",
        "仮田 次郎",
        "例野 花子",
    ]


def test_row_header_names_han_order_and_household(model: ReaderMatrixModel) -> None:
    """The vertical header reads 「1班・1　見本 一郎」."""
    assert model.headerData(0, Qt.Orientation.Vertical) == "1班・1　見本 一郎"


def test_columns_are_labelled_by_number_with_the_title_in_the_tooltip(model: ReaderMatrixModel) -> None:
    """Columns read 「No.N」 (newest first) and their tooltip carries the title."""
    assert model.headerData(1, Qt.Orientation.Horizontal) == "No.1"
    assert "回覧その1" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_overdue_column_is_marked_in_its_header(model: ReaderMatrixModel) -> None:
    """A past-due circular with unread households shows 「No.2！」 and says so in the tooltip."""
    assert model.headerData(0, Qt.Orientation.Horizontal) == "No.2！"
    assert "期限切れ" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(
    ("name", "number", "symbol", "state"),
    [
        ("見本 一郎", 2, "印", CellState.READ_PAPER),
        ("仮田 次郎", 1, "◎", CellState.READ_DIGITAL),
        ("見本 一郎", 1, "ー", CellState.UNREAD),
        ("例野 花子", 2, "", CellState.NOT_TARGETED),
    ],
)
def test_cell_shows_symbol_and_speaks_the_state(
    model: ReaderMatrixModel, name: str, number: int, symbol: str, state: CellState
) -> None:
    """Each state has its symbol on screen and its words (label_ja) for screen readers."""
    index = model.index(*_cell(model, name, number))
    assert model.data(index) == symbol
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == state.label_ja
    assert model.state_at(index.row(), index.column()) is state


def test_unread_cell_of_an_overdue_circular_is_marked(model: ReaderMatrixModel) -> None:
    """Unread and past due: 「！」, spoken and shown in the tooltip as 「期限切れ・未読」."""
    index = model.index(*_cell(model, "試川 三郎", 2))
    assert model.data(index) == "！"
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == "期限切れ・未読"
    assert "期限切れ・未読" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.code_at(index.row(), index.column()) is Code.OVERDUE


def test_colour_is_only_an_extra(model: ReaderMatrixModel) -> None:
    """Every targeted cell has a background tint and still a symbol or words to read."""
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if model.state_at(row, column) is not CellState.NOT_TARGETED:
                assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
                assert model.data(index)
            assert model.data(index, Qt.ItemDataRole.AccessibleTextRole)


def test_cells_agree_with_the_service_matrix(demo_services: ProfileServices) -> None:
    """Every cell built from the compact grid equals ReaderMatrix.state for that household."""
    matrix = demo_services.reads.matrix()
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    rows = {h.id: r for r, h in enumerate(matrix.households)}
    assert model.rowCount() == len(matrix.households)
    for row in range(model.rowCount()):
        expected = rows[model.household_at(row).id]
        for column in range(model.columnCount()):
            assert model.state_at(row, column) is matrix.state(expected, column)


def test_a_full_matrix_and_its_grid_give_the_same_cells(demo_services: ProfileServices) -> None:
    """set_matrix accepts a ReaderMatrix too, with the same result as the grid."""
    from_grid, from_matrix = ReaderMatrixModel(), ReaderMatrixModel()
    from_grid.set_matrix(demo_services.reads.grid())
    from_matrix.set_matrix(demo_services.reads.matrix())
    cells = [
        [m.code_at(r, c) for r in range(m.rowCount()) for c in range(m.columnCount())]
        for m in (from_grid, from_matrix)
    ]
    assert cells[0] == cells[1]


def test_moved_out_household_is_shown_only_with_something_to_read(small_grid: ReaderGrid) -> None:
    """The domain's moved-out rule decides the rows: gone before every circular means no row."""
    gone = dataclasses.replace(_household(14, 1, 3, "転出 四郎"), moved_out_on=dt.date(2026, 10, 1))
    late = dataclasses.replace(_household(15, 1, 4, "転出 五郎"), moved_out_on=dt.date(2026, 11, 21))
    grid = dataclasses.replace(small_grid, households=(*small_grid.households, gone, late))
    model = ReaderMatrixModel()
    model.set_matrix(grid)
    names = [model.household_at(r).name for r in range(model.rowCount())]
    assert "転出 五郎" in names and "転出 四郎" not in names


def test_han_filter_shows_only_that_han(demo_services: ProfileServices) -> None:
    """Filtering by a 班 keeps its households only, in route order."""
    han = demo_services.roster.list_hans()[2]
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    model.set_filter(han.id)
    route = [h.id for h in demo_services.roster.list_households() if h.han_id == han.id]
    assert [model.household_at(r).id for r in range(model.rowCount())] == route


def test_unread_only_filter_matches_the_service(demo_services: ProfileServices) -> None:
    """Unread only shows exactly the households the service lists with unread_only."""
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    model.set_filter(unread_only=True)
    expected = [h.id for h in demo_services.reads.matrix(unread_only=True).households]
    assert sorted(model.household_at(r).id for r in range(model.rowCount())) == sorted(expected)
    assert 0 < model.rowCount() < 60


def test_tooltip_gives_date_recorder_and_history(demo_services: ProfileServices) -> None:
    """A read cell's tooltip names the date and who recorded it, then the history."""
    model = ReaderMatrixModel(history=demo_services.reads.history)
    model.set_matrix(demo_services.reads.grid())
    row, column = next(
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.state_at(r, c) is CellState.READ_PAPER
    )
    record = demo_services.reads.records(model.circular_at(column).id)[model.household_at(row).id]
    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    assert f"日付: {wareki(record.read_on, weekday=True)}　記録: {record.recorded_by}" in tip
    assert "履歴:" in tip and "記録（紙" in tip


def test_household_rates_agree_with_the_service(demo_services: ProfileServices) -> None:
    """Per-household rates equal ReaderService.household_rates."""
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    rates = {h.id: rate for h, rate in model.rates().per_household}
    assert rates == demo_services.reads.household_rates()


def test_circular_rates_agree_with_the_service(demo_services: ProfileServices) -> None:
    """Per-circular rates equal the status of each circular."""
    model = ReaderMatrixModel()
    model.set_matrix(demo_services.reads.grid())
    for circular, rate in model.rates().per_circular:
        assert rate == demo_services.reads.circular_status(circular.id).rate


def test_snapshot_decides_the_cells_after_roster_changes(demo_services: ProfileServices) -> None:
    """A household added after publication is 対象外 in every published column, moving a
    household to another 班 keeps its cells, and the rates equal each circular's status."""
    s = demo_services
    moved = s.roster.list_households()[0]
    other = next(h for h in s.roster.list_hans() if h.id != moved.han_id)
    before = ReaderMatrixModel()
    before.set_matrix(s.reads.grid())
    cells_before = [before.state_at(_row_of(before, moved.id), c) for c in range(before.columnCount())]
    new = s.roster.add_household(HouseholdDraft(name="新入 太郎", han_id=other.id))
    s.roster.update_household(moved.id, HouseholdDraft(name=moved.name, han_id=other.id))
    model = ReaderMatrixModel()
    model.set_matrix(s.reads.grid())
    row = _row_of(model, new.id)
    assert all(model.state_at(row, c) is CellState.NOT_TARGETED for c in range(model.columnCount()))
    assert [model.state_at(_row_of(model, moved.id), c) for c in range(model.columnCount())] == cells_before
    rates = model.rates()
    assert rates.per_circular == before.rates().per_circular
    for circular, rate in rates.per_circular:
        assert rate == s.reads.circular_status(circular.id).rate
    assert {h.id: r for h, r in rates.per_household} == s.reads.household_rates()


def _row_of(model: ReaderMatrixModel, household_id: int) -> int:
    return next(r for r in range(model.rowCount()) if model.household_at(r).id == household_id)


def test_household_rates_count_only_the_circulars_meant_for_it(model: ReaderMatrixModel) -> None:
    """A household's rate is over the circulars that targeted it (the domain's is_targeted)."""
    per_household = {h.name: rate for h, rate in model.rates().per_household}
    assert per_household["見本 一郎"] == Rate(1, 2)
    assert per_household["仮田 次郎"] == Rate(1, 1)


def test_han_rates_sum_the_circulars_of_the_year(model: ReaderMatrixModel) -> None:
    """A 班's rate adds read and targeted over every circular of the year."""
    per_han = {han.name: rate for han, rate in model.rates().per_han}
    assert per_han == {"1班": Rate(1, 4), "2班": Rate(1, 2)}


def _loaded_page(qtbot: QtBot, services: ProfileServices) -> ReaderMatrixPage:
    """A matrix page whose first load (on a worker thread) has been shown."""
    page = ReaderMatrixPage(services.reads, services.circulars, load=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.matrix_loaded, timeout=10_000):
        page.reload()
    return page


def test_page_changes_fiscal_year(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Choosing an earlier fiscal year shows that year's circulars only."""
    year = fiscal_year(dt.date.today()) - 1
    circulars = demo_services.circulars
    draft = CircularDraft(title="前年度の回覧", body="本文", issue_date=dt.date(year, 6, 1))
    old = circulars.publish(circulars.new_draft(draft).id)
    page = _loaded_page(qtbot, demo_services)
    with qtbot.waitSignal(page.matrix_loaded, timeout=10_000):
        page.year_combo.setCurrentIndex(page.year_combo.findData(year))
    assert [page.model.circular_at(c).id for c in range(page.model.columnCount())] == [old.id]


def test_page_loads_off_the_gui_thread_and_says_so(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """While the matrix loads the page says so; the table fills when the answer arrives."""
    page = ReaderMatrixPage(demo_services.reads, demo_services.circulars, load=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.matrix_loaded, timeout=10_000):
        page.reload()
        assert page.loading and not page.busy_label.isHidden()
        assert page.model.rowCount() == 0
    assert not page.loading and page.busy_label.isHidden()
    assert page.model.rowCount() > 0


def test_a_newer_load_overtakes_an_older_one(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Two loads in a row show the matrix once, from the second."""
    page = ReaderMatrixPage(demo_services.reads, demo_services.circulars, load=False)
    qtbot.addWidget(page)
    loaded: list[int] = []
    page.matrix_loaded.connect(lambda: loaded.append(page.year))
    page.reload()
    page.reload()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert loaded == [page.year]


def test_page_filters_by_han_and_unread(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The 班 combo and the unread-only box filter the table and update the count line."""
    page = _loaded_page(qtbot, demo_services)
    han = demo_services.roster.list_hans()[0]
    page.han_combo.setCurrentIndex(page.han_combo.findData(han.id))
    page.unread_check.setChecked(True)
    shown = [page.model.household_at(r) for r in range(page.model.rowCount())]
    assert shown and all(h.han_id == han.id for h in shown)
    assert page.count_label.text().startswith(f"{len(shown)}世帯")


def test_page_shows_rates_tables(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The rates panel lists every circular, every 班 and every household."""
    page = _loaded_page(qtbot, demo_services)
    page.fill_rates()
    assert page.circular_rates.rowCount() == page.model.columnCount()
    assert page.han_rates.rowCount() == 5
    assert page.household_rates.rowCount() == 60


def test_export_writes_csv_and_names_the_encoding(
    qtbot: QtBot, demo_services: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export asks for a file, writes the matrix and says which encoding Excel will see."""
    page = _loaded_page(qtbot, demo_services)
    target = tmp_path / "matrix"
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(target))])
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _parent, _title, text: shown.append(text))
    page.export_csv()
    written = tmp_path / "matrix.csv"
    assert written.exists()
    assert "Shift_JIS（Excel用）" in shown[0] or "UTF-8（BOM付き）" in shown[0]
    assert str(written) in shown[0]


def _pixel_inside(view: MatrixView, row: int, column: int) -> QColor:
    """The colour just inside the top-left corner of a cell, away from its symbol."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(row, column))
    return image.pixelColor(rect.left() + 2, rect.top() + 2)


@pytest.fixture
def view(qtbot: QtBot, model: ReaderMatrixModel) -> MatrixView:
    """The small matrix in a shown view."""
    shown = MatrixView()
    qtbot.addWidget(shown)
    shown.setModel(model)
    shown.resize(600, 300)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_view_paints_each_cell_with_its_tint(view: MatrixView, model: ReaderMatrixModel) -> None:
    """The view's own painting gives a paper cell its green and an overdue cell its red tint."""
    assert _pixel_inside(view, *_cell(model, "見本 一郎", 2)) == QColor("#dcefdc")
    assert _pixel_inside(view, *_cell(model, "試川 三郎", 2)) == QColor("#f9d5d3")


def test_view_paints_the_selected_cell_highlighted(view: MatrixView, model: ReaderMatrixModel) -> None:
    """A selected cell is painted in the palette's highlight colour."""
    row, column = _cell(model, "見本 一郎", 1)
    view.selectionModel().select(model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert _pixel_inside(view, row, column) == view.palette().color(QPalette.ColorRole.Highlight)


def test_painting_keeps_references_to_none(view: MatrixView) -> None:
    """Repainting does not eat references to None (PySide6 6.12 drops one per void call)."""
    viewport = view.viewport()
    viewport.grab()
    before = sys.getrefcount(None)
    for _ in range(50):
        viewport.grab()
    assert sys.getrefcount(None) >= before
