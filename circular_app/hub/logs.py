"""Structured logs: one JSON object per line, never a token, a key or circular content.

Request lines carry the route *template* (``/r/{token}/c/{circular_key}``), never the path,
and no client address. Errors log the exception type; a traceback only at DEBUG level.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

LOGGER_NAME = "circular_app.hub"
_RESERVED = set(vars(logging.makeLogRecord({})))


class JsonLinesFormatter(logging.Formatter):
    """``{"ts": …, "level": …, "logger": …, "event": …, …extra fields}``."""

    def format(self, record: logging.LogRecord) -> str:
        """One JSON line; extra fields given with ``extra={"fields": {...}}``."""
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.levelno <= logging.DEBUG:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send the hub's logs to stderr as JSON lines (idempotent).

    Only for the hub's own process (``hub serve`` and its workers): it also turns off what
    every log record would otherwise collect and the JSON lines never show, as the logging
    HOWTO's "Optimization" section describes — the caller's file and line (a stack walk per
    record), thread, process and multiprocessing names. With a log line per request that was
    a noticeable part of a 「読みました」 tap's time on the event loop (docs/scaling.md).
    """
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level.upper())
    if not any(isinstance(h.formatter, JsonLinesFormatter) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLinesFormatter())
        logger.addHandler(handler)
    logger.propagate = False


def log_event(logger: logging.Logger, event: str, level: int = logging.INFO, **fields: object) -> None:
    """Log ``event`` with structured fields."""
    if logger.isEnabledFor(level):
        logger.log(level, event, extra={"fields": fields})
