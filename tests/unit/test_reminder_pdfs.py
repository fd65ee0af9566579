"""The statement of account and the formal notice PDFs: texts, French amounts, pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from app.domain.formatting import format_amount
from app.pdf.formal_notice import render_formal_notice
from app.pdf.model import PrintClient, PrintCompany
from app.pdf.reminder_model import FormalNotice, NoticeLine, Statement, StatementLine
from app.pdf.statement import render_statement
from tests.unit.test_pdf_render import flat, pages_text

CREATED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
ON = date(2026, 11, 28)
NNBSP, NBSP = "\u202f", "\u00a0"
IBAN = "FR76 3000 6000 0112 3456 7890 189"

COMPANY = PrintCompany(
    name="Atelier Hélène Dubois",
    legal_form="SARL",
    capital="8 000 €",
    street="12 rue de la République",
    postal_code="69002",
    city="Lyon",
    siren="552100554",
    siret="55210055400021",
    rcs="RCS Lyon 552 100 554",
    vat_number="FR40552100554",
    phone="04 78 00 00 00",
    email="contact@atelier-dubois.fr",
    iban=IBAN,
    bic="AGRIFRPP",
)
CLIENT = PrintClient(
    name="Menuiserie Lefèvre et Fils",
    street="3 allée des Érables",
    postal_code="75011",
    city="Paris",
    siren="732829320",
)
PRIVATE = PrintClient(
    name="Zoë Martin", street="8 rue Verte", postal_code="38000", city="Grenoble", business=False
)


def invoice(number: str, issued: date, due: date | None, amount: str, paid: str) -> StatementLine:
    """An open invoice (a credit note when ``amount`` is negative), on ``ON``."""
    left = Decimal(amount) - Decimal(paid)
    late = max((ON - due).days, 0) if due else 0
    return StatementLine(
        number, issued, due, Decimal(amount), Decimal(paid), left, late, Decimal(amount) < 0
    )


def make_statement(extra: int = 0, *, company: PrintCompany = COMPANY) -> Statement:
    """Three invoices and a credit note (total due 1 234,56 €), then ``extra`` invoices of
    100 € each, all overdue."""
    lines = [
        invoice("F-2026-0101", date(2026, 8, 14), date(2026, 9, 13), "1200", "0"),
        invoice("F-2026-0102", date(2026, 9, 20), date(2026, 10, 20), "480", "200"),
        invoice("F-2026-0107", date(2026, 11, 10), date(2026, 12, 10), "96", "0"),
        invoice("AV-2026-0003", date(2026, 10, 2), None, "-341.44", "0"),
    ]
    for i in range(extra):
        issued = date(2026, 1, 5) + timedelta(days=5 * i)
        lines.append(invoice(f"F-2026-{i + 1:04d}", issued, issued + timedelta(30), "100", "0"))
    total = sum((line.left for line in lines), Decimal(0))
    return Statement(company, CLIENT, ON, tuple(lines), total)


def penalty(left: Decimal, days: int) -> Decimal:
    return (left * Decimal("12.15") / 100 * days / 365).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def make_notice(*, business: bool = True, company: PrintCompany = COMPANY) -> FormalNotice:
    indemnity = Decimal(40) if business else Decimal(0)
    rows = (
        ("F-2026-0101", date(2026, 8, 14), date(2026, 9, 13), Decimal(1200), 76),
        ("F-2026-0102", date(2026, 9, 20), date(2026, 10, 20), Decimal(280), 39),
    )
    lines = tuple(
        NoticeLine(number, issued, due, left, days, penalty(left, days), indemnity)
        for number, issued, due, left, days in rows
    )
    return FormalNotice(
        company=company,
        client=CLIENT if business else PRIVATE,
        on=ON,
        lines=lines,
        rate=Decimal("12.15"),
        deadline=date(2026, 12, 8),
        total_left=sum((x.left for x in lines), Decimal(0)),
        total_penalties=sum((x.penalties for x in lines), Decimal(0)),
        total_indemnity=sum((x.indemnity for x in lines), Decimal(0)),
    )


@pytest.fixture(scope="module")
def statement_text() -> str:
    return "\n".join(pages_text(render_statement(make_statement(), creation_date=CREATED)))


@pytest.fixture(scope="module")
def notice_text() -> str:
    return "\n".join(pages_text(render_formal_notice(make_notice(), creation_date=CREATED)))


def test_statement_prints_title_client_and_columns(statement_text: str) -> None:
    text = flat(statement_text)
    assert "Relevé de compte" in text
    assert "au 28/11/2026" in text
    assert "Menuiserie Lefèvre et Fils" in text and "75011 Paris" in text
    for heading in ("N°", "Date", "Échéance", "Montant TTC", "Réglé", "Reste à payer"):
        assert heading in text
    assert "Jours de" in text and "retard" in text  # the heading wraps on two lines
    # The sender's identity, in the footer as on the invoice.
    assert "SIRET 552 100 554 00021" in text
    assert "Page 1/1" in text


def test_statement_amounts_are_french_and_total_is_bold_row(statement_text: str) -> None:
    assert format_amount(Decimal("1234.56")) == f"1{NNBSP}234,56{NBSP}€"
    # The narrow no-break space survives in the PDF's text (the no-break space before €
    # shares the space's glyph, so it is extracted as a plain space).
    assert f"Total dû 1{NNBSP}234,56 €" in statement_text.replace("\n", " ")
    row = flat(statement_text).split("F-2026-0102 ", 1)[1]
    assert row.startswith("20/09/2026 20/10/2026 480,00 € 200,00 € 280,00 € 39")


def test_statement_shows_credit_notes_as_negative_avoir_lines(statement_text: str) -> None:
    text = flat(statement_text)
    row = text.split("Avoir AV-2026-0003 ", 1)[1]
    assert row.startswith("02/10/2026 -341,44 € 0,00 € -341,44 €")


def test_statement_ends_with_payment_details(statement_text: str) -> None:
    text = flat(statement_text)
    assert "régler la somme de 1 234,56 € par virement (IBAN : " in text
    assert flat(IBAN) in text and "BIC : AGRIFRPP" in text


def test_statement_without_iban_asks_for_payment_without_bank_details() -> None:
    company = replace(COMPANY, iban="", bic="")
    text = flat("\n".join(pages_text(render_statement(make_statement(company=company)))))
    assert "régler la somme de 1 234,56 €, en rappelant" in text
    assert "IBAN" not in text


def test_long_statement_flows_onto_pages_with_repeated_heading() -> None:
    statement = make_statement(36)
    assert len(statement.lines) == 40
    pages = [flat(p) for p in pages_text(render_statement(statement, creation_date=CREATED))]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "Reste à payer" in page  # the table's heading, on every page
        assert f"Page {number}/{len(pages)}" in page
    everything = " ".join(pages)
    for line in statement.lines:
        assert line.number in everything
    assert "Total dû 4 834,56 €" in pages[-1]
    # Continuation pages remind whose statement it is.
    assert "Relevé de compte · Menuiserie Lefèvre et Fils · au 28/11/2026" in pages[1]


def test_rendering_is_deterministic_for_a_creation_date() -> None:
    statement, notice = make_statement(36), make_notice()
    assert render_statement(statement, creation_date=CREATED) == render_statement(
        statement, creation_date=CREATED
    )
    assert render_formal_notice(notice, creation_date=CREATED) == render_formal_notice(
        notice, creation_date=CREATED
    )
    naive = CREATED.replace(tzinfo=None)  # naive: taken as UTC
    assert render_statement(statement, creation_date=naive) == render_statement(
        statement, creation_date=CREATED
    )


def test_notice_is_a_formal_letter(notice_text: str) -> None:
    text = flat(notice_text)
    assert "Fait à Lyon, le 28/11/2026" in text
    assert "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION" in text
    assert "Objet : Mise en demeure de payer" in text
    assert "Madame, Monsieur," in text
    assert "les factures ci-dessous restent impayées à ce jour, malgré nos précédentes" in text
    assert "Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées." in text
    assert "distinguées. Atelier Hélène Dubois" in text  # signed with the company's name


def test_notice_lists_invoices_and_claims_penalties_and_indemnity(notice_text: str) -> None:
    notice = make_notice()
    text = flat(notice_text)
    first = notice.lines[0]
    row = text.split("F-2026-0101 ", 1)[1]
    expected = f"14/08/2026 13/09/2026 1 200,00 € 76 {flat(format_amount(first.penalties))} 40,00 €"
    assert row.startswith(expected)
    assert "Principal restant dû 1 480,00 €" in text
    assert (
        "Pénalités de retard calculées au taux annuel de 12,15 % du lendemain de l’échéance "
        f"au 28/11/2026 {flat(format_amount(notice.total_penalties))}"
    ) in text
    assert (
        "Indemnité forfaitaire pour frais de recouvrement (art. L441-10 et D441-5 du Code de "
        "commerce) 80,00 €"
    ) in text
    total = notice.total_left + notice.total_penalties + Decimal(80)
    assert notice.total == total
    assert f"Total à régler {flat(format_amount(total))}" in text
    assert (
        f"Nous vous mettons en demeure de nous régler la somme de {flat(format_amount(total))} "
        "au plus tard le 08/12/2026."
    ) in text
    assert "injonction de payer" in text
    assert f"virement : IBAN : {flat(IBAN)} — BIC : AGRIFRPP" in text


def test_notice_to_a_private_client_claims_no_indemnity() -> None:
    notice = make_notice(business=False)
    assert notice.total_indemnity == 0
    text = flat("\n".join(pages_text(render_formal_notice(notice, creation_date=CREATED))))
    assert "Zoë Martin" in text and "38000 Grenoble" in text
    assert "Indemnité" not in text and "L441-10" not in text
    total = flat(format_amount(notice.total_left + notice.total_penalties))
    assert f"Total à régler {total}" in text
    assert f"la somme de {total} au plus tard le 08/12/2026" in text


def test_notice_for_one_invoice_without_iban_or_city() -> None:
    company = replace(COMPANY, iban="", bic="", city="")
    notice = make_notice(company=company)
    first = notice.lines[0]
    notice = replace(
        notice,
        lines=(first,),
        total_left=first.left,
        total_penalties=first.penalties,
        total_indemnity=first.indemnity,
    )
    text = flat("\n".join(pages_text(render_formal_notice(notice, creation_date=CREATED))))
    assert "la facture ci-dessous reste impayée" in text
    assert "Le 28/11/2026" in text and "Fait à" not in text
    assert "IBAN" not in text


def test_long_notice_keeps_closing_with_signature_and_a_readable_footer() -> None:
    notice = make_notice()
    notice = replace(notice, lines=notice.lines * 14)
    pages = [flat(p) for p in pages_text(render_formal_notice(notice, creation_date=CREATED))]
    assert len(pages) == 2
    assert "distinguées. Atelier Hélène Dubois" in pages[-1]
    for number, page in enumerate(pages, start=1):
        # Written after the bold signature: must still be in the regular font.
        assert "SIRET 552 100 554 00021" in page
        assert f"Page {number}/2" in page
    assert "Mise en demeure de payer · Menuiserie Lefèvre et Fils · 28/11/2026" in pages[1]
