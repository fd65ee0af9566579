"""Withdrawing payment reminders that should no longer leave: their invoice was paid,
credited or disputed while the reminder waited in the outbox (held, queued or waiting for
a retry). A message being sent right now is left alone: it is already on the wire.

The whole message is withdrawn even when it reminds other invoices too: it would name an
invoice the client no longer owes. Its other invoices become due for a reminder again and
the next ``remind`` prepares a message without it.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.models import OutboxMessage, Reminder
from app.domain.outbox import OutboxState

# Why a reminder was withdrawn (``outbox_message.last_error``).
WITHDRAWN_PAID = "withdrawn: paid"
WITHDRAWN_DISPUTED = "withdrawn: disputed"
_WITHDRAWABLE = (OutboxState.HELD, OutboxState.QUEUED, OutboxState.RETRY_WAIT)


def withdraw_reminders(session: Session, document_ids: Collection[int], reason: str) -> list[int]:
    """Cancel the waiting reminder messages that name any of ``document_ids``; returns
    their outbox ids. Runs inside the caller's transaction."""
    if not document_ids:
        return []
    rows = session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.id.in_(
                select(Reminder.outbox_id).where(Reminder.document_id.in_(list(document_ids)))
            ),
            OutboxMessage.state.in_([str(s) for s in _WITHDRAWABLE]),
        )
        .with_for_update()
    ).all()
    now = utcnow()
    for row in rows:
        row.state = str(OutboxState.CANCELLED)
        row.hold_reason = ""
        row.next_attempt_at = None
        row.last_error = reason
        row.updated_at = now
    return [row.id for row in rows]
