"""安否確認 through the hub (issue 22), on SQLite and PostgreSQL hubs with the real desktop services.

A round started on the desktop reaches the hub with the next sync; every page of a household's
reader link then opens with the question and three buttons; an answer comes back with the
next sync and shows on the desktop's board as a スマホ answer (the latest counts). The
会長用リンク: PIN form, right PIN starts a round the desktop picks up, wrong PINs are refused and
then throttled, a revoked link is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from circular_app.app import ProfileServices
from circular_app.cli import main
from circular_app.domain.safety import RoundKind, SafetyChannel, SafetyStatus
from circular_app.domain.safety_hub import WHO_SEES
from circular_app.hub.web.safety_web import PIN_ATTEMPTS
from circular_app.services.sync import ReaderLink
from tests.hub.support import RunningHub, csrf_of, enroll, unique
from tests.pdf.helpers import pdftotext_lines

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "roster-sample.csv"

BUTTONS = ("無事です", "助けが必要です", "家にいません・避難中")


def _field(page_html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page_html)
    assert found, f"no {name} field on the page"
    return found.group(1)


def _answer(http: httpx.Client, link: ReaderLink, status: str, note: str = "") -> httpx.Response:
    page = http.get(link.url)
    assert page.status_code == 200
    form = {"csrf": csrf_of(page.text), "round": _field(page.text, "round"), "status": status, "note": note}
    return http.post(f"{link.url}/safety", data=form)


def _connected(hub: RunningHub, desktop: ProfileServices) -> ReaderLink:
    enroll(hub, desktop)
    assert not desktop.sync.run_once().failed
    return desktop.sync.reader_links()[0]


def test_round_reaches_every_page_and_answers_reach_the_board(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """Start → sync → question on every page → answer twice → sync → the latest on the board."""
    link = _connected(hub, desktop)
    with httpx.Client() as http:
        assert "安否確認" not in http.get(link.url).text  # no round: no question

        desktop.safety.start(RoundKind.EARTHQUAKE, "震度5強の地震がありました")
        assert desktop.sync.run_once().safety_round_open
        listing = http.get(link.url).text
        assert "安否確認（地震）" in listing and "震度5強の地震がありました" in listing
        assert all(f">{label}</button>" in listing for label in BUTTONS)
        assert "訓練" not in listing
        # Every page: the question comes before the page's own heading, on a circular's page too.
        circular = re.search(r'href="(/r/[^"?]+/c/[^"?]+)', listing)
        assert circular is not None
        detail = http.get(httpx.URL(link.url).join(circular.group(1))).text
        assert detail.index('id="safety-q"') < detail.index("<h1")

        refused = http.post(f"{link.url}/safety", data={"csrf": "x", "round": "x", "status": "safe"})
        assert refused.status_code == 403
        too_long = _answer(http, link, "help", "あ" * 201)
        assert too_long.status_code == 400 and "200文字まで" in too_long.text

        first = _answer(http, link, "help", "<b>足をけが</b>")
        assert first.status_code == 200
        assert WHO_SEES in first.text and "助けが必要です" in first.text
        assert "&lt;b&gt;足をけが&lt;/b&gt;" in first.text and "<b>足" not in first.text
        second = _answer(http, link, "safe")
        assert second.status_code == 200
        assert "お答え済み：<strong>無事です</strong>" in http.get(link.url).text

    result = desktop.sync.run_once()
    assert result.safety_answers == 2 and result.safety_round_open
    board = desktop.safety.board()
    assert board is not None
    line = next(line for line in board.lines if line.household.id == link.household_id)
    assert line.status is SafetyStatus.SAFE and line.record is not None
    assert line.record.channel is SafetyChannel.DIGITAL
    assert [r.status for r in board.history[link.household_id]] == [SafetyStatus.HELP, SafetyStatus.SAFE]
    assert board.history[link.household_id][0].note == "<b>足をけが</b>"  # kept as typed, escaped on pages
    assert desktop.sync.run_once().safety_answers == 0  # the cursor moved on

    desktop.safety.end()
    assert not desktop.sync.run_once().safety_round_open
    with httpx.Client() as http:
        assert "安否確認" not in http.get(link.url).text
        desktop.safety.start(RoundKind.OTHER, "避難訓練です", drill=True)
        desktop.sync.run_once()
        drill = http.get(link.url).text
        assert "安否確認（【訓練】その他）" in drill and "訓練です（本当の災害ではありません）" in drill
    desktop.safety.end()
    desktop.sync.run_once()


def test_chair_link_starts_a_round_and_shows_labels_only(
    hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """Right PIN: start a 訓練 on the phone; the desktop picks it up; status by label; revoke."""
    link = _connected(hub, desktop)
    issued = desktop.chair_links.issue("山田 会長")
    card = desktop.chair_links.write_card(tmp_path / "card.pdf", issued)
    assert card.read_bytes().startswith(b"%PDF") and issued.pin.encode() not in card.read_bytes()
    desktop.sync.run_once()
    path = issued.url.removeprefix(hub.base_url)
    assert path.startswith("/chair/")

    with httpx.Client(base_url=hub.base_url) as stranger:
        assert "暗証番号" in stranger.get(path).text
        sneaky = stranger.post(f"{path}/start", data={"csrf": "x", "kind": "rain"})
        assert sneaky.status_code == 403 and "暗証番号" in sneaky.text

    with httpx.Client(base_url=hub.base_url) as http:
        signed = http.post(f"{path}/pin", data={"pin": issued.pin})
        assert signed.status_code == 303
        home = http.get(path).text
        assert "安否確認を始める" in home
        started = http.post(
            f"{path}/start", data={"csrf": csrf_of(home), "kind": "rain", "message": "大雨警報", "drill": "1"}
        )
        assert started.status_code == 303
        assert "【訓練】大雨" in http.get(path).text

        desktop.sync.run_once()
        current = desktop.safety.current()
        assert current is not None and current.drill and current.kind is RoundKind.RAIN
        assert current.message == "大雨警報" and current.started_by == "会長用リンク"

        with httpx.Client() as phone:
            assert _answer(phone, link, "help", "薬が必要").status_code == 200
        status = http.get(path).text
        assert "要支援（1世帯）" in status and "薬が必要" in status
        assert 'http-equiv="refresh"' in status
        names = {h.name for h in desktop.roster.list_households()}
        assert not [n for n in names if n in status]
        label = next(h for h in desktop.roster.list_households() if h.id == link.household_id)
        assert f"-{label.route_position}</strong>" in status

        desktop.sync.run_once()
        board = desktop.safety.board()
        assert board is not None
        assert [line.household.id for line in board.needs_help] == [link.household_id]

        desktop.safety.end()
        desktop.chair_links.revoke("山田 会長")
        desktop.sync.run_once()
        assert http.get(path).status_code == 404


def test_wrong_pin_is_refused_then_throttled(hub: RunningHub, desktop: ProfileServices) -> None:
    """Wrong PINs answer 403; after PIN_ATTEMPTS of them even the right PIN waits (429)."""
    _connected(hub, desktop)
    issued = desktop.chair_links.issue("佐藤 副会長")
    desktop.sync.run_once()
    path = issued.url.removeprefix(hub.base_url)
    wrong = f"{(int(issued.pin) + 1) % 1_000_000:06d}"
    with httpx.Client(base_url=hub.base_url) as http:
        for _ in range(PIN_ATTEMPTS):
            refused = http.post(f"{path}/pin", data={"pin": wrong})
            assert refused.status_code == 403 and "暗証番号が違います" in refused.text
        throttled = http.post(f"{path}/pin", data={"pin": issued.pin})
        assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0
        assert "kd_chair" not in throttled.cookies


def test_chair_link_commands(
    hub: RunningHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`safety chair-link issue` prints URL and PIN once and writes the card; `revoke` ends the link."""
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    assert main(["import-roster", str(SAMPLE)]) == 0
    new = hub.app.services.registry.add_association(unique("東町会"), "見本校下")
    assert main(["connect-hub", hub.base_url, "--code", new.code]) == 0
    card = tmp_path / "card.pdf"
    capsys.readouterr()
    assert main(["safety", "chair-link", "issue", "--officer", "山田 会長", "--card", str(card)]) == 0
    out = capsys.readouterr().out
    url, pin = re.search(r"URL: (\S+)", out), re.search(r"PIN: (\d{6})", out)
    assert url is not None and pin is not None
    text = "\n".join(pdftotext_lines(card))
    assert "会長用リンク（安否確認）" in text and "山田 会長" in text and pin.group(1) not in text
    assert main(["sync", "--once"]) == 0
    assert "暗証番号" in httpx.get(url.group(1)).text
    assert main(["safety", "chair-link", "list"]) == 0
    assert "山田 会長\t発行" in capsys.readouterr().out
    assert main(["safety", "chair-link", "revoke", "--officer", "山田 会長"]) == 0
    assert main(["sync", "--once"]) == 0
    assert httpx.get(url.group(1)).status_code == 404
    capsys.readouterr()
    assert main(["safety", "chair-link", "revoke", "--officer", "山田 会長"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "山田 会長" in err
