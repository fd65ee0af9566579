"""A quote's whole life from the main window: new, three lines at two VAT rates, validated,
converted to an order, a delivery note and an invoice, paid, then cancelled by a credit note.

The report's real actions open the real (modal) editor; the test answers it as a user
would, from a timer, since the editor's event loop runs while the action waits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.db.database import open_database
from app.domain.kinds import ContactKind, DocumentKind, DocumentStatus
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import derived_documents
from app.services.document_data import LineInput
from app.services.documents import get_document
from app.services.reports import PaymentFilter
from app.services.settings import update_company
from tests.ui.report_loading import wait_report_loaded
from ui.dialogs.document_editor import DocumentEditorDialog
from ui.dialogs.mark_paid import MarkPaidDialog
from ui.main import create_main_window
from ui.main_window import MainWindow
from ui.models.document_table import Column

D = Decimal
YEAR = date.today().year
LINES = (
    LineInput("Pose de parquet", D("18.75"), D("51.00"), D("10"), "m²", D("5")),
    LineInput("Plinthes", D("24"), D("6.40"), D("20"), "ml"),
    LineInput("Vernis", D("3"), D("25.20"), D("20"), "l"),
)


@pytest.fixture
def window(qtbot: QtBot, db_path: Path) -> Iterator[MainWindow]:
    db = open_database(str(db_path))
    update_company(
        db, name="Atelier Dupont", siren="732829320", city="Lyon", sender_address="a@dupont.example"
    )
    save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            city="Lyon",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.example", "Compta", True),),
        ),
    )
    db.dispose()
    win = create_main_window(str(db_path))
    qtbot.addWidget(win)
    win.show()
    yield win


def editor_answer(qtbot: QtBot, fill: Callable[[DocumentEditorDialog], None]) -> list[str]:
    """When the modal editor opens: fill it, validate (confirmed), wait for the number,
    close it. Returns a list that receives the editor's title, for the test to check."""
    seen: list[str] = []

    def answer() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, DocumentEditorDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        fill(editor)
        editor.ask_validate = lambda: True  # type: ignore[method-assign]
        button = editor.findChild(QPushButton, "validateDocumentButton")
        assert button is not None
        button.click()
        qtbot.waitUntil(editor.is_read_only, timeout=20000)
        seen.append(editor.windowTitle())
        editor.reject()

    QTimer.singleShot(0, answer)
    return seen


def select(qtbot: QtBot, window: MainWindow, kind: DocumentKind, document_id: int) -> None:
    window.report_view.show_kind(kind)
    window.report_view.refresh()
    wait_report_loaded(qtbot, window.report_view)
    row = window.report_model.row_of(document_id)
    assert row is not None, f"document {document_id} not in the {kind} report"
    window.report_view.table.setCurrentIndex(window.report_model.index(row, Column.CLIENT))


def fill_quote(editor: DocumentEditorDialog) -> None:
    editor.picker.set_client(editor.picker.client_id() or 1)
    editor.lines.set_lines(LINES)


def test_quote_to_invoice_paid_then_credited(qtbot: QtBot, window: MainWindow) -> None:
    db = window.db
    actions = window.report_view.documents
    window.report_view.show_kind(DocumentKind.QUOTE)

    seen = editor_answer(qtbot, fill_quote)
    quote_id = actions.new_document()
    assert quote_id is not None and seen
    quote = get_document(db, quote_id)
    assert quote.number == f"D-{YEAR}-0001" and quote.status == DocumentStatus.VALIDATED
    # 18.75 × 51 − 5 % = 908.44 at 10 %; 153.60 + 75.60 = 229.20 at 20 %
    assert (quote.total_excl, quote.total_vat, quote.total_incl) == (
        D("1137.64"),
        D("136.68"),
        D("1274.32"),
    )
    assert quote.pdf_sha256 is not None

    chain = [quote_id]
    for source_kind, target, prefix in (
        (DocumentKind.QUOTE, DocumentKind.ORDER, "C"),
        (DocumentKind.ORDER, DocumentKind.DELIVERY, "BL"),
        (DocumentKind.DELIVERY, DocumentKind.INVOICE, "F"),
    ):
        select(qtbot, window, source_kind, chain[-1])
        assert actions.convert_action.isEnabled()
        editor_answer(qtbot, lambda _editor: None)  # the draft carries everything: validate
        new_id = actions.convert_to(target)
        assert new_id is not None
        made = get_document(db, new_id)
        assert made.number == f"{prefix}-{YEAR}-0001"
        assert made.source_id == chain[-1] and made.lines == quote.lines
        assert made.total_incl == quote.total_incl
        assert [d.id for d in derived_documents(db, chain[-1])] == [new_id]
        chain.append(new_id)

    invoice_id = chain[-1]
    select(qtbot, window, DocumentKind.INVOICE, invoice_id)
    assert actions.paid_action.isEnabled() and not actions.unpaid_action.isEnabled()

    def pay() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MarkPaidDialog):
            QTimer.singleShot(20, pay)
            return
        dialog.method.setCurrentText("Chèque")
        dialog.accept()

    QTimer.singleShot(0, pay)
    assert actions.mark_paid()
    invoice = get_document(db, invoice_id)
    assert invoice.paid_on == date.today() and invoice.payment_method == "Chèque"
    wait_report_loaded(qtbot, window.report_view)
    row = window.report_model.row_of(invoice_id)
    assert row is not None
    assert window.report_model.index(row, Column.STATUS).data() == "Paid"
    combo = window.report_view.payment_filter
    combo.setCurrentIndex(combo.findData(str(PaymentFilter.UNPAID)))
    wait_report_loaded(qtbot, window.report_view)
    assert window.report_model.row_of(invoice_id) is None  # paid: not among the unpaid
    combo.setCurrentIndex(combo.findData(str(PaymentFilter.PAID)))
    wait_report_loaded(qtbot, window.report_view)
    assert window.report_model.row_of(invoice_id) is not None

    select(qtbot, window, DocumentKind.INVOICE, invoice_id)
    window.report_view.documents._confirm = lambda _question: True  # type: ignore[method-assign]
    editor_answer(qtbot, lambda _editor: None)
    credit_id = actions.credit_note()
    assert credit_id is not None
    credit = get_document(db, credit_id)
    assert credit.kind == DocumentKind.CREDIT_NOTE and credit.number == f"AV-{YEAR}-0001"
    assert credit.cancels_id == invoice_id and credit.total_incl == invoice.total_incl
    combo.setCurrentIndex(combo.findData(str(PaymentFilter.ALL)))
    select(qtbot, window, DocumentKind.INVOICE, invoice_id)
    row = window.report_model.row_of(invoice_id)
    assert row is not None
    assert window.report_model.index(row, Column.STATUS).data() == "Credited"
    assert not actions.credit_note_action.isEnabled()  # cancelled once is enough


def test_a_validated_document_cannot_be_deleted_and_a_draft_can(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = window.report_view.documents
    window.report_view.show_kind(DocumentKind.QUOTE)

    def save_only() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, DocumentEditorDialog):
            QTimer.singleShot(20, save_only)
            return
        fill_quote(editor)
        button = editor.findChild(QPushButton, "saveDocumentButton")
        assert button is not None
        button.click()

    QTimer.singleShot(0, save_only)
    draft_id = actions.new_document()
    assert draft_id is not None
    select(qtbot, window, DocumentKind.QUOTE, draft_id)
    assert actions.delete_action.isEnabled() and not actions.convert_action.isEnabled()
    monkeypatch.setattr(actions, "_confirm", lambda _question: True)
    assert actions.delete()
    wait_report_loaded(qtbot, window.report_view)
    assert window.report_model.row_of(draft_id) is None


def test_report_actions_follow_the_current_row(qtbot: QtBot, window: MainWindow) -> None:
    actions = window.report_view.documents
    window.report_view.show_kind(DocumentKind.INVOICE)
    assert actions.new_action.isEnabled()
    assert not actions.edit_action.isEnabled()  # no document yet
    payment = window.report_view.payment_filter
    assert not payment.isHidden()
    window.report_view.show_kind(DocumentKind.QUOTE)
    assert payment.isHidden()  # nothing is paid among quotes
    menu = {a.objectName() for a in window.document_menu.actions()}
    assert {"newDocumentAction", "editDocumentAction", "convertDocumentAction"} <= menu
