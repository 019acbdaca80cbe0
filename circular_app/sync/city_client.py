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
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from circular_app.sync.client import API, HubHttpClient, HubRejected, _reason

if TYPE_CHECKING:  # imported by HubHttpClient when a client is made
    import httpx

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


class CityClient(HubHttpClient):
    """Talks to one hub as a city staff member. Use as a context manager, or call :meth:`close`."""

    PATH_PREFIX = CITY
    DEFAULT_TIMEOUT = 20
    AUTH_REFUSED = "the city login"

    def _rejected(self, response: httpx.Response) -> CityRejected:
        # A refused CSV or plan file comes with the bad lines or the plan field; keep them.
        try:
            data = response.json()
        except ValueError:
            data = None
        path_field = str(data.get("path", "")) if isinstance(data, dict) else ""
        return CityRejected(response.status_code, _reason(response), _problems(data), path_field)

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
