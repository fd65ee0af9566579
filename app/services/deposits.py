"""Deposit invoices (factures d'acompte) and the final invoice (facture de solde) of a
validated quote or order.

A deposit invoice has one line per VAT rate of its source, each that rate's share of the
deposit, so that its VAT is split as the source's. The final invoice carries the source's
lines, then one deduction line per deposit invoice and rate (quantity -1: prices are never
negative in Factur-X, BR-27), so its totals, its VAT per rate and what is left to pay are
the source's less the deposits. Both point back to the source (``source_id``) and are
numbered in the invoice sequence when validated, as any invoice.

Each public function is one transaction and returns ids or plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.database import Database
from app.db.models import Document
from app.domain.formatting import format_amount, format_date, format_rate
from app.domain.invoice_roles import DEPOSIT, FINAL
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.money import CENT, HUNDRED, ZERO, Totals, round_money
from app.errors import DraftDocumentError, NotFoundError, ValidationError, WrongKindError
from app.services.document_data import DocumentData, LineInput, document_data, totals_of
from app.services.documents import DocumentInput, check_lines, write_draft
from app.services.settings import company_from_row, settings_row

__all__ = [
    "ChainDocument",
    "InvoiceChain",
    "create_deposit",
    "create_final",
    "deposits_of",
    "final_of",
    "invoice_chain",
]

MINUS_ONE = Decimal(-1)
_MAX_STEPS = 20  # cent adjustments when splitting an amount incl. VAT between rates


@dataclass(frozen=True)
class ChainDocument:
    """A deposit or final invoice of a quote or order."""

    id: int
    role: str  # DEPOSIT or FINAL
    number: str | None  # None while it is a draft
    status: DocumentStatus
    issue_date: date
    total_excl: Decimal
    total_vat: Decimal
    total_incl: Decimal


@dataclass(frozen=True)
class InvoiceChain:
    """A quote's or order's invoicing: its deposits (oldest first) and its final invoice."""

    source_id: int
    source_kind: DocumentKind
    source_number: str | None
    deposits: tuple[ChainDocument, ...]
    final: ChainDocument | None


def _source_kinds() -> tuple[str, ...]:
    return (str(DocumentKind.QUOTE), str(DocumentKind.ORDER))


def _load_source(session: Session, source_id: int) -> Document:
    row = session.get(
        Document,
        source_id,
        options=[selectinload(Document.lines), selectinload(Document.client)],
        with_for_update=True,  # two workstations cannot both take what is left
    )
    if row is None:
        raise NotFoundError("document", id=source_id, what=f"document {source_id}")
    if row.kind not in _source_kinds():
        raise WrongKindError("not invoiceable", id=row.id, kind=row.kind, expected=_source_kinds())
    if row.status == DocumentStatus.DRAFT:
        raise DraftDocumentError("draft", id=row.id, kind=row.kind)
    return row


def _chain_rows(session: Session, source_id: int, role: str) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.source_id == source_id,
                Document.kind == str(DocumentKind.INVOICE),
                Document.invoice_role == role,
            )
            .options(selectinload(Document.lines))
            .order_by(Document.id)
        )
    )


def _chain_document(row: Document) -> ChainDocument:
    return ChainDocument(
        id=row.id,
        role=row.invoice_role,
        number=row.number,
        status=DocumentStatus(row.status),
        issue_date=row.issue_date,
        total_excl=row.total_excl,
        total_vat=row.total_vat,
        total_incl=row.total_incl,
    )


def deposits_of(db: Database, source_id: int) -> list[ChainDocument]:
    """The deposit invoices of a quote or order, drafts included, oldest first."""
    with db.read() as session:
        return [_chain_document(r) for r in _chain_rows(session, source_id, DEPOSIT)]


def final_of(db: Database, source_id: int) -> ChainDocument | None:
    """The final invoice of a quote or order, if one was made."""
    with db.read() as session:
        rows = _chain_rows(session, source_id, FINAL)
        return _chain_document(rows[0]) if rows else None


def invoice_chain(db: Database, document_id: int) -> InvoiceChain | None:
    """The chain ``document_id`` belongs to (as the quote or order, or as one of its
    deposit or final invoices); None when it has no deposit nor final invoice."""
    with db.read() as session:
        row = session.get(Document, document_id)
        if row is None:
            raise NotFoundError("document", id=document_id, what=f"document {document_id}")
        source = row
        if row.invoice_role in (DEPOSIT, FINAL) and row.source_id is not None:
            source = session.get(Document, row.source_id) or row
        deposits = tuple(_chain_document(r) for r in _chain_rows(session, source.id, DEPOSIT))
        finals = _chain_rows(session, source.id, FINAL)
        if not deposits and not finals:
            return None
        return InvoiceChain(
            source_id=source.id,
            source_kind=DocumentKind(source.kind),
            source_number=source.number,
            deposits=deposits,
            final=_chain_document(finals[0]) if finals else None,
        )


# --- deposits --------------------------------------------------------------------------


def _source_phrase(source: Document) -> str:
    """ "le devis D-2026-0004": the source as a deposit line names it (the PDF is French)."""
    noun = "le devis" if source.kind == DocumentKind.QUOTE else "le bon de commande"
    return f"{noun} {source.number}"


def _split_by_percent(totals: Totals, percent: Decimal) -> dict[Decimal, Decimal]:
    """Each rate's base times ``percent``, rounded to the cent; the cents lost or gained
    by rounding go on the largest base, so that the sum is the total's share exactly."""
    wanted = round_money(totals.total_excl * percent / HUNDRED)
    shares = {
        rate: round_money(base * percent / HUNDRED) for rate, (base, _v) in totals.by_rate.items()
    }
    largest = max(totals.by_rate, key=lambda r: totals.by_rate[r][0])
    shares[largest] += wanted - sum(shares.values(), ZERO)
    return shares


def _incl(bases: dict[Decimal, Decimal]) -> Decimal:
    return sum((b + round_money(b * r / HUNDRED) for r, b in bases.items()), ZERO)


def _split_by_amount(totals: Totals, amount: Decimal) -> dict[Decimal, Decimal] | None:
    """Bases excl. VAT per rate whose total incl. VAT is ``amount`` exactly, each rate's
    share in proportion to its part of the source's total incl. VAT (the remainder cent
    on the largest); None when no split reaches ``amount`` to the cent."""
    parts = {rate: base + vat for rate, (base, vat) in totals.by_rate.items()}
    order = sorted(parts, key=lambda r: parts[r], reverse=True)  # the largest first
    shares = {rate: round_money(amount * parts[rate] / totals.total_incl) for rate in order}
    shares[order[0]] += amount - sum(shares.values(), ZERO)
    bases = {rate: round_money(shares[rate] * HUNDRED / (HUNDRED + rate)) for rate in order}
    # VAT is rounded per rate: move a cent of base at a time until the total is exact.
    for _ in range(_MAX_STEPS):
        gap = amount - _incl(bases)
        if gap == 0:
            return bases
        step = CENT if gap > 0 else -CENT
        for rate in order:
            trial = {**bases, rate: bases[rate] + step}
            if abs(amount - _incl(trial)) < abs(gap):
                bases = trial
                break
        else:
            return None
    return None


def _left_to_invoice(session: Session, source: Document, total_incl: Decimal) -> Decimal:
    invoiced = sum((r.total_incl for r in _chain_rows(session, source.id, DEPOSIT)), ZERO)
    return total_incl - invoiced


def _refuse_after_final(session: Session, source: Document) -> None:
    final = _chain_rows(session, source.id, FINAL)
    if final:
        raise ValidationError(
            "final exists",
            field="source",
            reason="final_exists",
            id=source.id,
            number=final[0].number or "",
        )


def create_deposit(
    db: Database,
    source_id: int,
    *,
    percent: Decimal | None = None,
    amount: Decimal | None = None,
    issue_date: date | None = None,
) -> int:
    """A deposit-invoice draft for a validated quote or order: ``percent`` of its total
    (strictly between 0 and 100), or ``amount`` incl. VAT (at most what deposits have not
    taken yet). Returns the draft's id.

    Raises ``ValidationError`` (``reason``: ``deposit_percent``, ``deposit_amount``,
    ``deposit_split`` with the nearest amounts that split exactly, ``final_exists``),
    ``WrongKindError`` for anything but a quote or an order, ``DraftDocumentError`` for a
    draft one."""
    if (percent is None) == (amount is None):
        raise ValidationError("percent or amount", field="percent", reason="deposit_percent")
    with db.write() as session:
        source = _load_source(session, source_id)
        _refuse_after_final(session, source)
        company = company_from_row(settings_row(session))
        data = document_data(source)
        totals = totals_of(data.lines, company.vat_exempt)
        left = _left_to_invoice(session, source, totals.total_incl)
        if percent is not None:
            if not isinstance(percent, Decimal) or not ZERO < percent < HUNDRED:
                raise ValidationError(
                    "percent", field="percent", reason="deposit_percent", value=percent
                )
            bases = _split_by_percent(totals, percent)
            label = f"Acompte de {format_rate(percent)} sur {_source_phrase(source)}"
        else:
            assert amount is not None
            if not isinstance(amount, Decimal) or not amount.is_finite():
                raise ValidationError("amount", field="amount", reason="deposit_amount")
            if amount <= 0 or amount != amount.quantize(CENT) or amount > left:
                raise ValidationError(
                    "amount",
                    field="amount",
                    reason="deposit_amount",
                    value=amount,
                    left=left,
                    left_text=format_amount(left),
                )
            split = _split_by_amount(totals, amount)
            if split is None:
                raise ValidationError(
                    "amount split", field="amount", reason="deposit_split", value=amount
                )
            bases = split
            label = f"Acompte sur {_source_phrase(source)}"
        lines = tuple(
            LineInput(
                description=label if company.vat_exempt else f"{label} (TVA {format_rate(rate)})",
                quantity=Decimal(1),
                unit_price=base,
                vat_rate=rate,
            )
            for rate, base in sorted(bases.items(), reverse=True)
            if base != 0
        )
        if totals_of(lines, company.vat_exempt).total_incl > left:
            raise ValidationError(
                "amount",
                field="percent",
                reason="deposit_amount",
                value=percent,
                left=left,
                left_text=format_amount(left),
            )
        check_lines(lines)
        row = write_draft(session, _invoice_input(data, issue_date, lines))
        row.source_id, row.invoice_role = source.id, DEPOSIT
        session.flush()
        return row.id


def _invoice_input(
    data: DocumentData, issue_date: date | None, lines: tuple[LineInput, ...]
) -> DocumentInput:
    """An invoice with the source's client, terms and the reform's mentions."""
    return DocumentInput(
        kind=DocumentKind.INVOICE,
        client_id=data.client_id,
        issue_date=issue_date or date.today(),
        lines=lines,
        delivery_date=data.delivery_date,
        payment_terms=data.payment_terms,
        operation_category=data.operation_category,
        delivery_street=data.delivery_street,
        delivery_postal_code=data.delivery_postal_code,
        delivery_city=data.delivery_city,
        delivery_country=data.delivery_country,
        vat_on_debits=data.vat_on_debits,
    )


# --- the final invoice ------------------------------------------------------------------


def deduction_lines(deposits: list[Document]) -> tuple[LineInput, ...]:
    """One line per deposit invoice and VAT rate, deducting what it invoiced."""
    return tuple(
        LineInput(
            description=f"Acompte {deposit.number} du {format_date(deposit.issue_date)} déduit",
            quantity=MINUS_ONE,
            unit_price=line.amounts.total_excl,
            vat_rate=line.vat_rate,
        )
        for deposit in deposits
        for line in document_data(deposit).lines
    )


def create_final(db: Database, source_id: int, issue_date: date | None = None) -> int:
    """The final-invoice draft of a validated quote or order: its lines, less its
    validated deposit invoices. Returns the draft's id.

    Raises ``ValidationError`` (``reason``: ``final_exists``; ``deposit_draft`` while a
    deposit invoice is still a draft: validate or delete it first), ``WrongKindError``,
    ``DraftDocumentError`` as ``create_deposit``."""
    with db.write() as session:
        source = _load_source(session, source_id)
        _refuse_after_final(session, source)
        deposits = _chain_rows(session, source.id, DEPOSIT)
        drafts = [d.id for d in deposits if d.status == DocumentStatus.DRAFT]
        if drafts:
            raise ValidationError(
                "deposit draft", field="source", reason="deposit_draft", id=drafts[0]
            )
        data = document_data(source)
        deposits.sort(key=lambda d: (d.year or 0, d.sequence or 0))
        lines = (*data.lines, *deduction_lines(deposits))
        check_lines(lines, deductions=True)
        row = write_draft(session, _invoice_input(data, issue_date, lines))
        row.source_id, row.invoice_role = source.id, FINAL
        session.flush()
        return row.id
