"""The SEPA transfer QR code on the PDF: rasterised (pdfium) and decoded (zxing-cpp) as a
banking app would, on validated documents of a payable kind with a valid IBAN only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pypdfium2
import pytest
import zxingcpp

from app.domain.kinds import DocumentKind, register_kind, unregister_kind
from app.pdf.render import render_document
from tests.registered_kind import TEST_SPEC
from tests.unit.test_facturx import document as facturx_document
from tests.unit.test_facturx import made, pdfa_problems
from tests.unit.test_pdf_render import COMPANY, CREATED, make_document, make_line, pages_text

EXPECTED = (
    "BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Hélène Dubois\nFR7630006000011234567890189\n"
    "EUR3381.00\n\n\nF-2026-0042"
)
CAPTION = "Payer par virement : scannez ce code avec l’application de votre banque"


def qr_codes(pdf: bytes) -> list[list[str]]:
    """The QR payloads of each page, read from a 200 dpi rendering."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = []
        for page in document:
            image = page.render(scale=200 / 72).to_pil()
            results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found.append([r.bytes.decode("utf-8") for r in results])
        return found
    finally:
        document.close()


def render(**fields: Any) -> bytes:
    return render_document(make_document(**fields), creation_date=CREATED)


def test_invoice_carries_the_transfer_of_its_total_to_the_company() -> None:
    pdf = render()
    assert qr_codes(pdf) == [[EXPECTED]]
    assert CAPTION in " ".join(pages_text(pdf)[0].replace("\u00a0", " ").split())


def test_long_invoice_has_the_code_on_the_last_page_with_the_totals() -> None:
    lines = tuple(make_line(f"Article {i}\nDétail", "1", "9.99", "20") for i in range(34))
    pdf = render(lines=lines)
    codes = qr_codes(pdf)
    assert len(codes) >= 2
    assert codes[-1] == [EXPECTED.replace("EUR3381.00", "EUR407.59")]
    assert all(not page for page in codes[:-1])
    assert "Total TTC" in pages_text(pdf)[-1]


def test_without_bic_the_code_still_pays_a_french_iban() -> None:
    pdf = render(company=replace(COMPANY, bic=""))
    assert qr_codes(pdf) == [[EXPECTED.replace("AGRIFRPP", "")]]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"kind": DocumentKind.QUOTE}, id="quote"),
        pytest.param({"kind": DocumentKind.ORDER}, id="order"),
        pytest.param(
            {"kind": DocumentKind.CREDIT_NOTE, "reference": "F-2026-0041"}, id="credit-note"
        ),
        pytest.param({"draft": True}, id="draft"),
        pytest.param({"company": replace(COMPANY, iban="", bic="")}, id="no-iban"),
        pytest.param(
            {"company": replace(COMPANY, iban="FR76 3000 6000 0112 3456 7890 180")},
            id="invalid-iban",
        ),
        pytest.param({"company": replace(COMPANY, bic="AGRIFRP")}, id="invalid-bic"),
        pytest.param({"lines": (make_line("Geste commercial", "1", "0", "20"),)}, id="zero"),
    ],
)
def test_no_code_where_no_transfer_is_due_or_safe(fields: dict[str, Any]) -> None:
    pdf = render(**fields)
    assert all(not page for page in qr_codes(pdf))
    assert "scannez ce code" not in " ".join(pages_text(pdf))


@pytest.fixture
def payable_test_kind() -> Iterator[DocumentKind]:
    kind = register_kind(replace(TEST_SPEC, payable=True, signature=None))
    try:
        yield kind
    finally:
        unregister_kind(TEST_SPEC.code)


def test_the_registry_decides_which_kinds_carry_it(payable_test_kind: DocumentKind) -> None:
    codes = qr_codes(render(kind=payable_test_kind, number="T-2026-0001"))
    assert codes == [[EXPECTED.replace("F-2026-0042", "T-2026-0001")]]


def test_factur_x_invoice_with_the_code_stays_pdfa() -> None:
    result = made(facturx_document())
    assert pdfa_problems(result.pdf) == []
    codes = qr_codes(result.pdf)
    assert len(codes[-1]) == 1
    assert codes[-1][0].startswith("BCD\n002\n1\nSCT\n")
