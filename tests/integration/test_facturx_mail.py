"""The e-mailed invoice is the archived Factur-X file: what a real SMTP server (aiosmtpd,
STARTTLS, AUTH) receives carries the structured invoice, with the document's amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import facturx
import pytest
from lxml import etree

from app.db.database import Database
from app.domain.kinds import DocumentKind
from app.domain.money import CENT
from app.pdf.facturx import extract_xml, facturx_profile
from app.services.batch import prepare_batch
from app.services.document_data import LineInput
from app.services.documents import (
    DocumentInput,
    ensure_archived_pdf,
    get_document,
    save_draft,
    validate_document,
)
from app.services.outbox import drain
from app.services.settings import update_company
from tests.integration.sending_helpers import clients, configure
from tests.smtp_server import SmtpTestServer

D = Decimal
NS = dict(facturx.get_xml_namespaces("factur-x"))
GRAND_TOTAL = (
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
    "/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount/text()"
)


def invoice(db: Database, client_id: int, lines: tuple[LineInput, ...]) -> int:
    draft = save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 11, 2), lines))
    return validate_document(db, draft).id


@pytest.mark.parametrize(
    ("vat_number", "profile"),
    [("FR44732829320", "en16931"), ("", "basicwl")],  # BASIC WL: no VAT number (BR-S-02)
)
def test_the_mailed_attachment_carries_the_invoice_xml_with_its_total(
    db: Database,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
    vat_number: str,
    profile: str,
) -> None:
    configure(db, smtp_server, monkeypatch)
    update_company(db, vat_number=vat_number, street="3 rue Mercière", postal_code="69002")
    business = clients(db)
    docs = [
        invoice(
            db,
            business.two_addresses,
            (
                LineInput("Pose de parquet", D("23.75"), D("41.90"), D("10"), "m²"),
                LineInput("Déplacement", D("1"), D("35"), D("20"), "forfait"),
                LineInput("Livre", D("3"), D("19.99"), D("5.5"), "u", D("12.5")),
            ),
        ),
        invoice(
            db,
            business.accented,
            (LineInput("Prestation", D("1"), D("250.50"), D("20"), "u"),),
        ),
    ]
    prepare_batch(db, docs)
    result = drain(db)
    assert result.stopped is None and len(result.sent) == 2
    received = smtp_server.wait_for_messages(2)
    assert len(received) == 2
    # Over several connections the messages may arrive in any order: match them by file.
    by_file = {next(m.message.iter_attachments()).get_filename(): m for m in received}
    for document_id in docs:
        document = get_document(db, document_id)
        message = by_file[f"{document.number}.pdf"]
        attachment = next(message.message.iter_attachments())
        assert attachment.get_filename() == f"{document.number}.pdf"
        assert attachment.get_content_type() == "application/pdf"
        pdf = attachment.get_content()
        assert pdf == ensure_archived_pdf(db, document_id)  # the archived file, as it is
        xml = extract_xml(pdf)
        assert xml is not None, "the e-mailed PDF carries no Factur-X XML"
        assert facturx.xml_check_xsd(xml, flavor="factur-x", level=profile) is True
        assert facturx_profile(pdf) == profile
        root = etree.fromstring(xml)
        (grand_total,) = root.xpath(GRAND_TOTAL, namespaces=NS)
        assert grand_total == str(document.total_incl.quantize(CENT))
        assert D(grand_total) == document.total_incl
    totals = [get_document(db, d).total_incl for d in docs]
    # 995.13 at 10 % (99.51), 35.00 at 20 % (7.00), 52.47 at 5.5 % (2.89): 1082.60 + 109.40
    assert totals == [D("1192.00"), D("300.60")]
