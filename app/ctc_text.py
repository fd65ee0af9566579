"""Sentences for the checks before validation (app.pdf.ctc_rules): each names the field
to fix, in the user's language (French or English, app.core_text)."""

from __future__ import annotations

from typing import Any

from app.core_text import say
from app.errors import FacturierError

# code -> (English, French); {values} come from the problem's data.
PROBLEMS: dict[str, tuple[str, str]] = {
    "seller_name": (
        "Your company's name is missing (Settings › Company).",
        "Nom de votre entreprise manquant (Paramètres › Entreprise).",
    ),
    "buyer_name": ("The client's name is missing.", "Nom du client manquant."),
    "seller_country": (
        "Your company's country “{country}” is not recognised (Settings › Company).",
        "Pays de votre entreprise « {country} » non reconnu (Paramètres › Entreprise).",
    ),
    "buyer_country": (
        "The client's country “{country}” is not recognised: correct it in the client's record.",
        "Pays du client « {country} » non reconnu : corrigez-le dans la fiche du client.",
    ),
    "no_lines": ("The document has no line.", "Le document n'a aucune ligne."),
    "line_name": (
        "Line(s) {rows} have no description: an invoice to a business names each item.",
        "Ligne(s) {rows} sans désignation : une facture entre entreprises nomme chaque article.",
    ),
    "seller_identifier": (
        "Your company's SIREN is missing (Settings › Company).",
        "SIREN de votre entreprise manquant (Paramètres › Entreprise).",
    ),
    "seller_vat_number": (
        "Your company's intra-EU VAT number is missing (Settings › Company): required on an "
        "invoice to a business, unless you are VAT-exempt.",
        "N° de TVA intracommunautaire de votre entreprise manquant (Paramètres › Entreprise) : "
        "obligatoire pour une facture entre entreprises, sauf franchise de TVA.",
    ),
    "invoice_number": (
        "The number “{number}” is not allowed (35 characters at most: letters, digits, + - _ /).",
        "Le numéro « {number} » n'est pas admis (35 caractères au plus : lettres, chiffres, "
        "+ - _ /).",
    ),
    "operation_category": (
        "Category of the operation not chosen (goods, services or both): choose it on the "
        "document, in the client's record or once in Settings › Company.",
        "Catégorie de l'opération non choisie (biens, services ou les deux) : choisissez-la sur "
        "le document, dans la fiche du client ou une fois pour toutes dans Paramètres › "
        "Entreprise.",
    ),
    "seller_siret": (
        "Your company's SIRET “{siret}” must have 14 digits and begin with its SIREN.",
        "SIRET de votre entreprise « {siret} » : 14 chiffres commençant par son SIREN.",
    ),
    "buyer_siret": (
        "The client's SIRET “{siret}” must have 14 digits and begin with its SIREN.",
        "SIRET du client « {siret} » : 14 chiffres commençant par son SIREN.",
    ),
    "seller_siren": (
        "Your company's SIREN is missing (Settings › Company): required on every e-invoice.",
        "SIREN de votre entreprise manquant (Paramètres › Entreprise) : obligatoire sur toute "
        "facture électronique.",
    ),
    "buyer_siren": (
        "The client's SIREN is missing: required on an invoice between businesses.",
        "SIREN du client manquant : obligatoire pour une facture entre entreprises.",
    ),
    "buyer_e_address": (
        "The client's electronic invoicing address is missing (its SIREN by default).",
        "Adresse électronique de facturation du client manquante (son SIREN par défaut).",
    ),
    "seller_e_address": (
        "Your company's electronic invoicing address is missing (Settings › Company; its "
        "SIREN by default).",
        "Adresse électronique de facturation de votre entreprise manquante (Paramètres › "
        "Entreprise ; son SIREN par défaut).",
    ),
    "vat_rate": (
        "The VAT rate {rate} % is not a French rate: correct the line.",
        "Le taux de TVA {rate} % n'est pas un taux français : corrigez la ligne.",
    ),
    "buyer_e_address_siren": (
        "The client's electronic address “{address}” must begin with its SIREN {siren}.",
        "L'adresse électronique du client « {address} » doit commencer par son SIREN {siren}.",
    ),
    "seller_e_address_format": (
        "Your company's electronic address “{address}”: letters, digits, + - _ . only, "
        "125 at most.",
        "Adresse électronique de votre entreprise « {address} » : lettres, chiffres, + - _ . "
        "seulement, 125 au plus.",
    ),
    "buyer_e_address_format": (
        "The client's electronic address “{address}”: letters, digits, + - _ . only, 125 at most.",
        "Adresse électronique du client « {address} » : lettres, chiffres, + - _ . seulement, "
        "125 au plus.",
    ),
    "credit_note_reference": (
        "A credit note to a business names the invoice it cancels: create it from that invoice.",
        "Un avoir entre entreprises indique la facture qu'il annule : créez-le depuis cette "
        "facture.",
    ),
    "due_date": (
        "The due date {due_date} is before the issue date.",
        "L'échéance du {due_date} précède la date de la facture.",
    ),
    "xsd": (
        "The structured data (Factur-X) is not valid: {detail}",
        "Les données structurées (Factur-X) ne sont pas valides : {detail}",
    ),
}


def problem_sentence(code: str, data: dict[str, Any]) -> str:
    english, french = PROBLEMS.get(
        code, ("Rule not met ({code}).", "Règle non respectée ({code}).")
    )
    values = {"code": code, **{k: _text(v) for k, v in data.items()}}
    return say(english, french, **values)


def describe_non_compliant(error: FacturierError) -> str:
    """The refusal: which document, then one line per problem."""
    number = error.data.get("number") or ""
    head = say(
        "{number} cannot be validated:",
        "{number} ne peut pas être validé :",
        number=number or say("The document", "Le document"),
    )
    lines = [
        f"- {problem_sentence(p.code, p.data)} [{p.rule}]" for p in error.data.get("problems", ())
    ]
    return "\n".join([head, *lines])


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(x) for x in value)
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    return str(value).replace(".", ",") if value.__class__.__name__ == "Decimal" else str(value)
