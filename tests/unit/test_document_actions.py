"""The document life cycle: conversions, duplicates, credit notes, payments, deletion.

Every test runs on SQLite and on a real PostgreSQL server (the ``db`` fixture).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import Document, DocumentLine
from app.domain.kinds import ContactKind, DocumentKind, DocumentStatus
from app.domain.status import DisplayStatus, status_of
from app.errors import (
    AlreadyCancelledError,
    ConversionError,
    CreditExceedsInvoiceError,
    DraftDocumentError,
    NotFoundError,
    ReadOnlyDocumentError,
    ValidationError,
    WrongKindError,
)
from app.services.clients import ClientData, ContactData, delete_client, save_client
from app.services.document_actions import (
    CONVERSIONS,
    DerivedDocument,
    allowed_conversions,
    convert_document,
    create_credit_note,
    delete_draft,
    derived_documents,
    duplicate_document,
    is_fully_cancelled,
    mark_paid,
    mark_unpaid,
)
from app.services.document_data import DocumentData, LineInput
from app.services.documents import DocumentInput, get_document, save_draft, validate_document
from app.services.settings import update_company

D = Decimal
ISSUED = date(2026, 3, 10)
QUOTE, ORDER, DELIVERY, INVOICE, CREDIT = (
    DocumentKind.QUOTE,
    DocumentKind.ORDER,
    DocumentKind.DELIVERY,
    DocumentKind.INVOICE,
    DocumentKind.CREDIT_NOTE,
)
VALIDATED = DocumentStatus.VALIDATED


@dataclass(frozen=True)
class Facts:
    """What the report's status reads (``app.domain.status.StatusFacts``)."""

    kind: DocumentKind
    status: DocumentStatus
    cancelled: bool
    paid_on: date | None
    due_date: date | None
    sent_at: datetime | None


def shown_status(doc: DocumentData, today: date, *, cancelled: bool = False) -> DisplayStatus:
    """The status the report shows for ``doc`` on ``today``."""
    facts = Facts(doc.kind, doc.status, cancelled, doc.paid_on, doc.due_date, doc.sent_at)
    return status_of(facts, today)


def three_lines() -> tuple[LineInput, ...]:
    """Two VAT rates: 20 % and 5.5 %, one line with a discount."""
    return (
        LineInput("Audit du site", D("1"), D("850.00"), D("20"), "forfait"),
        LineInput("Journée de formation", D("2.5"), D("412.33"), D("20"), "jour", D("5")),
        LineInput("Manuel imprimé", D("7"), D("18.99"), D("5.5"), "u"),
    )


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(
        db,
        name="Atelier Dupont",
        siren="732829320",
        siret="73282932000074",
        vat_number="FR44732829320",
        city="Lyon",
        payment_days=45,
    )
    return save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            city="Villeurbanne",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.fr", mail=True),),
        ),
    )


def make(
    db: Database,
    client_id: int,
    kind: DocumentKind = QUOTE,
    *,
    validate: bool = True,
    lines: tuple[LineInput, ...] | None = None,
    issue_date: date = ISSUED,
) -> DocumentData:
    document_id = save_draft(
        db,
        DocumentInput(
            kind,
            client_id,
            issue_date,
            three_lines() if lines is None else lines,
            validity_date=issue_date + timedelta(days=30) if kind == QUOTE else None,
            delivery_date=date(2026, 4, 2),
            payment_terms="Virement à réception",
            notes="Chantier rue des Lilas",
        ),
    )
    return validate_document(db, document_id) if validate else get_document(db, document_id)


def same_content(a: DocumentData, b: DocumentData) -> bool:
    return (a.client_id, a.lines, a.total_excl, a.total_vat, a.total_incl) == (
        b.client_id,
        b.lines,
        b.total_excl,
        b.total_vat,
        b.total_incl,
    )


# --- a quote, to the cent -------------------------------------------------------------------


def test_a_quote_with_two_vat_rates_totals_to_the_cent(db: Database, client_id: int) -> None:
    draft = make(db, client_id, validate=False)
    # 850.00 + 979.28 (2.5 × 412.33 = 1030.825, less 5 % = 979.28375) = 1829.28 at 20 %
    # 7 × 18.99 = 132.93 at 5.5 %; VAT 365.856 → 365.86 and 7.31115 → 7.31
    assert draft.total_excl == D("1962.21")
    assert draft.total_vat == D("373.17")
    assert draft.total_incl == D("2335.38")
    assert draft.number is None and draft.status == DocumentStatus.DRAFT
    quote = validate_document(db, draft.id)
    assert quote.number == "D-2026-0001"
    assert quote.total_incl == D("2335.38")
    assert quote.payment_method == ""


# --- conversions ------------------------------------------------------------------------------


def test_conversion_table() -> None:
    assert allowed_conversions(QUOTE) == (ORDER, INVOICE)
    assert allowed_conversions(ORDER) == (DELIVERY, INVOICE)
    assert allowed_conversions(DELIVERY) == (INVOICE,)
    assert allowed_conversions(INVOICE) == ()
    assert allowed_conversions(CREDIT) == ()
    assert set(CONVERSIONS) == {QUOTE, ORDER, DELIVERY}


def test_quote_to_order_to_delivery_to_invoice_keeps_the_chain(
    db: Database, client_id: int
) -> None:
    quote = make(db, client_id)
    order_id = convert_document(db, quote.id, ORDER)
    order = get_document(db, order_id)
    assert order.kind == ORDER and order.status == DocumentStatus.DRAFT and order.number is None
    assert order.source_id == quote.id
    assert order.issue_date == date.today()
    assert same_content(order, quote)
    assert (order.payment_terms, order.notes) == (quote.payment_terms, quote.notes)
    assert order.delivery_date == quote.delivery_date
    order = validate_document(db, order_id)

    delivery = validate_document(db, convert_document(db, order.id, DELIVERY, ISSUED))
    assert delivery.source_id == order.id and delivery.number == "BL-2026-0001"
    assert delivery.issue_date == ISSUED

    invoice_id = convert_document(db, delivery.id, INVOICE, ISSUED)
    invoice = get_document(db, invoice_id)
    assert invoice.source_id == delivery.id
    assert same_content(invoice, quote)
    assert invoice.due_date == ISSUED + timedelta(days=45)  # the company's payment delay
    invoice = validate_document(db, invoice_id)
    assert invoice.number == "F-2026-0001"

    # Each source shows what it became.
    assert derived_documents(db, quote.id) == [
        DerivedDocument(order.id, ORDER, order.number, VALIDATED)
    ]
    assert derived_documents(db, order.id) == [(delivery.id, DELIVERY, "BL-2026-0001", VALIDATED)]
    assert derived_documents(db, delivery.id) == [(invoice.id, INVOICE, "F-2026-0001", VALIDATED)]
    assert derived_documents(db, invoice.id) == []
    # The source is untouched.
    assert get_document(db, quote.id) == quote


def test_a_quote_becomes_an_invoice_directly(db: Database, client_id: int) -> None:
    update_company(db, payment_days=0)  # "payable à réception"
    quote = make(db, client_id)
    invoice = get_document(db, convert_document(db, quote.id, INVOICE, ISSUED))
    assert invoice.kind == INVOICE and invoice.source_id == quote.id
    assert invoice.due_date == ISSUED
    assert invoice.validity_date is None
    assert same_content(invoice, quote)
    # Converting again is allowed; the quote lists both.
    again = convert_document(db, quote.id, ORDER)
    assert [d.id for d in derived_documents(db, quote.id)] == [invoice.id, again]
    assert [d.status for d in derived_documents(db, quote.id)] == [DocumentStatus.DRAFT] * 2


@pytest.mark.parametrize(
    ("kind", "target"),
    [
        (QUOTE, DELIVERY),
        (QUOTE, QUOTE),
        (QUOTE, CREDIT),
        (ORDER, QUOTE),
        (DELIVERY, ORDER),
        (INVOICE, ORDER),
        (INVOICE, CREDIT),  # a credit note is made with create_credit_note
    ],
)
def test_conversions_outside_the_table_are_refused(
    db: Database, client_id: int, kind: DocumentKind, target: DocumentKind
) -> None:
    source = make(db, client_id, kind)
    with pytest.raises(ConversionError) as caught:
        convert_document(db, source.id, target)
    error = caught.value
    assert error.code == "document.conversion"
    assert error.data["kind"] == str(kind) and error.data["target"] == str(target)
    assert error.data["allowed"] == tuple(str(k) for k in allowed_conversions(kind))
    assert derived_documents(db, source.id) == []


def test_a_draft_cannot_be_converted(db: Database, client_id: int) -> None:
    quote = make(db, client_id, validate=False)
    with pytest.raises(DraftDocumentError) as caught:
        convert_document(db, quote.id, ORDER)
    assert caught.value.code == "document.draft"
    assert caught.value.data == {"id": quote.id, "kind": "quote"}
    with pytest.raises(NotFoundError):
        convert_document(db, 987_654, ORDER)
    with pytest.raises(NotFoundError):
        derived_documents(db, 987_654)


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicate_makes_a_fresh_draft(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    copy = get_document(db, duplicate_document(db, invoice.id))
    assert copy.id != invoice.id
    assert copy.kind == INVOICE and copy.status == DocumentStatus.DRAFT
    assert copy.number is None and copy.source_id is None and copy.cancels_id is None
    assert copy.issue_date == date.today()
    assert copy.due_date == date.today() + timedelta(days=45)
    assert copy.delivery_date is None
    assert same_content(copy, invoice)
    assert (copy.payment_terms, copy.notes) == (invoice.payment_terms, invoice.notes)
    assert copy.sent_at is None and copy.pdf_sha256 is None and copy.paid_on is None
    # Not a conversion: the original did not "become" the copy.
    assert derived_documents(db, invoice.id) == []


def test_a_duplicated_quote_keeps_its_validity_period_and_drafts_can_be_copied(
    db: Database, client_id: int
) -> None:
    quote = make(db, client_id, validate=False)
    copy = get_document(db, duplicate_document(db, quote.id, date(2026, 6, 1)))
    assert copy.issue_date == date(2026, 6, 1)
    assert copy.validity_date == date(2026, 7, 1)  # 30 days, as the original
    assert same_content(copy, quote)


def test_a_credit_note_is_not_duplicated(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    credit = create_credit_note(db, invoice.id)
    with pytest.raises(WrongKindError) as caught:
        duplicate_document(db, credit)
    assert caught.value.data["kind"] == "credit_note"
    with pytest.raises(NotFoundError):
        duplicate_document(db, 987_654)


# --- credit notes ---------------------------------------------------------------------------------


def test_a_credit_note_cancels_a_validated_invoice(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    credit_id = create_credit_note(db, invoice.id, ISSUED)
    draft = get_document(db, credit_id)
    assert draft.kind == CREDIT and draft.status == DocumentStatus.DRAFT
    assert draft.cancels_id == invoice.id and draft.source_id is None
    assert same_content(draft, invoice)  # same positive amounts: the kind says "credited"
    assert draft.total_incl == D("2335.38")
    assert draft.notes == "" and draft.payment_terms == "" and draft.due_date is None
    assert not is_fully_cancelled(db, invoice.id)  # a draft cancels nothing yet

    credit = validate_document(db, credit_id)
    assert credit.number == "AV-2026-0001"
    assert credit.cancels_id == invoice.id
    assert derived_documents(db, invoice.id) == [(credit_id, CREDIT, "AV-2026-0001", VALIDATED)]
    assert is_fully_cancelled(db, invoice.id)

    with pytest.raises(AlreadyCancelledError) as caught:
        create_credit_note(db, invoice.id)
    assert caught.value.code == "document.cancelled"
    assert caught.value.data == {
        "id": invoice.id,
        "number": "F-2026-0001",
        "credit_notes": ("AV-2026-0001",),
    }


def test_a_partial_credit_note_leaves_room_for_another(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    first = create_credit_note(db, invoice.id, ISSUED)
    second = create_credit_note(db, invoice.id, ISSUED)  # two drafts are allowed
    # The user keeps only the first line on the first credit note.
    data = get_document(db, first)
    save_draft(
        db,
        DocumentInput(CREDIT, client_id, ISSUED, data.lines[:1]),
        first,
    )
    assert validate_document(db, first).number == "AV-2026-0001"
    assert not is_fully_cancelled(db, invoice.id)
    # The second one, still with every line, would refund the first line twice.
    with pytest.raises(CreditExceedsInvoiceError) as caught:
        validate_document(db, second)
    assert caught.value.data["remaining"] == invoice.total_excl - data.lines[0].amounts.total_excl
    assert get_document(db, second).number is None  # no number used up
    save_draft(db, DocumentInput(CREDIT, client_id, ISSUED, data.lines[1:]), second)
    assert validate_document(db, second).number == "AV-2026-0002"
    assert is_fully_cancelled(db, invoice.id)
    # A third draft made before cannot be validated any more: no number is used up.
    third = save_draft(db, DocumentInput(CREDIT, client_id, ISSUED, data.lines))
    with db.write() as session:
        row = session.get(Document, third)
        assert row is not None
        row.cancels_id = invoice.id
    with pytest.raises(AlreadyCancelledError):
        validate_document(db, third)
    assert get_document(db, third).number is None


def test_credit_notes_only_for_validated_invoices(db: Database, client_id: int) -> None:
    draft_invoice = make(db, client_id, INVOICE, validate=False)
    with pytest.raises(DraftDocumentError):
        create_credit_note(db, draft_invoice.id)
    quote = make(db, client_id, QUOTE)
    with pytest.raises(WrongKindError) as caught:
        create_credit_note(db, quote.id)
    assert caught.value.code == "document.wrong_kind"
    assert caught.value.data["expected"] == ("invoice",)
    with pytest.raises(NotFoundError):
        create_credit_note(db, 987_654)


# --- payments -------------------------------------------------------------------------------------


def test_mark_paid_and_unpaid(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    due = ISSUED + timedelta(days=45)
    assert invoice.due_date == due
    assert shown_status(invoice, due) == DisplayStatus.VALIDATED
    assert shown_status(invoice, due + timedelta(days=1)) == DisplayStatus.OVERDUE

    mark_paid(db, invoice.id, date(2026, 4, 1), "  Virement SEPA  ")
    paid = get_document(db, invoice.id)
    assert (paid.paid_on, paid.payment_method) == (date(2026, 4, 1), "Virement SEPA")
    assert shown_status(paid, due + timedelta(days=100)) == DisplayStatus.PAID
    assert paid.pdf_sha256 == invoice.pdf_sha256  # the archived PDF never changes

    mark_paid(db, invoice.id, date(2026, 4, 3), "Chèque")  # corrected
    assert get_document(db, invoice.id).payment_method == "Chèque"

    mark_unpaid(db, invoice.id)
    unpaid = get_document(db, invoice.id)
    assert (unpaid.paid_on, unpaid.payment_method) == (None, "")
    assert shown_status(unpaid, date(2030, 1, 1)) == DisplayStatus.OVERDUE
    # A fully cancelled invoice has nothing left to pay.
    assert shown_status(unpaid, date(2030, 1, 1), cancelled=True) == DisplayStatus.CREDITED


@pytest.mark.parametrize("method", ["x" * 41, "Virement\r\nBcc: x@y.z", "Chèque\nCB", "a\tb"])
def test_payment_method_is_one_short_line(db: Database, client_id: int, method: str) -> None:
    invoice = make(db, client_id, INVOICE)
    with pytest.raises(ValidationError) as caught:
        mark_paid(db, invoice.id, ISSUED, method)
    assert caught.value.data["field"] == "payment_method"
    assert get_document(db, invoice.id).paid_on is None
    mark_paid(db, invoice.id, ISSUED, "x" * 40)  # the limit itself is fine
    mark_paid(db, invoice.id, ISSUED, " Chèque\n")  # outer blanks are only trimmed
    assert get_document(db, invoice.id).payment_method == "Chèque"


def test_only_validated_invoices_are_paid(db: Database, client_id: int) -> None:
    draft = make(db, client_id, INVOICE, validate=False)
    quote = make(db, client_id, QUOTE)
    credit = validate_document(db, create_credit_note(db, make(db, client_id, INVOICE).id))
    with pytest.raises(DraftDocumentError):
        mark_paid(db, draft.id, ISSUED, "Espèces")
    for other in (quote, credit):
        with pytest.raises(WrongKindError):
            mark_paid(db, other.id, ISSUED, "Espèces")
        with pytest.raises(WrongKindError):
            mark_unpaid(db, other.id)
    with pytest.raises(NotFoundError):
        mark_paid(db, 987_654, ISSUED)
    today = date(2030, 1, 1)
    shown = [shown_status(get_document(db, doc.id), today) for doc in (draft, quote, credit)]
    assert shown == [DisplayStatus.DRAFT, DisplayStatus.VALIDATED, DisplayStatus.CREDIT_NOTE]


def test_an_invoice_without_due_date_is_never_overdue(db: Database, client_id: int) -> None:
    invoice = make(db, client_id, INVOICE)
    no_due_date = replace(invoice, due_date=None)
    assert shown_status(no_due_date, date(2099, 1, 1)) == DisplayStatus.VALIDATED


# --- deletion and vanished clients -------------------------------------------------------------


def test_only_drafts_are_deleted(db: Database, client_id: int) -> None:
    draft = make(db, client_id, INVOICE, validate=False)
    validated = make(db, client_id, INVOICE)
    delete_draft(db, draft.id)
    with pytest.raises(NotFoundError):
        get_document(db, draft.id)
    with db.read() as session:
        left = session.scalar(
            select(func.count())
            .select_from(DocumentLine)
            .where(DocumentLine.document_id == draft.id)
        )
    assert left == 0
    with pytest.raises(NotFoundError):
        delete_draft(db, draft.id)
    with pytest.raises(ReadOnlyDocumentError) as caught:
        delete_draft(db, validated.id)
    assert caught.value.data == {"id": validated.id, "number": "F-2026-0001"}
    assert get_document(db, validated.id).number == "F-2026-0001"


def test_a_client_deleted_meanwhile_gives_a_typed_error(db: Database, client_id: int) -> None:
    other = save_client(db, ClientData(name="Client éphémère"))
    delete_client(db, other)  # in another window, while the editor was open
    with pytest.raises(NotFoundError) as caught:
        save_draft(db, DocumentInput(INVOICE, other, ISSUED, three_lines()))
    assert caught.value.code == "not_found"
    assert caught.value.data["id"] == other
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_credit_note_prints_no_payment_terms_of_its_own(db: Database, client_id: int) -> None:
    from app.db.models import Document
    from app.services.printing import print_document
    from app.services.settings import update_company

    update_company(db, payment_terms="Virement à 30 jours")
    invoice = make(db, client_id, INVOICE)
    credit_id = create_credit_note(db, invoice.id, ISSUED)
    draft_id = make(db, client_id, INVOICE, validate=False).id
    with db.read() as session:
        credit = print_document(session, session.get_one(Document, credit_id))
        draft_invoice = print_document(session, session.get_one(Document, draft_id))
    assert credit.payment_terms == ""  # paid back, not paid: no "30 days" on it
    assert draft_invoice.payment_terms == "Virement à réception"
