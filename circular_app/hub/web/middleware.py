"""The outermost ASGI layer: body limits, guessing limits, security headers, logs, errors.

Pure ASGI (no per-request task or thread), so the no-op endpoint measures the real floor.

- Request bodies are read here up to a limit (``max_sync_bytes`` for ``/api/v1/sync``, the
  city's import limit for its registry CSV and plan file, ``max_body_bytes`` elsewhere);
  beyond it the answer is 413 and the app never runs.
- JSON bodies are checked before the app sees them: not UTF-8, not JSON, ``NaN`` or
  ``Infinity``, a number out of range or a lone surrogate answers 400 with a short reason.
- The client address is the peer's, or the ``X-Forwarded-For`` entry added by a proxy named
  in ``trusted_proxies`` (none by default: the header of anyone else is ignored).
- Failures (404 on a reader link ``/r/`` or a board link ``/b/``, 400/401/413/422 on the
  API) are counted per client address and over all addresses, in the hub's database so
  that every worker and host shares one budget (:mod:`circular_app.hub.services.limits`).
  Once an address (or the hub as a whole) passed its limit within the window, *failed*
  answers on those paths become 429 until the window ends; valid links and tokens are
  still served (and never touch the counters), so a guesser behind a carrier's shared
  address cannot lock residents out.
- Every response carries the security headers; reader pages and API answers are no-store.
- One JSON log line per request with the route template, never the path (it holds tokens).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any, Protocol

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from circular_app.hub.logs import LOGGER_NAME, log_event
from circular_app.hub.web.i18n import COOKIE as LANG_COOKIE
from circular_app.hub.web.i18n import Catalogs, choose, use
from circular_app.hub.web.pages import error_page, too_large_page, too_many_page

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger(f"{LOGGER_NAME}.http")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
_NO_STORE = (b"cache-control", b"no-store")
_SYNC_PATH = "/api/v1/sync"


class FailureCounter(Protocol):
    """Counts failed answers (``circular_app.hub.services.limits.SharedGuessLimits``)."""

    def failed(self, address: str) -> int | None:
        """Count one failure of ``address``; seconds to wait when over a limit, else ``None``."""


# Paths that carry a capability token: a household's reader link and a 回覧板's board link.
_LINK_PREFIXES = ("/r/", "/b/")


def _guarded(path: str) -> bool:
    return path.startswith(_LINK_PREFIXES) or (
        path.startswith("/api/") and path not in ("/api/v1/health", "/api/v1/noop")
    )


_API_FAILURES = (400, 401, 413, 422)
_MAX_DIGITS = 18  # no number in the API comes near; longer ones would overflow a column


def _is_failure(path: str, status: int) -> bool:
    return (path.startswith(_LINK_PREFIXES) and status == 404) or (
        path.startswith("/api/") and status in _API_FAILURES
    )


class TrustedProxies:
    """Which peers may name the client with ``X-Forwarded-For`` (addresses or networks)."""

    def __init__(self, entries: tuple[str, ...] = ()) -> None:
        self._networks = tuple(ipaddress.ip_network(e, strict=False) for e in entries)

    def trusts(self, address: str) -> bool:
        """``address`` is one of the configured proxies."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self._networks)

    def client(self, peer: str, forwarded: str | None) -> str:
        """The client address: the peer's, unless a trusted proxy forwarded the request.

        ``X-Forwarded-For`` is read from the right: every proxy appends the address it saw,
        so the first entry not a trusted proxy is the client (entries further left are the
        client's own claims).
        """
        if not self._networks or forwarded is None or not self.trusts(peer):
            return peer
        for entry in reversed([e.strip() for e in forwarded.split(",")]):
            if not entry:
                break
            if not self.trusts(entry):
                return entry
        return peer


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return value


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError("number out of range")
    return int(text)


def json_problem(body: bytes) -> str | None:
    """Why ``body`` is not acceptable JSON for the API, or ``None`` when it is."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    try:
        value = json.loads(
            text, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_small_int
        )
    except RecursionError:
        return "JSON nested too deeply"
    except ValueError as exc:
        reason = str(exc)
        return (
            reason
            if reason
            in (
                "number out of range",
                "NaN is not allowed",
                "Infinity is not allowed",
                "-Infinity is not allowed",
            )
            else "invalid JSON"
        )
    # A ``\ud800`` escape decodes to a lone surrogate, which no database or encoder accepts.
    pending: list[object] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "lone surrogate in a string"
    return None


async def validation_error(_request: Request, exc: Exception) -> Response:
    """FastAPI's 422, without echoing an input it cannot encode (a binary body was a 500)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    try:
        detail = jsonable_encoder(errors)
    except (UnicodeDecodeError, ValueError, TypeError):
        detail = [{k: v for k, v in error.items() if k in ("type", "loc", "msg")} for error in errors]
        detail = jsonable_encoder(detail)
    return JSONResponse({"detail": detail}, 422)


def _checks_json(scope: Scope, path: str) -> bool:
    if not path.startswith("/api/") or scope.get("method") not in ("POST", "PUT", "PATCH"):
        return False
    for key, value in scope.get("headers", []):
        if key == b"content-type":
            return b"json" in value.lower()
    return False


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    template = getattr(route, "path", None)
    if isinstance(template, str):
        return template
    path = str(scope.get("path", ""))
    # Unrouted paths can hold a guessed token: keep only the first segment.
    return "/" + path.strip("/").split("/", 1)[0] + ("/…" if path.count("/") > 1 else "")


class HubMiddleware:
    """Wraps the FastAPI app; see the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: FailureCounter,
        max_sync_bytes: int,
        max_body_bytes: int,
        large: dict[str, int] | None = None,
        proxies: TrustedProxies | None = None,
        catalogs: Catalogs | None = None,
    ) -> None:
        self.app = app
        # The error pages it answers itself (429, 413, 500) speak the request's language.
        self.catalogs = catalogs
        # Per address and over all addresses (a guesser spread over many addresses is bounded too).
        self.limiter = limiter
        self.proxies = proxies or TrustedProxies()
        self._max_sync = max_sync_bytes
        self._max_body = max_body_bytes
        # Paths with their own limit (the city's registry CSV and action-plan file); they
        # also check their own bodies (the plan file's answers name its problem).
        self._large = {_SYNC_PATH: max_sync_bytes, **(large or {})}
        self._own_checks = frozenset(large or {})

    def _client(self, scope: Scope) -> str:
        client = scope.get("client")
        peer = str(client[0]) if client else "unknown"
        forwarded = None
        for key, value in scope.get("headers", []):
            if key == b"x-forwarded-for":
                forwarded = value.decode("latin-1")
        return self.proxies.client(peer, forwarded)

    @staticmethod
    def _speak(scope: Scope, catalogs: Catalogs) -> None:
        """The request's language (its cookie, then Accept-Language) for the pages made here."""
        accept = cookie = ""
        for key, value in scope.get("headers", []):
            if key == b"accept-language":
                accept = value.decode("latin-1")[:500]
            elif key == b"cookie":
                jar = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except CookieError:
                    continue
                if LANG_COOKIE in jar:
                    cookie = jar[LANG_COOKIE].value[:20]
        use(catalogs.get(choose(None, cookie, None, accept)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request (other scope types pass through)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path: str = scope.get("path", "")
        method: str = scope.get("method", "")
        address = self._client(scope)
        if self.catalogs is not None and path.startswith(("/r/", "/b/")):
            # Residents' pages only: the chair's, the home and enrollment pages stay Japanese.
            self._speak(scope, self.catalogs)
        status_box = [0]
        response_started = [False]
        replaced = [False]
        static = path.startswith("/static/")
        guarded = _guarded(path)

        def decorated(message: Message) -> Message:
            headers = [
                (k, v)
                for k, v in message.get("headers", [])
                if k.lower() not in (b"server", b"cache-control")
                or (static and k.lower() == b"cache-control")
            ]
            headers.extend(SECURITY_HEADERS)
            if not static:
                headers.append(_NO_STORE)
            message["headers"] = headers
            return message

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_started[0] = True
                status_box[0] = int(message["status"])
                if guarded and _is_failure(path, status_box[0]):
                    # Counted before the client can see the answer, so its next guess is judged
                    # with this one included. Only failures are counted: a blocked address
                    # still gets its valid answers, only its failures turn into 429.
                    wait = await run_in_threadpool(self.limiter.failed, address)
                    if wait is not None:
                        replaced[0] = True
                        status_box[0] = 429
                        for part in self._plain_messages(path, 429, "too many failed attempts", wait):
                            await send(decorated(part) if part["type"] == "http.response.start" else part)
                        log_event(log, "rate_limited", logging.WARNING, route=_route_template(scope))
                        return
                await send(decorated(message))
                return
            if not replaced[0]:
                await send(message)

        try:
            limit = self._large.get(path, self._max_body)
            body = await self._read_body(scope, receive, limit)
            if body is None:
                await self._plain(send_wrapper, path, 413, "request body too large")
                return
            problem = (
                json_problem(body) if path not in self._own_checks and _checks_json(scope, path) else None
            )
            if problem is not None and body:
                await self._plain(send_wrapper, path, 400, problem)
                return
            await self.app(scope, self._replay(body, receive), send_wrapper)
        except Exception as exc:
            log_event(
                log, "server_error", logging.ERROR, route=_route_template(scope), error=type(exc).__name__
            )
            log.debug("server error", exc_info=True)
            if not response_started[0]:
                await self._plain(send_wrapper, path, 500, "internal error")
        finally:
            status = status_box[0]
            if not static:
                log_event(
                    log,
                    "request",
                    method=method,
                    route=_route_template(scope),
                    status=status,
                    ms=round((time.perf_counter() - started) * 1000, 2),
                )

    @staticmethod
    async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
        """The whole body, or ``None`` when it is over ``limit``.

        A moderately oversized body is drained so that the client can read the 413 instead of
        a reset connection; a hopeless one (declared over 4x the limit) is refused at once.
        """
        declared = None
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return None
        if declared is not None and declared > 4 * limit:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size <= limit:
                chunks.append(chunk)
            elif size > 4 * limit:
                break
            if not message.get("more_body", False):
                break
        return None if size > limit else b"".join(chunks)

    @staticmethod
    def _replay(body: bytes, receive: Receive) -> Receive:
        sent = [False]

        async def replay() -> Message:
            if not sent[0]:
                sent[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    @staticmethod
    def _plain_messages(path: str, status: int, detail: str, retry_after: int | None = None) -> list[Message]:
        if path.startswith("/api/"):
            body = json.dumps({"detail": detail}).encode()
            content_type = b"application/json"
        else:
            page = {429: too_many_page, 413: too_large_page}.get(status, error_page)
            body = page().encode()
            content_type = b"text/html; charset=utf-8"
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        if retry_after is not None:
            headers.append((b"retry-after", str(retry_after).encode()))
        return [
            {"type": "http.response.start", "status": status, "headers": headers},
            {"type": "http.response.body", "body": body},
        ]

    @classmethod
    async def _plain(cls, send: Send, path: str, status: int, detail: str) -> None:
        for message in cls._plain_messages(path, status, detail):
            await send(message)
