"""研修の記録: recording workshops, yearly and senior totals, CSV, the total beside the KPI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from circular_app.app import App
from circular_app.domain.exercises import load_exercises
from circular_app.services.trainer import SENIOR_KIND, WORKSHOP_KINDS, Workshop, WorkshopLog
from circular_app.ui.common import dialogs
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.trainer.page import TrainerController, exercise_folders
from circular_app.ui.trainer.workshops import WorkshopDialog, workshop_log


@pytest.fixture
def log(app: App) -> WorkshopLog:
    """The workshop records of the test data folder."""
    return workshop_log(app.paths.data_dir)


@pytest.fixture
def dialog(qtbot: QtBot, app: App, log: WorkshopLog) -> WorkshopDialog:
    """The records dialog with the bundled exercises and the plan's target of 1,500."""
    shown = WorkshopDialog(log, load_exercises(exercise_folders(app)), "ja", 1500)
    qtbot.addWidget(shown)
    return shown


def _fill(dialog: WorkshopDialog, day: dt.date, place: str, kind: str, people: int) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.place_edit.setText(place)
    dialog.kind_combo.setCurrentIndex(WORKSHOP_KINDS.index(kind))
    dialog.participants_spin.setValue(people)


def test_recorded_workshop_is_listed_and_saved(dialog: WorkshopDialog, log: WorkshopLog) -> None:
    """Adding a workshop writes it to the records file and lists it with its exercises."""
    _fill(dialog, dt.date(2026, 6, 14), "見本地区公民館", SENIOR_KIND, 12)
    item = dialog.exercises_list.item(0)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    dialog.add()
    assert log.list() == [
        Workshop(dt.date(2026, 6, 14), "見本地区公民館", SENIOR_KIND, 12, ("publish-circular",))
    ]
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 5).data() == "回覧を作って発行する"


def test_totals_per_fiscal_year_and_senior_total(dialog: WorkshopDialog) -> None:
    """Totals are per fiscal year (April to March); the senior total counts 高齢者スマホ講座 only."""
    _fill(dialog, dt.date(2026, 3, 20), "公民館", SENIOR_KIND, 10)  # fiscal 2025
    dialog.add()
    _fill(dialog, dt.date(2026, 4, 2), "公民館", SENIOR_KIND, 7)
    dialog.add()
    _fill(dialog, dt.date(2026, 5, 9), "集会所", "役員向け", 5)
    dialog.add()
    assert dialog.totals_label.text().splitlines() == [
        "2026年度: 計 12人（うち高齢者スマホ講座 7人）",
        "2025年度: 計 10人（うち高齢者スマホ講座 10人）",
    ]
    assert "累計 17人" in dialog.senior_label.text()
    assert "目標 1,500人" in dialog.senior_label.text()


def test_record_without_place_is_refused(
    monkeypatch: pytest.MonkeyPatch, dialog: WorkshopDialog, log: WorkshopLog
) -> None:
    """An empty place is refused with a message and nothing is written."""
    warnings: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text, *_a: warnings.append(text))
    _fill(dialog, dt.date(2026, 6, 14), "", SENIOR_KIND, 12)
    assert dialog.add() is None
    assert warnings and log.list() == []


def test_records_export_to_csv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dialog: WorkshopDialog
) -> None:
    """CSV export writes a header and one line per workshop."""
    _fill(dialog, dt.date(2026, 6, 14), "見本地区公民館", SENIOR_KIND, 12)
    dialog.add()
    target = tmp_path / "研修"
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_a, **_k: [Path(str(target))])
    monkeypatch.setattr(dialogs, "inform", lambda *_a, **_k: None)
    written = dialog.export_csv()
    assert written == tmp_path / "研修.csv"
    lines = written.read_bytes().decode("cp932").splitlines()
    assert lines[0].startswith("日付,年度,場所,種類,参加者数")
    assert lines[1].startswith("2026-06-14,2026,見本地区公民館,高齢者スマホ講座,12")


def test_guide_shows_the_senior_total_beside_the_kpi_target(
    practice_window: MainWindow, controller: TrainerController
) -> None:
    """After a senior workshop is recorded the guide panel shows the new cumulative total."""
    dialog = controller.workshop_dialog()
    _fill(dialog, dt.date(2026, 6, 14), "見本地区公民館", SENIOR_KIND, 23)
    dialog.add()
    text = controller.guide.senior_label.text()
    assert "累計 23人" in text
    assert "計画の目標 1,500人" in text
