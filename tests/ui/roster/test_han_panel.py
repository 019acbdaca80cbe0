"""班 actions of the panel: add, rename, reorder, merge and split through its handlers."""

from __future__ import annotations

from typing import Any

import pytest

from circular_app.app import ProfileServices
from circular_app.ui.common import dialogs
from circular_app.ui.roster.han_panel import suggest_han_name
from circular_app.ui.shell.main_window import MainWindow


def _names(services: ProfileServices) -> list[str]:
    return [h.name for h in services.roster.list_hans()]


def _answer_text(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: text)


def test_add_han_appends_a_han(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a 班 named ６班 stores 6班 at the end and lists it in the panel."""
    _answer_text(monkeypatch, "６班")
    window.page.han_panel.add_han()
    assert _names(demo_services)[-1] == "6班"
    assert window.page.han_panel.list.count() == 6


def test_add_han_offers_the_next_number(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name prompt suggests the next free numbered 班."""
    asked: dict[str, Any] = {}

    def fake_ask_text(*args: Any, **kw: Any) -> str | None:
        asked["text"] = args[3]
        return None

    monkeypatch.setattr(dialogs, "ask_text", fake_ask_text)
    window.page.han_panel.add_han()
    assert asked["text"] == "6班"
    assert suggest_han_name(["1班", "東班", "10班"]) == "11班"


def test_duplicate_han_name_is_refused_with_a_message(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a 班 that exists shows the conflict and adds nothing."""
    shown: list[str] = []
    _answer_text(monkeypatch, "第1班")
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text: shown.append(text))
    window.page.han_panel.add_han()
    assert shown == ["「1班」は既にあります"]
    assert len(_names(demo_services)) == 5


def test_rename_han_renames_the_selected_han(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming the selected 班 stores the new name and keeps it selected."""
    window.page.han_panel.list.setCurrentRow(1)
    _answer_text(monkeypatch, "東班")
    window.page.han_panel.rename_han()
    assert _names(demo_services)[1] == "東班"
    assert window.page.han_combo.currentText() == "東班"


def test_move_han_down_reorders_hans(window: MainWindow, demo_services: ProfileServices) -> None:
    """Moving the first 班 down puts it second."""
    window.page.han_panel.list.setCurrentRow(0)
    window.page.han_panel.move_han_down()
    assert _names(demo_services)[:2] == ["2班", "1班"]


def test_merge_han_moves_households_after_confirmation(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merging 5班 into 4班 (confirmed) leaves 4 班 with 24 households in 4班."""
    window.page.han_panel.list.setCurrentRow(4)
    monkeypatch.setattr(dialogs, "choose_item", lambda *a, **k: "4班")
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    window.page.han_panel.merge_han()
    summary = demo_services.roster.summary()
    assert [s.han.name for s in summary.per_han] == ["1班", "2班", "3班", "4班"]
    assert summary.per_han[3].households == 24
    assert window.page.han_panel.list.count() == 4


def test_merge_han_changes_nothing_when_not_confirmed(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answering No to the merge question keeps every 班."""
    window.page.han_panel.list.setCurrentRow(4)
    monkeypatch.setattr(dialogs, "choose_item", lambda *a, **k: "4班")
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: False)
    window.page.han_panel.merge_han()
    assert len(_names(demo_services)) == 5


def test_split_han_at_the_selected_household(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Splitting 1班 at its fifth household moves that one and the rest to a new 班."""
    window.page.han_panel.list.setCurrentRow(0)
    han_id = demo_services.roster.list_hans()[0].id
    route = [h.id for h in demo_services.roster.list_households() if h.han_id == han_id]
    window.page.select_household(route[4])
    _answer_text(monkeypatch, "1班の2")
    window.page.han_panel.split_han()
    hans = demo_services.roster.list_hans()
    assert [h.name for h in hans][:2] == ["1班", "1班の2"]
    moved = [h.id for h in demo_services.roster.list_households() if h.han_id == hans[1].id]
    assert moved == route[4:]
