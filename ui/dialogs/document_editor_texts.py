"""Sentences for the document editor: kinds and titles, and its typed errors."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.domain.formatting import format_amount
from app.domain.kinds import DocumentKind, kind_spec
from app.errors import FacturierError, ValidationError
from ui.document_problems import document_problem
from ui.line_problems import line_problem_text
from ui.messages import error_text
from ui.registry_text import kind_title, pick_text


def new_title(kind: DocumentKind) -> str:
    """The window title of a new document ("Nouveau devis", "Nouvelle facture")."""
    return pick_text(kind_spec(kind).new_title)


def draft_title(kind: DocumentKind, client: str) -> str:
    return QCoreApplication.translate("DocumentEditorTexts", "{kind} (draft) – {client}").format(
        kind=kind_title(kind), client=client
    )


def numbered_title(kind: DocumentKind, number: str, client: str) -> str:
    return QCoreApplication.translate("DocumentEditorTexts", "{kind} {number} – {client}").format(
        kind=kind_title(kind), number=number, client=client
    )


def row_text(row: int, message: str) -> str:
    return QCoreApplication.translate("DocumentEditorTexts", "Line {line}: {reason}").format(
        line=row + 1, reason=message
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
        "This document was validated elsewhere meanwhile (number {number}): it can no longer be "
        "changed.",
    ).format(number=number)


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
            "The client “{client}” no longer exists: it was deleted elsewhere. Choose another "
            "client, or create it again with “New client…”. Nothing else was lost.",
        ).format(client=client_name)
    if error.code == "not_found":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "This draft no longer exists: it was deleted elsewhere. Press Save to keep what "
            "you typed as a new draft.",
        )
    if error.code == "document.read_only":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "This document was validated elsewhere meanwhile (number {number}): it can no longer "
            "be changed. Press Save to keep what you typed as a new draft.",
        ).format(number=data.get("number", "") or "?")
    if isinstance(error, ValidationError) and data.get("field") == "lines":
        if "total_limit" in data:
            return QCoreApplication.translate(
                "DocumentEditorTexts",
                "The document's total is beyond what Facturier can store ({limit} € excl. VAT): "
                "check the quantities and prices.",
            ).format(limit=format_amount(Decimal(str(data["total_limit"])), currency=False))
        if "limit" in data:
            return QCoreApplication.translate(
                "DocumentEditorTexts", "A document has at most {limit} lines."
            ).format(limit=data["limit"])
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
            "(at most {limit} characters).",
        ).format(limit=error.data.get("limit", 200))
    if isinstance(error, ValidationError) and field:
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The catalogue refuses this line: {reason}"
        ).format(reason=line_problem_text(error))
    return error_text(error)
