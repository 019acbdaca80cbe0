"""Command line: ``readings list|add|remove``, the reading list of furigana."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.cli import main
from tests.pdf.helpers import pdftotext_lines


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty profile, logged in by the environment."""
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    capsys.readouterr()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_change_list_remove(profile: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A word is added (katakana stored as hiragana), changed, listed and removed; latest counts."""
    assert _run(["readings", "list"], capsys)[1].strip() == "読み方の一覧は空です"
    code, out, _ = _run(["readings", "add", "東海林", "トウカイリン"], capsys)
    assert code == 0 and "東海林（とうかいりん）" in out
    assert _run(["readings", "add", "金沢", "かなざわ"], capsys)[0] == 0
    assert _run(["readings", "add", "東海林", "しょうじ"], capsys)[0] == 0
    code, out, _ = _run(["readings", "list"], capsys)
    assert out.splitlines() == ["東海林\tしょうじ\tkaichou", "金沢\tかなざわ\tkaichou"]
    assert _run(["readings", "remove", "金沢"], capsys)[0] == 0
    assert _run(["readings", "list"], capsys)[1].splitlines() == ["東海林\tしょうじ\tkaichou"]


def test_bad_reading_names_the_field(profile: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A reading with other than kana is refused with a message naming 読み方."""
    code, _, err = _run(["readings", "add", "金沢", "kanazawa"], capsys)
    assert code == 2 and "読み方" in err and "kanazawa" in err


def test_removing_an_unlisted_word(profile: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Removing a word that is not listed says so."""
    code, _, err = _run(["readings", "remove", "金沢"], capsys)
    assert code == 2 and "金沢" in err and "ありません" in err


SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "roster-sample.csv"


@pytest.fixture
def published(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The sample roster and one published circular; returns its 回覧No."""
    assert main(["import-roster", str(SAMPLE)]) == 0
    (tmp_path / "body.txt").write_text(
        "犀川の河川敷で避難訓練を行います。班長は回覧をお願いします。", encoding="utf-8"
    )
    code, out, err = _run(
        ["new-circular", "--title", "避難訓練", "--body-file", str(tmp_path / "body.txt"), "--publish"],
        capsys,
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]


def test_export_pdf_with_furigana_uses_the_list(
    published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export-pdf --large-print --furigana draws readings, the listed one for 犀川, base text whole."""
    assert _run(["readings", "add", "犀川", "さいがわ"], capsys)[0] == 0
    out_dir = tmp_path / "pdf"
    argv = ["export-pdf", "--circular", published, "--han", "1", "--large-print", "--out", str(out_dir)]
    code, _out, err = _run([*argv, "--furigana"], capsys)
    assert code == 0, err
    (pdf,) = out_dir.glob("*.pdf")
    text = "\n".join(pdftotext_lines(pdf))
    assert "さいがわ" in text and "ひなん" in text and "はんちょう" in text and "かいらん" in text
    assert "犀川の河川敷で避難訓練を行います。" in text.replace("\n", "")


def test_export_pdf_furigana_needs_large_print(
    published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--furigana without a large-print copy says what to choose."""
    code, _, err = _run(["export-pdf", "--circular", published, "--furigana", "--out", str(tmp_path)], capsys)
    assert code == 2 and "拡大文字" in err


def test_export_pdf_furigana_not_installed(
    published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the dictionary is not installed (the frozen app) --furigana says so plainly."""
    from circular_app import furigana

    monkeypatch.setattr(furigana, "available", lambda: False)
    argv = ["export-pdf", "--circular", published, "--large-print", "--furigana", "--out", str(tmp_path)]
    code, _, err = _run(argv, capsys)
    assert code == 2 and "ふりがなの辞書が入っていません" in err
