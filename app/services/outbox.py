"""Draining the outbox: the state machine of DESIGN.md "Sending: the outbox".

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
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Document, OutboxMessage, SendRecord
from app.domain.kinds import SmtpSecurity
from app.domain.outbox import PENDING_STATES, PROBLEM_STATES, OutboxState, retry_delay_seconds
from app.errors import FacturierError, NotFoundError
from app.mail.errors import SmtpError
from app.mail.message import PreparedMail
from app.mail.transport import (
    SendOutcome,
    SendStatus,
    SmtpAccount,
    SmtpConnection,
    get_password,
    open_connection,
)
from app.services.batch import ADDRESS_SEPARATOR
from app.services.settings import Company, get_company

LEASE = timedelta(minutes=5)  # a claim's life; a live sender holds each claim far shorter
RECONNECT_EVERY = 100  # messages per connection: providers drop long sessions
THROTTLE_PAUSE = 60.0  # seconds the whole drain waits after a "slow down" reply
_INTERRUPTED = "interrupted: the sending program stopped while the server had the message"

_drain_lock = threading.Lock()  # one drain at a time per process


class DrainBusyError(FacturierError):
    code = "outbox.busy"


class NotResendableError(FacturierError):
    code = "outbox.not_resendable"


@dataclass(frozen=True)
class DrainProgress:
    done: int
    total: int
    outbox_id: int
    document_id: int
    number: str
    state: OutboxState  # the outcome of that message


@dataclass
class DrainResult:
    sent: list[int] = field(default_factory=list)  # outbox ids
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    recovered_unknown: list[int] = field(default_factory=list)  # found dead at start
    stopped: FacturierError | None = None  # auth, TLS, unreachable...: left queued
    cancelled: bool = False
    total: int = 0


@dataclass(frozen=True)
class OutboxItem:
    id: int
    document_id: int
    number: str
    client_name: str
    state: OutboxState
    to: str
    cc: str
    bcc: str
    subject: str
    attempts: int
    last_error: str
    last_reply: str
    next_attempt_at: datetime | None
    created_at: datetime
    sent_at: datetime | None
    message_id: str


@dataclass(frozen=True)
class _Claimed:
    id: int
    document_id: int
    number: str
    mail: PreparedMail
    attempts: int


class Pacer:
    """Keeps to the provider's messages-per-minute; waits are cut short by a cancel."""

    def __init__(self, per_minute: int, cancel: threading.Event) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.cancel = cancel
        self._next = 0.0

    def wait_turn(self) -> None:
        delay = self._next - time.monotonic()
        if delay > 0:
            self.cancel.wait(delay)
        self._next = time.monotonic() + self.interval

    def must_wait(self) -> bool:
        return self._next > time.monotonic()

    def pause(self, seconds: float) -> None:
        """After a "slow down" reply: the next message waits at least this long."""
        self._next = max(self._next, time.monotonic() + seconds)


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
    )


def drain(
    db: Database,
    *,
    ids: Collection[int] | None = None,
    progress: Callable[[DrainProgress], None] | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
    throttle_pause: float = THROTTLE_PAUSE,
    blocking: bool = True,
) -> DrainResult:
    """Send what is queued (only ``ids`` if given) over one connection, one at a time."""
    if not _drain_lock.acquire(blocking=blocking):
        raise DrainBusyError("a drain is running")
    try:
        return _drain(db, ids, progress, cancel or threading.Event(), timeout, throttle_pause)
    finally:
        _drain_lock.release()


def _drain(
    db: Database,
    ids: Collection[int] | None,
    progress: Callable[[DrainProgress], None] | None,
    cancel: threading.Event,
    timeout: float,
    throttle_pause: float,
) -> DrainResult:
    result = DrainResult()
    result.recovered_unknown = recover(db)
    wanted = set(ids) if ids is not None else None
    result.total = _count_queued(db, wanted)
    if result.total == 0:
        return result
    company = get_company(db)
    account = account_of(company, timeout)
    pacer = Pacer(company.rate_per_minute, cancel)
    me = worker_id()
    connection: SmtpConnection | None = None
    done = 0
    try:
        while not cancel.is_set():
            if (
                connection is None
                or connection.closed
                or connection.messages_sent >= (RECONNECT_EVERY)
            ):
                if connection is not None:
                    connection.close()
                connection = None  # so a failed reconnect leaves nothing half-open
                connection = open_connection(account, get_password(account))
            if pacer.must_wait() and not _count_queued(db, wanted):
                break  # no need to wait out the pace when nothing is left
            pacer.wait_turn()
            if cancel.is_set():
                break
            claimed = _claim_next(db, wanted, me)
            if claimed is None:
                break
            outcome = _send(db, connection, claimed, account)
            state = _record(db, claimed, outcome)
            getattr(result, _BUCKET[state]).append(claimed.id)
            done += 1
            if progress is not None:
                progress(
                    DrainProgress(
                        done, result.total, claimed.id, claimed.document_id, claimed.number, state
                    )
                )
            if outcome.connection_lost:
                connection.close()
            if outcome.throttled:
                pacer.pause(throttle_pause)
        result.cancelled = cancel.is_set()
    except SmtpError as error:
        result.stopped = error
    finally:
        if connection is not None:
            connection.close()
    return result


_BUCKET = {
    OutboxState.SENT: "sent",
    OutboxState.RETRY_WAIT: "retry",
    OutboxState.FAILED: "failed",
    OutboxState.UNKNOWN: "unknown",
}


def _send(
    db: Database, connection: SmtpConnection, claimed: _Claimed, account: SmtpAccount
) -> SendOutcome:
    outcome = connection.send(claimed.mail)
    if outcome.safe_to_retry_now:
        # The server dropped an idle connection before taking anything: reconnect, resend.
        connection.close()
        try:
            fresh = open_connection(account, get_password(account))
        except SmtpError:
            _release(db, claimed.id)  # nothing of it reached the server
            raise
        try:
            outcome = fresh.send(claimed.mail)
        finally:
            fresh.close()
    return outcome


def _release(db: Database, outbox_id: int) -> None:
    with db.write() as session:
        row = session.get_one(OutboxMessage, outbox_id)
        row.state = str(OutboxState.QUEUED)
        row.claimed_by = None
        row.claim_expires_at = None
        row.attempts = max(row.attempts - 1, 0)


def _count_queued(db: Database, wanted: set[int] | None) -> int:
    with db.read() as session:
        query = select(func.count(OutboxMessage.id)).where(
            OutboxMessage.state == str(OutboxState.QUEUED)
        )
        if wanted is not None:
            query = query.where(OutboxMessage.id.in_(wanted))
        return int(session.scalar(query) or 0)


def _claim_next(db: Database, wanted: set[int] | None, me: str) -> _Claimed | None:
    """Take the oldest queued message for this sender, or None when there is none left."""
    while True:
        with db.write() as session:
            query = (
                select(OutboxMessage.id)
                .where(OutboxMessage.state == str(OutboxState.QUEUED))
                .order_by(OutboxMessage.id)
                .limit(1)
            )
            if wanted is not None:
                query = query.where(OutboxMessage.id.in_(wanted))
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            candidate = session.scalar(query)
            if candidate is None:
                return None
            now = utcnow()
            taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == candidate,
                    OutboxMessage.state == str(OutboxState.QUEUED),
                )
                .values(
                    state=str(OutboxState.SENDING),
                    claimed_by=me,
                    claim_expires_at=now + LEASE,
                    attempts=OutboxMessage.attempts + 1,
                    updated_at=now,
                )
            )
            if taken.rowcount != 1:  # another sender was faster: try the next one
                continue
            row = session.get_one(OutboxMessage, candidate)
            number = session.scalar(select(Document.number).where(Document.id == row.document_id))
            return _Claimed(
                id=row.id,
                document_id=row.document_id,
                number=number or "",
                mail=PreparedMail(
                    raw=row.raw,
                    envelope_from=row.envelope_from,
                    envelope_to=tuple(
                        _split(row.to_addrs) + _split(row.cc_addrs) + _split(row.bcc_addrs)
                    ),
                    bcc=tuple(_split(row.bcc_addrs)),
                ),
                attempts=row.attempts,
            )


def _split(addresses: str) -> list[str]:
    return [a for a in addresses.split(ADDRESS_SEPARATOR) if a]


def _record(db: Database, claimed: _Claimed, outcome: SendOutcome) -> OutboxState:
    """Commit one message's outcome with its history row; returns the new state."""
    state = {
        SendStatus.SENT: OutboxState.SENT,
        SendStatus.TEMPORARY: OutboxState.RETRY_WAIT,
        SendStatus.PERMANENT: OutboxState.FAILED,
        SendStatus.UNKNOWN: OutboxState.UNKNOWN,
    }[outcome.status]
    reply = f"{outcome.code} {outcome.reply}".strip() if outcome.code else outcome.reply
    refused = ADDRESS_SEPARATOR.join(
        f"{address} ({code} {text})".strip() for address, (code, text) in outcome.refused.items()
    )
    now = utcnow()
    with db.write() as session:
        row = session.get_one(OutboxMessage, claimed.id)
        # Even if our claim was presumed dead meanwhile, what the server said is the truth.
        row.state = str(state)
        row.claimed_by = None
        row.claim_expires_at = None
        row.updated_at = now
        row.last_reply = reply
        row.last_error = "" if state == OutboxState.SENT else reply
        if state == OutboxState.SENT:
            row.sent_at = now
            row.last_error = f"refused: {refused}" if refused else ""
            document = session.get_one(Document, row.document_id)
            document.sent_at = now
            document.sent_to = ADDRESS_SEPARATOR.join(_split(row.to_addrs) + _split(row.cc_addrs))
            document.updated_at = now
        elif state == OutboxState.RETRY_WAIT:
            row.next_attempt_at = now + timedelta(seconds=retry_delay_seconds(claimed.attempts))
        session.add(_history(row, now, _RESULT[state], reply, refused))
    return state


_RESULT = {
    OutboxState.SENT: "sent",
    OutboxState.RETRY_WAIT: "retry",
    OutboxState.FAILED: "failed",
    OutboxState.UNKNOWN: "unknown",
}


def _history(
    row: OutboxMessage, at: datetime, result: str, reply: str, refused: str = ""
) -> SendRecord:
    return SendRecord(
        document_id=row.document_id,
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
    )


def recover(db: Database) -> list[int]:
    """Make due retries queued again; a claim whose sender is gone becomes ``unknown``."""
    now = utcnow()
    unknown: list[int] = []
    with db.write() as session:
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.state == str(OutboxState.RETRY_WAIT),
                OutboxMessage.next_attempt_at <= now,
            )
            .values(state=str(OutboxState.QUEUED), updated_at=now)
        )
        stale = session.scalars(
            select(OutboxMessage).where(OutboxMessage.state == str(OutboxState.SENDING))
        ).all()
        for row in stale:
            if _claim_is_dead(row, now):
                row.state = str(OutboxState.UNKNOWN)
                row.last_error = _INTERRUPTED
                row.claimed_by = None
                row.claim_expires_at = None
                row.updated_at = now
                session.add(_history(row, now, "unknown", _INTERRUPTED))
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


def resend(db: Database, ids: Collection[int]) -> list[int]:
    """Failed or unknown messages go back in the queue, unchanged (same Message-ID)."""
    now = utcnow()
    with db.write() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        found = {row.id: row for row in rows}
        for message_id in ids:
            row = found.get(message_id)
            if row is None:
                raise NotFoundError("outbox message", id=message_id)
            if OutboxState(row.state) not in PROBLEM_STATES:
                raise NotResendableError(row.state, id=message_id, state=row.state)
        waiting = set(
            session.scalars(
                select(OutboxMessage.document_id).where(
                    OutboxMessage.document_id.in_([r.document_id for r in rows]),
                    OutboxMessage.state.in_([str(s) for s in PENDING_STATES]),
                )
            )
        )
        for row in rows:
            if row.document_id in waiting:  # a newer message for it is already on its way
                raise NotResendableError("pending", id=row.id, state="already_pending")
            row.state = str(OutboxState.QUEUED)
            row.next_attempt_at = None
            row.updated_at = now
    return sorted(found)


def remove(db: Database, ids: Collection[int]) -> list[int]:
    """Take messages out of the outbox (never one being sent, nor a sent one)."""
    with db.write() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        for row in rows:
            if row.state in (OutboxState.SENDING, OutboxState.SENT):
                raise NotResendableError(row.state, id=row.id, state=row.state)
        for row in rows:
            session.delete(row)
        return sorted(row.id for row in rows)


def list_outbox(
    db: Database, *, include_sent: bool = False, ids: Sequence[int] | None = None
) -> list[OutboxItem]:
    """The outbox's messages (only ``ids`` when given), oldest first."""
    from app.db.models import Client

    with db.read() as session:
        query = (
            select(OutboxMessage, Document.number, Client.name)
            .join(Document, Document.id == OutboxMessage.document_id)
            .join(Client, Client.id == Document.client_id)
            .order_by(OutboxMessage.id)
        )
        if not include_sent:
            query = query.where(OutboxMessage.state != str(OutboxState.SENT))
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(list(ids)))
        return [_item(row, number or "", name) for row, number, name in session.execute(query)]


def _item(row: OutboxMessage, number: str, client_name: str) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        document_id=row.document_id,
        number=number,
        client_name=client_name,
        state=OutboxState(row.state),
        to=row.to_addrs,
        cc=row.cc_addrs,
        bcc=row.bcc_addrs,
        subject=row.subject,
        attempts=row.attempts,
        last_error=row.last_error,
        last_reply=row.last_reply,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        sent_at=row.sent_at,
        message_id=row.message_id,
    )


def pending_count(db: Database) -> int:
    """Messages waiting to go out (queued, waiting for a retry, or being sent)."""
    with db.read() as session:
        return int(
            session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.state.in_([str(s) for s in PENDING_STATES])
                )
            )
            or 0
        )


def states_of(db: Database, ids: Collection[int]) -> dict[int, OutboxState]:
    with db.read() as session:
        rows = session.execute(
            select(OutboxMessage.id, OutboxMessage.state).where(OutboxMessage.id.in_(ids))
        )
        return {row[0]: OutboxState(row[1]) for row in rows}
