"""Migration 0009 (forms and answers) on a profile saved at schema 0008: tables, triggers, and use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from circular_app.storage.profiles import ProfileStore
from tests.conftest import TEST_KDF
from tests.storage.test_migrations import FIXTURE_PASSWORD, FIXTURES, MIGRATIONS


def test_schema_0008_profile_gains_answer_tables_that_refuse_rewrites(tmp_path: Path) -> None:
    """The saved 0008 profile upgrades; a form and an answer can be added, and the answer can
    then be neither changed nor removed."""
    shutil.copytree(FIXTURES / "schema_0008", tmp_path / "profiles" / "schema_0008")
    store = ProfileStore(tmp_path / "profiles", MIGRATIONS, kdf=TEST_KDF)
    ref = store.find(store.list()[0].name)
    engine = store.open(ref, store.unlock(ref, "fixture", FIXTURE_PASSWORD).data_key)
    try:
        assert {"circular_form", "answer"} <= set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            run = conn.exec_driver_sql
            run(
                "INSERT INTO circular (status, title, body, search_text, category, sender_title, sender_name,"
                " audience, issue_date, due_date, urgency, readability_check, version, created_at, updated_at)"
                " VALUES ('published', 't', '', '', 'notice', '', '', 'both', '2026-12-01', '2026-12-20',"
                " 'normal', 1, 1, '2026-12-01 09:00:00', '2026-12-01 09:00:00')"
            )
            circular = run("SELECT max(id) FROM circular").scalar_one()
            run(
                "INSERT INTO circular_form (circular_id, definition, general_meeting, created_at, created_by)"
                " VALUES (?, '[[question]]', 0, '2026-12-01 09:00:00', 'fixture')",
                (circular,),
            )
            household = run("SELECT min(id) FROM household").scalar_one()
            run(
                "INSERT INTO answer (circular_id, household_id, answers, channel, answered_at, recorded_at,"
                " recorded_by, withdrawn) VALUES (?, ?, '{}', 'paper', '2026-12-02 09:00:00',"
                " '2026-12-02 09:00:00', 'fixture', 0)",
                (circular, household),
            )
        for statement in ("UPDATE answer SET withdrawn = 1", "DELETE FROM answer"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.exec_driver_sql(statement)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM answer").scalar_one() == 1
    finally:
        engine.dispose()
