"""Prepare waiting messages again ("Prepare again", `facturier outbox reprepare`): a
document's message from the document as it is now, a payment reminder from its invoices
as they are now. The new messages are held until the user resumes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from app.db.database import Database
from app.db.models import OutboxMessage
from app.errors import NotFoundError
from app.services.batch import prepare_again as prepare_documents_again
from app.services.outbox_queue import REMINDER_PURPOSE
from app.services.reminders import prepare_reminders_again


def prepare_again(db: Database, outbox_ids: Sequence[int]) -> list[tuple[int, int | None]]:
    """(old id, new id) pairs in the order given; the new id is None for a reminder whose
    invoices need it no more (paid, disputed or reminded meanwhile: the old one is gone)."""
    wanted = list(dict.fromkeys(outbox_ids))
    with db.read() as session:
        purposes = dict(
            session.execute(
                select(OutboxMessage.id, OutboxMessage.purpose).where(OutboxMessage.id.in_(wanted))
            ).all()
        )
    for outbox_id in wanted:
        if outbox_id not in purposes:
            raise NotFoundError("outbox message", id=outbox_id)
    reminders = [i for i in wanted if purposes[i] == REMINDER_PURPOSE]
    documents = [i for i in wanted if purposes[i] != REMINDER_PURPOSE]
    found: dict[int, int | None] = {}
    if documents:
        found.update(prepare_documents_again(db, documents))
    if reminders:
        found.update(prepare_reminders_again(db, reminders))
    return [(old, found[old]) for old in wanted]
