"""Issue 17's data: client types, identifiers checked by python-stdnum, electronic
addresses, the CSV import's type column, and the document's mentions cascading from the
document to the client to the company (and carried by duplicates and conversions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.database import Database, open_database
from app.db.models import Document
from app.domain.kinds import DocumentKind
from app.domain.reform import ClientType, DeliveryAddress, OperationCategory, infer_client_type
from app.services.client_import import import_parsed, parse_clients_csv
from app.services.client_rules import (
    ClientData,
    EAddressError,
    SirenError,
    SiretError,
    VatNumberError,
    check_client,
    normalize_field,
)
from app.services.clients import get_client, list_clients, save_client
from app.services.demo import fill_demo
from app.services.document_actions import convert_document, duplicate_document
from app.services.document_data import LineInput
from app.services.documents import (
    DocumentInput,
    get_document,
    mentions_of,
    save_draft,
    validate_document,
)
from app.services.settings import get_company, save_settings, update_company

SIREN = "732829320"
SIRET = "73282932000074"
VAT = "FR44732829320"


# --- identifiers (python-stdnum) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("siren", "732 829 320", SIREN),
        ("siret", "732.829.320.00074", SIRET),
        # La Poste's establishments: digits adding up to a multiple of 5, not Luhn
        ("siret", "356 000 000 00001", "35600000000001"),
        ("siret", "35600000000048", "35600000000048"),  # its head office: Luhn
        ("vat_number", "fr 44 732 829 320", VAT),
        ("vat_number", "DE136695976", "DE136695976"),
        ("vat_number", "BE 0403.170.701", "BE0403170701"),
        ("vat_number", "CHE-123.456.788", "CHE123456788"),  # outside the EU: its shape only
    ],
)
def test_good_identifiers(name: str, value: str, stored: str) -> None:
    assert normalize_field(name, value) == stored


@pytest.mark.parametrize(
    ("name", "value", "error", "reason"),
    [
        ("siren", "732829321", SirenError, "checksum"),
        ("siren", "73282932", SirenError, "length"),
        ("siren", "73282932A", SirenError, "format"),
        ("siret", "73282932000075", SiretError, "checksum"),
        ("siret", "35600000000002", SiretError, "checksum"),  # La Poste, sum 16
        ("vat_number", "FR45732829320", VatNumberError, "key"),
        ("vat_number", "DE136695977", VatNumberError, "checksum"),
        ("vat_number", "DE13669597", VatNumberError, "format"),
    ],
)
def test_bad_identifiers_keep_their_codes(
    name: str, value: str, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error) as caught:
        normalize_field(name, value)
    assert caught.value.data["reason"] == reason  # type: ignore[attr-defined]
    assert caught.value.data["field"] == name  # type: ignore[attr-defined]


def test_a_wrong_french_key_names_the_right_number() -> None:
    with pytest.raises(VatNumberError) as caught:
        normalize_field("vat_number", "FR45732829320")
    assert caught.value.data["expected"] == VAT


# --- types and electronic addresses ------------------------------------------------------


def test_the_type_is_inferred_when_not_given() -> None:
    assert infer_client_type("", "", "") == ClientType.PRIVATE
    assert infer_client_type("", "", VAT) == ClientType.BUSINESS
    clean, _ = check_client(ClientData("Mme Le Goff"))
    assert clean is not None and clean.client_type == ClientType.PRIVATE
    clean, _ = check_client(ClientData("Éclair", siret=SIRET))
    assert clean is not None and clean.client_type == ClientType.BUSINESS
    assert clean.e_address == SIREN  # from the SIRET's first nine digits


def test_a_business_address_defaults_to_the_siren_and_can_be_another() -> None:
    clean, _ = check_client(ClientData("Éclair", siren=SIREN, client_type=ClientType.BUSINESS))
    assert clean is not None and clean.e_address == SIREN
    clean, _ = check_client(ClientData("Éclair", siren=SIREN, e_address=f"{SIREN}_FACTURES"))
    assert clean is not None and clean.e_address == f"{SIREN}_FACTURES"
    clean, problems = check_client(ClientData("Éclair", siren=SIREN, e_address="732 829 320"))
    assert clean is None and [type(p) for p in problems] == [EAddressError]


def test_a_private_person_keeps_no_business_identifier() -> None:
    """Hidden in the editor for a private person: neither checked nor stored."""
    data = ClientData(
        "M. Martin",
        client_type=ClientType.PRIVATE,
        siren="123",  # would be refused for a business
        vat_number=VAT,
        e_address=SIREN,
        delivery_street="2 rue des Lilas",
        delivery_city="Nantes",
    )
    clean, problems = check_client(data)
    assert problems == [] and clean is not None
    assert (clean.siren, clean.siret, clean.vat_number, clean.e_address) == ("", "", "", "")
    assert clean.delivery == DeliveryAddress("2 rue des Lilas", "", "Nantes", "")


def test_type_category_and_delivery_address_are_saved(db: Database) -> None:
    client_id = save_client(
        db,
        ClientData(
            "Éclair",
            siren=SIREN,
            client_type=ClientType.BUSINESS,
            operation_category=OperationCategory.SERVICES,
            delivery_street=" Chantier, 4 allée des Pins ",
            delivery_postal_code="44400",
            delivery_city="Rezé",
        ),
    )
    stored = get_client(db, client_id)
    assert stored.client_type == ClientType.BUSINESS
    assert stored.operation_category == OperationCategory.SERVICES
    assert stored.e_address == SIREN
    assert stored.delivery == DeliveryAddress("Chantier, 4 allée des Pins", "44400", "Rezé", "")


def test_the_company_address_defaults_to_its_siren(db: Database) -> None:
    company = save_settings(db, {"name": "Lefèvre", "siren": "732 829 320"})
    assert company.e_address == SIREN
    assert company.operation_category is None and company.vat_on_debits is False
    update_company(db, operation_category=OperationCategory.GOODS, vat_on_debits=True)
    again = get_company(db)
    assert again.operation_category == OperationCategory.GOODS and again.vat_on_debits


# --- the CSV import ------------------------------------------------------------------------


def test_csv_type_column_in_french_and_english() -> None:
    data = (
        "Nom;Type de client;SIREN;Adresse de facturation électronique;Adresse de livraison\n"
        f"Éclair;Entreprise;{SIREN};;\n"
        f"Dupont;business;;;\n"
        "M. Martin;Particulier;;;3 rue du Port\n"
        "Mme Roux;private;;;\n"
        f"Acacias;;{SIREN};{SIREN}_COMPTA;\n"
        "Mme Le Goff;;;;\n"
    ).encode()
    parsed = parse_clients_csv(data)
    assert parsed.problems == []
    clients = {row.client.name: row.client for row in parsed.rows}
    assert {n: c.client_type for n, c in clients.items()} == {
        "Éclair": ClientType.BUSINESS,
        "Dupont": ClientType.BUSINESS,
        "M. Martin": ClientType.PRIVATE,
        "Mme Roux": ClientType.PRIVATE,
        "Acacias": ClientType.BUSINESS,  # inferred: it has a SIREN
        "Mme Le Goff": ClientType.PRIVATE,  # inferred: nothing says business
    }
    assert clients["Éclair"].e_address == SIREN
    assert clients["Acacias"].e_address == f"{SIREN}_COMPTA"
    assert clients["M. Martin"].delivery_street == "3 rue du Port"
    english = parse_clients_csv(b"Name,Type,SIRET\nEclair,Business,73282932000074\n")
    assert english.rows[0].client.client_type == ClientType.BUSINESS


def test_csv_bad_type_and_identifiers_are_reported_with_their_lines(db: Database) -> None:
    data = (
        "Nom;Type;SIRET;TVA\n"
        "Éclair;entreprise;73282932000074;\n"
        "Dupont;client fidèle;;\n"
        "Poste;entreprise;35600000000002;\n"
        "Garage;;;DE136695977\n"
    ).encode()
    parsed = parse_clients_csv(data)
    found = [(p.line, p.column, p.error.code) for p in parsed.problems]
    assert found == [
        (3, "Type", "client.type"),
        (4, "SIRET", "client.siret"),
        (5, "TVA", "client.vat_number"),
    ]
    report = import_parsed(db, parsed)
    assert report.imported == 0 and not report.written  # all or nothing


# --- documents: defaults document → client → company, carried by copies ------------------


LINE = LineInput("Pose", Decimal("2"), Decimal("48.00"), Decimal("20"))


def _mentions(db: Database, document_id: int):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return mentions_of(session, session.get(Document, document_id))


def test_document_mentions_cascade_from_client_to_company(db: Database) -> None:
    update_company(db, operation_category=OperationCategory.GOODS, vat_on_debits=True)
    plain = save_client(db, ClientData("Éclair", siren=SIREN))
    services = save_client(db, ClientData("Dupont", operation_category=OperationCategory.SERVICES))
    first = save_draft(db, DocumentInput(DocumentKind.INVOICE, plain, date(2026, 12, 1), (LINE,)))
    second = save_draft(
        db, DocumentInput(DocumentKind.INVOICE, services, date(2026, 12, 1), (LINE,))
    )
    own = save_draft(
        db,
        DocumentInput(
            DocumentKind.INVOICE,
            services,
            date(2026, 12, 1),
            (LINE,),
            operation_category=OperationCategory.MIXED,
            vat_on_debits=False,
            delivery_street="Chantier Z.A. des Pins",
            delivery_city="Rezé",
        ),
    )
    assert _mentions(db, first).operation_category == OperationCategory.GOODS  # the company's
    assert _mentions(db, first).vat_on_debits is True
    assert _mentions(db, second).operation_category == OperationCategory.SERVICES  # client's
    third = _mentions(db, own)
    assert (third.operation_category, third.vat_on_debits) == (OperationCategory.MIXED, False)
    assert third.delivery == DeliveryAddress("Chantier Z.A. des Pins", "", "Rezé", "")
    assert _mentions(db, first).delivery.is_empty

    update_company(db, operation_category=None)
    assert _mentions(db, first).operation_category is None  # chosen nowhere: checks refuse


def test_duplicates_and_conversions_keep_the_mentions(db: Database) -> None:
    update_company(db, operation_category=OperationCategory.SERVICES)
    client = save_client(db, ClientData("M. Martin", client_type=ClientType.PRIVATE))
    quote = save_draft(
        db,
        DocumentInput(
            DocumentKind.QUOTE,
            client,
            date(2026, 12, 1),
            (LINE,),
            operation_category=OperationCategory.MIXED,
            vat_on_debits=True,
            delivery_street="3 rue du Port",
            delivery_postal_code="44000",
            delivery_city="Nantes",
            delivery_country="France",
        ),
    )
    copy = get_document(db, duplicate_document(db, quote, date(2026, 12, 2)))
    validate_document(db, quote)
    invoice = get_document(db, convert_document(db, quote, DocumentKind.INVOICE))
    for document in (copy, invoice):
        assert document.operation_category == OperationCategory.MIXED
        assert document.vat_on_debits is True
        assert document.delivery == DeliveryAddress("3 rue du Port", "44000", "Nantes", "France")


# --- the demo --------------------------------------------------------------------------------


def test_the_demo_has_both_kinds_of_clients_with_valid_identifiers(tmp_path: Path) -> None:
    from stdnum.eu import vat
    from stdnum.fr import siren, siret

    db = open_database(str(tmp_path / "demo.db"), timeout=5)
    try:
        fill_demo(db, clients=24, documents=6, today=date(2026, 12, 3))
        clients = [get_client(db, c.id) for c in list_clients(db)]
        company = get_company(db)
        documents = [get_document(db, i) for i in range(1, 7)]
    finally:
        db.dispose()
    private = [c for c in clients if c.client_type == ClientType.PRIVATE]
    business = [c for c in clients if c.client_type == ClientType.BUSINESS]
    assert private and business
    assert all(not (c.siren or c.siret or c.vat_number or c.e_address) for c in private)
    for client in business:
        assert siren.is_valid(client.siren) and siret.is_valid(client.siret)
        assert vat.is_valid(client.vat_number) and client.e_address == client.siren
    assert any(not c.delivery.is_empty for c in business)
    assert any(c.operation_category == OperationCategory.SERVICES for c in business)
    assert siren.is_valid(company.siren) and company.e_address == company.siren
    assert company.operation_category == OperationCategory.MIXED
    for document in documents:  # validated: the inherited category written in
        assert document.operation_category is not None
        assert document.vat_on_debits is not None
