"""A document's key facts and its send history, for the Information dialog; for an
invoice also its payment reminders (each message's state) and the payments received.

The send history is the document's own sends: a reminder naming the invoice does not
change its envelope, it has its own rows (``ReminderEntry``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.db.models import (
    Client,
    Document,
    OutboxMessage,
    Payment,
    PdfArchive,
    Reminder,
    SendRecord,
)
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.outbox import (
    HoldReason,
    OutboxState,
    Recipient,
    RecipientRole,
    recipients_from_json,
)
from app.errors import NotFoundError
from app.services.outbox_queue import DOCUMENT_PURPOSE
from app.services.payments import PaymentRow
from app.services.platform_history import PlatformEntry, platform_events
from app.services.reports import (
    PendingSend,
    PlatformStatus,
    fully_cancelled_ids,
    pending_sends,
    platform_statuses,
)


class SendResult(StrEnum):
    """The outcome of one attempt, as the send history records it."""

    SENT = "sent"
    RETRY = "retry"  # the server asked to try again later (4xx, or connection lost)
    FAILED = "failed"  # refused for good (5xx)
    UNKNOWN = "unknown"  # the connection broke after the server had the message
    HELD = "held"  # waits for the user (not written by this version: kept for newer ones)


# One refused address in the text of rows written before recipients were recorded:
# "a@b.example (550 5.1.1 User unknown), c@d.example (550 ...)".
_LEGACY_REFUSAL = re.compile(
    r"(?:^|,\s*)(?P<address>[^\s,()]+@[^\s,()]+)\s*\((?P<reply>.*?)\)(?=,\s*[^\s,()]+@|$)"
)
_CODE = re.compile(r"^\s*(\d{3})\b")


@dataclass(frozen=True)
class SendEntry:
    at: datetime  # naive UTC
    to_addrs: str
    cc_addrs: str
    bcc_addrs: str
    subject: str
    message_id: str
    result: str  # a SendResult value (kept as text: a newer version may add results)
    server_reply: str
    refused_addrs: str
    # Each envelope recipient and the server's answer to it; () for rows written before
    # recipients were recorded (``refusals`` then reads ``refused_addrs``).
    recipients: tuple[Recipient, ...] = ()
    channel: str = "email"  # app.domain.platform.Channel value

    @property
    def refusals(self) -> list[Recipient]:
        """Every refused recipient (the client's addresses and the copies)."""
        if self.recipients:
            return [r for r in self.recipients if r.refused]
        return legacy_refusals(self.refused_addrs, self.to_addrs)

    @property
    def client_refusals(self) -> list[Recipient]:
        """The client's addresses the server refused."""
        return [r for r in self.refusals if r.client]


def legacy_refusals(refused_addrs: str, to_addrs: str) -> list[Recipient]:
    """Refused recipients read from the text of an older history row. Before recipients
    were recorded, To held the client's addresses (Cc and Bcc only the copy to self)."""
    clients = {a.strip().lower() for a in to_addrs.split(",") if a.strip()}
    found: list[Recipient] = []
    for match in _LEGACY_REFUSAL.finditer(refused_addrs.strip()):
        address, reply = match.group("address"), match.group("reply").strip()
        code = _CODE.match(reply)
        client = address.lower() in clients
        role = RecipientRole.TO if client else RecipientRole.CC
        found.append(
            Recipient(address, role, client, code=int(code.group(1)) if code else 0, reply=reply)
        )
    return found


@dataclass(frozen=True)
class DocumentFacts:
    id: int
    kind: DocumentKind
    number: str | None
    status: DocumentStatus
    client_id: int
    client_name: str
    issue_date: date
    due_date: date | None
    validity_date: date | None
    delivery_date: date | None
    validated_at: datetime | None
    total_excl: Decimal
    total_vat: Decimal
    total_incl: Decimal
    paid_on: date | None
    pdf_size: int | None  # bytes of the archived PDF; None: not archived yet
    sent_at: datetime | None
    sent_to: str
    pending: PendingSend | None
    # What the archived PDF carries: the Factur-X profile as the factur-x library names it
    # ("en16931", "basic", "basicwl"), None for a plain PDF (or none archived yet); and
    # why it is less than EN 16931, or plain (stable codes: app.domain.facturx_codes).
    facturx_profile: str | None = None
    facturx_reasons: tuple[str, ...] = ()
    platform: PlatformStatus | None = None  # deposited on the approved platform
    cancelled: bool = False  # an invoice fully cancelled by validated credit notes

    @property
    def has_archived_pdf(self) -> bool:
        return self.pdf_size is not None


@dataclass(frozen=True)
class ReminderEntry:
    """One payment reminder of the invoice, and where its message is."""

    level: int
    level_name: str
    prepared_at: datetime  # naive UTC
    sent_at: datetime | None
    amount_due: Decimal  # what it asked for
    state: OutboxState | None  # the message's; None: the message was deleted since
    hold_reason: HoldReason | None
    last_error: str  # why it failed or was withdrawn (WITHDRAWN_PAID, WITHDRAWN_DISPUTED)
    last_reply: str
    to_addrs: str
    cc_addrs: str
    attempts: int


@dataclass(frozen=True)
class DocumentInfo:
    facts: DocumentFacts
    history: tuple[SendEntry, ...]  # newest first
    reminders: tuple[ReminderEntry, ...] = ()  # newest first
    payments: tuple[PaymentRow, ...] = ()  # oldest first
    platform: tuple[PlatformEntry, ...] = ()  # its statuses on the platform, newest first


def document_info(db: Database, document_id: int) -> DocumentInfo:
    """Key facts and the whole send history, read in one transaction."""
    with db.read() as session:
        row = session.execute(
            select(Document, Client.name, PdfArchive.size)
            .join(Client, Client.id == Document.client_id)
            .outerjoin(PdfArchive, PdfArchive.sha256 == Document.pdf_sha256)
            .where(Document.id == document_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError("document", id=document_id)
        doc, client_name, pdf_size = row
        facts = DocumentFacts(
            id=doc.id,
            kind=DocumentKind(doc.kind),
            number=doc.number,
            status=DocumentStatus(doc.status),
            client_id=doc.client_id,
            client_name=client_name,
            issue_date=doc.issue_date,
            due_date=doc.due_date,
            validity_date=doc.validity_date,
            delivery_date=doc.delivery_date,
            validated_at=doc.validated_at,
            total_excl=doc.total_excl,
            total_vat=doc.total_vat,
            total_incl=doc.total_incl,
            paid_on=doc.paid_on,
            pdf_size=pdf_size,
            sent_at=doc.sent_at,
            sent_to=doc.sent_to,
            pending=pending_sends(session, [doc.id]).get(doc.id),
            facturx_profile=doc.facturx_profile if pdf_size is not None else None,
            facturx_reasons=tuple(doc.facturx_reasons.split()) if pdf_size is not None else (),
            platform=platform_statuses(
                session, {doc.id: (doc.platform_status, doc.platform_status_at)}
            ).get(doc.id)
            if doc.platform_status
            else None,
            cancelled=session.scalar(fully_cancelled_ids([doc.id])) is not None,
        )
        history = tuple(_history(session, document_id))
        reminders = tuple(_reminders(session, document_id))
        payments = tuple(
            PaymentRow(p.id, p.paid_on, Decimal(p.amount), p.method)
            for p in session.scalars(
                select(Payment)
                .where(Payment.document_id == document_id)
                .order_by(Payment.paid_on, Payment.id)
            )
        )
        platform = tuple(platform_events(session, document_id))
    return DocumentInfo(
        facts=facts, history=history, reminders=reminders, payments=payments, platform=platform
    )


def _reminders(session: Session, document_id: int) -> list[ReminderEntry]:
    rows = session.execute(
        select(
            Reminder,
            OutboxMessage.state,
            OutboxMessage.hold_reason,
            OutboxMessage.last_error,
            OutboxMessage.last_reply,
            OutboxMessage.to_addrs,
            OutboxMessage.cc_addrs,
            OutboxMessage.attempts,
            OutboxMessage.sent_at,
        )
        .outerjoin(OutboxMessage, OutboxMessage.id == Reminder.outbox_id)
        .where(Reminder.document_id == document_id)
        .order_by(Reminder.created_at.desc(), Reminder.id.desc())
    )
    return [
        ReminderEntry(
            level=r.level,
            level_name=r.level_name,
            prepared_at=r.created_at,
            sent_at=r.sent_at or message_sent,
            amount_due=Decimal(r.amount_due),
            state=OutboxState(state) if state in set(OutboxState) else None,
            hold_reason=HoldReason(hold) if hold in set(HoldReason) else None,
            last_error=error or "",
            last_reply=reply or "",
            to_addrs=to or "",
            cc_addrs=cc or "",
            attempts=attempts or 0,
        )
        for r, state, hold, error, reply, to, cc, attempts, message_sent in rows
    ]


def _history(session: Session, document_id: int) -> list[SendEntry]:
    records = session.scalars(
        select(SendRecord)
        .where(SendRecord.document_id == document_id, SendRecord.purpose == DOCUMENT_PURPOSE)
        .order_by(SendRecord.at.desc(), SendRecord.id.desc())
    )
    return [
        SendEntry(
            at=r.at,
            to_addrs=r.to_addrs,
            cc_addrs=r.cc_addrs,
            bcc_addrs=r.bcc_addrs,
            subject=r.subject,
            message_id=r.message_id,
            result=r.result,
            server_reply=r.server_reply,
            refused_addrs=r.refused_addrs,
            recipients=tuple(recipients_from_json(r.recipients)),
            channel=r.channel,
        )
        for r in records
    ]
