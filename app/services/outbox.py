"""Draining the outbox: the state machine of docs/ARCHITECTURE.md "The outbox".

Every message is claimed by an atomic conditional UPDATE committed before MAIL FROM,
and its outcome is committed, with a history row, right after the server answered.
So a crash at any point leaves each message either untouched (queued), done (sent,
failed, retry_wait) or ``sending``; a ``sending`` row whose sender is gone becomes
``unknown`` and is never resent without the user's say-so.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Document, OutboxMessage, Reminder, SendRecord
from app.domain.kinds import SmtpSecurity
from app.domain.outbox import (
    HoldReason,
    OutboxState,
    Recipient,
    address_key,
    recipients_to_json,
    retry_delay_seconds,
)
from app.domain.platform import Channel
from app.errors import DatabaseError, FacturierError
from app.mail.errors import SmtpError, SmtpUnreachableError
from app.mail.imap_copy import copy_wanted
from app.mail.message import PreparedMail
from app.mail.presets import connection_cap
from app.mail.transport import (
    SendOutcome,
    SendStatus,
    SmtpAccount,
    SmtpConnection,
    get_password,
    open_connection,
)
from app.platform.errors import (
    PlatformConnectionLostError,
    PlatformError,
    PlatformUnreachableError,
)
from app.services import platform_outbox
from app.services.batch import recipients_of
from app.services.outbox_queue import (
    ADDRESS_SEPARATOR,
    REMINDER_PURPOSE,
    NotResendableError,
    OutboxCounts,
    OutboxItem,
    carried_documents,
    confirm_addresses,
    defer,
    due_retries,
    grouped_numbers,
    hold,
    list_outbox,
    outbox_counts,
    pending_count,
    recipients_of_row,
    release,
    remove,
    resend,
    split_addresses,
    states_of,
    take_claim,
    unclaim,
)
from app.services.platform_account import open_platform
from app.services.sending_limits import Clock, SendingGate, SystemClock
from app.services.settings import Company, company_from_row, get_company, settings_row
from app.services.smtp_workers import SenderControl, halting, run_senders

__all__ = [
    "DrainBusyError",
    "DrainProgress",
    "DrainResult",
    "NotResendableError",
    "OutboxCounts",
    "OutboxItem",
    "confirm_addresses",
    "drain",
    "hold",
    "list_outbox",
    "outbox_counts",
    "pending_count",
    "recover",
    "release",
    "remove",
    "resend",
    "states_of",
]

RECONNECT_EVERY = 100  # messages per connection: providers drop long sessions
THROTTLE_PAUSE = 60.0  # seconds the whole drain waits after a "slow down" reply
SLOW_PACE = 1.0  # seconds between messages from which one connection keeps the pace
_INTERRUPTED = "interrupted: the sending program stopped while the server had the message"

_drain_lock = threading.Lock()  # one drain at a time per process


class DrainBusyError(FacturierError):
    code = "outbox.busy"


class OutcomeNotRecordedError(FacturierError):
    """The server answered but the database refused to record it (locked, full...): the
    message stays claimed and becomes ``unknown`` once this program has gone, so it is
    never resent without the user's say-so. ``data``: number, state (what the server did),
    and the database error's own code and data."""

    code = "outbox.outcome_not_recorded"


class DrainMode(StrEnum):
    """Which messages a drain takes (DESIGN: nothing is sent behind the user's back)."""

    BATCH = "batch"  # ``ids``: the user's batch or selection (held ones among them too)
    ALL = "all"  # the user's "send what waits": held, queued and due retries
    AUTOMATIC = "automatic"  # the retry timer: due retries of started batches, nothing else


@dataclass(frozen=True)
class DrainProgress:
    done: int
    total: int
    outbox_id: int
    document_id: int
    number: str
    state: OutboxState  # the outcome of that message
    # Every document the message carries when it is for several (``number`` lists them).
    document_ids: tuple[int, ...] = ()


@dataclass
class DrainResult:
    sent: list[int] = field(default_factory=list)  # outbox ids (delivered to the client)
    refusals: list[int] = field(default_factory=list)  # sent, some client address refused
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    recovered_unknown: list[int] = field(default_factory=list)  # found dead at start
    held: list[int] = field(default_factory=list)  # stopped, or the account was refused
    deferred: list[int] = field(default_factory=list)  # server unreachable: retried later
    address_changed: list[int] = field(default_factory=list)  # left held, not sent
    daily_limit: list[int] = field(default_factory=list)  # held: the provider's day is full
    stopped: FacturierError | None = None  # auth, TLS, unreachable...: nothing more sent
    cancelled: bool = False
    total: int = 0

    @property
    def settings_refused(self) -> bool:
        """The server refused our settings (login, certificate...): fix them first."""
        return self.stopped is not None and not self.server_unreachable

    @property
    def server_unreachable(self) -> bool:
        """The server could not be reached: the messages wait for the next attempt."""
        return isinstance(
            self.stopped,
            (SmtpUnreachableError, PlatformUnreachableError, PlatformConnectionLostError),
        )

    @property
    def account_refused(self) -> bool:
        """The server answered and refused the account or its security (not a database or
        other error): automatic retries pause until the settings change."""
        return isinstance(self.stopped, (SmtpError, PlatformError)) and not self.server_unreachable


@dataclass(frozen=True)
class _Claimed:
    id: int
    document_id: int
    number: str
    mail: PreparedMail
    attempts: int
    recipients: tuple[Recipient, ...]
    document_ids: tuple[int, ...] = ()  # a message for several documents: all of them

    @property
    def required(self) -> list[str]:
        return [r.address for r in self.recipients if r.client]


class Pacer:
    """Keeps this drain to the provider's messages-per-minute, evenly spaced over all its
    connections (the ``SendingGate`` keeps every sender of the database together under it);
    waits are cut short by a cancel. Thread-safe: each connection reserves its turn."""

    def __init__(
        self, per_minute: int, cancel: threading.Event, clock: Clock | None = None
    ) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.cancel = cancel
        self.clock = clock or SystemClock()
        self._next = float("-inf")
        self._given = float("-inf")  # the last turn a connection went ahead with
        self._pauses = 0  # "slow down" replies so far: a turn taken before one is void
        self._lock = threading.Lock()
        self.waiting = 0  # connections waiting for their turn: each will take a message

    def wait_turn(self) -> None:
        with self._lock:
            self.waiting += 1
        try:
            while not self.cancel.is_set():
                with self._lock:
                    now = self.clock.monotonic()
                    turn = max(self._next, now)
                    self._next = turn + self.interval
                    pauses = self._pauses
                if turn > now:
                    self.clock.wait(turn - now, self.cancel)
                with self._lock:
                    if self._pauses == pauses:
                        self._given = max(self._given, turn)
                        return
                # The server said "slow down" while this connection waited: every
                # connection's turn moves behind the pause, not just the one told.
        finally:
            with self._lock:
                self.waiting -= 1

    def must_wait(self) -> bool:
        with self._lock:
            return self._next > self.clock.monotonic()

    def pause(self, seconds: float) -> None:
        """After a "slow down" reply: the next message waits at least this long."""
        with self._lock:
            self._pauses += 1
            # Turns reserved but not yet taken are taken again, after the pause.
            self._next = max(self.clock.monotonic() + seconds, self._given + self.interval)

    def wait_until(self, at: datetime) -> None:
        """Another sender filled the minute: wait for the rolling window to free a slot."""
        delay = (at - self.clock.now()).total_seconds()
        if delay > 0:
            self.clock.wait(delay, self.cancel)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def account_of(company: Company, timeout: float = 30.0) -> SmtpAccount:
    return SmtpAccount(
        host=company.smtp_host,
        port=company.smtp_port,
        security=SmtpSecurity(company.smtp_security),
        user=company.smtp_user or None,
        insecure=company.smtp_insecure,
        timeout=timeout,
        # OAuth2: open_connection signs in with an access token (get_password gives None)
        auth=company.smtp_auth,
        oauth_provider=company.oauth_provider,
        pipelining=company.smtp_pipelining,
    )


def drain(
    db: Database,
    *,
    ids: Collection[int] | None = None,
    automatic: bool = False,
    progress: Callable[[DrainProgress], None] | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
    throttle_pause: float = THROTTLE_PAUSE,
    blocking: bool = True,
    as_is: Collection[int] = (),
    clock: Clock | None = None,
) -> DrainResult:
    """Send over one connection, one at a time: ``ids`` (the user's batch or selection,
    held ones among them included), else everything the user can send now (held, queued,
    due retries), or with ``automatic`` only the due retries of batches the user started.

    ``as_is``: waiting messages to send to the addresses they were prepared for even
    though the client's addresses changed since. A cancel leaves what is left *held*; an
    unreachable server leaves it to the automatic retry; refused settings leave it held.
    The provider's limits hold for every sender of the database together: a full minute
    is waited out, a full day holds the rest (``DAILY_LIMIT``) until the window frees
    room. ``clock``: the time it goes by (tests move it instead of sleeping).
    """
    if not _drain_lock.acquire(blocking=blocking):
        raise DrainBusyError("a drain is running")
    try:
        if automatic:
            mode = DrainMode.AUTOMATIC
        else:
            mode = DrainMode.ALL if ids is None else DrainMode.BATCH
        return _drain(
            db,
            mode,
            ids,
            progress,
            cancel or threading.Event(),
            timeout,
            throttle_pause,
            as_is,
            clock or SystemClock(),
        )
    finally:
        _drain_lock.release()


def _scope(db: Database, mode: DrainMode, ids: Collection[int] | None, now: datetime) -> list[int]:
    """Queue what this drain may send; the queued ids it will take."""
    if mode == DrainMode.AUTOMATIC:
        if not get_company(db).auto_retry:
            return []
        return due_retries(db, now)
    if mode == DrainMode.ALL:
        return release(db)
    return release(db, list(ids or ()))


def _drain(
    db: Database,
    mode: DrainMode,
    ids: Collection[int] | None,
    progress: Callable[[DrainProgress], None] | None,
    cancel: threading.Event,
    timeout: float,
    throttle_pause: float,
    as_is: Collection[int],
    clock: Clock,
) -> DrainResult:
    result = DrainResult()
    result.recovered_unknown = recover(db)
    confirm_addresses(db, as_is)
    scope = set(_scope(db, mode, ids, clock.now()))
    result.total = len(scope)
    if not scope:
        return result
    deposits = _on_platform(db, scope)
    done = 0
    if deposits:
        done = _deposit(db, deposits, result, progress, cancel)
        scope -= deposits
        if not scope or cancel.is_set():
            if cancel.is_set():
                result.cancelled = True
                result.held += hold(db, scope, HoldReason.STOPPED)
            return result
    company = get_company(db)
    account = account_of(company, timeout)
    pacer = Pacer(company.rate_per_minute, cancel, clock)
    gate = SendingGate(company, clock)
    result.daily_limit = gate.hold_if_day_full(db, scope)
    if result.daily_limit:
        return result  # not even a connection: nothing may leave before the window frees
    me = worker_id()
    connections = max(1, min(company.smtp_connections, connection_cap(account.host), len(scope)))
    if pacer.interval >= SLOW_PACE:
        connections = 1  # a message leaves well within its turn: more would only wait
    tally = _Tally(result, done, progress)
    claims = threading.Lock()  # this process's senders check the gate and claim in turn

    context = _SenderContext(db, scope, account, pacer, gate, me, tally, claims, cancel)
    errors = run_senders(
        connections, lambda control: _sender(context, control, throttle_pause, clock)
    )
    stopped: SmtpError | None = None
    for error in errors:
        if not isinstance(error, SmtpError):
            raise error
        stopped = stopped or error
    result.cancelled = stopped is None and cancel.is_set()
    # What this drain did not send waits for the user, or for the automatic retry.
    if stopped is not None:
        result.stopped = stopped  # the mail server's word wins over the platform's
    if isinstance(stopped, SmtpUnreachableError):
        result.deferred += defer(db, scope, f"{stopped.code}: {stopped.detail}")
    elif stopped is not None:
        result.held += hold(db, scope, HoldReason.SETTINGS)
    elif result.cancelled:
        result.held += hold(db, scope, HoldReason.STOPPED)
    return result


class _Tally:
    """The drain's result and progress, written by every sender in turn."""

    def __init__(
        self,
        result: DrainResult,
        done: int,
        progress: Callable[[DrainProgress], None] | None,
    ) -> None:
        self.result = result
        self.done = done
        self.progress = progress
        self._lock = threading.Lock()

    def count(self, claimed: _Claimed, state: OutboxState, refusals: bool) -> None:
        with self._lock:
            getattr(self.result, _BUCKET[state]).append(claimed.id)
            if refusals:
                self.result.refusals.append(claimed.id)
            self.done += 1
            if self.progress is not None:
                self.progress(
                    DrainProgress(
                        self.done,
                        self.result.total,
                        claimed.id,
                        claimed.document_id,
                        claimed.number,
                        state,
                        claimed.document_ids,
                    )
                )


@dataclass(frozen=True)
class _SenderContext:
    """What the senders of one drain share."""

    db: Database
    scope: set[int]
    account: SmtpAccount
    pacer: Pacer
    gate: SendingGate
    me: str
    tally: _Tally
    claims: threading.Lock
    cancel: threading.Event


def _sender(
    context: _SenderContext, control: SenderControl, throttle_pause: float, clock: Clock
) -> None:
    """One connection's loop: claim the next message, send it, record what the server did.
    The first sender's ``SmtpError`` (login, TLS, unreachable) stops the drain; another
    sender that cannot open its first connection (the server takes fewer at once) just
    leaves the messages to the ones that could."""
    db, account, pacer = context.db, context.account, context.pacer
    connection: SmtpConnection | None = None
    try:
        while not halting(control, context.cancel):
            if (
                connection is None
                or connection.closed
                or connection.messages_sent >= (RECONNECT_EVERY)
            ):
                if connection is not None:
                    connection.close()
                    if _count_queued(db, context.scope) <= pacer.waiting:
                        break  # nothing left for a new connection to send
                connection = None  # so a failed reconnect leaves nothing half-open
                try:
                    connection = open_connection(account, get_password(account))
                except SmtpError:
                    if control.first or control.has_connected:
                        raise
                    return
                control.connected()
            if pacer.must_wait() and _count_queued(db, context.scope) <= pacer.waiting:
                break  # no need to wait out the pace when nothing is left for this one
            pacer.wait_turn()
            if halting(control, context.cancel):
                break
            with context.claims:
                claimed = _claim_next(
                    db, context.scope, context.me, context.tally.result, context.gate
                )
            if isinstance(claimed, datetime):
                pacer.wait_until(claimed)  # the minute is full, counting every sender
                continue
            if claimed is None:
                break
            outcome = _send(db, connection, claimed, account)
            try:
                state, refusals = _record(db, claimed, outcome, clock.now())
            except DatabaseError as error:
                raise OutcomeNotRecordedError(
                    str(error),
                    number=claimed.number,
                    state=str(outcome.status),
                    cause=error.code,
                    **error.data,
                ) from error
            context.tally.count(claimed, state, refusals)
            if outcome.connection_lost:
                connection.close()
            if outcome.throttled:
                pacer.pause(throttle_pause)
    finally:
        if connection is not None:
            connection.close()


def _on_platform(db: Database, scope: set[int]) -> set[int]:
    with db.read() as session:
        return set(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.id.in_(scope), OutboxMessage.channel == str(Channel.PLATFORM)
                )
            )
        )


def _deposit(
    db: Database,
    deposits: set[int],
    result: DrainResult,
    progress: Callable[[DrainProgress], None] | None,
    cancel: threading.Event,
) -> int:
    """The platform's items of this drain, first (one API client, one at a time); what
    the platform's outage or refused account leaves is deferred or held as for e-mail."""
    done = 0

    def on_done(claimed: platform_outbox.Claimed, state: OutboxState) -> None:
        nonlocal done
        getattr(result, _BUCKET[state]).append(claimed.id)
        done += 1
        if progress is not None:
            progress(
                DrainProgress(
                    done, result.total, claimed.id, claimed.document_id, claimed.number, state
                )
            )

    try:
        with open_platform(get_company(db)) as client:
            platform_outbox.deposit_all(db, client, deposits, worker_id(), on_done, cancel.is_set)
    except PlatformError as error:
        result.stopped = error
        if isinstance(error, (PlatformUnreachableError, PlatformConnectionLostError)):
            result.deferred += defer(db, deposits, f"{error.code}: {error.detail}")
        else:
            result.held += hold(db, deposits, HoldReason.SETTINGS)
    if cancel.is_set():
        result.cancelled = True
        result.held += hold(db, deposits, HoldReason.STOPPED)
    return done


_BUCKET = {
    OutboxState.SENT: "sent",
    OutboxState.RETRY_WAIT: "retry",
    OutboxState.FAILED: "failed",
    OutboxState.UNKNOWN: "unknown",
}


def _send(
    db: Database, connection: SmtpConnection, claimed: _Claimed, account: SmtpAccount
) -> SendOutcome:
    outcome = connection.send(claimed.mail, claimed.required)
    if outcome.safe_to_retry_now:
        # The server dropped an idle connection before taking anything: reconnect, resend.
        connection.close()
        try:
            fresh = open_connection(account, get_password(account))
        except SmtpError:
            unclaim(db, claimed.id)  # nothing of it reached the server
            raise
        try:
            outcome = fresh.send(claimed.mail, claimed.required)
        finally:
            fresh.close()
    return outcome


def _count_queued(db: Database, wanted: set[int]) -> int:
    with db.read() as session:
        query = select(func.count(OutboxMessage.id)).where(
            OutboxMessage.state == str(OutboxState.QUEUED), OutboxMessage.id.in_(wanted)
        )
        return int(session.scalar(query) or 0)


def _claim_next(
    db: Database, wanted: set[int], me: str, result: DrainResult, gate: SendingGate
) -> _Claimed | datetime | None:
    """Take the oldest queued message for this sender, or None when there is none left.

    A message whose client's addresses changed since it was prepared is not taken: it is
    held (``result.address_changed``) until prepared again or confirmed as it is. When the
    provider's day is full the queued ones are held (``result.daily_limit``) and None is
    returned; when its minute is full, the time a slot frees (nothing is claimed).
    """
    while True:
        with db.write() as session:
            query = (
                select(OutboxMessage.id)
                .where(OutboxMessage.state == str(OutboxState.QUEUED))
                .where(OutboxMessage.id.in_(wanted))
                .order_by(OutboxMessage.id)
                .limit(1)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            candidate = session.scalar(query)
            if candidate is None:
                return None
            now = gate.clock.now()
            row = session.get_one(OutboxMessage, candidate)
            document = session.scalar(
                select(Document)
                .where(Document.id == row.document_id)
                .options(selectinload(Document.client).selectinload(Client.contacts))
            )
            if (
                document is not None
                and row.prepared_for
                and address_key(recipients_of(document.client)) != row.prepared_for
            ):
                changed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == candidate,
                        OutboxMessage.state == str(OutboxState.QUEUED),
                    )
                    .values(
                        state=str(OutboxState.HELD),
                        hold_reason=str(HoldReason.ADDRESS_CHANGED),
                        updated_at=now,
                    )
                )
                if changed.rowcount == 1:
                    result.address_changed.append(candidate)
                continue
            verdict = gate.check(session, row)
            if verdict.daily:
                result.daily_limit += gate.hold_for_day(session, wanted)
                return None
            if verdict.until is not None:
                return verdict.until
            if not take_claim(session, candidate, me, now):  # another sender was faster
                continue
            session.refresh(row)
            number = (document.number if document is not None else None) or ""
            carried = _documents_of(session, row)
            if len(carried) > 1:
                number = grouped_numbers(session, [row.id])[row.id][1]
            return _Claimed(
                id=row.id,
                document_id=row.document_id,
                number=number,
                document_ids=tuple(carried) if len(carried) > 1 else (),
                mail=PreparedMail(
                    raw=row.raw,
                    envelope_from=row.envelope_from,
                    envelope_to=tuple(
                        split_addresses(row.to_addrs)
                        + split_addresses(row.cc_addrs)
                        + split_addresses(row.bcc_addrs)
                    ),
                    bcc=tuple(split_addresses(row.bcc_addrs)),
                ),
                attempts=row.attempts,
                recipients=tuple(recipients_of_row(row)),
            )


def _answered(recipients: tuple[Recipient, ...], outcome: SendOutcome) -> list[Recipient]:
    """Each recipient with the server's reply to its RCPT (None when never asked)."""
    replies = {a.lower(): v for a, v in outcome.accepted.items()}
    replies.update({a.lower(): v for a, v in outcome.refused.items()})
    answered = []
    for recipient in recipients:
        code, text = replies.get(recipient.address.lower(), (None, ""))
        answered.append(replace(recipient, code=code, reply=text))
    return answered


def _record(
    db: Database, claimed: _Claimed, outcome: SendOutcome, now: datetime | None = None
) -> tuple[OutboxState, bool]:
    """Commit one message's outcome with its history row; returns the new state and
    whether some client address was refused although the message was delivered."""
    state = {
        SendStatus.SENT: OutboxState.SENT,
        SendStatus.TEMPORARY: OutboxState.RETRY_WAIT,
        SendStatus.PERMANENT: OutboxState.FAILED,
        SendStatus.UNKNOWN: OutboxState.UNKNOWN,
    }[outcome.status]
    recipients = _answered(claimed.recipients, outcome)
    clients = [r for r in recipients if r.client]
    delivered_to = [r.address for r in clients if r.accepted]
    if state == OutboxState.SENT and clients and not delivered_to:
        state = OutboxState.FAILED  # only a copy was accepted: the client got nothing
    refusals = state == OutboxState.SENT and any(r.refused for r in clients)
    reply = f"{outcome.code} {outcome.reply}".strip() if outcome.code else outcome.reply
    refused = ADDRESS_SEPARATOR.join(
        f"{address} ({code} {text})".strip() for address, (code, text) in outcome.refused.items()
    )
    now = now or utcnow()  # the drain's clock: the provider's windows count from it
    with db.write() as session:
        row = session.get_one(OutboxMessage, claimed.id)
        # Even if our claim was presumed dead meanwhile, what the server said is the truth.
        row.state = str(state)
        row.claimed_by = None
        row.claim_expires_at = None
        row.updated_at = now
        row.last_reply = reply
        row.recipients = recipients_to_json(recipients)
        row.last_error = "" if state == OutboxState.SENT else reply
        if state == OutboxState.SENT:
            row.sent_at = now
            row.last_error = f"refused: {refused}" if refused else ""
            if row.purpose == REMINDER_PURPOSE:
                # A reminder leaves the invoice's own envelope alone: it has its own dates.
                session.execute(
                    update(Reminder).where(Reminder.outbox_id == row.id).values(sent_at=now)
                )
            else:
                # Every document the message carries was sent with it.
                for document_id in _documents_of(session, row):
                    document = session.get_one(Document, document_id)
                    document.sent_at = now
                    document.sent_to = ADDRESS_SEPARATOR.join(delivered_to or _to_and_cc(row))
                    document.updated_at = now
            if copy_wanted(company_from_row(settings_row(session))):
                # The copy in the Sent folder is a step of its own (app/services/sent_copies.py)
                row.copy_state, row.copy_next_at = "pending", now
        elif state == OutboxState.RETRY_WAIT:
            row.next_attempt_at = now + timedelta(seconds=retry_delay_seconds(claimed.attempts))
        session.add_all(_histories(session, row, now, _RESULT[state], reply, refused))
    return state, refusals


def _to_and_cc(row: OutboxMessage) -> list[str]:
    return split_addresses(row.to_addrs) + split_addresses(row.cc_addrs)


_RESULT = {
    OutboxState.SENT: "sent",
    OutboxState.RETRY_WAIT: "retry",
    OutboxState.FAILED: "failed",
    OutboxState.UNKNOWN: "unknown",
}


def _documents_of(session: Session, row: OutboxMessage) -> list[int]:
    """The documents a message carries: its own, or the several of a client's sent
    together (a reminder's invoices have their own rows, not these)."""
    if row.purpose == REMINDER_PURPOSE:
        return [row.document_id]
    return carried_documents(session, [row.id]).get(row.id, [row.document_id])


def _histories(
    session: Session,
    row: OutboxMessage,
    at: datetime,
    result: str,
    reply: str,
    refused: str = "",
) -> list[SendRecord]:
    """One history row per document the message carries."""
    return [
        _history(row, at, result, reply, refused, document_id)
        for document_id in _documents_of(session, row)
    ]


def _history(
    row: OutboxMessage,
    at: datetime,
    result: str,
    reply: str,
    refused: str = "",
    document_id: int | None = None,
) -> SendRecord:
    return SendRecord(
        document_id=row.document_id if document_id is None else document_id,
        outbox_id=row.id,
        at=at,
        to_addrs=row.to_addrs,
        cc_addrs=row.cc_addrs,
        bcc_addrs=row.bcc_addrs,
        subject=row.subject,
        message_id=row.message_id,
        result=result,
        server_reply=reply,
        refused_addrs=refused,
        recipients=row.recipients,
        purpose=row.purpose,
        channel=row.channel,
    )


def recover(db: Database) -> list[int]:
    """A claim whose sender is gone becomes ``unknown`` (never resent on its own)."""
    now = utcnow()
    unknown: list[int] = []
    with db.write() as session:
        stale = session.scalars(
            select(OutboxMessage).where(OutboxMessage.state == str(OutboxState.SENDING))
        ).all()
        for row in stale:
            if _claim_is_dead(row, now) and row.channel == Channel.PLATFORM:
                # Safe to try again on its own: the platform's flows are searched by its
                # tracking id before any new deposit, so it is never deposited twice.
                row.state = str(OutboxState.RETRY_WAIT)
                row.next_attempt_at = now
                row.last_error = _INTERRUPTED
                row.claimed_by = None
                row.claim_expires_at = None
                row.updated_at = now
                session.add(_history(row, now, "retry", _INTERRUPTED))
            elif _claim_is_dead(row, now):
                row.state = str(OutboxState.UNKNOWN)
                row.last_error = _INTERRUPTED
                row.claimed_by = None
                row.claim_expires_at = None
                row.updated_at = now
                session.add_all(_histories(session, row, now, "unknown", _INTERRUPTED))
                unknown.append(row.id)
    return unknown


def _claim_is_dead(row: OutboxMessage, now: datetime) -> bool:
    if row.claim_expires_at is None or row.claim_expires_at <= now:
        return True
    host, _, rest = (row.claimed_by or "").partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another workstation's live claim is never touched
    return not _process_alive(int(pid_text))


def _process_alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill would terminate the process on Windows: trust the lease
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
