"""Invitation slips and the QR codes on paper copies, against a real hub (SQLite and PostgreSQL).

The desktop prints; the test reads the QR codes back out of the PDF (as module matrices,
compared with segno's encoding of the expected URL), opens those URLs on the running hub and
taps 読みました where the page offers it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import httpx
import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Audience, Circular, CircularDraft
from circular_app.domain.errors import NotFoundError
from circular_app.domain.reads import CellState
from circular_app.domain.roster import Delivery, Household
from circular_app.pdf.paper_language import printed_language
from circular_app.services.invitations import invitations_command
from circular_app.services.pdf_export import export_pdf_command
from circular_app.storage.models import CircularRow, ReaderTokenRow
from tests.hub.support import RunningHub, csrf_of, enroll
from tests.pdf.helpers import page_count, qr_codes, qr_matrix, text_of


def _publish(desktop: ProfileServices, title: str, audience: Audience = Audience.BOTH) -> Circular:
    draft = CircularDraft(title=title, body="本文です。", audience=audience)
    return desktop.circulars.publish(desktop.circulars.new_draft(draft).id)


def _paper_households(desktop: ProfileServices, han_name: str = "1班") -> list[Household]:
    han = next(h for h in desktop.roster.list_hans() if h.name == han_name)
    return [
        h
        for h in desktop.roster.list_households()
        if h.han_id == han.id and h.active and h.delivery is Delivery.PAPER
    ]


def _invite(app: App, desktop: ProfileServices, out: Path, **options: str) -> list[str]:
    return invitations_command(
        desktop, desktop.context.ref.name, app.paths.fonts, out=out, practice=False, **options
    )


def _hub_key(desktop: ProfileServices, circular_id: int) -> str:
    with desktop.context.sessions() as session:
        row = session.get(CircularRow, circular_id)
        assert row is not None and row.hub_key is not None
        return row.hub_key


# The address line of a slip in Japanese, and in English (a demo household's 言語 is 英語).
_ADDRESS = re.compile(r"(?:アドレス|Address): (\S+)")


def _slip_urls(pdf: Path) -> list[str]:
    return [m.group(1) for line in text_of(pdf).splitlines() if (m := _ADDRESS.search(line))]


def _matrix_state(desktop: ProfileServices, household_id: int, circular_id: int) -> CellState:
    matrix = desktop.reads.matrix()
    row = next(i for i, h in enumerate(matrix.households) if h.id == household_id)
    col = next(i for i, c in enumerate(matrix.circulars) if c.id == circular_id)
    return matrix.state(row, col)


def test_invitation_slips_open_and_confirm(
    app: App, hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """One slip per paper household of the 班; its QR opens the household's page on the hub,
    the current circular is there, and a tap reaches the matrix as a digital read."""
    enroll(hub, desktop)
    circular = _publish(desktop, "招待状のテスト回覧")
    desktop.sync.run_once()
    paper = _paper_households(desktop)
    assert len(paper) >= 2

    lines = _invite(app, desktop, tmp_path, han="1班")
    (pdf,) = tmp_path.glob("*.pdf")
    assert pdf.name.endswith("-スマホ招待状-1班.pdf") and "1班" in lines[0]
    assert page_count(pdf) == math.ceil(len(paper) / 2)
    text = text_of(pdf)
    for household in paper:
        # Each slip is in the household's paper language: 「様」 in Japanese, the name alone in English.
        english = printed_language(household.language) == "en"
        assert (household.name if english else f"{household.name}　様") in text
    assert any(printed_language(h.language) == "en" for h in paper)  # the demo's 英語 household
    assert "You can read the circular on your phone" in text
    urls = _slip_urls(pdf)
    assert len(urls) == len(paper) and len(set(urls)) == len(paper)
    assert all(u.startswith(f"{hub.base_url}/r/") for u in urls)
    assert qr_codes(pdf, 0) == [qr_matrix(u) for u in urls[:2]]

    # The household stays on paper, keeps its link, and the open circular is behind it.
    desktop.sync.run_once()
    assert desktop.roster.household(paper[0].id).delivery is Delivery.PAPER
    key = _hub_key(desktop, circular.id)
    with httpx.Client() as http:
        page = http.get(urls[0])
        assert page.status_code == 200 and "招待状のテスト回覧" in page.text
        circular_page = http.get(f"{urls[0]}/c/{key}")
        done = http.post(f"{urls[0]}/c/{key}/read", data={"csrf": csrf_of(circular_page.text)})
        assert done.status_code == 200
    assert desktop.sync.run_once().confirmations == 1
    assert _matrix_state(desktop, paper[0].id, circular.id) is CellState.READ_DIGITAL

    # A later roster change keeps invited links; printing again prints the same links.
    han_order = [h.id for h in desktop.roster.list_households() if h.han_id == paper[0].han_id and h.active]
    desktop.roster.reorder_route(paper[0].han_id, list(reversed(han_order)))
    desktop.sync.run_once()
    again = tmp_path / "again"
    _invite(app, desktop, again, han="1班")
    assert sorted(_slip_urls(next(again.glob("*.pdf")))) == sorted(urls)
    with httpx.Client() as http:
        assert http.get(urls[1]).status_code == 200


def test_invited_household_moving_out_loses_its_link(
    app: App, hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """Moving out revokes the invitation link: the hub then answers with the neutral 404."""
    enroll(hub, desktop)
    household = _paper_households(desktop)[0]
    _invite(app, desktop, tmp_path, household=household.public_id)
    (url,) = _slip_urls(next(tmp_path.glob("*.pdf")))
    desktop.sync.run_once()
    assert httpx.get(url).status_code == 200
    desktop.roster.move_out(household.id, dt.date.today())
    desktop.sync.run_once()
    assert httpx.get(url).status_code == 404


def test_invitations_need_a_hub(app: App, desktop: ProfileServices, tmp_path: Path) -> None:
    """Without a hub connection no link can work: a clear message, no file, no token."""
    with pytest.raises(NotFoundError, match="ハブに接続していない"):
        _invite(app, desktop, tmp_path)
    assert not list(tmp_path.glob("*.pdf"))
    with desktop.context.sessions() as session:
        assert session.query(ReaderTokenRow).count() == 0


def test_copies_carry_board_and_personal_qr_codes(
    app: App, hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """On the hub: the 班 copy's QR opens the read-only board page; an invited household's
    individual copy opens its own page; another paper household's copy the board page."""
    enroll(hub, desktop)
    invited, other = _paper_households(desktop)[:2]
    _invite(app, desktop, tmp_path / "slips", household=invited.public_id)
    circular = _publish(desktop, "QRつきの回覧")
    desktop.sync.run_once()
    links = desktop.sync.print_links(circular.id)
    assert links is not None
    key = _hub_key(desktop, circular.id)
    assert links.board_url.startswith(f"{hub.base_url}/b/")
    assert links.household_urls[invited.id].endswith(f"/c/{key}")
    assert other.id not in links.household_urls

    out = tmp_path / "copies"
    name = desktop.context.ref.name
    export_pdf_command(desktop, name, app.paths.fonts, circular=circular.number or 0, out=out, han="1班")
    export_pdf_command(
        desktop, name, app.paths.fonts, circular=circular.number or 0, out=out, individual=True, han="1班"
    )
    han_copy = next(p for p in out.glob("*.pdf") if "個別" not in p.name)
    assert qr_codes(han_copy) == [qr_matrix(links.board_url)]
    own = next(out.glob(f"*-個別-1班-{invited.route_position:02d}.pdf"))
    assert qr_codes(own) == [qr_matrix(links.household_urls[invited.id])]
    board_only = next(out.glob(f"*-個別-1班-{other.route_position:02d}.pdf"))
    assert qr_codes(board_only) == [qr_matrix(links.board_url)]

    with httpx.Client() as http:
        board = http.get(links.board_url)
        assert board.status_code == 200 and "QRつきの回覧" in board.text
        # The board page cannot confirm: no form ("/read" alone also matches /static/reader.css).
        assert "<form" not in board.text and 'name="csrf"' not in board.text
        own_page = http.get(links.household_urls[invited.id])
        assert own_page.status_code == 200 and f"/c/{key}/read" in own_page.text


def test_no_qr_code_off_the_hub(app: App, hub: RunningHub, desktop: ProfileServices, tmp_path: Path) -> None:
    """Before the association connects, and for a paper-only circular, copies carry no QR."""
    before = _publish(desktop, "接続前の回覧")
    name = desktop.context.ref.name
    export_pdf_command(
        desktop, name, app.paths.fonts, circular=before.number or 0, out=tmp_path / "a", han="1班"
    )
    assert qr_codes(next((tmp_path / "a").glob("*.pdf"))) == []
    assert desktop.sync.print_links(before.id) is None
    enroll(hub, desktop)
    paper_only = _publish(desktop, "紙だけの回覧", Audience.PAPER)
    assert desktop.sync.print_links(paper_only.id) is None
    export_pdf_command(
        desktop, name, app.paths.fonts, circular=paper_only.number or 0, out=tmp_path / "b", han="1班"
    )
    assert qr_codes(next((tmp_path / "b").glob("*.pdf"))) == []


def test_board_link_for_a_circular_published_before_board_links(
    hub: RunningHub, desktop: ProfileServices
) -> None:
    """A circular already on the hub without a board token gets one when printed, and the
    hub learns it with the next round."""
    enroll(hub, desktop)
    circular = _publish(desktop, "以前に発行した回覧")
    with desktop.context.sessions.begin() as session:
        row = session.get(CircularRow, circular.id)
        assert row is not None
        row.board_token = None  # as a profile upgraded from schema 0005 has it
    desktop.sync.run_once()
    links = desktop.sync.print_links(circular.id)
    assert links is not None
    assert httpx.get(links.board_url).status_code == 404  # not sent yet
    desktop.sync.run_once()
    page = httpx.get(links.board_url)
    assert page.status_code == 200 and "以前に発行した回覧" in page.text
    assert desktop.sync.print_links(circular.id) == links  # the same link from now on


def test_closed_circular_copies_carry_the_board_link(
    app: App, hub: RunningHub, desktop: ProfileServices, tmp_path: Path
) -> None:
    """A household invited after a circular closed is not among its readers on the hub, so
    the copy of a closed circular points everyone to the board page (which still opens)."""
    enroll(hub, desktop)
    circular = _publish(desktop, "終わった回覧")
    desktop.circulars.close(circular.id)
    household = _paper_households(desktop)[0]
    _invite(app, desktop, tmp_path, household=household.public_id)
    desktop.sync.run_once()
    links = desktop.sync.print_links(circular.id)
    assert links is not None and links.household_urls == {}
    desktop.sync.run_once()
    assert httpx.get(links.board_url).status_code == 200
