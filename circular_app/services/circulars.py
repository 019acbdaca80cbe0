"""Circular actions: drafts, autosave, publish, corrections, close, duplicate, search, templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from circular_app.domain.accounts import Role
from circular_app.domain.activity import Activity
from circular_app.domain.calendar import fiscal_year
from circular_app.domain.circulars import (
    Category,
    Circular,
    CircularDraft,
    CircularVersion,
    Status,
    next_number,
    validate_circular,
)
from circular_app.domain.errors import ConflictError, ValidationError
from circular_app.domain.readability import Hint, Rules, check, parse_rules
from circular_app.domain.reads import appended_placements, matches_rule, snapshot
from circular_app.domain.templates import Template, placeholders
from circular_app.domain.text import search_key, trim
from circular_app.domain.translations import CleanTranslation
from circular_app.services.activity import ActivityLog, emits
from circular_app.services.attachments import prepare
from circular_app.services.context import ProfileContext
from circular_app.services.template_files import bundled_template
from circular_app.storage import answers_repo, audit_repo, translation_repo
from circular_app.storage import circular_repo as repo
from circular_app.storage import hub_outbox as outbox
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.clock import utcnow

Today = Callable[[], dt.date]


@dataclass(frozen=True)
class RecipientOffer:
    """A circular in circulation that households added later may be given (この回覧にも加える)."""

    circular: Circular
    household_ids: tuple[int, ...]


class CircularService:
    """Circulars of the open profile. ``today`` is injectable so tests control the date."""

    def __init__(
        self,
        context: ProfileContext,
        templates_dir: Path,
        today: Today = dt.date.today,
        activity: ActivityLog | None = None,
        readability_rules: Path | None = None,
    ) -> None:
        self._ctx = context
        self._templates_dir = templates_dir
        # The wording rules ship next to the templates: resources/readability/plain_japanese.toml.
        self._readability_rules = readability_rules or templates_dir.parent / READABILITY_RULES
        self._today = today
        self.activity = activity or ActivityLog()

    @property
    def profile_kind(self) -> str:
        """``association``, ``practice`` or ``city``: practice prints carry a watermark."""
        return self._ctx.ref.kind

    def _require(self, action: str) -> None:
        self._ctx.require(self._ctx.officer.can_compose, action)

    def _audit(self, session: Session, action: str, circular_id: int, **detail: object) -> None:
        audit_repo.append(session, self._ctx.officer.username, action, f"circular:{circular_id}", detail)

    # ----- reading -----------------------------------------------------------------------
    def get(self, circular_id: int) -> Circular:
        """One circular with targets and attachments."""
        with self._ctx.sessions() as session:
            return repo.get(session, circular_id)

    def by_number(self, number: int, year: int | None = None) -> Circular:
        """The circular with 回覧No. ``number`` of fiscal ``year`` (default: this one)."""
        with self._ctx.sessions() as session:
            fy = year if year is not None else fiscal_year(self._today())
            return repo.get_by_number(session, fy, number)

    def list_circulars(
        self,
        status: Status | None = None,
        year: int | None = None,
        category: Category | None = None,
        search: str = "",
    ) -> list[Circular]:
        """Filtered list, newest first; search folds width and kana, every word must match."""
        words = [search_key(w) for w in search.replace("\u3000", " ").split() if w]
        with self._ctx.sessions() as session:
            return repo.listing(session, status, year, category, words)

    def versions(self, circular_id: int) -> list[CircularVersion]:
        """Earlier texts of a corrected circular."""
        with self._ctx.sessions() as session:
            return repo.versions(session, circular_id)

    def attachment_data(self, attachment_id: int) -> bytes:
        """The stored bytes of one attachment."""
        with self._ctx.sessions() as session:
            return repo.attachment_data(session, attachment_id)

    def fiscal_years(self) -> list[int]:
        """Fiscal years that have circulars, newest first."""
        with self._ctx.sessions() as session:
            return repo.fiscal_years(session)

    # ----- drafts ------------------------------------------------------------------------
    @emits(Activity.DRAFT_SAVED)
    def new_draft(self, draft: CircularDraft) -> Circular:
        """Create a draft (may be incomplete)."""
        self._require("回覧の作成")
        clean = validate_circular(draft, self._today())
        with self._ctx.sessions.begin() as session:
            circular_id = repo.add_draft(session, clean)
            self._audit(session, "circular_create", circular_id)
            return repo.get(session, circular_id)

    @emits(Activity.DRAFT_SAVED)
    def save_draft(self, circular_id: int, draft: CircularDraft) -> Circular:
        """Autosave / save a draft. Published circulars are changed only by :meth:`correct`."""
        self._require("回覧の保存")
        clean = validate_circular(draft, self._today())
        with self._ctx.sessions.begin() as session:
            if repo.get(session, circular_id).status is not Status.DRAFT:
                raise ConflictError("circular.save_as_correction")
            repo.update(session, circular_id, clean)
            return repo.get(session, circular_id)

    def delete_draft(self, circular_id: int) -> None:
        """Delete a draft (published circulars are never deleted)."""
        self._require("下書きの削除")
        with self._ctx.sessions.begin() as session:
            if repo.get(session, circular_id).status is not Status.DRAFT:
                raise ConflictError("circular.delete_published")
            self._audit(session, "circular_delete", circular_id)
            repo.delete_circular(session, circular_id)

    def duplicate(self, circular_id: int) -> Circular:
        """A new draft with the same content, dated today with the same 回覧 period length.

        Attachments, the form and the translations are copied too.
        """
        self._require("回覧の複製")
        source = self.get(circular_id)
        today = self._today()
        period = source.due_date - source.issue_date
        draft = replace(source.as_draft(), issue_date=today, due_date=today + period)
        copy = self.new_draft(draft)
        with self._ctx.sessions.begin() as session:
            repo.copy_attachments(session, source.id, copy.id)
            form = answers_repo.form_of(session, source.id)
            if form is not None:
                # Next year's 総会 starts from this year's form, its deadline moved like the dates.
                moved = None if form.deadline is None else form.deadline + (today - source.issue_date)
                answers_repo.set_form(
                    session, copy.id, replace(form, deadline=moved), self._ctx.officer.username
                )
            # The translations come along with the Japanese they were made from: each keeps its
            # digest, so one that was stale on the original is stale on the copy too.
            for kept in translation_repo.latest(session, source.id).values():
                clean = CleanTranslation(kept.lang, kept.title, kept.body)
                translation_repo.add(session, copy.id, clean, kept.source_digest, self._ctx.officer.username)
            return repo.get(session, copy.id)

    # ----- publishing ----------------------------------------------------------------------
    @emits(Activity.CIRCULAR_PUBLISHED)
    def publish(self, circular_id: int) -> Circular:
        """Publish a draft: checks it is complete and gives it the next 回覧No. of its fiscal year."""
        self._require("回覧の発行")
        with self._ctx.sessions.begin() as session:
            current = repo.get(session, circular_id)
            if current.status is not Status.DRAFT:
                raise ConflictError("circular.already_published")
            clean = validate_circular(current.as_draft(), self._today(), publishing=True)
            left = placeholders(clean.title + "\n" + clean.body)
            if left:
                raise ValidationError("本文", "circular.placeholders_left", placeholders="、".join(left))
            assert clean.issue_date is not None
            fy = fiscal_year(clean.issue_date)
            number = next_number(repo.used_numbers(session, fy))
            now = utcnow()
            # The audience is fixed now, in the same transaction: later roster changes
            # (imports, new households, moves between 班) never change who it went to.
            households = rrepo.household_values(session)
            fixed = snapshot(current, households)
            deliveries = {h.id: h.delivery.value for h in households}
            repo.mark_published(session, circular_id, fy, number, now)
            repo.add_recipients(
                session, circular_id, fixed, deliveries, "publish", self._ctx.officer.username, now
            )
            self._audit(session, "publish", circular_id, number=number, fiscal_year=fy, recipients=len(fixed))
            outbox.after_publish(session, circular_id)
            session.flush()
            return repo.get(session, circular_id)

    @emits(Activity.CIRCULAR_CORRECTED)
    def correct(self, circular_id: int, draft: CircularDraft, note: str) -> Circular:
        """Publish a correction (訂正): the previous text is kept and the circular is marked."""
        self._require("回覧の訂正")
        if not trim(note):
            raise ValidationError("訂正の理由", "circular.correction_reason_required")
        clean = validate_circular(draft, self._today(), publishing=True)
        with self._ctx.sessions.begin() as session:
            current = repo.get(session, circular_id)
            if current.status is Status.DRAFT:
                raise ConflictError("circular.draft_not_correctable")
            corrected = replace(clean, issue_date=current.issue_date)
            version = repo.add_correction(session, circular_id, corrected, trim(note), utcnow())
            self._audit(session, "correction", circular_id, version=version)
            outbox.after_publish(session, circular_id)
            session.flush()
            return repo.get(session, circular_id)

    @emits(Activity.CIRCULAR_CLOSED)
    def close(self, circular_id: int) -> Circular:
        """Close a published circular by hand (it stays searchable in its fiscal year)."""
        self._require("回覧の終了")
        with self._ctx.sessions.begin() as session:
            if repo.get(session, circular_id).status is not Status.PUBLISHED:
                raise ConflictError("circular.close_not_circulating")
            repo.mark_closed(session, circular_id, utcnow())
            self._audit(session, "circular_close", circular_id)
            outbox.after_close(session, circular_id)
            session.flush()
            return repo.get(session, circular_id)

    def close_overdue(self, grace_days: int = 0) -> list[int]:
        """Close published circulars whose due date passed more than ``grace_days`` ago."""
        limit = self._today() - dt.timedelta(days=grace_days)
        with self._ctx.sessions.begin() as session:
            ids = repo.overdue_published(session, limit)
            for circular_id in ids:
                repo.mark_closed(session, circular_id, utcnow())
                self._audit(session, "circular_close", circular_id, by="due_date")
                outbox.after_close(session, circular_id)
            return ids

    # ----- この回覧にも加える ----------------------------------------------------------------
    def offers_for(self, household_ids: Sequence[int]) -> list[RecipientOffer]:
        """Circulars still in circulation that households added later could be given.

        In circulation: published, not closed, due date not passed. A circular is offered for
        the households its rule (班, delivery) would reach that are not yet among its
        recipients. Nothing is added here: the officer chooses (:meth:`add_recipients`).
        """
        today = self._today()
        wanted = set(household_ids)
        with self._ctx.sessions() as session:
            households = [h for h in rrepo.household_values(session, active_only=True) if h.id in wanted]
            offers = []
            for circular in repo.listing(session, status=Status.PUBLISHED):
                if today > circular.due_date or circular.recipients is None:
                    continue
                fits = tuple(
                    h.id for h in households if h.id not in circular.recipients and matches_rule(circular, h)
                )
                if fits:
                    offers.append(RecipientOffer(circular, fits))
        return sorted(offers, key=lambda o: (o.circular.issue_date, o.circular.number or 0))

    def add_recipients(self, circular_id: int, household_ids: Sequence[int]) -> int:
        """「この回覧にも加える」: append households to a circular in circulation; returns how many.

        Each is placed at the end of its 班's route on that circular; rows already recorded
        are never changed, and households already among the recipients are left as they are.
        Who added them and when is kept with each row and in the audit trail. A 班長 may add
        households of their own 班 only. When connected, the hub hears the new readers list.
        """
        officer = self._ctx.officer
        self._ctx.require(officer.can_compose or officer.role is Role.HAN_LEADER, "回覧への世帯の追加")
        with self._ctx.sessions.begin() as session:
            circular = repo.get(session, circular_id)
            if circular.status is not Status.PUBLISHED or self._today() > circular.due_date:
                raise ConflictError("circular.add_not_circulating", circular=circular.label)
            chosen = []
            for household_id in dict.fromkeys(household_ids):
                household = rrepo.household_value(session, household_id)
                if not officer.sees_all_hans and household.han_id != officer.han_id:
                    self._ctx.require(False, "ほかの班の世帯を回覧に加えること")
                if not household.active or not matches_rule(circular, household):
                    raise ValidationError(
                        "世帯",
                        "circular.add_not_for_household",
                        household_id=household_id,
                        circular=circular.label,
                    )
                chosen.append(household)
            added = appended_placements(circular, chosen)
            deliveries = {h.id: h.delivery.value for h in chosen}
            repo.add_recipients(session, circular_id, added, deliveries, "added", officer.username, utcnow())
            if added:
                self._audit(session, "recipients_add", circular_id, households=sorted(added))
                session.flush()
                outbox.after_publish(session, circular_id)  # the same version: new readers list
            return len(added)

    # ----- attachments ---------------------------------------------------------------------
    def attach(self, circular_id: int, path: Path) -> Circular:
        """Check and attach a PDF or image (raises AttachmentError with the reason)."""
        self._require("添付")
        prepared = prepare(path)
        with self._ctx.sessions.begin() as session:
            if repo.get(session, circular_id).status is not Status.DRAFT:
                raise ConflictError("circular.attachments_after_publish")
            repo.add_attachment(
                session, circular_id, prepared.filename, prepared.media_type, prepared.data, prepared.pages
            )
            return repo.get(session, circular_id)

    def detach(self, circular_id: int, attachment_id: int) -> Circular:
        """Remove an attachment from a draft."""
        self._require("添付の削除")
        with self._ctx.sessions.begin() as session:
            if repo.get(session, circular_id).status is not Status.DRAFT:
                raise ConflictError("circular.attachments_after_publish")
            repo.remove_attachment(session, circular_id, attachment_id)
            return repo.get(session, circular_id)

    # ----- templates and hints ---------------------------------------------------------------
    def templates(self) -> list[Template]:
        """Bundled templates (every category, with their translations) then the officers' own."""
        bundled = [
            bundled_template(self._templates_dir, p.name)
            for p in sorted(self._templates_dir.glob("*.md"))
            if p.name != "README.md"
        ]
        order = list(Category)
        bundled.sort(key=lambda t: order.index(t.category))
        with self._ctx.sessions() as session:
            own = repo.templates(session)
        return bundled + own

    def draft_from_template(self, template: Template) -> CircularDraft:
        """A draft pre-filled from a template, dated today, signed by the current officer."""
        today = self._today()
        return CircularDraft(
            title=template.title,
            body=template.body,
            category=template.category,
            sender_title=self._ctx.officer.role.label_ja
            if self._ctx.officer.role.value != "admin"
            else "会長",
            sender_name=self._ctx.officer.display_name,
            issue_date=today,
            due_date=today + dt.timedelta(days=14),
        )

    def save_as_template(self, circular_id: int, name: str) -> Template:
        """Keep a circular's title and body as a template for next time."""
        self._require("テンプレートの保存")
        clean = trim(name)
        if not clean:
            raise ValidationError("テンプレート名", "field.empty")
        with self._ctx.sessions.begin() as session:
            source = repo.get(session, circular_id)
            if repo.template_exists(session, clean):
                raise ConflictError("template.exists", name=clean)
            return repo.add_template(session, clean, source)

    def readability(self, body: str) -> list[Hint]:
        """やさしい日本語 hints for a body (never blocking), with plainer wording where there is one."""
        return check(body, load_readability_rules(self._readability_rules))


#: The wording rules of the やさしい日本語 hints, relative to resources/.
READABILITY_RULES = Path("readability") / "plain_japanese.toml"


@cache
def load_readability_rules(path: Path) -> Rules:
    """The wording rules of ``path``, read once (the highlighter checks every line as it is typed)."""
    return parse_rules(path.read_text(encoding="utf-8"), source=str(path))
