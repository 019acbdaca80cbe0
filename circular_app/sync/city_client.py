"""``CityClient``: the city staff's HTTP client for the hub's ``/api/v1/city`` (docs/kpi.md).

City staff log in with a name and password and get a session token (12 hours on the hub);
every other call sends it as a bearer token. The answers are figures only: the KPI per 校下,
one 校下's associations, what a registry import changed. Errors are the hub client's
(:class:`HubUnavailable`, :class:`HubAuthError`, :class:`HubRejected`); a refused CSV or plan
file raises :class:`CityRejected`, which also carries the hub's list of problems.

No token or password is ever put into an exception message or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx

from circular_app import __version__
from circular_app.sync.client import API, HubAuthError, HubRejected, HubUnavailable, _reason

CITY = API + "/city"


@dataclass(frozen=True)
class CsvLineProblem:
    """One bad line of a refused registry CSV, as the hub names it."""

    line: int
    column: str
    reason: str


class CityRejected(HubRejected):  # a HubRejected with details, named like it
    """A refused registry CSV or plan file: ``problems`` lists the bad lines (CSV), ``path`` the plan field."""

    def __init__(
        self, status: int, reason: str, problems: tuple[CsvLineProblem, ...] = (), path: str = ""
    ) -> None:
        super().__init__(status, reason)
        self.problems = problems
        self.path = path


def _problems(data: Any) -> tuple[CsvLineProblem, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("problems"), list):
        return ()
    return tuple(
        CsvLineProblem(int(p.get("line", 0)), str(p.get("column", "")), str(p.get("reason", "")))
        for p in data["problems"]
        if isinstance(p, dict)
    )


class CityClient:
    """Talks to one hub as a city staff member. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: float = 20,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
            headers={"user-agent": f"KairanDesk/{__version__}", "accept": "application/json"},
        )

    def __enter__(self) -> CityClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        content_type: str = "",
        params: dict[str, str] | None = None,
    ) -> Any:
        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        if content_type:
            headers["content-type"] = content_type
        try:
            response = self._http.request(
                method, CITY + path, json=json_body, content=content, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise HubUnavailable(f"hub timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"hub unreachable ({type(exc).__name__})") from exc
        status = response.status_code
        if status >= 500:
            raise HubUnavailable(f"hub error {status}")
        if status in (401, 403):
            raise HubAuthError(f"hub refused the city login ({status}): {_reason(response)}")
        if status >= 300:
            try:
                data = response.json()
            except ValueError:
                data = None
            path_field = str(data.get("path", "")) if isinstance(data, dict) else ""
            raise CityRejected(status, _reason(response), _problems(data), path_field)
        try:
            return response.json()
        except ValueError as exc:
            raise HubUnavailable("hub answered with something that is not JSON") from exc

    def login(self, username: str, password: str) -> str:
        """A session token for a city staff name and password (also kept on this client)."""
        data = self._request("POST", "/login", json_body={"username": username, "password": password})
        self.token = str(data["token"])
        return self.token

    def kpi(self, fiscal_year: int | None = None) -> dict[str, Any]:
        """The KPI per 校下 of ``fiscal_year`` (default: the hub's current one)."""
        params = {"fiscal_year": str(fiscal_year)} if fiscal_year is not None else None
        data: dict[str, Any] = self._request("GET", "/kpi", params=params)
        return data

    def school_district(self, name: str, fiscal_year: int | None = None) -> dict[str, Any]:
        """One 校下's associations with their figures."""
        params = {"fiscal_year": str(fiscal_year)} if fiscal_year is not None else None
        data: dict[str, Any] = self._request(
            "GET", f"/school-districts/{quote(name, safe='')}", params=params
        )
        return data

    def import_registry(self, csv_bytes: bytes) -> dict[str, Any]:
        """Add 校下 and associations from a ``校下,町会名`` CSV (all or nothing)."""
        data: dict[str, Any] = self._request(
            "POST", "/registry/import", content=csv_bytes, content_type="text/csv"
        )
        return data

    def publish_action_plan(self, json_text: str) -> dict[str, Any]:
        """Publish a newer edition of the action-plan file, sent exactly as written."""
        data: dict[str, Any] = self._request(
            "PUT", "/action-plan", content=json_text.encode("utf-8"), content_type="application/json"
        )
        return data
