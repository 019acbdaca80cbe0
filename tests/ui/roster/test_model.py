"""RosterTableModel and RosterFilterProxy, tested without a view."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.text import reading_sort_key
from circular_app.ui.roster.model import (
    HOUSEHOLD_ID_ROLE,
    Column,
    RosterFilterProxy,
    RosterTableModel,
    reordered,
)


def _household(hid: int, han_id: int, position: int, name: str, reading: str, **kw: object) -> Household:
    values: dict[str, object] = {
        "id": hid,
        "public_id": f"{hid:012x}",
        "name": name,
        "reading": reading,
        "han_id": han_id,
        "route_position": position,
        "delivery": Delivery.PAPER,
        "large_print": False,
        "language": "ja",
        "phone": "",
        "email": "",
        "notes": "",
        "moved_out_on": None,
    }
    values.update(kw)
    return Household(**values)  # type: ignore[arg-type]  # built from a dict of known fields


HANS = [Han(1, "1班", 1), Han(2, "2班", 2)]
ROWS = [
    _household(1, 1, 1, "見本 一郎", "ミホン\u3000イチロウ", delivery=Delivery.DIGITAL),
    _household(2, 1, 2, "例野 花子", "レイノ\u3000ハナコ", large_print=True),
    _household(3, 2, 1, "仮田 次郎", "カリタ\u3000ジロウ", delivery=Delivery.DIGITAL),
    _household(4, 2, 2, "𠮷仮 幸子", "ヨシカリ\u3000サチコ", moved_out_on=dt.date(2026, 3, 31)),
    _household(5, 2, 3, "手本 博", ""),
]


@pytest.fixture
def model(qtbot: QtBot) -> RosterTableModel:
    roster = RosterTableModel()
    roster.set_rows(ROWS, HANS)
    return roster


@pytest.fixture
def proxy(model: RosterTableModel) -> RosterFilterProxy:
    return RosterFilterProxy(model)


def _names(proxy: RosterFilterProxy) -> list[str]:
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_empty_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    """An empty roster model satisfies Qt's model contract."""
    qtmodeltester.check(RosterTableModel())


def test_demo_model_passes_the_model_tester(
    qtmodeltester: ModelTester, demo_services: ProfileServices
) -> None:
    """The model filled with the 60 demo households satisfies Qt's model contract."""
    model = RosterTableModel()
    model.set_rows(demo_services.roster.list_households(), demo_services.roster.list_hans())
    qtmodeltester.check(model)
    assert model.rowCount() == 60


def test_proxy_passes_the_model_tester(qtmodeltester: ModelTester, proxy: RosterFilterProxy) -> None:
    """The filter proxy over the roster model satisfies Qt's model contract."""
    proxy.set_han(2)
    proxy.sort(Column.READING)
    qtmodeltester.check(proxy)


def test_cells_show_the_household(model: RosterTableModel) -> None:
    """Cells show 班 name, route position, delivery label, ○ for large print and the move-out date."""
    row = [model.index(1, c).data() for c in Column]
    assert row[:6] == ["1班", "2", "例野 花子", "レイノ\u3000ハナコ", "紙", "○"]
    assert model.index(0, Column.DELIVERY).data() == "デジタル"
    assert model.index(3, Column.STATUS).data() == "転出 令和8年3月31日(火)"
    assert model.index(3, Column.NAME).data(HOUSEHOLD_ID_ROLE) == 4


def test_headers_are_the_roster_columns(model: RosterTableModel) -> None:
    """The horizontal headers are the ten roster columns in order."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "班",
        "順",
        "氏名",
        "フリガナ",
        "受取方法",
        "大きな文字",
        "電話",
        "メール",
        "備考",
        "状態",
    ]


def test_set_rows_resets_the_model(qtbot: QtBot, model: RosterTableModel) -> None:
    """set_rows replaces every row inside one model reset."""
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(ROWS[:2], HANS)
    assert model.rowCount() == 2


def test_proxy_filters_by_han(proxy: RosterFilterProxy) -> None:
    """Choosing a 班 shows only its households."""
    proxy.set_han(1)
    assert _names(proxy) == ["見本 一郎", "例野 花子"]


def test_proxy_filters_by_delivery(proxy: RosterFilterProxy) -> None:
    """Choosing デジタル shows only digital households."""
    proxy.set_delivery(Delivery.DIGITAL)
    assert sorted(_names(proxy)) == sorted(["見本 一郎", "仮田 次郎"])


def test_half_width_kana_search_finds_the_reading(proxy: RosterFilterProxy) -> None:
    """Searching ﾐﾎﾝ (half-width) finds the household read ミホン."""
    proxy.set_text("ﾐﾎﾝ")
    assert _names(proxy) == ["見本 一郎"]


def test_hiragana_search_finds_the_reading(proxy: RosterFilterProxy) -> None:
    """Searching in hiragana (かりた) finds the katakana reading カリタ."""
    proxy.set_text("かりた")
    assert _names(proxy) == ["仮田 次郎"]


def test_search_matches_the_name_without_spaces(proxy: RosterFilterProxy) -> None:
    """Searching 見本一郎 finds 見本 一郎 although the stored name has a space."""
    proxy.set_text("見本一郎")
    assert _names(proxy) == ["見本 一郎"]


def test_moved_out_households_are_hidden_until_asked(proxy: RosterFilterProxy) -> None:
    """A moved-out household appears only with 転出済みも表示."""
    assert "𠮷仮 幸子" not in _names(proxy)
    proxy.set_show_moved_out(True)
    assert "𠮷仮 幸子" in _names(proxy)


def test_sorting_by_reading_follows_yomi(proxy: RosterFilterProxy) -> None:
    """Sorting the フリガナ column orders by reading, households without one last."""
    proxy.set_show_moved_out(True)
    proxy.sort(Column.READING, Qt.SortOrder.AscendingOrder)
    expected = [h.name for h in sorted(ROWS, key=lambda h: reading_sort_key(h.reading, h.name))]
    assert _names(proxy) == expected
    assert _names(proxy)[-1] == "手本 博"


def test_sorting_by_route_orders_by_han_then_position(proxy: RosterFilterProxy) -> None:
    """Sorting the 順 column gives 班 order, then route order."""
    proxy.set_show_moved_out(True)
    proxy.sort(Column.READING)
    proxy.sort(Column.ORDER)
    assert _names(proxy) == [h.name for h in ROWS]


def test_reordered_moves_ids_before_the_target() -> None:
    """reordered puts the moving ids before the target, keeping their route order."""
    assert reordered([1, 2, 3, 4, 5], [4, 2], 1) == [2, 4, 1, 3, 5]
    assert reordered([1, 2, 3], [1], None) == [2, 3, 1]


def test_drop_in_route_mode_reports_the_new_position(qtbot: QtBot, model: RosterTableModel) -> None:
    """Dropping rows in route mode emits their ids and the household they land before."""
    model.set_route_mode(True)
    data = model.mimeData([model.index(4, 0)])
    with qtbot.waitSignal(model.households_dropped) as blocker:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert blocker.args == [[5], 3]


def test_drop_outside_route_mode_is_refused(qtbot: QtBot, model: RosterTableModel) -> None:
    """Without route mode rows cannot be dragged or dropped."""
    data = model.mimeData([model.index(4, 0)])
    assert not model.flags(model.index(4, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    with qtbot.assertNotEmitted(model.households_dropped):
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
