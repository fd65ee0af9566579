"""The address book's rules and use cases, on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import Client, Contact
from app.domain.kinds import ContactKind, DocumentKind
from app.errors import InvalidAddressError, NotFoundError, ValidationError
from app.services.client_rules import (
    LIMITS,
    ControlCharacterError,
    RequiredFieldError,
    SirenError,
    SiretError,
    SiretMismatchError,
    TooLongError,
    VatNumberError,
    client_problems,
    luhn_ok,
    merge_contacts,
    normalize_client,
    normalize_field,
)
from app.services.clients import (
    ClientChangedError,
    ClientData,
    ClientInUseError,
    ContactData,
    client_can_receive_mail,
    delete_client,
    get_client,
    list_clients,
    save_client,
)
from app.services.document_data import LineInput
from app.services.documents import DocumentInput, save_draft

EMAIL, PHONE, WEB = ContactKind.EMAIL, ContactKind.PHONE, ContactKind.WEB
SIREN, SIRET, VAT = "732829320", "73282932000074", "FR44732829320"


def count(db: Database, model: type[Client] | type[Contact] = Client) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def client(**changes: object) -> ClientData:
    base = ClientData(
        name="Boulangerie Éclair",
        street="3 rue du Four",
        postal_code="69100",
        city="Villeurbanne",
        contacts=(
            ContactData(EMAIL, "compta@eclair.fr", "Comptabilité", mail=True),
            ContactData(EMAIL, "paul@eclair.fr", "Paul", mail=False),
            ContactData(PHONE, "04 78 00 00 00", "Standard"),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- saving and reading back ------------------------------------------------------------


def test_save_and_read_back_exactly(db: Database) -> None:
    client_id = save_client(
        db, client(siren="732 829 320", siret=SIRET, vat_number="fr 44 732829320")
    )
    saved = get_client(db, client_id)
    assert saved.name == "Boulangerie Éclair"
    assert (saved.siren, saved.siret, saved.vat_number) == (SIREN, SIRET, VAT)  # normalized
    assert [(c.kind, c.value, c.label, c.mail) for c in saved.contacts] == [
        (EMAIL, "compta@eclair.fr", "Comptabilité", True),
        (EMAIL, "paul@eclair.fr", "Paul", False),
        (PHONE, "04 78 00 00 00", "Standard", False),
    ]
    assert saved.mailing_addresses == ["compta@eclair.fr"]
    assert client_can_receive_mail(db, client_id)


def test_update_replaces_contacts_in_one_transaction(db: Database) -> None:
    client_id = save_client(db, client())
    first = get_client(db, client_id)
    save_client(db, replace(first, city="Lyon", contacts=first.contacts[1:2]))
    again = get_client(db, client_id)
    assert again.city == "Lyon"
    assert [c.value for c in again.contacts] == ["paul@eclair.fr"]
    assert count(db, Contact) == 1
    assert not client_can_receive_mail(db, client_id)


def test_mail_is_kept_on_email_rows_only(db: Database) -> None:
    data = client(contacts=(ContactData(PHONE, "0600000000", mail=True),))
    saved = get_client(db, save_client(db, data))
    assert saved.contacts[0].mail is False
    assert saved.mailing_addresses == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("françoise@ébénisterie-lemaître.example", "françoise@ébénisterie-lemaître.example"),
        ("jean@exämple.fr", "jean@exämple.fr"),
        ("jean@xn--exmple-cua.fr", "jean@exämple.fr"),  # punycode shown as Unicode
        ("用户@例子.广告", "用户@例子.广告"),
        ("  Jean.Dupont@Example.FR ", "Jean.Dupont@example.fr"),
    ],
)
def test_idn_and_non_ascii_addresses_are_accepted(db: Database, typed: str, stored: str) -> None:
    saved = get_client(
        db, save_client(db, client(contacts=(ContactData(EMAIL, typed, mail=True),)))
    )
    assert saved.mailing_addresses == [stored]


@pytest.mark.parametrize(
    "bad", ["jean", "jean@", "@x.fr", "jean@x", "jean@@x.fr", "je an@x.fr", "Jean <j@x.fr>"]
)
def test_an_invalid_address_is_refused_and_nothing_is_written(db: Database, bad: str) -> None:
    contacts = (ContactData(PHONE, "1"), ContactData(EMAIL, bad, mail=True))
    with pytest.raises(InvalidAddressError) as caught:
        save_client(db, client(contacts=contacts))
    assert caught.value.data["row"] == 1 and caught.value.data["field"] == "value"
    assert caught.value.data["reason"]
    assert count(db) == 0 and count(db, Contact) == 0


def test_an_empty_contact_value_is_refused(db: Database) -> None:
    with pytest.raises(RequiredFieldError) as caught:
        save_client(db, client(contacts=(ContactData(EMAIL, "   ", mail=True),)))
    assert caught.value.data == {"field": "value", "row": 0, "kind": "email"}
    assert count(db) == 0


@pytest.mark.parametrize("name", ["", "   "])
def test_the_name_is_required(db: Database, name: str) -> None:
    with pytest.raises(RequiredFieldError) as caught:
        save_client(db, client(name=name))
    assert caught.value.data["field"] == "name"
    assert count(db) == 0


# --- bad input: control characters, lengths, duplicates ---------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Dupont\r\nBcc: victim@example.com"}, "name"),
        ({"name": "Dupont\nSA"}, "name"),
        ({"street": "1 rue\rdu Four"}, "street"),
        ({"city": "Lyon\x00"}, "city"),
        ({"city": "Ly\ton"}, "city"),
        ({"postal_code": "69\u2028100"}, "postal_code"),
        ({"name": "Dupont \u202eAS"}, "name"),  # right-to-left override
        ({"notes": "ok\nbut \x07 bell"}, "notes"),
    ],
)
def test_control_characters_are_refused(db: Database, changes: dict[str, str], field: str) -> None:
    with pytest.raises(ControlCharacterError) as caught:
        save_client(db, client(**changes))
    assert caught.value.data["field"] == field
    assert caught.value.data["character"].startswith("U+")
    assert count(db) == 0


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (ContactData(EMAIL, "a@x.fr\r\nBcc: victim@example.com", mail=True), "value"),
        (ContactData(PHONE, "01\n02"), "value"),
        (ContactData(EMAIL, "a@x.fr", "Compta\r\nBcc: x@y.fr"), "label"),
    ],
)
def test_control_characters_in_contacts_are_refused(
    db: Database, contact: ContactData, field: str
) -> None:
    with pytest.raises(ControlCharacterError) as caught:
        save_client(db, client(contacts=(contact,)))
    assert caught.value.data["field"] == field and caught.value.data["row"] == 0
    assert count(db) == 0


def test_notes_keep_their_line_breaks(db: Database) -> None:
    saved = get_client(db, save_client(db, client(notes="Livrer le matin.\r\nCode : 1234\r\n")))
    assert saved.notes == "Livrer le matin.\nCode : 1234"


@pytest.mark.parametrize("name", ["name", "street", "postal_code", "city", "country", "notes"])
def test_values_are_refused_past_their_documented_limit(db: Database, name: str) -> None:
    limit = LIMITS[name]
    assert normalize_field(name, "x" * limit) == "x" * limit
    with pytest.raises(TooLongError) as caught:
        save_client(db, client(**{name: "x" * (limit + 1)}))
    assert caught.value.data == {"field": name, "length": limit + 1, "limit": limit}
    assert count(db) == 0


def test_contact_values_and_labels_have_limits(db: Database) -> None:
    long_address = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fr"
    assert len(long_address) > LIMITS["value"]
    with pytest.raises(TooLongError):
        save_client(db, client(contacts=(ContactData(EMAIL, long_address, mail=True),)))
    with pytest.raises(TooLongError) as caught:
        save_client(db, client(contacts=(ContactData(PHONE, "1", "x" * 121),)))
    assert caught.value.data["field"] == "label"
    assert count(db) == 0


def test_duplicate_addresses_on_one_client_are_merged(db: Database) -> None:
    contacts = (
        ContactData(EMAIL, "Compta@Eclair.fr", "", mail=False),
        ContactData(PHONE, "04 78 00 00 00"),
        ContactData(EMAIL, "compta@eclair.fr", "Comptabilité", mail=True),
        ContactData(PHONE, "0478000000", "Standard"),
        ContactData(WEB, "https://eclair.fr"),
    )
    saved = get_client(db, save_client(db, client(contacts=contacts)))
    assert [(c.kind, c.value, c.label, c.mail) for c in saved.contacts] == [
        (EMAIL, "Compta@eclair.fr", "Comptabilité", True),
        (PHONE, "04 78 00 00 00", "Standard", False),
        (WEB, "https://eclair.fr", "", False),
    ]
    assert merge_contacts([]) == []


# --- legal identifiers ------------------------------------------------------------------


def test_luhn() -> None:
    assert luhn_ok(SIREN) and luhn_ok(SIRET)
    assert not luhn_ok("732829321")


@pytest.mark.parametrize(
    ("value", "reason"),
    [("73282932", "length"), ("7328293200", "length"), ("73282932A", "format"),
     ("732829321", "checksum"), ("732-829-32O", "format")],
)  # fmt: skip
def test_bad_siren(value: str, reason: str) -> None:
    with pytest.raises(SirenError) as caught:
        normalize_client(client(siren=value))
    assert caught.value.data["reason"] == reason and caught.value.data["field"] == "siren"


@pytest.mark.parametrize(
    ("value", "reason"),
    [("7328293200007", "length"), ("73282932000075", "checksum"), ("7328293200007X", "format")],
)
def test_bad_siret(value: str, reason: str) -> None:
    with pytest.raises(SiretError) as caught:
        normalize_client(client(siret=value))
    assert caught.value.data["reason"] == reason


def test_la_poste_sirets_follow_their_own_rule() -> None:
    la_poste = "35600000000001"  # digit sum 15: valid for La Poste, though not a Luhn number
    assert not luhn_ok(la_poste)
    assert normalize_field("siret", "356 000 000 00001") == la_poste
    with pytest.raises(SiretError):
        normalize_field("siret", "35600000000002")


def test_siret_must_begin_with_the_siren() -> None:
    problems = client_problems(client(siren=SIREN, siret="35600000000001"))
    assert [type(p) for p in problems] == [SiretMismatchError]


@pytest.mark.parametrize(
    ("value", "stored"),
    [(VAT, VAT), ("fr 44 732 829 320", VAT), ("FR0E732829320", "FR0E732829320"),
     ("DE 136 695 976", "DE136695976"), ("BE0123456749", "BE0123456749"),
     ("CHE-123.456.789", "CHE123456789")],
)  # fmt: skip
def test_good_vat_numbers(value: str, stored: str) -> None:
    assert normalize_field("vat_number", value) == stored


@pytest.mark.parametrize(
    ("value", "reason"),
    [("FR45732829320", "key"), ("FR4473282932", "format"), ("12345", "format"),
     ("F", "format"), ("FR44-732-829-320-1", "format"), ("DE123456789", "checksum"),
     ("FRAB732829320", "checksum")],
)  # fmt: skip
def test_bad_vat_numbers(value: str, reason: str) -> None:
    with pytest.raises(VatNumberError) as caught:
        normalize_field("vat_number", value)
    assert caught.value.data["reason"] == reason


def test_vat_number_must_match_the_siren() -> None:
    other = "FR" + "83" + "404833048"  # a valid key for another SIREN
    assert normalize_field("vat_number", other) == other
    problems = client_problems(client(siren=SIREN, vat_number=other))
    assert len(problems) == 1 and problems[0].data["reason"] == "siren"


def test_client_problems_lists_every_problem_in_order() -> None:
    data = client(
        name="",
        siren="1",
        contacts=(ContactData(EMAIL, "ok@x.fr"), ContactData(EMAIL, "bad@", mail=True)),
    )
    problems = client_problems(data)
    assert [(p.code, p.data.get("field"), p.data.get("row")) for p in problems] == [
        ("client.required", "name", None),
        ("client.siren", "siren", None),
        ("address.invalid", "value", 1),
    ]
    assert all(isinstance(p, ValidationError) for p in problems)


# --- concurrency, listing, deleting ---------------------------------------------------


def test_saving_a_stale_copy_is_refused(db: Database) -> None:
    client_id = save_client(db, client())
    mine = get_client(db, client_id)
    theirs = get_client(db, client_id)
    save_client(db, replace(theirs, city="Lyon"))
    with pytest.raises(ClientChangedError):
        save_client(db, replace(mine, city="Paris"))
    assert get_client(db, client_id).city == "Lyon"


def test_saving_a_deleted_client_says_not_found(db: Database) -> None:
    client_id = save_client(db, client())
    data = get_client(db, client_id)
    delete_client(db, client_id)
    with pytest.raises(NotFoundError):
        save_client(db, data)
    with pytest.raises(NotFoundError):
        get_client(db, client_id)


def _document(db: Database, client_id: int) -> int:
    line = LineInput("Pain", Decimal("1"), Decimal("2"), Decimal("5.5"), "u")
    return save_draft(db, DocumentInput(DocumentKind.INVOICE, client_id, date(2026, 1, 5), (line,)))


def test_delete_is_refused_while_documents_reference_the_client(db: Database) -> None:
    used = save_client(db, client())
    unused = save_client(db, client(name="Autre"))
    _document(db, used)
    _document(db, used)
    with pytest.raises(ClientInUseError) as caught:
        delete_client(db, used)
    assert caught.value.data["documents"] == 2 and caught.value.data["name"] == "Boulangerie Éclair"
    assert get_client(db, used).name == "Boulangerie Éclair"
    delete_client(db, unused)
    assert count(db) == 1 and count(db, Contact) == 3
    with pytest.raises(NotFoundError):
        delete_client(db, unused)


def test_list_search_filter_sort_and_counts(db: Database) -> None:
    eclair = save_client(db, client())
    ebene = save_client(
        db,
        ClientData(
            "Ébénisterie Lemaître",
            city="Bourg-en-Bresse",
            postal_code="01000",
            contacts=(ContactData(EMAIL, "françoise@ébénisterie-lemaître.example"),),
        ),
    )
    zola = save_client(db, ClientData("zola et fils", city="Paris"))
    _document(db, zola)
    everyone = list_clients(db)
    assert [c.name for c in everyone] == [
        "Boulangerie Éclair",
        "Ébénisterie Lemaître",
        "zola et fils",
    ]  # accents and case do not push a name to the end
    by_id = {c.id: c for c in everyone}
    assert by_id[eclair].mailing_addresses == ["compta@eclair.fr"]
    assert by_id[eclair].email_addresses == ["compta@eclair.fr", "paul@eclair.fr"]
    assert by_id[eclair].phone == "04 78 00 00 00" and by_id[eclair].can_receive_mail
    assert by_id[ebene].mailing_addresses == [] and not by_id[ebene].can_receive_mail
    assert by_id[zola].documents == 1 and by_id[eclair].documents == 0

    def names(search: str = "", without: bool = False) -> list[str]:
        return [c.name for c in list_clients(db, search, without)]

    assert names("ebenisterie") == ["Ébénisterie Lemaître"]  # accents ignored
    assert names("VILLEURBANNE") == ["Boulangerie Éclair"]  # city
    assert names("paul@") == ["Boulangerie Éclair"]  # any e-mail row, ticked or not
    assert names("françoise") == ["Ébénisterie Lemaître"]
    assert names("01000") == ["Ébénisterie Lemaître"]
    assert names("paris zola") == ["zola et fils"]  # every word must match
    assert names("paris boulangerie") == []
    assert names(without=True) == ["Ébénisterie Lemaître", "zola et fils"]
    assert names("zola", without=True) == ["zola et fils"]
