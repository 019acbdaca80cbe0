"""The city's action plan shown in the sidebar: the bundled file, or a newer imported one.

The bundled plan lives in ``resources/action_plan/`` (read-only, shipped with the app). An
imported plan is validated first and then stored as ``<data>/action_plan/current.json`` so that
every officer on the PC sees it. Whichever of the two has the higher ``data_version`` is shown,
so an app update that bundles a newer edition wins over an older import. A stored file that can
no longer be read is left on disk untouched and reported; the bundled plan is shown meanwhile.

The sidebar's live figures of the association come from the roster (and later from circulars
and the hub); a figure that does not exist yet is ``None``, never a guess.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.action_plan import (
    MAX_PLAN_BYTES,
    ActionPlan,
    ActionPlanError,
    PlanProblem,
)
from circular_app.domain.action_plan_parse import parse_action_plan
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.circulars import Audience, Status
from circular_app.domain.roster import RosterSummary
from circular_app.services.circulars import CircularService
from circular_app.services.roster import RosterService
from circular_app.support.files import atomic_write_text

BUNDLED_PLAN_FILE = "kanazawa-region-2023.json"
IMPORTED_PLAN_FILE = "current.json"
PLAN_FOLDER = "action_plan"


class PlanOrigin(enum.StrEnum):
    """Where the shown plan came from."""

    BUNDLED = "bundled"
    IMPORTED = "imported"


@dataclass(frozen=True)
class LoadedPlan:
    """The plan being shown, where it came from, and why an imported file was not used (if so)."""

    plan: ActionPlan
    origin: PlanOrigin
    path: Path
    stored_problem: ActionPlanError | None = None


@dataclass(frozen=True)
class LiveFigures:
    """This association's own figures beside the measure 町会活動のデジタル化推進.

    ``None`` means "not counted yet": circulars before the circular feature exists, the
    city-wide count of adopting 校下 before the first sync with the hub.
    """

    households: int
    digital_households: int
    digital_circulars_this_fy: int | None = None
    adopting_school_districts: int | None = None
    hub_synced_on: dt.date | None = None

    @classmethod
    def from_summary(cls, summary: RosterSummary) -> LiveFigures:
        """Figures known from the roster alone (active households and digital readers)."""
        return cls(households=summary.households, digital_households=summary.digital)

    @property
    def digital_share(self) -> float | None:
        """Share of households reading digitally; None for an empty roster."""
        return self.digital_households / self.households if self.households else None


LiveFiguresProvider = Callable[[], LiveFigures]


def roster_live_figures(roster: RosterService) -> LiveFiguresProvider:
    """A provider that reads the roster's current summary each time the sidebar refreshes."""

    def provide() -> LiveFigures:
        return LiveFigures.from_summary(roster.summary())

    return provide


def association_live_figures(
    roster: RosterService, circulars: CircularService, plans: ActionPlanService | None = None
) -> LiveFiguresProvider:
    """Roster figures, this year's digital circulars, and (after a sync) the city-wide count."""

    def provide() -> LiveFigures:
        citywide = plans.citywide() if plans is not None else None
        fy = fiscal_year(dt.date.today())
        digital = [
            c
            for c in circulars.list_circulars(year=fy)
            if c.status is not Status.DRAFT and c.audience is not Audience.PAPER
        ]
        return dataclasses.replace(
            LiveFigures.from_summary(roster.summary()),
            digital_circulars_this_fy=len(digital),
            adopting_school_districts=citywide[0] if citywide else None,
            hub_synced_on=citywide[1] if citywide else None,
        )

    return provide


def _read_plan_text(path: Path) -> str:
    """The text of a plan file (size, read and UTF-8 problems become an ActionPlanError)."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise ActionPlanError("", PlanProblem.TOO_LARGE, f"{size:,}", name)
        data = path.read_bytes()
    except OSError as exc:
        raise ActionPlanError("", PlanProblem.UNREADABLE, exc.strerror or type(exc).__name__, name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActionPlanError("", PlanProblem.NOT_UTF8, "", name) from None


def _read_plan_file(path: Path) -> ActionPlan:
    """Read and validate one plan file."""
    return parse_action_plan(_read_plan_text(path), path.name)


class ActionPlanService:
    """The action plan of the sidebar: load, choose the newest edition, import a newer file.

    ``resources_dir`` is the app's ``resources/`` folder (``AppPaths.resources``) and
    ``data_dir`` the user data directory (``AppPaths.data_dir``).
    """

    def __init__(self, resources_dir: Path, data_dir: Path) -> None:
        self._bundled_path = Path(resources_dir) / PLAN_FOLDER / BUNDLED_PLAN_FILE
        self._stored_path = Path(data_dir) / PLAN_FOLDER / IMPORTED_PLAN_FILE
        self._current: LoadedPlan | None = None

    @property
    def stored_path(self) -> Path:
        """Where an imported plan is kept."""
        return self._stored_path

    def current(self) -> LoadedPlan:
        """The plan to show (loaded once; :meth:`reload` reads the files again)."""
        if self._current is None:
            self._current = self._load()
        return self._current

    def reload(self) -> LoadedPlan:
        """Read the bundled and stored files again (e.g. after another program replaced one)."""
        self._current = self._load()
        return self._current

    def _load(self) -> LoadedPlan:
        # A broken bundle is a packaging bug, not a user error: let it raise.
        bundled = LoadedPlan(_read_plan_file(self._bundled_path), PlanOrigin.BUNDLED, self._bundled_path)
        if not self._stored_path.exists():
            return bundled
        try:
            stored = _read_plan_file(self._stored_path)
        except ActionPlanError as problem:
            return LoadedPlan(bundled.plan, bundled.origin, bundled.path, stored_problem=problem)
        if stored.data_version > bundled.plan.data_version:
            return LoadedPlan(stored, PlanOrigin.IMPORTED, self._stored_path)
        return bundled

    def _newer_than_shown(self, text: str, name: str) -> ActionPlan:
        candidate = parse_action_plan(text, name)
        shown = self.current().plan.data_version
        if candidate.data_version < shown:
            raise ActionPlanError("data_version", PlanProblem.OLDER_VERSION, str(shown), name)
        if candidate.data_version == shown:
            raise ActionPlanError("data_version", PlanProblem.SAME_VERSION, str(shown), name)
        return candidate

    def check_plan_file(self, path: Path) -> ActionPlan:
        """Validate a file and compare it with the shown plan without changing anything."""
        path = Path(path)
        return self._newer_than_shown(_read_plan_text(path), path.name)

    @property
    def _citywide_path(self) -> Path:
        return self._stored_path.parent / "citywide.json"

    def apply_hub_plan(
        self, plan_text: str | None, adopting_school_districts: int, synced_on: dt.date
    ) -> None:
        """After a sync: keep the city's plan if it is a newer edition, and the city-wide count.

        An older, equal or invalid plan from the hub is ignored (the shown plan stays); the
        count and its date are kept in the data folder for the sidebar.
        """
        if plan_text:
            try:
                candidate = self._newer_than_shown(plan_text, "hub")
            except ActionPlanError:
                candidate = None
            if candidate is not None:
                self._stored_path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(self._stored_path, plan_text)
                self._current = LoadedPlan(candidate, PlanOrigin.IMPORTED, self._stored_path)
        self._citywide_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            self._citywide_path,
            json.dumps(
                {"adopting_school_districts": adopting_school_districts, "synced_on": synced_on.isoformat()}
            ),
        )

    def citywide(self) -> tuple[int, dt.date] | None:
        """The city-wide count of adopting 校下 from the last sync, and its date."""
        try:
            doc = json.loads(self._citywide_path.read_text(encoding="utf-8"))
            return int(doc["adopting_school_districts"]), dt.date.fromisoformat(doc["synced_on"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def import_plan(self, path: Path) -> LoadedPlan:
        """Validate ``path`` and, if it is a newer edition, keep it and show it.

        Raises :class:`ActionPlanError` with the reason when the file is unreadable, invalid, or
        not newer than the shown plan; the shown plan and the stored file are then unchanged.
        """
        path = Path(path)
        text = _read_plan_text(path)
        candidate = self._newer_than_shown(text, path.name)
        # The validated text itself is stored (not a re-serialisation): it stays what the city sent.
        self._stored_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self._stored_path, text)
        self._current = LoadedPlan(candidate, PlanOrigin.IMPORTED, self._stored_path)
        return self._current
