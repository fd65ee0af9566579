"""The Cross Industry Invoice (UN/CEFACT CII D16B) XML that a Factur-X PDF carries.

Built from the same :class:`PrintDocument` the PDF is printed from, so the XML and the
printed page can never disagree: every amount is the document's own, to the cent.

Profiles: ``en16931`` (the full European norm), ``basic`` (its subset without line
descriptions, BIC, contact) and ``basicwl`` (no lines: header, VAT breakdown and totals).
:func:`profile_for` says which one a document can carry and why it cannot carry more
(the profiles' and reasons' codes: :mod:`app.domain.facturx_codes`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.facturx_codes import (
    BASIC,
    BASIC_WL,
    BUYER_COUNTRY_UNKNOWN,
    BUYER_NAME_MISSING,
    EN16931,
    NO_LINES,
    PROFILES,
    SELLER_COUNTRY_UNKNOWN,
    SELLER_ID_MISSING,
    SELLER_NAME_MISSING,
    SELLER_VAT_MISSING,
    UNNAMED_LINE,
)
from app.domain.invoice_roles import DEPOSIT, PREPAYMENT_TYPE_CODE
from app.domain.kinds import kind_spec
from app.domain.money import CENT, HUNDRED, ZERO, round_money
from app.pdf.cii_codes import SEPA_COUNTRIES, country_code, unit_code
from app.pdf.legal import VAT_ON_DEBITS, payment_mentions
from app.pdf.model import PrintAddress, PrintClient, PrintCompany, PrintDocument, PrintLine

_GUIDELINES = {
    EN16931: "urn:cen.eu:en16931:2017",
    BASIC: "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    BASIC_WL: "urn:factur-x.eu:1p0:basicwl",
}

_MICRO = Decimal("0.000001")
NO_FACTURX = ""  # no profile: the document's data cannot make a conformant XML

_NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
for _prefix, _uri in _NS.items():
    ET.register_namespace(_prefix, _uri)

CURRENCY = "EUR"
SIREN_SCHEME = "0002"  # ISO 6523 ICD: SIRENE
SIRET_SCHEME = "0009"  # ISO 6523 ICD: SIRET-CODE
FRANCHISE_REASON = "TVA non applicable, art. 293 B du CGI"
FRANCHISE_CODE = "VATEX-FR-FRANCHISE"
E_ADDRESS_SCHEME = "0225"  # the French directory's SIREN-based electronic addresses
# BT-23, the French "cadre de facturation": an invoice of goods, of services, or both
# (cadre 1, nothing paid before).
BUSINESS_PROCESS = {"goods": "B1", "services": "S1", "mixed": "M1"}
DEBITS_DATE_CODE = "5"  # BT-8 (UNTDID 2475): VAT due at the invoice date (option débits)
SEPA_TRANSFER = "58"
CREDIT_TRANSFER = "30"


@dataclass(frozen=True)
class _Tax:
    category: str  # UNCL 5305: S standard, Z zero rated, E exempt
    rate: Decimal
    base: Decimal
    amount: Decimal


def siren_of(party: PrintCompany | PrintClient) -> str:
    """The 9-digit SIREN (from the SIRET when only that is known), or ``""``."""
    siren = _digits(party.siren)
    if len(siren) == 9:
        return siren
    siret = _digits(party.siret)
    return siret[:9] if len(siret) == 14 else ""


def _digits(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in ".-")


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def _amount(value: Decimal) -> str:
    return str(round_money(value))


def _number(value: Decimal) -> str:
    """A decimal as XML writes it: no exponent, no useless trailing zeros."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


class _Builder:
    def __init__(self, doc: PrintDocument, profile: str) -> None:
        self.doc = doc
        self.profile = profile
        self.full = profile == EN16931
        # A credit note written with negative amounts carries them positive in the XML:
        # type code 381 already says that the amounts are credited.
        self.spec = kind_spec(doc.kind)
        negative_credit = self.spec.credits is not None and doc.total_incl < 0
        self.sign = Decimal(-1) if negative_credit else Decimal(1)

    # --- helpers ----------------------------------------------------------------------

    @staticmethod
    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        prefix, name = tag.split(":")
        element = ET.SubElement(parent, f"{{{_NS[prefix]}}}{name}", attrs)
        if text is not None:
            element.text = text
        return element

    def date_time(self, parent: ET.Element, tag: str, value: date) -> None:
        self.sub(self.sub(parent, tag), "udt:DateTimeString", _date(value), format="102")

    def money(self, parent: ET.Element, tag: str, value: Decimal, currency: bool = False) -> None:
        attrs = {"currencyID": CURRENCY} if currency else {}
        self.sub(parent, tag, _amount(self.sign * value), **attrs)

    # --- document ---------------------------------------------------------------------

    def build(self) -> ET.Element:
        doc = self.doc
        root = ET.Element(f"{{{_NS['rsm']}}}CrossIndustryInvoice")
        context = self.sub(root, "rsm:ExchangedDocumentContext")
        process = BUSINESS_PROCESS.get(doc.operation_category)
        if process:
            parameter = self.sub(context, "ram:BusinessProcessSpecifiedDocumentContextParameter")
            self.sub(parameter, "ram:ID", process)
        guideline = self.sub(context, "ram:GuidelineSpecifiedDocumentContextParameter")
        self.sub(guideline, "ram:ID", _GUIDELINES[self.profile])
        header = self.sub(root, "rsm:ExchangedDocument")
        self.sub(header, "ram:ID", doc.number)
        self.sub(header, "ram:TypeCode", type_code(doc))
        self.date_time(header, "ram:IssueDateTime", doc.issue_date)
        for subject, text in self.notes():
            note = self.sub(header, "ram:IncludedNote")
            self.sub(note, "ram:Content", text)
            if subject:
                self.sub(note, "ram:SubjectCode", subject)
        transaction = self.sub(root, "rsm:SupplyChainTradeTransaction")
        if self.profile != BASIC_WL:
            for number, line in enumerate(doc.lines, start=1):
                self.line(transaction, number, line)
        self.agreement(transaction)
        delivery = self.sub(transaction, "ram:ApplicableHeaderTradeDelivery")
        if doc.delivery is not None:
            self.ship_to(delivery, doc.delivery)
        if doc.delivery_date:
            event = self.sub(delivery, "ram:ActualDeliverySupplyChainEvent")
            self.date_time(event, "ram:OccurrenceDateTime", doc.delivery_date)
        self.settlement(transaction)
        return root

    def notes(self) -> list[tuple[str, str]]:
        """Free notes, the kind of exchange (BAR), and the mentions French law requires,
        with their subject codes: late-payment penalties (PMD), recovery indemnity (PMT),
        discount terms (AAB) between businesses, and the VAT-on-debits option (TXD)."""
        doc = self.doc
        notes: list[tuple[str, str]] = []
        if doc.notes.strip():
            notes.append(("", doc.notes.strip()))
        notes.append(("BAR", exchange_kind(doc)))
        mentions = payment_mentions(doc)
        if doc.client.business:
            # Each note is required once (BR-FR-05); an older free text may hold several.
            notes.append(("PMD", mentions.penalties))
            notes.append(("PMT", mentions.recovery_fee or mentions.penalties))
            notes.append(("AAB", mentions.discount or mentions.penalties))
        if doc.vat_on_debits and not doc.company.vat_exempt:
            notes.append(("TXD", VAT_ON_DEBITS))
        return notes

    # --- lines ------------------------------------------------------------------------

    def line(self, transaction: ET.Element, number: int, line: PrintLine) -> None:
        item = self.sub(transaction, "ram:IncludedSupplyChainTradeLineItem")
        self.sub(self.sub(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(number))
        product = self.sub(item, "ram:SpecifiedTradeProduct")
        name, _, rest = line.description.strip().partition("\n")
        self.sub(product, "ram:Name", name.strip())
        if self.full and rest.strip():
            self.sub(product, "ram:Description", rest.strip())
        # Prices are never negative (BR-27): a negative price moves its sign to the quantity.
        price, quantity = line.unit_price, self.sign * line.quantity
        if price < 0:
            price, quantity = -price, -quantity
        agreement = self.sub(item, "ram:SpecifiedLineTradeAgreement")
        # At most 6 decimals (BR-FR-DEC-03); the line total stays the document's own.
        net_price = (price * (HUNDRED - line.discount_percent) / HUNDRED).quantize(_MICRO)
        if 0 < line.discount_percent <= HUNDRED:  # the gross price, less the discount
            gross = self.sub(agreement, "ram:GrossPriceProductTradePrice")
            self.sub(gross, "ram:ChargeAmount", _number(price))
            discount = self.sub(gross, "ram:AppliedTradeAllowanceCharge")
            indicator = self.sub(discount, "ram:ChargeIndicator")
            self.sub(indicator, "udt:Indicator", "false")
            self.sub(discount, "ram:ActualAmount", _number(price - net_price))
        net = self.sub(agreement, "ram:NetPriceProductTradePrice")
        self.sub(net, "ram:ChargeAmount", _number(net_price))
        delivery = self.sub(item, "ram:SpecifiedLineTradeDelivery")
        code = unit_code(line.unit)
        self.sub(delivery, "ram:BilledQuantity", _number(quantity), unitCode=code)
        settlement = self.sub(item, "ram:SpecifiedLineTradeSettlement")
        tax = self.sub(settlement, "ram:ApplicableTradeTax")
        self.sub(tax, "ram:TypeCode", "VAT")
        category, rate = self.category(line.vat_rate)
        self.sub(tax, "ram:CategoryCode", category)
        self.sub(tax, "ram:RateApplicablePercent", _number(rate))
        summation = self.sub(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        self.money(summation, "ram:LineTotalAmount", line.total_excl)

    def category(self, rate: Decimal) -> tuple[str, Decimal]:
        if self.doc.company.vat_exempt:
            return "E", ZERO
        return ("S", rate) if rate else ("Z", ZERO)

    # --- parties ----------------------------------------------------------------------

    def agreement(self, transaction: ET.Element) -> None:
        doc = self.doc
        agreement = self.sub(transaction, "ram:ApplicableHeaderTradeAgreement")
        if doc.buyer_reference.strip():
            self.sub(agreement, "ram:BuyerReference", doc.buyer_reference.strip())
        self.party(self.sub(agreement, "ram:SellerTradeParty"), doc.company)
        self.party(self.sub(agreement, "ram:BuyerTradeParty"), doc.client)

    def ship_to(self, delivery: ET.Element, address: PrintAddress) -> None:
        """The deliver-to party (BG-13): its name (BT-70) and address (BG-15)."""
        party = self.sub(delivery, "ram:ShipToTradeParty")
        self.sub(party, "ram:Name", address.name.strip() or self.doc.client.name.strip())
        self.address(party, address)

    def address(
        self, element: ET.Element, party: PrintCompany | PrintClient | PrintAddress
    ) -> None:
        code = country_code(party.country)
        if not code:
            return
        address = self.sub(element, "ram:PostalTradeAddress")
        if party.postal_code.strip():
            self.sub(address, "ram:PostcodeCode", party.postal_code.strip())
        if party.street.strip():
            lines = [x.strip() for x in party.street.strip().splitlines() if x.strip()]
            for tag, text in zip(("LineOne", "LineTwo", "LineThree"), lines, strict=False):
                self.sub(address, f"ram:{tag}", text)
        if party.city.strip():
            self.sub(address, "ram:CityName", party.city.strip())
        self.sub(address, "ram:CountryID", code)

    def party(self, element: ET.Element, party: PrintCompany | PrintClient) -> None:
        business = isinstance(party, PrintCompany) or party.business
        if business and len(_digits(party.siret)) == 14:  # the establishment (BT-29, BT-46)
            self.sub(element, "ram:GlobalID", _digits(party.siret), schemeID=SIRET_SCHEME)
        self.sub(element, "ram:Name", party.name.strip())
        siren = siren_of(party) if business else ""
        if siren:
            legal = self.sub(element, "ram:SpecifiedLegalOrganization")
            self.sub(legal, "ram:ID", siren, schemeID=SIREN_SCHEME)
        if isinstance(party, PrintCompany) and self.full and (party.phone or party.email):
            contact = self.sub(element, "ram:DefinedTradeContact")
            if party.phone.strip():
                phone = self.sub(contact, "ram:TelephoneUniversalCommunication")
                self.sub(phone, "ram:CompleteNumber", party.phone.strip())
            if party.email.strip():
                mail = self.sub(contact, "ram:EmailURIUniversalCommunication")
                self.sub(mail, "ram:URIID", party.email.strip())
        self.address(element, party)
        e_address = electronic_address(party)
        if e_address:  # BT-34 (seller), BT-49 (buyer)
            uri = self.sub(element, "ram:URIUniversalCommunication")
            self.sub(uri, "ram:URIID", e_address, schemeID=E_ADDRESS_SCHEME)
        if party.vat_number.strip():
            registration = self.sub(element, "ram:SpecifiedTaxRegistration")
            self.sub(registration, "ram:ID", _compact(party.vat_number), schemeID="VA")

    # --- settlement -------------------------------------------------------------------

    def settlement(self, transaction: ET.Element) -> None:
        doc = self.doc
        settlement = self.sub(transaction, "ram:ApplicableHeaderTradeSettlement")
        means = self.payment_means_code()
        if means in (SEPA_TRANSFER, CREDIT_TRANSFER):
            self.sub(settlement, "ram:PaymentReference", doc.number)
        self.sub(settlement, "ram:InvoiceCurrencyCode", CURRENCY)
        if means:
            self.payment_means(settlement, means)
        for tax in self.taxes():
            self.trade_tax(settlement, tax)
        if doc.payment_terms.strip() or doc.due_date:
            terms = self.sub(settlement, "ram:SpecifiedTradePaymentTerms")
            if doc.payment_terms.strip():
                self.sub(terms, "ram:Description", doc.payment_terms.strip())
            if doc.due_date:
                self.date_time(terms, "ram:DueDateDateTime", doc.due_date)
        totals = self.sub(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
        self.money(totals, "ram:LineTotalAmount", line_total(doc))
        self.money(totals, "ram:TaxBasisTotalAmount", doc.total_excl)
        self.money(totals, "ram:TaxTotalAmount", doc.total_vat, currency=True)
        self.money(totals, "ram:GrandTotalAmount", doc.total_incl)
        self.money(totals, "ram:DuePayableAmount", doc.total_incl)
        if self.spec.credits and doc.reference.strip():
            invoice = self.sub(settlement, "ram:InvoiceReferencedDocument")
            self.sub(invoice, "ram:IssuerAssignedID", doc.reference.strip())
            if doc.reference_date:
                when = self.sub(invoice, "ram:FormattedIssueDateTime")
                self.sub(when, "qdt:DateTimeString", _date(doc.reference_date), format="102")

    def payment_means_code(self) -> str:
        if not self.spec.payable:
            return ""  # a credit note is refunded to the buyer: not the seller's account
        code = self.doc.payment_means_code.strip()
        iban = _compact(self.doc.company.iban)
        if code in (SEPA_TRANSFER, CREDIT_TRANSFER) and not iban:
            return ""  # a transfer needs the account to pay to (BR-61)
        if code:
            return code
        if not iban:
            return ""
        return SEPA_TRANSFER if iban[:2] in SEPA_COUNTRIES else CREDIT_TRANSFER

    def payment_means(self, settlement: ET.Element, code: str) -> None:
        company = self.doc.company
        means = self.sub(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        self.sub(means, "ram:TypeCode", code)
        if code not in (SEPA_TRANSFER, CREDIT_TRANSFER):
            return
        if self.full:
            self.sub(means, "ram:Information", "Virement")
        account = self.sub(means, "ram:PayeePartyCreditorFinancialAccount")
        self.sub(account, "ram:IBANID", _compact(company.iban))
        if self.full and company.bic.strip():
            bank = self.sub(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            self.sub(bank, "ram:BICID", _compact(company.bic))

    def taxes(self) -> list[_Tax]:
        """The VAT breakdown, one entry per category and rate, from the document's figures."""
        by_rate = vat_breakdown(self.doc)
        result = []
        for rate in sorted(by_rate, reverse=True):
            base, amount = by_rate[rate]
            category, applied = self.category(rate)
            result.append(_Tax(category, applied, base, amount))
        return result

    def trade_tax(self, settlement: ET.Element, tax: _Tax) -> None:
        element = self.sub(settlement, "ram:ApplicableTradeTax")
        self.money(element, "ram:CalculatedAmount", tax.amount)
        self.sub(element, "ram:TypeCode", "VAT")
        if tax.category == "E":
            self.sub(element, "ram:ExemptionReason", FRANCHISE_REASON)
        self.money(element, "ram:BasisAmount", tax.base)
        self.sub(element, "ram:CategoryCode", tax.category)
        if tax.category == "E":
            self.sub(element, "ram:ExemptionReasonCode", FRANCHISE_CODE)
        if self.doc.vat_on_debits and tax.category == "S":
            self.sub(element, "ram:DueDateTypeCode", DEBITS_DATE_CODE)
        self.sub(element, "ram:RateApplicablePercent", _number(tax.rate))


def type_code(doc: PrintDocument) -> str:
    """UNTDID 1001: the kind's code, 386 (prepayment invoice) for a deposit invoice.

    A final invoice stays 380 and carries the deposits it deducts as lines of quantity -1
    (prices stay positive, BR-27), not as TotalPrepaidAmount: the deposits' VAT was
    invoiced with them, so its VAT breakdown must be the VAT still due, and lines,
    breakdown and totals then add up as the rules want (BR-CO-10, BR-CO-13 to 17) and
    as the PDF and the sales journal show them. TotalPrepaidAmount would leave the whole
    VAT in the breakdown, declaring the deposits' VAT twice.
    """
    if doc.invoice_role == DEPOSIT:
        return PREPAYMENT_TYPE_CODE
    return kind_spec(doc.kind).cii_type_code or ""


def electronic_address(party: PrintCompany | PrintClient) -> str:
    """The party's address in the e-invoicing directory (scheme 0225): the one it was
    given, else its SIREN; "" for a private person."""
    if isinstance(party, PrintClient) and not party.business:
        return ""
    return party.e_address.strip() or siren_of(party)


def in_france(party: PrintCompany | PrintClient) -> bool:
    return country_code(party.country) == "FR"


def exchange_kind(doc: PrintDocument) -> str:
    """The BAR note (XP Z12-012): "B2B" between two businesses established in France
    (e-invoicing), "B2BINT" with a business abroad, "B2C" to a private person."""
    if not doc.client.business:
        return "B2C"
    return "B2B" if in_france(doc.client) and in_france(doc.company) else "B2BINT"


def vat_breakdown(doc: PrintDocument) -> dict[Decimal, tuple[Decimal, Decimal]]:
    """rate -> (base, VAT): the document's own, or recomputed from its lines if absent."""
    if doc.vat_by_rate:
        return dict(doc.vat_by_rate)
    bases: dict[Decimal, Decimal] = {}
    for line in doc.lines:
        rate = ZERO if doc.company.vat_exempt else line.vat_rate.normalize()
        bases[rate] = bases.get(rate, ZERO) + line.total_excl
    return {rate: (base, round_money(base * rate / HUNDRED)) for rate, base in bases.items()}


def line_total(doc: PrintDocument) -> Decimal:
    """Σ line net amounts; the document's total excl. VAT when it has no lines."""
    if not doc.lines:
        return doc.total_excl
    return sum((line.total_excl for line in doc.lines), ZERO)


def check_invoice(doc: PrintDocument) -> None:
    """Refuse (ValueError) what cannot be a Factur-X invoice, whatever its data: another
    kind of document, a draft, or totals that do not add up (the XML would contradict
    itself)."""
    if kind_spec(doc.kind).cii_type_code is None:
        raise ValueError(f"Factur-X is for invoices and credit notes, not {doc.kind}")
    if doc.draft or not doc.number:
        raise ValueError("a draft has no number: it cannot be a Factur-X invoice")
    breakdown = vat_breakdown(doc)
    problems = []
    if line_total(doc).quantize(CENT) != doc.total_excl.quantize(CENT):
        problems.append(f"lines add up to {line_total(doc)}, total excl. VAT is {doc.total_excl}")
    if sum((b for b, _ in breakdown.values()), ZERO) != doc.total_excl:
        problems.append("the VAT bases do not add up to the total excl. VAT")
    if sum((v for _, v in breakdown.values()), ZERO) != doc.total_vat:
        problems.append("the VAT amounts do not add up to the total VAT")
    if doc.total_excl + doc.total_vat != doc.total_incl:
        problems.append("total excl. VAT + VAT is not the total incl. VAT")
    if problems:
        raise ValueError(f"document {doc.number}: " + "; ".join(problems))


def profile_for(doc: PrintDocument) -> tuple[str, tuple[str, ...]]:
    """The richest profile ``doc`` can carry, and the reasons it cannot carry more.

    :data:`NO_FACTURX` when even BASIC WL would break a rule of its own.
    """
    company, client = doc.company, doc.client
    blockers = []
    if not doc.lines:
        blockers.append(NO_LINES)
    if not company.name.strip():
        blockers.append(SELLER_NAME_MISSING)
    if not client.name.strip():
        blockers.append(BUYER_NAME_MISSING)
    if country_code(company.country) is None:
        blockers.append(SELLER_COUNTRY_UNKNOWN)
    if country_code(client.country) is None:
        blockers.append(BUYER_COUNTRY_UNKNOWN)
    if not company.vat_number.strip() and not siren_of(company):
        blockers.append(SELLER_ID_MISSING)
    downgrades = []
    if not company.vat_number.strip():
        downgrades.append(SELLER_VAT_MISSING)
    if any(not line.description.strip() for line in doc.lines):
        downgrades.append(UNNAMED_LINE)
    reasons = (*blockers, *downgrades)
    if blockers:
        return NO_FACTURX, reasons
    return (BASIC_WL if downgrades else EN16931), reasons


def build_cii_xml(doc: PrintDocument, profile: str = EN16931) -> bytes:
    """The CII XML of an invoice or credit note, for a Factur-X ``profile``.

    Raises ValueError for another kind of document, a draft, an unknown profile, or
    totals that do not add up.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown Factur-X profile {profile!r}; expected one of {PROFILES}")
    check_invoice(doc)
    root = _Builder(doc, profile).build()
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
