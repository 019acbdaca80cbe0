"""Every benchmark takes ``--json`` (issue 24): its figures as data. Nothing is timed here.

Each script is imported (not run) and its ``main`` asked for ``--help`` after ``--json``:
argparse prints the help and exits 0 before measuring anything, and the help lists
``--json`` only when the parser has it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py") if not p.stem.startswith("_"))


def test_every_benchmark_is_listed() -> None:
    """The scripts of issue 24 are all here (a new one is picked up by the glob)."""
    expected = {"circulars", "hub_load", "kpi_aggregate", "pdf_export", "reads", "roster", "startup"}
    assert expected <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_parser_accepts_json(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python benchmarks/NAME.py --json`` is understood (``--help`` stops before measuring)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.setenv("QT_QPA_PLATFORM", os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    with pytest.raises(SystemExit) as stopped:
        module.main(["--json", "--help"])
    assert stopped.value.code == 0
    assert "--json" in capsys.readouterr().out
