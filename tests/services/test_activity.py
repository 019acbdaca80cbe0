"""The activity log: services announce completed actions, listeners hear them."""

from __future__ import annotations

import pytest

from circular_app.app import ProfileServices
from circular_app.domain.activity import Activity
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import NotFoundError
from circular_app.services.activity import ActivityLog


def test_a_completed_action_is_announced(services: ProfileServices) -> None:
    """Publishing announces circular_published on the profile's log."""
    seen: list[Activity] = []
    services.activity.subscribe(seen.append)
    draft = services.circulars.new_draft(CircularDraft(title="お知らせ", body="本文です。"))
    services.circulars.publish(draft.id)
    assert seen == [Activity.DRAFT_SAVED, Activity.CIRCULAR_PUBLISHED]


def test_a_refused_action_is_not_announced(services: ProfileServices) -> None:
    """A publication that raised announces nothing."""
    seen: list[Activity] = []
    services.activity.subscribe(seen.append)
    with pytest.raises(NotFoundError):
        services.circulars.publish(999_999)
    assert seen == []


def test_unsubscribed_listener_hears_nothing() -> None:
    """The function subscribe returns stops the listener (twice is harmless)."""
    log = ActivityLog()
    seen: list[Activity] = []
    stop = log.subscribe(seen.append)
    stop()
    stop()
    log.emit(Activity.SYNC_COMPLETED)
    assert seen == []


def test_failing_listener_does_not_fail_the_action(caplog: pytest.LogCaptureFixture) -> None:
    """A listener that raises is logged; the others are still called."""
    log = ActivityLog()
    seen: list[Activity] = []

    def broken(_activity: Activity) -> None:
        raise RuntimeError("listener bug")

    log.subscribe(broken)
    log.subscribe(seen.append)
    log.emit(Activity.HUB_CONNECTED)
    assert seen == [Activity.HUB_CONNECTED]
    assert "listener failed" in caplog.text
