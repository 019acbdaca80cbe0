"""The render pool started before the log-in (export-pdf): same files, errors, cancel, cleanup.

Each scenario runs in a fresh process (tests/pdf/warm_pool_child.py): the pool forks, and a
test process with threads of its own is no place to fork from.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the warm pool forks (Linux only)")


def _scenario(name: str, folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.pdf.warm_pool_child", name, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    """20 copies on the warm pool: every file, byte for byte the in-process one; reportlab is
    not even imported here."""
    outcome = _scenario("render", tmp_path)
    assert outcome["pages"] == [1] * 20
    assert outcome["identical"] is True
    assert outcome["parent_imported_reportlab"] is False
    assert outcome["workers_gone"] is True


def test_a_workers_error_is_raised_here_and_the_workers_end(tmp_path: Path) -> None:
    """A copy that cannot be written raises its own error in the caller; no worker is left."""
    outcome = _scenario("error", tmp_path)
    assert outcome["raised"] == "FileNotFoundError"
    assert outcome["workers_gone"] is True
    assert outcome["files"] == outcome["files_later"]


def test_cancel_stops_the_workers_before_the_caller_cleans_up(tmp_path: Path) -> None:
    """After a cancel the workers are gone: no file appears once close() has returned."""
    outcome = _scenario("cancel", tmp_path)
    assert outcome["raised"] == "ExportCancelled"
    assert outcome["workers_gone"] is True
    assert outcome["files"] == outcome["files_later"]
    assert isinstance(outcome["files"], int) and outcome["files"] < 20


def test_a_killed_worker_is_reported_not_waited_for(tmp_path: Path) -> None:
    """A worker killed before the batch gives RenderWorkerLostError, not a hang."""
    outcome = _scenario("lost", tmp_path)
    assert outcome["raised"] == "RenderWorkerLostError"
    assert outcome["workers_gone"] is True


def test_the_pool_starts_only_in_a_single_threaded_process(tmp_path: Path) -> None:
    """With another thread running, forking could copy a held lock: no pool then."""
    assert _scenario("start", tmp_path) == {"alone": True, "with_thread": False}


def test_workers_end_when_their_connections_close(tmp_path: Path) -> None:
    """Closing the connections alone ends every worker, the ones forked from the first included.

    That is what happens when this process dies: no worker is left waiting for ever.
    """
    assert _scenario("eof", tmp_path)["ended_by_eof"] is True
