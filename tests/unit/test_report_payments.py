"""The invoices report's "Left to pay" and "Reminder" columns: read with the page's rows
(grouped queries over the page's ids), empty for the kinds nothing is paid on."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from app.db.database import Database
from app.db.models import Reminder
from app.domain.kinds import DocumentKind
from app.services.document_actions import mark_paid, set_disputed
from app.services.payments import add_payment
from app.services.reports import SentReminder, fetch_rows
from tests.unit.test_reports import make_client, make_document

D = Decimal
TODAY = date.today()
T = datetime(2026, 12, 5, 9, 30)


def add_reminder(db: Database, document_id: int, level: int, sent_at: datetime | None) -> None:
    with db.write() as session:
        session.add(
            Reminder(
                document_id=document_id,
                level=level,
                level_name=f"Niveau {level}",
                amount_due=D("100"),
                created_at=T - timedelta(days=1),
                sent_at=sent_at,
            )
        )


def test_left_to_pay_and_last_reminder_per_row(db: Database) -> None:
    client = make_client(db, "Boulangerie Martin")
    partly = make_document(db, client, sequence=1, total="1200.00")
    paid = make_document(db, client, sequence=2, total="300.00")
    untouched = make_document(db, client, sequence=3, total="80.00")
    draft = make_document(db, client, sequence=None, total="50.00")
    quote = make_document(db, client, kind=DocumentKind.QUOTE, total="70.00")
    add_payment(db, partly, TODAY, D("450.00"), "virement")
    add_payment(db, paid, TODAY, D("100.00"))
    mark_paid(db, paid, TODAY)
    set_disputed(db, untouched, True)
    add_reminder(db, partly, 1, T - timedelta(days=14))
    add_reminder(db, partly, 2, T)
    add_reminder(db, partly, 3, None)  # prepared, not sent: not shown
    add_reminder(db, paid, 1, T - timedelta(days=3))

    rows = {r.id: r for r in fetch_rows(db, [partly, paid, untouched, draft, quote])}
    assert rows[partly].left_to_pay == D("750.00")
    assert rows[partly].reminder == SentReminder(2, T)
    assert rows[paid].left_to_pay == D("0.00")
    assert rows[paid].reminder == SentReminder(1, T - timedelta(days=3))
    assert rows[untouched].left_to_pay == D("80.00") and rows[untouched].reminder is None
    assert rows[untouched].disputed and not rows[partly].disputed
    for other in (draft, quote):  # nothing owed on a draft or a quote: the cells stay empty
        assert rows[other].left_to_pay is None and rows[other].reminder is None


def test_a_page_is_read_in_a_fixed_number_of_queries(db: Database) -> None:
    """Never a query per row: 40 invoices cost what 2 do."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    client = make_client(db, "Garage")
    ids = [make_document(db, client, sequence=n, total="10.00") for n in range(1, 41)]
    for document_id in ids:
        add_payment(db, document_id, TODAY, D("1.00"))
        add_reminder(db, document_id, 1, T)

    def count(page: list[int]) -> int:
        statements: list[str] = []

        def record(_c: object, _cu: object, statement: str, *_a: object) -> None:
            statements.append(statement)

        event.listen(Engine, "before_cursor_execute", record)
        try:
            rows = fetch_rows(db, page)
        finally:
            event.remove(Engine, "before_cursor_execute", record)
        assert all(r.left_to_pay == D("9.00") and r.reminder is not None for r in rows)
        return len(statements)

    assert count(ids) == count(ids[:2])
