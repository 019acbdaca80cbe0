"""``hub`` commands: registry management on both backends, and ``hub serve`` with no options."""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.sync.client import HubAuthError, HubClient
from tests.hub.support import RunningHub, unique

# The same grammar as the main entry point (circular_app/cli.py adds the hub command this way).
RUNNER = (
    "import argparse, sys\n"
    "from circular_app.hub.cli.commands import add_hub_parser, run_hub_command\n"
    "parser = argparse.ArgumentParser()\n"
    "parser.add_argument('--data-dir')\n"
    "add_hub_parser(parser.add_subparsers(dest='command'))\n"
    "sys.exit(run_hub_command(parser.parse_args(sys.argv[1:])))\n"
)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_hub_parser(parser.add_subparsers(dest="command"))
    return run_hub_command(parser.parse_args(argv))


def test_add_list_revoke(hub: RunningHub, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """add-association prints a code that enrolls; list shows it; revoke stops its token."""
    name = unique("CLI町会")
    assert _run(["hub", "add-association", name, "--school-district", "CLI校下", "--db", db_url]) == 0
    out = capsys.readouterr().out
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", out)
    assert code is not None and name in out
    with HubClient(hub.base_url) as client:
        client.enroll(code.group(0))
        assert _run(["hub", "list-associations", "--db", db_url]) == 0
        listing = capsys.readouterr().out
        assert re.search(rf"CLI校下\t{name}\t済\t有効\t", listing)
        assert _run(["hub", "revoke-association", name, "--db", db_url]) == 0
        assert "取り消しました" in capsys.readouterr().out
        with pytest.raises(HubAuthError):
            client.confirmations()


def test_duplicate_and_unknown_names_exit_2(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad input is a one-line reason on stderr and exit code 2."""
    name = unique("重複町会")
    assert _run(["hub", "add-association", name, "--school-district", "重複校下", "--db", db_url]) == 0
    assert _run(["hub", "add-association", name, "--school-district", "重複校下", "--db", db_url]) == 2
    assert "既に登録されています" in capsys.readouterr().err
    assert _run(["hub", "revoke-association", unique("無い町会"), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("エラー: ") and err.count("\n") == 1


def test_unreachable_database_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A PostgreSQL URL nobody answers: one line, exit 2, no password shown."""
    assert _run(["hub", "list-associations", "--db", "postgresql://u:secretpw@127.0.0.1:9/none"]) == 2
    err = capsys.readouterr().err
    assert "接続できません" in err and "secretpw" not in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_with_no_options_starts_on_sqlite(tmp_path: Path) -> None:
    """`hub serve` (only the port changed for the test) creates its SQLite file and answers."""
    port = _free_port()
    env = {**os.environ, "KAIRAN_DATA_DIR": str(tmp_path / "data")}
    env.pop("KAIRAN_HUB_DATA_DIR", None)
    env.pop("KAIRAN_HUB_DB", None)
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "hub", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.communicate()[1].decode()) from None
                time.sleep(0.1)
        assert health.json()["status"] == "ok"
        assert (tmp_path / "data" / "hub" / "hub.db").exists()
        assert httpx.get(f"http://127.0.0.1:{port}/r/nonexistent-token-123").status_code == 404
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert process.returncode in (0, -15)
    assert b"http://127.0.0.1:" in out
    for line in err.decode().splitlines():
        assert line.startswith("{"), line  # only JSON log lines on stderr
        assert "nonexistent-token-123" not in line


def test_purge_answers_command(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """hub purge-answers reports what it deleted; a bad retention is exit 2 with a reason."""
    assert _run(["hub", "purge-answers", "--db", db_url, "--answer-retention-days", "30"]) == 0
    assert re.search(r"回答を\d+件削除しました（締め切りから30日", capsys.readouterr().out)
    assert _run(["hub", "purge-answers", "--db", db_url, "--answer-retention-days", "-1"]) == 2
    assert "--answer-retention-days" in capsys.readouterr().err
