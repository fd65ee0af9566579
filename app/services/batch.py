"""Preparing a batch: one outbox message per sendable document, nothing sent yet.

A prepared message is stored whole (bytes, envelope, Message-ID), so whenever and
by whichever process it is sent, it goes out exactly as prepared.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Document, OutboxDocument, OutboxMessage
from app.domain.kinds import ContactKind, CopyToSelf, DocumentKind, DocumentStatus, kind_spec
from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    HoldReason,
    OutboxState,
    Recipient,
    RecipientRole,
    address_key,
    recipients_to_json,
)
from app.domain.platform import Channel, ChannelForce
from app.domain.recipients import (
    ClientRecipients,
    ContactRow,
    SendAs,
    client_recipients,
    mailing_addresses,
)
from app.domain.skip_reasons import SkipReason as SkipReason
from app.domain.templates import (
    EmailTemplate,
    TemplateValues,
    one_line,
    paid_template,
    render_template,
)
from app.errors import (
    ArchiveTamperedError,
    FacturierError,
    HeaderInjectionError,
    InvalidAddressError,
    NotFoundError,
)
from app.mail.message import PreparedMail, build_message, envelope_address, pdf_filename
from app.pdf.ctc_rules import Problem, check_document
from app.services.attachments import (
    MessageTooLargeError,
    attachment_sizes,
    check_message_size,
    kind_files,
)
from app.services.documents import ensure_archived_pdf
from app.services.grouped_mail import build_group_mail
from app.services.outbox_queue import (
    ADDRESS_SEPARATOR,
    DOCUMENT_PURPOSE,
    NotResendableError,
    carried_documents,
    newest_messages,
    pending_documents,
    split_addresses,
)
from app.services.platform_outbox import deposit_row
from app.services.printing import print_document
from app.services.routing import document_channels, refresh_for_documents
from app.services.settings import Company, get_company
from app.services.templates import get_template


class SenderMissingError(FacturierError):
    """The sender's address is not set: nothing can be prepared."""

    code = "settings.sender_missing"


@dataclass(frozen=True)
class Skipped:
    document_id: int
    number: str
    client_id: int | None
    client_name: str
    reason: SkipReason
    detail: str = ""  # e.g. the invalid address


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
    channel: str = "email"  # app.domain.platform.Channel


@dataclass(frozen=True)
class PrepareResult:
    prepared: list[PreparedItem]
    skipped: list[Skipped]

    @property
    def outbox_ids(self) -> list[int]:
        return [item.outbox_id for item in self.prepared]


@dataclass(frozen=True)
class Choices:
    """What the user chose to include beyond the plain "not sent yet" documents."""

    already_sent: bool = True  # documents e-mailed before
    problems: bool = False  # documents whose last message failed or is uncertain
    paid: bool = True  # paid invoices
    # A client's e-mailed documents of one kind go as one message (not a "which" choice).
    one_mail_per_client: bool = False


def prepare_batch(
    db: Database,
    document_ids: Sequence[int],
    *,
    include_already_sent: bool = True,
    include_problems: bool = False,
    include_paid: bool = True,
    later: bool = False,
    channel: ChannelForce = ChannelForce.AUTO,
    group_by_client: bool = False,
) -> PrepareResult:
    """Queue one item per sendable document and channel (one transaction); report the
    others. Each invoice goes by its client's channel (``channel``: one for the batch).

    ``later``: the messages are held until the user resumes ("prepare for later").
    ``group_by_client``: the e-mails of a client's documents of one kind go as one
    message carrying them all, in the batch's order (platform deposits stay one per
    invoice; paid and unpaid invoices go apart, their texts differ).
    """
    company = get_company(db)
    if not company.sender_address:
        raise SenderMissingError("no sender address")
    refresh_for_documents(db, document_ids)
    choices = Choices(include_already_sent, include_problems, include_paid)
    ids = list(dict.fromkeys(document_ids))  # keep the user's order, drop repeats
    skipped: list[Skipped] = []
    sendable: list[int] = []
    with db.read() as session:
        documents = _load(session, ids)
        pending = _pending_documents(session, ids)
        problems = last_problems(session, ids)
        for document_id in ids:
            doc = documents.get(document_id)
            reason = _skip_reason(doc, pending, problems, choices, channel)
            if reason is not None:
                skipped.append(_skipped(document_id, doc, reason))
            else:
                sendable.append(document_id)
    # PDFs are archived first, each in its own short transaction (rendering takes time).
    # One damaged document is reported and left out; the rest of the batch goes on.
    pdfs: dict[int, bytes] = {}
    for document_id in list(sendable):
        try:
            pdfs[document_id] = ensure_archived_pdf(db, document_id)
        except ArchiveTamperedError:
            sendable.remove(document_id)
            with db.read() as session:
                doc = _load(session, [document_id]).get(document_id)
                skipped.append(_skipped(document_id, doc, SkipReason.PDF_TAMPERED))
    templates = {kind: get_template(db, kind) for kind in DocumentKind}
    prepared: list[PreparedItem] = []
    requeued: set[int] = set()  # uncertain messages put back in this batch
    # The e-mails to make: one per key (a document, or a client's documents of a kind).
    mails: dict[tuple[object, ...], list[tuple[Document, PreparedMail]]] = {}
    with db.write() as session:
        # Row locks (PostgreSQL): two workstations preparing the same document take turns.
        documents = _load(session, sendable, lock=True)
        pending = _pending_documents(session, sendable)  # another window may have queued some
        problems = last_problems(session, sendable)
        for document_id in sendable:
            doc = documents.get(document_id)
            reason = _skip_reason(doc, pending, problems, choices, channel)
            if reason is not None or doc is None:
                skipped.append(_skipped(document_id, doc, reason or SkipReason.NOT_FOUND))
                continue
            if problems.get(document_id) == OutboxState.UNKNOWN:
                again = _requeue_uncertain(session, doc, later, requeued)
                if again is not None:
                    if again.id not in requeued:  # a message for several goes back once
                        requeued.add(again.id)
                        prepared.append(_prepared_item(again, _carried(session, again)))
                    continue
            channels = document_channels(doc, channel)
            # lazy: Factur-X's XML and PDF readers (with the PDF renderer, 0.4 s) only
            # when an invoice is checked for the platform
            from app.pdf.facturx import extract_xml

            if Channel.PLATFORM in channels and extract_xml(pdfs[document_id]) is None:
                skipped.append(_skipped(document_id, doc, SkipReason.NOT_FACTURX))
                continue
            mail: PreparedMail | None = None
            if Channel.EMAIL in channels:
                template = templates[DocumentKind(doc.kind)]
                try:
                    mail = build_document_mail(company, doc, template, pdfs[document_id])
                except (InvalidAddressError, HeaderInjectionError) as error:
                    if error.data.get("field") not in ("to", "cc", "bcc"):
                        raise
                    value = str(error.data.get("value", ""))
                    skipped.append(_skipped(document_id, doc, SkipReason.INVALID_ADDRESS, value))
                    continue
                except MessageTooLargeError as error:
                    size = str(error.data["size"])
                    skipped.append(_skipped(document_id, doc, SkipReason.TOO_LARGE, size))
                    continue
            if Channel.PLATFORM in channels:
                row = deposit_row(doc, pdfs[document_id], company.siren, later)
                session.add(row)
                session.flush()
                prepared.append(_prepared_item(row, doc))
            if mail is not None:
                key: tuple[object, ...] = (doc.id,)
                if group_by_client:
                    key = (doc.client_id, doc.kind, is_paid_invoice(doc))
                mails.setdefault(key, []).append((doc, mail))
        for group in mails.values():
            docs = [doc for doc, _mail in group]
            accountant = accountant_address(company, docs[0].kind)
            grouped = _grouped(company, templates, pdfs, group)
            if grouped is None:  # together too large for providers: each goes on its own
                for doc, mail in group:
                    prepared.append(_queue(session, [doc], mail, later, accountant))
                continue
            prepared.append(_queue(session, docs, grouped, later, accountant))
    return PrepareResult(prepared, skipped)


def _grouped(
    company: Company,
    templates: dict[DocumentKind, EmailTemplate],
    pdfs: dict[int, bytes],
    group: list[tuple[Document, PreparedMail]],
) -> PreparedMail | None:
    """One e-mail for a client's documents (the first one's alone), or None when all
    together it would be over the providers' size limit."""
    docs = [doc for doc, _mail in group]
    mail = group[0][1]
    if len(docs) == 1:
        return mail
    template = templates[DocumentKind(docs[0].kind)]
    paid = is_paid_invoice(docs[0])
    mail = build_group_mail(company, docs, template, [pdfs[d.id] for d in docs], mail, paid=paid)
    try:
        check_message_size(mail)
    except MessageTooLargeError:
        return None
    return mail


def prepare_again(db: Database, outbox_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Waiting messages are made again from their documents as they are now (the client's
    current addresses, today's template); the new ones are held until the user resumes.
    Returns (old id, new id) pairs."""
    company = get_company(db)
    if not company.sender_address:
        raise SenderMissingError("no sender address")
    wanted = list(dict.fromkeys(outbox_ids))
    with db.read() as session:
        found = dict(
            session.execute(
                select(OutboxMessage.id, OutboxMessage.document_id).where(
                    OutboxMessage.id.in_(wanted)
                )
            ).all()
        )
    for outbox_id in wanted:
        if outbox_id not in found:
            raise NotFoundError("outbox message", id=outbox_id)
    with db.read() as session:
        carried = carried_documents(session, wanted)
    carries = {i: carried.get(i, [doc_id]) for i, doc_id in found.items()}
    every = list(dict.fromkeys(d for docs in carries.values() for d in docs))
    pdfs = {doc_id: ensure_archived_pdf(db, doc_id) for doc_id in every}
    templates = {kind: get_template(db, kind) for kind in DocumentKind}
    pairs: list[tuple[int, int]] = []
    with db.write() as session:
        documents = _load(session, every, lock=True)
        for outbox_id in wanted:
            row = session.get_one(OutboxMessage, outbox_id)
            if OutboxState(row.state) not in PENDING_STATES - {OutboxState.SENDING}:
                raise NotResendableError(row.state, id=outbox_id, state=row.state)
            if row.purpose != DOCUMENT_PURPOSE:  # a reminder is prepared again by `remind`
                raise NotResendableError("reminder", id=outbox_id, state="reminder")
            docs = [documents[d] for d in carries[outbox_id] if d in documents]
            doc = docs[0]
            session.delete(row)
            session.flush()  # one waiting message per document: the old one goes first
            template = templates[DocumentKind(doc.kind)]
            mail = build_document_mail(company, doc, template, pdfs[doc.id])
            if len(docs) > 1:
                paid = is_paid_invoice(doc)
                mail = build_group_mail(
                    company, docs, template, [pdfs[d.id] for d in docs], mail, paid=paid
                )
            accountant = accountant_address(company, doc.kind)
            queued = _queue(session, docs, mail, later=True, accountant=accountant)
            pairs.append((outbox_id, queued.outbox_id))
    return pairs


def recipients_of(client: Client) -> list[str]:
    """Every Mail address of the client (To and Cc): what delivery is counted against."""
    return mailing_addresses(_contact_rows(client))


def client_recipients_of(client: Client) -> ClientRecipients:
    return client_recipients(_contact_rows(client))


def _contact_rows(client: Client) -> list[ContactRow]:
    return [
        ContactRow(ContactKind(c.kind), c.value, c.label, c.mail, SendAs.of(c.send_as))
        for c in client.contacts
    ]


def accountant_address(company: Company, kind: str) -> str:
    """Where the accountant's hidden copy of a document of this kind goes ("" = none): only
    invoices and credit notes (the invoices in law), never quotes nor reminders."""
    address = company.accountant_address.strip()
    return address if address and kind_spec(kind).legal_invoice else ""


def build_document_mail(
    company: Company, doc: Document, template: EmailTemplate, pdf: bytes
) -> PreparedMail:
    """The message for one document; values never carry line breaks into the headers."""
    values = TemplateValues(
        number=doc.number or "",
        client=one_line(doc.client.name),
        amount=doc.total_incl,
        date=doc.issue_date,
        due_date=doc.due_date,
        company=one_line(company.name),
    )
    if is_paid_invoice(doc):
        template = paid_template(doc.kind)
    subject, body = render_template(template.subject, template.body, values)
    clients = client_recipients_of(doc.client)
    copy = [company.sender_address]
    cc = [*clients.cc, *(copy if company.copy_to_self == CopyToSelf.CC else ())]
    bcc = copy if company.copy_to_self == CopyToSelf.BCC else []
    accountant = accountant_address(company, doc.kind)
    # An accountant already among the recipients gets the message once, as they are.
    if accountant and accountant.casefold() not in {a.casefold() for a in (*clients.to, *cc, *bcc)}:
        bcc = [*bcc, accountant]
    mail = build_message(
        sender_name=company.display_sender_name,
        sender_address=company.sender_address,
        to=clients.to,
        cc=cc,
        bcc=bcc,
        subject=subject,
        body=body,
        pdf=pdf,
        pdf_filename=pdf_filename(doc.number or "document"),
        files=kind_attachments(doc),
    )
    check_message_size(mail)
    return mail


def kind_attachments(doc: Document) -> list[tuple[str, bytes]]:
    """The files every e-mail of the document's kind carries after its PDF (Settings ›
    E-mail templates), read in the document's own session."""
    session = object_session(doc)
    return kind_files(session, doc.kind) if session is not None else []


def _queue(
    session: Session, docs: Sequence[Document], mail: PreparedMail, later: bool, accountant: str
) -> PreparedItem:
    """Store one message for ``docs`` (one document, or several of a client's: each one
    then linked to it in order, the first one being the message's own)."""
    first = docs[0]
    row = outbox_row(first.id, recipients_of(first.client), mail, later, accountant=accountant)
    session.add(row)
    session.flush()
    if len(docs) > 1:
        for position, doc in enumerate(docs):
            session.add(OutboxDocument(outbox_id=row.id, document_id=doc.id, position=position))
        session.flush()
    return _prepared_item(row, docs)


def outbox_row(
    document_id: int,
    client_addresses: Sequence[str],
    mail: PreparedMail,
    later: bool,
    purpose: str = DOCUMENT_PURPOSE,
    *,
    accountant: str = "",
) -> OutboxMessage:
    """A prepared message as the outbox stores it: queued, or held for later; each
    envelope recipient marked as the client's or not (the Bcc ``accountant``: the
    accountant's copy); the client's addresses now."""
    now = utcnow()
    clients = {a.lower() for a in client_addresses}
    copy = envelope_address(accountant).lower() if accountant else None
    hidden = {
        a: RecipientRole.ACCOUNTANT if a.lower() == copy else RecipientRole.BCC for a in mail.bcc
    }
    recipients = [
        *(Recipient(a, RecipientRole.TO, a.lower() in clients) for a in mail.to),
        *(Recipient(a, RecipientRole.CC, a.lower() in clients) for a in mail.cc),
        *(Recipient(a, role, False) for a, role in hidden.items()),
    ]
    return OutboxMessage(
        document_id=document_id,
        purpose=purpose,
        state=str(OutboxState.HELD if later else OutboxState.QUEUED),
        hold_reason=str(HoldReason.LATER) if later else "",
        recipients=recipients_to_json(recipients),
        prepared_for=address_key(client_addresses),
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


def _prepared_item(row: OutboxMessage, doc: Document | Sequence[Document]) -> PreparedItem:
    docs = [doc] if isinstance(doc, Document) else list(doc)
    first = docs[0]
    return PreparedItem(
        outbox_id=row.id,
        document_id=first.id,
        number=", ".join(d.number or "" for d in docs),
        client_name=first.client.name,
        to=tuple(split_addresses(row.to_addrs)),
        cc=tuple(split_addresses(row.cc_addrs)),
        bcc=tuple(split_addresses(row.bcc_addrs)),
        subject=row.subject,
        attachment_name=", ".join(pdf_filename(d.number or "document") for d in docs),
        attachment_size=len(row.raw),
        channel=row.channel,
    )


def _carried(session: Session, row: OutboxMessage) -> list[Document]:
    """The documents a message carries, in order (its own one when alone)."""
    ids = carried_documents(session, [row.id]).get(row.id, [row.document_id])
    found = _load(session, ids)
    return [found[i] for i in ids if i in found]


def _requeue_uncertain(
    session: Session, doc: Document, later: bool, requeued: Collection[int]
) -> OutboxMessage | None:
    """The user resends a document whose last message may have arrived: that same message
    (same Message-ID, so mail programs can drop a duplicate) goes again, with every
    document it carries, unless the client's addresses changed since, in which case a new
    message is made (None). ``requeued``: the messages this batch already put back."""
    newest = newest_messages([doc.id])
    row = session.scalar(
        select(OutboxMessage).join(newest, newest.c.outbox_id == OutboxMessage.id).limit(1)
    )
    if row is not None and row.id in requeued:
        return row
    if row is None or row.state != OutboxState.UNKNOWN:
        return None
    if row.prepared_for and row.prepared_for != address_key(recipients_of(doc.client)):
        return None
    row.state = str(OutboxState.HELD if later else OutboxState.QUEUED)
    row.hold_reason = str(HoldReason.LATER) if later else ""
    row.next_attempt_at = None
    row.updated_at = utcnow()
    return row


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
    """Documents a waiting message carries (their own, or one for several of them)."""
    return pending_documents(session, ids)


def last_problems(session: Session, ids: Sequence[int]) -> dict[int, OutboxState]:
    """Documents among ``ids`` whose newest outbox message failed or is uncertain."""
    if not ids:
        return {}
    newest = newest_messages(ids)
    query = (
        select(newest.c.document_id, OutboxMessage.state)
        .join(OutboxMessage, OutboxMessage.id == newest.c.outbox_id)
        .where(OutboxMessage.state.in_([str(s) for s in PROBLEM_STATES]))
    )
    return {document_id: OutboxState(state) for document_id, state in session.execute(query)}


def _skip_reason(
    doc: Document | None,
    pending: set[int],
    problems: dict[int, OutboxState],
    choices: Choices,
    channel: ChannelForce = ChannelForce.AUTO,
) -> SkipReason | None:
    if doc is None:
        return SkipReason.NOT_FOUND
    if doc.status == DocumentStatus.DRAFT:
        return SkipReason.DRAFT
    if doc.id in pending:
        return SkipReason.ALREADY_PENDING
    problem = problems.get(doc.id)
    if problem is not None and not choices.problems:
        return SkipReason.UNCERTAIN if problem == OutboxState.UNKNOWN else SkipReason.FAILED
    if doc.sent_at is not None and not choices.already_sent and problem is None:
        return SkipReason.ALREADY_SENT
    if is_paid_invoice(doc) and not choices.paid:
        return SkipReason.PAID
    if Channel.EMAIL in document_channels(doc, channel) and not recipients_of(doc.client):
        return SkipReason.NO_ADDRESS
    return None


def is_paid_invoice(doc: Document) -> bool:
    """A document of a payable kind (the registry says which) already paid."""
    return kind_spec(doc.kind).payable and doc.paid_on is not None


def _skipped(
    document_id: int, doc: Document | None, reason: SkipReason, detail: str = ""
) -> Skipped:
    if doc is None:
        return Skipped(document_id, "", None, "", reason, detail)
    return Skipped(document_id, doc.number or "", doc.client_id, doc.client.name, reason, detail)


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
    paid_on: date | None = None  # a paid invoice
    problem: OutboxState | None = None  # its last message failed or is uncertain
    channels: tuple[str, ...] = ("email",)  # app.domain.platform.Channel, in order


@dataclass(frozen=True)
class NonCompliant:
    item: PlanItem
    problems: tuple[Problem, ...]  # app.ctc_text phrases each (code, data)

    @property
    def rules(self) -> tuple[str, ...]:  # e.g. ("BR-FR-11",)
        return tuple(p.rule for p in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


@dataclass(frozen=True)
class BatchPlan:
    """What the confirmation dialog shows; nothing is written to build it."""

    sendable: list[PlanItem]
    missing_address: list[PlanItem]
    pending: list[PlanItem]
    not_sendable: list[Skipped]  # drafts, deleted meanwhile
    # Invoices and credit notes whose data now breaks the checks before validation (EN
    # 16931, BR-FR): listed for the user to fix the client or settings; still sendable.

    @property
    def already_sent(self) -> list[PlanItem]:
        return [i for i in self.sendable if i.sent_at is not None and i.problem is None]

    @property
    def paid(self) -> list[PlanItem]:
        return [i for i in self.sendable if i.paid_on is not None]

    @property
    def problems(self) -> list[PlanItem]:
        """Documents only an explicit resend may send again (the client may have them)."""
        return [i for i in self.sendable if i.problem is not None]

    def channel_counts(self, choices: Choices) -> dict[str, int]:
        """How many of the documents to send go by each channel ("email", "platform");
        a document with a courtesy copy counts in both."""
        counts = {str(c): 0 for c in Channel}
        for item in self.to_send(choices):
            for channel in item.channels:
                counts[channel] = counts.get(channel, 0) + 1
        return counts

    def to_send(self, choices: Choices) -> list[PlanItem]:
        return [
            i
            for i in self.sendable
            if (choices.problems or i.problem is None)
            and (choices.already_sent or i.sent_at is None or i.problem is not None)
            and (choices.paid or i.paid_on is None)
        ]


def _broken_rules(session: Session, doc: Document) -> tuple[Problem, ...]:
    """The rules an invoice or credit note breaks today (fast: no XML, no XSD)."""
    if not kind_spec(doc.kind).legal_invoice:
        return ()
    return tuple(check_document(print_document(session, doc)))


def non_compliant_documents(
    db: Database,
    items: Sequence[PlanItem],
    cancelled: Callable[[], bool] = lambda: False,
) -> list[NonCompliant]:
    """The planned invoices and credit notes that the e-invoicing checks would refuse
    today (validated before the checks, or their data changed since): listed, still
    sendable, since their archived PDF cannot change. A few ms a document: run it off the
    GUI thread. Only a hint: once ``cancelled()``, what was found so far."""
    found: list[NonCompliant] = []
    with db.read() as session:
        documents = _load(session, [item.document_id for item in items])
        for item in items:
            if cancelled():
                break
            doc = documents.get(item.document_id)
            broken = _broken_rules(session, doc) if doc is not None else ()
            if broken:
                found.append(NonCompliant(item, broken))
    return found


def plan_batch(
    db: Database, document_ids: Sequence[int], channel: ChannelForce = ChannelForce.AUTO
) -> BatchPlan:
    """What the batch would do; the platform's directory is asked first about the clients
    whose answer is missing or old (nothing else is written)."""
    ids = list(dict.fromkeys(document_ids))
    plan = BatchPlan([], [], [], [])
    refresh_for_documents(db, ids)
    with db.read() as session:
        documents = _load(session, ids)
        pending = _pending_documents(session, ids)
        problems = last_problems(session, ids)
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
                paid_on=doc.paid_on if is_paid_invoice(doc) else None,
                problem=problems.get(doc.id),
                channels=tuple(str(c) for c in document_channels(doc, channel)),
            )
            if item.pending:
                plan.pending.append(item)
            elif not item.recipients and Channel.EMAIL in item.channels:
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
    attachments: tuple[tuple[str, int], ...] = ()  # the kind's files after the PDF: name, size


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
        attachments = attachment_sizes(kind_attachments(doc))
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
        attachments=attachments,
    )
