"""Recording an invoice's payment: the date it was paid and how."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class MarkPaidDialog(QDialog):
    """Asks for the payment date (today by default, never in the future) and the method."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markPaidDialog")
        self.setWindowTitle(self.tr("Mark as paid"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Payment of invoice {number}").format(number=number)))
        form = QFormLayout()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("paidOnEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        form.addRow(self.tr("Paid on:"), self.date_edit)
        self.method = QComboBox()
        self.method.setObjectName("paymentMethodBox")
        self.method.setEditable(True)
        self.method.addItems(
            [
                self.tr("Bank transfer"),
                self.tr("Cheque"),
                self.tr("Card"),
                self.tr("Cash"),
                self.tr("Direct debit"),
            ]
        )
        line = self.method.lineEdit()
        if line is not None:
            line.setMaxLength(40)  # the database's limit
        form.addRow(self.tr("Method:"), self.method)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def paid_on(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def method_text(self) -> str:
        return self.method.currentText().strip()
