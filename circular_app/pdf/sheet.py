"""The paper circular: header, body, 回覧表 grid, tear-off 確認票 and poster, drawn on a canvas.

:class:`SheetRenderer` holds one circular's :class:`~circular_app.pdf.model.SheetContent`. For
each paper size, text scale and kind of copy it lays the shared part out once (header, title,
body, images) and caches it; a copy then only adds what is its own (the recipient line, the
grid of its 班 or the tear-off) and draws. Every text is set by
:class:`~circular_app.pdf.typeset.Typesetter` in the bundled faces; nothing falls back to a
base-14 font.
"""

from __future__ import annotations

import gettext
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import fiscal_year_label
from circular_app.domain.circulars import Urgency, sender_parts
from circular_app.domain.document import Document, Heading, Inline, ListBlock, Paragraph, Rule, Table
from circular_app.domain.furigana import Segment as RubySegment
from circular_app.pdf.answer_slips import column_text, count_slip_pages, draw_slip_pages
from circular_app.pdf.attachments import append_attachments, count_pages
from circular_app.pdf.fonts import GOTHIC, FontSet, prime
from circular_app.pdf.layout import Item, Paginator, Placed
from circular_app.pdf.model import (
    CopyKind,
    CopySpec,
    PaperSize,
    RenderedCopy,
    RubySource,
    SheetContent,
    SlipForm,
)
from circular_app.pdf.paper_language import PaperText, language_fonts, paper_text
from circular_app.pdf.plain_page import draw_qr
from circular_app.pdf.sheet_items import (
    BLACK,
    GREY,
    LIGHT,
    Geometry,
    grid_row,
    heading_item,
    image_item,
    list_line,
    rule_item,
    table_row,
    two_ends,
)
from circular_app.pdf.typeset import RUBY_LINE_HEIGHT, Line, Typesetter, ascent, draw_line
from circular_app.pdf.watermark import watermark_pdf as watermark_pdf  # callers import it from here

GRID_INSTRUCTION = "ご覧になりましたら押印し、次の方へお回しください。"
GRID_COLUMNS = ("順", "お名前", "確認印", "日付", "備考")
ANSWER_COLUMN = "回答"
POSTER_SCALES = (2.0, 1.8, 1.6, 1.4, 1.2, 1.0)
_A4_WIDTH = PaperSize.A4.points[0]
_PAGE_DIGITS = "0123456789/ "


@dataclass
class _Layout:
    """The shared part of one kind of copy, laid out once."""

    geometry: Geometry
    paginator: Paginator
    running: Item
    primed: dict[str, str]
    missing: frozenset[str]
    fonts: FontSet
    text: PaperText
    # The tear-off 確認票 without its name line, by 班長 (return_to): set once, not per copy.
    tear_offs: dict[str | None, _TearOffParts] = field(default_factory=dict)


@dataclass(frozen=True)
class _TearOffParts:
    """What every 確認票 of one layout and 班長 shares: all its lines but the name."""

    cut: Line
    head: Line
    day: Line
    note: tuple[Line, ...]
    stamp_label: Line
    box_h: float
    missing: frozenset[str]  # characters of these lines that no face has
    primed: dict[str, str]  # their characters by face (see SheetRenderer._primed)


def _spans(content: Inline) -> list[tuple[str, bool]]:
    return [(span.text, span.bold) for span in content]


def _line_item(line: Line, x_offset: float, height: float, keep: bool = False) -> Item:
    size = line.size

    def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
        draw_line(canvas, line, x + x_offset, y - (height - size) / 2 - ascent(size))

    return Item(height, draw, keep_with_next=keep)


def _space(height: float) -> Item:
    return Item(height, space=True)


def _centered(line: Line, width: float) -> float:
    return max(0.0, (width - line.width) / 2)


class SheetRenderer:
    """Renders the copies of one circular; layouts and font subsets are reused between copies."""

    def __init__(self, fonts: FontSet, content: SheetContent, font_dir: Path | None = None) -> None:
        self._fonts = fonts
        self._content = content
        # Where the paper catalogs and the languages' faces are found; without it every copy
        # is Japanese (a copy's ``language`` needs them).
        self._font_dir = font_dir
        self._layouts: dict[tuple[PaperSize, float, CopyKind, str, bool], _Layout] = {}
        readings = dict(content.ruby)
        # Furigana (issue 23): the service read every text of the circular; the rest has none.
        self._ruby: RubySource = lambda text: readings.get(text, (RubySegment(text),))
        self._attachment_pages = sum(count_pages(a.data) for a in content.pdfs)

    # ----- public ---------------------------------------------------------------------------
    def render(self, copy: CopySpec, out: Path | BinaryIO) -> RenderedCopy:
        """Write one copy as a PDF file (attachments appended); return pages and warnings."""
        buffer = io.BytesIO()
        lang = copy.language if copy.kind is CopyKind.INDIVIDUAL and copy.language != "ja" else None
        canvas = self._canvas(buffer, copy, lang)
        pages, missing = self._draw_copy(canvas, copy)
        canvas.save()
        data = append_attachments(buffer.getvalue(), [(0, pages)], self._content.pdfs, self._fonts)
        _write(out, data)
        return RenderedCopy(pages + self._attachment_pages, tuple(sorted(missing, key=ord)))

    def render_combined(self, copies: Sequence[CopySpec], out: Path | BinaryIO) -> list[RenderedCopy]:
        """Write every copy into one PDF, each followed by the attachments."""
        buffer = io.BytesIO()
        canvas = self._canvas(buffer, copies[0])
        results, ranges, start = [], [], 0
        for copy in copies:
            pages, missing = self._draw_copy(canvas, copy)
            ranges.append((start, pages))
            start += pages
            results.append(RenderedCopy(pages + self._attachment_pages, tuple(sorted(missing, key=ord))))
        canvas.save()
        _write(out, append_attachments(buffer.getvalue(), ranges, self._content.pdfs, self._fonts))
        return results

    # ----- drawing --------------------------------------------------------------------------
    def _canvas(self, buffer: BinaryIO, copy: CopySpec, lang: str | None = None) -> Canvas:
        circular = self._content.circular
        canvas = Canvas(
            buffer,
            pagesize=copy.size.points,
            invariant=True,
            initialFontName=GOTHIC,
            initialFontSize=10,
            # The catalog's /Lang of a copy in a paper language (screen readers pick the voice).
            lang=lang,
        )
        canvas.setTitle(f"{circular.label} {circular.title}")
        canvas.setAuthor(self._content.association)
        canvas.setSubject(circular.category.label_ja)
        canvas.setCreator("Kairan Desk")
        return canvas

    def _draw_copy(self, canvas: Canvas, copy: CopySpec) -> tuple[int, set[str]]:
        layout = self._layout(copy)
        typesetter = Typesetter(layout.fonts)
        paginator = layout.paginator.copy()
        tail = self._tail(typesetter, layout, copy)
        context = _Copy(copy, typesetter)
        if copy.kind is CopyKind.HAN:
            paginator.add_together(tail)
        else:
            paginator.add(tail)
        pages = [p for p in paginator.pages if p]
        g = layout.geometry
        form = self._content.form
        slips = copy.slips if form is not None else ()
        margin = g.mm(14)
        slip_pages = (
            count_slip_pages(typesetter, form, slips, (g.width, g.height), margin, copy.scale)
            if form is not None and slips
            else 0
        )
        total = len(pages) + slip_pages + self._attachment_pages
        prime(canvas._doc, layout.fonts, self._primed(layout, copy))
        for number, placed in enumerate(pages, start=1):
            canvas.setPageSize((g.width, g.height))
            if number > 1:
                layout.running.draw(canvas, g.left, g.height - g.top, context)  # type: ignore[misc]
            top = g.height - g.top - (layout.running.height if number > 1 else 0.0)
            self._draw_placed(canvas, placed, g.left, top, context)
            self._draw_footer(canvas, g, number, total)
            canvas.showPage()
        if form is not None and slips:
            c = self._content.circular
            draw_slip_pages(
                canvas,
                typesetter,
                form,
                slips,
                association=self._content.association,
                title=f"{c.label}「{c.title}」",
                page_size=(g.width, g.height),
                margin=margin,
                scale=copy.scale,
            )
        return len(pages) + slip_pages, set(layout.missing) | typesetter.missing

    @staticmethod
    def _primed(layout: _Layout, copy: CopySpec) -> dict[str, str]:
        """The text every copy of this kind shares, by face: the layout's, and the 確認票's.

        Primed first, it fills the shared subsets, so that what is a copy's own (the name)
        makes a small subset of its own, or none when the name's characters are all shared.
        """
        parts = layout.tear_offs.get(copy.return_to) if copy.kind is CopyKind.INDIVIDUAL else None
        if parts is None:
            return layout.primed
        return {
            font: layout.primed.get(font, "") + parts.primed.get(font, "")
            for font in layout.primed.keys() | parts.primed.keys()
        }

    @staticmethod
    def _draw_placed(canvas: Canvas, placed: Sequence[Placed], x: float, top: float, copy: _Copy) -> None:
        for p in placed:
            if p.item.draw is not None:
                p.item.draw(canvas, x, top - p.y, copy)

    def _draw_footer(self, canvas: Canvas, g: Geometry, number: int, total: int) -> None:
        size = g.text(9) / g.scale
        label = f"{number} / {total}"
        width = sum(self._fonts.regular.widths.get(ord(c), 500) for c in label) * size / 1000
        canvas.setFillGray(BLACK)
        canvas.setFont(GOTHIC, size)
        canvas.drawString((g.width - width) / 2, g.bottom / 2, label)

    # ----- shared layout -------------------------------------------------------------------
    def _layout(self, copy: CopySpec) -> _Layout:
        furigana = copy.furigana and bool(self._content.ruby)
        language = copy.language if copy.kind is CopyKind.INDIVIDUAL and self._font_dir else "ja"
        key = (copy.size, copy.scale, copy.kind, language, furigana)
        layout = self._layouts.get(key)
        if layout is None:
            if copy.kind is CopyKind.POSTER:
                layout = self._fit_poster(copy)
            else:
                layout = self._build_layout(copy.size, copy.scale, copy.kind, language, furigana)
            self._layouts[key] = layout
        return layout

    def _fit_poster(self, copy: CopySpec) -> _Layout:
        """The largest poster type that keeps the circular on one sheet."""
        layout = None
        for factor in POSTER_SCALES:
            layout = self._build_layout(copy.size, copy.scale * factor, CopyKind.POSTER)
            if len([p for p in layout.paginator.pages if p]) == 1:
                return layout
        assert layout is not None
        return layout

    def _language(self, code: str) -> tuple[FontSet, PaperText]:
        """The faces and texts of a paper language (the caller checked that its faces exist)."""
        if code == "ja" or self._font_dir is None:
            return self._fonts, _JAPANESE
        fonts = language_fonts(self._font_dir, code)
        if fonts is None:
            raise ValueError(f"no font prints the paper language {code}")
        return fonts, paper_text(self._font_dir, code)

    def _build_layout(
        self, size: PaperSize, scale: float, kind: CopyKind, language: str = "ja", furigana: bool = False
    ) -> _Layout:
        width, height = size.points
        g = Geometry(width, height, width / _A4_WIDTH, scale)
        fonts, text = self._language(language)
        ts = Typesetter(fonts)
        # Furigana reads the Japanese only: a translated body has no readings.
        ruby = self._ruby if furigana else None
        running = self._running_header(ts, g, text)
        items = self._header(ts, g, kind, text, ruby)
        items += self._body(ts, g, self._document(language), ruby)
        items += self._images(g)
        items += self._attachment_note(ts, g, text)
        paginator = Paginator(g.frame_height, g.frame_height - running.height)
        paginator.add(items)
        ts.glyphs([(_PAGE_DIGITS, False)], 10)
        primed = {font: "".join(chars) for font, chars in ts.used.items()}
        return _Layout(g, paginator, running, primed, frozenset(ts.missing), fonts, text)

    def _document(self, language: str) -> Document:
        """The body printed for ``language``: its translation when the content has one."""
        return dict(self._content.bodies).get(language, self._content.document)

    def _running_header(self, ts: Typesetter, g: Geometry, t: PaperText) -> Item:
        c = self._content.circular
        urgent = t("【至急】") if c.urgency is Urgency.URGENT else ""
        line = ts.line(
            f"{urgent}{self._content.association}　{c.label}　{c.title}{t('（つづき）')}",
            g.text(8.5) / g.scale,
        )
        height = g.mm(9)

        def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
            canvas.setFillGray(GREY)
            draw_line(canvas, line, x, y - ascent(line.size))
            canvas.setFillGray(BLACK)
            canvas.setStrokeGray(GREY)
            canvas.setLineWidth(0.4)
            rule_y = y - line.size * 1.4
            canvas.line(x, rule_y, x + g.frame_width, rule_y)

        return Item(height, draw)

    def _header(
        self, ts: Typesetter, g: Geometry, kind: CopyKind, t: PaperText, ruby: RubySource | None = None
    ) -> list[Item]:
        content, c = self._content, self._content.circular
        fw = g.frame_width
        qr_size = g.mm(26 if kind is CopyKind.POSTER else 20) if content.reader_url else 0.0
        meta_size = g.text(10)
        name = ts.line(content.association, g.text(12), bold=True)
        number = ts.line(
            f"{c.label}（{fiscal_year_label(c.fiscal_year)}）" if c.fiscal_year and t.japanese else c.label,
            g.text(12),
            bold=True,
        )
        issued = ts.line(t("発行日　{date}", date=t.date(c.issue_date, weekday=True)), meta_size)
        sender = ts.line("　".join((t("発信"), *sender_parts(c.sender_title, c.sender_name))), meta_size)
        due = ts.line(t("回覧期限　{date}まで", date=t.date(c.due_date, weekday=True)), meta_size, bold=True)
        urgent = ts.line(t("至急"), g.text(15), bold=True) if c.urgency is Urgency.URGENT else None
        corrected = None
        if c.corrected:
            corrected = ts.line(
                t("訂正あり　{date}", date=t.date(c.corrected_at.date()))
                if c.corrected_at
                else t("訂正あり"),
                g.text(9.5),
                bold=True,
            )
        caption = ts.line(t("スマホで読めます"), g.text(7)) if content.reader_url else None
        row = meta_size * 1.7
        right = fw - (qr_size + g.mm(4) if qr_size else 0.0)
        # Scaled up beside a QR code the sender no longer fits after the issue date: a row of its own.
        sender_row = issued.width + g.mm(3) + sender.width > right
        rows = 4 if sender_row else 3
        block = max(row * rows + g.mm(2), qr_size + (caption.size * 1.6 if caption else 0.0))
        badges = [
            (line, line.size * pad) for line, pad in ((urgent, 0.35), (corrected, 0.4)) if line is not None
        ]
        badges_width = sum(line.width + 2 * pad for line, pad in badges) + g.mm(2) * (len(badges) - 1)
        badges_height = max(
            (line.size * (1.35 if line is urgent else 1.6) for line, _ in badges), default=0.0
        )
        # Large print and posters scale the due line and the badges alike, and a dated 「訂正あり」
        # is wide: when they would meet, the badges take a row of their own under the due line.
        own_row = bool(badges) and due.width + g.mm(3) + badges_width > right
        if own_row:
            block = max(block, row * (rows - 1) + g.mm(1) + meta_size * 1.2 + badges_height + g.mm(2))

        def draw(canvas: Canvas, x: float, y: float, copy: _Copy) -> None:
            canvas.setFillGray(BLACK)
            draw_line(canvas, name, x, y - ascent(name.size))
            draw_line(canvas, number, x + right - number.width, y - ascent(number.size))
            y2 = y - row - g.mm(1)
            draw_line(canvas, issued, x, y2 - ascent(meta_size))
            if sender_row:
                # Under the issue date, left-aligned like it: clear of the QR code's caption.
                y2 -= row
                draw_line(canvas, sender, x, y2 - ascent(meta_size))
            else:
                draw_line(canvas, sender, x + right - sender.width, y2 - ascent(meta_size))
            y3 = y2 - row
            draw_line(canvas, due, x, y3 - ascent(meta_size))
            badge_right = x + right
            # On their own row the badges start just below the due line's descenders.
            yb = y3 - meta_size * 1.4 if own_row else y3
            if urgent is not None:
                pad = urgent.size * 0.35
                w, h = urgent.width + 2 * pad, urgent.size * 1.35
                canvas.roundRect(badge_right - w, yb - h + meta_size * 0.2, w, h, pad * 0.6, stroke=0, fill=1)
                canvas.setFillGray(1.0)
                draw_line(canvas, urgent, badge_right - w + pad, yb - h + meta_size * 0.2 + urgent.size * 0.3)
                canvas.setFillGray(BLACK)
                badge_right -= w + g.mm(2)
            if corrected is not None:
                pad = corrected.size * 0.4
                w, h = corrected.width + 2 * pad, corrected.size * 1.6
                canvas.setLineWidth(1.2)
                canvas.rect(badge_right - w, yb - h + meta_size * 0.2, w, h, stroke=1, fill=0)
                draw_line(
                    canvas, corrected, badge_right - w + pad, yb - h + meta_size * 0.2 + corrected.size * 0.42
                )
            if content.reader_url:
                # A household's own link (individual copies) or the circular's board link.
                url = copy.spec.reader_url or content.reader_url
                draw_qr(canvas, url, x + fw - qr_size, y - qr_size, qr_size)
                if caption is not None:
                    draw_line(
                        canvas,
                        caption,
                        x + fw - qr_size + (qr_size - caption.width) / 2,
                        y - qr_size - caption.size * 1.2,
                    )
            canvas.setLineWidth(1.6)
            canvas.setStrokeGray(BLACK)
            canvas.line(x, y - block, x + fw, y - block)

        items = [Item(block + g.mm(1.5), draw), _space(g.mm(3))]
        if kind is not CopyKind.POSTER:
            items.append(self._recipient_band(ts, g, t))
        # The title on one line when it fits at no less than 80 % of its size (60 % on a
        # poster), else in lines of even length rather than a long one and a stub.
        title_size = g.text(26 if kind is CopyKind.POSTER else 18)
        natural = ts.width(c.title, title_size, bold=True)
        shrink = 0.6 if kind is CopyKind.POSTER else 0.8
        if fw < natural <= fw / shrink:
            title_size *= fw / natural * 0.999
            natural = fw * 0.999
        lines_needed = math.ceil(natural / fw)
        title_width = min(fw, natural / lines_needed + title_size * 1.5)
        title_height = title_size * (RUBY_LINE_HEIGHT if ruby else 1.45)
        for line in ts.wrap([(c.title, True)], title_size, title_width, justify=False, ruby=ruby):
            items.append(_line_item(line, _centered(line, fw), title_height, keep=True))
        translated_title = dict(self._content.titles).get(t.code) if not t.japanese else None
        if translated_title:
            # The household's language under the Japanese title (the 回覧 is known by both).
            sub_size = title_size * 0.7
            for line in ts.wrap([(translated_title, True)], sub_size, fw, justify=False):
                items.append(_line_item(line, _centered(line, fw), sub_size * 1.45, keep=True))
        if not t.japanese and t.code not in dict(self._content.bodies):
            # The body stays as written: say so, in the household's language, above it.
            note_size = g.text(10)
            for line in ts.wrap([(t("（本文は日本語のままです）"), False)], note_size, fw, justify=False):
                items.append(_line_item(line, _centered(line, fw), note_size * 1.6, keep=True))
        items.append(_space(g.mm(4)))
        return items

    def _recipient_band(self, ts: Typesetter, g: Geometry, t: PaperText) -> Item:
        """The line naming who the copy is for; same height on every copy, drawn per copy."""
        size = g.text(13)
        note_size = g.text(9.5)
        board_note = ts.line("（回覧板用）", note_size)
        person_note = ts.line(t("（個別にお届けしています）"), note_size)
        to_label = ts.line("回覧先　", size)
        ts.glyphs([(t("{name}　様", name=""), True)], size)  # primed with the layout (_primed)
        height = size * 1.8

        def draw(canvas: Canvas, x: float, y: float, copy: _Copy) -> None:
            own = copy.typesetter
            baseline = y - (height - size) / 2 - ascent(size)
            if copy.spec.kind is CopyKind.INDIVIDUAL:
                name = own.line(t("{name}　様", name=copy.spec.recipient), size, bold=True)
                draw_line(canvas, name, x, baseline)
                draw_line(canvas, person_note, x + name.width + g.mm(2), baseline)
            else:
                draw_line(canvas, to_label, x, baseline)
                han = own.line(copy.spec.han_name, size, bold=True)
                draw_line(canvas, han, x + to_label.width, baseline)
                draw_line(canvas, board_note, x + to_label.width + han.width + g.mm(2), baseline)
            canvas.setLineWidth(0.6)
            canvas.setStrokeGray(BLACK)
            canvas.line(x, y - height + g.mm(0.5), x + g.frame_width, y - height + g.mm(0.5))

        return Item(height, draw)

    def _body(
        self, ts: Typesetter, g: Geometry, document: Document, ruby: RubySource | None = None
    ) -> list[Item]:
        size = g.text(10.5)
        fw = g.frame_width
        # With furigana the lines are taller: the readings sit above each line's text.
        line_height, heading_height = (RUBY_LINE_HEIGHT, RUBY_LINE_HEIGHT) if ruby else (1.7, 1.5)
        items: list[Item] = []
        for block in document.blocks:
            if isinstance(block, Heading):
                h_size = size * {1: 1.4, 2: 1.22, 3: 1.1}.get(block.level, 1.1)
                items.append(_space(size * 0.9))
                lines = ts.wrap(_spans(block.content), h_size, fw - size * 0.8, justify=False, ruby=ruby)
                for i, line in enumerate(lines):
                    items.append(
                        heading_item(line, size * 0.8, h_size * heading_height, i == len(lines) - 1, g)
                    )
                items.append(_space(size * 0.25))
            elif isinstance(block, Paragraph):
                for line in ts.wrap(_spans(block.content), size, fw, ruby=ruby):
                    items.append(_line_item(line, 0.0, size * line_height))
                items.append(_space(size * 0.6))
            elif isinstance(block, ListBlock):
                items += self._list(ts, block, size, fw, ruby)
                items.append(_space(size * 0.6))
            elif isinstance(block, Table):
                items += self._table(ts, block, size, fw)
                items.append(_space(size * 0.8))
            elif isinstance(block, Rule):
                items.append(rule_item(fw, size * 1.2))
        return items

    def _list(
        self, ts: Typesetter, block: ListBlock, size: float, fw: float, ruby: RubySource | None = None
    ) -> list[Item]:
        markers = [f"{block.start + i}." if block.ordered else "・" for i in range(len(block.items))]
        marker_lines = [ts.line(m, size) for m in markers]
        indent = size * 0.5
        hang = max(m.width for m in marker_lines) + size * 0.5
        items: list[Item] = []
        for marker, content in zip(marker_lines, block.items, strict=True):
            lines = ts.wrap(_spans(content), size, fw - indent - hang, ruby=ruby)
            height = size * (RUBY_LINE_HEIGHT if ruby else 1.7)
            for i, line in enumerate(lines):
                items.append(list_line(line, marker if i == 0 else None, indent, hang, height))
        return items

    def _table(self, ts: Typesetter, block: Table, size: float, fw: float) -> list[Item]:
        rows = ([block.header] if block.header else []) + list(block.rows)
        columns = max(len(r) for r in rows)
        pad = size * 0.5
        natural = [size * 2.0] * columns
        for row in rows:
            for i, cell in enumerate(row):
                natural[i] = max(natural[i], ts.width(_plain(cell), size, bold=row is block.header) + 2 * pad)
        total = sum(natural)
        widths = [w * fw / total for w in natural] if total > fw else natural
        header_item: Item | None = None
        items: list[Item] = []
        for row in rows:
            is_header = bool(block.header) and row is block.header
            cells = [
                ts.wrap(_spans(row[i]) if i < len(row) else [], size, widths[i] - 2 * pad, justify=False)
                for i in range(columns)
            ]
            if is_header:
                cells = [
                    [ts.line(_plain(row[i]) if i < len(row) else "", size, bold=True)] for i in range(columns)
                ]
            height = max(len(c) for c in cells) * size * 1.5 + 2 * pad * 0.8
            item = table_row(cells, widths, height, size, pad, is_header, header_item)
            if is_header:
                header_item = item
            items.append(item)
        return items

    def _images(self, g: Geometry) -> list[Item]:
        items: list[Item] = []
        for image in self._content.images:
            reader = ImageReader(io.BytesIO(image.data))
            iw, ih = reader.getSize()
            max_w, max_h = g.frame_width, g.frame_height * 0.55
            factor = min(max_w / iw, max_h / ih)
            w, h = iw * factor, ih * factor
            items.append(_space(g.mm(3)))
            items.append(image_item(image.data, (g.frame_width - w) / 2, w, h))
        return items

    def _attachment_note(self, ts: Typesetter, g: Geometry, t: PaperText) -> list[Item]:
        if not self._content.pdfs:
            return []
        size = g.text(9.5)
        names = t("、").join(
            t("{name}（{pages}ページ）", name=a.name, pages=count_pages(a.data)) for a in self._content.pdfs
        )
        items = [_space(size)]
        note = t("添付資料：{names}　このあとに綴じてあります。", names=names)
        for line in ts.wrap([(note, False)], size, g.frame_width):
            items.append(_line_item(line, 0.0, size * 1.6))
        return items

    # ----- per-copy tail -------------------------------------------------------------------
    def _tail(self, ts: Typesetter, layout: _Layout, copy: CopySpec) -> list[Item]:
        g = layout.geometry
        if copy.kind is CopyKind.HAN:
            return self._grid(ts, g, copy)
        if copy.kind is CopyKind.INDIVIDUAL:
            return [_space(g.mm(4)), self._tear_off(ts, layout, copy)]
        return []

    def _grid(self, ts: Typesetter, g: Geometry, copy: CopySpec) -> list[Item]:
        """The 回覧表: one row per household in route order, a hanko square of ≥ 15 mm each."""
        fw = g.frame_width
        c = self._content.circular
        title = ts.line(f"回覧表（{copy.han_name}）", g.text(14), bold=True)
        ident = ts.line(f"{c.label}「{c.title}」", g.text(9))
        instruction = ts.wrap([(GRID_INSTRUCTION, True)], g.text(11), fw)
        back = f"班長の {copy.return_to} 様" if copy.return_to else "班長"
        return_note = ts.wrap([(f"最後の方は、{back}へお戻しください。", False)], g.text(11), fw)
        row_height = max(g.mm(17), g.text(13) * 2.6)
        stamp = row_height  # a square: as wide as the row is high (≥ 17 mm)
        number_w, date_w = g.mm(11) * max(1.0, g.scale * 0.8), g.mm(26) * max(1.0, g.scale * 0.8)
        rest = fw - number_w - stamp - date_w
        form = self._content.form if copy.answer_column else None
        widths = [number_w, rest * (0.42 if form else 0.58), stamp, date_w, rest * (0.58 if form else 0.42)]
        head_size = g.text(10.5)
        head_cells = []
        labels = GRID_COLUMNS if form is None else (*GRID_COLUMNS[:4], ANSWER_COLUMN)
        for label, width in zip(labels, widths, strict=True):
            natural = ts.width(label, head_size, bold=True)
            fitted = min(head_size, head_size * (width - g.mm(2)) / natural)  # 確認印 at 200 %
            head_cells.append([ts.line(label, fitted, bold=True)])
        header = table_row(head_cells, widths, head_size * 2.2, head_size, g.mm(1.5), True, None, center=True)
        date_guide = ts.line("月　　　日", g.text(9))
        name_size = g.text(13)
        answer_cell = (
            ts.wrap([(column_text(form), False)], g.text(8.5), widths[4] - g.mm(3), justify=False)[:2]
            if form is not None
            else []
        )
        rows: list[Item] = []
        for row in copy.rows:
            cells = [
                [ts.line(str(row.number), name_size)],
                ts.wrap([(row.name, False)], name_size, widths[1] - g.mm(3), justify=False)[:2],
                [],
                [],
                answer_cell,
            ]
            rows.append(grid_row(cells, widths, row_height, name_size, g.mm(1.5), header, date_guide))
        head = [
            Item(title.size * 1.6, two_ends(title, ident, fw), keep_with_next=True),
            *[_line_item(line, 0.0, line.size * 1.6, keep=True) for line in instruction],
            *[_line_item(line, 0.0, line.size * 1.6, keep=True) for line in return_note],
            *self._answer_legend(ts, g, form),
            Item(g.mm(2), None, keep_with_next=True),
            header,
        ]
        return [_space(g.mm(6)), *head, *rows]

    def _answer_legend(self, ts: Typesetter, g: Geometry, form: SlipForm | None) -> list[Item]:
        """Above a 回覧表 with an answer column: the questions, how to answer and the deadline."""
        if form is None:
            return []
        size = g.text(10)
        texts = [f"{ANSWER_COLUMN}：答えに○を付けてください（数は書き込み）。締め切り　{form.deadline}まで"]
        for q in form.questions:
            choices = (
                "・".join(q.options) if q.options else ("数" if q.kind == "number" else "記述（別紙可）")
            )
            texts.append(f"問{q.number}　{q.text}　［{choices}］")
        lines = [
            line for text in texts for line in ts.wrap([(text, False)], size, g.frame_width, justify=False)
        ]
        return [_line_item(line, 0.0, size * 1.55, keep=True) for line in lines]

    def _tear_off_parts(self, layout: _Layout, return_to: str | None) -> _TearOffParts:
        """The lines of a 確認票 that do not name its household, set once per layout and 班長."""
        parts = layout.tear_offs.get(return_to)
        if parts is not None:
            return parts
        g, t = layout.geometry, layout.text
        ts = Typesetter(layout.fonts)
        c = self._content.circular
        size = g.text(10)
        back = t("班長（{name} 様）", name=return_to) if return_to else t("班長")
        note = ts.wrap(
            [
                (
                    t("お読みになりましたら、この票を切り取り、押印して{back}へお渡しください。", back=back),
                    False,
                )
            ],
            g.text(8.5),
            g.frame_width - g.mm(30),
        )
        stamp = g.mm(16)
        label_size = g.mm(9)
        # 「印」 fills the box; a longer word (Sign, Ký tên) is set smaller to fit inside it.
        label_size *= min(1.0, (stamp - g.mm(3)) / max(ts.width(t("印"), label_size), 1.0))
        ts.glyphs([(t("お名前　{name}　様", name=""), False)], size)  # the name line's own words
        parts = _TearOffParts(
            cut=ts.line(t("キリトリ"), g.text(8)),
            head=ts.line(t("確認票　{label}「{title}」", label=c.label, title=c.title), size, bold=True),
            day=ts.line(t("確認日　　　　月　　　日"), size),
            note=tuple(note),
            stamp_label=ts.line(t("印"), label_size),
            box_h=max(stamp + g.mm(8), size * 1.8 * 3 + sum(line.size * 1.5 for line in note) + g.mm(4)),
            missing=frozenset(ts.missing),
            primed={font: "".join(chars) for font, chars in ts.used.items()},
        )
        layout.tear_offs[return_to] = parts
        return parts

    def _tear_off(self, ts: Typesetter, layout: _Layout, copy: CopySpec) -> Item:
        """The 確認票 at the foot of the last page, behind a dashed cut line."""
        g = layout.geometry
        fw = g.frame_width
        size = g.text(10)
        parts = self._tear_off_parts(layout, copy.return_to)
        ts.missing |= parts.missing
        cut, head, day, note, stamp_label = parts.cut, parts.head, parts.day, parts.note, parts.stamp_label
        name = ts.line(layout.text("お名前　{name}　様", name=copy.recipient), size)
        stamp = g.mm(16)
        box_h = parts.box_h
        height = g.mm(9) + box_h

        def draw(canvas: Canvas, x: float, y: float, _copy: Any) -> None:
            canvas.setStrokeGray(BLACK)
            canvas.setLineWidth(0.7)
            canvas.setDash(4, 3)
            mid = y - g.mm(3)
            gap = cut.width + g.mm(4)
            canvas.line(x, mid, x + (fw - gap) / 2, mid)
            canvas.line(x + (fw + gap) / 2, mid, x + fw, mid)
            canvas.setDash()
            canvas.setFillGray(GREY)
            draw_line(canvas, cut, x + (fw - cut.width) / 2, mid - cut.size * 0.35)
            canvas.setFillGray(BLACK)
            top = y - g.mm(9)
            canvas.setLineWidth(0.8)
            canvas.rect(x, top - box_h, fw, box_h, stroke=1, fill=0)
            cx, cy = x + g.mm(4), top - g.mm(3)
            for line in (head, name, day):
                draw_line(canvas, line, cx, cy - ascent(line.size))
                cy -= size * 1.8
            for line in note:
                draw_line(canvas, line, cx, cy - ascent(line.size))
                cy -= line.size * 1.5
            sx = x + fw - stamp - g.mm(6)
            sy = top - g.mm(4) - stamp
            canvas.setLineWidth(0.6)
            canvas.rect(sx, sy, stamp, stamp, stroke=1, fill=0)
            canvas.setFillGray(LIGHT)
            draw_line(
                canvas,
                stamp_label,
                sx + (stamp - stamp_label.width) / 2,
                sy + (stamp - stamp_label.size) / 2 + stamp_label.size * 0.12,
            )
            canvas.setFillGray(BLACK)

        return Item(height, draw, bottom=True)


_JAPANESE = PaperText("ja", gettext.NullTranslations())


@dataclass(frozen=True)
class _Copy:
    """What an item's draw callback gets to know about the copy being drawn."""

    spec: CopySpec
    typesetter: Typesetter  # sets the copy's own text (names) and collects its missing characters


def _plain(content: Inline) -> str:
    return "".join(span.text for span in content)


def _write(out: Path | BinaryIO, data: bytes) -> None:
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)
