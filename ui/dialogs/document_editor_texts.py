"""Sentences for the document editor: kinds and titles, and its typed errors."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.domain.formatting import format_amount, format_decimal
from app.domain.kinds import DocumentKind
from app.errors import FacturierError, ValidationError
from app.services.documents import MAX_AMOUNT
from ui.document_problems import document_problem, kind_title
from ui.messages import error_text


def new_title(kind: DocumentKind) -> str:
    """The window title of a new document ("Nouveau devis", "Nouvelle facture")."""
    titles = {
        DocumentKind.INVOICE: QCoreApplication.translate("DocumentEditorTexts", "New invoice"),
        DocumentKind.QUOTE: QCoreApplication.translate("DocumentEditorTexts", "New quote"),
        DocumentKind.ORDER: QCoreApplication.translate("DocumentEditorTexts", "New order"),
        DocumentKind.DELIVERY: QCoreApplication.translate(
            "DocumentEditorTexts", "New delivery note"
        ),
        DocumentKind.CREDIT_NOTE: QCoreApplication.translate(
            "DocumentEditorTexts", "New credit note"
        ),
    }
    return titles[kind]


def draft_title(kind: DocumentKind, client: str) -> str:
    return (
        QCoreApplication.translate("DocumentEditorTexts", "%1 (draft) – %2")
        .replace("%1", kind_title(kind))
        .replace("%2", client)
    )


def numbered_title(kind: DocumentKind, number: str, client: str) -> str:
    return (
        QCoreApplication.translate("DocumentEditorTexts", "%1 %2 – %3")
        .replace("%1", kind_title(kind))
        .replace("%2", number)
        .replace("%3", client)
    )


def field_label(name: str) -> str:
    labels = {
        "description": QCoreApplication.translate("DocumentEditorTexts", "The description"),
        "quantity": QCoreApplication.translate("DocumentEditorTexts", "The quantity"),
        "unit_price": QCoreApplication.translate("DocumentEditorTexts", "The unit price"),
        "discount_percent": QCoreApplication.translate("DocumentEditorTexts", "The discount"),
        "vat_rate": QCoreApplication.translate("DocumentEditorTexts", "The VAT rate"),
    }
    return labels.get(name, name)


def line_problem_text(error: ValidationError) -> str:
    """What is wrong with one value of a line (without the line's number)."""
    field = str(error.data.get("field", ""))
    reason = str(error.data.get("reason", ""))
    limit = format_decimal(MAX_AMOUNT)
    if error.detail == "required":
        if field == "quantity":
            return QCoreApplication.translate("DocumentEditorTexts", "Type the quantity.")
        if field == "unit_price":
            return QCoreApplication.translate(
                "DocumentEditorTexts", "Type the unit price (0 for something free)."
            )
        return QCoreApplication.translate(
            "DocumentEditorTexts", "Type a description of the product or service."
        )
    if reason == "number":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "“%1” is not a number: type digits, with a comma or a dot for decimals (12,5).",
        ).replace("%1", str(error.data.get("value", "")).strip())
    if reason == "decimals":
        return (
            QCoreApplication.translate("DocumentEditorTexts", "%1 has at most %2 decimals.")
            .replace("%1", field_label(field))
            .replace("%2", str(error.data.get("limit", "")))
        )
    if reason == "total":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "The line's total is over %1: check the quantity and the unit price.",
        ).replace("%1", format_amount(MAX_AMOUNT))
    if field == "quantity":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The quantity must be more than 0 and at most %1."
        ).replace("%1", limit)
    if field == "unit_price":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The unit price must be between 0 and %1."
        ).replace("%1", format_amount(MAX_AMOUNT))
    if field == "discount_percent":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The discount must be between 0 and 100 %."
        )
    if field == "vat_rate":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The VAT rate must be between 0 and 100 %."
        )
    return error_text(error)


def row_text(row: int, message: str) -> str:
    return (
        QCoreApplication.translate("DocumentEditorTexts", "Line %1: %2")
        .replace("%1", str(row + 1))
        .replace("%2", message)
    )


def no_client_text() -> str:
    return QCoreApplication.translate(
        "DocumentEditorTexts",
        "Choose the client: type part of its name and pick it in the list, or create it "
        "with “New client…”.",
    )


def validated_elsewhere_text(number: str) -> str:
    return QCoreApplication.translate(
        "DocumentEditorTexts",
        "This document was validated elsewhere meanwhile (number %1): it can no longer be changed.",
    ).replace("%1", number)


def deleted_document_text() -> str:
    return QCoreApplication.translate(
        "DocumentEditorTexts", "This document no longer exists: it was deleted elsewhere."
    )


def document_error_text(error: FacturierError, client_name: str = "") -> str:
    """One sentence for an error of saving or validating a document."""
    data = error.data
    if error.code == "not_found" and error.detail == "client":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "The client “%1” no longer exists: it was deleted elsewhere. Choose another "
            "client, or create it again with “New client…”. Nothing else was lost.",
        ).replace("%1", client_name)
    if error.code == "not_found":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "This draft no longer exists: it was deleted elsewhere. Press Save to keep what "
            "you typed as a new draft.",
        )
    if error.code == "document.read_only":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "This document was validated elsewhere meanwhile (number %1): it can no longer "
            "be changed. Press Save to keep what you typed as a new draft.",
        ).replace("%1", str(data.get("number", "") or "?"))
    if isinstance(error, ValidationError) and data.get("field") == "lines":
        if "total_limit" in data:
            return QCoreApplication.translate(
                "DocumentEditorTexts",
                "The document's total is beyond what Facturier can store (%1 € excl. VAT): "
                "check the quantities and prices.",
            ).replace("%1", format_amount(Decimal(str(data["total_limit"])), currency=False))
        if "limit" in data:
            return QCoreApplication.translate(
                "DocumentEditorTexts", "A document has at most %1 lines."
            ).replace("%1", str(data["limit"]))
        return QCoreApplication.translate(
            "DocumentEditorTexts", "Add at least one line before validating."
        )
    if isinstance(error, ValidationError) and "row" in data:
        return row_text(int(data["row"]), line_problem_text(error))
    if error.code.startswith("document."):
        return document_problem(error)
    return error_text(error)


def catalogue_error_text(error: FacturierError) -> str:
    """Why a line could not be saved to the catalogue."""
    field = str(error.data.get("field", ""))
    if isinstance(error, ValidationError) and field in ("label", "description"):
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "The catalogue needs a name for the item: the first line of the description "
            "(at most %1 characters).",
        ).replace("%1", str(error.data.get("limit", 200)))
    if isinstance(error, ValidationError) and field:
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The catalogue refuses this line: %1"
        ).replace("%1", line_problem_text(error))
    return error_text(error)
