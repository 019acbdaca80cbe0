"""Command line: new-circular --form / --form-template, record-answer, answers in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from circular_app.cli import main
from tests.domain.test_forms import SURVEY
from tests.pdf.helpers import pdftotext_lines

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "roster-sample.csv"


@pytest.fixture
def profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[list[str]]:
    """A profile with the sample roster; returns the exported roster rows (ID, 班, 回覧順, 氏名 …)."""
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    assert main(["import-roster", str(SAMPLE)]) == 0
    assert main(["export-roster", str(tmp_path / "all.csv")]) == 0
    (tmp_path / "body.txt").write_text("夏祭りを行います。", encoding="utf-8")
    capsys.readouterr()
    rows = list(csv.reader(io.StringIO((tmp_path / "all.csv").read_bytes().decode("cp932"))))
    return rows[1:]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _publish(tmp_path: Path, capsys: pytest.CaptureFixture[str], *form: str) -> str:
    code, out, err = _run(
        ["new-circular", "--title", "夏祭り", "--body-file", str(tmp_path / "body.txt"), *form, "--publish"],
        capsys,
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]  # the 回覧No.


def test_form_file_answers_and_results(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A circular with a form file takes answers and prints them as table, JSON and CSV."""
    (tmp_path / "form.toml").write_text(SURVEY.replace("2026-12-20", "2099-12-20"), encoding="utf-8")
    number = _publish(tmp_path, capsys, "--form", str(tmp_path / "form.toml"))
    first, second = profile[0][0], profile[1][0]
    base = ["record-answer", "--circular", number, "--household"]
    code, _, err = _run([*base, first, "--answer", "1=出席", "--date", "2999-01-01"], capsys)
    assert code == 2 and "未来の日付" in err
    code, out, _ = _run([*base, first, "--answer", "1=出席:2;2=土曜;3=受付", "--channel", "paper"], capsys)
    assert code == 0 and "問1 出席（2名）" in out
    assert _run([*base, second, "--answer", "1=欠席;2=日曜"], capsys)[0] == 0
    code, out, _ = _run(["answers", "--circular", number], capsys)
    assert code == 0 and "回答 2/" in out and "出席 1　欠席 1　（出席 2 名）" in out and "未回答" in out
    code, out, _ = _run(["answers", "--circular", number, "--format", "json"], capsys)
    data = json.loads(out)
    assert data["answered"] == 2 and data["questions"][1]["counts"] == {"土曜": 1, "日曜": 1}
    code, out, _ = _run(["answers", "--circular", number, "--format", "csv"], capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][6].startswith("問1") and any(r[0] == first and r[6] == "出席（2名）" for r in rows)
    code, out, _ = _run(
        ["answers", "--circular", number, "--format", "csv", "--out", str(tmp_path / "a.csv")], capsys
    )
    assert (
        code == 0 and "CP932" in out and (tmp_path / "a.csv").read_bytes().decode("cp932").startswith("ID,")
    )
    code, out, _ = _run([*base, first, "--withdraw"], capsys)
    assert code == 0 and "取り消しました" in out
    assert json.loads(_run(["answers", "--circular", number, "--format", "json"], capsys)[1])["answered"] == 1


def test_bad_form_file_is_refused_naming_line_and_field(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 with file, line and field; no circular is created."""
    (tmp_path / "form.toml").write_text(SURVEY.replace('["土曜", "日曜"]', '["土曜"]'), encoding="utf-8")
    code, _, err = _run(
        [
            "new-circular",
            "--title",
            "x",
            "--body-file",
            str(tmp_path / "body.txt"),
            "--form",
            str(tmp_path / "form.toml"),
        ],
        capsys,
    )
    assert code == 2 and "form.toml 8行目 question[2].choices" in err
    assert "0件" in _run(["list-circulars"], capsys)[1]


def test_bad_answer_is_refused_with_the_question(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown choice exits 2 naming the question and the choices."""
    number = _publish(tmp_path, capsys, "--form-template", "行事")
    code, _, err = _run(
        ["record-answer", "--circular", number, "--household", profile[0][0], "--answer", "1=たぶん"], capsys
    )
    assert code == 2 and "問1" in err and "出席、欠席" in err


def test_meeting_template_results_pdf(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 総会 template: answers with 委任状 and 書面議決, then the results PDF with the 総会 page."""
    number = _publish(tmp_path, capsys, "--form-template", "総会")
    for row, answer in zip(profile[:3], ("1=出席;2=賛成", "1=委任状", "1=書面議決;2=反対"), strict=True):
        assert (
            _run(["record-answer", "--circular", number, "--household", row[0], "--answer", answer], capsys)[
                0
            ]
            == 0
        )
    code, out, _ = _run(["answers", "--circular", number], capsys)
    assert code == 0 and "委任状 1（議長へ 1）" in out and "定足数（過半数）" in out
    code, out, _ = _run(["answers", "--circular", number, "--pdf", str(tmp_path / "r.pdf")], capsys)
    assert code == 0
    text = "".join(pdftotext_lines(tmp_path / "r.pdf")).replace(" ", "")
    assert "総会の成立と議決の結果" in text and "第1号議案" in text
