"""Factur-X in the GUI: the company setting (a checkbox of the Legal mentions page) and the
Information dialog saying which profile a document's archived PDF carries, and why BASIC
WL rather than EN 16931, in English and in French (the translations left in
resources/translations/pending/facturx.json, compiled here into a temporary catalogue)."""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from app.domain.kinds import DocumentKind
from app.pdf.ctc_rules import NonCompliantDocumentError
from app.services.clients import ClientData, save_client
from app.services.database import Database
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft, validate_document
from app.services.settings import get_company, update_company
from tests.ui.test_settings_dialog import LEGAL, click, isolated, open_dialog
from ui.dialogs.document_info import DocumentInfoDialog
from ui.i18n import install_translators

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import i18n  # noqa: E402

PENDING = ROOT / "resources" / "translations" / "pending"
OUR_CONTEXTS = ("DocumentInfoDialog", "LegalPage")
__all__ = ["isolated"]  # the settings dialog tests' autouse fixture: no real keyring/config


@pytest.fixture(scope="module")
def french_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French catalogue as `packaging/i18n.py merge` will make it (pending/*.json)."""
    folder = tmp_path_factory.mktemp("i18n")
    ts = folder / "facturier_fr.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)
    mapping: dict[str, str | list[str]] = {}
    for path in sorted(PENDING.glob("*.json")):
        mapping.update(json.loads(path.read_text(encoding="utf-8")))
    i18n.translate(mapping, ts)
    i18n.release(ts, folder / "facturier_fr.qm")
    return ts


@pytest.fixture
def french(qapp: QApplication, french_catalogue: Path) -> Iterator[None]:
    install_translators(qapp, "fr")  # the French locale and Qt's own strings
    ours = QTranslator(qapp)
    assert ours.load(str(french_catalogue.with_suffix(".qm")))
    qapp.installTranslator(ours)  # installed last: looked up first
    try:
        yield
    finally:
        qapp.removeTranslator(ours)
        install_translators(qapp, "en")


def company(db: Database, **changes: object) -> int:
    values: dict[str, object] = {
        "name": "Atelier Dupont",
        "siren": "732829320",
        "vat_number": "FR44732829320",
        "city": "Lyon",
    }
    values.update(changes)
    update_company(db, **values)
    return save_client(db, ClientData(name="Boulangerie Éclair", city="Villeurbanne"))


def validated(db: Database, client_id: int, kind: DocumentKind = DocumentKind.INVOICE) -> int:
    lines = (
        LineInput("Pose de carrelage", Decimal("12.5"), Decimal("48.90"), Decimal("10"), "m²"),
        LineInput("Déplacement", Decimal("1"), Decimal("35"), Decimal("20"), "forfait"),
    )
    draft = save_draft(db, DocumentInput(kind, client_id, date(2026, 11, 20), lines))
    return validate_document(db, draft).id


def facturx_row(qtbot: QtBot, db: Database, document_id: int) -> tuple[str, str] | None:
    """(label, text) of the dialog's Factur-X row; None when it has none."""
    dialog = DocumentInfoDialog(db, document_id)
    qtbot.addWidget(dialog)
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None:
                continue
            label_widget, field_widget = label.widget(), field.widget()
            assert isinstance(label_widget, QLabel) and isinstance(field_widget, QLabel)
            if label_widget.text().startswith("Factur-X"):
                return label_widget.text(), field_widget.text()
    return None


def test_information_says_en16931(qtbot: QtBot, db: Database) -> None:
    document = validated(db, company(db))
    assert facturx_row(qtbot, db, document) == (
        "Factur-X:",
        "Yes, profile EN 16931 (the complete structured invoice).",
    )


def test_information_says_why_basic_wl(qtbot: QtBot, db: Database) -> None:
    document = validated(db, company(db, vat_number=""))
    assert facturx_row(qtbot, db, document) == (
        "Factur-X:",
        "Yes, profile BASIC WL rather than EN 16931: the structured invoice has the totals "
        "and VAT but not the lines, because your company has no VAT number.",
    )


def test_information_says_why_basic_wl_in_french(qtbot: QtBot, db: Database, french: None) -> None:
    document = validated(db, company(db, vat_number=""))
    assert facturx_row(qtbot, db, document) == (
        "Factur-X\u00a0:",
        "Oui, profil BASIC WL plutôt que EN 16931\u00a0: la facture structurée a les totaux "
        "et la TVA mais pas les lignes, car votre entreprise n'a pas de numéro de TVA.",
    )


def test_information_says_a_plain_pdf_and_why(qtbot: QtBot, db: Database, french: None) -> None:
    client = company(db, facturx_enabled=False)
    assert facturx_row(qtbot, db, validated(db, client)) == (
        "Factur-X\u00a0:",
        "Non\u00a0: Factur-X était désactivé dans les paramètres quand le PDF a été fait.",
    )
    # Data that cannot make a valid Factur-X is no longer archived as a plain PDF: the
    # validation is refused and names what to fix.
    update_company(db, facturx_enabled=True, siren="", vat_number="")
    faraway = save_client(db, ClientData(name="Client lointain", country="Atlantide"))
    with pytest.raises(NonCompliantDocumentError) as refused:
        validated(db, faraway)
    codes = {problem.code for problem in refused.value.data["problems"]}
    assert {"seller_identifier", "buyer_country"} <= codes


def test_no_factur_x_row_for_other_kinds_and_drafts(qtbot: QtBot, db: Database) -> None:
    client = company(db)
    assert facturx_row(qtbot, db, validated(db, client, DocumentKind.QUOTE)) is None
    lines = (LineInput("Pose", Decimal("1"), Decimal("10"), Decimal("20")),)
    draft = save_draft(db, DocumentInput(DocumentKind.INVOICE, client, date(2026, 11, 20), lines))
    assert facturx_row(qtbot, db, draft) is None


def test_the_setting_is_a_checkbox_on_by_default(qtbot: QtBot, db: Database) -> None:
    update_company(db, name="Atelier Dupont")  # required to save
    dialog = open_dialog(qtbot, db, LEGAL)
    box = dialog.legal_page.facturx
    assert box.objectName() == "facturxCheck" and box.isChecked() and box.isVisible()
    assert "Factur-X" in box.text() and "EN 16931" in box.text()
    click(qtbot, box)
    assert not box.isChecked() and dialog.isWindowModified()
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_company(db).facturx_enabled is False
    again = open_dialog(qtbot, db, LEGAL)
    assert not again.legal_page.facturx.isChecked()


def test_every_new_string_has_its_french_translation(french_catalogue: Path) -> None:
    missing = []
    for context in ET.parse(french_catalogue).getroot().iter("context"):
        if context.findtext("name") not in OUR_CONTEXTS:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") or not (translation.text or ""):
                missing.append(message.findtext("source"))
    assert missing == []
    ours = json.loads((PENDING / "facturx.json").read_text(encoding="utf-8"))
    assert all(value.strip() for value in ours.values())
