"""The hub connection and the items waiting in the sync outbox, as services see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class HubConnection:
    """This profile's hub enrollment and the state of its last sync round."""

    base_url: str
    offline: bool  # enrolled for signed USB report files only: nothing goes over the network
    association_id: str
    last_error: str  # "" after a good round; "offline:…" when the hub could not be reached
    last_synced_at: dt.datetime | None
    confirmations_cursor: str


@dataclass(frozen=True)
class OutboxItem:
    """One change waiting to be sent; ``payload`` is the decoded JSON."""

    id: int
    key: str
    kind: str
    payload: dict[str, object]


@dataclass(frozen=True)
class QuarantinedItem:
    """An item the hub refused, set aside until the officer retries or drops it."""

    id: int
    kind: str
    reason: str  # the hub's words, as it gave them
    created_at: dt.datetime
