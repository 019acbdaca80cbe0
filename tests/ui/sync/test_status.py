"""The sync state in the status bar: the words for each state and the 「再試行」 button."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from circular_app.services.sync import SyncState, SyncStatus
from circular_app.ui.sync.status import SyncStatusWidget

SYNCED_AT = dt.datetime(2026, 11, 24, 0, 30)  # naive UTC, as stored


def _local(moment: dt.datetime) -> str:
    return f"{moment.replace(tzinfo=dt.UTC).astimezone():%m/%d %H:%M}"


@pytest.fixture
def widget(qtbot: QtBot) -> SyncStatusWidget:
    shown = SyncStatusWidget()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_not_connected(widget: SyncStatusWidget) -> None:
    """Before enrollment the bar says ハブ未接続 and offers no retry."""
    widget.set_status(SyncStatus(SyncState.NOT_CONNECTED, 0, None))
    assert widget.label.text() == "ハブ未接続"
    assert not widget.retry_button.isVisible()


def test_synced(widget: SyncStatusWidget) -> None:
    """Synced: 同期済み with the last sync in local time."""
    widget.set_status(SyncStatus(SyncState.SYNCED, 0, SYNCED_AT))
    assert widget.label.text() == f"同期済み（最終同期 {_local(SYNCED_AT)}）"
    assert not widget.retry_button.isVisible()


def test_pending(widget: SyncStatusWidget) -> None:
    """Items waiting: 送信待ち N 件."""
    widget.set_status(SyncStatus(SyncState.PENDING, 3, SYNCED_AT))
    assert widget.label.text() == f"送信待ち 3 件（最終同期 {_local(SYNCED_AT)}）"
    assert not widget.retry_button.isVisible()


def test_offline_offers_retry(widget: SyncStatusWidget, qtbot: QtBot) -> None:
    """Offline: オフライン（最終同期 …）and a 「再試行」 button that asks for a round."""
    widget.set_status(SyncStatus(SyncState.OFFLINE, 2, SYNCED_AT, "hub unreachable (ConnectError)"))
    assert widget.label.text() == f"オフライン（最終同期 {_local(SYNCED_AT)}）"
    assert widget.retry_button.isVisible() and widget.retry_button.text() == "再試行"
    with qtbot.waitSignal(widget.retry_requested):
        widget.retry_button.click()


def test_offline_never_synced(widget: SyncStatusWidget) -> None:
    """Offline before the first successful round says 同期の完了記録なし."""
    widget.set_status(SyncStatus(SyncState.OFFLINE, 4, None, "hub unreachable"))
    assert widget.label.text() == "オフライン（同期の完了記録なし）"


def test_nothing_waiting_but_never_synced_is_not_called_synced(widget: SyncStatusWidget) -> None:
    """After a killed first round: 送信待ちなし, never 「同期済み（未同期）」."""
    widget.set_status(SyncStatus(SyncState.SYNCED, 0, None))
    assert widget.label.text() == "送信待ちなし（同期の完了記録なし）"


def test_refused_items_are_counted_with_a_button(qtbot: QtBot, widget: SyncStatusWidget) -> None:
    """Items the hub refused: counted in the bar, 「送れなかった項目…」 opens them."""
    widget.set_status(SyncStatus(SyncState.SYNCED, 0, SYNCED_AT, quarantined=2))
    assert widget.label.text() == f"同期済み（最終同期 {_local(SYNCED_AT)}）／送れなかった項目 2 件"
    assert widget.quarantine_button.isVisible()
    with qtbot.waitSignal(widget.quarantine_requested, timeout=1000):
        widget.quarantine_button.click()
    widget.set_status(SyncStatus(SyncState.SYNCED, 0, SYNCED_AT))
    assert not widget.quarantine_button.isVisible()


def test_error_shows_the_reason_and_retry(widget: SyncStatusWidget) -> None:
    """Error: エラー: reason, with 「再試行」."""
    reason = "ハブがこの町会の接続を取り消しました（管理者に新しい登録コードを依頼してください）"
    widget.set_status(SyncStatus(SyncState.ERROR, 1, SYNCED_AT, reason))
    assert widget.label.text() == f"エラー: {reason}"
    assert widget.retry_button.isVisible()


def test_busy_says_syncing_and_disables_retry(widget: SyncStatusWidget) -> None:
    """While a round runs: 同期中… and the retry button waits."""
    widget.set_status(SyncStatus(SyncState.ERROR, 1, None, "x"))
    widget.set_busy()
    assert widget.label.text() == "同期中…"
    assert not widget.retry_button.isEnabled()
    widget.set_status(SyncStatus(SyncState.SYNCED, 0, SYNCED_AT))
    assert widget.label.text().startswith("同期済み")


def test_offline_enrollment_says_usb(widget: SyncStatusWidget) -> None:
    """Enrolled for USB reports only: no sync state, no retry."""
    widget.set_offline_enrollment(True)
    widget.set_status(SyncStatus(SyncState.ERROR, 0, None, "x"))
    assert widget.label.text() == "ハブ: USBで報告（オフライン登録）"
    assert not widget.retry_button.isVisible()
