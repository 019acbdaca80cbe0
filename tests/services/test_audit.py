"""Audit trail: who did what, hash-chained, append-only, without names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from circular_app.app import App, ProfileServices
from circular_app.domain.roster import HouseholdDraft
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER


def _actions(services: ProfileServices) -> list[str]:
    return [e.action for e in services.audit.entries()]


def test_actions_are_recorded_in_order(services: ProfileServices, tmp_path: Path) -> None:
    """Adding a household, moving it out and exporting are each recorded."""
    han = services.roster.add_han("1班")
    h = services.roster.add_household(HouseholdDraft(name="監査 太郎", han_id=han.id, phone="090-0000-0000"))
    services.roster.move_out(h.id, dt.date(2026, 11, 1))
    services.roster.export_roster(tmp_path / "r.csv")
    assert _actions(services)[-4:] == ["han_change", "household_add", "household_move_out", "roster_export"]


def test_failed_logins_are_recorded_at_next_login(app: App, services: ProfileServices) -> None:
    """Wrong passwords before a successful login appear in the trail with their count."""
    ref = services.context.ref
    services.context.close()
    for _ in range(2):
        with pytest.raises(Exception, match="パスワード"):
            app.profiles.open_profile(ref, ADMIN_USER, "wrong one")
    again = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        entries = again.audit.entries()
        assert [e.action for e in entries[-2:]] == ["login_failed", "login"]
        assert '"attempts": 2' in entries[-2].detail
    finally:
        again.context.close()


def test_trail_holds_no_names_or_contacts(services: ProfileServices, tmp_path: Path) -> None:
    """Neither targets nor details contain the household's name or phone number."""
    han = services.roster.add_han("1班")
    h = services.roster.add_household(HouseholdDraft(name="秘密 花子", han_id=han.id, phone="090-1234-5678"))
    services.roster.update_household(h.id, HouseholdDraft(name="秘密 花子2", han_id=han.id))
    services.audit.export_csv(tmp_path / "audit.csv")
    dump = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    assert "秘密" not in dump and "1234" not in dump
    assert "household_update" in dump


def test_chain_verifies_and_detects_tampering(services: ProfileServices) -> None:
    """The hash chain verifies; forging an entry (triggers bypassed) breaks it at that entry."""
    services.roster.add_han("1班")
    services.roster.add_han("2班")
    assert services.audit.verify().ok
    with services.context.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET officer = 'someone' WHERE id = 2"))
    check = services.audit.verify()
    assert not check.ok and check.broken_at == 2


def test_trail_is_append_only(services: ProfileServices) -> None:
    """The database refuses to update or delete audit entries."""
    services.roster.add_han("1班")
    with pytest.raises(IntegrityError), services.context.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    with pytest.raises(IntegrityError), services.context.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET action = 'x'"))
