"""Command line ``safety``: start, record, status in three formats, sheets, end; exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from circular_app.cli import main
from tests.pdf.helpers import page_count, pdftotext_lines

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
    capsys.readouterr()
    rows = list(csv.reader(io.StringIO((tmp_path / "all.csv").read_bytes().decode("cp932"))))
    return rows[1:]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_round_from_start_to_end(profile: list[list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    """Start, record help with a note, see it first on the board, end: every step exits 0."""
    first, second = profile[0], profile[1]
    code, out, _ = _run(["safety", "start", "--kind", "earthquake", "--message", "震度5強"], capsys)
    assert code == 0 and "地震" in out and "震度5強" in out
    code, out, _ = _run(
        [
            "safety",
            "record",
            "--household",
            second[0],
            "--status",
            "help",
            "--channel",
            "phone",
            "--note",
            "薬が必要",
        ],
        capsys,
    )
    assert code == 0 and "要支援" in out
    assert (
        _run(["safety", "record", "--household", first[0], "--status", "safe", "--channel", "paper"], capsys)[
            0
        ]
        == 0
    )
    code, out, _ = _run(["safety", "status"], capsys)
    assert code == 0
    lines = out.splitlines()
    help_at = next(i for i, line in enumerate(lines) if line.startswith("要支援 1 世帯"))
    assert second[3] in lines[help_at + 1] and "薬が必要" in lines[help_at + 1]
    unconfirmed = [
        line for line in lines[lines.index(next(x for x in lines if x.startswith("未確認"))) + 1 :]
    ]
    assert len(unconfirmed) == len(profile) - 2 and first[3] not in "\n".join(unconfirmed)
    code, out, _ = _run(["safety", "end"], capsys)
    assert code == 0 and "終えました" in out
    code, _, err = _run(["safety", "status"], capsys)
    assert code == 2 and "始まっている安否確認はありません" in err


def test_status_as_csv_and_json_lists_every_household(
    profile: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """csv and json give one row per household with ID, 班, label, name, status, channel, time, note."""
    _run(["safety", "start", "--drill"], capsys)
    _run(["safety", "record", "--household", profile[2][0], "--status", "away", "--channel", "visit"], capsys)
    code, out, _ = _run(["safety", "status", "--format", "csv"], capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["ID", "班", "ラベル", "氏名", "状況", "連絡方法", "時刻", "メモ"]
    assert len(rows) == 1 + len(profile)
    away = next(r for r in rows if r[0] == profile[2][0])
    assert away[4:6] == ["不在・避難中", "訪問"] and away[6]
    code, out, _ = _run(["safety", "status", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["round"].startswith("【訓練】")
    assert [h["状況"] for h in data["households"]].count("未確認") == len(profile) - 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["safety", "record", "--household", "nobody", "--status", "safe", "--channel", "phone"], "nobody"),
        (["safety", "record", "--household", "{id}", "--status", "unknown", "--channel", "phone"], "unknown"),
        (["safety", "record", "--household", "{id}", "--status", "safe", "--channel", "fax"], "fax"),
        (
            [
                "safety",
                "record",
                "--household",
                "{id}",
                "--status",
                "safe",
                "--channel",
                "phone",
                "--note",
                "あ" * 201,
            ],
            "200",
        ),
        (["safety", "start"], "すでに始まっています"),
        (["safety", "start", "--drill"], "訓練は始められません"),
        (["safety", "start", "--kind", "snow"], "snow"),
    ],
    ids=[
        "unknown household",
        "status unknown",
        "bad channel",
        "long note",
        "second round",
        "drill during real",
        "bad kind",
    ],
)
def test_bad_input_exits_2_with_one_line(
    profile: list[list[str]], capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    """Every mistake gives exit code 2 and one line on stderr that names what was wrong."""
    _run(["safety", "start"], capsys)
    code, _, err = _run([a.format(id=profile[0][0]) for a in argv], capsys)
    assert code == 2 and expected in err and err.strip().count("\n") == 0


def test_recording_without_a_round_exits_2(
    profile: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """No open round: recording is refused, saying to start one."""
    code, _, err = _run(
        ["safety", "record", "--household", profile[0][0], "--status", "safe", "--channel", "phone"], capsys
    )
    assert code == 2 and "安否確認を始める" in err


def test_sheet_writes_a_pdf_per_han(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``safety sheet --out DIR`` writes one check list per 班, with that 班's names in route order."""
    code, out, _ = _run(["safety", "sheet", "--out", str(tmp_path / "sheets")], capsys)
    hans = sorted({row[1] for row in profile})
    pdfs = sorted((tmp_path / "sheets").glob("*.pdf"))
    assert code == 0 and len(pdfs) == len(hans) and out.count("書き出しました") == len(hans)
    first_han = [row for row in profile if row[1] == profile[0][1]]
    path = tmp_path / "sheets" / f"安否確認_{profile[0][1]}.pdf"
    assert page_count(path) >= 1
    text = "\n".join(pdftotext_lines(path))
    ordered = sorted(first_han, key=lambda r: int(r[2]))
    positions = [text.index(r[3]) for r in ordered]
    assert positions == sorted(positions)


def test_care_needs_watch_board_pdf_and_guide(
    profile: list[list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """roster care-need/care-needs, export-roster --with-care-needs, watch-list, status --pdf, guide."""
    first = profile[0]
    code, out, _ = _run(["roster", "care-need", "--household", first[0], "--note", "車いす"], capsys)
    assert code == 0 and "要配慮" in out
    code, out, _ = _run(["roster", "care-needs"], capsys)
    assert code == 0 and "要配慮 1 世帯" in out and "車いす" in out and first[3] in out
    assert main(["export-roster", str(tmp_path / "care.csv"), "--with-care-needs"]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "care.csv").read_bytes().decode("cp932"))))
    assert rows[0][-2:] == ["要配慮", "要配慮メモ"] and rows[1][-1] == "車いす"
    code, out, _ = _run(["watch-list"], capsys)
    assert code == 0 and "オフ" in out
    code, out, _ = _run(["watch-setting", "--on", "--after", "4"], capsys)
    assert code == 0 and "4回" in out
    code, out, _ = _run(["watch-list"], capsys)
    assert code == 0 and "0 世帯" in out  # nothing published yet
    assert _run(["safety", "start"], capsys)[0] == 0
    code, out, err = _run(["safety", "status", "--format", "json", "--pdf", str(tmp_path / "b.pdf")], capsys)
    assert code == 0 and json.loads(out)["round"] and "PDF" in err
    assert "安否確認の状況" in "\n".join(pdftotext_lines(tmp_path / "b.pdf"))
    code, out, _ = _run(["safety", "guide", "--out", str(tmp_path / "guide.pdf")], capsys)
    assert code == 0 and page_count(tmp_path / "guide.pdf") == 1
