"""Sentences for the address book's typed errors (editor, client list, import report)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject

from app.domain.kinds import ContactKind
from app.errors import FacturierError
from ui.messages import error_text


class ClientProblems(QObject):
    """Plural sentences: Qt's extractor sees plural forms only in ``self.tr(text, "", n)``."""

    def in_use(self, name: str, count: int) -> str:
        return self.tr(
            "{name} cannot be deleted: %n document(s) refer to this client. A client stays "
            "in the address book as long as documents are made out to it.",
            "",
            count,
        ).format(name=name)


def kind_label(kind: ContactKind) -> str:
    """The French labels of the article: e-Mail, Téléphone, Mobile, Fax, Web."""
    labels = {
        ContactKind.EMAIL: QCoreApplication.translate("ContactKind", "e-Mail"),
        ContactKind.PHONE: QCoreApplication.translate("ContactKind", "Phone"),
        ContactKind.MOBILE: QCoreApplication.translate("ContactKind", "Mobile"),
        ContactKind.FAX: QCoreApplication.translate("ContactKind", "Fax"),
        ContactKind.WEB: QCoreApplication.translate("ContactKind", "Web"),
    }
    return labels[kind]


def field_label(name: str) -> str:
    labels = {
        "name": QCoreApplication.translate("ClientProblems", "Name"),
        "street": QCoreApplication.translate("ClientProblems", "Street"),
        "postal_code": QCoreApplication.translate("ClientProblems", "Postal code"),
        "city": QCoreApplication.translate("ClientProblems", "City"),
        "country": QCoreApplication.translate("ClientProblems", "Country"),
        "siren": QCoreApplication.translate("ClientProblems", "SIREN"),
        "siret": QCoreApplication.translate("ClientProblems", "SIRET"),
        "vat_number": QCoreApplication.translate("ClientProblems", "VAT number"),
        "notes": QCoreApplication.translate("ClientProblems", "Notes"),
        "e_address": QCoreApplication.translate("ClientProblems", "E-invoicing address"),
        "delivery_street": QCoreApplication.translate("ClientProblems", "Delivery street"),
        "delivery_postal_code": QCoreApplication.translate(
            "ClientProblems", "Delivery postal code"
        ),
        "delivery_city": QCoreApplication.translate("ClientProblems", "Delivery city"),
        "delivery_country": QCoreApplication.translate("ClientProblems", "Delivery country"),
        "label": QCoreApplication.translate("ClientProblems", "Label / person"),
        "value": QCoreApplication.translate("ClientProblems", "Value"),
    }
    return labels.get(name, name)


def address_reason(reason: str) -> str:
    """email-validator's reason, in the user's language where we know it."""
    text = reason.lower()
    if reason == "empty":
        return QCoreApplication.translate("ClientProblems", "The address is empty.")
    if reason == "line_break":
        return QCoreApplication.translate("ClientProblems", "Line breaks are not allowed.")
    if "must have an @-sign" in text:
        return QCoreApplication.translate("ClientProblems", "An e-mail address needs an @ sign.")
    if "something before the @-sign" in text:
        return QCoreApplication.translate("ClientProblems", "Something is missing before the @.")
    if "something after the @-sign" in text:
        return QCoreApplication.translate("ClientProblems", "Something is missing after the @.")
    if "should have a period" in text:
        return QCoreApplication.translate(
            "ClientProblems", "The part after the @ needs a dot (for example example.fr)."
        )
    if "two periods in a row" in text:
        return QCoreApplication.translate("ClientProblems", "Two dots in a row are not allowed.")
    if "period" in text:
        return QCoreApplication.translate(
            "ClientProblems", "A dot cannot begin or end either part of the address."
        )
    if "hyphen" in text:
        return QCoreApplication.translate(
            "ClientProblems", "A hyphen cannot begin or end a domain name."
        )
    if "invalid characters" in text:
        found = re.search(r":\s*(.+?)\.?$", reason)
        return QCoreApplication.translate(
            "ClientProblems", "These characters are not allowed: {characters}"
        ).format(characters=found.group(1).replace("'", "") if found else "?")
    if "too long" in text:
        return QCoreApplication.translate("ClientProblems", "The address is too long.")
    if "special-use or reserved" in text:
        return QCoreApplication.translate(
            "ClientProblems", "This domain is reserved and cannot receive e-mail."
        )
    if "display name and angle brackets" in text:
        return QCoreApplication.translate(
            "ClientProblems", "Type the address alone, without a name or < >."
        )
    if "quoting" in text:
        return QCoreApplication.translate(
            "ClientProblems", "Quotation marks are not allowed in the address."
        )
    if "bracketed ip" in text:
        return QCoreApplication.translate(
            "ClientProblems", "An IP address cannot be used after the @."
        )
    return reason


def problem_text(error: FacturierError) -> str:
    """One sentence for an address-book error; other errors go to ``ui.messages``."""
    data = error.data
    code = error.code
    label = field_label(str(data.get("field", "")))
    reason = str(data.get("reason", ""))
    if code == "client.required":
        if data.get("field") == "value":
            if data.get("kind") == str(ContactKind.EMAIL):
                return QCoreApplication.translate(
                    "ClientProblems", "Type the e-mail address, or remove the row."
                )
            return QCoreApplication.translate(
                "ClientProblems", "Type the value, or remove the row."
            )
        return QCoreApplication.translate("ClientProblems", "{label} is required.").format(
            label=label
        )
    if code == "client.too_long":
        return QCoreApplication.translate(
            "ClientProblems", "{label} is too long: {length} characters, at most {limit}."
        ).format(label=label, length=data.get("length", ""), limit=data.get("limit", ""))
    if code == "client.control_character":
        return QCoreApplication.translate(
            "ClientProblems", "{label} cannot contain line breaks or control characters."
        ).format(label=label)
    if code == "client.siren":
        if reason == "checksum":
            return QCoreApplication.translate(
                "ClientProblems", "This SIREN number is not valid: its check digit does not match."
            )
        return QCoreApplication.translate("ClientProblems", "A SIREN number has 9 digits.")
    if code == "client.siret":
        if reason == "checksum":
            return QCoreApplication.translate(
                "ClientProblems", "This SIRET number is not valid: its check digit does not match."
            )
        return QCoreApplication.translate("ClientProblems", "A SIRET number has 14 digits.")
    if code == "client.siret_siren":
        return QCoreApplication.translate(
            "ClientProblems", "The SIRET must begin with the SIREN ({siren})."
        ).format(siren=data.get("siren", ""))
    if code == "client.vat_number":
        if reason == "key":
            return QCoreApplication.translate(
                "ClientProblems",
                "The key of this VAT number does not match its SIREN (expected {key}).",
            ).format(key=data.get("expected", ""))
        if reason == "siren":
            return QCoreApplication.translate(
                "ClientProblems", "This VAT number does not contain the client's SIREN."
            )
        if reason == "checksum":
            return QCoreApplication.translate(
                "ClientProblems",
                "This VAT number is not valid: its check digits do not match (a typing slip?).",
            )
        return QCoreApplication.translate(
            "ClientProblems",
            "Not an intra-community VAT number: two letters for the country, then the number "
            "(in France: FR, a 2-digit key and the SIREN).",
        )
    if code == "client.e_address":
        return QCoreApplication.translate(
            "ClientProblems",
            "An e-invoicing address is made of letters, digits and . _ - only, without "
            "spaces (usually the SIREN).",
        )
    if code == "client.type":
        return QCoreApplication.translate(
            "ClientProblems",
            "“{value}” is not a client type: write entreprise or particulier (business or "
            "private), or leave the cell empty.",
        ).format(value=data.get("value", ""))
    if code == "client.operation_category":
        return QCoreApplication.translate(
            "ClientProblems",
            "“{value}” is not an operation category: write biens, services or mixte (goods, "
            "services or mixed), or leave the cell empty.",
        ).format(value=data.get("value", ""))
    if code == "address.invalid":
        return QCoreApplication.translate(
            "ClientProblems", "“{address}” is not a valid e-mail address. {reason}"
        ).format(address=str(data.get("value", "")).strip(), reason=address_reason(reason))
    if code == "client.in_use":
        count = int(data.get("documents", 0))
        return ClientProblems().in_use(str(data.get("name", "")), count)
    if code == "client.changed":
        return QCoreApplication.translate(
            "ClientProblems",
            "This client was changed elsewhere (in another window or on another computer) "
            "since you opened it. Close this window and open the client again.",
        )
    if code == "not_found":
        return QCoreApplication.translate(
            "ClientProblems", "This client no longer exists: it was deleted elsewhere."
        )
    return _import_text(error) or error_text(error)


def _import_text(error: FacturierError) -> str:
    data = {k: str(v) for k, v in error.data.items()}
    code = error.code
    texts = {
        "import.extra_values": QCoreApplication.translate(
            "ClientProblems", "This row has more values than the header has columns."
        ),
        "import.duplicate_row": QCoreApplication.translate(
            "ClientProblems", "The same client is already on line {line}."
        ).format(line=data.get("first_line", "")),
        "import.unreadable": QCoreApplication.translate(
            "ClientProblems", "The file cannot be read: {reason}"
        ).format(reason=data.get("reason", "")),
        "import.spreadsheet": QCoreApplication.translate(
            "ClientProblems",
            "This is a spreadsheet file, not a CSV file: save it as CSV first "
            "(File › Save as › CSV).",
        ),
        "import.not_text": QCoreApplication.translate(
            "ClientProblems", "This is not a text (CSV) file."
        ),
        "import.encoding": QCoreApplication.translate(
            "ClientProblems",
            "The file is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8.",
        ),
        "import.malformed": QCoreApplication.translate(
            "ClientProblems", "The CSV file is malformed near line {line} (a quote is not closed?)."
        ).format(line=data.get("line", "")),
        "import.empty": QCoreApplication.translate("ClientProblems", "The file is empty."),
        "import.no_rows": QCoreApplication.translate(
            "ClientProblems", "The file has a header line but no client."
        ),
        "import.no_name_column": QCoreApplication.translate(
            "ClientProblems",
            "No column gives the client's name (for example Nom, Raison sociale or Name). "
            "The columns found are: {columns}.",
        ).format(columns=data.get("columns", "")),
        "import.duplicate_column": QCoreApplication.translate(
            "ClientProblems",
            "The columns “{first}” and “{second}” say the same thing: keep only one.",
        ).format(first=data.get("first", ""), second=data.get("column", "")),
        "import.too_large": QCoreApplication.translate(
            "ClientProblems", "The file is larger than {limit} MB: split it."
        ).format(limit=data.get("limit_mb", "")),
        "import.too_many_rows": QCoreApplication.translate(
            "ClientProblems", "The file has more than {limit} rows: split it."
        ).format(limit=data.get("limit", "")),
    }
    return texts.get(code, "")
