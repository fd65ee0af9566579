"""Importing clients from a CSV file, all or nothing.

``parse_clients_csv`` is pure: bytes in, validated rows and problems out. ``import_parsed``
writes the rows in one transaction, and only when no row has a problem.

The file: a header line, then one client per line; ``;``, ``,`` or tab separated (sniffed
from the header); UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252 (what common
spreadsheets and invoicing tools export). The encoding is decided for the whole file, on
evidence: strict UTF-8 first; a file that is not UTF-8 is read as Windows-1252 only when
the caller says so (``encoding="cp1252"``, after asking the user: ``import.not_utf8``
names the first line that is not UTF-8), and a file that mixes both is refused
(``import.mixed_encoding``): one garbled name is one too many.

Header names are recognised in French or English, with or without accents, case or
punctuation (see ``HEADERS``); several e-mail, phone, mobile, fax or web columns are
allowed, and an e-mail cell may hold several addresses separated by ``;`` or ``,`` (or
``Name <address>``). Unknown columns are ignored and reported. Imported e-mail rows have
Mail ticked.

Limits: ``MAX_FILE_BYTES`` (20 MB) and ``MAX_ROWS`` (50,000 clients) per file; each field as
in ``app.services.client_rules``. A client already in the address book (same name, postal
code and city, ignoring case and accents) is skipped and reported, so importing a file twice
does not duplicate anyone; the same client twice in the file is a problem.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db.database import Database
from app.db.models import Client
from app.domain.kinds import ContactKind
from app.domain.reform import ClientType, OperationCategory
from app.errors import ValidationError
from app.services.client_rules import (
    ClientData,
    ClientTypeError,
    ContactData,
    OperationCategoryError,
    check_client,
)
from app.services.clients import fold, insert_clients

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported; ``code`` says why (``import.encoding``…)."""

    code = "import.file"

    def __init__(self, code: str, detail: str = "", **data: Any) -> None:
        super().__init__(detail or code, **data)
        self.code = code


class ImportRowError(ValidationError):
    """A row-level problem that is not about one field (``import.extra_values``…)."""

    code = "import.row"

    def __init__(self, code: str, detail: str = "", **data: Any) -> None:
        super().__init__(detail or code, **data)
        self.code = code


class Column(StrEnum):
    COMPANY = "company"
    NAME = "name"
    FIRST_NAME = "first_name"
    CIVILITY = "civility"
    PERSON = "person"
    STREET = "street"
    STREET2 = "street2"
    POSTAL_CODE = "postal_code"
    CITY = "city"
    COUNTRY = "country"
    EMAIL = "email"
    PHONE = "phone"
    MOBILE = "mobile"
    FAX = "fax"
    WEB = "web"
    SIREN = "siren"
    SIRET = "siret"
    VAT = "vat_number"
    NOTES = "notes"
    TYPE = "client_type"
    E_ADDRESS = "e_address"
    CATEGORY = "operation_category"
    DELIVERY_STREET = "delivery_street"
    DELIVERY_POSTAL_CODE = "delivery_postal_code"
    DELIVERY_CITY = "delivery_city"
    DELIVERY_COUNTRY = "delivery_country"


CONTACT_COLUMNS: dict[Column, ContactKind] = {
    Column.EMAIL: ContactKind.EMAIL,
    Column.PHONE: ContactKind.PHONE,
    Column.MOBILE: ContactKind.MOBILE,
    Column.FAX: ContactKind.FAX,
    Column.WEB: ContactKind.WEB,
}

# Header names, folded (lower case, no accents, punctuation as spaces).
HEADERS: dict[Column, tuple[str, ...]] = {
    Column.COMPANY: (
        "raison sociale", "societe", "entreprise", "company", "company name", "denomination",
        "organisation", "organization", "nom de l entreprise", "nom societe", "business name",
    ),
    Column.NAME: (
        "nom", "name", "client", "nom du client", "nom client", "client name", "customer",
        "customer name", "full name", "nom complet", "last name", "nom de famille", "lastname",
    ),
    Column.FIRST_NAME: ("prenom", "first name", "firstname", "given name"),
    Column.CIVILITY: ("civilite", "title", "salutation"),
    Column.PERSON: (
        "contact", "personne", "interlocuteur", "contact person", "contact name",
        "nom du contact", "personne a contacter",
    ),
    Column.STREET: (
        "adresse", "address", "rue", "street", "adresse 1", "address 1", "address line 1",
        "adresse ligne 1", "adresse de facturation", "billing address", "street address", "voie",
    ),
    Column.STREET2: (
        "adresse 2", "address 2", "address line 2", "adresse ligne 2", "complement",
        "complement d adresse", "complement adresse", "adresse complement",
    ),
    Column.POSTAL_CODE: (
        "code postal", "cp", "zip", "zip code", "postcode", "postal code", "code postal ville",
    ),
    Column.CITY: ("ville", "city", "localite", "commune", "town"),
    Column.COUNTRY: ("pays", "country"),
    Column.EMAIL: (
        "email", "e mail", "mail", "courriel", "adresse email", "adresse e mail", "adresse mail",
        "email address", "e mail address", "emails", "e mails", "adresses email", "mel",
        "adresse electronique",
    ),
    Column.PHONE: (
        "telephone", "tel", "phone", "telephone fixe", "fixe", "phone number", "tel fixe",
        "numero de telephone", "work phone", "landline", "telephone 1",
    ),
    Column.MOBILE: (
        "mobile", "portable", "gsm", "cell", "cellphone", "cell phone", "mobile phone",
        "telephone portable", "tel portable", "telephone mobile", "tel mobile",
    ),
    Column.FAX: ("fax", "telecopie"),
    Column.WEB: ("web", "site", "site web", "site internet", "website", "url", "internet"),
    Column.SIREN: ("siren", "n siren", "numero siren", "siren number", "no siren"),
    Column.SIRET: ("siret", "n siret", "numero siret", "siret number", "no siret"),
    Column.VAT: (
        "tva", "n tva", "numero tva", "numero de tva", "tva intracommunautaire",
        "n tva intracommunautaire", "numero de tva intracommunautaire", "tva intracom", "vat",
        "vat number", "vat id", "vat no", "no tva", "num tva",
    ),
    Column.NOTES: (
        "notes", "note", "remarques", "remarque", "commentaire", "commentaires", "comments",
        "comment", "observations", "memo",
    ),
    Column.TYPE: (
        "type", "type de client", "type client", "client type", "customer type",
        "nature du client", "b2b b2c",
    ),
    # Not "adresse électronique": in French that is the e-mail address.
    Column.E_ADDRESS: (
        "adresse de facturation electronique", "adresse facturation electronique",
        "adresse e facturation", "adresse de reception", "adresse de routage",
        "identifiant de routage", "e address", "e invoicing address",
        "electronic invoicing address", "electronic address",
    ),
    # Not a bare "Catégorie": address books use it for their own groups.
    Column.CATEGORY: (
        "categorie d operation", "categorie de l operation", "categorie des operations",
        "categorie operation", "operation category",
    ),
    Column.DELIVERY_STREET: (
        "adresse de livraison", "adresse livraison", "delivery address", "shipping address",
        "delivery street", "rue de livraison",
    ),
    Column.DELIVERY_POSTAL_CODE: (
        "code postal de livraison", "code postal livraison", "cp livraison",
        "delivery postal code", "delivery zip", "shipping zip", "shipping postal code",
    ),
    Column.DELIVERY_CITY: (
        "ville de livraison", "ville livraison", "delivery city", "shipping city",
    ),
    Column.DELIVERY_COUNTRY: (
        "pays de livraison", "pays livraison", "delivery country", "shipping country",
    ),
}  # fmt: skip
# A type cell's values, folded; an empty cell: inferred (app.domain.reform.infer_client_type).
TYPE_VALUES: dict[str, ClientType] = {
    **dict.fromkeys(
        ("entreprise", "business", "professionnel", "pro", "societe", "company", "b2b"),
        ClientType.BUSINESS,
    ),
    **dict.fromkeys(
        ("particulier", "private", "prive", "private person", "individual", "consumer", "b2c"),
        ClientType.PRIVATE,
    ),
}
CATEGORY_VALUES: dict[str, OperationCategory] = {
    **dict.fromkeys(
        ("biens", "livraison de biens", "marchandises", "goods", "delivery of goods"),
        OperationCategory.GOODS,
    ),
    **dict.fromkeys(
        ("services", "prestation de services", "prestations de services", "provision of services"),
        OperationCategory.SERVICES,
    ),
    **dict.fromkeys(
        ("mixte", "les deux", "biens et services", "mixed", "both", "goods and services"),
        OperationCategory.MIXED,
    ),
}
_BY_HEADER = {alias: column for column, aliases in HEADERS.items() for alias in aliases}


def header_key(header: str) -> str:
    """``"N° TVA"`` → ``"n tva"``, ``"E-mail 2"`` → ``"e mail 2"``."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


def column_for(header: str) -> Column | None:
    key = header_key(header)
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    numbered = re.fullmatch(r"(.*?) ?\d+", key)  # "Email 2", "Téléphone2"
    if numbered and _BY_HEADER.get(numbered.group(1)) in CONTACT_COLUMNS:
        return _BY_HEADER[numbered.group(1)]
    return None


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    line: int  # the line of the file where the row starts (the header is line 1)
    column: str  # the header of the column at fault, as written in the file ("" for the row)
    error: ValidationError


@dataclass(frozen=True)
class ImportRow:
    line: int
    client: ClientData  # normalized


@dataclass(frozen=True)
class SkippedRow:
    line: int
    name: str
    client_id: int  # the client already in the address book


@dataclass
class ParsedImport:
    rows: list[ImportRow]
    problems: list[ImportProblem]
    columns: dict[str, Column]  # recognised headers
    ignored_columns: list[str]
    encoding: str
    delimiter: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    rows: int  # client rows read from the file
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    written: bool = False  # False: a dry run, or problems

    @property
    def ok(self) -> bool:
        return not self.problems


# --- reading ----------------------------------------------------------------------------

# What ``encoding=`` may say (``--encoding``), and the names shown for them.
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
_ALIASES = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8",
    "cp1252": "cp1252", "windows-1252": "cp1252", "windows1252": "cp1252", "1252": "cp1252",
}  # fmt: skip
_UTF8_BOM = b"\xef\xbb\xbf"
SAMPLE_LENGTH = 80


def encoding_name(text: str) -> str:
    """``"utf-8"`` or ``"cp1252"`` for what a user may type (``Windows-1252``, ``utf8``…);
    ``ValueError`` otherwise."""
    key = text.strip().lower().replace("_", "-")
    if key not in _ALIASES:
        raise ValueError(text)
    return _ALIASES[key]


def _line_at(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _first_utf8_line(data: bytes) -> int:
    """The first line holding non-ASCII text that is valid UTF-8 (0: none): evidence that
    the file was written as UTF-8."""
    if data.startswith(_UTF8_BOM):
        return 1
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return number
    return 0


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding.

    ``encoding`` None: UTF-16 with BOM, else strict UTF-8 (with or without BOM); a file
    that is not UTF-8 raises ``import.not_utf8`` (``line``: the first line that is not,
    ``sample``: that line read as Windows-1252), or ``import.mixed_encoding`` (``line``,
    ``utf8_line``) when other lines are UTF-8. ``"utf-8"`` or ``"cp1252"``: that encoding,
    strictly (``import.encoding`` with ``line``); ``"cp1252"`` is refused for a file that
    holds UTF-8 text (``import.mixed_encoding``, or ``import.is_utf8`` when all of it is).
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("import.spreadsheet")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and encoding is None:
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError("import.encoding", reason="utf16") from exc
    if b"\x00" in data:
        raise ImportFileError("import.not_text")
    if encoding is not None and encoding not in ENCODINGS:
        raise ValueError(encoding)
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    if encoding == "cp1252":
        return _decode_cp1252(data), ENCODINGS["cp1252"]
    try:
        return body.decode("utf-8"), ENCODINGS["utf-8"]
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start + len(data) - len(body))
        if encoding == "utf-8":
            raise ImportFileError("import.encoding", line=line, encoding="UTF-8") from exc
        utf8_line = _first_utf8_line(data)
        if utf8_line:
            raise ImportFileError("import.mixed_encoding", line=line, utf8_line=utf8_line) from exc
        raw = data.split(b"\n")[line - 1].rstrip(b"\r")
        sample = raw.decode("cp1252", errors="replace")
        if len(sample) > SAMPLE_LENGTH:
            sample = sample[: SAMPLE_LENGTH - 1] + "…"
        try:
            data.decode("cp1252")
        except UnicodeDecodeError as again:  # neither: nothing to ask
            raise ImportFileError(
                "import.encoding", line=_line_at(data, again.start), reason="unknown"
            ) from again
        raise ImportFileError("import.not_utf8", line=line, sample=sample) from exc


def _decode_cp1252(data: bytes) -> str:
    """The file read as Windows-1252, as the user said, unless it holds UTF-8 text."""
    utf8_line = _first_utf8_line(data)
    if utf8_line:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = _line_at(data, exc.start)
            raise ImportFileError("import.mixed_encoding", line=line, utf8_line=utf8_line) from exc
        raise ImportFileError("import.is_utf8", line=utf8_line)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        raise ImportFileError("import.encoding", line=line, encoding="Windows-1252") from exc


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one the header line uses most (``;`` wins a tie)."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """``(line where the record starts, cells)`` for each record of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
            if len(records) > MAX_ROWS + 1:
                raise ImportFileError("import.too_many_rows", limit=MAX_ROWS)
    except csv.Error as exc:
        raise ImportFileError("import.malformed", str(exc), line=reader.line_num) from exc
    return records


def _split_addresses(cell: str) -> list[tuple[str, str]]:
    """``(display name, address)`` for each address of an e-mail cell."""
    found: list[tuple[str, str]] = []
    for piece in re.split(r"[;,\n]+", cell):
        text = piece.strip()
        named = re.fullmatch(r'"?([^"<]*?)"?\s*<([^<>]*)>', text)
        if named:
            found.append((named.group(1).strip(), named.group(2).strip()))
        elif text.count("@") > 1 and len(text.split()) > 1:
            found.extend(("", part) for part in text.split())
        elif text:
            found.append(("", text))
    return found


@dataclass
class _Layout:
    """Which cell feeds which field, from the header line."""

    headers: list[str]
    single: dict[Column, int] = field(default_factory=dict)
    contacts: list[tuple[int, Column]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, headers: list[str]) -> _Layout:
        layout = cls([h.strip() for h in headers])
        for index, header in enumerate(layout.headers):
            column = column_for(header)
            if column is None:
                if header:
                    layout.ignored.append(header)
            elif column in CONTACT_COLUMNS:
                layout.contacts.append((index, column))
            elif column in layout.single:
                first = layout.headers[layout.single[column]]
                raise ImportFileError("import.duplicate_column", column=header, first=first)
            else:
                layout.single[column] = index
        if Column.NAME not in layout.single and Column.COMPANY not in layout.single:
            raise ImportFileError(
                "import.no_name_column", columns=", ".join(h for h in layout.headers if h)
            )
        return layout

    def position(self, header: str) -> int:
        return self.headers.index(header) if header in self.headers else len(self.headers)

    def header(self, column: Column) -> str:
        index = self.single.get(column)
        return "" if index is None else self.headers[index]


class _Row:
    """One record turned into a ``ClientData``, remembering the column behind each value."""

    def __init__(self, layout: _Layout, cells: list[str]) -> None:
        self.layout = layout
        self.cells = cells
        self.sources: dict[str, str] = {}  # field -> header
        self.contact_sources: list[str] = []
        self.errors: list[ValidationError] = []  # cells that name no known type or category

    def get(self, column: Column) -> str:
        index = self.layout.single.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def client(self) -> ClientData:
        layout, get = self.layout, self.get
        person = " ".join(p for p in (get(Column.CIVILITY), get(Column.FIRST_NAME)) if p)
        person = " ".join(p for p in (person, get(Column.NAME)) if p)
        company = get(Column.COMPANY)
        name, label = (company, get(Column.PERSON) or person) if company else (person, "")
        label = label or get(Column.PERSON)
        name_column = Column.COMPANY if company else Column.NAME
        self.sources = {
            "name": layout.header(name_column) or layout.header(Column.COMPANY),
            "street": layout.header(Column.STREET) or layout.header(Column.STREET2),
            "label": layout.header(Column.PERSON) or layout.header(Column.NAME),
        }
        for column in (Column.POSTAL_CODE, Column.CITY, Column.COUNTRY, Column.SIREN):
            self.sources[str(column)] = layout.header(column)
        for column in (
            Column.SIRET,
            Column.VAT,
            Column.NOTES,
            Column.TYPE,
            Column.E_ADDRESS,
            Column.CATEGORY,
            Column.DELIVERY_STREET,
            Column.DELIVERY_POSTAL_CODE,
            Column.DELIVERY_CITY,
            Column.DELIVERY_COUNTRY,
        ):
            self.sources[str(column)] = layout.header(column)
        street = ", ".join(p for p in (get(Column.STREET), get(Column.STREET2)) if p)
        country = get(Column.COUNTRY) or "France"
        postal_code = get(Column.POSTAL_CODE)
        if fold(country) in ("france", "fr") and re.fullmatch(r"\d{4}", postal_code):
            postal_code = "0" + postal_code  # a spreadsheet dropped the leading zero
        return ClientData(
            name=name,
            street=street,
            postal_code=postal_code,
            city=get(Column.CITY),
            country=country,
            siren=get(Column.SIREN),
            siret=get(Column.SIRET),
            vat_number=get(Column.VAT),
            notes=get(Column.NOTES),
            contacts=tuple(self._contacts(label)),
            client_type=self._client_type(),
            e_address=get(Column.E_ADDRESS),
            operation_category=self._category(),
            delivery_street=get(Column.DELIVERY_STREET),
            delivery_postal_code=get(Column.DELIVERY_POSTAL_CODE),
            delivery_city=get(Column.DELIVERY_CITY),
            delivery_country=get(Column.DELIVERY_COUNTRY),
        )

    def _client_type(self) -> ClientType | None:
        """The type the cell names; None (inferred when saved) for an empty cell."""
        cell = self.get(Column.TYPE)
        if not cell:
            return None
        found = TYPE_VALUES.get(header_key(cell))
        if found is None:
            self.errors.append(ClientTypeError("type", field="client_type", value=cell))
        return found

    def _category(self) -> OperationCategory | None:
        cell = self.get(Column.CATEGORY)
        if not cell:
            return None
        found = CATEGORY_VALUES.get(header_key(cell))
        if found is None:
            self.errors.append(
                OperationCategoryError("category", field="operation_category", value=cell)
            )
        return found

    def _contacts(self, label: str) -> list[ContactData]:
        contacts: list[ContactData] = []
        for index, column in self.layout.contacts:
            cell = self.cells[index].strip() if index < len(self.cells) else ""
            if not cell:
                continue
            kind = CONTACT_COLUMNS[column]
            if kind == ContactKind.EMAIL:
                for display, address in _split_addresses(cell):
                    contacts.append(ContactData(kind, address, display or label, mail=True))
                    self.contact_sources.append(self.layout.headers[index])
            else:
                contacts.append(ContactData(kind, cell, label))
                self.contact_sources.append(self.layout.headers[index])
        return contacts

    def column_of(self, error: ValidationError) -> str:
        name = str(error.data.get("field", ""))
        row = error.data.get("row")
        if isinstance(row, int) and 0 <= row < len(self.contact_sources):
            if name == "label":
                return self.sources.get("label") or self.contact_sources[row]
            return self.contact_sources[row]
        return self.sources.get(name, "")


def _key(client: ClientData) -> tuple[str, str, str]:
    return (fold(client.name).strip(), client.postal_code.strip(), fold(client.city).strip())


def parse_clients_csv(data: bytes, encoding: str | None = None) -> ParsedImport:
    """Every row of the file validated; file-level faults raise ``ImportFileError``.
    ``encoding``: see ``decode`` (None: UTF-8, or ask)."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("import.too_large", limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    text, encoding = decode(data, encoding)
    delimiter = sniff_delimiter(text)
    records = [
        (line, cells) for line, cells in _records(text, delimiter) if any(c.strip() for c in cells)
    ]
    if not records:
        raise ImportFileError("import.empty")
    layout = _Layout.of(records[0][1])
    rows: list[ImportRow] = []
    problems: list[ImportProblem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, cells in records[1:]:
        extra = [c for c in cells[len(layout.headers) :] if c.strip()]
        if extra:
            error = ImportRowError("import.extra_values", count=len(extra))
            problems.append(ImportProblem(line, "", error))
            continue
        row = _Row(layout, cells)
        client = row.client()
        clean, errors = check_client(client)
        if row.errors:
            clean, errors = None, row.errors + errors
        found = [ImportProblem(line, row.column_of(e), e) for e in errors]
        problems.extend(sorted(found, key=lambda p: layout.position(p.column)))
        if clean is None:
            continue
        key = _key(clean)
        if key in seen:
            error = ImportRowError("import.duplicate_row", first_line=seen[key], name=clean.name)
            problems.append(ImportProblem(line, row.sources["name"], error))
            continue
        seen[key] = line
        rows.append(ImportRow(line, clean))
    if not rows and not problems:
        raise ImportFileError("import.no_rows")
    return ParsedImport(
        rows=rows,
        problems=problems,
        columns={h: c for h in layout.headers if (c := column_for(h)) is not None},
        ignored_columns=layout.ignored,
        encoding=encoding,
        delimiter=delimiter,
    )


# --- writing ----------------------------------------------------------------------------


def import_parsed(db: Database, parsed: ParsedImport, *, write: bool = True) -> ImportReport:
    """Add the parsed clients in one transaction, unless any row has a problem (then nothing
    is written). Clients already in the address book are skipped. ``write=False``: a dry run.
    """
    total = len(parsed.rows) + len({p.line for p in parsed.problems})
    common: dict[str, Any] = {
        "rows": total,
        "ignored_columns": parsed.ignored_columns,
        "encoding": parsed.encoding,
        "delimiter": parsed.delimiter,
    }
    if parsed.problems:
        return ImportReport(imported=0, problems=parsed.problems, **common)
    session_scope = db.write() if write else db.read()
    with session_scope as session:
        existing: dict[tuple[str, str, str], int] = {}
        for client_id, name, postal_code, city in session.execute(
            select(Client.id, Client.name, Client.postal_code, Client.city)
        ):
            existing.setdefault((fold(name).strip(), postal_code, fold(city).strip()), client_id)
        skipped: list[SkippedRow] = []
        new: list[ClientData] = []
        for row in parsed.rows:
            known = existing.get(_key(row.client))
            if known is None:
                new.append(row.client)
            else:
                skipped.append(SkippedRow(row.line, row.client.name, known))
        imported = insert_clients(session, new) if write else len(new)
    return ImportReport(imported=imported, skipped=skipped, written=write, **common)


def read_import_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(
            "import.unreadable", str(exc), path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    return data


def import_clients_file(
    db: Database, path: Path, *, write: bool = True, encoding: str | None = None
) -> ImportReport:
    """Read, check and (when every row is valid) import the CSV file at ``path``;
    ``encoding``: see ``decode``."""
    return import_parsed(db, parse_clients_csv(read_import_file(path), encoding), write=write)
