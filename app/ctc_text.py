"""Sentences for the checks before validation (app.pdf.ctc_rules): each names the field
to fix, in the user's language (French or English, app.core_text)."""

from __future__ import annotations

from typing import Any

from app.errors import FacturierError
from app.i18n import N_, _

# code -> sentence (translated in the core catalogue); {values} come from the problem's data.
PROBLEMS: dict[str, str] = {
    "seller_name": N_("Your company's name is missing (Settings › Company)."),
    "buyer_name": N_("The client's name is missing."),
    "seller_country": N_(
        "Your company's country “{country}” is not recognised (Settings › Company)."
    ),
    "buyer_country": N_(
        "The client's country “{country}” is not recognised: correct it in the client's record."
    ),
    "no_lines": N_("The document has no line."),
    "line_name": N_(
        "Line(s) {rows} have no description: an invoice to a business names each item."
    ),
    "seller_identifier": N_("Your company's SIREN is missing (Settings › Company)."),
    "seller_vat_number": N_(
        "Your company's intra-EU VAT number is missing (Settings › Company): required on an "
        "invoice to a business, unless you are VAT-exempt."
    ),
    "invoice_number": N_(
        "The number “{number}” is not allowed (35 characters at most: letters, digits, + - _ /)."
    ),
    "operation_category": N_(
        "Category of the operation not chosen (goods, services or both): choose it on the "
        "document, in the client's record or once in Settings › Company."
    ),
    "seller_siret": N_(
        "Your company's SIRET “{siret}” must have 14 digits and begin with its SIREN."
    ),
    "buyer_siret": N_("The client's SIRET “{siret}” must have 14 digits and begin with its SIREN."),
    "seller_siren": N_(
        "Your company's SIREN is missing (Settings › Company): required on every e-invoice."
    ),
    "buyer_siren": N_("The client's SIREN is missing: required on an invoice between businesses."),
    "buyer_e_address": N_(
        "The client's electronic invoicing address is missing (its SIREN by default)."
    ),
    "seller_e_address": N_(
        "Your company's electronic invoicing address is missing (Settings › Company; its "
        "SIREN by default)."
    ),
    "vat_rate": N_("The VAT rate {rate} % is not a French rate: correct the line."),
    "buyer_e_address_siren": N_(
        "The client's electronic address “{address}” must begin with its SIREN {siren}."
    ),
    "seller_e_address_format": N_(
        "Your company's electronic address “{address}”: letters, digits, + - _ . only, 125 at most."
    ),
    "buyer_e_address_format": N_(
        "The client's electronic address “{address}”: letters, digits, + - _ . only, 125 at most."
    ),
    "credit_note_reference": N_(
        "A credit note to a business names the invoice it cancels: create it from that invoice."
    ),
    "due_date": N_("The due date {due_date} is before the issue date."),
    "xsd": N_("The structured data (Factur-X) is not valid: {detail}"),
}


def problem_sentence(code: str, data: dict[str, Any]) -> str:
    sentence = PROBLEMS.get(code, N_("Rule not met ({code})."))
    values = {"code": code, **{k: _text(v) for k, v in data.items()}}
    return _(sentence).format(**values)


def describe_non_compliant(error: FacturierError) -> str:
    """The refusal: which document, then one line per problem."""
    number = error.data.get("number") or ""
    head = _("{number} cannot be validated:").format(number=number or _("The document"))
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
