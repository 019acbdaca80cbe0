"""``HubClient``: the desktop's HTTP client for the hub's ``/api/v1`` (docs/hub-api.md).

Errors are typed so the sync code can decide what to do without reading messages:

- :class:`HubUnavailable`: no answer (connection refused, DNS, TLS, timeout, cut mid-way) or
  a 5xx — retry later with backoff; the request may or may not have been applied, which is
  why every sync item carries an idempotency key.
- :class:`HubAuthError`: 401/403 — the association token is missing, wrong or revoked;
  enroll again with a new code.
- :class:`HubRejected`: another 4xx (422 invalid item, 413 too large, 429 too many failed
  attempts …) with the hub's reason; retrying the same request will not help.

The request and error handling lives once, in :class:`HubHttpClient`, which the city
staff's ``CityClient`` (``city_client.py``) shares.

No token, key or content is ever put into an exception message or a log line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from circular_app import __version__
from circular_app.domain.safety_hub import HubAnswer, HubRound, SafetyPage
from circular_app.domain.wire import Answer, AnswerPage, Confirmation, ConfirmationPage, SyncResult

if TYPE_CHECKING:
    # httpx (with its CLI extras, ~0.1 s) is imported when a client is made, i.e. when a
    # round syncs: the sync service is built at every log-in (tests/test_startup_imports.py).
    import httpx

API = "/api/v1"
# The hub refuses sync bodies over 10 MB; stay under it with room for the JSON envelope.
MAX_BATCH_BYTES = 8 * 1024 * 1024
MAX_BATCH_ITEMS = 500
# Refusals of a request's body as a whole (bad JSON, too large, failed validation): sent one
# by one, the items show which of them the hub refuses.
ITEM_REFUSALS = frozenset({400, 413, 422})


class HubError(Exception):
    """Base class of the client's errors."""


class HubUnavailable(HubError):  # noqa: N818  # the name the sync code and docs use
    """The hub did not answer usefully (network, timeout, 5xx): try again later."""


class HubAuthError(HubError):
    """The token is missing, unknown or revoked (401/403): enroll again."""


class HubRejected(HubError):  # noqa: N818  # the name the sync code and docs use
    """The hub refused the request (4xx); ``status`` and ``reason`` say why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"hub refused the request ({status}): {reason}")
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Enrollment:
    """The answer to an enrollment code. Keep ``token`` in the keyring, never in a file."""

    association_id: str
    token: str = field(repr=False)
    name: str
    school_district: str


@dataclass(frozen=True)
class SyncItem:
    """One change for the hub: ``kind`` is roster, reader_token, publish or close."""

    key: str
    kind: str
    payload: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The item as sent."""
        return {"key": self.key, "kind": self.kind, "payload": dict(self.payload)}


def _reason(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.reason_phrase or str(response.status_code)
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        # FastAPI validation errors: field locations and messages only (never the input value).
        parts = []
        for error in detail[:5]:
            if isinstance(error, dict):
                where = ".".join(str(p) for p in error.get("loc", ()))
                parts.append(f"{where}: {error.get('msg', '')}")
        return "; ".join(parts) or "invalid request"
    return response.reason_phrase or str(response.status_code)


def _as_item(item: SyncItem | Mapping[str, Any]) -> SyncItem:
    if isinstance(item, SyncItem):
        return item
    return SyncItem(str(item["key"]), str(item["kind"]), item["payload"])


def _utc(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise HubUnavailable("hub sent a confirmation time that is not ISO 8601") from exc
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def batches(items: Sequence[SyncItem], max_bytes: int = MAX_BATCH_BYTES) -> Iterator[list[SyncItem]]:
    """Split items, in order, into requests under ``max_bytes`` of JSON and ``MAX_BATCH_ITEMS``."""
    batch: list[SyncItem] = []
    size = 0
    for item in items:
        item_size = len(json.dumps(item.to_json(), ensure_ascii=False).encode()) + 1
        if batch and (size + item_size > max_bytes or len(batch) >= MAX_BATCH_ITEMS):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size
    if batch:
        yield batch


@dataclass(frozen=True)
class CityPlan:
    """What ``GET /api/v1/action-plan`` tells an association."""

    plan_text: str | None
    adopting_school_districts: int


class HubHttpClient:
    """The HTTP plumbing :class:`HubClient` and ``CityClient`` share. Use as a context manager.

    One connection pool, the bearer token, and the one mapping of transport failures and
    status codes onto :class:`HubUnavailable`, :class:`HubAuthError` and :class:`HubRejected`,
    so both clients fail the same way. A subclass names its path prefix, its default timeout,
    what a 401/403 refused (the message the UI shows) and, if it needs to, its own
    :class:`HubRejected` for other 4xx answers.
    """

    PATH_PREFIX = API
    DEFAULT_TIMEOUT: float = 10
    AUTH_REFUSED = "the token"

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        self.token = token
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=self.DEFAULT_TIMEOUT if timeout is None else timeout,
            transport=transport,
            follow_redirects=False,
            headers={"user-agent": f"KairanDesk/{__version__}", "accept": "application/json"},
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _rejected(self, response: httpx.Response) -> HubRejected:
        """The error for a 3xx/4xx other than 401/403; subclasses add what their API sends."""
        return HubRejected(response.status_code, _reason(response))

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        content_type: str = "",
        params: Mapping[str, str] | None = None,
    ) -> Any:
        import httpx  # loaded by __init__ already: this is a dictionary look-up

        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        if content_type:
            headers["content-type"] = content_type
        try:
            response = self._http.request(
                method,
                self.PATH_PREFIX + path,
                json=json_body,
                content=content,
                params=params,
                headers=headers,
            )
        except httpx.TimeoutException as exc:
            raise HubUnavailable(f"hub timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"hub unreachable ({type(exc).__name__})") from exc
        status = response.status_code
        if status >= 500:
            raise HubUnavailable(f"hub error {status}")
        if status in (401, 403):
            raise HubAuthError(f"hub refused {self.AUTH_REFUSED} ({status}): {_reason(response)}")
        if status >= 300:
            raise self._rejected(response)
        try:
            return response.json()
        except ValueError as exc:
            raise HubUnavailable("hub answered with something that is not JSON") from exc


class HubClient(HubHttpClient):
    """Talks to one hub. Use as a context manager, or call :meth:`close`."""

    def health(self) -> bool:
        """True when the hub and its database answer."""
        return bool(self._request("GET", "/health").get("status") == "ok")

    def enroll(self, code: str) -> Enrollment:
        """Exchange a one-time code for the association's token (also kept on this client)."""
        data = self._request("POST", "/enroll", json_body={"code": code})
        enrollment = Enrollment(
            association_id=str(data["association_id"]),
            token=str(data["token"]),
            name=str(data["name"]),
            school_district=str(data["school_district"]),
        )
        self.token = enrollment.token
        return enrollment

    def push(self, items: Sequence[SyncItem | Mapping[str, Any]]) -> list[SyncResult]:
        """Send items in order (split into several requests when large); results in the same order.

        Items are :class:`SyncItem` or mappings with ``key``, ``kind`` and ``payload``.

        When the hub refuses a whole request (400, 413, 422: it did not even look at the items
        one by one), the items are sent again one at a time, so the refusal lands on the item
        that caused it: that item comes back ``rejected`` with the hub's reason (an item over
        the body limit on its own, too) and the others go through.
        """
        results: list[SyncResult] = []
        for batch in batches([_as_item(i) for i in items]):
            try:
                results.extend(self._push_batch(batch))
            except HubRejected as exc:
                if exc.status not in ITEM_REFUSALS:
                    raise
                results.extend(self._push_one_by_one(batch, exc))
        return results

    def _push_batch(self, batch: Sequence[SyncItem]) -> list[SyncResult]:
        data = self._request("POST", "/sync", json_body={"items": [i.to_json() for i in batch]})
        return [SyncResult(str(e["key"]), e["status"], e.get("reason")) for e in data["results"]]

    def _push_one_by_one(self, batch: Sequence[SyncItem], refusal: HubRejected) -> list[SyncResult]:
        if len(batch) == 1:
            return [SyncResult(batch[0].key, "rejected", refusal.reason)]
        results: list[SyncResult] = []
        for item in batch:
            try:
                results.extend(self._push_batch([item]))
            except HubRejected as exc:
                if exc.status not in ITEM_REFUSALS:
                    raise
                results.append(SyncResult(item.key, "rejected", exc.reason))
        return results

    def confirmations(self, since: str | None = None) -> ConfirmationPage:
        """One page of confirmations after ``since`` (``None`` or ``""``: from the start)."""
        data = self._request("GET", "/confirmations", params={"since": since or ""})
        return ConfirmationPage(
            items=tuple(
                Confirmation(
                    circular_key=str(c["circular_key"]),
                    household_key=str(c["household_key"]),
                    confirmed_at=_utc(str(c["confirmed_at"])),
                    device=str(c["device"]),
                )
                for c in data["items"]
            ),
            cursor=str(data["cursor"]),
            has_more=bool(data.get("has_more", False)),
        )

    def answers(self, since: str | None = None) -> AnswerPage:
        """One page of answer changes after ``since`` (issue 21); ``since`` acknowledges the earlier ones.

        Pass a cursor only once the answers before it are stored: the hub deletes acknowledged
        answers after their deadline plus its retention period.
        """
        data = self._request("GET", "/answers", params={"since": since or ""})
        return AnswerPage(
            items=tuple(
                Answer(
                    circular_key=str(a["circular_key"]),
                    household_key=str(a["household_key"]),
                    answers=dict(a["answers"]),
                    answered_at=_utc(str(a["answered_at"])),
                    withdrawn=bool(a["withdrawn"]),
                )
                for a in data["items"]
            ),
            cursor=str(data["cursor"]),
            has_more=bool(data.get("has_more", False)),
        )

    def action_plan(self) -> CityPlan:
        """The newest plan the city published (JSON text or None) and the city-wide adopting 校下."""
        data = self._request("GET", "/action-plan")
        plan = data.get("plan")
        return CityPlan(
            plan_text=json.dumps(plan, ensure_ascii=False) if plan else None,
            adopting_school_districts=int(data.get("adopting_school_districts", 0)),
        )

    def safety(self, since: str | None = None) -> SafetyPage:
        """安否確認: recent rounds and one page of residents' answers after ``since``."""
        data = self._request("GET", "/safety", params={"since": since or ""})
        rounds = tuple(
            HubRound(
                key=str(r["round_key"]),
                kind=str(r["kind"]),
                message=str(r.get("message", "")),
                drill=bool(r.get("drill", False)),
                started_at=_utc(str(r["started_at"])),
                ended_at=_utc(str(r["ended_at"])) if r.get("ended_at") else None,
                origin=str(r.get("origin", "desktop")),
            )
            for r in data["rounds"]
        )
        answers = tuple(
            HubAnswer(
                id=0,
                round_key=str(a["round_key"]),
                household_key=str(a["household_key"]),
                status=str(a["status"]),
                note=str(a.get("note", "")),
                answered_at=_utc(str(a["answered_at"])),
            )
            for a in data["answers"]
        )
        return SafetyPage(rounds, answers, str(data["cursor"]), bool(data.get("has_more", False)))

    def all_confirmations(self, since: str | None = None) -> tuple[list[Confirmation], str]:
        """Every confirmation after ``since`` (following pages) and the final cursor."""
        collected: list[Confirmation] = []
        cursor = since or ""
        while True:
            page = self.confirmations(cursor)
            collected.extend(page.items)
            cursor = page.cursor
            if not page.has_more:
                return collected, cursor
