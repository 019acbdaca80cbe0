"""Circular templates and their ［placeholders］."""

from __future__ import annotations

import re
from dataclasses import dataclass

from circular_app.domain.circulars import Category
from circular_app.domain.errors import ValidationError

_PLACEHOLDER = re.compile(r"［([^［］\n]{1,20})］")


@dataclass(frozen=True)
class Template:
    """A starting point for a circular: bundled (``user_id`` None) or saved by an officer."""

    name: str
    category: Category
    title: str
    body: str
    user_id: int | None = None


def placeholders(text: str) -> list[str]:
    """The ［...］ placeholders still in ``text``, in order, without repeats."""
    seen: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def parse_template(text: str, source: str) -> Template:
    """Parse a bundled template file (``---`` header with name, category, title, then body)."""
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
    missing = [k for k in ("name", "category", "title") if k not in header]
    if missing:
        raise ValidationError(source, "template.missing_keys", keys=", ".join(missing))
    return Template(
        name=header["name"],
        category=Category.parse(header["category"]),
        title=header["title"],
        body="\n".join(lines[end + 1 :]).strip() + "\n",
    )
