"""Sentences for the typed errors of document actions (convert, credit note, payment…)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject

from app.domain.formatting import format_amount
from app.errors import FacturierError
from ui.messages import error_text
from ui.registry_text import kind_title


class DocumentProblems(QObject):
    """The sentences (a QObject so that Qt's extractor sees each ``self.tr``)."""

    def text(self, error: FacturierError) -> str:
        data = error.data
        code = error.code
        if code == "document.draft":
            return self.tr("This document is still a draft: validate it first.")
        if code == "document.read_only":
            return self.tr(
                "Document {number} is validated: it can no longer be changed or deleted. "
                "An invoice is cancelled by a credit note."
            ).format(number=data.get("number", ""))
        if code == "document.conversion":
            return self.tr("This conversion is not possible: {kind} → {target}.").format(
                kind=kind_title(str(data.get("kind", ""))),
                target=kind_title(str(data.get("target", ""))),
            )
        if code == "document.wrong_kind":
            return self.tr(
                "This action is not possible for this kind of document ({kind})."
            ).format(kind=kind_title(str(data.get("kind", ""))))
        if code == "document.cancelled":
            credit_notes = data.get("credit_notes", ())
            numbers = ", ".join(str(n) for n in credit_notes) if credit_notes else ""
            return self.tr(
                "Invoice {number} is already fully cancelled by credit note {credit_notes}."
            ).format(number=data.get("number", ""), credit_notes=numbers)
        if code == "document.credit_exceeds":
            remaining = data.get("remaining")
            return self.tr(
                "This credit note refunds more than what is left of invoice {number}: "
                "at most {remaining} excl. VAT can still be credited. Remove or reduce lines."
            ).format(
                number=data.get("number", ""),
                remaining=format_amount(Decimal(str(remaining))) if remaining else "0",
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


def document_problem(error: FacturierError) -> str:
    return DocumentProblems().text(error)
