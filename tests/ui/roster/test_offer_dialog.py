"""「この回覧にも加える」: the offer after adding households, with boxes that start unchecked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.roster import HouseholdDraft
from circular_app.ui.roster import offer_dialog, page
from circular_app.ui.roster.offer_dialog import RecipientOfferDialog
from circular_app.ui.shell.main_window import MainWindow


def _new_household(services: ProfileServices) -> int:
    han = services.roster.list_hans()[2]
    return services.roster.add_household(HouseholdDraft(name="新入 太郎", han_id=han.id)).id


def _dialog(qtbot: QtBot, services: ProfileServices, household_id: int) -> RecipientOfferDialog:
    offers = services.circulars.offers_for([household_id])
    dialog = RecipientOfferDialog(services.circulars, offers)
    qtbot.addWidget(dialog)
    return dialog


def _row_of(dialog: RecipientOfferDialog, circular_id: int) -> int:
    return next(
        r
        for r in range(dialog.list.count())
        if dialog.list.item(r).data(Qt.ItemDataRole.UserRole) == circular_id
    )


def test_offers_start_unchecked_and_add_nothing(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Every circular in circulation is listed unchecked; OK without a tick adds nobody."""
    s = demo_services
    household_id = _new_household(s)
    dialog = _dialog(qtbot, s, household_id)
    no7 = s.circulars.by_number(7)
    assert dialog.list.count() >= 1 and "回覧No.7" in dialog.list.item(_row_of(dialog, no7.id)).text()
    assert all(
        dialog.list.item(r).checkState() == Qt.CheckState.Unchecked for r in range(dialog.list.count())
    )
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.added == {}
    assert household_id not in {h.id for h in s.reads.audience(no7.id)}


def test_ticked_circular_gets_the_household(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """Ticking No.7 and pressing 加える puts the household at the end of its 班 on No.7 only."""
    s = demo_services
    household_id = _new_household(s)
    dialog = _dialog(qtbot, s, household_id)
    no7 = s.circulars.by_number(7)
    dialog.list.item(_row_of(dialog, no7.id)).setCheckState(Qt.CheckState.Checked)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.added == {no7.id: 1}
    route = [h for h in s.reads.audience(no7.id) if h.han_id == s.roster.list_hans()[2].id]
    assert route[-1].id == household_id
    assert no7.id not in {o.circular.id for o in s.circulars.offers_for([household_id])}


def test_cancel_adds_nothing(qtbot: QtBot, demo_services: ProfileServices) -> None:
    """加えない closes the dialog and leaves every circular as it was, even with a tick."""
    s = demo_services
    household_id = _new_household(s)
    dialog = _dialog(qtbot, s, household_id)
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.added == {} and len(s.circulars.offers_for([household_id])) == dialog.list.count()


def test_adding_a_household_on_the_roster_page_offers_circulars(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the household dialog adds a household, the offer dialog opens with No.7 in it."""
    s = demo_services
    shown: list[list[int]] = []

    class AddingDialog:
        """Stands in for the household dialog: adds the household as its 保存 would."""

        saved = None

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            self.saved = s.roster.add_household(
                HouseholdDraft(name="新入 花子", han_id=s.roster.list_hans()[0].id)
            )
            return QDialog.DialogCode.Accepted

    def exec_offer(dialog: RecipientOfferDialog) -> int:
        shown.append(
            [int(dialog.list.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(dialog.list.count())]
        )
        return 0

    monkeypatch.setattr(page, "HouseholdDialog", AddingDialog)
    monkeypatch.setattr(offer_dialog.RecipientOfferDialog, "exec", exec_offer)
    window.page.add_household()
    assert len(shown) == 1 and s.circulars.by_number(7).id in shown[0]


def test_importing_a_roster_offers_circulars_for_the_new_households(
    window: MainWindow, demo_services: ProfileServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After 名簿を取り込む adds the sample's 15 households, the offer lists No.7 for them."""
    from circular_app.domain.roster_import import RouteOrder
    from circular_app.paths import bundle_root
    from circular_app.ui.shell import main_window

    s = demo_services
    sample = bundle_root() / "resources" / "samples" / "roster-sample.csv"
    shown: list[dict[int, int]] = []

    class ImportingDialog:
        """Stands in for the import dialog: imports the sample as its 取り込む would."""

        result_ = None

        def __init__(self, *_args: object) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            self.result_ = s.roster.import_roster(
                sample.read_bytes(), sample.name, route_order=RouteOrder.END
            )
            return QDialog.DialogCode.Accepted

    def exec_offer(dialog: RecipientOfferDialog) -> int:
        shown.append({o.circular.id: len(o.household_ids) for o in dialog._offers})
        return 0

    monkeypatch.setattr(main_window, "ImportDialog", ImportingDialog)
    monkeypatch.setattr(offer_dialog.RecipientOfferDialog, "exec", exec_offer)
    no7 = s.circulars.by_number(7)
    audience = [h.id for h in s.reads.audience(no7.id)]
    window.import_roster()
    assert len(shown) == 1 and shown[0].get(no7.id, 0) >= 1
    assert [h.id for h in s.reads.audience(no7.id)] == audience  # offered, not added
