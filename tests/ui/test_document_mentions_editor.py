"""The document editor's reform mentions (issue 17): the operation category, the delivery
address and the VAT-on-debits option, filled from the client then the company, editable on
the document, and never overwritten once the user chose."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db.models import Document
from app.domain.kinds import DocumentKind
from app.domain.reform import DeliveryAddress, OperationCategory
from app.services.clients import ClientData, save_client
from app.services.database import Database
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, get_document, save_draft, validate_document
from app.services.settings import update_company
from ui.dialogs.document_editor import DocumentEditorDialog

LINE = LineInput("Pose", Decimal("2"), Decimal("48.00"), Decimal("20"))
SITE = DeliveryAddress("Chantier, 4 allée des Pins", "44400", "Rezé", "France")


def open_editor(
    qtbot: QtBot, db: Database, kind: DocumentKind, document_id: int | None = None
) -> DocumentEditorDialog:
    dialog = DocumentEditorDialog(db, kind, document_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]


def _clients(db: Database) -> tuple[int, int]:
    update_company(
        db, name="Atelier Dupont", operation_category=OperationCategory.GOODS, vat_on_debits=True
    )
    plain = save_client(db, ClientData("Boulangerie Éclair", siren="732829320"))
    site = save_client(
        db,
        ClientData(
            "Garage Martin",
            operation_category=OperationCategory.SERVICES,
            delivery_street=SITE.street,
            delivery_postal_code=SITE.postal_code,
            delivery_city=SITE.city,
            delivery_country=SITE.country,
        ),
    )
    return plain, site


def test_a_new_invoice_takes_the_client_then_the_company_defaults(
    qtbot: QtBot, db: Database
) -> None:
    plain, site = _clients(db)
    dialog = open_editor(qtbot, db, DocumentKind.INVOICE)
    mentions = dialog.mentions
    category = dialog.findChild(QWidget, "operationCategoryCombo")
    assert category is mentions.category
    assert mentions.vat_on_debits.objectName() == "vatOnDebitsCheck"
    assert mentions.vat_on_debits.isChecked()  # the company's option
    dialog.picker.set_client(site, "Garage Martin")
    assert mentions.operation_category() == OperationCategory.SERVICES  # the client's
    assert mentions.differs.isChecked() and mentions.address.isVisible()
    assert mentions.edits["delivery_city"].text() == "Rezé"
    dialog.picker.set_client(plain, "Boulangerie Éclair")
    assert mentions.operation_category() == OperationCategory.GOODS  # the company's
    assert not mentions.differs.isChecked() and not mentions.address.isVisible()

    # The user's choice stays whatever client is chosen next.
    mentions.category.setCurrentIndex(mentions.category.findData("mixed"))
    qtbot.mouseClick(mentions.vat_on_debits, Qt.MouseButton.LeftButton)
    dialog.picker.set_client(site, "Garage Martin")
    assert mentions.operation_category() == OperationCategory.MIXED
    assert not mentions.vat_on_debits.isChecked()
    assert mentions.edits["delivery_street"].text() == SITE.street  # not touched: followed

    dialog.lines_box.model.set_lines((LINE,))
    assert dialog.save()
    saved = get_document(db, dialog.document_id or 0)
    assert saved.operation_category == OperationCategory.MIXED
    assert saved.vat_on_debits is False
    assert saved.delivery == SITE


def test_a_ticked_delivery_box_needs_an_address(qtbot: QtBot, db: Database) -> None:
    plain, _site = _clients(db)
    dialog = open_editor(qtbot, db, DocumentKind.DELIVERY)
    dialog.picker.set_client(plain, "Boulangerie Éclair")
    mentions = dialog.mentions
    assert not mentions.vat_on_debits.isVisible()  # printed on invoices only
    dialog.lines_box.model.set_lines((LINE,))
    qtbot.mouseClick(mentions.differs, Qt.MouseButton.LeftButton)
    assert mentions.address.isVisible()
    assert not dialog.save()  # refused, nothing lost, the reason said
    assert "delivery address" in dialog.problem_message()
    qtbot.keyClicks(mentions.edits["delivery_street"], "12 quai de la Fosse")
    qtbot.keyClicks(mentions.edits["delivery_city"], "Nantes")
    assert dialog.save()
    saved = get_document(db, dialog.document_id or 0)
    assert saved.delivery == DeliveryAddress("12 quai de la Fosse", "", "Nantes", "")
    assert saved.vat_on_debits is None  # not an invoice: left to the company


def test_a_draft_opens_with_its_own_mentions_and_keeps_them(qtbot: QtBot, db: Database) -> None:
    plain, site = _clients(db)
    draft = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            site,
            date(2026, 12, 1),
            (LINE,),
            operation_category=OperationCategory.GOODS,
            vat_on_debits=False,
        ),
    )
    dialog = open_editor(qtbot, db, DocumentKind.INVOICE, draft)
    mentions = dialog.mentions
    assert mentions.operation_category() == OperationCategory.GOODS
    assert not mentions.vat_on_debits.isChecked()
    assert not mentions.differs.isChecked()  # the draft's own: the billing address
    assert not dialog.is_dirty()
    dialog.picker.set_client(plain, "Boulangerie Éclair")
    assert mentions.operation_category() == OperationCategory.GOODS


def test_an_old_validated_document_shows_what_it_holds(qtbot: QtBot, db: Database) -> None:
    """Validated before the reform: no category, no option; nothing is made up."""
    _plain, site = _clients(db)
    draft = save_draft(db, DocumentInput(DocumentKind.QUOTE, site, date(2026, 12, 1), (LINE,)))
    validate_document(db, draft)
    with db.write() as session:  # as the upgrade leaves a document validated before 0007
        row = session.get(Document, draft)
        assert row is not None
        row.operation_category, row.vat_on_debits = "", None
    dialog = open_editor(qtbot, db, DocumentKind.QUOTE, draft)
    assert dialog.is_read_only()
    assert dialog.mentions.operation_category() is None
    assert not dialog.mentions.vat_on_debits.isChecked()
    assert not dialog.mentions.category.isEnabled()
