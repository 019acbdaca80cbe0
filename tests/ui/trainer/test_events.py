"""Every event an exercise waits for has an emit site in the code (an exercise can finish)."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from pathlib import Path

from circular_app.domain.activity import TAB_OPENED, Activity

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "circular_app"
EXERCISES = ROOT / "resources" / "exercises"
#: The calls that announce an event: the services' decorator and the emit methods.
EMIT_CALLS = frozenset({"emits", "emit", "_emit"})


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return call.func.id if isinstance(call.func, ast.Name) else ""


def emitted_events(package: Path) -> set[str]:
    """The event names the code emits: ``Activity.X`` (or ``TAB_OPENED + …``) passed to an emit call."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and _call_name(node) in EMIT_CALLS):
                continue
            arg = node.args[0]
            if (
                isinstance(arg, ast.Attribute)
                and isinstance(arg.value, ast.Name)
                and arg.value.id == "Activity"
            ):
                found.add(Activity[arg.attr].value)
            elif (
                isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Name) and arg.left.id == "TAB_OPENED"
            ):
                found.add(TAB_OPENED)
    return found


def unemitted(files: Iterable[Path], emitted: set[str]) -> list[str]:
    """``file: path: event`` for every step whose ``done_when`` nothing emits (raw JSON, unvalidated)."""
    problems = []
    for path in files:
        steps = json.loads(path.read_text(encoding="utf-8"))["steps"]
        for index, step in enumerate(steps):
            event = step["done_when"]
            wanted = TAB_OPENED if event.startswith(TAB_OPENED) else event
            if wanted not in emitted:
                problems.append(f"{path.name}: $.steps[{index}].done_when: {event}")
    return problems


def test_every_exercise_event_is_emitted() -> None:
    """Each bundled exercise only waits for events that some code emits."""
    files = sorted(EXERCISES.glob("*.json"))
    assert files
    assert unemitted(files, emitted_events(PACKAGE)) == []


def test_every_activity_has_an_emit_site() -> None:
    """Each name of the vocabulary (and the tab prefix) is emitted somewhere."""
    assert emitted_events(PACKAGE) == {a.value for a in Activity} | {TAB_OPENED}


def test_an_event_nothing_emits_is_reported(tmp_path: Path) -> None:
    """A copy of an exercise waiting for a bogus event is caught, naming file and step."""
    source = EXERCISES / "01-publish-circular.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["steps"][-1]["done_when"] = "circular_publishd"
    copy = tmp_path / source.name
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    last = len(data["steps"]) - 1
    assert unemitted([copy], emitted_events(PACKAGE)) == [
        f"{source.name}: $.steps[{last}].done_when: circular_publishd"
    ]
