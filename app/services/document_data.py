"""A document as services hand it out: plain data read from its row (no live ORM object
leaves a service). Both the document services and printing read it, so it sits below them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.db.models import Document
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.money import LineAmounts, Totals, compute_totals, to_decimal
from app.domain.reform import DeliveryAddress, OperationCategory, category_or_none
from app.services.client_rules import DELIVERY_FIELDS


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    unit: str = ""
    discount_percent: Decimal = Decimal("0")

    @property
    def amounts(self) -> LineAmounts:
        return LineAmounts(self.quantity, self.unit_price, self.vat_rate, self.discount_percent)


@dataclass(frozen=True)
class DocumentData:
    id: int
    kind: DocumentKind
    status: DocumentStatus
    number: str | None
    client_id: int
    client_name: str
    issue_date: date
    due_date: date | None
    validity_date: date | None
    delivery_date: date | None
    payment_terms: str
    notes: str
    lines: tuple[LineInput, ...]
    total_excl: Decimal
    total_vat: Decimal
    total_incl: Decimal
    validated_at: datetime | None
    sent_at: datetime | None
    sent_to: str
    pdf_sha256: str | None
    source_id: int | None = None
    cancels_id: int | None = None
    paid_on: date | None = None
    payment_method: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    operation_category: OperationCategory | None = None  # as stored: None = inherited
    delivery_street: str = ""
    delivery_postal_code: str = ""
    delivery_city: str = ""
    delivery_country: str = ""
    vat_on_debits: bool | None = None
    invoice_role: str = ""  # app.domain.invoice_roles: "", "deposit" or "final"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def delivery(self) -> DeliveryAddress:
        return DeliveryAddress.of(self)


def totals_of(lines: tuple[LineInput, ...], vat_exempt: bool) -> Totals:
    return compute_totals((line.amounts for line in lines), vat_exempt=vat_exempt)


def document_data(row: Document) -> DocumentData:
    return DocumentData(
        id=row.id,
        kind=DocumentKind(row.kind),
        status=DocumentStatus(row.status),
        number=row.number,
        client_id=row.client_id,
        client_name=row.client.name,
        issue_date=row.issue_date,
        due_date=row.due_date,
        validity_date=row.validity_date,
        delivery_date=row.delivery_date,
        payment_terms=row.payment_terms,
        notes=row.notes,
        lines=tuple(
            LineInput(
                description=line.description,
                quantity=to_decimal(line.quantity),
                unit_price=to_decimal(line.unit_price),
                vat_rate=to_decimal(line.vat_rate),
                unit=line.unit,
                discount_percent=to_decimal(line.discount_percent),
            )
            for line in row.lines
        ),
        total_excl=row.total_excl,
        total_vat=row.total_vat,
        total_incl=row.total_incl,
        validated_at=row.validated_at,
        sent_at=row.sent_at,
        sent_to=row.sent_to,
        pdf_sha256=row.pdf_sha256,
        source_id=row.source_id,
        cancels_id=row.cancels_id,
        paid_on=row.paid_on,
        payment_method=row.payment_method,
        operation_category=category_or_none(row.operation_category),
        vat_on_debits=row.vat_on_debits,
        invoice_role=row.invoice_role or "",
        **{name: getattr(row, name) for name in DELIVERY_FIELDS},
    )
