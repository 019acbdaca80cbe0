"""安否確認 pages of the hub: the question on every reader page, the answer, the 会長用リンク.

Plain HTML forms, no JavaScript (the CSP forbids scripts anyway); every text from the database
or the form is escaped.

- ``question_block`` is put at the top of every page of a household's reader link while a
  round of its association is open: the question and three large buttons
  「無事です」「助けが必要です」「家にいません・避難中」 with an optional short note.
  ``POST /r/{token}/safety`` adds the answer (the latest counts) and says who sees it.
- ``/chair/{token}``: the 会長用リンク. A PIN form; wrong PINs are counted with the hub's
  :class:`~circular_app.hub.services.limits.SharedGuessLimits` (in the database, shared by
  every worker) per link (unknown links per address), and after
  ``PIN_ATTEMPTS`` within ``PIN_WINDOW_SECONDS`` every PIN try of that link (right or wrong)
  answers 429 until the (fixed) window ends. The right PIN sets a signed cookie for this link
  only; the page then starts a round and shows the status by household label.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from circular_app.domain.safety import MAX_MESSAGE_LENGTH, RoundKind
from circular_app.domain.safety_hub import MAX_PHONE_NOTE, PIN_DIGITS, HubRound
from circular_app.hub.services.limits import SharedGuessLimits
from circular_app.hub.services.safety import Chair, ChairStatus, HubSafety, ReaderQuestion
from circular_app.hub.services.tokens import csrf_ok, csrf_value, reader_token_hash
from circular_app.hub.storage.reader_repo import Reader
from circular_app.hub.web import pages
from circular_app.hub.web.i18n import Catalogs, _, choose, use
from circular_app.hub.web.middleware import TrustedProxies

PIN_ATTEMPTS = 5
PIN_WINDOW_SECONDS = 15 * 60
SESSION_SECONDS = 12 * 60 * 60
COOKIE = "kd_chair"
_HTML = "text/html; charset=utf-8"
_MAIN = '<main id="main">\n'

STATUS_BUTTONS = (
    ("safe", "無事です"),
    ("help", "助けが必要です"),
    ("away", "家にいません・避難中"),
)
STATUS_WORDS = dict(STATUS_BUTTONS)
# The reader's words, in the page's language (the chair's pages stay Japanese: they never set one).
_RUNTIME_WORDS = (
    _("無事です"),
    _("助けが必要です"),
    _("家にいません・避難中"),
    _("地震"),
    _("大雨"),
    _("その他"),
)
BOARD_WORDS = {"safe": "無事", "help": "要支援", "away": "不在・避難中", "": "未確認"}
KIND_WORDS = {k.value: k.label_ja for k in RoundKind}


def _e(text: object) -> str:
    return pages._e(text)  # the reader pages' one escaping helper


def round_title(round_: HubRound) -> str:
    """「【訓練】地震」: a drill is named as one wherever the round is shown."""
    kind = KIND_WORDS.get(round_.kind, round_.kind)
    return f"{_('【訓練】') if round_.drill else ''}{_(kind)}"


def round_csrf(secret: str, token_hash: str, round_key: str) -> str:
    """The hidden form value binding an answer to this reader link and this round."""
    return csrf_value(secret, token_hash, f"safety-{round_key}")


def clean_note(text: str) -> str:
    """The note with control characters removed and spaces collapsed."""
    kept = "".join(c for c in text if c >= " " and c != "\x7f")
    return " ".join(kept.split())


# -- reader pages --------------------------------------------------------------------------------


def question_block(base: str, question: ReaderQuestion, csrf: str, error: str = "") -> str:
    """The question with three large buttons and an optional note (a plain form)."""
    r = question.round
    drill = f'<p class="safety-drill">{_e(_("訓練です（本当の災害ではありません）"))}</p>' if r.drill else ""
    message = f'<p class="safety-message"{pages.ja_attr()}>{_e(r.message)}</p>' if r.message else ""
    current = ""
    if question.status:
        at = pages.when(question.answered_at) if question.answered_at else ""
        said = _e(_("お答え済み：{status}（{when}）。変わったときは、もう一度押してください。"))
        said = said.replace("{when}", _e(at)).replace(
            "{status}", f"<strong>{_e(_(STATUS_WORDS[question.status]))}</strong>"
        )
        current = f'<p class="safety-current">{said}</p>'
    problem = f'<p class="safety-error" role="alert">{_e(error)}</p>' if error else ""
    buttons = "".join(
        f'<button type="submit" name="status" value="{value}" class="safety-button safety-{value}">'
        f"{_e(_(label))}</button>"
        for value, label in STATUS_BUTTONS
    )
    note_label = _("ひとこと（なくてもかまいません。けが・薬・避難の手助けなど、{limit}文字まで）")
    return (
        f'<section class="safety{" drill" if r.drill else ""}" aria-labelledby="safety-q">'
        f'<h2 id="safety-q">{_e(_("安否確認（{what}）").format(what=round_title(r)))}</h2>{drill}{message}'
        f"<p>{_e(_('ご無事ですか。下のボタンを一つ押してください。'))}</p>"
        f"{current}{problem}"
        f'<form method="post" action="{_e(base)}/safety">'
        f'<input type="hidden" name="csrf" value="{_e(csrf)}">'
        f'<input type="hidden" name="round" value="{_e(r.key)}">{pages.lang_field()}'
        f'<label class="safety-note-label" for="safety-note">{_e(note_label.format(limit=MAX_PHONE_NOTE))}</label>'
        f'<textarea id="safety-note" name="note" rows="2" maxlength="{MAX_PHONE_NOTE}"></textarea>'
        f"{buttons}</form>"
        f'<p class="safety-who">{_e(_("お答えは、町会の役員と班長が見ます。"))}</p>'
        "</section>"
    )


def with_question(page: str, block: str) -> str:
    """The page with ``block`` first in its main part (the question opens every page)."""
    return page.replace(_MAIN, _MAIN + block + "\n", 1) if block else page


def answered_page(reader: Reader, base: str, round_: HubRound, status: str, note: str) -> str:
    """The page after an answer: what was sent and who sees it."""
    drill = (
        f'<p class="safety-drill">{_e(_("訓練です（本当の災害ではありません）"))}</p>' if round_.drill else ""
    )
    note_line = f"<p>{_e(_('ひとこと：'))}{_e(note)}</p>" if note else ""
    what = _("安否確認（{what}）").format(what=round_title(round_))
    main = (
        '<section class="thanks" aria-labelledby="answered">'
        f'<h1 id="answered"><span class="check" aria-hidden="true">✓</span>{_e(_("お答えを受け付けました"))}</h1>'
        f"{drill}<p>{_e(what)}：<strong>{_e(_(STATUS_WORDS[status]))}</strong></p>{note_line}"
        f'<p class="safety-who">{_e(_("このお答えは、町会の役員と班長が見ます。ほかの人には見えません。"))}</p>'
        f"<p>{_e(_('様子が変わったら、もう一度お答えください（いちばん新しいお答えが使われます）。'))}</p>"
        f'<p><a class="button-link" href="{_e(base)}">{_e(_("回覧の一覧へもどる"))}</a></p>'
        "</section>"
    )
    return pages._document(  # the reader pages' frame
        _("お答えを受け付けました（安否確認）"),
        main,
        pages.DEFAULT_SIZE,
        home=base,
        association=reader.association_name,
    )


def no_round_page(reader: Reader, base: str) -> str:
    """An answer after the round ended (or before any round)."""
    main = (
        f"<h1>{_e(_('安否確認は終わっています'))}</h1>"
        f"<p>{_e(_('いまは、お答えを受け付けていません。ご用のときは、班長さんや町会の役員にご連絡ください。'))}</p>"
        f'<p><a class="button-link" href="{_e(base)}">{_e(_("回覧の一覧へもどる"))}</a></p>'
    )
    return pages._document(
        _("安否確認（回覧板）"), main, pages.DEFAULT_SIZE, home=base, association=reader.association_name
    )


# -- 会長用リンク -----------------------------------------------------------------------------------


def _chair_document(title: str, main: str, association: str, refresh: bool = False) -> str:
    page = pages._document(title, main, pages.DEFAULT_SIZE, association=association)
    if refresh:
        # The status refreshes itself every 30 seconds: a meta refresh needs no script.
        page = page.replace("<title>", '<meta http-equiv="refresh" content="30">\n<title>', 1)
    return page


def pin_page(base: str, association: str, error: str = "") -> str:
    """The PIN form of a 会長用リンク."""
    problem = f'<p class="safety-error" role="alert">{_e(error)}</p>' if error else ""
    main = (
        "<h1>会長用リンク（安否確認）</h1>"
        f"<p>カードとは別に覚えている {PIN_DIGITS} けたの暗証番号（PIN）を入れてください。</p>{problem}"
        f'<form method="post" action="{_e(base)}/pin">'
        '<label for="pin">暗証番号（PIN）</label>'
        f'<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" '
        f'maxlength="{PIN_DIGITS}" pattern="[0-9]*" required>'
        '<button type="submit" class="read-button">開く</button></form>'
    )
    return _chair_document("会長用リンク", main, association)


def chair_page(base: str, association: str, status: ChairStatus, csrf: str, notice: str = "") -> str:
    """The status by household label (names never reach the hub), or the form to start a round."""
    parts = ["<h1>会長用リンク（安否確認）</h1>"]
    if notice:
        parts.append(f'<p class="safety-error" role="alert">{_e(notice)}</p>')
    r = status.round
    if r is None:
        kinds = "".join(f'<option value="{k.value}">{_e(k.label_ja)}</option>' for k in RoundKind)
        parts.append(
            "<p>いま、安否確認は行っていません。</p>"
            '<h2 id="start">安否確認を始める</h2>'
            f'<form method="post" action="{_e(base)}/start" aria-labelledby="start">'
            f'<input type="hidden" name="csrf" value="{_e(csrf)}">'
            f'<label for="kind">何がありましたか</label><select id="kind" name="kind">{kinds}</select>'
            f'<label for="message">お知らせ文（{MAX_MESSAGE_LENGTH}文字まで、なくてもかまいません）</label>'
            f'<input id="message" name="message" maxlength="{MAX_MESSAGE_LENGTH}">'
            '<p><label><input type="checkbox" name="drill" value="1"> 訓練として行う</label></p>'
            '<button type="submit" class="read-button">安否確認を始める</button></form>'
        )
        return _chair_document("会長用リンク", "".join(parts), association)
    if r.drill:
        parts.append('<p class="safety-drill">訓練です（本当の災害ではありません）</p>')
    parts.append(f"<h2>{_e(round_title(r))}　{_e(pages.when(r.started_at))} から</h2>")
    if r.message:
        parts.append(f'<p class="safety-message">{_e(r.message)}</p>')
    hans: dict[str, dict[str, int]] = {}
    for line in status.lines:
        counts = hans.setdefault(line.han, {"safe": 0, "help": 0, "away": 0, "": 0})
        counts[line.status] += 1
    rows = "".join(
        f'<tr><th scope="row">{_e(han)}</th><td>{c["safe"]}</td><td>{c["help"]}</td>'
        f"<td>{c['away']}</td><td>{c['']}</td></tr>"
        for han, c in hans.items()
    )
    parts.append(
        '<table class="safety-counts"><caption>班ごとの数（スマホのお答えのみ）</caption>'
        '<thead><tr><th scope="col">班</th><th scope="col">無事</th><th scope="col">要支援</th>'
        f'<th scope="col">不在</th><th scope="col">未確認</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    helps = [line for line in status.lines if line.status == "help"]
    parts.append(f'<h2 id="help">要支援（{len(helps)}世帯）</h2>')
    if helps:
        items = "".join(
            f"<li><strong>{_e(line.label)}</strong>"
            f"{'　' + _e(pages.when(line.answered_at)) if line.answered_at else ''}"
            f"{'<br>' + _e(line.note) if line.note else ''}</li>"
            for line in helps
        )
        parts.append(f'<ul class="safety-help" aria-labelledby="help">{items}</ul>')
    parts.append(
        '<p class="hint">ここには世帯のラベル（「3班-5」など）だけが出ます。名前と電話番号は、'
        "町会のパソコンの一覧か、印刷した安否確認リストで確かめてください。"
        "紙や電話で確かめた分は、町会のパソコンに入れると数に入ります。このページは30秒ごとに新しくなります。</p>"
    )
    return _chair_document("会長用リンク（安否確認）", "".join(parts), association, refresh=True)


# -- the session cookie ----------------------------------------------------------------------------


def session_value(secret: str, chair: Chair, token_hash: str, expires: int) -> str:
    """``expires.signature``: valid for this link and this PIN until ``expires`` (epoch seconds)."""
    message = f"chair\x00{token_hash}\x00{chair.pin_hash}\x00{expires}".encode()
    return f"{expires}.{hmac.new(secret.encode('ascii'), message, hashlib.sha256).hexdigest()}"


def session_ok(secret: str, chair: Chair, token_hash: str, value: str, now: float) -> bool:
    """The cookie was made by this hub for this link and PIN and has not expired."""
    expires_text, _, _signature = value.partition(".")
    if not expires_text.isdigit() or int(expires_text) < now:
        return False
    expected = session_value(secret, chair, token_hash, int(expires_text)).encode()
    return hmac.compare_digest(expected, value.encode("utf-8", "replace"))


# -- routes --------------------------------------------------------------------------------------------


@dataclass
class SafetyWeb:
    """What the reader routes call to put the question on a page."""

    safety: HubSafety
    secret: str

    def block(self, reader: Reader, base: str) -> str:
        """The question block for ``reader``'s pages, or ``""`` when no round is open."""
        question = self.safety.question(reader)
        if question is None:
            return ""
        return question_block(base, question, round_csrf(self.secret, reader.token_hash, question.round.key))


def _form(body: bytes) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(body.decode("ascii"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return {}


def _first(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0]


def safety_router(
    web: SafetyWeb,
    limiter: SharedGuessLimits,
    proxies: TrustedProxies,
    resolve: Callable[[str], Reader | None],
    catalogs: Catalogs | None = None,
    clock: Callable[[], float] = time.time,
) -> APIRouter:
    """The answer route of reader links and the 会長用リンク's routes."""
    router = APIRouter(include_in_schema=False)
    neutral = pages.neutral_page().encode()  # the chair's pages: Japanese

    def html(body: str, status: int = 200) -> Response:
        return Response(body.encode(), status, media_type=_HTML)

    def not_found() -> Response:
        return Response(neutral, 404, media_type=_HTML)

    def answer_flow(
        token: str, form: dict[str, list[str]], cross_site: bool, hint: dict[str, str]
    ) -> Response:
        reader = resolve(token)
        if catalogs is not None:
            household = reader.lang if reader else None
            posted = _first(form, "lang")
            use(catalogs.get(choose(posted, hint.get("cookie"), household, hint.get("accept-language", ""))))
        if reader is None:
            return Response(pages.neutral_page().encode(), 404, media_type=_HTML)
        base = f"/r/{token}"
        question = web.safety.question(reader)
        if question is None:
            return html(no_round_page(reader, base), 409)
        csrf = round_csrf(web.secret, reader.token_hash, question.round.key)
        if (
            cross_site
            or _first(form, "round") != question.round.key
            or not csrf_ok(
                web.secret, reader.token_hash, f"safety-{question.round.key}", _first(form, "csrf")
            )
        ):
            error = _("受け付けられませんでした。もう一度、ボタンを押してください。")
            return html(_reanswer(reader, base, question, csrf, error), 403)
        status = _first(form, "status")
        note = clean_note(_first(form, "note"))
        if status not in STATUS_WORDS:
            return html(
                _reanswer(reader, base, question, csrf, _("三つのボタンのどれかを押してください。")), 400
            )
        if len(note) > MAX_PHONE_NOTE:
            error = _(
                "ひとことは{limit}文字までです（いまは{count}文字）。短くして、もう一度押してください。"
            ).format(limit=MAX_PHONE_NOTE, count=len(note))
            return html(_reanswer(reader, base, question, csrf, error), 400)
        done = web.safety.answer(reader.token_hash, question.round.key, status, note)
        if done is None:
            return html(no_round_page(reader, base), 409)
        return html(answered_page(reader, base, done[1], status, note))

    @router.post("/r/{token}/safety")
    async def answer(request: Request, token: str) -> Response:
        form = _form(await request.body())
        cross_site = request.headers.get("sec-fetch-site", "") == "cross-site"
        hint = {
            "cookie": request.cookies.get("kd_lang", "")[:20],
            "accept-language": request.headers.get("accept-language", "")[:500],
        }
        return await run_in_threadpool(answer_flow, token, form, cross_site, hint)

    @router.get("/r/{token}/safety")
    def answer_again(token: str) -> Response:
        # A reloaded answer page: back to the list, which shows the question and the answer.
        return RedirectResponse(f"/r/{token}", 303) if resolve(token) is not None else not_found()

    # -- 会長用リンク ------------------------------------------------------------------------------

    def client(request: Request) -> str:
        peer = request.client.host if request.client else "unknown"
        return proxies.client(peer, request.headers.get("x-forwarded-for"))

    def blocked(token_hash: str, address: str) -> int | None:
        waits = [w for w in (limiter.retry_after(f"chair:{token_hash}"), limiter.retry_after(address)) if w]
        return max(waits) if waits else None

    def too_many(wait: int) -> Response:
        return Response(
            pages.too_many_page().encode(), 429, media_type=_HTML, headers={"retry-after": str(wait)}
        )

    def chair_of(token: str) -> tuple[str, Chair] | None:
        token_hash = reader_token_hash(token)
        chair = web.safety.chair(token_hash) if token_hash else None
        return (token_hash, chair) if token_hash and chair else None

    def signed_in(request: Request, token_hash: str, chair: Chair) -> bool:
        value = request.cookies.get(COOKIE, "")
        return bool(value) and session_ok(web.secret, chair, token_hash, value, clock())

    def chair_view(token: str, request: Request, notice: str = "", status_code: int = 200) -> Response:
        found = chair_of(token)
        address = client(request)
        if found is None:
            limiter.failed(address)
            return not_found()
        token_hash, chair = found
        base = f"/chair/{token}"
        if not signed_in(request, token_hash, chair):
            return html(pin_page(base, chair.association_name), status_code)
        status = web.safety.status(chair)
        csrf = csrf_value(web.secret, token_hash, "chair-start")
        return html(chair_page(base, chair.association_name, status, csrf, notice), status_code)

    @router.get("/chair/{token}")
    def chair_home(token: str, request: Request) -> Response:
        wait = blocked("", client(request)) if chair_of(token) is None else None
        if wait is not None:
            return too_many(wait)
        return chair_view(token, request)

    def pin_flow(token: str, request: Request, form: dict[str, list[str]]) -> Response:
        address = client(request)
        found = chair_of(token)
        token_hash = found[0] if found else ""
        wait = blocked(token_hash, address)
        if wait is not None:
            return too_many(wait)
        if found is None:
            limiter.failed(address)
            return not_found()
        chair = found[1]
        base = f"/chair/{token}"
        cross_site = request.headers.get("sec-fetch-site", "") == "cross-site"
        if cross_site or not web.safety.pin_ok(chair, _first(form, "pin")):
            # Counted per link, not per address: a phone behind a carrier's shared address must
            # not lock the chair out because someone else mistyped theirs.
            limiter.failed(f"chair:{token_hash}")
            return html(pin_page(base, chair.association_name, "暗証番号が違います。"), 403)
        expires = int(clock()) + SESSION_SECONDS
        response = RedirectResponse(base, 303)
        response.set_cookie(
            COOKIE,
            session_value(web.secret, chair, token_hash, expires),
            max_age=SESSION_SECONDS,
            path=base,
            secure=request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )
        return response

    @router.post("/chair/{token}/pin")
    async def pin(token: str, request: Request) -> Response:
        form = _form(await request.body())
        return await run_in_threadpool(pin_flow, token, request, form)

    def start_flow(token: str, request: Request, form: dict[str, list[str]]) -> Response:
        found = chair_of(token)
        if found is None:
            limiter.failed(client(request))
            return not_found()
        token_hash, chair = found
        base = f"/chair/{token}"
        cross_site = request.headers.get("sec-fetch-site", "") == "cross-site"
        if not signed_in(request, token_hash, chair):
            return html(pin_page(base, chair.association_name), 403)
        if cross_site or not csrf_ok(web.secret, token_hash, "chair-start", _first(form, "csrf")):
            return chair_view(token, request, "受け付けられませんでした。もう一度お試しください。", 403)
        kind = _first(form, "kind")
        message = " ".join(clean_note(_first(form, "message")).split())
        if kind not in KIND_WORDS:
            return chair_view(token, request, "何があったかを選んでください。", 400)
        if len(message) > MAX_MESSAGE_LENGTH:
            return chair_view(token, request, f"お知らせ文は{MAX_MESSAGE_LENGTH}文字までです。", 400)
        started = web.safety.start(chair, kind, message, _first(form, "drill") == "1")
        if started is None:
            return chair_view(token, request, "安否確認はもう始まっています。", 409)
        return RedirectResponse(base, 303)

    @router.post("/chair/{token}/start")
    async def start(token: str, request: Request) -> Response:
        form = _form(await request.body())
        return await run_in_threadpool(start_flow, token, request, form)

    return router


def _reanswer(reader: Reader, base: str, question: ReaderQuestion, csrf: str, error: str) -> str:
    main = question_block(base, question, csrf, error) + (
        f'<p><a class="button-link" href="{_e(base)}">{_e(_("回覧の一覧へもどる"))}</a></p>'
    )
    return pages._document(
        _("安否確認（回覧板）"), main, pages.DEFAULT_SIZE, home=base, association=reader.association_name
    )
