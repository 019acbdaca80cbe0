"""Where save dialogs start: a remembered folder, else one under the user's Documents.

Officers look for what they printed in their documents folder, never in the program's own
folder (where a file dialog opens when given no folder). The folder of the last file saved
is remembered in a setting, so the next dialog opens where the officer left off.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from circular_app.settings import Setting, Settings

APP_FOLDER = "回覧デスク"


def documents_folder(*parts: str) -> Path:
    """``<Documents>/回覧デスク/<parts>``, created if missing (the home folder when there is no Documents)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents or Path.home()).joinpath(APP_FOLDER, *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_folder(settings: Settings | None, setting: Setting[str], *default_parts: str) -> Path:
    """The remembered folder if it still exists, else :func:`documents_folder` of ``default_parts``."""
    remembered = settings.get(setting) if settings is not None else ""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder(*default_parts)


def remember_folder(settings: Settings | None, setting: Setting[str], saved: Path) -> None:
    """Remember the folder ``saved`` was written to, for the next dialog."""
    if settings is not None:
        settings.set(setting, str(saved.parent))
