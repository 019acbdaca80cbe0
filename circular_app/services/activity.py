"""The activity log: services announce what a user did, listeners (the trainer guide) hear it.

A service method that completes a user action is marked with :func:`emits`; after the method
returned (its transaction committed) the service's :class:`ActivityLog` calls every listener
with the :class:`~circular_app.domain.activity.Activity`. A method that raised announces
nothing. The composition root gives all services of one profile the same log
(:attr:`ProfileServices.activity <circular_app.app.ProfileServices.activity>`).

Listeners are called on the thread that ran the method (a worker thread for background calls):
a Qt listener must hand the event over to its own thread itself (a queued signal does).
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from circular_app.domain.activity import Activity

log = logging.getLogger(__name__)

Listener = Callable[[Activity], None]


class ActivityLog:
    """Listeners of one profile's services; :meth:`emit` calls each of them."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every activity from now on; returns the way to stop (idempotent)."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, activity: Activity) -> None:
        """Tell every listener; a failing listener is logged and never fails the user's action."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(activity)
            except Exception:  # a listener's bug must not undo a committed action
                log.exception("activity listener failed on %s", activity)


class HasActivity(Protocol):
    """A service with an activity log."""

    @property
    def activity(self) -> ActivityLog:
        """Where the service announces what it did."""
        ...


P = ParamSpec("P")
S = TypeVar("S", bound=HasActivity)
R = TypeVar("R")


def emits(
    activity: Activity,
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Decorator: the method announces ``activity`` on its service's log after it returned."""

    def decorate(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(method)
        def announcing(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            result = method(self, *args, **kwargs)
            self.activity.emit(activity)
            return result

        return announcing

    return decorate
