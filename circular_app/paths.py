"""Every path the app uses, in one place.

Two roots: the *bundle root* holds read-only ``resources/`` and ``db/`` (the source checkout, or
PyInstaller's ``sys._MEIPASS`` when frozen); the *data directory* holds the user's profiles and
settings and is never inside the bundle, so upgrading the app never touches a profile.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "KairanDesk"
DATA_DIR_ENV = "KAIRAN_DATA_DIR"


def bundle_root() -> Path:
    """Folder that contains ``resources/`` and ``db/`` (works from source and when frozen)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """``KAIRAN_DATA_DIR`` if set, else the platform's per-user data directory."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))


@dataclass(frozen=True)
class AppPaths:
    """Resolved locations for one run of the app."""

    data_dir: Path
    bundle: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> AppPaths:
        """Paths for ``--data-dir`` (or the default) and the current bundle."""
        chosen = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(data_dir=chosen.resolve(), bundle=bundle_root())

    @property
    def resources(self) -> Path:
        """Read-only resources shipped with the app."""
        return self.bundle / "resources"

    @property
    def migrations(self) -> Path:
        """Alembic script directory of the desktop schema."""
        return self.bundle / "db"

    @property
    def fonts(self) -> Path:
        """Bundled fonts (BIZ UDPGothic and its licence)."""
        return self.resources / "fonts"

    @property
    def translations(self) -> Path:
        """Compiled Qt translations (``.qm``)."""
        return self.resources / "i18n"

    @property
    def profiles(self) -> Path:
        """One sub-folder per association profile."""
        return self.data_dir / "profiles"

    @property
    def settings_file(self) -> Path:
        """Machine-wide settings (language, text size, last profile)."""
        return self.data_dir / "settings.json"

    def ensure(self) -> None:
        """Create the data folders with private permissions (0700 on POSIX)."""
        for folder in (self.data_dir, self.profiles):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
