"""The payments dialog: partial payments typed the French way, what is left to pay, "Paid in
full", removing a payment, and refusals told in words with nothing lost (real widgets,
real SQLite database, every read and write in the background)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.payments import payment_state
from tests.unit.test_reports import make_client, make_document
from ui.dialogs.payments import PaymentsDialog

D = Decimal
NNBSP, NBSP = "\u202f", "\u00a0"


def amount(text: str) -> str:
    """A French amount as the dialog shows it: "1 200,00 €" with no-break spaces."""
    return text.replace(" ", NNBSP) + NBSP + "€"


def open_dialog(qtbot: QtBot, db: Database, invoice: int) -> PaymentsDialog:
    dialog = PaymentsDialog(db, invoice, "F-2026-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state is not None and not dialog.is_busy())
    assert dialog.objectName() == "paymentsDialog"
    return dialog


def child(dialog: PaymentsDialog, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def add(qtbot: QtBot, dialog: PaymentsDialog, typed: str, method: str = "Cheque") -> None:
    child(dialog, QLineEdit, "paymentAmount").setText(typed)
    child(dialog, QComboBox, "paymentMethod").setCurrentText(method)
    child(dialog, QPushButton, "addPaymentButton").click()
    qtbot.waitUntil(lambda: not dialog.is_busy())


def invoice_of(db: Database, total: str = "1200.00") -> int:
    client = make_client(db, "Boulangerie Martin")
    return make_document(db, client, total=total, issue_date=date.today() - timedelta(days=40))


def test_two_partial_payments_then_paid_in_full_then_one_removed(
    qtbot: QtBot, db: Database
) -> None:
    invoice = invoice_of(db)
    dialog = open_dialog(qtbot, db, invoice)
    left = child(dialog, QLabel, "leftToPay")
    assert left.text() == amount("1 200,00")
    assert child(dialog, QLineEdit, "paymentAmount").text() == "1" + NNBSP + "200,00"
    assert child(dialog, QDateEdit, "paymentDate").date() == QDate.currentDate()
    table = child(dialog, QTableWidget, "paymentsTable")
    assert not table.isVisibleTo(dialog)  # "No payment received yet." instead

    add(qtbot, dialog, "450,50", "Bank transfer")
    add(qtbot, dialog, "douze")  # not an amount: refused before anything is written
    assert "is not an amount" in child(dialog, QLabel, "paymentMessage").text()
    add(qtbot, dialog, "100")
    assert child(dialog, QLabel, "paymentMessage").isHidden()
    assert left.text() == amount("649,50")
    assert child(dialog, QLabel, "paymentReceived").text() == amount("550,50")
    assert table.rowCount() == 2
    assert [table.item(r, 2).text() for r in range(2)] == ["Bank transfer", "Cheque"]
    assert table.item(0, 1).text() == amount("450,50")
    assert child(dialog, QLineEdit, "paymentAmount").text() == "649,50"  # the new default
    assert dialog.changed

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        child(dialog, QPushButton, "markPaidButton").click()  # "Paid in full"
    state = payment_state(db, invoice)
    assert state.paid_on == date.today() and state.left == D("0.00")
    assert [p.amount for p in state.payments] == [D("450.50"), D("100.00"), D("649.50")]

    again = open_dialog(qtbot, db, invoice)
    assert child(again, QLabel, "leftToPay").text() == amount("0,00")
    assert not child(again, QPushButton, "addPaymentButton").isEnabled()
    assert not child(again, QPushButton, "markPaidButton").isEnabled()
    remove = child(again, QPushButton, "removePaymentButton")
    assert not remove.isEnabled()  # nothing selected yet
    asked: list[str] = []
    again.confirm = lambda question: asked.append(question) or True  # type: ignore[method-assign]
    child(again, QTableWidget, "paymentsTable").selectRow(0)
    remove.click()
    qtbot.waitUntil(lambda: not again.is_busy())
    assert asked and "450,50" in asked[0]
    state = payment_state(db, invoice)
    assert state.paid_on is None and state.left == D("450.50")
    assert child(again, QLabel, "leftToPay").text() == amount("450,50")
    assert child(again, QTableWidget, "paymentsTable").rowCount() == 2


def test_refused_amounts_and_dates_are_told_and_nothing_is_lost(qtbot: QtBot, db: Database) -> None:
    invoice = invoice_of(db, "1000.00")
    dialog = open_dialog(qtbot, db, invoice)
    message = child(dialog, QLabel, "paymentMessage")

    add(qtbot, dialog, "1 234,56")  # typed the French way, with a plain space
    assert message.isVisible()
    assert "more than what is left to pay (1" + NNBSP + "000,00" in message.text()
    assert child(dialog, QLineEdit, "paymentAmount").text() == "1 234,56"  # kept as typed
    assert child(dialog, QComboBox, "paymentMethod").currentText() == "Cheque"

    add(qtbot, dialog, "0,00")
    assert "above zero" in message.text()

    child(dialog, QDateEdit, "paymentDate").setDate(QDate.currentDate().addDays(3))
    add(qtbot, dialog, "10")
    assert "in the future" in message.text()
    assert child(dialog, QDateEdit, "paymentDate").date() == QDate.currentDate().addDays(3)

    assert payment_state(db, invoice).payments == ()
    assert child(dialog, QTableWidget, "paymentsTable").rowCount() == 0
    assert not dialog.changed


def test_accept_before_the_state_is_read_still_pays_what_is_left(
    qtbot: QtBot, db: Database
) -> None:
    """The old "Mark as paid" use: set the method, accept at once."""
    invoice = invoice_of(db, "99.90")
    dialog = PaymentsDialog(db, invoice, "F-2026-0001")
    qtbot.addWidget(dialog)
    dialog.method.setCurrentText("Chèque")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.accept()
    state = payment_state(db, invoice)
    assert state.paid_on == date.today() and dialog.changed
    assert [(p.amount, p.method) for p in state.payments] == [(D("99.90"), "Chèque")]
