"""The shell scripts' shared helpers (scripts/common.sh): language of their lines, apt lock wait."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from circular_app.paths import default_data_dir
from circular_app.settings import LANGUAGE, Settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
# The scripts whose own lines a user reads: the README's commands and what they run.
USER_SCRIPTS = ("install.sh", "demo.sh", "test.sh", "build.sh", "frozen_check.sh")


def _bash(snippet: str, env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", f". scripts/common.sh\n{snippet}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KAIRAN_DATA_DIR", "XDG_DATA_HOME")}
    env.update(values)
    return env


@pytest.mark.parametrize("where", ["KAIRAN_DATA_DIR", "XDG_DATA_HOME"])
def test_scripts_speak_the_language_the_app_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """``say`` picks Japanese or English from the same settings file as the app, Japanese first."""
    monkeypatch.delenv("KAIRAN_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv(where, str(tmp_path))
    data = default_data_dir()  # the app's rule
    assert data == (tmp_path if where == "KAIRAN_DATA_DIR" else tmp_path / "KairanDesk")
    settings = Settings(data / "settings.json")
    env = dict(os.environ)
    assert settings.get(LANGUAGE) == "ja"
    assert _bash("say 日本語 English", env).stdout == "日本語\n"
    settings.set(LANGUAGE, "en")
    assert _bash("say 日本語 English", env).stdout == "English\n"
    settings.set(LANGUAGE, "ja")
    assert _bash("say 日本語 English", env).stdout == "日本語\n"


@pytest.mark.parametrize("script", USER_SCRIPTS)
def test_scripts_print_their_own_sentences_through_say(script: str) -> None:
    """No echo: every own sentence has a Japanese and an English form (printf only for data)."""
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    echoes = [
        line.strip()
        for line in text.splitlines()
        if re.search(r"\becho\b", line) and not line.lstrip().startswith("#")
    ]
    assert echoes == []


@pytest.mark.skipif(shutil.which("apt-get") is None, reason="apt-get exists only on Debian-like systems")
def test_apt_get_waits_for_a_held_lock(tmp_path: Path) -> None:
    """apt_get retries while another process holds apt's lock, then succeeds (no exit 100)."""
    lists = tmp_path / "lists"
    (lists / "partial").mkdir(parents=True)
    (tmp_path / "cache" / "archives" / "partial").mkdir(parents=True)
    (tmp_path / "sources.list").write_text("")
    (tmp_path / "sources.list.d").mkdir()
    options = " ".join(
        f"-o {key}={value}"
        for key, value in {
            "Dir::State::Lists": lists,
            "Dir::Cache": tmp_path / "cache",
            "Dir::Etc::sourcelist": tmp_path / "sources.list",
            "Dir::Etc::sourceparts": tmp_path / "sources.list.d",
        }.items()
    )
    lock = os.open(lists / "lock", os.O_RDWR | os.O_CREAT, 0o640)
    try:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            ["bash", "-c", f". scripts/common.sh\nAPT_LOCK_WAIT=60 apt_get {options} update"],
            cwd=ROOT,
            env=_env(KAIRAN_DATA_DIR=str(tmp_path / "data")),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(3)
        assert proc.poll() is None, "apt_get gave up at once while the lock was held"
    finally:
        os.close(lock)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    # One line of ours while waiting; apt's own lines only when it fails.
    assert out.splitlines() == ["== 別の apt/dpkg の終了を待っています（最長 60 秒）…"]
