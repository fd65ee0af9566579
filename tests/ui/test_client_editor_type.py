"""The client editor's type (business or private person), its identifiers checked as they
are typed, the electronic address that follows the SIREN, the default category and delivery
address (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.reform import ClientType, DeliveryAddress, OperationCategory
from app.services.clients import ClientData, get_client, save_client
from app.services.database import Database
from ui.dialogs.client_editor import ClientEditorDialog
from ui.i18n import install_translators

SIREN = "732829320"
LEFT = Qt.MouseButton.LeftButton


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """QTest types ASCII only: other text is inserted as an input method would."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def open_editor(qtbot: QtBot, db: Database, client_id: int | None = None) -> ClientEditorDialog:
    dialog = ClientEditorDialog(db, client_id)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _discard(dialog: QWidget) -> None:
    dialog.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[attr-defined]


def test_identifiers_are_checked_as_typed_next_to_their_field(
    qtbot: QtBot, db: Database, qapp: QApplication
) -> None:
    install_translators(qapp, "fr")
    dialog = open_editor(qtbot, db)
    assert dialog.findChild(QWidget, "clientTypeBusiness").isChecked()  # type: ignore[union-attr]
    siren = dialog.edits["siren"]
    message = dialog.messages["siren"]
    assert message.objectName() == "sirenMessage" and message.isHidden()
    qtbot.keyClicks(siren, "732 829")
    assert message.isVisible() and message.text() == "Un numéro SIREN compte 9 chiffres."
    qtbot.keyClicks(siren, " 321")
    assert "clé" in message.text()  # the check digit (python-stdnum's Luhn)
    siren.backspace()
    qtbot.keyClicks(siren, "0")
    assert message.isHidden()
    # The e-address followed the SIREN as it was typed (scheme 0225 shown beside it).
    assert dialog.edits["e_address"].objectName() == "eAddressEdit"
    assert dialog.edits["e_address"].text() == SIREN
    assert "0225" in dialog.e_address_scheme.text()
    # La Poste's establishments follow their own rule (digits adding up to a multiple of 5).
    siren.clear()
    qtbot.keyClicks(dialog.edits["siret"], "356 000 000 00001")
    assert dialog.messages["siret"].isHidden()
    assert dialog.edits["e_address"].text() == "356000000"  # the SIRET's SIREN
    qtbot.keyClicks(dialog.edits["siret"], "2")
    assert dialog.messages["siret"].isVisible()
    dialog.edits["siret"].clear()
    qtbot.keyClicks(dialog.edits["vat_number"], "DE136695977")
    assert dialog.messages["vat_number"].isVisible()


def test_a_typed_e_address_stops_following_the_siren(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    type_into(qtbot, dialog.edits["name"], "Boulangerie Éclair")
    qtbot.keyClicks(dialog.edits["siren"], SIREN)
    address = dialog.edits["e_address"]
    address.selectAll()
    qtbot.keyClicks(address, f"{SIREN}_FACTURES")
    dialog.edits["siren"].clear()
    qtbot.keyClicks(dialog.edits["siren"], SIREN)
    assert address.text() == f"{SIREN}_FACTURES"
    qtbot.keyClicks(address, " x")
    assert dialog.messages["e_address"].isVisible()  # no spaces in an e-address
    address.setText(f"{SIREN}_FACTURES")
    assert dialog.save()
    assert get_client(db, dialog.client_id or 0).e_address == f"{SIREN}_FACTURES"


def test_a_private_person_has_no_business_fields(qtbot: QtBot, db: Database) -> None:
    client_id = save_client(db, ClientData("Dupont SARL", siren=SIREN))
    dialog = open_editor(qtbot, db, client_id)
    business_only = ("siren", "siret", "vat_number", "e_address")
    assert all(dialog.edits[name].isVisible() for name in business_only)
    qtbot.mouseClick(dialog.private_radio, LEFT)
    assert dialog.private_radio.isChecked()
    assert not any(dialog.edits[name].isVisible() for name in business_only)
    assert dialog.is_dirty()
    qtbot.mouseClick(dialog.business_radio, LEFT)
    assert dialog.edits["siren"].isVisible() and dialog.edits["siren"].text() == SIREN
    assert not dialog.is_dirty()  # back as it was: nothing lost on the way
    qtbot.mouseClick(dialog.private_radio, LEFT)
    assert dialog.save()
    saved = get_client(db, client_id)
    assert saved.client_type == ClientType.PRIVATE and saved.siren == "" and saved.e_address == ""


def test_category_and_delivery_address_are_saved(qtbot: QtBot, db: Database) -> None:
    dialog = open_editor(qtbot, db)
    qtbot.keyClicks(dialog.edits["name"], "Mme Roux")
    qtbot.mouseClick(dialog.private_radio, LEFT)
    combo = dialog.category
    assert combo.objectName() == "operationCategoryCombo" and combo.currentData() == ""
    combo.setCurrentIndex(combo.findData("services"))
    type_into(qtbot, dialog.edits["delivery_street"], "Chantier, 4 allée des Pins")
    qtbot.keyClicks(dialog.edits["delivery_postal_code"], "44400")
    type_into(qtbot, dialog.edits["delivery_city"], "Rezé")
    assert dialog.save()
    saved = get_client(db, dialog.client_id or 0)
    assert saved.operation_category == OperationCategory.SERVICES
    assert saved.delivery == DeliveryAddress("Chantier, 4 allée des Pins", "44400", "Rezé", "")
    again = open_editor(qtbot, db, saved.id)
    assert again.private_radio.isChecked() and not again.is_dirty()
    assert again.edits["delivery_city"].text() == "Rezé"


def test_company_settings_e_address_category_and_vat_on_debits(qtbot: QtBot, db: Database) -> None:
    from app.services.settings import get_company, update_company
    from ui.dialogs.settings_dialog import SettingsDialog

    update_company(db, name="Atelier Dupont")
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog, before_close_func=_discard)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.legal_page
    address = page.edits["e_address"]
    assert address.objectName() == "eAddressEdit" and address.text() == ""
    qtbot.keyClicks(page.edits["siren"], "732 829 320")
    assert address.text() == SIREN  # follows the SIREN typed
    combo = page.findChild(QWidget, "operationCategoryCombo")
    assert combo is page.category and page.category.currentData() == ""  # not chosen yet
    page.category.setCurrentIndex(page.category.findData("services"))
    check = page.findChild(QWidget, "vatOnDebitsCheck")
    assert check is page.vat_on_debits and not page.vat_on_debits.isChecked()
    page.vat_on_debits.setChecked(True)
    assert dialog.save()
    company = get_company(db)
    assert company.e_address == SIREN and company.vat_on_debits
    assert company.operation_category == OperationCategory.SERVICES
