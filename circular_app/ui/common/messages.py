"""The one place where user errors become text on screen.

Domain and service errors (:class:`~circular_app.domain.errors.UserError` subclasses) carry a
Japanese one-line message. Here they get a translated title, and the message is translated
where it is one of the known fixed phrases (field names and frequent reasons); any other
message is shown as written. Only user errors are handled: anything else is a bug and
propagates to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from circular_app.domain.errors import (
    AuthenticationError,
    ConflictError,
    CsvImportError,
    NotFoundError,
    PermissionDeniedError,
    ProfileError,
    UserError,
    ValidationError,
)

CONTEXT = "Messages"

# Field names as the domain spells them (ValidationError.field_name).
_FIELD_NAMES = (
    QT_TRANSLATE_NOOP("Messages", "氏名"),
    QT_TRANSLATE_NOOP("Messages", "フリガナ"),
    QT_TRANSLATE_NOOP("Messages", "メール"),
    QT_TRANSLATE_NOOP("Messages", "電話"),
    QT_TRANSLATE_NOOP("Messages", "備考"),
    QT_TRANSLATE_NOOP("Messages", "班"),
    QT_TRANSLATE_NOOP("Messages", "班長"),
    QT_TRANSLATE_NOOP("Messages", "回覧順"),
    QT_TRANSLATE_NOOP("Messages", "町会名"),
    QT_TRANSLATE_NOOP("Messages", "校下"),
    QT_TRANSLATE_NOOP("Messages", "ユーザー名"),
    QT_TRANSLATE_NOOP("Messages", "パスワード"),
)

# Fixed phrases the domain and services use as whole messages or reasons.
_PHRASES = (
    QT_TRANSLATE_NOOP("Messages", "空欄です"),
    QT_TRANSLATE_NOOP("Messages", "2回の入力が一致しません"),
    QT_TRANSLATE_NOOP("Messages", "半角英数字（2〜32文字）で入力してください"),
    QT_TRANSLATE_NOOP("Messages", "新しい班の名前が空欄です"),
    QT_TRANSLATE_NOOP("Messages", "並べ替えにはすべての班を一度ずつ指定してください"),
    QT_TRANSLATE_NOOP("Messages", "その班のすべての世帯を一度ずつ指定してください"),
    QT_TRANSLATE_NOOP("Messages", "その班の世帯を選んでください"),
    QT_TRANSLATE_NOOP("Messages", "同じ班どうしは統合できません"),
    QT_TRANSLATE_NOOP("Messages", "先頭の世帯からは分割できません（班の名前を変えてください）"),
    QT_TRANSLATE_NOOP("Messages", "分割位置の世帯がこの班にありません"),
    QT_TRANSLATE_NOOP("Messages", "この世帯は既に転出済みです"),
    QT_TRANSLATE_NOOP("Messages", "ユーザー名またはパスワードが違います"),
    QT_TRANSLATE_NOOP("Messages", "このアカウントは使えません（無効または削除済み）"),
    QT_TRANSLATE_NOOP("Messages", "回復キーが違います"),
    QT_TRANSLATE_NOOP("Messages", "新しい名前が空欄です"),
)


# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts the
# literal calls below; calls with a variable text only look up phrases marked above.
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate(CONTEXT, text)


def _patterns() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
    """Messages with values in them: pattern → translated text built from the groups."""
    return [
        (
            re.compile(
                r"^ユーザー名またはパスワードが違います（あと(\d+)回間違えると一時的にロックされます）$"
            ),
            lambda m: translate(
                "Messages",
                "ユーザー名またはパスワードが違います（あと{left}回間違えると一時的にロックされます）",
            ).format(left=m.group(1)),
        ),
        (
            re.compile(r"^ユーザー名またはパスワードが違います（(\d+)秒間ロックしました）$"),
            lambda m: translate(
                "Messages", "ユーザー名またはパスワードが違います（{seconds}秒間ロックしました）"
            ).format(seconds=m.group(1)),
        ),
        (
            re.compile(r"^パスワードを続けて間違えたため、あと(\d+)秒お待ちください$"),
            lambda m: translate(
                "Messages", "パスワードを続けて間違えたため、あと{seconds}秒お待ちください"
            ).format(seconds=m.group(1)),
        ),
        (
            re.compile(r"^(\d+)文字以上にしてください$"),
            lambda m: translate("Messages", "{count}文字以上にしてください").format(count=m.group(1)),
        ),
        (
            re.compile(r"^(\d+)文字以内にしてください$"),
            lambda m: translate("Messages", "{count}文字以内にしてください").format(count=m.group(1)),
        ),
        (
            re.compile(r"^「(.+)」は既にあります$"),
            lambda m: translate("Messages", "「{name}」は既にあります").format(name=m.group(1)),
        ),
        (
            re.compile(r"^カタカナで入力してください（(.*)）$", re.DOTALL),
            lambda m: translate("Messages", "カタカナで入力してください（{value}）").format(value=m.group(1)),
        ),
        (
            re.compile(r"^メールアドレスの形式ではありません（(.*)）$", re.DOTALL),
            lambda m: translate("Messages", "メールアドレスの形式ではありません（{value}）").format(
                value=m.group(1)
            ),
        ),
        (
            re.compile(r"^電話番号には数字とハイフンだけを使ってください（(.*)）$", re.DOTALL),
            lambda m: translate(
                "Messages", "電話番号には数字とハイフンだけを使ってください（{value}）"
            ).format(value=m.group(1)),
        ),
        (
            re.compile(r"^(.+)の権限では「(.+)」はできません$"),
            lambda m: translate("Messages", "{role}の権限では「{action}」はできません").format(
                role=_tr(m.group(1)), action=m.group(2)
            ),
        ),
    ]


_ROLE_NAMES = (
    QT_TRANSLATE_NOOP("Messages", "管理者"),
    QT_TRANSLATE_NOOP("Messages", "役員"),
    QT_TRANSLATE_NOOP("Messages", "練習"),
)


def translate_phrase(text: str) -> str:
    """``text`` in the current language when it is a known phrase, else unchanged."""
    for pattern, build in _patterns():
        match = pattern.match(text)
        if match:
            return build(match)
    return _tr(text)


def field_label(field_name: str) -> str:
    """A domain field name (``"氏名"``) in the current language."""
    return _tr(field_name)


def validation_reason(error: ValidationError) -> str:
    """The reason part of a validation error (without the field name), translated."""
    prefix = f"{error.field_name}: "
    reason = error.message.removeprefix(prefix)
    return translate_phrase(reason)


def error_text(error: UserError) -> str:
    """One translated line explaining ``error``."""
    if isinstance(error, ValidationError):
        return translate("Messages", "{field}: {reason}").format(
            field=field_label(error.field_name), reason=validation_reason(error)
        )
    if isinstance(error, CsvImportError):
        return translate("Messages", "{source}: {count}件の問題があり、取り込みませんでした").format(
            source=error.source, count=len(error.problems)
        )
    return translate_phrase(error.message)


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
    QMessageBox.warning(parent, error_title(error), error_text(error))


def os_error_text(error: OSError) -> str:
    """A file error (missing file, no permission) as one translated line."""
    name = error.filename if error.filename is not None else ""
    return translate("Messages", "{file}: 読み書きできません（{reason}）").format(
        file=name, reason=error.strerror or ""
    )
