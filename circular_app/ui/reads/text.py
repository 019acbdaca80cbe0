"""Texts of the reader pages built from domain values, in the current language.

The domain describes a stuck board in Japanese (:meth:`StuckBoard.describe`); the same
sentences are here as translatable strings so that the English GUI says them in English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular
from circular_app.domain.reads import Rate, StuckBoard, StuckRule

CONTEXT = "ReadsText"

# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate


def stuck_text(board: StuckBoard) -> str:
    """「3班: 見本 一郎様宅で4日止まっています（最後の押印 …）」 (what :meth:`StuckBoard.describe` says)."""
    han, name = board.han.name, board.household.name
    if board.rule is StuckRule.OVERDUE:
        return translate("ReadsText", "{han}: {name}様宅で回覧期限を過ぎています（期限 {due}）").format(
            han=han, name=name, due=wareki(board.due_date, weekday=True)
        )
    if board.rule is StuckRule.NOT_STARTED:
        return translate(
            "ReadsText", "{han}: 回り始めて{days}日、まだ押印がありません（最初は{name}様宅、{since}から）"
        ).format(han=han, name=name, days=board.days, since=wareki(board.since, weekday=True))
    return translate("ReadsText", "{han}: {name}様宅で{days}日止まっています（最後の押印 {since}）").format(
        han=han, name=name, days=board.days, since=wareki(board.since, weekday=True)
    )


def percent_figure(rate: Rate) -> str:
    """「75%」: the percentage as the domain writes it in :attr:`Rate.percent_text`."""
    return rate.percent_text.partition("（")[0]


def rate_text(rate: Rate) -> str:
    """「75%（15/20）」 (:attr:`Rate.percent_text`), or 「対象なし」 when nobody is targeted.

    The figures come from the domain; the catalog only gives other languages their brackets.
    """
    if not rate.targeted:
        return translate("ReadsText", "対象なし")
    return translate("ReadsText", "{percent}（{read}/{targeted}）").format(
        percent=percent_figure(rate), read=rate.read, targeted=rate.targeted
    )


def circular_text(circular: Circular) -> str:
    """「No.12 防災訓練のご案内」."""
    return translate("ReadsText", "No.{number} {title}").format(number=circular.number, title=circular.title)
