"""Hub dialogs and the 「ハブ」 menu against a real hub on loopback (SQLite file).

Connect enrolls with a code from the hub's registry; reader links list the digital households
with QR pixmaps; the adoption preview shows figures and no names; the installed menu starts
the worker, whose rounds reach the status bar and refresh the sidebar.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import PermissionDeniedError
from circular_app.domain.roster import Delivery
from circular_app.hub.storage.database import create_hub_engine, migrate
from circular_app.services.sync import SyncState
from circular_app.ui.common.appearance import Appearance
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.sync.connect import (
    AdoptionReportDialog,
    ConnectHubDialog,
    ReaderLinksDialog,
    ReaderLinksModel,
    qr_png,
)
from circular_app.ui.sync.page import hub_controls, install_sync
from tests.hub.support import RunningHub, csrf_of, serve, settings_for, unique


@contextmanager
def sqlite_hub(folder: Path) -> Iterator[RunningHub]:
    """A hub on a migrated SQLite file in ``folder``, served on a loopback port (shared helper)."""
    url = f"sqlite:///{folder / 'hub.db'}"
    engine = create_hub_engine(url, pool_size=1)
    migrate(engine)
    engine.dispose()
    with serve(settings_for(url), "sqlite") as running:
        yield running


def dead_url() -> str:
    """A loopback address with nothing listening (the hub is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    """A hub on a migrated SQLite file, served on a loopback port."""
    with sqlite_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def _code(hub: RunningHub) -> str:
    return hub.app.services.registry.add_association(unique("ダイアログ町会"), "ダイアログ校下").code


@pytest.fixture
def connect_dialog(qtbot: QtBot, services: ProfileServices) -> ConnectHubDialog:
    dialog = ConnectHubDialog(services.sync, services.adoption)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# ----- connect ------------------------------------------------------------------------------
def test_connect_enrolls_with_the_hub(
    qtbot: QtBot, hub: RunningHub, services: ProfileServices, connect_dialog: ConnectHubDialog
) -> None:
    """A URL and a fresh code enroll the association; the token goes to the keyring."""
    connect_dialog.url_edit.setText(hub.base_url)
    connect_dialog.code_edit.setText(_code(hub))
    with qtbot.waitSignal(connect_dialog.hub_connected, timeout=15000) as signal:
        connect_dialog.start_connect()
    assert signal.args == [True]
    assert services.sync.is_connected() and not services.sync.is_offline_enrollment()
    assert services.sync.status().state is SyncState.PENDING  # roster queued, not yet sent


def test_wrong_code_is_explained(
    qtbot: QtBot, hub: RunningHub, services: ProfileServices, connect_dialog: ConnectHubDialog
) -> None:
    """An unknown code leaves the dialog open with what to do, and nothing is enrolled."""
    connect_dialog.url_edit.setText(hub.base_url)
    connect_dialog.code_edit.setText("AAAA-BBBB-CCCC")
    connect_dialog.start_connect()
    qtbot.waitUntil(lambda: connect_dialog.error.isVisible() and not connect_dialog.busy, timeout=15000)
    assert "登録コードが違う" in connect_dialog.error.text()
    assert connect_dialog.isVisible() and not services.sync.is_connected()


def test_hub_down_is_explained(
    qtbot: QtBot, services: ProfileServices, connect_dialog: ConnectHubDialog
) -> None:
    """Nothing listening at the address: 「ハブに接続できません」."""
    connect_dialog.url_edit.setText(dead_url())
    connect_dialog.code_edit.setText("AAAA-BBBB-CCCC")
    connect_dialog.start_connect()
    qtbot.waitUntil(lambda: connect_dialog.error.isVisible() and not connect_dialog.busy, timeout=15000)
    assert connect_dialog.error.text().startswith("ハブに接続できません")
    assert not services.sync.is_connected()


def test_offline_enrollment_needs_only_the_code(
    qtbot: QtBot, services: ProfileServices, connect_dialog: ConnectHubDialog
) -> None:
    """「インターネットなし（USBで報告）」 records the code without any network."""
    connect_dialog.offline_check.setChecked(True)
    assert not connect_dialog.url_edit.isEnabled()
    connect_dialog.code_edit.setText("AAAA-BBBB-CCCC")
    with qtbot.waitSignal(connect_dialog.offline_enrolled):
        connect_dialog.start_connect()
    assert services.sync.is_offline_enrollment()


def test_connect_button_waits_for_both_fields(connect_dialog: ConnectHubDialog) -> None:
    """接続する is enabled only with an address and a code."""
    ok = connect_dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    connect_dialog.url_edit.setText("http://127.0.0.1:9")
    assert not ok.isEnabled()
    connect_dialog.code_edit.setText("X")
    assert ok.isEnabled()


# ----- reader links --------------------------------------------------------------------------
@pytest.fixture
def connected_demo(hub: RunningHub, demo_services: ProfileServices) -> ProfileServices:
    demo_services.sync.connect(hub.base_url, _code(hub))
    return demo_services


def test_reader_links_list_digital_households_with_qr(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """Every digital household has a row; the selected one shows its QR and copies its link."""
    digital = [h for h in connected_demo.roster.list_households(False) if h.delivery is Delivery.DIGITAL]
    dialog = ReaderLinksDialog(connected_demo.sync, connected_demo.circulars)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == len(digital) > 0
    link = dialog.current_link()
    assert link is not None and "/r/" in link.url
    pixmap = dialog.qr_label.pixmap()
    assert not pixmap.isNull() and pixmap.width() == pixmap.height() >= 150
    dialog.copy_link()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == link.url
    dialog.table.selectRow(1)
    assert dialog.url_label.text() == dialog.model.link_at(1).url


def test_reader_links_show_no_names(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """The table identifies households by ID and 班 position, never by name."""
    dialog = ReaderLinksDialog(connected_demo.sync, connected_demo.circulars)
    qtbot.addWidget(dialog)
    shown = "\n".join(
        str(dialog.model.index(r, c).data())
        for r in range(dialog.model.rowCount())
        for c in range(dialog.model.columnCount())
    )
    for household in connected_demo.roster.list_households():
        assert household.name not in shown


def test_reader_links_of_a_circular_for_some_han(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """Choosing a circular for one 班 lists only that 班's digital households."""
    han = connected_demo.roster.list_hans()[0]
    draft = connected_demo.circulars.new_draft(
        CircularDraft(title="一班だけの回覧", body="本文です。", target_han_ids=(han.id,))
    )
    circular = connected_demo.circulars.publish(draft.id)
    dialog = ReaderLinksDialog(connected_demo.sync, connected_demo.circulars, circular.id)
    qtbot.addWidget(dialog)
    assert dialog.circular_id() == circular.id
    expected = connected_demo.sync.reader_links(circular.id)
    assert 0 < dialog.model.rowCount() == len(expected) < len(connected_demo.sync.reader_links())
    assert all(dialog.model.link_at(r).label.startswith(han.name) for r in range(dialog.model.rowCount()))


@contextmanager
def _han_leader_of_first_han(app: App, services: ProfileServices) -> Iterator[ProfileServices]:
    """The same profile opened by a 班長 of its first 班."""
    han = services.roster.list_hans()[0]
    services.accounts.add_officer("hancho1", "1班長", Role.HAN_LEADER, "hancho password", han.id)
    leader = app.services_for(app.profiles.open_profile(services.context.ref, "hancho1", "hancho password"))
    try:
        yield leader
    finally:
        leader.context.close()


def test_han_leader_gets_only_own_han_reader_links(app: App, connected_demo: ProfileServices) -> None:
    """A 班長 lists the reader links of their own 班's households only."""
    han = connected_demo.roster.list_hans()[0]
    own = [link for link in connected_demo.sync.reader_links() if link.label.startswith(f"{han.name}-")]
    with _han_leader_of_first_han(app, connected_demo) as leader:
        assert [link.url for link in leader.sync.reader_links()] == [link.url for link in own] != []


def test_han_leader_cannot_issue_another_han_invitation_link(
    app: App, connected_demo: ProfileServices
) -> None:
    """Invitation links for a household of another 班 are refused to a 班長."""
    first = connected_demo.roster.list_hans()[0]
    other = next(h for h in connected_demo.roster.list_households(False) if h.han_id != first.id)
    with _han_leader_of_first_han(app, connected_demo) as leader, pytest.raises(PermissionDeniedError):
        leader.sync.invitation_links([other.id])


def test_reader_links_model_passes_the_model_tester(
    qtmodeltester: ModelTester, connected_demo: ProfileServices
) -> None:
    """The links model is a well-behaved table."""
    model = ReaderLinksModel()
    model.set_rows(connected_demo.sync.reader_links())
    qtmodeltester.check(model)


def test_qr_png_is_a_png() -> None:
    """segno writes PNG bytes."""
    assert qr_png("http://127.0.0.1:8000/r/abc").startswith(b"\x89PNG\r\n\x1a\n")


# ----- adoption report -------------------------------------------------------------------------
def test_adoption_preview_shows_figures_and_no_names(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """The preview shows the counts exactly as sent, and no resident's name or household key."""
    dialog = AdoptionReportDialog(connected_demo.adoption, online=True, offline_enrollment=False)
    qtbot.addWidget(dialog)
    report = dialog.report
    assert report is not None
    text = dialog.text()
    assert f"世帯数: {report.households_total}" in text
    assert '"households_digital"' in text
    for household in connected_demo.roster.list_households():
        assert household.name not in text
        assert household.public_id not in text


def test_adoption_send_queues_the_report(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """送信 puts the report in the outbox (the next round sends it)."""
    before = connected_demo.sync.status().pending
    dialog = AdoptionReportDialog(connected_demo.adoption, online=True, offline_enrollment=False)
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()
    assert not dialog.auto_note.isHidden() and "自動で送られます" in dialog.auto_note.text()
    with qtbot.waitSignal(dialog.report_queued):
        dialog.send_button.click()
    assert connected_demo.sync.status().pending == before + 1


def test_adoption_export_writes_a_signed_file(
    qtbot: QtBot, services: ProfileServices, tmp_path: Path
) -> None:
    """Enrolled for USB: ファイルに書き出す writes the signed file."""
    services.adoption.connect_offline("AAAA-BBBB-CCCC")
    dialog = AdoptionReportDialog(services.adoption, online=False, offline_enrollment=True)
    qtbot.addWidget(dialog)
    assert not dialog.send_button.isEnabled()
    assert dialog.auto_note.isHidden()  # a file-only association sends nothing by itself
    target = tmp_path / "report.json"
    with qtbot.waitSignal(dialog.report_exported):
        assert dialog.export_to(target)
    assert target.stat().st_size > 0


# ----- the installed menu and worker ------------------------------------------------------------
@pytest.fixture
def hub_window(qtbot: QtBot, app: App, connected_demo: ProfileServices, appearance: Appearance) -> MainWindow:
    main = MainWindow(app, connected_demo, appearance)
    qtbot.addWidget(main)
    return main


def test_install_adds_the_menu_and_status(hub_window: MainWindow, qtbot: QtBot) -> None:
    """The 「ハブ」 menu has its five actions and the worker's first round ends synced."""
    install_sync(hub_window, interval=3600)
    install_sync(hub_window, interval=3600)  # idempotent
    controls = hub_controls(hub_window)
    assert controls is not None
    titles = [a.text() for a in controls.menu.actions() if not a.isSeparator()]
    assert titles == [
        "ハブに接続(&C)…",
        "今すぐ同期(&S)",
        "読むためのリンク(&L)…",
        "スマホ招待状を印刷(&I)…",
        "導入状況の報告(&R)…",
    ]
    assert controls.invitations_action.isEnabled()
    assert not controls.connect_action.isEnabled()  # already connected
    assert controls.runner.is_running()
    qtbot.waitUntil(lambda: controls.status_widget.label.text().startswith("同期済み"), timeout=15000)
    hub_window.close()
    assert not controls.runner.is_running()


def test_confirmations_refresh_the_sidebar(
    hub_window: MainWindow, hub: RunningHub, connected_demo: ProfileServices, qtbot: QtBot
) -> None:
    """A resident's tap arrives with the next round and the sidebar is refreshed."""
    install_sync(hub_window, interval=3600)
    controls = hub_controls(hub_window)
    assert controls is not None
    draft = connected_demo.circulars.new_draft(CircularDraft(title="ハブ経由の回覧", body="本文です。"))
    circular = connected_demo.circulars.publish(draft.id)
    controls.runner.poke()
    qtbot.waitUntil(lambda: connected_demo.sync.status().state is SyncState.SYNCED, timeout=15000)
    link = connected_demo.sync.reader_links(circular.id)[0]
    from circular_app.storage.models import CircularRow

    with connected_demo.context.sessions() as session:
        row = session.get(CircularRow, circular.id)
        assert row is not None and row.hub_key is not None
        hub_key = row.hub_key
    token_path = link.url.removeprefix(hub.base_url)
    with httpx.Client(base_url=hub.base_url) as http:
        page = http.get(f"{token_path}/c/{hub_key}")
        http.post(f"{token_path}/c/{hub_key}/read", data={"csrf": csrf_of(page.text)})
    refreshed: list[bool] = []
    original = hub_window.action_plan_dock.refresh

    def spy() -> None:
        refreshed.append(True)
        original()

    hub_window.action_plan_dock.refresh = spy  # type: ignore[method-assign]
    with qtbot.waitSignal(controls.runner.confirmations_arrived, timeout=15000) as arrived:
        controls.runner.retry()
    assert arrived.args == [1]
    assert refreshed == [True]


def test_hub_down_shows_offline_and_retry(
    hub_window: MainWindow, connected_demo: ProfileServices, qtbot: QtBot
) -> None:
    """With the hub unreachable the bar says オフライン and offers 「再試行」."""
    from circular_app.storage.models import HubConnectionRow

    with connected_demo.context.sessions.begin() as session:
        conn = session.get(HubConnectionRow, 1)
        assert conn is not None
        conn.base_url = dead_url()
    install_sync(hub_window, interval=3600)
    controls = hub_controls(hub_window)
    assert controls is not None
    # The window's own worker may have finished its first round before the address changed.
    controls.runner.retry()
    qtbot.waitUntil(lambda: controls.status_widget.label.text().startswith("オフライン"), timeout=15000)
    assert controls.status_widget.retry_button.isVisibleTo(hub_window)


# ----- invitation slips ------------------------------------------------------------------------
def test_invitation_dialog_writes_slips_for_one_han(
    hub_window: MainWindow, connected_demo: ProfileServices, qtbot: QtBot, tmp_path: Path
) -> None:
    """From the 「ハブ」 menu: pick a 班, see how many paper households, write the PDF; the
    sync runner is woken so the new links reach the hub."""
    from circular_app.ui.sync.invitations import InvitationDialog
    from tests.pdf.helpers import page_count, text_of

    install_sync(hub_window, interval=3600)
    controls = hub_controls(hub_window)
    assert controls is not None
    dialog = controls.open_invitations()
    assert isinstance(dialog, InvitationDialog)
    dialog.folder_edit.setText(str(tmp_path))
    han = connected_demo.roster.list_hans()[1]
    dialog.han_combo.setCurrentIndex(dialog.han_combo.findData(han.id))
    paper = [
        h
        for h in connected_demo.roster.list_households(False)
        if h.han_id == han.id and h.delivery is Delivery.PAPER
    ]
    assert dialog.count_label.text() == f"紙で受け取っている世帯: {len(paper)}世帯"
    assert dialog.write_button.isEnabled() and not dialog.open_button.isEnabled()
    pokes: list[bool] = []
    dialog.invitations_written.connect(lambda _result: pokes.append(True))
    result = dialog.write()
    assert result is not None and result.path.parent == tmp_path and han.name in result.path.name
    assert page_count(result.path) == (len(paper) + 1) // 2
    assert all(h.name in text_of(result.path) for h in paper)
    assert pokes == [True] and dialog.open_button.isEnabled()
    assert str(result.path) in dialog.status_label.text()
    dialog.close()


def test_invitation_dialog_shows_a_bad_folder(hub_window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """A folder that cannot be created is said in the dialog; nothing is written."""
    install_sync(hub_window, interval=3600)
    controls = hub_controls(hub_window)
    assert controls is not None
    dialog = controls.open_invitations()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog.folder_edit.setText(str(blocker / "sub"))
    assert dialog.write() is None
    assert dialog.error.isVisible() and str(blocker / "sub") in dialog.error.text()
    assert dialog.result_ is None
    dialog.close()


def test_quarantine_dialog_sends_again_or_drops(qtbot: QtBot, connected_demo: ProfileServices) -> None:
    """送れなかった項目: the hub's reason is listed; 送り直す and 送らない act on the chosen item."""
    import json

    from sqlalchemy import select

    from circular_app.storage.models import OutboxRow
    from circular_app.ui.sync.quarantine import QuarantineDialog

    sync = connected_demo.sync
    for title in ("一つめ", "二つめ"):
        draft = connected_demo.circulars.new_draft(CircularDraft(title=title, body="本文"))
        connected_demo.circulars.publish(draft.id)
    with connected_demo.context.sessions.begin() as session:
        rows = list(
            session.scalars(select(OutboxRow).where(OutboxRow.kind == "publish").order_by(OutboxRow.id))
        )
        for row in rows[-2:]:  # old data: a NUL the hub refuses
            payload = json.loads(row.payload)
            payload["body"] = "本文\x00"
            row.payload = json.dumps(payload, ensure_ascii=False)
    assert sync.run_once().rejected == 2
    dialog = QuarantineDialog(sync)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and ": " in dialog.list.item(0).text()
    with qtbot.waitSignal(dialog.items_changed, timeout=1000):
        dialog.drop_button.click()
    assert dialog.list.count() == 1
    dialog.retry_button.click()
    assert dialog.list.count() == 0
    assert sync.status().pending == 1 and sync.status().quarantined == 0
