"""The audit trail for the administrator: who did what and when, the tamper check, CSV export.

The trail holds ids and counts only, never residents' names, so the viewer shows nothing
personal; times are stored in UTC and shown in the PC's local time.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QWidget,
)

from circular_app.app import ProfileServices
from circular_app.domain.audit import ACTION_LABELS, AuditEntry
from circular_app.domain.calendar import wareki_time
from circular_app.domain.errors import UserError
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.widgets import ErrorLabel, column_layout, flow_row
from circular_app.ui.security.common import (
    RowsTableModel,
    SecurityDialog,
    error_text,
    list_table,
    set_button_texts,
    translate,
)

# The domain's action labels, marked for translation (a test keeps the two lists equal).
ACTION_TEXTS = {
    "login": QT_TRANSLATE_NOOP("AuditActions", "ログイン"),
    "login_failed": QT_TRANSLATE_NOOP("AuditActions", "ログイン失敗"),
    "logout": QT_TRANSLATE_NOOP("AuditActions", "ログアウト"),
    "lock": QT_TRANSLATE_NOOP("AuditActions", "画面ロック"),
    "roster_import": QT_TRANSLATE_NOOP("AuditActions", "名簿の取り込み"),
    "roster_export": QT_TRANSLATE_NOOP("AuditActions", "名簿の書き出し（個人情報）"),
    "household_add": QT_TRANSLATE_NOOP("AuditActions", "世帯の追加"),
    "household_update": QT_TRANSLATE_NOOP("AuditActions", "世帯の変更"),
    "household_move_out": QT_TRANSLATE_NOOP("AuditActions", "転出の登録"),
    "household_move_in": QT_TRANSLATE_NOOP("AuditActions", "転出の取り消し"),
    "route_change": QT_TRANSLATE_NOOP("AuditActions", "回覧順の変更"),
    "han_change": QT_TRANSLATE_NOOP("AuditActions", "班の変更"),
    "account_add": QT_TRANSLATE_NOOP("AuditActions", "アカウントの追加"),
    "account_disable": QT_TRANSLATE_NOOP("AuditActions", "アカウントの無効化"),
    "account_enable": QT_TRANSLATE_NOOP("AuditActions", "アカウントの有効化"),
    "account_password": QT_TRANSLATE_NOOP("AuditActions", "パスワードの変更"),
    "backup": QT_TRANSLATE_NOOP("AuditActions", "バックアップ"),
    "restore": QT_TRANSLATE_NOOP("AuditActions", "復元"),
    "restore_refused": QT_TRANSLATE_NOOP("AuditActions", "復元の拒否（ファイルが使えない）"),
    "handover_export": QT_TRANSLATE_NOOP("AuditActions", "引き継ぎファイルの作成"),
    "han_copy_export": QT_TRANSLATE_NOOP("AuditActions", "班長コピーの作成"),
    "han_copy_import": QT_TRANSLATE_NOOP("AuditActions", "班長コピーを開いた"),
    "audit_export": QT_TRANSLATE_NOOP("AuditActions", "監査ログの書き出し"),
    "profile_rename": QT_TRANSLATE_NOOP("AuditActions", "町会名の変更"),
    "circular_create": QT_TRANSLATE_NOOP("AuditActions", "回覧の作成"),
    "circular_delete": QT_TRANSLATE_NOOP("AuditActions", "下書きの削除"),
    "publish": QT_TRANSLATE_NOOP("AuditActions", "回覧の発行"),
    "correction": QT_TRANSLATE_NOOP("AuditActions", "回覧の訂正"),
    "circular_close": QT_TRANSLATE_NOOP("AuditActions", "回覧の終了"),
    "recipients_add": QT_TRANSLATE_NOOP("AuditActions", "回覧に世帯を加える（この回覧にも加える）"),
    "read_record": QT_TRANSLATE_NOOP("AuditActions", "既読の記録"),
    "read_remove": QT_TRANSLATE_NOOP("AuditActions", "既読の取り消し"),
    "hub_connect": QT_TRANSLATE_NOOP("AuditActions", "ハブへの接続"),
    "adoption_report": QT_TRANSLATE_NOOP("AuditActions", "導入状況の報告"),
    "invitations": QT_TRANSLATE_NOOP("AuditActions", "スマホ招待状の作成"),
    "safety_start": QT_TRANSLATE_NOOP("AuditActions", "安否確認の開始"),
    "safety_end": QT_TRANSLATE_NOOP("AuditActions", "安否確認の終了"),
    "safety_record": QT_TRANSLATE_NOOP("AuditActions", "安否の記録"),
    "form_set": QT_TRANSLATE_NOOP("AuditActions", "回答様式の設定"),
    "form_removed": QT_TRANSLATE_NOOP("AuditActions", "回答様式の取り外し"),
    "answer_record": QT_TRANSLATE_NOOP("AuditActions", "回答の記録"),
    "answer_withdraw": QT_TRANSLATE_NOOP("AuditActions", "回答の取り消し"),
    "safety_board_export": QT_TRANSLATE_NOOP("AuditActions", "安否確認ボードのPDF（個人情報）"),
    "care_view": QT_TRANSLATE_NOOP("AuditActions", "要配慮の表示"),
    "care_change": QT_TRANSLATE_NOOP("AuditActions", "要配慮の変更"),
    "care_list": QT_TRANSLATE_NOOP("AuditActions", "要配慮者の一覧の表示・印刷"),
    "watch_setting": QT_TRANSLATE_NOOP("AuditActions", "見守りの設定"),
    "translation_set": QT_TRANSLATE_NOOP("AuditActions", "回覧の翻訳の保存"),
    "translation_remove": QT_TRANSLATE_NOOP("AuditActions", "回覧の翻訳の削除"),
    "reading_set": QT_TRANSLATE_NOOP("AuditActions", "ふりがなの読み方の変更"),
    "reading_remove": QT_TRANSLATE_NOOP("AuditActions", "ふりがなの読み方の削除"),
}


def action_text(action: str) -> str:
    """An action code in words (the domain's label, translated; unknown codes as they are)."""
    label = ACTION_LABELS.get(action)
    if label is None:
        return action
    return translate("AuditActions", label) if ACTION_TEXTS.get(action) == label else label


def local_time(at: dt.datetime) -> dt.datetime:
    """A stored UTC time (naive) in the PC's time zone."""
    return at.replace(tzinfo=dt.UTC).astimezone() if at.tzinfo is None else at.astimezone()


class AuditTableModel(RowsTableModel[AuditEntry]):
    """Audit entries, oldest first: time, officer, action, target."""

    def headers(self) -> list[str]:
        """Column titles in the current language."""
        return [self.tr("番号"), self.tr("日時"), self.tr("担当者"), self.tr("操作"), self.tr("対象")]

    def cell(self, row: AuditEntry, column: int) -> str:
        """Display text of one cell."""
        if column == 0:
            return str(row.id)
        if column == 1:
            return wareki_time(local_time(row.at), seconds=True)
        if column == 2:
            return row.officer
        if column == 3:
            return action_text(row.action)
        return row.target

    def right_aligned(self, column: int) -> bool:
        """Entry numbers line up on the right."""
        return column == 0


class AuditDialog(SecurityDialog):
    """The administrator's view of the audit trail."""

    def __init__(self, services: ProfileServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audit = services.audit
        self.model = AuditTableModel(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()
        self.resize(820, 520)

    def _setup_ui(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = list_table(self.model, 4, self, single=False)
        self.verify_button = QPushButton(self)
        self.export_button = QPushButton(self)
        row = flow_row(self, (self.verify_button, self.export_button))
        self.check_result = QLabel(self)
        self.check_result.setWordWrap(True)
        self.check_result.setProperty("role", "summary")
        self.error = ErrorLabel(self)
        self.buttons = dialogs.button_box(self, None)
        column_layout(self, (self.intro, (self.table, 1), row, self.check_result, self.error, self.buttons))

    def _connect(self) -> None:
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export_csv)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("監査ログ"))
        self.intro.setText(
            self.tr(
                "だれが・いつ・何をしたかの記録です。消したり書き換えたりはできません。"
                "対象は番号だけで記録され、住民の名前は入りません。"
            )
        )
        self.table.setAccessibleName(self.tr("監査ログの一覧"))
        self.verify_button.setText(self.tr("改ざんチェック(&V)"))
        self.export_button.setText(self.tr("CSVに書き出す(&X)…"))
        set_button_texts(self.buttons, {QDialogButtonBox.StandardButton.Close: self.tr("閉じる")})
        self.model.retranslate()

    def refresh(self) -> None:
        """Reload the trail and show its newest entry."""
        try:
            self.model.set_rows(self._audit.entries())
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        self.table.scrollToBottom()

    @Slot()
    def verify(self) -> None:
        """Recompute the hash chain and say whether the trail is intact."""
        self.error.clear_error()
        try:
            check = self._audit.verify()
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        if check.ok:
            self.check_result.setText(
                self.tr("改ざんは見つかりませんでした（{count}件を確認）。").format(count=check.entries)
            )
        else:
            self.check_result.setText(
                self.tr("番号 {number} の記録から先が書き換えられているか、消されています。").format(
                    number=check.broken_at
                )
            )

    @Slot()
    def export_csv(self) -> None:
        """Ask where to save and write the trail as CSV (for Excel)."""
        self.error.clear_error()
        suggested = self.tr("監査ログ_{date}.csv").format(date=dt.date.today().isoformat())
        path = dialogs.save_csv(self, dialogs.Purpose.BACKUP, self.tr("監査ログを書き出す"), suggested)
        if path is None:
            return
        try:
            count = self._audit.export_csv(path)
        except UserError as error:
            self.error.show_error(error_text(error))
            return
        except OSError as exc:
            self.error.show_error(messages.os_error_text(exc))
            return
        self.refresh()
        self.check_result.setText(
            self.tr("{path} に {count}件を書き出しました。").format(path=path, count=count)
        )
