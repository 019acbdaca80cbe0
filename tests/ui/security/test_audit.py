"""The audit viewer: entries in words, the tamper check and the CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.audit import ACTION_LABELS, ChainCheck
from circular_app.ui.common import dialogs
from circular_app.ui.security.audit import ACTION_TEXTS, AuditDialog, AuditTableModel
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


@pytest.fixture
def audit_dialog(qtbot: QtBot, app: App, services: ProfileServices) -> AuditDialog:
    """The audit viewer of a fresh profile after a log-in and a backup."""
    app.profiles.open_profile(services.context.ref, ADMIN_USER, ADMIN_PASSWORD).close()
    services.backups.back_up("manual")
    dialog = AuditDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def _column(dialog: AuditDialog, column: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_audit_model_passes_the_model_tester(qtmodeltester: object, audit_dialog: AuditDialog) -> None:
    """The audit table model is consistent for Qt's model tester."""
    model = AuditTableModel()
    model.set_rows(audit_dialog.model.rows())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_viewer_lists_login_and_backup_in_words(audit_dialog: AuditDialog) -> None:
    """Log-in and backup entries are shown with their Japanese labels and the officer."""
    assert _column(audit_dialog, 3)[-2:] == ["ログイン", "バックアップ"]
    assert set(_column(audit_dialog, 2)) == {"kaichou"}


def test_viewer_has_the_columns_of_the_trail(audit_dialog: AuditDialog) -> None:
    """The table shows number, time, officer, action and target."""
    assert audit_dialog.model.headers() == ["番号", "日時", "担当者", "操作", "対象"]


def test_verify_says_the_trail_is_intact(audit_dialog: AuditDialog) -> None:
    """「改ざんチェック」 on an untouched trail says no tampering was found."""
    audit_dialog.verify_button.click()
    count = audit_dialog.model.rowCount()
    assert audit_dialog.check_result.text() == f"改ざんは見つかりませんでした（{count}件を確認）。"


def test_verify_names_where_the_chain_breaks(
    monkeypatch: pytest.MonkeyPatch, audit_dialog: AuditDialog, services: ProfileServices
) -> None:
    """A broken chain is reported with the number of the first bad entry."""
    monkeypatch.setattr(services.audit, "verify", lambda: ChainCheck(False, 5, 3))
    audit_dialog.verify_button.click()
    assert "番号 3 の記録から先" in audit_dialog.check_result.text()


def test_export_writes_the_csv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, audit_dialog: AuditDialog
) -> None:
    """CSV export writes a header and one line per entry and says so."""
    shown = audit_dialog.model.rowCount()
    target = tmp_path / "audit"
    monkeypatch.setattr(dialogs, "run_file_dialog", lambda *_args: [Path(str(target))])
    audit_dialog.export_button.click()
    lines = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + shown
    assert f"{shown}件を書き出しました" in audit_dialog.check_result.text()


def test_action_texts_match_the_domain_labels() -> None:
    """The translatable action labels are the domain's labels, code for code (add new ones here)."""
    assert {code: str(text) for code, text in ACTION_TEXTS.items()} == ACTION_LABELS
