"""Report rows, filters, envelope states and send history, on real SQLite.

The helpers at the top (``make_client``, ``make_document``, ``add_outbox_message``,
``add_send_record``) write rows directly, as the sending engine or another program
would; the UI tests use them too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from sqlalchemy import update

from app.db.archive import store_pdf, utcnow
from app.db.database import Database
from app.db.models import Client, Document, OutboxMessage, SendRecord
from app.domain.kinds import DocumentKind, DocumentStatus
from app.domain.outbox import OutboxState
from app.errors import NotFoundError
from app.services.history import document_info
from app.services.reports import (
    EnvelopeState,
    PaymentFilter,
    ReportQuery,
    SentFilter,
    SortKey,
    document_ids,
    fetch_rows,
)

_message_ids = count(1)
T0 = datetime(2026, 3, 2, 9, 30)


def make_client(db: Database, name: str) -> int:
    with db.write() as session:
        row = Client(name=name, created_at=T0, updated_at=T0)
        session.add(row)
        session.flush()
        return row.id


def make_document(
    db: Database,
    client_id: int,
    *,
    kind: DocumentKind = DocumentKind.INVOICE,
    sequence: int | None = 1,
    year: int = 2026,
    issue_date: date = date(2026, 3, 2),
    total: str = "120.00",
    sent_at: datetime | None = None,
    sent_to: str = "",
) -> int:
    """A validated document (a draft when ``sequence`` is None)."""
    number = f"{kind.prefix}-{year}-{sequence:04d}" if sequence is not None else None
    with db.write() as session:
        row = Document(
            kind=str(kind),
            status=str(DocumentStatus.DRAFT if number is None else DocumentStatus.VALIDATED),
            number=number,
            year=year if number else None,
            sequence=sequence,
            client_id=client_id,
            issue_date=issue_date,
            total_excl=Decimal(total) / Decimal("1.2"),
            total_vat=Decimal(total) - Decimal(total) / Decimal("1.2"),
            total_incl=Decimal(total),
            validated_at=T0 if number else None,
            sent_at=sent_at,
            sent_to=sent_to,
            created_at=T0,
            updated_at=sent_at or T0,
        )
        session.add(row)
        session.flush()
        return row.id


def add_outbox_message(db: Database, document_id: int, state: OutboxState, **values: Any) -> int:
    """An outbox message as the sending engine leaves it (``values`` override columns)."""
    now = values.pop("updated_at", utcnow())
    n = next(_message_ids)
    with db.write() as session:
        row = OutboxMessage(
            document_id=document_id,
            state=str(state),
            message_id=f"<test-{n}@atelier-dupont.fr>",
            envelope_from="contact@atelier-dupont.fr",
            to_addrs=values.pop("to_addrs", "compta@client.example"),
            subject=values.pop("subject", "Facture"),
            raw=b"raw message",
            created_at=now,
            updated_at=now,
            **values,
        )
        session.add(row)
        session.flush()
        return row.id


def add_send_record(db: Database, document_id: int, at: datetime, **values: Any) -> None:
    with db.write() as session:
        session.add(
            SendRecord(
                document_id=document_id,
                at=at,
                to_addrs=values.pop("to_addrs", "compta@client.example"),
                result=values.pop("result", "sent"),
                **values,
            )
        )


@pytest.fixture
def clients(db: Database) -> dict[str, int]:
    return {
        name: make_client(db, name)
        for name in ("Élodie Martin", "Boulangerie Dupuis", "Garage 100% Auto")
    }


# --- which documents, in which order ------------------------------------------------------


def test_a_report_lists_its_own_kind_and_credit_notes_with_invoices(
    db: Database, clients: dict[str, int]
) -> None:
    client = clients["Élodie Martin"]
    invoice = make_document(db, client)
    credit = make_document(db, client, kind=DocumentKind.CREDIT_NOTE)
    quote = make_document(db, client, kind=DocumentKind.QUOTE)
    assert set(document_ids(db, ReportQuery(DocumentKind.INVOICE))) == {invoice, credit}
    assert document_ids(db, ReportQuery(DocumentKind.QUOTE)) == [quote]
    assert document_ids(db, ReportQuery(DocumentKind.ORDER)) == []
    assert len(document_ids(db, ReportQuery(DocumentKind.INVOICE))) == 2


def test_sent_filter(db: Database, clients: dict[str, int]) -> None:
    client = clients["Élodie Martin"]
    sent = make_document(db, client, sequence=1, sent_at=T0, sent_to="a@b.example")
    unsent = make_document(db, client, sequence=2)
    waiting = make_document(db, client, sequence=3)
    add_outbox_message(db, waiting, OutboxState.QUEUED)
    failed = make_document(db, client, sequence=4)
    add_outbox_message(db, failed, OutboxState.FAILED)
    uncertain = make_document(db, client, sequence=5)
    add_outbox_message(db, uncertain, OutboxState.UNKNOWN)

    def ids(value: SentFilter) -> set[int]:
        return set(document_ids(db, ReportQuery(DocumentKind.INVOICE, sent=value)))

    assert ids(SentFilter.ALL) == {sent, unsent, waiting, failed, uncertain}
    assert ids(SentFilter.SENT) == {sent}
    assert ids(SentFilter.UNSENT) == {unsent, waiting}  # never a failed or uncertain one
    assert ids(SentFilter.FAILED) == {failed}
    assert ids(SentFilter.UNCERTAIN) == {uncertain}


def _set(db: Database, document_id: int, **values: Any) -> None:
    with db.write() as session:
        session.execute(update(Document).where(Document.id == document_id).values(**values))


def test_payment_filter(db: Database, clients: dict[str, int]) -> None:
    client = clients["Élodie Martin"]
    today = date(2026, 4, 15)
    paid = make_document(db, client, sequence=1)
    _set(db, paid, due_date=date(2026, 4, 1), paid_on=date(2026, 4, 2), payment_method="CB")
    due_later = make_document(db, client, sequence=2)
    _set(db, due_later, due_date=date(2026, 5, 1))
    due_today = make_document(db, client, sequence=3)
    _set(db, due_today, due_date=today)
    overdue = make_document(db, client, sequence=4)
    _set(db, overdue, due_date=date(2026, 4, 14))
    no_due_date = make_document(db, client, sequence=5)
    draft = make_document(db, client, sequence=None)
    _set(db, draft, due_date=date(2026, 1, 1))
    # Fully cancelled by a validated credit note: nothing left to pay, never "overdue".
    cancelled = make_document(db, client, sequence=6, total="120.00")
    _set(db, cancelled, due_date=date(2026, 1, 1))
    credit = make_document(db, client, kind=DocumentKind.CREDIT_NOTE, total="120.00")
    _set(db, credit, cancels_id=cancelled)
    # Half cancelled: still half to pay.
    partly = make_document(db, client, sequence=7, total="100.00")
    _set(db, partly, due_date=date(2026, 1, 1))
    half = make_document(db, client, kind=DocumentKind.CREDIT_NOTE, sequence=2, total="50.00")
    _set(db, half, cancels_id=partly)
    # A draft credit note cancels nothing yet.
    pending = make_document(db, client, sequence=8, total="30.00")
    _set(db, pending, due_date=date(2026, 1, 1))
    draft_credit = make_document(db, client, kind=DocumentKind.CREDIT_NOTE, sequence=None)
    _set(db, draft_credit, cancels_id=pending, total_incl=Decimal("30.00"))
    quote = make_document(db, client, kind=DocumentKind.QUOTE)

    def ids(payment: PaymentFilter, kind: DocumentKind = DocumentKind.INVOICE) -> set[int]:
        query = ReportQuery(kind, payment=payment, today=today)
        found = document_ids(db, query)
        return set(found)

    everything = {paid, due_later, due_today, overdue, no_due_date, draft, cancelled, partly}
    everything |= {pending, credit, half, draft_credit}
    assert ids(PaymentFilter.ALL) == everything
    assert ids(PaymentFilter.PAID) == {paid}
    unpaid = {due_later, due_today, overdue, no_due_date, partly, pending}
    assert ids(PaymentFilter.UNPAID) == unpaid
    assert ids(PaymentFilter.OVERDUE) == {overdue, partly, pending}
    # Combined with the sent filter and the search, in the same query.
    _set(db, overdue, sent_at=T0)
    query = ReportQuery(DocumentKind.INVOICE, SentFilter.SENT, payment=PaymentFilter.OVERDUE)
    assert document_ids(db, query) == [overdue]
    query = ReportQuery(DocumentKind.INVOICE, search="0004", payment=PaymentFilter.UNPAID)
    assert document_ids(db, query) == [overdue]
    # Without a date, the filter uses today's.
    overdue_now = ReportQuery(DocumentKind.INVOICE, payment=PaymentFilter.OVERDUE)
    assert document_ids(db, overdue_now) == document_ids(
        db, ReportQuery(DocumentKind.INVOICE, payment=PaymentFilter.OVERDUE, today=date.today())
    )
    # Other reports have nothing to pay: the filter leaves them alone.
    assert ids(PaymentFilter.OVERDUE, DocumentKind.QUOTE) == {quote}

    rows = {r.id: r for r in fetch_rows(db, [paid, overdue, cancelled, partly, credit])}
    assert (rows[paid].paid_on, rows[paid].payment_method) == (date(2026, 4, 2), "CB")
    assert rows[paid].due_date == date(2026, 4, 1)
    assert rows[overdue].paid_on is None and rows[overdue].due_date == date(2026, 4, 14)
    assert [rows[i].cancelled for i in (paid, overdue, cancelled, partly, credit)] == [
        False,
        False,
        True,
        False,
        False,
    ]


def test_search_matches_number_or_client_ignoring_case_and_accents(
    db: Database, clients: dict[str, int]
) -> None:
    elodie = make_document(db, clients["Élodie Martin"], sequence=12)
    bakery = make_document(db, clients["Boulangerie Dupuis"], sequence=7)
    garage = make_document(db, clients["Garage 100% Auto"], sequence=100)

    def found(text: str) -> set[int]:
        return set(document_ids(db, ReportQuery(DocumentKind.INVOICE, search=text)))

    assert found("elodie") == {elodie}
    assert found("ÉLODIE") == {elodie}
    assert found("dupuis") == {bakery}
    assert found("2026-0012") == {elodie}
    assert found("F-2026") == {elodie, bakery, garage}
    assert found("   ") == {elodie, bakery, garage}  # blanks: no search
    # LIKE wildcards typed by the user are plain characters.
    assert found("100%") == {garage}
    assert found("0_1") == set()
    assert found("%") == {garage}
    assert found("nobody") == set()


def test_sort_orders_with_a_stable_tie_break(db: Database, clients: dict[str, int]) -> None:
    a = make_document(
        db, clients["Boulangerie Dupuis"], sequence=2, issue_date=date(2026, 1, 5), total="300"
    )
    b = make_document(
        db, clients["Élodie Martin"], sequence=10, issue_date=date(2026, 1, 5), total="50"
    )
    c = make_document(
        db,
        clients["Garage 100% Auto"],
        sequence=1,
        issue_date=date(2026, 2, 1),
        total="999",
        sent_at=T0,
    )
    draft = make_document(db, clients["Élodie Martin"], sequence=None, issue_date=date(2026, 3, 1))

    def order(key: SortKey, descending: bool) -> list[int]:
        query = ReportQuery(DocumentKind.INVOICE, sort=key, descending=descending)
        return document_ids(db, query)

    assert order(SortKey.DATE, True) == [draft, c, b, a]  # same day: newest id first
    assert order(SortKey.DATE, False) == [a, b, c, draft]
    # Numbers sort as numbers (F-2026-0010 after F-2026-0002); drafts have none.
    assert order(SortKey.NUMBER, False) == [draft, c, a, b]
    assert order(SortKey.TOTAL, True)[0] == c
    assert order(SortKey.TOTAL, False)[-1] == c
    # Client names in French order, accents ignored: Boulangerie, Élodie, Garage.
    assert order(SortKey.CLIENT, False) == [a, b, draft, c]
    assert order(SortKey.SENT, True) == [c, draft, b, a]  # the sent one first
    assert order(SortKey.STATUS, False) == [draft, a, b, c]  # draft, validated, sent
    # Descending is ascending reversed, NULLs included: the view relies on it.
    for key in SortKey:
        assert order(key, True) == order(key, False)[::-1], key


# --- rows and envelope states ---------------------------------------------------------------


def test_fetch_rows_keeps_the_order_asked_and_skips_unknown_ids(
    db: Database, clients: dict[str, int]
) -> None:
    first = make_document(db, clients["Élodie Martin"], sequence=1)
    second = make_document(db, clients["Boulangerie Dupuis"], sequence=2, total="42.50")
    rows = fetch_rows(db, [second, 999_999, first])
    assert [r.id for r in rows] == [second, first]
    assert rows[0].client_name == "Boulangerie Dupuis"
    assert rows[0].total_incl == Decimal("42.50")
    assert rows[0].number == "F-2026-0002"
    assert fetch_rows(db, []) == []


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (OutboxState.QUEUED, EnvelopeState.WAITING),
        (OutboxState.SENDING, EnvelopeState.WAITING),
        (OutboxState.HELD, EnvelopeState.HELD),
        (OutboxState.RETRY_WAIT, EnvelopeState.WAITING),
        (OutboxState.FAILED, EnvelopeState.FAILED),
        (OutboxState.UNKNOWN, EnvelopeState.UNCERTAIN),
    ],
)
def test_envelope_state_of_each_outbox_state(
    db: Database, clients: dict[str, int], state: OutboxState, expected: EnvelopeState
) -> None:
    doc = make_document(db, clients["Élodie Martin"])
    assert fetch_rows(db, [doc])[0].envelope == EnvelopeState.NONE
    add_outbox_message(db, doc, state, last_error="550 5.1.1 no such user")
    row = fetch_rows(db, [doc])[0]
    assert row.envelope == expected
    assert row.pending is not None and row.pending.state == state


def test_the_newest_outbox_message_decides(db: Database, clients: dict[str, int]) -> None:
    doc = make_document(db, clients["Élodie Martin"])
    add_outbox_message(db, doc, OutboxState.FAILED)
    assert fetch_rows(db, [doc])[0].envelope == EnvelopeState.FAILED
    # Sent again later in another batch, successfully: the old failure no longer shows.
    add_outbox_message(db, doc, OutboxState.SENT)
    with db.write() as session:
        session.execute(update(Document).where(Document.id == doc).values(sent_at=T0))
    assert fetch_rows(db, [doc])[0].envelope == EnvelopeState.SENT
    # A sent document queued once more shows as waiting (and still knows its last send).
    add_outbox_message(db, doc, OutboxState.QUEUED)
    row = fetch_rows(db, [doc])[0]
    assert row.envelope == EnvelopeState.WAITING
    assert row.sent_at == T0


# --- the Information dialog's data ---------------------------------------------------------


def test_document_info_facts_and_history_newest_first(
    db: Database, clients: dict[str, int]
) -> None:
    doc = make_document(
        db, clients["Boulangerie Dupuis"], total="240.00", sent_at=T0, sent_to="a@b.example"
    )
    add_send_record(db, doc, T0 - timedelta(hours=1), result="retry", server_reply="421 later")
    add_send_record(
        db,
        doc,
        T0,
        result="sent",
        cc_addrs="moi@atelier-dupont.fr",
        bcc_addrs="archive@atelier-dupont.fr",
        server_reply="250 2.0.0 Ok",
        subject="Facture F-2026-0001",
        message_id="<m1@atelier-dupont.fr>",
    )
    info = document_info(db, doc)
    assert info.facts.number == "F-2026-0001"
    assert info.facts.client_name == "Boulangerie Dupuis"
    assert info.facts.total_incl == Decimal("240.00")
    assert info.facts.kind == DocumentKind.INVOICE
    assert not info.facts.has_archived_pdf
    assert [h.result for h in info.history] == ["sent", "retry"]
    newest = info.history[0]
    assert newest.cc_addrs == "moi@atelier-dupont.fr"
    assert newest.bcc_addrs == "archive@atelier-dupont.fr"
    assert newest.server_reply == "250 2.0.0 Ok"


def test_document_info_knows_the_archived_pdf_and_pending_message(
    db: Database, clients: dict[str, int]
) -> None:
    doc = make_document(db, clients["Élodie Martin"])
    with db.write() as session:
        digest = store_pdf(session, b"%PDF-1.4 test")
        session.execute(update(Document).where(Document.id == doc).values(pdf_sha256=digest))
    add_outbox_message(db, doc, OutboxState.RETRY_WAIT, last_reply="451 4.7.1 greylisted")
    facts = document_info(db, doc).facts
    assert facts.pdf_size == len(b"%PDF-1.4 test")
    assert facts.pending is not None
    assert facts.pending.envelope == EnvelopeState.WAITING
    assert document_info(db, doc).history == ()


def test_document_info_of_a_missing_document(db: Database) -> None:
    with pytest.raises(NotFoundError):
        document_info(db, 12345)
