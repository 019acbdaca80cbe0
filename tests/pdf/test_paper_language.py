"""Paper in the household's language (issue 23): individual copies and invitation slips read back."""

from __future__ import annotations

import sys
from pathlib import Path

from circular_app.pdf.fonts import FontSet
from circular_app.pdf.invitations import InvitationSlip, render_invitations
from circular_app.pdf.model import CopyKind, CopySpec, GridRow, SheetContent
from circular_app.pdf.paper_language import language_fonts, paper_language_for, printed_language
from circular_app.pdf.sheet import SheetRenderer
from tests.pdf.helpers import font_problems, make_circular, pdffonts_rows, pdftotext_lines

ROOT = Path(__file__).resolve().parents[2]
BODY = "# 日時\n12月6日（日）午前9時から、見本公園で清掃をします。\n"


def _copy(language: str, kind: CopyKind = CopyKind.INDIVIDUAL) -> CopySpec:
    rows = (GridRow(1, "山田\u3000花子"),) if kind is CopyKind.HAN else ()
    # A Vietnamese name needs the Vietnamese face: only the vi copy is given one.
    name = "Nguyễn Văn An" if language == "vi" else "Nguyen Van An"
    return CopySpec(kind, "3班", recipient=name, return_to="髙橋\u3000一郎", rows=rows, language=language)


def _render(tmp_path: Path, fonts: FontSet, font_dir: Path, copy: CopySpec) -> tuple[Path, str]:
    content = SheetContent.of("見本町会", make_circular(body=BODY))
    path = tmp_path / f"{copy.language}-{copy.kind.value}.pdf"
    result = SheetRenderer(fonts, content, font_dir).render(copy, path)
    assert result.missing == ()
    return path, "\n".join(pdftotext_lines(path))


def test_vietnamese_copy_has_vietnamese_headings_and_slip(
    tmp_path: Path, fonts: FontSet, font_dir: Path
) -> None:
    """A vi household's copy: Vietnamese headings, 確認票 and instructions; the body as written."""
    path, text = _render(tmp_path, fonts, font_dir, _copy("vi"))
    for expected in ("Ngày phát hành", "Phiếu xác nhận", "Họ tên: Nguyễn Văn An", "Ký tên", "tổ trưởng"):
        assert expected in text
    assert "清掃をします" in text  # the body is printed as written
    assert "Nội dung thông báo là bản tiếng Nhật" in text
    assert "確認票" not in text and "発行日" not in text
    assert font_problems(path) == []
    names = {row[0].split("+")[-1] for row in pdffonts_rows(path)}
    assert "DejaVuSans" in names and "BIZUDPGothic-Regular" in names
    assert all(row[-5] == "yes" for row in pdffonts_rows(path))  # every face embedded


def test_korean_and_chinese_copies_print_their_script(tmp_path: Path, fonts: FontSet, font_dir: Path) -> None:
    """ko and zh-Hans copies print Hangul and simplified hanzi from the system faces, embedded."""
    _path, korean = _render(tmp_path, fonts, font_dir, _copy("ko"))
    assert "확인표" in korean and "발행일" in korean
    path, chinese = _render(tmp_path, fonts, font_dir, _copy("zh-Hans"))
    assert "确认单" in chinese and "发行日期" in chinese
    assert font_problems(path) == []


def test_japanese_and_board_copies_stay_japanese(tmp_path: Path, fonts: FontSet, font_dir: Path) -> None:
    """A ja copy keeps its Japanese texts; a 班 copy stays Japanese whatever is asked."""
    _path, japanese = _render(tmp_path, fonts, font_dir, _copy("ja"))
    assert "確認票" in japanese and "発行日" in japanese and "令和" in japanese
    _path, board = _render(tmp_path, fonts, font_dir, _copy("vi", CopyKind.HAN))
    assert "回覧表" in board and "発行日" in board and "Ngày" not in board


def test_dates_follow_the_language(tmp_path: Path, fonts: FontSet, font_dir: Path) -> None:
    """English dates in the locale's format, not 和暦."""
    _path, text = _render(tmp_path, fonts, font_dir, _copy("en"))
    assert "Issued:" in text and "2026" in text and "令和" not in text


def test_invitation_slips_in_english_and_vietnamese(tmp_path: Path, font_dir: Path) -> None:
    """Two slips on one sheet, each in its household's language."""
    slips = [
        InvitationSlip("見本町会", "3班", 1, "Smith John", "https://hub.example.jp/r/tok001", "en"),
        InvitationSlip("見本町会", "3班", 2, "Trần Thị Bình", "https://hub.example.jp/r/tok002", "vi"),
    ]
    path = tmp_path / "slips.pdf"
    assert render_invitations(path, slips, font_dir) == set()
    text = " ".join(pdftotext_lines(path))
    assert "You can read the circular on your phone" in text
    assert "Bạn có thể đọc bảng thông báo trên điện thoại" in text
    assert "スマホでも 読めます" not in text
    assert font_problems(path) == []


def test_nepali_prints_in_english_and_unknown_in_japanese(font_dir: Path) -> None:
    """Devanagari is not shaped: ne paper is English; a language with no code is Japanese."""
    assert printed_language("ネパール語") == "en"
    assert paper_language_for(font_dir, "ネパール語") == ("en", None)
    assert paper_language_for(font_dir, "タイ語") == ("ja", None)
    assert paper_language_for(font_dir, "ベトナム語") == ("vi", None)


def test_every_language_has_a_font_here(font_dir: Path) -> None:
    """scripts/install.sh installs a face for every printed language (nothing is half-printed)."""
    for code in ("ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "tl", "id"):
        assert language_fonts(font_dir, code) is not None, code


def test_paper_catalogs_complete() -> None:
    """Every paper string is translated in every language, with its {fields}."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import hub_locale
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert len(hub_locale.languages(hub_locale.PAPER)) == 10
    assert hub_locale.problems(hub_locale.PAPER) == []
