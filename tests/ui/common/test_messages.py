"""User errors become translated text from the error catalogs; free text is shown as written."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from circular_app import ui
from circular_app.domain.errors import (
    AuthenticationError,
    ConflictError,
    CsvImportError,
    CsvProblem,
    UserError,
    ValidationError,
)
from circular_app.paths import bundle_root
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.i18n import Translations


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translations = Translations(bundle_root() / "resources" / "i18n")
    translations.set_language("en")
    yield
    translations.uninstall()


def test_validation_error_names_the_field() -> None:
    """A validation error reads 「氏名: 空欄です」 in Japanese."""
    assert messages.error_text(ValidationError("氏名", "field.empty")) == "氏名: 空欄です"


def test_validation_error_in_english(english: None) -> None:
    """In English the field name and a known reason are translated."""
    assert messages.error_text(ValidationError("氏名", "field.empty")) == "Name: is empty"


def test_lockout_message_keeps_its_number_in_english(english: None) -> None:
    """A lock-out message with a number is translated with the number kept."""
    error = AuthenticationError("auth.wrong_password_left", left=2)
    assert messages.error_text(error) == (
        "Wrong user name or password (2 more wrong attempt(s) will lock the log-in for a while)"
    )
    assert messages.error_title(error) == "Cannot log in"


def test_unknown_message_is_shown_as_written(english: None) -> None:
    """A message without a translation is shown unchanged rather than hidden."""
    assert messages.error_text(ConflictError("前例のない問題です")) == "前例のない問題です"


def test_csv_error_counts_its_problems() -> None:
    """A refused CSV is summarised with the number of problems."""
    error = CsvImportError("a.csv", [CsvProblem(2, "氏名", "空欄です"), CsvProblem(3, "班", "空欄です")])
    assert messages.error_text(error) == "a.csv: 2件の問題があり、取り込みませんでした"


def test_show_error_uses_the_title_of_the_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """show_error opens a warning with the title of the error's kind and its text."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: shown.append((title, text)))
    messages.show_error(None, ConflictError("roster.merge_into_itself"))
    assert shown == [("この操作はできません", "同じ班どうしは統合できません")]


def test_every_user_error_has_a_title() -> None:
    """Every kind of user error maps to its own non-empty title."""
    errors: list[UserError] = [
        ValidationError("氏名", "field.empty"),
        AuthenticationError("x"),
        ConflictError("x"),
        CsvImportError("a.csv", []),
        UserError("x"),
    ]
    titles = [messages.error_title(e) for e in errors]
    assert all(titles) and len(set(titles)) == len(titles)


def _japanese_patterns(root: Path) -> list[str]:
    """``re.compile/match/search/...`` calls in ``root`` whose pattern contains Japanese."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
                continue
            pattern = node.args[0] if node.args else None
            is_text = isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
            if is_text and isinstance(pattern, ast.Constant) and _JAPANESE.search(str(pattern.value)):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


def test_no_regex_translation_is_left() -> None:
    """No UI module matches Japanese sentences with regular expressions (errors come from the catalogs)."""
    assert _japanese_patterns(Path(ui.__file__).parent) == []


def test_csv_problem_in_japanese() -> None:
    """An import problem reads 「3行目 [班]: 空欄です」 in Japanese."""
    assert messages.csv_problem_text(CsvProblem.coded(3, "班", "field.empty")) == "3行目 [班]: 空欄です"


def test_csv_problem_in_english(english: None) -> None:
    """The import dialog's problem lines are English once the GUI is English."""
    assert messages.csv_problem_text(CsvProblem.coded(3, "班", "field.empty")) == "line 3 [班]: is empty"
