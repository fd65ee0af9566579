"""What a user does with a document besides editing it: delete a draft, duplicate it,
turn it into the next kind (quote → order → delivery note → invoice), cancel an invoice
with a credit note, record its payment.

Each public function is one transaction and returns ids or plain data.

Credit notes carry the invoice's lines with the same positive amounts: the kind says
that they are credited (the PDF titles them "avoir", Factur-X gives them type 381, the
invoices report lists them beside the invoices), so accounting reads their totals as
negative. An invoice is *fully cancelled* when its validated credit notes add up to at
least its total; it then has nothing left to pay and cannot be cancelled again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import utcnow
from app.db.database import Database
from app.db.models import Document
from app.domain.invoice_roles import FINAL
from app.domain.kinds import (
    DocumentKind,
    DocumentStatus,
    SecondDate,
    credit_kind_for,
    kind_codes,
    kind_spec,
)
from app.errors import (
    ConversionError,
    DraftDocumentError,
    NotFoundError,
    ReadOnlyDocumentError,
    ValidationError,
    WrongKindError,
)
from app.services.document_data import document_data
from app.services.documents import DocumentInput, check_lines, check_not_cancelled, write_draft
from app.services.payments import MAX_METHOD, clean_method, forget_settlement, record_remainder
from app.services.reminder_withdrawal import WITHDRAWN_DISPUTED, withdraw_reminders
from app.services.reports import fully_cancelled_ids

__all__ = [
    "CONVERSIONS",
    "MAX_PAYMENT_METHOD",
    "DerivedDocument",
    "allowed_conversions",
    "convert_document",
    "create_credit_note",
    "delete_draft",
    "derived_documents",
    "duplicate_document",
    "is_fully_cancelled",
    "mark_paid",
    "mark_unpaid",
    "set_disputed",
]


class _Conversions(Mapping[DocumentKind, tuple[DocumentKind, ...]]):
    """What each kind can become (``KindSpec.conversions``), for the kinds that can become
    something; the new document is a draft that points back to its source."""

    def __getitem__(self, kind: DocumentKind) -> tuple[DocumentKind, ...]:
        targets = allowed_conversions(kind) if kind in kind_codes() else ()
        if not targets:
            raise KeyError(kind)
        return targets

    def __iter__(self) -> Iterator[DocumentKind]:
        return (k for k in DocumentKind if k.spec.conversions)

    def __len__(self) -> int:
        return sum(1 for _ in self)


CONVERSIONS: Mapping[DocumentKind, tuple[DocumentKind, ...]] = _Conversions()

MAX_PAYMENT_METHOD = MAX_METHOD  # the column's size


class DerivedDocument(NamedTuple):
    """A document made from another one (a conversion, or a credit note cancelling it)."""

    id: int
    kind: DocumentKind
    number: str | None  # None while it is a draft
    status: DocumentStatus


def allowed_conversions(kind: DocumentKind) -> tuple[DocumentKind, ...]:
    """The kinds a validated document of ``kind`` can be turned into (maybe none)."""
    return tuple(DocumentKind(k) for k in kind_spec(kind).conversions)


# --- reading ------------------------------------------------------------------------------


def _load(session: Session, document_id: int, *, lock: bool = False) -> Document:
    row = session.get(
        Document,
        document_id,
        options=[selectinload(Document.lines), selectinload(Document.client)],
        with_for_update=lock,
    )
    if row is None:
        raise NotFoundError("document", id=document_id, what=f"document {document_id}")
    return row


def _require_validated(row: Document) -> None:
    if row.status == DocumentStatus.DRAFT:
        raise DraftDocumentError("draft", id=row.id, kind=row.kind)


def _require_kind(row: Document, expected: tuple[str, ...]) -> None:
    if row.kind not in expected:
        raise WrongKindError("wrong kind", id=row.id, kind=row.kind, expected=expected)


def derived_documents(db: Database, document_id: int) -> list[DerivedDocument]:
    """What this document became: the documents made from it and the credit notes that
    cancel it, oldest first."""
    with db.read() as session:
        if session.get(Document, document_id) is None:
            raise NotFoundError("document", id=document_id, what=f"document {document_id}")
        rows = session.execute(
            select(Document.id, Document.kind, Document.number, Document.status)
            .where(or_(Document.source_id == document_id, Document.cancels_id == document_id))
            .order_by(Document.id)
        )
        return [DerivedDocument(r[0], DocumentKind(r[1]), r[2], DocumentStatus(r[3])) for r in rows]


def is_fully_cancelled(db: Database, invoice_id: int) -> bool:
    """Whether validated credit notes cancel the whole invoice."""
    with db.read() as session:
        return session.scalar(fully_cancelled_ids([invoice_id])) is not None


# --- new drafts from existing documents ------------------------------------------------------


def copy_document(
    session: Session,
    source: Document,
    kind: DocumentKind,
    issue_date: date,
    *,
    payment_terms: str,
    notes: str,
    validity_date: date | None = None,
    delivery_date: date | None = None,
) -> Document:
    """A new draft of ``kind`` with the source's client, lines, operation category,
    delivery address and VAT-on-debits choice (invoices get their due date from the
    company's payment delay, as ``save_draft`` gives it)."""
    data = document_data(source)
    # A final invoice's deductions stay in its credit note (a duplicate is refused them).
    check_lines(
        data.lines, deductions=kind.spec.credits is not None and source.invoice_role == FINAL
    )
    return write_draft(
        session,
        DocumentInput(
            kind=kind,
            client_id=source.client_id,
            issue_date=issue_date,
            lines=data.lines,
            validity_date=validity_date,
            delivery_date=delivery_date,
            payment_terms=payment_terms,
            notes=notes,
            # The reform's mentions as the source chose them (a validated source has them
            # written in; a draft's inherited ones stay inherited).
            operation_category=data.operation_category,
            delivery_street=data.delivery_street,
            delivery_postal_code=data.delivery_postal_code,
            delivery_city=data.delivery_city,
            delivery_country=data.delivery_country,
            vat_on_debits=data.vat_on_debits,
        ),
    )


def duplicate_document(db: Database, document_id: int, issue_date: date | None = None) -> int:
    """A new draft like this one (same kind, client, lines, terms and notes), dated today,
    without number or source. A quote keeps its validity period; an invoice gets a due date
    from the company's payment delay. Credit notes are made from their invoice instead
    (``WrongKindError``)."""
    issued = issue_date or date.today()
    with db.write() as session:
        source = _load(session, document_id)
        kind = DocumentKind(source.kind)
        if not kind.spec.duplicable:
            raise WrongKindError(
                "not duplicable",
                id=document_id,
                kind=str(kind),
                expected=tuple(str(k) for k in DocumentKind if k != kind),
            )
        validity = None
        if kind.spec.second_date is SecondDate.VALIDITY and source.validity_date is not None:
            validity = issued + (source.validity_date - source.issue_date)
        row = copy_document(
            session,
            source,
            kind,
            issued,
            payment_terms=source.payment_terms,
            notes=source.notes,
            validity_date=validity,
        )
        return row.id


def convert_document(
    db: Database, document_id: int, target: DocumentKind, issue_date: date | None = None
) -> int:
    """Turn a validated quote, order or delivery note into a new draft of ``target``
    (see ``CONVERSIONS``) with its client, lines, terms, notes and delivery date, whose
    ``source_id`` is the source. The source must be validated (``DraftDocumentError``): the
    new document refers to its number. A conversion outside the table raises
    ``ConversionError``. Converting the same source twice is allowed (the user may have
    good reasons); ``derived_documents`` tells what it already became."""
    target = DocumentKind(target)
    with db.write() as session:
        source = _load(session, document_id)
        kind = DocumentKind(source.kind)
        allowed = allowed_conversions(kind)
        if target not in allowed:
            raise ConversionError(
                "conversion",
                id=document_id,
                kind=str(kind),
                target=str(target),
                allowed=tuple(str(k) for k in allowed),
            )
        _require_validated(source)
        row = copy_document(
            session,
            source,
            target,
            issue_date or date.today(),
            payment_terms=source.payment_terms,
            notes=source.notes,
            delivery_date=source.delivery_date,
        )
        row.source_id = source.id
        session.flush()
        return row.id


def create_credit_note(db: Database, invoice_id: int, issue_date: date | None = None) -> int:
    """A credit-note draft cancelling a validated invoice: its client and lines with the
    same positive amounts, ``cancels_id`` = the invoice (the PDF names the invoice).

    Raises ``WrongKindError`` for anything but an invoice, ``DraftDocumentError`` for a
    draft invoice, ``AlreadyCancelledError`` when validated credit notes already cancel
    the whole invoice. Validating the draft gives it its AV-YYYY-NNNN number."""
    with db.write() as session:
        invoice = _load(session, invoice_id)
        credit_kind = credit_kind_for(invoice.kind)
        if credit_kind is None:
            credited = tuple(str(k.spec.credits) for k in DocumentKind if k.spec.credits)
            raise WrongKindError(
                "not creditable", id=invoice.id, kind=invoice.kind, expected=credited
            )
        _require_validated(invoice)
        check_not_cancelled(session, invoice_id)
        row = copy_document(
            session,
            invoice,
            credit_kind,
            issue_date or date.today(),
            payment_terms="",
            notes="",
            delivery_date=invoice.delivery_date,
        )
        row.cancels_id = invoice.id
        session.flush()
        return row.id


# --- deleting and payments -------------------------------------------------------------------


def delete_draft(db: Database, document_id: int) -> None:
    """Delete a draft and its lines; a validated document is never deleted
    (``ReadOnlyDocumentError``: cancel an invoice with a credit note instead)."""
    with db.write() as session:
        row = _load(session, document_id, lock=True)
        if row.status != DocumentStatus.DRAFT:
            raise ReadOnlyDocumentError("validated", id=document_id, number=row.number)
        session.delete(row)


def _payable(session: Session, document_id: int) -> Document:
    row = _load(session, document_id, lock=True)
    _require_kind(row, tuple(str(k) for k in DocumentKind if k.spec.payable))
    _require_validated(row)
    return row


def mark_paid(db: Database, document_id: int, paid_on: date, method: str = "") -> None:
    """Record the payment of a validated invoice (date, and how: "virement", "chèque"…;
    at most 40 characters, one line). Marking it again replaces the previous record. The
    archived PDF is not touched: the payment is not part of the document."""
    if not isinstance(paid_on, date):
        raise ValidationError("date", field="paid_on", value=paid_on)
    clean = clean_method(method)
    with db.write() as session:
        row = _payable(session, document_id)
        if row.paid_on is not None:
            forget_settlement(session, row)
            session.flush()
        # What is left becomes the last payment; reminders waiting for it are withdrawn.
        record_remainder(session, row, paid_on, clean)


def mark_unpaid(db: Database, document_id: int) -> None:
    """Forget the payment of a validated invoice (entered by mistake): the payment that
    settled it goes, earlier partial payments stay."""
    with db.write() as session:
        forget_settlement(session, _payable(session, document_id))


def set_disputed(db: Database, document_id: int, disputed: bool) -> None:
    """Mark a validated invoice "en litige" (the client disputes it) or not: no reminder
    goes for a disputed invoice, and those waiting in the outbox are withdrawn."""
    with db.write() as session:
        row = _payable(session, document_id)
        row.disputed = disputed
        row.updated_at = utcnow()
        if disputed:
            withdraw_reminders(session, [row.id], WITHDRAWN_DISPUTED)
