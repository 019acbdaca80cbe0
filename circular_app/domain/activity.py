"""The named things the app does that a guided exercise may wait for (its ``done_when`` events).

Services announce theirs with :func:`circular_app.services.activity.emits`; the ui layer
announces what only the screen knows (an editor opened, a 班 chosen …) through
:class:`circular_app.ui.trainer.events.ExerciseEvents`. Every member must have an emit site:
``tests/ui/trainer/test_events.py`` checks that, and that every exercise names only emitted
events, so renaming or dropping an emit cannot leave an exercise that never finishes.
"""

from __future__ import annotations

from enum import StrEnum


class Activity(StrEnum):
    """An event of the exercise vocabulary; the value is the name exercise files use."""

    EDITOR_OPENED = "editor_opened"
    DRAFT_SAVED = "draft_saved"
    CIRCULAR_PUBLISHED = "circular_published"
    CIRCULAR_CORRECTED = "circular_corrected"
    CIRCULAR_CLOSED = "circular_closed"
    READ_RECORDED = "read_recorded"
    REMINDER_PRINTED = "reminder_printed"
    MATRIX_EXPORTED = "matrix_exported"
    PDF_EXPORTED = "pdf_exported"
    HOUSEHOLD_ADDED = "household_added"
    ROSTER_IMPORTED = "roster_imported"
    HAN_SELECTED = "han_selected"
    DASHBOARD_ITEM_OPENED = "dashboard_item_opened"
    HUB_CONNECTED = "hub_connected"
    SYNC_COMPLETED = "sync_completed"


#: The prefix of the page events, ``tab_opened:<page objectName>`` (emitted by the ui layer).
TAB_OPENED = "tab_opened:"
