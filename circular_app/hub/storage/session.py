"""The SQLAlchemy names hub services, web and cli may use, re-exported from hub storage.

Only hub/storage (and the migrations) import sqlalchemy; the layers above open sessions through
:class:`~circular_app.hub.storage.database.Sessions`, annotate them as :class:`Session` and catch
the database errors below, all without importing the library themselves.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

__all__ = ["IntegrityError", "OperationalError", "SQLAlchemyError", "Session"]
