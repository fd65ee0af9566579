"""Recurring invoices (app.services.recurring): each period made once, on SQLite and on a
real PostgreSQL server (the ``db`` fixture)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import Document, OutboxMessage, RecurrenceRun
from app.domain.kinds import ContactKind, DocumentKind, DocumentStatus
from app.domain.outbox import OutboxState
from app.domain.recurrence import Frequency, RecurrenceMode
from app.errors import ValidationError, WrongKindError
from app.services import recurring
from app.services.batch import SkipReason
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, get_document, save_draft, validate_document
from app.services.recurring import recurrence_of, run_due, set_recurrence, stop_recurrence
from app.services.settings import update_company

D = Decimal
START = date(2026, 1, 1)
MONTHLY, QUARTERLY = Frequency.MONTHLY, Frequency.QUARTERLY


def company(db: Database) -> None:
    update_company(
        db,
        name="Atelier Dupont",
        siren="732829320",
        siret="73282932000074",
        vat_number="FR44732829320",
        city="Lyon",
        payment_days=30,
        sender_name="Atelier Dupont",
        sender_address="contact@atelier-dupont.fr",
    )


def client(db: Database, *, mail: bool = True) -> int:
    return save_client(
        db,
        ClientData(
            name="Boulangerie Éclair" if mail else "Garage Sans Mail",
            city="Villeurbanne",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.fr", mail=mail),),
        ),
    )


def model(db: Database, client_id: int, kind: DocumentKind = DocumentKind.INVOICE) -> int:
    document_id = save_draft(
        db,
        DocumentInput(
            kind,
            client_id,
            date(2025, 12, 15),
            (LineInput("Maintenance mensuelle", D("1"), D("120.00"), D("20"), "mois"),),
            validity_date=date(2026, 1, 15) if kind == DocumentKind.QUOTE else None,
            payment_terms="Virement à 30 jours",
            notes="Contrat n° 42",
        ),
    )
    validate_document(db, document_id)
    return document_id


@pytest.fixture
def invoice_id(db: Database) -> int:
    company(db)
    return model(db, client(db))


def recurring_copies(db: Database, model_id: int) -> list[Document]:
    with db.read() as session:
        return list(
            session.scalars(
                select(Document)
                .where(Document.id != model_id, Document.kind == str(DocumentKind.INVOICE))
                .order_by(Document.issue_date)
            )
        )


def test_run_twice_on_the_same_day_makes_one_invoice(db: Database, invoice_id: int) -> None:
    set_recurrence(db, invoice_id, MONTHLY, 5, START, today=START)
    first = run_due(db, date(2026, 1, 5))
    second = run_due(db, date(2026, 1, 5))
    assert [m.period for m in first.made] == [date(2026, 1, 5)]
    assert second.made == [] and second.failed == []
    copies = recurring_copies(db, invoice_id)
    assert len(copies) == 1
    copy = copies[0]
    assert copy.status == DocumentStatus.DRAFT and copy.number is None
    assert copy.issue_date == date(2026, 1, 5)
    assert copy.due_date == date(2026, 1, 5) + timedelta(days=30)  # the company's delay
    assert (copy.payment_terms, copy.notes) == ("Virement à 30 jours", "Contrat n° 42")
    source = get_document(db, invoice_id)
    assert get_document(db, copy.id).lines == source.lines
    assert copy.total_incl == source.total_incl == D("144.00")
    assert first.made[0].client_name == "Boulangerie Éclair"


def test_catch_up_makes_each_missed_period_once_dated_its_own(
    db: Database, invoice_id: int
) -> None:
    set_recurrence(db, invoice_id, MONTHLY, 31, START, today=START)
    result = run_due(db, date(2026, 4, 2))
    periods = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert [m.period for m in result.made] == periods
    assert [c.issue_date for c in recurring_copies(db, invoice_id)] == periods
    assert run_due(db, date(2026, 4, 29)).made == []
    assert [m.period for m in run_due(db, date(2026, 4, 30)).made] == [date(2026, 4, 30)]
    data = recurrence_of(db, invoice_id)
    assert data is not None and data.made == 4 and data.next_date == date(2026, 5, 31)


def test_the_end_date_and_a_stop_are_respected(db: Database, invoice_id: int) -> None:
    set_recurrence(db, invoice_id, QUARTERLY, 1, START, date(2026, 6, 30), today=START)
    made = run_due(db, date(2026, 12, 31)).made
    assert [m.period for m in made] == [date(2026, 1, 1), date(2026, 4, 1)]
    other = model(db, client(db))
    set_recurrence(db, other, MONTHLY, 1, START, today=START)
    stop_recurrence(db, other)
    assert run_due(db, date(2026, 12, 31)).made == []
    stopped = recurrence_of(db, other)
    assert stopped is not None and not stopped.active and stopped.next_date is None
    assert recurrence_of(db, model(db, client(db))) is None


def test_changing_the_day_never_invoices_a_month_twice(db: Database, invoice_id: int) -> None:
    set_recurrence(db, invoice_id, MONTHLY, 5, START, today=START)
    run_due(db, date(2026, 1, 7))
    set_recurrence(db, invoice_id, MONTHLY, 10, START, today=date(2026, 1, 7))
    assert run_due(db, date(2026, 1, 10)).made == []  # January is made
    data = recurrence_of(db, invoice_id)
    assert data is not None and data.next_date == date(2026, 2, 10)
    assert [m.period for m in run_due(db, date(2026, 2, 10)).made] == [date(2026, 2, 10)]


def test_an_old_recurrence_keeps_its_start_when_edited(db: Database, invoice_id: int) -> None:
    set_recurrence(db, invoice_id, MONTHLY, 5, START, today=START)
    later = date(2027, 6, 1)  # more than a year after the start
    data = set_recurrence(db, invoice_id, MONTHLY, 5, START, date(2027, 12, 31), today=later)
    assert data.end_date == date(2027, 12, 31)
    with pytest.raises(ValidationError):  # a new start that far back is a typing slip
        set_recurrence(db, invoice_id, MONTHLY, 5, date(2026, 2, 1), today=later)


def test_mode_send_validates_and_holds_one_message(db: Database, invoice_id: int) -> None:
    set_recurrence(db, invoice_id, MONTHLY, 5, START, mode=RecurrenceMode.SEND, today=START)
    result = run_due(db, date(2026, 1, 5))
    run_due(db, date(2026, 1, 5))
    (made,) = result.made
    assert made.status == DocumentStatus.VALIDATED and made.held
    assert made.number == "F-2026-0001"  # numbered at validation, in its period's year
    with db.read() as session:
        messages = session.scalars(select(OutboxMessage)).all()
    assert [(m.document_id, OutboxState(m.state)) for m in messages] == [
        (made.document_id, OutboxState.HELD)
    ]


def test_mode_send_without_mailing_address_stays_validated(db: Database) -> None:
    company(db)
    invoice_id = model(db, client(db, mail=False))
    set_recurrence(db, invoice_id, MONTHLY, 5, START, mode=RecurrenceMode.SEND, today=START)
    (made,) = run_due(db, date(2026, 1, 5)).made
    assert made.status == DocumentStatus.VALIDATED and not made.held
    assert made.not_prepared is SkipReason.NO_ADDRESS
    assert get_document(db, made.document_id).status == DocumentStatus.VALIDATED


def test_only_invoices_can_recur_and_bad_values_are_refused(db: Database) -> None:
    company(db)
    quote = model(db, client(db), DocumentKind.QUOTE)
    with pytest.raises(WrongKindError):
        set_recurrence(db, quote, MONTHLY, 5, START, today=START)
    invoice_id = model(db, client(db))
    for day, start, end in (
        (0, START, None),
        (32, START, None),
        (5, START, START - timedelta(days=1)),
        (5, START - timedelta(days=400), None),
    ):
        with pytest.raises(ValidationError):
            set_recurrence(db, invoice_id, MONTHLY, day, start, end, today=START)
    assert recurrence_of(db, invoice_id) is None


def test_a_period_made_elsewhere_is_skipped(
    db: Database, invoice_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race lost: another process inserted the period's run row after this one looked
    (simulated: the look sees nothing); the unique key refuses ours, the period is skipped
    and nothing of ours stays."""
    recurrence = set_recurrence(db, invoice_id, MONTHLY, 5, START, today=START)
    with db.write() as session:
        session.add(
            RecurrenceRun(recurrence_id=recurrence.id, period=date(2026, 1, 5), created_at=START)
        )
    monkeypatch.setattr(recurring, "_made_slots", lambda _session, _row: set())
    result = run_due(db, date(2026, 1, 5))
    assert result.made == [] and result.failed == [] and result.already_made == 1
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RecurrenceRun)) == 1
    assert recurring_copies(db, invoice_id) == []
