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

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend

from circular_app.app import App, ProfileServices
from circular_app.services.context import ProfileContext
from circular_app.storage.keyfile import KdfParams
from circular_app.storage.profiles import ProfileRef

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


@dataclass(frozen=True)
class ProfileTemplate:
    """A profile made once per session: its folder and data key, copied for each test."""

    folder: Path
    data_key: bytes
    name: str
    username: str

    def open_copy(self, app: App) -> ProfileContext:
        """A copy in ``app``'s data directory, opened as its creation left it.

        Opened with its data key, as ``create_profile`` opens a new profile: no log-in entry in
        the audit trail.
        """
        root = app.profiles.store.root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.folder, root / self.folder.name)
        return app.profiles.open_with_key(app.profiles.find(self.name), self.username, self.data_key)


def _template(context: ProfileContext, username: str) -> ProfileTemplate:
    made = ProfileTemplate(context.ref.folder, context.data_key, context.ref.name, username)
    context.close()  # the last close checkpoints the WAL: the folder is complete
    return made


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> ProfileTemplate:
    """The empty test association, made once (copying it is several times cheaper)."""
    maker = App.build(tmp_path_factory.mktemp("empty-template") / "data", kdf=TEST_KDF)
    created = maker.profiles.create_profile(
        "テスト町会", "テスト校下", ADMIN_USER, ADMIN_PASSWORD, "会長 太郎"
    )
    return _template(created.context, ADMIN_USER)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> ProfileTemplate:
    """The demo profile as ``create_demo`` makes it, made once (copying it is ~10x cheaper)."""
    from circular_app.services.demo import DEMO_USERNAME, create_demo

    maker = App.build(tmp_path_factory.mktemp("demo-template") / "data", kdf=TEST_KDF)
    return _template(create_demo(maker.profiles).context, DEMO_USERNAME)


@pytest.fixture
def services(app: App, empty_template: ProfileTemplate) -> Iterator[ProfileServices]:
    """A fresh, empty association profile opened by its administrator (a copy of the template)."""
    services = app.services_for(empty_template.open_copy(app))
    yield services
    services.context.close()


@pytest.fixture
def demo_services(app: App, demo_template: ProfileTemplate) -> Iterator[ProfileServices]:
    """The demo profile (60 households in 5 班), opened by the demo officer (a copy of the template)."""
    services = app.services_for(demo_template.open_copy(app))
    yield services
    services.context.close()


def damage_integrity(ref: ProfileRef, key: bytes) -> None:
    """Make a closed profile's file fail ``PRAGMA quick_check`` while it still decrypts and reads.

    A NULL in a column the schema (rewritten behind SQLite's back) says is NOT NULL: the kind
    of damage the integrity check exists for, without breaking the encryption's page checks.
    """
    import sqlcipher3

    conn = sqlcipher3.connect(str(ref.db_path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("CREATE TABLE damage_probe (x)")
        conn.execute("INSERT INTO damage_probe VALUES (NULL)")
        conn.commit()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE TABLE damage_probe (x NOT NULL)' WHERE name = 'damage_probe'"
        )
        conn.commit()
    finally:
        conn.close()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """After each test, the cyclic collection that is due, once a GUI test turned it over to Qt.

    ``ui/common/collector.py`` turns the automatic collector off and collects on a Qt timer; tests
    that spin no event loop (most outside tests/ui, in the same process) would otherwise let
    cyclic garbage pile up for the rest of the session. Runs on the main (GUI) thread.
    """
    collector = sys.modules.get("circular_app.ui.common.collector")
    if collector is not None:
        installed = collector.installed()
        if installed is not None:
            installed.collect_if_due()
