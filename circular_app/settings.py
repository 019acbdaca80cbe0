"""Application settings: each one declared once, with its type, default and allowed values.

Stored as JSON in the data directory (``settings.json``). Unknown keys are kept, so an older
build does not drop a newer build's settings; a bad value falls back to the default with a
warning rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from circular_app.support.files import atomic_write_text

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting."""

    key: str
    type: type[T]
    default: T
    choices: tuple[T, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    doc: str = ""

    def coerce(self, value: Any) -> T:
        """Return ``value`` if valid for this setting, else raise ValueError."""
        if self.type is bool and not isinstance(value, bool):
            raise ValueError(f"{self.key}: not a boolean")
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise ValueError(f"{self.key}: expected {self.type.__name__}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"{self.key}: {value!r} not in {self.choices}")
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            raise ValueError(f"{self.key}: below {self.minimum}")
        if self.maximum is not None and isinstance(value, int) and value > self.maximum:
            raise ValueError(f"{self.key}: above {self.maximum}")
        return value


LANGUAGE = Setting("language", str, "ja", choices=("ja", "en"), doc="UI language")
TEXT_SCALE = Setting(
    "text_scale",
    int,
    100,
    minimum=100,
    maximum=200,
    doc="Text size in percent for the whole window (elderly officers)",
)
HIGH_CONTRAST = Setting("high_contrast", bool, False, doc="High-contrast colour theme")
LAST_PROFILE = Setting("last_profile", str, "", doc="Id of the profile opened last")
IDLE_LOCK_MINUTES = Setting(
    "idle_lock_minutes",
    int,
    10,
    minimum=1,
    maximum=240,
    doc="Lock the window after this many idle minutes",
)
STUCK_BOARD_DAYS = Setting(
    "stuck_board_days",
    int,
    3,  # the same as circular_app.domain.reads.STUCK_BOARD_DAYS (config may not import the domain)
    minimum=1,
    maximum=30,
    doc="Days without a stamp after which a 班's board is reported as stuck",
)
BACKUPS_KEEP = Setting("backups_keep", int, 10, minimum=1, maximum=100, doc="Rotating backups kept")
SIDEBAR_COLLAPSED_FOR: Setting[list[str]] = Setting(
    "sidebar_collapsed_for", list, [], doc="'<profile id>/<user>' keys of officers who collapsed the sidebar"
)
FILE_FOLDERS: Setting[dict[str, str]] = Setting(
    "file_folders", dict, {}, doc="Folder each kind of file dialog starts in (the last one used)"
)
SIDEBAR_EXPANDED_FOR: Setting[list[str]] = Setting(
    "sidebar_expanded_for",
    list,
    [],
    doc="'<profile id>/<user>' keys of officers who opened the sidebar (班長 start with it collapsed)",
)
TEXT_SCALE_FOR: Setting[dict[str, int]] = Setting(
    "text_scale_for", dict, {}, doc="Text size in percent per officer, keyed '<profile id>/<user>'"
)
# The sizes offered on the login screen (the settings dialog allows any step in between).
TEXT_SCALE_CHOICES = (100, 125, 150, 200)

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    LANGUAGE,
    TEXT_SCALE,
    HIGH_CONTRAST,
    LAST_PROFILE,
    SIDEBAR_COLLAPSED_FOR,
    SIDEBAR_EXPANDED_FOR,
    TEXT_SCALE_FOR,
    IDLE_LOCK_MINUTES,
    BACKUPS_KEEP,
    STUCK_BOARD_DAYS,
    FILE_FOLDERS,
)


class Settings:
    """The settings file of one data directory."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (ValueError, UnicodeDecodeError):
            log.warning("settings file %s is damaged; using defaults", self._path)
            return
        if isinstance(raw, dict):
            self._values = raw

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when missing or invalid."""
        if setting.key not in self._values:
            return setting.default
        try:
            return setting.coerce(self._values[setting.key])
        except ValueError:
            log.warning("setting %s has an invalid value; using the default", setting.key)
            return setting.default

    def officer_text_scale(self, officer_key: str) -> int:
        """The text size an officer chose last (``'<profile id>/<user>'``); else the global one."""
        scale = self.get(TEXT_SCALE_FOR).get(officer_key)
        try:
            return TEXT_SCALE.coerce(scale) if scale is not None else self.get(TEXT_SCALE)
        except ValueError:
            log.warning("setting %s has an invalid value; using the default", TEXT_SCALE_FOR.key)
            return self.get(TEXT_SCALE)

    def set_officer_text_scale(self, officer_key: str, scale: int) -> None:
        """Remember an officer's text size; it also becomes the size of the next login screen."""
        stored: dict[str, int] = self.get(TEXT_SCALE_FOR)
        scales = {**stored}
        scales[officer_key] = TEXT_SCALE.coerce(scale)
        self.set(TEXT_SCALE_FOR, scales)
        self.set(TEXT_SCALE, scale)

    def set(self, setting: Setting[T], value: T) -> None:
        """Validate, store and save at once."""
        self._values[setting.key] = setting.coerce(value)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self._path, json.dumps(self._values, ensure_ascii=False, indent=2))
