"""Exercise files: the bundled ones parse; a broken one is refused naming the file and path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from circular_app.domain.exercises import (
    EVENTS,
    ExerciseError,
    is_known_event,
    load_exercises,
    parse_exercise,
)
from circular_app.paths import bundle_root

BUNDLED = bundle_root() / "resources" / "exercises"


def _valid() -> dict[str, Any]:
    return {
        "format": "kairan-desk/exercise",
        "version": 1,
        "id": "sample",
        "number": 7,
        "title": {"ja": "見本", "en": "Sample"},
        "goal": {"ja": "目標", "en": "Goal"},
        "steps": [
            {
                "text": {"ja": "開く", "en": "Open"},
                "target": "tab:reads_page",
                "done_when": "tab_opened:reads_page",
            },
            {"text": {"ja": "発行", "en": "Publish"}, "target": "", "done_when": "circular_published"},
        ],
    }


def _refusal(doc: Any, source: str = "broken.json") -> ExerciseError:
    with pytest.raises(ExerciseError) as caught:
        parse_exercise(json.dumps(doc, ensure_ascii=False).encode(), source)
    return caught.value


def test_bundled_exercises_parse_in_order() -> None:
    """The four bundled exercises load, numbered 1 to 4, each with steps in both languages."""
    exercises = load_exercises([BUNDLED])
    assert [e.number for e in exercises] == [1, 2, 3, 4]
    assert [e.title.ja for e in exercises] == [
        "回覧を作って発行する",
        "紙の回覧表を入力する",
        "止まっている回覧板を見つける",
        "紙の世帯向けに印刷する",
    ]
    assert all(s.text.ja and s.text.en for e in exercises for s in e.steps)


def test_valid_file_gives_its_steps() -> None:
    """A valid document becomes an Exercise with its targets and events."""
    exercise = parse_exercise(json.dumps(_valid()), "sample.json")
    assert exercise.id == "sample" and exercise.number == 7
    assert [(s.target, s.done_when) for s in exercise.steps] == [
        ("tab:reads_page", "tab_opened:reads_page"),
        ("", "circular_published"),
    ]
    assert exercise.title.get("en") == "Sample" and exercise.title.get("ja") == "見本"


def test_unknown_event_is_refused_naming_file_and_path() -> None:
    """A misspelt done_when is refused with the file name and the JSON path of the step."""
    doc = _valid()
    doc["steps"][1]["done_when"] = "circular_publishd"
    error = _refusal(doc, "02-broken.json")
    assert error.source == "02-broken.json"
    assert error.path == "$.steps[1].done_when"
    assert "02-broken.json: $.steps[1].done_when" in str(error)


def test_missing_translation_is_refused_with_its_path() -> None:
    """A step text without English names the missing key."""
    doc = _valid()
    del doc["steps"][0]["text"]["en"]
    assert _refusal(doc).path == "$.steps[0].text.en"


def test_unknown_field_is_refused() -> None:
    """A misspelt field is refused instead of being ignored."""
    doc = _valid()
    doc["steps"][0]["taget"] = "x"
    assert _refusal(doc).path == "$.steps[0].taget"


def test_bad_target_is_refused() -> None:
    """A target that cannot be an objectName is refused."""
    doc = _valid()
    doc["steps"][0]["target"] = "tab:回覧"
    assert _refusal(doc).path == "$.steps[0].target"


def test_newer_version_is_refused() -> None:
    """A file of a newer format version asks for an update."""
    doc = _valid()
    doc["version"] = 2
    assert _refusal(doc).path == "$.version"


def test_not_json_is_refused() -> None:
    """Text that is not JSON is refused at the root path."""
    with pytest.raises(ExerciseError) as caught:
        parse_exercise(b"{ not json", "x.json")
    assert caught.value.path == "$"


def test_duplicate_key_is_refused() -> None:
    """A key given twice is refused (the second would silently win)."""
    with pytest.raises(ExerciseError):
        parse_exercise('{"id": "a", "id": "b"}', "x.json")


def test_broken_file_in_folder_names_the_file(tmp_path: Path) -> None:
    """Loading a folder with a broken file names that file."""
    doc = _valid()
    doc["steps"] = []
    (tmp_path / "05-empty.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ExerciseError) as caught:
        load_exercises([tmp_path])
    assert str(caught.value).startswith("05-empty.json: $.steps")


def test_later_folder_replaces_an_exercise_by_id(tmp_path: Path) -> None:
    """An imported exercise with a bundled id replaces the bundled one."""
    doc = json.loads((BUNDLED / "01-publish-circular.json").read_text(encoding="utf-8"))
    doc["title"]["ja"] = "回覧を作って発行する（町会版）"
    (tmp_path / "mine.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    exercises = load_exercises([BUNDLED, tmp_path])
    assert len(exercises) == 4
    assert exercises[0].title.ja == "回覧を作って発行する（町会版）"


def test_two_exercises_with_one_number_are_refused(tmp_path: Path) -> None:
    """Numbers name checkpoints, so two exercises may not share one."""
    first, second = _valid(), _valid()
    second["id"] = "other"
    (tmp_path / "a.json").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(second), encoding="utf-8")
    with pytest.raises(ExerciseError) as caught:
        load_exercises([tmp_path])
    assert caught.value.path == "$.number"


def test_event_vocabulary() -> None:
    """Known names and tab_opened:<page> are events; anything else is not."""
    assert all(is_known_event(name) for name in EVENTS)
    assert is_known_event("tab_opened:reads_page")
    assert not is_known_event("tab_opened:")
    assert not is_known_event("clicked_next")


def test_broken_file_can_be_left_out_and_reported(tmp_path: Path) -> None:
    """With an error list, a broken file is skipped and reported; the others still load."""
    (tmp_path / "good.json").write_text(json.dumps(_valid()), encoding="utf-8")
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    errors: list[ExerciseError] = []
    exercises = load_exercises([tmp_path], errors)
    assert [e.id for e in exercises] == ["sample"]
    assert [(e.source, e.path) for e in errors] == [("bad.json", "$")]


def test_refusal_reads_in_english_too() -> None:
    """An exercise refusal is a coded error: the English GUI gets English, file and path kept."""
    from circular_app.domain.messages import render

    error = _refusal({})
    assert str(error) == "broken.json: $.format: ありません（必須の項目です）"
    assert render(error, "en") == "broken.json: $.format: missing (a required item)"
