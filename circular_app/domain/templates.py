"""Circular templates, their ［placeholders］ and filling them in.

A bundled template may ship translated into the reader languages
(``resources/templates/<lang>/<file>.md``); the translations keep the Japanese placeholder
names (``［日時］``) so one set of values fills every language. Each placeholder has a kind —
a date, a time, a date and time, or text — declared in the Japanese header
(``placeholders: 日時=datetime, 集合場所=text``) or inferred from its name (:func:`infer_kind`).
Dates and times are written by a formatter the caller gives (:func:`fill_text`): Japanese here
(:func:`japanese_value`, 和暦 with the weekday), the other languages' in ``services`` (Babel).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Category
from circular_app.domain.errors import ValidationError

_PLACEHOLDER = re.compile(r"［([^［］\n]{1,20})］")


class PlaceholderKind(enum.StrEnum):
    """What a placeholder stands for: the filling dialog offers a picker for the date kinds."""

    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    TEXT = "text"


#: A value typed or picked for a placeholder (``datetime`` for DATETIME, ``date``, ``time``, ``str``).
Value = str | dt.date | dt.time | dt.datetime


@dataclass(frozen=True)
class TemplateText:
    """A bundled template in one reader language: the same placeholders, the same structure."""

    lang: str
    name: str
    title: str
    body: str


@dataclass(frozen=True)
class Template:
    """A starting point for a circular: bundled (``user_id`` None) or saved by an officer.

    ``source`` is a bundled template's file name, ``kinds`` the placeholder kinds its header
    declares, ``translations`` its texts in the reader languages (none for an officer's own).
    """

    name: str
    category: Category
    title: str
    body: str
    user_id: int | None = None
    source: str = ""
    kinds: tuple[tuple[str, PlaceholderKind], ...] = ()
    translations: tuple[TemplateText, ...] = ()

    def translation(self, lang: str) -> TemplateText | None:
        """The template in ``lang``, or None when it has no translation into it."""
        return next((t for t in self.translations if t.lang == lang), None)


def placeholders(text: str) -> list[str]:
    """The ［...］ placeholders still in ``text``, in order, without repeats."""
    seen: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def placeholder_names(text: str) -> list[str]:
    """The names inside the ［...］ of ``text`` (「日時」), in order, without repeats."""
    return [p[1:-1] for p in placeholders(text)]


def infer_kind(name: str) -> PlaceholderKind:
    """The kind a placeholder's name suggests: 日時 → date and time, 締切日 → date, 時刻 → time."""
    if "日時" in name:
        return PlaceholderKind.DATETIME
    if name.endswith(("日", "日付", "期日", "期限")) or "日付" in name:
        return PlaceholderKind.DATE
    if name.endswith(("時刻", "時間", "時")):
        return PlaceholderKind.TIME
    return PlaceholderKind.TEXT


def template_placeholders(template: Template) -> dict[str, PlaceholderKind]:
    """The placeholders of a template's title and body (names, in order) with their kinds."""
    declared = dict(template.kinds)
    return {
        name: declared.get(name, infer_kind(name))
        for name in placeholder_names(template.title + "\n" + template.body)
    }


def japanese_time(moment: dt.time) -> str:
    """「午前8時」「午後1時30分」「正午」, as circulars write the time."""
    if (moment.hour, moment.minute) == (12, 0):
        return "正午"
    half = "午前" if moment.hour < 12 else "午後"
    hour = moment.hour % 12
    return f"{half}{hour}時{moment.minute}分" if moment.minute else f"{half}{hour}時"


def japanese_value(value: Value) -> str:
    """A placeholder value in Japanese: 「令和8年12月20日(日)午前8時」, the date with its weekday."""
    if isinstance(value, dt.datetime):
        return wareki(value.date(), weekday=True) + japanese_time(value.time())
    if isinstance(value, dt.date):
        return wareki(value, weekday=True)
    if isinstance(value, dt.time):
        return japanese_time(value)
    return value.strip()


def fill_text(text: str, values: Mapping[str, Value], write: Callable[[Value], str]) -> str:
    """``text`` with every ［name］ that has a value replaced by ``write(value)``.

    Text values are put in as typed (stripped); an empty one, or a name with no value, leaves
    its placeholder where it is, so publishing still refuses the circular until it is written.
    """

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None or (isinstance(value, str) and not value.strip()):
            return match.group(0)
        return write(value) if not isinstance(value, str) else value.strip()

    return _PLACEHOLDER.sub(replace, text)


def _parse_kinds(value: str, source: str) -> tuple[tuple[str, PlaceholderKind], ...]:
    """``日時=datetime, 場所=text`` as (name, kind) pairs."""
    kinds: list[tuple[str, PlaceholderKind]] = []
    for part in filter(None, (p.strip() for p in re.split(r"[,、]", value))):
        name, _sep, kind = part.partition("=")
        name = name.strip().strip("［］")
        if not name or kind.strip() not in set(PlaceholderKind):
            choices = ", ".join(PlaceholderKind)
            raise ValidationError(source, "template.bad_placeholder_kind", part=part, kinds=choices)
        kinds.append((name, PlaceholderKind(kind.strip())))
    return tuple(kinds)


def _split(text: str, source: str) -> tuple[dict[str, str], str]:
    """The ``---`` header of a template file as a dict, and the body after it."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise ValidationError(source, "template.no_header")
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    header: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        key, sep, value = line.partition(":")
        if not sep:
            raise ValidationError(f"{source}:{number}", "template.bad_header_line")
        header[key.strip()] = value.strip()
    return header, "\n".join(lines[end + 1 :]).strip() + "\n"


def parse_template(text: str, source: str) -> Template:
    """Parse a bundled template file (``---`` header with name, category, title, then body).

    An optional ``placeholders:`` line declares kinds (``日時=datetime, 場所=text``).
    """
    header, body = _split(text, source)
    missing = [k for k in ("name", "category", "title") if k not in header]
    if missing:
        raise ValidationError(source, "template.missing_keys", keys=", ".join(missing))
    return Template(
        name=header["name"],
        category=Category.parse(header["category"]),
        title=header["title"],
        body=body,
        source=source,
        kinds=_parse_kinds(header.get("placeholders", ""), source),
    )


def parse_translation(text: str, lang: str, source: str) -> TemplateText:
    """Parse a translated template file (``---`` header with name and title, then body)."""
    header, body = _split(text, source)
    missing = [k for k in ("name", "title") if k not in header]
    if missing:
        raise ValidationError(source, "template.missing_keys", keys=", ".join(missing))
    return TemplateText(lang=lang, name=header["name"], title=header["title"], body=body)
