"""What is wrong with one value of a document line, as a sentence: shown by the line table
(ui/models/line_table.py, line_delegate.py) and by the document editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.formatting import format_amount, format_decimal
from app.errors import ValidationError
from app.services.documents import MAX_AMOUNT
from ui.messages import error_text


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
            "“{value}” is not a number: type digits, with a comma or a dot for decimals (12,5).",
        ).format(value=str(error.data.get("value", "")).strip())
    if reason == "decimals":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "{label} has at most {limit} decimals."
        ).format(label=field_label(field), limit=error.data.get("limit", ""))
    if reason == "total":
        return QCoreApplication.translate(
            "DocumentEditorTexts",
            "The line's total is over {limit}: check the quantity and the unit price.",
        ).format(limit=format_amount(MAX_AMOUNT))
    if field == "quantity":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The quantity must be more than 0 and at most {limit}."
        ).format(limit=limit)
    if field == "unit_price":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The unit price must be between 0 and {limit}."
        ).format(limit=format_amount(MAX_AMOUNT))
    if field == "discount_percent":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The discount must be between 0 and 100 %."
        )
    if field == "vat_rate":
        return QCoreApplication.translate(
            "DocumentEditorTexts", "The VAT rate must be between 0 and 100 %."
        )
    return error_text(error)
