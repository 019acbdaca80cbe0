"""Shared test fixtures.

Qt runs offscreen (set here, before any Qt import: without it Qt tries xcb and aborts the
interpreter). The keyring is an in-memory backend so tests never touch a real one. Profiles
use a cheaper scrypt cost so that the suite stays fast; the production cost is tested in
``tests/storage/test_keyfile.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KAIRAN_DATA_DIR"] = "/nonexistent-use-the-tmp-fixtures"

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from circular_app.app import App, ProfileServices
from circular_app.storage.keyfile import KdfParams

TEST_KDF = KdfParams(n=2**10, r=8, p=1)
ADMIN_USER = "kaichou"
ADMIN_PASSWORD = "correct horse battery"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict (priority is irrelevant: it is set explicitly)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def app(tmp_path: Path) -> App:
    """An App on a temporary data directory with a cheap key derivation."""
    return App.build(tmp_path / "data", kdf=TEST_KDF)


@pytest.fixture
def services(app: App) -> Iterator[ProfileServices]:
    """A fresh, empty association profile opened by its administrator."""
    created = app.profiles.create_profile("テスト町会", "テスト校下", ADMIN_USER, ADMIN_PASSWORD, "会長 太郎")
    services = app.services_for(created.context)
    yield services
    services.context.close()


@pytest.fixture
def demo_services(app: App) -> Iterator[ProfileServices]:
    """The demo profile (60 households in 5 班), opened by the demo officer."""
    from circular_app.services.demo import create_demo

    demo = create_demo(app.profiles)
    services = app.services_for(demo.context)
    yield services
    services.context.close()
