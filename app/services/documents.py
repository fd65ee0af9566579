"""Documents: drafts, validation (number + archived PDF), reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.archive import load_pdf, store_pdf, utcnow
from app.db.database import Database
from app.db.models import Client, Document, DocumentLine
from app.db.numbering import next_sequence
from app.domain.invoice_roles import FINAL
from app.domain.kinds import DocumentKind, DocumentStatus, credit_codes, kind_spec
from app.domain.numbering import format_number
from app.domain.outbox import PROBLEM_STATES
from app.domain.reform import (
    DeliveryAddress,
    Mentions,
    OperationCategory,
    effective_category,
    effective_vat_on_debits,
)
from app.errors import (
    AlreadyCancelledError,
    CreditExceedsInvoiceError,
    NotFoundError,
    ReadOnlyDocumentError,
    ValidationError,
)
from app.services.client_rules import DELIVERY_FIELDS, normalize_field
from app.services.document_data import DocumentData, LineInput, document_data, totals_of
from app.services.outbox_queue import documents_in_state
from app.services.reports import fully_cancelled_ids
from app.services.settings import company_from_row, settings_row

MAX_LINES = 500
MAX_UNIT = 20
MAX_DOCUMENT = Decimal("100000000000")  # 10^11 excl. VAT: far beyond any real document
MAX_DESCRIPTION = 10_000
_PLACES = {"quantity": 4, "unit_price": 4, "discount_percent": 2, "vat_rate": 2}
MAX_AMOUNT = Decimal("1000000000")  # a billion: anything above is a typing slip


@dataclass(frozen=True)
class DocumentInput:
    kind: DocumentKind
    client_id: int
    issue_date: date
    lines: tuple[LineInput, ...]
    due_date: date | None = None
    validity_date: date | None = None
    delivery_date: date | None = None
    payment_terms: str = ""
    notes: str = ""
    # E-invoicing reform: None / "" / None here = the client's, then the company's
    # category; the billing address; the company's VAT-on-debits option.
    operation_category: OperationCategory | None = None
    delivery_street: str = ""
    delivery_postal_code: str = ""
    delivery_city: str = ""
    delivery_country: str = ""
    vat_on_debits: bool | None = None

    @property
    def delivery(self) -> DeliveryAddress:
        return DeliveryAddress.of(self)


def check_lines(lines: tuple[LineInput, ...], *, deductions: bool = False) -> None:
    """Refuse lines the columns or the business rules cannot take. ``deductions``: a
    final invoice's lines may have a negative quantity (the deposits it deducts)."""
    if len(lines) > MAX_LINES:
        raise ValidationError("too many lines", field="lines", limit=MAX_LINES)
    _check_each_line(lines, deductions)
    # Totals are stored with 12 integer digits: VAT included, the sum must stay below that.
    if sum((line.quantity * line.unit_price for line in lines), Decimal(0)) > MAX_DOCUMENT:
        raise ValidationError("document total", field="lines", total_limit=MAX_DOCUMENT)


def _check_each_line(lines: tuple[LineInput, ...], deductions: bool = False) -> None:
    for index, line in enumerate(lines):
        for name in ("quantity", "unit_price", "vat_rate", "discount_percent"):
            value = getattr(line, name)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise ValidationError(name, field=name, row=index)
        quantity = abs(line.quantity) if deductions else line.quantity
        if quantity <= 0 or quantity > MAX_AMOUNT:
            raise ValidationError("quantity", field="quantity", row=index, value=line.quantity)
        if line.unit_price < 0 or line.unit_price > MAX_AMOUNT:
            raise ValidationError("price", field="unit_price", row=index, value=line.unit_price)
        if not Decimal(0) <= line.discount_percent <= Decimal(100):
            raise ValidationError(
                "discount", field="discount_percent", row=index, value=line.discount_percent
            )
        if not Decimal(0) <= line.vat_rate <= Decimal(100):
            raise ValidationError("vat", field="vat_rate", row=index, value=line.vat_rate)
        # The columns keep 4 decimals (quantity, price) and 2 (rates): never round silently.
        for name, places in _PLACES.items():
            value = getattr(line, name)
            if value != value.quantize(Decimal(1).scaleb(-places)):  # "5,500" is fine
                raise ValidationError("decimals", field=name, row=index, value=value, limit=places)
        if quantity * line.unit_price > MAX_AMOUNT:
            raise ValidationError("line total", field="unit_price", row=index, limit=MAX_AMOUNT)
        if len(line.unit) > MAX_UNIT:
            raise ValidationError("unit", field="unit", row=index, limit=MAX_UNIT)
        if len(line.description) > MAX_DESCRIPTION:
            raise ValidationError("description", field="description", row=index)


def save_draft(db: Database, data: DocumentInput, document_id: int | None = None) -> int:
    """Create a draft, or replace a draft's content; validated documents are read-only.

    Raises ``NotFoundError`` (detail ``"client"``) when the client was deleted meanwhile
    (another window or workstation), never a database integrity error.
    """
    check_delivery(data)
    with db.write() as session:
        check_lines(data.lines, deductions=takes_deductions(session, document_id))
        return write_draft(session, data, document_id).id


def takes_deductions(session: Session, document_id: int | None) -> bool:
    """Whether the draft may deduct deposits with negative quantities: a final invoice,
    or a credit note cancelling one (it carries the same lines)."""
    row = session.get(Document, document_id) if document_id is not None else None
    if row is None:
        return False
    if row.cancels_id is not None:
        row = session.get(Document, row.cancels_id)
    return row is not None and row.invoice_role == FINAL


def check_delivery(data: DocumentInput) -> None:
    """The delivery address fits its columns, on one line each (``ClientFieldError``
    naming the field, as for a client's address)."""
    for name in DELIVERY_FIELDS:
        normalize_field(name, getattr(data, name))


def write_draft(session: Session, data: DocumentInput, document_id: int | None = None) -> Document:
    """``save_draft`` inside the caller's transaction (lines already checked)."""
    # Key-share lock: the client cannot be deleted by another transaction before ours ends.
    client = session.get(Client, data.client_id, with_for_update={"key_share": True})
    if client is None:
        raise NotFoundError("client", id=data.client_id, what=f"client {data.client_id}")
    company = company_from_row(settings_row(session))
    now = utcnow()
    if document_id is None:
        row = Document(kind=str(data.kind), status=str(DocumentStatus.DRAFT), created_at=now)
        session.add(row)
    else:
        row = _load(session, document_id)
        if row.status != DocumentStatus.DRAFT:
            raise ReadOnlyDocumentError("validated", id=document_id, number=row.number)
    if kind_spec(data.kind).payable and data.due_date is None:
        data_due: date | None = data.issue_date + timedelta(days=company.payment_days)
    else:
        data_due = data.due_date
    row.client_id = data.client_id
    row.issue_date = data.issue_date
    row.due_date = data_due
    row.validity_date = data.validity_date
    row.delivery_date = data.delivery_date
    row.payment_terms = data.payment_terms
    row.notes = data.notes
    row.operation_category = str(data.operation_category or "")
    for name in DELIVERY_FIELDS:
        setattr(row, name, normalize_field(name, getattr(data, name)))
    row.vat_on_debits = data.vat_on_debits
    row.updated_at = now
    row.lines = [
        DocumentLine(
            position=i,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            discount_percent=line.discount_percent,
        )
        for i, line in enumerate(data.lines)
    ]
    totals = totals_of(data.lines, company.vat_exempt)
    row.total_excl, row.total_vat, row.total_incl = (
        totals.total_excl,
        totals.total_vat,
        totals.total_incl,
    )
    session.flush()
    return row


def validate_document(db: Database, document_id: int) -> DocumentData:
    """Give the draft its number and archive its PDF, in one transaction."""
    with db.write() as session:
        row = _load(session, document_id)
        if row.status != DocumentStatus.DRAFT:
            raise ReadOnlyDocumentError("validated", id=document_id, number=row.number)
        if not row.lines:
            raise ValidationError("no lines", field="lines", id=document_id)
        kind = DocumentKind(row.kind)
        if kind.spec.credits and row.cancels_id is not None:
            check_credit(session, row)
        year = row.issue_date.year
        sequence = next_sequence(session, str(kind), year)
        row.number = format_number(kind, year, sequence)
        row.year, row.sequence = year, sequence
        row.status = str(DocumentStatus.VALIDATED)
        row.validated_at = utcnow()
        row.updated_at = row.validated_at
        session.flush()
        # lazy: the PDF and Factur-X stack, not needed to list documents (start-up)
        from app.services.printing import check_before_validation, pdf_to_archive

        check_before_validation(session, row)  # EN 16931, BR-FR, XSD: refused, rolled back
        freeze_mentions(session, row)  # the document keeps what its PDF prints
        # Factur-X for invoices and credit notes (company setting); the profile is recorded
        row.pdf_sha256 = store_pdf(session, pdf_to_archive(session, row))
        return document_data(row)


def check_credit(session: Session, credit: Document) -> None:
    """A credit note refunds at most what is left of its invoice. The invoice row is locked
    first, so that two workstations validating credit notes at once cannot both pass."""
    assert credit.cancels_id is not None
    invoice = session.scalars(
        select(Document).where(Document.id == credit.cancels_id).with_for_update()
    ).one()
    check_not_cancelled(session, invoice.id)
    # Compared excl. VAT: line amounts add up exactly when lines are split between credit
    # notes, while VAT is rounded per document and rate.
    credited = session.scalar(
        select(func.coalesce(func.sum(Document.total_excl), 0)).where(
            Document.cancels_id == invoice.id,
            Document.kind.in_(credit_codes()),
            Document.status == str(DocumentStatus.VALIDATED),
            Document.id != credit.id,
        )
    )
    remaining = invoice.total_excl - Decimal(credited or 0)
    if credit.total_excl > remaining:
        raise CreditExceedsInvoiceError(
            "credit exceeds", id=credit.id, number=invoice.number, remaining=remaining
        )


def check_not_cancelled(session: Session, invoice_id: int) -> None:
    """Raise ``AlreadyCancelledError`` when validated credit notes already cancel the
    whole invoice (a second full credit note would refund it twice)."""
    if session.scalar(fully_cancelled_ids([invoice_id])) is None:
        return
    numbers = session.scalars(
        select(Document.number)
        .where(
            Document.cancels_id == invoice_id,
            Document.kind.in_(credit_codes()),
            Document.status == str(DocumentStatus.VALIDATED),
        )
        .order_by(Document.id)
    ).all()
    invoice = session.get(Document, invoice_id)
    raise AlreadyCancelledError(
        "cancelled",
        id=invoice_id,
        number=invoice.number if invoice is not None else None,
        credit_notes=tuple(n for n in numbers if n),
    )


def ensure_archived_pdf(db: Database, document_id: int) -> bytes:
    """The archived PDF; rendered and archived now if the document never had one."""
    with db.read() as session:
        row = _load(session, document_id)
        if row.pdf_sha256 is not None:
            return load_pdf(session, row.pdf_sha256)
    with db.write() as session:
        row = _load(session, document_id)
        if row.status == DocumentStatus.DRAFT:
            raise ValidationError("draft", field="status", id=document_id)
        if row.pdf_sha256 is None:  # another process may have archived it meanwhile
            from app.services.printing import pdf_to_archive  # lazy: see validate_document

            row.pdf_sha256 = store_pdf(session, pdf_to_archive(session, row))
        return load_pdf(session, row.pdf_sha256)


def find_document(db: Database, kind: DocumentKind, number: str) -> DocumentData:
    with db.read() as session:
        row = session.scalars(
            select(Document)
            .where(Document.kind == str(kind), Document.number == number.strip())
            .options(selectinload(Document.lines), selectinload(Document.client))
        ).one_or_none()
        if row is None:
            raise NotFoundError("document", kind=str(kind), number=number)
        return document_data(row)


def get_document(db: Database, document_id: int) -> DocumentData:
    with db.read() as session:
        return document_data(_load(session, document_id))


def count_documents(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Document)) or 0)


def _load(session: Session, document_id: int) -> Document:
    row = session.get(
        Document,
        document_id,
        options=[selectinload(Document.lines), selectinload(Document.client)],
    )
    if row is None:
        raise NotFoundError("document", id=document_id)
    return row


def mentions_of(session: Session, row: Document) -> Mentions:
    """What the document prints for the reform's mentions: its category, else its
    client's, else the company's; its delivery address ("" = the billing one); its
    VAT-on-debits choice, else the company's option."""
    company = company_from_row(settings_row(session))
    return Mentions(
        operation_category=effective_category(
            row.operation_category,
            row.client.operation_category,
            str(company.operation_category or ""),
        ),
        delivery=DeliveryAddress.of(row),
        vat_on_debits=effective_vat_on_debits(row.vat_on_debits, company.vat_on_debits),
    )


def freeze_mentions(session: Session, row: Document) -> None:
    """Write the inherited category and VAT-on-debits choice into the document (at
    validation): a validated document says what it printed, whatever the client's or
    the company's defaults become."""
    mentions = mentions_of(session, row)
    row.operation_category = str(mentions.operation_category or "")
    row.vat_on_debits = mentions.vat_on_debits


def ids_for_numbers(
    db: Database, kind: DocumentKind, numbers: list[str]
) -> tuple[list[int], list[str]]:
    """Document ids in the order of ``numbers``, and the numbers that match nothing."""
    wanted = [n.strip() for n in numbers if n.strip()]
    with db.read() as session:
        rows = session.execute(
            select(Document.number, Document.id).where(
                Document.kind == str(kind), Document.number.in_(wanted)
            )
        )
        found = {number: document_id for number, document_id in rows}
    return [found[n] for n in wanted if n in found], [n for n in wanted if n not in found]


def unsent_ids(db: Database, kind: DocumentKind) -> list[int]:
    """Validated documents of ``kind`` never e-mailed, oldest first. A document whose last
    message failed or may have arrived (uncertain) is not "unsent": only an explicit
    resend sends it again."""
    with db.read() as session:
        return list(
            session.scalars(
                select(Document.id)
                .where(
                    Document.kind == str(kind),
                    Document.status == str(DocumentStatus.VALIDATED),
                    Document.sent_at.is_(None),
                    Document.id.not_in(documents_in_state(PROBLEM_STATES)),
                )
                .order_by(Document.year, Document.sequence)
            )
        )
