"""Rows of a document report, straight from SQL, fast with 100,000 documents.

A report is read in two steps:

1. ``document_ids(db, query)``: one query gives the ids of every document the filter
   shows, in display order (kind, sent/unsent filter, search and sort all done by SQL).
   That list is a few hundred kilobytes even for 100,000 documents; it gives the row
   count, the ids to tick when the user ticks everything, and a stable row <-> document
   mapping that survives refreshes.
2. ``fetch_rows(db, ids)``: the displayed columns of one page of those ids, with the
   envelope state (sent, waiting in the outbox, failed, uncertain) of each document and,
   for invoices, what is left to pay and the last reminder sent (grouped queries over
   the page's ids only: never a query per row, never all documents).

The invoices report can also be filtered by payment (``PaymentFilter``): paid, unpaid
(validated, not paid, not fully cancelled by validated credit notes) or overdue (unpaid
and past its due date), in SQL like the sent filter.

What changed is not polled here: commits of this process are pushed to the window
(``app.services.changes``), and other processes' commits are seen through the database's
change counter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.database import Database
from app.db.models import Client, Document, OutboxMessage, PlatformEvent, Reminder
from app.db.status_sql import status_order_case
from app.domain.kinds import (
    DocumentKind,
    DocumentStatus,
    credit_codes,
    kind_spec,
    listed_kinds,
)
from app.domain.outbox import (
    PENDING_STATES,
    PROBLEM_STATES,
    HoldReason,
    OutboxState,
    Recipient,
    recipients_from_json,
)
from app.domain.platform import PROBLEMS, Channel, Lifecycle, lifecycle_of
from app.domain.status import DisplayStatus
from app.services.outbox_queue import documents_in_state, newest_messages
from app.services.payments import credited_amounts, left_to_pay, received_amounts

AnySelect = TypeVar("AnySelect", bound=Select)  # type: ignore[type-arg]
MAX_CLIENT_IDS = 2_000  # above this many matching clients, search their names in SQL


class SentFilter(StrEnum):
    ALL = "all"
    SENT = "sent"
    UNSENT = "unsent"  # never delivered, and not failed nor uncertain
    UNCERTAIN = "uncertain"  # the last message may have arrived
    FAILED = "failed"  # the last message was refused


class PaymentFilter(StrEnum):
    """Invoices by payment; the other reports ignore it (nothing there is paid)."""

    ALL = "all"
    PAID = "paid"  # validated invoices with a payment date
    UNPAID = "unpaid"  # validated, not paid, not fully cancelled (overdue ones included)
    OVERDUE = "overdue"  # unpaid and due before today


class SortKey(StrEnum):
    NUMBER = "number"
    DATE = "date"
    CLIENT = "client"
    TOTAL = "total"
    STATUS = "status"
    SENT = "sent"


class EnvelopeState(StrEnum):
    """What the report's envelope column shows for a document."""

    NONE = "none"  # never e-mailed, nothing in the outbox
    SENT = "sent"
    REFUSALS = "refusals"  # delivered, but some client address was refused
    WAITING = "waiting"  # queued, being sent, or waiting to retry
    HELD = "held"  # waits for the user to resume
    FAILED = "failed"  # the server refused it for good
    UNCERTAIN = "uncertain"  # the connection broke after the server had it
    # Deposited on the approved platform; the group of its latest lifecycle status.
    PLATFORM = "platform"  # deposited, on its way (200..204, 209)
    PLATFORM_APPROVED = "platform_approved"  # approved, payment sent, cashed
    PLATFORM_ATTENTION = "platform_attention"  # disputed or suspended: the client asks
    PLATFORM_REJECTED = "platform_rejected"  # rejected by the platform, refused by the client


# Statuses that make a platform invoice "failed" for the report's filter: it did not
# reach the client (rejected) or the client turned it down (refused).
FAILED_STATUSES = (str(Lifecycle.REJECTED), str(Lifecycle.REFUSED))
_APPROVED = frozenset(
    {Lifecycle.APPROVED, Lifecycle.PARTLY_APPROVED, Lifecycle.PAYMENT_SENT, Lifecycle.CASHED}
)


def platform_envelope(code: str) -> EnvelopeState:
    """The envelope column's group of a lifecycle status code."""
    status = lifecycle_of(code)
    if status is None:
        return EnvelopeState.PLATFORM
    if str(status) in FAILED_STATUSES:
        return EnvelopeState.PLATFORM_REJECTED
    if status in PROBLEMS:
        return EnvelopeState.PLATFORM_ATTENTION
    if status in _APPROVED:
        return EnvelopeState.PLATFORM_APPROVED
    return EnvelopeState.PLATFORM


@dataclass(frozen=True)
class PlatformStatus:
    """Where an invoice deposited on the platform stands (naive UTC dates)."""

    code: str  # app.domain.platform.Lifecycle value, the latest shown
    at: datetime | None  # when the platform set it
    deposited_at: datetime | None  # when it was deposited (status 200)
    reason: str = ""  # the newest reason given, when the status is a problem

    @property
    def envelope(self) -> EnvelopeState:
        return platform_envelope(self.code)


@dataclass(frozen=True)
class ReportQuery:
    kind: DocumentKind
    sent: SentFilter = SentFilter.ALL
    search: str = ""
    sort: SortKey = SortKey.DATE
    descending: bool = True
    payment: PaymentFilter = PaymentFilter.ALL
    today: date | None = None  # for PaymentFilter.OVERDUE; None: date.today()


@dataclass(frozen=True)
class PendingSend:
    """A document's newest outbox message, when it has not (yet) been sent."""

    outbox_id: int
    state: OutboxState
    to_addrs: str
    cc_addrs: str
    since: datetime  # last change of state (naive UTC)
    next_attempt_at: datetime | None
    attempts: int
    last_error: str
    last_reply: str
    hold_reason: HoldReason | None = None
    recipients: tuple[Recipient, ...] = ()
    channel: str = str(Channel.EMAIL)  # app.domain.platform.Channel value

    @property
    def envelope(self) -> EnvelopeState:
        if self.state == OutboxState.SENT:
            return EnvelopeState.REFUSALS
        if self.state == OutboxState.HELD:
            return EnvelopeState.HELD
        if self.state in PENDING_STATES:
            return EnvelopeState.WAITING
        if self.state == OutboxState.FAILED:
            return EnvelopeState.FAILED
        return EnvelopeState.UNCERTAIN

    @property
    def client_refusals(self) -> list[Recipient]:
        return [r for r in self.recipients if r.client and r.refused]


@dataclass(frozen=True)
class SentReminder:
    """The highest reminder level an invoice was sent, and when (naive UTC)."""

    level: int
    sent_at: datetime


@dataclass(frozen=True)
class ReportRow:
    id: int
    kind: DocumentKind
    number: str | None
    issue_date: date
    client_id: int
    client_name: str
    total_incl: Decimal
    status: DocumentStatus
    sent_at: datetime | None  # last successful send (naive UTC)
    sent_to: str
    pending: PendingSend | None = None
    due_date: date | None = None
    paid_on: date | None = None
    payment_method: str = ""
    cancelled: bool = False  # an invoice fully cancelled by validated credit notes
    disputed: bool = False  # the client disputes it ("en litige"): never reminded
    # What the client still owes (validated payable kinds only; None elsewhere).
    left_to_pay: Decimal | None = None
    reminder: SentReminder | None = None  # the highest reminder level sent
    platform: PlatformStatus | None = None  # deposited on the approved platform

    @property
    def outbox_news(self) -> PendingSend | None:
        """The newest outbox message to show, unless the platform's status says more: a
        deposit failed because the platform rejected the invoice at reception."""
        pending = self.pending
        if (
            pending is not None
            and self.platform is not None
            and pending.channel == str(Channel.PLATFORM)
            and pending.state == OutboxState.FAILED
            and self.platform.code in FAILED_STATUSES
        ):
            return None
        return pending

    @property
    def envelope(self) -> EnvelopeState:
        if self.outbox_news is not None:
            return self.outbox_news.envelope
        if self.platform is not None:
            return self.platform.envelope
        return EnvelopeState.SENT if self.sent_at is not None else EnvelopeState.NONE


def report_kinds(kind: DocumentKind) -> tuple[str, ...]:
    """The kinds one report lists: credit notes live with the invoices
    (``KindSpec.listed_with``)."""
    return tuple(str(k) for k in listed_kinds(kind))


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"Élodie"`` -> ``"elodie"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_condition(session: Session, text: str) -> tuple[ColumnElement[bool], bool]:
    """(condition, needs the client join): number contains text, or client name does.

    Client names are matched in Python (accents and case ignored, which SQL ``LIKE``
    cannot do portably); the few matching client ids then go into the query.
    """
    pattern = _like_pattern(text)
    by_number = Document.number.ilike(pattern, escape="\\")
    wanted = fold(text)
    matching: list[int] = []
    others: list[int] = []
    for client_id, name in session.execute(select(Client.id, Client.name)):
        (matching if wanted in fold(name) else others).append(client_id)
    if len(matching) <= MAX_CLIENT_IDS:
        return or_(by_number, Document.client_id.in_(matching)), False
    if len(others) <= MAX_CLIENT_IDS:
        return or_(by_number, Document.client_id.not_in(others)), False
    return or_(by_number, Client.name.ilike(pattern, escape="\\")), True


def _order_by(query: ReportQuery) -> list[Any]:
    """ORDER BY terms; descending is exactly ascending reversed (NULLs first, then last).

    That is SQLite's own NULL order, so an index on the kind and the sort column can be
    walked instead of sorting; it is spelled out for PostgreSQL to do the same.
    """
    nullable = (Document.year, Document.sequence, Document.sent_at)
    columns: dict[SortKey, tuple[Any, ...]] = {
        SortKey.NUMBER: (Document.year, Document.sequence),  # drafts have no number
        SortKey.DATE: (Document.issue_date,),
        SortKey.TOTAL: (Document.total_incl,),
        # The labels' order (app.domain.status): draft, validated, e-mailed, overdue...
        SortKey.STATUS: (document_status_order(query.today or date.today()),),
        SortKey.SENT: (Document.sent_at,),
    }  # SortKey.CLIENT: see _ids_by_client
    order: list[Any] = []
    for column in (*columns[query.sort], Document.id):
        if query.descending:
            term = column.desc()
            order.append(term.nulls_last() if column in nullable else term)
        else:
            term = column.asc()
            order.append(term.nulls_first() if column in nullable else term)
    return order


def _kinds_condition(session: Session, kind: DocumentKind) -> ColumnElement[bool]:
    kinds = report_kinds(kind)
    if len(kinds) > 1:
        # Equality lets SQLite walk an index in the sort order: use IN only when needed.
        others = select(Document.id).where(Document.kind.in_(kinds[1:])).limit(1)
        if session.scalar(others) is None:
            kinds = kinds[:1]
    return Document.kind == kinds[0] if len(kinds) == 1 else Document.kind.in_(kinds)


def fully_cancelled_ids(invoice_ids: Sequence[int] | None = None) -> Select[int | None]:
    """Ids of the invoices (among ``invoice_ids`` when given) whose validated credit notes
    add up to at least their total: nothing is left to pay on them."""
    credit = aliased(Document)
    invoice = aliased(Document)
    stmt = (
        select(credit.cancels_id)
        .join(invoice, invoice.id == credit.cancels_id)
        .where(
            credit.kind.in_(credit_codes()),
            credit.status == str(DocumentStatus.VALIDATED),
        )
        .group_by(credit.cancels_id, invoice.total_incl)
        # Half a cent of slack: SQLite may add decimals as binary floating point.
        .having(func.sum(credit.total_incl) >= invoice.total_incl - Decimal("0.005"))
    )
    if invoice_ids is not None:
        stmt = stmt.where(credit.cancels_id.in_(list(invoice_ids)))
    return stmt


def document_status_order(today: date) -> ColumnElement[int]:
    """``DisplayStatus.order`` of each document on ``today``, in SQL (see app.domain.status)."""
    return status_order_case(
        kind=Document.kind,
        status=Document.status,
        cancelled=Document.id.in_(fully_cancelled_ids()),
        paid_on=Document.paid_on,
        due_date=Document.due_date,
        sent_at=Document.sent_at,
        today=today,
    )


def _payment_condition(query: ReportQuery) -> ColumnElement[bool] | None:
    if query.payment == PaymentFilter.ALL or not kind_spec(query.kind).payable:
        return None
    validated_invoice = and_(
        Document.kind == str(query.kind),
        Document.status == str(DocumentStatus.VALIDATED),
    )
    if query.payment == PaymentFilter.PAID:
        return and_(validated_invoice, Document.paid_on.is_not(None))
    unpaid = and_(
        validated_invoice,
        Document.paid_on.is_(None),
        Document.id.not_in(fully_cancelled_ids()),
    )
    if query.payment == PaymentFilter.UNPAID:
        return unpaid
    # Exactly the invoices whose Status column says "Overdue".
    today = query.today or date.today()
    return document_status_order(today) == DisplayStatus.OVERDUE.order


def _filtered(session: Session, query: ReportQuery, stmt: AnySelect) -> AnySelect:
    stmt = stmt.where(_kinds_condition(session, query.kind))
    if query.sent == SentFilter.SENT:
        # An invoice the platform rejected never reached the client: failed, not sent.
        stmt = stmt.where(
            Document.sent_at.is_not(None), Document.platform_status != str(Lifecycle.REJECTED)
        )
    elif query.sent == SentFilter.UNSENT:
        stmt = stmt.where(
            Document.sent_at.is_(None),
            Document.id.not_in(documents_in_state(PROBLEM_STATES)),
        )
    elif query.sent == SentFilter.UNCERTAIN:
        stmt = stmt.where(Document.id.in_(documents_in_state([OutboxState.UNKNOWN])))
    elif query.sent == SentFilter.FAILED:
        stmt = stmt.where(
            or_(
                Document.id.in_(documents_in_state([OutboxState.FAILED])),
                Document.platform_status.in_(FAILED_STATUSES),
            )
        )
    payment = _payment_condition(query)
    if payment is not None:
        stmt = stmt.where(payment)
    text = query.search.strip()
    if text:
        condition, needs_client = _search_condition(session, text)
        stmt = stmt.where(condition)
        if needs_client:
            stmt = stmt.join(Client, Client.id == Document.client_id)
    return stmt


def document_ids(db: Database, query: ReportQuery) -> list[int]:
    """Ids of every document the report shows, in display order (one query)."""
    with db.read() as session:
        if query.sort == SortKey.CLIENT:
            return _ids_by_client(session, query)
        stmt = _filtered(session, query, select(Document.id)).order_by(*_order_by(query))
        return [row[0] for row in _raw_rows(session, stmt)]


def _raw_rows(session: Session, stmt: AnySelect) -> list[tuple[Any, ...]]:
    """The driver's own rows: plain integers need no result processing, and reading
    100,000 of them is twice as fast as through SQLAlchemy's result objects."""
    result = session.connection().execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _ids_by_client(session: Session, query: ReportQuery) -> list[int]:
    """Sorted by client name as a French reader expects ("Élodie" among the E's).

    SQL would compare bytes (É after Z) and must join and sort every row. The clients
    are few: they are ordered here, the documents put in one bucket per client, and
    the buckets joined in the clients' order.
    """
    clients = sorted(
        session.execute(select(Client.id, Client.name)), key=lambda r: (fold(r[1]), r[1], r[0])
    )
    stmt = _filtered(session, query, select(Document.id, Document.client_id))
    buckets: dict[int, list[int]] = {}
    for document_id, client_id in _raw_rows(session, stmt):
        bucket = buckets.get(client_id)
        if bucket is None:
            bucket = buckets[client_id] = []
        bucket.append(document_id)
    ids: list[int] = []
    for client_id, _name in clients:
        bucket = buckets.pop(client_id, [])
        bucket.sort()  # by id within a client, as the other orders break ties
        ids.extend(bucket)
    for _client_id, bucket in sorted(buckets.items()):  # a client added meanwhile
        ids.extend(sorted(bucket))
    if query.descending:
        ids.reverse()
    return ids


def fetch_rows(db: Database, ids: Sequence[int]) -> list[ReportRow]:
    """The rows of these documents, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    stmt = (
        select(
            Document.id,
            Document.kind,
            Document.number,
            Document.issue_date,
            Document.client_id,
            Client.name,
            Document.total_incl,
            Document.status,
            Document.sent_at,
            Document.sent_to,
            Document.due_date,
            Document.paid_on,
            Document.payment_method,
            Document.disputed,
            Document.platform_status,
            Document.platform_status_at,
        )
        .join(Client, Client.id == Document.client_id)
        .where(Document.id.in_(ids))
    )
    with db.read() as session:
        pending = pending_sends(session, ids)
        rows = session.execute(stmt).all()
        platform = platform_statuses(session, {r[0]: (r[14], r[15]) for r in rows if r[14]})
        # One query gives both what credit notes cancel and whether that is everything
        # (as fully_cancelled_ids says, with its half a cent of slack).
        credited = credited_amounts(session, ids)
        zero = Decimal("0.00")
        cancelled = {
            r[0] for r in rows if r[0] in credited and credited[r[0]] >= r[6] - Decimal("0.005")
        }
        payable = sorted(
            r[0]
            for r in rows
            if r[7] == DocumentStatus.VALIDATED and kind_spec(DocumentKind(r[1])).payable
        )
        received = received_amounts(session, payable)
        reminders = sent_reminders(session, payable)
        owed = set(payable)
        found = {
            r[0]: ReportRow(
                id=r[0],
                kind=DocumentKind(r[1]),
                number=r[2],
                issue_date=r[3],
                client_id=r[4],
                client_name=r[5],
                total_incl=r[6],
                status=DocumentStatus(r[7]),
                sent_at=r[8],
                sent_to=r[9],
                pending=pending.get(r[0]),
                due_date=r[10],
                paid_on=r[11],
                payment_method=r[12],
                cancelled=r[0] in cancelled,
                disputed=bool(r[13]),
                left_to_pay=(
                    left_to_pay(r[6], received.get(r[0], zero), credited.get(r[0], zero), r[11])
                    if r[0] in owed
                    else None
                ),
                reminder=reminders.get(r[0]),
                platform=platform.get(r[0]),
            )
            for r in rows
        }
    return [found[i] for i in ids if i in found]


def sent_reminders(session: Session, document_ids: Sequence[int]) -> dict[int, SentReminder]:
    """The highest reminder level sent for each of these invoices, with its date (one
    query over their reminder rows: a few per invoice at most)."""
    if not document_ids:
        return {}
    rows = session.execute(
        select(Reminder.document_id, Reminder.level, Reminder.sent_at).where(
            Reminder.document_id.in_(list(document_ids)), Reminder.sent_at.is_not(None)
        )
    )
    found: dict[int, SentReminder] = {}
    for document_id, level, sent_at in rows:
        best = found.get(document_id)
        if sent_at is None:
            continue  # excluded by the query; this tells the type checker
        if best is None or (level, sent_at) > (best.level, best.sent_at):
            found[document_id] = SentReminder(level, sent_at)
    return found


def platform_statuses(
    session: Session, shown: dict[int, tuple[str, datetime | None]]
) -> dict[int, PlatformStatus]:
    """Each deposited invoice's status (``shown``: its latest code and date, by id), with
    its deposit date and, for a problem, the newest reason (one query over their events:
    a dozen per invoice at most)."""
    if not shown:
        return {}
    deposited: dict[int, datetime] = {}
    reasons: dict[int, tuple[datetime, int, str]] = {}
    rows = session.execute(
        select(
            PlatformEvent.document_id,
            PlatformEvent.id,
            PlatformEvent.code,
            PlatformEvent.at,
            PlatformEvent.reason,
        ).where(PlatformEvent.document_id.in_(list(shown)))
    )
    for document_id, event_id, code, event_at, words in rows:
        if code == Lifecycle.DEPOSITED:
            first = deposited.get(document_id)
            deposited[document_id] = event_at if first is None or event_at < first else first
        if words and code == shown[document_id][0]:
            newest = reasons.get(document_id)
            if newest is None or (event_at, event_id) > newest[:2]:
                reasons[document_id] = (event_at, event_id, words)
    found: dict[int, PlatformStatus] = {}
    for document_id, (code, at) in shown.items():
        problem = lifecycle_of(code) in PROBLEMS
        given = reasons.get(document_id)
        found[document_id] = PlatformStatus(
            code=code,
            at=at,
            deposited_at=deposited.get(document_id),
            reason=given[2] if problem and given else "",
        )
    return found


def pending_sends(session: Session, document_ids: Iterable[int]) -> dict[int, PendingSend]:
    """For each document, its newest outbox message if that one is not sent, or was sent
    with some client address refused (``EnvelopeState.REFUSALS``)."""
    newest = newest_messages(document_ids)  # a message for several counts for each
    stmt = (
        select(
            newest.c.document_id,
            OutboxMessage.id,
            OutboxMessage.state,
            OutboxMessage.to_addrs,
            OutboxMessage.cc_addrs,
            OutboxMessage.updated_at,
            OutboxMessage.next_attempt_at,
            OutboxMessage.attempts,
            OutboxMessage.last_error,
            OutboxMessage.last_reply,
            OutboxMessage.hold_reason,
            OutboxMessage.recipients,
            OutboxMessage.channel,
        )
        .select_from(OutboxMessage)
        .join(newest, newest.c.outbox_id == OutboxMessage.id)
        .where(
            # Sent ones only matter when something was refused ("refused:" in last_error).
            or_(OutboxMessage.state != str(OutboxState.SENT), OutboxMessage.last_error != ""),
        )
    )
    result: dict[int, PendingSend] = {}
    for r in session.execute(stmt):
        recipients = tuple(recipients_from_json(r[11]))
        if r[2] == OutboxState.SENT and not any(x.client and x.refused for x in recipients):
            continue  # only the copy to self was refused: delivered as it should be
        result[r[0]] = PendingSend(
            outbox_id=r[1],
            state=OutboxState(r[2]),
            to_addrs=r[3],
            cc_addrs=r[4],
            since=r[5],
            next_attempt_at=r[6],
            attempts=r[7],
            last_error=r[8],
            last_reply=r[9],
            hold_reason=HoldReason(r[10]) if r[10] else None,
            recipients=recipients,
            channel=r[12],
        )
    return result
