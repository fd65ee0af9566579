"""Payments received for invoices: one or several per invoice (date, amount, method),
and what is left to pay once payments and validated credit notes are counted.

An invoice is *paid* (``Document.paid_on``) when nothing is left to pay: the payment that
settles it sets that date. Recording a payment, like marking an invoice paid, withdraws
the reminders that wait for it in the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Document, Payment
from app.domain.kinds import DocumentKind, DocumentStatus, credit_codes
from app.errors import DraftDocumentError, NotFoundError, ValidationError, WrongKindError
from app.services.reminder_withdrawal import WITHDRAWN_PAID, withdraw_reminders

ZERO = Decimal("0.00")
# Half a cent of slack: SQLite may add decimals as binary floating point.
SLACK = Decimal("0.005")
MAX_METHOD = 40


@dataclass(frozen=True)
class PaymentRow:
    id: int
    paid_on: date
    amount: Decimal
    method: str


@dataclass(frozen=True)
class PaymentState:
    """An invoice's total and what settled it so far."""

    document_id: int
    total: Decimal  # incl. VAT
    credited: Decimal  # validated credit notes cancelling it
    received: Decimal  # the payments' sum
    paid_on: date | None  # set once nothing is left to pay
    payments: tuple[PaymentRow, ...]

    @property
    def left(self) -> Decimal:
        return left_to_pay(self.total, self.received, self.credited, self.paid_on)


def left_to_pay(
    total: Decimal, received: Decimal, credited: Decimal, paid_on: date | None
) -> Decimal:
    """What the client still owes (never below zero; nothing once marked paid)."""
    if paid_on is not None:
        return ZERO
    return max(Decimal(total) - Decimal(received) - Decimal(credited), ZERO).quantize(
        Decimal("0.01")
    )


def received_amounts(session: Session, ids: Sequence[int]) -> dict[int, Decimal]:
    """The payments' sum of each invoice among ``ids`` (absent: none)."""
    if not ids:
        return {}
    rows = session.execute(
        select(Payment.document_id, func.sum(Payment.amount))
        .where(Payment.document_id.in_(list(ids)))
        .group_by(Payment.document_id)
    )
    return {doc_id: Decimal(str(total or 0)).quantize(Decimal("0.01")) for doc_id, total in rows}


def credited_amounts(session: Session, ids: Sequence[int]) -> dict[int, Decimal]:
    """The validated credit notes' sum cancelling each invoice among ``ids``."""
    if not ids:
        return {}
    rows = session.execute(
        select(Document.cancels_id, func.sum(Document.total_incl))
        .where(
            Document.cancels_id.in_(list(ids)),
            Document.kind.in_(credit_codes()),
            Document.status == str(DocumentStatus.VALIDATED),
        )
        .group_by(Document.cancels_id)
    )
    return {
        int(doc_id): Decimal(str(total or 0)).quantize(Decimal("0.01"))
        for doc_id, total in rows
        if doc_id is not None
    }


def payment_state(db: Database, document_id: int) -> PaymentState:
    with db.read() as session:
        return _state(session, _invoice(session, document_id))


def add_payment(
    db: Database, document_id: int, paid_on: date, amount: Decimal, method: str = ""
) -> PaymentState:
    """Record a payment of a validated invoice. Refused (``ValidationError``): an amount
    not above zero or above what is left to pay, a date in the future, a method over 40
    characters or holding a line break. The payment that leaves nothing to pay marks the
    invoice paid on its date."""
    if not isinstance(paid_on, date):
        raise ValidationError("date", field="paid_on", value=paid_on)
    if paid_on > date.today():
        raise ValidationError("future", field="paid_on", value=paid_on.isoformat())
    value = _amount(amount)
    clean = clean_method(method)
    with db.write() as session:
        row = _invoice(session, document_id, lock=True)
        state = _state(session, row)
        if value > state.left + SLACK:
            raise ValidationError(
                "more than due", field="amount", value=str(value), limit=str(state.left)
            )
        session.add(
            Payment(
                document_id=row.id,
                paid_on=paid_on,
                amount=value,
                method=clean,
                created_at=utcnow(),
            )
        )
        session.flush()
        state = _state(session, row)
        if state.left <= SLACK and row.paid_on is None:
            settle(session, row, paid_on, clean)
            state = _state(session, row)
        return state


def delete_payment(db: Database, payment_id: int) -> PaymentState:
    """Forget a payment entered by mistake; the invoice is unpaid again if it was."""
    with db.write() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFoundError("payment", id=payment_id)
        row = _invoice(session, payment.document_id, lock=True)
        session.delete(payment)
        session.flush()
        row.paid_on = None
        row.payment_method = ""
        row.updated_at = utcnow()
        return _state(session, row)


def settle(session: Session, row: Document, paid_on: date, method: str) -> None:
    """Mark an invoice paid (nothing left to pay) and withdraw its waiting reminders."""
    row.paid_on = paid_on
    row.payment_method = method
    row.updated_at = utcnow()
    withdraw_reminders(session, [row.id], WITHDRAWN_PAID)
    session.flush()
    received = received_amounts(session, [row.id]).get(row.id, ZERO)
    # lazy: the platform's status messages (lxml), loaded by the report otherwise
    from app.services.platform_outbox import queue_cashed

    queue_cashed(session, row, received or None)


def record_remainder(session: Session, row: Document, paid_on: date, method: str) -> None:
    """ "Mark as paid": what is left becomes one last payment, then the invoice is settled."""
    received = received_amounts(session, [row.id]).get(row.id, ZERO)
    credited = credited_amounts(session, [row.id]).get(row.id, ZERO)
    left = left_to_pay(row.total_incl, received, credited, None)
    if left > ZERO:
        session.add(
            Payment(
                document_id=row.id, paid_on=paid_on, amount=left, method=method, created_at=utcnow()
            )
        )
    settle(session, row, paid_on, method)


def forget_settlement(session: Session, row: Document) -> None:
    """ "Mark as unpaid": the payment that settled it (the newest on its date) goes."""
    if row.paid_on is not None:
        last = session.scalar(
            select(Payment)
            .where(Payment.document_id == row.id, Payment.paid_on == row.paid_on)
            .order_by(Payment.id.desc())
            .limit(1)
        )
        if last is not None:
            session.delete(last)
    row.paid_on = None
    row.payment_method = ""
    row.updated_at = utcnow()


def clean_method(method: str) -> str:
    value = method.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in value):  # CR, LF, tabs and other controls
        raise ValidationError("line break", field="payment_method", value=value)
    if len(value) > MAX_METHOD:
        raise ValidationError("too long", field="payment_method", value=value, limit=MAX_METHOD)
    return value


def _amount(amount: Decimal) -> Decimal:
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except ArithmeticError:
        raise ValidationError("amount", field="amount", value=str(amount)) from None
    if not value.is_finite() or value <= ZERO:
        raise ValidationError("not positive", field="amount", value=str(amount))
    return value


def _invoice(session: Session, document_id: int, *, lock: bool = False) -> Document:
    query = select(Document).where(Document.id == document_id)
    if lock:
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        raise NotFoundError("document", id=document_id, what=f"document {document_id}")
    if not DocumentKind(row.kind).spec.payable:
        payable = tuple(str(k) for k in DocumentKind if k.spec.payable)
        raise WrongKindError("wrong kind", id=row.id, kind=row.kind, expected=payable)
    if row.status != DocumentStatus.VALIDATED:
        raise DraftDocumentError("draft", id=row.id)
    return row


def _state(session: Session, row: Document) -> PaymentState:
    payments = tuple(
        PaymentRow(p.id, p.paid_on, Decimal(p.amount), p.method)
        for p in session.scalars(
            select(Payment)
            .where(Payment.document_id == row.id)
            .order_by(Payment.paid_on, Payment.id)
        )
    )
    return PaymentState(
        document_id=row.id,
        total=Decimal(row.total_incl),
        credited=credited_amounts(session, [row.id]).get(row.id, ZERO),
        received=sum((p.amount for p in payments), ZERO),
        paid_on=row.paid_on,
        payments=payments,
    )
