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
