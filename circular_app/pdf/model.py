"""What the PDF layer is given: domain values only (no database, no Qt), all picklable.

A batch has one :class:`SheetContent` (the circular, shared by every copy) and one
:class:`CopySpec` per copy (a 班's board copy, a household's individual copy, or a poster).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from circular_app.domain.circulars import Circular
from circular_app.domain.document import Document, Heading, ListBlock, Paragraph, parse_document
from circular_app.domain.furigana import Segment as RubySegment

RubySource = Callable[[str], Sequence[RubySegment]]

MM = 72.0 / 25.4  # points per millimetre


class PaperSize(enum.StrEnum):
    """Paper sizes offered. B4 is the Japanese (JIS) B4 of copiers in Japan, 257 × 364 mm."""

    A4 = "A4"
    B4 = "B4"
    A3 = "A3"

    @property
    def points(self) -> tuple[float, float]:
        """Portrait width and height in points."""
        millimetres = {"A4": (210.0, 297.0), "B4": (257.0, 364.0), "A3": (297.0, 420.0)}[self.value]
        return millimetres[0] * MM, millimetres[1] * MM


class CopyKind(enum.StrEnum):
    """The three kinds of paper copy."""

    HAN = "han"  # the board copy of one 班, with the 回覧表 stamp grid
    INDIVIDUAL = "individual"  # one paper household's own copy, with a tear-off 確認票
    POSTER = "poster"  # a notice-board poster, large type, no names


@dataclass(frozen=True)
class ImageAttachment:
    """An image attachment (PNG or JPEG bytes, already scaled for print by the service)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class PdfAttachment:
    """A PDF attachment whose pages are appended to every copy, in order."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SlipQuestion:
    """One question as printed on an answer slip: its number, text and what to tick or write."""

    number: int
    kind: str  # attendance | single | multiple | number | text | motion
    text: str
    options: tuple[str, ...] = ()  # the boxes to tick (attendance, single, multiple, motion)
    people: bool = False  # attendance: a blank for the number of people after 出席
    hint: str = ""  # 「いくつでも」, 「0〜5」, 「100字まで」…


@dataclass(frozen=True)
class SlipForm:
    """The questions of a circular's form, as the answer slips print them."""

    questions: tuple[SlipQuestion, ...]
    deadline: str  # in 和暦, with the weekday: 「令和8年12月20日(日)」
    general_meeting: bool = False


class SlipMode(enum.StrEnum):
    """How a 班 copy carries the answers: a slip per household, or a column of the 回覧表."""

    SLIPS = "slips"
    COLUMN = "column"


@dataclass(frozen=True)
class AnswerSlip:
    """One household's answer slip (回答票)."""

    label: str  # 「3班-5」
    name: str  # the household's name
    hand_to: str  # whom to hand it to: 「班長の 鈴木 様」 or 「町会の役員」
    household_id: int | None = None
    reader_url: str | None = None  # the household's own reader link: its QR code on the slip


@dataclass(frozen=True)
class SheetContent:
    """Everything the copies of one circular share."""

    association: str
    circular: Circular
    images: tuple[ImageAttachment, ...] = ()
    pdfs: tuple[PdfAttachment, ...] = ()
    # The circular's board link on the hub (a read-only page, /b/{token}): printed as a QR code
    # on every copy when set. None (not on a hub) prints no QR code on any copy.
    reader_url: str | None = None
    document: Document = field(default_factory=Document)
    # The circular's questions (出欠, アンケート, 総会) when its copies carry answer slips (回答票).
    form: SlipForm | None = None
    # Furigana (issue 23): each text of the title and body (a span's text) → its pieces with
    # readings, read by the service; drawn on copies whose ``furigana`` is set.
    ruby: tuple[tuple[str, tuple[RubySegment, ...]], ...] = ()
    # The body's translations, (language code, parsed body), for individual copies printed in
    # that language (TranslationService.current_texts); others print ``document``.
    bodies: tuple[tuple[str, Document], ...] = ()
    # The translated titles, (language code, title), printed under the Japanese title.
    titles: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        association: str,
        circular: Circular,
        images: tuple[ImageAttachment, ...] = (),
        pdfs: tuple[PdfAttachment, ...] = (),
        reader_url: str | None = None,
        form: SlipForm | None = None,
        ruby: RubySource | None = None,
        translations: tuple[tuple[str, tuple[str, str]], ...] = (),
    ) -> SheetContent:
        """Content with the body (and its translations, ``(code, (title, body))``) parsed;
        ``ruby`` is furigana's source for the Japanese title and body."""
        document = parse_document(circular.body)
        readings: tuple[tuple[str, tuple[RubySegment, ...]], ...] = ()
        if ruby is not None:
            texts = dict.fromkeys([circular.title, *_span_texts(document)])
            readings = tuple((text, tuple(ruby(text))) for text in texts if text)
        bodies = tuple(
            (code, parse_document(body)) for code, (_title, body) in translations if body != circular.body
        )
        titles = tuple(
            (code, title) for code, (title, _body) in translations if title and title != circular.title
        )
        return cls(association, circular, images, pdfs, reader_url, document, form, readings, bodies, titles)


@dataclass(frozen=True)
class GridRow:
    """One household line of the 回覧表: route number and name."""

    number: int
    name: str


@dataclass(frozen=True)
class CopySpec:
    """One copy to print."""

    kind: CopyKind
    han_name: str = ""
    recipient: str = ""  # the household's name on an individual copy
    rows: tuple[GridRow, ...] = ()  # the 回覧表 of a 班 copy, in route order
    return_to: str = ""  # the 班長's household name: where the last household returns the board
    scale: float = 1.0  # 1.5 or 2.0 for large print: text is re-flowed, never shrunk
    size: PaperSize = PaperSize.A4
    # This copy's own QR target instead of the content's board link: an individual copy of a
    # household holding a reader link (/r/{token}/c/{key}, where 「読みました」 can be tapped).
    # Only used when the content has a reader_url (which reserves the room for the code).
    reader_url: str | None = None
    # Answer slips printed after the copy (one for an individual copy, one per household of a
    # 班 copy); ``answer_column``: a 班 copy's 回覧表 gets an answer column instead.
    slips: tuple[AnswerSlip, ...] = ()
    answer_column: bool = False
    furigana: bool = False  # readings above the kanji of title and body (large-print copies)
    # The paper language of an individual copy (a reader language code, checked printable by
    # the caller): headings, instructions and the 確認票 in it. 班 copies and posters: "ja".
    language: str = "ja"


@dataclass(frozen=True)
class RenderedCopy:
    """What rendering one copy produced."""

    pages: int
    missing: tuple[str, ...] = ()  # characters no bundled face can draw (printed as 〓)


def _span_texts(document: Document) -> list[str]:
    """Every span's text of the body's headings, paragraphs and lists (what furigana covers)."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            texts += [span.text for span in block.content]
        elif isinstance(block, ListBlock):
            texts += [span.text for item in block.items for span in item]
    return texts


MIN_FILES_PER_WORKER = 8  # below this a process pool costs more than it saves


class ExportCancelled(Exception):  # noqa: N818 - a request, not an error
    """The batch was cancelled; the files written so far are the caller's to remove."""


@dataclass(frozen=True)
class Job:
    """One output file of a batch: one copy, or several copies combined into one PDF.

    Here, not with the batch (circular_app.pdf.batch): the export plans its files without
    importing reportlab, which only the render processes need.
    """

    copies: tuple[CopySpec, ...]
    path: Path


def hand_to_text(leader_name: str) -> str:
    """Whom an answer slip goes back to: the 班長 by name, else the association's officers."""
    return f"班長の {leader_name} 様" if leader_name else "町会の役員"


class BatchProgress:
    """A batch's results in job order, its progress callback and its cancel request.

    Shared by the two ways a batch is rendered (:func:`circular_app.pdf.batch.render_jobs`
    and :meth:`circular_app.pdf.warm_pool.WarmPool.render_batch`).
    """

    def __init__(
        self, total: int, progress: Callable[[int, int], None] | None, cancel: threading.Event | None
    ) -> None:
        self.total = total
        self._progress = progress
        self._cancel = cancel
        self._results: list[list[RenderedCopy] | None] = [None] * total
        self._done = 0

    def step(self, index: int, result: list[RenderedCopy]) -> None:
        """Record job ``index``'s result and report the progress."""
        self._results[index] = result
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self.total)

    def check(self) -> None:
        """Raise :class:`ExportCancelled` when cancel was asked for."""
        if self._cancel is not None and self._cancel.is_set():
            raise ExportCancelled

    def results(self) -> list[list[RenderedCopy]]:
        """What each job produced, in job order (those done so far)."""
        return [r for r in self._results if r is not None]
