"""Exercise texts name only buttons, menus, tabs and labels that the real window shows.

Every 「…」 in an exercise step's Japanese text (and every “…” in its English text) must be a
text of the practice window in that language: a button, a menu action, a tab, a label, a group
title, a list choice or a table heading, of the window itself, of the circular editor or of a
dialog the menus open. Texts to type (「練習の回覧」に書き換えます) are not names of the UI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.app import App
from circular_app.domain.circulars import Status
from circular_app.domain.exercises import Exercise, parse_exercise
from circular_app.paths import bundle_root
from circular_app.services import trainer
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.compose.circular_list import CircularListPage
from circular_app.ui.shell.main_window import MainWindow
from circular_app.ui.shell.standard_pages import STANDARD_PAGES
from circular_app.ui.trainer.page import trainer_controller
from tests.ui.dialog_walk import DialogWatcher, menu_actions, ui_texts

EXERCISES = sorted((bundle_root() / "resources" / "exercises").glob("*.json"))
# A quoted text to type (「練習の回覧」に書き換えます, “Change the title to “Practice circular””)
# is caught by the group ``typed`` and is not a name of the UI.
QUOTED = {
    "ja": re.compile(r"「(?P<name>[^」]+)」(?P<typed>に書き換え|と入力)?"),
    "en": re.compile(r"(?P<typed>(?:title|name) to |[Tt]ype )?“(?P<name>[^”]+)”"),
}
MNEMONIC = re.compile(r"\(&.\)|&(?=\S)")
TRAILING_NOTE = re.compile(r"（[^（）]*）$|\([^()]*\)$")


def _load(path: Path) -> Exercise:
    return parse_exercise(path.read_bytes(), path.name)


def normalized(text: str) -> set[str]:
    """``text`` as an exercise may name it: without its (&X) mnemonic, trailing 「…」 and colon.

    A trailing note in brackets (「紙で受け取る世帯の個別配布用（12世帯）」) may be left out too.
    """
    plain = MNEMONIC.sub("", text).strip().rstrip("…").removesuffix("...").rstrip(":：").strip()
    return {plain, TRAILING_NOTE.sub("", plain).strip()}


def quoted_names(exercise: Exercise, language: str) -> list[tuple[int, str]]:
    """The (step number, quoted name) pairs of ``exercise`` in ``language``; typed texts left out."""
    return [
        (number, match.group("name"))
        for number, step in enumerate(exercise.steps, start=1)
        for match in QUOTED[language].finditer(step.text.get(language))
        if match.group("typed") is None
    ]


def window_texts(window: MainWindow, qtbot: QtBot) -> set[str]:
    """Every text of the window, its circular editor and the dialogs its menus open."""
    services = window.services
    circulars = window.findChild(CircularListPage)
    assert circulars is not None
    listed = services.circulars.list_circulars()
    draft = next(c for c in listed if c.status is Status.DRAFT)
    published = next(c for c in listed if c.status is Status.PUBLISHED)
    editor = circulars.open_editor(draft.id)
    texts: set[str] = set()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            texts |= ui_texts(widget)
    editor.close()  # publishing from the list would raise an open editor first
    watcher = DialogWatcher(click_browse=False)
    try:
        # The paper-copies dialog first: the walk's 新規 and 複製 select a draft, which cannot print.
        circulars.select_circular(published.id)
        circulars.print_action.trigger()
        circulars.select_circular(draft.id)
        circulars.publish_current()  # its question, answered 「やめる」 by the watcher
        for _name, run in menu_actions(window):
            run()
            qtbot.wait(30)
    finally:
        watcher.stop()
    for seen in watcher.seen:
        texts |= seen.texts
    return {name for text in texts for name in normalized(text)}


@pytest.fixture(params=["ja", "en"])
def practice_texts(
    request: pytest.FixtureRequest, qtbot: QtBot, app: App, appearance: Appearance
) -> Iterator[tuple[str, set[str]]]:
    """(language, every UI text) of a practice window in that language."""
    language: str = request.param
    appearance.apply(Look(language=language))
    services = app.services_for(trainer.create_practice(app.profiles, households=12))
    window = MainWindow(app, services, appearance, pages=STANDARD_PAGES)
    qtbot.addWidget(window)
    window.show()
    try:
        yield language, window_texts(window, qtbot)
    finally:
        controller = trainer_controller(window)
        if controller is not None:
            controller.presentation.set_active(False)
        services.context.close()


def test_every_quoted_name_is_a_text_of_the_window(practice_texts: tuple[str, set[str]]) -> None:
    """Each 「…」 (English: “…”) of every exercise step is a button, menu, tab or label of the window."""
    language, texts = practice_texts
    missing = [
        f"{path.name} step {number}: {name!r}"
        for path in EXERCISES
        for number, name in quoted_names(_load(path), language)
        if name not in texts
    ]
    assert missing == [], "\n".join(missing)


def test_quoted_names_are_the_buttons_named_not_the_texts_typed() -> None:
    """「OK」 and 「発行」 are names to check; 「練習の回覧」に書き換え is a text to type."""
    exercise = parse_exercise(
        json.dumps(
            {
                "format": "kairan-desk/exercise",
                "version": 1,
                "id": "sample",
                "number": 9,
                "title": {"ja": "見本", "en": "Sample"},
                "goal": {"ja": "見本", "en": "Sample"},
                "steps": [
                    {
                        "text": {
                            "ja": "件名を「練習の回覧」に書き換え、「OK」を押します。",
                            "en": "Change the title to “Practice” and press “OK”.",
                        },
                        "done_when": "draft_saved",
                    },
                    {
                        "text": {"ja": "「発行」を押します。", "en": "Press “Publish”."},
                        "done_when": "circular_published",
                    },
                ],
            }
        ),
        "sample.json",
    )
    assert quoted_names(exercise, "ja") == [(1, "OK"), (2, "発行")]
    assert quoted_names(exercise, "en") == [(1, "OK"), (2, "Publish")]


def test_normalized_drops_mnemonic_ellipsis_and_note() -> None:
    """「督促シートを印刷(&P)…」 and 「紙で受け取る世帯の個別配布用（12世帯）(&I)」 match their plain names."""
    assert "督促シートを印刷" in normalized("督促シートを印刷(&P)…")
    assert "紙で受け取る世帯の個別配布用" in normalized("紙で受け取る世帯の個別配布用（12世帯）(&I)")
    assert "Print reminder sheet" in normalized("&Print reminder sheet…")


def test_every_exercise_is_checked() -> None:
    """The bundled exercises are found (an empty glob would check nothing)."""
    assert len(EXERCISES) >= 4
    assert all(isinstance(path, Path) for path in EXERCISES)
