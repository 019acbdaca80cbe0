"""The paper-copies dialog: choices become a request, export runs off the GUI thread, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Audience, Circular, CircularDraft
from circular_app.services.pdf_export import ExportResult, PaperSize, PdfExportService
from circular_app.ui.printing.export_dialog import PdfExportDialog


def _urgent(s: ProfileServices) -> Circular:
    return next(
        c for c in s.circulars.list_circulars() if c.number is not None and c.urgency.value == "urgent"
    )


@pytest.fixture
def dialog(qtbot: QtBot, app: App, demo_services: ProfileServices, tmp_path: Path) -> PdfExportDialog:
    """The dialog on the demo's urgent circular, writing to tmp_path/out, rendering in-process."""
    s = demo_services
    service = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    widget = PdfExportDialog(service, _urgent(s).id, tmp_path / "out")
    qtbot.addWidget(widget)
    return widget


def test_defaults_make_han_copies_of_every_han(dialog: PdfExportDialog) -> None:
    """Out of the box: all 班 copies, A4, one file per copy."""
    request = dialog.request()
    assert (request.han_copies, request.han_ids, request.individual, request.size, request.combined) == (
        True,
        (),
        False,
        PaperSize.A4,
        False,
    )
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_choices_become_the_request(dialog: PdfExportDialog) -> None:
    """A chosen 班, individual copies, B4, 200 % and combined reach the request."""
    dialog.han_combo.setCurrentIndex(2)
    dialog.individual_check.setChecked(True)
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData("B4"))
    dialog.scale_combo.setCurrentIndex(1)
    dialog.combined_check.setChecked(True)
    request = dialog.request()
    assert request.han_ids == (dialog.choices.hans[1].id,)
    assert (request.individual, request.size, request.large_print_scale, request.combined) == (
        True,
        PaperSize.B4,
        200,
        True,
    )


def test_nothing_chosen_disables_export(dialog: PdfExportDialog) -> None:
    """With no kind of copy ticked there is nothing to export."""
    dialog.han_check.setChecked(False)
    assert not dialog.export_button.isEnabled()


def test_export_runs_and_reports_the_files(qtbot: QtBot, dialog: PdfExportDialog, tmp_path: Path) -> None:
    """Export writes the files off the GUI thread, fills the bar and enables open and print."""
    dialog.han_combo.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as blocker:
        dialog.export_button.click()
        assert dialog.cancel_button.isEnabled()
    result = blocker.args[0]
    assert isinstance(result, ExportResult) and len(result.files) == 1 and result.files[0].exists()
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.open_button.isEnabled() and dialog.print_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()


def test_cancel_leaves_no_files(qtbot: QtBot, dialog: PdfExportDialog, tmp_path: Path) -> None:
    """中止 during an export stops it and leaves the folder without any file of the batch."""
    dialog.individual_check.setChecked(True)
    with qtbot.waitSignal(dialog.export_cancelled, timeout=30000):
        dialog.export_button.click()
        dialog.cancel_button.click()
    assert list((tmp_path / "out").glob("*.pdf")) == []
    assert dialog.export_button.isEnabled() and not dialog.open_button.isEnabled()


def test_refused_choice_is_explained_without_starting(
    qtbot: QtBot, app: App, demo_services: ProfileServices, tmp_path: Path
) -> None:
    """班 copies of a digital-only circular are refused in the dialog; no export starts."""
    s = demo_services
    draft = s.circulars.new_draft(CircularDraft(title="アプリのみ", body="本文", audience=Audience.DIGITAL))
    circular = s.circulars.publish(draft.id)
    service = PdfExportService(s.circulars, s.roster, s.context.ref.name, app.paths.fonts, workers=1)
    widget = PdfExportDialog(service, circular.id, tmp_path / "out")
    qtbot.addWidget(widget)
    widget.export_button.click()
    assert not widget.busy and "デジタルのみ" in widget.error.text()
