"""Demo data: a company, clients and validated documents, some already e-mailed.

``fill_demo`` fills an *empty* database (no client, no document) in one transaction,
fast enough for 100,000 documents: rows are generated in chunks as plain dicts and
written with Core ``executemany`` inserts, primary keys assigned here (the tables are
empty), so lines and send records point to their document without a round-trip.

Everything is drawn from ``random.Random(seed)`` and dated relative to ``today``: the
same seed and day give the same database. Documents are numbered in date order,
gap-free per kind and year, and the number counters are left on the last number so
that the next real validation continues the series.

A validated demo document is validated as a real one is: its PDF is rendered from the
data of that moment and archived (Factur-X for invoices), in the same transaction, by
the function ``validate_document`` uses (``pdf_to_archive``), so that it never gets a
first PDF rendered later from the settings of that later day. Rendering is what costs
(about a tenth to a third of a second per document), so a demo validates at most
``VALIDATED_LIMIT`` documents, spread evenly over its history (the most recent one
included); the others are drafts: no number, never sent, no PDF, which is what a draft
is. The default demo (200 documents) is all validated.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.archive import store_pdf
from app.db.database import Database
from app.db.models import Base, Client, Document, PdfArchive
from app.db.numbering import set_counter
from app.db.sequences import reset_sequences
from app.domain.kinds import CopyToSelf, DocumentKind, DocumentStatus, SmtpSecurity
from app.domain.money import LineAmounts, compute_totals
from app.domain.numbering import format_number
from app.domain.reform import OperationCategory
from app.domain.templates import DEFAULT_TEMPLATES, TemplateValues, render_template
from app.errors import DatabaseNotEmptyError, ValidationError
from app.services import demo_data as words
from app.services.printing import pdf_to_archive
from app.services.settings import Company, column_values, company_from_row, settings_row

CHUNK = 5_000  # documents generated and inserted at a time
VALIDATED_LIMIT = 200  # documents validated, each with its archived PDF; the rest: drafts
ARCHIVE_PROGRESS = 10  # progress is reported every so many archived PDFs too
HISTORY_DAYS = 425  # about 14 months of documents, so two years always appear
UNSENT_DAYS = 7  # the last week's documents are left for the user to send
SEND_RATE = {
    DocumentKind.INVOICE: 0.8,
    DocumentKind.QUOTE: 0.7,
    DocumentKind.ORDER: 0.4,
    DocumentKind.DELIVERY: 0.3,
}
KIND_SHARE = {DocumentKind.QUOTE: 18, DocumentKind.ORDER: 10, DocumentKind.DELIVERY: 10}
LINE_COUNTS = (1, 2, 2, 3, 3, 3, 4, 4, 5, 6)
DOCUMENT_NOTES = ("",) * 12 + (
    "Travaux réalisés selon le devis accepté.",
    "Merci de rappeler le numéro de facture avec votre règlement.",
    "Accès au chantier par la cour.",
)

_TABLES = Base.metadata.tables
_SIREN = words.luhn_complete("84231567")

DEMO_COMPANY = Company(
    name=words.COMPANY_NAME,
    legal_form="SARL",
    capital="10 000 €",
    street="14 rue de Marseille",
    postal_code="69007",
    city="Lyon",
    country="France",
    siren=_SIREN,
    siret=words.siret_for(_SIREN, 1),
    rcs=f"RCS Lyon {words.group_siren(_SIREN)}",
    vat_number=words.vat_number_for(_SIREN),
    phone=f"{words.LANDLINE_PREFIX} 20 14",
    email=words.COMPANY_ADDRESS,
    website=f"https://www.{words.COMPANY_DOMAIN}",
    iban=words.french_iban("30004", "00825", "00012345678"),
    bic="BNPAFRPPXXX",
    vat_exempt=False,
    payment_terms="30 jours",
    payment_days=30,
    late_penalty_text=words.LATE_PENALTIES,
    sender_name=words.COMPANY_NAME,
    sender_address=words.COMPANY_ADDRESS,
    copy_to_self=CopyToSelf.NONE,
    smtp_host=f"smtp.{words.COMPANY_DOMAIN}",
    smtp_port=587,
    smtp_security=SmtpSecurity.STARTTLS,
    smtp_user=words.COMPANY_ADDRESS,
    # A joiner makes and fits: goods and services; no VAT-on-debits option (the usual case).
    e_address=_SIREN,
    operation_category=OperationCategory.MIXED,
    vat_on_debits=False,
)
# Every so many invoices, one carries the VAT-on-debits mention (chosen on the invoice), so
# that the demo shows every mention the reform added.
DEBITS_EVERY = 40


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    contacts: int
    clients_without_mail: int  # no e-Mail row with Mail ticked
    clients_with_two_mail: int
    invoices: int
    quotes: int
    orders: int
    deliveries: int
    lines: int
    sent: int  # documents marked sent
    send_records: int
    years: tuple[int, ...]
    company_written: bool  # False: the settings already named a company; kept as they were
    validated: int = 0  # documents validated, each with its archived PDF (the rest: drafts)

    @property
    def documents(self) -> int:
        return self.invoices + self.quotes + self.orders + self.deliveries

    @property
    def by_kind(self) -> dict[DocumentKind, int]:
        return {
            DocumentKind.INVOICE: self.invoices,
            DocumentKind.QUOTE: self.quotes,
            DocumentKind.ORDER: self.orders,
            DocumentKind.DELIVERY: self.deliveries,
        }


def fill_demo(
    db: Database,
    *,
    clients: int = 40,
    documents: int = 200,
    today: date | None = None,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database; ``DatabaseNotEmptyError`` (nothing written) otherwise.

    ``progress(done, total)``: documents written (and, when validated, archived)."""
    if clients < 0:
        raise ValidationError("clients", field="clients", value=clients)
    if documents < 0 or (documents and not clients):
        raise ValidationError("documents", field="documents", value=documents)
    day = today or date.today()
    rng = random.Random(seed)
    with db.write() as session:
        _refuse_non_empty(session)
        company, written = _write_company(session)
        people = words.make_clients(rng, clients, day - timedelta(days=HISTORY_DAYS))
        _insert(session, "client", [p.row for p in people])
        _insert(session, "contact", [c for p in people for c in p.contacts])
        filler = _DocumentFiller(session, rng, company, people, day, documents)
        filler.run(progress)
        for (kind, year), last in sorted(filler.counters.items()):
            set_counter(session, str(kind), year, last)
        reset_sequences(session)  # ids were given explicitly
    return DemoSummary(
        clients=len(people),
        contacts=sum(len(p.contacts) for p in people),
        clients_without_mail=sum(1 for p in people if not p.addresses),
        clients_with_two_mail=sum(1 for p in people if len(p.addresses) >= 2),
        invoices=filler.kinds_count[DocumentKind.INVOICE],
        quotes=filler.kinds_count[DocumentKind.QUOTE],
        orders=filler.kinds_count[DocumentKind.ORDER],
        deliveries=filler.kinds_count[DocumentKind.DELIVERY],
        lines=filler.line_id,
        sent=filler.sent,
        send_records=filler.record_id,
        years=tuple(sorted({year for _, year in filler.counters})),
        company_written=written,
        validated=filler.validated,
    )


def _refuse_non_empty(session: Session) -> None:
    clients = int(session.scalar(select(func.count()).select_from(Client)) or 0)
    documents = int(session.scalar(select(func.count()).select_from(Document)) or 0)
    if clients or documents:
        raise DatabaseNotEmptyError("not empty", clients=clients, documents=documents)


def _write_company(session: Session) -> tuple[Company, bool]:
    """The demo company, unless the user already named theirs (then kept as is)."""
    row = settings_row(session)
    if row.name.strip():
        return company_from_row(row), False
    values = column_values(DEMO_COMPANY)
    del values["logo_png"]  # a logo the user chose stays
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    return DEMO_COMPANY, True


def _insert(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_TABLES[table]), list(rows))


# --- documents --------------------------------------------------------------------------


class _DocumentFiller:
    """Generates the documents in date order, numbering them, and inserts them by chunks."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        company: Company,
        people: list[words.DemoClient],
        today: date,
        total: int,
    ) -> None:
        self.session = session
        self.rng = rng
        self.company = company
        self.today = today
        self.total = total
        self.addresses = {p.row["id"]: ", ".join(p.addresses) for p in people}
        # What the document editor fills in from the client: category, delivery address.
        self.categories = {p.row["id"]: p.row["operation_category"] for p in people}
        self.deliveries = {
            p.row["id"]: {name: p.row[name] for name in words.DELIVERY_COLUMNS} for p in people
        }
        self.client_ids = [p.row["id"] for p in people]
        # A few clients get many documents, most get some.
        self.cum_weights = list(accumulate(rng.uniform(0.3, 2.0) ** 3 for _ in people))
        start = today - timedelta(days=HISTORY_DAYS)
        every_day = (start + timedelta(days=n) for n in range(HISTORY_DAYS + 1))
        self.days = [d for d in every_day if d.weekday() < 5] or [today]
        self.kinds = _kinds(rng, total)
        # Which documents are validated: all, or VALIDATED_LIMIT of them spread evenly.
        limit = min(total, VALIDATED_LIMIT)
        self.to_validate = {(n + 1) * total // limit - 1 for n in range(limit)} if limit else set()
        self.validated = 0
        self.kinds_count = dict.fromkeys(SEND_RATE, 0)
        self.counters: dict[tuple[DocumentKind, int], int] = {}
        self.line_id = 0
        self.record_id = 0
        self.sent = 0
        self.last_unsent_day = today - timedelta(days=UNSENT_DAYS)
        domain = company.sender_address.rpartition("@")[2] or words.COMPANY_DOMAIN
        self.msgid_domain = domain
        self.subjects = {kind: _subject(kind, company) for kind in SEND_RATE}

    def run(self, progress: Callable[[int, int], None] | None) -> None:
        if progress:
            progress(0, self.total)
        for first in range(0, self.total, CHUNK):
            last = min(first + CHUNK, self.total)
            docs: list[dict[str, Any]] = []
            lines: list[dict[str, Any]] = []
            records: list[dict[str, Any]] = []
            clients = self.rng.choices(
                self.client_ids, cum_weights=self.cum_weights, k=last - first
            )
            for index, client_id in zip(range(first, last), clients, strict=True):
                docs.append(self._document(index, client_id, lines, records))
            _insert(self.session, "document", docs)
            _insert(self.session, "document_line", lines)
            _insert(self.session, "send_record", records)
            validated = [d["id"] for d in docs if d["status"] == DocumentStatus.VALIDATED]
            self._archive(validated, progress)
            if progress:
                progress(last, self.total)

    def _archive(self, ids: list[int], progress: Callable[[int, int], None] | None) -> None:
        """The archived PDF of each validated document, as ``validate_document`` makes it:
        rendered from the data as it is now, stored, and its Factur-X profile recorded."""
        session = self.session
        for number, doc_id in enumerate(ids, start=1):
            row = session.get(Document, doc_id)
            assert row is not None
            row.pdf_sha256 = store_pdf(session, pdf_to_archive(session, row))
            archive = session.get(PdfArchive, row.pdf_sha256)
            if archive is not None:  # made when it was validated: same seed, same database
                archive.created_at = row.validated_at or archive.created_at
            self.validated += 1
            if progress and number % ARCHIVE_PROGRESS == 0 and number < len(ids):
                progress(doc_id - 1, self.total)  # the documents before it are all done
        session.flush()
        session.expunge_all()  # a big demo must not keep every PDF in memory

    def _document(
        self,
        index: int,
        client_id: int,
        lines: list[dict[str, Any]],
        records: list[dict[str, Any]],
    ) -> dict[str, Any]:
        rng = self.rng
        doc_id = index + 1
        day = self.days[len(self.days) * index // self.total]
        kind = self.kinds[index]
        self.kinds_count[kind] += 1
        if index not in self.to_validate:
            return self._draft(doc_id, kind, day, client_id, lines)
        key = (kind, day.year)
        sequence = self.counters[key] = self.counters.get(key, 0) + 1
        number = format_number(kind, day.year, sequence)
        amounts = [self._line(doc_id, position, lines) for position in range(_line_count(rng))]
        totals = compute_totals(amounts, vat_exempt=self.company.vat_exempt)
        validated = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 600))
        due = validity = delivery = paid_on = None
        payment_method = payment_terms = ""
        if kind == DocumentKind.INVOICE:
            due = day + timedelta(days=self.company.payment_days)
            payment_terms = self.company.payment_terms
            if day <= self.today - timedelta(days=10) and rng.random() < 0.8:
                paid_on = min(day + timedelta(days=rng.randint(3, 45)), self.today)
                payment_method = rng.choice(words.PAYMENT_METHODS)
        elif kind == DocumentKind.QUOTE:
            validity = day + timedelta(days=30)
        elif kind == DocumentKind.ORDER:
            delivery = day + timedelta(days=rng.randint(7, 30))
        else:
            delivery = day
        sent_at: datetime | None = None
        sent_to = self.addresses[client_id]
        if sent_to and day <= self.last_unsent_day and rng.random() < SEND_RATE[kind]:
            sent_at = self._send_time(validated)
            self._history(doc_id, kind, number, sent_at, sent_to, records)
        else:
            sent_to = ""
        return {
            "id": doc_id,
            "kind": str(kind),
            "status": str(DocumentStatus.VALIDATED),
            "number": number,
            "year": day.year,
            "sequence": sequence,
            "client_id": client_id,
            "issue_date": day,
            "due_date": due,
            "validity_date": validity,
            "delivery_date": delivery,
            "payment_terms": payment_terms,
            "notes": rng.choice(DOCUMENT_NOTES),
            "total_excl": totals.total_excl,
            "total_vat": totals.total_vat,
            "total_incl": totals.total_incl,
            "source_id": None,
            "cancels_id": None,
            "paid_on": paid_on,
            "payment_method": payment_method,
            "pdf_sha256": None,
            "validated_at": validated,
            "sent_at": sent_at,
            "sent_to": sent_to,
            "created_at": validated - timedelta(minutes=rng.randint(5, 2 * 24 * 60)),
            "updated_at": sent_at or validated,
            # As validation leaves them: the inherited category and option written in.
            "operation_category": self.categories[client_id]
            or str(self.company.operation_category or ""),
            "vat_on_debits": self.company.vat_on_debits
            or (kind == DocumentKind.INVOICE and doc_id % DEBITS_EVERY == 0),
            **self.deliveries[client_id],
        }

    def _draft(
        self,
        doc_id: int,
        kind: DocumentKind,
        day: date,
        client_id: int,
        lines: list[dict[str, Any]],
    ) -> dict[str, Any]:
        """A document left as a draft: no number, no PDF, never sent."""
        rng = self.rng
        amounts = [self._line(doc_id, position, lines) for position in range(_line_count(rng))]
        totals = compute_totals(amounts, vat_exempt=self.company.vat_exempt)
        written = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 600))
        invoice = kind == DocumentKind.INVOICE
        return {
            "id": doc_id,
            "kind": str(kind),
            "status": str(DocumentStatus.DRAFT),
            "number": None,
            "year": None,
            "sequence": None,
            "client_id": client_id,
            "issue_date": day,
            "due_date": day + timedelta(days=self.company.payment_days) if invoice else None,
            "validity_date": day + timedelta(days=30) if kind == DocumentKind.QUOTE else None,
            "delivery_date": day if kind == DocumentKind.DELIVERY else None,
            "payment_terms": self.company.payment_terms if invoice else "",
            "notes": rng.choice(DOCUMENT_NOTES),
            "total_excl": totals.total_excl,
            "total_vat": totals.total_vat,
            "total_incl": totals.total_incl,
            "source_id": None,
            "cancels_id": None,
            "paid_on": None,
            "payment_method": "",
            "pdf_sha256": None,
            "validated_at": None,
            "sent_at": None,
            "sent_to": "",
            "created_at": written,
            "updated_at": written,
            "operation_category": "",  # the client's, then the company's
            "vat_on_debits": None,
            **self.deliveries[client_id],
        }

    def _send_time(self, validated: datetime) -> datetime:
        """Office hours, on the day of validation or one of the next two days."""
        rng = self.rng
        day = validated.date() + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        sent_at = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 600))
        if sent_at <= validated:
            sent_at = validated + timedelta(minutes=rng.randint(2, 90))
        return sent_at

    def _line(self, doc_id: int, position: int, lines: list[dict[str, Any]]) -> LineAmounts:
        rng = self.rng
        item = rng.choice(words.CATALOG)
        quantity = rng.choice(item.quantities)
        unit_price = Decimal(rng.randint(item.low * 10, item.high * 10) * 10).scaleb(-2)
        discount = rng.choice(words.DISCOUNTS) if rng.random() < 0.05 else words.NO_DISCOUNT
        self.line_id += 1
        lines.append(
            {
                "id": self.line_id,
                "document_id": doc_id,
                "position": position,
                "description": item.description,
                "quantity": quantity,
                "unit": item.unit,
                "unit_price": unit_price,
                "vat_rate": item.vat_rate,
                "discount_percent": discount,
            }
        )
        return LineAmounts(quantity, unit_price, item.vat_rate, discount)

    def _history(
        self,
        doc_id: int,
        kind: DocumentKind,
        number: str,
        sent_at: datetime,
        sent_to: str,
        records: list[dict[str, Any]],
    ) -> None:
        """The send records of a sent document: sometimes a deferral, then the success."""
        self.sent += 1
        message_id = f"<demo-{doc_id}@{self.msgid_domain}>"
        subject = self.subjects[kind].replace(_NUMBER_MARK, number)
        attempts = [(sent_at, "sent", words.SERVER_REPLY_SENT)]
        if self.rng.random() < 0.04:  # the server asked to come back later
            earlier = sent_at - timedelta(minutes=self.rng.randint(2, 30))
            attempts.insert(0, (earlier, "retry", words.SERVER_REPLY_RETRY))
        for at, result, reply in attempts:
            self.record_id += 1
            records.append(
                {
                    "id": self.record_id,
                    "document_id": doc_id,
                    "outbox_id": None,
                    "at": at,
                    "to_addrs": sent_to,
                    "cc_addrs": "",
                    "bcc_addrs": "",
                    "subject": subject,
                    "message_id": message_id,
                    "result": result,
                    "server_reply": reply,
                    "refused_addrs": "",
                }
            )


_NUMBER_MARK = "\x00number\x00"


def _subject(kind: DocumentKind, company: Company) -> str:
    """The default template's subject with a mark where the document number goes."""
    template = DEFAULT_TEMPLATES[kind]
    values = TemplateValues(
        number=_NUMBER_MARK,
        client="",
        amount=Decimal(0),
        date=date(2000, 1, 1),
        company=company.name,
    )
    return render_template(template.subject, template.body, values)[0]


def _kinds(rng: random.Random, total: int) -> list[DocumentKind]:
    """Every kind at least once (from four documents), mostly invoices, in random order."""
    if total < len(SEND_RATE):
        return list(SEND_RATE)[:total]
    counts = {kind: max(1, total * share // 100) for kind, share in KIND_SHARE.items()}
    kinds = [DocumentKind.INVOICE] * (total - sum(counts.values()))
    for kind, count in counts.items():
        kinds += [kind] * count
    rng.shuffle(kinds)
    return kinds


def _line_count(rng: random.Random) -> int:
    return rng.choice(LINE_COUNTS)
