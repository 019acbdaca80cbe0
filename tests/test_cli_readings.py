"""Command line: ``readings list|add|remove``, the reading list of furigana."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.cli import main


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
