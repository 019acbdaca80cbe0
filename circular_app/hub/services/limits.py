"""The token-guess limit, shared by every worker and host through the hub's database.

Failures (an unknown reader or board link, a bad code or bearer token, a malformed body) are
counted per client address and over all addresses in fixed windows of
``guess_window_seconds``; a limit looks at the current window plus the previous one, so no
window-long span ever allows more than the limit (a boundary is no reset). Once either total
passes its limit, failed answers become 429 until the window ends; valid links and tokens are
still served. Before issue 24 each worker counted
in its own memory, so N workers gave a guesser N times the budget.

Addresses are stored as a truncated SHA-256 (never the address itself), under a namespace:
hubs sharing a database and a namespace share their limits (tests give each server its own).
Hosts need synchronised clocks (NTP), as they need for anything else.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable

from circular_app.hub.logs import LOGGER_NAME, log_event
from circular_app.hub.storage import limits_repo
from circular_app.hub.storage.database import Sessions
from circular_app.hub.storage.session import SQLAlchemyError

log = logging.getLogger(f"{LOGGER_NAME}.limits")

EVERYONE = "*"


def address_key(namespace: str, address: str) -> str:
    """The counter's key of ``address`` (a hash: no address is stored)."""
    digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{namespace[:64]}:guess:{digest}"


class SharedGuessLimits:
    """Counts failures in ``rate_counter``; says how long to wait once a limit is passed."""

    def __init__(
        self,
        sessions: Sessions,
        limit: int,
        global_limit: int | None,
        window_seconds: float,
        namespace: str = "hub",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._sessions = sessions
        self._limit = limit
        self._global_limit = global_limit
        self._window = max(1, int(window_seconds))
        self._namespace = namespace
        self._clock = clock

    def failed(self, address: str) -> int | None:
        """Count one failure of ``address``: seconds to wait when over a limit, else ``None``.

        Blocking (one short write transaction): the middleware calls it from a thread, and only
        for failed answers, so valid taps never touch the table. When the database cannot be
        written the failure is not counted (the answer is a failure anyway) and it is logged.
        """
        now = self._clock()
        start = int(now // self._window) * self._window
        try:
            with self._sessions.write.begin() as session:
                keys = self._keys(address)
                totals = limits_repo.count(session, keys, start, self._window)
                earlier = limits_repo.current(session, keys, start - self._window)
                totals = [now_total + before for now_total, before in zip(totals, earlier, strict=True)]
        except SQLAlchemyError as exc:
            log_event(log, "limit_not_counted", logging.WARNING, error=type(exc).__name__)
            return None
        return self._wait(totals, start, now, over=1)

    def retry_after(self, address: str) -> int | None:
        """Seconds to wait when ``address`` has used its failures in this window, else ``None``.

        Counts nothing: for routes that must refuse even a right answer once the budget is
        spent (the 会長用リンク's PIN). When the database cannot be read, nothing is refused.
        """
        now = self._clock()
        start = int(now // self._window) * self._window
        try:
            with self._sessions.read() as session:
                keys = self._keys(address)
                totals = [
                    now_total + before
                    for now_total, before in zip(
                        limits_repo.current(session, keys, start),
                        limits_repo.current(session, keys, start - self._window),
                        strict=True,
                    )
                ]
        except SQLAlchemyError as exc:
            log_event(log, "limit_not_read", logging.WARNING, error=type(exc).__name__)
            return None
        return self._wait(totals, start, now, over=0)

    def _keys(self, address: str) -> tuple[str, ...]:
        own = address_key(self._namespace, address)
        if self._global_limit is None:
            return (own,)
        return (own, f"{self._namespace[:64]}:guess:{EVERYONE}")

    def _wait(self, totals: list[int], start: int, now: float, over: int) -> int | None:
        # ``over`` 1: the failure just counted may still be within the limit; 0: the limit is used up.
        limits = [self._limit] if self._global_limit is None else [self._limit, self._global_limit]
        if any(total >= limit + over for total, limit in zip(totals, limits, strict=True)):
            return max(1, math.ceil(start + self._window - now))
        return None
