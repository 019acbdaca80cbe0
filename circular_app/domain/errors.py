"""Typed errors that a user can cause.

Each error carries a stable ``code`` and the facts needed to explain it. The text shown to
people is produced in one place (``circular_app.services.messages`` for the command line,
``circular_app.ui.common.messages`` for the GUI), so the domain never formats user-facing prose.
A ``str()`` of an error is a Japanese one-line explanation usable in logs without personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UserError(Exception):
    """Base class: something the user can fix (bad input, wrong password, missing file)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """A field of a form or command has an invalid value."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field_name = field_name


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
    """One bad line of an imported CSV: 1-based line number, column header and reason."""

    line: int
    column: str
    reason: str

    def describe(self) -> str:
        """Return ``"12行目 [氏名]: 空欄です"`` style text."""
        where = f"{self.line}行目" if self.line > 0 else "ファイル"
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col}: {self.reason}"


@dataclass
class CsvImportError(UserError):
    """A roster CSV was refused; nothing was imported. Lists every bad line."""

    source: str
    problems: list[CsvProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        lines = "; ".join(p.describe() for p in self.problems[:5])
        more = f" (ほか{len(self.problems) - 5}件)" if len(self.problems) > 5 else ""
        UserError.__init__(
            self, f"{self.source}: {len(self.problems)}件の問題があり、取り込みませんでした: {lines}{more}"
        )

    def __str__(self) -> str:
        return self.message

    def __hash__(self) -> int:
        return id(self)
