"""The audit trail's hash chain: each entry's hash covers its content and the previous hash.

Editing, inserting or removing an entry anywhere breaks every later hash, so tampering with
the (encrypted) file is detectable by :func:`verify_chain`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, to which object (opaque ids only, never names)."""

    id: int
    at: dt.datetime
    officer: str
    action: str
    target: str
    detail: str
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, at: dt.datetime, officer: str, action: str, target: str, detail: str) -> str:
    """SHA-256 over the previous hash and a canonical JSON of the entry's content."""
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), officer, action, target, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """Result of verifying the trail: ok, or the first entry id where the chain breaks."""

    ok: bool
    entries: int
    broken_at: int | None = None


def verify_chain(entries: Iterable[AuditEntry]) -> ChainCheck:
    """Recompute every hash in id order."""
    prev = GENESIS_HASH
    count = 0
    for entry in entries:
        count += 1
        expected = entry_hash(prev, entry.at, entry.officer, entry.action, entry.target, entry.detail)
        if entry.prev_hash != prev or entry.hash != expected:
            return ChainCheck(False, count, entry.id)
        prev = entry.hash
    return ChainCheck(True, count)


# Actions recorded (code → Japanese label for the viewer and exports).
ACTION_LABELS = {
    "login": "ログイン",
    "login_failed": "ログイン失敗",
    "logout": "ログアウト",
    "lock": "画面ロック",
    "roster_import": "名簿の取り込み",
    "roster_export": "名簿の書き出し（個人情報）",
    "household_add": "世帯の追加",
    "household_update": "世帯の変更",
    "household_move_out": "転出の登録",
    "household_move_in": "転出の取り消し",
    "route_change": "回覧順の変更",
    "han_change": "班の変更",
    "account_add": "アカウントの追加",
    "account_disable": "アカウントの無効化",
    "account_enable": "アカウントの有効化",
    "account_password": "パスワードの変更",
    "backup": "バックアップ",
    "restore": "復元",
    "restore_refused": "復元の拒否（ファイルが使えない）",
    "handover_export": "引き継ぎファイルの作成",
    "han_copy_export": "班長コピーの作成",
    "han_copy_import": "班長コピーを開いた",
    "audit_export": "監査ログの書き出し",
    "profile_rename": "町会名の変更",
    "circular_create": "回覧の作成",
    "circular_delete": "下書きの削除",
    "publish": "回覧の発行",
    "correction": "回覧の訂正",
    "circular_close": "回覧の終了",
    "recipients_add": "回覧に世帯を加える（この回覧にも加える）",
    "read_record": "既読の記録",
    "read_remove": "既読の取り消し",
    "hub_connect": "ハブへの接続",
    "adoption_report": "導入状況の報告",
    "invitations": "スマホ招待状の作成",
    "safety_start": "安否確認の開始",
    "safety_end": "安否確認の終了",
    "safety_record": "安否の記録",
    "form_set": "回答様式の設定",
    "form_removed": "回答様式の取り外し",
    "answer_record": "回答の記録",
    "answer_withdraw": "回答の取り消し",
    "safety_board_export": "安否確認ボードのPDF（個人情報）",
    "care_view": "要配慮の表示",
    "care_change": "要配慮の変更",
    "care_list": "要配慮者の一覧の表示・印刷",
    "watch_setting": "見守りの設定",
    "translation_set": "回覧の翻訳の保存",
    "translation_remove": "回覧の翻訳の削除",
    "reading_set": "ふりがなの読み方の変更",
    "reading_remove": "ふりがなの読み方の削除",
}
