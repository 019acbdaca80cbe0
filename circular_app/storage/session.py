"""The database handles services hold, named here so that services never import SQLAlchemy.

Services open one transaction per user action (``with sessions.begin() as session``) and pass
the session to repository functions; only storage modules look inside it.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Engine", "Session", "SessionFactory", "open_session", "session_factory"]

SessionFactory = sessionmaker[Session]


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions on ``engine`` whose objects stay usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def open_session(engine: Engine) -> Session:
    """One session straight on ``engine`` (before a ProfileContext exists)."""
    return Session(engine)
