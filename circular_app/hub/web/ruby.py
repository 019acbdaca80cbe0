"""Furigana on the reader pages (issue 23): the 「ふりがな」 link, remembered, and ruby on the page.

A reader taps 「ふりがな」 (``?furigana=1``) and every page of the link then carries readings
above its kanji: the circular's body and the page's own text (headings, buttons, notes). The
choice is remembered in a cookie per link, like the language, and carried in the page's own
links (``furigana=1``) so it works without cookies too. 「ふりがなを消す」 (``?furigana=0``)
takes it off.

Offered on Japanese and やさしい日本語 pages only, and only where SudachiPy and its dictionary
are installed (checked once, without loading them). The dictionary loads with the first page
that asks for furigana: a page without furigana, the ordinary path, never touches it.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterable, Mapping

from circular_app import furigana
from circular_app.domain.furigana import ruby_html

COOKIE = "kd_ruby"
PARAM = "furigana"

_on: contextvars.ContextVar[bool] = contextvars.ContextVar("reader_furigana", default=False)
_offered: contextvars.ContextVar[bool] = contextvars.ContextVar("reader_furigana_offered", default=False)
_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("reader_furigana_chosen", default=None)


@functools.cache
def installed() -> bool:
    """SudachiPy and its dictionary can be imported (asked once per process)."""
    return furigana.available()


def wanted(query: str | None, cookie: str | None) -> bool:
    """The reader's choice: ``?furigana=`` on the link first, then the remembered cookie."""
    if query in ("0", "1"):
        return query == "1"
    return cookie == "1"


def use(query: str | None, cookie: str | None, japanese: bool) -> None:
    """Render the rest of this request with furigana when the reader wants it (Japanese pages only).

    ``query``: ``?furigana=`` of the request (remembered when it is 0 or 1), ``cookie``: the
    remembered choice.
    """
    offered = japanese and installed()
    _offered.set(offered)
    _on.set(wanted(query, cookie) and offered)
    _chosen.set(query if query in ("0", "1") else None)


def chosen() -> str | None:
    """``"1"`` or ``"0"`` when this request chose (to remember in the cookie), else ``None``."""
    return _chosen.get()


def offered() -> bool:
    """The page shows the 「ふりがな」 link."""
    return _offered.get()


def on() -> bool:
    """The page is rendered with furigana."""
    return _on.get()


def query_suffix() -> str:
    """``furigana=1`` for the page's own links while furigana is on (works without cookies)."""
    return f"{PARAM}=1" if _on.get() else ""


def readings_of(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The association's readings, as a mapping (the circulars' pairs merged)."""
    return dict(pairs)


def apply(page: str, readings: Mapping[str, str] | None = None) -> str:
    """``page`` with ruby on its text when furigana is on; unchanged (and no dictionary) otherwise."""
    if not _on.get():
        return page
    return ruby_html(page, furigana.Furigana(readings or {}))
