"""Trainer mode: practice profiles, reset, checkpoints, packs and workshop records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from circular_app.app import App
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import AuthenticationError, NotFoundError, ValidationError
from circular_app.services import trainer
from tests.conftest import TEST_KDF


def _titles(app: App, context: object) -> list[str]:
    from circular_app.services.context import ProfileContext

    assert isinstance(context, ProfileContext)
    return [c.title for c in app.services_for(context).circulars.list_circulars()]


def test_practice_profile_opens_without_password(app: App) -> None:
    """A practice profile has demo data and opens with no password, as a trainee."""
    trainer.create_practice(app.profiles).close()
    ref = trainer.find_practice(app.profiles)
    assert ref is not None and ref.kind == "practice"
    context = app.profiles.open_practice(ref)
    try:
        assert context.officer.role is Role.TRAINEE
        assert len(app.services_for(context).roster.list_households()) == 60
    finally:
        context.close()


def test_real_profile_is_never_opened_as_practice(app: App) -> None:
    """open_practice refuses an association profile."""
    created = app.profiles.create_profile("本物町会", "校下", "admin", "long password")
    created.context.close()
    with pytest.raises(AuthenticationError):
        app.profiles.open_practice(created.context.ref)


def test_reset_returns_to_the_start(app: App) -> None:
    """Work done in class disappears after a reset to exercise 1."""
    context = trainer.create_practice(app.profiles)
    services = app.services_for(context)
    services.circulars.new_draft(CircularDraft(title="受講者の回覧"))
    context.close()
    again = trainer.reset(app.profiles)
    try:
        assert "受講者の回覧" not in _titles(app, again)
    finally:
        again.close()


def test_checkpoint_per_exercise(app: App) -> None:
    """A group that is behind jumps to the saved start of exercise 3."""
    context = trainer.create_practice(app.profiles)
    app.services_for(context).circulars.new_draft(CircularDraft(title="演習2の成果"))
    trainer.save_checkpoint(context, 3)
    context.close()
    at_three = trainer.reset(app.profiles, 3)
    assert "演習2の成果" in _titles(app, at_three)
    at_three.close()
    with pytest.raises(NotFoundError, match="演習5"):
        trainer.reset(app.profiles, 5)


def test_pack_moves_practice_profile_to_another_pc(app: App, tmp_path: Path) -> None:
    """A workshop pack imported into a second data folder has the same data and checkpoints."""
    context = trainer.create_practice(app.profiles)
    app.services_for(context).circulars.new_draft(CircularDraft(title="準備した回覧"))
    trainer.save_checkpoint(context, 2)
    pack = trainer.export_pack(context, tmp_path / "workshop.kdpack", app.paths.resources / "exercises")
    context.close()
    other = App.build(tmp_path / "hall-pc", kdf=TEST_KDF)
    imported = trainer.import_pack(other.profiles, pack)
    try:
        assert "準備した回覧" in _titles(other, imported)
        assert trainer.checkpoints(imported.ref) == [1, 2]
    finally:
        imported.close()


def test_real_profile_cannot_be_packed(app: App, tmp_path: Path) -> None:
    """Only practice profiles can be exported as a workshop pack."""
    created = app.profiles.create_profile("本物町会", "校下", "admin", "long password")
    try:
        with pytest.raises(ValidationError):
            trainer.export_pack(created.context, tmp_path / "x.kdpack", tmp_path)
    finally:
        created.context.close()


def test_workshop_totals_per_fiscal_year(tmp_path: Path) -> None:
    """Totals count participants per fiscal year; the senior total feeds the KPI figure."""
    log = trainer.WorkshopLog(tmp_path / "w.json")
    log.add(trainer.Workshop(dt.date(2026, 3, 31), "公民館", "高齢者スマホ講座", 10))
    log.add(trainer.Workshop(dt.date(2026, 4, 1), "公民館", "高齢者スマホ講座", 12))
    log.add(trainer.Workshop(dt.date(2026, 5, 1), "集会所", "役員向け", 8))
    assert log.yearly_totals() == {2025: 10, 2026: 20}
    assert log.senior_total() == 22
    with pytest.raises(ValidationError):
        log.add(trainer.Workshop(dt.date(2026, 5, 1), "集会所", "その他", 8))
    path = tmp_path / "w.csv"
    assert log.export_csv(path) == "cp932"
    assert path.read_bytes().decode("cp932").splitlines()[0] == "日付,年度,場所,種類,参加者数,完了した演習"
