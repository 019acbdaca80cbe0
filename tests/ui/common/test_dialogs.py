"""The one dialog helper: verbs on buttons in both languages, and file dialogs' remembered folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.paths import bundle_root
from circular_app.settings import FILE_FOLDERS
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance, Look


def _capture_then(close: bool, click: str | None = None) -> list[tuple[list[str], list[str]]]:
    """Record the buttons and labels of the next modal window, then click ``click`` or close it."""
    seen: list[tuple[list[str], list[str]]] = []

    def inspect() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, inspect)
            return
        buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
        labels = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
        seen.append(([b.text() for b in buttons], labels))
        target = next((b for b in buttons if b.text() == click), None)
        if target is not None:
            target.click()
        elif close:
            widget.close()

    QTimer.singleShot(10, inspect)
    return seen


@pytest.mark.parametrize(
    ("language", "yes", "no"), [("ja", "発行する", "やめる"), ("en", "Publish", "Cancel")]
)
def test_ask_shows_the_verbs_of_the_language(
    appearance: Appearance, qapp: QApplication, language: str, yes: str, no: str
) -> None:
    """ask() shows the caller's verb and 「やめる」 (English: Cancel) and returns which was clicked."""
    appearance.apply(Look(language=language))
    seen = _capture_then(close=False, click=yes)
    assert dialogs.ask(None, "回覧の発行", "発行しますか？", yes=yes) is True
    assert sorted(seen[0][0]) == sorted([yes, no])
    _capture_then(close=False, click=no)
    assert dialogs.ask(None, "回覧の発行", "発行しますか？", yes=yes) is False


def test_ask_answers_no_when_the_box_is_closed(appearance: Appearance) -> None:
    """Closing the question (Escape, the window's ×) never counts as the verb."""
    appearance.apply(Look(language="ja"))
    _capture_then(close=True)
    assert dialogs.ask(None, "下書きの削除", "削除しますか？", yes="削除する") is False


def test_inform_has_one_close_button(appearance: Appearance) -> None:
    """inform() shows the text with a single 「閉じる」 button."""
    appearance.apply(Look(language="ja"))
    seen = _capture_then(close=True)
    dialogs.inform(None, "書き出し", "書き出しました")
    assert seen[0][0] == ["閉じる"]
    assert "書き出しました" in seen[0][1]


def test_button_box_keeps_the_standard_roles_with_our_texts(qapp: QApplication) -> None:
    """button_box() gives Ok/Cancel buttons (found by role) the accepting verb and 「やめる」."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialogs.button_box(None, "演習を始める")
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert ok is not None and cancel is not None
    assert (ok.text(), cancel.text()) == ("演習を始める", "やめる")
    closing = dialogs.button_box(None, None)
    close = closing.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.text() == "閉じる"


def test_a_file_dialog_starts_in_the_purpose_folder_under_documents(
    qapp: QApplication, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a remembered folder a dialog starts in <Documents>/回覧デスク/印刷, created on demand."""
    started: list[str] = []

    def run(dialog: QFileDialog) -> list[Path]:
        started.append(dialog.directory().absolutePath())
        return []

    monkeypatch.setattr(dialogs, "run_file_dialog", run)
    assert dialogs.save_file(None, dialogs.Purpose.PRINT, "保存", "督促.pdf", "PDF (*.pdf)") is None
    expected = documents / "回覧デスク" / "印刷"
    assert started == [str(expected)]
    assert expected.is_dir()
    assert Path.cwd() != expected


def test_the_folder_chosen_is_remembered_per_purpose_in_the_settings(
    qapp: QApplication, app: App, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After saving into a folder, the next dialog of that purpose starts there; others do not."""
    keeper = dialogs.FileFolders.install(app.settings)
    usb = tmp_path / "usb"
    usb.mkdir()
    started: list[str] = []

    def run(dialog: QFileDialog) -> list[Path]:
        started.append(dialog.directory().absolutePath())
        return [usb / "督促"]

    monkeypatch.setattr(dialogs, "run_file_dialog", run)
    try:
        written = dialogs.save_file(None, dialogs.Purpose.PRINT, "保存", "督促.pdf", "PDF (*.pdf)", ".pdf")
        dialogs.save_file(None, dialogs.Purpose.PRINT, "保存", "督促.pdf", "PDF (*.pdf)", ".pdf")
        dialogs.open_file(None, dialogs.Purpose.ROSTER, "名簿", "CSV (*.csv)")
    finally:
        keeper.setParent(None)
    assert written == usb / "督促.pdf"
    assert started[1] == str(usb)
    assert started[2] == str(documents / "回覧デスク" / "名簿")
    assert app.settings.get(FILE_FOLDERS)["PRINT"] == str(usb)


def test_save_csv_offers_csv_files_in_the_ui_language(
    appearance: Appearance, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """save_csv filters 「CSVファイル (*.csv)」 ("CSV files (*.csv)" in English) and adds .csv to a bare name."""
    filters: list[list[str]] = []

    def run(dialog: QFileDialog) -> list[Path]:
        filters.append(dialog.nameFilters())
        return [documents / "一覧"]

    monkeypatch.setattr(dialogs, "run_file_dialog", run)
    appearance.apply(Look(language="ja"))
    assert dialogs.save_csv(None, dialogs.Purpose.PRINT, "書き出す", "一覧.csv") == documents / "一覧.csv"
    appearance.apply(Look(language="en"))
    dialogs.save_csv(None, dialogs.Purpose.PRINT, "書き出す", "一覧.csv")
    assert filters == [["CSVファイル (*.csv)"], ["CSV files (*.csv)"]]


def test_the_japanese_file_dialog_has_no_english_label(appearance: Appearance, documents: Path) -> None:
    """Qt's widget file dialog in Japanese mode: every label and button is Japanese, with verbs."""
    appearance.apply(Look(language="ja"))
    seen = _capture_then(close=True)
    dialogs.save_file(None, dialogs.Purpose.PRINT, "督促シートを保存", "督促.pdf", "PDF (*.pdf)")
    buttons, labels = seen[0]
    assert {"保存する", "やめる"} <= set(buttons)
    assert {"場所(&L):", "ファイル名(&N):", "ファイルの種類:"} <= set(labels)


def test_the_message_box_parent_is_kept(qapp: QApplication, appearance: Appearance) -> None:
    """A question opens over its parent window (window-modal there, not a stray top-level)."""
    parent = QWidget()
    parents: list[QWidget | None] = []

    def inspect() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            parents.append(widget.parentWidget())
            widget.close()
        else:
            QTimer.singleShot(10, inspect)

    QTimer.singleShot(10, inspect)
    dialogs.ask(parent, "確認", "よろしいですか？", yes="発行する")
    assert parents == [parent]
    parent.deleteLater()


def test_switching_language_swaps_qts_own_catalog(appearance: Appearance) -> None:
    """ja → en → ja: Qt's standard texts follow (キャンセル, Cancel, キャンセル), as does the locale."""
    appearance.apply(Look(language="ja"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    appearance.apply(Look(language="en"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().language() == QLocale.Language.English
    appearance.apply(Look(language="ja"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    assert QLocale().language() == QLocale.Language.Japanese


# Calls that open a Qt dialog with Qt's own English buttons or in the program's folder; only
# the helper module may make them.
DIRECT_CALL = re.compile(
    r"QMessageBox\.(question|information|warning|critical|about)\(|QFileDialog\.get\w+\(|"
    r"QInputDialog\.get\w+\(|QMessageBox\.StandardButton\.(Yes|No|Ok|Open|Close)\b"
)


def offending_lines(ui_root: Path) -> list[str]:
    """``file:line`` of every direct standard-dialog call under ``ui_root`` outside dialogs.py."""
    return [
        f"{path.relative_to(ui_root)}:{number}"
        for path in sorted(ui_root.rglob("*.py"))
        if path.name != "dialogs.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if DIRECT_CALL.search(line)
    ]


def test_every_standard_dialog_goes_through_the_helper() -> None:
    """No module of circular_app/ui opens QMessageBox/QFileDialog/QInputDialog's static dialogs itself."""
    assert offending_lines(bundle_root() / "circular_app" / "ui") == []


def test_the_check_finds_a_direct_question(tmp_path: Path) -> None:
    """A page that calls QMessageBox.question itself is reported with its line."""
    (tmp_path / "page.py").write_text("x = 1\nQMessageBox.question(self, t, q)\n", encoding="utf-8")
    assert offending_lines(tmp_path) == ["page.py:2"]


def test_the_paper_copies_dialog_writes_into_the_print_folder_by_default(
    qtbot: QtBot, demo_services: ProfileServices, documents: Path
) -> None:
    """印刷用PDF's folder is <Documents>/回覧デスク/印刷 until another is chosen, never the program folder."""
    from circular_app.domain.circulars import Status
    from circular_app.ui.printing.export_dialog import PdfExportDialog

    published = next(c for c in demo_services.circulars.list_circulars() if c.status is Status.PUBLISHED)
    dialog = PdfExportDialog(demo_services.pdf_export, published.id)
    qtbot.addWidget(dialog)
    assert dialog.folder_edit.text() == str(documents / "回覧デスク" / "印刷")
