"""The copies in the Sent folder: the outbox's step after the send (IMAP APPEND).

When the SMTP server accepted a message and the settings want a copy
(``app.mail.imap_copy.copy_wanted``), the drain marks the message's ``copy_state``
"pending" in the transaction that marks it sent. ``copy_pending`` then files each due
copy over one IMAP connection: "done", or, on failure, one more attempt counted, the
reason kept (a stable code, never the server's text) and the next attempt set with a
back-off; after ``MAX_ATTEMPTS`` the copy is "failed" until the user retries it
(``retry_copies``). Nothing here ever sends the e-mail again: it was delivered.

Each copy is claimed by a conditional UPDATE (its next attempt moved a lease ahead) so
two programs draining the same database do not file it twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import CursorResult

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import OutboxMessage
from app.errors import FacturierError
from app.mail.imap_copy import (
    ImapAppendRefusedError,
    ImapError,
    ImapSession,
    copy_wanted,
    imap_account_of,
    open_imap,
)
from app.services.settings import get_company

__all__ = [
    "MAX_ATTEMPTS",
    "CopyResult",
    "CopyState",
    "copy_delay_seconds",
    "copy_pending",
    "copy_retriable",
    "error_code",
    "retry_copies",
]

MAX_ATTEMPTS = 5
LEASE = timedelta(minutes=5)  # a claimed copy is left to its taker this long


class CopyState:
    """Values of ``outbox_message.copy_state``."""

    NONE = ""  # no copy wanted
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"  # MAX_ATTEMPTS tried: waits for the user's retry


@dataclass
class CopyResult:
    done: list[int] = field(default_factory=list)  # outbox ids filed in the Sent folder
    waiting: list[int] = field(default_factory=list)  # failed this time, tried again later
    failed: list[int] = field(default_factory=list)  # failed for good (until retried)
    error: ImapError | None = None  # the last problem met (connection, login, folder...)
    folder: str = ""  # the Sent folder used

    @property
    def tried(self) -> int:
        return len(self.done) + len(self.waiting) + len(self.failed)


def copy_delay_seconds(attempts: int) -> int:
    """Back-off after a failed copy: 1, 4, 16, 64 minutes..., capped at six hours."""
    return int(min(60 * 4 ** max(attempts - 1, 0), 6 * 3600))


def error_code(error: FacturierError) -> str:
    """What ``copy_error`` keeps: ``code/reason`` (e.g. "imap.auth/rejected")."""
    reason = error.data.get("reason")
    return f"{error.code}/{reason}" if reason else error.code


def _due(db: Database, now: datetime, ids: Collection[int] | None) -> list[int]:
    with db.read() as session:
        query = (
            select(OutboxMessage.id)
            .where(OutboxMessage.copy_state == CopyState.PENDING)
            .where(or_(OutboxMessage.copy_next_at.is_(None), OutboxMessage.copy_next_at <= now))
            .order_by(OutboxMessage.id)
        )
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(list(ids)))
        return list(session.scalars(query))


def _claim(db: Database, outbox_id: int, now: datetime) -> tuple[bytes, datetime] | None:
    """Take one due copy (its next attempt moved a lease ahead): its bytes and sending
    time, or None when another program took it or it is no longer due."""
    with db.write() as session:
        taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(OutboxMessage)
            .where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.copy_state == CopyState.PENDING,
                or_(OutboxMessage.copy_next_at.is_(None), OutboxMessage.copy_next_at <= now),
            )
            .values(copy_next_at=now + LEASE)
        )
        if taken.rowcount != 1:
            return None
        row = session.get_one(OutboxMessage, outbox_id)
        return bytes(row.raw), row.sent_at or row.updated_at or now


def _drop(db: Database, ids: list[int]) -> None:
    with db.write() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.copy_state == CopyState.PENDING)
            .values(copy_state=CopyState.NONE, copy_next_at=None)
        )


def _record_done(db: Database, outbox_id: int) -> None:
    with db.write() as session:
        row = session.get_one(OutboxMessage, outbox_id)
        row.copy_state, row.copy_error, row.copy_next_at = CopyState.DONE, "", None


def _record_failure(db: Database, outbox_id: int, error: ImapError, now: datetime) -> bool:
    """One more failed attempt; True when the copy is now failed for good."""
    with db.write() as session:
        row = session.get_one(OutboxMessage, outbox_id)
        row.copy_attempts += 1
        row.copy_error = error_code(error)
        if row.copy_attempts >= MAX_ATTEMPTS:
            row.copy_state, row.copy_next_at = CopyState.FAILED, None
            return True
        row.copy_next_at = now + timedelta(seconds=copy_delay_seconds(row.copy_attempts))
        return False


def copy_pending(
    db: Database,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
    now: datetime | None = None,
    ids: Collection[int] | None = None,
) -> CopyResult:
    """File every due pending copy (only ``ids`` when given) in the Sent folder, over
    one IMAP connection opened only when one is due. ``progress(done, total)`` after each.

    A problem with the connection, the login or the folder counts one failed attempt for
    each due copy and stops; a message the server refuses counts for that one only.
    Never raises an ``ImapError``: it is in ``result.error`` and in each ``copy_error``.
    """
    result = CopyResult()
    now = now or utcnow()
    due = _due(db, now, ids)
    if not due:
        return result
    company = get_company(db)
    if not copy_wanted(company):
        _drop(db, due)  # the user turned the copies off since (or the provider files them)
        return result
    session: ImapSession | None = None
    try:
        for position, outbox_id in enumerate(due, start=1):
            if cancel is not None and cancel.is_set():
                break
            claimed = _claim(db, outbox_id, now)
            if claimed is None:
                continue
            raw, sent_at = claimed
            try:
                if session is None:
                    session = open_imap(imap_account_of(company, timeout))
                result.folder = session.append(raw, sent_at)
            except ImapError as error:
                result.error = error
                stop = not isinstance(error, ImapAppendRefusedError)
                # The connection is no use for the rest: each due copy counts this attempt.
                for failed_id in [outbox_id, *(due[position:] if stop else [])]:
                    if failed_id != outbox_id and _claim(db, failed_id, now) is None:
                        continue
                    gone = _record_failure(db, failed_id, error, now)
                    (result.failed if gone else result.waiting).append(failed_id)
                if stop:
                    break
                continue
            _record_done(db, outbox_id)
            result.done.append(outbox_id)
            if progress is not None:
                progress(result.tried, len(due))
    finally:
        if session is not None:
            session.close()
    return result


def copy_retriable(db: Database, ids: Collection[int]) -> list[int]:
    """Those of ``ids`` whose copy the user can retry (failed, or pending and waiting)."""
    with db.read() as session:
        return sorted(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.id.in_(list(ids)),
                    OutboxMessage.copy_state.in_([CopyState.FAILED, CopyState.PENDING]),
                )
            )
        )


def retry_copies(db: Database, ids: Collection[int]) -> list[int]:
    """The user retries these copies (failed, or pending and waiting): due now, with
    their attempts counted afresh. The ids that will be retried."""
    with db.write() as session:
        rows = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.id.in_(list(ids)),
                OutboxMessage.copy_state.in_([CopyState.FAILED, CopyState.PENDING]),
            )
        ).all()
        for row in rows:
            row.copy_state, row.copy_attempts, row.copy_next_at = CopyState.PENDING, 0, None
        return sorted(row.id for row in rows)
