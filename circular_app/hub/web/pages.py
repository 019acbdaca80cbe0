"""HTML of the resident's reader pages: plain, large, readable, and without any script.

Mobile first and kind to elderly readers: large type by default, a text-size switch made of
ordinary links (``?t=2``; no JavaScript, no cookie), high contrast, big tap targets, Japanese
dates (令和8年11月24日). The circular body goes through the shared renderer
(``parse_document`` + ``to_html``), so the reader sees what the officer previewed. All text
from the database is escaped. A board link's page (``/b/{token}``) shows the same article
without the button: it is read by everyone who holds the paper 回覧板.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from circular_app.domain.calendar import fiscal_year_label
from circular_app.domain.circulars import Category
from circular_app.domain.codes import normalize_enrollment_code
from circular_app.domain.document import parse_document, to_html
from circular_app.domain.reader_languages import READER_LANGUAGES
from circular_app.domain.wire import TranslatedText
from circular_app.hub.web import ruby
from circular_app.hub.web.i18n import _, current, date_text, time_text
from circular_app.hub.web.reader import (
    Board,
    CircularDetail,
    CircularSummary,
    Confirmed,
    PreviousText,
    Reader,
)

JST = dt.timezone(dt.timedelta(hours=9), "JST")  # Japan has no daylight saving time
SIZES = {"1": "大", "2": "特大", "3": "最大"}
# Words the pages look up at run time: listed here so the catalogs carry them.
_RUNTIME_WORDS = (
    _("大"),
    _("特大"),
    _("最大"),
    _("お知らせ"),
    _("行事"),
    _("清掃・当番"),
    _("総会・役員会"),
    _("防災・防犯"),
    _("募集"),
    _("その他"),
)
DEFAULT_SIZE = "1"
_SAFE_INLINE_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def size_of(value: str | None) -> str:
    """The text size asked for in ``?t=``, or the default (already large)."""
    return value if value in SIZES else DEFAULT_SIZE


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _q(size: str) -> str:
    """The query of the page's own links: the text size, and furigana while it is on."""
    return _query(size)


def ja_attr() -> str:
    """`` lang="ja"`` for the association's Japanese text on a page in another language."""
    return ' lang="ja"' if current().code != "ja" else ""


def _ja(text: object) -> str:
    """Text written in Japanese by the association (titles, labels, the body), marked ``lang="ja"``.

    On a page in another language the phone's own translation then knows what to translate.
    """
    return f'<span lang="ja">{_e(text)}</span>' if current().code != "ja" else _e(text)


def local_time(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time from the database in Japan time."""
    return moment.replace(tzinfo=dt.UTC).astimezone(JST)


def when(moment: dt.datetime) -> str:
    """「令和8年11月24日(火) 10:05」 (the locale's date and time outside Japanese)."""
    local = local_time(moment)
    return f"{date_text(local.date(), weekday=True)} {time_text(local)}"


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)


def body_html(source: str, parent_level: int = 2) -> str:
    """The shared renderer's HTML, with heading levels nested under ``parent_level``.

    ``to_html`` makes ``#`` an h2 (the title is the h1). On the page the body sits under its
    own h2, and a body may start at ``##`` or skip a level; screen readers (and axe's
    heading-order rule) need each heading at most one level below the one before it.
    """
    previous = parent_level

    def renumber(match: re.Match[str]) -> str:
        nonlocal previous
        level = min(int(match.group(1)) + parent_level - 1, previous + 1, 6)
        previous = level
        return f"<h{level}>{match.group(2)}</h{level}>"

    return _HEADING.sub(renumber, to_html(parse_document(source)))


def _fiscal_year(year: int) -> str:
    """「令和8年度」 in Japanese; 「FY2026」-like in the other languages."""
    if current().japanese:
        return fiscal_year_label(year)
    return _("{year}年度").format(year=year)


def _category(code: str) -> str:
    try:
        return _(Category(code).label_ja)
    except ValueError:
        return code


def _also_english(lang: str) -> str:
    """「 / Language」 after the word ことば in the page's language (not twice in English)."""
    return "" if lang == "en" else ' / <span lang="en">Language</span>'


def lang_field() -> str:
    """A form's hidden field: the page's language, so the answer page comes back in it."""
    return f'<input type="hidden" name="lang" value="{_e(current().code)}">'


def _languages(here: str, size: str) -> str:
    """The language list: each language in its own words, a plain link (remembered by a cookie)."""
    chosen = current().code
    links = []
    for code, name in READER_LANGUAGES.items():
        href = f"{here}?lang={code}" + _q(size).replace("?", "&", 1)
        mark = ' aria-current="true"' if code == chosen else ""
        links.append(f'<li><a href="{_e(href)}" lang="{code}" hreflang="{code}"{mark}>{_e(name)}</a></li>')
    label = _("ことば")
    return (
        f'<nav class="languages" id="languages" aria-labelledby="languages-label">'
        f'<p class="languages-label" id="languages-label">{_e(label)}'
        f"{_also_english(chosen)}</p>"
        f'<ul class="language-list">{"".join(links)}</ul></nav>'
    )


def _document(
    title: str,
    main: str,
    size: str,
    *,
    home: str | None = None,
    association: str = "",
    here: str | None = None,
) -> str:
    """A whole page in the current language; ``here``: its path, for the language list."""
    lang = current().code
    board = _e(_("回覧板"))
    header_name = f"{_ja(association)}　{board}" if association else board
    home_link = f'<a class="brand" href="{_e(home)}">{header_name}</a>' if home else header_name
    languages = _languages(here, size) if here else ""
    # One link at the top to the list at the bottom: found by a reader who cannot read Japanese.
    to_languages = (
        f'<p class="to-languages"><a href="#languages">{_e(_("ことば"))}{_also_english(lang)}</a></p>'
        if here
        else ""
    )
    to_furigana = _furigana_link(here, size) if here else ""
    furigana_class = " furigana" if ruby.on() else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" class="t{size}{furigana_class}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="stylesheet" href="/static/reader.css">\n'
        '<link rel="icon" href="/static/icon.svg" type="image/svg+xml">\n'
        f'</head>\n<body>\n<header class="top"><p class="brand-line">{home_link}</p>{to_languages}{to_furigana}</header>\n'
        f'<main id="main">\n{main}\n</main>\n'
        f'<footer class="foot">{languages}<p>{_e(_("わからないことは、班長さんや町会の役員にお尋ねください。"))}</p>'
        f"<p>{_e(_('回覧デスク'))}</p></footer>\n</body>\n</html>\n"
    )


def _furigana_link(here: str, size: str) -> str:
    """「ふりがな」 (or 「ふりがなを消す」): readings above the kanji of this link's pages, remembered."""
    if not ruby.offered():
        return ""
    turn_on = not ruby.on()
    query = f"?{ruby.PARAM}={'1' if turn_on else '0'}" + ("" if size == DEFAULT_SIZE else f"&t={size}")
    words = _("ふりがな") if turn_on else _("ふりがなを消す")
    pressed = "false" if turn_on else "true"
    return (
        f'<p class="furigana-switch"><a href="{_e(here + query)}" data-furigana="{pressed}">'
        f"{_e(words)}</a></p>"
    )


def _query(size: str, original: bool = False) -> str:
    """``?t=2&original=1&furigana=1``: the text size, the Japanese original of a translated
    circular, and furigana while it is on."""
    params = ([] if size == DEFAULT_SIZE else [f"t={size}"]) + (["original=1"] if original else [])
    if ruby.query_suffix():
        params.append(ruby.query_suffix())
    return "?" + "&".join(params) if params else ""


def _size_switch(base: str, size: str, compact: bool = False, original: bool = False) -> str:
    links = []
    for value, label in SIZES.items():
        href = base + _query(value, original)
        current = ' aria-current="true"' if value == size else ""
        links.append(f'<li><a class="size size{value}" href="{_e(href)}"{current}>{_e(_(label))}</a></li>')
    words = _e(_("文字の大きさ"))
    return (
        f'<nav class="sizes{" compact" if compact else ""}" aria-label="{words}"><p class="sizes-label">{words}</p>'
        f'<ul class="size-list">{"".join(links)}</ul></nav>'
    )


def _badges(c: CircularSummary, unread: bool) -> str:
    badges = []
    if c.urgent:
        badges.append(f'<span class="badge urgent">{_e(_("至急"))}</span>')
    if unread:
        badges.append(f'<span class="badge unread">{_e(_("未読"))}</span>')
    if c.corrected:
        badges.append(f'<span class="badge corrected">{_e(_("訂正あり"))}</span>')
    if c.closed:
        badges.append(f'<span class="badge closed">{_e(_("回覧終了"))}</span>')
    badges.append(f'<span class="badge category">{_e(_category(c.category))}</span>')
    return f'<span class="badges">{"".join(badges)}</span>'


def _card(base: str, c: CircularSummary, size: str, unread: bool, translated: str | None = None) -> str:
    href = f"{base}/c/{c.key}{_q(size)}"
    read_at = _("{when}に読みました").format(when=when(c.confirmed_at)) if c.confirmed_at else ""
    state = _("未読") if unread else read_at
    meta = _("回覧No.{number}　{date}発行").format(number=c.number, date=date_text(c.issue_date))
    if unread:
        meta += "　" + _("期限 {date}").format(date=date_text(c.due_date))
    status = f'<span class="state">{_e(state)}</span>' if state and not unread else ""
    # Issue 23: the title in the page's language when the circular was translated into it.
    title = (
        f'<span class="card-title" lang="{_e(current().code)}">{_e(translated)}</span>'
        if translated is not None
        else f'<span class="card-title"{ja_attr()}>{_e(c.title)}</span>'
    )
    return (
        f'<li><a class="card{" unread" if unread else ""}" href="{_e(href)}">'
        f"{_badges(c, unread)}{title}"
        f'<span class="meta">{_e(meta)}</span>{status}</a></li>'
    )


def list_page(
    reader: Reader,
    base: str,
    unread: Sequence[CircularSummary],
    read: Sequence[CircularSummary],
    size: str,
    titles: Mapping[str, str] | None = None,
) -> str:
    """``/r/{token}``: this household's circulars, unread first.

    ``titles``: circular key → its title in the page's language, where it was translated.
    """
    titles = titles or {}
    who = _e(_("「{label}」のお宅の回覧板です。")).replace("{label}", _ja(reader.label))
    parts = [
        f"<h1>{_e(_('回覧板'))}</h1>",
        f'<p class="who">{who}{_e(_("このページのリンクは、ほかの人に教えないでください。"))}</p>',
        _size_switch(base, size),
        f'<h2 id="unread">{_e(_("まだ読んでいない回覧"))}<span class="count">'
        f"{_e(_('（{count}件）').format(count=len(unread)))}</span></h2>",
    ]
    if unread:
        parts.append(
            '<ul class="cards" aria-labelledby="unread">'
            + "".join(_card(base, c, size, True, titles.get(c.key)) for c in unread)
            + "</ul>"
        )
    else:
        parts.append(f'<p class="empty">{_e(_("新しい回覧はありません。"))}</p>')
    if read:
        parts.append(f'<h2 id="read">{_e(_("読んだ回覧・終わった回覧"))}</h2>')
        parts.append(
            '<ul class="cards" aria-labelledby="read">'
            + "".join(_card(base, c, size, False, titles.get(c.key)) for c in read)
            + "</ul>"
        )
    return _document(
        _("回覧板（{association}）").format(association=reader.association_name),
        "\n".join(parts),
        size,
        association=reader.association_name,
        here=base,
    )


@dataclass(frozen=True)
class Change:
    """One change between two versions: the text before and after (either may be empty)."""

    before: str
    after: str


def changes(old_title: str, old_body: str, new_title: str, new_body: str) -> list[Change]:
    """What a correction changed, line by line, on the text without markup."""
    found = []
    if old_title != new_title:
        found.append(Change(f"件名：{old_title}", f"件名：{new_title}"))
    old = parse_document(old_body).plain_text().split("\n")
    new = parse_document(new_body).plain_text().split("\n")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            found.append(Change("\n".join(old[i1:i2]), "\n".join(new[j1:j2])))
    return found


def _marked(before: str, after: str) -> tuple[str, str]:
    """Both texts escaped, with the changed characters wrapped in <del> / <ins>."""
    out_before, out_after = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        a, b = _e(before[i1:i2]), _e(after[j1:j2])
        if tag == "equal":
            out_before.append(a)
            out_after.append(b)
        else:
            if a:
                out_before.append(f"<del>{a}</del>")
            if b:
                out_after.append(f"<ins>{b}</ins>")
    return "".join(out_before).replace("\n", "<br>"), "".join(out_after).replace("\n", "<br>")


def _correction(detail: CircularDetail) -> str:
    c = detail.summary
    if not c.corrected:
        return ""
    parts = [
        '<section class="correction" aria-labelledby="correction">',
        '<h2 id="correction"><span class="mark" aria-hidden="true">！</span>'
        f"{_e(_('この回覧は訂正されました'))}</h2>",
    ]
    if detail.corrected_at:
        parts.append(
            f"<p>{_e(_('{when}に、内容を訂正しました。').format(when=when(detail.corrected_at)))}</p>"
        )
    if detail.correction_note:
        parts.append(f'<p class="note">{_e(_("訂正の内容："))}{_ja(detail.correction_note)}</p>')
    previous = detail.previous[0] if detail.previous else None
    if previous is not None:
        found = changes(previous.title, previous.body, c.title, detail.body)
        if found:
            parts.append(f'<h3>{_e(_("変わったところ"))}</h3><ul class="changes">')
            for change in found:
                before, after = _marked(change.before, change.after)
                parts.append(
                    "<li>"
                    f'<p class="before"><span class="tag">{_e(_("訂正前"))}</span>'
                    f"<span{ja_attr()}>{before}</span>{'' if before else _e(_('（なし）'))}</p>"
                    f'<p class="after"><span class="tag">{_e(_("訂正後"))}</span>'
                    f"<span{ja_attr()}>{after}</span>{'' if after else _e(_('（削除）'))}</p>"
                    "</li>"
                )
            parts.append("</ul>")
        parts.extend(_previous_text(p) for p in detail.previous)
    parts.append("</section>")
    return "\n".join(parts)


def _previous_text(previous: PreviousText) -> str:
    return (
        f'<details class="previous"><summary>'
        f"{_e(_('訂正前の全文を見る（第{version}版）').format(version=previous.version))}</summary>"
        f'<div class="body"{ja_attr()}><p class="prev-title">{_e(previous.title)}</p>'
        f"{body_html(previous.body, parent_level=3)}</div></details>"
    )


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


def _kind(media_type: str) -> str:
    if media_type == "application/pdf":
        return "PDF"
    if media_type.startswith("image/"):
        return _("画像")
    return _("ファイル")


def _attachments(base: str, detail: CircularDetail) -> str:
    if not detail.attachments:
        return ""
    items = []
    images = []
    for a in detail.attachments:
        href = f"{base}/a/{a.key}"
        items.append(
            f'<li><a class="file" href="{_e(href)}" download>{_e(a.filename)}'
            f'<span class="file-meta">（{_e(_kind(a.media_type))}・{_human_size(a.size)}）</span></a></li>'
        )
        if a.media_type in _SAFE_INLINE_IMAGES:
            alt = _("添付画像：{name}").format(name=a.filename)
            images.append(f'<img class="attached" src="{_e(href)}" alt="{_e(alt)}">')
    return (
        '<section class="attachments" aria-labelledby="files">'
        f'<h2 id="files">{_e(_("添付ファイル"))}</h2>'
        f'{"".join(images)}<ul class="files">{"".join(items)}</ul></section>'
    )


def _confirm_box(base: str, detail: CircularDetail, size: str, csrf: str) -> str:
    c = detail.summary
    if c.confirmed_at is not None:
        return (
            '<section class="confirm done" aria-labelledby="confirm">'
            f'<h2 id="confirm"><span aria-hidden="true">✓ </span>{_e(_("読みました"))}</h2>'
            f"<p>{_e(_('{when}に、町会へお知らせ済みです。').format(when=when(c.confirmed_at)))}</p></section>"
        )
    closed = (
        f'<p class="closed-note">{_e(_("この回覧は終わっていますが、読んだらお知らせできます。"))}</p>'
        if c.closed
        else ""
    )
    return (
        '<section class="confirm" aria-labelledby="confirm">'
        f'<h2 id="confirm">{_e(_("読み終わったら"))}</h2>'
        f"{closed}"
        f'<form method="post" action="{_e(f"{base}/c/{c.key}/read{_q(size)}")}">'
        f'<input type="hidden" name="csrf" value="{_e(csrf)}">{lang_field()}'
        f'<button type="submit" class="read-button">{_e(_("読みました"))}</button></form>'
        f'<p class="hint">{_e(_("このボタンを押すと、町会の役員に「読んだ」ことが伝わります。お名前などは送られません。"))}'
        "</p></section>"
    )


def translation_shown(detail: CircularDetail, original: bool) -> TranslatedText | None:
    """The circular's translation into the page's language, unless the original was asked for."""
    return None if original else detail.translations.get(current().code)


def _translation_links(here: str, detail: CircularDetail, size: str, original: bool) -> str:
    """「日本語の原文」 under a translation; on the original, the way back to the translation."""
    code = current().code
    translated = detail.translations.get(code)
    if translated is None:
        return ""
    if original:
        back = _("{language}で読む").format(language=READER_LANGUAGES.get(code, code))
        return (
            f'<p class="translation-switch"><a href="{_e(here + _query(size))}" hreflang="{_e(code)}"'
            f' lang="{_e(code)}">{_e(back)}</a></p>'
        )
    parts = [
        f'<p class="translation-switch"><a href="{_e(here + _query(size, True))}" hreflang="ja">'
        f"{_e(_('日本語の原文'))}</a></p>"
    ]
    if translated.stale:
        parts.append(
            f'<p class="translation-note">'
            f"{_e(_('この翻訳のあとで、日本語の原文が書きかえられました。くわしくは日本語の原文を見てください。'))}</p>"
        )
    return "".join(parts)


def _article(
    base: str,
    detail: CircularDetail,
    unread: bool,
    *,
    here: str = "",
    size: str = DEFAULT_SIZE,
    original: bool = False,
) -> str:
    """The circular itself: badges, title, facts, 訂正, body, attachments (under ``{base}/a/``).

    When the page's language has a translation (issue 23), the article shows it, marked with
    its ``lang``, and links to the Japanese original (``?original=1``); the original, marked
    ``lang="ja"``, links back. ``here``: the page's own path, for those links.
    """
    c = detail.summary
    translated = translation_shown(detail, original)
    facts = (
        '<dl class="facts">'
        f"<div><dt>{_e(_('回覧No.'))}</dt><dd>{c.number}（{_e(_fiscal_year(c.fiscal_year))}）</dd></div>"
        f"<div><dt>{_e(_('発行日'))}</dt><dd>{_e(date_text(c.issue_date, weekday=True))}</dd></div>"
        f"<div><dt>{_e(_('回覧期限'))}</dt><dd>{_e(date_text(c.due_date, weekday=True))}</dd></div>"
        "</dl>"
    )
    switch = _translation_links(here, detail, size, original) if here else ""
    if translated is not None:
        marked = f' lang="{_e(translated.lang)}"'
        opening = (
            f'<article class="circular"{marked}>{_badges(c, unread)}<h1>{_e(translated.title)}</h1>{facts}'
        )
        body = f'<div class="body"{marked}>{body_html(translated.body)}</div>'
    else:
        # The Japanese: marked so on a page in another language (and on the original of a
        # translation); never translate="no", so the phone can translate it.
        article_lang = ' lang="ja"' if switch else ""
        opening = f'<article class="circular"{article_lang}>{_badges(c, unread)}<h1{ja_attr()}>{_e(c.title)}</h1>{facts}'
        body = f'<div class="body"{ja_attr()}>{body_html(detail.body)}</div>'
    return "\n".join(
        [
            opening,
            switch,
            _correction(detail),
            f'<h2 class="visually-hidden">{_e(_("お知らせの内容"))}</h2>',
            body,
            _attachments(base, detail),
            "</article>",
        ]
    )


def circular_page(
    reader: Reader,
    base: str,
    detail: CircularDetail,
    size: str,
    csrf: str,
    *,
    answers: str = "",
    original: bool = False,
) -> str:
    """``/r/{token}/c/{key}``: the circular, 訂正 with what changed, attachments, the button.

    ``answers``: the form's section (issue 21, :mod:`circular_app.hub.web.answer_pages`), HTML.
    ``original``: the Japanese even when the page's language has a translation (issue 23).
    """
    c = detail.summary
    here = f"{base}/c/{c.key}"
    translated = translation_shown(detail, original)
    main = "\n".join(
        [
            f'<p class="back"><a href="{_e(base + _q(size))}">{_e(_("回覧の一覧へもどる"))}</a></p>',
            _size_switch(here, size, compact=True, original=original),
            _article(
                base, detail, c.confirmed_at is None and not c.closed, here=here, size=size, original=original
            ),
            answers,
            _confirm_box(base, detail, size, csrf),
        ]
    )
    return _document(
        _("{title}（回覧板）").format(title=translated.title if translated else c.title),
        main,
        size,
        home=base + _q(size),
        association=reader.association_name,
        here=f"{base}/c/{c.key}",
    )


def board_page(board: Board, base: str, detail: CircularDetail, size: str, original: bool = False) -> str:
    """``/b/{token}``: the circular as the paper 回覧板 shows it, to whoever holds the paper.

    The same article as a household's page, but no list, no household and no 「読みました」:
    a board link is shared by the whole route, so it says (in やさしい日本語) to mark the
    paper and where to ask for a household's own link.
    """
    c = detail.summary
    translated = translation_shown(detail, original)
    main = "\n".join(
        [
            f'<p class="who">{_e(_("この ページは、紙の 回覧板と 同じ お知らせです。"))}</p>',
            _size_switch(base, size, compact=True, original=original),
            _article(base, detail, False, here=base, size=size, original=original),
            '<section class="board-note" aria-labelledby="board-note">'
            f'<h2 id="board-note">{_e(_("読み終わったら"))}</h2>'
            f"<p>{_e(_('紙の 回覧板に 印を おして、つぎの 家へ 回してください。この ページでは「読みました」を おせません。'))}</p>"
            f"<p>{_e(_('自分の 家の リンク（「読みました」を おせる ページ）が ほしい ときは、班長さんか 町会の 役員に きいてください。'))}</p>"
            "</section>",
        ]
    )
    return _document(
        _("{title}（回覧板）").format(title=translated.title if translated else c.title),
        main,
        size,
        association=board.association_name,
        here=base,
    )


def thanks_page(reader: Reader, base: str, confirmed: Confirmed, size: str) -> str:
    """The plain thank-you page after 「読みました」 (the same for a second tap)."""
    line = (
        _("「{title}」を読んだことを、町会へお知らせしました。")
        if confirmed.first_time
        else _("「{title}」は、前にお知らせ済みです（もう一度押しても変わりません）。")
    )
    said = _e(line).replace("{title}", _ja(confirmed.title))
    main = (
        '<section class="thanks" aria-labelledby="thanks">'
        f'<h1 id="thanks"><span class="check" aria-hidden="true">✓</span>{_e(_("ありがとうございました"))}</h1>'
        f"<p>{said}</p>"
        f'<p class="when">{_e(_("お知らせした日時：{when}").format(when=when(confirmed.confirmed_at)))}</p>'
        f'<p><a class="button-link" href="{_e(base + _q(size))}">{_e(_("回覧の一覧へもどる"))}</a></p>'
        "</section>"
    )
    return _document(
        _("ありがとうございました（回覧板）"),
        main,
        size,
        home=base + _q(size),
        association=reader.association_name,
    )


def neutral_page() -> str:
    """The one page for every unknown, revoked or expired link: it never says which."""
    main = (
        f"<h1>{_e(_('このページは表示できません'))}</h1>"
        f"<p>{_e(_('リンクが正しくないか、使えなくなっています。'))}</p>"
        f"<p>{_e(_('回覧のお知らせ（紙）に書かれたリンクやQRコードを、もう一度お試しください。それでも開けないときは、班長さんや町会の役員にお尋ねください。'))}</p>"
    )
    return _document(_("表示できません（回覧板）"), main, DEFAULT_SIZE)


def refused_page(back: str) -> str:
    """The 「読みました」 POST did not come from the page's own form (CSRF check failed)."""
    main = (
        f"<h1>{_e(_('もう一度お試しください'))}</h1>"
        f"<p>{_e(_('お知らせを受け付けられませんでした。回覧のページを開き直して、「読みました」ボタンをもう一度押してください。'))}</p>"
        f'<p><a class="button-link" href="{_e(back)}">{_e(_("回覧のページを開き直す"))}</a></p>'
    )
    return _document(_("もう一度お試しください（回覧板）"), main, DEFAULT_SIZE)


def too_many_page() -> str:
    """429: too many wrong links from this address."""
    main = (
        f"<h1>{_e(_('しばらくお待ちください'))}</h1>"
        f"<p>{_e(_('短い時間にたくさんのアクセスがありました。数分たってから、もう一度お試しください。'))}</p>"
    )
    return _document(_("しばらくお待ちください（回覧板）"), main, DEFAULT_SIZE)


def too_large_page() -> str:
    """413 for a form post that is far too large."""
    main = f"<h1>{_e(_('送信できませんでした'))}</h1><p>{_e(_('データが大きすぎます。'))}</p>"
    return _document(_("送信できません（回覧板）"), main, DEFAULT_SIZE)


def error_page() -> str:
    """500: nothing about the cause."""
    main = (
        f"<h1>{_e(_('ただいま表示できません'))}</h1><p>{_e(_('時間をおいて、もう一度お試しください。'))}</p>"
    )
    return _document(_("ただいま表示できません（回覧板）"), main, DEFAULT_SIZE)


def home_page() -> str:
    """``/``: what this server is, for someone who opened its bare address."""
    main = (
        "<h1>回覧デスク ハブ</h1>"
        "<p>町会の回覧板をスマートフォンで読むためのサーバーです。</p>"
        "<p>回覧は、町会から配られたお知らせ（紙）のリンクやQRコードから開いてください。"
        "アプリのインストールや会員登録はいりません。</p>"
    )
    return _document("回覧デスク ハブ", main, DEFAULT_SIZE)


def enroll_page(typed: str) -> str:
    """``/enroll?code=…`` (the QR code of an enrollment letter): where to type the code.

    The code is shown folded to its printed form and is not looked up: the page says the same
    for any code, so it tells a guesser nothing.
    """
    code = normalize_enrollment_code(typed[:64]) if typed else ""
    shown = f'<p>登録コード</p><p class="code"><strong>{_e(code)}</strong></p>' if code else ""
    main = (
        "<h1>回覧デスクの登録</h1>"
        "<p>このページは、町会のパソコンに「回覧デスク」を登録するためのものです。</p>"
        f"{shown}"
        "<ol>"
        "<li>町会のパソコンで「回覧デスク」をひらきます。</li>"
        "<li>メニューの「ハブ」から「ハブに接続…」をえらびます。</li>"
        "<li>お知らせの紙に書いてある「登録コード」を入れて、「接続する」をおします。</li>"
        "</ol>"
        "<p>スマートフォンでは登録できません。わからないときは、市役所の担当にお聞きください。</p>"
    )
    return _document("回覧デスクの登録", main, DEFAULT_SIZE)
