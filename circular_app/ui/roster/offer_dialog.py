"""「この回覧にも加える」: offer circulars still in circulation to households added later.

A circular's audience is fixed when it is published, so a household added afterwards (in the
household dialog or by a CSV import) does not receive it silently. After such an addition
this dialog lists the circulars still in circulation that the new households could be given,
each with a check box that starts **unchecked**; only the ticked ones are extended, through
:meth:`~circular_app.services.circulars.CircularService.add_recipients` (the households go
to the end of their 班's route on that circular; nothing recorded changes).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import wareki
from circular_app.domain.errors import UserError
from circular_app.services.circulars import CircularService, RecipientOffer
from circular_app.ui.common import messages
from circular_app.ui.common.retranslate import Retranslating


class RecipientOfferDialog(Retranslating, QDialog):
    """Circulars in circulation, each with an unchecked box; 加える adds the ticked ones.

    ``added`` holds, after acceptance, how many households each ticked circular received.
    """

    def __init__(
        self, circulars: CircularService, offers: Sequence[RecipientOffer], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._circulars = circulars
        self._offers = list(offers)
        self.added: dict[int, int] = {}
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("recipientOfferDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("offerList")
        for offer in self._offers:
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)  # never added without the officer's tick
            item.setData(Qt.ItemDataRole.UserRole, offer.circular.id)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._add_checked)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set the texts in the current language."""
        self.setWindowTitle(self.tr("この回覧にも加える"))
        self.intro.setText(
            self.tr(
                "回覧中の回覧があります。新しい世帯には自動では届きません。"
                "届ける回覧にチェックを付けてください（その班の回覧表の最後に加わります）。"
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("チェックした回覧に加える"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("加えない"))
        row_format = self.tr("回覧No.{number}　{title}（回覧期限 {due}）　{count}世帯")
        for row, offer in enumerate(self._offers):
            c = offer.circular
            item = self.list.item(row)
            item.setText(
                row_format.format(
                    number=c.number, title=c.title, due=wareki(c.due_date), count=len(offer.household_ids)
                )
            )

    def checked_ids(self) -> list[int]:
        """Ids of the circulars ticked."""
        return [
            int(self.list.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def _add_checked(self) -> None:
        households = {o.circular.id: o.household_ids for o in self._offers}
        try:
            for circular_id in self.checked_ids():
                self.added[circular_id] = self._circulars.add_recipients(circular_id, households[circular_id])
        except UserError as error:
            messages.show_error(self, error)
            return
        self.accept()


def offer_circulars(circulars: CircularService, household_ids: Sequence[int], parent: QWidget | None) -> int:
    """Ask, when there is anything to offer, which circulars the new households should get.

    Returns how many households were added in all (0 when nothing was offered or ticked).
    """
    if not household_ids:
        return 0
    offers = circulars.offers_for(household_ids)
    if not offers:
        return 0
    dialog = RecipientOfferDialog(circulars, offers, parent)
    dialog.exec()
    return sum(dialog.added.values())
