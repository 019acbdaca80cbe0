"""Backups, restore and the handover file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlcipher3

from circular_app.app import App, ProfileServices
from circular_app.domain.errors import AuthenticationError, ProfileError
from circular_app.domain.roster import HouseholdDraft
from circular_app.services.backup import import_handover
from circular_app.storage.backups import list_backups
from circular_app.storage.backups import restore as restore_file
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, TEST_KDF


def _names(services: ProfileServices) -> list[str]:
    return [h.name for h in services.roster.list_households()]


def _one(services: ProfileServices, name: str) -> None:
    hans = services.roster.list_hans() or [services.roster.add_han("1班")]
    services.roster.add_household(HouseholdDraft(name=name, han_id=hans[0].id))


def test_backup_and_restore_bring_back_the_old_roster(app: App, services: ProfileServices) -> None:
    """Restoring a backup brings back its data and keeps the replaced file as a backup."""
    _one(services, "戻す 前")
    backup = services.backups.back_up()
    _one(services, "あと から")
    ref = services.context.ref
    result = services.backups.restore(backup)
    again = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        assert _names(again) == ["戻す 前"]
        assert result.kept_current.exists()
        assert any(b.reason == "before-restore" for b in again.backups.backups())
    finally:
        again.context.close()


def test_damaged_backup_is_refused_and_nothing_replaced(app: App, services: ProfileServices) -> None:
    """A damaged backup is refused before the current database is touched."""
    _one(services, "今の 世帯")
    backup = services.backups.back_up()
    raw = bytearray(backup.read_bytes())
    raw[2000:2400] = b"\xff" * 400
    backup.write_bytes(bytes(raw))
    ref = services.context.ref
    with pytest.raises(ProfileError):
        services.backups.restore(backup)
    again = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        assert _names(again) == ["今の 世帯"]
    finally:
        again.context.close()


def test_backup_to_another_folder_is_encrypted(services: ProfileServices, tmp_path: Path) -> None:
    """A backup to a USB folder exists, carries the association name, and holds no names."""
    _one(services, "持ち出し 注意")
    usb = tmp_path / "usb"
    target = services.backups.back_up("manual", usb)
    assert target.parent == usb and target.name.startswith("テスト町会-")
    assert "持ち出し".encode() not in target.read_bytes()


def test_rotation_keeps_the_newest_automatic_backups(services: ProfileServices) -> None:
    """Automatic backups beyond the limit are deleted; manual ones stay."""
    folder = services.backups.folder
    folder.mkdir(parents=True, exist_ok=True)
    base = dt.datetime(2026, 1, 1)
    for day in range(12):
        (folder / f"{base + dt.timedelta(days=day):%Y%m%d-%H%M%S}-daily.kdb").write_bytes(b"x")
    (folder / "20250101-000000-manual.kdb").write_bytes(b"x")
    services.backups.back_up("close")
    kept = list_backups(folder)
    assert sum(b.reason in ("daily", "close") for b in kept) == 10
    assert any(b.reason == "manual" and b.created.year == 2025 for b in kept)


def test_daily_backup_only_once_a_day(services: ProfileServices) -> None:
    """The daily backup is made when due and skipped the same day."""
    assert services.backups.back_up_if_due() is not None
    assert services.backups.back_up_if_due() is None


def test_handover_moves_the_profile_to_a_new_data_directory(
    app: App, services: ProfileServices, tmp_path: Path
) -> None:
    """The next officer imports the handover file on another PC and sees the roster."""
    _one(services, "引継 世帯")
    file = tmp_path / "hikitsugi.kairan"
    services.backups.export_handover(file, "sakura no hana")
    assert "引継".encode() not in file.read_bytes()
    other = App.build(tmp_path / "other-pc", kdf=TEST_KDF)
    created = import_handover(other.profiles.store, file, "sakura no hana", "next", "next year password")
    nxt = other.services_for(other.profiles.open_profile(created.ref, "next", "next year password"))
    try:
        assert _names(nxt) == ["引継 世帯"]
        assert nxt.context.officer.role.value == "admin"
    finally:
        nxt.context.close()


def test_handover_with_wrong_passphrase_is_refused(services: ProfileServices, tmp_path: Path) -> None:
    """A wrong passphrase gives a clear error and creates no profile."""
    file = tmp_path / "h.kairan"
    services.backups.export_handover(file, "right passphrase")
    other = App.build(tmp_path / "other", kdf=TEST_KDF)
    with pytest.raises(AuthenticationError, match="合言葉"):
        import_handover(other.profiles.store, file, "wrong passphrase", "next", "next year password")
    assert other.profiles.list_profiles() == []


def _restore_refused(app: App, services: ProfileServices, backup: Path) -> None:
    """With the profile closed, restoring ``backup`` is refused and profile.db keeps every byte."""
    ref, key = services.context.ref, services.context.data_key
    services.context.close()
    before = ref.db_path.read_bytes()
    with pytest.raises(ProfileError):
        restore_file(ref.db_path, key, backup, app.profiles.store.migrations, ref.backups)
    assert ref.db_path.read_bytes() == before
    assert not list(ref.folder.glob(".*.restore"))
    assert "before-restore" not in [b.reason for b in list_backups(ref.backups)]
    again = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        assert _names(again) == ["今の 世帯"]
    finally:
        again.context.close()


def test_empty_backup_is_refused_by_the_service_and_data_kept(
    app: App, services: ProfileServices, tmp_path: Path
) -> None:
    """Restoring a 0-byte file raises a clear error and the open profile keeps its data."""
    _one(services, "今の 世帯")
    empty = tmp_path / "empty.kdb"
    empty.write_bytes(b"")
    with pytest.raises(ProfileError, match="空です"):
        services.backups.restore(empty)
    assert _names(services) == ["今の 世帯"]


def test_empty_backup_is_refused_and_profile_unchanged(
    app: App, services: ProfileServices, tmp_path: Path
) -> None:
    """A 0-byte file is refused; profile.db stays byte-identical and opens with its data."""
    _one(services, "今の 世帯")
    empty = tmp_path / "empty.kdb"
    empty.write_bytes(b"")
    _restore_refused(app, services, empty)


def test_truncated_backup_is_refused(app: App, services: ProfileServices, tmp_path: Path) -> None:
    """A backup cut off after its first pages is refused and nothing is replaced."""
    _one(services, "今の 世帯")
    backup = services.backups.back_up()
    truncated = tmp_path / "truncated.kdb"
    truncated.write_bytes(backup.read_bytes()[:4096])
    _restore_refused(app, services, truncated)


def test_garbage_backup_is_refused(app: App, services: ProfileServices, tmp_path: Path) -> None:
    """A file of random bytes is refused and nothing is replaced."""
    _one(services, "今の 世帯")
    garbage = tmp_path / "garbage.kdb"
    garbage.write_bytes(bytes(range(256)) * 64)
    _restore_refused(app, services, garbage)


def test_foreign_database_backup_is_refused(app: App, services: ProfileServices, tmp_path: Path) -> None:
    """A database with this key but without Kairan Desk's schema is refused."""
    _one(services, "今の 世帯")
    foreign = tmp_path / "foreign.kdb"
    conn = sqlcipher3.connect(str(foreign))
    conn.execute(f"PRAGMA key = \"x'{services.context.data_key.hex()}'\"")
    conn.execute("CREATE TABLE other (x INTEGER)")
    conn.commit()
    conn.close()
    _restore_refused(app, services, foreign)


def test_refused_restore_is_audited_as_refused(app: App, services: ProfileServices, tmp_path: Path) -> None:
    """A refused restore leaves a 'restore_refused' entry and no 'restore' entry."""
    empty = tmp_path / "empty.kdb"
    empty.write_bytes(b"")
    with pytest.raises(ProfileError):
        services.backups.restore(empty)
    actions = [e.action for e in services.audit.entries()]
    assert "restore_refused" in actions and "restore" not in actions
