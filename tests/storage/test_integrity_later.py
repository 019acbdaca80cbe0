"""The GUI log-in's integrity check in the background: still run, still guarding every write.

``open_profile(..., check_integrity_later=True)`` opens the profile while ``PRAGMA quick_check``
runs on a worker thread. These tests damage a real encrypted profile so that it still decrypts
but fails the check (a NULL in a column its schema says is NOT NULL), and read back that the
failure is reported, that no commit reaches the file, and that a healthy profile gets its
log-in recorded once the check has passed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import ProfileError
from circular_app.storage.profiles import ProfileRef
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, damage_integrity


def _raw(path: Path, key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _logins(ref: ProfileRef, key: bytes) -> int:
    conn = _raw(ref.db_path, key)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_log WHERE action = 'login'").fetchone()[0])
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed(services: ProfileServices) -> tuple[ProfileRef, bytes]:
    """The test association, closed (its WAL checkpointed into the file)."""
    ref, key = services.context.ref, services.context.data_key
    services.context.close()
    return ref, key


def test_a_healthy_profile_opens_at_once_and_records_the_login_after_the_check(
    app: App, closed: tuple[ProfileRef, bytes]
) -> None:
    """The check passes in the background; then the log-in is in the audit trail and saving works."""
    ref, key = closed
    before = _logins(ref, key)
    context = app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD, check_integrity_later=True)
    services = app.services_for(context)
    try:
        assert context.integrity is not None
        context.integrity.wait()
        context.integrity.join()
        assert context.integrity.error is None
        services.roster.add_han("1班")
        assert [han.name for han in services.roster.list_hans()] == ["1班"]
    finally:
        context.close()
    assert _logins(ref, key) == before + 1


def test_a_damaged_profile_is_reported_and_never_written(app: App, closed: tuple[ProfileRef, bytes]) -> None:
    """Opened before the check's verdict, a damaged file gets no commit: neither the log-in nor a save."""
    ref, key = closed
    damage_integrity(ref, key)
    logins = _logins(ref, key)
    before = _digest(ref.db_path)
    context = app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD, check_integrity_later=True)
    services = app.services_for(context)
    try:
        assert context.integrity is not None
        with pytest.raises(ProfileError) as failed:
            context.integrity.wait()
        assert failed.value.code == "storage.integrity_failed_no_saving"
        assert "profile.db" in failed.value.message and "damage_probe" in failed.value.message
        # Reading goes on; every commit is refused with the same clear reason and rolled back.
        assert services.roster.list_hans() == []
        with pytest.raises(ProfileError, match="変更は保存しません"):
            services.roster.add_han("1班")
        with pytest.raises(ProfileError, match="変更は保存しません"), context.engine.begin() as conn:
            conn.execute(text("DELETE FROM damage_probe"))
    finally:
        context.close()
    assert _digest(ref.db_path) == before
    assert _logins(ref, key) == logins


def test_the_check_is_still_run_before_opening_without_the_gui(
    app: App, closed: tuple[ProfileRef, bytes]
) -> None:
    """Scripts and the command line open as before: a damaged file is refused outright."""
    ref, key = closed
    damage_integrity(ref, key)
    with pytest.raises(ProfileError) as refused:
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert refused.value.code == "storage.integrity_failed"
