"""Connecting a practice profile to the built-in practice hub (one user action).

The hub itself is started by the composition root (:mod:`circular_app.practice_hub`) and handed
to :func:`connect` as a :class:`PracticeHubPort`: services never import the hub.
"""

from __future__ import annotations

from typing import Protocol

from circular_app.domain.errors import UserError, ValidationError
from circular_app.secrets import SecretStore
from circular_app.services.context import ProfileContext
from circular_app.services.sync import TOKEN_SECRET, SyncService
from circular_app.storage import outbox_repo


class PracticeHubError(UserError):
    """The practice hub could not be started (the reason is in the message)."""


class PracticeHubPort(Protocol):
    """What connecting needs of a practice hub: its address and a way to enrol an association."""

    def start(self) -> str:
        """Start serving (or keep serving); the hub's base URL."""
        ...

    def enrollment_code(self, name: str, school_district: str) -> str:
        """A new enrollment code for the association ``name`` (the hub must be started)."""
        ...


def connect(context: ProfileContext, sync: SyncService, hub: PracticeHubPort) -> bool:
    """Register the practice association on ``hub`` and connect the profile to it.

    Returns False when the profile is connected to this hub already. A connection to
    another address (a pack made on another PC, or a port that was taken) is forgotten
    first: practice data is fictional, and the new hub gets everything again.
    """
    if context.ref.kind != "practice":
        raise ValidationError("ハブ", "practice_hub.practice_only")
    url = hub.start()
    with context.sessions() as session:
        current = outbox_repo.hub_connection(session)
        connected_to = current.base_url if current is not None else None
    if connected_to == url:
        return False
    if connected_to is not None:
        _forget_connection(context)
    sync.connect(url, hub.enrollment_code(context.ref.name, context.ref.school_district))
    return True


def _forget_connection(context: ProfileContext) -> None:
    """Drop the hub connection, its token, the outbox and the reader tokens of the profile."""
    SecretStore(context.ref.id).delete(TOKEN_SECRET)
    with context.sessions.begin() as session:
        outbox_repo.forget_connection(session, TOKEN_SECRET)
