"""Words of the circular screens in the current language: labels, dates, hints and errors.

The domain spells its enum labels and messages in Japanese; here they are mapped to
translatable text (context ``Compose``), so the list, the editor and the template dialogs say
the same thing in the same words. Errors that are not about circulars fall through to
:mod:`circular_app.ui.common.messages`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Audience, Category, Status, Urgency
from circular_app.domain.errors import UserError
from circular_app.domain.readability import Hint, HintKind
from circular_app.domain.roster import Han
from circular_app.services.attachments import AttachmentError
from circular_app.ui.common import messages

CONTEXT = "Compose"

# Bound to a plain name so that lupdate extracts the literal calls below (see ui/messages.py).
translate = QCoreApplication.translate


def category_label(category: Category) -> str:
    """お知らせ, 行事, … in the current language."""
    labels = {
        Category.NOTICE: translate("Compose", "お知らせ"),
        Category.EVENT: translate("Compose", "行事"),
        Category.CLEANING: translate("Compose", "清掃・当番"),
        Category.MEETING: translate("Compose", "総会・役員会"),
        Category.SAFETY: translate("Compose", "防災・防犯"),
        Category.RECRUIT: translate("Compose", "募集"),
        Category.OTHER: translate("Compose", "その他"),
    }
    return labels[category]


def status_label(status: Status) -> str:
    """下書き, 回覧中 or 終了 in the current language."""
    labels = {
        Status.DRAFT: translate("Compose", "下書き"),
        Status.PUBLISHED: translate("Compose", "回覧中"),
        Status.CLOSED: translate("Compose", "終了"),
    }
    return labels[status]


def urgency_label(urgency: Urgency) -> str:
    """通常 or 至急 in the current language."""
    return translate("Compose", "至急") if urgency is Urgency.URGENT else translate("Compose", "通常")


def audience_label(audience: Audience) -> str:
    """Which households of the targeted 班 receive it."""
    labels = {
        Audience.BOTH: translate("Compose", "デジタルと紙"),
        Audience.DIGITAL: translate("Compose", "デジタルのみ"),
        Audience.PAPER: translate("Compose", "紙のみ"),
    }
    return labels[audience]


def title_marks(title: str, urgent: bool, corrected: bool) -> str:
    """The title with 【至急】 and 【訂正】 in front, as printed on the paper sheet."""
    marks = ""
    if urgent:
        marks += translate("Compose", "【至急】")
    if corrected:
        marks += translate("Compose", "【訂正】")
    return marks + title


def target_text(han_ids: Sequence[int], audience: Audience, hans: Sequence[Han]) -> str:
    """「全班」 or 「1班・3班」, with the audience when it is not every household."""
    if han_ids:
        names = {h.id: h.name for h in hans}
        order = {h.id: h.position for h in hans}
        chosen = sorted(han_ids, key=lambda i: (order.get(i, 1 << 30), i))
        text = translate("Compose", "・").join(names.get(i, f"#{i}") for i in chosen)
    else:
        text = translate("Compose", "全班")
    if audience is not Audience.BOTH:
        text = translate("Compose", "{target}（{audience}）").format(
            target=text, audience=audience_label(audience)
        )
    return text


def date_text(day: dt.date) -> str:
    """A date as officers read it everywhere: 令和8年11月24日(火)."""
    return wareki(day, weekday=True)


def local_date(moment: dt.datetime) -> dt.date:
    """The local calendar day of a stored UTC time (the services store naive UTC)."""
    return moment.replace(tzinfo=dt.UTC).astimezone().date()


_KANJI_SHARE = re.compile(r"（(\d+)%）")


def hint_text(hint: Hint, body: str) -> str:
    """The suggestion of a readability hint in the current language (the domain's in Japanese)."""
    term, easier = body[hint.start : hint.end], hint.suggestion
    if hint.kind is HintKind.DIFFICULT_WORD:
        return translate("Compose", "「{term}」は「{easier}」と言いかえると伝わりやすくなります").format(
            term=term, easier=easier
        )
    if hint.kind is HintKind.LOANWORD:
        return translate(
            "Compose", "「{term}」はカタカナ語です。「{easier}」と書くと伝わりやすくなります"
        ).format(term=term, easier=easier)
    if hint.kind is HintKind.HONORIFIC_CHAIN:
        return translate("Compose", "「{term}」は丁寧すぎて長くなります。「{easier}」で十分です").format(
            term=term, easier=easier
        )
    if hint.kind is HintKind.DOUBLE_HONORIFIC:
        return translate(
            "Compose", "「{term}」は敬語が重なっています（二重敬語）。「{easier}」が正しい形です"
        ).format(term=term, easier=easier)
    if hint.kind is HintKind.DOUBLE_NEGATIVE:
        if easier:
            return translate(
                "Compose",
                "「{term}」は打ち消しが重なって分かりにくくなります。「{easier}」と言い切りましょう",
            ).format(term=term, easier=easier)
        return translate(
            "Compose",
            "「{term}」は打ち消しが重なって分かりにくくなります。言いたいことをそのまま書きましょう",
        ).format(term=term)
    if hint.kind is HintKind.LONG_SENTENCE:
        advice = translate(
            "Compose", "文が長めです（{count}文字）。2つの文に分けると読みやすくなります"
        ).format(count=hint.end - hint.start)
        if hint.fix is not None:
            cut = hint.fix.start - hint.start
            advice += translate("Compose", "（「{before}」で区切ります）").format(
                before=_tail(term[:cut], 8) + hint.fix.text.rstrip("、")
            )
        return advice
    if hint.kind is HintKind.KANJI:
        share = _KANJI_SHARE.search(hint.message)
        if share:
            return translate(
                "Compose", "漢字が多めです（{percent}%）。ひらがなにできる言葉はありませんか"
            ).format(percent=share.group(1))
    return hint.message


def _tail(text: str, limit: int) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def error_text(error: UserError) -> str:
    """One translated line explaining a circular error (rendered from the error catalogs)."""
    return messages.error_text(error)


def error_title(error: UserError) -> str:
    """A short translated title for ``error``."""
    if isinstance(error, AttachmentError):
        return translate("Compose", "添付できません")
    return messages.error_title(error)
