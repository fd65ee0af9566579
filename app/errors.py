"""Typed errors raised by the business core.

Each error carries a stable ``code`` and the data a user interface needs to
phrase it in the user's language; ``app`` never writes sentences for users.
"""

from __future__ import annotations

from typing import Any


class FacturierError(Exception):
    """Base class: ``code`` names the situation, ``data`` holds its details."""

    code = "error"

    def __init__(self, detail: str = "", **data: Any) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.data: dict[str, Any] = data


# --- database -------------------------------------------------------------------------


class DatabaseError(FacturierError):
    code = "database"


class NotADatabaseError(DatabaseError):
    code = "database.not_a_database"


class CorruptDatabaseError(DatabaseError):
    code = "database.corrupt"


class NewerDatabaseError(DatabaseError):
    code = "database.newer_version"


class ReadOnlyDatabaseError(DatabaseError):
    code = "database.read_only"


class DatabaseLockedError(DatabaseError):
    code = "database.locked"


class DatabaseUnavailableError(DatabaseError):
    code = "database.unavailable"


class DatabaseNotEmptyError(DatabaseError):
    code = "database.not_empty"


# --- documents and clients ------------------------------------------------------------


class ArchiveTamperedError(FacturierError, ValueError):
    """An archived PDF no longer matches its checksum: it was changed outside the program."""

    code = "document.pdf_tampered"


class NotFoundError(FacturierError):
    code = "not_found"


class ValidationError(FacturierError):
    """Input that breaks a business rule; ``data['field']`` names the culprit."""

    code = "invalid"


class ReadOnlyDocumentError(FacturierError):
    code = "document.read_only"


class DraftDocumentError(FacturierError):
    code = "document.draft"


class ConversionError(FacturierError):
    """A conversion outside the table (quote → order, …): ``data['kind']``,
    ``data['target']`` and ``data['allowed']`` (the kinds it can become)."""

    code = "document.conversion"


class WrongKindError(FacturierError):
    """The action is for other kinds of document: ``data['kind']`` is the document's,
    ``data['expected']`` the kinds the action takes."""

    code = "document.wrong_kind"


class CreditExceedsInvoiceError(FacturierError):
    """A credit note would refund more than what is left of its invoice
    (``data['number']``, ``data['remaining']``: what may still be credited)."""

    code = "document.credit_exceeds"


class AlreadyCancelledError(FacturierError):
    """The invoice is already fully cancelled by validated credit notes
    (``data['credit_notes']``: their numbers)."""

    code = "document.cancelled"


class InvalidTemplateError(ValidationError):
    code = "template.invalid"


class InvalidAddressError(ValidationError):
    code = "address.invalid"


# --- mail -------------------------------------------------------------------------------


class HeaderInjectionError(ValidationError):
    """A header value holds a line break or control character; ``data['field']`` says which."""

    code = "mail.header_injection"
