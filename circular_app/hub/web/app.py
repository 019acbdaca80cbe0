"""The hub's ASGI application: ``create_app(settings)`` builds everything and wires the routes.

``/api/v1/*`` is the association API (docs/hub-api.md); ``/api/v1/city/*`` the city staff's
KPI and registry API (docs/kpi.md, :mod:`circular_app.hub.web.city_api`); ``/r/{token}/*`` are the
residents' reader pages and ``/b/{token}`` the read-only page of a paper 回覧板's QR code;
``/static/*`` their stylesheet and icon. No global state: each call builds its
own engine and services, so tests can run several hubs in one process; whatever workers
must share (the guess limit) lives in the database.

Run it with ``hub serve`` (which migrates first), or under uvicorn directly with several
workers: ``uvicorn --factory circular_app.hub.web.app:app_from_env`` reading ``KAIRAN_HUB_DB``.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from circular_app import __version__
from circular_app.hub.logs import configure_logging
from circular_app.hub.schemas import (
    AnswerOut,
    AnswersResponse,
    ConfirmationOut,
    ConfirmationsResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorOut,
    Health,
    SafetyAnswerOut,
    SafetyResponse,
    SafetyRoundOut,
    SyncRequest,
    SyncResponse,
    SyncResult,
)
from circular_app.hub.services.answers import AnswerService, Invalid, Refused, Saved, open_for_answers
from circular_app.hub.services.city import CityService
from circular_app.hub.services.exchange import Exchange
from circular_app.hub.services.kpi import KpiService
from circular_app.hub.services.limits import SharedGuessLimits
from circular_app.hub.services.registry import AssociationRef, EnrollmentRefusedError, Registry
from circular_app.hub.services.safety import HubSafety
from circular_app.hub.services.tokens import csrf_ok, csrf_value, new_secret, reader_token_hash
from circular_app.hub.settings import HUB_LOG_LEVEL_ENV, HubSettings
from circular_app.hub.storage import settings_repo
from circular_app.hub.storage.database import Sessions, check_schema, create_hub_engine
from circular_app.hub.storage.session import IntegrityError, SQLAlchemyError
from circular_app.hub.web import answer_pages, pages, ruby
from circular_app.hub.web.bundle import HubServices
from circular_app.hub.web.city_api import IMPORT_PATHS, create_city_api, is_city_path
from circular_app.hub.web.i18n import COOKIE as LANG_COOKIE
from circular_app.hub.web.i18n import Catalogs, choose, current, use
from circular_app.hub.web.middleware import (
    ASGIApp,
    HubMiddleware,
    Receive,
    Scope,
    Send,
    TrustedProxies,
    validation_error,
)
from circular_app.hub.web.reader import AttachmentFile, Reader, ReaderService
from circular_app.hub.web.safety_web import (
    PIN_ATTEMPTS,
    PIN_WINDOW_SECONDS,
    SafetyWeb,
    safety_router,
    with_question,
)

CSRF_SECRET = "csrf_secret"
_KEY = r"^[A-Za-z0-9_-]{1,64}$"
_INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
_DOWNLOAD_TYPES = (*_INLINE_TYPES, "application/pdf")
_HTML = "text/html; charset=utf-8"


def ensure_secret(sessions: Sessions, name: str = CSRF_SECRET) -> str:
    """Read a hub-wide secret, creating it on first start (workers may race: one wins)."""
    with sessions.read() as session:
        value = settings_repo.setting(session, name)
    if value is not None:
        return value
    try:
        with sessions.write.begin() as session:
            settings_repo.add_setting(session, name, new_secret())
    except IntegrityError:
        pass  # another worker created it first; read theirs below
    with sessions.read() as session:
        return settings_repo.stored_setting(session, name)


def build_services(settings: HubSettings) -> HubServices:
    """Engine, schema check and services for ``settings``."""
    engine = create_hub_engine(settings.db_url, settings.pool_size)
    check_schema(engine)
    sessions = Sessions.for_engine(engine)
    return HubServices(
        sessions=sessions,
        registry=Registry(sessions),
        exchange=Exchange(sessions, settle=dt.timedelta(seconds=settings.confirmation_settle_seconds)),
        reader=ReaderService(sessions),
        csrf_secret=ensure_secret(sessions),
        kpi=KpiService(sessions),
        city=CityService(sessions),
        safety=HubSafety(sessions, settle=dt.timedelta(seconds=settings.confirmation_settle_seconds)),
        answers=AnswerService(
            sessions,
            settle=dt.timedelta(seconds=settings.confirmation_settle_seconds),
            retention_days=settings.answer_retention_days,
        ),
    )


def device_of(user_agent: str) -> str:
    """A coarse, non-identifying device class for the officer's matrix."""
    ua = user_agent.lower()
    if "ipad" in ua or "tablet" in ua or ("android" in ua and "mobile" not in ua):
        return "web/tablet"
    if "mobi" in ua or "iphone" in ua or "android" in ua:
        return "web/phone"
    return "web/pc" if ua else "web"


def iso_utc(moment: dt.datetime) -> str:
    """Naive UTC from the database as ``2026-11-24T01:05:00Z``."""
    return moment.replace(microsecond=0).isoformat() + "Z"


_bearer = HTTPBearer(auto_error=False, description="The association token from /api/v1/enroll")


def current_association(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> AssociationRef:
    """The association of the request's bearer token, or 401."""
    services: HubServices = request.app.state.services
    found = services.registry.authenticate(credentials.credentials) if credentials else None
    if found is None:
        raise HTTPException(401, "invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return found


# Module level: FastAPI resolves the (postponed) annotations of endpoints in this module's globals.
Authenticated = Annotated[AssociationRef, Depends(current_association)]
# The feeds' cursor (confirmations, 安否確認, answers): digits only, '' or 0 from the start.
_CURSOR = r"^[0-9]{0,18}$"
Since = Annotated[str, Query(pattern=_CURSOR, description="the last cursor ('' or 0: from the start)")]
AckSince = Annotated[
    str,
    Query(
        pattern=_CURSOR,
        description="the last cursor ('' or 0: from the start); acknowledges the answers up to it",
    ),
]


def _api_router(services: HubServices) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["api"])
    errors: dict[int | str, dict[str, object]] = {
        401: {"model": ErrorOut, "description": "Missing, unknown or revoked token"},
        413: {"model": ErrorOut, "description": "Body over the size limit"},
        429: {"model": ErrorOut, "description": "Too many failed attempts from this address"},
    }

    @router.post("/enroll", response_model=EnrollResponse, responses=errors)
    def enroll(request: EnrollRequest) -> EnrollResponse:
        """Exchange a one-time enrollment code for the association's token."""
        try:
            done = services.registry.enroll(request.code)
        except EnrollmentRefusedError:
            raise HTTPException(401, "unknown, used or expired enrollment code") from None
        return EnrollResponse(
            association_id=done.association_id,
            token=done.token,
            name=done.name,
            school_district=done.school_district,
        )

    @router.post("/sync", response_model=SyncResponse, response_model_exclude_none=True, responses=errors)
    def sync(request: SyncRequest, who: Authenticated) -> SyncResponse:
        """Apply roster, reader-token, publish and close items; each key at most once."""
        results = services.exchange.apply(who, request.items)
        return SyncResponse(
            results=[SyncResult(key=r.key, status=r.status, reason=r.reason) for r in results]
        )

    @router.get("/confirmations", response_model=ConfirmationsResponse, responses=errors)
    def confirmations(
        who: Authenticated,
        since: Since = "",
    ) -> ConfirmationsResponse:
        """Confirmations of this association after ``since``, oldest first."""
        page = services.exchange.confirmations(who, since)
        return ConfirmationsResponse(
            items=[
                ConfirmationOut(
                    circular_key=c.circular_key,
                    household_key=c.household_key,
                    confirmed_at=iso_utc(c.confirmed_at),
                    device=c.device,
                )
                for c in page.items
            ],
            cursor=page.cursor,
            has_more=page.has_more,
        )

    @router.get("/safety", response_model=SafetyResponse, responses=errors)
    def safety(
        who: Authenticated,
        since: Since = "",
    ) -> SafetyResponse:
        """安否確認: recent rounds (open ones included) and residents' answers after ``since``."""
        page = services.safety.page(who, since)
        return SafetyResponse(
            rounds=[
                SafetyRoundOut(
                    round_key=r.key,
                    kind=r.kind,
                    message=r.message,
                    drill=r.drill,
                    started_at=iso_utc(r.started_at),
                    ended_at=iso_utc(r.ended_at) if r.ended_at else None,
                    origin=r.origin,
                )
                for r in page.rounds
            ],
            answers=[
                SafetyAnswerOut(
                    round_key=a.round_key,
                    household_key=a.household_key,
                    status=a.status,
                    note=a.note,
                    answered_at=iso_utc(a.answered_at),
                )
                for a in page.answers
            ],
            cursor=page.cursor,
            has_more=page.has_more,
        )

    @router.get("/answers", response_model=AnswersResponse, responses=errors)
    def answers(
        who: Authenticated,
        since: AckSince = "",
    ) -> AnswersResponse:
        """Changes of households' answers after ``since``, oldest first (issue 21; no names)."""
        page = services.answers.answers(who, since)
        return AnswersResponse(
            items=[
                AnswerOut(
                    circular_key=a.circular_key,
                    household_key=a.household_key,
                    answers=a.answers,
                    answered_at=iso_utc(a.answered_at),
                    withdrawn=a.withdrawn,
                )
                for a in page.items
            ],
            cursor=page.cursor,
            has_more=page.has_more,
        )

    @router.get("/health", response_model=Health, responses={503: {"model": ErrorOut}})
    def health() -> Health:
        """The hub and its database answer."""
        try:
            with services.sessions.read() as session:
                settings_repo.ping(session)
        except SQLAlchemyError:
            raise HTTPException(503, "database unavailable") from None
        return Health(status="ok", version=__version__)

    @router.get("/noop")
    async def noop() -> dict[str, bool]:
        """Does nothing: the baseline of benchmarks/hub_load.py."""
        return {"ok": True}

    return router


def _file_response(found: AttachmentFile) -> Response:
    """An attachment as the reader pages serve it (``/r/…/a/…`` and ``/b/…/a/…``).

    Only images are shown inline; PDFs and images keep their type, anything else is an
    ``application/octet-stream`` download, so no uploaded file is ever rendered as a page.
    """
    media_type = found.media_type if found.media_type in _DOWNLOAD_TYPES else "application/octet-stream"
    disposition = "inline" if media_type in _INLINE_TYPES else "attachment"
    ascii_name = "".join(c for c in found.filename if " " <= c <= "~" and c not in '"\\') or "attachment"
    quoted = urllib.parse.quote(found.filename, safe="")
    return Response(
        found.data,
        media_type=media_type,
        headers={
            "content-disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}"
        },
    )


def _reader_router(services: HubServices, settings: HubSettings, catalogs: Catalogs) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    css = (settings.resources / "hub" / "reader.css").read_bytes()
    icon = (settings.resources / "icons" / "kairan-desk.svg").read_bytes()
    key_ok = re.compile(_KEY).match
    # 安否確認: while a round is open, every page of a household's link opens with the question.
    questions = SafetyWeb(services.safety, services.csrf_secret)

    def not_found() -> Response:
        # In the language of the request (speak() was called first): it never says more.
        return Response(pages.neutral_page().encode(), 404, media_type=_HTML)

    def html(
        body: str,
        status: int = 200,
        remember: tuple[str, str] | None = None,
        link: str | None = None,
        readings: Iterable[tuple[str, str]] = (),
    ) -> Response:
        # Furigana (issue 23): ruby on the page's text when the reader asked for it; the choice
        # made on this request is remembered for the link (``link``: its path).
        response = Response(ruby.apply(body, ruby.readings_of(readings)).encode(), status, media_type=_HTML)
        if remember is not None:
            remember_language(response, *remember)
        if link is not None and ruby.chosen() is not None:
            remember_furigana(response, link, ruby.chosen() or "0")
        return response

    def speak(request: Request, household: str | None = None) -> str | None:
        """Render this request in its language; the ``?lang=`` chosen on the page (to remember), if any."""
        hint = lang_hint(request)
        code = choose(hint["lang"], hint["cookie"], household, hint["accept-language"])
        language = catalogs.get(code)
        use(language)
        ruby.use(hint["furigana"], hint["furigana-cookie"], language.japanese)
        return choose(hint["lang"], None, None, "") if hint["lang"] else None

    def resolve(token: str) -> Reader | None:
        token_hash = reader_token_hash(token)
        return services.reader.resolve(token_hash) if token_hash else None

    @router.get("/")
    def home() -> Response:
        return html(pages.home_page())

    @router.get("/static/reader.css")
    def stylesheet() -> Response:
        return Response(
            css, media_type="text/css; charset=utf-8", headers={"cache-control": "public, max-age=86400"}
        )

    @router.get("/static/icon.svg")
    def favicon() -> Response:
        return Response(icon, media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"})

    @router.get("/r/{token}")
    def household(request: Request, token: str, t: str | None = None) -> Response:
        reader = resolve(token)
        chosen = speak(request, reader.lang if reader else None)
        if reader is None:
            return not_found()
        unread, read = services.reader.circulars(reader)
        titles = services.reader.translated_titles(reader, current().code)
        page = pages.list_page(reader, f"/r/{token}", unread, read, pages.size_of(t), titles)
        remember = (f"/r/{token}", chosen) if chosen else None
        readings = [pair for c in (*unread, *read) for pair in c.readings]
        return html(
            with_question(page, questions.block(reader, f"/r/{token}")),
            remember=remember,
            link=f"/r/{token}",
            readings=readings,
        )

    @router.get("/r/{token}/c/{circular_key}")
    def circular(
        request: Request, token: str, circular_key: str, t: str | None = None, original: str | None = None
    ) -> Response:
        reader = resolve(token) if key_ok(circular_key) else None
        chosen = speak(request, reader.lang if reader else None)
        detail = services.reader.circular(reader, circular_key) if reader else None
        if reader is None or detail is None:
            return not_found()
        csrf = csrf_value(services.csrf_secret, reader.token_hash, circular_key)
        size = pages.size_of(t)
        page = pages.circular_page(
            reader,
            f"/r/{token}",
            detail,
            size,
            csrf,
            answers=answer_box(reader, token, circular_key, size),
            original=original == "1",  # issue 23: the Japanese of a translated circular
        )
        remember = (f"/r/{token}", chosen) if chosen else None
        return html(
            with_question(page, questions.block(reader, f"/r/{token}")),
            remember=remember,
            link=f"/r/{token}",
            readings=detail.summary.readings,
        )

    def answer_box(
        reader: Reader, token: str, circular_key: str, size: str, invalid: Invalid | None = None
    ) -> str:
        # Issue 21: the form's section under the circular ("" when the circular has no form).
        view = invalid.view if invalid is not None else services.answers.view(reader, circular_key)
        if view is None:
            return ""
        csrf = csrf_value(services.csrf_secret, reader.token_hash, circular_key)
        refused = open_for_answers(view, services.answers.now())
        fields, errors = (invalid.fields, invalid.errors) if invalid is not None else (None, None)
        return answer_pages.answer_section(
            f"/r/{token}", circular_key, view, size, csrf, refused, fields, errors
        )

    def answer_flow(
        token: str, circular_key: str, form: dict[str, list[str]], headers: dict[str, str], size: str
    ) -> Response:
        posted_lang = (form.get("lang") or [""])[0]
        use(catalogs.get(choose(posted_lang, headers["cookie"], None, headers["accept-language"])))
        ruby.use(headers["furigana"], headers["furigana-cookie"], current().japanese)
        token_hash = reader_token_hash(token)
        if token_hash is None or not key_ok(circular_key):
            return not_found()
        submitted = (form.get("csrf") or [""])[0]
        cross_site = headers.get("sec-fetch-site", "") == "cross-site"
        if cross_site or not csrf_ok(services.csrf_secret, token_hash, circular_key, submitted):
            return html(pages.refused_page(f"/r/{token}/c/{circular_key}"), 403)
        withdraw = (form.get("withdraw") or [""])[0] == "1"
        device = device_of(headers.get("user-agent", ""))
        outcome = services.answers.submit(token_hash, circular_key, form, device, withdraw)
        reader = services.reader.resolve(token_hash) if outcome is not None else None
        if reader is not None:
            use(catalogs.get(choose(posted_lang, headers["cookie"], reader.lang, headers["accept-language"])))
            ruby.use(headers["furigana"], headers["furigana-cookie"], current().japanese)
        if outcome is None or reader is None:
            return not_found()
        base = f"/r/{token}"
        if isinstance(outcome, Saved):
            page = answer_pages.answered_page(base, circular_key, outcome, size)
            return html(with_question(page, questions.block(reader, base)))
        if isinstance(outcome, Refused):
            page = answer_pages.answer_refused_page(reader, base, circular_key, outcome, size)
            return html(with_question(page, questions.block(reader, base)), 409)
        detail = services.reader.circular(reader, circular_key)
        if detail is None:
            return not_found()
        csrf = csrf_value(services.csrf_secret, token_hash, circular_key)
        section = answer_box(reader, token, circular_key, size, outcome)
        page = pages.circular_page(reader, base, detail, size, csrf, answers=section)
        return html(with_question(page, questions.block(reader, base)), 400, readings=detail.summary.readings)

    @router.post("/r/{token}/c/{circular_key}/answer")
    async def answer(request: Request, token: str, circular_key: str, t: str | None = None) -> Response:
        body = await request.body()
        try:
            # Browsers send the form percent-encoded (ASCII); the values are UTF-8 underneath.
            form = urllib.parse.parse_qs(
                body.decode("ascii"), max_num_fields=500, encoding="utf-8", errors="strict"
            )
        except (UnicodeDecodeError, ValueError):
            form = {}
        headers = lang_hint(request) | {
            k: request.headers.get(k, "") for k in ("sec-fetch-site", "user-agent")
        }
        return await run_in_threadpool(answer_flow, token, circular_key, form, headers, pages.size_of(t))

    @router.get("/r/{token}/c/{circular_key}/answer")
    def answer_again(request: Request, token: str, circular_key: str, t: str | None = None) -> Response:
        # A reloaded confirmation page: show the circular with the current answer.
        speak(request)
        if resolve(token) is None or not key_ok(circular_key):
            return not_found()
        size = pages.size_of(t)
        suffix = "" if size == pages.DEFAULT_SIZE else f"?t={size}"
        return RedirectResponse(f"/r/{token}/c/{circular_key}{suffix}", 303)

    async def confirm_flow(
        token: str, circular_key: str, form: dict[str, list[str]], headers: dict[str, str], size: str
    ) -> Response:
        # On the event loop, not in the thread pool: the tap's write goes to the group commit's
        # writer (ReaderService.confirm_grouped), the rest is a little CPU (benchmarks/hub_load.py).
        use(
            catalogs.get(
                choose((form.get("lang") or [""])[0], headers["cookie"], None, headers["accept-language"])
            )
        )
        ruby.use(headers["furigana"], headers["furigana-cookie"], current().japanese)
        token_hash = reader_token_hash(token)
        if token_hash is None or not key_ok(circular_key):
            return not_found()
        # The CSRF value depends only on the link and the key, so it is checked before any
        # query: its answer (403) says nothing about whether the link exists.
        submitted = (form.get("csrf") or [""])[0]
        cross_site = headers.get("sec-fetch-site", "") == "cross-site"
        if cross_site or not csrf_ok(services.csrf_secret, token_hash, circular_key, submitted):
            return html(pages.refused_page(f"/r/{token}/c/{circular_key}"), 403)
        device = device_of(headers.get("user-agent", ""))
        done = await services.reader.confirm_grouped(token_hash, circular_key, device)
        if done is None:
            return not_found()
        reader, confirmed = done
        page = pages.thanks_page(reader, f"/r/{token}", confirmed, size)
        if confirmed.round_open:  # known from the tap's own statement: no query for the question otherwise
            block = await run_in_threadpool(questions.block, reader, f"/r/{token}")
            page = with_question(page, block)
        if ruby.on():
            return await run_in_threadpool(html, page)  # the furigana dictionary: CPU, off the loop
        return html(page)

    @router.post(TAP_ROUTE)
    async def read(request: Request, token: str, circular_key: str, t: str | None = None) -> Response:
        body = await request.body()
        try:
            form = urllib.parse.parse_qs(body.decode("ascii"), max_num_fields=10)
        except (UnicodeDecodeError, ValueError):
            form = {}
        headers = lang_hint(request) | {
            k: request.headers.get(k, "") for k in ("sec-fetch-site", "user-agent")
        }
        return await confirm_flow(token, circular_key, form, headers, pages.size_of(t))

    @router.get("/r/{token}/c/{circular_key}/read")
    def read_again(request: Request, token: str, circular_key: str, t: str | None = None) -> Response:
        # A reloaded or bookmarked thank-you page: show the circular (which says 読みました).
        speak(request)
        if resolve(token) is None or not key_ok(circular_key):
            return not_found()
        size = pages.size_of(t)
        suffix = "" if size == pages.DEFAULT_SIZE else f"?t={size}"
        return RedirectResponse(f"/r/{token}/c/{circular_key}{suffix}", 303)

    @router.get("/r/{token}/a/{attachment_key}")
    def attachment(request: Request, token: str, attachment_key: str) -> Response:
        speak(request)
        reader = resolve(token) if key_ok(attachment_key) else None
        found = services.reader.attachment(reader, attachment_key) if reader else None
        return _file_response(found) if found is not None else not_found()

    # A board link: the QR code on the paper 回覧板. One circular, read-only, no household.
    @router.get("/b/{token}")
    def board(request: Request, token: str, t: str | None = None, original: str | None = None) -> Response:
        chosen = speak(request)
        token_hash = reader_token_hash(token)
        found = services.reader.board(token_hash) if token_hash else None
        if found is None:
            return not_found()
        board, detail = found
        remember = (f"/b/{token}", chosen) if chosen else None
        return html(
            pages.board_page(board, f"/b/{token}", detail, pages.size_of(t), original=original == "1"),
            remember=remember,
            link=f"/b/{token}",
            readings=detail.summary.readings,
        )

    @router.get("/b/{token}/a/{attachment_key}")
    def board_attachment(request: Request, token: str, attachment_key: str) -> Response:
        speak(request)
        token_hash = reader_token_hash(token) if key_ok(attachment_key) else None
        found = services.reader.board_attachment(token_hash, attachment_key) if token_hash else None
        return _file_response(found) if found is not None else not_found()

    @router.get("/enroll")
    def enroll_page(code: str = "") -> Response:
        # The enrollment letter's QR code: says where to type the code (it is not checked here).
        return html(pages.enroll_page(code))

    @router.api_route("/r/{rest:path}", methods=["GET", "POST", "HEAD"])
    def anything_else(request: Request, rest: str) -> Response:
        speak(request)
        return not_found()

    @router.api_route("/b/{rest:path}", methods=["GET", "POST", "HEAD"])
    def anything_else_on_a_board(request: Request, rest: str) -> Response:
        speak(request)
        return not_found()

    return router


def lang_hint(request: Request) -> dict[str, str]:
    """What a request says about its language (``?lang=``, the remembered cookie, Accept-Language)
    and about furigana (``?furigana=``, its cookie)."""
    return {
        "lang": request.query_params.get("lang", "")[:20],
        "cookie": request.cookies.get(LANG_COOKIE, "")[:20],
        "accept-language": request.headers.get("accept-language", "")[:500],
        "furigana": request.query_params.get(ruby.PARAM, "")[:1],
        "furigana-cookie": request.cookies.get(ruby.COOKIE, "")[:1],
    }


def remember_furigana(response: Response, path: str, choice: str) -> None:
    """Furigana on (``1``) or off (``0``), for this link only, like the language."""
    response.set_cookie(
        ruby.COOKIE, choice, max_age=400 * 24 * 3600, path=path, samesite="lax", httponly=True
    )


def remember_language(response: Response, path: str, code: str) -> None:
    """The language chosen on the page, for this link only (the cookie's path is the link's)."""
    response.set_cookie(LANG_COOKIE, code, max_age=400 * 24 * 3600, path=path, samesite="lax", httponly=True)


def _resolve_reader(services: HubServices, token: str) -> Reader | None:
    token_hash = reader_token_hash(token)
    return services.reader.resolve(token_hash) if token_hash else None


TAP_ROUTE = "/r/{token}/c/{circular_key}/read"
# The same paths FastAPI's route matches (a path parameter is one segment, never empty).
_TAP_PATH = re.compile(r"^/r/([^/]+)/c/([^/]+)/read$")
TapEndpoint = Callable[[Request, str, str, str | None], Awaitable[Response]]


class _Dispatch:
    """Sends the city API's paths to its own application, everything else to the main one.

    A resident's 「読みました」 tap (``POST /r/{token}/c/{circular_key}/read``), the hub's
    busiest request, goes straight to its endpoint: FastAPI's route matching over every route,
    its dependency solving and its middleware stack cost more CPU than the tap's own work
    (benchmarks/hub_load.py, docs/scaling.md). The endpoint is the same function the route
    runs, with the same arguments, and ``scope["route"]`` is set for the log line.
    """

    def __init__(self, main: ASGIApp, city: ASGIApp, tap: tuple[APIRoute, TapEndpoint] | None = None) -> None:
        self.main = main
        self.city = city
        self.tap = tap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.main(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if self.tap is not None and scope.get("method") == "POST" and not scope.get("root_path"):
            found = _TAP_PATH.match(path)
            if found is not None:
                route, endpoint = self.tap
                scope["route"] = route
                request = Request(scope, receive)
                response = await endpoint(request, found[1], found[2], request.query_params.get("t"))
                await response(scope, receive, send)
                return
        if is_city_path(path):
            await self.city(scope, receive, send)
        else:
            await self.main(scope, receive, send)


class HubApp(HubMiddleware):
    """The ASGI application: the FastAPI routes inside :class:`HubMiddleware`.

    ``api`` is the association API and the reader pages; ``city_api`` the city staff's API
    (``/api/v1/city/*`` and ``/api/v1/action-plan``, its own OpenAPI schema).
    """

    def __init__(
        self,
        api: FastAPI,
        city_api: FastAPI,
        services: HubServices,
        settings: HubSettings,
        tap: tuple[APIRoute, TapEndpoint] | None = None,
    ) -> None:
        limiter = SharedGuessLimits(
            services.sessions,
            settings.guess_limit,
            settings.global_guess_limit,
            settings.guess_window_seconds,
            settings.limit_namespace,
        )
        super().__init__(
            _Dispatch(api, city_api, tap),
            limiter,
            settings.max_sync_bytes,
            settings.max_body_bytes,
            large={path: settings.max_import_bytes for path in IMPORT_PATHS},
            proxies=TrustedProxies(settings.trusted_proxies),
            catalogs=Catalogs.load(settings.resources / "hub" / "locale"),
        )
        self.api = api
        self.city_api = city_api
        self.services = services
        self.settings = settings


def _tap_route(router: APIRouter) -> tuple[APIRoute, TapEndpoint] | None:
    """The 「読みました」 route of the reader ``router`` and its endpoint, for :class:`_Dispatch`."""
    for route in router.routes:
        if isinstance(route, APIRoute) and route.path == TAP_ROUTE and "POST" in (route.methods or ()):
            return route, route.endpoint
    return None


def create_app(settings: HubSettings) -> HubApp:
    """The hub as an ASGI application (the database must be migrated: ``hub serve`` does it)."""
    services = build_services(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.reader.close()  # the taps still queued are committed before the pool goes
        services.sessions.engine.dispose()

    api = FastAPI(
        title="Kairan Desk hub",
        version=__version__,
        description="Association API of the Kairan Desk (回覧デスク) hub. See docs/hub-api.md.",
        docs_url=None,  # Swagger UI loads third-party assets: not on this server
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    api.state.services = services
    api.include_router(_api_router(services))
    # 安否確認's answer and 会長用リンク routes, before the reader router's catch-all of /r/….
    # PIN tries are counted in the database like link guesses, so every worker shares them;
    # per link, with no all-addresses total (one attacker must not lock every chair out).
    pin_limiter = SharedGuessLimits(
        services.sessions, PIN_ATTEMPTS, None, PIN_WINDOW_SECONDS, f"{settings.limit_namespace}:pin"
    )
    api.state.pin_limiter = pin_limiter
    catalogs = Catalogs.load(settings.resources / "hub" / "locale")
    api.include_router(
        safety_router(
            SafetyWeb(services.safety, services.csrf_secret),
            pin_limiter,
            TrustedProxies(settings.trusted_proxies),
            lambda token: _resolve_reader(services, token),
            catalogs,
        )
    )
    reader = _reader_router(services, settings, catalogs)
    api.include_router(reader)
    city_api = create_city_api(services)
    for app in (api, city_api):
        app.add_exception_handler(RequestValidationError, validation_error)
    return HubApp(api, city_api, services, settings, tap=_tap_route(reader))


def app_from_env() -> HubApp:
    """Factory for ``uvicorn --factory`` (one call per worker process).

    Each worker is a fresh process: the parent's logging set-up does not reach it, so the
    JSON log lines are configured here (``KAIRAN_HUB_LOG_LEVEL``).
    """
    configure_logging(os.environ.get(HUB_LOG_LEVEL_ENV) or "info")
    return frozen_for_serving(create_app(HubSettings.from_env()))


def frozen_for_serving(app: HubApp) -> HubApp:
    """Move everything built so far out of the garbage collector's sight, then return ``app``.

    A long-running server keeps its start-up objects (routes, models, compiled statements)
    for its whole life; without this every full collection walks them all, and under load the
    requests in flight wait for it (benchmarks/hub_load.py: p99 of a tap on PostgreSQL 100 →
    65 ms). Only for serving: tests build many apps in one process.
    """
    gc.freeze()
    return app
