"""ActionPlanService: bundled plan, importing a newer edition, refusing bad files; live figures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from circular_app.app import ProfileServices
from circular_app.domain.action_plan import ActionPlanError, PlanDate, PlanProblem
from circular_app.domain.roster import RosterSummary
from circular_app.services.action_plan import (
    ActionPlanService,
    LiveFigures,
    PlanOrigin,
    roster_live_figures,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
BUNDLED = RESOURCES / "action_plan" / "kanazawa-region-2023.json"


def bundled_doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
    return data


def newer_doc(version: int = 2) -> dict[str, Any]:
    """What the city might send next: a later edition with a newer status for the first measure."""
    doc = bundled_doc()
    doc["data_version"] = version
    doc["data_date"] = "2024-07"
    doc["measures"][0]["status"].append(
        {"as_of": "2024-07", "current": ["電子回覧板アプリの導入町会が増加"], "issues": ["紙との併用"]}
    )
    return doc


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir: Path) -> ActionPlanService:
    return ActionPlanService(RESOURCES, data_dir)


def test_bundled_plan_is_shown_before_any_import(service: ActionPlanService) -> None:
    """Without an import the bundled edition 1 is shown and reported as bundled."""
    loaded = service.current()
    assert (loaded.origin, loaded.plan.data_version, loaded.path) == (PlanOrigin.BUNDLED, 1, BUNDLED)
    assert loaded.stored_problem is None


def test_import_of_a_newer_plan_updates_what_is_shown(service: ActionPlanService, tmp_path: Path) -> None:
    """A hand-edited edition 2 is shown after import, with its new status."""
    loaded = service.import_plan(write(tmp_path / "plan-v2.json", newer_doc()))
    assert (loaded.origin, loaded.plan.data_version, loaded.plan.data_date) == (
        PlanOrigin.IMPORTED,
        2,
        PlanDate(2024, 7),
    )
    assert service.current() is loaded
    assert service.current().plan.measures[0].latest_status() is not None
    assert service.current().plan.measures[0].status[-1].current == ("電子回覧板アプリの導入町会が増加",)


def test_imported_plan_is_kept_for_the_next_start(
    service: ActionPlanService, data_dir: Path, tmp_path: Path
) -> None:
    """A new service on the same data directory shows the imported edition."""
    source = write(tmp_path / "plan-v2.json", newer_doc())
    service.import_plan(source)
    again = ActionPlanService(RESOURCES, data_dir).current()
    assert (again.origin, again.plan.data_version) == (PlanOrigin.IMPORTED, 2)
    assert service.stored_path.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_broken_file_is_refused_and_the_bundled_plan_kept(service: ActionPlanService, tmp_path: Path) -> None:
    """An unknown step word is refused with its path; nothing is stored and edition 1 stays."""
    doc = newer_doc()
    doc["measures"][3]["steps"]["2024"] = "進める"
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(write(tmp_path / "bad.json", doc))
    assert (caught.value.path, caught.value.problem) == ("measures[3].steps.2024", PlanProblem.UNKNOWN_STEP)
    assert service.current().plan.data_version == 1
    assert not service.stored_path.exists()


def test_broken_file_leaves_a_previous_import_untouched(service: ActionPlanService, tmp_path: Path) -> None:
    """After an import, a broken edition 3 changes neither the shown plan nor the stored file."""
    service.import_plan(write(tmp_path / "v2.json", newer_doc(2)))
    stored = service.stored_path.read_bytes()
    broken = tmp_path / "v3.json"
    broken.write_text(json.dumps(newer_doc(3))[:-20], encoding="utf-8")
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(broken)
    assert caught.value.problem is PlanProblem.NOT_JSON
    assert service.current().plan.data_version == 2
    assert service.stored_path.read_bytes() == stored


def test_older_edition_is_refused(service: ActionPlanService, tmp_path: Path) -> None:
    """Edition 2 cannot be replaced by the bundled edition 1."""
    service.import_plan(write(tmp_path / "v2.json", newer_doc(2)))
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(BUNDLED)
    assert (caught.value.path, caught.value.problem, caught.value.detail) == (
        "data_version",
        PlanProblem.OLDER_VERSION,
        "2",
    )
    assert service.current().plan.data_version == 2


def test_same_edition_is_refused(service: ActionPlanService) -> None:
    """Importing the edition already shown is refused as nothing new."""
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(BUNDLED)
    assert caught.value.problem is PlanProblem.SAME_VERSION


def test_file_in_another_encoding_is_refused(service: ActionPlanService, tmp_path: Path) -> None:
    """A Shift_JIS file is refused as not UTF-8."""
    path = tmp_path / "sjis.json"
    path.write_bytes(json.dumps(newer_doc(), ensure_ascii=False).encode("cp932"))
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(path)
    assert caught.value.problem is PlanProblem.NOT_UTF8


def test_missing_file_is_refused(service: ActionPlanService, tmp_path: Path) -> None:
    """A path that does not exist is refused as unreadable."""
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(tmp_path / "nothing.json")
    assert caught.value.problem is PlanProblem.UNREADABLE


def test_oversized_file_is_refused_unread(service: ActionPlanService, tmp_path: Path) -> None:
    """A file over 2 MB is refused before it is parsed."""
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (2 * 1024 * 1024 + 1))
    with pytest.raises(ActionPlanError) as caught:
        service.import_plan(path)
    assert caught.value.problem is PlanProblem.TOO_LARGE


def test_damaged_stored_plan_is_reported_and_the_bundled_one_shown(data_dir: Path) -> None:
    """A stored file that no longer parses is left on disk, reported, and the bundled plan shown."""
    service = ActionPlanService(RESOURCES, data_dir)
    service.stored_path.parent.mkdir(parents=True)
    service.stored_path.write_text("{ not json", encoding="utf-8")
    loaded = service.current()
    assert loaded.origin is PlanOrigin.BUNDLED
    assert loaded.stored_problem is not None and loaded.stored_problem.problem is PlanProblem.NOT_JSON
    assert service.stored_path.read_text(encoding="utf-8") == "{ not json"


def test_newer_bundled_edition_wins_over_an_older_import(tmp_path: Path) -> None:
    """After an app update that bundles edition 3, an imported edition 2 is no longer shown."""
    resources = tmp_path / "resources"
    (resources / "action_plan").mkdir(parents=True)
    write(resources / "action_plan" / BUNDLED.name, newer_doc(3))
    service = ActionPlanService(resources, tmp_path / "data")
    service.stored_path.parent.mkdir(parents=True)
    write(service.stored_path, newer_doc(2))
    loaded = service.current()
    assert (loaded.origin, loaded.plan.data_version) == (PlanOrigin.BUNDLED, 3)


def test_check_plan_file_changes_nothing(service: ActionPlanService, tmp_path: Path) -> None:
    """Checking a valid newer file returns it without storing or showing it."""
    checked = service.check_plan_file(write(tmp_path / "v2.json", newer_doc()))
    assert checked.data_version == 2
    assert service.current().plan.data_version == 1
    assert not service.stored_path.exists()


def test_bundled_resources_copy_is_what_is_loaded(tmp_path: Path) -> None:
    """The service reads the plan from the resources folder it is given (as when frozen)."""
    resources = tmp_path / "bundle" / "resources"
    shutil.copytree(RESOURCES / "action_plan", resources / "action_plan")
    loaded = ActionPlanService(resources, tmp_path / "data").current()
    assert loaded.path == resources / "action_plan" / BUNDLED.name


# ----- live figures -------------------------------------------------------------------------------
def test_live_figures_come_from_the_roster(demo_services: ProfileServices) -> None:
    """Households and digital readers are the roster summary's; circulars and hub are not counted yet."""
    summary = demo_services.roster.summary()
    figures = roster_live_figures(demo_services.roster)()
    assert (figures.households, figures.digital_households) == (60, summary.digital)
    assert figures.digital_circulars_this_fy is None
    assert figures.adopting_school_districts is None


def test_digital_share_is_unknown_for_an_empty_roster() -> None:
    """An empty roster has no share (not 0 %)."""
    assert LiveFigures.from_summary(RosterSummary()).digital_share is None
    assert LiveFigures(households=4, digital_households=1).digital_share == 0.25
