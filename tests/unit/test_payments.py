"""Partial payments: what is left to pay, the rules a payment must follow, and how "mark as
paid" / "mark as unpaid" go through the payments (real SQLite database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.db.database import Database
from app.db.models import Document
from app.domain.kinds import DocumentKind, DocumentStatus
from app.errors import DraftDocumentError, NotFoundError, ValidationError, WrongKindError
from app.services.document_actions import mark_paid, mark_unpaid
from app.services.payments import add_payment, delete_payment, payment_state
from tests.unit.test_reports import make_client, make_document

D = Decimal
TODAY = date.today()
DAY = timedelta(days=1)


@pytest.fixture
def invoice(db: Database) -> int:
    client = make_client(db, "Boulangerie Martin")
    return make_document(db, client, total="1200.00", issue_date=TODAY - 30 * DAY)


def credit_note(db: Database, invoice_id: int, total: str, *, validated: bool = True) -> int:
    client = make_client(db, "Avoir")
    credit = make_document(
        db,
        client,
        kind=DocumentKind.CREDIT_NOTE,
        sequence=7 if validated else None,
        total=total,
        issue_date=TODAY - 2 * DAY,
    )
    with db.write() as session:
        session.execute(update(Document).where(Document.id == credit).values(cancels_id=invoice_id))
    return credit


def test_left_to_pay_counts_payments_and_validated_credit_notes(db: Database, invoice: int) -> None:
    state = payment_state(db, invoice)
    assert (state.total, state.received, state.credited, state.left) == (
        D("1200.00"),
        D("0.00"),
        D("0.00"),
        D("1200.00"),
    )
    credit_note(db, invoice, "200.00")
    credit_note(db, invoice, "100.00", validated=False)  # a draft credits nothing yet
    add_payment(db, invoice, TODAY - 3 * DAY, D("450.00"), "virement")
    state = payment_state(db, invoice)
    assert state.credited == D("200.00") and state.received == D("450.00")
    assert state.left == D("550.00") and state.paid_on is None
    assert [(p.paid_on, p.amount, p.method) for p in state.payments] == [
        (TODAY - 3 * DAY, D("450.00"), "virement")
    ]


def test_the_payment_that_leaves_nothing_marks_the_invoice_paid(db: Database, invoice: int) -> None:
    add_payment(db, invoice, TODAY - 5 * DAY, D("200"), "chèque")
    state = add_payment(db, invoice, TODAY - DAY, D("1000.00"), "virement")
    assert state.left == D("0.00") and state.paid_on == TODAY - DAY
    with db.read() as session:
        row = session.get_one(Document, invoice)
        assert row.paid_on == TODAY - DAY and row.payment_method == "virement"


@pytest.mark.parametrize(
    ("amount", "paid_on", "detail"),
    [
        (D("1200.01"), TODAY, "more than due"),
        (D("0"), TODAY, "not positive"),
        (D("-5"), TODAY, "not positive"),
        (D("10"), TODAY + DAY, "future"),
    ],
)
def test_refused_payments_record_nothing(
    db: Database, invoice: int, amount: Decimal, paid_on: date, detail: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_payment(db, invoice, paid_on, amount, "virement")
    assert refused.value.detail == detail
    assert payment_state(db, invoice).payments == ()


def test_overpaying_after_a_partial_payment_names_what_is_left(db: Database, invoice: int) -> None:
    add_payment(db, invoice, TODAY, D("1000"))
    with pytest.raises(ValidationError) as refused:
        add_payment(db, invoice, TODAY, D("200.01"))
    assert refused.value.data["limit"] == "200.00"
    assert payment_state(db, invoice).received == D("1000.00")


def test_only_validated_invoices_take_payments(db: Database) -> None:
    client = make_client(db, "Garage")
    draft = make_document(db, client, sequence=None)
    quote = make_document(db, client, kind=DocumentKind.QUOTE)
    with pytest.raises(DraftDocumentError):
        add_payment(db, draft, TODAY, D("10"))
    with pytest.raises(WrongKindError):
        add_payment(db, quote, TODAY, D("10"))
    with pytest.raises(NotFoundError):
        add_payment(db, 987_654, TODAY, D("10"))


def test_mark_paid_records_the_remainder_and_mark_unpaid_removes_only_it(
    db: Database, invoice: int
) -> None:
    add_payment(db, invoice, TODAY - 4 * DAY, D("300"), "chèque")
    mark_paid(db, invoice, TODAY - DAY, "virement")
    state = payment_state(db, invoice)
    assert state.paid_on == TODAY - DAY and state.left == D("0.00")
    assert [(p.amount, p.method) for p in state.payments] == [
        (D("300.00"), "chèque"),
        (D("900.00"), "virement"),
    ]
    mark_unpaid(db, invoice)
    state = payment_state(db, invoice)
    assert state.paid_on is None and state.left == D("900.00")
    assert [p.amount for p in state.payments] == [D("300.00")]  # the partial payment stays


def test_mark_paid_again_replaces_the_settling_payment(db: Database, invoice: int) -> None:
    mark_paid(db, invoice, TODAY - 2 * DAY, "chèque")
    mark_paid(db, invoice, TODAY - DAY, "virement")  # corrected
    state = payment_state(db, invoice)
    assert [(p.paid_on, p.amount, p.method) for p in state.payments] == [
        (TODAY - DAY, D("1200.00"), "virement")
    ]


def test_a_fully_credited_invoice_is_marked_paid_without_a_payment(
    db: Database, invoice: int
) -> None:
    credit_note(db, invoice, "1200.00")
    assert payment_state(db, invoice).left == D("0.00")
    mark_paid(db, invoice, TODAY)
    state = payment_state(db, invoice)
    assert state.payments == () and state.paid_on == TODAY


def test_delete_payment_forgets_it_and_unpays_the_invoice(db: Database, invoice: int) -> None:
    add_payment(db, invoice, TODAY - DAY, D("700"))
    state = add_payment(db, invoice, TODAY, D("500"))
    assert state.paid_on == TODAY
    first = state.payments[0].id
    state = delete_payment(db, first)
    assert state.paid_on is None and state.left == D("700.00")
    assert [p.amount for p in state.payments] == [D("500.00")]
    with db.read() as session:
        row = session.get_one(Document, invoice)
        assert row.paid_on is None and row.status == DocumentStatus.VALIDATED
    with pytest.raises(NotFoundError):
        delete_payment(db, first)
