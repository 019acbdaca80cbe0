"""The open profile that services work on: its database and the logged-in officer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from circular_app.domain.accounts import Officer
from circular_app.domain.errors import PermissionDeniedError
from circular_app.storage.profiles import ProfileRef
from circular_app.storage.session import Engine, SessionFactory, session_factory

if TYPE_CHECKING:
    from circular_app.storage.database import IntegrityCheck


@dataclass
class ProfileContext:
    """An unlocked, migrated profile and who is using it. ``close()`` when done."""

    ref: ProfileRef
    engine: Engine
    sessions: SessionFactory
    officer: Officer
    data_key: bytes
    #: The integrity check still running after a GUI log-in (commits wait for it), else None.
    integrity: IntegrityCheck | None = None

    @classmethod
    def build(
        cls,
        ref: ProfileRef,
        engine: Engine,
        officer: Officer,
        data_key: bytes,
        integrity: IntegrityCheck | None = None,
    ) -> ProfileContext:
        """Wrap ``engine`` with a session factory (objects stay usable after commit)."""
        return cls(ref, engine, session_factory(engine), officer, data_key, integrity)

    def require(self, allowed: bool, action: str) -> None:
        """Raise PermissionDeniedError naming ``action`` unless ``allowed``."""
        if not allowed:
            raise PermissionDeniedError("permission.denied", role=self.officer.role.value, action=action)

    def close(self) -> None:
        """Close every pooled connection (the WAL is checkpointed by SQLite on last close)."""
        if self.integrity is not None:
            self.integrity.join()  # with the log-in's audit row written after it
        self.engine.dispose()
