"""Killing the program mid-typing loses at most the last few seconds of a circular draft."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from circular_app.app import App, ProfileServices
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER
from tests.ui.compose.kill_worker import piece

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow

# Typing goes on this long before the kill, so that text typed LOSS_LIMIT_S before it exists.
TYPING_S = 5.0
LOSS_LIMIT_S = 3.0


def test_killed_editor_keeps_all_but_the_last_seconds(app: App, services: ProfileServices) -> None:
    """After SIGKILL mid-typing, the draft holds every piece typed up to 3 s before the kill."""
    services.context.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    typed: list[tuple[int, float]] = []
    with subprocess.Popen(
        [sys.executable, "-m", "tests.ui.compose.kill_worker", str(app.paths.data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "READY":
            _out, err = proc.communicate(timeout=30)
            pytest.fail(f"worker did not start: {err}")
        for line in proc.stdout:
            _word, step, at, _text = line.split(" ", 3)
            typed.append((int(step), float(at)))
            if typed[-1][1] - typed[0][1] >= TYPING_S:
                break
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL

    again = app.services_for(app.profiles.open_profile(services.context.ref, ADMIN_USER, ADMIN_PASSWORD))
    try:
        (draft,) = again.circulars.list_circulars()
        must_have = [step for step, at in typed if at <= killed_at - LOSS_LIMIT_S]
        assert len(must_have) >= 10  # the test means something only with enough old text
        missing = [step for step in must_have if piece(step) not in draft.body]
        assert missing == []
        assert draft.title == again.circulars.templates()[0].title
    finally:
        again.context.close()
