"""The PDF renderer: legal mentions, French formats, pagination, determinism."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from app import resources
from app.domain.kinds import DocumentKind
from app.domain.money import LineAmounts, compute_totals
from app.pdf.model import PrintClient, PrintCompany, PrintDocument, PrintLine
from app.pdf.render import render_document

CREATED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
NNBSP, NBSP = "\u202f", "\u00a0"
CLIENT_NAME = "Zoë Ærøskøbing – Łódź"
FEE_SENTENCE = (
    "En cas de retard de paiement, pénalités de retard au taux de trois fois le taux "
    "d’intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 € (art. "
    "L441-10 du Code de commerce). Pas d’escompte pour paiement anticipé."
)
EXEMPT_MENTION = "TVA non applicable, art. 293 B du CGI"


def png_bytes(width: int = 8, height: int = 4) -> bytes:
    """A tiny valid RGB PNG, made without any imaging library."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    row = b"\x00" + bytes((33, 58, 92)) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


COMPANY = PrintCompany(
    name="Atelier Hélène Dubois",
    legal_form="SARL",
    capital="8 000 €",
    street="12 rue de la République",
    postal_code="69002",
    city="Lyon",
    siren="552 100 554",
    siret="552 100 554 00021",
    rcs="RCS Lyon 552 100 554",
    vat_number="FR40 552100554",
    phone="04 78 00 00 00",
    email="contact@atelier-dubois.fr",
    iban="FR76 3000 6000 0112 3456 7890 189",
    bic="AGRIFRPP",
)
CLIENT = PrintClient(
    name=CLIENT_NAME, street="3 allée des Érables", postal_code="75011", city="Paris"
)


def make_line(description: str, qty: str, price: str, rate: str, discount: str = "0") -> PrintLine:
    amounts = LineAmounts(Decimal(qty), Decimal(price), Decimal(rate), Decimal(discount))
    return PrintLine(
        description=description,
        quantity=Decimal(qty),
        unit="h",
        unit_price=Decimal(price),
        vat_rate=Decimal(rate),
        discount_percent=Decimal(discount),
        total_excl=amounts.total_excl,
    )


def make_document(
    lines: tuple[PrintLine, ...] | None = None,
    *,
    kind: DocumentKind = DocumentKind.INVOICE,
    company: PrintCompany = COMPANY,
    **fields: Any,
) -> PrintDocument:
    if lines is None:
        lines = (
            make_line(
                "Rénovation cuisine\nDépose de l'existant\nÉvacuation des gravats",
                "12",
                "100",
                "20",
            ),
            make_line("Fourniture plan de travail chêne", "1", "2000", "5.5", "10"),
            make_line("Déplacement", "1", "35", "20"),
        )
    totals = compute_totals(
        (LineAmounts(x.quantity, x.unit_price, x.vat_rate, x.discount_percent) for x in lines),
        vat_exempt=company.vat_exempt,
    )
    values: dict[str, Any] = {
        "kind": kind,
        "number": "F-2026-0042",
        "issue_date": date(2026, 11, 28),
        "company": company,
        "client": CLIENT,
        "lines": lines,
        "total_excl": totals.total_excl,
        "total_vat": totals.total_vat,
        "total_incl": totals.total_incl,
        "vat_by_rate": totals.by_rate,
        "due_date": date(2026, 12, 28),
        "payment_terms": "30 jours fin de mois, par virement",
    }
    values.update(fields)
    return PrintDocument(**values)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) collapsed to single plain spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def invoice_pdf() -> bytes:
    return render_document(make_document(), creation_date=CREATED)


@pytest.fixture(scope="module")
def invoice_text(invoice_pdf: bytes) -> str:
    return "\n".join(pages_text(invoice_pdf))


def test_output_is_a_one_page_a4_pdf(invoice_pdf: bytes) -> None:
    assert invoice_pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(invoice_pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_invoice_has_every_mandatory_mention(invoice_text: str) -> None:
    text = flat(invoice_text)
    # Lines: 12 x 100 = 1 200,00 at 20 %; 2 000 - 10 % = 1 800,00 at 5,5 %; 35,00 at 20 %.
    expected = [
        "FACTURE",
        "Atelier Hélène Dubois",
        "SARL au capital de 8 000 €",
        "SIREN 552 100 554",
        "SIRET 552 100 554 00021",
        "RCS Lyon 552 100 554",
        "N° TVA intracommunautaire FR40 552100554",
        CLIENT_NAME,
        "3 allée des Érables",
        "75011 Paris",
        "N° F-2026-0042",
        "Date : 28/11/2026",
        "Échéance : 28/12/2026",
        "Rénovation cuisine",
        "Dépose de l'existant",
        "Évacuation des gravats",
        "Fourniture plan de travail chêne",
        "Déplacement",
        # table
        "Désignation",
        "P.U. HT",
        "1 800,00 €",
        "10 %",
        # VAT per rate: base, rate, amount
        "Base HT Taux Montant TVA",
        "1 235,00 € 20 % 247,00 €",
        "1 800,00 € 5,5 % 99,00 €",
        # totals
        "Total HT 3 035,00 €",
        "TVA 346,00 €",
        "Total TTC 3 381,00 €",
        "Conditions de paiement : 30 jours fin de mois, par virement",
        "IBAN : FR76 3000 6000 0112 3456 7890 189",
        FEE_SENTENCE,
        "Pas d’escompte pour paiement anticipé.",
        "Page 1/1",
    ]
    missing = [item for item in expected if item not in text]
    assert not missing, f"missing from the invoice: {missing}"
    assert EXEMPT_MENTION not in text
    assert "BROUILLON" not in text


def test_amounts_are_printed_with_non_breaking_separators(invoice_text: str) -> None:
    assert f"3{NNBSP}381,00{NBSP}€" in invoice_text
    assert f"1{NNBSP}800,00{NBSP}€ 5,5{NBSP}%" in invoice_text
    assert "3 381" not in invoice_text  # never a breakable space inside a number
    assert "3381" not in invoice_text
    assert "3381.00" not in invoice_text.replace(NNBSP, "")


def test_font_has_the_glyphs_the_formats_use() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        cmap = TTFont(resources.resource_path("fonts", name)).getBestCmap()
        for char in f"{NNBSP}{NBSP}€–’ÆæØøŁłŒœÉÈÀÇ×²":
            assert ord(char) in cmap, (name, char)
    assert resources.resource_path("fonts", "LICENSE-DejaVu.txt").read_text().count("Bitstream")


def test_accents_euro_and_non_latin_names_survive(invoice_text: str) -> None:
    for fragment in (CLIENT_NAME, "Hélène", "Évacuation", "chêne", "€", "Échéance"):
        assert fragment in invoice_text


def test_vat_exempt_company_prints_art_293_b_and_charges_no_vat() -> None:
    exempt = replace(COMPANY, vat_exempt=True, vat_number="")
    doc = make_document(company=exempt)
    assert doc.total_vat == 0
    text = flat("\n".join(pages_text(render_document(doc, creation_date=CREATED))))
    assert EXEMPT_MENTION in text
    assert "Montant TVA" not in text
    assert "Total TTC" not in text
    assert " TVA " not in f" {text} ".replace(EXEMPT_MENTION, "")
    assert "20 %" not in text
    assert "Net à payer 3 035,00 €" in text
    assert "Total HT 3 035,00 €" in text


def test_charging_company_never_prints_the_exemption(invoice_text: str) -> None:
    assert "293" not in invoice_text


def test_long_document_breaks_pages_and_repeats_the_table_header() -> None:
    lines = tuple(
        make_line(f"Article n°{i:02d}\nDétail du travail effectué", "1", "10", "20")
        for i in range(1, 61)
    )
    pdf = render_document(make_document(lines), creation_date=CREATED)
    pages = [flat(page) for page in pages_text(pdf)]
    count = len(pages)
    assert count >= 3
    for number, page in enumerate(pages, start=1):
        assert "Désignation Qté Unité P.U. HT TVA Total HT" in page, number  # no discount
        assert f"Page {number}/{count}" in page
        assert "SIRET 552 100 554 00021" in page  # the identity footer, on every page
    everything = " ".join(pages)
    for i in range(1, 61):
        assert everything.count(f"Article n°{i:02d}") == 1
    assert "Total TTC 720,00 €" in pages[-1]
    assert "Total TTC" not in " ".join(pages[:-1])
    assert "F-2026-0042" in pages[1]  # continuation pages say which document they belong to


def test_rendering_is_deterministic() -> None:
    doc = make_document()
    first = render_document(doc, creation_date=CREATED)
    assert render_document(doc, creation_date=CREATED) == first
    assert render_document(make_document(), creation_date=CREATED) == first
    later = render_document(doc, creation_date=datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert later != first
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata is not None
    assert metadata.creation_date == CREATED


def test_default_creation_date_is_now() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    pdf = render_document(make_document())
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.creation_date is not None
    assert metadata.creation_date >= before


def test_metadata_title_and_author(invoice_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(invoice_pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Facture F-2026-0042"
    assert metadata.author == "Atelier Hélène Dubois"


def test_draft_has_a_watermark_and_no_number(invoice_text: str) -> None:
    assert "BROUILLON" not in invoice_text and "Brouillon" not in invoice_text
    doc = make_document(draft=True, number="F-2026-0099")
    pdf = render_document(doc, creation_date=CREATED)
    text = flat("\n".join(pages_text(pdf)))
    assert "BROUILLON" in text
    assert "Brouillon" in text
    assert "F-2026-0099" not in text
    assert "N° " not in text.replace("N° TVA", "")
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.title == "Facture (brouillon)"


def test_credit_note_prints_the_invoice_it_cancels() -> None:
    doc = make_document(
        kind=DocumentKind.CREDIT_NOTE, number="AV-2026-0003", reference="F-2026-0001", due_date=None
    )
    text = flat("\n".join(pages_text(render_document(doc, creation_date=CREATED))))
    assert "AVOIR" in text
    assert "N° AV-2026-0003" in text
    assert "Avoir sur facture F-2026-0001" in text


@pytest.mark.parametrize(
    ("kind", "fields", "expected", "absent"),
    [
        (
            DocumentKind.QUOTE,
            {"validity_date": date(2027, 1, 15)},
            "Valable jusqu'au : 15/01/2027",
            "Échéance",
        ),
        (
            DocumentKind.ORDER,
            {"delivery_date": date(2026, 12, 3)},
            "Date de livraison : 03/12/2026",
            "Échéance",
        ),
        (
            DocumentKind.DELIVERY,
            {"delivery_date": date(2026, 12, 4)},
            "Date de livraison : 04/12/2026",
            "Échéance",
        ),
        (DocumentKind.INVOICE, {}, "Échéance : 28/12/2026", "Valable"),
    ],
)
def test_title_and_dates_by_kind(
    kind: DocumentKind, fields: dict[str, Any], expected: str, absent: str
) -> None:
    titles = {
        DocumentKind.QUOTE: "DEVIS",
        DocumentKind.ORDER: "BON DE COMMANDE",
        DocumentKind.DELIVERY: "BON DE LIVRAISON",
        DocumentKind.INVOICE: "FACTURE",
    }
    doc = make_document(kind=kind, **fields)
    text = flat("\n".join(pages_text(render_document(doc, creation_date=CREATED))))
    assert titles[kind] in text
    assert "Date : 28/11/2026" in text
    assert expected in text
    assert absent not in text


def test_custom_late_penalty_text_replaces_the_default() -> None:
    custom = "Pénalités de retard : 10 % par an ; indemnité forfaitaire de recouvrement : 40 €."
    doc = make_document(late_penalty_text=custom)
    text = flat("\n".join(pages_text(render_document(doc, creation_date=CREATED))))
    assert custom in text
    assert FEE_SENTENCE not in text
    assert "Pas d’escompte pour paiement anticipé." in text


def test_logo_is_drawn_and_a_broken_logo_is_skipped() -> None:
    with_logo = render_document(
        make_document(company=replace(COMPANY, logo_png=png_bytes())), creation_date=CREATED
    )
    assert len(PdfReader(io.BytesIO(with_logo)).pages[0].images) == 1
    without = render_document(make_document(), creation_date=CREATED)
    assert len(PdfReader(io.BytesIO(without)).pages[0].images) == 0
    broken = render_document(
        make_document(company=replace(COMPANY, logo_png=b"not a png")), creation_date=CREATED
    )
    assert len(PdfReader(io.BytesIO(broken)).pages[0].images) == 0
    assert "Atelier Hélène Dubois" in pages_text(broken)[0]


def test_resource_path_finds_the_bundled_font() -> None:
    path = resources.resource_path("fonts", "DejaVuSans.ttf")
    assert path.is_file()
    assert path.parent.parent.joinpath("__init__.py").is_file()
    with pytest.raises(ValueError):
        resources.resource_path("..", "secret")


def test_resource_path_uses_the_pyinstaller_bundle_when_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resources_dir.cache_clear()
    try:
        assert resources.resource_path("fonts", "x.ttf") == tmp_path / "resources/fonts/x.ttf"
    finally:
        monkeypatch.undo()
        resources.resources_dir.cache_clear()
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()


def test_naive_creation_date_is_taken_as_utc() -> None:
    naive = render_document(make_document(), creation_date=CREATED.replace(tzinfo=None))
    assert naive == render_document(make_document(), creation_date=CREATED)
