"""CSV import of clients: pure parsing and validation, then one all-or-nothing transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import Client, Contact
from app.domain.kinds import ContactKind
from app.services import client_import
from app.services.client_import import (
    Column,
    ImportFileError,
    column_for,
    decode,
    import_clients_file,
    import_parsed,
    parse_clients_csv,
    sniff_delimiter,
)
from app.services.clients import ClientData, ContactData, get_client, list_clients, save_client

EMAIL, PHONE, MOBILE = ContactKind.EMAIL, ContactKind.PHONE, ContactKind.MOBILE

FRENCH = (
    "Raison sociale;Contact;Adresse;Code postal;Ville;Pays;Courriel;E-mail 2;Téléphone;"
    "Portable;SIREN;SIRET;N° TVA;Remarques;Code client\r\n"
    "Boulangerie Éclair;Paul Martin;3 rue du Four;69100;Villeurbanne;;"
    '"compta@eclair.fr; paul@eclair.fr";Direction <direction@eclair.fr>;04 78 00 00 00;'
    "06 00 00 00 00;732 829 320;73282932000074;FR44732829320;Livrer le matin;C001\r\n"
    "Ébénisterie Lemaître;;12 chemin des Saules;1000;Bourg-en-Bresse;France;"
    "françoise@ébénisterie-lemaître.example;;;;;;;;C002\r\n"
    "\r\n"
    "Zola & fils;;;;;;;;;;;;;;C003\r\n"
)


def count(db: Database, model: type[Client] | type[Contact] = Client) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- headers, encodings, delimiters -----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Nom", Column.NAME), ("NAME", Column.NAME), ("Raison sociale", Column.COMPANY),
        ("Société", Column.COMPANY), ("Adresse", Column.STREET), ("Adresse 2", Column.STREET2),
        ("Code postal", Column.POSTAL_CODE), ("CP", Column.POSTAL_CODE),
        ("Zip", Column.POSTAL_CODE),
        ("Ville", Column.CITY), ("City", Column.CITY), ("Pays", Column.COUNTRY),
        ("E-mail", Column.EMAIL), ("email", Column.EMAIL), ("Courriel", Column.EMAIL),
        ("E-mail 2", Column.EMAIL), ("Email3", Column.EMAIL), ("Téléphone", Column.PHONE),
        ("Tél.", Column.PHONE), ("Phone", Column.PHONE), ("Téléphone 2", Column.PHONE),
        ("Portable", Column.MOBILE), ("Mobile", Column.MOBILE), ("Fax", Column.FAX),
        ("Site web", Column.WEB), ("SIREN", Column.SIREN), ("N° SIRET", Column.SIRET),
        ("TVA", Column.VAT), ("N° TVA intracommunautaire", Column.VAT), ("VAT number", Column.VAT),
        ("Prénom", Column.FIRST_NAME), ("Civilité", Column.CIVILITY), ("Notes", Column.NOTES),
        (" Commentaires ", Column.NOTES),
    ],
)  # fmt: skip
def test_common_french_and_english_headers(header: str, column: Column) -> None:
    assert column_for(header) == column


@pytest.mark.parametrize("header", ["Code client", "Ville 2", "Nom 2", "", "Solde"])
def test_unknown_headers(header: str) -> None:
    assert column_for(header) is None


def test_decode_utf8_bom_utf16_and_windows_1252() -> None:
    text = "Nom;Ville\r\nSociété Générale;Orléans €\r\n"
    assert decode(text.encode("utf-8")) == (text, "UTF-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8")
    assert decode(text.encode("cp1252"), "cp1252") == (text, "Windows-1252")
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-8"), "utf-8") == (text, "UTF-8")


# --- the encoding is decided per file, on evidence (issue 15, point 10) -------------------

MIXED = (
    b"Nom;Ville\r\n"
    + "Café Élégant;Lyon\r\n".encode()
    + "Brûlerie Noël;Dijon\r\n".encode("cp1252")  # one line saved by another program
    + "Pâtisserie Zoé;Nice\r\n".encode()
)


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_both_lines() -> None:
    """It used to be read as Windows-1252 as a whole: "CafÃ© Ã‰lÃ©gant", silently."""
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(MIXED)
    assert caught.value.code == "import.mixed_encoding"
    assert caught.value.data == {"line": 3, "utf8_line": 2}
    with pytest.raises(ImportFileError) as forced:  # forcing Windows-1252 does not mix either
        parse_clients_csv(MIXED, "cp1252")
    assert forced.value.code == "import.mixed_encoding"
    with pytest.raises(ImportFileError) as strict:
        parse_clients_csv(MIXED, "utf-8")
    assert strict.value.code == "import.encoding" and strict.value.data["line"] == 3


def test_a_bom_is_evidence_of_utf8() -> None:
    data = b"\xef\xbb\xbf" + "Nom\r\nNoël\r\n".encode("cp1252")
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(data)
    assert caught.value.code == "import.mixed_encoding"
    assert caught.value.data == {"line": 2, "utf8_line": 1}


def test_a_windows_1252_file_is_only_read_so_when_the_caller_says_so() -> None:
    data = "Nom;Ville\r\nDupont;Paris\r\nCafé Noël;Orléans\r\nZoé;Brest\r\n".encode("cp1252")
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(data)
    assert caught.value.code == "import.not_utf8"
    assert caught.value.data == {"line": 3, "sample": "Café Noël;Orléans"}
    parsed = parse_clients_csv(data, "cp1252")
    assert parsed.encoding == "Windows-1252"
    assert [row.client.name for row in parsed.rows] == ["Dupont", "Café Noël", "Zoé"]


def test_a_utf8_file_is_not_read_as_windows_1252() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv("Nom\r\nDupont\r\nÉcole\r\n".encode(), "cp1252")
    assert caught.value.code == "import.is_utf8" and caught.value.data == {"line": 3}
    assert parse_clients_csv(b"Nom\r\nDupont\r\n", "cp1252").encoding == "Windows-1252"


def test_the_sample_of_a_long_line_is_cut() -> None:
    data = b"Nom;Notes\r\nA;" + "é".encode("cp1252") * 200 + b"\r\n"
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(data)
    sample = str(caught.value.data["sample"])
    assert len(sample) == client_import.SAMPLE_LENGTH and sample.endswith("…")


@pytest.mark.parametrize(
    ("typed", "name"),
    [("cp1252", "cp1252"), ("Windows-1252", "cp1252"), ("UTF8", "utf-8"), ("utf-8", "utf-8")],
)
def test_encoding_names(typed: str, name: str) -> None:
    assert client_import.encoding_name(typed) == name


def test_an_unknown_encoding_name() -> None:
    with pytest.raises(ValueError):
        client_import.encoding_name("latin-9")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04rest of a zip", "import.spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "import.spreadsheet"),
        (b"Nom\n\x00\x00", "import.not_text"),
        (b"Nom\nSoci\x81t\x8d\n", "import.encoding"),  # undefined in Windows-1252
        (b"", "import.empty"),
        (b"\r\n ; \r\n", "import.empty"),
        (b"Nom;Ville\r\n", "import.no_rows"),
        (b"Code;Ville\r\nC1;Lyon\r\n", "import.no_name_column"),
        (b"Nom;Ville;City\r\nA;Lyon;Lyon\r\n", "import.duplicate_column"),
        (b'Nom;Ville\r\n"A;Lyon\r\n', "import.malformed"),
    ],
)
def test_file_level_problems(data: bytes, code: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(data)
    assert caught.value.code == code


def test_no_name_column_lists_the_columns_found() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(b"Code;Ville\r\nC1;Lyon\r\n")
    assert caught.value.data["columns"] == "Code, Ville"


def test_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_import, "MAX_ROWS", 3)
    parse_clients_csv(b"Nom\nA\nB\nC\n")
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(b"Nom\nA\nB\nC\nD\n")
    assert caught.value.code == "import.too_many_rows" and caught.value.data["limit"] == 3
    monkeypatch.setattr(client_import, "MAX_FILE_BYTES", 10)
    with pytest.raises(ImportFileError) as caught:
        parse_clients_csv(b"Nom\nAAAAAAAAAA\n")
    assert caught.value.code == "import.too_large"


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("Nom;Ville", ";"), ("Nom,Ville", ","), ("Nom\tVille", "\t"), ('"Nom, prénom";Ville', ";"),
     ("Nom", ","), ("\r\nNom;Ville,Pays;CP", ";")],
)  # fmt: skip
def test_sniff_delimiter(header: str, delimiter: str) -> None:
    assert sniff_delimiter(header + "\r\nA;B\r\n") == delimiter


# --- rows -------------------------------------------------------------------------------


def test_a_good_french_file() -> None:
    parsed = parse_clients_csv(FRENCH.encode("utf-8"))
    assert parsed.problems == []
    assert parsed.delimiter == ";" and parsed.encoding == "UTF-8"
    assert parsed.ignored_columns == ["Code client"]
    assert [row.line for row in parsed.rows] == [2, 3, 5]  # line 4 is blank
    eclair, ebene, zola = (row.client for row in parsed.rows)
    assert eclair.name == "Boulangerie Éclair" and eclair.country == "France"
    assert (eclair.siren, eclair.siret, eclair.vat_number) == (
        "732829320",
        "73282932000074",
        "FR44732829320",
    )
    assert eclair.notes == "Livrer le matin"
    assert [(c.kind, c.value, c.label, c.mail) for c in eclair.contacts] == [
        (EMAIL, "compta@eclair.fr", "Paul Martin", True),
        (EMAIL, "paul@eclair.fr", "Paul Martin", True),
        (EMAIL, "direction@eclair.fr", "Direction", True),
        (PHONE, "04 78 00 00 00", "Paul Martin", False),
        (MOBILE, "06 00 00 00 00", "Paul Martin", False),
    ]
    assert ebene.postal_code == "01000"  # the leading zero a spreadsheet dropped
    assert ebene.mailing_addresses == ["françoise@ébénisterie-lemaître.example"]
    assert zola.name == "Zola & fils" and zola.contacts == ()


def test_an_english_windows_1252_comma_file() -> None:
    text = (
        "Company,First name,Last name,Address,Address 2,Zip,City,Country,Email,Phone\n"
        '"Café Noël, SARL",Zoé,Brûlé,"1, place de l\'Église",Bâtiment B,75001,Paris,,'
        "zoe@cafe-noel.fr,01 40 00 00 00\n"
        ",Émile,Zola,,,13100,Aix,France,emile@zola.fr emile.zola@gmail.com,\n"
    )
    parsed = parse_clients_csv(text.encode("cp1252"), "cp1252")
    assert parsed.problems == [] and parsed.encoding == "Windows-1252"
    cafe, emile = (row.client for row in parsed.rows)
    assert cafe.name == "Café Noël, SARL"
    assert cafe.street == "1, place de l'Église, Bâtiment B"
    assert cafe.contacts[0] == ContactData(EMAIL, "zoe@cafe-noel.fr", "Zoé Brûlé", True)
    assert emile.name == "Émile Zola" and emile.contacts[0].label == ""
    assert emile.mailing_addresses == ["emile@zola.fr", "emile.zola@gmail.com"]


def test_civility_and_first_name_make_an_individual_name() -> None:
    parsed = parse_clients_csv("Civilité;Prénom;Nom\nMme;Anne;Durand\n".encode())
    assert parsed.rows[0].client.name == "Mme Anne Durand"


def test_duplicate_addresses_in_a_row_are_merged() -> None:
    parsed = parse_clients_csv(b"Nom;Email;Email\nA;a@x.fr, A@X.FR;a@x.fr\n")
    assert [c.value for c in parsed.rows[0].client.contacts] == ["a@x.fr"]


def test_bad_rows_are_reported_with_line_and_column() -> None:
    text = (
        "Nom;E-mail;SIRET;Ville\n"  # 1
        "Bon client;bon@client.fr;;Lyon\n"  # 2
        ";sans@nom.fr;;Lyon\n"  # 3: no name
        'Multi;"a@x.fr\nb@x.fr";;Lyon\n'  # 4-5: two addresses on two lines is fine
        "Mauvais;jean@@x.fr;73282932000075;Lyon\n"  # 6: bad address and SIRET
        '"Dupont\nBcc: x@y.fr";d@x.fr;;Lyon\n'  # 7-8: line break in the name
        "Trop;t@x.fr;;Lyon;en trop\n"  # 9: one value too many
        "Bon client;autre@client.fr;;LYON\n"  # 10: same client as line 2
        f"{'L' * 201};l@x.fr;;Lyon\n"  # 11: too long
    )
    parsed = parse_clients_csv(text.encode())
    found = [(p.line, p.column, p.error.code) for p in parsed.problems]
    assert found == [
        (3, "Nom", "client.required"),
        (6, "E-mail", "address.invalid"),
        (6, "SIRET", "client.siret"),
        (7, "Nom", "client.control_character"),
        (9, "", "import.extra_values"),
        (10, "Nom", "import.duplicate_row"),
        (11, "Nom", "client.too_long"),
    ]
    assert parsed.problems[5].error.data["first_line"] == 2
    assert [row.line for row in parsed.rows] == [2, 4]


def test_an_invalid_phone_label_points_at_the_contact_column() -> None:
    parsed = parse_clients_csv("Nom;Contact;Téléphone\nA;{};01\n".format("x" * 121).encode())
    assert [(p.line, p.column, p.error.data["field"]) for p in parsed.problems] == [
        (2, "Contact", "label")
    ]


# --- writing: all or nothing, one transaction ------------------------------------------


def test_a_good_file_is_imported_with_mail_ticked(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    report = import_clients_file(db, path)
    assert report.ok and report.written
    assert (report.imported, report.rows, report.skipped) == (3, 3, [])
    clients = {c.name: c for c in list_clients(db)}
    assert set(clients) == {"Boulangerie Éclair", "Ébénisterie Lemaître", "Zola & fils"}
    eclair = get_client(db, clients["Boulangerie Éclair"].id)
    assert eclair.mailing_addresses == [
        "compta@eclair.fr",
        "paul@eclair.fr",
        "direction@eclair.fr",
    ]
    assert not clients["Zola & fils"].can_receive_mail
    assert count(db, Contact) == 6


def test_one_bad_row_and_nothing_is_imported(db: Database, tmp_path: Path) -> None:
    save_client(db, ClientData("Déjà là"))
    path = tmp_path / "clients.csv"
    path.write_bytes((FRENCH + "Mauvais;;;;;;pas-une-adresse;;;;;;;;\r\n").encode("cp1252"))
    report = import_clients_file(db, path, encoding="cp1252")
    assert not report.ok and not report.written and report.imported == 0
    assert [(p.line, p.column) for p in report.problems] == [(6, "Courriel")]
    assert report.rows == 4
    assert [c.name for c in list_clients(db)] == ["Déjà là"]
    assert count(db, Contact) == 0


def test_clients_already_in_the_address_book_are_skipped(db: Database) -> None:
    existing = save_client(db, ClientData("ZOLA & FILS"))
    report = import_parsed(db, parse_clients_csv(FRENCH.encode()))
    assert report.imported == 2
    assert [(s.line, s.name, s.client_id) for s in report.skipped] == [(5, "Zola & fils", existing)]
    again = import_parsed(db, parse_clients_csv(FRENCH.encode()))
    assert again.imported == 0 and len(again.skipped) == 3
    assert count(db) == 3


def test_a_dry_run_writes_nothing(db: Database) -> None:
    report = import_parsed(db, parse_clients_csv(FRENCH.encode()), write=False)
    assert report.ok and report.imported == 3 and not report.written
    assert count(db) == 0


def test_an_unreadable_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_clients_file(db, tmp_path / "missing.csv")
    assert caught.value.code == "import.unreadable" and caught.value.data["reason"]
