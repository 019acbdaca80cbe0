"""The one-page guide for 班長 in やさしい日本語, and its copy shipped in docs/."""

from __future__ import annotations

from pathlib import Path

from circular_app.paths import bundle_root
from circular_app.pdf.safety_guide import render_safety_guide
from tests.pdf.helpers import font_problems, page_count, pdftotext_lines

DOCS_COPY = bundle_root() / "docs" / "safety-guide-hancho.pdf"


def _text(path: Path) -> str:
    return "".join("".join(pdftotext_lines(path)).split())


def test_guide_is_one_page_of_plain_steps_and_docs_has_the_current_copy(tmp_path: Path) -> None:
    """One page, fonts embedded, the steps readable back; docs/ ships the same text."""
    path = tmp_path / "guide.pdf"
    assert render_safety_guide(path, bundle_root() / "resources" / "fonts") == set()
    assert page_count(path) == 1 and font_problems(path) == []
    text = _text(path)
    for phrase in ("安否確認のしかた", "順番に、電話をかけます", "□に印をつけます", "役員に知らせます"):
        assert phrase in text
    assert _text(DOCS_COPY) == text  # regenerate: python -m circular_app safety guide --out docs/…
