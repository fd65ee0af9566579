"""The outbox as the user sees and handles it: listing, resume, hold, resend, remove.

Sending itself is ``app.services.outbox.drain``; this module never talks to a mail server.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, or_, select, union, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.orm import defer as defer_column

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Contact, Document, OutboxDocument, OutboxMessage, Reminder
from app.domain.kinds import ContactKind
from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    HoldReason,
    OutboxState,
    Recipient,
    address_key,
    legacy_recipients,
    recipients_from_json,
)
from app.domain.recipients import ContactRow, mailing_addresses
from app.errors import FacturierError, NotFoundError

ADDRESS_SEPARATOR = ", "
# ``OutboxMessage.purpose``: the document's own message, or a payment reminder.
DOCUMENT_PURPOSE = "document"
REMINDER_PURPOSE = "reminder"
STATUS_PURPOSE = "status"  # a lifecycle status sent to the platform (e.g. "Encaissée")


class NotResendableError(FacturierError):
    code = "outbox.not_resendable"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    document_id: int
    number: str
    client_id: int
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
    updated_at: datetime | None = None
    hold_reason: HoldReason | None = None
    recipients: tuple[Recipient, ...] = ()
    # Waiting, and the client's mailing addresses are no longer those it was prepared for.
    address_changed: bool = False
    # The copy in the Sent folder (app/services/sent_copies.py): "", "pending", "done",
    # "failed", and why the last attempt failed (a stable code, e.g. "imap.auth/rejected").
    copy_state: str = ""
    copy_error: str = ""
    # A payment reminder: its level (0: the document's own message); ``number`` then names
    # every invoice it reminds.
    reminder_level: int = 0
    # "email" or "platform" (app.domain.platform.Channel); a platform item's ``to`` is the
    # client's SIREN, its ``subject`` the file's name, ``flow_id`` the platform's flow.
    channel: str = "email"
    flow_id: str = ""
    purpose: str = DOCUMENT_PURPOSE
    # Every document the message carries, in order (one e-mail for several of a client's).
    document_ids: tuple[int, ...] = ()

    @property
    def documents(self) -> tuple[int, ...]:
        return self.document_ids or (self.document_id,)

    @property
    def client_refusals(self) -> list[Recipient]:
        """The client's addresses the server refused (the message may still be sent)."""
        return [r for r in self.recipients if r.client and r.refused]

    @property
    def client_addresses(self) -> list[str]:
        return [r.address for r in self.recipients if r.client]


def split_addresses(addresses: str) -> list[str]:
    return [a for a in (p.strip() for p in addresses.split(",")) if a]


def recipients_of_row(row: OutboxMessage) -> list[Recipient]:
    if row.recipients:
        return recipients_from_json(row.recipients)
    return legacy_recipients(
        split_addresses(row.to_addrs), split_addresses(row.cc_addrs), split_addresses(row.bcc_addrs)
    )


def current_address_keys(session: Session, client_ids: Iterable[int]) -> dict[int, str]:
    """Each client's mailing addresses now, in ``address_key`` form."""
    wanted = sorted(set(client_ids))
    rows: dict[int, list[ContactRow]] = {client_id: [] for client_id in wanted}
    if wanted:
        query = (
            select(Contact.client_id, Contact.kind, Contact.value, Contact.label, Contact.mail)
            .where(Contact.client_id.in_(wanted))
            .order_by(Contact.client_id, Contact.position)
        )
        for client_id, kind, value, label, mail in session.execute(query):
            rows[client_id].append(ContactRow(ContactKind(kind), value, label, mail))
    return {client_id: address_key(mailing_addresses(found)) for client_id, found in rows.items()}


def message_documents() -> Subquery:
    """Each (``outbox_id``, ``document_id``) pair of the documents' own messages: the
    message's document, and every document of a message sent for several of them."""
    own = select(
        OutboxMessage.id.label("outbox_id"), OutboxMessage.document_id.label("document_id")
    ).where(OutboxMessage.purpose == DOCUMENT_PURPOSE)
    carried = select(OutboxDocument.outbox_id, OutboxDocument.document_id)
    return union(own, carried).subquery("message_document")


def newest_messages(document_ids: Iterable[int] | None = None) -> Subquery:
    """Each document's newest outbox message (its own, alone or with others of its
    client's; not a reminder): columns ``document_id`` and ``outbox_id``."""
    link = message_documents()
    query = select(link.c.document_id, func.max(link.c.outbox_id).label("outbox_id")).group_by(
        link.c.document_id
    )
    if document_ids is not None:
        query = query.where(link.c.document_id.in_(list(document_ids)))
    return query.subquery("newest_message")


def documents_in_state(states: Collection[OutboxState]) -> Select[tuple[int]]:
    """Documents whose newest outbox message is in one of ``states`` (SQL, for filters)."""
    newest = newest_messages()
    return (
        select(newest.c.document_id)
        .join(OutboxMessage, OutboxMessage.id == newest.c.outbox_id)
        .where(OutboxMessage.state.in_([str(s) for s in states]))
    )


def pending_documents(session: Session, document_ids: Iterable[int]) -> set[int]:
    """Documents among ``document_ids`` a waiting message of their own carries."""
    wanted = list(document_ids)
    if not wanted:
        return set()
    link = message_documents()
    return set(
        session.scalars(
            select(link.c.document_id)
            .join(OutboxMessage, OutboxMessage.id == link.c.outbox_id)
            .where(
                link.c.document_id.in_(wanted),
                OutboxMessage.state.in_([str(s) for s in PENDING_STATES]),
            )
        )
    )


def carried_documents(session: Session, outbox_ids: Iterable[int]) -> dict[int, list[int]]:
    """The documents each message sent for several of a client's carries, in order
    (messages for one document are not in the answer)."""
    wanted = list(outbox_ids)
    found: dict[int, list[int]] = {}
    if not wanted:
        return found
    query = (
        select(OutboxDocument.outbox_id, OutboxDocument.document_id)
        .where(OutboxDocument.outbox_id.in_(wanted))
        .order_by(OutboxDocument.outbox_id, OutboxDocument.position)
    )
    for outbox_id, document_id in session.execute(query):
        found.setdefault(outbox_id, []).append(document_id)
    return found


def grouped_numbers(
    session: Session, outbox_ids: Sequence[int]
) -> dict[int, tuple[tuple[int, ...], str]]:
    """Each message sent for several documents: their ids and numbers ("F-1, F-2")."""
    carried = carried_documents(session, outbox_ids)
    wanted = [d for ids in carried.values() for d in ids]
    numbers: dict[int, str] = {}
    if wanted:
        query = select(Document.id, Document.number).where(Document.id.in_(wanted))
        numbers = {doc_id: number or "" for doc_id, number in session.execute(query)}
    return {
        outbox_id: (tuple(ids), ", ".join(numbers.get(d, "") for d in ids))
        for outbox_id, ids in carried.items()
    }


def list_outbox(
    db: Database,
    *,
    include_sent: bool = False,
    ids: Sequence[int] | None = None,
    states: Collection[OutboxState] | None = None,
    copy_states: Collection[str] | None = None,
) -> list[OutboxItem]:
    """The outbox's messages (only ``ids`` / ``states`` / those whose copy in the Sent
    folder is in ``copy_states`` when given), oldest first."""
    with db.read() as session:
        query = (
            select(OutboxMessage, Document.number, Client.id, Client.name)
            .join(Document, Document.id == OutboxMessage.document_id)
            .join(Client, Client.id == Document.client_id)
            .order_by(OutboxMessage.id)
            # The prepared message with its PDF is not listed: read it only to send it.
            .options(defer_column(OutboxMessage.raw))
        )
        if not include_sent:
            query = query.where(OutboxMessage.state != str(OutboxState.SENT))
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(list(ids)))
        if states is not None:
            query = query.where(OutboxMessage.state.in_([str(s) for s in states]))
        if copy_states is not None:
            query = query.where(OutboxMessage.copy_state.in_(list(copy_states)))
        rows = list(session.execute(query))
        waiting = {cid for row, _n, cid, _c in rows if OutboxState(row.state) in PENDING_STATES}
        keys = current_address_keys(session, waiting)
        reminders = reminder_numbers(
            session, [r.id for r, *_ in rows if r.purpose == REMINDER_PURPOSE]
        )
        groups = grouped_numbers(session, [r.id for r, *_ in rows if r.purpose == DOCUMENT_PURPOSE])
        return [
            _item(
                row,
                number or "",
                client_id,
                name,
                keys.get(client_id),
                reminders.get(row.id),
                groups.get(row.id),
            )
            for row, number, client_id, name in rows
        ]


def reminder_numbers(session: Session, outbox_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """Each reminder message's level and the numbers of the invoices it reminds."""
    if not outbox_ids:
        return {}
    found: dict[int, tuple[int, list[str]]] = {}
    query = (
        select(Reminder.outbox_id, Reminder.level, Document.number)
        .join(Document, Document.id == Reminder.document_id)
        .where(Reminder.outbox_id.in_(list(outbox_ids)))
        .order_by(Reminder.outbox_id, Document.issue_date, Document.id)
    )
    for outbox_id, level, number in session.execute(query):
        if outbox_id is not None:
            found.setdefault(outbox_id, (level, []))[1].append(number or "")
    return {key: (level, ", ".join(numbers)) for key, (level, numbers) in found.items()}


def _item(
    row: OutboxMessage,
    number: str,
    client_id: int,
    client_name: str,
    key: str | None,
    reminder: tuple[int, str] | None = None,
    group: tuple[tuple[int, ...], str] | None = None,
) -> OutboxItem:
    state = OutboxState(row.state)
    level, number = reminder if reminder is not None else (0, number)
    document_ids, number = group if group is not None else ((), number)
    changed = (
        key is not None
        and state in PENDING_STATES
        and state != OutboxState.SENDING
        and bool(row.prepared_for)
        and key != row.prepared_for
    )
    return OutboxItem(
        id=row.id,
        document_id=row.document_id,
        number=number,
        client_id=client_id,
        client_name=client_name,
        state=state,
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
        updated_at=row.updated_at,
        hold_reason=HoldReason(row.hold_reason) if row.hold_reason else None,
        recipients=tuple(recipients_of_row(row)),
        address_changed=changed,
        copy_state=row.copy_state,
        copy_error=row.copy_error,
        reminder_level=level,
        channel=row.channel,
        flow_id=row.flow_id,
        purpose=row.purpose,
        document_ids=document_ids,
    )


@dataclass(frozen=True)
class OutboxCounts:
    """What waits in the outbox, for the status bar."""

    moving: int  # queued, sending, or waiting for an automatic retry
    held: int  # waits for the user ("Reprendre l'envoi"), or for the provider's day
    problems: int  # failed or uncertain, not resent
    # the earliest automatic retry (naive UTC), a provider's daily limit's end included
    next_retry_at: datetime | None
    for_day: int = 0  # among ``held``: the provider's daily limit, sent on their own when due

    @property
    def pending(self) -> int:
        return self.moving + self.held


def outbox_counts(db: Database) -> OutboxCounts:
    with db.read() as session:
        counts = dict(
            session.execute(
                select(OutboxMessage.state, func.count(OutboxMessage.id))
                .where(OutboxMessage.state != str(OutboxState.SENT))
                .group_by(OutboxMessage.state)
            ).all()
        )
        next_retry = session.scalar(
            select(func.min(OutboxMessage.next_attempt_at)).where(_waits_on_its_own())
        )
        for_day = session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.state == str(OutboxState.HELD),
                OutboxMessage.hold_reason == str(HoldReason.DAILY_LIMIT),
            )
        )
    by_state = {OutboxState(k): int(v) for k, v in counts.items()}
    return OutboxCounts(
        moving=sum(by_state.get(s, 0) for s in PENDING_STATES if s != OutboxState.HELD),
        held=by_state.get(OutboxState.HELD, 0),
        problems=sum(by_state.get(s, 0) for s in PROBLEM_STATES),
        next_retry_at=next_retry,
        for_day=int(for_day or 0),
    )


def nothing_to_send(db: Database) -> bool:
    """Nothing waits nor is being sent, and no copy to the Sent folder is pending: a
    drain would do nothing (``facturier outbox send`` from a scheduled task stops here)."""
    waiting = [str(s) for s in PENDING_STATES]
    with db.read() as session:
        found = session.scalar(
            select(OutboxMessage.id)
            .where(or_(OutboxMessage.state.in_(waiting), OutboxMessage.copy_state == "pending"))
            .limit(1)
        )
    return found is None


def pending_count(db: Database) -> int:
    """Messages waiting to go out (held, queued, waiting for a retry, or being sent)."""
    return outbox_counts(db).pending


def states_of(db: Database, ids: Collection[int]) -> dict[int, OutboxState]:
    with db.read() as session:
        rows = session.execute(
            select(OutboxMessage.id, OutboxMessage.state).where(OutboxMessage.id.in_(ids))
        )
        return {row[0]: OutboxState(row[1]) for row in rows}


# --- the user's actions --------------------------------------------------------------------


def hold(db: Database, ids: Collection[int], reason: HoldReason = HoldReason.STOPPED) -> list[int]:
    """Queued messages and waiting retries among ``ids`` wait for the user from now on."""
    if not ids:
        return []
    now = utcnow()
    with db.write() as session:
        held = list(
            session.scalars(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(list(ids)),
                    OutboxMessage.state.in_([str(OutboxState.QUEUED), str(OutboxState.RETRY_WAIT)]),
                )
                .values(
                    state=str(OutboxState.HELD),
                    hold_reason=str(reason),
                    next_attempt_at=None,
                    updated_at=now,
                )
                .returning(OutboxMessage.id)
            )
        )
    return sorted(held)


def defer(db: Database, ids: Collection[int], reason: str = "") -> list[int]:
    """Queued messages among ``ids`` could not reach the server: they wait for a retry,
    due at once (the retry timer paces attempts while the server stays unreachable)."""
    if not ids:
        return []
    now = utcnow()
    with db.write() as session:
        return sorted(
            session.scalars(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(list(ids)),
                    OutboxMessage.state == str(OutboxState.QUEUED),
                )
                .values(
                    state=str(OutboxState.RETRY_WAIT),
                    next_attempt_at=now,
                    last_error=reason,
                    updated_at=now,
                )
                .returning(OutboxMessage.id)
            )
        )


def release(db: Database, ids: Collection[int] | None = None) -> list[int]:
    """The user sends now: held messages among ``ids`` and their waiting retries are
    queued; with no ``ids``, every held message and the retries that are due. Returns the
    queued messages in that scope, oldest first, including those that already were."""
    now = utcnow()
    with db.write() as session:
        retry = OutboxMessage.state == str(OutboxState.RETRY_WAIT)
        if ids is None:
            retry = and_(retry, OutboxMessage.next_attempt_at <= now)
        stmt = update(OutboxMessage).where(or_(OutboxMessage.state == str(OutboxState.HELD), retry))
        if ids is not None:
            stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
        session.execute(
            stmt.values(
                state=str(OutboxState.QUEUED), hold_reason="", next_attempt_at=None, updated_at=now
            )
        )
        query = select(OutboxMessage.id).where(OutboxMessage.state == str(OutboxState.QUEUED))
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(list(ids)))
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def due_retries(db: Database, now: datetime | None = None) -> list[int]:
    """The automatic retry: waiting retries that are due are queued; their ids. Messages
    held for the provider's daily limit are among them once due: the user already chose
    to send them, only the provider made them wait."""
    now = now or utcnow()
    with db.write() as session:
        return sorted(
            session.scalars(
                update(OutboxMessage)
                .where(_waits_on_its_own(), OutboxMessage.next_attempt_at <= now)
                .values(
                    state=str(OutboxState.QUEUED),
                    hold_reason="",
                    next_attempt_at=None,
                    updated_at=now,
                )
                .returning(OutboxMessage.id)
            )
        )


def _waits_on_its_own() -> ColumnElement[bool]:
    """Waits for a time, not for the user: a retry, or the provider's daily limit."""
    return or_(
        OutboxMessage.state == str(OutboxState.RETRY_WAIT),
        and_(
            OutboxMessage.state == str(OutboxState.HELD),
            OutboxMessage.hold_reason == str(HoldReason.DAILY_LIMIT),
        ),
    )


def confirm_addresses(db: Database, ids: Collection[int]) -> list[int]:
    """The user sends these waiting messages to the addresses they were prepared for,
    although the client's addresses changed since."""
    if not ids:
        return []
    now = utcnow()
    with db.write() as session:
        rows = list(
            session.execute(
                select(OutboxMessage, Document.client_id)
                .join(Document, Document.id == OutboxMessage.document_id)
                .where(OutboxMessage.id.in_(list(ids)))
            )
        )
        _check_found(ids, {row.id for row, _c in rows})
        keys = current_address_keys(session, [client_id for _r, client_id in rows])
        for row, client_id in rows:
            if OutboxState(row.state) in PENDING_STATES:
                row.prepared_for = keys[client_id]
                if row.hold_reason == HoldReason.ADDRESS_CHANGED:
                    row.hold_reason = str(HoldReason.STOPPED)
                row.updated_at = now
    return sorted(ids)


def resend(db: Database, ids: Collection[int]) -> list[int]:
    """Failed or unknown messages go back in the queue, unchanged (same Message-ID)."""
    now = utcnow()
    with db.write() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all()
        found = {row.id: row for row in rows}
        _check_found(ids, set(found))
        for row in rows:
            if OutboxState(row.state) not in PROBLEM_STATES:
                raise NotResendableError(row.state, id=row.id, state=row.state)
        carried = carried_documents(session, list(found))
        documents = {r.id: carried.get(r.id, [r.document_id]) for r in rows}
        waiting = pending_documents(session, {d for docs in documents.values() for d in docs})
        for row in rows:
            if row.purpose == DOCUMENT_PURPOSE and waiting.intersection(documents[row.id]):
                # a newer message for one of its documents is already on its way
                raise NotResendableError("pending", id=row.id, state="already_pending")
            row.state = str(OutboxState.QUEUED)
            row.hold_reason = ""
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


def _check_found(wanted: Collection[int], found: set[int]) -> None:
    for message_id in wanted:
        if message_id not in found:
            raise NotFoundError("outbox message", id=message_id)


LEASE = timedelta(minutes=5)  # a claim's life; a live sender holds each claim far shorter


def take_claim(session: Session, outbox_id: int, me: str, now: datetime) -> bool:
    """Claim a queued message for sender ``me`` (one atomic conditional UPDATE); False when
    another sender was faster."""
    taken: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, OutboxMessage.state == str(OutboxState.QUEUED))
        .values(
            state=str(OutboxState.SENDING),
            claimed_by=me,
            claim_expires_at=now + LEASE,
            attempts=OutboxMessage.attempts + 1,
            updated_at=now,
        )
    )
    return taken.rowcount == 1


def unclaim(db: Database, outbox_id: int) -> None:
    """Nothing of it reached the server: back in the queue as it was."""
    with db.write() as session:
        row = session.get_one(OutboxMessage, outbox_id)
        row.state = str(OutboxState.QUEUED)
        row.claimed_by = None
        row.claim_expires_at = None
        row.attempts = max(row.attempts - 1, 0)
