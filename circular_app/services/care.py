"""要配慮者 and 見守り: sensitive lists for the 管理者 and each household's own 班長 only.

Who may see what is decided in :mod:`circular_app.domain.care`. Every view or print of the
要配慮 list, and every change, is written to the audit trail (opaque ids only: never a name
or a note). None of it is put in the hub outbox, and none of it is logged.

An officer who may not see a household's 要配慮 gets a permission error naming the action,
never the flag: the error is the same whether the household is flagged or not.
"""

from __future__ import annotations

import datetime as dt

from circular_app.domain.care import (
    CareLine,
    CareNeed,
    WatchLine,
    WatchSettings,
    may_see_care_need_of,
    may_see_care_needs,
    may_see_watch_list,
    unread_streaks,
    validate_care_note,
    validate_watch_after,
    watch_lines,
)
from circular_app.domain.roster import Han, Household
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, care_repo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session

__all__ = ["CareService"]


class CareService:
    """要配慮 flags and the 見守り list of the open profile."""

    def __init__(self, context: ProfileContext) -> None:
        self._ctx = context

    # ----- who may -------------------------------------------------------------------------
    @property
    def may_see(self) -> bool:
        """Whether this officer sees 要配慮 at all (the GUI shows nothing of it otherwise)."""
        return may_see_care_needs(self._ctx.officer)

    def may_see_household(self, household: Household) -> bool:
        """Whether this officer sees and edits ``household``'s 要配慮."""
        return may_see_care_need_of(self._ctx.officer, household.han_id)

    # ----- 要配慮 ----------------------------------------------------------------------------
    def care_need(self, household_id: int) -> CareNeed | None:
        """One household's 要配慮 (None: not flagged), for its edit dialog. Audited."""
        with self._ctx.sessions.begin() as session:
            household = rrepo.household_value(session, household_id)
            self._require_household(household, "要配慮の表示")
            need = care_repo.care_need(session, household_id)
            self._audit(session, "care_view", f"household:{household_id}")
            return need

    def set_care_need(self, household_id: int, flagged: bool, note: str = "") -> CareNeed | None:
        """Flag a household with a note, or clear its flag (``flagged`` False). Audited."""
        text = validate_care_note(note) if flagged else ""
        with self._ctx.sessions.begin() as session:
            household = rrepo.household_value(session, household_id)
            self._require_household(household, "要配慮の変更")
            by = self._ctx.officer.username
            if flagged:
                need: CareNeed | None = care_repo.set_care_need(session, household_id, text, by)
                changed = True
            else:
                need, changed = None, care_repo.clear_care_need(session, household_id)
            if changed:
                self._audit(session, "care_change", f"household:{household_id}", flagged=flagged)
            return need

    def care_list(self, purpose: str = "view") -> list[CareLine]:
        """The flagged households this officer may see (班 then route order). Audited.

        ``purpose`` says why the list was read (``view``, ``print``, ``export``) in the trail.
        """
        self._ctx.require(self.may_see, "要配慮者の一覧")
        with self._ctx.sessions.begin() as session:
            lines = self._lines(session)
            self._audit(session, "care_list", "", purpose=purpose, households=len(lines))
            return lines

    def sheet_marks(self, households: list[Household]) -> dict[int, str] | None:
        """Household id → care note for the safety check lists, or None when this officer may
        not see 要配慮 (the list then has no 要配慮 column at all). Audited as a print."""
        if not self.may_see:
            return None
        with self._ctx.sessions.begin() as session:
            needs = care_repo.care_needs(session)
            marks = {
                h.id: needs[h.id].note
                for h in households
                if h.id in needs and may_see_care_need_of(self._ctx.officer, h.han_id)
            }
            self._audit(session, "care_list", "", purpose="safety_sheet", households=len(marks))
            return marks

    # ----- 見守り ----------------------------------------------------------------------------
    def watch_settings(self) -> WatchSettings:
        """見守り on or off, and after how many circulars."""
        with self._ctx.sessions() as session:
            return care_repo.watch_settings(session)

    def set_watch_settings(self, enabled: bool, after: int) -> WatchSettings:
        """Turn 見守り on or off (管理者 only). Audited."""
        self._ctx.require(self._ctx.officer.can_manage_accounts, "見守りの設定")
        settings = WatchSettings(enabled, validate_watch_after(after))
        with self._ctx.sessions.begin() as session:
            stored = care_repo.set_watch_settings(session, settings, self._ctx.officer.username)
            self._audit(session, "watch_setting", "", enabled=enabled, after=stored.after)
            return stored

    def watch_list(self, today: dt.date | None = None) -> list[WatchLine]:
        """Households whose last N circulars are unconfirmed, for the 管理者 and own 班長.

        Empty while 見守り is off. Only circulars whose 回覧 is over count (closed or past due).
        """
        self._ctx.require(may_see_watch_list(self._ctx.officer), "見守りの一覧")
        day = today or dt.date.today()
        with self._ctx.sessions() as session:
            settings = care_repo.watch_settings(session)
            if not settings.enabled:
                return []
            circulars = care_repo.past_circulars(session, day)
            ids = {c.id for c in circulars}
            streaks = unread_streaks(
                circulars, care_repo.recipient_pairs(session, ids), care_repo.read_pairs(session, ids)
            )
            hans, households = self._visible(session)
            return watch_lines(settings, streaks, hans, households)

    # ----- helpers ---------------------------------------------------------------------------
    def _require_household(self, household: Household, action: str) -> None:
        self._ctx.require(may_see_care_need_of(self._ctx.officer, household.han_id), action)

    def _audit(self, session: Session, action: str, target: str = "", **detail: object) -> None:
        audit_repo.append(session, self._ctx.officer.username, action, target, detail)

    def _visible(self, session: Session) -> tuple[list[Han], list[Household]]:
        officer = self._ctx.officer
        hans = [h for h in rrepo.han_values(session) if may_see_care_need_of(officer, h.id)]
        ids = {h.id for h in hans}
        return hans, [h for h in rrepo.household_values(session, active_only=True) if h.han_id in ids]

    def _lines(self, session: Session) -> list[CareLine]:
        needs = care_repo.care_needs(session)
        hans, households = self._visible(session)
        by_id = {h.id: h for h in hans}
        return [CareLine(h, by_id[h.han_id], needs[h.id]) for h in households if h.id in needs]
