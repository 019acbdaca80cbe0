"""安否確認 and the hub (issue 22): answers from phones, rounds started on a 会長用リンク.

- :func:`fetch_safety` runs inside each sync round (:meth:`SyncService.run_once`): rounds
  started on a 会長用リンク become rounds here, residents' answers on the reader page become
  ``digital`` (スマホ) answers at the time they were given (the latest per household counts,
  as for every other answer). A page and its cursor are applied in one transaction.
- :class:`ChairLinkService` issues and revokes 会長用リンク (管理者 only) and prints the wallet
  card. The link's token and PIN are shown once; this PC keeps neither, the hub only hashes.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.safety_hub import new_pin, new_salt, pin_hash
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, safety_hub_repo, safety_repo
from circular_app.storage.hub_outbox import token_hash
from circular_app.storage.outbox_repo import hub_connection
from circular_app.support.files import make_private
from circular_app.sync.client import HubClient, HubRejected

log = logging.getLogger(__name__)

MAX_OFFICER_LENGTH = 50


@dataclass(frozen=True)
class SafetyFetch:
    """What one fetch did."""

    answers: int = 0
    started: tuple[int, ...] = ()
    open_round: bool = False


def fetch_safety(context: ProfileContext, client: HubClient) -> SafetyFetch:
    """Fetch rounds and answers from the hub and record them (a hub without 安否確認: nothing)."""
    with context.sessions() as session:
        cursor = safety_hub_repo.cursor(session)
    answers = 0
    started: list[int] = []
    while True:
        try:
            page = client.safety(str(cursor))
        except HubRejected as exc:
            if exc.status == 404:  # a hub from before 安否確認
                log.info("this hub has no 安否確認")
                break
            raise
        with context.sessions.begin() as session:
            recorded, new_rounds = safety_hub_repo.apply_page(session, page)
            if recorded or new_rounds:
                audit_repo.append(
                    session,
                    context.officer.username,
                    "safety_hub_fetch",
                    "safety",
                    {"answers": recorded, "rounds_started_on_hub": len(new_rounds)},
                )
        answers += recorded
        started.extend(new_rounds)
        cursor = int(page.cursor or 0)
        if not page.has_more:
            break
    with context.sessions() as session:
        is_open = safety_repo.open_round(session) is not None
    return SafetyFetch(answers, tuple(started), is_open)


@dataclass(frozen=True)
class IssuedChairLink:
    """A new 会長用リンク: ``url`` and ``pin`` are shown once and kept nowhere on this PC."""

    key: str
    officer: str
    url: str = field(repr=False)
    pin: str = field(repr=False)


@dataclass(frozen=True)
class ChairLinkInfo:
    """An issued link as listed (no token, no PIN)."""

    key: str
    officer: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None


class ChairLinkService:
    """会長用リンク of the open profile (管理者 only)."""

    def __init__(self, context: ProfileContext, font_dir: Path) -> None:
        self._ctx = context
        self._font_dir = font_dir

    @property
    def may_manage(self) -> bool:
        """True when the officer logged in may issue, revoke and list links (the 管理者)."""
        return self._ctx.officer.can_manage_accounts

    def hub_ready(self) -> bool:
        """True when a hub is connected over the network (links need one; file-only enrollment does not do)."""
        with self._ctx.sessions() as session:
            conn = hub_connection(session)
            return conn is not None and not conn.offline

    def _require_admin(self, action: str) -> None:
        self._ctx.require(self._ctx.officer.can_manage_accounts, action)

    @staticmethod
    def _officer_name(officer: str) -> str:
        name = " ".join(officer.split())
        if not name:
            raise ValidationError("役員", "field.empty")
        if len(name) > MAX_OFFICER_LENGTH:
            raise ValidationError("役員", "field.too_long", count=MAX_OFFICER_LENGTH)
        return name

    def issue(self, officer: str) -> IssuedChairLink:
        """Issue a link with a PIN for ``officer`` (sent to the hub with the next sync)."""
        self._require_admin("会長用リンクの発行")
        name = self._officer_name(officer)
        with self._ctx.sessions.begin() as session:
            conn = hub_connection(session)
            if conn is None or conn.offline:
                raise NotFoundError("hub.not_connected")
            token = secrets.token_urlsafe(16)  # 128 bits, like reader links
            pin = new_pin()
            salt = new_salt()
            key = f"chair-{uuid.uuid4().hex}"
            payload: dict[str, object] = {
                "link_key": key,
                "token_hash": token_hash(token),
                "pin_salt": salt,
                "pin_hash": pin_hash(pin, salt),
                "revoked": False,
            }
            safety_hub_repo.add_chair_link(session, key, name, self._ctx.officer.username, payload)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "chair_link_issue",
                f"chair_link:{key}",
                {"officer": name},
            )
            return IssuedChairLink(key, name, f"{conn.base_url.rstrip('/')}/chair/{token}", pin)

    def revoke(self, officer: str) -> list[str]:
        """Revoke every live link of ``officer`` (the hub refuses them after the next sync)."""
        self._require_admin("会長用リンクの取り消し")
        name = self._officer_name(officer)
        with self._ctx.sessions.begin() as session:
            keys = safety_hub_repo.revoke_chair_links(session, name, self._ctx.officer.username)
            if not keys:
                raise NotFoundError("safety.chair_link_none", officer=name)
            for key in keys:
                audit_repo.append(
                    session,
                    self._ctx.officer.username,
                    "chair_link_revoke",
                    f"chair_link:{key}",
                    {"officer": name},
                )
            return keys

    def links(self) -> list[ChairLinkInfo]:
        """Every issued link, newest first."""
        self._require_admin("会長用リンクの一覧")
        with self._ctx.sessions() as session:
            return [ChairLinkInfo(*row) for row in safety_hub_repo.chair_links(session)]

    def write_card(self, path: Path, issued: IssuedChairLink) -> Path:
        """The wallet card PDF (QR code of the link; the PIN is not printed)."""
        from circular_app.pdf.chair_card import ChairCard, render_chair_card  # reportlab on first use

        self._require_admin("会長用リンクのカード印刷")
        path.parent.mkdir(parents=True, exist_ok=True)
        render_chair_card(path, ChairCard(self._ctx.ref.name, issued.officer, issued.url), self._font_dir)
        make_private(path)
        return path
