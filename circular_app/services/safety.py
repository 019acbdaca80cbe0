"""安否確認: start and end a round, record answers, the board, history and the paper lists.

One public method is one user action in one transaction, written to the audit trail with
opaque ids only (never a name or a note). Who may do what: starting and ending a round and
recording for any 班 are for 管理者 and 役員 (:func:`~circular_app.domain.safety.may_run_rounds`);
a 班長 records for, and sees, their own 班 only.

Drills are kept apart: a 訓練 is a round of its own, and only one round is open at a time. A
real disaster during a drill must not wait, so starting a real round ends an open drill (both
written to the audit trail); a drill cannot start while a real round is open.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.roster import Han, Household
from circular_app.domain.safety import (
    RECORDABLE,
    Board,
    RoundKind,
    SafetyChannel,
    SafetyRecord,
    SafetyRound,
    SafetyStatus,
    build_board,
    local_now,
    may_run_rounds,
    validate_message,
    validate_note,
)
from circular_app.services.care import CareService
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, safety_hub_repo, safety_repo
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.files import make_private

__all__ = ["SafetyService", "write_guide"]


def write_guide(path: Path, font_dir: Path) -> Path:
    """The one-page guide for 班長 (やさしい日本語). No personal data: no log-in, no audit."""
    from circular_app.pdf.safety_guide import render_safety_guide  # reportlab on first use

    render_safety_guide(path, font_dir)
    return path


class SafetyService:
    """安否確認 of the open profile."""

    def __init__(self, context: ProfileContext, font_dir: Path, care: CareService | None = None) -> None:
        self._ctx = context
        self._font_dir = font_dir
        self._care = care or CareService(context)

    # ----- rounds ------------------------------------------------------------------------
    def current(self) -> SafetyRound | None:
        """The open round, if any."""
        with self._ctx.sessions() as session:
            return safety_repo.open_round(session)

    def rounds(self) -> list[SafetyRound]:
        """Every round so far, newest first (drills included, each marked as one)."""
        with self._ctx.sessions() as session:
            return safety_repo.rounds(session)

    def start(self, kind: RoundKind, message: str = "", drill: bool = False) -> SafetyRound:
        """Open a round (「安否確認を始める」); see the module docstring for drills."""
        self._require_officer("安否確認を始める")
        text = validate_message(message)
        by = self._ctx.officer.username
        with self._ctx.sessions.begin() as session:
            current = safety_repo.open_round(session)
            if current is not None:
                if current.drill and not drill:
                    safety_repo.end_round(session, current.id, by)
                    safety_hub_repo.after_round_change(session, current.id)
                    audit_repo.append(
                        session,
                        by,
                        "safety_end",
                        f"safety:{current.id}",
                        {"drill": True, "reason": "real_round"},
                    )
                elif not current.drill and drill:
                    raise ValidationError("訓練", "safety.drill_during_real", label=current.label)
                else:
                    raise ValidationError("安否確認", "safety.round_open", label=current.label)
            started = safety_repo.start_round(session, kind, text, drill, by)
            safety_hub_repo.after_round_change(session, started.id)  # the hub learns of it
            audit_repo.append(
                session, by, "safety_start", f"safety:{started.id}", {"kind": kind.value, "drill": drill}
            )
            return started

    def end(self) -> SafetyRound:
        """Close the open round; its answers stay as the round's history."""
        self._require_officer("安否確認を終える")
        by = self._ctx.officer.username
        with self._ctx.sessions.begin() as session:
            current = self._open(session)
            ended = safety_repo.end_round(session, current.id, by)
            safety_hub_repo.after_round_change(session, ended.id)
            audit_repo.append(session, by, "safety_end", f"safety:{ended.id}", {"drill": ended.drill})
            return ended

    # ----- answers -----------------------------------------------------------------------
    def record(
        self, household_id: int, status: SafetyStatus, channel: SafetyChannel, note: str = ""
    ) -> SafetyRecord:
        """Add a household's answer to the open round (the latest answer counts)."""
        if status not in RECORDABLE:
            raise ValidationError("状況", "safety.status_not_recordable", status=status.label_ja)
        text = validate_note(note)
        with self._ctx.sessions.begin() as session:
            current = self._open(session)
            household = self._household(session, household_id)
            allowed = self._allowed_hans()
            if allowed is not None and household.han_id not in allowed:
                self._ctx.require(False, "ほかの班の安否の記録")
            if not household.active:
                raise ValidationError("世帯", "safety.household_moved_out", household=household.public_id)
            record = safety_repo.add_record(
                session, current.id, household.id, status, channel, text, self._ctx.officer.username
            )
            # Opaque ids only: the note may name an illness, and the status is enough for the trail.
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "safety_record",
                f"safety:{current.id}",
                {"household_id": household.id, "status": status.value, "channel": channel.value},
            )
            return record

    def history(self, household_id: int, round_id: int | None = None) -> list[SafetyRecord]:
        """Every answer of one household in a round (the open one by default), oldest first."""
        with self._ctx.sessions() as session:
            round_ = safety_repo.get_round(session, round_id) if round_id is not None else self._open(session)
            household = self._household(session, household_id)
            allowed = self._allowed_hans()
            if allowed is not None and household.han_id not in allowed:
                self._ctx.require(False, "ほかの班の安否の履歴")
            return safety_repo.records(session, round_.id, household.id)

    # ----- the board ---------------------------------------------------------------------
    def board(self, round_id: int | None = None) -> Board | None:
        """The board of a round (the open one by default; None when none is open).

        A 班長 sees their own 班 only.
        """
        with self._ctx.sessions() as session:
            if round_id is not None:
                round_: SafetyRound | None = safety_repo.get_round(session, round_id)
            else:
                round_ = safety_repo.open_round(session)
            if round_ is None:
                return None
            hans, households = self._visible(session)
            return build_board(round_, hans, households, safety_repo.records(session, round_.id))

    def write_sheets(self, folder: Path, printed_on: dt.date | None = None) -> list[Path]:
        """The paper check lists: one PDF per 班 this officer sees, households in route order.

        To be printed before a disaster too, so no round needs to be open. Names and phone
        numbers leave the app: files are private to the user and the export is audited.
        """
        from circular_app.pdf.safety_sheet import SafetySheet, render_safety_sheet  # reportlab on first use

        with self._ctx.sessions() as session:
            hans, households = self._visible(session)
            current = safety_repo.open_round(session)
        # 要配慮 marks only for an officer who may see them (audited there); else no column.
        marks = self._care.sheet_marks(households)
        folder.mkdir(parents=True, exist_ok=True)
        paths: list[Path] = []
        for han in hans:
            members = sorted(
                (h for h in households if h.han_id == han.id and h.active),
                key=lambda h: (h.route_position, h.id),
            )
            path = folder / f"安否確認_{han.name}.pdf"
            render_safety_sheet(
                path,
                SafetySheet(self._ctx.ref.name, han.name, tuple(members), current, marks),
                self._font_dir,
                printed_on or dt.date.today(),
            )
            make_private(path)
            paths.append(path)
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "roster_export",  # names and phone numbers leave the app, as in a roster export
                f"safety:{current.id}" if current is not None else "safety",
                {
                    "what": "safety_sheet",
                    "households": sum(1 for h in households if h.active),
                    "hans": len(hans),
                },
            )
        return paths

    def write_board_pdf(self, path: Path, round_id: int | None = None) -> Path:
        """The board as an A4 PDF for the 自主防災会 or 民生委員 (管理者 only, audited).

        Counts per 班, the 要支援 households first (note, phone, time), then the 未確認 ones in
        route order. Names and phones leave the app: the file is private to the user.
        """
        from circular_app.pdf.safety_board import render_safety_board  # reportlab on first use

        self._ctx.require(self._ctx.officer.can_manage_accounts, "安否確認ボードのPDF")
        board = self.board(round_id)
        if board is None:
            raise NotFoundError("safety.no_open_round")
        render_safety_board(path, board, self._ctx.ref.name, self._font_dir, local_now())
        make_private(path)
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "safety_board_export",
                f"safety:{board.round.id}",
                {
                    "households": len(board.lines),
                    "help": len(board.needs_help),
                    "unconfirmed": len(board.unconfirmed),
                },
            )
        return path

    # ----- helpers -----------------------------------------------------------------------
    def _require_officer(self, action: str) -> None:
        self._ctx.require(may_run_rounds(self._ctx.officer), action)

    def _open(self, session: Session) -> SafetyRound:
        current = safety_repo.open_round(session)
        if current is None:
            raise NotFoundError("safety.no_open_round")
        return current

    def _household(self, session: Session, household_id: int) -> Household:
        return rrepo.household_value(session, household_id)

    def _allowed_hans(self) -> set[int] | None:
        if may_run_rounds(self._ctx.officer):
            return None
        officer = self._ctx.officer
        return {officer.han_id} if officer.han_id is not None else set()

    def _visible(self, session: Session) -> tuple[list[Han], list[Household]]:
        allowed = self._allowed_hans()
        hans = [h for h in rrepo.han_values(session) if allowed is None or h.id in allowed]
        hans.sort(key=lambda h: (h.position, h.id))
        ids = {h.id for h in hans}
        return hans, [h for h in rrepo.household_values(session) if h.han_id in ids]
