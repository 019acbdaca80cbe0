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
from collections.abc import Sequence
from dataclasses import dataclass

from circular_app.domain.calendar import fiscal_year_label, wareki
from circular_app.domain.circulars import Category
from circular_app.domain.codes import normalize_enrollment_code
from circular_app.domain.document import parse_document, to_html
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
DEFAULT_SIZE = "1"
_SAFE_INLINE_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def size_of(value: str | None) -> str:
    """The text size asked for in ``?t=``, or the default (already large)."""
    return value if value in SIZES else DEFAULT_SIZE


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _q(size: str) -> str:
    return "" if size == DEFAULT_SIZE else f"?t={size}"


def local_time(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time from the database in Japan time."""
    return moment.replace(tzinfo=dt.UTC).astimezone(JST)


def when(moment: dt.datetime) -> str:
    """「令和8年11月24日(火) 10:05」."""
    local = local_time(moment)
    return f"{wareki(local.date(), weekday=True)} {local:%H:%M}"


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


def _category(code: str) -> str:
    try:
        return Category(code).label_ja
    except ValueError:
        return code


def _document(
    title: str, main: str, size: str, *, home: str | None = None, association: str = "", lang: str = "ja"
) -> str:
    header_name = f"{_e(association)}　回覧板" if association else "回覧板"
    home_link = f'<a class="brand" href="{_e(home)}">{header_name}</a>' if home else header_name
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" class="t{size}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="stylesheet" href="/static/reader.css">\n'
        '<link rel="icon" href="/static/icon.svg" type="image/svg+xml">\n'
        f'</head>\n<body>\n<header class="top"><p class="brand-line">{home_link}</p></header>\n'
        f'<main id="main">\n{main}\n</main>\n'
        '<footer class="foot"><p>わからないことは、班長さんや町会の役員にお尋ねください。</p>'
        "<p>回覧デスク</p></footer>\n</body>\n</html>\n"
    )


def _size_switch(base: str, size: str, compact: bool = False) -> str:
    links = []
    for value, label in SIZES.items():
        href = base if value == DEFAULT_SIZE else f"{base}?t={value}"
        current = ' aria-current="true"' if value == size else ""
        links.append(f'<li><a class="size size{value}" href="{_e(href)}"{current}>{label}</a></li>')
    return (
        f'<nav class="sizes{" compact" if compact else ""}" aria-label="文字の大きさ"><p class="sizes-label">文字の大きさ</p>'
        f'<ul class="size-list">{"".join(links)}</ul></nav>'
    )


def _badges(c: CircularSummary, unread: bool) -> str:
    badges = []
    if c.urgent:
        badges.append('<span class="badge urgent">至急</span>')
    if unread:
        badges.append('<span class="badge unread">未読</span>')
    if c.corrected:
        badges.append('<span class="badge corrected">訂正あり</span>')
    if c.closed:
        badges.append('<span class="badge closed">回覧終了</span>')
    badges.append(f'<span class="badge category">{_e(_category(c.category))}</span>')
    return f'<span class="badges">{"".join(badges)}</span>'


def _card(base: str, c: CircularSummary, size: str, unread: bool) -> str:
    href = f"{base}/c/{c.key}{_q(size)}"
    state = "未読" if unread else (f"{when(c.confirmed_at)} に読みました" if c.confirmed_at else "")
    meta = f"回覧No.{c.number}　{wareki(c.issue_date)}発行"
    if unread:
        meta += f"　期限 {wareki(c.due_date)}"
    status = f'<span class="state">{_e(state)}</span>' if state and not unread else ""
    return (
        f'<li><a class="card{" unread" if unread else ""}" href="{_e(href)}">'
        f'{_badges(c, unread)}<span class="card-title">{_e(c.title)}</span>'
        f'<span class="meta">{_e(meta)}</span>{status}</a></li>'
    )


def list_page(
    reader: Reader,
    base: str,
    unread: Sequence[CircularSummary],
    read: Sequence[CircularSummary],
    size: str,
) -> str:
    """``/r/{token}``: this household's circulars, unread first."""
    parts = [
        "<h1>回覧板</h1>",
        f'<p class="who">「{_e(reader.label)}」のお宅の回覧板です。'
        "このページのリンクは、ほかの人に教えないでください。</p>",
        _size_switch(base, size),
        f'<h2 id="unread">まだ読んでいない回覧<span class="count">（{len(unread)}件）</span></h2>',
    ]
    if unread:
        parts.append(
            '<ul class="cards" aria-labelledby="unread">'
            + "".join(_card(base, c, size, True) for c in unread)
            + "</ul>"
        )
    else:
        parts.append('<p class="empty">新しい回覧はありません。</p>')
    if read:
        parts.append('<h2 id="read">読んだ回覧・終わった回覧</h2>')
        parts.append(
            '<ul class="cards" aria-labelledby="read">'
            + "".join(_card(base, c, size, False) for c in read)
            + "</ul>"
        )
    return _document(
        f"回覧板（{reader.association_name}）", "\n".join(parts), size, association=reader.association_name
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
        '<h2 id="correction"><span class="mark" aria-hidden="true">！</span>この回覧は訂正されました</h2>',
    ]
    if detail.corrected_at:
        parts.append(f"<p>{_e(when(detail.corrected_at))}に、内容を訂正しました。</p>")
    if detail.correction_note:
        parts.append(f'<p class="note">訂正の内容：{_e(detail.correction_note)}</p>')
    previous = detail.previous[0] if detail.previous else None
    if previous is not None:
        found = changes(previous.title, previous.body, c.title, detail.body)
        if found:
            parts.append('<h3>変わったところ</h3><ul class="changes">')
            for change in found:
                before, after = _marked(change.before, change.after)
                parts.append(
                    "<li>"
                    f'<p class="before"><span class="tag">訂正前</span>{before or "（なし）"}</p>'
                    f'<p class="after"><span class="tag">訂正後</span>{after or "（削除）"}</p>'
                    "</li>"
                )
            parts.append("</ul>")
        parts.extend(_previous_text(p) for p in detail.previous)
    parts.append("</section>")
    return "\n".join(parts)


def _previous_text(previous: PreviousText) -> str:
    return (
        f'<details class="previous"><summary>訂正前の全文を見る（第{previous.version}版）</summary>'
        f'<div class="body"><p class="prev-title">{_e(previous.title)}</p>'
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
        return "画像"
    return "ファイル"


def _attachments(base: str, detail: CircularDetail) -> str:
    if not detail.attachments:
        return ""
    items = []
    images = []
    for a in detail.attachments:
        href = f"{base}/a/{a.key}"
        items.append(
            f'<li><a class="file" href="{_e(href)}" download>{_e(a.filename)}'
            f'<span class="file-meta">（{_kind(a.media_type)}・{_human_size(a.size)}）</span></a></li>'
        )
        if a.media_type in _SAFE_INLINE_IMAGES:
            images.append(f'<img class="attached" src="{_e(href)}" alt="添付画像：{_e(a.filename)}">')
    return (
        '<section class="attachments" aria-labelledby="files"><h2 id="files">添付ファイル</h2>'
        f'{"".join(images)}<ul class="files">{"".join(items)}</ul></section>'
    )


def _confirm_box(base: str, detail: CircularDetail, size: str, csrf: str) -> str:
    c = detail.summary
    if c.confirmed_at is not None:
        return (
            '<section class="confirm done" aria-labelledby="confirm">'
            f'<h2 id="confirm"><span aria-hidden="true">✓ </span>読みました</h2>'
            f"<p>{_e(when(c.confirmed_at))}に、町会へお知らせ済みです。</p></section>"
        )
    closed = (
        '<p class="closed-note">この回覧は終わっていますが、読んだらお知らせできます。</p>'
        if c.closed
        else ""
    )
    return (
        '<section class="confirm" aria-labelledby="confirm">'
        '<h2 id="confirm">読み終わったら</h2>'
        f"{closed}"
        f'<form method="post" action="{_e(f"{base}/c/{c.key}/read{_q(size)}")}">'
        f'<input type="hidden" name="csrf" value="{_e(csrf)}">'
        '<button type="submit" class="read-button">読みました</button></form>'
        '<p class="hint">このボタンを押すと、町会の役員に「読んだ」ことが伝わります。'
        "お名前などは送られません。</p></section>"
    )


def _article(base: str, detail: CircularDetail, unread: bool) -> str:
    """The circular itself: badges, title, facts, 訂正, body, attachments (under ``{base}/a/``)."""
    c = detail.summary
    facts = (
        '<dl class="facts">'
        f"<div><dt>回覧No.</dt><dd>{c.number}（{_e(fiscal_year_label(c.fiscal_year))}）</dd></div>"
        f"<div><dt>発行日</dt><dd>{_e(wareki(c.issue_date, weekday=True))}</dd></div>"
        f"<div><dt>回覧期限</dt><dd>{_e(wareki(c.due_date, weekday=True))}</dd></div>"
        "</dl>"
    )
    return "\n".join(
        [
            f'<article class="circular">{_badges(c, unread)}<h1>{_e(c.title)}</h1>{facts}',
            _correction(detail),
            '<h2 class="visually-hidden">お知らせの内容</h2>',
            f'<div class="body">{body_html(detail.body)}</div>',
            _attachments(base, detail),
            "</article>",
        ]
    )


def circular_page(
    reader: Reader, base: str, detail: CircularDetail, size: str, csrf: str, *, answers: str = ""
) -> str:
    """``/r/{token}/c/{key}``: the circular, 訂正 with what changed, attachments, the button.

    ``answers``: the form's section (issue 21, :mod:`circular_app.hub.web.answer_pages`), HTML.
    """
    c = detail.summary
    main = "\n".join(
        [
            f'<p class="back"><a href="{_e(base + _q(size))}">回覧の一覧へもどる</a></p>',
            _size_switch(f"{base}/c/{c.key}", size, compact=True),
            _article(base, detail, c.confirmed_at is None and not c.closed),
            answers,
            _confirm_box(base, detail, size, csrf),
        ]
    )
    return _document(
        f"{c.title}（回覧板）", main, size, home=base + _q(size), association=reader.association_name
    )


def board_page(board: Board, base: str, detail: CircularDetail, size: str) -> str:
    """``/b/{token}``: the circular as the paper 回覧板 shows it, to whoever holds the paper.

    The same article as a household's page, but no list, no household and no 「読みました」:
    a board link is shared by the whole route, so it says (in やさしい日本語) to mark the
    paper and where to ask for a household's own link.
    """
    c = detail.summary
    main = "\n".join(
        [
            '<p class="who">この ページは、紙の 回覧板と 同じ お知らせです。</p>',
            _size_switch(base, size, compact=True),
            _article(base, detail, False),
            '<section class="board-note" aria-labelledby="board-note">'
            '<h2 id="board-note">読み終わったら</h2>'
            "<p>紙の 回覧板に 印を おして、つぎの 家へ 回してください。"
            "この ページでは「読みました」を おせません。</p>"
            "<p>自分の 家の リンク（「読みました」を おせる ページ）が ほしい ときは、"
            "班長さんか 町会の 役員に きいてください。</p></section>",
        ]
    )
    return _document(f"{c.title}（回覧板）", main, size, association=board.association_name)


def thanks_page(reader: Reader, base: str, confirmed: Confirmed, size: str) -> str:
    """The plain thank-you page after 「読みました」 (the same for a second tap)."""
    first = (
        "町会へお知らせしました。"
        if confirmed.first_time
        else "この回覧は、前にお知らせ済みです（もう一度押しても変わりません）。"
    )
    main = (
        '<section class="thanks" aria-labelledby="thanks">'
        '<h1 id="thanks"><span class="check" aria-hidden="true">✓</span>ありがとうございました</h1>'
        f"<p>「{_e(confirmed.title)}」を読んだことを、{first}</p>"
        f'<p class="when">お知らせした日時：{_e(when(confirmed.confirmed_at))}</p>'
        f'<p><a class="button-link" href="{_e(base + _q(size))}">回覧の一覧へもどる</a></p>'
        "</section>"
    )
    return _document(
        "ありがとうございました（回覧板）",
        main,
        size,
        home=base + _q(size),
        association=reader.association_name,
    )


def neutral_page() -> str:
    """The one page for every unknown, revoked or expired link: it never says which."""
    main = (
        "<h1>このページは表示できません</h1>"
        "<p>リンクが正しくないか、使えなくなっています。</p>"
        "<p>回覧のお知らせ（紙）に書かれたリンクやQRコードを、もう一度お試しください。"
        "それでも開けないときは、班長さんや町会の役員にお尋ねください。</p>"
    )
    return _document("表示できません（回覧板）", main, DEFAULT_SIZE)


def refused_page(back: str) -> str:
    """The 「読みました」 POST did not come from the page's own form (CSRF check failed)."""
    main = (
        "<h1>もう一度お試しください</h1>"
        "<p>お知らせを受け付けられませんでした。回覧のページを開き直して、"
        "「読みました」ボタンをもう一度押してください。</p>"
        f'<p><a class="button-link" href="{_e(back)}">回覧のページを開き直す</a></p>'
    )
    return _document("もう一度お試しください（回覧板）", main, DEFAULT_SIZE)


def too_many_page() -> str:
    """429: too many wrong links from this address."""
    main = (
        "<h1>しばらくお待ちください</h1>"
        "<p>短い時間にたくさんのアクセスがありました。数分たってから、もう一度お試しください。</p>"
    )
    return _document("しばらくお待ちください（回覧板）", main, DEFAULT_SIZE)


def too_large_page() -> str:
    """413 for a form post that is far too large."""
    return _document(
        "送信できません（回覧板）", "<h1>送信できませんでした</h1><p>データが大きすぎます。</p>", DEFAULT_SIZE
    )


def error_page() -> str:
    """500: nothing about the cause."""
    main = "<h1>ただいま表示できません</h1><p>時間をおいて、もう一度お試しください。</p>"
    return _document("ただいま表示できません（回覧板）", main, DEFAULT_SIZE)


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
