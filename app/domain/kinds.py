"""Enumerations shared by every layer."""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    QUOTE = "quote"
    ORDER = "order"
    DELIVERY = "delivery"
    CREDIT_NOTE = "credit_note"

    @property
    def prefix(self) -> str:
        return _PREFIXES[self]


_PREFIXES = {
    DocumentKind.INVOICE: "F",
    DocumentKind.QUOTE: "D",
    DocumentKind.ORDER: "C",
    DocumentKind.DELIVERY: "BL",
    DocumentKind.CREDIT_NOTE: "AV",
}

# The four kinds that have a report of their own (credit notes live with invoices).
REPORT_KINDS = (DocumentKind.INVOICE, DocumentKind.QUOTE, DocumentKind.ORDER, DocumentKind.DELIVERY)


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"


class ContactKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MOBILE = "mobile"
    FAX = "fax"
    WEB = "web"


class CopyToSelf(StrEnum):
    NONE = "none"
    CC = "cc"
    BCC = "bcc"


class SmtpSecurity(StrEnum):
    SSL = "ssl"
    STARTTLS = "starttls"
    NONE = "none"


class SmtpAuth(StrEnum):
    """How the program signs in to the mail account."""

    PASSWORD = "password"
    OAUTH2 = "oauth2"  # SASL XOAUTH2 with an access token (Google, Microsoft 365)
