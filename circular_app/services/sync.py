"""Connecting to a hub and running sync rounds: send the outbox, fetch confirmations.

One round (``run_once``) sends waiting items in order with their idempotency keys (the hub
applies each key at most once), then fetches digital confirmations since the last cursor and
records them as digital reads, a page at a time in one transaction together with the cursor
(a killed round applies a page wholly or not at all); answers given on the reader page
(issue 21) are fetched the same way and recorded as スマホ answers. Before sending, a round queues the
association's adoption report when one is due (:meth:`AdoptionService.queue_due`: the current
month's counts at most daily, a month's final counts once after it ended). Network failures back off exponentially
with jitter per item; an item the hub refuses is quarantined with the hub's reason (the rest
keeps flowing) until the officer retries or drops it. The state shown to the officer is one of
同期済み / 送信待ち N 件 / オフライン / エラー, plus the number of items the hub refused.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from circular_app.domain.activity import Activity
from circular_app.domain.errors import ConflictError, NotFoundError, ValidationError
from circular_app.domain.outbox import HubConnection, QuarantinedItem
from circular_app.domain.reads import Channel, ReadEntry, is_targeted
from circular_app.domain.wire import Confirmation
from circular_app.secrets import SecretStore
from circular_app.services.activity import ActivityLog, emits
from circular_app.services.adoption import AdoptionService
from circular_app.services.answers import AnswerService
from circular_app.services.context import ProfileContext
from circular_app.services.safety_hub import SafetyFetch, fetch_safety
from circular_app.storage import audit_repo, outbox_repo, reads_repo, secret_repo
from circular_app.storage import circular_repo as crepo
from circular_app.storage import hub_outbox as outbox
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.clock import utcnow
from circular_app.sync.client import CityPlan, HubAuthError, HubClient, HubRejected, HubUnavailable

log = logging.getLogger(__name__)

TOKEN_SECRET = "hub_token"
JST = dt.timezone(dt.timedelta(hours=9), "JST")
BASE_DELAY = dt.timedelta(seconds=5)
MAX_DELAY = dt.timedelta(minutes=30)
BATCH = 50

ClientFactory = Callable[[str, str | None], HubClient]


class SyncState(enum.StrEnum):
    """What the status bar says."""

    NOT_CONNECTED = "not_connected"
    SYNCED = "synced"
    PENDING = "pending"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True)
class SyncStatus:
    """The sync state in words, for the status bar and ``sync --status``."""

    state: SyncState
    pending: int
    last_synced_at: dt.datetime | None
    error: str = ""
    quarantined: int = 0  # items the hub refused, waiting for the officer

    def describe(self) -> str:
        """「同期済み」「送信待ち 3 件」「オフライン（最終同期 …）」「エラー: …」, and refused items.

        Words that cannot contradict each other: a profile whose round never completed is
        「同期の完了記録なし」, never 「同期済み」.
        """
        if self.state is SyncState.NOT_CONNECTED:
            return "ハブ未接続"
        last = (
            f"最終同期 {self.last_synced_at:%Y-%m-%d %H:%M} UTC"
            if self.last_synced_at
            else "同期の完了記録なし"
        )
        if self.state is SyncState.SYNCED:
            text = f"同期済み（{last}）" if self.last_synced_at else f"送信待ちなし（{last}）"
        elif self.state is SyncState.PENDING:
            text = f"送信待ち {self.pending} 件（{last}）"
        elif self.state is SyncState.OFFLINE:
            text = f"オフライン（{last}）"
        else:
            text = f"エラー: {self.error}"
        if self.quarantined:
            text += f"／ハブが受け付けなかった項目 {self.quarantined} 件"
        return text


@dataclass(frozen=True)
class RoundResult:
    """What one sync round did."""

    sent: int
    duplicates: int
    rejected: int  # items the hub refused in this round (now quarantined)
    confirmations: int
    status: SyncStatus
    reports: tuple[str, ...] = ()  # months of the adoption reports this round queued by itself
    safety_answers: int = 0  # 安否確認 answers from phones recorded by this round (issue 22)
    safety_round_open: bool = False  # a 安否確認 round is open: the next round comes sooner
    answers: int = 0  # answers (and withdrawals) given on the reader page, recorded by this round (issue 21)

    @property
    def failed(self) -> bool:
        """True when the round did not get everything through (``sync --once`` exits 1)."""
        return bool(self.rejected or self.status.quarantined) or self.status.state in (
            SyncState.OFFLINE,
            SyncState.ERROR,
        )


@dataclass(frozen=True)
class ReaderLink:
    """A household's personal reader link (digital households, and invited paper ones)."""

    household_id: int
    household_key: str
    label: str
    url: str


@dataclass(frozen=True)
class PrintLinks:
    """The QR targets printed on a circular's paper copies once it is on the hub."""

    # The circular's read-only board page (/b/{token}): 班 copies, posters, and individual
    # copies of households without a reader link.
    board_url: str
    # A household's own page of the circular (/r/{token}/c/{key}), where 読みました can be
    # tapped: individual copies of households holding a reader link, by household id.
    household_urls: dict[int, str]


def is_loopback(url: str) -> bool:
    """True for http(s)://127.x.x.x, localhost or [::1] addresses."""
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def backoff(attempts: int, rng: random.Random | None = None) -> dt.timedelta:
    """Exponential backoff with full jitter: up to 5 s, 10 s, 20 s … capped at 30 min."""
    cap = min(MAX_DELAY, BASE_DELAY * (2 ** max(0, attempts - 1)))
    return dt.timedelta(seconds=(rng or random).uniform(0.5, 1.0) * cap.total_seconds())


class SyncService:
    """Hub enrollment and sync rounds for the open profile."""

    def __init__(
        self,
        context: ProfileContext,
        client_factory: ClientFactory = HubClient,
        on_city_plan: Callable[[CityPlan], None] | None = None,
        activity: ActivityLog | None = None,
        adoption: AdoptionService | None = None,
        answers: AnswerService | None = None,
    ) -> None:
        self._ctx = context
        # Phones' answers are recorded through the answer service (only its recording is used
        # here, so no fonts or form templates are needed).
        self._answers = answers or AnswerService(context, Path(), Path())
        # The round queues the adoption report when one is due (counts only, never names).
        self._adoption = adoption or AdoptionService(context)
        self.activity = activity or ActivityLog()
        self._client_factory = client_factory
        # Called after each successful round with the city's plan and city-wide count.
        self._on_city_plan = on_city_plan
        self._secrets = SecretStore(context.ref.id)

    # ----- token storage ---------------------------------------------------------------------
    def _store_token(self, session: Session, token: str) -> bool:
        """Keyring first; if no keyring works, inside the encrypted profile. True if keyring."""
        if self._secrets.set(TOKEN_SECRET, token):
            secret_repo.delete(session, TOKEN_SECRET)
            return True
        secret_repo.put(session, TOKEN_SECRET, token)
        return False

    def _token(self, session: Session) -> str | None:
        stored = secret_repo.get(session, TOKEN_SECRET)
        if stored is not None:
            return stored
        return self._secrets.get(TOKEN_SECRET)

    # ----- enrollment ----------------------------------------------------------------------------
    @emits(Activity.HUB_CONNECTED)
    def connect(self, base_url: str, code: str) -> bool:
        """Exchange the one-time enrollment code for a token; queue everything the hub needs.

        Returns True when the token went to the OS keyring, False when it had to be kept
        (encrypted) inside the profile because no keyring works here.
        """
        practice = self._ctx.ref.kind == "practice"
        self._ctx.require(self._ctx.officer.can_manage_accounts or practice, "ハブへの接続")
        url = base_url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise ValidationError("URL", "hub.bad_url")
        if not code.strip():
            raise ValidationError("登録コード", "field.empty")
        if practice and not is_loopback(url):
            # Checked before any connection is tried: practice data never leaves this PC.
            raise ValidationError("URL", "hub.practice_local_only")
        with self._client_factory(url, None) as client:
            enrolled = client.enroll(code.strip())
        with self._ctx.sessions.begin() as session:
            if outbox_repo.hub_connection(session) is not None:
                raise ConflictError("hub.already_connected")
            outbox_repo.add_connection(session, url, str(enrolled.association_id))
            in_keyring = self._store_token(session, enrolled.token)
            outbox.after_roster_change(session)
            outbox.publish_all(session)
            audit_repo.append(session, self._ctx.officer.username, "hub_connect", "", {"url": url})
            return in_keyring

    def is_connected(self) -> bool:
        """True once enrolled."""
        with self._ctx.sessions() as session:
            return outbox_repo.hub_connection(session) is not None

    def is_offline_enrollment(self) -> bool:
        """True when enrolled for signed report files only (no network sync at all)."""
        with self._ctx.sessions() as session:
            conn = outbox_repo.hub_connection(session)
            return conn is not None and conn.offline

    # ----- rounds ----------------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        """The current state without contacting the hub."""
        with self._ctx.sessions() as session:
            conn = outbox_repo.hub_connection(session)
            if conn is None:
                return SyncStatus(SyncState.NOT_CONNECTED, 0, None)
            return self._state(session, conn)

    @staticmethod
    def _state(session: Session, conn: HubConnection) -> SyncStatus:
        pending = outbox_repo.pending_count(session)
        refused = outbox_repo.quarantined_count(session)
        last = conn.last_synced_at
        if conn.last_error.startswith("offline:"):
            return SyncStatus(SyncState.OFFLINE, pending, last, conn.last_error[8:], refused)
        if conn.last_error:
            return SyncStatus(SyncState.ERROR, pending, last, conn.last_error, refused)
        if pending:
            return SyncStatus(SyncState.PENDING, pending, last, quarantined=refused)
        return SyncStatus(SyncState.SYNCED, 0, last, quarantined=refused)

    def quarantined(self) -> list[QuarantinedItem]:
        """The items the hub refused, with its reasons (oldest first)."""
        with self._ctx.sessions() as session:
            return outbox_repo.quarantined_items(session)

    def retry_item(self, item_id: int) -> None:
        """Put an item the hub refused back in the queue (after fixing what it carries)."""
        with self._ctx.sessions.begin() as session:
            if not outbox_repo.retry_quarantined(session, item_id):
                raise NotFoundError("sync.no_such_item", item=item_id)
            audit_repo.append(session, self._ctx.officer.username, "sync_retry", f"outbox:{item_id}", {})

    def drop_item(self, item_id: int) -> None:
        """Give up an item the hub refused: it is never sent (the officer decided so)."""
        with self._ctx.sessions.begin() as session:
            if not outbox_repo.drop_quarantined(session, item_id):
                raise NotFoundError("sync.no_such_item", item=item_id)
            audit_repo.append(session, self._ctx.officer.username, "sync_drop", f"outbox:{item_id}", {})

    @emits(Activity.SYNC_COMPLETED)
    def run_once(
        self, now: Callable[[], dt.datetime] = utcnow, rng: random.Random | None = None
    ) -> RoundResult:
        """Send what is waiting, then fetch confirmations. Never raises for network trouble."""
        with self._ctx.sessions() as session:
            conn = outbox_repo.hub_connection(session)
            if conn is None:
                raise NotFoundError("hub.not_connected")
            base_url, token, cursor = conn.base_url, self._token(session), conn.confirmations_cursor
        moment = now()
        queued = self._adoption.queue_due(moment.replace(tzinfo=dt.UTC).astimezone(JST).date(), moment)
        sent = duplicates = rejected = confirmations = answers = 0
        safety = SafetyFetch()
        error = ""
        client = self._client_factory(base_url, token)
        try:
            while True:
                with self._ctx.sessions() as session:
                    batch = [
                        (i.id, i.key, i.kind, i.payload)
                        for i in outbox_repo.pending_items(session, now(), BATCH)
                    ]
                if not batch:
                    break
                results = client.push([{"key": k, "kind": kind, "payload": p} for _i, k, kind, p in batch])
                by_key = {r.key: r for r in results}
                answered = 0
                with self._ctx.sessions.begin() as session:
                    for item_id, key, _kind, _p in batch:
                        result = by_key.get(key)
                        if result is None:
                            continue
                        answered += 1
                        if result.status in ("applied", "duplicate"):
                            outbox_repo.mark_sent(session, item_id, now())
                            sent += result.status == "applied"
                            duplicates += result.status == "duplicate"
                        else:
                            # Retrying the same item cannot help: set it aside, send the rest.
                            rejected += 1
                            outbox_repo.quarantine(session, item_id, result.reason or "rejected")
                if len(batch) < BATCH or answered < len(batch):
                    break
            confirmations = self._fetch_confirmations(client, cursor)
            safety = fetch_safety(self._ctx, client)  # 安否確認: rounds from the hub, phones' answers
            answers = self._fetch_answers(client)  # forms answered on the reader page (issue 21)
            if self._on_city_plan is not None:
                try:
                    self._on_city_plan(client.action_plan())
                except HubRejected:
                    log.info("this hub publishes no action plan")
        except HubUnavailable as exc:
            error = f"offline:{exc}"
            self._delay_pending(now(), rng)
        except HubAuthError:
            error = "ハブがこの町会の接続を取り消しました（管理者に新しい登録コードを依頼してください）"
        except HubRejected as exc:
            error = f"ハブが受け付けませんでした: {exc}"
        finally:
            client.close()
        with self._ctx.sessions.begin() as session:
            conn = outbox_repo.record_round(session, error, now())
            status = self._state(session, conn)
        return RoundResult(
            sent,
            duplicates,
            rejected,
            confirmations,
            status,
            tuple(r.month for r in queued),
            safety.answers,
            safety.open_round,
            answers,
        )

    def release_waiting(self) -> int:
        """Make every waiting item due now (the officer pressed 再試行); return how many were waiting."""
        with self._ctx.sessions.begin() as session:
            return outbox_repo.release_waiting(session)

    def _delay_pending(self, now: dt.datetime, rng: random.Random | None) -> None:
        with self._ctx.sessions.begin() as session:
            for item in outbox_repo.pending_items(session, now, 1):
                outbox_repo.mark_failed(session, item.id, now, lambda n: backoff(n, rng))

    def _fetch_confirmations(self, client: HubClient, cursor: str) -> int:
        total = 0
        while True:
            page = client.confirmations(cursor or None)
            if not page.items:
                break
            # The page and its cursor in one transaction: a round killed half-way leaves the
            # page wholly applied or not at all (and then it is fetched again).
            with self._ctx.sessions.begin() as session:
                total += self._apply_confirmations(session, page.items)
                outbox_repo.set_confirmations_cursor(session, str(page.cursor))
            cursor = str(page.cursor)
            if not page.has_more:
                break
        return total

    def _fetch_answers(self, client: HubClient) -> int:
        """Answers given on the reader page, a page at a time, each page with its cursor."""
        with self._ctx.sessions() as session:
            cursor = outbox_repo.answers_cursor(session)
        total = 0
        while True:
            try:
                page = client.answers(cursor or None)
            except HubRejected as exc:
                if exc.status == 404:  # a hub from before forms
                    log.info("this hub takes no answers")
                    return total
                raise
            if not page.items and page.cursor == cursor:
                break
            # Stored with its cursor in one transaction; the cursor, sent as the next ``since``,
            # tells the hub these are kept here (only then may it purge them).
            total += self._answers.record_from_hub(page.items, str(page.cursor))
            cursor = str(page.cursor)
            if not page.has_more:
                break
        return total

    def _apply_confirmations(self, session: Session, items: Sequence[Confirmation]) -> int:
        circulars = outbox.circular_ids_by_hub_key(session)
        households = {h.public_id: h.id for h in rrepo.household_values(session)}
        grouped: dict[int, list[ReadEntry]] = {}
        for item in items:
            cid, hid = circulars.get(item.circular_key), households.get(item.household_key)
            if cid is None or hid is None:
                continue  # a circular or household deleted here since: nothing to record
            # The hub speaks UTC; a tap at 08:00 in Japan is still "today" here.
            day = item.confirmed_at.astimezone(JST).date()
            grouped.setdefault(cid, []).append(ReadEntry(hid, Channel.DIGITAL, day))
        # The device id is opaque; the first time is kept if it was already recorded.
        device = f"hub:{items[0].device or 'reader'}"
        total = 0
        for cid, entries in grouped.items():
            reads_repo.record(session, cid, entries, device)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "read_record",
                f"circular:{cid}",
                {"entries": len(entries)},
            )
            total += len(entries)
        return total

    # ----- reader links ----------------------------------------------------------------------------
    def _visible_han_ids(self) -> set[int] | None:
        # A reader link lets its holder tap 読みました for that household: 班長 get their own 班's only.
        officer = self._ctx.officer
        if officer.sees_all_hans:
            return None
        return {officer.han_id} if officer.han_id is not None else set()

    def _online_connection(self, session: Session) -> HubConnection | None:
        conn = outbox_repo.hub_connection(session)
        return None if conn is None or conn.offline else conn

    def print_links(self, circular_id: int) -> PrintLinks | None:
        """The QR targets for the circular's paper copies; None when it is not on a hub.

        A circular is on the hub once it was published while connected (a paper-only circular
        never is). Issuing its board link is a change (sent with the next round), so this
        opens a write transaction.
        """
        with self._ctx.sessions.begin() as session:
            conn = self._online_connection(session)
            found = outbox.print_tokens(session, circular_id, online=conn is not None)
            if conn is None or found is None:
                return None
            personal = {
                household_id: f"{conn.base_url}/r/{token}/c/{found.circular_key}"
                for household_id, token in found.reader_tokens.items()
            }
            return PrintLinks(f"{conn.base_url}/b/{found.board_token}", personal)

    def invitation_links(self, household_ids: Sequence[int]) -> dict[int, str]:
        """Each household's reader link, issuing one for invitation slips where there is none.

        Raises NotFoundError when the profile is not connected to a hub over the network.
        """
        if not household_ids:
            return {}
        with self._ctx.sessions.begin() as session:
            visible = self._visible_han_ids()
            if visible is not None:
                hans = {h.id: h.han_id for h in rrepo.household_values(session)}
                self._ctx.require(all(hans.get(i) in visible for i in household_ids), "ほかの班の招待状")
            conn = self._online_connection(session)
            if conn is None:
                raise NotFoundError("invitation.not_connected")
            tokens = outbox.issue_invitation_tokens(session, household_ids)
            audit_repo.append(
                session, self._ctx.officer.username, "invitations", "", {"households": len(household_ids)}
            )
            return {household_id: f"{conn.base_url}/r/{token}" for household_id, token in tokens.items()}

    def reader_links(self, circular_id: int | None = None) -> list[ReaderLink]:
        """Each digital household's link (targeted by the circular, when one is given).

        A 班長 gets only their own 班's links.
        """
        visible = self._visible_han_ids()
        with self._ctx.sessions() as session:
            conn = outbox_repo.hub_connection(session)
            if conn is None:
                raise NotFoundError("hub.not_connected")
            circular = crepo.get(session, circular_id) if circular_id else None
            tokens = outbox.reader_tokens(session)
            names = {h.id: h.name for h in rrepo.han_values(session)}
            links = []
            for row in rrepo.household_values(session, active_only=True):
                if row.id not in tokens or (visible is not None and row.han_id not in visible):
                    continue
                if circular is not None and not is_targeted(circular, row):
                    continue
                links.append(
                    ReaderLink(
                        row.id,
                        row.public_id,
                        f"{names[row.han_id]}-{row.route_position}",
                        f"{conn.base_url}/r/{tokens[row.id]}",
                    )
                )
            return links
