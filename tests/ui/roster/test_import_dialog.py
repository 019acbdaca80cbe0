"""The roster import dialog: preview first, apply only on 取り込む, refuse broken files whole."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.roster import Delivery, HouseholdDraft
from circular_app.domain.roster_import import RouteOrder
from circular_app.services.roster import ImportResult
from circular_app.ui.common import dialogs
from circular_app.ui.roster.import_dialog import ImportDialog

GOOD_CSV = (
    "班,氏名,フリガナ,受取方法,転出日\r\n"
    "1班,見本 一郎,ミホン イチロウ,デジタル,\r\n"
    "1班,例野 花子,,紙,2026-10-01\r\n"
    "2班,仮田 次郎,カリタ ジロウ,紙,\r\n"
    "2班,試川 三郎,,デジタル,\r\n"
)

BROKEN_CSV = (
    "班,氏名,フリガナ,メール\r\n1班,,ミホン,\r\n1班,見本 二郎,見本,\r\n2班,仮田 次郎,カリタ,not-an-email\r\n"
)


@pytest.fixture
def roster(services: ProfileServices) -> ProfileServices:
    """An association with 1班 and two paper households."""
    han = services.roster.add_han("1班")
    services.roster.add_household(HouseholdDraft("見本 一郎", han.id, reading="ミホン イチロウ"))
    services.roster.add_household(HouseholdDraft("例野 花子", han.id))
    return services


def _snapshot(services: ProfileServices) -> tuple[object, ...]:
    return (tuple(services.roster.list_hans()), tuple(services.roster.list_households()))


def _dialog(qtbot: QtBot, services: ProfileServices) -> ImportDialog:
    dialog = ImportDialog(services.roster)
    qtbot.addWidget(dialog)
    return dialog


def _preview(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    """Preview ``path`` and wait until the preview (which runs on a worker thread) is shown."""
    with qtbot.waitSignal(dialog.preview_shown):
        dialog.preview(path)


def test_preview_shows_counts_and_changes_nothing(
    qtbot: QtBot, roster: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing a file shows 追加 2 / 変更 2 / 転出 1 / 新しい班 1 and leaves the roster alone."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("cp932"))
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *a, **k: [Path(str(path))])
    before = _snapshot(roster)
    dialog = _dialog(qtbot, roster)
    with qtbot.waitSignal(dialog.preview_shown):
        dialog.choose_file()
    assert dialog.counts_label.text() == "追加 2\u3000変更 2\u3000転出 1\u3000新しい班 1"
    lines = [dialog.details.item(i).text() for i in range(dialog.details.count())]
    assert "新しい班: 2班" in lines
    assert "変更: 見本 一郎（受取方法）" in lines
    assert "転出: 例野 花子" in lines
    assert dialog.import_button.isEnabled()
    assert _snapshot(roster) == before


def test_import_applies_only_when_confirmed(qtbot: QtBot, roster: ProfileServices, tmp_path: Path) -> None:
    """Pressing 取り込む applies the previewed file and closes the dialog."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    dialog = _dialog(qtbot, roster)
    _preview(qtbot, dialog, path)
    with qtbot.waitSignal(dialog.roster_imported) as blocker:
        dialog.import_button.click()
    assert blocker.args[0].added == 2
    households = {h.name: h for h in roster.roster.list_households()}
    assert set(households) == {"見本 一郎", "例野 花子", "仮田 次郎", "試川 三郎"}
    assert households["見本 一郎"].delivery is Delivery.DIGITAL
    assert households["例野 花子"].moved_out_on is not None
    assert dialog.result() == ImportDialog.DialogCode.Accepted


def test_closing_after_preview_imports_nothing(qtbot: QtBot, roster: ProfileServices, tmp_path: Path) -> None:
    """Closing the dialog after the preview leaves the roster unchanged."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    before = _snapshot(roster)
    dialog = _dialog(qtbot, roster)
    _preview(qtbot, dialog, path)
    dialog.close_button.click()
    assert _snapshot(roster) == before
    assert dialog.result() == ImportDialog.DialogCode.Rejected


def test_broken_csv_lists_every_problem_and_changes_nothing(
    qtbot: QtBot, roster: ProfileServices, tmp_path: Path
) -> None:
    """A file with three bad lines lists all three problems; 取り込む stays disabled."""
    path = tmp_path / "broken.csv"
    path.write_bytes(BROKEN_CSV.encode("utf-8"))
    before = _snapshot(roster)
    dialog = _dialog(qtbot, roster)
    _preview(qtbot, dialog, path)
    lines = [dialog.details.item(i).text() for i in range(dialog.details.count())]
    assert len(lines) == 3
    assert lines[0].startswith("2行目 [氏名]")
    assert lines[1].startswith("3行目 [フリガナ]")
    assert lines[2].startswith("4行目 [メール]")
    assert dialog.error.isVisibleTo(dialog)
    assert "3件の問題" in dialog.counts_label.text()
    assert not dialog.import_button.isEnabled()
    assert _snapshot(roster) == before


def test_unreadable_file_is_reported(qtbot: QtBot, roster: ProfileServices, tmp_path: Path) -> None:
    """A missing file is reported in the dialog and nothing can be imported."""
    dialog = _dialog(qtbot, roster)
    _preview(qtbot, dialog, tmp_path / "missing.csv")
    assert "missing.csv" in dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_preview_runs_off_the_gui_thread(qtbot: QtBot, roster: ProfileServices, tmp_path: Path) -> None:
    """While a file is read the dialog is busy: a busy bar and 中止 show, 取り込む is disabled."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    dialog = _dialog(qtbot, roster)
    with qtbot.waitSignal(dialog.preview_shown):
        dialog.preview(path)
        assert dialog.is_busy()
        assert dialog.progress.isVisibleTo(dialog) and dialog.cancel_button.isVisibleTo(dialog)
        assert not dialog.import_button.isEnabled()
    assert not dialog.is_busy()
    assert not dialog.progress.isVisibleTo(dialog)
    assert dialog.import_button.isEnabled()


def test_cancelled_preview_shows_nothing(qtbot: QtBot, roster: ProfileServices, tmp_path: Path) -> None:
    """中止 during the preview drops it: no plan, nothing to import, the roster unchanged."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    before = _snapshot(roster)
    dialog = _dialog(qtbot, roster)
    dialog.preview(path)
    dialog.cancel_button.click()
    assert not dialog.is_busy()
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert dialog.counts_label.text() == "取り込むCSVファイルを選んでください。"
    assert _snapshot(roster) == before


def test_cancelled_import_saves_nothing(
    qtbot: QtBot, roster: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """中止 while importing rolls the import back whole; the dialog stays open and says so."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    before = _snapshot(roster)
    gate = threading.Event()
    real_import = roster.roster.import_roster

    def held_import(
        data: bytes,
        source: str,
        cancelled: Callable[[], bool] | None = None,
        route_order: RouteOrder | None = None,
    ) -> ImportResult:
        gate.wait(30)  # the test decides when the import begins: after 中止 was pressed
        return real_import(data, source, cancelled, route_order)

    monkeypatch.setattr(roster.roster, "import_roster", held_import)
    dialog = _dialog(qtbot, roster)
    _preview(qtbot, dialog, path)
    dialog.import_button.click()
    assert dialog.is_busy() and not dialog.close_button.isEnabled()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert _snapshot(roster) == before
    assert dialog.result_ is None
    assert "中止しました" in dialog.error.text()
    assert dialog.close_button.isEnabled() and dialog.import_button.isEnabled()


def test_escape_during_import_cancels_instead_of_closing(
    qtbot: QtBot, roster: ProfileServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc (reject) while importing asks to cancel; the dialog waits for the rollback."""
    path = tmp_path / "meibo.csv"
    path.write_bytes(GOOD_CSV.encode("utf-8"))
    gate = threading.Event()
    real_import = roster.roster.import_roster

    def held_import(
        data: bytes,
        source: str,
        cancelled: Callable[[], bool] | None = None,
        route_order: RouteOrder | None = None,
    ) -> ImportResult:
        gate.wait(30)
        return real_import(data, source, cancelled, route_order)

    monkeypatch.setattr(roster.roster, "import_roster", held_import)
    dialog = _dialog(qtbot, roster)
    dialog.show()
    _preview(qtbot, dialog, path)
    dialog.import_button.click()
    dialog.reject()
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert "中止しました" in dialog.error.text()


SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "roster-sample.csv"


def _lines(dialog: ImportDialog) -> list[str]:
    return [dialog.details.item(i).text() for i in range(dialog.details.count())]


def test_taken_route_numbers_are_asked_before_import(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """The sample into the demo asks insert or end; 取り込む waits for the answer, which is previewed."""
    dialog = _dialog(qtbot, demo_services)
    _preview(qtbot, dialog, SAMPLE)
    assert dialog.route_box.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()
    assert "順番が重なる行: 2行目 1班 1番 髙橋 一郎（今の1番は 試川 誠）" in _lines(dialog)

    with qtbot.waitSignal(dialog.preview_shown):
        dialog.insert_button.click()
    assert dialog.insert_button.isChecked() and dialog.import_button.isEnabled()
    assert "順番の変更: 1班 試川 誠 1→6番" in _lines(dialog)
    assert "追加: 1班 1番 髙橋 一郎" in _lines(dialog)

    with qtbot.waitSignal(dialog.preview_shown):
        dialog.end_button.click()
    assert dialog.end_button.isChecked() and not dialog.insert_button.isChecked()
    assert not any(line.startswith("順番の変更") for line in _lines(dialog))
    assert "追加: 1班 13番 髙橋 一郎" in _lines(dialog)

    before = {h.id: h.route_position for h in demo_services.roster.list_households()}
    with qtbot.waitSignal(dialog.roster_imported):
        dialog.import_button.click()
    after = {h.id: h.route_position for h in demo_services.roster.list_households()}
    assert {i: after[i] for i in before} == before
