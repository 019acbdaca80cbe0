"""Paper copies: choose the copies of a circular, render them to PDF files, all or nothing.

One public method, :meth:`PdfExportService.export`, is one user action ("print the paper
copies"). It gathers the circular, its attachments and the roster through the existing
services, turns them into the PDF layer's values (:mod:`circular_app.pdf.model`) and lets
:mod:`circular_app.pdf.batch` render them, on every core for a large batch.

Files appear all together or not at all: every file is rendered into a hidden staging folder
inside the output folder, and only when the whole batch has succeeded are the files renamed
into place (a rename within one folder is atomic). A cancel or a failure removes the staging
folder, so the output folder is exactly as it was: files of an earlier export with the same
names are kept, and no half-written or partial set of files is left behind.

File names say what a copy is without naming a resident (a USB stick of paper copies must not
leak the roster): ``2026-11-回覧No12-3班.pdf``, ``2026-11-回覧No12-個別-3班-05.pdf`` (the
household's route number in its 班), ``2026-11-回覧No12-掲示用-A3.pdf``.
"""

from __future__ import annotations

import re
import secrets
import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Audience, Circular
from circular_app.domain.errors import NotFoundError, UserError, ValidationError
from circular_app.domain.forms import Form, QuestionKind, resolved_deadline
from circular_app.domain.reader_languages import READER_LANGUAGES, reader_language
from circular_app.domain.reads import audience
from circular_app.domain.roster import Delivery, Han, Household
from circular_app.domain.text import normalize_han_name
from circular_app.pdf.model import (
    AnswerSlip,
    CopyKind,
    CopySpec,
    ExportCancelled,
    GridRow,
    ImageAttachment,
    Job,
    PaperSize,
    PdfAttachment,
    RenderedCopy,
    SheetContent,
    SlipForm,
    SlipMode,
    SlipQuestion,
    hand_to_text,
)
from circular_app.pdf.paper_language import PRINTED_INSTEAD, paper_language_for, printed_language
from circular_app.pdf.warm_pool import WarmPool
from circular_app.services.answers import AnswerService
from circular_app.services.circulars import CircularService
from circular_app.services.readings import ReadingListService
from circular_app.services.roster import RosterService
from circular_app.services.sync import PrintLinks, SyncService
from circular_app.support.files import make_private

__all__ = [
    "ExportCancelled",
    "ExportChoices",
    "ExportRequest",
    "ExportResult",
    "PaperSize",
    "PdfExportService",
    "PlannedCopy",
    "SlipMode",
    "export_pdf_command",
    "slip_form",
]

Progress = Callable[[int, int], None]
# The hub links of a circular (SyncService.print_links): None when it is not on a hub.
LinkSource = Callable[[int], PrintLinks | None]
ReadingSource = Callable[[], Mapping[str, str]]
# A circular's id → language code → the (title, body) its copies in that language print (current
# translations only; TranslationService.current_texts).
TranslationSource = Callable[[int], Mapping[str, tuple[str, str]]]


def furigana_available() -> bool:
    """Furigana can be printed here: SudachiPy and its dictionary are installed (not the frozen app)."""
    from circular_app import furigana  # light: the dictionary itself loads on first use

    return furigana.available()


# The form of a circular (AnswerService.form): None when it asks no questions.
FormSource = Callable[[int], Form | None]
LARGE_PRINT_SCALES = (150, 200)
# Printed diagonally on every page of a practice profile's copies (trainer mode).
PRACTICE_WATERMARK = "練習用"
_STAGING_PREFIX = ".kairan-export-"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class ExportRequest:
    """Which copies of which circular, on what paper.

    ``han_copies`` with empty ``han_ids`` means every 班 the circular goes to. ``individual``
    makes a copy for every active paper household the circular targets (within ``han_ids``
    when given); ``household_id`` makes just that household's copy. Households that asked
    for large print always get it; ``large_print`` makes every chosen copy large print.
    """

    circular_id: int
    han_copies: bool = False
    han_ids: tuple[int, ...] = ()
    individual: bool = False
    household_id: int | None = None
    large_print: bool = False
    large_print_scale: int = 150
    size: PaperSize = PaperSize.A4
    poster: bool = False
    poster_size: PaperSize = PaperSize.A3
    combined: bool = False
    # A circular with a form: a 班 copy gets a slip per household (SLIPS) or an answer column
    # in its 回覧表 (COLUMN); an individual copy always gets its household's slip.
    answer_slips: SlipMode = SlipMode.SLIPS
    # Furigana over the kanji of title and body on the large-print copies (issue 23), with the
    # profile's reading list; needs SudachiPy (not in the frozen app: furigana_available()).
    furigana: bool = False


@dataclass(frozen=True)
class PlannedCopy:
    """One copy of a plan and the file name (without folder) it gets when exported alone."""

    spec: CopySpec
    filename: str
    household_id: int | None = None  # whose individual copy it is


@dataclass(frozen=True)
class ExportChoices:
    """What the export dialog offers for one circular."""

    circular: Circular
    hans: tuple[Han, ...]  # the 班 it goes to, in order
    paper_households: tuple[Household, ...]  # active paper households it targets, in print order
    has_form: bool = False  # it asks questions: the copies carry answer slips


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    files: tuple[Path, ...]
    copies: int
    pages: int
    warnings: tuple[str, ...] = field(default_factory=tuple)


class HasPdfServices(Protocol):
    """What :func:`export_pdf_command` needs of ``ProfileServices``."""

    @property
    def circulars(self) -> CircularService:
        """The circular service."""

    @property
    def roster(self) -> RosterService:
        """The roster service."""

    @property
    def sync(self) -> SyncService:
        """The sync service (hub links for the QR codes)."""

    @property
    def answers(self) -> AnswerService:
        """The answer service (the form printed on the answer slips)."""

    @property
    def readings(self) -> ReadingListService:
        """The reading list (furigana on large-print copies)."""


def _safe(name: str) -> str:
    return _UNSAFE_IN_FILE_NAMES.sub("_", name).strip(" .") or "_"


def _prefix(circular: Circular) -> str:
    number = f"回覧No{circular.number}" if circular.number is not None else f"下書き{circular.id}"
    return f"{circular.issue_date:%Y-%m}-{number}"


def _targeted_hans(circular: Circular, hans: Sequence[Han], route: Sequence[Household]) -> list[Han]:
    """The 班 a circular goes to: by its rule for a draft, by its snapshot once published."""
    if circular.recipients is None:
        return [h for h in hans if circular.targets_all or h.id in circular.target_han_ids]
    present = {h.han_id for h in route}
    return [h for h in hans if h.id in present]


def no_font_warning(language: str, households: Sequence[str]) -> str:
    """The warning for a paper language this computer has no font for."""
    name = READER_LANGUAGES.get(language, language)
    return (
        f"{name}（{language}）を印刷できるフォントがこのパソコンにないため、"
        f"{'、'.join(households)}の紙は日本語で印刷しました（フォントの入れ方は README の「紙の言語」）"
    )


def printed_instead_warning(language: str, printed: str, households: Sequence[str]) -> str:
    """The warning for a language printed in another one (Nepali in English)."""
    return (
        f"{READER_LANGUAGES[language]}（{language}）の文字はまだ正しく印刷できないため、"
        f"{'、'.join(households)}の紙の見出しと説明は{READER_LANGUAGES[printed]}で印刷しました"
    )


def missing_characters_warning(missing: Sequence[str]) -> str:
    """The warning for characters no bundled font has (printed as 〓)."""
    listed = "、".join(f"{c}（U+{ord(c):04X}）" for c in missing)
    return f"次の文字は印刷用のフォントにないため「〓」で印刷しました: {listed}。手書きで補ってください"


class PdfExportService:
    """Paper copies of the open profile's circulars."""

    def __init__(
        self,
        circulars: CircularService,
        roster: RosterService,
        association: str,
        font_dir: Path,
        workers: int | None = None,
        links: LinkSource | None = None,
        forms: FormSource | None = None,
        readings: ReadingSource | None = None,
        translations: TranslationSource | None = None,
        pool: WarmPool | None = None,
    ) -> None:
        self._circulars = circulars
        self._pool = pool  # render workers started ahead (export-pdf), the caller's to close
        self._translations = translations
        self._readings = readings
        self._forms = forms
        self._roster = roster
        self._association = association
        self._font_dir = font_dir
        self._workers = workers
        self._links = links
        # The services of one profile share its context (CircularService keeps it as _ctx):
        # every copy printed from a practice profile carries the watermark, whoever asks.
        practice = circulars.profile_kind == "practice"
        self._watermark = PRACTICE_WATERMARK if practice else None
        self._language_notes: tuple[str, ...] = ()  # of the last plan: languages not printed as asked

    # ----- planning ---------------------------------------------------------------------------
    def plan(self, request: ExportRequest) -> list[PlannedCopy]:
        """The copies a request makes, in print order; raises a UserError on bad input."""
        if request.large_print_scale not in LARGE_PRINT_SCALES:
            raise ValidationError("拡大率", "pdf.bad_scale")
        circular = self._circulars.get(request.circular_id)
        hans = self._roster.list_hans()
        roster = [h for h in self._roster.list_households() if h.active]
        # A published circular's copies list the households of its snapshot, with their 班
        # and route order then: a roster changed since does not change the 回覧表.
        households = [h for h in audience(circular, roster, hans) if h.active]
        targeted_hans = _targeted_hans(circular, hans, households)
        chosen = self._chosen_hans(circular, hans, targeted_hans, request.han_ids)
        names = {h.id: h.name for h in roster}
        form = self._forms(circular.id) if self._forms is not None else None
        han_names = {h.id: h.name for h in hans}

        def slip(household: Household, leader: int | None) -> AnswerSlip:
            return AnswerSlip(
                f"{han_names.get(household.han_id, '')}-{household.route_position}",
                household.name,
                hand_to_text(names.get(leader or -1, "")),
                household.id,
            )

        prefix = _prefix(circular)
        large = request.large_print_scale / 100
        planned: list[PlannedCopy] = []
        wants_paper = request.han_copies or request.individual or request.household_id is not None
        if wants_paper and circular.audience is Audience.DIGITAL and request.household_id is None:
            raise ValidationError("控えの種類", "pdf.digital_only")
        if request.han_copies:
            for han in chosen:
                members = [h for h in households if h.han_id == han.id]
                rows = tuple(GridRow(h.route_position, h.name) for h in members)
                scale = large if request.large_print else 1.0
                by_slip = form is not None and request.answer_slips is SlipMode.SLIPS
                spec = CopySpec(
                    CopyKind.HAN,
                    han.name,
                    rows=rows,
                    return_to=names.get(han.leader_household_id or -1, ""),
                    scale=scale,
                    size=request.size,
                    slips=tuple(slip(h, han.leader_household_id) for h in members) if by_slip else (),
                    answer_column=form is not None and request.answer_slips is SlipMode.COLUMN,
                )
                planned.append(PlannedCopy(spec, f"{prefix}-{_safe(han.name)}{_suffix(spec)}.pdf"))
        individual = self._individual_households(circular, households, chosen, request, roster)
        self._language_notes = language_notes(self._font_dir, individual)
        for household in individual:
            han = next(h for h in hans if h.id == household.han_id)
            scale = large if (request.large_print or household.large_print) else 1.0
            spec = CopySpec(
                CopyKind.INDIVIDUAL,
                han.name,
                recipient=household.name,
                return_to=names.get(han.leader_household_id or -1, ""),
                scale=scale,
                size=request.size,
                slips=(slip(household, han.leader_household_id),) if form is not None else (),
                language=paper_language_for(self._font_dir, household.language)[0],
            )
            stem = f"{prefix}-個別-{_safe(han.name)}-{household.route_position:02d}"
            planned.append(PlannedCopy(spec, f"{stem}{_suffix(spec)}.pdf", household.id))
        if request.poster:
            spec = CopySpec(CopyKind.POSTER, size=request.poster_size)
            planned.append(PlannedCopy(spec, f"{prefix}-掲示用-{request.poster_size.value}.pdf"))
        if not planned:
            raise ValidationError("控えの種類", "pdf.nothing_to_make")
        if request.furigana:
            if not any(p.spec.scale != 1.0 for p in planned):
                raise ValidationError("ふりがな", "pdf.furigana_needs_large_print")
            if not furigana_available():
                raise ValidationError("ふりがな", "pdf.furigana_unavailable")
            planned = [
                PlannedCopy(replace(p.spec, furigana=True), p.filename, p.household_id)
                if p.spec.scale != 1.0 and p.spec.kind is not CopyKind.POSTER
                else p
                for p in planned
            ]
        return planned

    def _chosen_hans(
        self, circular: Circular, hans: list[Han], targeted: list[Han], wanted: Sequence[int]
    ) -> list[Han]:
        if not wanted:
            return targeted
        by_id = {h.id: h for h in hans}
        chosen = []
        for han_id in wanted:
            if han_id not in by_id:
                raise NotFoundError("roster.han_number_not_found", han_id=han_id)
            han = by_id[han_id]
            if han not in targeted:
                raise ValidationError("班", "pdf.han_not_targeted", circular=circular.label, han=han.name)
            chosen.append(han)
        return sorted(chosen, key=lambda h: h.position)

    def _individual_households(
        self,
        circular: Circular,
        households: list[Household],
        chosen: list[Han],
        request: ExportRequest,
        roster: Sequence[Household] = (),
    ) -> list[Household]:
        """``households``: the circular's audience (active, snapshot places); ``roster``: every
        active household, for a single copy asked for by hand."""
        if request.household_id is not None:
            match = [h for h in households if h.id == request.household_id] or [
                h for h in roster if h.id == request.household_id
            ]
            if not match:
                raise NotFoundError("roster.household_not_listed")
            return match
        if not request.individual:
            return []
        order = {h.id: h.position for h in chosen}
        paper = [h for h in households if h.han_id in order and h.delivery is Delivery.PAPER]
        return sorted(paper, key=lambda h: (order[h.han_id], h.route_position))

    def resolve_hans(self, spec: str) -> tuple[int, ...]:
        """``"all"`` (or empty) → every 班; ``"3,5"`` / ``"3班、5班"`` → their ids."""
        return resolve_han_ids(self._roster, spec)

    def choices(self, circular_id: int) -> ExportChoices:
        """The 班 and paper households a circular's copies can be made for."""
        circular = self._circulars.get(circular_id)
        all_hans = self._roster.list_hans()
        households = [h for h in audience(circular, self._roster.list_households(), all_hans) if h.active]
        hans = _targeted_hans(circular, all_hans, households)
        request = ExportRequest(circular_id, individual=True)
        paper = self._individual_households(circular, households, hans, request)
        has_form = self._forms is not None and self._forms(circular_id) is not None
        return ExportChoices(circular, tuple(hans), tuple(paper), has_form)

    # ----- exporting --------------------------------------------------------------------------
    def export(
        self,
        request: ExportRequest,
        out_dir: Path,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ExportResult:
        """Render the planned copies into ``out_dir``: every file, or (cancel, error) none.

        Raises :class:`ExportCancelled` when ``cancel`` is set before the batch is complete.
        """
        planned = self.plan(request)
        # Once the circular is on the hub every copy carries a QR code: the household's own
        # page on its individual copy when it holds a reader link, else the board page.
        links = self._links(request.circular_id) if self._links is not None else None
        content = self._content(
            request, links.board_url if links else None, any(p.spec.furigana for p in planned)
        )
        if links is not None:
            urls = links.household_urls
            planned = [
                PlannedCopy(
                    replace(
                        p.spec,
                        slips=tuple(
                            replace(s, reader_url=urls.get(s.household_id or -1)) for s in p.spec.slips
                        ),
                    ),
                    p.filename,
                    p.household_id,
                )
                for p in planned
            ]
            planned = [
                PlannedCopy(
                    replace(p.spec, reader_url=links.household_urls.get(p.household_id)),
                    p.filename,
                    p.household_id,
                )
                if p.household_id is not None
                else p
                for p in planned
            ]
        prefix = _prefix(content.circular)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError("file.cannot_create_folder", folder=out_dir, reason=exc.strerror) from exc
        staging = out_dir / f"{_STAGING_PREFIX}{secrets.token_hex(4)}"
        try:
            staging.mkdir()
        except OSError as exc:
            raise UserError("file.unwritable", path=out_dir, reason=exc.strerror) from exc
        try:
            if request.combined:
                name = f"{prefix}-{_combined_label(planned)}.pdf"
                jobs = [Job(tuple(p.spec for p in planned), staging / name)]
            else:
                jobs = [Job((p.spec,), staging / p.filename) for p in planned]
            # With render processes started ahead (export-pdf) this process plans and reads
            # but never draws: reportlab's import (0.1 s) stays theirs.
            results = (
                self._pool.render_batch(self._font_dir, content, jobs, progress, cancel)
                if self._pool is not None
                else None
            )
            if results is None:
                from circular_app.pdf.batch import render_jobs

                results = render_jobs(self._font_dir, content, jobs, progress, cancel, self._workers)
            if cancel is not None and cancel.is_set():
                raise ExportCancelled
            if self._watermark is not None:
                from circular_app.pdf.fonts import register_fonts
                from circular_app.pdf.sheet import watermark_pdf

                fonts = register_fonts(self._font_dir)
                for job in jobs:
                    job.path.write_bytes(watermark_pdf(job.path.read_bytes(), self._watermark, fonts))
            files = []
            for job in jobs:
                final = out_dir / job.path.name
                make_private(job.path)  # Sheets name households: 0600 before they appear.
                job.path.replace(final)
                files.append(final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        copies = [c for per_job in results for c in per_job]
        warnings = self._language_notes + _warnings(copies)
        return ExportResult(tuple(files), len(copies), sum(c.pages for c in copies), warnings)

    def _content(
        self, request: ExportRequest, reader_url: str | None, furigana: bool = False
    ) -> SheetContent:
        circular = self._circulars.get(request.circular_id)
        ruby = None
        if furigana:
            # Imported here: only a furigana export needs the dictionary (about 0.1 s to load).
            from circular_app.furigana import Furigana

            ruby = Furigana(self._readings() if self._readings is not None else {}).segments
        images, pdfs = [], []
        for attachment in sorted(circular.attachments, key=lambda a: a.position):
            data = self._circulars.attachment_data(attachment.id)
            if attachment.media_type == "application/pdf":
                pdfs.append(PdfAttachment(attachment.filename, data))
            else:
                images.append(ImageAttachment(attachment.filename, data))
        form = self._forms(circular.id) if self._forms is not None else None
        return SheetContent.of(
            self._association,
            circular,
            tuple(images),
            tuple(pdfs),
            reader_url=reader_url,
            form=slip_form(form, circular.due_date) if form is not None else None,
            ruby=ruby,
            translations=tuple(self._translations(circular.id).items())
            if self._translations is not None
            else (),
        )


def slip_form(form: Form, due_date: date) -> SlipForm:
    """A circular's form as the answer slips print it."""
    questions = []
    for q in form.questions:
        hint = ""
        if q.kind is QuestionKind.MULTIPLE:
            hint = "いくつでも"
        elif q.kind is QuestionKind.NUMBER:
            hint = f"{q.minimum}〜{q.maximum}"
        elif q.kind is QuestionKind.TEXT:
            hint = f"{q.max_length}字まで"
        questions.append(
            SlipQuestion(
                q.number,
                q.kind.value,
                q.text,
                q.options(form.general_meeting),
                people=q.kind is QuestionKind.ATTENDANCE and q.people,
                hint=hint,
            )
        )
    deadline = wareki(resolved_deadline(form, due_date), weekday=True)
    return SlipForm(tuple(questions), deadline, form.general_meeting)


def _suffix(spec: CopySpec) -> str:
    large = f"-拡大{round(spec.scale * 100)}" if spec.scale != 1.0 else ""
    size = f"-{spec.size.value}" if spec.size is not PaperSize.A4 else ""
    return large + size


def _combined_label(planned: Sequence[PlannedCopy]) -> str:
    kinds = {p.spec.kind for p in planned}
    if kinds == {CopyKind.HAN}:
        return "班回覧用"
    if kinds == {CopyKind.INDIVIDUAL}:
        return "個別"
    return "まとめ"


def language_notes(font_dir: Path, households: Sequence[Household]) -> tuple[str, ...]:
    """Warnings for households whose paper is not in their language (no font, no shaping)."""
    no_font: dict[str, list[str]] = {}
    instead: dict[str, list[str]] = {}
    for household in households:
        wanted = reader_language(household.language)
        _printed, problem = paper_language_for(font_dir, household.language)
        if problem is not None:
            no_font.setdefault(problem, []).append(household.name)
        elif wanted in PRINTED_INSTEAD:
            instead.setdefault(wanted, []).append(household.name)
    notes = [no_font_warning(code, names) for code, names in no_font.items()]
    notes += [printed_instead_warning(code, printed_language(code), names) for code, names in instead.items()]
    return tuple(notes)


def _warnings(copies: Sequence[RenderedCopy]) -> tuple[str, ...]:
    missing = sorted({c for copy in copies for c in copy.missing}, key=ord)
    return (missing_characters_warning(missing),) if missing else ()


def resolve_han_ids(roster: RosterService, spec: str) -> tuple[int, ...]:
    """``"all"`` (or empty) → () meaning every 班; ``"3,5"`` / ``"3班、5班"`` → their ids."""
    cleaned = spec.strip()
    if not cleaned or cleaned.lower() == "all":
        return ()
    by_name = {h.name: h.id for h in roster.list_hans()}
    ids = []
    for part in re.split(r"[,、，]", cleaned):
        name = normalize_han_name(part)
        if name not in by_name:
            raise NotFoundError("roster.han_not_found_among", han=part.strip(), known="、".join(by_name))
        ids.append(by_name[name])
    return tuple(ids)


def household_by_public_id(roster: RosterService, public_id: str) -> int:
    """The id of the household with this ID (the ID column of export-roster)."""
    match = [h for h in roster.list_households() if h.public_id == public_id.strip()]
    if not match:
        raise NotFoundError("roster.household_public_id_not_found", household=public_id)
    return match[0].id


def export_pdf_command(
    services: HasPdfServices,
    association: str,
    font_dir: Path,
    *,
    circular: int,
    out: Path,
    year: int | None = None,
    han: str | None = None,
    individual: bool = False,
    household: str | None = None,
    large_print: bool = False,
    large_print_scale: int = 150,
    size: str = "A4",
    poster: bool = False,
    combined: bool = False,
    answer_slips: str = "slips",
    furigana: bool = False,
    progress: Progress | None = None,
    pool: WarmPool | None = None,
) -> list[str]:
    """``export-pdf``: export and return the lines to print (raises UserError on bad input).

    ``pool``: render workers the command line started before it logged in.

    Without ``--han``, ``--individual``, ``--household`` or ``--poster`` it makes the 班 copies
    of every 班 the circular goes to.
    """
    try:
        paper = PaperSize(size.upper())
    except ValueError as exc:
        raise ValidationError("--size", "pdf.bad_size") from exc
    try:
        mode = SlipMode(answer_slips)
    except ValueError as exc:
        raise ValidationError("--answer-slips", "pdf.bad_slip_mode") from exc
    service = PdfExportService(
        services.circulars,
        services.roster,
        association,
        font_dir,
        links=services.sync.print_links,
        forms=services.answers.form,
        readings=services.readings.mapping,
        pool=pool,
    )
    found = services.circulars.by_number(circular, year)
    household_id = household_by_public_id(services.roster, household) if household is not None else None
    han_copies = han is not None or not (individual or household_id is not None or poster)
    request = ExportRequest(
        circular_id=found.id,
        han_copies=han_copies,
        han_ids=service.resolve_hans(han or "all"),
        individual=individual,
        household_id=household_id,
        large_print=large_print,
        large_print_scale=large_print_scale,
        size=paper,
        poster=poster,
        poster_size=paper if paper is not PaperSize.A4 else PaperSize.A3,
        combined=combined,
        answer_slips=mode,
        furigana=furigana,
    )
    result = service.export(request, out, progress)
    lines = [
        f"{found.label}「{found.title}」: {result.copies}部 {result.pages}ページを書き出しました（{out}）"
    ]
    shown = result.files if len(result.files) <= 12 else result.files[:10]
    lines += [f"  {path.name}" for path in shown]
    if len(shown) < len(result.files):
        lines.append(f"  …ほか{len(result.files) - len(shown)}ファイル")
    lines += [f"注意: {warning}" for warning in result.warnings]
    return lines
