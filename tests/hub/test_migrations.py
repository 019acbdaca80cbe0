"""The hub schema: migrations reach the models exactly, and a newer database is refused."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from circular_app.hub.storage.database import HubDatabaseError, check_schema, create_hub_engine, migrate
from circular_app.hub.storage.models import Base


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    """Upgrading to head leaves no difference between the database and the ORM models."""
    engine = create_hub_engine(db_url, pool_size=1)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        check_schema(engine)
    finally:
        engine.dispose()


def test_migrate_is_repeatable(db_url: str) -> None:
    """Running the upgrade on a current database changes nothing (hub serve does it every start)."""
    engine = create_hub_engine(db_url, pool_size=1)
    try:
        migrate(engine)
        check_schema(engine)
    finally:
        engine.dispose()


def test_newer_schema_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database stamped by a newer hub is refused with a clear reason, not touched."""
    engine = create_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}", pool_size=1)
    try:
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(HubDatabaseError, match="newer"):
            migrate(engine)
        with pytest.raises(HubDatabaseError, match="9999"):
            check_schema(engine)
    finally:
        engine.dispose()


def test_unsupported_url_is_refused() -> None:
    """Only SQLite files and PostgreSQL are supported."""
    with pytest.raises(HubDatabaseError):
        create_hub_engine("mysql://localhost/hub")
    with pytest.raises(HubDatabaseError):
        create_hub_engine("sqlite://")
