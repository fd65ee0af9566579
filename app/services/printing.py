"""From a document row to its PDF (the renderer itself only sees plain data), and to the
file that is archived and e-mailed: for an invoice or a credit note, while the company's
Factur-X setting is on, the PDF/A-3 with the invoice's CII XML inside (app.pdf.facturx).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db.models import Client, CompanySettings, Document
from app.domain.facturx_codes import FACTURX_DISABLED, GENERATION_FAILED
from app.domain.kinds import DocumentKind, DocumentStatus, kind_spec
from app.domain.money import to_decimal
from app.domain.reform import (
    ClientType,
    DeliveryAddress,
    effective_category,
    effective_vat_on_debits,
)
from app.pdf.ctc_rules import NonCompliantDocumentError, Problem, check_document
from app.pdf.model import PrintAddress, PrintClient, PrintCompany, PrintDocument, PrintLine
from app.services.document_data import document_data, totals_of
from app.services.settings import company_from_row, settings_row

log = logging.getLogger(__name__)


def print_document(session: Session, row: Document) -> PrintDocument:
    settings = settings_row(session)
    company = company_from_row(settings)
    data = document_data(row)
    totals = totals_of(data.lines, company.vat_exempt)
    client = row.client
    reference, reference_date = "", None
    if row.cancels_id is not None:  # a credit note: the invoice it cancels
        cancelled = session.get(Document, row.cancels_id)
        if cancelled is not None and cancelled.number:
            reference, reference_date = cancelled.number, cancelled.issue_date
    elif row.invoice_role and row.source_id is not None:  # a deposit or final invoice
        source = session.get(Document, row.source_id)
        if source is not None and source.number:
            reference = f"{kind_spec(source.kind).pdf_title.capitalize()} {source.number}"
    return PrintDocument(
        kind=DocumentKind(row.kind),
        number=row.number or "",
        issue_date=row.issue_date,
        company=print_company(settings),
        client=print_client(client),
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
        # A credit note is paid back, not paid: the company's usual terms do not apply.
        payment_terms=row.payment_terms
        or ("" if kind_spec(row.kind).credits else company.payment_terms),
        late_penalty_text=company.late_penalty_text,
        notes=row.notes,
        reference=reference,
        draft=row.status == DocumentStatus.DRAFT,
        reference_date=reference_date,
        operation_category=str(
            effective_category(
                row.operation_category, client.operation_category, settings.operation_category
            )
            or ""
        ),
        delivery=delivery_address(row),
        vat_on_debits=effective_vat_on_debits(row.vat_on_debits, settings.vat_on_debits),
        invoice_role=row.invoice_role or "",
    )


def print_company(settings: CompanySettings) -> PrintCompany:
    """The company as documents, statements and letters print it."""
    company = company_from_row(settings)
    return PrintCompany(
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
        e_address=settings.e_address,
        late_penalty_rate=company.late_penalty_rate,
        early_payment_discount=company.early_payment_discount,
    )


def print_client(client: Client) -> PrintClient:
    return PrintClient(
        name=client.name,
        street=client.street,
        postal_code=client.postal_code,
        city=client.city,
        country=client.country,
        siren=client.siren,
        vat_number=client.vat_number,
        siret=client.siret,
        business=client.client_type != ClientType.PRIVATE,
        e_address=client.e_address,
    )


def delivery_address(row: Document) -> PrintAddress | None:
    """Where the document's goods or services go when it is not the billing address: the
    document's own address, else the client's default one; None for the billing address."""
    client = row.client
    for street, postal_code, city, country in (
        (row.delivery_street, row.delivery_postal_code, row.delivery_city, row.delivery_country),
        (
            client.delivery_street,
            client.delivery_postal_code,
            client.delivery_city,
            client.delivery_country,
        ),
    ):
        address = DeliveryAddress(street, postal_code, city, country)
        if address.is_empty:
            continue
        same = (
            street.strip() == client.street.strip()
            and postal_code.strip() == client.postal_code.strip()
            and city.strip().casefold() == client.city.strip().casefold()
        )
        if same:
            return None
        return PrintAddress(
            street=street.strip(),
            postal_code=postal_code.strip(),
            city=city.strip(),
            country=country.strip() or client.country or "France",
        )
    return None


def check_before_validation(session: Session, row: Document) -> None:
    """Refuse (NonCompliantDocumentError) an invoice or credit note whose data breaks the
    EN 16931 or BR-FR rules it must follow, or whose CII XML the Factur-X XSD rejects;
    other kinds pass. Runs offline, in the validating transaction (number given)."""
    doc = print_document(session, row)
    if not kind_spec(doc.kind).legal_invoice:
        return
    problems = check_document(doc)
    if not problems and settings_row(session).facturx_enabled:
        # lazy: lxml's XSD, factur-x and pypdf cost 0.44 s of CPU at the window's start
        from app.pdf.facturx import xsd_error

        error = xsd_error(doc)
        if error:
            problems.append(Problem("XSD", "xsd", {"detail": error}))
    if problems:
        raise NonCompliantDocumentError(
            "non-compliant", id=row.id, number=doc.number, problems=tuple(problems)
        )


def render_pdf(session: Session, row: Document) -> bytes:
    # The creation date is the validation time so a re-render is byte-identical.
    from app.pdf.render import render_document  # lazy: see _render

    return render_document(print_document(session, row), creation_date=row.validated_at)


@dataclass(frozen=True)
class ArchiveFile:
    """The file to archive for a validated document, and what it carries.

    ``profile`` is the Factur-X profile as the factur-x library names it (``"en16931"``,
    ``"basic"``, ``"basicwl"``), None for a plain PDF. ``reasons`` are stable codes
    saying why the profile is less than EN 16931, or why the PDF is plain
    (:mod:`app.domain.facturx_codes`).
    """

    pdf: bytes
    profile: str | None = None
    reasons: tuple[str, ...] = ()


def archive_file(session: Session, row: Document) -> ArchiveFile:
    """The rendering of ``row``, as Factur-X when it is an invoice or a credit note and
    the company's setting is on (the richest profile its data allows)."""
    from app.pdf.facturx import make_facturx  # lazy: as xsd_error

    doc = print_document(session, row)
    # lazy: fpdf and its fonts, PIL, segno (0.4 s) are for the moment a PDF is made, not
    # for every command and window that only reads documents
    from app.pdf.render import render_document

    pdf = render_document(doc, creation_date=row.validated_at)
    if not kind_spec(doc.kind).legal_invoice or doc.draft:
        return ArchiveFile(pdf)
    if not settings_row(session).facturx_enabled:
        return ArchiveFile(pdf, reasons=(FACTURX_DISABLED,))
    try:
        result = make_facturx(pdf, doc)
    except ValueError:  # totals that do not add up: a bug, but the user keeps a PDF
        log.exception("no Factur-X for document %s: keeping the plain PDF", doc.number)
        return ArchiveFile(pdf, reasons=(GENERATION_FAILED,))
    return ArchiveFile(result.pdf, result.profile or None, result.reasons)


def embedded_profile(pdf: bytes) -> str:
    """The Factur-X profile an archived PDF carries, read from its embedded XML (``""``:
    a plain PDF); what was recorded at validation can be checked against it."""
    from app.pdf.facturx import facturx_profile  # lazy: as xsd_error

    return facturx_profile(pdf)


def pdf_to_archive(session: Session, row: Document) -> bytes:
    """The bytes to archive for the validated ``row`` (see :func:`archive_file`); records
    on ``row`` what they carry (``facturx_profile``, ``facturx_reasons``). The caller
    stores them and sets ``row.pdf_sha256`` in the same transaction."""
    archived = archive_file(session, row)
    row.facturx_profile = archived.profile
    row.facturx_reasons = " ".join(archived.reasons)  # history.py splits them
    return archived.pdf
