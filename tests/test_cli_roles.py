"""Command line as a 班長 of 1班: every command that reveals households or links is refused or limited."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_app.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "roster-sample.csv"
REFUSED = "の権限では"


@pytest.fixture
def han_leader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A profile with the sample roster, one published circular for every 班, logged in as 1班's 班長."""
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    assert main(["create-profile", "東町会", "--school-district", "見本校下"]) == 0
    assert main(["import-roster", str(SAMPLE)]) == 0
    body = tmp_path / "b.md"
    body.write_text("本文", encoding="utf-8")
    assert main(["new-circular", "--title", "お知らせ", "--body-file", str(body), "--publish"]) == 0
    assert main(["backup"]) == 0
    assert main(["export-roster", str(tmp_path / "all.csv")]) == 0
    monkeypatch.setenv("KAIRAN_NEW_PASSWORD", "hancho password")
    assert main(["accounts", "add", "hancho1", "--role", "han_leader", "--han", "1班"]) == 0
    monkeypatch.setenv("KAIRAN_USER", "hancho1")
    monkeypatch.setenv("KAIRAN_PASSWORD", "hancho password")
    monkeypatch.setenv("KAIRAN_PASSPHRASE", "hikitsugi 2027")
    monkeypatch.setenv("KAIRAN_HAN_PASSWORD", "hancho password")
    capsys.readouterr()
    return tmp_path


REFUSED_COMMANDS = [
    ["export-roster", "{tmp}/r.csv"],
    ["backup"],
    ["backup", "--to", "{tmp}/usb"],
    ["list-backups"],
    ["restore", "{tmp}/none.kbak"],
    ["handover", "--export", "{tmp}/h.kairan"],
    ["audit"],
    ["audit", "--export", "{tmp}/audit.csv"],
    ["accounts", "list"],
    ["han-copy", "--account", "kaichou", "--out", "{tmp}/hc.kairan"],
]


@pytest.mark.parametrize("argv", REFUSED_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_han_leader_is_refused(han_leader: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """The command exits 2 with the one-line permission message and writes nothing."""
    args = [a.format(tmp=han_leader) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert REFUSED in err and err.count("\n") == 0
    for name in ("r.csv", "usb", "h.kairan", "audit.csv", "hc.kairan"):
        assert not (han_leader / name).exists()


def test_han_leader_read_status_lists_only_own_han(
    han_leader: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """read-status names only 1班 and its unread households."""
    assert main(["read-status", "--circular", "1"]) == 0
    text = capsys.readouterr().out
    assert "1班" in text and "2班" not in text and "3班" not in text


def test_han_leader_export_pdf_prints_only_own_han(
    han_leader: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export-pdf as a 班長 writes 1班's copies only."""
    out = han_leader / "pdf"
    assert main(["export-pdf", "--circular", "1", "--han", "all", "--out", str(out)]) == 0
    names = [p.name for p in out.iterdir()]
    assert names and all("2班" not in n and "3班" not in n for n in names)


def _household_ids(folder: Path) -> dict[str, list[str]]:
    """Household IDs per 班 from the administrator's roster export."""
    ids: dict[str, list[str]] = {}
    for line in (folder / "all.csv").read_bytes().decode("cp932").splitlines()[1:]:
        cells = line.split(",")
        ids.setdefault(cells[1], []).append(cells[0])
    return ids


def test_han_leader_records_reads_only_in_own_han(
    han_leader: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """record-read works for a 1班 household and is exit 2 for a household of another 班."""
    ids = _household_ids(han_leader)
    own = ["record-read", "--circular", "1", "--household", ids["1班"][0], "--channel", "paper"]
    assert main(own) == 0
    other = ["record-read", "--circular", "1", "--household", ids["2班"][0], "--channel", "paper"]
    assert main(other) == 2
    assert ids["2班"][0] in capsys.readouterr().err


def test_han_leader_cannot_print_another_han_household_copy(
    han_leader: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export-pdf --household of a household of another 班 is exit 2 and writes nothing."""
    ids = _household_ids(han_leader)
    out = han_leader / "pdf"
    argv = ["export-pdf", "--circular", "1", "--household", ids["2班"][0], "--out", str(out)]
    assert main(argv) == 2
    assert not out.exists()


def test_han_leader_reader_links_without_hub_exit_2(
    han_leader: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """reader-links and export-pdf --invitations need a hub (exit 2); limits: tests/ui/sync/test_dialogs.py."""
    assert main(["reader-links"]) == 2
    assert main(["export-pdf", "--invitations", "--out", str(han_leader / "inv")]) == 2
    assert not (han_leader / "inv").exists()


def test_han_leader_makes_and_opens_their_own_han_copy(
    han_leader: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """han-copy writes 1班 only; on another PC --import opens it with the 班長's own password."""
    file = han_leader / "1班.kairan"
    assert main(["han-copy", "--out", str(file)]) == 0
    assert "1班の班長コピー" in capsys.readouterr().out
    monkeypatch.setenv("KAIRAN_DATA_DIR", str(han_leader / "hancho-pc"))
    assert main(["han-copy", "--import", str(file)]) == 0
    assert main(["read-status", "--circular", "1"]) == 0
    text = capsys.readouterr().out
    assert "1班" in text and "2班" not in text
    ids = _household_ids(han_leader)
    own = ["record-read", "--circular", "1", "--household", ids["1班"][0], "--channel", "paper"]
    assert main(own) == 0
    assert main(["export-roster", str(han_leader / "copy.csv")]) == 2


def test_administrator_makes_a_han_copy_with_the_han_leaders_password(
    han_leader: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 管理者 names the 班; the copy needs the 班長's password, the administrator's is refused."""
    monkeypatch.setenv("KAIRAN_USER", "kaichou")
    monkeypatch.setenv("KAIRAN_PASSWORD", "a long enough password")
    monkeypatch.setenv("KAIRAN_HAN_PASSWORD", "a long enough password")
    assert main(["han-copy", "--han", "1班", "--out", str(han_leader / "bad.kairan")]) == 2
    assert main(["han-copy", "--han", "1,2", "--out", str(han_leader / "bad.kairan")]) == 2
    assert not (han_leader / "bad.kairan").exists()
    monkeypatch.setenv("KAIRAN_HAN_PASSWORD", "hancho password")
    assert main(["han-copy", "--han", "1班", "--out", str(han_leader / "1班.kairan")]) == 0
    assert "hancho1" in capsys.readouterr().out
