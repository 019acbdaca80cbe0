"""Furigana on large-print copies (issue 23): readings drawn small above the kanji, base text whole."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from circular_app.furigana import Furigana
from circular_app.pdf.fonts import FontSet
from circular_app.pdf.model import CopyKind, CopySpec, SheetContent
from circular_app.pdf.sheet import SheetRenderer
from circular_app.pdf.typeset import Typesetter
from tests.pdf.helpers import make_circular, pdftotext_lines

BODY = "# 避難訓練\n\n町会の避難訓練を行います。班長は回覧をお願いします。\n\n- 集合：金沢の見本公園"


def _copy(furigana: bool) -> CopySpec:
    return CopySpec(CopyKind.INDIVIDUAL, "3班", recipient="見本\u3000太郎", scale=1.5, furigana=furigana)


def _content() -> SheetContent:
    circular = make_circular(title="総会のお知らせ", body=BODY)
    return SheetContent.of("見本町会", circular, ruby=Furigana({"金沢": "かなざわ"}).segments)


def _sizes_of(data: bytes) -> dict[str, set[float]]:
    """Text drawn on the first page by font size: {text: sizes}."""
    found: dict[str, set[float]] = {}

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            found.setdefault(text.strip(), set()).add(round(size * tm[0], 1))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def test_large_print_with_furigana_reads_back(fonts: FontSet, tmp_path: Path) -> None:
    """The base text reads back whole; the readings are there, smaller, and only with furigana."""
    content = _content()
    plain, ruby = tmp_path / "plain.pdf", tmp_path / "ruby.pdf"
    SheetRenderer(fonts, content).render(_copy(False), plain)
    SheetRenderer(fonts, content).render(_copy(True), ruby)
    with_ruby = "\n".join(pdftotext_lines(ruby))
    without = "\n".join(pdftotext_lines(plain))
    for base in (
        "総会のお知らせ",
        "町会の避難訓練を行います。班長は回覧をお願いします。",
        "集合：金沢の見本公園",
    ):
        assert base in with_ruby.replace("\n", "") and base in without.replace("\n", "")
    for reading in ("ひなん", "くんれん", "ちょうかい", "はんちょう", "かいらん", "かなざわ", "そうかい"):
        assert reading in with_ruby and reading not in without
    assert "おこな" in with_ruby  # 行(おこな)います: only the kanji carries it
    sizes = _sizes_of(ruby.read_bytes())
    body_size = max(sizes["町会の避難訓練を行います。班長は回覧をお願いします。"])
    assert max(sizes["はんちょう"]) <= body_size * 0.5 + 0.1


def test_a_base_is_never_split(fonts: FontSet) -> None:
    """A word with a reading stays on one line even where a break would fall inside it."""
    ts = Typesetter(fonts)
    text = "あ" * 9 + "避難訓練"
    assert [line.text for line in ts.wrap([(text, False)], 10, 105)] == ["あ" * 9 + "避", "難訓練"]
    lines = ts.wrap([(text, False)], 10, 105, ruby=Furigana().segments)
    assert [line.text for line in lines] == ["あ" * 9, "避難訓練"]
    assert [(m.line.text, m.x, m.width) for m in lines[1].ruby] == [
        ("ひなん", 0.0, 20.0),
        ("くんれん", 20.0, 20.0),
    ]
