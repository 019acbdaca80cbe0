"""Every error code raised in the package has a template in every language; errors carry no prose."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import circular_app
from circular_app.domain import messages
from circular_app.domain.errors import (
    AuthenticationError,
    CsvImportError,
    CsvProblem,
    NotFoundError,
    PermissionDeniedError,
    UserError,
    ValidationError,
)

PACKAGE = Path(circular_app.__file__).parent
_CODE_SHAPE = "abcdefghijklmnopqrstuvwxyz0123456789_."


def _is_code(text: str) -> bool:
    return "." in text and text[0].isalpha() and all(ch in _CODE_SHAPE for ch in text)


# Calls that take a code as one of their first three arguments besides ``…Error(...)``: CSV
# problems (``CsvProblem.coded``, the roster reader's ``_problem``, ``file_problem``).
_CODED_CALLS = frozenset({"coded", "_problem", "file_problem"})


def _called_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _raised_codes() -> Iterator[tuple[str, int, str, str | None]]:
    """(file, line, code, literal field) of every ``SomethingError("area.what", ...)`` call."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            coded = name in _CODED_CALLS
            if not (coded or (isinstance(node.func, ast.Name) and name.endswith("Error"))):
                continue
            literals = [
                a.value
                for a in node.args[: 3 if coded else 2]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            field = None
            if name == "ValidationError" and len(node.args) >= 2:
                first = node.args[0]
                field = (
                    first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                )
            for text in literals:
                if _is_code(text):
                    yield str(path.relative_to(PACKAGE)), node.lineno, text, field


RAISED = list(_raised_codes())


def _placeholders(template: str) -> set[str]:
    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_walk_finds_the_raise_sites() -> None:
    """The AST walk sees the coded raise sites (a walk that finds nothing would prove nothing)."""
    assert len(RAISED) > 150


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_every_raised_code_has_a_template(language: str) -> None:
    """Every code raised anywhere in the package has a template in every language."""
    missing = [f"{f}:{line} {code}" for f, line, code, _ in RAISED if code not in messages.CATALOGS[language]]
    assert missing == []


def test_catalogs_have_the_same_codes_and_parameters() -> None:
    """Each language has every code and uses only parameters the Japanese source has."""
    ja, en = messages.CATALOGS["ja"], messages.CATALOGS["en"]
    assert set(ja) == set(en)
    differing = [code for code in ja if not _placeholders(en[code]) <= _placeholders(ja[code])]
    assert differing == []


def test_every_literal_field_is_named_in_english() -> None:
    """A validation field written in Japanese at a raise site has an English name (options stay as typed)."""
    fields = {field for _, _, _, field in RAISED if field and not field.isascii()}
    assert sorted(f for f in fields if messages.field_label(f, "en") == f) == []


def test_str_is_the_japanese_sentence() -> None:
    """``str()`` of a coded error is its Japanese sentence, for logs and the command line."""
    assert str(NotFoundError("roster.han_not_found", han="9班")) == "班「9班」が見つかりません"


def test_validation_error_is_prefixed_by_its_field() -> None:
    """A validation error reads 「field: reason」, the field named in the chosen language."""
    error = ValidationError("氏名", "field.too_long", count=40)
    assert messages.render(error, "ja") == "氏名: 40文字以内にしてください"
    assert messages.render(error, "en") == "Name: use at most 40 characters"


def test_error_keeps_code_and_parameters() -> None:
    """An error carries its code and facts, not a sentence."""
    error = AuthenticationError("auth.wrong_password_left", left=2)
    assert (error.code, dict(error.params)) == ("auth.wrong_password_left", {"left": 2})


def test_role_parameter_is_a_word_of_the_language() -> None:
    """A role given by its code is shown as the role's name in each language."""
    error = PermissionDeniedError("permission.denied", role="admin", action="名簿の変更")
    assert str(error) == "管理者の権限では「名簿の変更」はできません"
    assert messages.render(error, "en") == "The administrator role may not do this: 名簿の変更"


def test_free_text_is_shown_as_written() -> None:
    """A reason that is not a code (argparse's, the hub's) is kept as free text in every language."""
    error = UserError("argument --year: invalid int value: 'x'")
    assert error.code == messages.TEXT
    assert messages.render(error, "en") == "argument --year: invalid int value: 'x'"


def test_csv_error_still_names_file_line_and_field() -> None:
    """A refused CSV lists its problems by file, line and column, with structured parameters."""
    problems = [CsvProblem(2, "氏名", "空欄です")]
    error = CsvImportError("名簿.csv", problems)
    assert str(error) == "名簿.csv: 1件の問題があり、取り込みませんでした: 2行目 [氏名]: 空欄です"
    assert error.params["problems"] == tuple(problems)


def test_the_walk_finds_csv_problem_codes() -> None:
    """CSV problems are coded too: the walk sees them (and so checks both catalogs have them)."""
    assert {"csv.bad_date", "csv.xlsx", "csv.ambiguous_name"} <= {code for _, _, code, _ in RAISED}


def test_csv_problems_render_in_english() -> None:
    """A coded CSV problem reads in English, with its line, in the English GUI."""
    problem = CsvProblem.coded(12, "転出日", "csv.bad_date", value="来月")
    assert (
        problem.describe() == "12行目 [転出日]: 日付は 2024-04-01 か 2024/4/1 の形で入力してください（来月）"
    )
    assert problem.describe("en") == "line 12 [転出日]: write the date as 2024-04-01 or 2024/4/1 (来月)"
