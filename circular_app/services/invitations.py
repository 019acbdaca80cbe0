"""Invitation slips: paper households get their own reader link, printed as a QR code.

A paper household that wants to try the phone gets a slip (``export-pdf --invitations``, or
「スマホ招待状を印刷…」 in the GUI). Printing it issues the household's reader link if it has
none (:meth:`SyncService.invitation_links`); the link stays valid while the household stays on
paper, so it can read online before it switches, and the paper board keeps coming. Printing
again prints the same link: a lost slip is re-printed, not re-issued.

The file name says what the file is without naming anyone: ``2026-11-25-スマホ招待状.pdf``
(``-3班`` for one 班, ``-3班-05`` for one household).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.errors import NotFoundError, UserError, ValidationError
from circular_app.domain.roster import Delivery, Household
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.invitations import SLIPS_PER_PAGE, InvitationSlip, render_invitations
from circular_app.pdf.paper_language import paper_language_for
from circular_app.pdf.sheet import watermark_pdf
from circular_app.services.pdf_export import (
    HasPdfServices,
    household_by_public_id,
    language_notes,
    missing_characters_warning,
    resolve_han_ids,
)
from circular_app.services.roster import RosterService
from circular_app.services.sync import SyncService
from circular_app.support.files import make_private

PRACTICE_WATERMARK = "練習用"


@dataclass(frozen=True)
class InvitationRequest:
    """Whose slips: every active paper household (of ``han_ids`` when given), or one household.

    ``household_id`` may name a digital household too (its slip re-prints its link).
    """

    han_ids: tuple[int, ...] = ()
    household_id: int | None = None


@dataclass(frozen=True)
class InvitationResult:
    """What was written."""

    path: Path
    slips: int
    pages: int
    missing: tuple[str, ...] = ()  # characters no bundled face has (printed as 〓)
    # Households whose slip is not in their 言語 (no font on this computer, Nepali in English).
    language_notes: tuple[str, ...] = ()


class InvitationService:
    """Invitation slips for the open profile (the roster as the officer may see it)."""

    def __init__(
        self, roster: RosterService, sync: SyncService, association: str, font_dir: Path, practice: bool
    ) -> None:
        self._roster = roster
        self._sync = sync
        self._association = association
        self._font_dir = font_dir
        self._watermark = PRACTICE_WATERMARK if practice else None

    def households(self, request: InvitationRequest) -> list[Household]:
        """The households that get a slip, in 班 and route order; raises on an empty choice."""
        active = [h for h in self._roster.list_households() if h.active]
        if request.household_id is not None:
            match = [h for h in active if h.id == request.household_id]
            if not match:
                raise NotFoundError("roster.household_not_listed")
            return match
        chosen = [
            h
            for h in active
            if h.delivery is Delivery.PAPER and (not request.han_ids or h.han_id in request.han_ids)
        ]
        if not chosen:
            raise ValidationError("招待状", "invitation.no_paper_households")
        return chosen

    def file_name(self, request: InvitationRequest, today: dt.date) -> str:
        """The file name (no resident name in it)."""
        hans = {h.id: h.name for h in self._roster.list_hans()}
        stem = f"{today:%Y-%m-%d}-スマホ招待状"
        if request.household_id is not None:
            household = self.households(request)[0]
            return f"{stem}-{hans[household.han_id]}-{household.route_position:02d}.pdf"
        if len(request.han_ids) == 1:
            return f"{stem}-{hans[request.han_ids[0]]}.pdf"
        return f"{stem}.pdf"

    def export(
        self, request: InvitationRequest, out_dir: Path, today: dt.date | None = None
    ) -> InvitationResult:
        """Issue the links that are missing and write the slips into ``out_dir`` (one file)."""
        today = today or dt.date.today()
        households = self.households(request)
        hans = {h.id: h.name for h in self._roster.list_hans()}
        # Links first: without a hub there is nothing to print, and no folder is created.
        # (A link issued for a slip that then cannot be written is harmless: the next print
        # uses the same link.)
        links = self._sync.invitation_links([h.id for h in households])
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError("file.cannot_create_folder", folder=out_dir, reason=exc.strerror) from exc
        path = out_dir / self.file_name(request, today)
        slips = [
            InvitationSlip(
                self._association,
                hans[h.han_id],
                h.route_position,
                h.name,
                links[h.id],
                paper_language_for(self._font_dir, h.language)[0],
            )
            for h in households
        ]
        try:
            missing = render_invitations(path, slips, self._font_dir)
            make_private(path)  # Names and reader links (capabilities): owner only.
        except OSError as exc:
            raise UserError("file.unwritable", path=path, reason=exc.strerror) from exc
        if self._watermark is not None:
            fonts = register_fonts(self._font_dir)
            path.write_bytes(watermark_pdf(path.read_bytes(), self._watermark, fonts))
        pages = -(-len(slips) // SLIPS_PER_PAGE)
        notes = language_notes(self._font_dir, households)
        return InvitationResult(path, len(slips), pages, tuple(sorted(missing, key=ord)), notes)


def invitations_command(
    services: HasPdfServices,
    association: str,
    font_dir: Path,
    *,
    out: Path,
    practice: bool,
    han: str | None = None,
    household: str | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """``export-pdf --invitations``: write the slips and return the lines to print."""
    service = InvitationService(services.roster, services.sync, association, font_dir, practice)
    request = InvitationRequest(
        han_ids=resolve_han_ids(services.roster, han or "all"),
        household_id=household_by_public_id(services.roster, household) if household is not None else None,
    )
    result = service.export(request, out, today)
    lines = [
        f"スマホ招待状 {result.slips}世帯分（{result.pages}ページ、1ページに2枚）を書き出しました: {result.path}",
        "新しいリンクは次の同期（sync --once、または画面の自動同期）でハブに届き、使えるようになります",
    ]
    if result.missing:
        lines.append(f"注意: {missing_characters_warning(result.missing)}")
    lines += [f"注意: {note}" for note in result.language_notes]
    return lines
