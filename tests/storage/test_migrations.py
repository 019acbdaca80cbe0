"""Schema migrations: head matches the models; saved older profiles upgrade cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from circular_app.paths import bundle_root
from circular_app.storage.database import current_revision, known_revisions, migrate, open_engine
from circular_app.storage.keyfile import new_data_key
from circular_app.storage.models import Base
from circular_app.storage.profiles import ProfileRef, ProfileStore
from tests.conftest import TEST_KDF

MIGRATIONS = bundle_root() / "db"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "profiles"
FIXTURE_PASSWORD = "fixture-password"


def test_empty_database_upgraded_to_head_matches_models(tmp_path: Path) -> None:
    """Alembic's autogenerate finds no difference between head and the ORM models."""
    engine = open_engine(tmp_path / "p.db", new_data_key())
    migrate(engine, MIGRATIONS)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_head_is_recorded_after_migration(tmp_path: Path) -> None:
    """A migrated database records the newest revision this build knows."""
    engine = open_engine(tmp_path / "p.db", new_data_key())
    migrate(engine, MIGRATIONS)
    assert current_revision(engine) == known_revisions(MIGRATIONS)[1]
    assert {"household", "han", "officer", "profile_info", "audit_log", "stored_secret"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_revision_reader_agrees_with_alembic() -> None:
    """The quick file reader finds the same revisions and head as Alembic itself."""
    from alembic.script import ScriptDirectory

    from circular_app.storage.database import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config(MIGRATIONS))
    assert known_revisions(MIGRATIONS) == (
        {r.revision for r in scripts.walk_revisions()},
        scripts.get_current_head(),
    )


def _fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_fixtures_exist_for_every_schema() -> None:
    """A saved profile exists for every schema revision (add one when adding a migration)."""
    saved = {p.name.removeprefix("schema_") for p in _fixture_dirs()}
    assert saved == known_revisions(MIGRATIONS)[0]


@pytest.mark.parametrize("fixture", _fixture_dirs(), ids=lambda p: p.name)
def test_saved_profile_upgrades_and_keeps_its_roster(fixture: Path, tmp_path: Path) -> None:
    """A profile saved by an earlier schema opens, upgrades to head and keeps its households."""
    folder = tmp_path / "profiles" / fixture.name
    shutil.copytree(fixture, folder)
    store = ProfileStore(tmp_path / "profiles", MIGRATIONS, kdf=TEST_KDF)
    ref: ProfileRef = store.find(store.list()[0].name)
    key = store.unlock(ref, "fixture", FIXTURE_PASSWORD).data_key
    engine = store.open(ref, key)
    try:
        assert current_revision(engine) == known_revisions(MIGRATIONS)[1]
        with engine.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM household ORDER BY id")]
        assert names == ["髙橋 一郎", "山﨑 花子", "𠮷田 次郎"]
    finally:
        engine.dispose()


def _schema_0006_with_circulars(tmp_path: Path) -> tuple[ProfileStore, ProfileRef, bytes]:
    """The saved schema-0006 profile with circulars and reads written as that schema had them.

    Households 1–3 (1班, paper) exist from 2026-01-01. One is added later (2026-06-01, 2班,
    digital); household 2 moved out on 2026-04-20. Circulars: No.1 (every 班, published
    2026-05-01, closed), No.2 (digital only), No.3 (published after the late household
    joined), No.4 (1班 only) and a draft.
    """
    folder = tmp_path / "profiles" / "schema_0006"
    shutil.copytree(FIXTURES / "schema_0006", folder)
    store = ProfileStore(tmp_path / "profiles", MIGRATIONS, kdf=TEST_KDF)
    ref: ProfileRef = store.find(store.list()[0].name)
    key = store.unlock(ref, "fixture", FIXTURE_PASSWORD).data_key
    engine = open_engine(ref.db_path, key)
    try:
        assert current_revision(engine) == "0006"
        with engine.begin() as conn:
            run = conn.exec_driver_sql
            run("INSERT INTO han (id, name, position) VALUES (2, '2班', 2)")
            run(
                "INSERT INTO household (id, public_id, name, reading, han_id, route_position, delivery,"
                " large_print, language, phone, email, notes, created_at, updated_at)"
                " VALUES (4, 'fx-late', '後から 加入', '', 2, 1, 'digital', 0, 'ja', '', '', '',"
                " '2026-06-01 09:00:00', '2026-06-01 09:00:00')"
            )
            run("UPDATE household SET moved_out_on = '2026-04-20' WHERE id = 2")
            for cid, number, status, audience, issue, published in (
                (1, 1, "closed", "both", "2026-05-01", "2026-05-01 10:00:00"),
                (2, 2, "published", "digital", "2026-05-10", "2026-05-10 10:00:00"),
                (3, 3, "published", "both", "2026-06-10", "2026-06-10 10:00:00"),
                (4, 4, "published", "both", "2026-05-20", "2026-05-20 10:00:00"),
                (5, None, "draft", "both", "2026-07-01", None),
            ):
                run(
                    "INSERT INTO circular (id, number, fiscal_year, status, title, body, search_text, category,"
                    " sender_title, sender_name, audience, issue_date, due_date, urgency, readability_check,"
                    " version, created_at, updated_at, published_at)"
                    " VALUES (?, ?, 2026, ?, '回覧', '本文', '', 'notice', '会長', '', ?, ?, '2026-12-31',"
                    " 'normal', 1, 1, '2026-01-02 00:00:00', '2026-01-02 00:00:00', ?)",
                    (cid, number, status, audience, issue, published),
                )
            run("INSERT INTO circular_target (circular_id, han_id) VALUES (4, 1)")
            # The late household read No.1 on paper anyway (someone passed the board on).
            run(
                "INSERT INTO read_record (circular_id, household_id, channel, read_on, recorded_by, recorded_at)"
                " VALUES (1, 4, 'paper', '2026-06-02', 'fixture', '2026-06-02 00:00:00')"
            )
    finally:
        engine.dispose()
    return store, ref, key


def test_migration_0007_rebuilds_the_snapshot_of_published_circulars(tmp_path: Path) -> None:
    """0007 records, per published or closed circular, the old rule's households that existed
    then, plus every reader, with their current 班 and route position; drafts get none."""
    store, ref, key = _schema_0006_with_circulars(tmp_path)
    engine = store.open(ref, key)  # migrates to head
    try:
        with engine.connect() as conn:
            rows = list(
                conn.exec_driver_sql(
                    "SELECT circular_id, household_id, han_id, route_position, delivery, source"
                    " FROM circular_recipient ORDER BY circular_id, household_id"
                )
            )
    finally:
        engine.dispose()
    recipients: dict[int, list[int]] = {}
    for circular_id, household_id, *_rest in rows:
        recipients.setdefault(circular_id, []).append(household_id)
    # No.1: 1 and 3 (2 moved out before the issue date), and the late household that read it.
    # No.2: digital only, and the only digital household joined after it was published.
    # No.3: published after the late household joined. No.4: 1班 only. The draft: nothing.
    assert recipients == {1: [1, 3, 4], 3: [1, 3, 4], 4: [1, 3]}
    assert (1, 4, 2, 1, "digital", "migrated") in [tuple(r) for r in rows]
    assert {r[5] for r in rows} == {"migrated"}


def test_migration_0007_snapshot_is_what_the_app_counts(tmp_path: Path) -> None:
    """After 0007, a household added to the roster does not change the migrated circulars."""
    from circular_app.storage import circular_repo
    from circular_app.storage.session import session_factory

    store, ref, key = _schema_0006_with_circulars(tmp_path)
    engine = store.open(ref, key)
    try:
        sessions = session_factory(engine)
        with sessions.begin() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO household (id, public_id, name, reading, han_id, route_position, delivery,"
                " large_print, language, phone, email, notes, created_at, updated_at)"
                " VALUES (5, 'fx-new', '新しい 世帯', '', 1, 4, 'paper', 0, 'ja', '', '', '',"
                " '2026-12-01 09:00:00', '2026-12-01 09:00:00')"
            )
        with sessions() as session:
            listed = {c.id: c.recipients for c in circular_repo.listing(session)}
    finally:
        engine.dispose()
    assert listed[1] == frozenset({1, 3, 4}) and listed[2] == frozenset() and listed[5] is None


def test_migration_0011_moves_attachment_bytes_last_and_keeps_them(tmp_path: Path) -> None:
    """0011 rebuilds ``attachment`` with ``data`` last; rows, ids and bytes stay as they were."""
    folder = tmp_path / "profiles" / "schema_0008"
    shutil.copytree(FIXTURES / "schema_0008", folder)
    store = ProfileStore(tmp_path / "profiles", MIGRATIONS, kdf=TEST_KDF)
    ref: ProfileRef = store.find(store.list()[0].name)
    key = store.unlock(ref, "fixture", FIXTURE_PASSWORD).data_key
    files = [(7, "案内.pdf", b"%PDF-1.7 " + bytes(range(256)) * 400, 2, 1), (9, "地図.png", b"\x89PNG", 1, 2)]
    engine = open_engine(ref.db_path, key)
    try:
        assert current_revision(engine) == "0008"
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO circular (id, status, title, body, search_text, category, sender_title,"
                " sender_name, audience, issue_date, due_date, urgency, readability_check, version,"
                " created_at, updated_at) VALUES (1, 'draft', '回覧', '本文', '', 'notice', '会長', '',"
                " 'both', '2026-07-01', '2026-07-15', 'normal', 1, 1, '2026-07-01', '2026-07-01')"
            )
            for file_id, name, data, pages, position in files:
                conn.exec_driver_sql(
                    "INSERT INTO attachment (id, circular_id, filename, media_type, data, size, pages, position)"
                    " VALUES (?, 1, ?, 'application/pdf', ?, ?, ?, ?)",
                    (file_id, name, data, len(data), pages, position),
                )
    finally:
        engine.dispose()
    engine = store.open(ref, key)  # migrates to head
    try:
        with engine.connect() as conn:
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(attachment)")]
            rows = conn.exec_driver_sql(
                "SELECT id, filename, data, pages, position FROM attachment ORDER BY id"
            ).all()
            indexes = [r[1] for r in conn.exec_driver_sql("PRAGMA index_list(attachment)")]
            conn.exec_driver_sql("DELETE FROM circular WHERE id = 1")
            left = conn.exec_driver_sql("SELECT count(*) FROM attachment").scalar()
    finally:
        engine.dispose()
    assert columns[-1] == "data"
    assert [tuple(r) for r in rows] == [(i, n, d, p, pos) for i, n, d, p, pos in files]
    assert "ix_attachment_circular_id" in indexes
    assert left == 0  # the foreign key still cascades


def test_model_annotations_are_types_not_strings() -> None:
    """The ORM models' ``Mapped[...]`` annotations are objects, not strings to evaluate: as
    strings SQLAlchemy evaluates each one again, about 0.05 s of every log-in."""
    from circular_app.storage import models

    annotations = [
        value
        for mapper in models.Base.registry.mappers
        for value in vars(mapper.class_).get("__annotations__", {}).values()
    ]
    assert annotations and not any(isinstance(value, str) for value in annotations)
