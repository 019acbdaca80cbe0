"""Composition root: builds paths, settings, stores and services, and hands them out.

Nothing else in the app creates an engine, a settings object or a window on its own; the
command line and the GUI both start here. There are no module-level singletons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.paths import AppPaths
from circular_app.practice_hub import PracticeHubs
from circular_app.settings import BACKUPS_KEEP, LAST_PROFILE, STUCK_BOARD_DAYS, Settings

if TYPE_CHECKING:
    # The services are imported where they are built (services_for and the properties below):
    # the log-in window needs none of them, and they bring in SQLAlchemy, the sync client
    # (httpx) and, for printing, the PDF renderer. tests/test_startup_imports.py keeps it so.
    from circular_app.services.accounts import AccountService
    from circular_app.services.action_plan import ActionPlanService
    from circular_app.services.activity import ActivityLog
    from circular_app.services.adoption import AdoptionService
    from circular_app.services.answers import AnswerService
    from circular_app.services.audit import AuditService
    from circular_app.services.backup import BackupService
    from circular_app.services.care import CareService
    from circular_app.services.circulars import CircularService
    from circular_app.services.city import CityService
    from circular_app.services.context import ProfileContext
    from circular_app.services.invitations import InvitationService
    from circular_app.services.pdf_export import PdfExportService
    from circular_app.services.profiles import ProfileService
    from circular_app.services.readings import ReadingListService
    from circular_app.services.reads import ReaderService
    from circular_app.services.roster import RosterService
    from circular_app.services.safety import SafetyService
    from circular_app.services.safety_hub import ChairLinkService
    from circular_app.services.sync import SyncService
    from circular_app.services.trainer import WorkshopLog
    from circular_app.services.translations import TranslationService
    from circular_app.storage.keyfile import KdfParams
    from circular_app.storage.profiles import ProfileRef
    from circular_app.sync.client import CityPlan

#: The trainer's workshop records, in the data folder (the 研修 menu and the ``workshop`` command).
WORKSHOPS_FILE = Path("trainer") / "workshops.json"


@dataclass(frozen=True)
class ProfileServices:
    """Every service of one open profile; ``activity`` is the log they all announce on.

    The printing services are built on first use (they bring in the PDF renderer), but here
    like the others: no window or command constructs a service itself.
    """

    context: ProfileContext
    roster: RosterService
    accounts: AccountService
    backups: BackupService
    audit: AuditService
    circulars: CircularService
    reads: ReaderService
    sync: SyncService
    adoption: AdoptionService
    font_dir: Path

    @cached_property
    def pdf_export(self) -> PdfExportService:
        """Printing circulars (and their reader-link QR codes)."""
        from circular_app.services.pdf_export import PdfExportService

        return PdfExportService(
            self.circulars,
            self.roster,
            self.context.ref.name,
            self.font_dir,
            links=self.sync.print_links,
            forms=self.answers.form,
            readings=self.readings.mapping,
            translations=self.translations.current_texts,
        )

    @cached_property
    def invitations(self) -> InvitationService:
        """Printing smartphone invitation slips for paper households."""
        from circular_app.services.invitations import InvitationService

        practice = self.context.ref.kind == "practice"
        return InvitationService(self.roster, self.sync, self.context.ref.name, self.font_dir, practice)

    @cached_property
    def safety(self) -> SafetyService:
        """安否確認: rounds, answers, the board and the paper check lists."""
        from circular_app.services.safety import SafetyService

        return SafetyService(self.context, self.font_dir, self.care)

    @cached_property
    def care(self) -> CareService:
        """要配慮者 and 見守り (管理者 and each household's own 班長 only)."""
        from circular_app.services.care import CareService

        return CareService(self.context)

    @cached_property
    def readings(self) -> ReadingListService:
        """The reading list of furigana (place and personal names)."""
        from circular_app.services.readings import ReadingListService

        return ReadingListService(self.context)

    @cached_property
    def answers(self) -> AnswerService:
        """Forms on circulars (出欠, アンケート, 総会) and the households' answers."""
        from circular_app.services.answers import AnswerService

        # The bundled form templates sit beside the fonts in resources/.
        return AnswerService(self.context, self.font_dir, self.font_dir.parent / "forms")

    @cached_property
    def translations(self) -> TranslationService:
        """Translations of circulars into the reader page's languages (issue 23)."""
        from circular_app.services.translations import TranslationService

        return TranslationService(self.context)

    @cached_property
    def chair_links(self) -> ChairLinkService:
        """安否確認's 会長用リンク: issue, revoke, print the wallet card (管理者)."""
        from circular_app.services.safety_hub import ChairLinkService

        return ChairLinkService(self.context, self.font_dir)

    activity: ActivityLog


@dataclass
class App:
    """Everything one run of Kairan Desk needs, built once.

    ``practice_hubs`` are the built-in practice hubs of this run (started on demand, stopped
    when the run ends); the trainer's window asks it for its profile's hub.
    """

    paths: AppPaths
    settings: Settings
    profiles: ProfileService
    practice_hubs: PracticeHubs = field(default_factory=PracticeHubs)

    @classmethod
    def build(cls, data_dir: str | Path | None = None, kdf: KdfParams | None = None) -> App:
        """Resolve paths (``--data-dir`` or the default) and build the stores."""
        from circular_app.services.profiles import ProfileService
        from circular_app.storage.profiles import ProfileStore

        paths = AppPaths.resolve(data_dir)
        paths.ensure()
        store = ProfileStore(paths.profiles, paths.migrations, kdf=kdf)
        return cls(paths=paths, settings=Settings(paths.settings_file), profiles=ProfileService(store))

    def services_for(self, context: ProfileContext) -> ProfileServices:
        """Build the services of an opened profile and remember it as the last used one."""
        # Imported on the first log-in, not at start-up (see the TYPE_CHECKING block above).
        from circular_app.services.accounts import AccountService
        from circular_app.services.activity import ActivityLog
        from circular_app.services.adoption import AdoptionService
        from circular_app.services.audit import AuditService
        from circular_app.services.backup import BackupService
        from circular_app.services.circulars import CircularService
        from circular_app.services.reads import ReaderService
        from circular_app.services.roster import RosterService
        from circular_app.services.sync import SyncService

        self.settings.set(LAST_PROFILE, context.ref.id)
        store = self.profiles.store
        activity = ActivityLog()
        adoption = AdoptionService(context)
        return ProfileServices(
            context=context,
            roster=RosterService(context, activity=activity),
            accounts=AccountService(context, store),
            backups=BackupService(context, store, keep=self.settings.get(BACKUPS_KEEP)),
            audit=AuditService(context),
            circulars=CircularService(context, self.paths.resources / "templates", activity=activity),
            reads=ReaderService(
                context, activity=activity, stuck_days=lambda: self.settings.get(STUCK_BOARD_DAYS)
            ),
            sync=SyncService(
                context, on_city_plan=self._city_plan_sink(), activity=activity, adoption=adoption
            ),
            adoption=adoption,
            font_dir=self.paths.fonts,
            activity=activity,
        )

    def action_plans(self) -> ActionPlanService:
        """The sidebar's plan store in this data folder."""
        from circular_app.services.action_plan import ActionPlanService

        return ActionPlanService(self.paths.resources, self.paths.data_dir)

    def city(self) -> CityService:
        """The city officials' client of the hub (``python -m circular_app city``)."""
        from circular_app.services.city import CityService

        return CityService()

    def workshops(self) -> WorkshopLog:
        """The trainer's workshop records in this data folder."""
        from circular_app.services.trainer import WorkshopLog

        return WorkshopLog(self.paths.data_dir / WORKSHOPS_FILE)

    def _city_plan_sink(self) -> Callable[[CityPlan], None]:
        # The plan store (and the city's plan data, ~0.02 s to import) loads when the hub sends
        # a plan, not at every log-in.
        def keep(city: CityPlan) -> None:
            self.action_plans().apply_hub_plan(
                city.plan_text, city.adopting_school_districts, dt.date.today()
            )

        return keep

    def default_profile(self) -> ProfileRef | None:
        """The only profile, or the one used last, or None when there is no obvious choice."""
        profiles = self.profiles.list_profiles()
        if len(profiles) == 1:
            return profiles[0]
        last = self.settings.get(LAST_PROFILE)
        return next((p for p in profiles if p.id == last), None)
