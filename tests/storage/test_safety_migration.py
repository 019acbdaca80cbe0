"""Migration 0008 (安否確認) on a profile saved at schema 0007: tables, triggers, and use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from circular_app.storage.profiles import ProfileStore
from tests.conftest import TEST_KDF
from tests.storage.test_migrations import FIXTURE_PASSWORD, FIXTURES, MIGRATIONS


def test_schema_0007_profile_gains_safety_tables_that_refuse_rewrites(tmp_path: Path) -> None:
    """The saved 0007 profile upgrades; a round and an answer can be added to its households,
    and the answer can then be neither changed nor removed."""
    shutil.copytree(FIXTURES / "schema_0007", tmp_path / "profiles" / "schema_0007")
    store = ProfileStore(tmp_path / "profiles", MIGRATIONS, kdf=TEST_KDF)
    ref = store.find(store.list()[0].name)
    engine = store.open(ref, store.unlock(ref, "fixture", FIXTURE_PASSWORD).data_key)
    try:
        assert {"safety_round", "safety_record"} <= set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            run = conn.exec_driver_sql
            run(
                "INSERT INTO safety_round (kind, message, drill, started_at, started_by, open_slot)"
                " VALUES ('earthquake', '', 0, '2026-12-07 09:00:00', 'fixture', 1)"
            )
            household = run("SELECT min(id) FROM household").scalar_one()
            run(
                "INSERT INTO safety_record (round_id, household_id, status, channel, note, recorded_at, recorded_by)"
                " VALUES (1, ?, 'help', 'phone', '', '2026-12-07 09:05:00', 'fixture')",
                (household,),
            )
        for statement in ("UPDATE safety_record SET status = 'safe'", "DELETE FROM safety_record"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.exec_driver_sql(statement)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT status FROM safety_record").scalar_one() == "help"
    finally:
        engine.dispose()
