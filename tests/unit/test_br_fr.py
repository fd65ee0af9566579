"""The checks before validation (app.pdf.ctc_rules): one test per rule, named after it;
each bad case gives the rule and a French sentence naming the field to fix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.core_text import set_language
from app.ctc_text import describe_non_compliant
from app.pdf.ctc_rules import NonCompliantDocumentError, check_document
from app.pdf.model import PrintDocument
from tests.unit.test_facturx import BUYER, SELLER, credit_note, document
from tests.unit.test_facturx import line as make_line

GOOD = {"company": SELLER, "operation_category": "services"}


def rules(doc: PrintDocument) -> list[str]:
    return [p.rule for p in check_document(doc)]


def french(doc: PrintDocument) -> str:
    set_language("fr")
    try:
        error = NonCompliantDocumentError(
            "x", number=doc.number, problems=tuple(check_document(doc))
        )
        return describe_non_compliant(error)
    finally:
        set_language(None)


def test_a_complete_business_invoice_passes() -> None:
    assert rules(document(**GOOD)) == []


def test_br_fr_08_operation_category() -> None:
    doc = document(company=SELLER)
    assert rules(doc) == ["BR-FR-08"]
    assert "Catégorie de l’opération non choisie" in french(doc)


def test_br_fr_11_buyer_siren() -> None:
    doc = document(client=replace(BUYER, siren="", siret="", vat_number=""), **GOOD)
    assert "BR-FR-11" in rules(doc)
    assert (
        "SIREN du client manquant\u00a0: obligatoire pour une facture entre entreprises"
        in french(doc)
    )


def test_br_fr_12_buyer_electronic_address() -> None:
    doc = document(client=replace(BUYER, siren="", siret="", vat_number=""), **GOOD)
    assert "BR-FR-12" in rules(doc)
    assert "Adresse électronique de facturation du client manquante" in french(doc)


def test_br_fr_13_seller_electronic_address() -> None:
    company = replace(SELLER, siren="", siret="", e_address="")
    assert {"BR-FR-10", "BR-FR-13"} <= set(rules(document(**{**GOOD, "company": company})))


def test_br_fr_09_siret_siren() -> None:
    doc = document(client=replace(BUYER, siret="55210055500021"), **GOOD)
    assert rules(doc) == ["BR-FR-09"]


def test_br_fr_16_vat_rates() -> None:
    doc = document((make_line("Pose", "1", "100", "3"),), **GOOD)
    assert rules(doc) == ["BR-FR-16"]
    assert "Le taux de TVA 3 % n’est pas un taux français" in french(doc)


def test_br_fr_21_buyer_address_starts_with_siren() -> None:
    doc = document(client=replace(BUYER, e_address="999999999_compta"), **GOOD)
    assert rules(doc) == ["BR-FR-21"]


def test_br_fr_23_electronic_address_format() -> None:
    doc = document(client=replace(BUYER, e_address="552100554 compta@x"), **GOOD)
    assert "BR-FR-23" in rules(doc)


def test_br_fr_co_05_credit_note_reference() -> None:
    assert rules(credit_note(operation_category="services")) == []
    doc = replace(credit_note(operation_category="services"), reference="", reference_date=None)
    assert rules(doc) == ["BR-FR-CO-05"]


def test_br_fr_co_07_due_date() -> None:
    doc = document(due_date=date(2026, 11, 1), **GOOD)
    assert rules(doc) == ["BR-FR-CO-07"]


def test_br_s_02_no_silent_basic_wl_for_a_business() -> None:
    company = replace(SELLER, vat_number="")
    doc = document(**{**GOOD, "company": company})
    assert rules(doc) == ["BR-S-02"]
    assert "N° de TVA intracommunautaire de votre entreprise manquant" in french(doc)


def test_a_private_client_gets_no_br_fr_rules_and_may_stay_basic_wl() -> None:
    private = replace(BUYER, siren="", siret="", vat_number="", business=False)
    company = replace(SELLER, vat_number="")
    doc = document(client=private, company=company)  # no category, no VAT number
    assert rules(doc) == []
    assert Decimal(3) not in {x.vat_rate for x in doc.lines}
