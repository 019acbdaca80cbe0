"""Command line: translation set / list / remove, stale marks, errors and roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.cli import main


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A profile with one published circular (回覧No.1) and a Vietnamese body file."""
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    (tmp_path / "ja.md").write_text("清掃を行います。", encoding="utf-8")
    assert main(["new-circular", "--title", "清掃", "--body-file", str(tmp_path / "ja.md"), "--publish"]) == 0
    (tmp_path / "vi.md").write_text("# Dọn vệ sinh\n\nChúng tôi dọn vệ sinh.", encoding="utf-8")
    capsys.readouterr()
    return tmp_path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _set(lang: str, body: Path) -> list[str]:
    return ["translation", "set", "--circular", "1", "--lang", lang, "--title", "T", "--body-file", str(body)]


def test_set_list_and_remove(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A translation saved from a file is listed with both names, then removed."""
    vi = ["--circular", "1", "--lang", "vi"]
    code, out, err = _run(
        ["translation", "set", *vi, "--title", "Dọn vệ sinh", "--body-file", str(profile / "vi.md")], capsys
    )
    assert code == 0, err
    assert "vi（ベトナム語）の訳を保存しました: Dọn vệ sinh" in out
    code, out, _ = _run(["translation", "list", "--circular", "1"], capsys)
    assert (code, out) == (0, "vi\tTiếng Việt／ベトナム語\tDọn vệ sinh\n")
    assert _run(["translation", "remove", *vi], capsys)[0] == 0
    assert _run(["translation", "list", "--circular", "1"], capsys)[1] == "訳はありません\n"
    code, _, err = _run(["translation", "remove", *vi], capsys)
    assert code == 2 and "vi（Tiếng Việt）の訳はありません" in err


def test_list_marks_a_translation_of_a_rewritten_draft_as_stale(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A draft's translation made before the Japanese was rewritten is listed 「古い」."""
    from circular_app.app import App

    app = App.build(profile / "data")
    ref = app.profiles.list_profiles()[0]
    services = app.services_for(app.profiles.open_profile(ref, "kaichou", "a long enough password"))
    try:
        from circular_app.domain.circulars import CircularDraft

        draft = services.circulars.new_draft(CircularDraft(title="総会", body="総会を開きます。"))
        services.translations.set(draft.id, "en", "General meeting", "We hold the general meeting.")
        services.circulars.save_draft(draft.id, CircularDraft(title="総会", body="総会を5月に開きます。"))
    finally:
        services.context.close()
    code, out, _ = _run(["translation", "list", "--circular", str(draft.id), "--draft"], capsys)
    assert code == 0
    assert out == "en\tEnglish／英語\tGeneral meeting\t古い（日本語を書きかえた後）\n"


@pytest.mark.parametrize(
    ("lang", "body", "reason"),
    [
        ("ja", "x", "「ja」は翻訳できる言語ではありません"),
        ("vi", "dòng 1\n\x07", "vi（Tiếng Việt）の訳 2行目"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    profile: Path, capsys: pytest.CaptureFixture[str], lang: str, body: str, reason: str
) -> None:
    """An unknown language or a bad line: exit 2 and one line naming the language and line."""
    (profile / "bad.md").write_text(body, encoding="utf-8")
    code, _, err = _run(_set(lang, profile / "bad.md"), capsys)
    assert code == 2 and reason in err and err.strip().count("\n") == 0


def test_a_han_leader_is_refused(
    profile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only officers who may edit circulars change translations."""
    monkeypatch.setenv("KAIRAN_NEW_PASSWORD", "hancho password")
    sample = Path(__file__).resolve().parent.parent / "resources" / "samples" / "roster-sample.csv"
    assert main(["import-roster", str(sample)]) == 0
    assert main(["accounts", "add", "hancho1", "--role", "han_leader", "--han", "1班"]) == 0
    monkeypatch.setenv("KAIRAN_USER", "hancho1")
    monkeypatch.setenv("KAIRAN_PASSWORD", "hancho password")
    capsys.readouterr()
    code, _, err = _run(_set("vi", profile / "vi.md"), capsys)
    assert code == 2 and "の権限では" in err
