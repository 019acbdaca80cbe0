"""The open profile that services work on: its database and the logged-in officer."""

from __future__ import annotations

from dataclasses import dataclass

from circular_app.domain.accounts import Officer
from circular_app.domain.errors import PermissionDeniedError
from circular_app.storage.profiles import ProfileRef
from circular_app.storage.session import Engine, SessionFactory, session_factory


@dataclass
class ProfileContext:
    """An unlocked, migrated profile and who is using it. ``close()`` when done."""

    ref: ProfileRef
    engine: Engine
    sessions: SessionFactory
    officer: Officer
    data_key: bytes

    @classmethod
    def build(cls, ref: ProfileRef, engine: Engine, officer: Officer, data_key: bytes) -> ProfileContext:
        """Wrap ``engine`` with a session factory (objects stay usable after commit)."""
        return cls(ref, engine, session_factory(engine), officer, data_key)

    def require(self, allowed: bool, action: str) -> None:
        """Raise PermissionDeniedError naming ``action`` unless ``allowed``."""
        if not allowed:
            raise PermissionDeniedError("permission.denied", role=self.officer.role.value, action=action)

    def close(self) -> None:
        """Close every pooled connection (the WAL is checkpointed by SQLite on last close)."""
        self.engine.dispose()
