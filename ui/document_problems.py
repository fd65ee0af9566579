"""Sentences for the typed errors of document actions (convert, credit note, payment…)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject

from app.domain.formatting import format_amount
from app.domain.kinds import DocumentKind
from app.errors import FacturierError
from ui.messages import error_text


class DocumentProblems(QObject):
    """The sentences (a QObject so that Qt's extractor sees each ``self.tr``)."""

    def kind_title(self, kind: DocumentKind | str) -> str:
        names = {
            DocumentKind.INVOICE: self.tr("Invoice"),
            DocumentKind.QUOTE: self.tr("Quote"),
            DocumentKind.ORDER: self.tr("Order"),
            DocumentKind.DELIVERY: self.tr("Delivery note"),
            DocumentKind.CREDIT_NOTE: self.tr("Credit note"),
        }
        try:
            return names[DocumentKind(kind)]
        except ValueError:
            return str(kind)

    def text(self, error: FacturierError) -> str:
        data = error.data
        code = error.code
        if code == "document.draft":
            return self.tr("This document is still a draft: validate it first.")
        if code == "document.read_only":
            return self.tr(
                "Document %1 is validated: it can no longer be changed or deleted. "
                "An invoice is cancelled by a credit note."
            ).replace("%1", str(data.get("number", "")))
        if code == "document.conversion":
            return (
                self.tr("This conversion is not possible: %1 → %2.")
                .replace("%1", self.kind_title(str(data.get("kind", ""))))
                .replace("%2", self.kind_title(str(data.get("target", ""))))
            )
        if code == "document.wrong_kind":
            return self.tr("This action is not possible for this kind of document (%1).").replace(
                "%1", self.kind_title(str(data.get("kind", "")))
            )
        if code == "document.cancelled":
            credit_notes = data.get("credit_notes", ())
            numbers = ", ".join(str(n) for n in credit_notes) if credit_notes else ""
            return (
                self.tr("Invoice %1 is already fully cancelled by credit note %2.")
                .replace("%1", str(data.get("number", "")))
                .replace("%2", numbers)
            )
        if code == "document.credit_exceeds":
            remaining = data.get("remaining")
            return (
                self.tr(
                    "This credit note refunds more than what is left of invoice %1: "
                    "at most %2 excl. VAT can still be credited. Remove or reduce lines."
                )
                .replace("%1", str(data.get("number", "")))
                .replace("%2", format_amount(Decimal(str(remaining))) if remaining else "0")
            )
        if code == "not_found":
            if data.get("what") == "client":
                return self.tr(
                    "The client of this document no longer exists: it was deleted elsewhere."
                )
            return self.tr("This document no longer exists: it was deleted elsewhere.")
        if code == "invalid" and data.get("field") == "payment_method":
            return self.tr("The payment method is too long or holds a line break.")
        return error_text(error)


def kind_title(kind: DocumentKind | str) -> str:
    """The kind as a title ("Invoice", "Delivery note"): used alone, never inside a
    sentence, so that no article has to agree with it in French."""
    return DocumentProblems().kind_title(kind)


def document_problem(error: FacturierError) -> str:
    return DocumentProblems().text(error)
