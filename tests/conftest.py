"""Shared test fixtures.

Qt runs offscreen (set here, before any Qt import: without it Qt tries xcb and aborts the
interpreter). The keyring is an in-memory backend so tests never touch a real one. Profiles
use a cheaper scrypt cost so that the suite stays fast; the production cost is tested in
``tests/storage/test_keyfile.py``.

Hypothesis profiles (README, "For developers"): ``ci`` is derandomized, so one commit always
gives one result; it is chosen when ``CI`` is set (CI runs ``.ci/run`` with ``CI=true``) and
by ``scripts/test.sh``. ``dev``, the default of a plain ``pytest``, searches at random and keeps
what it found in ``.hypothesis/``; ``search`` does the same with many more examples.
``HYPOTHESIS_PROFILE`` (or ``--hypothesis-profile``) names one explicitly.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KAIRAN_DATA_DIR"] = "/nonexistent-use-the-tmp-fixtures"

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend

from circular_app.app import App, ProfileServices
from circular_app.storage.keyfile import KdfParams

# Parent: Hypothesis's "default", not the current profile (Hypothesis itself loads its
# built-in "ci" whenever CI is set, even to false).
_BASE = settings.get_profile("default")
settings.register_profile(
    "ci",
    _BASE,
    max_examples=200,
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],  # timing depends on the machine's load
)
settings.register_profile("dev", _BASE, max_examples=200, deadline=None)
settings.register_profile("search", _BASE, max_examples=5000, deadline=None)


def _hypothesis_profile() -> str:
    """``HYPOTHESIS_PROFILE`` if set, ``ci`` on a CI machine, else ``dev``."""
    named = os.environ.get("HYPOTHESIS_PROFILE", "")
    if named:
        return named
    return "ci" if os.environ.get("CI", "").lower() not in ("", "0", "false", "no") else "dev"


settings.load_profile(_hypothesis_profile())

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
