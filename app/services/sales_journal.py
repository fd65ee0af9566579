"""The sales journal of a period for the accountant: every validated invoice and credit
note dated in it, as balanced entries (client debited, sales and VAT collected credited,
the other way round for a credit note), written as a FEC file or a CSV file, with a zip of
the period's archived PDFs.

Amounts come from each document's lines, split by VAT rate as on its PDF, so that each
entry balances to the cent and its total is the document's stored total.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db.database import Database
from app.db.models import Client, Document
from app.domain.fec import (
    CLIENTS,
    COLUMNS,
    GOODS,
    SERVICES,
    VAT,
    ZERO,
    JournalLine,
    client_account,
    row,
)
from app.domain.formatting import format_rate
from app.domain.kinds import DocumentStatus, kind_spec, registered_kinds
from app.domain.money import Totals
from app.domain.reform import OperationCategory, effective_category
from app.errors import ValidationError
from app.services.document_data import document_data, totals_of
from app.services.documents import ensure_archived_pdf
from app.services.settings import settings_row

MAX_DAYS = 3 * 366  # a period longer than three years is a typing mistake


class PeriodError(ValidationError):
    """``--from`` after ``--to``, or a period of more than three years."""

    code = "export.period"


@dataclass(frozen=True)
class SalesJournal:
    start: date
    end: date
    siren: str
    lines: tuple[JournalLine, ...]
    documents: tuple[int, ...]  # the ids of the documents in it, in the journal's order

    @property
    def debit(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)


def sales_journal(db: Database, start: date, end: date) -> SalesJournal:
    if start > end or (end - start).days > MAX_DAYS:
        raise PeriodError("period", start=start.isoformat(), end=end.isoformat())
    kinds = [str(k) for k in registered_kinds() if k.spec.legal_invoice]
    with db.read() as session:
        settings = settings_row(session)
        documents = list(
            session.scalars(
                select(Document)
                .where(
                    Document.kind.in_(kinds),
                    Document.status == str(DocumentStatus.VALIDATED),
                    Document.issue_date >= start,
                    Document.issue_date <= end,
                )
                .options(selectinload(Document.lines), selectinload(Document.client))
                .order_by(Document.issue_date, Document.validated_at, Document.id)
            )
        )
        lines: list[JournalLine] = []
        ids: list[int] = []
        for doc in documents:
            entry = list(_entry(doc, len(ids) + 1, settings.operation_category))
            if entry:
                lines.extend(entry)
                ids.append(doc.id)
        return SalesJournal(start, end, settings.siren, tuple(lines), tuple(ids))


def _entry(doc: Document, number: int, company_category: str) -> Iterator[JournalLine]:
    """The lines of one document's entry (none when it amounts to nothing)."""
    spec = kind_spec(doc.kind)
    credit_note = spec.credits is not None
    totals = _totals(doc)
    client: Client = doc.client
    category = effective_category(
        doc.operation_category, client.operation_category, company_category
    )
    revenue = GOODS if category == OperationCategory.GOODS else SERVICES
    label = f"{spec.title.fr} {doc.number or ''} {client.name}"
    validated = doc.validated_at.date() if doc.validated_at is not None else doc.issue_date
    auxiliary = (client_account(client.id), client.name)

    def line(account: tuple[str, str], amount: Decimal, debit: bool, text: str) -> JournalLine:
        if amount < 0:  # a negative base (a discount line) goes on the other side
            amount, debit = -amount, not debit
        return JournalLine(
            entry=number,
            on=doc.issue_date,
            account=account,
            auxiliary=auxiliary if account == CLIENTS else ("", ""),
            piece=doc.number or "",
            label=text,
            debit=amount if debit else ZERO,
            credit=ZERO if debit else amount,
            validated=validated,
        )

    # An invoice debits the client and credits sales and VAT; a credit note the reverse.
    if totals.total_incl:
        yield line(CLIENTS, totals.total_incl, not credit_note, label)
    for rate, (base, vat) in totals.by_rate.items():
        rate_text = f"{label} TVA {format_rate(rate)}"
        if base:
            yield line(revenue, base, credit_note, rate_text)
        if vat:
            yield line(VAT, vat, credit_note, rate_text)


def _totals(doc: Document) -> Totals:
    """The document's amounts by VAT rate as its PDF shows them: computed from its lines
    (with VAT, or without when it was issued exempt), checked against its stored total."""
    data = document_data(doc)
    for exempt in (False, True):
        totals = totals_of(data.lines, exempt)
        if totals.total_incl == doc.total_incl and totals.total_vat == doc.total_vat:
            return totals
    # Lines edited outside the program: the stored totals are what was issued.
    rate = Decimal(0)
    return Totals(
        doc.total_excl,
        doc.total_vat,
        doc.total_incl,
        {rate: (doc.total_excl, doc.total_vat)},
    )


def fec_bytes(journal: SalesJournal) -> bytes:
    """The FEC file: a header of the 18 column names, then one line per movement,
    tab-separated, CRLF line ends, UTF-8."""
    text = "\r\n".join("\t".join(fields) for fields in _rows(journal)) + "\r\n"
    return text.encode("utf-8")


def csv_bytes(journal: SalesJournal) -> bytes:
    """The same lines as CSV for a spreadsheet: ';'-separated, UTF-8 with a BOM (Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_rows(journal))
    return buffer.getvalue().encode("utf-8-sig")


def _rows(journal: SalesJournal) -> Iterator[tuple[str, ...]]:
    yield COLUMNS
    for line in journal.lines:
        yield row(line)


def pdfs_zip(db: Database, journal: SalesJournal) -> bytes:
    """The PDFs of the period's documents as issued (archived now if they were not yet),
    named by their numbers."""
    with db.read() as session:
        numbers = dict(
            session.execute(
                select(Document.id, Document.number).where(Document.id.in_(list(journal.documents)))
            ).all()
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document_id in journal.documents:
            pdf = ensure_archived_pdf(db, document_id)
            archive.writestr(f"{numbers.get(document_id) or document_id}.pdf", pdf)
    return buffer.getvalue()
