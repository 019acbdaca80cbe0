"""The one place where user errors become text on screen.

Domain and service errors (:class:`~circular_app.domain.errors.UserError` subclasses) carry a
code and parameters; their text comes from the error catalogs of
:mod:`circular_app.domain.messages` in the language installed by
:class:`~circular_app.ui.common.i18n.Translations`. Here they also get a translated title.
Only user errors are handled: anything else is a bug and propagates to the caller.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from circular_app.domain import messages as catalog
from circular_app.domain.errors import (
    AuthenticationError,
    ConflictError,
    CsvImportError,
    CsvProblem,
    NotFoundError,
    PermissionDeniedError,
    ProfileError,
    UserError,
    ValidationError,
)
from circular_app.ui.common import dialogs
from circular_app.ui.common.i18n import current_language

CONTEXT = "Messages"

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts the
# literal calls below.
translate = QCoreApplication.translate


def translate_phrase(text: str) -> str:
    """``text`` in the current language when the catalog has it, else unchanged (not for errors)."""
    return translate(CONTEXT, text)


def field_label(field_name: str) -> str:
    """A domain field name (``"氏名"``) in the current language."""
    return catalog.field_label(field_name, current_language())


def validation_reason(error: ValidationError) -> str:
    """The reason part of a validation error (without the field name), translated."""
    return catalog.render_code(error.code, error.params, current_language())


def error_text(error: UserError) -> str:
    """One translated line explaining ``error`` (a refused CSV: the count; the dialog lists the lines)."""
    if isinstance(error, CsvImportError):
        return catalog.render_code("roster.csv_summary", error.params, current_language())
    return catalog.render(error, current_language())


def csv_problem_text(problem: CsvProblem) -> str:
    """「12行目 [氏名]: 空欄です」 in the current language (line, column and reason)."""
    return problem.describe(current_language())


def error_title(error: UserError) -> str:
    """A short translated title for the kind of ``error``."""
    if isinstance(error, ValidationError):
        return translate("Messages", "入力内容を確認してください")
    if isinstance(error, AuthenticationError):
        return translate("Messages", "ログインできません")
    if isinstance(error, PermissionDeniedError):
        return translate("Messages", "権限がありません")
    if isinstance(error, ConflictError):
        return translate("Messages", "この操作はできません")
    if isinstance(error, NotFoundError):
        return translate("Messages", "見つかりません")
    if isinstance(error, ProfileError):
        return translate("Messages", "プロファイルを開けません")
    if isinstance(error, CsvImportError):
        return translate("Messages", "名簿を取り込めません")
    return translate("Messages", "エラー")


def show_error(parent: QWidget | None, error: UserError) -> None:
    """Show ``error`` in a warning box over ``parent``."""
    dialogs.warn(parent, error_title(error), error_text(error))


def os_error_text(error: OSError) -> str:
    """A file error (missing file, no permission) as one translated line."""
    name = error.filename if error.filename is not None else ""
    return translate("Messages", "{file}: 読み書きできません（{reason}）").format(
        file=name, reason=error.strerror or ""
    )
