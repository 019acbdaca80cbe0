"""Guided exercises for trainer mode: values, parsing and validation of exercise files.

An exercise file is JSON, described in ``resources/exercises/README.md``. :func:`parse_exercise`
checks every rule of that format and refuses a bad file with an :class:`ExerciseError` that
names the file and the JSON path of the first problem, e.g.
``publish.json: $.steps[2].done_when: 不明なイベント "circular_publishd"``. Indexes in paths count
from 0, as in JSON Pointer and jq.

The step events (``done_when``) form a closed vocabulary, :data:`EVENTS` (the
:class:`~circular_app.domain.activity.Activity` names) plus the ``tab_opened:`` prefix: the
app emits exactly these names, so a typo in a file is caught when
the file is read, not in front of a class waiting for a step that can never complete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circular_app.domain.activity import TAB_OPENED, Activity
from circular_app.domain.errors import UserError

FORMAT_NAME = "kairan-desk/exercise"
SUPPORTED_FORMAT_VERSION = 1
LANGUAGES = ("ja", "en")
TAB_TARGET = "tab:"

#: Every event a step may wait for, besides ``tab_opened:<page>``; see the README for meanings.
EVENTS: tuple[str, ...] = tuple(activity.value for activity in Activity)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_OBJECT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


class ExerciseError(UserError):
    """An exercise file was refused: ``source`` is the file, ``path`` the JSON path of the problem."""

    def __init__(self, source: str, path: str, code: str, /, **params: object) -> None:
        super().__init__(code, source=source, path=path, **params)
        self.source = source
        self.path = path


@dataclass(frozen=True)
class LocalText:
    """A text in Japanese (the source) and English."""

    ja: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language``; Japanese for any language without its own text."""
        return self.en if language == "en" else self.ja


@dataclass(frozen=True)
class Step:
    """One step: what to do, which widget to point at, and the event that completes it.

    ``target`` is a widget's objectName, ``tab:<objectName>`` (the tab of that page) or empty
    (nothing to point at).
    """

    text: LocalText
    target: str
    done_when: str


@dataclass(frozen=True)
class Exercise:
    """A guided exercise; ``number`` is its place in the course and names its checkpoint."""

    id: str
    number: int
    title: LocalText
    goal: LocalText
    steps: tuple[Step, ...]
    source: str = ""


def is_known_event(name: str) -> bool:
    """True for a name of :data:`EVENTS` or ``tab_opened:<something>``."""
    if name.startswith(TAB_OPENED):
        return bool(name[len(TAB_OPENED) :].strip())
    return name in EVENTS


class _Reader:
    """Walks the parsed JSON, raising :class:`ExerciseError` with the path of a problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, code: str, /, **params: object) -> ExerciseError:
        return ExerciseError(self.source, path, code, **params)

    def obj(
        self, value: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "exercise.not_object")
        for key in required:
            if key not in value:
                raise self.fail(f"{path}.{key}", "exercise.missing")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(f"{path}.{key}", "exercise.unknown_key")
        return value

    def text(self, value: Any, path: str, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(path, "exercise.not_text")
        if not allow_empty and not value.strip():
            raise self.fail(path, "exercise.empty")
        return value.strip()

    def local(self, value: Any, path: str) -> LocalText:
        fields = self.obj(value, path, LANGUAGES)
        return LocalText(*(self.text(fields[lang], f"{path}.{lang}") for lang in LANGUAGES))


def _no_duplicate_keys(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_exercise(data: bytes | str, source: str) -> Exercise:
    """One exercise from the bytes (or text) of a file named ``source``."""
    reader = _Reader(source)
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise reader.fail("$", "exercise.not_utf8") from exc
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError, and so is a duplicate key
        raise reader.fail("$", "exercise.not_json", detail=str(exc)) from exc
    top = reader.obj(raw, "$", ("format", "version", "id", "number", "title", "goal", "steps"))
    if top["format"] != FORMAT_NAME:
        raise reader.fail("$.format", "exercise.bad_format", expected=FORMAT_NAME)
    version = top["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise reader.fail("$.version", "exercise.bad_version")
    if version > SUPPORTED_FORMAT_VERSION:
        raise reader.fail("$.version", "exercise.newer_version", version=version)
    exercise_id = reader.text(top["id"], "$.id")
    if not _ID.match(exercise_id):
        raise reader.fail("$.id", "exercise.bad_id", value=exercise_id)
    number = top["number"]
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
        raise reader.fail("$.number", "exercise.bad_number")
    steps_raw = top["steps"]
    if not isinstance(steps_raw, list) or not steps_raw:
        raise reader.fail("$.steps", "exercise.no_steps")
    steps = []
    for index, value in enumerate(steps_raw):
        path = f"$.steps[{index}]"
        fields = reader.obj(value, path, ("text", "done_when"), ("target",))
        target = reader.text(fields.get("target", ""), f"{path}.target", allow_empty=True)
        name = target.removeprefix(TAB_TARGET)
        if target and not _OBJECT_NAME.match(name):
            raise reader.fail(f"{path}.target", "exercise.bad_target", value=target)
        done_when = reader.text(fields["done_when"], f"{path}.done_when")
        if not is_known_event(done_when):
            raise reader.fail(f"{path}.done_when", "exercise.unknown_event", value=done_when)
        steps.append(Step(reader.local(fields["text"], f"{path}.text"), target, done_when))
    return Exercise(
        exercise_id,
        number,
        reader.local(top["title"], "$.title"),
        reader.local(top["goal"], "$.goal"),
        tuple(steps),
        source,
    )


def load_exercises(folders: Iterable[Path], errors: list[ExerciseError] | None = None) -> list[Exercise]:
    """Every ``*.json`` exercise of ``folders``, by number; a later folder replaces an id.

    The first folder is the bundled course; later ones (a workshop pack's) may replace an
    exercise by using its id. A broken file raises its :class:`ExerciseError`, or, when
    ``errors`` is given, is left out and its error appended there (the GUI offers the others).
    Two exercises with one number are refused.
    """
    by_id: dict[str, Exercise] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise ExerciseError(
                        path.name, "$", "exercise.unreadable", detail=exc.strerror or ""
                    ) from exc
                exercise = parse_exercise(data, path.name)
            except ExerciseError as error:
                if errors is None:
                    raise
                errors.append(error)
                continue
            by_id[exercise.id] = exercise
    return check_numbers(sorted(by_id.values(), key=lambda e: e.number))


def check_numbers(exercises: Sequence[Exercise]) -> list[Exercise]:
    """``exercises`` unchanged, or an :class:`ExerciseError` when two share a number."""
    seen: dict[int, Exercise] = {}
    for exercise in exercises:
        other = seen.setdefault(exercise.number, exercise)
        if other is not exercise:
            raise ExerciseError(
                exercise.source,
                "$.number",
                "exercise.same_number",
                number=exercise.number,
                other=other.source,
            )
    return list(exercises)
