"""Preparing a batch: one outbox message per sendable document, nothing sent yet.

A prepared message is stored whole (bytes, envelope, Message-ID), so whenever and
by whichever process it is sent, it goes out exactly as prepared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Document, OutboxMessage
from app.domain.kinds import ContactKind, CopyToSelf, DocumentKind, DocumentStatus
from app.domain.outbox import PENDING_STATES, OutboxState
from app.domain.recipients import ContactRow, mailing_addresses
from app.errors import FacturierError, NotFoundError
from app.mail.message import PreparedMail, build_message, pdf_filename
from app.mail.templates import EmailTemplate, TemplateValues, render_template
from app.services.documents import ensure_archived_pdf
from app.services.settings import Company, get_company
from app.services.templates import get_template

ADDRESS_SEPARATOR = ", "
_WHITESPACE = re.compile(r"\s+")


class SenderMissingError(FacturierError):
    """The sender's address is not set: nothing can be prepared."""

    code = "settings.sender_missing"


class SkipReason(StrEnum):
    NO_ADDRESS = "no_address"  # the client has no e-Mail row with Mail ticked
    DRAFT = "draft"  # only validated documents are sent
    NOT_FOUND = "not_found"  # deleted meanwhile
    ALREADY_PENDING = "already_pending"  # a message for it is already waiting in the outbox
    ALREADY_SENT = "already_sent"  # sent before, and the user chose to leave those out


@dataclass(frozen=True)
class Skipped:
    document_id: int
    number: str
    client_id: int | None
    client_name: str
    reason: SkipReason


@dataclass(frozen=True)
class PreparedItem:
    outbox_id: int
    document_id: int
    number: str
    client_name: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    subject: str
    attachment_name: str
    attachment_size: int


@dataclass(frozen=True)
class PrepareResult:
    prepared: list[PreparedItem]
    skipped: list[Skipped]

    @property
    def outbox_ids(self) -> list[int]:
        return [item.outbox_id for item in self.prepared]


def prepare_batch(
    db: Database, document_ids: Sequence[int], *, include_already_sent: bool = True
) -> PrepareResult:
    """Queue one message per sendable document (one transaction); report the others."""
    company = get_company(db)
    if not company.sender_address:
        raise SenderMissingError("no sender address")
    ids = list(dict.fromkeys(document_ids))  # keep the user's order, drop repeats
    skipped: list[Skipped] = []
    sendable: list[int] = []
    with db.read() as session:
        documents = _load(session, ids)
        pending = _pending_documents(session, ids)
        for document_id in ids:
            doc = documents.get(document_id)
            reason = _skip_reason(doc, pending, include_already_sent)
            if reason is not None:
                skipped.append(_skipped(document_id, doc, reason))
            else:
                sendable.append(document_id)
    # PDFs are archived first, each in its own short transaction (rendering takes time).
    pdfs = {document_id: ensure_archived_pdf(db, document_id) for document_id in sendable}
    templates = {kind: get_template(db, kind) for kind in DocumentKind}
    prepared: list[PreparedItem] = []
    with db.write() as session:
        # Row locks (PostgreSQL): two workstations preparing the same document take turns.
        documents = _load(session, sendable, lock=True)
        pending = _pending_documents(session, sendable)  # another window may have queued some
        for document_id in sendable:
            doc = documents.get(document_id)
            reason = _skip_reason(doc, pending, include_already_sent)
            if reason is not None or doc is None:
                skipped.append(_skipped(document_id, doc, reason or SkipReason.NOT_FOUND))
                continue
            template = templates[DocumentKind(doc.kind)]
            mail = build_document_mail(company, doc, template, pdfs[document_id])
            prepared.append(_queue(session, doc, mail))
    return PrepareResult(prepared, skipped)


def recipients_of(client: Client) -> list[str]:
    return mailing_addresses(
        ContactRow(ContactKind(c.kind), c.value, c.label, c.mail) for c in client.contacts
    )


def build_document_mail(
    company: Company, doc: Document, template: EmailTemplate, pdf: bytes
) -> PreparedMail:
    """The message for one document; values never carry line breaks into the headers."""
    values = TemplateValues(
        number=doc.number or "",
        client=_one_line(doc.client.name),
        amount=doc.total_incl,
        date=doc.issue_date,
        due_date=doc.due_date,
        company=_one_line(company.name),
    )
    subject, body = render_template(template.subject, template.body, values)
    copy = [company.sender_address]
    return build_message(
        sender_name=company.display_sender_name,
        sender_address=company.sender_address,
        to=recipients_of(doc.client),
        cc=copy if company.copy_to_self == CopyToSelf.CC else (),
        bcc=copy if company.copy_to_self == CopyToSelf.BCC else (),
        subject=subject,
        body=body,
        pdf=pdf,
        pdf_filename=pdf_filename(doc.number or "document"),
    )


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _queue(session: Session, doc: Document, mail: PreparedMail) -> PreparedItem:
    now = utcnow()
    row = OutboxMessage(
        document_id=doc.id,
        state=str(OutboxState.QUEUED),
        message_id=mail.message_id,
        envelope_from=mail.envelope_from,
        to_addrs=ADDRESS_SEPARATOR.join(mail.to),
        cc_addrs=ADDRESS_SEPARATOR.join(mail.cc),
        bcc_addrs=ADDRESS_SEPARATOR.join(mail.bcc),
        subject=mail.subject,
        raw=mail.raw,
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    name = pdf_filename(doc.number or "document")
    return PreparedItem(
        outbox_id=row.id,
        document_id=doc.id,
        number=doc.number or "",
        client_name=doc.client.name,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        subject=mail.subject,
        attachment_name=name,
        attachment_size=len(mail.raw),
    )


def _load(session: Session, ids: list[int], lock: bool = False) -> dict[int, Document]:
    if not ids:
        return {}
    query = (
        select(Document)
        .where(Document.id.in_(ids))
        .options(selectinload(Document.client).selectinload(Client.contacts))
    )
    if lock:  # in id order, so two preparers can never deadlock
        query = query.order_by(Document.id).with_for_update(of=Document)
    rows = session.scalars(query)
    return {row.id: row for row in rows}


def _pending_documents(session: Session, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    states = [str(s) for s in PENDING_STATES]
    return set(
        session.scalars(
            select(OutboxMessage.document_id).where(
                OutboxMessage.document_id.in_(ids), OutboxMessage.state.in_(states)
            )
        )
    )


def _skip_reason(
    doc: Document | None, pending: set[int], include_already_sent: bool
) -> SkipReason | None:
    if doc is None:
        return SkipReason.NOT_FOUND
    if doc.status == DocumentStatus.DRAFT:
        return SkipReason.DRAFT
    if doc.id in pending:
        return SkipReason.ALREADY_PENDING
    if doc.sent_at is not None and not include_already_sent:
        return SkipReason.ALREADY_SENT
    if not recipients_of(doc.client):
        return SkipReason.NO_ADDRESS
    return None


def _skipped(document_id: int, doc: Document | None, reason: SkipReason) -> Skipped:
    if doc is None:
        return Skipped(document_id, "", None, "", reason)
    return Skipped(document_id, doc.number or "", doc.client_id, doc.client.name, reason)


@dataclass(frozen=True)
class PlanItem:
    document_id: int
    number: str
    client_id: int
    client_name: str
    recipients: tuple[str, ...]
    sent_at: datetime | None  # last successful send, if any
    sent_to: str
    pending: bool  # a message for it is already waiting in the outbox


@dataclass(frozen=True)
class BatchPlan:
    """What the confirmation dialog shows; nothing is written to build it."""

    sendable: list[PlanItem]
    missing_address: list[PlanItem]
    pending: list[PlanItem]
    not_sendable: list[Skipped]  # drafts, deleted meanwhile

    @property
    def already_sent(self) -> list[PlanItem]:
        return [item for item in self.sendable if item.sent_at is not None]


def plan_batch(db: Database, document_ids: Sequence[int]) -> BatchPlan:
    ids = list(dict.fromkeys(document_ids))
    plan = BatchPlan([], [], [], [])
    with db.read() as session:
        documents = _load(session, ids)
        pending = _pending_documents(session, ids)
        for document_id in ids:
            doc = documents.get(document_id)
            if doc is None or doc.status == DocumentStatus.DRAFT:
                reason = SkipReason.NOT_FOUND if doc is None else SkipReason.DRAFT
                plan.not_sendable.append(_skipped(document_id, doc, reason))
                continue
            item = PlanItem(
                document_id=doc.id,
                number=doc.number or "",
                client_id=doc.client_id,
                client_name=doc.client.name,
                recipients=tuple(recipients_of(doc.client)),
                sent_at=doc.sent_at,
                sent_to=doc.sent_to,
                pending=doc.id in pending,
            )
            if item.pending:
                plan.pending.append(item)
            elif not item.recipients:
                plan.missing_address.append(item)
            else:
                plan.sendable.append(item)
    return plan


@dataclass(frozen=True)
class MessagePreview:
    document_id: int
    number: str
    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    subject: str
    body: str
    attachment_name: str
    attachment_size: int


def preview_message(db: Database, document_id: int) -> MessagePreview:
    """The message exactly as it would be prepared now (its PDF is archived if needed)."""
    company = get_company(db)
    if not company.sender_address:
        raise SenderMissingError("no sender address")
    pdf = ensure_archived_pdf(db, document_id)
    with db.read() as session:
        doc = _load(session, [document_id]).get(document_id)
        if doc is None:
            raise NotFoundError("document", id=document_id)
        template = get_template(db, DocumentKind(doc.kind))
        mail = build_document_mail(company, doc, template, pdf)
    message = mail.message
    body = message.get_body(("plain",))
    return MessagePreview(
        document_id=document_id,
        number=doc.number or "",
        sender=str(message["From"]),
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        subject=mail.subject,
        body=body.get_content() if body is not None else "",  # type: ignore[attr-defined]
        attachment_name=pdf_filename(doc.number or "document"),
        attachment_size=len(pdf),
    )
