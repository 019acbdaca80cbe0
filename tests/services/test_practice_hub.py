"""The built-in practice hub: loopback only, the practice profile connects, reader links work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import ValidationError
from circular_app.practice_hub import PracticeHub
from circular_app.services import trainer
from circular_app.storage.models import OutboxRow


@pytest.fixture
def practice(app: App) -> Iterator[ProfileServices]:
    """A small practice profile (12 households), open."""
    services = app.services_for(trainer.create_practice(app.profiles, households=12))
    yield services
    services.context.close()


@pytest.fixture
def hub(practice: ProfileServices) -> Iterator[PracticeHub]:
    """The practice hub of that profile, stopped afterwards."""
    running = PracticeHub(practice.context.ref.folder)
    yield running
    running.stop()


def test_hub_serves_on_loopback(hub: PracticeHub) -> None:
    """The hub answers its health check on 127.0.0.1."""
    url = hub.start()
    assert url.startswith("http://127.0.0.1:")
    assert httpx.get(f"{url}/api/v1/health").json()["status"] == "ok"


def test_hub_keeps_its_database_in_the_profile_folder(hub: PracticeHub, practice: ProfileServices) -> None:
    """The hub's SQLite file lies in the practice profile's folder."""
    hub.start()
    assert (practice.context.ref.folder / "practice-hub" / "hub.db").exists()


def test_practice_profile_connects_and_a_reader_link_opens(
    hub: PracticeHub, practice: ProfileServices
) -> None:
    """After connecting and one sync round, a household's reader link answers 200."""
    assert hub.connect(practice.context, practice.sync) is True
    result = practice.sync.run_once()
    assert result.rejected == 0 and result.status.error == ""
    links = practice.sync.reader_links()
    assert links and all(link.url.startswith(f"{hub.base_url}/r/") for link in links)
    assert httpx.get(links[0].url).status_code == 200


def test_practice_sync_never_reports_adoption(hub: PracticeHub, practice: ProfileServices) -> None:
    """A practice profile's sync rounds queue no adoption report, today or after a month end."""
    hub.connect(practice.context, practice.sync)
    practice.sync.run_once(now=lambda: dt.datetime(2026, 11, 30, 1))
    practice.sync.run_once(now=lambda: dt.datetime(2026, 12, 1, 1))
    with practice.context.sessions() as session:
        kinds = set(session.scalars(select(OutboxRow.kind)))
    assert "roster" in kinds and "adoption_report" not in kinds


def test_connecting_again_changes_nothing(hub: PracticeHub, practice: ProfileServices) -> None:
    """A second connect to the same hub keeps the connection (and its reader links)."""
    hub.connect(practice.context, practice.sync)
    practice.sync.run_once()
    before = [link.url for link in practice.sync.reader_links()]
    assert hub.connect(practice.context, practice.sync) is False
    assert [link.url for link in practice.sync.reader_links()] == before


def test_restarted_hub_keeps_its_port(hub: PracticeHub) -> None:
    """Stopping and starting again serves on the same address (links printed earlier still work)."""
    first = hub.start()
    hub.stop()
    assert hub.base_url is None
    assert hub.start() == first


def test_profile_reset_after_a_class_connects_again(
    app: App, hub: PracticeHub, practice: ProfileServices
) -> None:
    """After a reset (the start state has no connection) the same association connects anew."""
    hub.connect(practice.context, practice.sync)
    practice.context.close()
    again = app.services_for(trainer.reset(app.profiles))
    try:
        assert not again.sync.is_connected()
        assert hub.connect(again.context, again.sync) is True
        assert again.sync.run_once().status.error == ""
    finally:
        again.context.close()


def test_real_profile_may_not_use_the_practice_hub(services: ProfileServices, hub: PracticeHub) -> None:
    """An association profile is refused before anything is registered."""
    with pytest.raises(ValidationError):
        hub.connect(services.context, services.sync)
    assert hub.base_url is None
