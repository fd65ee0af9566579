"""From a document row to its PDF (the renderer itself only sees plain data)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.models import Document
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.money import to_decimal
from app.pdf.model import PrintClient, PrintCompany, PrintDocument, PrintLine
from app.pdf.render import render_document
from app.services.documents import totals_of
from app.services.settings import company_from_row, settings_row


def print_document(session: Session, row: Document) -> PrintDocument:
    company = company_from_row(settings_row(session))
    from app.services.documents import document_data

    data = document_data(row)
    totals = totals_of(data.lines, company.vat_exempt)
    client = row.client
    reference = ""
    if row.cancels_id is not None:
        cancelled = session.get(Document, row.cancels_id)
        reference = cancelled.number or "" if cancelled else ""
    return PrintDocument(
        kind=DocumentKind(row.kind),
        number=row.number or "",
        issue_date=row.issue_date,
        company=PrintCompany(
            name=company.name,
            legal_form=company.legal_form,
            capital=company.capital,
            street=company.street,
            postal_code=company.postal_code,
            city=company.city,
            country=company.country,
            siren=company.siren,
            siret=company.siret,
            rcs=company.rcs,
            vat_number=company.vat_number,
            phone=company.phone,
            email=company.email,
            website=company.website,
            iban=company.iban,
            bic=company.bic,
            vat_exempt=company.vat_exempt,
            logo_png=company.logo_png,
        ),
        client=PrintClient(
            name=client.name,
            street=client.street,
            postal_code=client.postal_code,
            city=client.city,
            country=client.country,
            siren=client.siren,
            vat_number=client.vat_number,
        ),
        lines=tuple(
            PrintLine(
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                vat_rate=to_decimal(line.vat_rate),
                discount_percent=line.discount_percent,
                total_excl=line.amounts.total_excl,
            )
            for line in data.lines
        ),
        total_excl=totals.total_excl,
        total_vat=totals.total_vat,
        total_incl=totals.total_incl,
        vat_by_rate=totals.by_rate,
        due_date=row.due_date,
        validity_date=row.validity_date,
        delivery_date=row.delivery_date,
        payment_terms=row.payment_terms or company.payment_terms,
        late_penalty_text=company.late_penalty_text,
        notes=row.notes,
        reference=reference,
        draft=row.status == DocumentStatus.DRAFT,
    )


def render_pdf(session: Session, row: Document) -> bytes:
    # The creation date is the validation time so a re-render is byte-identical.
    return render_document(print_document(session, row), creation_date=row.validated_at)
