"""The paper copies read back: text, grid order, pages, fonts, marks, sizes, determinism."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.circulars import Urgency
from circular_app.pdf import sheet
from circular_app.pdf.fonts import FontSet
from circular_app.pdf.model import (
    CopyKind,
    CopySpec,
    GridRow,
    ImageAttachment,
    PaperSize,
    PdfAttachment,
    SheetContent,
)
from circular_app.pdf.sheet import GRID_INSTRUCTION, SheetRenderer
from circular_app.pdf.typeset import NO_LINE_START, Line, draw_line
from tests.pdf.helpers import (
    HAVE_POPPLER,
    font_problems,
    make_circular,
    page_count,
    page_size_mm,
    page_texts,
    pdffonts_rows,
    pdftotext_lines,
    text_of,
)

MEMBERS = ("髙橋\u3000一郎", "山﨑\u3000幸子", "𠮷田\u3000太郎", "佐藤\u3000花子", "鈴木\u3000健一")
ROWS = tuple(GridRow(i, name) for i, name in enumerate(MEMBERS, start=1))
BODY = (
    "# 日時と場所\n"
    "- 日時：12月6日（日）午前9時から\n- 場所：見本公園（雨天時は公民館）\n\n"
    "当日は、**軍手**をお持ちください。「自分の家の備えを見直したい」「避難経路を確認したい」"
    "という方のために、相談コーナー（公民館二階）を設けます。\n\n"
    "| 班 | 担当 |\n|---|---|\n| 1班 | 公園 |\n| 2班 | 用水路 |\n\n"
    "1. 受付\n2. 訓練\n"
)
LONG_BODY = "\n\n".join(
    ["　" + "町会員の皆様へ。日頃より町会活動にご理解とご協力をいただき、誠にありがとうございます。" * 6] * 6
)


def _render(fonts: FontSet, copy: CopySpec, **changes: object) -> bytes:
    content = SheetContent.of("見本町会", make_circular(**{"body": BODY, **changes}))
    out = io.BytesIO()
    SheetRenderer(fonts, content).render(copy, out)
    return out.getvalue()


def _han(scale: float = 1.0, size: PaperSize = PaperSize.A4) -> CopySpec:
    return CopySpec(CopyKind.HAN, "3班", rows=ROWS, return_to="髙橋\u3000一郎", scale=scale, size=size)


def _individual(scale: float = 1.0) -> CopySpec:
    return CopySpec(
        CopyKind.INDIVIDUAL, "3班", recipient="𠮷田\u3000太郎", return_to="髙橋\u3000一郎", scale=scale
    )


def test_han_copy_has_title_and_header(fonts: FontSet) -> None:
    """Title, association, 回覧No., issue date in 和暦, sender and due date are printed."""
    text = text_of(_render(fonts, _han()))
    for expected in (
        "防災訓練のご案内",
        "見本町会",
        "回覧No.12",
        "令和8年11月24日",
        "見本 太郎",
        "令和8年12月8日",
    ):
        assert expected in text


def test_sender_named_after_the_role_is_printed_once(fonts: FontSet) -> None:
    """A new profile's administrator named 会長 under the default title 会長: 「発信　会長」, not twice."""
    text = text_of(_render(fonts, _han(), sender_title="会長", sender_name="会長"))
    assert "発信" in text and text.count("会長") == 1, text


def test_grid_lists_every_household_in_route_order(fonts: FontSet) -> None:
    """The 回覧表 has each household once, in route order, with the instruction."""
    text = text_of(_render(fonts, _han()))
    positions = [text.index(name) for name in MEMBERS]
    assert positions == sorted(positions)
    assert GRID_INSTRUCTION in text
    for column in ("順", "お名前", "確認印", "日付", "備考"):
        assert column in text


def test_grid_names_the_han_leader_to_return_to(fonts: FontSet) -> None:
    """The last household is told to return the board to the 班長 by name."""
    assert "最後の方は、班長の 髙橋\u3000一郎 様へお戻しください。" in text_of(_render(fonts, _han()))


def test_page_numbers_count_every_page(fonts: FontSet) -> None:
    """Each page says "n / N" with N the number of pages."""
    pages = page_texts(_render(fonts, _han(), body=LONG_BODY))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text


def test_every_font_is_an_embedded_truetype_program(fonts: FontSet) -> None:
    """No page refers to a base-14 font or an unembedded one (pypdf font dictionaries)."""
    assert font_problems(_render(fonts, _han(), urgency=Urgency.URGENT)) == []


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_pdffonts_shows_every_font_embedded(fonts: FontSet, tmp_path: Path) -> None:
    """pdffonts lists only embedded, subset TrueType fonts with a ToUnicode map."""
    path = tmp_path / "han.pdf"
    path.write_bytes(_render(fonts, _han()))
    rows = pdffonts_rows(path)
    assert rows and all(r[1] == "TrueType" and r[-5:-2] == ["yes", "yes", "yes"] for r in rows)
    assert not any("Helvetica" in r[0] for r in rows)


def test_rare_and_old_kanji_are_in_the_text_layer(fonts: FontSet) -> None:
    """𠮷 (fallback face), 髙 and 﨑 are printed and extractable."""
    text = text_of(_render(fonts, _han()))
    assert "𠮷田" in text and "髙橋" in text and "山﨑" in text


def test_ideographic_space_is_kept_in_the_text_layer(fonts: FontSet) -> None:
    """The U+3000 between family and given name is still there on extraction."""
    assert "佐藤\u3000花子" in text_of(_render(fonts, _han()))


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_no_printed_line_starts_with_closing_punctuation(fonts: FontSet, tmp_path: Path) -> None:
    """In the PDF of a long paragraph no line begins with 、。」） (kinsoku on the page)."""
    body = "当日は、「自分の家の備えを見直したい」（相談）という方のため、会場に相談コーナーを設けます。" * 12
    path = tmp_path / "long.pdf"
    path.write_bytes(_render(fonts, _individual(), body=body))
    lines = pdftotext_lines(path)
    assert len(lines) > 10
    assert [line for line in lines if line[0] in NO_LINE_START] == []


def test_body_blocks_are_rendered(fonts: FontSet) -> None:
    """Heading, list items, bold text, table cells and numbered items all reach the page."""
    text = text_of(_render(fonts, _han()))
    for expected in ("日時と場所", "日時：12月6日", "軍手", "用水路", "1.", "受付"):
        assert expected in text


def test_individual_copy_names_the_household_and_has_a_tear_off(fonts: FontSet) -> None:
    """The household's name is on top, the 確認票 below, and there is no stamp grid."""
    text = text_of(_render(fonts, _individual()))
    assert "𠮷田\u3000太郎\u3000様" in text
    assert "確認票" in text and "確認日" in text and "キリトリ" in text
    assert "回覧表" not in text and GRID_INSTRUCTION not in text


def test_large_print_reflows_onto_more_pages(fonts: FontSet) -> None:
    """At 150 % a long body takes more pages than at 100 % (re-flowed, not shrunk)."""
    normal = page_count(_render(fonts, _individual(), body=LONG_BODY))
    large = page_count(_render(fonts, _individual(1.5), body=LONG_BODY))
    larger = page_count(_render(fonts, _individual(2.0), body=LONG_BODY))
    assert normal < large < larger


def test_urgent_circular_is_marked(fonts: FontSet) -> None:
    """至急 is printed for an urgent circular and not for a normal one."""
    assert "至急" in text_of(_render(fonts, _han(), urgency=Urgency.URGENT))
    assert "至急" not in text_of(_render(fonts, _han()))


def test_corrected_circular_shows_the_correction_date(fonts: FontSet) -> None:
    """A corrected circular carries 訂正 with the date of the correction."""
    text = text_of(_render(fonts, _han(), version=2, corrected_at=dt.datetime(2026, 11, 26, 10, 0)))
    assert "訂正あり" in text and "令和8年11月26日" in text


@pytest.mark.parametrize(
    ("size", "mm"), [(PaperSize.A4, (210, 297)), (PaperSize.B4, (257, 364)), (PaperSize.A3, (297, 420))]
)
def test_paper_sizes(fonts: FontSet, size: PaperSize, mm: tuple[int, int]) -> None:
    """A4, JIS B4 and A3 pages have their sizes in millimetres."""
    assert page_size_mm(_render(fonts, _han(size=size))) == mm


def test_poster_is_one_a3_page_without_names(fonts: FontSet) -> None:
    """The notice-board poster fits on one A3 sheet and names no household."""
    pdf = _render(fonts, CopySpec(CopyKind.POSTER, size=PaperSize.A3))
    assert (page_count(pdf), page_size_mm(pdf)) == (1, (297, 420))
    assert "防災訓練のご案内" in text_of(pdf) and "髙橋" not in text_of(pdf)


def _qr_squares(pdf: bytes) -> int:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().count(b" re")  # type: ignore[union-attr]


def test_qr_code_printed_only_with_a_reader_url(fonts: FontSet) -> None:
    """With a reader URL the sheet carries a QR code (many squares); without one it has none."""
    content = SheetContent.of("見本町会", make_circular(body=BODY), reader_url="https://example.jp/r/abc123")
    with_url = io.BytesIO()
    SheetRenderer(fonts, content).render(_individual(), with_url)
    without = _render(fonts, _individual())
    assert _qr_squares(with_url.getvalue()) > _qr_squares(without) + 50
    assert "スマホで読めます" in text_of(with_url.getvalue())


def _attachment(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, initialFontName="BIZUDPGothic")
    for number in range(1, pages + 1):
        canvas.setFont("BIZUDPGothic", 14)
        canvas.drawString(72, 700, f"添付の地図 {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_attached_pdf_pages_are_appended_in_order(fonts: FontSet) -> None:
    """Attachment pages follow the sheet in order and carry the copy's page numbers."""
    plain = page_count(_render(fonts, _han()))
    pdfs = (PdfAttachment("地図.pdf", _attachment(2)), PdfAttachment("表.pdf", _attachment(1)))
    content = SheetContent.of("見本町会", make_circular(body=BODY), pdfs=pdfs)
    out = io.BytesIO()
    result = SheetRenderer(fonts, content).render(_han(), out)
    pages = page_texts(out.getvalue())
    assert len(pages) == result.pages == plain + 3
    assert ["添付の地図 1" in pages[-3], "添付の地図 2" in pages[-2], "添付の地図 1" in pages[-1]] == [
        True
    ] * 3
    assert f"{plain + 3} / {plain + 3}" in pages[-1]
    assert "地図.pdf（2ページ）" in text_of(out.getvalue())


def test_image_attachment_is_drawn_in_the_body(fonts: FontSet) -> None:
    """An attached image is placed on the sheet as an image XObject."""
    image = io.BytesIO()
    Image.new("RGB", (400, 200), (200, 30, 30)).save(image, "PNG")
    content = SheetContent.of(
        "見本町会", make_circular(body=BODY), images=(ImageAttachment("a.png", image.getvalue()),)
    )
    out = io.BytesIO()
    SheetRenderer(fonts, content).render(_individual(), out)
    assert b"/Subtype /Image" in out.getvalue()


def test_same_input_gives_identical_bytes(fonts: FontSet) -> None:
    """Rendering the same copy twice (fresh renderers) gives byte-identical files."""
    assert _render(fonts, _han()) == _render(fonts, _han())


def test_missing_character_is_reported(fonts: FontSet) -> None:
    """A name with a character no bundled face has comes back as a warning, not a blank."""
    content = SheetContent.of("見本町会", make_circular(body=BODY))
    copy = dataclasses.replace(_han(), rows=(*ROWS, GridRow(6, "金한수")))
    result = SheetRenderer(fonts, content).render(copy, io.BytesIO())
    assert result.missing == ("수", "한")  # in code point order


def test_every_tear_off_reports_its_han_leaders_missing_character(fonts: FontSet) -> None:
    """The 確認票's fixed lines are set once per 班長; each copy still reports what they lack.

    The second and third copies reuse the first one's lines (only the household's name is set
    again), and the 班長's 한 (no bundled face has it) is reported for each of them.
    """
    content = SheetContent.of("見本町会", make_circular(body=BODY))
    renderer = SheetRenderer(fonts, content)
    results = [
        renderer.render(CopySpec(CopyKind.INDIVIDUAL, "3班", recipient=name, return_to="金한"), out)
        for name, out in (
            ("佐藤\u3000花子", io.BytesIO()),
            ("鈴木\u3000健一", io.BytesIO()),
            ("𠮷田", io.BytesIO()),
        )
    ]
    assert [r.missing for r in results] == [("한",)] * 3
    other = io.BytesIO()
    renderer.render(CopySpec(CopyKind.INDIVIDUAL, "3班", recipient="佐藤", return_to="髙橋\u3000一郎"), other)
    page = page_texts(other.getvalue())[0].replace("\n", "")
    assert "班長（髙橋\u3000一郎 様）へお渡しください" in page  # another 班長: set anew, not reused


def test_a_copys_own_font_subsets_hold_only_its_name(fonts: FontSet, monkeypatch: pytest.MonkeyPatch) -> None:
    """The words around the name (the 確認票's, 「様」) are in the subsets every copy shares:
    what a copy embeds of its own is the characters of its household's name, nothing else."""
    from circular_app.pdf import fonts as font_module

    content = SheetContent.of("見本町会", make_circular(body=BODY))
    renderer = SheetRenderer(fonts, content)
    renderer.render(
        CopySpec(CopyKind.INDIVIDUAL, "3班", recipient="佐藤　花子", return_to="髙橋　一郎"), io.BytesIO()
    )
    made: list[str] = []
    original = font_module.EmbeddedFont._cached

    def spy(self: font_module.EmbeddedFont, subset: list[int], base_name: str, doc: Any) -> Any:
        if (*subset, *base_name.encode()) not in self._files:
            made.append("".join(chr(c) for c in subset if c > 0x20))
        return original(self, subset, base_name, doc)

    monkeypatch.setattr(font_module.EmbeddedFont, "_cached", spy)
    renderer.render(
        CopySpec(CopyKind.INDIVIDUAL, "3班", recipient="鷲尾　鶴子", return_to="髙橋　一郎"), io.BytesIO()
    )
    assert made and all(set(chars) <= set("鷲尾　鶴子") for chars in made), made


def test_combined_file_holds_every_copy(fonts: FontSet) -> None:
    """A combined PDF has the pages of all copies, each numbered on its own."""
    content = SheetContent.of("見本町会", make_circular(body=BODY))
    renderer = SheetRenderer(fonts, content)
    out = io.BytesIO()
    results = renderer.render_combined([_han(), _individual(), _individual(1.5)], out)
    assert page_count(out.getvalue()) == sum(r.pages for r in results)
    assert text_of(out.getvalue()).count("1 / ") == 3


def test_combined_file_keeps_every_copys_own_text(fonts: FontSet) -> None:
    """Names that only one copy of a combined PDF uses all survive (subsets are not reset)."""
    content = SheetContent.of("見本町会", make_circular(body=BODY))
    copies = [
        CopySpec(CopyKind.INDIVIDUAL, "3班", recipient=name)
        for name in ("鷲尾\u3000鶴子", "鷺沼\u3000鳩", "鴨井\u3000鷹")
    ]
    out = io.BytesIO()
    SheetRenderer(fonts, content).render_combined(copies, out)
    pages = page_texts(out.getvalue())
    assert [
        "鷲尾\u3000鶴子\u3000様" in pages[0],
        "鷺沼\u3000鳩\u3000様" in pages[1],
        "鴨井\u3000鷹\u3000様" in pages[2],
    ] == [True] * 3


Box = tuple[float, float, float, float]


def _drawn_boxes(
    fonts: FontSet, copy: CopySpec, monkeypatch: pytest.MonkeyPatch, reader_url: str | None, urgent: bool
) -> tuple[list[tuple[str, Box]], list[Box]]:
    """Every text line (with its box) and rectangle a corrected circular draws, as (x0, y0, x1, y1)."""
    lines: list[tuple[str, Box]] = []
    rects: list[Box] = []

    def spy_line(canvas: Canvas, line: Line, x: float, baseline: float) -> None:
        box = (
            x,
            baseline - line.size * 0.12,
            x + line.width + line.char_space * len(line.text),
            baseline + line.size * 0.88,
        )
        lines.append((line.text, box))
        draw_line(canvas, line, x, baseline)

    def spy(name: str) -> Any:
        original = getattr(Canvas, name)

        def record(
            canvas: Canvas, x: float, y: float, width: float, height: float, *args: Any, **kw: Any
        ) -> Any:
            rects.append((x, y, x + width, y + height))
            return original(canvas, x, y, width, height, *args, **kw)

        return record

    monkeypatch.setattr(sheet, "draw_line", spy_line)
    for name in ("rect", "roundRect"):
        monkeypatch.setattr(Canvas, name, spy(name))
    circular = make_circular(
        body=BODY,
        corrected_at=dt.datetime(2026, 11, 26, 9),
        version=2,
        urgency=Urgency.URGENT if urgent else Urgency.NORMAL,
    )
    content = SheetContent.of("見本町会", circular, reader_url=reader_url)
    SheetRenderer(fonts, content).render(copy, io.BytesIO())
    return lines, rects


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


HEADER_COPIES = pytest.mark.parametrize(
    "copy",
    [
        _individual(),
        _individual(scale=1.5),
        _individual(scale=2.0),
        CopySpec(CopyKind.POSTER, size=PaperSize.A3),
        CopySpec(CopyKind.POSTER, size=PaperSize.A4),
    ],
    ids=["normal", "large150", "large200", "poster-a3", "poster-a4"],
)


@pytest.mark.parametrize("urgent", [False, True])
@pytest.mark.parametrize("reader_url", [None, "https://example.jp/r/abc123"])
@HEADER_COPIES
def test_correction_box_never_covers_the_due_date(
    fonts: FontSet, monkeypatch: pytest.MonkeyPatch, copy: CopySpec, reader_url: str | None, urgent: bool
) -> None:
    """The 「訂正あり」 box (and 至急) is drawn clear of 「回覧期限 … まで」 in every size, with or without QR."""
    lines, rects = _drawn_boxes(fonts, copy, monkeypatch, reader_url, urgent)
    due = next(box for text, box in lines if text.startswith("回覧期限"))
    assert rects, "a corrected circular draws its correction box"
    assert not [r for r in rects if _overlap(due, r)], due


@pytest.mark.parametrize("reader_url", [None, "https://example.jp/r/abc123"])
@HEADER_COPIES
def test_correction_box_covers_no_other_text(
    fonts: FontSet, monkeypatch: pytest.MonkeyPatch, copy: CopySpec, reader_url: str | None
) -> None:
    """Moved below the due line, the 「訂正あり」 box still covers no other text (sender, title, band)."""
    lines, rects = _drawn_boxes(fonts, copy, monkeypatch, reader_url, urgent=True)
    mark = next(box for text, box in lines if text.startswith("訂正あり"))
    box = next(r for r in rects if _overlap(mark, r))
    others = [text for text, b in lines if not text.startswith(("訂正あり", "至急")) and _overlap(box, b)]
    assert others == []


@pytest.mark.parametrize("reader_url", [None, "https://example.jp/r/abc123"])
@HEADER_COPIES
def test_header_lines_never_overlap(
    fonts: FontSet, monkeypatch: pytest.MonkeyPatch, copy: CopySpec, reader_url: str | None
) -> None:
    """Issue date, sender and due date stay apart at every size (the sender takes a row of its own)."""
    lines, _rects = _drawn_boxes(fonts, copy, monkeypatch, reader_url, urgent=True)
    header = [box for text, box in lines if text.startswith(("発行日", "発信", "回覧期限"))]
    assert len(header) == 3
    assert not [(a, b) for i, a in enumerate(header) for b in header[i + 1 :] if _overlap(a, b)]
