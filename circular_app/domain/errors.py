"""Typed errors that a user can cause.

Each error carries a stable ``code`` (``"roster.han_not_found"``) and the facts needed to
explain it as keyword parameters, never a sentence. The text shown to people comes from one
catalog per language in :mod:`circular_app.domain.messages` (``render(error, language)``), used
by the command line and by the GUI (:mod:`circular_app.ui.common.messages`). ``str()`` of an
error is its Japanese sentence, for logs (without personal data) and the command line.

To add an error: raise ``SomeError("area.what", fact=value)``, add the template to
``domain/messages/ja.py`` and ``en.py``; ``tests/domain/test_error_catalog.py`` fails until both
have it (see docs/errors.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from circular_app.domain.messages import TEXT, render, render_code

_CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")


class UserError(Exception):
    """Base class: something the user can fix (bad input, wrong password, missing file).

    ``UserError("area.what", **params)``. A first argument that is not a code (argparse's
    reason, a reason sent by the hub) is kept as free text under the code ``"text"``.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        if _CODE.fullmatch(code) is None:
            code, params = TEXT, {"text": code}
        self.code = code
        self.params: Mapping[str, object] = params
        self.message = render(self)
        super().__init__(self.message)


class ValidationError(UserError):
    """A field of a form or command has an invalid value: ``ValidationError(field, code, **params)``.

    ``field_name`` is the field as labelled in Japanese (the catalogs name it in each language).
    """

    def __init__(self, field_name: str, code: str, /, **params: object) -> None:
        self.field_name = field_name
        super().__init__(code, **params)

    @property
    def reason(self) -> str:
        """The Japanese reason without the field name."""
        return render_code(self.code, self.params)


class NotFoundError(UserError):
    """A requested object (profile, household, 班) does not exist."""


class ConflictError(UserError):
    """The action conflicts with existing data (duplicate name, merge into itself...)."""


class ProfileError(UserError):
    """A profile cannot be opened: damaged, written by a newer version, locked or missing."""


class AuthenticationError(UserError):
    """Wrong user name or password, or the account is locked or disabled."""


class PermissionDeniedError(UserError):
    """The logged-in officer's role does not allow the action."""


@dataclass(frozen=True)
class CsvProblem:
    """One bad line of an imported CSV: 1-based line number, column header and reason.

    ``code`` and ``params`` name the reason in the error catalogs (``csv.*``), so each language
    renders it (:meth:`describe`); ``reason`` is its Japanese text (logs, ``str()`` of the
    refusal). Build one with :meth:`coded`.
    """

    line: int
    column: str
    reason: str
    code: str = "text"
    params: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def coded(cls, line: int, column: str, code: str, /, **params: object) -> CsvProblem:
        """The problem ``code`` with ``params`` (the Japanese reason rendered from the catalog)."""
        from circular_app.domain.messages import render_code  # the catalogs import nothing of ours

        return cls(line, column, render_code(code, params), code, params)

    def reason_in(self, language: str) -> str:
        """The reason in ``language`` (free-text reasons are shown as written)."""
        if self.code == "text":
            return self.reason
        from circular_app.domain.messages import render_code

        return render_code(self.code, self.params, language)

    def describe(self, language: str = "ja") -> str:
        """Return ``"12行目 [氏名]: 空欄です"`` style text (``"line 12 [氏名]: empty"`` in English)."""
        from circular_app.domain.messages import render_code

        where = (
            render_code("csv.where_line", {"line": self.line}, language)
            if self.line > 0
            else (render_code("csv.where_file", {}, language))
        )
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col}: {self.reason_in(language)}"


@dataclass
class CsvImportError(UserError):
    """A roster CSV was refused; nothing was imported. Lists every bad line (code ``roster.csv_refused``)."""

    source: str
    problems: list[CsvProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        lines = "; ".join(p.describe() for p in self.problems[:5])
        more = f" (ほか{len(self.problems) - 5}件)" if len(self.problems) > 5 else ""
        UserError.__init__(
            self,
            "roster.csv_refused",
            source=self.source,
            count=len(self.problems),
            problems=tuple(self.problems),
            lines=lines,
            more=more,
        )

    def __str__(self) -> str:
        return self.message

    def __hash__(self) -> int:
        return id(self)
