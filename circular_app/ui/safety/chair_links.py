"""The 「会長用リンク」 section of the 安否確認 tab (管理者 only; issue 22).

An officer's phone can start a round and see the status on the hub while the hall PC is off.
The section lists the issued links (who, when in 和暦, usable or not — never a token or a PIN),
「リンクを作る…」 asks for the officer's name in a large plain dialog, issues the link through
:class:`ChairLinkService` and shows its address and PIN once (:class:`IssuedLinkDialog`, which
also saves the wallet card PDF), and 「使えなくする」 revokes the chosen officer's link after a
question. Without a hub connected over the network the section says so and its buttons are off.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import wareki_time
from circular_app.domain.errors import UserError
from circular_app.domain.safety import local_time
from circular_app.services.safety_hub import (
    MAX_OFFICER_LENGTH,
    ChairLinkInfo,
    ChairLinkService,
    IssuedChairLink,
)
from circular_app.ui.common import dialogs
from circular_app.ui.common.messages import os_error_text, show_error
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.row_models import ModelIndex, TitledRowsModel
from circular_app.ui.common.tables import RowTableView


def _scaled(widget: QWidget, factor: float, bold: bool = True) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


class ChairLinksModel(TitledRowsModel[ChairLinkInfo]):
    """Issued links, newest first: 役員, 作った日時, 状態 (no token, no PIN)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(3, parent)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the column titles in the current language."""
        self._titles = (self.tr("役員"), self.tr("作った日時"), self.tr("状態"))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._columns - 1)

    def set_rows(self, rows: Sequence[ChairLinkInfo]) -> None:
        """Show ``rows`` in the order given."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def link(self, row: int) -> ChairLinkInfo:
        """The link shown in ``row``."""
        return self._rows[row]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The officer, when the link was made (和暦) and whether it still works."""
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self._rows[index.row()]
        if info.revoked_at is None:
            state = self.tr("使えます")
        else:
            state = self.tr("使えなくしました（{time}）").format(
                time=wareki_time(local_time(info.revoked_at))
            )
        return (info.officer, wareki_time(local_time(info.issued_at)), state)[index.column()]


class OfficerNameDialog(QDialog):  # shown briefly: its texts are set once, when it opens
    """「リンクを作る」: asks, in large plain words, whose card it will be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("会長用リンクを作る"))
        self.label = QLabel(
            self.tr("カードを持つ役員のお名前を入れてください。\n（例: 山田 会長）"),
            self,
        )
        self.label.setWordWrap(True)
        _scaled(self.label, 1.4)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(MAX_OFFICER_LENGTH)
        self.name_edit.setMinimumHeight(48)
        self.name_edit.setAccessibleName(self.tr("役員のお名前"))
        _scaled(self.name_edit, 1.5, bold=False)
        self.label.setBuddy(self.name_edit)
        self.buttons = dialogs.button_box(self, self.tr("リンクを作る"))
        for button in self.buttons.buttons():
            button.setMinimumHeight(48)
            _scaled(button, 1.3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._name_changed)
        self._name_changed()

    @Slot()
    def _name_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def officer(self) -> str:
        """The name typed."""
        return self.name_edit.text().strip()


class IssuedLinkDialog(QDialog):
    """The new link's address and PIN, shown this once, in large type; saves the wallet card.

    Signals: ``card_saved(str)`` (the path of the card just written).
    """

    card_saved = Signal(str)

    def __init__(
        self, links: ChairLinkService, issued: IssuedChairLink, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._links = links
        self._issued = issued
        self.setWindowTitle(self.tr("会長用リンクができました"))
        self.officer_label = QLabel(
            self.tr("{officer} さんの会長用リンク").format(officer=issued.officer), self
        )
        self.officer_label.setTextFormat(Qt.TextFormat.PlainText)
        _scaled(self.officer_label, 1.4)
        self.once_label = QLabel(
            self.tr(
                "この暗証番号（PIN）は一度しか表示しません。\n"
                "紙に書き写して、本人に直接伝えてください。カードには書かないでください。"
            ),
            self,
        )
        self.once_label.setWordWrap(True)
        self.once_label.setStyleSheet("background: #fff3c4; color: #000000; padding: 8px;")
        _scaled(self.once_label, 1.3)
        self.pin_title = QLabel(self.tr("暗証番号（PIN）"), self)
        _scaled(self.pin_title, 1.3)
        self.pin_label = QLabel(" ".join(issued.pin), self)
        self.pin_label.setObjectName("chair_pin")
        self.pin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pin_label.setAccessibleName(self.tr("暗証番号（PIN）"))
        _scaled(self.pin_label, 3.0)
        self.url_title = QLabel(self.tr("リンク（カードのQRコードと同じ）"), self)
        _scaled(self.url_title, 1.2)
        self.url_label = QLabel(issued.url, self)
        self.url_label.setObjectName("chair_url")
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setAccessibleName(self.tr("会長用リンク"))
        _scaled(self.url_label, 1.2, bold=False)
        self.sync_label = QLabel(self.tr("次の同期でハブに届き、それから使えます。"), self)
        self.sync_label.setWordWrap(True)
        _scaled(self.sync_label, 1.1, bold=False)
        self.card_button = QPushButton(self.tr("カードをPDFで保存…"), self)
        self.card_button.setObjectName("chair_card")
        self.card_button.setMinimumHeight(56)
        _scaled(self.card_button, 1.3)
        self.saved_label = QLabel(self)
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setWordWrap(True)
        self.buttons = dialogs.button_box(self, None)
        for button in self.buttons.buttons():
            button.setMinimumHeight(48)
            _scaled(button, 1.3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.officer_label)
        layout.addWidget(self.once_label)
        layout.addWidget(self.pin_title)
        layout.addWidget(self.pin_label)
        layout.addWidget(self.url_title)
        layout.addWidget(self.url_label)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.buttons)
        self.resize(640, 0)
        self.card_button.clicked.connect(self.save_card)
        self.buttons.rejected.connect(self.accept)

    @Slot()
    def save_card(self) -> Path | None:
        """「カードをPDFで保存…」: the wallet card (QR code of the link; the PIN is not printed)."""
        path = dialogs.save_file(
            self,
            dialogs.Purpose.SAFETY,
            self.tr("カードをPDFで保存"),
            f"会長用リンク_{self._issued.officer}.pdf",
            "PDF (*.pdf)",
            ".pdf",
        )
        if path is None:
            return None
        try:
            self._links.write_card(path, self._issued)
        except UserError as error:
            show_error(self, error)
            return None
        except OSError as error:
            dialogs.warn(self, self.tr("保存できません"), os_error_text(error))
            return None
        self.saved_label.setText(
            self.tr("保存しました: {path}\n印刷して点線で切りとってください。").format(path=path)
        )
        self.card_saved.emit(str(path))
        return path


class ChairLinksSection(Retranslating, QWidget):
    """The list of 会長用リンク with 「リンクを作る…」 and 「使えなくする」 (shown to the 管理者 only).

    Signals: ``link_issued(str)`` and ``link_revoked(str)`` (the officer's name).
    """

    link_issued = Signal(str)
    link_revoked = Signal(str)

    def __init__(self, links: ChairLinkService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links = links
        self._ready = False
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        self.title = QLabel(self)
        _scaled(self.title, 1.2)
        self.help_label = QLabel(self)
        self.help_label.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("chair_links_state")
        self.state_label.setWordWrap(True)
        _scaled(self.state_label, 1.1)
        self.model = ChairLinksModel(self)
        self.view = RowTableView(QAbstractItemView.SelectionMode.SingleSelection, self)
        self.view.setObjectName("chair_links")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.issue_button = QPushButton(self)
        self.issue_button.setObjectName("chair_link_issue")
        self.issue_button.setMinimumHeight(48)
        self.revoke_button = QPushButton(self)
        self.revoke_button.setObjectName("chair_link_revoke")
        self.revoke_button.setMinimumHeight(48)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.help_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.issue_button.clicked.connect(self.issue_link)
        self.revoke_button.clicked.connect(self.revoke_link)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("会長用リンク"))
        self.help_label.setText(
            self.tr(
                "役員のスマホ用のリンクです。パソコンが使えないときも、スマホで安否確認を始めたり、様子を見たりできます。"
            )
        )
        self.issue_button.setText(self.tr("リンクを作る…"))
        self.revoke_button.setText(self.tr("使えなくする"))
        self.view.setAccessibleName(self.tr("作った会長用リンクの一覧"))
        self.model.retranslate()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload the list and whether a hub is there."""
        self._ready = self._links.hub_ready()
        chosen = self._selected()
        links = self._links.links()
        self.model.set_rows(links)
        # The tab refreshes every 30 s during a round: keep the officer's choice across it.
        keys = [link.key for link in links]
        if chosen is not None and chosen.key in keys:
            self.view.selectRow(keys.index(chosen.key))
        self.view.schedule_fit_columns()
        if self._ready:
            self.state_label.setText("")
            self.state_label.hide()
        else:
            self.state_label.setText(
                self.tr(
                    "ハブに接続していないので、会長用リンクは作れません。先に「ハブ」メニューから接続してください。"
                )
            )
            self.state_label.show()
        self._update_buttons()

    def _selected(self) -> ChairLinkInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.link(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self._selected()
        self.issue_button.setEnabled(self._ready)
        self.revoke_button.setEnabled(self._ready and chosen is not None and chosen.revoked_at is None)
        if not self._ready:
            reason = self.tr("ハブに接続していないので使えません。")
            self.issue_button.setToolTip(reason)
            self.revoke_button.setToolTip(reason)
        else:
            self.issue_button.setToolTip(self.tr("役員ひとりに一つ、暗証番号つきのリンクを作ります。"))
            self.revoke_button.setToolTip(
                self.tr("一覧で選んだ役員のリンクを使えなくします（カードをなくしたとき）。")
            )

    def ask_officer(self) -> str | None:
        """The officer's name from :class:`OfficerNameDialog`; None when the person left (tests replace this)."""
        dialog = OfficerNameDialog(self)
        try:
            return dialog.officer() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def show_issued(self, issued: IssuedChairLink) -> None:
        """Show the address and PIN once (tests replace this to look at them)."""
        dialog = IssuedLinkDialog(self._links, issued, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    @Slot()
    def issue_link(self) -> IssuedChairLink | None:
        """「リンクを作る…」: ask the name, issue through the service, show URL and PIN once."""
        officer = self.ask_officer()
        if officer is None:
            return None
        try:
            issued = self._links.issue(officer)
        except UserError as error:
            show_error(self, error)
            return None
        self.refresh()
        self.link_issued.emit(issued.officer)
        self.show_issued(issued)
        return issued

    @Slot()
    def revoke_link(self) -> bool:
        """「使えなくする」: after a question, the chosen officer's links stop working."""
        chosen = self._selected()
        if chosen is None:
            return False
        if not dialogs.ask(
            self,
            self.tr("会長用リンクを使えなくする"),
            self.tr(
                "{officer} さんの会長用リンクを使えなくしますか？\n次の同期のあと、そのカードでは開けなくなります。"
            ).format(officer=chosen.officer),
            yes=self.tr("使えなくする"),
        ):
            return False
        try:
            self._links.revoke(chosen.officer)
        except UserError as error:
            show_error(self, error)
            return False
        self.refresh()
        self.link_revoked.emit(chosen.officer)
        return True
