"""Payment reminders ("relances"): which invoices are overdue and at which level, what is
due today, and preparing reminders into the outbox, where the same drain as the documents
sends them with the same guarantees (stored bytes, one Message-ID, never twice).

Rules (docs/REMINDERS.md): a reminder never goes for an invoice that is paid, credited in
full, disputed, or not yet due; the levels follow one another (``app.domain.reminders``);
an (invoice, level) waiting, sent, or whose message may have arrived is never prepared
again. One e-mail per client and level groups its invoices (or one per invoice, a
setting). A reminder leaves the invoice's own "sent" envelope alone: its messages have
``purpose = "reminder"`` and each invoice it names has a ``reminder`` row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Client, Document, OutboxMessage, Reminder
from app.domain.formatting import format_amount, format_date
from app.domain.kinds import CopyToSelf, DocumentStatus, credit_codes
from app.domain.outbox import (
    PENDING_STATES,
    HoldReason,
    OutboxState,
)
from app.domain.reform import ClientType
from app.domain.reminders import (
    LevelSpec,
    days_late,
    late_penalties,
    next_level,
    penalty_rate,
    recovery_indemnity,
)
from app.domain.status import kind_codes_where
from app.domain.templates import TemplateValues, one_line, render_template
from app.errors import NotFoundError
from app.mail.message import PreparedMail, build_message
from app.pdf.reminder_model import FormalNotice, NoticeLine, Statement, StatementLine
from app.services.batch import (
    MessagePreview,
    PreparedItem,
    PrepareResult,
    SenderMissingError,
    Skipped,
    SkipReason,
    client_recipients_of,
    outbox_row,
    recipients_of,
)
from app.services.outbox_queue import (
    REMINDER_PURPOSE,
    NotResendableError,
    split_addresses,
)
from app.services.payments import SLACK, ZERO, credited_amounts, left_to_pay, received_amounts
from app.services.printing import print_client, print_company
from app.services.reminder_levels import load_levels
from app.services.settings import Company, company_from_row, settings_row


def payable_codes() -> tuple[str, ...]:
    return kind_codes_where("payable")


# An (invoice, level) whose message is in one of these is taken: never prepared again.
_TAKEN_STATES = frozenset({*PENDING_STATES, OutboxState.SENT, OutboxState.UNKNOWN})
STATEMENT_FILE = "releve-de-compte.pdf"
LETTER_FILE = "mise-en-demeure.pdf"


@dataclass(frozen=True)
class OverdueInvoice:
    """One unpaid invoice past its due date, and where its reminders stand."""

    document_id: int
    number: str
    client_id: int
    client_name: str
    business: bool
    issue_date: date
    due_date: date
    total: Decimal  # incl. VAT
    settled: Decimal  # payments and credit notes so far
    left: Decimal  # left to pay
    days_late: int
    penalties: Decimal  # at the company's rate, to today (business clients)
    indemnity: Decimal  # the 40 € recovery indemnity (business clients)
    level_reached: int  # the highest level sent (0: none)
    level_reached_name: str
    last_reminder_at: datetime | None  # naive UTC
    next_level: LevelSpec | None  # None: every level was sent
    next_due_on: date | None
    due_now: bool  # its next level is due today and nothing of it waits or is uncertain
    pending: bool  # a reminder for it waits in the outbox
    uncertain: bool  # its last reminder's message may have arrived (not resent)
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class ReminderGroup:
    """One reminder e-mail: a client's invoices at one level."""

    client_id: int
    client_name: str
    level: LevelSpec
    invoices: tuple[OverdueInvoice, ...]  # oldest due date first
    recipients: tuple[str, ...]

    @classmethod
    def of(cls, invoices: Sequence[OverdueInvoice], level: LevelSpec) -> ReminderGroup:
        """One client's invoices at ``level`` (their client and addresses: the first's)."""
        first = invoices[0]
        return cls(first.client_id, first.client_name, level, tuple(invoices), first.recipients)

    @property
    def anchor(self) -> int:
        """The document the outbox message hangs on: the first invoice."""
        return self.invoices[0].document_id

    @property
    def numbers(self) -> str:
        return ", ".join(i.number for i in self.invoices)

    @property
    def document_ids(self) -> tuple[int, ...]:
        return tuple(i.document_id for i in self.invoices)

    @property
    def left(self) -> Decimal:
        return sum((i.left for i in self.invoices), ZERO)


@dataclass(frozen=True)
class ReminderPlan:
    """What ``remind`` would do today; nothing is written to build it."""

    groups: list[ReminderGroup] = field(default_factory=list)  # to send
    missing_address: list[ReminderGroup] = field(default_factory=list)
    pending: list[OverdueInvoice] = field(default_factory=list)  # waiting in the outbox
    not_due: list[OverdueInvoice] = field(default_factory=list)  # next level not due yet


def overdue_invoices(
    db: Database,
    today: date | None = None,
    *,
    client_id: int | None = None,
    document_ids: Sequence[int] | None = None,
) -> list[OverdueInvoice]:
    """The overdue invoices that may still be reminded, oldest due date first."""
    today = today or date.today()
    with db.read() as session:
        return _overdue(session, today, client_id=client_id, document_ids=document_ids)


def _overdue(
    session: Session,
    today: date,
    *,
    client_id: int | None = None,
    document_ids: Sequence[int] | None = None,
    lock: bool = False,
) -> list[OverdueInvoice]:
    settings = settings_row(session)
    company = company_from_row(settings)
    levels = load_levels(session)
    query = (
        select(Document)
        .where(
            Document.kind.in_(payable_codes()),
            Document.status == str(DocumentStatus.VALIDATED),
            Document.paid_on.is_(None),
            Document.disputed.is_(False),
            Document.due_date.is_not(None),
            Document.due_date < today,
        )
        .options(selectinload(Document.client).selectinload(Client.contacts))
        .order_by(Document.due_date, Document.id)
    )
    if client_id is not None:
        query = query.where(Document.client_id == client_id)
    if document_ids is not None:
        query = query.where(Document.id.in_(list(document_ids)))
    if lock:  # in id order (PostgreSQL): two preparers take turns, never deadlock
        query = query.with_for_update(of=Document)
    documents = list(session.scalars(query))
    ids = [d.id for d in documents]
    received = received_amounts(session, ids)
    credited = credited_amounts(session, ids)
    history = _reminder_history(session, ids)
    rate = penalty_rate(company.late_penalty_rate, company.legal_interest_rate)
    found: list[OverdueInvoice] = []
    for doc in documents:
        assert doc.due_date is not None  # filtered above
        got, credit = received.get(doc.id, ZERO), credited.get(doc.id, ZERO)
        left = left_to_pay(doc.total_incl, got, credit, None)
        if left <= SLACK:
            continue  # paid by its payments or credited in full
        business = doc.client.client_type != ClientType.PRIVATE
        late = days_late(doc.due_date, today)
        past = history.get(doc.id, _History())
        following = next_level(levels, doc.due_date, past.sent_days)
        reached = max(past.sent_days, default=0)
        waiting = following.level is not None and following.level.position in past.taken
        found.append(
            OverdueInvoice(
                document_id=doc.id,
                number=doc.number or "",
                client_id=doc.client_id,
                client_name=doc.client.name,
                business=business,
                issue_date=doc.issue_date,
                due_date=doc.due_date,
                total=Decimal(doc.total_incl),
                settled=got + credit,
                left=left,
                days_late=late,
                penalties=late_penalties(left, rate, doc.due_date, today) if business else ZERO,
                indemnity=recovery_indemnity(business, late),
                level_reached=reached,
                level_reached_name=past.names.get(reached, ""),
                last_reminder_at=past.last_sent_at,
                next_level=following.level,
                next_due_on=following.due_on,
                due_now=following.is_due(today) and not waiting,
                pending=past.pending,
                uncertain=past.uncertain,
                recipients=tuple(recipients_of(doc.client)),
            )
        )
    return found


@dataclass
class _History:
    sent_days: dict[int, date] = field(default_factory=dict)  # level -> day sent
    names: dict[int, str] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)  # levels waiting, sent or uncertain
    last_sent_at: datetime | None = None
    pending: bool = False
    uncertain: bool = False


def _reminder_history(session: Session, ids: Sequence[int]) -> dict[int, _History]:
    if not ids:
        return {}
    query = (
        select(Reminder.document_id, Reminder.level, Reminder.level_name, Reminder.sent_at)
        .add_columns(OutboxMessage.state)
        .outerjoin(OutboxMessage, OutboxMessage.id == Reminder.outbox_id)
        .where(Reminder.document_id.in_(list(ids)))
        .order_by(Reminder.id)
    )
    found: dict[int, _History] = defaultdict(_History)
    for document_id, level, name, sent_at, state in session.execute(query):
        past = found[document_id]
        if state is None:
            continue  # its message was removed from the outbox: as if never prepared
        state = OutboxState(state)
        if sent_at is not None:
            day = sent_at.date()
            past.sent_days[level] = min(past.sent_days.get(level, day), day)
            past.names[level] = name
            past.last_sent_at = max(past.last_sent_at or sent_at, sent_at)
        if state in _TAKEN_STATES:
            past.taken.add(level)
        if state in PENDING_STATES:
            past.pending = True
        past.uncertain = state == OutboxState.UNKNOWN
    return found


def plan_reminders(
    db: Database,
    today: date | None = None,
    *,
    level: int | None = None,
    client_id: int | None = None,
    document_ids: Sequence[int] | None = None,
    per_invoice: bool | None = None,
) -> ReminderPlan:
    """The reminders due today among the overdue invoices (``level``: only those whose
    next level is that one; ``client_id``/``document_ids``: only those), grouped one per
    client and level (``per_invoice``: one per invoice; default: the company's setting)."""
    today = today or date.today()
    with db.read() as session:
        invoices = _overdue(session, today, client_id=client_id, document_ids=document_ids)
        if per_invoice is None:
            per_invoice = bool(settings_row(session).reminder_per_invoice)
    return _plan(invoices, level, per_invoice)


def _plan(invoices: Sequence[OverdueInvoice], level: int | None, per_invoice: bool) -> ReminderPlan:
    plan = ReminderPlan()
    grouped: dict[tuple[int, int, int], list[OverdueInvoice]] = defaultdict(list)
    for invoice in invoices:
        if invoice.pending or (invoice.uncertain and not invoice.due_now):
            plan.pending.append(invoice)
            continue
        following = invoice.next_level
        if not invoice.due_now or following is None:
            plan.not_due.append(invoice)
            continue
        if level is not None and following.position != level:
            plan.not_due.append(invoice)
            continue
        key = (invoice.client_id, following.position, invoice.document_id if per_invoice else 0)
        grouped[key].append(invoice)
    for group_invoices in grouped.values():
        due = group_invoices[0].next_level
        assert due is not None
        group = ReminderGroup.of(group_invoices, due)
        (plan.groups if group.recipients else plan.missing_address).append(group)
    plan.groups.sort(key=lambda g: (g.client_name.casefold(), g.level.position, g.anchor))
    return plan


# --- preparing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderMail:
    mail: PreparedMail
    subject: str
    body: str
    attachments: tuple[tuple[str, int], ...]  # file name, size


def prepare_reminders(
    db: Database,
    groups: Sequence[ReminderGroup],
    *,
    later: bool = False,
    today: date | None = None,
) -> PrepareResult:
    """Queue one outbox message per group (one transaction), each invoice's reminder
    recorded with it. What changed since the plan is checked again under the invoices'
    locks: an invoice paid, disputed, already reminded at that level or whose level is no
    longer due meanwhile is left out (a group left empty is reported, not sent)."""
    today = today or date.today()
    company = _company(db)
    prepared: list[PreparedItem] = []
    skipped: list[Skipped] = []
    wanted = sorted({i for g in groups for i in g.document_ids})
    with db.write() as session:
        current = {
            i.document_id: i for i in _overdue(session, today, document_ids=wanted, lock=True)
        }
        for group in groups:
            still = tuple(
                current[i.document_id]
                for i in group.invoices
                if i.document_id in current
                and current[i.document_id].due_now
                and current[i.document_id].next_level == group.level
            )
            kept = {s.document_id for s in still}
            for invoice in group.invoices:
                if invoice.document_id not in kept:
                    skipped.append(_skipped(invoice, current.get(invoice.document_id)))
            if not still:
                continue
            fresh = ReminderGroup.of(still, group.level)
            if not fresh.recipients:
                skipped.extend(_skipped(i, i) for i in still)
                continue
            prepared.append(_prepare(session, company, fresh, today, later))
    return PrepareResult(prepared, skipped)


def prepare_reminders_again(
    db: Database, outbox_ids: Sequence[int], today: date | None = None
) -> list[tuple[int, int | None]]:
    """Waiting reminder messages made again from their invoices as they are now (the
    client's current addresses, the level's current template, what is left to pay); the new
    ones are held until the user resumes. Returns (old id, new id) pairs; the new id is None
    when none of its invoices needs that reminder any more (the old message is gone)."""
    today = today or date.today()
    company = _company(db)
    pairs: list[tuple[int, int | None]] = []
    with db.write() as session:
        for outbox_id in dict.fromkeys(outbox_ids):
            row = session.get(OutboxMessage, outbox_id)
            if row is None:
                raise NotFoundError("outbox message", id=outbox_id)
            if OutboxState(row.state) not in PENDING_STATES - {OutboxState.SENDING}:
                raise NotResendableError(row.state, id=outbox_id, state=row.state)
            reminded = session.execute(
                select(Reminder.document_id, Reminder.level).where(Reminder.outbox_id == row.id)
            ).all()
            session.execute(delete(Reminder).where(Reminder.outbox_id == row.id))
            session.delete(row)
            session.flush()  # its invoices are free again for their level
            levels = {level for _doc, level in reminded}
            still = tuple(
                invoice
                for invoice in _overdue(
                    session, today, document_ids=[doc for doc, _level in reminded], lock=True
                )
                if invoice.due_now
                and invoice.next_level is not None
                and invoice.next_level.position in levels
            )
            if not still or not still[0].recipients or still[0].next_level is None:
                pairs.append((outbox_id, None))
                continue
            group = ReminderGroup.of(still, still[0].next_level)
            pairs.append((outbox_id, _prepare(session, company, group, today, True).outbox_id))
    return pairs


def _prepare(
    session: Session, company: Company, group: ReminderGroup, today: date, later: bool
) -> PreparedItem:
    """Build one group's e-mail and queue it (or hold it, ``later``) with its reminders."""
    client = session.get_one(Client, group.client_id)
    made = build_reminder_mail(session, company, group, client, today)
    return _queue(session, group, made, later)


def _company(db: Database) -> Company:
    with db.read() as session:
        company = company_from_row(settings_row(session))
    if not company.sender_address:
        raise SenderMissingError("no sender address")
    return company


def _skipped(planned: OverdueInvoice, now: OverdueInvoice | None) -> Skipped:
    if now is None:
        reason = SkipReason.PAID  # paid, credited or disputed meanwhile
    elif now.pending or now.uncertain:
        reason = SkipReason.ALREADY_PENDING
    elif not now.recipients:
        reason = SkipReason.NO_ADDRESS
    else:
        reason = SkipReason.ALREADY_SENT  # its level was sent meanwhile, or is not due
    return Skipped(
        planned.document_id, planned.number, planned.client_id, planned.client_name, reason
    )


def build_reminder_mail(
    session: Session, company: Company, group: ReminderGroup, client: Client, today: date
) -> ReminderMail:
    """The reminder e-mail of one group, with the statement and the formal letter its
    level asks for."""
    level = group.level
    invoices = group.invoices
    values = TemplateValues(
        number=group.numbers,
        client=one_line(group.client_name),
        amount=sum((i.total for i in invoices), ZERO),
        date=invoices[0].issue_date,
        due_date=min(i.due_date for i in invoices),
        company=one_line(company.name),
        days_late=max(i.days_late for i in invoices),
        amount_due=group.left,
        penalties=sum((i.penalties for i in invoices), ZERO),
        invoice_list="\n".join(invoice_line(i) for i in invoices),
    )
    subject, body = render_template(level.subject, level.body, values)
    pdfs: list[tuple[str, bytes]] = []
    if level.letter:
        notice = formal_notice(session, group, client, today)
        # lazy: the PDF stack (0.4 s) only when a reminder is prepared
        from app.pdf.formal_notice import render_formal_notice

        pdfs.append((LETTER_FILE, render_formal_notice(notice, creation_date=_noon(today))))
    if level.statement:
        statement = client_statement(session, client, today)
        from app.pdf.statement import render_statement  # lazy: as the letter

        pdfs.append((STATEMENT_FILE, render_statement(statement, creation_date=_noon(today))))
    copy = [company.sender_address]
    clients = client_recipients_of(client)
    mail = build_message(
        sender_name=company.display_sender_name,
        sender_address=company.sender_address,
        # The client's addresses as the client asked: To, and Cc (its accounting, say).
        to=clients.to,
        cc=[*clients.cc, *(copy if company.copy_to_self == CopyToSelf.CC else ())],
        bcc=copy if company.copy_to_self == CopyToSelf.BCC else (),
        subject=subject,
        body=body,
        pdf=pdfs[0][1] if pdfs else None,
        pdf_filename=pdfs[0][0] if pdfs else "document.pdf",
        more_pdfs=pdfs[1:],
    )
    return ReminderMail(mail, subject, body, tuple((name, len(data)) for name, data in pdfs))


def preview_reminder(
    db: Database, group: ReminderGroup, today: date | None = None
) -> MessagePreview:
    """The reminder e-mail exactly as it would be prepared now (nothing is written)."""
    today = today or date.today()
    company = _company(db)
    with db.read() as session:
        client = session.get(Client, group.client_id)
        if client is None:
            raise NotFoundError("client", id=group.client_id)
        made = build_reminder_mail(session, company, group, client, today)
    mail = made.mail
    return MessagePreview(
        document_id=group.anchor,
        number=group.numbers,
        sender=str(mail.message["From"]),
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        subject=made.subject,
        body=made.body,
        attachment_name=", ".join(name for name, _size in made.attachments),
        attachment_size=sum(size for _name, size in made.attachments),
    )


def invoice_line(invoice: OverdueInvoice) -> str:
    """« - F-2026-0012 du 01/09/2026, échue le 01/10/2026 : 1 200,00 € restant dû
    (45 jours de retard) » — the reminder e-mails are in French, like the documents."""
    return (
        f"- {invoice.number} du {format_date(invoice.issue_date)}, échue le "
        f"{format_date(invoice.due_date)}\u00a0: {format_amount(invoice.left)} restant dû "
        f"({invoice.days_late} jour{'s' if invoice.days_late > 1 else ''} de retard)"
    )


def _noon(day: date) -> datetime:
    """The PDFs' creation date: the day of the reminder (deterministic bytes)."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _queue(session: Session, group: ReminderGroup, made: ReminderMail, later: bool) -> PreparedItem:
    now = utcnow()
    mail = made.mail
    row = outbox_row(group.anchor, group.recipients, mail, later, REMINDER_PURPOSE)
    session.add(row)
    session.flush()
    for invoice in group.invoices:
        session.add(
            Reminder(
                document_id=invoice.document_id,
                outbox_id=row.id,
                level=group.level.position,
                level_name=group.level.name,
                amount_due=invoice.left,
                created_at=now,
            )
        )
    session.flush()
    return PreparedItem(
        outbox_id=row.id,
        document_id=group.anchor,
        number=group.numbers,
        client_name=group.client_name,
        to=tuple(split_addresses(row.to_addrs)),
        cc=tuple(split_addresses(row.cc_addrs)),
        bcc=tuple(split_addresses(row.bcc_addrs)),
        subject=row.subject,
        attachment_name=", ".join(name for name, _size in made.attachments),
        attachment_size=len(row.raw),
    )


def waiting_reminders(db: Database, *, client_id: int | None = None) -> list[int]:
    """Reminder messages a stopped or interrupted ``remind`` left queued or paused by the
    user ("Stop", --later): the next ``remind`` sends them before preparing new ones."""
    with db.read() as session:
        query = (
            select(OutboxMessage.id)
            .join(Document, Document.id == OutboxMessage.document_id)
            .where(
                OutboxMessage.purpose == REMINDER_PURPOSE,
                (OutboxMessage.state == str(OutboxState.QUEUED))
                | (
                    (OutboxMessage.state == str(OutboxState.HELD))
                    & OutboxMessage.hold_reason.in_(
                        [str(HoldReason.STOPPED), str(HoldReason.LATER)]
                    )
                ),
            )
            .order_by(OutboxMessage.id)
        )
        if client_id is not None:
            query = query.where(Document.client_id == client_id)
        return list(session.scalars(query))


# --- the PDFs -------------------------------------------------------------------------


def client_statement(session: Session, client: Client, today: date) -> Statement:
    """Relevé de compte: every open invoice of the client (due or not), and the credit
    notes issued after their invoice was settled (money the client has to its credit)."""
    payable = payable_codes()
    invoices = list(
        session.scalars(
            select(Document)
            .where(
                Document.client_id == client.id,
                Document.kind.in_(payable),
                Document.status == str(DocumentStatus.VALIDATED),
                Document.paid_on.is_(None),
            )
            .order_by(Document.issue_date, Document.id)
        )
    )
    ids = [d.id for d in invoices]
    received = received_amounts(session, ids)
    credited = credited_amounts(session, ids)
    lines: list[StatementLine] = []
    for doc in invoices:
        got, credit = received.get(doc.id, ZERO), credited.get(doc.id, ZERO)
        left = left_to_pay(doc.total_incl, got, credit, None)
        if left <= SLACK:
            continue
        lines.append(
            StatementLine(
                number=doc.number or "",
                issue_date=doc.issue_date,
                due_date=doc.due_date,
                amount=Decimal(doc.total_incl),
                paid=got + credit,
                left=left,
                days_late=days_late(doc.due_date, today),
            )
        )
    lines += _open_credits(session, client.id)
    lines.sort(key=lambda line: (line.issue_date, line.number))
    settings = settings_row(session)
    return Statement(
        company=print_company(settings),
        client=print_client(client),
        on=today,
        lines=tuple(lines),
        total_due=sum((line.left for line in lines), ZERO),
    )


def _open_credits(session: Session, client_id: int) -> list[StatementLine]:
    invoice = select(Document.id, Document.paid_on).subquery()
    rows = session.execute(
        select(Document)
        .join(invoice, invoice.c.id == Document.cancels_id)
        .where(
            Document.client_id == client_id,
            Document.kind.in_(credit_codes()),
            Document.status == str(DocumentStatus.VALIDATED),
            invoice.c.paid_on.is_not(None),
            Document.issue_date >= invoice.c.paid_on,
        )
    ).scalars()
    return [
        StatementLine(
            number=doc.number or "",
            issue_date=doc.issue_date,
            due_date=None,
            amount=-Decimal(doc.total_incl),
            paid=ZERO,
            left=-Decimal(doc.total_incl),
            days_late=0,
            credit_note=True,
        )
        for doc in rows
    ]


def statement_pdf(db: Database, client_id: int, today: date | None = None) -> bytes:
    """The statement of one client, printable on its own from the clients view."""
    today = today or date.today()
    with db.read() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFoundError("client", id=client_id)
        from app.pdf.statement import render_statement  # lazy: as the letter

        return render_statement(client_statement(session, client, today))


def formal_notice(
    session: Session, group: ReminderGroup, client: Client, today: date
) -> FormalNotice:
    settings = settings_row(session)
    company = company_from_row(settings)
    rate = penalty_rate(company.late_penalty_rate, company.legal_interest_rate)
    lines = tuple(
        NoticeLine(
            number=i.number,
            issue_date=i.issue_date,
            due_date=i.due_date,
            left=i.left,
            days_late=i.days_late,
            penalties=i.penalties,
            indemnity=i.indemnity,
        )
        for i in group.invoices
    )
    return FormalNotice(
        company=print_company(settings),
        client=print_client(client),
        on=today,
        lines=lines,
        rate=rate,
        deadline=today + timedelta(days=group.level.deadline_days),
        total_left=sum((line.left for line in lines), ZERO),
        total_penalties=sum((line.penalties for line in lines), ZERO),
        total_indemnity=sum((line.indemnity for line in lines), ZERO),
    )


__all__ = [
    "OverdueInvoice",
    "ReminderGroup",
    "ReminderPlan",
    "build_reminder_mail",
    "client_statement",
    "overdue_invoices",
    "plan_reminders",
    "prepare_reminders",
    "prepare_reminders_again",
    "preview_reminder",
    "statement_pdf",
    "waiting_reminders",
]
