"""The sync state in words (``sync --status``, the status bar): never self-contradictory."""

from __future__ import annotations

import datetime as dt

import pytest

from circular_app.services.sync import RoundResult, SyncState, SyncStatus

AT = dt.datetime(2026, 5, 1, 9, 30)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (SyncStatus(SyncState.NOT_CONNECTED, 0, None), "ハブ未接続"),
        (SyncStatus(SyncState.SYNCED, 0, AT), "同期済み（最終同期 2026-05-01 09:30 UTC）"),
        (SyncStatus(SyncState.SYNCED, 0, None), "送信待ちなし（同期の完了記録なし）"),
        (SyncStatus(SyncState.PENDING, 3, None), "送信待ち 3 件（同期の完了記録なし）"),
        (SyncStatus(SyncState.PENDING, 3, AT), "送信待ち 3 件（最終同期 2026-05-01 09:30 UTC）"),
        (SyncStatus(SyncState.OFFLINE, 1, AT), "オフライン（最終同期 2026-05-01 09:30 UTC）"),
        (
            SyncStatus(SyncState.ERROR, 1, AT, "ハブが受け付けませんでした"),
            "エラー: ハブが受け付けませんでした",
        ),
        (
            SyncStatus(SyncState.SYNCED, 0, AT, quarantined=2),
            "同期済み（最終同期 2026-05-01 09:30 UTC）／ハブが受け付けなかった項目 2 件",
        ),
    ],
)
def test_each_state_in_words(status: SyncStatus, words: str) -> None:
    """Each state has its own words, refused items included."""
    assert status.describe() == words


@pytest.mark.parametrize("state", list(SyncState))
def test_never_synced_is_never_called_synced(state: SyncState) -> None:
    """A profile whose round never completed is not 同期済み, whatever the state."""
    words = SyncStatus(state, 0, None, "x").describe()
    assert "同期済み" not in words and "未同期" not in words


def test_a_refused_item_makes_the_round_failed() -> None:
    """A round that left an item quarantined counts as failed (``sync --once`` exits 1)."""
    status = SyncStatus(SyncState.SYNCED, 0, AT, quarantined=1)
    assert RoundResult(3, 0, 0, 0, status).failed
    assert not RoundResult(3, 0, 0, 0, SyncStatus(SyncState.SYNCED, 0, AT)).failed
