"""Profile files: create, list, rename, unlock, and refusing bad files without touching them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import AuthenticationError, ConflictError, ProfileError
from circular_app.domain.roster import HouseholdDraft
from circular_app.storage import keyfile
from circular_app.storage.backups import list_backups
from circular_app.storage.profiles import ProfileRef
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_named(services: ProfileServices, name: str) -> None:
    han = services.roster.add_han("1班")
    services.roster.add_household(HouseholdDraft(name=name, han_id=han.id))


def test_created_profile_is_listed_with_its_district(app: App, services: ProfileServices) -> None:
    """A new profile appears in the list with its name and 校下."""
    (ref,) = app.profiles.list_profiles()
    assert (ref.name, ref.school_district, ref.kind) == ("テスト町会", "テスト校下", "association")


def test_duplicate_profile_name_is_refused(app: App, services: ProfileServices) -> None:
    """A second profile with the same association name is refused."""
    with pytest.raises(ConflictError):
        app.profiles.create_profile("テスト町会", "別校下", "other", "another password")


def test_rename_changes_manifest_and_database(app: App, services: ProfileServices) -> None:
    """Renaming shows the new name in the list and in the database's profile row."""
    app.profiles.rename_profile(services.context, "新しい町会")
    assert [r.name for r in app.profiles.list_profiles()] == ["新しい町会"]
    with services.context.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM profile_info")).scalar() == "新しい町会"


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(services: ProfileServices) -> None:
    """Every connection has foreign keys on, WAL journaling and a busy timeout."""
    with services.context.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_database_file_is_encrypted(services: ProfileServices) -> None:
    """Neither the database nor its WAL contains a household name or the SQLite header."""
    _add_named(services, "暗号 確認太郎")
    ref = services.context.ref
    for path in (ref.db_path, Path(f"{ref.db_path}-wal")):
        if path.exists():
            raw = path.read_bytes()
            assert "暗号 確認太郎".encode() not in raw
            assert not raw.startswith(b"SQLite format 3")


def test_reopen_with_password_sees_saved_data(app: App, services: ProfileServices) -> None:
    """Closing and logging in again shows what was saved."""
    _add_named(services, "保存 確認")
    ref = services.context.ref
    services.context.close()
    again = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        assert [h.name for h in again.roster.list_households()] == ["保存 確認"]
    finally:
        again.context.close()


def test_wrong_password_is_refused_with_attempts_left(app: App, services: ProfileServices) -> None:
    """A wrong password raises AuthenticationError that says how many tries remain."""
    ref = services.context.ref
    with pytest.raises(AuthenticationError, match="あと4回"):
        app.profiles.open_profile(ref, ADMIN_USER, "wrong password")


def test_five_wrong_passwords_lock_even_the_right_one(app: App, services: ProfileServices) -> None:
    """After five wrong passwords the account is locked for a while, even for the right one."""
    ref = services.context.ref
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            app.profiles.open_profile(ref, ADMIN_USER, "wrong password")
    with pytest.raises(AuthenticationError, match="お待ちください"):
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)


def test_lockout_delay_grows_with_each_failure() -> None:
    """The lock-out doubles with each wrong password after the fifth."""
    env = keyfile.KeyEnvelope("p", keyfile.KdfParams(n=2**10))
    env = keyfile.wrap(env, "u", "right password", b"k" * 32)
    now = dt.datetime(2026, 11, 25, 12, 0)
    delays = []
    for attempt in range(7):
        moment = now + dt.timedelta(hours=attempt)  # always after the previous lock expired
        _key, env = keyfile.unwrap(env, "u", "wrong", moment)
        entry = env.entry("u")
        assert entry is not None
        delays.append(keyfile.lockout_remaining(entry, moment))
    assert delays[:4] == [0, 0, 0, 0]
    assert delays[4] < delays[5] < delays[6]


def test_recovery_key_opens_the_profile(app: App, tmp_path: Path) -> None:
    """The printed recovery key unwraps the data key, typed in lower case with spaces."""
    created = app.profiles.create_profile("回復町会", "校下", "admin", "a long password")
    created.context.close()
    typed = created.recovery_key.lower().replace("-", " ")
    key = app.profiles.store.unlock_with_recovery(created.context.ref, typed)
    assert key == created.context.data_key


def test_damaged_database_is_refused_and_left_untouched(app: App, services: ProfileServices) -> None:
    """A damaged file gives a clear ProfileError and keeps every byte as it was."""
    ref = services.context.ref
    services.context.close()
    raw = bytearray(ref.db_path.read_bytes())
    raw[5000:5100] = b"\x00" * 100
    ref.db_path.write_bytes(bytes(raw))
    before = _digest(ref.db_path)
    with pytest.raises(ProfileError, match="壊れて"):
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert _digest(ref.db_path) == before
    assert not Path(f"{ref.db_path}-wal").exists()


def test_newer_schema_is_refused_and_left_untouched(app: App, services: ProfileServices) -> None:
    """A file whose schema revision this build does not know is refused unchanged."""
    ref: ProfileRef = services.context.ref
    with services.context.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    services.context.close()
    before = _digest(ref.db_path)
    with pytest.raises(ProfileError, match="新しいバージョン"):
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert _digest(ref.db_path) == before


def test_damaged_key_file_is_refused(app: App, services: ProfileServices) -> None:
    """A key file that is not valid JSON is refused with a message naming it."""
    ref = services.context.ref
    services.context.close()
    ref.keys_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"keys\.json"):
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)


def test_changing_a_password_rewraps_without_reencrypting(app: App, services: ProfileServices) -> None:
    """A new password opens the profile; the old one no longer does; the database is unchanged."""
    ref = services.context.ref
    services.context.close()
    before = _digest(ref.db_path)
    app.profiles.store.set_password(ref, ADMIN_USER, "a brand new password", services.context.data_key)
    assert _digest(ref.db_path) == before
    with pytest.raises(AuthenticationError):
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    ctx = app.profiles.open_profile(ref, ADMIN_USER, "a brand new password")
    ctx.close()
    assert ctx.data_key == services.context.data_key


@pytest.mark.slow
def test_production_kdf_cost_is_memory_hard() -> None:
    """The default scrypt cost uses at least 32 MiB (n·r·128 bytes)."""
    params = keyfile.KdfParams()
    assert params.n * params.r * 128 >= 32 * 1024 * 1024
    assert len(params.derive("password", b"salt" * 4)) == 32


def test_deleted_database_is_refused_naming_file_and_latest_backup(
    app: App, services: ProfileServices
) -> None:
    """A deleted profile.db gives an error naming it and the latest backup; no file is created."""
    latest = services.backups.back_up()
    ref = services.context.ref
    services.context.close()
    ref.db_path.unlink()
    with pytest.raises(ProfileError, match=r"profile\.db") as caught:
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.code == "profile.db_missing"
    assert latest.name in str(caught.value)
    assert not ref.db_path.exists()


def test_emptied_database_is_refused_and_stays_empty(app: App, services: ProfileServices) -> None:
    """A 0-byte profile.db is refused naming the latest backup and is not 'repaired'."""
    latest = services.backups.back_up()
    ref = services.context.ref
    services.context.close()
    ref.db_path.write_bytes(b"")
    with pytest.raises(ProfileError) as caught:
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.code == "profile.db_empty"
    assert latest.name in str(caught.value) and "profile.db" in str(caught.value)
    assert ref.db_path.stat().st_size == 0


def test_missing_database_without_backup_names_the_backup_folder(app: App, services: ProfileServices) -> None:
    """With no backup at all the error says so and names the backup folder."""
    ref = services.context.ref
    services.context.close()
    for old in list_backups(ref.backups):
        old.path.unlink()
    ref.db_path.unlink()
    with pytest.raises(ProfileError) as caught:
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.code == "profile.db_unusable_no_backup"
    assert str(ref.backups) in str(caught.value)
    assert not ref.db_path.exists()


def test_foreign_database_is_refused_and_left_untouched(app: App, services: ProfileServices) -> None:
    """A database with the right key but no Kairan Desk schema is refused, not migrated."""
    ref = services.context.ref
    key = services.context.data_key
    services.context.close()
    ref.db_path.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{ref.db_path}{side}").unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(ref.db_path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("CREATE TABLE other (x INTEGER)")
    conn.commit()
    conn.close()
    before = _digest(ref.db_path)
    with pytest.raises(ProfileError) as caught:
        app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD)
    assert caught.value.code in ("profile.db_foreign", "profile.db_unusable_no_backup")
    assert _digest(ref.db_path) == before


def test_leftover_part_and_tmp_files_are_removed_when_the_profile_opens(
    app: App, services: ProfileServices
) -> None:
    """Old hidden .part/.tmp/.restore files of a killed backup or write are deleted at open."""
    ref = services.context.ref
    services.context.close()
    ref.backups.mkdir(parents=True, exist_ok=True)
    leftovers = [
        ref.backups / ".20261125-130501-close.kdb.part",
        ref.folder / ".keys.json.tmp",
        ref.folder / ".profile.db.restore",
    ]
    old = (dt.datetime.now() - dt.timedelta(hours=2)).timestamp()
    for path in leftovers:
        path.write_bytes(b"half written")
        os.utime(path, (old, old))
    app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD).close()
    assert [p for p in leftovers if p.exists()] == []


def test_a_fresh_part_file_is_left_for_the_next_start(app: App, services: ProfileServices) -> None:
    """A .part file written just now may belong to a running backup and is kept."""
    ref = services.context.ref
    services.context.close()
    ref.backups.mkdir(parents=True, exist_ok=True)
    running = ref.backups / ".20261125-130501-manual.kdb.part"
    running.write_bytes(b"being written")
    app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD).close()
    assert running.exists()
