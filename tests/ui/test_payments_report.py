"""Payments and reminders where the user meets them: the invoices report's "Left to pay" and
"Reminder" columns and its "In dispute" action, the Information dialog's reminders table,
and the clients view's account statement (real widgets, real databases)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.db.models import Document, Reminder
from app.domain.kinds import ContactKind, DocumentKind
from app.domain.outbox import OutboxState
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import mark_paid
from app.services.documents import get_document
from app.services.history import document_info
from app.services.outbox import list_outbox
from app.services.payments import add_payment
from app.services.reminders import plan_reminders, prepare_reminders
from app.services.settings import update_company
from tests.integration.sending_helpers import overdue_invoice
from tests.ui.report_loading import wait_report_loaded
from tests.unit.test_reports import add_send_record, make_client, make_document
from ui.dialogs.document_info import DocumentInfoDialog, ReminderColumn
from ui.models.document_table import Column
from ui.models.envelope import date_text, local_datetime
from ui.views.clients_view import ClientsView
from ui.views.report_view import ReportView

D = Decimal
TODAY = date.today()
SENT = datetime(2026, 11, 20, 10, 0)


def sent_reminder(db: Database, document_id: int, level: int, at: datetime | None) -> None:
    with db.write() as session:
        session.add(
            Reminder(
                document_id=document_id,
                level=level,
                level_name="",
                amount_due=D("10"),
                created_at=SENT - timedelta(days=1),
                sent_at=at,
            )
        )


def is_disputed(db: Database, document_id: int) -> bool:
    with db.read() as session:
        return session.get_one(Document, document_id).disputed


@pytest.fixture
def martin(db: Database) -> int:
    update_company(
        db, name="Atelier Dupont", siren="732829320", city="Lyon", sender_address="a@dupont.example"
    )
    return save_client(
        db,
        ClientData(
            name="Boulangerie Martin",
            city="Lyon",
            contacts=(ContactData(ContactKind.EMAIL, "compta@martin.example", mail=True),),
        ),
    )


def report(qtbot: QtBot, db: Database) -> ReportView:
    view = ReportView(db)
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    wait_report_loaded(qtbot, view)
    return view


def cell(view: ReportView, document_id: int, column: Column) -> str:
    row = view.model.row_of(document_id)
    assert row is not None
    return str(view.model.index(row, column).data() or "")


def test_left_to_pay_and_reminder_columns(qtbot: QtBot, db: Database) -> None:
    client = make_client(db, "Boulangerie Martin")
    partly = make_document(db, client, sequence=1, total="1200.00")
    paid = make_document(db, client, sequence=2, total="300.00")
    fresh = make_document(db, client, sequence=3, total="80.00")
    add_payment(db, partly, TODAY, D("450.00"))
    mark_paid(db, paid, TODAY)
    sent_reminder(db, partly, 1, SENT - timedelta(days=14))
    sent_reminder(db, partly, 2, SENT)
    sent_reminder(db, fresh, 1, None)  # prepared, never sent

    view = report(qtbot, db)
    model = view.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles[Column.LEFT] == "Left to pay" and titles[Column.REMINDER] == "Reminder"
    assert cell(view, partly, Column.LEFT) == "750,00\u00a0€"
    assert cell(view, paid, Column.LEFT) == "0,00\u00a0€"
    assert cell(view, fresh, Column.LEFT) == "80,00\u00a0€"
    day = local_datetime(SENT).date()
    shown_day = date_text(date(day.year(), day.month(), day.day()))
    assert cell(view, partly, Column.REMINDER) == f"2 · {shown_day}"
    assert cell(view, paid, Column.REMINDER) == "" and cell(view, fresh, Column.REMINDER) == ""

    view.show_kind(DocumentKind.QUOTE)  # nothing is paid on a quote: empty cells
    quote = make_document(db, client, kind=DocumentKind.QUOTE, sequence=1)
    view.refresh()
    wait_report_loaded(qtbot, view)
    assert cell(view, quote, Column.LEFT) == "" and cell(view, quote, Column.REMINDER) == ""


def test_the_disputed_action_marks_the_invoice_and_withdraws_its_reminder(
    qtbot: QtBot, db: Database, martin: int
) -> None:
    invoice = overdue_invoice(db, martin, "100", 15)
    other = overdue_invoice(db, martin, "50", 15)
    prepared = prepare_reminders(db, plan_reminders(db, per_invoice=True).groups, later=True)
    assert len(prepared.outbox_ids) == 2

    view = report(qtbot, db)
    row = view.model.row_of(invoice)
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, Column.CLIENT))
    action = view.findChild(QAction, "disputedAction")
    assert action is view.documents.disputed_action
    assert action in view.documents.row_actions()
    assert action.isEnabled() and action.isCheckable() and not action.isChecked()
    status = cell(view, invoice, Column.STATUS)

    action.trigger()
    qtbot.waitUntil(lambda: is_disputed(db, invoice), timeout=10_000)
    wait_report_loaded(qtbot, view)
    qtbot.waitUntil(lambda: cell(view, invoice, Column.STATUS) == "Disputed")
    row = view.model.row_of(invoice)
    assert row is not None
    tip = view.model.index(row, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{status}, disputed")
    assert cell(view, other, Column.STATUS) == status
    states = {i.document_id: i.state for i in list_outbox(db, ids=prepared.outbox_ids)}
    assert states == {invoice: OutboxState.CANCELLED, other: OutboxState.HELD}
    qtbot.waitUntil(lambda: action.isEnabled() and action.isChecked())

    action.trigger()  # the dispute is settled
    qtbot.waitUntil(lambda: not is_disputed(db, invoice), timeout=10_000)
    wait_report_loaded(qtbot, view)
    qtbot.waitUntil(lambda: cell(view, invoice, Column.STATUS) == status)


def test_the_information_dialog_lists_reminders_apart_from_the_sends(
    qtbot: QtBot, db: Database, martin: int
) -> None:
    invoice = overdue_invoice(db, martin, "1000", 12)  # 1 200,00 € incl. VAT
    add_payment(db, invoice, TODAY - timedelta(days=2), D("450.00"), "virement")
    add_send_record(db, invoice, SENT, to_addrs="compta@martin.example")
    prepared = prepare_reminders(db, plan_reminders(db).groups, later=True)
    assert len(prepared.outbox_ids) == 1
    assert len(document_info(db, invoice).history) == 1  # the invoice's own send only

    dialog = DocumentInfoDialog(db, invoice)
    qtbot.addWidget(dialog)
    sends = dialog.findChild(QTableWidget, "sendHistoryTable")
    reminders = dialog.findChild(QTableWidget, "reminderHistoryTable")
    assert sends is not None and reminders is not None
    assert sends.rowCount() == 1
    assert reminders.rowCount() == 1
    texts = [reminders.item(0, c).text() for c in ReminderColumn]
    assert texts[ReminderColumn.LEVEL].startswith("1 – ")
    assert texts[ReminderColumn.SENT] == "Paused: prepared to be sent later"
    assert texts[ReminderColumn.RECIPIENTS] == "compta@martin.example"
    assert texts[ReminderColumn.AMOUNT] == "750,00\u00a0€"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("450,00\u00a0€ · virement" in text for text in labels)  # payments received

    mark_paid(db, invoice, TODAY)  # the waiting reminder is withdrawn
    paid = DocumentInfoDialog(db, invoice)
    qtbot.addWidget(paid)
    table = paid.findChild(QTableWidget, "reminderHistoryTable")
    assert table is not None
    assert table.item(0, ReminderColumn.SENT).text() == "Cancelled: the invoice was paid"


def test_the_clients_view_saves_the_account_statement(
    qtbot: QtBot, db: Database, martin: int, tmp_path: Path
) -> None:
    invoice = overdue_invoice(db, martin, "100", 20)
    number = get_document(db, invoice).number
    assert number
    view = ClientsView(db)
    qtbot.addWidget(view)
    view.reload()
    assert view.select_client(martin)
    action = view.findChild(QAction, "clientStatementAction")
    assert action is view.statement_action and action.isEnabled()
    assert action in view.toolbar.actions()
    asked: list[str] = []

    def choose(name: str) -> Path:
        asked.append(name)
        return tmp_path / "statement.pdf"

    view.choose_path = choose
    with qtbot.waitSignal(view.statementSaved, timeout=20_000) as saved:
        action.trigger()
    assert asked == [f"releve-boulangerie-martin-{TODAY.isoformat()}.pdf"]
    assert saved.args == [str(tmp_path / "statement.pdf")]
    data = (tmp_path / "statement.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert number in text and "Boulangerie Martin" in text
