"""Settings of one hub process: each declared once, with its default.

``hub serve`` builds them from its options; ``app_from_env`` (multi-worker uvicorn) from
``KAIRAN_HUB_*`` environment variables, so every worker process gets the same values.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from circular_app.paths import bundle_root

DATA_DIR_ENV = "KAIRAN_DATA_DIR"  # the desktop's variable: the hub's folder is a sub-folder
HUB_DB_ENV = "KAIRAN_HUB_DB"
HUB_DATA_DIR_ENV = "KAIRAN_HUB_DATA_DIR"
HUB_LOG_LEVEL_ENV = "KAIRAN_HUB_LOG_LEVEL"
HUB_TRUSTED_PROXIES_ENV = "KAIRAN_HUB_TRUSTED_PROXIES"  # comma-separated addresses or networks
HUB_ANSWER_RETENTION_ENV = "KAIRAN_HUB_ANSWER_RETENTION_DAYS"
HUB_DB_FILENAME = "hub.db"
MB = 1024 * 1024


def default_data_dir() -> Path:
    """``KAIRAN_HUB_DATA_DIR``; else ``hub/`` inside the desktop's data folder."""
    override = os.environ.get(HUB_DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    desktop = os.environ.get(DATA_DIR_ENV)
    base = (
        Path(desktop).expanduser()
        if desktop
        else Path(platformdirs.user_data_dir("KairanDesk", appauthor=False, roaming=True))
    )
    return base / "hub"


def sqlite_url(data_dir: Path) -> str:
    """The default database: ``hub.db`` in the data folder."""
    return f"sqlite:///{(data_dir / HUB_DB_FILENAME).resolve()}"


def parse_trusted_proxies(text: str) -> tuple[str, ...]:
    """``"10.0.0.1, 10.1.0.0/16"`` → normalised entries; ``ValueError`` names a bad one."""
    entries = []
    for raw in text.split(","):
        if raw.strip():
            entries.append(str(ipaddress.ip_network(raw.strip(), strict=False)))
    return tuple(entries)


@dataclass(frozen=True)
class HubSettings:
    """Everything a hub process needs to know; tests build one per server."""

    db_url: str
    # Request bodies: the sync endpoint carries attachments; everything else is tiny.
    max_sync_bytes: int = 10 * MB
    max_body_bytes: int = 64 * 1024
    # The city's registry CSV (1,346 associations ≈ 60 KB) and action-plan file (≤ 2 MB).
    max_import_bytes: int = 2 * MB
    # Token guessing: this many failures (unknown reader link → 404, bad code or bearer
    # token → 401) from one client address within the window, then 429 until it slides by.
    guess_limit: int = 30
    guess_window_seconds: float = 60.0
    # Failures from all addresses together within the same window (a guesser with many addresses).
    global_guess_limit: int = 600
    # The limits are counted in the database: hubs on one database with the same namespace
    # (every worker and host of one deployment) share them.
    limit_namespace: str = "hub"
    # Reverse proxies whose X-Forwarded-For names the client (addresses or networks); none by
    # default, so nobody can pick the address the rate limit counts.
    trusted_proxies: tuple[str, ...] = ()
    # See Exchange: confirmations younger than this wait for the next fetch (PostgreSQL).
    confirmation_settle_seconds: float = 2.0
    # Answers (issue 21) the desktop has fetched are deleted this many days after their deadline.
    answer_retention_days: int = 30
    pool_size: int = 20  # anyio runs up to 40 threads: 20 kept + 20 overflow (PostgreSQL)
    resources: Path = field(default_factory=lambda: bundle_root() / "resources")

    @classmethod
    def for_data_dir(cls, data_dir: Path | None = None, db_url: str | None = None) -> HubSettings:
        """SQLite in ``data_dir`` (default folder if ``None``) unless ``db_url`` is given."""
        return cls(db_url=db_url or sqlite_url(data_dir or default_data_dir()))

    @classmethod
    def from_env(cls) -> HubSettings:
        """``KAIRAN_HUB_DB`` (URL) or the SQLite file of ``KAIRAN_HUB_DATA_DIR``; proxies too."""
        base = cls.for_data_dir(None, os.environ.get(HUB_DB_ENV) or None)
        proxies = parse_trusted_proxies(os.environ.get(HUB_TRUSTED_PROXIES_ENV, ""))
        base = replace(base, trusted_proxies=proxies)
        retention = os.environ.get(HUB_ANSWER_RETENTION_ENV, "").strip()
        return replace(base, answer_retention_days=int(retention)) if retention else base
