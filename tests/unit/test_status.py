"""One definition of each status (app.domain.status), two renderings that agree.

The Python derivation (what the report shows) and the SQL ``CASE`` (what the report sorts
and filters by) are compared on a grid of documents in a real database: every kind, draft or
validated, paid or not, due in the past / today / later / never, e-mailed or not, fully
cancelled by a credit note or not. The ``db`` fixture runs it on SQLite and, when
FACTURIER_TEST_PG_URL is set, on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count, product

from sqlalchemy import select

from app.db.database import Database
from app.db.models import Document
from app.domain.kinds import DocumentKind
from app.domain.status import RULES, STATUSES, DisplayStatus, Tone, status_label, status_of
from app.services.reports import (
    PaymentFilter,
    ReportQuery,
    SortKey,
    document_ids,
    document_status_order,
    fetch_rows,
)
from tests.unit.test_reports import _set, make_client, make_document

TODAY = date(2026, 4, 15)
SENT = datetime(2026, 3, 3, 10, 0)
DUE_DATES = (None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1))


def make_grid(db: Database) -> None:
    client = make_client(db, "Boulangerie Dupuis")
    numbers = count(1)
    kinds = (DocumentKind.INVOICE, DocumentKind.QUOTE, DocumentKind.CREDIT_NOTE)
    for kind, draft, paid, due, sent, cancelled in product(
        kinds, (True, False), (True, False), DUE_DATES, (True, False), (True, False)
    ):
        doc = make_document(
            db,
            client,
            kind=kind,
            sequence=None if draft else next(numbers),
            total="120.00",
            sent_at=SENT if sent else None,
        )
        _set(db, doc, due_date=due, paid_on=TODAY - timedelta(days=3) if paid else None)
        if cancelled:
            # A validated credit note for the whole amount cancels it (an invoice only).
            credit = make_document(
                db, client, kind=DocumentKind.CREDIT_NOTE, sequence=next(numbers)
            )
            _set(db, credit, cancels_id=doc)


def test_sql_and_python_give_the_same_status(db: Database) -> None:
    make_grid(db)
    with db.read() as session:
        in_sql = dict(session.execute(select(Document.id, document_status_order(TODAY))).all())
    rows = fetch_rows(db, list(in_sql))
    in_python = {row.id: status_of(row, TODAY) for row in rows}
    assert len(in_python) == len(in_sql) > 200
    assert in_sql == {i: status.order for i, status in in_python.items()}
    assert set(in_python.values()) == set(DisplayStatus)  # the grid reaches every status


def test_the_report_sorts_and_filters_by_the_shown_status(db: Database) -> None:
    make_grid(db)
    shown = {
        row.id: status_of(row, TODAY)
        for row in fetch_rows(db, document_ids(db, ReportQuery(DocumentKind.INVOICE)))
    }
    query = ReportQuery(DocumentKind.INVOICE, sort=SortKey.STATUS, descending=False, today=TODAY)
    ranks = [shown[i].order for i in document_ids(db, query)]
    assert ranks == sorted(ranks)
    overdue = ReportQuery(DocumentKind.INVOICE, payment=PaymentFilter.OVERDUE, today=TODAY)
    assert set(document_ids(db, overdue)) == {
        i for i, status in shown.items() if status == DisplayStatus.OVERDUE
    }


def test_each_status_has_its_labels_tone_and_rank() -> None:
    # English, then French agreeing with a feminine noun (facture, commande) and with a
    # masculine one (devis, bon de livraison, avoir).
    invoice, quote = DocumentKind.INVOICE, DocumentKind.QUOTE
    assert {
        s: (s.label, status_label(s, invoice, True), status_label(s, quote, True))
        for s in DisplayStatus
    } == {
        DisplayStatus.DRAFT: ("Draft", "Brouillon", "Brouillon"),
        DisplayStatus.VALIDATED: ("Validated", "Validée", "Validé"),
        DisplayStatus.EMAILED: ("E-mailed", "Envoyée", "Envoyé"),
        DisplayStatus.OVERDUE: ("Overdue", "En retard", "En retard"),
        DisplayStatus.PAID: ("Paid", "Payée", "Payé"),
        DisplayStatus.CREDITED: ("Credited", "Annulée par avoir", "Annulé par avoir"),
        DisplayStatus.CREDIT_NOTE: ("Credit note", "Avoir", "Avoir"),
    }
    assert status_label(DisplayStatus.VALIDATED, DocumentKind.ORDER, True) == "Validée"
    assert status_label(DisplayStatus.VALIDATED, DocumentKind.DELIVERY, True) == "Validé"
    assert status_label(DisplayStatus.PAID, invoice, False) == "Paid"
    assert [s for s in DisplayStatus if s.tone == Tone.ALERT] == [DisplayStatus.OVERDUE]
    assert sorted(info.order for info in STATUSES.values()) == list(range(len(DisplayStatus)))
    assert not RULES[-1].conditions()  # every document gets a status
