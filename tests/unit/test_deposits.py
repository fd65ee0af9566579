"""Deposit invoices (factures d'acompte) and the final invoice (facture de solde) of a
quote at 20 % and 10 % VAT: amounts to the cent, VAT per rate, what is left to pay, the
Factur-X XML (type code, amounts, XSD, EN 16931 schematron, the project's own rules), the
refusals; then the report's actions and the deposit dialog.

``db`` is a real SQLite file and a real PostgreSQL database (tests/db_fixtures.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database, open_database
from app.db.models import Document
from app.domain.invoice_roles import DEPOSIT, FINAL
from app.domain.kinds import DocumentKind, DocumentStatus
from app.errors import DraftDocumentError, ValidationError, WrongKindError
from app.pdf.ctc_rules import check_document
from app.services.clients import ClientData, save_client
from app.services.deposits import (
    create_deposit,
    create_final,
    deposits_of,
    final_of,
    invoice_chain,
)
from app.services.document_actions import create_credit_note, delete_draft
from app.services.document_data import DocumentData, LineInput, totals_of
from app.services.documents import (
    DocumentInput,
    get_document,
    save_draft,
    validate_document,
)
from app.services.payments import payment_state
from app.services.printing import print_document
from app.services.settings import update_company
from tests.unit.test_facturx_wiring import (
    COMPANY,
    HEADER,
    TOTALS,
    archived_xml,
    check_amounts,
    check_valid,
    text,
    texts,
)
from ui.dialogs.deposit import DepositDialog
from ui.dialogs.document_editor import DocumentEditorDialog
from ui.dialogs.document_info import DocumentInfoDialog
from ui.views.document_actions import DocumentActions

D = Decimal
DAY = date(2026, 12, 4)
# 10 × 85.00 = 850.00 at 20 % (VAT 170.00); 3 × 111.11 = 333.33 at 10 % (VAT 33.333 →
# 33.33): 1 183.33 excl. VAT, 203.33 VAT, 1 386.66 incl. VAT.
LINES = (
    LineInput("Pose de carrelage", D("10"), D("85.00"), D("20"), "m²"),
    LineInput("Fournitures", D("3"), D("111.11"), D("10"), "u"),
)


@pytest.fixture
def quote(db: Database) -> DocumentData:
    update_company(db, **COMPANY)
    client_id = save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            street="40 quai de la Charente",
            postal_code="69100",
            city="Villeurbanne",
            siren="552100554",
            siret="55210055400021",
            vat_number="FR96552100554",
        ),
    )
    draft = save_draft(db, DocumentInput(DocumentKind.QUOTE, client_id, DAY, LINES))
    return validate_document(db, draft)


def by_rate(doc: DocumentData) -> dict[Decimal, tuple[Decimal, Decimal]]:
    return totals_of(doc.lines, False).by_rate


def summary(line: LineInput) -> tuple[str, Decimal, Decimal, Decimal]:
    return line.description, line.quantity, line.unit_price, line.vat_rate


def role(db: Database, document_id: int) -> tuple[str, int | None]:
    with db.read() as session:
        row = session.get(Document, document_id)
        assert row is not None
        return row.invoice_role, row.source_id


def rules(db: Database, document_id: int) -> list[object]:
    with db.read() as session:
        row = session.get(Document, document_id)
        assert row is not None
        return list(check_document(print_document(session, row)))


def test_thirty_percent_deposit_then_the_final_invoice(db: Database, quote: DocumentData) -> None:
    assert (quote.total_excl, quote.total_vat, quote.total_incl) == (
        D("1183.33"),
        D("203.33"),
        D("1386.66"),
    )
    draft_id = create_deposit(db, quote.id, percent=D("30"), issue_date=DAY)
    assert role(db, draft_id) == (DEPOSIT, quote.id)
    draft = get_document(db, draft_id)
    assert draft.kind == DocumentKind.INVOICE and draft.is_draft
    # 30 % of 850.00 = 255.00 at 20 %; of 333.33 = 99.999 → 100.00 at 10 %: 355.00 in all,
    # exactly 30 % of 1 183.33 (354.999 → 355.00).
    assert [summary(line) for line in draft.lines] == [
        ("Acompte de 30\u00a0% sur le devis D-2026-0001 (TVA 20\u00a0%)", D(1), D("255.00"), D(20)),
        ("Acompte de 30\u00a0% sur le devis D-2026-0001 (TVA 10\u00a0%)", D(1), D("100.00"), D(10)),
    ]  # fmt: skip
    deposit = validate_document(db, draft_id)
    assert deposit.number == "F-2026-0001"  # the invoice sequence
    assert (deposit.total_excl, deposit.total_vat, deposit.total_incl) == (
        D("355.00"),
        D("61.00"),
        D("416.00"),
    )
    assert by_rate(deposit) == {D(20): (D("255.00"), D("51.00")), D(10): (D("100.00"), D("10.00"))}
    root = archived_xml(db, deposit.id)
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "386"  # prepayment invoice
    check_valid(root, "en16931")
    check_amounts(root, deposit)
    assert rules(db, deposit.id) == []

    final_id = create_final(db, quote.id, issue_date=DAY)
    assert role(db, final_id) == (FINAL, quote.id)
    final = validate_document(db, final_id)
    assert final.number == "F-2026-0002"
    assert final.lines[:2] == LINES
    assert [summary(line) for line in final.lines[2:]] == [
        ("Acompte F-2026-0001 du 04/12/2026 déduit", D(-1), D("255.00"), D(20)),
        ("Acompte F-2026-0001 du 04/12/2026 déduit", D(-1), D("100.00"), D(10)),
    ]  # fmt: skip
    # The quote less the deposit, to the cent, rate by rate.
    assert by_rate(final) == {
        D(20): (D("595.00"), D("119.00")),  # 170.00 − 51.00
        D(10): (D("233.33"), D("23.33")),  # 33.33 − 10.00
    }
    assert (final.total_excl, final.total_vat, final.total_incl) == (
        D("828.33"),
        D("142.33"),
        D("970.66"),
    )
    assert final.total_incl == quote.total_incl - deposit.total_incl
    assert payment_state(db, final.id).left == D("970.66")  # "reste à payer"
    root = archived_xml(db, final.id)
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "380"
    check_valid(root, "en16931")
    check_amounts(root, final)
    assert text(root, f"{TOTALS}/ram:DuePayableAmount") == "970.66"
    quantities = texts(
        root,
        "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem"
        "/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
    )
    assert quantities == ["10", "3", "-1", "-1"]
    assert texts(root, f"{HEADER}/ram:ApplicableTradeTax/ram:CalculatedAmount") == [
        "119.00",
        "23.33",
    ]
    assert rules(db, final.id) == []

    assert [d.id for d in deposits_of(db, quote.id)] == [deposit.id]
    final_row = final_of(db, quote.id)
    assert final_row is not None and final_row.number == "F-2026-0002"
    for member in (quote.id, deposit.id, final.id):
        chain = invoice_chain(db, member)
        assert chain is not None and chain.source_number == "D-2026-0001"
        assert [d.number for d in chain.deposits] == ["F-2026-0001"]
        assert chain.final is not None and chain.final.id == final.id


def test_fixed_amount_deposit_is_split_like_the_quote_incl_vat(
    db: Database, quote: DocumentData
) -> None:
    first = validate_document(db, create_deposit(db, quote.id, percent=D("30"), issue_date=DAY))
    # 500.00 incl. VAT: 1 020.00 / 1 386.66 of it at 20 % (367.79), the rest at 10 %
    # (132.21); 306.49 + 61.30 and 120.19 + 12.02.
    second = validate_document(db, create_deposit(db, quote.id, amount=D("500.00"), issue_date=DAY))
    assert second.total_incl == D("500.00")
    assert by_rate(second) == {
        D(20): (D("306.49"), D("61.30")),
        D(10): (D("120.19"), D("12.02")),
    }
    assert second.lines[0].description == "Acompte sur le devis D-2026-0001 (TVA 20\u00a0%)"
    root = archived_xml(db, second.id)
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "386"
    check_valid(root, "en16931")
    check_amounts(root, second)

    final = validate_document(db, create_final(db, quote.id, issue_date=DAY))
    assert len(final.lines) == 2 + 2 + 2
    assert final.total_incl == quote.total_incl - first.total_incl - second.total_incl
    assert final.total_incl == D("470.66")
    assert by_rate(final) == {
        D(20): (D("288.51"), D("57.70")),  # 170.00 − 51.00 − 61.30
        D(10): (D("113.14"), D("11.31")),  # 33.33 − 10.00 − 12.02
    }
    check_valid(archived_xml(db, final.id), "en16931")
    assert rules(db, final.id) == []


def test_refusals(db: Database, quote: DocumentData) -> None:
    for percent in (D(0), D(100), D(150), D(-5)):
        with pytest.raises(ValidationError) as caught:
            create_deposit(db, quote.id, percent=percent)
        assert caught.value.data["reason"] == "deposit_percent"
    with pytest.raises(ValidationError) as caught:
        create_deposit(db, quote.id, amount=D("1386.67"))  # more than the quote
    assert caught.value.data["reason"] == "deposit_amount"
    first = create_deposit(db, quote.id, percent=D("60"))
    with pytest.raises(ValidationError) as caught:  # 60 % + 50 %: more than what is left
        create_deposit(db, quote.id, percent=D("50"))
    assert caught.value.data["reason"] == "deposit_amount"
    with pytest.raises(ValidationError) as caught:
        create_deposit(db, quote.id, amount=D("600"))  # 1 386.66 − 832.00 = 554.66 left
    assert caught.value.data["left"] == D("554.66")
    with pytest.raises(ValidationError) as caught:  # the deposit is still a draft
        create_final(db, quote.id)
    assert caught.value.data["reason"] == "deposit_draft"
    delete_draft(db, first)
    create_final(db, quote.id)
    again: list[Callable[[], int]] = [
        lambda: create_final(db, quote.id),
        lambda: create_deposit(db, quote.id, percent=D(10)),
    ]
    for make in again:
        with pytest.raises(ValidationError) as caught:
            make()
        assert caught.value.data["reason"] == "final_exists"


def test_only_a_validated_quote_or_order(db: Database, quote: DocumentData) -> None:
    draft = save_draft(db, DocumentInput(DocumentKind.QUOTE, quote.client_id, DAY, LINES))
    with pytest.raises(DraftDocumentError):
        create_deposit(db, draft, percent=D(30))
    invoice = save_draft(db, DocumentInput(DocumentKind.INVOICE, quote.client_id, DAY, LINES))
    with pytest.raises(WrongKindError):
        create_final(db, validate_document(db, invoice).id)


def test_the_final_invoice_draft_can_be_saved_again(db: Database, quote: DocumentData) -> None:
    validate_document(db, create_deposit(db, quote.id, percent=D(30)))
    final_id = create_final(db, quote.id)
    final = get_document(db, final_id)
    data = DocumentInput(DocumentKind.INVOICE, final.client_id, DAY, final.lines)
    assert save_draft(db, data, final_id) == final_id  # negative quantities kept
    assert get_document(db, final_id).total_incl == D("970.66")
    with pytest.raises(ValidationError):  # a plain invoice takes none
        save_draft(db, data)


def test_a_final_invoice_is_cancelled_by_a_credit_note_with_its_deductions(
    db: Database, quote: DocumentData
) -> None:
    validate_document(db, create_deposit(db, quote.id, percent=D(30), issue_date=DAY))
    final = validate_document(db, create_final(db, quote.id, issue_date=DAY))
    credit_id = create_credit_note(db, final.id, issue_date=DAY)
    draft = get_document(db, credit_id)
    data = DocumentInput(DocumentKind.CREDIT_NOTE, draft.client_id, DAY, draft.lines)
    assert save_draft(db, data, credit_id) == credit_id  # its deductions are kept
    credit = validate_document(db, credit_id)
    assert credit.total_incl == final.total_incl == D("970.66")
    root = archived_xml(db, credit.id)
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "381"
    check_valid(root, "en16931")
    check_amounts(root, credit)


# --- the report's actions and the dialog ------------------------------------------------


@pytest.fixture
def qt_db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    yield database
    database.dispose()


def test_deposit_and_final_actions_open_the_editor_on_their_drafts(
    qtbot: QtBot, qt_db: Database
) -> None:
    db = qt_db
    update_company(db, **COMPANY)
    client_id = save_client(db, ClientData(name="Boulangerie Éclair", city="Lyon"))
    quote = validate_document(
        db, save_draft(db, DocumentInput(DocumentKind.QUOTE, client_id, DAY, LINES))
    )

    class Row:  # what the actions read of the report's current row
        id = quote.id
        kind = DocumentKind.QUOTE
        status = DocumentStatus.VALIDATED
        number = quote.number
        paid_on = None
        cancelled = False
        disputed = False
        client_id = quote.client_id
        client_name = "Boulangerie Éclair"

    parent = QWidget()
    qtbot.addWidget(parent)
    actions = DocumentActions(db, lambda: Row(), lambda: DocumentKind.QUOTE, parent)  # type: ignore[arg-type, return-value]
    actions.update()
    names = [a.objectName() for a in actions.convert_menu.actions()]
    assert {"depositInvoiceAction", "finalInvoiceAction"} <= set(names)
    assert actions.deposit_action.isEnabled() and actions.final_action.isEnabled()

    opened: list[int] = []

    def answer_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DepositDialog):
            QTimer.singleShot(20, answer_dialog)
            return
        assert dialog.objectName() == "depositDialog"
        dialog.value_edit.setText("150")
        assert not ok_button(dialog).isEnabled() and not dialog.problem.isHidden()
        dialog.amount_radio.setChecked(True)
        dialog.value_edit.setText("500,00")
        assert ok_button(dialog).isEnabled() and dialog.problem.isHidden()
        dialog.accept()
        QTimer.singleShot(0, close_editor)

    def close_editor() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, DocumentEditorDialog):
            QTimer.singleShot(20, close_editor)
            return
        opened.append(len(editor.lines.rows()))
        editor.reject()

    QTimer.singleShot(0, answer_dialog)
    deposit_id = actions.deposit()
    assert deposit_id is not None and opened == [2]
    deposit = get_document(db, deposit_id)
    assert deposit.total_incl == D("500.00") and deposit.invoice_role == DEPOSIT
    validate_document(db, deposit_id)

    QTimer.singleShot(0, close_editor)
    final_id = actions.final_invoice()
    assert final_id is not None and opened == [2, 4]
    final = get_document(db, final_id)
    assert final.invoice_role == FINAL and final.total_incl == D("886.66")

    info = DocumentInfoDialog(db, quote.id)
    qtbot.addWidget(info)
    assert info.chain is not None
    lines = info.chain_lines(info.chain)
    assert lines[0] == "Quote D-2026-0001"
    assert lines[1].startswith("Deposit F-2026-0001 · 500,00")
    assert lines[2].startswith("Final invoice (draft) · 886,66")

    # The editor accepts the deductions (negative quantities) of a final invoice.
    editor = DocumentEditorDialog(db, DocumentKind.INVOICE, final_id)
    qtbot.addWidget(editor)
    assert editor.lines.problems() == []
    editor.reject()


def ok_button(dialog: DepositDialog) -> QPushButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def test_deposit_dialog_choice(qtbot: QtBot) -> None:
    dialog = DepositDialog("D-2026-0001")
    qtbot.addWidget(dialog)
    assert dialog.choice() == (D(30), None)
    dialog.value_edit.setText("abc")
    assert not dialog.problem.isHidden() and not ok_button(dialog).isEnabled()
    dialog.amount_radio.setChecked(True)
    dialog.value_edit.setText("1 200,50")
    assert dialog.problem.isHidden() and ok_button(dialog).isEnabled()
    assert dialog.choice() == (None, D("1200.50"))
