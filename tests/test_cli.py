"""Command line: exit codes, one-line errors, and the roster commands end to end."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from circular_app.cli import EXIT_BROKEN_PIPE, gui_options, main
from circular_app.settings import LANGUAGE, Settings

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "roster-sample.csv"


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory and officer credentials in the environment."""
    data = tmp_path / "data"
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(data))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    return data


def test_create_import_export_roundtrip(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """create-profile, import-roster and export-roster work and report what they did."""
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    out = capsys.readouterr().out
    assert "回復キー" in out
    assert main(["import-roster", str(SAMPLE)]) == 0
    assert "追加 15" in capsys.readouterr().out
    target = tmp_path / "out.csv"
    assert main(["export-roster", str(target)]) == 0
    assert "CP932" in capsys.readouterr().out
    assert target.read_bytes().decode("cp932").startswith("ID,班,回覧順,氏名")


def test_bad_csv_exits_2_with_one_line(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken roster gives exit code 2 and a single stderr line naming the lines."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    bad = tmp_path / "bad.csv"
    bad.write_bytes("班,氏名\n1班,\n".encode())
    capsys.readouterr()
    assert main(["import-roster", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "2行目" in err and "bad.csv" in err


def test_import_notes_a_language_with_no_reader_language(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """「タイ語」 is imported as typed, with a note naming file, line and column."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    roster = tmp_path / "名簿.csv"
    roster.write_bytes("班,氏名,言語\n1班,山田 太郎,ベトナム語\n1班,川田 花子,タイ語\n".encode())
    capsys.readouterr()
    assert main(["import-roster", str(roster)]) == 0
    out = capsys.readouterr().out
    assert "追加 2" in out
    assert (
        "注意: 名簿.csv 3行目 [言語]: 言語『タイ語』は読むページと紙の言語にありません。日本語で表示・印刷します"
        in out
    )
    assert "ベトナム語" not in out


def test_absurd_route_order_exits_2_naming_line_and_column(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 4,301-digit 順番 is a CSV problem (exit 2 naming line and column), not a crash."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(f"班,氏名,順番\n1班,山田 太郎,1\n1班,川田 花子,{'9' * 4301}\n".encode())
    capsys.readouterr()
    assert main(["import-roster", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "3行目" in err and "順番" in err and "9999" in err
    assert len(err) < 500


def test_wrong_password_exits_2(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong password is a user error (exit 2), not a crash."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    monkeypatch.setenv("KAIRAN_PASSWORD", "not the password")
    assert main(["export-roster", "x.csv"]) == 2
    assert "パスワード" in capsys.readouterr().err


def test_missing_school_district_exits_2(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An argument error exits 2 with a one-line reason."""
    assert main(["create-profile", "東町会"]) == 2
    assert "--school-district" in capsys.readouterr().err


def test_no_profile_exits_2(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Commands that need a profile explain how to make one."""
    assert main(["export-roster", "x.csv"]) == 2
    assert "create-profile" in capsys.readouterr().err


def test_demo_no_gui_creates_the_demo(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """demo --no-gui creates the demo profile and prints the demo login."""
    assert main(["demo", "--no-gui", "--households", "30"]) == 0
    out = capsys.readouterr().out
    assert "30世帯" in out and "kairan-demo" in out
    assert main(["list-profiles"]) == 0
    assert "見本町会" in capsys.readouterr().out


def test_import_with_taken_route_numbers_needs_route_order(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample into the demo exits 2 naming the rows; --route-order end imports it, nobody moves."""
    main(["demo", "--no-gui"])
    monkeypatch.setenv("KAIRAN_USER", "demo")
    monkeypatch.setenv("KAIRAN_PASSWORD", "kairan-demo")
    capsys.readouterr()
    assert main(["import-roster", str(SAMPLE)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "roster-sample.csv" in err and "--route-order" in err
    assert "2行目 髙橋 一郎（1班 1番）" in err and "16行目 木村 正（3班 5番）" in err
    assert main(["import-roster", "--dry-run", "--route-order", "insert", str(SAMPLE)]) == 0
    assert "1班 試川 誠 1→6番" in capsys.readouterr().out.splitlines()
    assert main(["import-roster", "--route-order", "end", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "追加 15" in out and "→" not in out


def test_import_offers_circulars_and_add_to_circular_adds(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """import-roster names the circulars in circulation (adding nothing); add-to-circular adds."""
    main(["demo", "--no-gui"])
    monkeypatch.setenv("KAIRAN_USER", "demo")
    monkeypatch.setenv("KAIRAN_PASSWORD", "kairan-demo")
    capsys.readouterr()
    assert main(["read-status", "--circular", "7"]) == 0
    before = capsys.readouterr().out
    assert main(["import-roster", "--route-order", "end", str(SAMPLE)]) == 0
    hint = next(line for line in capsys.readouterr().out.splitlines() if "add-to-circular 7 " in line)
    ids = hint.split("--household ")[1].split()
    assert len(ids) >= 2
    assert main(["read-status", "--circular", "7"]) == 0
    assert capsys.readouterr().out == before  # nothing added silently
    assert main(["add-to-circular", "7", "--household", ids[0], ids[1]]) == 0
    assert "2 世帯を加えました" in capsys.readouterr().out
    assert main(["add-to-circular", "7", "--household", ids[0]]) == 0
    assert "0 世帯を加えました（1 世帯は既に対象でした）" in capsys.readouterr().out
    assert main(["read-status", "--circular", "7"]) == 0
    assert capsys.readouterr().out != before


HIRAGANA = re.compile(r"[\u3041-\u309f]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("trainer", [False, True], ids=["demo", "trainer"])
def test_demo_no_gui_speaks_the_app_language(
    cli_env: Path, capsys: pytest.CaptureFixture[str], language: str, trainer: bool
) -> None:
    """Every line of demo --no-gui is in the app's language, and the last says how to open it."""
    if language == "en":
        Settings(cli_env / "settings.json").set(LANGUAGE, "en")
    assert main(["demo", "--no-gui", "--households", "5", *(["--trainer"] if trainer else [])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        if language == "ja":
            assert HIRAGANA.search(line), line
        else:
            # Names are data (「見本町会（デモ）」) and stay as they are; the sentence is English.
            assert not JAPANESE.search(re.sub(r"「[^」]*」", "", line)), line
    assert "-m circular_app" in lines[-1]
    assert trainer or "kairan-demo" in lines[-1]


def test_dry_run_changes_nothing(cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-roster --dry-run reports the plan and imports nothing."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    assert main(["import-roster", "--dry-run", str(SAMPLE)]) == 0
    assert "追加 15" in capsys.readouterr().out
    target = tmp_path / "out.csv"
    main(["export-roster", str(target)])
    assert len(target.read_bytes().splitlines()) == 1


@pytest.mark.slow
def test_self_test_passes_in_a_subprocess(tmp_path: Path) -> None:
    """``python -m circular_app self-test`` exits 0 and prints nothing on stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "circular_app", "--data-dir", str(tmp_path), "self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.count("[OK]") == 4


@pytest.mark.slow
def test_a_closed_pipe_ends_the_command_quietly(cli_env: Path) -> None:
    """Piped into a reader that closes early (``| head``), a command exits 141 with nothing on stderr."""
    with subprocess.Popen(
        [sys.executable, "-m", "circular_app", "list-profiles"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        # The reader goes away before the command has written anything (its start-up takes far longer).
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8", "replace")
        code = proc.wait(timeout=120)
    assert code == EXIT_BROKEN_PIPE, stderr
    assert stderr == ""


def test_circular_commands(cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """new-circular --publish prints the number; list and show find it; search works."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "body.md"
    body.write_text("# 清掃\n**軍手**をお持ちください。\n", encoding="utf-8")
    capsys.readouterr()
    assert (
        main(
            [
                "new-circular",
                "--title",
                "清掃のお知らせ",
                "--body-file",
                str(body),
                "--han",
                "1,３班",
                "--category",
                "清掃・当番",
                "--due",
                "2099-12-01",
                "--publish",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().splitlines()[-1] == "1"
    assert main(["list-circulars", "--search", "ｵ持ち"]) == 0
    assert "清掃のお知らせ" in capsys.readouterr().out
    assert main(["show-circular", "1"]) == 0
    shown = capsys.readouterr().out
    assert "回覧先: 1班、3班" in shown and "軍手" in shown


def test_new_circular_unknown_han_exits_2(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown 班 is a one-line error naming the 班 and listing the existing ones."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    capsys.readouterr()
    assert main(["new-circular", "--title", "t", "--body-file", str(body), "--han", "9"]) == 2
    assert "9" in capsys.readouterr().err


def test_record_read_and_read_status(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """record-read marks a household; read-status shows the rate and the unread list."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    main(["new-circular", "--title", "お知らせ", "--body-file", str(body), "--han", "1", "--publish"])
    out = tmp_path / "r.csv"
    main(["export-roster", str(out)])
    first_id = out.read_bytes().decode("cp932").splitlines()[1].split(",")[0]
    capsys.readouterr()
    assert main(["record-read", "--circular", "1", "--household", first_id, "--channel", "paper"]) == 0
    assert main(["read-status", "--circular", "1"]) == 0
    text = capsys.readouterr().out
    assert "既読率: 20%（1/5）" in text and "未読 4 世帯" in text


def test_reminder_writes_a_page_per_han(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """reminder --han 1,3 writes one PDF with a page for 1班 and one for 3班; --han all one per 班."""
    from tests.pdf.helpers import page_texts

    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    main(["new-circular", "--title", "お知らせ", "--body-file", str(body), "--publish"])
    capsys.readouterr()
    assert main(["reminder", "--circular", "1", "--han", "1,3", "--out", str(tmp_path / "two")]) == 0
    assert "two.pdf" in capsys.readouterr().out
    pages = [t.replace(" ", "") for t in page_texts(tmp_path / "two.pdf")]
    assert len(pages) == 2 and "1班班長さま" in pages[0] and "3班班長さま" in pages[1]
    assert main(["reminder", "--circular", "1", "--out", str(tmp_path / "all.pdf")]) == 0
    capsys.readouterr()
    assert main(["read-status", "--circular", "1"]) == 0
    hans = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ") and "班: " in line]
    assert len(page_texts(tmp_path / "all.pdf")) == len(hans) > 2


def test_human_output_shows_dates_in_wareki(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list-circulars, record-read, list-backups and audit print 和暦 with the weekday, never ISO dates."""
    from circular_app.domain.calendar import wareki

    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    main(
        ["new-circular", "--title", "お知らせ", "--body-file", str(body), "--due", "2026-12-18", "--publish"]
    )
    main(["export-roster", str(tmp_path / "r.csv")])
    first_id = (tmp_path / "r.csv").read_bytes().decode("cp932").splitlines()[1].split(",")[0]
    main(["backup"])
    capsys.readouterr()
    argv = [
        "record-read",
        "--circular",
        "1",
        "--household",
        first_id,
        "--channel",
        "paper",
        "--date",
        "2026-12-05",
    ]
    for command in (["list-circulars"], argv, ["list-backups"], ["audit"]):
        assert main(command) == 0
    text = capsys.readouterr().out
    assert re.findall(r"\d{4}-\d{2}-\d{2}", text) == []
    assert wareki(dt.date(2026, 12, 18), weekday=True) in text
    assert wareki(dt.date(2026, 12, 5), weekday=True) in text


def test_read_status_lists_no_stuck_board_on_publication_day(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Right after publishing, read-status names no 班 as stuck (the boards have only just set off)."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    main(["new-circular", "--title", "お知らせ", "--body-file", str(body), "--publish"])
    capsys.readouterr()
    assert main(["read-status", "--circular", "1"]) == 0
    text = capsys.readouterr().out
    assert "未読" in text and "止まっている回覧板" not in text


def test_accounts_backup_and_audit_commands(
    cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """accounts add/list, backup --to and audit --verify work from the command line."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    monkeypatch.setenv("KAIRAN_NEW_PASSWORD", "officer password")
    assert main(["accounts", "add", "yakuin", "--role", "officer", "--display-name", "書記"]) == 0
    assert main(["accounts", "list"]) == 0
    assert "yakuin\t書記\t役員\t有効" in capsys.readouterr().out
    assert main(["backup", "--to", str(tmp_path / "usb")]) == 0
    assert len(list((tmp_path / "usb").iterdir())) == 1
    assert main(["audit", "--verify"]) == 0
    assert "改ざんは見つかりませんでした" in capsys.readouterr().out


def test_handover_export_and_import(
    cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """handover --export then --import into another data directory gives the same roster."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    monkeypatch.setenv("KAIRAN_PASSPHRASE", "hikitsugi 2027")
    file = tmp_path / "h.kairan"
    assert main(["handover", "--export", str(file)]) == 0
    monkeypatch.setenv("KAIRAN_USER", "next")
    assert main(["--data-dir", str(tmp_path / "pc2"), "handover", "--import", str(file)]) == 0
    out = tmp_path / "r.csv"
    assert main(["--data-dir", str(tmp_path / "pc2"), "export-roster", str(out)]) == 0
    assert len(out.read_bytes().splitlines()) == 16


def test_export_pdf_needs_a_circular_or_invitations(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export-pdf without --circular, or --invitations mixed with copy options, is exit 2 with
    a line saying what to give; --invitations without a hub says to connect first."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    capsys.readouterr()
    out = str(tmp_path / "pdf")
    assert main(["export-pdf", "--out", out]) == 2
    assert "--circular" in capsys.readouterr().err
    assert main(["export-pdf", "--invitations", "--poster", "--out", out]) == 2
    assert "--poster" in capsys.readouterr().err
    assert main(["export-pdf", "--invitations", "--out", out]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "ハブに接続していない" in err and "connect-hub" in err
    assert not (tmp_path / "pdf").exists()


def test_restore_of_an_empty_file_exits_2_and_keeps_the_profile(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restore empty.kdb` is refused (exit 2, one line naming the file) and the data stays."""
    main(["create-profile", "東町会", "--school-district", "見本校下"])
    main(["import-roster", str(SAMPLE)])
    empty = tmp_path / "empty.kdb"
    empty.write_bytes(b"")
    capsys.readouterr()
    assert main(["restore", str(empty)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "empty.kdb" in err and "空です" in err
    target = tmp_path / "out.csv"
    assert main(["export-roster", str(target)]) == 0
    assert len(target.read_bytes().splitlines()) == 16


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/x", "roster", "list"],
        ["--version"],
        ["--help"],
        ["--data-dir"],
        ["--colour", "red"],
        ["hub", "serve"],
    ],
)
def test_a_command_or_a_mistake_goes_to_the_full_grammar(argv: list[str]) -> None:
    """Only a command line of the top options alone is read without the command groups."""
    assert gui_options(argv) is None


def test_the_gui_start_reads_its_options_without_the_command_groups() -> None:
    """Options alone start the GUI: read as the full grammar reads them, no command group loaded."""
    code = (
        "import sys\n"
        "from circular_app.cli import gui_options\n"
        "args = gui_options(['--data-dir', 'd', '--profile', 'p', '--user', 'u'])\n"
        "print(args.data_dir, args.profile, args.user, args.command)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('circular_app.cli.', 'circular_app.hub'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["d p u None", "['circular_app.cli.common']"]


def test_the_command_table_names_every_command_of_every_group() -> None:
    """COMMAND_GROUPS (a command line naming a command loads only its group) matches the groups."""
    from circular_app.cli import COMMAND_GROUPS, _groups

    listed = {name: group.__name__.rsplit(".", 1)[1] for group in _groups() for name in group.COMMANDS}
    assert listed == COMMAND_GROUPS


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--data-dir", "d", "export-pdf", "--circular", "1", "--out", "o"], "export-pdf"),
        (["--data-dir=d", "--profile", "p", "list-circulars"], "list-circulars"),
        (["hub", "serve"], "hub"),
        (["--help"], None),
        (["--data-dir", "d"], None),
    ],
)
def test_named_command_is_the_word_after_the_top_options(argv: list[str], command: str | None) -> None:
    """What the reduced grammar is built for: the command after the top options, if any."""
    from circular_app.cli import named_command

    assert named_command(argv) == command


def test_a_command_builds_its_own_group_s_grammar_only(tmp_path: Path) -> None:
    """export-pdf (here refused for its missing --circular) loads no other group, nor the hub's."""
    code = (
        "import sys\n"
        "from circular_app.cli import main\n"
        f"status = main(['--data-dir', {str(tmp_path)!r}, 'export-pdf', '--out', 'o'])\n"
        "print(status)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('circular_app.cli.', 'circular_app.hub'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["2", "['circular_app.cli.circulars', 'circular_app.cli.common']"]


_EXIT_PROBE = """
import atexit, gc, runpy, sys
# Registered before the entry point runs, so it runs after its last line: what the
# interpreter's final collection would then have to walk.
atexit.register(lambda: print("FROZEN", gc.get_freeze_count(), flush=True))
sys.argv = ["circular_app", *sys.argv[1:]]
runpy.run_module("circular_app", run_name="__main__")
"""


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["list-profiles"], []], ids=["command", "gui-log-in-window"])
def test_the_process_ends_without_walking_its_objects(cli_env: Path, argv: list[str]) -> None:
    """At the end, the entry point freezes the objects left (the final collection skips them).

    That collection walks every object a command or the GUI made only for the process to end
    (about 0.2 s after a PDF batch, 0.03 s after the log-in window). Here a command, and the
    GUI leaving as soon as its log-in window shows (the start-up benchmark's exit).
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN": "1"}
    env.pop("KAIRAN_PASSWORD", None)  # the GUI shows its log-in window instead of logging in
    if argv == []:
        assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    proc = subprocess.run(
        [sys.executable, "-c", _EXIT_PROBE, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    count = int(proc.stdout.rsplit("FROZEN", 1)[1])
    assert count > 10_000, count


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the render processes start ahead by fork (Linux)")
def test_export_pdf_renders_on_processes_started_before_the_log_in(tmp_path: Path) -> None:
    """``export-pdf --individual`` of 20 paper households, as a process of its own.

    Its render processes are forked before the log-in (circular_app/pdf/warm_pool.py) and
    write every copy; the debug log says so (it counts files, it names nobody).
    """
    from circular_app.app import App
    from circular_app.domain.circulars import Category, CircularDraft
    from circular_app.domain.roster import Delivery, HouseholdDraft
    from tests.conftest import TEST_KDF

    app = App.build(tmp_path / "data", kdf=TEST_KDF)
    created = app.profiles.create_profile("東町会", "見本校下", "kaichou", "a long enough password")
    services = app.services_for(created.context)
    try:
        han = services.roster.add_han("3班")
        for i in range(20):
            services.roster.add_household(
                HouseholdDraft(name=f"見本 {i:02d}", han_id=han.id, delivery=Delivery.PAPER)
            )
        draft = services.circulars.new_draft(
            CircularDraft(
                title="清掃のお知らせ",
                body="軍手をお持ちください。",
                category=Category.CLEANING,
                due_date=dt.date(2099, 12, 1),
            )
        )
        number = services.circulars.publish(draft.id).number
    finally:
        services.context.close()
    out = tmp_path / "out"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KAIRAN_")},
        "KAIRAN_USER": "kaichou",
        "KAIRAN_PASSWORD": "a long enough password",
        "KAIRAN_LOG_LEVEL": "DEBUG",
    }
    command = [sys.executable, "-m", "circular_app", "--data-dir", str(tmp_path / "data"), "export-pdf"]
    command += ["--circular", str(number), "--individual", "--out", str(out)]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"20 files on the \d render processes started ahead", proc.stderr), proc.stderr
    assert len(list(out.glob("*.pdf"))) == 20
    assert "見本" not in proc.stderr  # the log names no household
