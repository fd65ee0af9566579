"""What a client record may hold: pure checks, no database (shared by the editor and the import).

Documented limits (the columns' sizes): name 200 characters, street 300, postal code 20,
city 120, country 80, VAT number 30, notes 10,000; a contact's label 120 and value 254 (the
longest e-mail address SMTP allows). SIREN and SIRET are typed with or without spaces, dots
or dashes and stored as digits only.

Line breaks (CR, LF, U+2028/U+2029), other control characters and the invisible
direction-changing characters are refused in every field, except that the notes may hold
line breaks (stored as LF). Surrounding whitespace is dropped before any check.

Several rows with the same address on one client are merged into the first one (Mail is
ticked when it was ticked on any of them; the first non-empty label is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from stdnum import luhn
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from app.domain.addresses import check_address
from app.domain.kinds import ContactKind
from app.domain.platform import DeliveryChoice
from app.domain.recipients import ContactRow, SendAs, mailing_addresses
from app.domain.reform import (
    ClientType,
    DeliveryAddress,
    OperationCategory,
    infer_client_type,
    siren_of,
)
from app.errors import InvalidAddressError, ValidationError

# --- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactData:
    kind: ContactKind
    value: str
    label: str = ""
    mail: bool = False
    id: int | None = None
    send_as: SendAs = SendAs.TO  # a Mail address in To or in Cc (e-Mail rows only)


@dataclass(frozen=True)
class ClientData:
    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "France"
    siren: str = ""
    siret: str = ""
    vat_number: str = ""
    notes: str = ""
    contacts: tuple[ContactData, ...] = ()
    id: int | None = None
    # When the record was last saved, as read: saving refuses to overwrite a newer version.
    updated_at: datetime | None = field(default=None, compare=False)
    # E-invoicing reform. None: inferred when saved (a business when a SIREN, SIRET or VAT
    # number is given, else a private person), as the upgrade and the CSV import do. A
    # private person has no SIREN, SIRET, VAT number nor electronic address (dropped when
    # saved); a business's electronic address (BT-49, scheme 0225) is its SIREN unless
    # another one is typed.
    client_type: ClientType | None = None
    e_address: str = ""
    operation_category: OperationCategory | None = None  # None: the company's
    delivery_street: str = ""  # the default delivery address; all "": the billing one
    delivery_postal_code: str = ""
    delivery_city: str = ""
    delivery_country: str = ""
    # The approved platform or e-mail for its invoices (app.domain.platform.DeliveryChoice);
    # AUTO: the platform when the directory knows the SIREN of a French business.
    delivery_channel: DeliveryChoice = DeliveryChoice.AUTO

    @property
    def mailing_addresses(self) -> list[str]:
        return mailing_addresses(
            ContactRow(c.kind, c.value, c.label, c.mail, c.send_as) for c in self.contacts
        )

    @property
    def kind(self) -> ClientType:
        """The type given, else the one inferred from the identifiers."""
        return self.client_type or infer_client_type(self.siren, self.siret, self.vat_number)

    @property
    def is_business(self) -> bool:
        return self.kind == ClientType.BUSINESS

    @property
    def delivery(self) -> DeliveryAddress:
        return DeliveryAddress.of(self)


SCALAR_FIELDS = (
    "name",
    "street",
    "postal_code",
    "city",
    "country",
    "siren",
    "siret",
    "vat_number",
    "e_address",
    "notes",
    "delivery_street",
    "delivery_postal_code",
    "delivery_city",
    "delivery_country",
)
# What only a business has: not checked, and stored empty, for a private person.
BUSINESS_FIELDS = ("siren", "siret", "vat_number", "e_address")
DELIVERY_FIELDS = ("delivery_street", "delivery_postal_code", "delivery_city", "delivery_country")

LIMITS: dict[str, int] = {
    "name": 200,
    "street": 300,
    "postal_code": 20,
    "city": 120,
    "country": 80,
    "siren": 20,  # as typed, separators included
    "siret": 30,
    "vat_number": 30,
    "e_address": 120,
    "notes": 10_000,
    "delivery_street": 300,
    "delivery_postal_code": 20,
    "delivery_city": 120,
    "delivery_country": 80,
    "label": 120,
    "value": 254,
}

# --- errors (codes phrased by ui/client_problems.py and app/services/messages.py) -------


class ClientFieldError(ValidationError):
    """``data['field']`` names the field; ``data['row']`` the contact row when there is one."""

    code = "client.invalid"


class RequiredFieldError(ClientFieldError):
    code = "client.required"


class TooLongError(ClientFieldError):
    code = "client.too_long"  # data: length, limit


class ControlCharacterError(ClientFieldError):
    code = "client.control_character"  # data: character ("U+000A")


class SirenError(ClientFieldError):
    code = "client.siren"  # data: value, reason ("format", "length", "checksum")


class SiretError(ClientFieldError):
    code = "client.siret"  # data: value, reason ("format", "length", "checksum")


class SiretMismatchError(ClientFieldError):
    code = "client.siret_siren"  # data: siren, siret


class VatNumberError(ClientFieldError):
    code = "client.vat_number"  # data: value, reason ("format", "key", "checksum", "siren")


class EAddressError(ClientFieldError):
    code = "client.e_address"  # data: value, reason ("format")


class ClientTypeError(ClientFieldError):
    code = "client.type"  # data: value (an imported cell naming no known type)


class OperationCategoryError(ClientFieldError):
    code = "client.operation_category"  # data: value (an imported cell)


# --- single fields ----------------------------------------------------------------------

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SEPARATORS = re.compile(r"[\s.\-/]")


def _control_character(text: str, allow_newline: bool) -> str | None:
    for match in _CONTROL.finditer(text):
        char = match.group()
        if allow_newline and char == "\n":
            continue
        return f"U+{ord(char):04X}"
    return None


def _text(
    name: str, value: str, limit: int, *, row: int | None = None, multiline: bool = False
) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    text = text.strip()
    where: dict[str, object] = {"field": name}
    if row is not None:
        where["row"] = row
    if len(text) > limit:
        raise TooLongError(name, length=len(text), limit=limit, **where)
    bad = _control_character(text, multiline)
    if bad is not None:
        raise ControlCharacterError(name, character=bad, **where)
    return text


def luhn_ok(digits: str) -> bool:
    return luhn.is_valid(digits)


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", value)


def normalize_siren(value: str) -> str:
    """Digits only (typed with spaces, dots, dashes or slashes), checked by python-stdnum."""
    digits = _digits(value)
    if not digits:
        return ""
    if not digits.isascii() or not digits.isdigit():
        raise SirenError("siren", field="siren", value=value, reason="format")
    if len(digits) != 9:
        raise SirenError("siren", field="siren", value=value, reason="length")
    if not fr_siren.is_valid(digits):
        raise SirenError("siren", field="siren", value=value, reason="checksum")
    return digits


def normalize_siret(value: str) -> str:
    """Digits only, checked by python-stdnum: Luhn, except La Poste's establishments
    (356 000 000 …) whose digits add up to a multiple of 5."""
    digits = _digits(value)
    if not digits:
        return ""
    if not digits.isascii() or not digits.isdigit():
        raise SiretError("siret", field="siret", value=value, reason="format")
    if len(digits) != 14:
        raise SiretError("siret", field="siret", value=value, reason="length")
    if not fr_siret.is_valid(digits):
        raise SiretError("siret", field="siret", value=value, reason="checksum")
    return digits


_VAT = re.compile(r"[A-Z]{2}[0-9A-Z+*]{2,13}")
_VAT_FR = re.compile(r"FR([0-9A-Z]{2})([0-9]{9})")
# python-stdnum's prefixes for the EU member states (Greece is EL, Northern Ireland XI).
_EU_PREFIXES = frozenset(("EL" if code == "gr" else code.upper()) for code in eu_vat.MEMBER_STATES)


def french_vat_key(siren: str) -> str:
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}"


def normalize_vat_number(value: str) -> str:
    """Compact and upper case. A member state's number (FR, DE, BE, ... XI) is checked by
    python-stdnum (format, length, check digits); another country's only for its shape
    (two letters, then 2 to 13 letters or digits): Swiss, British or Norwegian numbers
    have no EU check."""
    text = _digits(value).upper()
    if not text:
        return ""
    if not _VAT.fullmatch(text):
        raise VatNumberError("vat", field="vat_number", value=value, reason="format")
    if text[:2] not in _EU_PREFIXES:
        return text
    try:
        eu_vat.validate(text)
    except InvalidChecksum as error:
        french = _VAT_FR.fullmatch(text)
        if french is not None and french.group(1).isdigit() and luhn_ok(french.group(2)):
            siren = french.group(2)
            raise VatNumberError(
                "vat",
                field="vat_number",
                value=value,
                reason="key",
                expected=f"FR{french_vat_key(siren)}{siren}",
            ) from error
        raise VatNumberError("vat", field="vat_number", value=value, reason="checksum") from error
    except NumberError as error:  # format, length, a component (a bad SIREN)
        raise VatNumberError("vat", field="vat_number", value=value, reason="format") from error
    return text


# What the directory's addresses are made of: a SIREN, optionally followed by a SIRET,
# a routing code or a suffix ("732829320_00074", "732829320_FACTURES").
_E_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*")


def normalize_e_address(value: str) -> str:
    """The electronic address as stored (scheme 0225): no spaces, letters, digits and
    ``. _ -``; ``EAddressError`` otherwise."""
    text = value.strip()
    if text and not _E_ADDRESS.fullmatch(text):
        raise EAddressError("e_address", field="e_address", value=value, reason="format")
    return text


def normalize_field(name: str, value: str) -> str:
    """One of ``SCALAR_FIELDS`` as it is stored, or a ``ClientFieldError`` saying why not."""
    text = _text(name, value, LIMITS[name], multiline=name == "notes")
    if name == "name" and not text:
        raise RequiredFieldError("name", field="name")
    if name == "siren":
        return normalize_siren(text)
    if name == "siret":
        return normalize_siret(text)
    if name == "vat_number":
        return normalize_vat_number(text)
    if name == "e_address":
        return normalize_e_address(text)
    return text


def field_problem(name: str, value: str) -> ValidationError | None:
    try:
        normalize_field(name, value)
    except ValidationError as error:
        return error
    return None


# --- contacts ---------------------------------------------------------------------------


def normalize_contact(contact: ContactData, row: int = 0) -> ContactData:
    """The row as stored (Mail only on e-Mail rows), or the reason it cannot be."""
    label = _text("label", contact.label, LIMITS["label"], row=row)
    value = _text("value", contact.value, LIMITS["value"], row=row)
    if not value:
        raise RequiredFieldError("value", field="value", row=row, kind=str(contact.kind))
    if contact.kind == ContactKind.EMAIL:
        try:
            value = check_address(value)
        except InvalidAddressError as error:
            error.data.update(field="value", row=row)
            raise
    mail = contact.mail and contact.kind == ContactKind.EMAIL
    send_as = SendAs.of(contact.send_as) if contact.kind == ContactKind.EMAIL else SendAs.TO
    return ContactData(contact.kind, value, label, mail, contact.id, send_as)


def contact_problem(contact: ContactData, row: int = 0) -> ValidationError | None:
    try:
        normalize_contact(contact, row)
    except ValidationError as error:
        return error
    return None


def merge_contacts(contacts: list[ContactData]) -> list[ContactData]:
    """Rows with the same kind and value (case-insensitive) merged into the first one."""
    merged: list[ContactData] = []
    where: dict[tuple[ContactKind, str], int] = {}
    for contact in contacts:
        key = (contact.kind, _SEPARATORS.sub("", contact.value).casefold())
        if contact.kind == ContactKind.EMAIL:
            key = (contact.kind, contact.value.casefold())
        if key not in where:
            where[key] = len(merged)
            merged.append(contact)
            continue
        first = merged[where[key]]
        merged[where[key]] = replace(
            first, mail=first.mail or contact.mail, label=first.label or contact.label
        )
    return merged


# --- a whole record ---------------------------------------------------------------------


def check_client(data: ClientData) -> tuple[ClientData | None, list[ValidationError]]:
    """One pass over ``data``: what would be stored (None when it cannot be) and every
    reason it cannot, in the order of the editor's fields."""
    problems: list[ValidationError] = []
    values: dict[str, str] = {}
    business = data.is_business
    for name in SCALAR_FIELDS:
        if not business and name in BUSINESS_FIELDS:
            values[name] = ""
            continue
        try:
            values[name] = normalize_field(name, getattr(data, name))
        except ValidationError as error:
            problems.append(error)
    siren, siret, vat = values.get("siren"), values.get("siret"), values.get("vat_number")
    if siren and siret and not siret.startswith(siren):
        problems.append(SiretMismatchError("siret", field="siret", siren=siren, siret=siret))
    if siren and vat and vat.startswith("FR") and vat[4:] != siren:
        problems.append(
            VatNumberError("vat", field="vat_number", value=data.vat_number, reason="siren")
        )
    contacts: list[ContactData] = []
    for row, contact in enumerate(data.contacts):
        try:
            contacts.append(normalize_contact(contact, row))
        except ValidationError as error:
            problems.append(error)
    if problems:
        return None, problems
    clean = replace(
        data,
        name=values["name"],
        client_type=data.kind,
        street=values["street"],
        postal_code=values["postal_code"],
        city=values["city"],
        country=values["country"],
        siren=values["siren"],
        siret=values["siret"],
        vat_number=values["vat_number"],
        # A business's electronic address is its SIREN until another one is typed.
        e_address=values["e_address"] or (siren_of(siren or "", siret or "", vat or "")),
        notes=values["notes"],
        contacts=tuple(merge_contacts(contacts)),
        delivery_street=values["delivery_street"],
        delivery_postal_code=values["delivery_postal_code"],
        delivery_city=values["delivery_city"],
        delivery_country=values["delivery_country"],
    )
    return clean, []


def client_columns(data: ClientData) -> dict[str, str]:
    """The client's columns as stored (type and category as their values)."""
    values = {name: getattr(data, name) for name in SCALAR_FIELDS}
    values["client_type"] = str(data.kind)
    values["operation_category"] = str(data.operation_category or "")
    values["delivery_channel"] = str(data.delivery_channel)
    return values


def client_problems(data: ClientData) -> list[ValidationError]:
    """Every reason ``data`` cannot be saved, in the order of the editor's fields."""
    return check_client(data)[1]


def normalize_client(data: ClientData) -> ClientData:
    """``data`` as it is stored, or the first of ``client_problems`` raised."""
    clean, problems = check_client(data)
    if clean is None:
        raise problems[0]
    return clean
