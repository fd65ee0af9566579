"""Widgets for the e-invoicing reform's data, shared by the client editor, the company
settings and the document editor: the operation category's choice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from app.domain.reform import OperationCategory


def category_label(category: OperationCategory) -> str:
    labels = {
        OperationCategory.GOODS: QCoreApplication.translate("Reform", "Delivery of goods"),
        OperationCategory.SERVICES: QCoreApplication.translate("Reform", "Provision of services"),
        OperationCategory.MIXED: QCoreApplication.translate("Reform", "Goods and services"),
    }
    return labels[category]


def category_combo(none_label: str) -> QComboBox:
    """A choice of category; the first item (data "") says what None stands for: the
    company's default, the client's, or "not chosen yet"."""
    combo = QComboBox()
    combo.addItem(none_label, "")
    for category in OperationCategory:
        combo.addItem(category_label(category), str(category))
    return combo


def category_of(combo: QComboBox) -> OperationCategory | None:
    value = str(combo.currentData() or "")
    return OperationCategory(value) if value else None


def set_category(combo: QComboBox, category: OperationCategory | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(str(category or ""))))
