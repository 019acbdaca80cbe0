"""The 班長 copy: one 班 only, encrypted to that 班長's own password, opened on their own PC."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.errors import AuthenticationError, PermissionDeniedError, ProfileError
from circular_app.domain.roster import Household
from circular_app.services.backup import import_han_copy, import_handover
from circular_app.storage.profiles import ProfileRef
from tests.conftest import TEST_KDF

LEADER, LEADER_PASSWORD = "hancho3", "sanban no hancho"


@pytest.fixture
def demo(app: App) -> Iterator[ProfileServices]:
    """The demo profile (5 班) with a 班長 account for 3班 and every household read once on paper."""
    from circular_app.services.demo import create_demo

    services = app.services_for(create_demo(app.profiles).context)
    han3 = next(h for h in services.roster.list_hans() if h.name == "3班")
    services.accounts.add_officer(LEADER, "三班 班長", Role.HAN_LEADER, LEADER_PASSWORD, han3.id)
    yield services
    services.context.close()


def _database_texts(path: Path, key: bytes) -> list[str]:
    """Every value of every column of every table of an encrypted database, as ``table: text``."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert "household" in tables and "read_record" in tables
        values: list[str] = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        values.append(f"{table}: {value.decode('utf-8', 'replace')}")
                    elif value is not None:
                        values.append(f"{table}: {value}")
        return values
    finally:
        conn.close()


def _needles(households: list[Household]) -> list[str]:
    return sorted(
        {v for h in households for v in (h.name, h.reading, h.phone, h.email, h.notes) if len(v) >= 3}
    )


def _hits(texts: list[str], needles: list[str]) -> list[str]:
    """The needles found, each with the first value (table and text) that holds it."""
    return [f"{n} in {next(t for t in texts if n in t)[:80]}" for n in needles if any(n in t for t in texts)]


def _open_copy(tmp_path: Path, file: Path) -> tuple[App, ProfileRef, bytes]:
    other = App.build(tmp_path / "hancho-pc", kdf=TEST_KDF)
    opened = import_han_copy(other.profiles.store, file, LEADER_PASSWORD)
    assert opened.username == LEADER
    return other, opened.created.ref, opened.created.data_key


def test_han_copy_holds_nothing_of_the_other_han(demo: ProfileServices, tmp_path: Path) -> None:
    """A scan of every table and column of the copy finds no name, reading or phone of another 班."""
    households = demo.roster.list_households()
    han3 = next(h for h in demo.roster.list_hans() if h.name == "3班")
    own = _needles([h for h in households if h.han_id == han3.id])
    # Generated demo names repeat across 班 (同姓同名): only values no 3班 household has count.
    others = [n for n in _needles([h for h in households if h.han_id != han3.id]) if n not in own]
    full = _database_texts(demo.context.ref.db_path, demo.context.data_key)
    assert others and len(_hits(full, others)) == len(others)  # the scan finds them where they are
    file = tmp_path / "3班.kairan"
    demo.backups.export_han_copy(file, LEADER_PASSWORD, username=LEADER)
    _other, ref, key = _open_copy(tmp_path, file)
    copy = _database_texts(ref.db_path, key)
    assert _hits(copy, others) == []
    # A circular for every 班 may name other 班 in its text (the paper copy does too); no
    # other table may name them.
    structural = [t for t in copy if not t.startswith(("circular:", "circular_version:"))]
    assert _hits(structural, ["1班", "2班", "4班", "5班"]) == []
    assert len(_hits(copy, own)) == len(own)


def test_han_leader_opens_the_copy_with_their_own_password(demo: ProfileServices, tmp_path: Path) -> None:
    """On the 班長's PC the copy opens with their password and shows their 班, its circulars and reads."""
    han3 = next(h for h in demo.roster.list_hans() if h.name == "3班")
    own = [h.public_id for h in demo.roster.list_households() if h.han_id == han3.id]
    published = [c for c in demo.circulars.list_circulars() if c.status.value != "draft"]
    expected = {c.id for c in published if not c.target_han_ids or han3.id in c.target_han_ids}
    own_ids = {h.id for h in demo.roster.list_households() if h.han_id == han3.id}
    reads = {
        c.id: {k: v for k, v in demo.reads.records(c.id).items() if k in own_ids}
        for c in published
        if c.id in expected
    }
    assert sum(len(r) for r in reads.values()) > 0
    file = tmp_path / "3班.kairan"
    result = demo.backups.export_han_copy(file, LEADER_PASSWORD, han_id=han3.id)
    assert (result.username, result.han_name, result.counts.households) == (LEADER, "3班", len(own))
    other, ref, key = _open_copy(tmp_path, file)
    assert key != demo.context.data_key
    copy = other.services_for(other.profiles.open_profile(ref, LEADER, LEADER_PASSWORD))
    try:
        assert copy.context.officer.role is Role.HAN_LEADER
        assert [h.public_id for h in copy.roster.list_households()] == own
        assert [h.name for h in copy.roster.list_hans()] == ["3班"]
        assert {c.id for c in copy.circulars.list_circulars()} == expected
        assert {c: copy.reads.records(c) for c in reads} == reads
    finally:
        copy.context.close()
    conn = sqlcipher3.connect(str(ref.db_path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        conn.close()
    assert actions[0] == "han_copy_import"  # the copy starts its own trail, nothing of the hall PC's


def test_wrong_han_leader_password_writes_nothing(demo: ProfileServices, tmp_path: Path) -> None:
    """The copy is made only with the 班長's real password (the administrator's does not do)."""
    file = tmp_path / "3班.kairan"
    with pytest.raises(AuthenticationError):
        demo.backups.export_han_copy(file, "not the password", username=LEADER)
    assert not file.exists()


def test_han_leader_may_copy_only_their_own_han(app: App, demo: ProfileServices, tmp_path: Path) -> None:
    """A 班長 makes their own copy but not one for another 班長; both attempts are audited or refused."""
    han1 = next(h for h in demo.roster.list_hans() if h.name == "1班")
    demo.accounts.add_officer("hancho1", "", Role.HAN_LEADER, "ichiban password", han1.id)
    ref = demo.context.ref
    leader = app.services_for(app.profiles.open_profile(ref, LEADER, LEADER_PASSWORD))
    try:
        with pytest.raises(PermissionDeniedError):
            leader.backups.export_han_copy(tmp_path / "1班.kairan", "ichiban password", username="hancho1")
        own = leader.backups.export_han_copy(tmp_path / "mine.kairan", LEADER_PASSWORD)
    finally:
        leader.context.close()
    assert not (tmp_path / "1班.kairan").exists()
    assert own.han_name == "3班" and own.path.is_file()
    exports = [e for e in demo.audit.entries() if e.action == "han_copy_export"]
    assert [(e.officer, e.target) for e in exports] == [(LEADER, LEADER)]


def test_han_copy_is_not_a_handover_and_a_handover_is_not_a_han_copy(
    demo: ProfileServices, tmp_path: Path
) -> None:
    """Each import refuses the other kind of file, so a copy never makes anyone 管理者."""
    han_copy, handover = tmp_path / "3班.kairan", tmp_path / "all.kairan"
    demo.backups.export_han_copy(han_copy, LEADER_PASSWORD, username=LEADER)
    demo.backups.export_handover(handover, LEADER_PASSWORD)
    other = App.build(tmp_path / "pc", kdf=TEST_KDF)
    with pytest.raises(ProfileError, match="班長コピーです"):
        import_handover(other.profiles.store, han_copy, LEADER_PASSWORD, "newadmin", "a new password")
    with pytest.raises(ProfileError, match="班長コピーではありません"):
        import_han_copy(other.profiles.store, handover, LEADER_PASSWORD)
    assert other.profiles.list_profiles() == []
